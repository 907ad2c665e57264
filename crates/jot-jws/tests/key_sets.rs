//! Verifiers built from JWK Sets: a `kid` two members carry selects nothing,
//! and a set mixing secrets with asymmetric keys is refused (issue 14).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::JwsAlgorithm;
use jot_core::base64url;
use jot_jwk::{Jwk, JwkSet};
use jot_jws::{Error, JwsBuilder, Verifier};

fn with_kid(mut jwk: Jwk, kid: &str) -> Jwk {
    jwk.set_kid(kid);
    jwk
}

/// An HMAC secret published twice under one `kid`, the second copy with a
/// non-canonical `k` (skipped): a token naming that `kid` is refused as
/// ambiguous, never verified with the usable copy.
#[test]
fn a_duplicate_kid_with_a_skipped_member_is_ambiguous() {
    let key = with_kid(Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap(), "dup");
    let token = JwsBuilder::new(&key.signing_key(JwsAlgorithm::HS256).unwrap()).compact(b"x").unwrap();
    let good: serde_json::Value = serde_json::from_str(&key.to_json()).unwrap();
    let k = good["k"].as_str().unwrap();
    // Flip the unused low bits of the last character: same bytes, not canonical.
    let last = k.chars().last().unwrap();
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let pos = alphabet.find(last).unwrap();
    let bad_k = format!("{}{}", &k[..k.len() - 1], &alphabet[(pos | 3)..=(pos | 3)]);
    assert!(base64url::decode(&bad_k).is_err(), "the copy must be non-canonical");
    let mut bad = good.clone();
    bad["k"] = bad_k.into();
    for members in [[&good, &bad], [&bad, &good]] {
        let set = JwkSet::from_json(serde_json::json!({ "keys": members }).to_string().as_bytes()).unwrap();
        assert_eq!((set.keys().len(), set.skipped().len()), (1, 1));
        let verifier = Verifier::from_secret_jwk_set(&set, &[JwsAlgorithm::HS256]).unwrap();
        assert_eq!(verifier.verify_compact(&token).unwrap_err(), Error::AmbiguousKey);
        let doc = JwsBuilder::new(&key.signing_key(JwsAlgorithm::HS256).unwrap()).flattened(b"x").unwrap();
        assert_eq!(verifier.verify_json(doc.as_bytes()).unwrap_err(), Error::AmbiguousKey);
    }
}

/// One `kid` on an ES256 key and an RS256 key: a token naming it is
/// ambiguous even though its `alg` fits one key only.
#[test]
fn a_duplicate_kid_across_key_types_is_ambiguous() {
    let ec = with_kid(Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap(), "k");
    let other = with_kid(Jwk::generate_for_jws(JwsAlgorithm::EdDSA).unwrap(), "k");
    let set = JwkSet::from_keys(vec![ec.to_public().unwrap(), other.to_public().unwrap()]);
    let verifier = Verifier::from_jwk_set(&set, &[JwsAlgorithm::ES256, JwsAlgorithm::EdDSA]).unwrap();
    for (key, alg) in [(&ec, JwsAlgorithm::ES256), (&other, JwsAlgorithm::EdDSA)] {
        let token = JwsBuilder::new(&key.signing_key(alg).unwrap()).compact(b"x").unwrap();
        assert_eq!(verifier.verify_compact(&token).unwrap_err(), Error::AmbiguousKey, "{alg}");
    }
    // A token without a kid is selected by alg among the bound keys as before.
    let token = JwsBuilder::new(&ec.signing_key(JwsAlgorithm::ES256).unwrap()).kid(None).compact(b"x").unwrap();
    assert_eq!(verifier.verify_compact(&token).unwrap().payload(), b"x");
}

/// A set holding secrets and public keys is refused; a set of secrets
/// only goes through the constructor named for it.
#[test]
fn mixed_and_secret_sets() {
    let hs = with_kid(Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap(), "hs");
    let ec = with_kid(Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap(), "ec");
    let algs = [JwsAlgorithm::HS256, JwsAlgorithm::ES256];
    let mixed = JwkSet::from_keys(vec![hs.clone(), ec.to_public().unwrap()]);
    assert_eq!(Verifier::from_jwk_set(&mixed, &algs).unwrap_err(), Error::Key(jot_jwk::Error::MixedKeySet));
    assert_eq!(Verifier::from_secret_jwk_set(&mixed, &algs).unwrap_err(), Error::Key(jot_jwk::Error::MixedKeySet));

    let secrets = JwkSet::from_keys(vec![hs.clone()]);
    assert_eq!(Verifier::from_jwk_set(&secrets, &algs).unwrap_err(), Error::Key(jot_jwk::Error::SymmetricKeySet));
    let token = JwsBuilder::new(&hs.signing_key(JwsAlgorithm::HS256).unwrap()).compact(b"x").unwrap();
    let verifier = Verifier::from_secret_jwk_set(&secrets, &algs).unwrap();
    assert_eq!(verifier.verify_compact(&token).unwrap().kid(), Some("hs"));

    let public = JwkSet::from_keys(vec![ec.to_public().unwrap()]);
    assert_eq!(
        Verifier::from_secret_jwk_set(&public, &algs).unwrap_err(),
        Error::Key(jot_jwk::Error::AsymmetricKeySet)
    );
    let token = JwsBuilder::new(&ec.signing_key(JwsAlgorithm::ES256).unwrap()).compact(b"x").unwrap();
    assert_eq!(Verifier::from_jwk_set(&public, &algs).unwrap().verify_compact(&token).unwrap().kid(), Some("ec"));

    // A secret skipped for a bad `k` still makes a published set mixed.
    let text = format!(r#"{{"keys":[{},{{"kty":"oct","k":"AAB"}}]}}"#, ec.to_public().unwrap().to_json());
    let set = JwkSet::from_json(text.as_bytes()).unwrap();
    assert_eq!(set.skipped().len(), 1);
    assert_eq!(Verifier::from_jwk_set(&set, &algs).unwrap_err(), Error::Key(jot_jwk::Error::MixedKeySet));
}
