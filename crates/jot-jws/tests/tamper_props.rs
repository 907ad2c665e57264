//! Tampering as a property: for every `JwsAlgorithm::ALL` entry, a token
//! signed over a proptest-generated payload and extra protected header
//! members fails to verify once any one character is replaced, in the
//! compact serialization (anywhere, separators included) and in the
//! flattened JSON serialization (inside the `protected`, `payload` or
//! `signature` value, keeping the JSON well-formed). The replacement is
//! another base64url character, any other ASCII character, or a character
//! outside base64url; positions favour the last character of a segment,
//! whose unused low bits a lax decoder would ignore. `tamper.rs` does the
//! same for the RFC vectors with fixed replacements.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jot_core::alg::{JwsAlgorithm, JwsFamily};
use jot_core::base64url;
use jot_core::json::Value as JotValue;
use jot_jwk::{Jwk, KeySpec, SigningKey, VerifyingKey};
use jot_jws::{Error, JwsBuilder, Part, Verifier};
use jot_test_support::tamper::{
    BASE64URL, Position, Replacement, any_replacement, json_replacement, position, replace_at, same_to_a_lax_decoder,
    string_member_range,
};
use proptest::prelude::*;

/// One private key per algorithm, generated once for the whole file, as in
/// `roundtrip.rs` (one RSA key serves all six RSA algorithms).
fn key(alg: JwsAlgorithm) -> &'static Jwk {
    static KEYS: OnceLock<Vec<(JwsAlgorithm, Jwk)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let rsa = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
        JwsAlgorithm::ALL
            .iter()
            .map(|&alg| {
                let jwk = match alg.family() {
                    JwsFamily::RsaPkcs1(_) | JwsFamily::RsaPss(_) => rsa.clone(),
                    _ => Jwk::generate_for_jws(alg).unwrap(),
                };
                (alg, jwk)
            })
            .collect()
    });
    &keys.iter().find(|(a, _)| *a == alg).unwrap().1
}

fn signer(alg: JwsAlgorithm) -> SigningKey {
    key(alg).signing_key(alg).unwrap()
}

fn verifier(alg: JwsAlgorithm) -> Verifier {
    let k = key(alg);
    let public: VerifyingKey = k.to_public().unwrap_or_else(|| k.clone()).verifying_key(alg).unwrap();
    Verifier::new(public)
}

fn header_value() -> impl Strategy<Value = JotValue> {
    prop_oneof![
        "\\PC{0,12}".prop_map(|s| JotValue::from(s.as_str())),
        any::<i64>().prop_map(JotValue::from),
        any::<bool>().prop_map(JotValue::from),
    ]
}

fn extras() -> impl Strategy<Value = BTreeMap<String, JotValue>> {
    proptest::collection::btree_map("x-[a-z0-9]{1,8}", header_value(), 0..4)
}

fn payload() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..200)
}

fn builder<'s>(signer: &'s SigningKey, extras: &BTreeMap<String, JotValue>) -> JwsBuilder<'s> {
    extras.iter().fold(JwsBuilder::new(signer), |b, (name, value)| b.header(name, value.clone()).unwrap())
}

/// A changed signature that is still canonical base64url fails as
/// `InvalidSignature`; one that is not fails as malformed.
fn check_signature_error(err: &Error, changed: &str, what: &str) {
    if base64url::decode(changed).is_ok() {
        assert_eq!(err, &Error::InvalidSignature, "{what}");
    } else {
        assert_eq!(err, &Error::Malformed(Part::Signature), "{what}");
    }
}

/// One token per algorithm; each change must make verification fail.
/// Returns how many changes were non-canonical spellings of a segment's
/// bytes (which a lax decoder would accept).
fn compact_case(payload: &[u8], extras: &BTreeMap<String, JotValue>, changes: &[(Position, Replacement)]) -> usize {
    let mut non_canonical = 0;
    for &alg in JwsAlgorithm::ALL {
        let signer = signer(alg);
        let token = builder(&signer, extras).compact(payload).unwrap();
        let verifier = verifier(alg);
        assert_eq!(verifier.verify_compact(&token).unwrap().payload(), payload, "{alg}");
        for &(position, replacement) in changes {
            let pos = position.resolve(&token);
            let with = replacement.char_for(token.as_bytes()[pos]);
            let tampered = replace_at(&token, pos, with);
            let what = format!("{alg}: {with:?} at {pos} of {token}");
            let err = verifier.verify_compact(&tampered).map(drop).expect_err(&what);
            let (old, new): (Vec<&str>, Vec<&str>) = (token.split('.').collect(), tampered.split('.').collect());
            if new.len() == 3 {
                let seg = (0..3).find(|&i| old[i] != new[i]).unwrap();
                non_canonical += usize::from(same_to_a_lax_decoder(old[seg], new[seg]));
                if seg == 2 && new[2].bytes().all(|b| BASE64URL.contains(&b)) {
                    check_signature_error(&err, new[2], &what);
                }
            }
        }
    }
    non_canonical
}

/// The flattened JSON serialization of the same: `changes` pick a member
/// (among the non-empty ones, modulo their number), a position in its
/// value and a replacement. Returns the count of non-canonical spellings,
/// as [`compact_case`] does.
fn flattened_case(
    payload: &[u8],
    extras: &BTreeMap<String, JotValue>,
    changes: &[(usize, Position, Replacement)],
) -> usize {
    let mut non_canonical = 0;
    for &alg in JwsAlgorithm::ALL {
        let signer = signer(alg);
        let doc = builder(&signer, extras).flattened(payload).unwrap();
        let verifier = verifier(alg);
        assert_eq!(verifier.verify_json(doc.as_bytes()).unwrap().payload(), payload, "{alg}");
        let members: Vec<(&str, _)> = ["protected", "payload", "signature"]
            .into_iter()
            .map(|name| (name, string_member_range(&doc, name).unwrap()))
            .filter(|(_, range)| !range.is_empty())
            .collect();
        for &(member, position, replacement) in changes {
            assert!(replacement.is_json_safe());
            let (name, range) = &members[member % members.len()];
            let value = &doc[range.clone()];
            let pos = range.start + position.resolve(value);
            let with = replacement.char_for(doc.as_bytes()[pos]);
            let tampered = replace_at(&doc, pos, with);
            let what = format!("{alg}: {with:?} at {} of {name} in {doc}", pos - range.start);
            let err = verifier.verify_json(tampered.as_bytes()).map(drop).expect_err(&what);
            let changed = &tampered[range.start..range.end + with.len_utf8() - 1];
            non_canonical += usize::from(same_to_a_lax_decoder(value, changed));
            if *name == "signature" && changed.bytes().all(|b| BASE64URL.contains(&b)) {
                check_signature_error(&err, changed, &what);
            }
        }
    }
    non_canonical
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn compact_one_character_changed_fails(
        payload in payload(),
        extras in extras(),
        changes in proptest::collection::vec((position(), any_replacement()), 8),
    ) {
        compact_case(&payload, &extras, &changes);
    }

    #[test]
    fn flattened_json_one_character_changed_fails(
        payload in payload(),
        extras in extras(),
        changes in proptest::collection::vec((any::<usize>(), position(), json_replacement()), 8),
    ) {
        flattened_case(&payload, &extras, &changes);
    }
}

/// Not left to chance: at the last character of each segment of a token of
/// every algorithm, compact and flattened JSON, every one of the 63 other
/// base64url characters. Where a segment's length leaves unused low bits,
/// some of these are non-canonical spellings of the same bytes; all must
/// fail.
#[test]
fn every_other_base64url_character_at_each_segment_end() {
    // Non-canonical spellings of the signatures: 2 unused bits (3
    // spellings) for HS256's 32 bytes; 4 (15 spellings) for the 64 bytes
    // of HS512, ES256, ES256K and EdDSA and the 256 of the six RSA
    // algorithms; none for 48, 96 or 132 bytes.
    let signatures = 3 + 15 * (4 + 6);
    let changes: Vec<(Position, Replacement)> =
        (0..3).flat_map(|seg| (0..63).map(move |n| (Position::EndOfSegment(seg), Replacement::Base64url(n)))).collect();
    // "ab" is 3 characters: 2 unused bits, 3 spellings per algorithm.
    let non_canonical = compact_case(b"ab", &BTreeMap::new(), &changes);
    assert!(non_canonical >= signatures + 3 * 15, "{non_canonical}");

    let changes: Vec<(usize, Position, Replacement)> = (0..3)
        .flat_map(|member| (0..63).map(move |n| (member, Position::EndOfSegment(0), Replacement::Base64url(n))))
        .collect();
    // "a" is 2 characters: 4 unused bits, 15 spellings per algorithm.
    let non_canonical = flattened_case(b"a", &BTreeMap::new(), &changes);
    assert!(non_canonical >= signatures + 15 * 15, "{non_canonical}");
}
