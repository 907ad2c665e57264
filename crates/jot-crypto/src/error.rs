//! The error type of jot-crypto.

use core::fmt;

/// Why a key was refused when it was loaded. Reasons are static and say what
/// is wrong without echoing key material.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyRejected {
    /// A component has the wrong length (coordinate, scalar, OKP key, AES key).
    InvalidLength,
    /// The key is smaller than the minimum this library accepts
    /// (RSA 2048 bits).
    TooSmall,
    /// The key is larger than this library supports (RSA above 16384 bits).
    TooLarge,
    /// The RSA public exponent is not acceptable (even, 1, or out of range).
    InvalidExponent,
    /// The EC point is not on the curve, or is the identity.
    NotOnCurve,
    /// A private scalar is zero or not below the group order.
    InvalidScalar,
    /// The private part does not match the public part.
    Inconsistent,
    /// A component is malformed or out of range (e.g. an RSA prime that does
    /// not divide the modulus, a leading zero byte).
    InvalidComponent,
    /// A weak key, e.g. an X25519 point of low order.
    Weak,
    /// The RSA modulus has the ROCA fingerprint (CVE-2017-15361): it was
    /// made by Infineon's flawed generator and can be factored.
    RocaFingerprint,
    /// An RSA private key's `p` or `q` is not prime.
    NotPrime,
    /// The curve or key type is recognized but not implemented for this
    /// operation (Ed448, X448).
    UnsupportedCurve,
}

impl fmt::Display for KeyRejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::InvalidLength => "key component has the wrong length",
            Self::TooSmall => "key is too small",
            Self::TooLarge => "key is too large",
            Self::InvalidExponent => "RSA public exponent is not acceptable",
            Self::NotOnCurve => "point is not on the curve",
            Self::InvalidScalar => "private scalar is out of range",
            Self::Inconsistent => "private key does not match public key",
            Self::InvalidComponent => "key component is malformed",
            Self::Weak => "key is weak",
            Self::RocaFingerprint => "RSA modulus has the ROCA fingerprint (CVE-2017-15361): the key can be factored",
            Self::NotPrime => "an RSA prime factor (p or q) is not prime",
            Self::UnsupportedCurve => "curve is not supported for this operation",
        })
    }
}

/// The error type of jot-crypto.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A signature or MAC did not verify. Carries no detail, by design.
    InvalidSignature,
    /// Decryption, unwrapping, tag or padding check failed. Carries no
    /// detail, by design (no "bad padding" versus "bad tag").
    DecryptionFailed,
    /// A key was refused when loaded.
    KeyRejected(KeyRejected),
    /// An input to a primitive has a length the primitive cannot take (a GCM
    /// IV that is not 12 bytes, key-wrap input not a multiple of 8 bytes).
    InvalidLength,
    /// The system random number generator failed.
    Random,
    /// The operation is not implemented for these parameters.
    Unsupported,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidSignature => f.write_str("invalid signature"),
            Self::DecryptionFailed => f.write_str("decryption failed"),
            Self::KeyRejected(r) => write!(f, "key rejected: {r}"),
            Self::InvalidLength => f.write_str("input has an invalid length"),
            Self::Random => f.write_str("system random number generator failed"),
            Self::Unsupported => f.write_str("operation not supported"),
        }
    }
}

impl std::error::Error for Error {}

impl From<KeyRejected> for Error {
    fn from(r: KeyRejected) -> Self {
        Self::KeyRejected(r)
    }
}
