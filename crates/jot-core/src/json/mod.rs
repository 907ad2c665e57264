//! Strict JSON for headers, claims and keys.
//!
//! - Duplicate member names are rejected at every depth (RFC 7515 section 5.2
//!   allows a parser to reject them; jot always does, because "last one wins"
//!   lets two parsers see two different headers).
//! - Size and nesting depth are bounded by [`JsonLimits`].
//! - Values are read through typed getters on [`Object`] that fail on the
//!   wrong JSON type instead of treating the member as absent.
//!
//! `serde_json` does the tokenizing; it never appears in this API.
//!
//! ```
//! use jot_jwt::CoreError as Error;
//! use jot_jwt::json::{self, JsonError, JsonLimits};
//!
//! let limits = JsonLimits::default();
//! let header = json::parse_object(br#"{"alg":"HS256","b64":false}"#, &limits)?;
//! assert_eq!(header.get_str("alg")?, Some("HS256"));
//! assert_eq!(header.get_bool("b64")?, Some(false));
//! // The wrong type is an error, not "absent".
//! assert_eq!(header.get_str("b64"), Err(JsonError::WrongType { member: "b64" }));
//! // Duplicate names are rejected.
//! let dup = json::parse_object(br#"{"alg":"HS256","alg":"none"}"#, &limits);
//! assert_eq!(dup.unwrap_err(), Error::Json(JsonError::DuplicateMember));
//! # Ok::<(), Error>(())
//! ```

mod de;
mod mismatch;
mod parse;
mod scan;
mod value;

pub use parse::{check, from_slice, parse_object, parse_value, to_string};
pub use value::{Number, Object, Value};

/// The fast path's internals, shared by the jot crates (jot-jws reads
/// compact headers with [`scan_object`](__private::scan_object), jot-jwt
/// reads claims with [`from_slice_capturing`](__private::from_slice_capturing)).
///
/// **Not public API**: no semver promise, and hidden from the docs. An
/// application uses [`parse_object`], [`from_slice`] and [`check`], which
/// apply the same strict rules.
#[doc(hidden)]
pub mod __private {
    pub use super::de::from_slice_capturing;
    pub use super::mismatch::{Mismatch, from_checked_slice_or_mismatch};
    pub use super::parse::from_checked_slice;
    pub use super::scan::{Chars, Elements, INLINE_NAMES, JsonStr, RawKind, RawValue, scan_object};
}

/// Bounds on a JSON document. Every parser in jot takes one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonLimits {
    /// Largest accepted document, in bytes.
    pub max_bytes: usize,
    /// Deepest accepted nesting of objects and arrays (the top-level object
    /// is depth 1).
    pub max_depth: usize,
}

impl JsonLimits {
    /// The defaults: 256 KiB and a depth of 32.
    pub const DEFAULT: Self = Self { max_bytes: 256 * 1024, max_depth: 32 };
}

impl Default for JsonLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
