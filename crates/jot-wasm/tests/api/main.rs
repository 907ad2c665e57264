//! Host tests of the debugger's API: vectors are read from `vectors/`;
//! each malicious form gets its exact error kind and jot's own message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

mod encode;
mod inspect;
mod lint;
mod verify;

use jot_wasm::{KeyFormat, KeyInput, VerifyRequest};
use serde_json::Value;

/// Parses an answer (every answer is JSON).
pub fn parse(answer: &str) -> Value {
    serde_json::from_str(answer).unwrap_or_else(|e| panic!("not JSON ({e}): {answer}"))
}

pub use jot_test_support::vector_text as text;

/// Asserts a failure with this kind and jot's exact message.
pub fn assert_failure(answer: &Value, kind: &str, message: &str) {
    assert_eq!(answer["ok"], false, "{answer}");
    assert_eq!(answer["verified"], false, "{answer}");
    assert_eq!(answer["error"]["kind"], kind, "{answer}");
    assert_eq!(answer["error"]["message"], message, "{answer}");
}

/// Verifies a token with one key.
pub fn verify(token: &str, key: &str, format: KeyFormat, alg: &str, now: i64) -> Value {
    let request = VerifyRequest { token, key: KeyInput { key, format, alg }, enc: None, inner: None, now };
    parse(&jot_wasm::verify(&request))
}

/// Joins base64url-encoded JSON parts into a compact token.
pub fn compact(header: &str, payload: &str, signature: &str) -> String {
    use jot_jwt::base64url::encode;
    format!("{}.{}.{signature}", encode(header), encode(payload))
}

/// One megabyte of garbage.
pub fn huge() -> String {
    "a".repeat(1 << 20)
}

/// RFC 7515 A.1: the HS256 token, its key, and a `now` before its `exp`.
pub fn a1() -> (String, String, i64) {
    let rel = "rfc/rfc7515-a1-hs256.json";
    (text(rel, "/compact"), text(rel, "/jwk"), 1_300_819_300)
}
