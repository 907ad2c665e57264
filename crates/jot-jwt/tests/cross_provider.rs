//! Cross-provider interop (issue 15): tokens signed or encrypted on one
//! cryptographic provider verify and decrypt on the other, and keys
//! generated and exported by one load in the other.
//!
//! A build has one provider, so the check takes three runs that share a
//! directory named by `JOT_CROSS_DIR` (`.ci/run` does this):
//!
//! 1. AWS-LC exports `aws-lc.jsonl`;
//! 2. RustCrypto imports it (`JOT_CROSS_REQUIRE=aws-lc`: fail if it is
//!    missing or empty) and exports `rust-crypto.jsonl`;
//! 3. AWS-LC imports that (`JOT_CROSS_REQUIRE=rust-crypto`).
//!
//! Each line of an export is one case with proptest-generated claims (unicode
//! strings, random integers, an `exp` after a fixed clock): every JWS
//! algorithm, and every JWE key management algorithm (ECDH-ES on every
//! curve) with every content algorithm, as a nested JWT and as a flattened
//! JWE with AAD. A case holds the private JWK (and its PKCS#8 PEM), the
//! token and the expected claims. The importing provider verifies or
//! decrypts the token; compares the claims exactly; flips one byte and
//! expects the typed failure; loads the private key, signs or encrypts a
//! fresh token with it and checks that one too; and, for the deterministic
//! signatures (HS*, RS*, EdDSA, Ed25519), requires the very same token.
//!
//! Without `JOT_CROSS_DIR` the test says it is skipped as a cross-provider
//! check and round-trips its own export through a temporary directory.
#![allow(clippy::expect_used, clippy::panic)]

use std::collections::{BTreeSet, HashMap};
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jot_jwt::alg::{Curve, JweAlgorithm, JweEncryption, JweFamily, JwsAlgorithm, JwsFamily, KeyType, ShaAlg};
use jot_jwt::base64url;
use jot_jwt::json::Value;
use jot_jwt::jwe::{self, Decrypter, JweBuilder};
use jot_jwt::jwk::pem::DerFormat;
use jot_jwt::jwk::{KeySpec, SigningKey};
use jot_jwt::{Error, FixedClock, Jwk, JwtBuilder, NumericDate, Secret, Validation, jws};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The fixed "now" of every token and every validation.
const NOW: i64 = 1_700_000_000;
/// PBES2 iteration count: small, the KDF is not what is being compared.
const P2C: u32 = 1000;
/// Cases per JWS algorithm (each JWE algorithm × enc × curve gets one).
const JWS_CASES_PER_ALG: usize = 3;

/// The claims a case signs, as generated.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    aud: Vec<String>,
    lifetime: u64,
    jti: String,
    n: i64,
    big: u64,
    flag: bool,
    text: String,
    tags: Vec<String>,
}

impl Claims {
    /// The one builder both the exporter and the importer use, so a
    /// deterministic signature over it must come out byte for byte equal.
    fn builder(&self) -> JwtBuilder {
        JwtBuilder::with_clock(&FixedClock(NOW))
            .issuer(&self.iss)
            .subject(&self.sub)
            .audiences(&self.aud)
            .expires_in(Duration::from_secs(self.lifetime))
            .jwt_id(&self.jti)
            .claim("n", self.n)
            .claim("big", self.big)
            .claim("flag", self.flag)
            .claim("text", self.text.as_str())
            .claim("tags", self.tags.iter().map(|t| Value::from(t.as_str())).collect::<Vec<_>>())
    }

    /// The claims a verifier must find, written independently of jot.
    fn expected(&self) -> serde_json::Value {
        json!({
            "iss": self.iss,
            "sub": self.sub,
            "aud": self.aud,
            "exp": NOW + i64::try_from(self.lifetime).expect("lifetime fits"),
            "jti": self.jti,
            "n": self.n,
            "big": self.big,
            "flag": self.flag,
            "text": self.text,
            "tags": self.tags,
            "iat": NOW,
        })
    }
}

fn claims_strategy() -> impl Strategy<Value = Claims> {
    (
        ("https://[a-z]{1,10}\\.example", "\\PC{1,24}", vec("[a-zA-Z0-9:/._-]{1,12}", 1..4), 1u64..10_000_000),
        ("[A-Za-z0-9_-]{8,22}", any::<i64>(), any::<u64>(), any::<bool>(), "\\PC{0,32}", vec("\\PC{0,8}", 0..4)),
    )
        .prop_map(|((iss, sub, aud, lifetime), (jti, n, big, flag, text, tags))| Claims {
            iss,
            sub,
            aud,
            lifetime,
            jti,
            n,
            big,
            flag,
            text,
            tags,
        })
}

/// A flattened JWE of arbitrary bytes, with AAD and maybe DEFLATE.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct PlainJwe {
    /// base64url
    plaintext: String,
    /// base64url
    aad: String,
    zip: bool,
    json: String,
}

/// One exported case.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Case {
    Jws {
        index: usize,
        alg: JwsAlgorithm,
        /// The private JWK (the secret for HS*), as exported.
        jwk: String,
        /// PKCS#8 PEM of the same key (asymmetric keys only).
        pem: Option<String>,
        claims: Claims,
        expected: serde_json::Value,
        token: String,
    },
    Jwe {
        index: usize,
        alg: JweAlgorithm,
        enc: JweEncryption,
        /// ECDH-ES: the recipient key's curve.
        curve: Option<Curve>,
        /// The recipient's private JWK (the password for PBES2).
        jwk: String,
        pem: Option<String>,
        /// The nested JWT's inner signature.
        inner_alg: JwsAlgorithm,
        inner_jwk: String,
        inner_pem: Option<String>,
        claims: Claims,
        expected: serde_json::Value,
        /// The nested JWT: compact JWE, `cty: "JWT"`.
        token: String,
        plain: PlainJwe,
    },
}

/// Extra randomness for a JWE case.
#[derive(Clone, Debug)]
struct JweInputs {
    claims: Claims,
    inner: JwsAlgorithm,
    plaintext: Vec<u8>,
    aad: Vec<u8>,
    zip: bool,
    password: String,
}

fn jwe_inputs_strategy() -> impl Strategy<Value = JweInputs> {
    (
        claims_strategy(),
        proptest::sample::select(JwsAlgorithm::ALL),
        vec(any::<u8>(), 0..300),
        vec(any::<u8>(), 0..40),
        any::<bool>(),
        "\\PC{8,24}",
    )
        .prop_map(|(claims, inner, plaintext, aad, zip, password)| JweInputs {
            claims,
            inner,
            plaintext,
            aad,
            zip,
            password,
        })
}

fn is_deterministic(alg: JwsAlgorithm) -> bool {
    matches!(alg.family(), JwsFamily::Hmac(_) | JwsFamily::RsaPkcs1(_) | JwsFamily::EdDsa(_))
}

fn is_rsa_jws(alg: JwsAlgorithm) -> bool {
    matches!(alg.family(), JwsFamily::RsaPkcs1(_) | JwsFamily::RsaPss(_))
}

/// The public half, or the key itself for a secret.
fn public_of(jwk: &Jwk) -> Jwk {
    jwk.to_public().unwrap_or_else(|| jwk.clone())
}

/// Whether jot writes the key as PEM: a key pair, but not an AKP (ML-DSA)
/// key, which jot reads and writes as a JWK only.
fn has_pem(jwk: &Jwk) -> bool {
    jwk.to_public().is_some() && jwk.key_type() != KeyType::Akp
}

fn pem_of(jwk: &Jwk) -> Option<String> {
    has_pem(jwk).then(|| jwk.to_pem(DerFormat::Pkcs8).expect("PKCS#8 export"))
}

fn jwe_builder(enc: JweEncryption, ek: &jot_jwt::jwk::EncryptingKey) -> JweBuilder<'_> {
    JweBuilder::new(enc).recipient(ek).p2c(P2C)
}

fn flattened(enc: JweEncryption, ek: &jot_jwt::jwk::EncryptingKey, p: &[u8], aad: &[u8], zip: bool) -> String {
    let b = jwe_builder(enc, ek).aad(aad);
    let b = if zip { b.zip() } else { b };
    b.flattened(p).expect("flattened JWE")
}

// ---------------------------------------------------------------- export

/// Every case: `JWS_CASES_PER_ALG` per JWS algorithm, and one per JWE
/// algorithm × content algorithm (× curve for ECDH-ES), claims drawn from
/// the proptest strategies.
fn generate(provider: &str) -> Vec<Case> {
    let mut runner = TestRunner::new(Config { failure_persistence: None, ..Config::default() });
    let mut draw_claims = || claims_strategy().new_tree(&mut runner).expect("claims").current();

    // RSA key generation is slow (RustCrypto): one key per RSA algorithm.
    let rsa_jws: HashMap<JwsAlgorithm, Jwk> = JwsAlgorithm::ALL
        .iter()
        .filter(|a| is_rsa_jws(**a))
        .map(|&a| (a, Jwk::generate_for_jws(a).expect("RSA JWS key")))
        .collect();
    let jws_key = |alg: JwsAlgorithm| match rsa_jws.get(&alg) {
        Some(k) => k.clone(),
        None => Jwk::generate_for_jws(alg).expect("JWS key"),
    };

    let mut cases = Vec::new();
    for &alg in JwsAlgorithm::ALL {
        for _ in 0..JWS_CASES_PER_ALG {
            let jwk = jws_key(alg);
            let claims = draw_claims();
            let token = claims.builder().sign(&jwk.signing_key(alg).expect("signing key")).expect("sign");
            cases.push(Case::Jws {
                index: cases.len(),
                alg,
                jwk: jwk.to_json(),
                pem: pem_of(&jwk),
                expected: claims.expected(),
                claims,
                token,
            });
        }
    }

    let rsa_jwe: HashMap<JweAlgorithm, Jwk> = JweAlgorithm::ALL
        .iter()
        .filter(|a| matches!(a.family(), JweFamily::Rsa(_)))
        .map(|&a| (a, Jwk::generate_for_jwe(a, None).expect("RSA JWE key")))
        .collect();
    let mut runner = TestRunner::new(Config { failure_persistence: None, ..Config::default() });
    for &alg in JweAlgorithm::ALL {
        for &enc in JweEncryption::ALL {
            let curves: &[Option<Curve>] = if alg.is_ecdh() {
                &[Some(Curve::P256), Some(Curve::P384), Some(Curve::P521), Some(Curve::X25519)]
            } else {
                &[None]
            };
            for &curve in curves {
                let input = jwe_inputs_strategy().new_tree(&mut runner).expect("inputs").current();
                let jwk = match alg.family() {
                    JweFamily::Direct => Jwk::generate_for_jwe(alg, Some(enc)).expect("dir key"),
                    JweFamily::Rsa(_) => rsa_jwe.get(&alg).expect("RSA key made above").clone(),
                    JweFamily::AesKw(_) | JweFamily::AesGcmKw(_) => {
                        Jwk::generate_for_jwe(alg, None).expect("key wrapping key")
                    }
                    JweFamily::Pbes2(..) => {
                        Jwk::from_secret(Secret::new(input.password.clone().into_bytes())).expect("password")
                    }
                    JweFamily::EcdhEs(_) => {
                        let spec = match curve.expect("a curve for ECDH-ES") {
                            Curve::X25519 => KeySpec::Okp(Curve::X25519),
                            c => KeySpec::Ec(c),
                        };
                        let mut jwk = Jwk::generate(spec).expect("ECDH key");
                        jwk.set_alg(alg);
                        jwk
                    }
                };
                let inner = jws_key(input.inner);
                let ek = public_of(&jwk).encrypting_key(alg).expect("encrypting key");
                let signer = inner.signing_key(input.inner).expect("inner signing key");
                let token =
                    input.claims.builder().sign_and_encrypt(&signer, jwe_builder(enc, &ek)).expect("nested JWT");
                let plain = PlainJwe {
                    plaintext: base64url::encode(&input.plaintext),
                    aad: base64url::encode(&input.aad),
                    zip: input.zip,
                    json: flattened(enc, &ek, &input.plaintext, &input.aad, input.zip),
                };
                cases.push(Case::Jwe {
                    index: cases.len(),
                    alg,
                    enc,
                    curve,
                    jwk: jwk.to_json(),
                    pem: pem_of(&jwk),
                    inner_alg: input.inner,
                    inner_jwk: inner.to_json(),
                    inner_pem: pem_of(&inner),
                    expected: input.claims.expected(),
                    claims: input.claims,
                    token,
                    plain,
                });
            }
        }
    }
    println!("cross-provider: {} cases generated by {provider}", cases.len());
    cases
}

fn export(dir: &Path, provider: &str) -> PathBuf {
    let mut text = String::new();
    for case in generate(provider) {
        text.push_str(&serde_json::to_string(&case).expect("case to JSON"));
        text.push('\n');
    }
    let path = dir.join(format!("{provider}.jsonl"));
    let tmp = dir.join(format!(".{provider}.jsonl.tmp"));
    std::fs::write(&tmp, text).expect("write the export");
    std::fs::rename(&tmp, &path).expect("move the export into place");
    println!("cross-provider: wrote {}", path.display());
    path
}

// ---------------------------------------------------------------- import

/// A failed check, with what failed.
type Check = Result<(), String>;

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// `result` or an error naming `what`.
fn ok<T, E: Debug>(result: Result<T, E>, what: &str) -> Result<T, String> {
    result.map_err(|e| format!("{what}: {e:?}"))
}

/// Flips one bit of one decoded byte of a compact token's segment.
fn flip(token: &str, segment: usize, at: usize) -> Result<String, String> {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let part = parts.get_mut(segment).ok_or("token has too few segments")?;
    let mut bytes = ok(base64url::decode(part.as_str()), "decode segment")?;
    let len = bytes.len();
    let byte = bytes.get_mut(at % len.max(1)).ok_or("empty segment")?;
    *byte ^= 0x01;
    *part = base64url::encode(&bytes);
    Ok(parts.join("."))
}

/// Loads an exported private JWK: it must re-export to the same JSON, keep
/// its thumbprint as `kid`, and its PEM must load to the same key.
fn load_key(json: &str, pem: Option<&str>, what: &str) -> Result<Jwk, String> {
    let jwk = ok(Jwk::from_json(json.as_bytes()), &format!("{what}: load the private JWK"))?;
    ensure!(jwk.is_private(), "{what}: JWK is not private");
    ensure!(jwk.to_json() == json, "{what}: JWK re-exports differently:\n  {json}\n  {}", jwk.to_json());
    let thumbprint = jwk.thumbprint_b64(ShaAlg::Sha256);
    if let Some(kid) = jwk.kid() {
        ensure!(kid == thumbprint, "{what}: kid {kid} is not the thumbprint {thumbprint}");
    }
    ensure!(pem.is_some() == has_pem(&jwk), "{what}: PEM present for a secret or an AKP key, or missing");
    if let Some(pem) = pem {
        let from_pem = ok(Jwk::from_pem(pem), &format!("{what}: load the PKCS#8 PEM"))?;
        ensure!(from_pem.is_private(), "{what}: PEM key is not private");
        ensure!(from_pem.thumbprint_b64(ShaAlg::Sha256) == thumbprint, "{what}: PEM and JWK are different keys");
        let again = ok(from_pem.to_pem(DerFormat::Pkcs8), &format!("{what}: re-export PEM"))?;
        ensure!(again == pem, "{what}: PEM re-exports differently");
    }
    Ok(jwk)
}

fn validation(verifying: jot_jwt::jwk::VerifyingKey, claims: &Claims) -> Validation {
    let last_aud = claims.aud.last().cloned().unwrap_or_default();
    Validation::from_key(verifying)
        .clock(FixedClock(NOW))
        .issuer(claims.iss.clone())
        .audience(last_aud)
        .subject(claims.sub.clone())
        .typ("JWT")
}

/// Verifies `token` and compares every claim with `expected`.
fn verify_claims(
    v: &Validation,
    token: &str,
    alg: JwsAlgorithm,
    claims: &Claims,
    expected: &serde_json::Value,
    what: &str,
) -> Check {
    let jwt = ok(v.verify_claims(token), &format!("{what}: verify"))?;
    let got: serde_json::Value = ok(serde_json::from_slice(jwt.claims_json()), &format!("{what}: claims JSON"))?;
    ensure!(&got == expected, "{what}: claims differ:\n  got      {got}\n  expected {expected}");
    let exp = NOW + i64::try_from(claims.lifetime).map_err(|e| e.to_string())?;
    ensure!(jwt.registered().exp == Some(NumericDate::from_secs(exp)), "{what}: exp");
    ensure!(jwt.header().and_then(|h| h.alg()) == Some(alg), "{what}: header alg");
    Ok(())
}

fn check_jws(
    alg: JwsAlgorithm,
    jwk: &str,
    pem: Option<&str>,
    claims: &Claims,
    expected: &serde_json::Value,
    token: &str,
    what: &str,
) -> Check {
    let jwk = load_key(jwk, pem, what)?;
    let verifying = ok(public_of(&jwk).verifying_key(alg), &format!("{what}: verifying key"))?;
    let v = validation(verifying, claims);
    verify_claims(&v, token, alg, claims, expected, &format!("{what}: recorded token"))?;

    let tampered = flip(token, 2, token.len())?;
    let err = v.verify_claims(&tampered).err();
    ensure!(
        err == Some(Error::Jws(jws::Error::InvalidSignature)),
        "{what}: a flipped signature byte gave {err:?}, not InvalidSignature"
    );

    let signing: SigningKey = ok(jwk.signing_key(alg), &format!("{what}: signing key"))?;
    let fresh = ok(claims.builder().sign(&signing), &format!("{what}: sign again"))?;
    verify_claims(&v, &fresh, alg, claims, expected, &format!("{what}: token signed here"))?;
    if is_deterministic(alg) {
        ensure!(fresh == token, "{what}: deterministic signature differs:\n  recorded {token}\n  here     {fresh}");
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn check_jwe(
    alg: JweAlgorithm,
    enc: JweEncryption,
    jwk: &str,
    pem: Option<&str>,
    inner_alg: JwsAlgorithm,
    inner_jwk: &str,
    inner_pem: Option<&str>,
    claims: &Claims,
    expected: &serde_json::Value,
    token: &str,
    plain: &PlainJwe,
    what: &str,
) -> Check {
    let jwk = load_key(jwk, pem, what)?;
    let inner = load_key(inner_jwk, inner_pem, &format!("{what}: inner key"))?;
    let decrypting = ok(jwk.decrypting_key(alg), &format!("{what}: decrypting key"))?;
    let verifying = ok(public_of(&inner).verifying_key(inner_alg), &format!("{what}: inner verifying key"))?;
    let v = validation(verifying, claims).decrypt_with(Decrypter::new(decrypting.clone(), &[enc]));
    verify_claims(&v, token, inner_alg, claims, expected, &format!("{what}: recorded nested JWT"))?;

    let tampered = flip(token, 3, token.len())?;
    let err = v.verify_claims(&tampered).err();
    ensure!(
        err == Some(Error::Jwe(jwe::Error::DecryptionFailed)),
        "{what}: a flipped ciphertext byte gave {err:?}, not DecryptionFailed"
    );

    let plaintext = ok(base64url::decode(plain.plaintext.as_str()), "plaintext")?;
    let aad = ok(base64url::decode(plain.aad.as_str()), "aad")?;
    let mut decrypter = Decrypter::new(decrypting, &[enc]);
    if plain.zip {
        decrypter = decrypter.allow_zip();
    }
    let out =
        ok(decrypter.decrypt_json(plain.json.as_bytes()), &format!("{what}: decrypt the recorded flattened JWE"))?;
    ensure!(out.plaintext() == plaintext, "{what}: flattened JWE plaintext differs");
    ensure!((out.header().alg(), out.header().enc()) == (alg, enc), "{what}: flattened JWE header");
    let doc: serde_json::Value = ok(serde_json::from_str(&plain.json), "flattened JSON")?;
    ensure!(doc.get("aad").and_then(|a| a.as_str()) == Some(plain.aad.as_str()), "{what}: flattened JWE aad");

    // The imported keys, used here for a fresh token of each form.
    let ek = ok(public_of(&jwk).encrypting_key(alg), &format!("{what}: encrypting key"))?;
    let signing = ok(inner.signing_key(inner_alg), &format!("{what}: inner signing key"))?;
    let fresh =
        ok(claims.builder().sign_and_encrypt(&signing, jwe_builder(enc, &ek)), &format!("{what}: encrypt again"))?;
    verify_claims(&v, &fresh, inner_alg, claims, expected, &format!("{what}: nested JWT made here"))?;
    let again = ok(jwe_builder(enc, &ek).aad(&aad).flattened(&plaintext), &format!("{what}: flattened JWE made here"))?;
    let out = ok(decrypter.decrypt_json(again.as_bytes()), &format!("{what}: decrypt the flattened JWE made here"))?;
    ensure!(out.plaintext() == plaintext, "{what}: flattened JWE made here: plaintext differs");
    Ok(())
}

/// What a file must cover: every algorithm this build knows.
#[derive(Default)]
struct Coverage {
    jws: BTreeSet<JwsAlgorithm>,
    jwe: BTreeSet<(JweAlgorithm, JweEncryption)>,
    curves: BTreeSet<(JweAlgorithm, Curve)>,
}

impl Coverage {
    fn missing(&self) -> Vec<String> {
        let mut missing = Vec::new();
        for &alg in JwsAlgorithm::ALL {
            if !self.jws.contains(&alg) {
                missing.push(alg.name().to_owned());
            }
        }
        for &alg in JweAlgorithm::ALL {
            for &enc in JweEncryption::ALL {
                if !self.jwe.contains(&(alg, enc)) {
                    missing.push(format!("{alg}+{enc}"));
                }
            }
            if alg.is_ecdh() {
                for crv in [Curve::P256, Curve::P384, Curve::P521, Curve::X25519] {
                    if !self.curves.contains(&(alg, crv)) {
                        missing.push(format!("{alg} on {crv}"));
                    }
                }
            }
        }
        missing
    }
}

/// Checks every case of one provider's export; returns how many passed.
fn import_file(path: &Path, from: &str, here: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    // `.jsonl`: one case a line; `.json`: an array of cases.
    let cases: Vec<Case> = if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not a JSON array of cases: {e}", path.display()))
    } else {
        let lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
        lines
            .map(|(n, l)| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{} line {}: not a case: {e}", path.display(), n + 1))
            })
            .collect()
    };
    let mut coverage = Coverage::default();
    let mut failures = Vec::new();
    for case in &cases {
        let result = match case {
            Case::Jws { index, alg, jwk, pem, claims, expected, token } => {
                coverage.jws.insert(*alg);
                let what = format!("{from} -> {here} case #{index} JWS {alg}");
                check_jws(*alg, jwk, pem.as_deref(), claims, expected, token, &what)
            }
            Case::Jwe {
                index,
                alg,
                enc,
                curve,
                jwk,
                pem,
                inner_alg,
                inner_jwk,
                inner_pem,
                claims,
                expected,
                token,
                plain,
            } => {
                coverage.jwe.insert((*alg, *enc));
                if let Some(c) = curve {
                    coverage.curves.insert((*alg, *c));
                }
                let on = curve.map(|c| format!(" on {c}")).unwrap_or_default();
                let what = format!("{from} -> {here} case #{index} JWE {alg}{on} + {enc} (inner {inner_alg})");
                check_jwe(
                    *alg,
                    *enc,
                    jwk,
                    pem.as_deref(),
                    *inner_alg,
                    inner_jwk,
                    inner_pem.as_deref(),
                    claims,
                    expected,
                    token,
                    plain,
                    &what,
                )
            }
        };
        if let Err(e) = result {
            failures.push(e);
        }
    }
    let missing = coverage.missing();
    if !missing.is_empty() {
        failures.push(format!("{from} has no case of: {}", missing.join(", ")));
    }
    assert!(
        failures.is_empty(),
        "{}: {} failures on {here} ({} cases):\n{}",
        path.display(),
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    println!("cross-provider: {} cases from {from} checked on {here}", cases.len());
    cases.len()
}

/// Imports every other provider's export in `dir` (or, with `own`, this
/// provider's own); returns the case count per provider.
fn import_dir(dir: &Path, here: &str, own: bool) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let is_export = path.extension().is_some_and(|e| e == "jsonl" || e == "json");
        let Some(from) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else { continue };
        if !is_export || from.starts_with('.') || (from == here) != own {
            continue;
        }
        let n = import_file(&path, &from, here);
        *counts.entry(from).or_insert(0) += n;
    }
    counts
}

#[test]
fn tokens_and_keys_cross_providers() {
    let here = jot_crypto::PROVIDER;
    let Some(dir) = std::env::var_os("JOT_CROSS_DIR").map(PathBuf::from) else {
        println!("cross-provider: JOT_CROSS_DIR unset, cross-provider check SKIPPED ({here} only; .ci/run runs it)");
        let dir = std::env::temp_dir().join(format!("jot-cross-provider-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        export(&dir, here);
        let counts = import_dir(&dir, here, true);
        std::fs::remove_dir_all(&dir).expect("remove the temporary directory");
        assert!(counts.get(here).is_some_and(|n| *n > 0), "own export not read back");
        return;
    };
    std::fs::create_dir_all(&dir).expect("JOT_CROSS_DIR");

    let counts = import_dir(&dir, here, false);
    if let Ok(required) = std::env::var("JOT_CROSS_REQUIRE") {
        assert_ne!(
            required, here,
            "JOT_CROSS_REQUIRE={required} names this build's own provider: features unified to another provider?"
        );
        let n = counts.get(&required).copied().unwrap_or(0);
        assert!(n > 0, "JOT_CROSS_REQUIRE={required}: no cases from {required} in {}", dir.display());
    }
    if counts.is_empty() {
        println!("cross-provider: nothing from another provider in {} yet", dir.display());
    }
    export(&dir, here);
}
