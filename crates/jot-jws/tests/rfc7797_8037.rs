//! RFC 7797 (unencoded payload) section 4.1 and 4.2, the cookbook
//! repository's `b64: false` extras with their documented caveats, and
//! RFC 8037 appendix A.4/A.5 (EdDSA with Ed25519), plus the fully specified
//! `Ed25519` algorithm of RFC 9864.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::JwsAlgorithm;
use jot_core::base64url;
use jot_jwk::Jwk;
use jot_jws::{CritError, Error, JwsBuilder, Part, Verifier, sign_general};
use jot_test_support::str_field as s;
use jot_test_support::{json_bytes, load};
use serde_json::Value;

fn jwk(v: &Value) -> Jwk {
    Jwk::from_json(&json_bytes(v)).unwrap()
}

fn hs256(v: &Value) -> Verifier {
    Verifier::new(jwk(v).verifying_key(JwsAlgorithm::HS256).unwrap())
}

// ---------------------------------------------------------------- RFC 7797

#[test]
fn rfc7797_4_1_b64_true_verifies_and_resigns() {
    let v = load("rfc/rfc7797-4.1-b64-true.json");
    assert_eq!(v["expected"], "valid");
    let verified = hs256(&v["jwk"]).verify_compact(s(&v, "compact")).unwrap();
    assert_eq!(verified.payload(), b"$.02");
    assert!(verified.header().b64());
    let key = jwk(&v["jwk"]).signing_key(JwsAlgorithm::HS256).unwrap();
    assert_eq!(JwsBuilder::new(&key).compact(b"$.02").unwrap(), s(&v, "compact"));
}

#[test]
fn rfc7797_4_2_b64_false_detached_compact_verifies_and_resigns() {
    let v = load("rfc/rfc7797-4.2-b64-false.json");
    assert_eq!(v["expected"], "valid");
    let payload = s(&v, "payload").as_bytes();
    let compact = s(&v, "compact_detached");
    let verifier = hs256(&v["jwk"]);
    let verified = verifier.verify_compact_detached(compact, payload).unwrap();
    assert_eq!(verified.payload(), payload);
    assert!(!verified.header().b64());
    assert_eq!(verified.header().crit(), Some(vec!["b64"]));

    // The signing input carries the payload as it is.
    assert_eq!(s(&v, "signing_input"), format!("{}.$.02", s(&v, "protected_b64u")));
    let key = jwk(&v["jwk"]).signing_key(JwsAlgorithm::HS256).unwrap();
    let sig = key.sign(s(&v, "signing_input").as_bytes()).unwrap();
    assert_eq!(base64url::encode(sig), s(&v, "signature_b64u"));
    // The builder writes exactly {"alg":"HS256","b64":false,"crit":["b64"]}.
    let builder = JwsBuilder::new(&key).unencoded_payload();
    assert_eq!(builder.compact_detached(payload).unwrap(), compact);
    // "$.02" contains '.', so it cannot be carried in a compact JWS.
    assert_eq!(builder.compact(payload).unwrap_err(), Error::UnencodedPayload);
    // Putting it there anyway gives four segments.
    let attached = compact.replace("..", ".$.02.");
    assert_eq!(verifier.verify_compact(&attached).unwrap_err(), Error::Malformed(Part::Serialization));
    // A different payload does not verify.
    assert_eq!(verifier.verify_compact_detached(compact, b"$.03").unwrap_err(), Error::InvalidSignature);
    // Neither does the base64url-encoded payload: b64 false means as-is.
    assert_eq!(verifier.verify_compact_detached(compact, b"JC4wMg").unwrap_err(), Error::InvalidSignature);
}

#[test]
fn rfc7797_4_2_flattened_json_verifies_and_resigns() {
    let v = load("rfc/rfc7797-4.2-b64-false.json");
    let doc = s(&v, "json_flattened");
    let verifier = hs256(&v["jwk"]);
    let verified = verifier.verify_json(doc.as_bytes()).unwrap();
    assert_eq!(verified.payload(), b"$.02");
    assert!(!verified.header().b64());
    assert_eq!(verifier.verify_json_all(doc.as_bytes()).unwrap()[0].payload(), b"$.02");

    let key = jwk(&v["jwk"]).signing_key(JwsAlgorithm::HS256).unwrap();
    let builder = JwsBuilder::new(&key).unencoded_payload();
    let made: Value = serde_json::from_str(&builder.flattened(b"$.02").unwrap()).unwrap();
    assert_eq!(made, serde_json::from_str::<Value>(doc).unwrap());
    // Detached flattened: no payload member; the same signature.
    let detached = builder.flattened_detached(b"$.02").unwrap();
    assert_eq!(verifier.verify_json_detached(detached.as_bytes(), b"$.02").unwrap().payload(), b"$.02");
    // General form with the same signature.
    let general = sign_general(b"$.02", &[builder]).unwrap();
    let general: Value = serde_json::from_str(&general).unwrap();
    assert_eq!(general["signatures"][0]["signature"], made["signature"]);
    assert_eq!(general["payload"], "$.02");
}

#[test]
fn cookbook_4_2_b64_false_without_crit_is_refused() {
    // vectors/README.md: this file's header is {"alg":"HS256","b64":false}
    // without crit. RFC 7797 section 6 requires "b64" in "crit", so it is not
    // an RFC 7797 JWS and must be refused, although its HMAC is correct.
    let v = load("rfc7520/rfc7797/4.2.hmac-sha2_b64_false.json");
    let verifier = hs256(&v["input"]["key"]);
    for form in ["json", "json_flat"] {
        let doc = json_bytes(&v["output"][form]);
        assert_eq!(verifier.verify_json(&doc).unwrap_err(), Error::Crit(CritError::B64NotCritical), "{form}");
        assert_eq!(verifier.verify_json_all(&doc).unwrap_err(), Error::Crit(CritError::B64NotCritical), "{form}");
    }
    let header = base64url::decode(s(&v["output"]["json_flat"], "protected")).unwrap();
    assert_eq!(header, br#"{"alg":"HS256","b64":false}"#);
    // The HMAC is right for the header as encoded: only the missing crit is
    // why it is refused.
    let key = jwk(&v["input"]["key"]).signing_key(JwsAlgorithm::HS256).unwrap();
    let input = format!("{}.$.02", s(&v["output"]["json_flat"], "protected"));
    assert_eq!(base64url::encode(key.sign(input.as_bytes()).unwrap()), s(&v["output"]["json_flat"], "signature"));
}

#[test]
fn cookbook_b64_false_compact_compatible_output_verifies() {
    // vectors/README.md: this file's `signing` block is broken; its `output`
    // is consistent and verifies.
    let v = load("rfc7520/rfc7797/hmac-sha2_b64_false.json");
    let payload = s(&v["input"], "payload").as_bytes();
    let verifier = hs256(&v["input"]["key"]);
    let compact = s(&v["output"], "compact");
    let verified = verifier.verify_compact(compact).unwrap();
    assert_eq!(verified.payload(), payload);
    assert!(!verified.header().b64());
    for form in ["json", "json_flat"] {
        let verified = verifier.verify_json(&json_bytes(&v["output"][form])).unwrap();
        assert_eq!(verified.payload(), payload, "{form}");
    }
    // Deterministic: the builder reproduces the compact form.
    let key = jwk(&v["input"]["key"]).signing_key(JwsAlgorithm::HS256).unwrap();
    assert_eq!(JwsBuilder::new(&key).unencoded_payload().compact(payload).unwrap(), compact);
    // The same payload encoded with b64 false and verified as b64 true (the
    // header swapped for a plain one) does not verify.
    let plain = format!("{}.{}", base64url::encode(r#"{"alg":"HS256"}"#), compact.split_once('.').unwrap().1);
    assert!(verifier.verify_compact(&plain).is_err());
}

// ---------------------------------------------------------------- RFC 8037

#[test]
fn rfc8037_a4_eddsa_resigns_and_verifies() {
    let v = load("rfc/rfc8037-a4-ed25519-jws.json");
    assert_eq!(v["expected"], "valid");
    let key = jwk(&v["jwk"]);
    assert_eq!(base64url::decode(s(&v, "signature_b64u")).unwrap(), jot_test_support::hex_field(&v, "signature_hex"));
    // A.4: Ed25519 is deterministic, so signing reproduces the token.
    let signer = key.signing_key(JwsAlgorithm::EdDSA).unwrap();
    assert_eq!(JwsBuilder::new(&signer).compact(s(&v, "payload").as_bytes()).unwrap(), s(&v, "compact"));
    assert_eq!(base64url::encode(signer.sign(s(&v, "signing_input").as_bytes()).unwrap()), s(&v, "signature_b64u"));
    // A.5: verify with the public key (RFC 8037 A.2).
    let public = load("rfc/rfc8037-a2-ed25519-public-key.json");
    let public = jwk(&public["jwk"]);
    assert_eq!(Some(public.clone()), key.to_public());
    let verified = Verifier::new(public.verifying_key(JwsAlgorithm::EdDSA).unwrap()).verify_compact(s(&v, "compact"));
    let verified = verified.unwrap();
    assert_eq!(verified.payload(), s(&v, "payload").as_bytes());
    assert_eq!(verified.alg(), JwsAlgorithm::EdDSA);
}

#[test]
fn ed25519_fully_specified_round_trip() {
    // RFC 9864: "Ed25519" names the curve in the algorithm. The RFC 8037
    // key signs and verifies under it, and the two names are distinct
    // algorithms: a key bound to one does not verify the other.
    let v = load("rfc/rfc8037-a4-ed25519-jws.json");
    let key = jwk(&v["jwk"]);
    let public = key.to_public().unwrap();
    let payload = s(&v, "payload").as_bytes();
    let signer = key.signing_key(JwsAlgorithm::Ed25519).unwrap();
    let token = JwsBuilder::new(&signer).compact(payload).unwrap();
    assert_eq!(base64url::decode(token.split('.').next().unwrap()).unwrap(), br#"{"alg":"Ed25519"}"#);
    // Same key, same payload, different header: a different signature.
    assert_ne!(token, s(&v, "compact"));

    let ed25519 = Verifier::new(public.verifying_key(JwsAlgorithm::Ed25519).unwrap());
    let eddsa = Verifier::new(public.verifying_key(JwsAlgorithm::EdDSA).unwrap());
    let verified = ed25519.verify_compact(&token).unwrap();
    assert_eq!(verified.payload(), payload);
    assert_eq!(verified.alg(), JwsAlgorithm::Ed25519);
    assert_eq!(eddsa.verify_compact(&token).unwrap_err(), Error::AlgorithmNotAllowed);
    assert_eq!(ed25519.verify_compact(s(&v, "compact")).unwrap_err(), Error::AlgorithmNotAllowed);

    // Both accepted when the caller binds the key to both.
    let both = Verifier::with_keys(vec![
        public.verifying_key(JwsAlgorithm::Ed25519).unwrap(),
        public.verifying_key(JwsAlgorithm::EdDSA).unwrap(),
    ]);
    assert_eq!(both.verify_compact(&token).unwrap().alg(), JwsAlgorithm::Ed25519);
    assert_eq!(both.verify_compact(s(&v, "compact")).unwrap().alg(), JwsAlgorithm::EdDSA);

    // The JSON forms too.
    let flat = JwsBuilder::new(&signer).flattened(payload).unwrap();
    assert_eq!(ed25519.verify_json(flat.as_bytes()).unwrap().payload(), payload);
    let general = sign_general(payload, &[JwsBuilder::new(&signer)]).unwrap();
    assert_eq!(ed25519.verify_json_all(general.as_bytes()).unwrap()[0].payload(), payload);
}
