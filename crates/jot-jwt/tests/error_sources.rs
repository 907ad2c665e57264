//! Every error that wraps another exposes it through
//! `std::error::Error::source`, so a caller's error report shows the chain.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::error::Error as _;

use jot_jwt::Error;

fn depth(e: &dyn std::error::Error) -> usize {
    let mut n = 0;
    let mut next = e.source();
    while let Some(e) = next {
        n += 1;
        next = e.source();
    }
    n
}

#[test]
fn wrapped_errors_are_sources() {
    let crypto = jot_jwt::jwk::Error::Crypto(jot_crypto_error());
    let jws = jot_jwt::jws::Error::Key(crypto.clone());
    assert_eq!(depth(&jws), 2);
    assert_eq!(depth(&Error::Jws(jws)), 3);
    let jwe = jot_jwt::jwe::Error::Key(crypto);
    assert_eq!(depth(&Error::Jwe(jwe)), 3);
    let rejected = Error::Rejected(std::sync::Arc::new(std::fmt::Error));
    assert_eq!(depth(&rejected), 1);
    assert!(Error::Expired.source().is_none());
}

/// A crypto error, reached through a key that cannot be bound.
fn jot_crypto_error() -> jot_crypto::Error {
    jot_crypto::Error::InvalidSignature
}
