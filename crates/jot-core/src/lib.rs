//! # jot-core
//!
//! The foundation every other jot crate stands on:
//!
//! - [`base64url`]: strict, canonical, unpadded base64url (RFC 7515 section 2),
//!   including a decoder that writes into the caller's buffer for the hot path.
//! - [`json`]: strict JSON for headers and claims: duplicate member names are
//!   rejected at any depth, size and nesting depth are bounded, and a value of
//!   the wrong type is an error, never "absent".
//! - [`Secret`]: bytes that are zeroized on drop, compared in constant time and
//!   never printed.
//! - [`alg`]: every JOSE identifier (JWS `alg`, JWE `alg` and `enc`, `zip`,
//!   `kty`, `crv`) generated from one table.
//! - [`Error`]: the shared error vocabulary the other crates build on.
//!
//! ```
//! use jot_jwt::{alg::JwsAlgorithm, base64url};
//!
//! let alg: JwsAlgorithm = "ES256".parse()?;
//! assert_eq!(alg.name(), "ES256");
//! assert!("none".parse::<JwsAlgorithm>().is_err());
//! assert_eq!(base64url::decode("aGk")?, b"hi");
//! assert!(base64url::decode("aGk=").is_err()); // padding is not canonical
//! # Ok::<(), jot_jwt::CoreError>(())
//! ```
#![forbid(unsafe_code)]

pub mod alg;
/// Internal to the jot crates (padded base64 of `x5c` certificates, which
/// jot-jwk reads and writes): not public API, hidden from the docs.
#[doc(hidden)]
pub mod base64std;
pub mod base64url;
/// Internal to the jot crates (the dots of a compact token): not public
/// API, hidden from the docs.
#[doc(hidden)]
pub mod compact;
mod error;
/// Internal to the jot crates (registered header names, the `crit`
/// check): not public API, hidden from the docs.
#[doc(hidden)]
pub mod header;
pub mod json;
mod secret;

pub use error::{Error, IdentifierKind, JsonError, LimitKind};
pub use secret::Secret;
