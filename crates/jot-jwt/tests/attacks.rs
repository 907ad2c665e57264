//! Known attacks on JWT verifiers (RFC 8725 sections 2 and 3), each with
//! the exact error it must meet: `alg: none`, HMAC keyed with an RSA public
//! key, a `kid` shared with another key, a modified claim, a key embedded in
//! the header, a JSON serialization or `b64: false` passed off as a JWT, and
//! a JWE made with the verifier's public key. Also what
//! `dangerous::decode_unverified` shows for forged tokens.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_core::json::{Object, Value};
use jot_core::{JsonError, Secret, base64url};
use jot_jwe::{Decrypter, JweBuilder};
use jot_jwk::KeySpec;
use jot_jwk::pem::DerFormat;
use jot_jws::JwsBuilder;
use jot_jwt::{Error, FixedClock, Jwk, JwkSet, JwtBuilder, Validation, dangerous};
use proptest::prelude::*;
use serde_json::json;

const NOW: i64 = 1_700_000_000;

fn claims() -> String {
    json!({ "sub": "alice", "role": "user", "exp": NOW + 60 }).to_string()
}

fn es256() -> (Jwk, Validation) {
    let key = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let v = Validation::from_key(key.to_public().unwrap().verifying_key(JwsAlgorithm::ES256).unwrap())
        .clock(FixedClock(NOW));
    (key, v)
}

fn sign(key: &Jwk, alg: JwsAlgorithm, payload: &str) -> String {
    JwsBuilder::new(&key.signing_key(alg).unwrap()).typ("JWT").compact(payload.as_bytes()).unwrap()
}

fn check(v: &Validation, token: &str) -> Result<(), Error> {
    v.verify_claims(token).map(drop)
}

#[test]
fn alg_none_is_refused() {
    let (key, v) = es256();
    let mut header = Object::new();
    header.insert("typ", "JWT");
    let unsecured = dangerous_none(&claims(), header.clone());
    assert_eq!(check(&v, &unsecured), Err(Error::Jws(jot_jws::Error::Unsecured)));

    // With the signature of a real token pasted on, still none.
    let real = sign(&key, JwsAlgorithm::ES256, &claims());
    let with_sig = format!("{unsecured}{}", real.rsplit('.').next().unwrap());
    assert_eq!(check(&v, &with_sig), Err(Error::Jws(jot_jws::Error::Unsecured)));

    // Other spellings are not registered names at all.
    for alg in ["None", "NONE", "nOnE"] {
        let forged = forge(&json!({ "alg": alg, "typ": "JWT" }).to_string(), &claims(), "");
        assert_eq!(check(&v, &forged), Err(Error::Jws(jot_jws::Error::UnsupportedAlgorithm)), "{alg}");
    }

    // Also with an HMAC validation and with a JWK Set offering everything.
    let hs = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    let set = JwkSet::from_keys(vec![key.to_public().unwrap()]);
    let everything = Validation::from_jwk_set(&set, JwsAlgorithm::ALL).unwrap().clock(FixedClock(NOW));
    assert_eq!(check(&everything, &unsecured), Err(Error::Jws(jot_jws::Error::Unsecured)));
    let secrets = JwkSet::from_keys(vec![hs.clone()]);
    let everything = Validation::from_secret_jwk_set(&secrets, JwsAlgorithm::ALL).unwrap().clock(FixedClock(NOW));
    assert_eq!(check(&everything, &unsecured), Err(Error::Jws(jot_jws::Error::Unsecured)));
}

fn dangerous_none(payload: &str, header: Object) -> String {
    jot_jws::dangerous::encode_unsecured(payload.as_bytes(), header)
}

/// A compact token from raw header and payload JSON and a raw signature
/// segment.
fn forge(header: &str, payload: &str, signature: &str) -> String {
    format!("{}.{}.{signature}", base64url::encode(header), base64url::encode(payload))
}

/// The classic confusion: the attacker signs HS256 with the RSA public key
/// (PEM or JWK text) as the HMAC secret, hoping the verifier feeds its
/// public key to HMAC.
#[test]
fn hmac_keyed_with_the_rsa_public_key_is_refused() {
    let rsa = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let public = rsa.to_public().unwrap();
    let v = Validation::from_key(public.verifying_key(JwsAlgorithm::RS256).unwrap()).clock(FixedClock(NOW));

    // The real token verifies.
    assert_eq!(check(&v, &sign(&rsa, JwsAlgorithm::RS256, &claims())), Ok(()));

    let secrets = [
        public.to_pem(DerFormat::Spki).unwrap(),
        public.to_pem(DerFormat::Pkcs1Public).unwrap(),
        public.to_json(),
        public.to_pem(DerFormat::Spki).unwrap().trim_end().to_owned(),
    ];
    for secret in secrets {
        let hmac = Jwk::from_secret(Secret::new(secret.into_bytes())).unwrap();
        let forged = sign(&hmac, JwsAlgorithm::HS256, &claims());
        assert_eq!(check(&v, &forged), Err(Error::Jws(jot_jws::Error::AlgorithmNotAllowed)));

        // A key set listing HS256 among the algorithms does not help: the
        // RSA key cannot be bound to HMAC.
        let set = JwkSet::from_keys(vec![public.clone()]);
        let lax =
            Validation::from_jwk_set(&set, &[JwsAlgorithm::RS256, JwsAlgorithm::HS256]).unwrap().clock(FixedClock(NOW));
        assert_eq!(check(&lax, &forged), Err(Error::Jws(jot_jws::Error::AlgorithmNotAllowed)));
    }
    assert!(public.verifying_key(JwsAlgorithm::HS256).is_err());
}

#[test]
fn a_key_with_the_same_kid_does_not_verify() {
    let mut good = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let mut evil = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    good.set_kid("2024-01");
    evil.set_kid("2024-01");
    let forged = sign(&evil, JwsAlgorithm::ES256, &claims());
    let (_, payload) = dangerous::decode_unverified(&forged).unwrap();
    assert_eq!(payload.get("sub"), Some(&Value::from("alice")));

    let v = Validation::from_key(good.to_public().unwrap().verifying_key(JwsAlgorithm::ES256).unwrap())
        .clock(FixedClock(NOW));
    assert_eq!(check(&v, &forged), Err(Error::Jws(jot_jws::Error::InvalidSignature)));
    assert_eq!(check(&v, &sign(&good, JwsAlgorithm::ES256, &claims())), Ok(()));

    // The same through a JWK Set.
    let set = JwkSet::from_keys(vec![good.to_public().unwrap()]);
    let v = Validation::from_jwk_set(&set, &[JwsAlgorithm::ES256]).unwrap().clock(FixedClock(NOW));
    assert_eq!(check(&v, &forged), Err(Error::Jws(jot_jws::Error::InvalidSignature)));
}

#[test]
fn a_modified_claim_is_refused() {
    let (key, v) = es256();
    let token = JwtBuilder::with_clock(&FixedClock(NOW))
        .subject("alice")
        .claim("role", "user")
        .expires_at(NOW + 60)
        .sign(&key.signing_key(JwsAlgorithm::ES256).unwrap())
        .unwrap();
    assert_eq!(check(&v, &token), Ok(()));

    let parts: Vec<&str> = token.split('.').collect();
    let payload = String::from_utf8(base64url::decode(parts[1]).unwrap()).unwrap();
    for (from, to) in [
        (r#""role":"user""#, r#""role":"admin""#),
        (r#""sub":"alice""#, r#""sub":"bob""#),
        (&*format!(r#""exp":{}"#, NOW + 60), &*format!(r#""exp":{}"#, NOW + 86_400)),
    ] {
        assert!(payload.contains(from), "{payload}");
        let changed = payload.replace(from, to);
        let forged = format!("{}.{}.{}", parts[0], base64url::encode(&changed), parts[2]);
        assert_eq!(check(&v, &forged), Err(Error::Jws(jot_jws::Error::InvalidSignature)), "{to}");
    }

    // A changed header (typ) also breaks the signature.
    let header = String::from_utf8(base64url::decode(parts[0]).unwrap()).unwrap();
    let forged = format!("{}.{}.{}", base64url::encode(header.replace("JWT", "jwt")), parts[1], parts[2]);
    assert_eq!(check(&v, &forged), Err(Error::Jws(jot_jws::Error::InvalidSignature)));

    // A signature from another token does not fit.
    let other = JwtBuilder::with_clock(&FixedClock(NOW))
        .subject("bob")
        .expires_at(NOW + 60)
        .sign(&key.signing_key(JwsAlgorithm::ES256).unwrap())
        .unwrap();
    let spliced = format!("{}.{}.{}", parts[0], parts[1], other.rsplit('.').next().unwrap());
    assert_eq!(check(&v, &spliced), Err(Error::Jws(jot_jws::Error::InvalidSignature)));
}

/// A token carrying its own key in `jwk` (RFC 8725 3.10): the verifier uses
/// its configured key, never the embedded one.
#[test]
fn an_embedded_jwk_is_not_trusted() {
    let (_, v) = es256();
    let evil = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let evil_public = evil.to_public().unwrap();
    let embedded = jot_core::json::parse_object(evil_public.to_json().as_bytes(), &Default::default()).unwrap();
    let forged = JwsBuilder::new(&evil.signing_key(JwsAlgorithm::ES256).unwrap())
        .kid(None)
        .typ("JWT")
        .header("jwk", embedded)
        .unwrap()
        .compact(claims().as_bytes())
        .unwrap();
    assert_eq!(check(&v, &forged), Err(Error::Jws(jot_jws::Error::InvalidSignature)));

    // Key URLs in the header are not fetched or followed either.
    for (name, url) in [("jku", "https://evil.example/jwks.json"), ("x5u", "https://evil.example/cert.pem")] {
        let forged = JwsBuilder::new(&evil.signing_key(JwsAlgorithm::ES256).unwrap())
            .kid(None)
            .header(name, url)
            .unwrap()
            .compact(claims().as_bytes())
            .unwrap();
        assert_eq!(check(&v, &forged), Err(Error::Jws(jot_jws::Error::InvalidSignature)), "{name}");
    }
}

/// A critical extension the verifier does not understand (RFC 7515
/// 4.1.11) is refused even under a valid signature.
#[test]
fn an_unknown_critical_extension_is_refused() {
    let (key, v) = es256();
    let token = JwsBuilder::new(&key.signing_key(JwsAlgorithm::ES256).unwrap())
        .typ("JWT")
        .critical("http://example.com/ext", true)
        .unwrap()
        .compact(claims().as_bytes())
        .unwrap();
    assert_eq!(check(&v, &token), Err(Error::Jws(jot_jws::Error::Crit(jot_jws::CritError::Unknown))));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any one-character change to a valid token makes it invalid (base64url
    /// is canonical, so no two spellings decode to the same bytes).
    #[test]
    fn any_single_character_change_is_refused(index in any::<prop::sample::Index>(), replacement in prop::sample::select(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ".chars().collect::<Vec<_>>()
    )) {
        let (v, token) = hs256_token();
        let pos = index.index(token.len());
        let original = char::from(token.as_bytes()[pos]);
        prop_assume!(original != replacement);
        let mut t = token.clone();
        t.replace_range(pos..=pos, &replacement.to_string());
        prop_assert!(check(&v, &t).is_err(), "accepted {}", t);
        prop_assert_eq!(check(&v, &token), Ok(()));
    }
}

/// One HS256 key and token for the whole proptest run.
fn hs256_token() -> (Validation, String) {
    static KEY: std::sync::OnceLock<Jwk> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(|| Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap());
    let v = Validation::from_key(key.verifying_key(JwsAlgorithm::HS256).unwrap()).clock(FixedClock(NOW));
    (v, sign(key, JwsAlgorithm::HS256, &claims()))
}

#[test]
fn json_serializations_are_not_jwts() {
    let (key, v) = es256();
    let signer = key.signing_key(JwsAlgorithm::ES256).unwrap();
    let builder = JwsBuilder::new(&signer).typ("JWT");
    let flattened = builder.flattened(claims().as_bytes()).unwrap();
    let general = jot_jws::sign_general(claims().as_bytes(), &[JwsBuilder::new(&signer).typ("JWT")]).unwrap();

    // The JWS layer itself would accept these; a JWT is compact only.
    assert!(
        jot_jws::Verifier::new(key.verifying_key(JwsAlgorithm::ES256).unwrap())
            .verify_json(flattened.as_bytes())
            .is_ok()
    );
    for token in [&flattened, &general, &format!("  {flattened}\n"), &format!("\n{general}")] {
        assert_eq!(check(&v, token), Err(Error::NotCompact), "{token}");
    }

    // A JWE JSON serialization, even with a decrypter.
    let enc = Jwk::generate_for_jwe(JweAlgorithm::A256Kw, None).unwrap();
    let jwe_json = JweBuilder::new(JweEncryption::A256Gcm)
        .recipient(&enc.encrypting_key(JweAlgorithm::A256Kw).unwrap())
        .cty("JWT")
        .flattened(builder.compact(claims().as_bytes()).unwrap().as_bytes())
        .unwrap();
    let decrypting = v
        .clone()
        .decrypt_with(Decrypter::new(enc.decrypting_key(JweAlgorithm::A256Kw).unwrap(), &[JweEncryption::A256Gcm]));
    assert_eq!(check(&decrypting, &jwe_json), Err(Error::NotCompact));

    // Wrong segment counts.
    let compact = builder.compact(claims().as_bytes()).unwrap();
    for bad in [
        String::new(),
        "abc".to_owned(),
        "a.b".to_owned(),
        format!("{compact}.x"),
        format!("{compact}.x.y.z"),
        compact.replacen('.', "", 1),
    ] {
        assert_eq!(check(&v, &bad), Err(Error::NotCompact), "{bad}");
    }
}

/// RFC 7797 `b64: false`: a JWT's payload is always base64url (RFC 7519
/// section 7.1), so an unencoded payload is refused even when its signature
/// verifies.
/// The same token with surrounding whitespace: a leading space, a trailing
/// newline, tabs, a CRLF.
fn wrapped(token: &str) -> [String; 6] {
    [
        format!(" {token}"),
        format!("{token}\n"),
        format!("\t{token}"),
        format!("{token}\t"),
        format!("{token}\r\n"),
        format!("\n {token} \n"),
    ]
}

#[test]
fn surrounding_whitespace_is_refused_as_the_jws_verifier_refuses_it() {
    // Issue 14: `Validation` once trimmed what `verify_compact` refuses.
    // Both now take exactly the compact form, and say the same thing.
    let (key, v) = es256();
    let token = sign(&key, JwsAlgorithm::ES256, &claims());
    let verifier = jot_jws::Verifier::new(key.to_public().unwrap().verifying_key(JwsAlgorithm::ES256).unwrap());
    assert_eq!(check(&v, &token), Ok(()));
    assert!(verifier.verify_compact(&token).is_ok());
    for bad in wrapped(&token) {
        let jws = verifier.verify_compact(&bad).unwrap_err();
        assert!(matches!(jws, jot_jws::Error::Malformed(_)), "{bad:?}: {jws:?}");
        assert_eq!(check(&v, &bad), Err(Error::Jws(jws.clone())), "{bad:?}");
        assert_eq!(v.verify::<serde::de::IgnoredAny>(&bad).map(drop), Err(Error::Jws(jws.clone())), "{bad:?}");
        let mut buf = Vec::new();
        assert_eq!(v.verify_into::<serde::de::IgnoredAny>(&bad, &mut buf).map(drop), Err(Error::Jws(jws)), "{bad:?}");
    }

    // A JWE (nested JWT): refused as the JWE decrypter refuses it.
    let enc = Jwk::generate_for_jwe(JweAlgorithm::A256Kw, None).unwrap();
    let decrypter = || Decrypter::new(enc.decrypting_key(JweAlgorithm::A256Kw).unwrap(), &[JweEncryption::A256Gcm]);
    let nested = |inner: &str| {
        JweBuilder::new(JweEncryption::A256Gcm)
            .recipient(&enc.encrypting_key(JweAlgorithm::A256Kw).unwrap())
            .cty("JWT")
            .compact(inner.as_bytes())
            .unwrap()
    };
    let v = v.decrypt_with(decrypter());
    let jwe = nested(&token);
    assert_eq!(check(&v, &jwe), Ok(()));
    for bad in wrapped(&jwe) {
        let refused = decrypter().decrypt_compact(&bad).unwrap_err();
        assert!(matches!(refused, jot_jwe::Error::Malformed(_)), "{bad:?}: {refused:?}");
        assert_eq!(check(&v, &bad), Err(Error::Jwe(refused)), "{bad:?}");
    }
    // The JWS inside a JWE is held to the same rule.
    for bad in wrapped(&token) {
        let jws = verifier.verify_compact(&bad).unwrap_err();
        assert_eq!(check(&v, &nested(&bad)), Err(Error::Jws(jws)), "{bad:?}");
    }
}

#[test]
fn unencoded_payload_is_refused() {
    let hs = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    let signer = hs.signing_key(JwsAlgorithm::HS256).unwrap();
    let payload = json!({ "sub": "alice", "exp": NOW + 60 }).to_string();
    let token = JwsBuilder::new(&signer).typ("JWT").unencoded_payload().compact(payload.as_bytes()).unwrap();
    assert!(token.contains(&payload), "the payload travels as is");

    // The JWS layer verifies it (b64 is understood and listed in crit) ...
    let verifier = jot_jws::Verifier::new(hs.verifying_key(JwsAlgorithm::HS256).unwrap());
    assert_eq!(verifier.verify_compact(&token).unwrap().payload(), payload.as_bytes());
    // ... and the JWT layer refuses it.
    let v = Validation::from_key(hs.verifying_key(JwsAlgorithm::HS256).unwrap()).clock(FixedClock(NOW));
    assert_eq!(check(&v, &token), Err(Error::UnencodedPayload));
}

/// A JWE made with the verifier's own public key (anyone can make one) is
/// not a signed JWT.
#[test]
fn a_jwe_to_the_verifiers_public_key_is_not_a_signed_jwt() {
    // One EC key, used to verify ES256 and (by an attacker) for ECDH-ES.
    let key = Jwk::generate(KeySpec::Ec(jot_core::alg::Curve::P256)).unwrap();
    let public = key.to_public().unwrap();
    let v = Validation::from_key(public.verifying_key(JwsAlgorithm::ES256).unwrap()).clock(FixedClock(NOW));
    for alg in [JweAlgorithm::EcdhEs, JweAlgorithm::EcdhEsA128Kw] {
        let ek = public.encrypting_key(alg).unwrap();
        let plain = JweBuilder::new(JweEncryption::A256Gcm).recipient(&ek).compact(claims().as_bytes()).unwrap();
        assert_eq!(check(&v, &plain), Err(Error::UnexpectedJwe));
        let typed =
            JweBuilder::new(JweEncryption::A256Gcm).recipient(&ek).typ("JWT").compact(claims().as_bytes()).unwrap();
        assert_eq!(check(&v, &typed), Err(Error::UnexpectedJwe));

        // Even where the service decrypts with that key, plain claims are
        // not a signed token.
        let decrypting =
            v.clone().decrypt_with(Decrypter::new(key.decrypting_key(alg).unwrap(), &[JweEncryption::A256Gcm]));
        assert_eq!(check(&decrypting, &plain), Err(Error::UnsignedJwe));
        assert_eq!(check(&decrypting.allow_unsigned_jwe(), &plain), Err(Error::UnsignedJwe));
    }
}

#[test]
fn decode_unverified_reads_any_compact_jws() {
    let (key, v) = es256();
    let genuine = sign(&key, JwsAlgorithm::ES256, &claims());
    let (header, claims_obj) = dangerous::decode_unverified(&genuine).unwrap();
    assert_eq!(header.get("alg"), Some(&Value::from("ES256")));
    assert_eq!(header.get("typ"), Some(&Value::from("JWT")));
    assert_eq!(claims_obj.get("sub"), Some(&Value::from("alice")));

    let parts: Vec<&str> = genuine.split('.').collect();
    let forged_payload = base64url::encode(claims().replace("user", "admin"));
    let forged = [
        // A bad signature.
        format!("{}.{}.{}", parts[0], parts[1], "AAAA"),
        // A modified claim under the original signature.
        format!("{}.{}.{}", parts[0], forged_payload, parts[2]),
        // No signature at all, and alg none.
        format!("{}.{}.", parts[0], parts[1]),
        dangerous_none(&claims(), Object::new()),
        // An expired token signed by someone else.
        sign(&Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap(), JwsAlgorithm::HS256, r#"{"sub":"x","exp":0}"#),
    ];
    for token in &forged {
        assert!(check(&v, token).is_err(), "verification must refuse {token}");
        let (header, claims) = dangerous::decode_unverified(token).unwrap();
        assert!(header.get("alg").is_some(), "{token}");
        assert!(claims.get("sub").is_some(), "{token}");
    }
    let (_, modified) = dangerous::decode_unverified(&forged[1]).unwrap();
    assert_eq!(modified.get("role"), Some(&Value::from("admin")));
    let (none_header, _) = dangerous::decode_unverified(&forged[3]).unwrap();
    assert_eq!(none_header.get("alg"), Some(&Value::from("none")));

    // Surrounding whitespace, as pasted from a log, is fine here (and
    // only here: `Validation` refuses it).
    for pasted in wrapped(&genuine) {
        assert!(dangerous::decode_unverified(&pasted).is_ok(), "{pasted:?}");
    }

    // It still only reads well-formed JSON claims.
    let not_json = format!("{}.{}.", parts[0], base64url::encode("not json"));
    assert_eq!(dangerous::decode_unverified(&not_json).unwrap_err(), Error::Claims(JsonError::Syntax));
    let dup = format!("{}.{}.", parts[0], base64url::encode(r#"{"sub":"a","sub":"b"}"#));
    assert_eq!(dangerous::decode_unverified(&dup).unwrap_err(), Error::Claims(JsonError::DuplicateMember));
    assert!(matches!(dangerous::decode_unverified("a.b"), Err(Error::Jws(_))));
    assert!(matches!(dangerous::decode_unverified("a.b.c.d.e"), Err(Error::Jws(_))));
}
