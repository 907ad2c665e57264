//! JWK Set parsing and key selection.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{Curve, JwsAlgorithm, KeyType};
use jot_jwk::{Error, Jwk, JwkSet, KeyOp, KeySelector, KeySpec, KeyUse};
use jot_test_support::{json_bytes, load};

#[test]
fn unknown_members_skipped_and_recorded() {
    let text = br#"{"keys":[{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"},{"kty":"XYZ"},{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}"#;
    let set = JwkSet::from_json(text).unwrap();
    assert_eq!(set.keys().len(), 1);
    assert_eq!(set.skipped().len(), 2);
    assert_eq!((set.skipped()[0].index, &set.skipped()[0].reason), (1, &Error::UnsupportedKeyType));
    assert_eq!(set.skipped()[1].index, 2);
}

#[test]
fn malformed_sets_are_errors() {
    for bad in [&b"{}"[..], br#"{"keys":{}}"#, br#"{"keys":[1]}"#, br#"{"keys":[],"keys":[]}"#, b"[]"] {
        assert!(JwkSet::from_json(bad).is_err(), "{}", String::from_utf8_lossy(bad));
    }
}

fn set_of_two_p256() -> JwkSet {
    let mut a = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    a.set_kid("a");
    let mut b = Jwk::generate(KeySpec::Ec(Curve::P256)).unwrap();
    b.set_kid("b");
    let mut hmac = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    hmac.set_kid("a");
    JwkSet::from_keys(vec![a, b, hmac])
}

#[test]
fn selection_by_kid_and_alg() {
    let set = set_of_two_p256();
    let k = set.select(&KeySelector::for_jws(JwsAlgorithm::ES256).kid("a")).unwrap();
    assert_eq!((k.kid(), k.key_type()), (Some("a"), KeyType::Ec));
    let k = set.select(&KeySelector::for_jws(JwsAlgorithm::HS256).kid("a")).unwrap();
    assert_eq!(k.key_type(), KeyType::Oct);
}

#[test]
fn none_and_two_are_distinct_errors() {
    let set = set_of_two_p256();
    // Two P-256 keys fit ES256 when no kid is given.
    assert_eq!(set.select(&KeySelector::for_jws(JwsAlgorithm::ES256)).unwrap_err(), Error::AmbiguousKey);
    // kid alone matches two keys of different types.
    assert_eq!(set.select(&KeySelector::default().kid("a")).unwrap_err(), Error::AmbiguousKey);
    assert_eq!(set.select(&KeySelector::for_jws(JwsAlgorithm::ES384)).unwrap_err(), Error::NoMatchingKey);
    assert_eq!(set.select(&KeySelector::for_jws(JwsAlgorithm::ES256).kid("c")).unwrap_err(), Error::NoMatchingKey);
}

#[test]
fn selection_by_kty_crv_use_and_key_ops() {
    let v = load("rfc/rfc7517-a1-public-keys.json");
    let set = JwkSet::from_json(&json_bytes(&v["jwks"])).unwrap();
    let sel = KeySelector { kty: Some(KeyType::Ec), ..KeySelector::default() };
    assert_eq!(set.select(&sel).unwrap().kid(), Some("1"));
    let sel = KeySelector { crv: Some(Curve::P256), key_use: Some(KeyUse::Sig), ..KeySelector::default() };
    assert_eq!(set.select(&sel).unwrap_err(), Error::NoMatchingKey);
    let sel = KeySelector { key_use: Some(KeyUse::Enc), ..KeySelector::default() };
    // The RSA key has no `use`, so it matches too.
    assert_eq!(set.select(&sel).unwrap_err(), Error::AmbiguousKey);
    let mut k = Jwk::generate(KeySpec::Okp(Curve::Ed25519)).unwrap();
    let mut p = k.params().clone();
    p.key_ops = Some(vec![KeyOp::Sign]);
    k.set_params(p).unwrap();
    let set = JwkSet::from_keys(vec![k]);
    let sel = KeySelector { key_op: Some(KeyOp::Verify), ..KeySelector::default() };
    assert_eq!(set.select(&sel).unwrap_err(), Error::NoMatchingKey);
    // A key whose key_ops forbid verifying is not selected for a JWS algorithm.
    assert_eq!(set.select(&KeySelector::for_jws(JwsAlgorithm::EdDSA)).unwrap_err(), Error::NoMatchingKey);
}

#[test]
fn public_set_and_json_round_trip() {
    let set = set_of_two_p256();
    let public = set.to_public();
    assert_eq!(public.keys().len(), 2);
    assert!(public.keys().iter().all(|k| !k.is_private()));
    let again = JwkSet::from_json(public.to_json().as_bytes()).unwrap();
    assert_eq!(again, public);
}

#[test]
fn selection_never_yields_a_key_binding_refuses() {
    // A 16-byte oct key is too short for HS256: it must not be selected.
    let short = Jwk::from_json(br#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#).unwrap();
    let set = JwkSet::from_keys(vec![short]);
    assert_eq!(set.select(&KeySelector::for_jws(JwsAlgorithm::HS256)).unwrap_err(), Error::NoMatchingKey);
}
