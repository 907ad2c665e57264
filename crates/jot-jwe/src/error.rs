//! The error type of jot-jwe.

use core::fmt;

use jot_core::{JsonError, LimitKind};

/// Which part of a JWE an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// The overall shape: segment count, JSON serialization members.
    Serialization,
    /// The JWE Protected Header.
    ProtectedHeader,
    /// The shared unprotected header (`unprotected`).
    SharedHeader,
    /// A per-recipient header (`header`).
    RecipientHeader,
    /// The encrypted key.
    EncryptedKey,
    /// The initialization vector.
    Iv,
    /// The ciphertext.
    Ciphertext,
    /// The authentication tag.
    Tag,
    /// The JWE AAD (`aad`, JSON only).
    Aad,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Serialization => "serialization",
            Self::ProtectedHeader => "protected header",
            Self::SharedHeader => "shared unprotected header",
            Self::RecipientHeader => "recipient header",
            Self::EncryptedKey => "encrypted key",
            Self::Iv => "initialization vector",
            Self::Ciphertext => "ciphertext",
            Self::Tag => "authentication tag",
            Self::Aad => "additional authenticated data",
        })
    }
}

/// Why a header parameter was refused before any decryption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeaderError {
    /// The same parameter appears in two of the protected, shared and
    /// per-recipient headers.
    Conflict,
    /// `zip` is outside the protected header.
    ZipNotProtected,
    /// `zip` names an algorithm other than `DEF`.
    ZipUnknown,
    /// `zip` is present but the caller did not enable decompression.
    ZipNotEnabled,
    /// `crit` is malformed, not protected, names a registered parameter, or
    /// names an extension that is not understood.
    Crit,
    /// `epk` is missing, not a public key, not a valid point, on another
    /// curve than the recipient's key, or of low order.
    InvalidEpk,
    /// `p2c` is not a positive integer.
    InvalidP2c,
    /// `p2s` is missing or shorter than 8 bytes.
    InvalidP2s,
    /// `iv` or `tag` (A*GCMKW) is missing or not base64url.
    MissingKeyWrapParameter,
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Conflict => "header parameter appears in more than one header",
            Self::ZipNotProtected => "zip must be in the protected header",
            Self::ZipUnknown => "unknown zip algorithm",
            Self::ZipNotEnabled => "compressed JWE not enabled",
            Self::Crit => "crit is malformed or names an extension that is not understood",
            Self::InvalidEpk => "invalid ephemeral public key (epk)",
            Self::InvalidP2c => "p2c must be a positive integer",
            Self::InvalidP2s => "p2s must be base64url of at least 8 bytes",
            Self::MissingKeyWrapParameter => "iv and tag are required for AES-GCM key wrap",
        })
    }
}

/// The error type of jot-jwe. Every failure after parsing (unwrap, tag,
/// padding, length, a CEK of the wrong size) is the one opaque
/// [`Error::DecryptionFailed`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The part is not well formed (segment count, base64url, shape).
    Malformed(Part),
    /// A header or the JSON serialization is not acceptable JSON.
    Json(Part, JsonError),
    /// A configured limit was exceeded (token or header size, JSON depth,
    /// PBES2 count, decompressed size).
    Limit(LimitKind),
    /// The header has no `alg` or no `enc`.
    MissingAlgorithm,
    /// `alg` or `enc` is not an algorithm jot implements.
    UnsupportedAlgorithm,
    /// `alg` or `enc` is not one the caller accepts.
    AlgorithmNotAllowed,
    /// A header parameter was refused.
    Header(HeaderError),
    /// No key matched any recipient.
    NoMatchingKey,
    /// Two keys matched a recipient, or its `kid` is one that two members
    /// of the key set carried (as [`jot_jwk::SelectError::AmbiguousKey`];
    /// JWS verification answers the same).
    AmbiguousKey,
    /// Decryption failed. No detail, by design.
    DecryptionFailed,
    /// The decrypted content did not inflate (after authentication).
    Decompression,
    /// The caller asked for something inconsistent.
    ApiMisuse(&'static str),
    /// Binding or selecting a key failed.
    Key(jot_jwk::Error),
    /// An encryption-side cryptographic failure (random generator, say).
    Crypto(jot_crypto::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(p) => write!(f, "malformed JWE {p}"),
            Self::Json(p, e) => write!(f, "JWE {p}: {e}"),
            Self::Limit(l) => l.fmt(f),
            Self::MissingAlgorithm => f.write_str("JWE header lacks alg or enc"),
            Self::UnsupportedAlgorithm => f.write_str("unsupported JWE algorithm"),
            Self::AlgorithmNotAllowed => f.write_str("JWE algorithm not allowed"),
            Self::Header(h) => h.fmt(f),
            Self::NoMatchingKey => f.write_str("no key matched a JWE recipient"),
            Self::AmbiguousKey => f.write_str("more than one key matched a JWE recipient"),
            Self::DecryptionFailed => f.write_str("decryption failed"),
            Self::Decompression => f.write_str("decrypted content is not valid DEFLATE"),
            Self::ApiMisuse(what) => write!(f, "API misuse: {what}"),
            Self::Key(e) => write!(f, "key: {e}"),
            Self::Crypto(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Key(e) => Some(e),
            Self::Crypto(e) => Some(e),
            _ => None,
        }
    }
}

impl From<HeaderError> for Error {
    fn from(e: HeaderError) -> Self {
        Self::Header(e)
    }
}

impl From<LimitKind> for Error {
    fn from(e: LimitKind) -> Self {
        Self::Limit(e)
    }
}

impl From<jot_jwk::SelectError> for Error {
    fn from(e: jot_jwk::SelectError) -> Self {
        match e {
            jot_jwk::SelectError::AlgorithmNotAllowed => Self::AlgorithmNotAllowed,
            jot_jwk::SelectError::NoMatchingKey => Self::NoMatchingKey,
            jot_jwk::SelectError::AmbiguousKey => Self::AmbiguousKey,
        }
    }
}

impl From<jot_jwk::Error> for Error {
    fn from(e: jot_jwk::Error) -> Self {
        match e {
            jot_jwk::Error::NoMatchingKey => Self::NoMatchingKey,
            jot_jwk::Error::AmbiguousKey => Self::AmbiguousKey,
            other => Self::Key(other),
        }
    }
}

/// Maps a jot-core error met while reading a part.
pub(crate) fn core_error(part: Part, e: jot_core::Error) -> Error {
    match e {
        jot_core::Error::Json(j) => Error::Json(part, j),
        jot_core::Error::Limit(l) => Error::Limit(l),
        _ => Error::Malformed(part),
    }
}
