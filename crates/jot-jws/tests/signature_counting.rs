//! One signature never counts twice, the signature count has its own limit
//! kind, and limits near `usize::MAX` never overflow (issue 14).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::LimitKind;
use jot_core::alg::JwsAlgorithm;
use jot_jwk::Jwk;
use jot_jws::{Error, JwsBuilder, Limits, Verifier, sign_general};
use serde_json::{Value, json};

fn with_kid(mut jwk: Jwk, kid: &str) -> Jwk {
    jwk.set_kid(kid);
    jwk
}

/// A general JWS whose `signatures` repeat one entry: `verify_json_all`
/// would otherwise report one signer as two. The repeat may differ in its
/// unprotected header (here naming a second kid that holds the same HMAC
/// secret), and is refused all the same.
#[test]
fn a_repeated_signature_is_refused() {
    let a = with_kid(Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap(), "a");
    let mut b = a.clone();
    b.set_kid("b");
    let signer = a.signing_key(JwsAlgorithm::HS256).unwrap();
    let one = sign_general(b"pay", &[JwsBuilder::new(&signer).kid(None)]).unwrap();
    let mut doc: Value = serde_json::from_str(&one).unwrap();
    let sig = doc["signatures"][0].clone();
    let verifier = Verifier::with_keys(vec![
        a.verifying_key(JwsAlgorithm::HS256).unwrap(),
        b.verifying_key(JwsAlgorithm::HS256).unwrap(),
    ]);
    let mut first = sig.clone();
    first["header"] = json!({ "kid": "a" });
    let mut second = sig.clone();
    second["header"] = json!({ "kid": "b" });
    doc["signatures"] = json!([first.clone(), second]);
    let text = doc.to_string();
    assert_eq!(verifier.verify_json_all(text.as_bytes()).unwrap_err(), Error::DuplicateSignature);
    assert_eq!(verifier.verify_json(text.as_bytes()).unwrap_err(), Error::DuplicateSignature);
    // The exact same entry twice.
    doc["signatures"] = json!([first.clone(), first.clone()]);
    assert_eq!(verifier.verify_json_all(doc.to_string().as_bytes()).unwrap_err(), Error::DuplicateSignature);
    // Once, it verifies.
    doc["signatures"] = json!([first]);
    assert_eq!(verifier.verify_json_all(doc.to_string().as_bytes()).unwrap().len(), 1);
    // Two genuine signatures by two signers are two.
    let c = with_kid(Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap(), "c");
    let c_signer = c.signing_key(JwsAlgorithm::HS256).unwrap();
    let two = sign_general(b"pay", &[JwsBuilder::new(&signer), JwsBuilder::new(&c_signer)]).unwrap();
    let v = Verifier::with_keys(vec![
        a.verifying_key(JwsAlgorithm::HS256).unwrap(),
        c.verifying_key(JwsAlgorithm::HS256).unwrap(),
    ]);
    assert_eq!(v.verify_json_all(two.as_bytes()).unwrap().len(), 2);
}

/// Every limit at `usize::MAX`: tokens verify, malformed ones get their
/// error; nothing overflows or panics (debug builds check arithmetic).
#[test]
fn limits_near_the_maximum_never_overflow() {
    let key = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    let signer = key.signing_key(JwsAlgorithm::HS256).unwrap();
    for max in [usize::MAX, usize::MAX - 1, usize::MAX / 3, usize::MAX / 4 * 3 + 2] {
        let limits = Limits { max_token_bytes: max, max_header_bytes: max, max_json_depth: max, max_signatures: max };
        let v = Verifier::new(key.verifying_key(JwsAlgorithm::HS256).unwrap()).limits(limits);
        let compact = JwsBuilder::new(&signer).compact(b"x").unwrap();
        assert_eq!(v.verify_compact(&compact).unwrap().payload(), b"x");
        let general = sign_general(b"x", &[JwsBuilder::new(&signer)]).unwrap();
        assert_eq!(v.verify_json_all(general.as_bytes()).unwrap().len(), 1);
        for bad in ["", "..", "a.b.c", "!.b.c", &format!("{compact}.x")] {
            assert!(v.verify_compact(bad).is_err(), "{bad}");
        }
        let deep = format!(r#"{{"payload":"","signature":"","header":{}1{}}}"#, "[".repeat(1_000), "]".repeat(1_000));
        assert!(v.verify_json(deep.as_bytes()).is_err());
    }
    assert_eq!(jot_core::base64url::encoded_len(usize::MAX), usize::MAX);
    assert!(jot_core::base64url::decoded_len_max(usize::MAX) < usize::MAX);
}

#[test]
fn the_signature_count_has_its_own_limit_kind() {
    let key = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    let signer = key.signing_key(JwsAlgorithm::HS256).unwrap();
    let doc =
        sign_general(b"p", &[JwsBuilder::new(&signer), JwsBuilder::new(&signer).header("x", "1").unwrap()]).unwrap();
    let v = Verifier::new(key.verifying_key(JwsAlgorithm::HS256).unwrap())
        .limits(Limits { max_signatures: 1, ..Limits::DEFAULT });
    assert_eq!(v.verify_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::Signatures));
}
