//! # jot-wasm
//!
//! The API of jot's offline token debugger: jot compiled to WebAssembly
//! (`--no-default-features --features rust-crypto --target
//! wasm32-unknown-unknown`), called from a static page with no network.
//!
//! Every function returns a JSON string, so the page's JavaScript is a
//! `JSON.parse`. A success has `"ok": true`; a failure is
//! `{"ok": false, "verified": false, "error": {"kind": ..., "message": ...}}`
//! where `message` is jot's own error text and `kind` a stable name (see
//! [`Failure`]). Nothing here panics on input, reads a clock (the caller
//! passes `now`), or does network I/O: `jku` and `x5u` are never fetched.
//!
//! The logic is in plain Rust functions, tested on the host; the
//! `#[wasm_bindgen]` exports in `bindings` are thin wrappers over them.
//!
//! ```
//! // The page pastes a token; nothing is verified yet.
//! let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";
//! let answer: serde_json::Value = serde_json::from_str(&jot_wasm::inspect(token, 0.0))?;
//! assert_eq!(answer["kind"], "jws-compact");
//! assert_eq!(answer["verified"], false);
//! assert_eq!(answer["payload"]["json"]["sub"], "alice");
//!
//! // Verifying needs a key and the algorithm the user accepts; the token
//! // cannot choose it. This secret is too short for HS256: jot says so.
//! let request = jot_wasm::VerifyRequest {
//!     token,
//!     key: jot_wasm::KeyInput { key: "short", format: jot_wasm::KeyFormat::SecretText, alg: "HS256" },
//!     enc: None,
//!     inner: None,
//!     now: 0,
//! };
//! let answer: serde_json::Value = serde_json::from_str(&jot_wasm::verify(&request))?;
//! assert_eq!(answer["ok"], false);
//! assert_eq!(answer["error"]["kind"], "key_too_short");
//! # Ok::<(), serde_json::Error>(())
//! ```
#![forbid(unsafe_code)]

mod bindings;
pub mod command;
mod encode;
mod error;
mod inspect;
mod key;
mod lint;
mod pretty;
mod util;
mod verify;

pub use error::Failure;
pub use inspect::TokenKind;
pub use key::KeyFormat;
pub use lint::{Finding, MAX_LIFETIME_SECS, Severity};
pub use verify::{KeyInput, VerifyRequest};

/// Looks inside a token **without verifying it**: its serialization
/// (`kind`), the compact `segments` (role and text, for colouring), each
/// header (`json`, and `pretty`: laid out in the token's member order,
/// except an unprotected header of a JSON serialization, in name order),
/// the payload of a JWS (as JSON, `pretty` in the token's member order,
/// with `exp`/`nbf`/`iat` in RFC 3339 UTC and seconds
/// relative to `now`, or as text), whether a JWE holds a JWT (`nested`),
/// and `"verified": false`, always.
///
/// `now` is seconds since the epoch (the page passes `Date.now() / 1000`).
pub fn inspect(token: &str, now: f64) -> String {
    util::answer(inspect::inspect_value(token, util::now_secs(now)))
}

/// Verifies a JWS/JWT, or decrypts a JWE (and verifies a nested JWT when
/// an inner key is given), with jot's normal rules: the algorithm is the
/// request's, `exp` is required, a 60 s leeway, any `aud` accepted (the
/// page has no audience to require). `"verified": true` only when a
/// signature verified; a decrypted JWE says `"decrypted": true`, and a
/// nested one without an inner key says `"needs_inner_key": true`. The
/// answer, a rejection too, carries the equivalent `jot` `command`.
pub fn verify(request: &VerifyRequest<'_>) -> String {
    util::answer(verify::verify_value(request))
}

/// Lints a token (and the key given for it, if any) against RFC 8725 and
/// jot's rules: `findings`, each with an `id`, a `severity` and a
/// `message`. A token jot cannot parse still gets the findings about its
/// segments, and `parse_error` says why it did not parse.
pub fn lint(token: &str, key: Option<(&str, KeyFormat)>, now: f64) -> String {
    lint::lint_value(token, key, util::now_secs(now)).to_string()
}

/// Makes a test token: a fresh key for `alg` (`Jwk::generate_for_jws`),
/// the claims (a JSON object) signed with it by `JwtBuilder` (which adds
/// `iat` = `now` unless the claims have one). Returns the `token`, the
/// `private_jwk`, the `public_jwk` (`null` for HMAC) and the `command`.
pub fn encode(claims_json: &str, alg: &str, now: f64) -> String {
    util::answer(encode::encode_value(claims_json, alg, util::now_secs(now)))
}
