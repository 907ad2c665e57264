//! One test per malformed key, each checking the exact error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{Curve, JweAlgorithm, JwsAlgorithm};
use jot_core::{JsonError, base64url};
use jot_crypto::KeyRejected;
use jot_jwk::{Error, Jwk, KeySpec};
use jot_test_support::load;
use serde_json::{Value, json};

fn parse(v: &Value) -> Result<Jwk, Error> {
    Jwk::from_json(&serde_json::to_vec(v).unwrap())
}

/// The P-256 private key of RFC 7517 A.2.
fn p256_private() -> Value {
    load("rfc/rfc7517-a2-private-keys.json")["jwks"]["keys"][0].clone()
}

/// The RSA private key of RFC 7517 A.2.
fn rsa_private() -> Value {
    load("rfc/rfc7517-a2-private-keys.json")["jwks"]["keys"][1].clone()
}

fn b64_edit(v: &mut Value, member: &str, edit: impl FnOnce(&mut Vec<u8>)) {
    let mut bytes = base64url::decode(v[member].as_str().unwrap()).unwrap();
    edit(&mut bytes);
    v[member] = Value::String(base64url::encode(&bytes));
}

#[test]
fn valid_fixtures_parse() {
    parse(&p256_private()).unwrap();
    parse(&rsa_private()).unwrap();
}

#[test]
fn wrong_coordinate_length() {
    let mut k = p256_private();
    b64_edit(&mut k, "x", |b| {
        b.remove(0);
    });
    assert_eq!(parse(&k).unwrap_err(), Error::Key(KeyRejected::InvalidLength));
    let mut k = p256_private();
    b64_edit(&mut k, "d", |b| b.insert(0, 0));
    assert_eq!(parse(&k).unwrap_err(), Error::Key(KeyRejected::InvalidLength));
}

#[test]
fn point_off_the_curve() {
    let mut k = p256_private();
    b64_edit(&mut k, "y", |b| *b.last_mut().unwrap() ^= 1);
    k.as_object_mut().unwrap().remove("d");
    assert_eq!(parse(&k).unwrap_err(), Error::Key(KeyRejected::NotOnCurve));
}

#[test]
fn rsa_1024_bits() {
    let mut k = rsa_private();
    let obj = k.as_object_mut().unwrap();
    for m in ["d", "p", "q", "dp", "dq", "qi"] {
        obj.remove(m);
    }
    b64_edit(&mut k, "n", |b| {
        b.truncate(128);
        *b.last_mut().unwrap() |= 1;
    });
    assert_eq!(parse(&k).unwrap_err(), Error::Key(KeyRejected::TooSmall));
}

#[test]
fn rsa_exponent_one() {
    let mut k = rsa_private();
    k["e"] = json!("AQ");
    assert_eq!(parse(&k).unwrap_err(), Error::Key(KeyRejected::InvalidExponent));
}

#[test]
fn private_part_not_matching() {
    // EC: a valid scalar that belongs to another key.
    let other = Jwk::generate(KeySpec::Ec(Curve::P256)).unwrap();
    let other: Value = serde_json::from_str(&other.to_json()).unwrap();
    let mut k = p256_private();
    k["d"] = other["d"].clone();
    assert_eq!(parse(&k).unwrap_err(), Error::Key(KeyRejected::Inconsistent));
    // RSA: a CRT coefficient that does not fit.
    let mut k = rsa_private();
    b64_edit(&mut k, "qi", |b| *b.last_mut().unwrap() ^= 2);
    assert_eq!(parse(&k).unwrap_err(), Error::Key(KeyRejected::Inconsistent));
    // Ed25519: a seed that is not x's.
    let mut k = load("rfc/rfc8037-a1-ed25519-private-key.json")["jwk"].clone();
    b64_edit(&mut k, "d", |b| b[0] ^= 1);
    assert_eq!(parse(&k).unwrap_err(), Error::Key(KeyRejected::Inconsistent));
}

#[test]
fn oct_shorter_than_hash() {
    let k = parse(&json!({"kty": "oct", "k": base64url::encode([7u8; 31])})).unwrap();
    let short = Error::SecretTooShort { min_bytes: 32 };
    assert_eq!(k.signing_key(JwsAlgorithm::HS256).unwrap_err(), short);
    assert_eq!(k.verifying_key(JwsAlgorithm::HS256).unwrap_err(), short);
    assert!(short.to_string().contains("at least 32 bytes (256 bits)"), "{short}");
    let k = parse(&json!({"kty": "oct", "k": base64url::encode([7u8; 32])})).unwrap();
    k.signing_key(JwsAlgorithm::HS256).unwrap();
    assert_eq!(k.signing_key(JwsAlgorithm::HS384).unwrap_err(), Error::SecretTooShort { min_bytes: 48 });
    // AES key wrap needs the exact size.
    assert_eq!(k.decrypting_key(JweAlgorithm::A128Kw).unwrap_err(), Error::KeyLength);
    k.decrypting_key(JweAlgorithm::A256Kw).unwrap();
}

#[test]
fn empty_oct_key() {
    assert_eq!(parse(&json!({"kty": "oct", "k": ""})).unwrap_err(), Error::Key(KeyRejected::InvalidLength));
}

#[test]
fn alg_kty_mismatch() {
    // A JWK whose own alg does not fit its key type is malformed.
    let mut k = rsa_private();
    k["alg"] = json!("ES256");
    assert_eq!(parse(&k).unwrap_err(), Error::KeyTypeMismatch);
    k["alg"] = json!("A128KW");
    assert_eq!(parse(&k).unwrap_err(), Error::KeyTypeMismatch);
    let mut ec = p256_private();
    ec["alg"] = json!("ES384");
    assert_eq!(parse(&ec).unwrap_err(), Error::CurveMismatch);
    // A fitting alg binds that algorithm only.
    k["alg"] = json!("RS256");
    let jwk = parse(&k).unwrap();
    jwk.verifying_key(JwsAlgorithm::RS256).unwrap();
    assert_eq!(jwk.verifying_key(JwsAlgorithm::PS256).unwrap_err(), Error::AlgorithmMismatch);
    k.as_object_mut().unwrap().remove("alg");
    let jwk = parse(&k).unwrap();
    assert_eq!(jwk.verifying_key(JwsAlgorithm::ES256).unwrap_err(), Error::KeyTypeMismatch);
    assert_eq!(jwk.verifying_key(JwsAlgorithm::HS256).unwrap_err(), Error::KeyTypeMismatch);
    // Right kty, wrong curve.
    let ec = parse(&p256_private()).unwrap();
    assert_eq!(ec.verifying_key(JwsAlgorithm::ES384).unwrap_err(), Error::CurveMismatch);
    assert_eq!(ec.verifying_key(JwsAlgorithm::ES256K).unwrap_err(), Error::CurveMismatch);
}

#[test]
fn use_enc_bound_for_signing() {
    let mut k = p256_private();
    assert_eq!(k["use"], json!("enc"));
    let jwk = parse(&k).unwrap();
    assert_eq!(jwk.signing_key(JwsAlgorithm::ES256).unwrap_err(), Error::UsageNotPermitted);
    k["use"] = json!("sig");
    let jwk = parse(&k).unwrap();
    jwk.signing_key(JwsAlgorithm::ES256).unwrap();
    assert_eq!(jwk.decrypting_key(JweAlgorithm::EcdhEs).unwrap_err(), Error::UsageNotPermitted);
}

#[test]
fn key_ops_restrict() {
    let mut k = p256_private();
    k.as_object_mut().unwrap().remove("use");
    k["key_ops"] = json!(["verify"]);
    let jwk = parse(&k).unwrap();
    jwk.verifying_key(JwsAlgorithm::ES256).unwrap();
    assert_eq!(jwk.signing_key(JwsAlgorithm::ES256).unwrap_err(), Error::UsageNotPermitted);
}

#[test]
fn duplicate_key_ops_and_inconsistent_use() {
    let mut k = p256_private();
    k.as_object_mut().unwrap().remove("use");
    k["key_ops"] = json!(["sign", "sign"]);
    assert_eq!(parse(&k).unwrap_err(), Error::InconsistentUsage);
    k["key_ops"] = json!(["sign"]);
    k["use"] = json!("enc");
    assert_eq!(parse(&k).unwrap_err(), Error::InconsistentUsage);
    k["key_ops"] = json!(["sign", 1]);
    assert_eq!(parse(&k).unwrap_err(), Error::Json(JsonError::WrongType { member: "key_ops" }));
}

#[test]
fn duplicate_member_names() {
    let text = r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","k":"BBBBBBBBBBBBBBBBBBBBBB"}"#;
    assert_eq!(Jwk::from_json(text.as_bytes()).unwrap_err(), Error::Json(JsonError::DuplicateMember));
    let text = r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","ext":{"a":1,"a":2}}"#;
    assert_eq!(Jwk::from_json(text.as_bytes()).unwrap_err(), Error::Json(JsonError::DuplicateMember));
}

#[test]
fn x5c_not_matching() {
    let mut k = load("rfc/rfc7517-b-x5c.json")["jwk"].clone();
    parse(&k).unwrap();
    k["n"] = rsa_private()["n"].clone();
    assert_eq!(parse(&k).unwrap_err(), Error::X5cMismatch);
    let mut k = load("rfc/rfc7517-b-x5c.json")["jwk"].clone();
    k["x5c"] = json!(["MIIB"]);
    assert_eq!(parse(&k).unwrap_err(), Error::X5cMismatch);
    let mut k = load("rfc/rfc7517-b-x5c.json")["jwk"].clone();
    k["x5c"] = json!(["not base64!"]);
    assert_eq!(parse(&k).unwrap_err(), Error::Base64 { member: "x5c" });
}

#[test]
fn x5t_not_matching() {
    let mut k = load("rfc/rfc7517-b-x5c.json")["jwk"].clone();
    k["x5t#S256"] = json!(base64url::encode([0u8; 32]));
    assert_eq!(parse(&k).unwrap_err(), Error::X5tMismatch);
    k["x5t#S256"] = json!(base64url::encode([0u8; 31]));
    assert_eq!(parse(&k).unwrap_err(), Error::Json(JsonError::InvalidValue { member: "x5t#S256" }));
}

#[test]
fn rsa_multi_prime_and_missing_crt() {
    let mut k = rsa_private();
    k["oth"] = json!([{"r": "AQ", "d": "AQ", "t": "AQ"}]);
    assert_eq!(parse(&k).unwrap_err(), Error::MultiPrimeRsa);
    let mut k = rsa_private();
    k.as_object_mut().unwrap().remove("qi");
    assert_eq!(parse(&k).unwrap_err(), Error::MissingCrtParameters);
}

#[test]
fn members_of_another_key_type() {
    let k = json!({"kty": "oct", "k": "AAAAAAAAAAAAAAAAAAAAAA", "d": "AAAA"});
    assert_eq!(parse(&k).unwrap_err(), Error::UnexpectedMember { member: "d" });
    let mut k = load("rfc/rfc8037-a2-ed25519-public-key.json")["jwk"].clone();
    k["y"] = k["x"].clone();
    assert_eq!(parse(&k).unwrap_err(), Error::UnexpectedMember { member: "y" });
}

#[test]
fn wrong_json_types() {
    let mut k = p256_private();
    k["kid"] = json!(1);
    assert_eq!(parse(&k).unwrap_err(), Error::Json(JsonError::WrongType { member: "kid" }));
    let mut k = p256_private();
    k["x"] = json!(null);
    assert_eq!(parse(&k).unwrap_err(), Error::Json(JsonError::WrongType { member: "x" }));
    let mut k = p256_private();
    k["x"] = json!("AAAA=");
    assert_eq!(parse(&k).unwrap_err(), Error::Base64 { member: "x" });
    assert_eq!(parse(&json!({"k": "AAAA"})).unwrap_err(), Error::Json(JsonError::Missing { member: "kty" }));
    assert_eq!(parse(&json!(["kty"])).unwrap_err(), Error::Json(JsonError::NotAnObject));
}

#[test]
fn unknown_kty_and_curves() {
    assert_eq!(parse(&json!({"kty": "PQC", "x": "AA"})).unwrap_err(), Error::UnsupportedKeyType);
    let mut k = p256_private();
    k["crv"] = json!("P-192");
    assert_eq!(parse(&k).unwrap_err(), Error::UnsupportedCurve);
    // An EC curve on an OKP key and the reverse.
    let mut k = load("rfc/rfc8037-a2-ed25519-public-key.json")["jwk"].clone();
    k["crv"] = json!("P-256");
    assert_eq!(parse(&k).unwrap_err(), Error::UnsupportedCurve);
    // Ed448 parses; using it is unsupported.
    let ed448 = parse(&json!({"kty": "OKP", "crv": "Ed448", "x": base64url::encode([9u8; 57])})).unwrap();
    assert_eq!(ed448.verifying_key(JwsAlgorithm::EdDSA).unwrap_err(), Error::UnsupportedCurve);
    let x448 = parse(&json!({"kty": "OKP", "crv": "X448", "x": base64url::encode([9u8; 56])})).unwrap();
    assert_eq!(x448.encrypting_key(JweAlgorithm::EcdhEs).unwrap_err(), Error::UnsupportedCurve);
    assert_eq!(
        parse(&json!({"kty": "OKP", "crv": "X448", "x": base64url::encode([9u8; 32])})).unwrap_err(),
        Error::Key(KeyRejected::InvalidLength)
    );
}

#[test]
fn debug_never_prints_private_members() {
    for k in [p256_private(), rsa_private(), json!({"kty": "oct", "k": "c2VjcmV0c2VjcmV0c2VjcmV0"})] {
        let jwk = parse(&k).unwrap();
        let dbg = format!("{jwk:?} {:?}", jwk.key());
        for m in ["d", "p", "q", "dp", "dq", "qi", "k"] {
            if let Some(s) = k[m].as_str() {
                assert!(!dbg.contains(s), "{m} leaked in {dbg}");
            }
        }
    }
}

/// Keys a token carries are judged by their member names before anything
/// is decoded: a private member or an unexpected `kty` is refused with its
/// own error even when the values are garbage (issue 14).
#[test]
fn public_from_token_refuses_before_parsing() {
    use jot_core::alg::KeyType;
    use jot_core::json::{JsonLimits, parse_object};
    let obj = |text: &str| parse_object(text.as_bytes(), &JsonLimits::DEFAULT).unwrap();
    let ecdh = [KeyType::Ec, KeyType::Okp];
    // Garbage in every private member: refused by name, not by Base64.
    for member in ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] {
        let o = obj(&format!(r#"{{"kty":"EC","crv":"P-256","x":"!","y":"!","{member}":"!"}}"#));
        assert_eq!(Jwk::public_from_token(&o, &ecdh), Err(Error::PrivateMember { member }), "{member}");
    }
    // An RSA private key with 8192-bit-sized members: refused by kty.
    let (n, half) = ("A".repeat(1366), "A".repeat(683));
    let rsa = obj(&format!(
        r#"{{"kty":"RSA","n":"{n}","e":"AQAB","d":"{n}","p":"{half}","q":"{half}","dp":"{half}","dq":"{half}","qi":"{half}"}}"#
    ));
    assert_eq!(Jwk::public_from_token(&rsa, &ecdh), Err(Error::KeyTypeMismatch));
    assert_eq!(Jwk::public_from_token(&rsa, &[KeyType::Rsa]), Err(Error::PrivateMember { member: "d" }));
    assert_eq!(Jwk::public_from_token(&obj(r#"{"kty":"oct","k":"!"}"#), &ecdh), Err(Error::KeyTypeMismatch));
    assert_eq!(Jwk::public_from_token(&obj(r#"{"kty":"XYZ"}"#), &ecdh), Err(Error::UnsupportedKeyType));
    // A genuine public key passes and is checked as usual.
    let public = Jwk::generate(jot_jwk::KeySpec::Okp(jot_core::alg::Curve::X25519)).unwrap().to_public().unwrap();
    assert_eq!(Jwk::public_from_token(&public.to_object(), &ecdh).unwrap(), public);
    let off_curve = obj(r#"{"kty":"OKP","crv":"X25519","x":"AA"}"#);
    assert!(matches!(Jwk::public_from_token(&off_curve, &ecdh), Err(Error::Key(_))));
}

/// A key from the ROCA detection tool's test data (Infineon-generated,
/// 2049 bits) is refused however it arrives; the RSA PEM files made with
/// openssl load (issue 14; vectors/roca/README.md).
#[test]
fn a_roca_fingerprinted_key_is_refused_on_import() {
    let dir = jot_test_support::vectors_dir();
    let pem = std::fs::read_to_string(dir.join("roca/upstream_pubkey03.pem")).unwrap();
    assert_eq!(Jwk::from_pem(&pem).unwrap_err(), Error::Key(KeyRejected::RocaFingerprint));
    let constructed = load("roca/constructed.json");
    for jwk in [&constructed["roca_2048"]["public_jwk"], &constructed["roca_2048"]["jwk"]] {
        let text = serde_json::to_vec(jwk).unwrap();
        assert_eq!(Jwk::from_json(&text).unwrap_err(), Error::Key(KeyRejected::RocaFingerprint));
    }
    let composite = serde_json::to_vec(&constructed["composite_p"]["jwk"]).unwrap();
    assert_eq!(Jwk::from_json(&composite).unwrap_err(), Error::Key(KeyRejected::NotPrime));
    let mut loaded = 0;
    for entry in std::fs::read_dir(dir.join("pem")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("rsa-2048") && name.ends_with(".pem") {
            Jwk::from_pem(&std::fs::read_to_string(&path).unwrap()).unwrap();
            loaded += 1;
        }
    }
    assert!(loaded >= 5, "{loaded}");
}
