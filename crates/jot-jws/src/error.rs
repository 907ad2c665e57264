//! The error type of jot-jws.

use core::fmt;

use jot_core::{JsonError, LimitKind};

/// Which part of a JWS an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// The overall shape: segment count, JSON serialization members.
    Serialization,
    /// The JWS Protected Header.
    ProtectedHeader,
    /// The JWS Unprotected Header (JSON serializations only).
    UnprotectedHeader,
    /// The payload.
    Payload,
    /// The signature.
    Signature,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Serialization => "serialization",
            Self::ProtectedHeader => "protected header",
            Self::UnprotectedHeader => "unprotected header",
            Self::Payload => "payload",
            Self::Signature => "signature",
        })
    }
}

/// Why a `crit` or `b64` header was refused (RFC 7515 section 4.1.11,
/// RFC 7797 section 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CritError {
    /// `crit` is not an array of strings.
    WrongType,
    /// `crit` is an empty array.
    Empty,
    /// `crit` appears outside the protected header.
    NotProtected,
    /// `crit` names a header parameter registered by RFC 7515 or RFC 7518.
    RegisteredName,
    /// `crit` names the same parameter twice.
    Duplicate,
    /// `crit` names an extension neither jot nor the caller understands.
    Unknown,
    /// `crit` names a parameter the protected header does not contain.
    Missing,
    /// `b64` is present but not a boolean.
    B64WrongType,
    /// `b64` is present but not listed in `crit`.
    B64NotCritical,
    /// `b64` appears outside the protected header.
    B64NotProtected,
    /// The signatures of a general JWS disagree about `b64`.
    B64Inconsistent,
}

impl fmt::Display for CritError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::WrongType => "crit must be an array of strings",
            Self::Empty => "crit must not be empty",
            Self::NotProtected => "crit must be in the protected header",
            Self::RegisteredName => "crit must not name a registered header parameter",
            Self::Duplicate => "crit names a parameter twice",
            Self::Unknown => "crit names an extension that is not understood",
            Self::Missing => "crit names a parameter that is not in the protected header",
            Self::B64WrongType => "b64 must be a boolean",
            Self::B64NotCritical => "b64 must be listed in crit",
            Self::B64NotProtected => "b64 must be in the protected header",
            Self::B64Inconsistent => "all signatures must agree on b64",
        })
    }
}

/// The error type of jot-jws. Messages name the part that is wrong and never
/// echo the input; an invalid signature carries no detail.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The part is not well formed (segment count, base64url, shape).
    Malformed(Part),
    /// A header is not acceptable JSON (syntax, duplicates, member types).
    Json(Part, JsonError),
    /// A configured limit was exceeded.
    Limit(LimitKind),
    /// The header has no `alg`.
    MissingAlgorithm,
    /// The header's `alg` is `none`. No verify API accepts it.
    Unsecured,
    /// The header's `alg` is not an algorithm jot implements.
    UnsupportedAlgorithm,
    /// The header's `alg` is not one the verifier accepts, or does not match
    /// the selected key's algorithm.
    AlgorithmNotAllowed,
    /// `crit` or `b64` was refused.
    Crit(CritError),
    /// The same header parameter appears in the protected and the unprotected
    /// header.
    HeaderConflict,
    /// No key matched the token's header.
    NoMatchingKey,
    /// More than one key matched the token's header.
    AmbiguousKey,
    /// The signature did not verify. No detail, by design.
    InvalidSignature,
    /// A general JWS lists the same signature (protected header and
    /// signature value) twice: one signature must never count as two.
    DuplicateSignature,
    /// A detached payload was expected but the token carries one, or the
    /// reverse.
    PayloadPresence,
    /// The payload cannot be carried unencoded in this form (a compact JWS
    /// with `b64: false` whose payload contains '.').
    UnencodedPayload,
    /// The caller asked for something inconsistent (e.g. a general JWS with
    /// no signers, or a header parameter the library sets itself).
    ApiMisuse(&'static str),
    /// Binding or selecting a key failed.
    Key(jot_jwk::Error),
    /// Signing failed.
    Crypto(jot_crypto::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(p) => write!(f, "malformed JWS {p}"),
            Self::Json(p, e) => write!(f, "JWS {p}: {e}"),
            Self::Limit(l) => l.fmt(f),
            Self::MissingAlgorithm => f.write_str("JWS header has no alg"),
            Self::Unsecured => f.write_str("unsecured JWS (alg none) is not accepted"),
            Self::UnsupportedAlgorithm => f.write_str("unsupported JWS algorithm"),
            Self::AlgorithmNotAllowed => f.write_str("JWS algorithm not allowed"),
            Self::Crit(e) => e.fmt(f),
            Self::HeaderConflict => f.write_str("header parameter in both protected and unprotected header"),
            Self::NoMatchingKey => f.write_str("no key matched the JWS"),
            Self::AmbiguousKey => f.write_str("more than one key matched the JWS"),
            Self::InvalidSignature => f.write_str("invalid signature"),
            Self::DuplicateSignature => f.write_str("the same JWS signature appears twice"),
            Self::PayloadPresence => f.write_str("payload presence does not match (detached or not)"),
            Self::UnencodedPayload => f.write_str("payload cannot be carried unencoded in this form"),
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

impl From<CritError> for Error {
    fn from(e: CritError) -> Self {
        Self::Crit(e)
    }
}

impl From<LimitKind> for Error {
    fn from(e: LimitKind) -> Self {
        Self::Limit(e)
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
