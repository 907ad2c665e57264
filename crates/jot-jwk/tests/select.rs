//! `select_key`: the one key-selection rule JWS verification and JWE
//! decryption share, and its three outcomes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_jwk::{Jwk, SelectError, VerifyingKey, select_key};

const NONE: [&str; 0] = [];

fn hs256(kid: &str) -> VerifyingKey {
    let mut jwk = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    jwk.set_kid(kid);
    jwk.verifying_key(JwsAlgorithm::HS256).unwrap()
}

#[test]
fn exactly_one_key_or_a_named_reason() {
    let keys = [hs256("a"), hs256("b")];
    let kid = |k: &VerifyingKey| k.kid().map(str::to_owned);
    // The kid picks one.
    assert_eq!(select_key(&keys, JwsAlgorithm::HS256, Some("b"), &NONE, |_| true).map(kid), Ok(Some("b".into())));
    // No kid in the token: both keys match, which is never "try each".
    assert_eq!(select_key(&keys, JwsAlgorithm::HS256, None, &NONE, |_| true).err(), Some(SelectError::AmbiguousKey));
    // An unknown kid, and an algorithm no key has.
    assert_eq!(
        select_key(&keys, JwsAlgorithm::HS256, Some("c"), &NONE, |_| true).err(),
        Some(SelectError::NoMatchingKey)
    );
    assert_eq!(
        select_key(&keys, JwsAlgorithm::ES256, Some("a"), &NONE, |_| true).err(),
        Some(SelectError::AlgorithmNotAllowed)
    );
    // A kid two set members carried is ambiguous even when one key has it.
    assert_eq!(
        select_key(&keys, JwsAlgorithm::HS256, Some("a"), &["a"], |_| true).err(),
        Some(SelectError::AmbiguousKey)
    );
    // The caller's test narrows the candidates.
    let only_b = |k: &VerifyingKey| k.kid() == Some("b");
    assert_eq!(select_key(&keys, JwsAlgorithm::HS256, None, &NONE, only_b).map(kid), Ok(Some("b".into())));
    assert_eq!(
        select_key(&keys, JwsAlgorithm::HS256, Some("a"), &NONE, only_b).err(),
        Some(SelectError::NoMatchingKey)
    );
}

#[test]
fn decrypting_keys_are_selected_by_the_same_rule() {
    let dir = Jwk::generate_for_jwe(JweAlgorithm::Dir, Some(JweEncryption::A128Gcm)).unwrap();
    let keys = [dir.decrypting_key(JweAlgorithm::Dir).unwrap(), dir.decrypting_key(JweAlgorithm::Dir).unwrap()];
    assert_eq!(select_key(&keys, JweAlgorithm::Dir, None, &NONE, |_| true).err(), Some(SelectError::AmbiguousKey));
    assert_eq!(
        select_key(&keys, JweAlgorithm::A128Kw, None, &NONE, |_| true).err(),
        Some(SelectError::AlgorithmNotAllowed)
    );
    assert_eq!(
        select_key(&keys[..1], JweAlgorithm::Dir, None, &NONE, |_| false).err(),
        Some(SelectError::NoMatchingKey)
    );
}
