//! josekit compatibility without OpenSSL: jot reads the committed
//! josekit-made keys and tokens in `vectors/josekit/` (made by
//! `interop/src/bin/gen_vectors.rs`, see the README there). Every JWS
//! algorithm josekit has, compact and flattened JSON; every JWE key
//! management × content algorithm, compact and flattened JSON; signed and
//! nested JWTs validated with claims; and each key's RFC 7638 thumbprint as
//! computed independently by the generator.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_jwt::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm, ShaAlg};
use jot_jwt::jwe::Decrypter;
use jot_jwt::jws::Verifier;
use jot_jwt::{FixedClock, Jwk, Validation};
use jot_test_support::{json_bytes, load, str_field};
use serde::Deserialize;
use serde_json::Value;

fn vectors(name: &str) -> Vec<Value> {
    let doc = load(&format!("josekit/{name}"));
    assert!(str_field(&doc["meta"], "library").starts_with("josekit"));
    doc["vectors"].as_array().unwrap().clone()
}

fn jwk(v: &Value, member: &str) -> Jwk {
    Jwk::from_json(&json_bytes(&v[member])).unwrap_or_else(|e| panic!("{member} of {v}: {e}"))
}

fn public(key: &Jwk) -> Jwk {
    key.to_public().unwrap_or_else(|| key.clone())
}

fn parse<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap()
}

/// The thumbprint jot computes equals the generator's, for the private key
/// and for its public part.
fn check_thumbprint(v: &Value, key: &Jwk) {
    let want = str_field(v, "thumbprint");
    assert_eq!(key.thumbprint_b64(ShaAlg::Sha256), want, "{v}");
    assert_eq!(public(key).thumbprint_b64(ShaAlg::Sha256), want, "{v}");
}

#[test]
fn every_josekit_jws_verifies_and_a_changed_payload_does_not() {
    let vectors = vectors("jws.json");
    assert_eq!(vectors.len(), 14);
    for v in vectors {
        let alg: JwsAlgorithm = parse(&v["alg"]);
        let key = jwk(&v, "jwk");
        check_thumbprint(&v, &key);
        let verifier = Verifier::new(public(&key).verifying_key(alg).unwrap());
        let payload = str_field(&v, "payload").as_bytes();
        let compact = str_field(&v, "compact");
        assert_eq!(verifier.verify_compact(compact).unwrap().payload(), payload, "{alg}");
        assert_eq!(verifier.verify_json(&json_bytes(&v["flattened"])).unwrap().payload(), payload, "{alg}");

        // Someone else's payload under josekit's signature fails.
        let mut parts: Vec<&str> = compact.split('.').collect();
        parts[1] = "eyJpc3MiOiJtYWxsb3J5In0";
        assert!(verifier.verify_compact(&parts.join(".")).is_err(), "{alg}");
    }
}

#[test]
fn every_josekit_jwe_decrypts_and_a_changed_tag_does_not() {
    let vectors = vectors("jwe.json");
    assert_eq!(vectors.len(), 31 * 6);
    for v in vectors {
        let alg: JweAlgorithm = parse(&v["alg"]);
        let enc: JweEncryption = parse(&v["enc"]);
        let key = jwk(&v, "jwk");
        check_thumbprint(&v, &key);
        // RSA1_5 is bound explicitly here, as for every other algorithm.
        let dec = Decrypter::new(key.decrypting_key(alg).unwrap(), &[enc]);
        let pt = str_field(&v, "plaintext").as_bytes();
        let compact = str_field(&v, "compact");
        assert_eq!(dec.decrypt_compact(compact).unwrap().plaintext(), pt, "{alg} {enc}");
        assert_eq!(dec.decrypt_json(&json_bytes(&v["flattened"])).unwrap().plaintext(), pt, "{alg} {enc}");

        let mut parts: Vec<String> = compact.split('.').map(str::to_owned).collect();
        let tag = parts[4].clone();
        let first = if tag.starts_with('A') { "B" } else { "A" };
        parts[4] = format!("{first}{}", &tag[1..]);
        assert!(dec.decrypt_compact(&parts.join(".")).is_err(), "{alg} {enc}");
    }
}

/// The claims every JWT vector carries, read into a typed struct. josekit
/// writes `iat` and `nbf` as non-integer JSON numbers (`1767225600.0`), which
/// RFC 7519 section 2 allows for a NumericDate, and a one-element `aud` as a
/// string.
#[derive(Deserialize, Debug, PartialEq)]
struct Claims {
    iss: String,
    sub: String,
    aud: String,
    iat: f64,
    nbf: f64,
    exp: f64,
    name: String,
    admin: bool,
}

/// Validation for one vector: its signing key, and for a nested JWT its
/// decrypter; the clock and the accepted audience are the caller's.
fn validation(v: &Value, clock: i64, audience: &str) -> Validation {
    let alg: JwsAlgorithm = parse(&v["alg"]);
    let validation = Validation::from_key(public(&jwk(v, "jwk")).verifying_key(alg).unwrap())
        .issuer("https://josekit.example")
        .audience(audience)
        .typ("JWT")
        .clock(FixedClock(clock));
    match str_field(v, "kind") {
        "signed" => validation,
        "nested" => {
            let jwe_alg: JweAlgorithm = parse(&v["jwe_alg"]);
            let enc: JweEncryption = parse(&v["enc"]);
            validation.decrypt_with(Decrypter::new(jwk(v, "jwe_jwk").decrypting_key(jwe_alg).unwrap(), &[enc]))
        }
        other => panic!("kind {other}"),
    }
}

/// The dates as whole seconds in `i64` fields, through the serde helper.
#[derive(Deserialize, Debug, PartialEq)]
struct WholeSeconds {
    #[serde(with = "jot_jwt::numeric_date")]
    iat: i64,
    #[serde(with = "jot_jwt::numeric_date")]
    nbf: i64,
    #[serde(with = "jot_jwt::numeric_date")]
    exp: i64,
}

/// `iat` in a plain `i64` field, which refuses a float.
#[derive(Deserialize, Debug)]
struct PlainIat {
    #[allow(dead_code)]
    iat: i64,
}

#[test]
fn josekit_float_dates_read_into_i64_with_the_helper() {
    for v in vectors("jwt.json") {
        let want: Claims = parse(&v["claims"]);
        let token = str_field(&v, "token");
        let iat = want.iat as i64;
        let validation = validation(&v, iat + 60, "jot");
        let jwt = validation.verify::<WholeSeconds>(token).unwrap_or_else(|e| panic!("{v}: {e}"));
        assert_eq!(jwt.claims(), &WholeSeconds { iat, nbf: want.nbf as i64, exp: want.exp as i64 });
        // Without the helper the float is refused, and the error names the
        // member (never its value).
        let e = validation.verify::<PlainIat>(token).unwrap_err();
        assert_eq!(e, jot_jwt::Error::CustomClaims(Some("iat".into())), "{v}");
        let message = e.to_string();
        assert!(message.contains("\"iat\""), "{message}");
        assert!(!message.contains(&iat.to_string()[..4]), "{message}");
    }
}

#[test]
fn every_josekit_jwt_validates_into_typed_claims() {
    let (mut signed, mut nested) = (0, 0);
    for v in vectors("jwt.json") {
        match str_field(&v, "kind") {
            "signed" => signed += 1,
            _ => nested += 1,
        }
        let want: Claims = parse(&v["claims"]);
        let token = str_field(&v, "token");
        let iat = want.iat as i64;
        let jwt = validation(&v, iat + 60, "jot").verify::<Claims>(token).unwrap_or_else(|e| panic!("{v}: {e}"));
        assert_eq!(jwt.claims(), &want);
        assert_eq!(jwt.registered().exp.map(|d| d.as_f64()), Some(want.exp));

        // Before `nbf` and after `exp` (each beyond the 60 s leeway) the same
        // token is refused, and so is a different audience.
        assert!(validation(&v, iat - 61, "jot").verify_claims(token).is_err(), "{v}: accepted before nbf");
        assert!(validation(&v, want.exp as i64 + 61, "jot").verify_claims(token).is_err(), "{v}: accepted after exp");
        assert!(validation(&v, iat + 60, "other").verify_claims(token).is_err(), "{v}: wrong audience accepted");
    }
    assert_eq!((signed, nested), (14, 4));
}
