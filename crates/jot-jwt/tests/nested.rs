//! Nested JWTs (RFC 7519 sections 5.2, 7.2 and 11.2): signed, then
//! encrypted. Round trips for every signing algorithm under a
//! representative set of key management and content algorithms, with
//! proptest-generated claims; `cty` matching; each layer's own accepted
//! algorithms; and the policy for a JWE that carries bare claims.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::OnceLock;

use jot_core::Secret;
use jot_core::alg::{Curve, JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_core::json::{Object, Value};
use jot_jwe::{Decrypter, JweBuilder};
use jot_jwk::{DecryptingKey, EncryptingKey, KeySpec, SigningKey, VerifyingKey};
use jot_jws::JwsBuilder;
use jot_jwt::{Audience, Error, FixedClock, Jwk, JwtBuilder, NumericDate, Validation};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde::Deserialize;
use serde_json::json;

const NOW: i64 = 1_700_000_000;

/// One RSA key for every RS*/PS* algorithm and one for RSA-OAEP*: key
/// generation is slow, so each is made once per test binary.
fn rsa_signing() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap())
}

fn rsa_encryption() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap())
}

/// A signing key and its public verifying key.
fn signing_pair(alg: JwsAlgorithm) -> (SigningKey, VerifyingKey) {
    let jwk = match alg {
        JwsAlgorithm::RS256
        | JwsAlgorithm::RS384
        | JwsAlgorithm::RS512
        | JwsAlgorithm::PS256
        | JwsAlgorithm::PS384
        | JwsAlgorithm::PS512 => rsa_signing().clone(),
        other => Jwk::generate_for_jws(other).unwrap(),
    };
    let public = jwk.to_public().unwrap_or_else(|| jwk.clone());
    (jwk.signing_key(alg).unwrap(), public.verifying_key(alg).unwrap())
}

/// A recipient: key management and content algorithm, both halves of the
/// key, and the PBES2 count to use.
struct Recipient {
    name: &'static str,
    enc: JweEncryption,
    encrypting: EncryptingKey,
    decrypting: DecryptingKey,
    p2c: Option<u32>,
}

impl Recipient {
    fn new(name: &'static str, jwk: &Jwk, alg: JweAlgorithm, enc: JweEncryption) -> Self {
        let public = jwk.to_public().unwrap_or_else(|| jwk.clone());
        Self {
            name,
            enc,
            encrypting: public.encrypting_key(alg).unwrap(),
            decrypting: jwk.decrypting_key(alg).unwrap(),
            p2c: alg.is_pbes2().then_some(1000),
        }
    }

    fn builder(&self) -> JweBuilder<'_> {
        let b = JweBuilder::new(self.enc).recipient(&self.encrypting);
        match self.p2c {
            Some(n) => b.p2c(n),
            None => b,
        }
    }

    fn decrypter(&self) -> Decrypter {
        Decrypter::new(self.decrypting.clone(), &[self.enc])
    }
}

fn password() -> Jwk {
    Jwk::from_secret(Secret::new(b"correct horse battery staple".to_vec())).unwrap()
}

/// The representative set of key management and content algorithms.
fn recipients() -> Vec<Recipient> {
    use JweAlgorithm as A;
    use JweEncryption as E;
    vec![
        Recipient::new("RSA-OAEP-256+A256GCM", rsa_encryption(), A::RsaOaep256, E::A256Gcm),
        Recipient::new(
            "ECDH-ES+A128KW+A128CBC-HS256",
            &Jwk::generate_for_jwe(A::EcdhEsA128Kw, None).unwrap(),
            A::EcdhEsA128Kw,
            E::A128CbcHs256,
        ),
        Recipient::new(
            "ECDH-ES(X25519)+A256GCM",
            &Jwk::generate(KeySpec::Okp(Curve::X25519)).unwrap(),
            A::EcdhEs,
            E::A256Gcm,
        ),
        Recipient::new("A256KW+A192GCM", &Jwk::generate_for_jwe(A::A256Kw, None).unwrap(), A::A256Kw, E::A192Gcm),
        Recipient::new(
            "dir+A256CBC-HS512",
            &Jwk::generate_for_jwe(A::Dir, Some(E::A256CbcHs512)).unwrap(),
            A::Dir,
            E::A256CbcHs512,
        ),
        Recipient::new("PBES2-HS256+A128KW+A128GCM", &password(), A::Pbes2Hs256A128Kw, E::A128Gcm),
    ]
}

/// Generated claims: registered and custom.
#[derive(Clone, Debug)]
struct Claims {
    iss: String,
    sub: String,
    aud: Vec<String>,
    lifetime: i64,
    number: i64,
    flag: bool,
    text: String,
}

fn claims_strategy() -> impl Strategy<Value = Claims> {
    (
        "https://[a-z]{1,10}\\.example",
        "\\PC{1,16}",
        proptest::collection::vec("[a-zA-Z0-9:/._-]{1,12}", 1..4),
        1i64..1_000_000,
        any::<i64>(),
        any::<bool>(),
        "\\PC{0,24}",
    )
        .prop_map(|(iss, sub, aud, lifetime, number, flag, text)| Claims {
            iss,
            sub,
            aud,
            lifetime,
            number,
            flag,
            text,
        })
}

/// The caller's view of the same claims.
#[derive(Debug, Deserialize)]
struct Typed {
    sub: String,
    n: i64,
    flag: bool,
    text: String,
}

#[test]
fn nested_round_trips_for_every_signing_algorithm() {
    let signers: Vec<_> = JwsAlgorithm::ALL.iter().map(|&alg| (alg, signing_pair(alg))).collect();
    let recipients = recipients();
    assert_eq!(signers.len(), JwsAlgorithm::ALL.len());

    let mut runner = TestRunner::new(Config { cases: 6, failure_persistence: None, ..Config::default() });
    runner
        .run(&claims_strategy(), |c| {
            for (alg, (signing, verifying)) in &signers {
                for r in &recipients {
                    let label = format!("{alg} in {}", r.name);
                    let token = JwtBuilder::with_clock(&FixedClock(NOW))
                        .issuer(&c.iss)
                        .subject(&c.sub)
                        .audiences(&c.aud)
                        .expires_in(std::time::Duration::from_secs(c.lifetime.unsigned_abs()))
                        .claim("n", c.number)
                        .claim("flag", c.flag)
                        .claim("text", c.text.as_str())
                        .sign_and_encrypt(signing, r.builder())
                        .unwrap();
                    prop_assert_eq!(token.split('.').count(), 5, "{}", label);

                    let v = Validation::from_key(verifying.clone())
                        .decrypt_with(r.decrypter())
                        .clock(FixedClock(NOW))
                        .issuer(c.iss.clone())
                        .audience(c.aud[c.aud.len() - 1].clone())
                        .subject(c.sub.clone())
                        .typ("JWT");
                    let jwt = v.verify::<Typed>(&token);
                    prop_assert!(jwt.is_ok(), "{}: {:?}", label, jwt.err());
                    let jwt = jwt.unwrap();
                    let reg = jwt.registered();
                    prop_assert_eq!(reg.iss.as_deref(), Some(c.iss.as_str()), "{}", label);
                    prop_assert_eq!(reg.aud.clone(), Some(Audience::Many(c.aud.clone())), "{}", label);
                    prop_assert_eq!(reg.exp, Some(NumericDate::from_secs(NOW + c.lifetime)), "{}", label);
                    prop_assert_eq!(reg.iat, Some(NumericDate::from_secs(NOW)), "{}", label);
                    prop_assert_eq!(jwt.header().and_then(|h| h.alg()), Some(*alg), "{}", label);
                    let t = jwt.claims();
                    prop_assert_eq!(&t.sub, &c.sub, "{}", label);
                    prop_assert_eq!((t.n, t.flag, &t.text), (c.number, c.flag, &c.text), "{}", label);

                    // Past exp, the nested token is expired like any other.
                    let later = v.clone().clock(FixedClock(NOW + c.lifetime + 60));
                    prop_assert_eq!(later.verify_claims(&token).unwrap_err(), Error::Expired, "{}", label);
                }
            }
            Ok(())
        })
        .unwrap();
}

/// An ES256-signed JWT and an A256KW recipient, for the policy tests.
struct Fixture {
    signing: SigningKey,
    validation: Validation,
    kek: Recipient,
}

impl Fixture {
    fn new() -> Self {
        let (signing, verifying) = signing_pair(JwsAlgorithm::ES256);
        let kek = Recipient::new(
            "A256KW",
            &Jwk::generate_for_jwe(JweAlgorithm::A256Kw, None).unwrap(),
            JweAlgorithm::A256Kw,
            JweEncryption::A256Gcm,
        );
        let validation = Validation::from_key(verifying).decrypt_with(kek.decrypter()).clock(FixedClock(NOW));
        Self { signing, validation, kek }
    }

    fn signed(&self) -> String {
        JwtBuilder::with_clock(&FixedClock(NOW)).subject("alice").expires_at(NOW + 60).sign(&self.signing).unwrap()
    }
}

fn check(v: &Validation, token: &str) -> Result<(), Error> {
    v.verify_claims(token).map(drop)
}

#[test]
fn cty_jwt_is_matched_case_insensitively() {
    let f = Fixture::new();
    let inner = f.signed();
    for cty in ["JWT", "jwt", "Jwt", "application/jwt", "application/JWT", "APPLICATION/JWT"] {
        let token = f.kek.builder().cty(cty).compact(inner.as_bytes()).unwrap();
        let jwt = f.validation.verify_claims(&token);
        assert!(jwt.is_ok(), "cty {cty}: {jwt:?}");
        assert_eq!(jwt.unwrap().registered().sub.as_deref(), Some("alice"));
    }
    // Anything else is not a nested JWT, so it is a JWE of bare content.
    for cty in ["at+jwt", "application/json", "JWS", "JWTX", "application/", "x/jwt"] {
        let token = f.kek.builder().cty(cty).compact(inner.as_bytes()).unwrap();
        assert_eq!(check(&f.validation, &token), Err(Error::UnsignedJwe), "cty {cty}");
    }
    let no_cty = f.kek.builder().compact(inner.as_bytes()).unwrap();
    assert_eq!(check(&f.validation, &no_cty), Err(Error::UnsignedJwe));
}

#[test]
fn the_inner_token_is_verified_and_validated() {
    let f = Fixture::new();
    let nest = |inner: &str| f.kek.builder().cty("JWT").compact(inner.as_bytes()).unwrap();
    let claims = json!({ "sub": "alice", "exp": NOW + 60 }).to_string();

    // Signed by another key.
    let (other, _) = signing_pair(JwsAlgorithm::ES256);
    let forged = JwsBuilder::new(&other).kid(None).typ("JWT").compact(claims.as_bytes()).unwrap();
    assert_eq!(check(&f.validation, &nest(&forged)), Err(Error::Jws(jot_jws::Error::InvalidSignature)));

    // alg none inside a genuine encryption.
    let none = jot_jws::dangerous::encode_unsecured(claims.as_bytes(), Object::new());
    assert_eq!(check(&f.validation, &nest(&none)), Err(Error::Jws(jot_jws::Error::Unsecured)));

    // An expired inner token.
    let expired = JwtBuilder::with_clock(&FixedClock(NOW - 3600)).expires_at(NOW - 3000).sign(&f.signing).unwrap();
    assert_eq!(check(&f.validation, &nest(&expired)), Err(Error::Expired));

    // The typ rule applies to the inner JWT.
    let untyped = JwtBuilder::with_clock(&FixedClock(NOW)).without_typ().expires_at(NOW + 60).sign(&f.signing).unwrap();
    assert_eq!(check(&f.validation.clone().typ("JWT"), &nest(&untyped)), Err(Error::InvalidType));
    assert_eq!(check(&f.validation.clone().typ("JWT"), &nest(&f.signed())), Ok(()));

    // cty JWT over content that is not a compact JWS.
    assert_eq!(check(&f.validation, &nest(&claims)), Err(Error::NotCompact));
    let double = nest(&f.signed());
    assert_eq!(check(&f.validation, &nest(&double)), Err(Error::NotCompact), "a JWE inside a JWE");
    let flattened = JwsBuilder::new(&f.signing).flattened(claims.as_bytes()).unwrap();
    assert_eq!(check(&f.validation, &nest(&flattened)), Err(Error::NotCompact));

    // The outer layer is authenticated too.
    let token = nest(&f.signed());
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let tag = parts[4].clone();
    parts[4] = format!("{}{}", if tag.starts_with('A') { "B" } else { "A" }, &tag[1..]);
    assert_eq!(check(&f.validation, &parts.join(".")), Err(Error::Jwe(jot_jwe::Error::DecryptionFailed)));
}

#[test]
fn each_layer_has_its_own_algorithms() {
    let f = Fixture::new();
    let token = f.kek.builder().cty("JWT").compact(f.signed().as_bytes()).unwrap();
    assert_eq!(check(&f.validation, &token), Ok(()));

    // Content algorithm not accepted by the decrypter.
    let other_enc = Decrypter::new(f.kek.decrypting.clone(), &[JweEncryption::A128Gcm]);
    assert_eq!(
        check(&f.validation.clone().decrypt_with(other_enc), &token),
        Err(Error::Jwe(jot_jwe::Error::AlgorithmNotAllowed))
    );

    // A decrypter whose keys are for another key management algorithm.
    let ecdh = Jwk::generate_for_jwe(JweAlgorithm::EcdhEsA256Kw, None).unwrap();
    let wrong_kek = Decrypter::new(ecdh.decrypting_key(JweAlgorithm::EcdhEsA256Kw).unwrap(), &[JweEncryption::A256Gcm]);
    assert_eq!(
        check(&f.validation.clone().decrypt_with(wrong_kek), &token),
        Err(Error::Jwe(jot_jwe::Error::AlgorithmNotAllowed))
    );

    // The inner signature's algorithm must be the verifier's: an ES384
    // verifier refuses the ES256 inner token.
    let (_, es384) = signing_pair(JwsAlgorithm::ES384);
    let v = Validation::from_key(es384).decrypt_with(f.kek.decrypter()).clock(FixedClock(NOW));
    assert_eq!(check(&v, &token), Err(Error::Jws(jot_jws::Error::AlgorithmNotAllowed)));

    // Without a decrypter, a JWE is not accepted at all.
    let (_, es256) = signing_pair(JwsAlgorithm::ES256);
    let signed_only = Validation::from_key(es256).clock(FixedClock(NOW));
    assert_eq!(check(&signed_only, &token), Err(Error::UnexpectedJwe));

    // With a decrypter, a plain signed JWT is still read.
    assert_eq!(check(&f.validation, &f.signed()), Ok(()));
}

#[test]
fn a_jwe_of_bare_claims_is_refused_unless_allowed_and_symmetric() {
    use JweAlgorithm as A;
    use JweEncryption as E;
    let (signing, verifying) = signing_pair(JwsAlgorithm::ES256);
    let base = Validation::from_key(verifying).clock(FixedClock(NOW));
    let claims = json!({ "sub": "alice", "exp": NOW + 60 }).to_string();
    let signed = JwtBuilder::with_clock(&FixedClock(NOW)).expires_at(NOW + 60).sign(&signing).unwrap();

    let symmetric = [
        Recipient::new("dir", &Jwk::generate_for_jwe(A::Dir, Some(E::A128Gcm)).unwrap(), A::Dir, E::A128Gcm),
        Recipient::new("A128KW", &Jwk::generate_for_jwe(A::A128Kw, None).unwrap(), A::A128Kw, E::A128Gcm),
        Recipient::new("A256KW", &Jwk::generate_for_jwe(A::A256Kw, None).unwrap(), A::A256Kw, E::A256CbcHs512),
        Recipient::new("A192GCMKW", &Jwk::generate_for_jwe(A::A192GcmKw, None).unwrap(), A::A192GcmKw, E::A256Gcm),
        Recipient::new("PBES2", &password(), A::Pbes2Hs512A256Kw, E::A256Gcm),
    ];
    for r in &symmetric {
        let token = r.builder().compact(claims.as_bytes()).unwrap();
        let v = base.clone().decrypt_with(r.decrypter());
        assert_eq!(check(&v, &token), Err(Error::UnsignedJwe), "{} by default", r.name);

        let allowed = v.allow_unsigned_jwe();
        let jwt = allowed.verify_claims(&token);
        assert!(jwt.is_ok(), "{} when allowed: {jwt:?}", r.name);
        let jwt = jwt.unwrap();
        assert_eq!(jwt.registered().sub.as_deref(), Some("alice"));
        assert!(jwt.header().is_none(), "no JWS header for an unsigned JWE");

        // The claim rules still apply.
        let expired = r.builder().compact(json!({ "exp": NOW - 3600 }).to_string().as_bytes()).unwrap();
        assert_eq!(check(&allowed, &expired), Err(Error::Expired), "{}", r.name);
        let dup = r.builder().compact(br#"{"exp":1,"exp":2}"#).unwrap();
        assert_eq!(check(&allowed, &dup), Err(Error::Claims(jot_core::JsonError::DuplicateMember)), "{}", r.name);
        // typ is the JWE's when there is no JWS.
        assert_eq!(check(&allowed.clone().typ("JWT"), &token), Err(Error::InvalidType), "{}", r.name);
        let typed = r.builder().typ("JWT").compact(claims.as_bytes()).unwrap();
        assert_eq!(check(&allowed.typ("JWT"), &typed), Ok(()), "{}", r.name);
    }

    // Public-key key management: anyone holding the public key can make one,
    // so it is never accepted as a token.
    let x25519 = Jwk::generate(KeySpec::Okp(Curve::X25519)).unwrap();
    let p256 = Jwk::generate_for_jwe(A::EcdhEs, None).unwrap();
    let p384 = Jwk::generate(KeySpec::Ec(Curve::P384)).unwrap();
    let public_key = [
        Recipient::new("RSA-OAEP", rsa_encryption(), A::RsaOaep, E::A128Gcm),
        Recipient::new("RSA-OAEP-256", rsa_encryption(), A::RsaOaep256, E::A256Gcm),
        Recipient::new("RSA-OAEP-512", rsa_encryption(), A::RsaOaep512, E::A256Gcm),
        Recipient::new("ECDH-ES", &p256, A::EcdhEs, E::A128Gcm),
        Recipient::new("ECDH-ES X25519", &x25519, A::EcdhEs, E::A256Gcm),
        Recipient::new("ECDH-ES+A256KW", &p384, A::EcdhEsA256Kw, E::A128CbcHs256),
    ];
    for r in &public_key {
        let token = r.builder().compact(claims.as_bytes()).unwrap();
        let v = base.clone().decrypt_with(r.decrypter());
        assert_eq!(check(&v, &token), Err(Error::UnsignedJwe), "{} by default", r.name);
        assert_eq!(check(&v.clone().allow_unsigned_jwe(), &token), Err(Error::UnsignedJwe), "{} allowed", r.name);

        // The same key management carrying a signed JWT is fine.
        let nested = r.builder().cty("JWT").compact(signed.as_bytes()).unwrap();
        assert_eq!(check(&v, &nested), Ok(()), "{} nested", r.name);
    }
}

/// `JwtBuilder::encrypt` issues a JWE of bare claims: accepted only with
/// `allow_unsigned_jwe`, and only made with symmetric key management.
#[test]
fn the_builder_encrypts_without_signing() {
    use JweAlgorithm as A;
    use JweEncryption as E;
    let builder = JwtBuilder::with_clock(&FixedClock(NOW)).subject("alice").audience("api").expires_at(NOW + 60);
    let symmetric = [
        Recipient::new("dir", &Jwk::generate_for_jwe(A::Dir, Some(E::A256Gcm)).unwrap(), A::Dir, E::A256Gcm),
        Recipient::new("A128KW", &Jwk::generate_for_jwe(A::A128Kw, None).unwrap(), A::A128Kw, E::A128CbcHs256),
        Recipient::new("A256GCMKW", &Jwk::generate_for_jwe(A::A256GcmKw, None).unwrap(), A::A256GcmKw, E::A128Gcm),
        Recipient::new("PBES2", &password(), A::Pbes2Hs256A128Kw, E::A256Gcm),
    ];
    for r in &symmetric {
        let token = builder.encrypt(r.builder()).unwrap();
        assert_eq!(token.split('.').count(), 5, "{}", r.name);
        let v = Validation::claims_only().clock(FixedClock(NOW)).audience("api").typ("JWT").decrypt_with(r.decrypter());
        assert_eq!(check(&v, &token), Err(Error::UnsignedJwe), "{} by default", r.name);
        let jwt = v.allow_unsigned_jwe().verify_claims(&token).unwrap();
        assert_eq!(jwt.registered().sub.as_deref(), Some("alice"), "{}", r.name);
        assert_eq!(jwt.registered().iat, Some(NumericDate::from_secs(NOW)), "{}", r.name);
        assert!(jwt.header().is_none(), "{}", r.name);
    }

    let public_key = [
        Recipient::new("RSA-OAEP-256", rsa_encryption(), A::RsaOaep256, E::A256Gcm),
        Recipient::new("ECDH-ES", &Jwk::generate_for_jwe(A::EcdhEs, None).unwrap(), A::EcdhEs, E::A128Gcm),
        Recipient::new(
            "ECDH-ES+A128KW",
            &Jwk::generate_for_jwe(A::EcdhEsA128Kw, None).unwrap(),
            A::EcdhEsA128Kw,
            E::A128Gcm,
        ),
    ];
    for r in &public_key {
        assert!(matches!(builder.encrypt(r.builder()), Err(Error::ApiMisuse(_))), "{}", r.name);
    }

    // JWS header parameters have no place in it: refused, not dropped.
    let r = &symmetric[1];
    for b in [JwtBuilder::new().kid("k1"), JwtBuilder::new().cty("x"), JwtBuilder::new().header("x5t", "a")] {
        assert!(matches!(b.encrypt(r.builder()), Err(Error::ApiMisuse(_))));
    }
}

#[test]
fn nested_with_the_builder_sets_cty() {
    let f = Fixture::new();
    let token = JwtBuilder::with_clock(&FixedClock(NOW))
        .subject("alice")
        .expires_at(NOW + 60)
        .claim("nested", Value::from(true))
        .sign_and_encrypt(&f.signing, f.kek.builder())
        .unwrap();
    let jwt = f.validation.verify_claims(&token).unwrap();
    assert_eq!(jwt.claims().get("nested"), Some(&Value::Bool(true)));
    assert_eq!(jwt.header().and_then(|h| h.typ()), Some("JWT"));
    assert_eq!(jwt.header().and_then(|h| h.alg()), Some(JwsAlgorithm::ES256));
}
