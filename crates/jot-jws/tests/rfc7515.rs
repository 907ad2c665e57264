//! RFC 7515 appendix A (A.1 to A.7) and appendix E, read from
//! `vectors/rfc/rfc7515-*.json`: every example verifies with its key, the
//! deterministic ones (HS256, RS256) are signed again and compared, the
//! unsecured A.5 is refused by every verify API, and the appendix E `crit`
//! negative case is refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use jot_core::alg::JwsAlgorithm;
use jot_core::base64url;
use jot_jwk::{Jwk, JwkSet, VerifyingKey};
use jot_jws::{
    CritError, EmbeddedJwkResolver, Error, Header, JwsBuilder, KeyResolver, Verifier, dangerous, sign_general,
};
use jot_test_support::str_field as s;
use jot_test_support::{json_bytes, load};
use serde_json::Value;

fn jwk(v: &Value) -> Jwk {
    Jwk::from_json(&json_bytes(v)).unwrap()
}

fn public(v: &Value) -> Jwk {
    let k = jwk(v);
    k.to_public().unwrap_or(k)
}

fn alg(v: &Value) -> JwsAlgorithm {
    JwsAlgorithm::from_name(s(v, "alg")).unwrap()
}

/// A verifier over the vector's public key bound to the vector's algorithm.
fn verifier_for(v: &Value) -> Verifier {
    Verifier::new(public(&v["jwk"]).verifying_key(alg(v)).unwrap())
}

/// The checks every compact example gets: the compact form verifies to the
/// payload with the right algorithm, and its parts are the vector's parts.
fn check_compact(file: &str) -> Value {
    let v = load(file);
    assert_eq!(v["expected"], "valid", "{file}");
    let compact = s(&v, "compact");
    assert_eq!(compact, format!("{}.{}", s(&v, "signing_input"), s(&v, "signature_b64u")), "{file}");
    assert_eq!(base64url::decode(s(&v, "protected_b64u")).unwrap(), s(&v, "protected_header").as_bytes());
    assert_eq!(base64url::decode(s(&v, "payload_b64u")).unwrap(), s(&v, "payload").as_bytes());

    let verified = verifier_for(&v).verify_compact(compact).unwrap();
    assert_eq!(verified.payload(), s(&v, "payload").as_bytes(), "{file}");
    assert_eq!(verified.alg(), alg(&v), "{file}");
    assert_eq!(verified.signature_index(), 0);
    assert_eq!(verified.header().alg(), Some(alg(&v)));
    assert!(verified.header().unprotected().is_empty());

    // The private JWK verifies too (with its public part).
    let private = Verifier::new(jwk(&v["jwk"]).verifying_key(alg(&v)).unwrap());
    assert_eq!(private.verify_compact(compact).unwrap().payload(), s(&v, "payload").as_bytes());
    v
}

/// Signs the vector's signing input again and compares with its signature.
fn check_resign(v: &Value) {
    assert_eq!(v["deterministic_signature"], true);
    let key = jwk(&v["jwk"]).signing_key(alg(v)).unwrap();
    let sig = key.sign(s(v, "signing_input").as_bytes()).unwrap();
    assert_eq!(base64url::encode(sig), s(v, "signature_b64u"));
}

#[test]
fn a1_hs256_verifies_and_resigns() {
    let v = check_compact("rfc/rfc7515-a1-hs256.json");
    check_resign(&v);
    let verified = verifier_for(&v).verify_compact(s(&v, "compact")).unwrap();
    assert_eq!(verified.header().typ(), Some("JWT"));
    // The header's CRLF and spaces are part of the signing input: the
    // builder's canonical header would sign something else, so re-signing
    // goes through the key on the exact signing input (check_resign).
    assert!(s(&v, "protected_header").contains("\r\n"));
}

#[test]
fn a2_rs256_verifies_and_resigns() {
    let v = check_compact("rfc/rfc7515-a2-rs256.json");
    check_resign(&v);
    // The builder writes exactly `{"alg":"RS256"}`, so the whole token is
    // reproduced (PKCS#1 v1.5 is deterministic).
    let key = jwk(&v["jwk"]).signing_key(JwsAlgorithm::RS256).unwrap();
    let token = JwsBuilder::new(&key).compact(s(&v, "payload").as_bytes()).unwrap();
    assert_eq!(token, s(&v, "compact"));
}

#[test]
fn a3_es256_verifies() {
    let v = check_compact("rfc/rfc7515-a3-es256.json");
    assert_eq!(v["deterministic_signature"], false);
    assert_eq!(base64url::decode(s(&v, "signature_b64u")).unwrap().len(), 64);
}

#[test]
fn a4_es512_verifies() {
    let v = check_compact("rfc/rfc7515-a4-es512.json");
    assert_eq!(v["deterministic_signature"], false);
    assert_eq!(base64url::decode(s(&v, "signature_b64u")).unwrap().len(), 132);
}

#[test]
fn a3_a4_ecdsa_signatures_made_here_verify() {
    for file in ["rfc/rfc7515-a3-es256.json", "rfc/rfc7515-a4-es512.json"] {
        let v = load(file);
        let key = jwk(&v["jwk"]).signing_key(alg(&v)).unwrap();
        let token = JwsBuilder::new(&key).compact(s(&v, "payload").as_bytes()).unwrap();
        assert_eq!(token.split('.').next().unwrap(), s(&v, "protected_b64u"), "{file}");
        assert_eq!(verifier_for(&v).verify_compact(&token).unwrap().payload(), s(&v, "payload").as_bytes());
    }
}

// ---------------------------------------------------------------- A.5

/// A resolver that records being asked: an unsecured token must be refused
/// before any key is looked up.
struct Recording(Arc<AtomicBool>, VerifyingKey);

impl KeyResolver for Recording {
    fn resolve(&self, _header: &Header) -> Result<VerifyingKey, Error> {
        self.0.store(true, Ordering::SeqCst);
        Ok(self.1.clone())
    }
}

/// Verifiers of every kind: one key per family, a JWK Set bound to every
/// algorithm, an embedded-key resolver and a resolver that would hand out a
/// key for anything.
fn every_verifier(asked: &Arc<AtomicBool>) -> Vec<(&'static str, Verifier)> {
    let hs = load("rfc/rfc7515-a1-hs256.json");
    let rs = load("rfc/rfc7515-a2-rs256.json");
    let es = load("rfc/rfc7515-a3-es256.json");
    let es512 = load("rfc/rfc7515-a4-es512.json");
    let ed = load("rfc/rfc8037-a4-ed25519-jws.json");
    // A published set (public keys) and a set of local secrets: a set that
    // mixes the two is refused (tests/attacks.rs).
    let mut keys: Vec<Value> = load("rfc/rfc7517-a1-public-keys.json")["jwks"]["keys"].as_array().unwrap().clone();
    for v in [&rs, &es, &es512] {
        keys.push(v["jwk"].clone());
    }
    let set = JwkSet::from_json(&json_bytes(&serde_json::json!({ "keys": keys }))).unwrap();
    let mut secrets: Vec<Value> =
        load("rfc/rfc7517-a3-symmetric-keys.json")["jwks"]["keys"].as_array().unwrap().clone();
    secrets.push(hs["jwk"].clone());
    let secrets = JwkSet::from_json(&json_bytes(&serde_json::json!({ "keys": secrets }))).unwrap();
    let resolver_key = public(&rs["jwk"]).verifying_key(JwsAlgorithm::RS256).unwrap();
    let pinned = vec![public(&es["jwk"]), public(&ed["jwk"])];
    vec![
        ("HS256 key", verifier_for(&hs)),
        ("RS256 key", verifier_for(&rs)),
        ("ES256 key", verifier_for(&es)),
        ("ES512 key", verifier_for(&es512)),
        ("EdDSA key", verifier_for(&ed)),
        ("JWK Set, every algorithm", Verifier::from_jwk_set(&set, JwsAlgorithm::ALL).unwrap()),
        ("secret JWK Set, every algorithm", Verifier::from_secret_jwk_set(&secrets, JwsAlgorithm::ALL).unwrap()),
        (
            "embedded jwk resolver",
            Verifier::with_resolver(EmbeddedJwkResolver::new(pinned, JwsAlgorithm::ALL).unwrap()),
        ),
        ("permissive resolver", Verifier::with_resolver(Recording(asked.clone(), resolver_key))),
    ]
}

#[test]
fn a5_unsecured_is_refused_by_every_verify_api() {
    let v = load("rfc/rfc7515-a5-none.json");
    assert_eq!(v["expected"], "valid-only-if-alg-none-explicitly-allowed");
    let compact = s(&v, "compact");
    let (header_b64, payload_b64) = (s(&v, "protected_b64u"), s(&v, "payload_b64u"));
    let payload = s(&v, "payload").as_bytes();
    let detached = format!("{header_b64}..");
    let flattened = serde_json::json!({ "protected": header_b64, "payload": payload_b64, "signature": "" }).to_string();
    let flattened_detached = serde_json::json!({ "protected": header_b64, "signature": "" }).to_string();
    let general = serde_json::json!({
        "payload": payload_b64,
        "signatures": [{ "protected": header_b64, "signature": "" }],
    })
    .to_string();
    // `alg: none` in the unprotected header of a JSON serialization.
    let unprotected =
        serde_json::json!({ "header": { "alg": "none" }, "payload": payload_b64, "signature": "" }).to_string();

    let asked = Arc::new(AtomicBool::new(false));
    for (name, verifier) in every_verifier(&asked) {
        assert_eq!(verifier.verify_compact(compact).unwrap_err(), Error::Unsecured, "{name}: compact");
        assert_eq!(
            verifier.verify_compact_detached(&detached, payload).unwrap_err(),
            Error::Unsecured,
            "{name}: compact detached"
        );
        for doc in [&flattened, &general, &unprotected] {
            assert_eq!(verifier.verify_json(doc.as_bytes()).unwrap_err(), Error::Unsecured, "{name}: {doc}");
            assert_eq!(verifier.verify_json_all(doc.as_bytes()).unwrap_err(), Error::Unsecured, "{name}: {doc}");
        }
        assert_eq!(
            verifier.verify_json_detached(flattened_detached.as_bytes(), payload).unwrap_err(),
            Error::Unsecured,
            "{name}: json detached"
        );
    }
    assert!(!asked.load(Ordering::SeqCst), "a resolver was asked for the key of an unsecured JWS");
}

#[test]
fn a5_is_read_only_through_the_dangerous_api() {
    let v = load("rfc/rfc7515-a5-none.json");
    let (header, payload) = dangerous::decode_unsecured(s(&v, "compact")).unwrap();
    assert_eq!(header.alg(), None);
    assert_eq!(header.get("alg").and_then(|a| a.as_str()), Some("none"));
    assert_eq!(payload, s(&v, "payload").as_bytes());

    // The dangerous reader cannot be used to skip verifying a signed token.
    let signed = load("rfc/rfc7515-a1-hs256.json");
    assert_eq!(dangerous::decode_unsecured(s(&signed, "compact")).unwrap_err(), Error::AlgorithmNotAllowed);
    // An unsecured JWS has an empty signature.
    let with_sig = format!("{}AAAA", s(&v, "compact"));
    assert_eq!(dangerous::decode_unsecured(&with_sig).unwrap_err(), Error::Malformed(jot_jws::Part::Signature));

    // encode_unsecured writes what decode_unsecured reads, and no verifier
    // accepts it.
    let token = dangerous::encode_unsecured(s(&v, "payload").as_bytes(), jot_core::json::Object::new());
    assert_eq!(token, s(&v, "compact"));
    let asked = Arc::new(AtomicBool::new(false));
    for (name, verifier) in every_verifier(&asked) {
        assert_eq!(verifier.verify_compact(&token).unwrap_err(), Error::Unsecured, "{name}");
    }
}

// ---------------------------------------------------------------- A.6, A.7

#[test]
fn a6_general_json_verifies_both_signatures() {
    let v = load("rfc/rfc7515-a6-general-json.json");
    assert_eq!(v["expected"], "valid");
    let doc = s(&v, "json_serialization").as_bytes();
    let payload = s(&v, "payload").as_bytes();
    let signers = v["signers"].as_array().unwrap();
    let keys: Vec<VerifyingKey> = signers.iter().map(|sg| public(&sg["jwk"]).verifying_key(alg(sg)).unwrap()).collect();

    let all = Verifier::with_keys(keys.clone()).verify_json_all(doc).unwrap();
    assert_eq!(all.len(), 2);
    for (i, (verified, signer)) in all.iter().zip(signers).enumerate() {
        assert_eq!(verified.signature_index(), i);
        assert_eq!(verified.alg(), alg(signer));
        assert_eq!(verified.payload(), payload);
        assert_eq!(verified.header().kid(), signer["header"]["kid"].as_str());
        // The kid came from the unprotected header, the alg from the protected.
        assert!(verified.header().protected().get("kid").is_none());
        assert_eq!(base64url::encode(verified.header().protected().to_json()), {
            // {"alg":"..."} is already canonical, so it encodes back to the same text.
            base64url::encode(s(signer, "protected_header"))
        });
        // The keys carry no kid.
        assert_eq!(verified.kid(), None);
    }

    // One key at a time: verify_json reports the signature that verified.
    for (i, key) in keys.iter().enumerate() {
        let verified = Verifier::new(key.clone()).verify_json(doc).unwrap();
        assert_eq!(verified.signature_index(), i);
        assert_eq!(verified.payload(), payload);
        assert_eq!(verified.header().kid(), signers[i]["header"]["kid"].as_str());
        // verify_json_all needs a key for every signature.
        assert!(Verifier::new(key.clone()).verify_json_all(doc).is_err());
    }
}

#[test]
fn a6_rs256_signature_is_reproduced_by_the_general_builder() {
    let v = load("rfc/rfc7515-a6-general-json.json");
    let signers = v["signers"].as_array().unwrap();
    let rs = jwk(&signers[0]["jwk"]).signing_key(JwsAlgorithm::RS256).unwrap();
    let es = jwk(&signers[1]["jwk"]).signing_key(JwsAlgorithm::ES256).unwrap();
    let builders = [
        JwsBuilder::new(&rs).unprotected("kid", s(&signers[0]["header"], "kid")).unwrap(),
        JwsBuilder::new(&es).unprotected("kid", s(&signers[1]["header"], "kid")).unwrap(),
    ];
    let made: Value = serde_json::from_str(&sign_general(s(&v, "payload").as_bytes(), &builders).unwrap()).unwrap();
    let mut expected: Value = serde_json::from_str(s(&v, "json_serialization")).unwrap();
    // RS256 is deterministic: the first signature is reproduced exactly.
    assert_eq!(made["signatures"][0], expected["signatures"][0]);
    // ECDSA is not: everything but its signature value is.
    expected["signatures"][1]["signature"] = made["signatures"][1]["signature"].clone();
    assert_eq!(made, expected);
    let keys = signers.iter().map(|sg| public(&sg["jwk"]).verifying_key(alg(sg)).unwrap()).collect();
    assert_eq!(Verifier::with_keys(keys).verify_json_all(made.to_string().as_bytes()).unwrap().len(), 2);
}

#[test]
fn a7_flattened_json_verifies() {
    let v = load("rfc/rfc7515-a7-flattened-json.json");
    assert_eq!(v["expected"], "valid");
    let doc = s(&v, "json_serialization").as_bytes();
    let verifier = verifier_for(&v);
    for verified in [verifier.verify_json(doc).unwrap(), verifier.verify_json_all(doc).unwrap().remove(0)] {
        assert_eq!(verified.payload(), s(&v, "payload").as_bytes());
        assert_eq!(verified.signature_index(), 0);
        assert_eq!(verified.alg(), JwsAlgorithm::ES256);
        assert_eq!(verified.header().kid(), Some("e9bc097a-ce51-4036-9562-d2ade882db0d"));
        assert_eq!(verified.header().unprotected().get("kid").and_then(|k| k.as_str()), verified.header().kid());
    }
    // A.7 is the second signature of A.6 in flattened form.
    let a6: Value = serde_json::from_str(s(&load("rfc/rfc7515-a6-general-json.json"), "json_serialization")).unwrap();
    let a7: Value = serde_json::from_slice(doc).unwrap();
    assert_eq!(a7["signature"], a6["signatures"][1]["signature"]);
    assert_eq!(a7["payload"], a6["payload"]);
}

// ---------------------------------------------------------------- appendix E

#[test]
fn appendix_e_unknown_crit_is_refused_everywhere() {
    let v = load("rfc/rfc7515-e-crit-negative.json");
    assert_eq!(v["expected"], "invalid");
    let compact = s(&v, "compact");
    let header_b64 = compact.split('.').next().unwrap();
    assert_eq!(base64url::decode(header_b64).unwrap(), s(&v, "protected_header").as_bytes());
    let flattened = serde_json::json!({
        "protected": header_b64, "payload": compact.split('.').nth(1).unwrap(), "signature": ""
    })
    .to_string();
    let want = Error::Crit(CritError::Unknown);

    let asked = Arc::new(AtomicBool::new(false));
    for (name, verifier) in every_verifier(&asked) {
        assert_eq!(verifier.verify_compact(compact).unwrap_err(), want, "{name}");
        assert_eq!(verifier.verify_compact_detached(&format!("{header_b64}.."), b"FAIL").unwrap_err(), want, "{name}");
        assert_eq!(verifier.verify_json(flattened.as_bytes()).unwrap_err(), want, "{name}");
        assert_eq!(verifier.verify_json_all(flattened.as_bytes()).unwrap_err(), want, "{name}");
    }
    assert!(!asked.load(Ordering::SeqCst));
    // Not even the dangerous reader accepts an extension it does not know.
    assert_eq!(dangerous::decode_unsecured(compact).unwrap_err(), want);

    // The same header with a real algorithm and a valid HMAC: still refused,
    // unless the verifier says it understands the extension.
    let key = jwk(&load("rfc/rfc7515-a1-hs256.json")["jwk"]);
    let header = s(&v, "protected_header").replace("\"none\"", "\"HS256\"");
    let input = format!("{}.{}", base64url::encode(&header), base64url::encode("FAIL"));
    let sig = key.signing_key(JwsAlgorithm::HS256).unwrap().sign(input.as_bytes()).unwrap();
    let token = format!("{input}.{}", base64url::encode(sig));
    let verifier = Verifier::new(key.verifying_key(JwsAlgorithm::HS256).unwrap());
    assert_eq!(verifier.verify_compact(&token).unwrap_err(), want);
    let understood =
        Verifier::new(key.verifying_key(JwsAlgorithm::HS256).unwrap()).allow_crit("http://example.com/UNDEFINED");
    let verified = understood.verify_compact(&token).unwrap();
    assert_eq!(verified.payload(), b"FAIL");
    assert_eq!(verified.header().crit(), Some(vec!["http://example.com/UNDEFINED"]));
}
