//! The shared error vocabulary.
//!
//! Each jot crate has its own `#[non_exhaustive]` error enum; the kinds here
//! are the ones they share. Messages say what was wrong with the input without
//! echoing it, and never carry cryptographic detail.

use core::fmt;

/// Which family of JOSE identifier an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IdentifierKind {
    /// A JWS `alg` value.
    JwsAlgorithm,
    /// A JWE `alg` (key management) value.
    JweAlgorithm,
    /// A JWE `enc` (content encryption) value.
    JweEncryption,
    /// A `zip` value.
    Compression,
    /// A JWK `kty` value.
    KeyType,
    /// A JWK `crv` value.
    Curve,
}

impl fmt::Display for IdentifierKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::JwsAlgorithm => "JWS algorithm (alg)",
            Self::JweAlgorithm => "JWE key management algorithm (alg)",
            Self::JweEncryption => "JWE content encryption algorithm (enc)",
            Self::Compression => "compression algorithm (zip)",
            Self::KeyType => "key type (kty)",
            Self::Curve => "curve (crv)",
        })
    }
}

/// What was wrong with a JSON document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonError {
    /// Not well-formed JSON (or not UTF-8).
    Syntax,
    /// An object has two members with the same name.
    DuplicateMember,
    /// The top-level value is not an object where an object is required.
    NotAnObject,
    /// A member has a value of the wrong JSON type. The name is the member's
    /// registered name (never echoed from the input).
    WrongType {
        /// The registered name of the member.
        member: &'static str,
    },
    /// A required member is absent.
    Missing {
        /// The registered name of the member.
        member: &'static str,
    },
    /// A member has a value of the right type that is not allowed.
    InvalidValue {
        /// The registered name of the member.
        member: &'static str,
    },
    /// The document does not match the expected shape (typed deserialization).
    Shape,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax => f.write_str("malformed JSON"),
            Self::DuplicateMember => f.write_str("duplicate JSON member name"),
            Self::NotAnObject => f.write_str("JSON value is not an object"),
            Self::WrongType { member } => write!(f, "member \"{member}\" has the wrong JSON type"),
            Self::Missing { member } => write!(f, "required member \"{member}\" is missing"),
            Self::InvalidValue { member } => write!(f, "member \"{member}\" has an invalid value"),
            Self::Shape => f.write_str("JSON does not have the expected members or types"),
        }
    }
}

/// Which configurable limit an input exceeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LimitKind {
    /// The whole token or document is too large.
    TokenSize,
    /// A header (or other JSON object) is too large.
    HeaderSize,
    /// JSON nesting is too deep.
    JsonDepth,
    /// A PBES2 iteration count (`p2c`) is above the accepted maximum, or
    /// the counts of the recipients tried in one token add up past it.
    Pbes2Count,
    /// A general JWE lists more recipients than accepted.
    Recipients,
    /// A general JWS lists more signatures than accepted.
    Signatures,
    /// One token would make more key-management operations (key unwraps,
    /// RSA decryptions, ECDH agreements, PBES2 derivations) than accepted.
    KeyUnwraps,
    /// Decompressed content would exceed the accepted size.
    DecompressedSize,
}

impl fmt::Display for LimitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::TokenSize => "token size limit exceeded",
            Self::HeaderSize => "header size limit exceeded",
            Self::JsonDepth => "JSON nesting depth limit exceeded",
            Self::Pbes2Count => "PBES2 iteration count above the accepted maximum for one token",
            Self::Recipients => "more JWE recipients than accepted",
            Self::Signatures => "more JWS signatures than accepted",
            Self::KeyUnwraps => "more key-management operations than accepted for one token",
            Self::DecompressedSize => "decompressed size limit exceeded",
        })
    }
}

/// The error type of jot-core, and the shared kinds other crates wrap.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Input is not canonical unpadded base64url.
    Base64,
    /// A JSON document was rejected.
    Json(JsonError),
    /// An identifier is not one this library knows (the value is not echoed).
    UnknownIdentifier(IdentifierKind),
    /// A configured limit was exceeded.
    Limit(LimitKind),
    /// A caller-supplied output buffer is too small.
    BufferTooSmall,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Base64 => f.write_str("invalid base64url (must be canonical and unpadded)"),
            Self::Json(e) => e.fmt(f),
            Self::UnknownIdentifier(kind) => write!(f, "unknown or unsupported {kind}"),
            Self::Limit(kind) => kind.fmt(f),
            Self::BufferTooSmall => f.write_str("output buffer too small"),
        }
    }
}

impl std::error::Error for Error {}

impl From<JsonError> for Error {
    fn from(e: JsonError) -> Self {
        Self::Json(e)
    }
}

impl From<LimitKind> for Error {
    fn from(e: LimitKind) -> Self {
        Self::Limit(e)
    }
}
