//! The published examples: RFC 7519 section 3.1 (the HS256 JWT of RFC 7515
//! appendix A.1) and RFC 7520 section 6 (a PS256 JWT nested in an
//! RSA-OAEP/A128GCM JWE). Tokens and keys are read from `vectors/`.
//! Each example is also tampered with and must then fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_core::json::Value;
use jot_jwe::Decrypter;
use jot_jwt::{Error, FixedClock, Jwk, NumericDate, Validation};
use jot_test_support::{json_bytes, load};

fn jwk(v: &serde_json::Value) -> Jwk {
    Jwk::from_json(&json_bytes(v)).unwrap()
}

fn text<'a>(v: &'a serde_json::Value, path: &[&str]) -> &'a str {
    path.iter().fold(v, |v, p| &v[*p]).as_str().unwrap_or_else(|| panic!("vector lacks {}", path.join(".")))
}

/// Every token made by changing one character of one segment (the first,
/// middle and last character of each).
fn tampered(token: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    for segment in token.split('.') {
        let len = segment.len();
        for i in [0, len / 2, len.saturating_sub(1)] {
            if len == 0 {
                continue;
            }
            let pos = start + i;
            let old = token.as_bytes()[pos];
            let new = if old == b'A' { 'B' } else { 'A' };
            let mut t = token.to_owned();
            t.replace_range(pos..=pos, &new.to_string());
            out.push(t);
        }
        start += len + 1;
    }
    out
}

/// The example of RFC 7519 section 3.1 is RFC 7515 A.1's token.
#[test]
fn rfc7519_3_1_example_jwt() {
    let v = load("rfc/rfc7515-a1-hs256.json");
    let token = text(&v, &["compact"]);
    let key = jwk(&v["jwk"]).verifying_key(JwsAlgorithm::HS256).unwrap();
    let exp = 1_300_819_380;

    let validation = Validation::from_key(key).typ("JWT").issuer("joe");
    let before_exp = validation.clone().clock(FixedClock(exp - 1)).leeway(0);
    let jwt = before_exp.verify_claims(token).unwrap();
    assert_eq!(jwt.registered().iss.as_deref(), Some("joe"));
    assert_eq!(jwt.registered().exp, Some(NumericDate::from_secs(exp)));
    assert_eq!(jwt.registered().sub, None);
    assert_eq!(jwt.claims().get("http://example.com/is_root"), Some(&Value::Bool(true)));
    assert_eq!(jwt.claims().len(), 3);
    assert_eq!(jwt.header().and_then(|h| h.alg()), Some(JwsAlgorithm::HS256));

    // The claims as the vector states them (its payload has CRLFs and
    // spaces; the parsed claims must be the same).
    let stated: serde_json::Value = serde_json::from_str(text(&v, &["payload"])).unwrap();
    assert_eq!(stated["iss"], "joe");
    assert_eq!(stated["exp"], exp);
    assert_eq!(stated["http://example.com/is_root"], true);

    // At exp it is expired (RFC 7519 4.1.4: now MUST be before exp) unless
    // the leeway covers it.
    assert_eq!(validation.clone().clock(FixedClock(exp)).leeway(0).verify_claims(token).unwrap_err(), Error::Expired);
    assert!(validation.clone().clock(FixedClock(exp)).verify_claims(token).is_ok());

    // On the system clock, 2011 is long past.
    assert_eq!(validation.verify_claims(token).unwrap_err(), Error::Expired);

    for t in tampered(token) {
        assert!(before_exp.verify_claims(&t).is_err(), "tampered token accepted: {t}");
    }
}

/// RFC 7520 section 6: decrypt with the example's RSA-OAEP key, then verify
/// the inner PS256 JWT with the example's signing key.
#[test]
fn rfc7520_6_nested_jwt() {
    let v = load("rfc7520/6.nesting_signatures_and_encryption.json");
    let sign = &v["sign"];
    let encrypt = &v["encrypt"];
    let token = text(encrypt, &["output", "compact"]);
    assert_eq!(text(sign, &["input", "alg"]), "PS256");
    assert_eq!(text(encrypt, &["input", "alg"]), "RSA-OAEP");
    assert_eq!(text(encrypt, &["input", "enc"]), "A128GCM");
    // The JWE's plaintext is the signed JWT of the same example.
    assert_eq!(text(encrypt, &["input", "plaintext"]), text(sign, &["output", "compact"]));

    let signing_key = jwk(&sign["input"]["key"]);
    let decryption_key = jwk(&encrypt["input"]["key"]);
    let decrypter =
        || Decrypter::new(decryption_key.decrypting_key(JweAlgorithm::RsaOaep).unwrap(), &[JweEncryption::A128Gcm]);
    let verifier = || signing_key.verifying_key(JwsAlgorithm::PS256).unwrap();

    // The claims have exp and no iat or nbf.
    let claims: serde_json::Value = serde_json::from_str(text(sign, &["input", "payload"])).unwrap();
    let exp = claims["exp"].as_i64().unwrap();
    assert!(claims.get("iat").is_none() && claims.get("nbf").is_none());

    let validation = Validation::from_key(verifier())
        .decrypt_with(decrypter())
        .clock(FixedClock(exp - 1))
        .leeway(0)
        .issuer("hobbiton.example")
        .typ("JWT");
    let jwt = validation.verify_claims(token).unwrap();
    assert_eq!(jwt.registered().iss.as_deref(), Some("hobbiton.example"));
    assert_eq!(jwt.registered().exp, Some(NumericDate::from_secs(exp)));
    assert_eq!(jwt.claims().get("http://example.com/is_root"), Some(&Value::Bool(true)));
    // The header is the inner JWS's.
    assert_eq!(jwt.header().and_then(|h| h.alg()), Some(JwsAlgorithm::PS256));
    assert_eq!(jwt.header().and_then(|h| h.typ()), Some("JWT"));

    // The inner JWT on its own verifies with the signing key alone.
    let inner = text(sign, &["output", "compact"]);
    let signed_only = Validation::from_key(verifier()).clock(FixedClock(exp - 1));
    assert!(signed_only.verify_claims(inner).is_ok());
    // ... which does not decrypt anything.
    assert_eq!(signed_only.verify_claims(token).unwrap_err(), Error::UnexpectedJwe);

    // Expiry applies through the nesting.
    assert_eq!(validation.clone().clock(FixedClock(exp)).verify_claims(token).unwrap_err(), Error::Expired);
    assert_eq!(validation.clone().clock(FixedClock(exp)).leeway(60).verify_claims(token).map(drop), Ok(()));
    assert_eq!(validation.clone().clock(FixedClock(exp + 60)).verify_claims(token).unwrap_err(), Error::Expired);

    // Each layer has its own accepted algorithms.
    let other_enc = Decrypter::new(
        decryption_key.decrypting_key(JweAlgorithm::RsaOaep).unwrap(),
        &[JweEncryption::A256Gcm, JweEncryption::A128CbcHs256],
    );
    let err = Validation::from_key(verifier())
        .decrypt_with(other_enc)
        .clock(FixedClock(exp - 1))
        .verify_claims(token)
        .unwrap_err();
    assert_eq!(err, Error::Jwe(jot_jwe::Error::AlgorithmNotAllowed));

    let rs256 = signing_key.verifying_key(JwsAlgorithm::RS256).unwrap();
    let err = Validation::from_key(rs256)
        .decrypt_with(decrypter())
        .clock(FixedClock(exp - 1))
        .verify_claims(token)
        .unwrap_err();
    assert_eq!(err, Error::Jws(jot_jws::Error::AlgorithmNotAllowed));

    for t in tampered(token) {
        assert!(validation.verify_claims(&t).is_err(), "tampered token accepted: {t}");
    }
}
