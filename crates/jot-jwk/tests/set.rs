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
    hmac.set_kid("h");
    JwkSet::from_keys(vec![a, b, hmac])
}

#[test]
fn selection_by_kid_and_alg() {
    let set = set_of_two_p256();
    let k = set.select(&KeySelector::for_jws(JwsAlgorithm::ES256).kid("a")).unwrap();
    assert_eq!((k.kid(), k.key_type()), (Some("a"), KeyType::Ec));
    let k = set.select(&KeySelector::for_jws(JwsAlgorithm::HS256).kid("h")).unwrap();
    assert_eq!(k.key_type(), KeyType::Oct);
}

/// An EC key and an HMAC key under one `kid`: selection by that `kid` is
/// ambiguous even with an algorithm only one of them fits.
#[test]
fn a_kid_two_members_carry_selects_nothing() {
    let mut ec = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    ec.set_kid("k");
    let mut hmac = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    hmac.set_kid("k");
    let set = JwkSet::from_keys(vec![ec, hmac]);
    assert!(set.is_ambiguous_kid("k"));
    assert_eq!(set.ambiguous_kids().collect::<Vec<_>>(), ["k"]);
    for alg in [JwsAlgorithm::ES256, JwsAlgorithm::HS256] {
        assert_eq!(set.select(&KeySelector::for_jws(alg).kid("k")).unwrap_err(), Error::AmbiguousKey, "{alg}");
    }
}

/// A member skipped for a non-canonical `k` still makes its `kid`
/// ambiguous: selection never falls through to the usable member.
#[test]
fn a_skipped_member_keeps_its_kid_ambiguous() {
    let good = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
    // The same key with its last character's unused bits set: not canonical.
    let bad = format!("{}x", &good[..good.len() - 1]);
    for order in [[good, bad.as_str()], [bad.as_str(), good]] {
        let text = format!(
            r#"{{"keys":[{{"kty":"oct","kid":"dup","k":"{}"}},{{"kty":"oct","kid":"dup","k":"{}"}}]}}"#,
            order[0], order[1]
        );
        let set = JwkSet::from_json(text.as_bytes()).unwrap();
        assert_eq!((set.keys().len(), set.skipped().len()), (1, 1));
        assert_eq!(set.skipped()[0].kid.as_deref(), Some("dup"));
        assert_eq!(set.skipped()[0].reason, Error::Base64 { member: "k" });
        assert_eq!(set.select(&KeySelector::for_jws(JwsAlgorithm::HS256).kid("dup")).unwrap_err(), Error::AmbiguousKey);
        assert_eq!(set.select(&KeySelector::default().kid("dup")).unwrap_err(), Error::AmbiguousKey);
    }
    // Two skipped members with one kid, and a usable one elsewhere.
    let text = format!(
        r#"{{"keys":[{{"kty":"XYZ","kid":"x"}},{{"kty":"XYZ","kid":"x"}},{{"kty":"oct","kid":"y","k":"{good}"}}]}}"#
    );
    let set = JwkSet::from_json(text.as_bytes()).unwrap();
    assert!(set.is_ambiguous_kid("x"));
    assert!(!set.is_ambiguous_kid("y"));
    assert!(set.select(&KeySelector::for_jws(JwsAlgorithm::HS256).kid("y")).is_ok());
}

/// A published set is asymmetric keys; secrets are a set of their own.
#[test]
fn mixed_and_symmetric_sets_are_told_apart() {
    let oct =
        r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
    let okp = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    // Skipped members count by the kty they declare.
    let bad_oct = r#"{"kty":"oct","k":"AAB"}"#;
    let bad_ec = r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#;
    let unknown = r#"{"kty":"XYZ"}"#;
    let set =
        |members: &[&str]| JwkSet::from_json(format!(r#"{{"keys":[{}]}}"#, members.join(",")).as_bytes()).unwrap();
    type Verdict = Result<(), Error>;
    let cases: [(&[&str], Verdict, Verdict); 8] = [
        (&[okp], Ok(()), Err(Error::AsymmetricKeySet)),
        (&[oct], Err(Error::SymmetricKeySet), Ok(())),
        (&[okp, oct], Err(Error::MixedKeySet), Err(Error::MixedKeySet)),
        (&[okp, bad_oct], Err(Error::MixedKeySet), Err(Error::MixedKeySet)),
        (&[oct, bad_ec], Err(Error::MixedKeySet), Err(Error::MixedKeySet)),
        (&[oct, unknown], Err(Error::SymmetricKeySet), Ok(())),
        (&[okp, unknown], Ok(()), Err(Error::AsymmetricKeySet)),
        (&[], Ok(()), Ok(())),
    ];
    for (members, public, secrets) in cases {
        let s = set(members);
        assert_eq!(s.check_public(), public, "{members:?}");
        assert_eq!(s.check_secrets(), secrets, "{members:?}");
    }
    // to_public drops the secrets: what remains is publishable.
    let mixed = set(&[okp, oct]);
    assert_eq!(mixed.to_public().check_public(), Ok(()));
}

#[test]
fn none_and_two_are_distinct_errors() {
    let set = set_of_two_p256();
    // Two P-256 keys fit ES256 when no kid is given.
    assert_eq!(set.select(&KeySelector::for_jws(JwsAlgorithm::ES256)).unwrap_err(), Error::AmbiguousKey);
    // kid alone matching two keys of different types: see
    // a_kid_two_members_carry_selects_nothing.
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
