//! RFC 7520 section 4 (the JOSE Cookbook's JWS examples 4.1 to 4.8), read
//! from `vectors/rfc7520/jws/`: every `output` form (compact, general JSON,
//! flattened JSON) verifies with `input.key`, and the reproducible examples
//! (RS256, HS256, and the cookbook repository's Ed25519 extra) are signed
//! again from the input and compared.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::JwsAlgorithm;
use jot_core::base64url;
use jot_jwk::{Jwk, VerifyingKey};
use jot_jws::{Error, JwsBuilder, Verified, Verifier, sign_general};
use jot_test_support::str_field as s;
use jot_test_support::{json_bytes, load};
use serde_json::Value;

const FILES: [&str; 8] = [
    "rfc7520/jws/4_1.rsa_v15_signature.json",
    "rfc7520/jws/4_2.rsa-pss_signature.json",
    "rfc7520/jws/4_3.ecdsa_signature.json",
    "rfc7520/jws/4_4.hmac-sha2_integrity_protection.json",
    "rfc7520/jws/4_5.signature_with_detached_content.json",
    "rfc7520/jws/4_6.protecting_specific_header_fields.json",
    "rfc7520/jws/4_7.protecting_content_only.json",
    "rfc7520/jws/4_8.multiple_signatures.json",
];

fn jwk(v: &Value) -> Jwk {
    Jwk::from_json(&json_bytes(v)).unwrap()
}

fn public(v: &Value) -> Jwk {
    let k = jwk(v);
    k.to_public().unwrap_or(k)
}

fn alg_of(v: &Value) -> JwsAlgorithm {
    JwsAlgorithm::from_name(v.as_str().unwrap()).unwrap()
}

/// `(key, alg)` pairs of the input: one, or a list for 4.8.
fn inputs(v: &Value) -> Vec<(Value, JwsAlgorithm)> {
    match (&v["input"]["key"], &v["input"]["alg"]) {
        (Value::Array(keys), Value::Array(algs)) => keys.iter().cloned().zip(algs.iter().map(alg_of)).collect(),
        (key, alg) => vec![(key.clone(), alg_of(alg))],
    }
}

fn verifying_keys(v: &Value) -> Vec<VerifyingKey> {
    inputs(v).iter().map(|(k, alg)| public(k).verifying_key(*alg).unwrap()).collect()
}

fn payload(v: &Value) -> &[u8] {
    s(&v["input"], "payload").as_bytes()
}

fn is_detached(v: &Value) -> bool {
    v["output"]["json"].get("payload").is_none()
}

fn verify_doc(verifier: &Verifier, v: &Value, doc: &[u8]) -> Verified<'static> {
    if is_detached(v) { verifier.verify_json_detached(doc, payload(v)) } else { verifier.verify_json(doc) }.unwrap()
}

fn check_verified(v: &Value, verified: &Verified<'_>, index: usize) {
    let (key, alg) = &inputs(v)[index];
    assert_eq!(verified.payload(), payload(v));
    assert_eq!(verified.alg(), *alg);
    assert_eq!(verified.signature_index(), index);
    assert_eq!(verified.kid(), key["kid"].as_str());
    let signing = if v["signing"].is_array() { &v["signing"][index] } else { &v["signing"] };
    // The header the verifier reports is the one the example signed with,
    // split between protected and unprotected as in the example.
    let protected: Value = serde_json::from_str(&verified.header().protected().to_json()).unwrap();
    let unprotected: Value = serde_json::from_str(&verified.header().unprotected().to_json()).unwrap();
    assert_eq!(protected, signing.get("protected").cloned().unwrap_or(serde_json::json!({})));
    assert_eq!(unprotected, signing.get("unprotected").cloned().unwrap_or(serde_json::json!({})));
}

#[test]
fn every_output_form_verifies_with_the_input_key() {
    for file in FILES {
        let v = load(file);
        let keys = verifying_keys(&v);
        let verifier = Verifier::with_keys(keys.clone());
        let mut forms = 0;
        if let Some(compact) = v["output"]["compact"].as_str() {
            let verified = if is_detached(&v) {
                assert_eq!(compact.split('.').nth(1), Some(""), "{file}");
                verifier.verify_compact_detached(compact, payload(&v)).unwrap()
            } else {
                verifier.verify_compact(compact).unwrap()
            };
            check_verified(&v, &verified, 0);
            forms += 1;
        }
        for form in ["json", "json_flat"] {
            let Some(doc) = v["output"].get(form) else { continue };
            let doc = json_bytes(doc);
            check_verified(&v, &verify_doc(&verifier, &v, &doc), 0);
            if !is_detached(&v) {
                let all = verifier.verify_json_all(&doc).unwrap();
                assert_eq!(all.len(), keys.len(), "{file} {form}");
                for (i, verified) in all.iter().enumerate() {
                    check_verified(&v, verified, i);
                }
            }
            forms += 1;
        }
        // 4.6 and 4.7 have unprotected headers, 4.8 has several signatures:
        // no compact form there.
        let expected_forms = match file {
            f if f.contains("4_6") || f.contains("4_7") => 2,
            f if f.contains("4_8") => 1,
            _ => 3,
        };
        assert_eq!(forms, expected_forms, "{file}");
    }
}

#[test]
fn signatures_match_their_signing_input() {
    // The intermediate values are consistent with the output (checked once
    // here so that the re-signing tests below compare like with like).
    for file in FILES {
        let v = load(file);
        let signings = match &v["signing"] {
            Value::Array(a) => a.clone(),
            one => vec![one.clone()],
        };
        for (i, sg) in signings.iter().enumerate() {
            let protected_b64 = sg.get("protected_b64u").and_then(Value::as_str).unwrap_or("");
            if let Some(p) = sg.get("protected") {
                let decoded: Value = serde_json::from_slice(&base64url::decode(protected_b64).unwrap()).unwrap();
                assert_eq!(&decoded, p, "{file} #{i}");
            }
            assert_eq!(s(sg, "sig-input"), format!("{protected_b64}.{}", base64url::encode(payload(&v))), "{file}");
            // Verifying the bare signing input with the bound key.
            let (key, alg) = &inputs(&v)[i];
            let sig = base64url::decode(s(sg, "sig")).unwrap();
            public(key).verifying_key(*alg).unwrap().verify(s(sg, "sig-input").as_bytes(), &sig).unwrap();
        }
    }
}

#[test]
fn deterministic_examples_are_reproduced() {
    // RS256 (4.1, 4.8 #0) and HS256 (4.4 to 4.7, 4.8 #2) are deterministic;
    // PS384 (4.2) and ES512 (4.3, 4.8 #1) are randomized.
    let mut reproduced = 0;
    for file in FILES {
        let v = load(file);
        let signings = match &v["signing"] {
            Value::Array(a) => a.clone(),
            one => vec![one.clone()],
        };
        for (i, (key, alg)) in inputs(&v).iter().enumerate() {
            if !matches!(alg, JwsAlgorithm::RS256 | JwsAlgorithm::HS256) {
                continue;
            }
            if v.get("reproducible").is_some() {
                assert_eq!(v["reproducible"], true, "{file}");
            }
            let sig = jwk(key).signing_key(*alg).unwrap().sign(s(&signings[i], "sig-input").as_bytes()).unwrap();
            assert_eq!(base64url::encode(sig), s(&signings[i], "sig"), "{file} #{i}");
            reproduced += 1;
        }
    }
    assert_eq!(reproduced, 7);
}

fn signer(v: &Value) -> jot_jwk::SigningKey {
    let (key, alg) = &inputs(v)[0];
    jwk(key).signing_key(*alg).unwrap()
}

fn as_value(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn builder_reproduces_4_1_and_4_4() {
    // The builder's header for a key with a kid is {"alg":..,"kid":..}, the
    // examples' header byte for byte.
    for file in [FILES[0], FILES[3]] {
        let v = load(file);
        let key = signer(&v);
        let builder = JwsBuilder::new(&key);
        assert_eq!(builder.compact(payload(&v)).unwrap(), s(&v["output"], "compact"), "{file}");
        assert_eq!(as_value(&builder.flattened(payload(&v)).unwrap()), v["output"]["json_flat"], "{file}");
        assert_eq!(as_value(&sign_general(payload(&v), &[builder]).unwrap()), v["output"]["json"], "{file}");
    }
}

#[test]
fn builder_reproduces_4_5_detached_content() {
    let v = load(FILES[4]);
    let key = signer(&v);
    let builder = JwsBuilder::new(&key);
    assert_eq!(builder.compact_detached(payload(&v)).unwrap(), s(&v["output"], "compact"));
    assert_eq!(as_value(&builder.flattened_detached(payload(&v)).unwrap()), v["output"]["json_flat"]);
    let general = jot_jws::sign_general_detached(payload(&v), &[builder]).unwrap();
    assert_eq!(as_value(&general), v["output"]["json"]);

    // Detached content is detached: the compact form does not verify as an
    // attached token, and a wrong payload does not verify.
    let verifier = Verifier::with_keys(verifying_keys(&v));
    let compact = s(&v["output"], "compact");
    assert_eq!(verifier.verify_compact(compact).unwrap_err(), Error::InvalidSignature);
    assert_eq!(verifier.verify_compact_detached(compact, b"other payload").unwrap_err(), Error::InvalidSignature);
    let flat = json_bytes(&v["output"]["json_flat"]);
    assert_eq!(verifier.verify_json(&flat).unwrap_err(), Error::PayloadPresence);
    assert_eq!(verifier.verify_json_detached(&flat, b"other payload").unwrap_err(), Error::InvalidSignature);
    // An attached token offered as detached is refused.
    let attached = load(FILES[3]);
    let attached = s(&attached["output"], "compact");
    assert_eq!(verifier.verify_compact_detached(attached, payload(&v)).unwrap_err(), Error::PayloadPresence);
    let attached_flat = json_bytes(&load(FILES[3])["output"]["json_flat"]);
    assert_eq!(verifier.verify_json_detached(&attached_flat, payload(&v)).unwrap_err(), Error::PayloadPresence);
}

#[test]
fn builder_reproduces_4_6_protecting_specific_header_fields() {
    let v = load(FILES[5]);
    let key = signer(&v);
    let kid = s(&v["signing"]["unprotected"], "kid");
    // The kid moves from the protected to the unprotected header.
    let builder = JwsBuilder::new(&key).kid(None).unprotected("kid", kid).unwrap();
    assert_eq!(as_value(&builder.flattened(payload(&v)).unwrap()), v["output"]["json_flat"]);
    assert_eq!(as_value(&sign_general(payload(&v), &[builder]).unwrap()), v["output"]["json"]);
    // A header with an unprotected part has no compact form.
    let builder = JwsBuilder::new(&key).kid(None).unprotected("kid", kid).unwrap();
    assert!(matches!(builder.compact(payload(&v)).unwrap_err(), Error::ApiMisuse(_)));

    let verified = Verifier::with_keys(verifying_keys(&v)).verify_json(&json_bytes(&v["output"]["json_flat"])).unwrap();
    assert_eq!(verified.header().kid(), Some(kid));
    assert!(verified.header().protected().get("kid").is_none());
}

#[test]
fn example_4_7_protects_content_only() {
    // No protected header at all: the signing input starts with '.'. The
    // builder always protects `alg`, so 4.7 is reproduced through the key.
    let v = load(FILES[6]);
    assert!(v["signing"].get("protected_b64u").is_none());
    assert!(s(&v["signing"], "sig-input").starts_with('.'));
    let sig = signer(&v).sign(s(&v["signing"], "sig-input").as_bytes()).unwrap();
    assert_eq!(base64url::encode(sig), s(&v["signing"], "sig"));
    let verifier = Verifier::with_keys(verifying_keys(&v));
    for form in ["json", "json_flat"] {
        let verified = verifier.verify_json(&json_bytes(&v["output"][form])).unwrap();
        assert!(verified.header().protected().is_empty());
        assert_eq!(verified.header().alg(), Some(JwsAlgorithm::HS256));
        assert_eq!(verified.header().kid(), Some("018c0ae5-4d9b-471b-bfd6-eef314bc7037"));
    }
}

#[test]
fn example_4_8_each_signer_verifies_with_its_own_key() {
    let v = load(FILES[7]);
    let doc = json_bytes(&v["output"]["json"]);
    let keys = verifying_keys(&v);
    let expected = [
        (JwsAlgorithm::RS256, "bilbo.baggins@hobbiton.example"),
        (JwsAlgorithm::ES512, "bilbo.baggins@hobbiton.example"),
        (JwsAlgorithm::HS256, "018c0ae5-4d9b-471b-bfd6-eef314bc7037"),
    ];
    for (i, (key, (alg, kid))) in keys.iter().zip(expected).enumerate() {
        let verified = Verifier::new(key.clone()).verify_json(&doc).unwrap();
        assert_eq!(verified.signature_index(), i);
        assert_eq!(verified.alg(), alg);
        assert_eq!(verified.kid(), Some(kid));
        assert_eq!(verified.header().kid(), Some(kid));
        assert_eq!(verified.payload(), payload(&v));
        // One key cannot verify every signature.
        assert!(Verifier::new(key.clone()).verify_json_all(&doc).is_err());
    }
    // The second signature has its alg in the unprotected header only.
    let es = Verifier::new(keys[1].clone()).verify_json(&doc).unwrap();
    assert!(es.header().protected().is_empty());

    let all = Verifier::with_keys(keys.clone()).verify_json_all(&doc).unwrap();
    let got: Vec<_> = all.iter().map(|x| (x.signature_index(), x.alg(), x.kid().unwrap().to_owned())).collect();
    let want: Vec<_> = expected.iter().enumerate().map(|(i, (a, k))| (i, *a, (*k).to_owned())).collect();
    assert_eq!(got, want);
    // verify_json with every key reports the first signature that verifies.
    assert_eq!(Verifier::with_keys(keys).verify_json(&doc).unwrap().signature_index(), 0);
}

#[test]
fn example_4_8_deterministic_signatures_are_reproduced_by_the_builder() {
    let v = load(FILES[7]);
    let ins = inputs(&v);
    let rs = jwk(&ins[0].0).signing_key(ins[0].1).unwrap();
    let hs = jwk(&ins[2].0).signing_key(ins[2].1).unwrap();
    let rs_builder = JwsBuilder::new(&rs).kid(None).unprotected("kid", "bilbo.baggins@hobbiton.example").unwrap();
    let hs_builder = JwsBuilder::new(&hs);
    let made = as_value(&sign_general(payload(&v), &[rs_builder, hs_builder]).unwrap());
    assert_eq!(made["payload"], v["output"]["json"]["payload"]);
    assert_eq!(made["signatures"][0], v["output"]["json"]["signatures"][0]);
    assert_eq!(made["signatures"][1], v["output"]["json"]["signatures"][2]);
}

#[test]
fn cookbook_ed25519_extra_is_reproduced_and_verifies() {
    // Not RFC 7520 itself: the cookbook repository's copy of RFC 8037 A.4.
    let v = load("rfc7520/curve25519/jws.json");
    assert_eq!(v["reproducible"], true);
    let key = signer(&v);
    let builder = JwsBuilder::new(&key);
    assert_eq!(builder.compact(payload(&v)).unwrap(), s(&v["output"], "compact"));
    assert_eq!(as_value(&builder.flattened(payload(&v)).unwrap()), v["output"]["json_flat"]);
    assert_eq!(as_value(&sign_general(payload(&v), &[builder]).unwrap()), v["output"]["json"]);
    let verifier = Verifier::with_keys(verifying_keys(&v));
    check_verified(&v, &verifier.verify_compact(s(&v["output"], "compact")).unwrap(), 0);
    for form in ["json", "json_flat"] {
        check_verified(&v, &verifier.verify_json(&json_bytes(&v["output"][form])).unwrap(), 0);
    }
}
