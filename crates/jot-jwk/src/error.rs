//! The error type of jot-jwk.

use core::fmt;

use jot_core::{JsonError, LimitKind};
use jot_crypto::KeyRejected;

/// What was wrong with PEM or DER input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodingError {
    /// PEM armour is malformed (boundaries, base64, trailing data).
    Pem,
    /// The PEM label is not one jot reads (e.g. an encrypted private key).
    UnsupportedPemLabel,
    /// DER is malformed or does not match the expected structure.
    Der,
    /// The algorithm identifier (OID) or its parameters name a key type or
    /// curve jot does not support in DER (Ed448, X448, ML-DSA: `AKP` keys
    /// are read and written as JWKs only).
    UnsupportedAlgorithm,
    /// The key cannot be written in the requested format (e.g. an EC key as
    /// PKCS#1, a public key as PKCS#8).
    UnsupportedFormat,
}

impl fmt::Display for EncodingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Pem => "malformed PEM",
            Self::UnsupportedPemLabel => "unsupported PEM label",
            Self::Der => "malformed DER or unexpected structure",
            Self::UnsupportedAlgorithm => "unsupported key algorithm or curve in DER",
            Self::UnsupportedFormat => "key cannot be encoded in this format",
        })
    }
}

/// The error type of jot-jwk. Messages never echo key material or input.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The JSON is malformed, has duplicate members, a member of the wrong
    /// type, or a missing required member.
    Json(JsonError),
    /// A limit on the input was exceeded.
    Limit(LimitKind),
    /// A member that must be base64url (or base64, for `x5c`) is not.
    Base64 {
        /// The registered member name.
        member: &'static str,
    },
    /// The `kty` is not one jot implements.
    UnsupportedKeyType,
    /// The curve is recognized but cannot be used for this (Ed448, X448,
    /// or a curve that does not belong to this key type).
    UnsupportedCurve,
    /// A multi-prime RSA key (`oth`) was given; jot does not support them.
    MultiPrimeRsa,
    /// An RSA private key lacks some of p, q, dp, dq, qi; jot needs all.
    MissingCrtParameters,
    /// A member is not allowed for this key type (e.g. `y` on an OKP key,
    /// `d` on an `oct` key).
    UnexpectedMember {
        /// The registered member name.
        member: &'static str,
    },
    /// A key carried by a token (an `epk`, a header `jwk`) holds a private
    /// or secret member; it is refused before it is decoded.
    PrivateMember {
        /// The registered member name.
        member: &'static str,
    },
    /// The key material was refused (size, exponent, point, consistency).
    Key(KeyRejected),
    /// `use` and `key_ops` contradict each other, or `key_ops` has duplicates
    /// or unknown values.
    InconsistentUsage,
    /// The key's type does not fit the requested algorithm.
    KeyTypeMismatch,
    /// The key's curve does not fit the requested algorithm.
    CurveMismatch,
    /// The JWK names an `alg` other than the requested one (for an `AKP`
    /// key, whose `alg` is part of the key: any other algorithm).
    AlgorithmMismatch,
    /// The JWK's `alg` is not one jot implements, where the key type needs
    /// it (an `AKP` key for an algorithm other than ML-DSA-44/65/87).
    UnsupportedAlgorithm,
    /// An `oct` key is shorter than the algorithm requires (HMAC: the hash
    /// size), or not the exact size an AES algorithm needs.
    KeyLength,
    /// An HMAC secret shorter than the hash output (RFC 7518 section 3.2).
    SecretTooShort {
        /// The least length for the algorithm, in bytes.
        min_bytes: usize,
    },
    /// The key's `use` or `key_ops` do not permit this operation.
    UsageNotPermitted,
    /// The operation needs a private key and the JWK is public.
    NotPrivate,
    /// The `x5c` certificate is malformed or its key does not match the JWK.
    X5cMismatch,
    /// The `x5t` or `x5t#S256` thumbprint does not match the first `x5c`
    /// certificate.
    X5tMismatch,
    /// PEM or DER input was rejected.
    Encoding(EncodingError),
    /// No key in the set matched the selection.
    NoMatchingKey,
    /// More than one key in the set matched the selection, or the selection
    /// names a `kid` that two members of the set carry.
    AmbiguousKey,
    /// A JWK Set holds both symmetric (`oct`) and asymmetric keys: a published
    /// set is public keys, and a secret beside them is a leak or a mix-up.
    MixedKeySet,
    /// A JWK Set of symmetric (`oct`) keys was given where a published set of
    /// public keys is expected; local secrets go through the constructor
    /// named for them (`from_secret_jwk_set`).
    SymmetricKeySet,
    /// A JWK Set of asymmetric keys was given to a constructor for local
    /// secrets (`from_secret_jwk_set`).
    AsymmetricKeySet,
    /// A cryptographic operation failed.
    Crypto(jot_crypto::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json(e) => e.fmt(f),
            Self::Limit(l) => l.fmt(f),
            Self::Base64 { member } => write!(f, "member \"{member}\" is not valid base64url"),
            Self::UnsupportedKeyType => f.write_str("unsupported key type (kty)"),
            Self::UnsupportedCurve => f.write_str("unsupported curve for this key or operation"),
            Self::MultiPrimeRsa => f.write_str("multi-prime RSA keys (oth) are not supported"),
            Self::MissingCrtParameters => f.write_str("RSA private key must have p, q, dp, dq and qi"),
            Self::UnexpectedMember { member } => write!(f, "member \"{member}\" is not allowed for this key type"),
            Self::PrivateMember { member } => {
                write!(f, "a key carried by a token holds the private member \"{member}\"")
            }
            Self::Key(r) => write!(f, "key rejected: {r}"),
            Self::InconsistentUsage => f.write_str("use and key_ops are inconsistent or invalid"),
            Self::KeyTypeMismatch => f.write_str("key type does not fit the algorithm"),
            Self::CurveMismatch => f.write_str("curve does not fit the algorithm"),
            Self::AlgorithmMismatch => f.write_str("the key's alg differs from the requested algorithm"),
            Self::UnsupportedAlgorithm => f.write_str("the key's alg is not a supported algorithm for its key type"),
            Self::KeyLength => f.write_str("symmetric key length does not fit the algorithm"),
            Self::SecretTooShort { min_bytes } => write!(
                f,
                "the HMAC secret is too short: this algorithm needs at least {min_bytes} bytes ({} bits)",
                min_bytes * 8
            ),
            Self::UsageNotPermitted => f.write_str("the key's use or key_ops do not permit this operation"),
            Self::NotPrivate => f.write_str("a private key is required"),
            Self::X5cMismatch => f.write_str("x5c certificate is malformed or does not match the key"),
            Self::X5tMismatch => f.write_str("x5t thumbprint does not match the x5c certificate"),
            Self::Encoding(e) => e.fmt(f),
            Self::NoMatchingKey => f.write_str("no key matched"),
            Self::AmbiguousKey => f.write_str("more than one key matched, or two keys share the kid"),
            Self::MixedKeySet => f.write_str("the JWK Set mixes symmetric (oct) and asymmetric keys"),
            Self::SymmetricKeySet => {
                f.write_str("the JWK Set holds symmetric (oct) keys; use the secret-set constructor for local secrets")
            }
            Self::AsymmetricKeySet => f.write_str("the JWK Set given as local secrets holds asymmetric keys"),
            Self::Crypto(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Crypto(e) => Some(e),
            _ => None,
        }
    }
}

impl From<JsonError> for Error {
    fn from(e: JsonError) -> Self {
        Self::Json(e)
    }
}

impl From<EncodingError> for Error {
    fn from(e: EncodingError) -> Self {
        Self::Encoding(e)
    }
}

impl From<jot_crypto::Error> for Error {
    fn from(e: jot_crypto::Error) -> Self {
        match e {
            jot_crypto::Error::KeyRejected(r) => Self::Key(r),
            other => Self::Crypto(other),
        }
    }
}

impl From<KeyRejected> for Error {
    fn from(r: KeyRejected) -> Self {
        Self::Key(r)
    }
}

impl From<jot_core::Error> for Error {
    fn from(e: jot_core::Error) -> Self {
        match e {
            jot_core::Error::Json(j) => Self::Json(j),
            jot_core::Error::Limit(l) => Self::Limit(l),
            jot_core::Error::UnknownIdentifier(jot_core::IdentifierKind::Curve) => Self::UnsupportedCurve,
            jot_core::Error::UnknownIdentifier(jot_core::IdentifierKind::KeyType) => Self::UnsupportedKeyType,
            // Any other identifier (alg) in a JWK is an invalid value.
            jot_core::Error::UnknownIdentifier(_) => Self::Json(JsonError::InvalidValue { member: "alg" }),
            jot_core::Error::Base64 | jot_core::Error::BufferTooSmall => Self::Json(JsonError::Syntax),
            _ => Self::Json(JsonError::Syntax),
        }
    }
}
