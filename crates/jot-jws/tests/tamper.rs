//! Every valid vector of the RFC 7515, RFC 7520, RFC 7797 and RFC 8037
//! suites, tampered with: one character and one decoded byte of each
//! segment (header, payload, signature), the header swapped for another
//! vector's, and `alg` changed to every other algorithm. Each must then fail;
//! a changed signature that still decodes fails as `InvalidSignature`, and so
//! does a changed (encoded or detached) payload.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::JwsAlgorithm;
use jot_core::base64url;
use jot_jwk::{Jwk, VerifyingKey};
use jot_jws::{Error, Part, Verifier};
use jot_test_support::{json_bytes, load};
use serde_json::Value;

fn public_key(jwk: &Value, alg: &Value) -> VerifyingKey {
    let k = Jwk::from_json(&json_bytes(jwk)).unwrap();
    let k = k.to_public().unwrap_or(k);
    k.verifying_key(JwsAlgorithm::from_name(alg.as_str().unwrap()).unwrap()).unwrap()
}

fn cookbook_keys(v: &Value) -> Vec<VerifyingKey> {
    match (&v["input"]["key"], &v["input"]["alg"]) {
        (Value::Array(keys), Value::Array(algs)) => keys.iter().zip(algs).map(|(k, a)| public_key(k, a)).collect(),
        (k, a) => vec![public_key(k, a)],
    }
}

/// A valid vector in one serialization, with its keys.
struct Case {
    name: String,
    /// The compact token or the JSON document.
    text: String,
    detached: Option<Vec<u8>>,
    keys: Vec<VerifyingKey>,
    /// Whether the payload is base64url-encoded.
    b64: bool,
}

impl Case {
    fn verifier(&self) -> Verifier {
        Verifier::with_keys(self.keys.clone())
    }

    fn verify_compact(&self, token: &str) -> Result<(), Error> {
        let v = self.verifier();
        match &self.detached {
            Some(p) => v.verify_compact_detached(token, p).map(drop),
            None => v.verify_compact(token).map(drop),
        }
    }

    /// Every signature must verify (a general JWS with one untouched valid
    /// signature would otherwise still pass `verify_json`).
    fn verify_json(&self, doc: &str) -> Result<(), Error> {
        self.verify_json_with(doc, self.detached.as_deref())
    }

    fn verify_json_with(&self, doc: &str, detached: Option<&[u8]>) -> Result<(), Error> {
        let v = self.verifier();
        match detached {
            Some(p) => v.verify_json_detached(doc.as_bytes(), p).map(drop),
            None => v.verify_json_all(doc.as_bytes()).map(drop),
        }
    }
}

fn rfc_compact(file: &str, field: &str, detached: Option<&str>) -> Case {
    let v = load(file);
    Case {
        name: format!("{file} {field}"),
        text: v[field].as_str().unwrap().to_owned(),
        detached: detached.map(|f| v[f].as_str().unwrap().as_bytes().to_vec()),
        keys: vec![public_key(&v["jwk"], &v["alg"])],
        b64: true,
    }
}

const COOKBOOK: [&str; 10] = [
    "rfc7520/jws/4_1.rsa_v15_signature.json",
    "rfc7520/jws/4_2.rsa-pss_signature.json",
    "rfc7520/jws/4_3.ecdsa_signature.json",
    "rfc7520/jws/4_4.hmac-sha2_integrity_protection.json",
    "rfc7520/jws/4_5.signature_with_detached_content.json",
    "rfc7520/jws/4_6.protecting_specific_header_fields.json",
    "rfc7520/jws/4_7.protecting_content_only.json",
    "rfc7520/jws/4_8.multiple_signatures.json",
    "rfc7520/rfc7797/hmac-sha2_b64_false.json",
    "rfc7520/curve25519/jws.json",
];

fn compact_cases() -> Vec<Case> {
    let mut cases = vec![
        rfc_compact("rfc/rfc7515-a1-hs256.json", "compact", None),
        rfc_compact("rfc/rfc7515-a2-rs256.json", "compact", None),
        rfc_compact("rfc/rfc7515-a3-es256.json", "compact", None),
        rfc_compact("rfc/rfc7515-a4-es512.json", "compact", None),
        rfc_compact("rfc/rfc7797-4.1-b64-true.json", "compact", None),
        rfc_compact("rfc/rfc7797-4.2-b64-false.json", "compact_detached", Some("payload")),
        rfc_compact("rfc/rfc8037-a4-ed25519-jws.json", "compact", None),
    ];
    for file in COOKBOOK {
        let v = load(file);
        let Some(token) = v["output"]["compact"].as_str() else { continue };
        let detached = v["output"]["json"].get("payload").is_none();
        cases.push(Case {
            name: format!("{file} compact"),
            text: token.to_owned(),
            detached: detached.then(|| v["input"]["payload"].as_str().unwrap().as_bytes().to_vec()),
            keys: cookbook_keys(&v),
            b64: !file.contains("b64_false"),
        });
    }
    for case in &cases {
        assert!(case.verify_compact(&case.text).is_ok(), "{} does not verify untouched", case.name);
    }
    assert_eq!(cases.len(), 14);
    cases
}

fn json_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let a6 = load("rfc/rfc7515-a6-general-json.json");
    cases.push(Case {
        name: "rfc7515 A.6".into(),
        text: a6["json_serialization"].as_str().unwrap().to_owned(),
        detached: None,
        keys: a6["signers"].as_array().unwrap().iter().map(|s| public_key(&s["jwk"], &s["alg"])).collect(),
        b64: true,
    });
    let a7 = load("rfc/rfc7515-a7-flattened-json.json");
    cases.push(Case {
        name: "rfc7515 A.7".into(),
        text: a7["json_serialization"].as_str().unwrap().to_owned(),
        detached: None,
        keys: vec![public_key(&a7["jwk"], &a7["alg"])],
        b64: true,
    });
    let r7797 = load("rfc/rfc7797-4.2-b64-false.json");
    cases.push(Case {
        name: "rfc7797 4.2 flattened".into(),
        text: r7797["json_flattened"].as_str().unwrap().to_owned(),
        detached: None,
        keys: vec![public_key(&r7797["jwk"], &r7797["alg"])],
        b64: false,
    });
    for file in COOKBOOK {
        let v = load(file);
        for form in ["json", "json_flat"] {
            let Some(doc) = v["output"].get(form) else { continue };
            let detached = doc.get("payload").is_none() && doc.get("signatures").is_some()
                || doc.get("payload").is_none() && doc.get("signature").is_some();
            cases.push(Case {
                name: format!("{file} {form}"),
                text: doc.to_string(),
                detached: detached.then(|| v["input"]["payload"].as_str().unwrap().as_bytes().to_vec()),
                keys: cookbook_keys(&v),
                b64: !file.contains("b64_false"),
            });
        }
    }
    for case in &cases {
        assert!(case.verify_json(&case.text).is_ok(), "{} does not verify untouched", case.name);
    }
    assert_eq!(cases.len(), 22);
    cases
}

// ---------------------------------------------------------------- changes

/// Every way of changing one character of a segment: the character at each
/// position replaced by another base64url character.
fn char_changes(seg: &str) -> Vec<String> {
    (0..seg.len())
        .map(|i| {
            let c = seg.as_bytes()[i];
            let r = if c == b'A' { 'B' } else { 'A' };
            format!("{}{r}{}", &seg[..i], &seg[i + 1..])
        })
        .collect()
}

/// Every way of changing one decoded byte (a low bit flipped), re-encoded
/// canonically.
fn byte_changes(seg: &str) -> Vec<String> {
    let bytes = base64url::decode(seg).unwrap();
    (0..bytes.len())
        .map(|i| {
            let mut b = bytes.clone();
            b[i] ^= 0x01;
            base64url::encode(b)
        })
        .collect()
}

/// One changed raw byte of an unencoded payload (kept UTF-8 and JSON-safe).
fn raw_changes(seg: &str) -> Vec<String> {
    (0..seg.len())
        .filter(|&i| seg.is_char_boundary(i) && seg.is_char_boundary(i + 1))
        .map(|i| {
            let c = seg.as_bytes()[i];
            let r = if c == b'x' { 'y' } else { 'x' };
            format!("{}{r}{}", &seg[..i], &seg[i + 1..])
        })
        .collect()
}

fn expect_signature_error(err: Error, changed: &str, what: &str) {
    if base64url::decode(changed).is_ok() {
        assert_eq!(err, Error::InvalidSignature, "{what}");
    } else {
        assert_eq!(err, Error::Malformed(Part::Signature), "{what}");
    }
}

fn with_segment(token: &str, i: usize, value: &str) -> String {
    let mut s: Vec<&str> = token.split('.').collect();
    s[i] = value;
    s.join(".")
}

#[test]
fn compact_one_changed_character_or_byte_fails() {
    let mut checked = 0usize;
    for case in compact_cases() {
        let segs: Vec<&str> = case.text.split('.').collect();
        // Header.
        for changed in char_changes(segs[0]).into_iter().chain(byte_changes(segs[0])) {
            let err = case.verify_compact(&with_segment(&case.text, 0, &changed));
            assert!(err.is_err(), "{}: header {changed}", case.name);
            checked += 1;
        }
        // Payload (in the token, or the detached payload).
        if let Some(detached) = &case.detached {
            let v = case.verifier();
            for i in 0..detached.len() {
                let mut p = detached.clone();
                p[i] ^= 0x01;
                let err = v.verify_compact_detached(&case.text, &p).unwrap_err();
                assert_eq!(err, Error::InvalidSignature, "{}: detached byte {i}", case.name);
                checked += 1;
            }
            // A payload in the token where there should be none.
            let err = case.verify_compact(&with_segment(&case.text, 1, "AAAA")).unwrap_err();
            assert_eq!(err, Error::PayloadPresence, "{}", case.name);
        } else if case.b64 {
            for changed in char_changes(segs[1]) {
                assert!(case.verify_compact(&with_segment(&case.text, 1, &changed)).is_err(), "{}", case.name);
                checked += 1;
            }
            for changed in byte_changes(segs[1]) {
                let err = case.verify_compact(&with_segment(&case.text, 1, &changed)).unwrap_err();
                assert_eq!(err, Error::InvalidSignature, "{}: payload {changed}", case.name);
                checked += 1;
            }
        } else {
            for changed in raw_changes(segs[1]) {
                let err = case.verify_compact(&with_segment(&case.text, 1, &changed)).unwrap_err();
                assert_eq!(err, Error::InvalidSignature, "{}: payload {changed}", case.name);
                checked += 1;
            }
        }
        // Signature.
        for changed in char_changes(segs[2]).into_iter().chain(byte_changes(segs[2])) {
            let err = case.verify_compact(&with_segment(&case.text, 2, &changed)).unwrap_err();
            expect_signature_error(err, &changed, &format!("{}: signature {changed}", case.name));
            checked += 1;
        }
    }
    assert!(checked > 6_000, "{checked}");
}

#[test]
fn compact_header_swapped_for_another_vectors_fails() {
    let cases = compact_cases();
    let mut checked = 0;
    for case in &cases {
        for other in &cases {
            let header = other.text.split('.').next().unwrap();
            if header == case.text.split('.').next().unwrap() {
                continue; // 4.4 and 4.5 share a header (and key)
            }
            let swapped = with_segment(&case.text, 0, header);
            assert!(case.verify_compact(&swapped).is_err(), "{} with the header of {}", case.name, other.name);
            // And with the other vector's keys: the signature is still this one's.
            let with_other_keys = Case { keys: other.keys.clone(), ..clone_case(case) };
            assert!(with_other_keys.verify_compact(&swapped).is_err(), "{} / {}", case.name, other.name);
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

fn clone_case(c: &Case) -> Case {
    Case { name: c.name.clone(), text: c.text.clone(), detached: c.detached.clone(), keys: c.keys.clone(), b64: c.b64 }
}

fn other_algs(current: &str) -> impl Iterator<Item = &'static str> + '_ {
    JwsAlgorithm::ALL.iter().map(|a| a.name()).chain(["none", "None"]).filter(move |n| *n != current)
}

#[test]
fn compact_alg_changed_to_every_other_algorithm_fails() {
    for case in compact_cases() {
        let header_seg = case.text.split('.').next().unwrap();
        let mut header: serde_json::Map<String, Value> =
            serde_json::from_slice(&base64url::decode(header_seg).unwrap()).unwrap();
        let current = header["alg"].as_str().unwrap().to_owned();
        for alg in other_algs(&current) {
            header.insert("alg".into(), alg.into());
            let changed = base64url::encode(serde_json::to_vec(&header).unwrap());
            let err = case.verify_compact(&with_segment(&case.text, 0, &changed));
            assert!(err.is_err(), "{}: alg {alg}", case.name);
        }
        // The same alg, the header text re-serialized (whitespace, member
        // order): the signing input changed, so the signature fails.
        header.insert("alg".into(), current.clone().into());
        let reserialized = base64url::encode(serde_json::to_vec_pretty(&header).unwrap());
        let err = case.verify_compact(&with_segment(&case.text, 0, &reserialized)).unwrap_err();
        assert_eq!(err, Error::InvalidSignature, "{}", case.name);
    }
}

// ---------------------------------------------------------------- JSON

/// The signature entries of a flattened or general document.
fn entries(doc: &mut Value) -> Vec<&mut Value> {
    if doc.get("signatures").is_some() {
        doc["signatures"].as_array_mut().unwrap().iter_mut().collect()
    } else {
        vec![doc]
    }
}

fn entry_count(doc: &Value) -> usize {
    doc.get("signatures").map_or(1, |s| s.as_array().unwrap().len())
}

fn changed_entry(doc: &Value, k: usize, member: &str, value: Value) -> String {
    let mut d = doc.clone();
    entries(&mut d).into_iter().nth(k).unwrap()[member] = value;
    d.to_string()
}

#[test]
fn json_one_changed_character_or_byte_fails() {
    let mut checked = 0usize;
    for case in json_cases() {
        let doc: Value = serde_json::from_str(&case.text).unwrap();
        for k in 0..entry_count(&doc) {
            let entry = if doc.get("signatures").is_some() { &doc["signatures"][k] } else { &doc };
            if let Some(protected) = entry.get("protected").and_then(Value::as_str) {
                for changed in char_changes(protected).into_iter().chain(byte_changes(protected)) {
                    let bad = changed_entry(&doc, k, "protected", changed.clone().into());
                    assert!(case.verify_json(&bad).is_err(), "{} #{k}: protected {changed}", case.name);
                    checked += 1;
                }
            }
            let sig = entry["signature"].as_str().unwrap();
            // Every third position (the compact test covers them all; P-521
            // verification is slow).
            let changes = char_changes(sig).into_iter().chain(byte_changes(sig));
            for (i, changed) in changes.enumerate().filter(|(i, _)| i % 3 == 0) {
                let bad = changed_entry(&doc, k, "signature", changed.clone().into());
                let err = case.verify_json(&bad).unwrap_err();
                expect_signature_error(err, &changed, &format!("{} #{k}: signature {changed}", case.name));
                // Verified with this signature's key alone, through verify_json.
                if case.detached.is_none() && i % 2 == 0 {
                    let alone = Verifier::new(case.keys[k].clone()).verify_json(bad.as_bytes()).unwrap_err();
                    expect_signature_error(alone, &changed, &format!("{} #{k} alone", case.name));
                }
                checked += 1;
            }
        }
        match (doc.get("payload").and_then(Value::as_str), &case.detached) {
            (Some(payload), None) => {
                // The compact test changes every payload position; here every
                // fifth (the JSON payloads are the compact ones, mostly, and
                // the ES512 checks are slow).
                let changes = if case.b64 { byte_changes(payload) } else { raw_changes(payload) };
                for changed in changes.into_iter().step_by(5) {
                    let mut bad = doc.clone();
                    bad["payload"] = changed.clone().into();
                    let err = case.verify_json(&bad.to_string()).unwrap_err();
                    assert_eq!(err, Error::InvalidSignature, "{}: payload {changed}", case.name);
                    // verify_json (any signature) fails too.
                    let any = case.verifier().verify_json(bad.to_string().as_bytes()).unwrap_err();
                    assert_eq!(any, Error::InvalidSignature, "{}: payload {changed}", case.name);
                    checked += 1;
                }
                if case.b64 {
                    for changed in char_changes(payload).into_iter().step_by(5) {
                        let mut bad = doc.clone();
                        bad["payload"] = changed.clone().into();
                        assert!(case.verify_json(&bad.to_string()).is_err(), "{}: payload {changed}", case.name);
                        checked += 1;
                    }
                }
            }
            (None, Some(detached)) => {
                for i in 0..detached.len() {
                    let mut p = detached.clone();
                    p[i] ^= 0x01;
                    let err = case.verify_json_with(&case.text, Some(&p)).unwrap_err();
                    assert_eq!(err, Error::InvalidSignature, "{}: detached byte {i}", case.name);
                    checked += 1;
                }
            }
            other => panic!("{}: unexpected payload shape {other:?}", case.name),
        }
    }
    assert!(checked > 2_000, "{checked}");
}

#[test]
fn json_protected_header_swapped_for_another_vectors_fails() {
    let headers: Vec<String> =
        compact_cases().iter().map(|c| c.text.split('.').next().unwrap().to_owned()).collect::<Vec<_>>();
    let mut checked = 0;
    for case in json_cases() {
        let doc: Value = serde_json::from_str(&case.text).unwrap();
        for k in 0..entry_count(&doc) {
            let entry = if doc.get("signatures").is_some() { &doc["signatures"][k] } else { &doc };
            let own = entry.get("protected").and_then(Value::as_str).unwrap_or("");
            for header in headers.iter().filter(|h| h.as_str() != own) {
                let bad = changed_entry(&doc, k, "protected", header.as_str().into());
                assert!(case.verify_json(&bad).is_err(), "{} #{k} with {header}", case.name);
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "{checked}");
}

#[test]
fn json_alg_changed_to_every_other_algorithm_fails() {
    for case in json_cases() {
        let doc: Value = serde_json::from_str(&case.text).unwrap();
        for k in 0..entry_count(&doc) {
            let entry = if doc.get("signatures").is_some() { &doc["signatures"][k] } else { &doc };
            // alg is in the protected header, or (4.7, 4.8 #1) only in the
            // unprotected one: change it where it is.
            let protected: Option<serde_json::Map<String, Value>> = entry
                .get("protected")
                .and_then(Value::as_str)
                .map(|p| serde_json::from_slice(&base64url::decode(p).unwrap()).unwrap());
            let in_protected = protected.as_ref().is_some_and(|p| p.contains_key("alg"));
            let current = if in_protected {
                protected.as_ref().unwrap()["alg"].as_str().unwrap().to_owned()
            } else {
                entry["header"]["alg"].as_str().unwrap().to_owned()
            };
            for alg in other_algs(&current) {
                let bad = if in_protected {
                    let mut p = protected.clone().unwrap();
                    p.insert("alg".into(), alg.into());
                    changed_entry(&doc, k, "protected", base64url::encode(serde_json::to_vec(&p).unwrap()).into())
                } else {
                    let mut h = entry["header"].clone();
                    h["alg"] = alg.into();
                    changed_entry(&doc, k, "header", h)
                };
                assert!(case.verify_json(&bad).is_err(), "{} #{k}: alg {alg}", case.name);
            }
        }
    }
}
