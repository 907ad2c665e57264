//! The JSON serializations (RFC 7515 section 7.2): the shape of the
//! document, member types, payload presence, unknown members, several
//! signatures and which header a verification reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::JwsAlgorithm;
use jot_core::{JsonError, LimitKind, base64url};
use jot_jwk::{Jwk, SigningKey};
use jot_jws::{CritError, Error, JwsBuilder, Part, Verifier, sign_general, sign_general_detached};
use jot_test_support::{json_bytes, load};
use serde_json::{Value, json};

fn hmac_jwk() -> Jwk {
    Jwk::from_json(&json_bytes(&load("rfc/rfc7515-a1-hs256.json")["jwk"])).unwrap()
}

fn signer() -> SigningKey {
    hmac_jwk().signing_key(JwsAlgorithm::HS256).unwrap()
}

fn verifier() -> Verifier {
    Verifier::new(hmac_jwk().verifying_key(JwsAlgorithm::HS256).unwrap())
}

fn flattened() -> Value {
    serde_json::from_str(&JwsBuilder::new(&signer()).flattened(b"payload").unwrap()).unwrap()
}

fn general() -> Value {
    let s = signer();
    serde_json::from_str(&sign_general(b"payload", &[JwsBuilder::new(&s), JwsBuilder::new(&s).typ("x")]).unwrap())
        .unwrap()
}

fn err_json(doc: &Value) -> Error {
    verifier().verify_json(doc.to_string().as_bytes()).unwrap_err()
}

fn err_all(doc: &Value) -> Error {
    verifier().verify_json_all(doc.to_string().as_bytes()).unwrap_err()
}

#[test]
fn both_forms_verify_untouched() {
    assert_eq!(verifier().verify_json(flattened().to_string().as_bytes()).unwrap().payload(), b"payload");
    assert_eq!(verifier().verify_json_all(general().to_string().as_bytes()).unwrap().len(), 2);
    // Insignificant JSON whitespace does not matter.
    let pretty = serde_json::to_string_pretty(&general()).unwrap();
    assert_eq!(verifier().verify_json_all(pretty.as_bytes()).unwrap().len(), 2);
}

#[test]
fn unknown_members_are_ignored() {
    // RFC 7515 section 7.2.1: members not understood MUST be ignored.
    let mut flat = flattened();
    flat["x-extra"] = json!({ "any": [1, 2] });
    assert_eq!(verifier().verify_json(flat.to_string().as_bytes()).unwrap().payload(), b"payload");
    let mut doc = general();
    doc["x-extra"] = json!(true);
    doc["signatures"][1]["x-extra"] = json!("y");
    assert_eq!(verifier().verify_json_all(doc.to_string().as_bytes()).unwrap().len(), 2);
}

#[test]
fn general_and_flattened_members_cannot_be_mixed() {
    let flat = flattened();
    for member in ["protected", "header", "signature"] {
        let mut doc = general();
        doc[member] = if member == "header" { json!({}) } else { flat[member].clone() };
        assert_eq!(err_json(&doc), Error::Malformed(Part::Serialization), "{member}");
        assert_eq!(err_all(&doc), Error::Malformed(Part::Serialization), "{member}");
    }
}

#[test]
fn signatures_must_be_a_non_empty_array_of_objects() {
    for signatures in [json!([]), json!({}), json!("x"), json!(null), json!([1]), json!([[]]), json!(["sig"])] {
        let mut doc = general();
        doc["signatures"] = signatures.clone();
        assert_eq!(err_json(&doc), Error::Malformed(Part::Serialization), "{signatures}");
        assert_eq!(err_all(&doc), Error::Malformed(Part::Serialization), "{signatures}");
    }
}

#[test]
fn members_of_the_wrong_type_are_errors() {
    for (member, value) in [("payload", json!(1)), ("protected", json!({})), ("signature", json!(null))] {
        let mut doc = flattened();
        doc[member] = value.clone();
        let want = match member {
            "payload" => JsonError::WrongType { member: "payload" },
            "protected" => JsonError::WrongType { member: "protected" },
            _ => JsonError::WrongType { member: "signature" },
        };
        assert_eq!(err_json(&doc), Error::Json(Part::Serialization, want), "{member}");
        let mut doc = general();
        if member == "payload" {
            doc[member] = value.clone();
        } else {
            doc["signatures"][0][member] = value.clone();
        }
        assert_eq!(err_all(&doc), Error::Json(Part::Serialization, want), "{member}");
    }
    for header in [json!("kid"), json!([]), json!(1), json!(null)] {
        let mut doc = flattened();
        doc["header"] = header.clone();
        assert_eq!(err_json(&doc), Error::Malformed(Part::UnprotectedHeader), "{header}");
    }
}

#[test]
fn a_missing_signature_or_header_is_refused() {
    let mut doc = flattened();
    doc.as_object_mut().unwrap().remove("signature");
    assert_eq!(err_json(&doc), Error::Malformed(Part::Signature));
    let mut doc = general();
    doc["signatures"][1].as_object_mut().unwrap().remove("signature");
    assert_eq!(err_json(&doc), Error::Malformed(Part::Signature));
    // Neither protected nor unprotected header: no alg.
    let mut doc = flattened();
    doc.as_object_mut().unwrap().remove("protected");
    assert_eq!(err_json(&doc), Error::MissingAlgorithm);
    // RFC 7515 section 7.2.1: an empty protected header is omitted, never "".
    let mut doc = flattened();
    doc["protected"] = json!("");
    doc["header"] = json!({ "alg": "HS256" });
    assert_eq!(err_json(&doc), Error::Malformed(Part::ProtectedHeader));
}

#[test]
fn documents_that_are_not_json_objects_are_refused() {
    let token = JwsBuilder::new(&signer()).compact(b"payload").unwrap();
    for (doc, want) in [
        (token.as_bytes(), JsonError::Syntax),
        (b"[]", JsonError::NotAnObject),
        (b"\"x\"", JsonError::NotAnObject),
        (b"", JsonError::Syntax),
        (b"{\"payload\":\"x\",}", JsonError::Syntax),
        (b"{\"payload\":\"\xff\"}", JsonError::Syntax),
        (b"{} {}", JsonError::Syntax),
    ] {
        let err = verifier().verify_json(doc).unwrap_err();
        assert_eq!(err, Error::Json(Part::Serialization, want), "{}", String::from_utf8_lossy(doc));
    }
    // And a JSON document is not a compact token.
    let doc = flattened().to_string();
    assert_eq!(verifier().verify_compact(&doc).unwrap_err(), Error::Malformed(Part::Serialization));
}

#[test]
fn payload_presence_must_match_the_call() {
    let s = signer();
    let attached = JwsBuilder::new(&s).flattened(b"payload").unwrap();
    let detached = JwsBuilder::new(&s).flattened_detached(b"payload").unwrap();
    assert_eq!(verifier().verify_json(detached.as_bytes()).unwrap_err(), Error::PayloadPresence);
    assert_eq!(verifier().verify_json_all(detached.as_bytes()).unwrap_err(), Error::PayloadPresence);
    assert_eq!(verifier().verify_json_detached(attached.as_bytes(), b"payload").unwrap_err(), Error::PayloadPresence);
    assert_eq!(verifier().verify_json_detached(detached.as_bytes(), b"payload").unwrap().payload(), b"payload");
    let general = sign_general_detached(b"payload", &[JwsBuilder::new(&s)]).unwrap();
    assert!(!general.contains("\"payload\""));
    assert_eq!(verifier().verify_json(general.as_bytes()).unwrap_err(), Error::PayloadPresence);
    assert_eq!(verifier().verify_json_detached(general.as_bytes(), b"payload").unwrap().payload(), b"payload");
    // An empty payload member is an empty payload, not a detached one.
    let empty = JwsBuilder::new(&s).flattened(b"").unwrap();
    assert_eq!(verifier().verify_json(empty.as_bytes()).unwrap().payload(), b"");
    assert_eq!(verifier().verify_json_detached(empty.as_bytes(), b"").unwrap_err(), Error::PayloadPresence);
}

#[test]
fn verify_json_reports_only_the_signature_that_verified() {
    // Two signers with different keys and headers; the verifier holds the
    // second key only.
    let first = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let second = Jwk::generate_for_jws(JwsAlgorithm::EdDSA).unwrap();
    let (s1, s2) = (first.signing_key(JwsAlgorithm::ES256).unwrap(), second.signing_key(JwsAlgorithm::EdDSA).unwrap());
    let doc = sign_general(
        b"payload",
        &[
            JwsBuilder::new(&s1).typ("first").unprotected("x-who", "first").unwrap(),
            JwsBuilder::new(&s2).typ("second").unprotected("x-who", "second").unwrap(),
        ],
    )
    .unwrap();
    let only_second = Verifier::new(second.to_public().unwrap().verifying_key(JwsAlgorithm::EdDSA).unwrap());
    let verified = only_second.verify_json(doc.as_bytes()).unwrap();
    assert_eq!(verified.signature_index(), 1);
    assert_eq!(verified.alg(), JwsAlgorithm::EdDSA);
    assert_eq!(verified.kid(), second.kid());
    assert_eq!(verified.header().kid(), second.kid());
    assert_eq!(verified.header().typ(), Some("second"));
    assert_eq!(verified.header().get("x-who").and_then(|v| v.as_str()), Some("second"));
    // Not every signature verifies with that key.
    assert_eq!(only_second.verify_json_all(doc.as_bytes()).unwrap_err(), Error::AlgorithmNotAllowed);

    let both = Verifier::with_keys(vec![
        first.to_public().unwrap().verifying_key(JwsAlgorithm::ES256).unwrap(),
        second.to_public().unwrap().verifying_key(JwsAlgorithm::EdDSA).unwrap(),
    ]);
    let all = both.verify_json_all(doc.as_bytes()).unwrap();
    assert_eq!(all.iter().map(|v| v.header().typ().unwrap()).collect::<Vec<_>>(), ["first", "second"]);
    assert_eq!(all.iter().map(|v| v.signature_index()).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(both.verify_json(doc.as_bytes()).unwrap().signature_index(), 0);
}

#[test]
fn no_key_for_any_signature() {
    let other = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let verifier = Verifier::new(other.to_public().unwrap().verifying_key(JwsAlgorithm::ES256).unwrap());
    assert_eq!(verifier.verify_json(general().to_string().as_bytes()).unwrap_err(), Error::AlgorithmNotAllowed);
    // A key of the right algorithm but another kid.
    let mut kid_key = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    kid_key.set_kid("other");
    let s = kid_key.signing_key(JwsAlgorithm::HS256).unwrap();
    let doc = JwsBuilder::new(&s).kid(Some("mine")).flattened(b"x").unwrap();
    let verifier = Verifier::new(kid_key.verifying_key(JwsAlgorithm::HS256).unwrap());
    assert_eq!(verifier.verify_json(doc.as_bytes()).unwrap_err(), Error::NoMatchingKey);
    // A bad signature outranks a signature no key was meant for.
    let mut doc = general();
    doc["signatures"][0]["protected"] = base64url::encode(r#"{"alg":"ES256"}"#).into();
    doc["signatures"][1]["signature"] = base64url::encode([0u8; 32]).into();
    assert_eq!(err_json(&doc), Error::InvalidSignature);
}

#[test]
fn one_refused_header_refuses_the_whole_document() {
    // A signature whose header breaks a rule (crit, b64, conflict) is not
    // passed over: the document is refused, even next to a valid signature.
    let s = signer();
    let good = flattened();
    for (protected, header, want) in [
        (r#"{"alg":"HS256","crit":["x"],"x":1}"#, None, Error::Crit(CritError::Unknown)),
        (r#"{"alg":"HS256"}"#, Some(json!({ "alg": "HS256" })), Error::HeaderConflict),
        (r#"{"alg":"HS256","b64":false}"#, None, Error::Crit(CritError::B64NotCritical)),
        (r#"{"alg":"XS256"}"#, None, Error::UnsupportedAlgorithm),
    ] {
        let p = base64url::encode(protected);
        let sig = base64url::encode(s.sign(format!("{p}.{}", good["payload"].as_str().unwrap()).as_bytes()).unwrap());
        let mut entry = json!({ "protected": p, "signature": sig });
        if let Some(h) = header {
            entry["header"] = h;
        }
        for order in [0, 1] {
            let good_entry = json!({ "protected": good["protected"], "signature": good["signature"] });
            let sigs = if order == 0 { vec![entry.clone(), good_entry] } else { vec![good_entry, entry.clone()] };
            let doc = json!({ "payload": good["payload"], "signatures": sigs });
            assert_eq!(err_json(&doc), want, "{protected} at {order}");
            assert_eq!(err_all(&doc), want, "{protected} at {order}");
        }
    }
}

#[test]
fn the_default_signature_count_limit() {
    let s = signer();
    // Distinct headers, so 16 distinct signatures (a repeated one is refused).
    let builders: Vec<_> = (0..17).map(|i| JwsBuilder::new(&s).header("n", i.to_string().as_str()).unwrap()).collect();
    let doc = sign_general(b"p", &builders).unwrap();
    assert_eq!(verifier().verify_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::Signatures));
    let doc = sign_general(b"p", &builders[..16]).unwrap();
    assert_eq!(verifier().verify_json_all(doc.as_bytes()).unwrap().len(), 16);
}
