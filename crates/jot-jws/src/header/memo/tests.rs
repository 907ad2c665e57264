//! The header memo changes no verdict: it fills only from verified tokens,
//! a remembered header still needs a valid signature, changed limits empty
//! it, and a full memo falls back to the ordinary check.

use jot_core::alg::JwsAlgorithm;
use jot_jwk::Jwk;

use super::SLOTS;
use crate::header::{AlgPolicy, check_compact};
use crate::{Error, JwsBuilder, Limits, Verifier};

/// A key without a `kid`, so tokens may name any `kid`.
fn key() -> Jwk {
    let secret = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    let k = secret.to_object().get("k").and_then(|k| k.as_str()).unwrap().to_owned();
    Jwk::from_json(format!(r#"{{"kty":"oct","k":"{k}"}}"#).as_bytes()).unwrap()
}

fn verifier(key: &Jwk) -> Verifier {
    Verifier::new(key.verifying_key(JwsAlgorithm::HS256).unwrap())
}

fn token(key: &Jwk, kid: &str) -> String {
    let signer = key.signing_key(JwsAlgorithm::HS256).unwrap();
    JwsBuilder::new(&signer).typ("JWT").kid(Some(kid)).compact(b"{}").unwrap()
}

/// The token with one signature character changed.
fn forged(token: &str) -> String {
    let mut forged = token.to_owned();
    let at = forged.len() - 5;
    let with = if &forged[at..=at] == "A" { "B" } else { "A" };
    forged.replace_range(at..=at, with);
    forged
}

fn held(verifier: &Verifier) -> String {
    format!("{:?}", verifier.memo)
}

#[test]
fn a_forged_token_is_not_remembered() {
    let key = key();
    let v = verifier(&key);
    let bad = forged(&token(&key, "k"));
    assert_eq!(v.verify_compact(&bad).unwrap_err(), Error::InvalidSignature);
    assert_eq!(held(&v), "0 of 8 headers");
}

#[test]
fn a_verified_header_is_remembered_once_and_equals_the_checked_one() {
    let key = key();
    let v = verifier(&key);
    let good = token(&key, "k");
    let first = v.verify_compact(&good).unwrap().into_header();
    assert_eq!(held(&v), "1 of 8 headers");
    let again = v.verify_compact(&good).unwrap().into_header();
    assert_eq!(held(&v), "1 of 8 headers");
    let segment = good.split('.').next().unwrap();
    let checked = check_compact(segment, &Limits::DEFAULT, &[], AlgPolicy::Secured).unwrap();
    for header in [&first, &again] {
        assert_eq!(*header, checked);
        assert_eq!((header.kid(), header.typ(), header.alg()), (Some("k"), Some("JWT"), Some(JwsAlgorithm::HS256)));
    }
}

#[test]
fn a_remembered_header_still_needs_a_valid_signature() {
    let key = key();
    let v = verifier(&key);
    let good = token(&key, "k");
    v.verify_compact(&good).unwrap();
    assert_eq!(v.verify_compact(&forged(&good)).unwrap_err(), Error::InvalidSignature);
    // Same header, another key's signature.
    let other = token(&self::key(), "k");
    assert_eq!(other.split('.').next(), good.split('.').next());
    assert_eq!(v.verify_compact(&other).unwrap_err(), Error::InvalidSignature);
}

#[test]
fn tighter_limits_check_remembered_headers_again() {
    let key = key();
    let long_kid = "k".repeat(200);
    let good = token(&key, &long_kid);
    let v = verifier(&key);
    v.verify_compact(&good).unwrap();
    assert_eq!(held(&v), "1 of 8 headers");
    let tight = v.limits(Limits { max_header_bytes: 64, ..Limits::DEFAULT });
    assert_eq!(held(&tight), "0 of 8 headers");
    assert_eq!(tight.verify_compact(&good).unwrap_err(), jot_core::LimitKind::HeaderSize.into());
}

#[test]
fn a_full_memo_falls_back_to_the_ordinary_check() {
    let key = key();
    let v = verifier(&key);
    for i in 0..SLOTS + 3 {
        let good = token(&key, &format!("kid-{i}"));
        assert_eq!(v.verify_compact(&good).unwrap().header().kid(), Some(format!("kid-{i}").as_str()));
    }
    assert_eq!(held(&v), "8 of 8 headers");
    // Every remembered and every unremembered header still verifies, and
    // the memo does not grow.
    for i in 0..SLOTS + 3 {
        let good = token(&key, &format!("kid-{i}"));
        assert_eq!(v.verify_compact(&good).unwrap().header().kid(), Some(format!("kid-{i}").as_str()));
        assert_eq!(v.verify_compact(&forged(&good)).unwrap_err(), Error::InvalidSignature);
    }
    assert_eq!(held(&v), "8 of 8 headers");
}

#[test]
fn headers_off_the_inline_fast_path_are_not_remembered() {
    let key = key();
    let signer = key.signing_key(JwsAlgorithm::HS256).unwrap();
    // `crit` and `b64` take the tree path.
    let unencoded = JwsBuilder::new(&signer).unencoded_payload().compact(b"payload").unwrap();
    let v = verifier(&key);
    v.verify_compact(&unencoded).unwrap();
    // A header too long to keep inline.
    let long = token(&key, &"k".repeat(super::super::compact::INLINE_HEADER_BYTES));
    v.verify_compact(&long).unwrap();
    assert_eq!(held(&v), "0 of 8 headers");
}

/// What a verification gives, comparable.
fn outcome(v: &Verifier, token: &str) -> Result<(crate::Header, Vec<u8>), Error> {
    v.verify_compact(token).map(|ok| (ok.header().clone(), ok.payload().to_vec()))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

    /// With its memo holding a genuine token's header, a verifier gives
    /// every one-character variant of that token the verdict a verifier
    /// with an empty memo gives.
    #[test]
    fn a_remembered_header_changes_no_verdict(at in 0usize..200, with in "[A-Za-z0-9_.=+/ -]") {
        let key = key();
        let good = token(&key, "k");
        let remembering = verifier(&key);
        remembering.verify_compact(&good).unwrap();
        proptest::prop_assert_eq!(held(&remembering), "1 of 8 headers");
        let mut variant = good.clone();
        let at = at % variant.len();
        variant.replace_range(at..=at, &with);
        proptest::prop_assert_eq!(outcome(&remembering, &variant), outcome(&verifier(&key), &variant));
        // Headers checked afresh (or refused) leave the remembered one as it was.
        proptest::prop_assert_eq!(outcome(&remembering, &good), outcome(&verifier(&key), &good));
    }
}
