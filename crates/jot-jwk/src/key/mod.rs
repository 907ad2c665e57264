//! The key material of a JWK, one file per key type (RFC 7518 section 6,
//! RFC 8037, RFC 9964).
//!
//! These are plain data: big-endian integers and coordinates as bytes,
//! private parts as [`Secret`](jot_core::Secret). They are checked when a [`Jwk`](crate::Jwk)
//! is made from them; a `Key` on its own promises nothing.

mod akp;
mod ec;
mod oct;
mod okp;
mod rsa;

pub use akp::AkpKey;
pub use ec::EcKey;
pub use oct::OctKey;
pub use okp::OkpKey;
pub use rsa::{RsaKey, RsaPrivate};

use jot_core::alg::{Curve, KeyType};

/// The key material of a JWK, tagged by `kty`.
#[derive(Clone, PartialEq, Eq)]
pub enum Key {
    /// `kty: "RSA"`
    Rsa(RsaKey),
    /// `kty: "EC"`
    Ec(EcKey),
    /// `kty: "OKP"`
    Okp(OkpKey),
    /// `kty: "oct"`
    Oct(OctKey),
    /// `kty: "AKP"` (RFC 9964)
    Akp(AkpKey),
}

impl Key {
    /// The key type.
    pub fn key_type(&self) -> KeyType {
        match self {
            Self::Rsa(_) => KeyType::Rsa,
            Self::Ec(_) => KeyType::Ec,
            Self::Okp(_) => KeyType::Okp,
            Self::Oct(_) => KeyType::Oct,
            Self::Akp(_) => KeyType::Akp,
        }
    }

    /// The curve, for EC and OKP keys.
    pub fn curve(&self) -> Option<Curve> {
        match self {
            Self::Ec(k) => Some(k.crv),
            Self::Okp(k) => Some(k.crv),
            _ => None,
        }
    }

    /// Whether the key holds private (or secret) material. `oct` keys are
    /// always secret.
    pub fn is_private(&self) -> bool {
        match self {
            Self::Rsa(k) => k.private.is_some(),
            Self::Ec(k) => k.d.is_some(),
            Self::Okp(k) => k.d.is_some(),
            Self::Oct(_) => true,
            Self::Akp(k) => k.private.is_some(),
        }
    }

    /// The public part; `None` for `oct` keys, which have none.
    pub fn to_public(&self) -> Option<Self> {
        match self {
            Self::Rsa(k) => Some(Self::Rsa(RsaKey { private: None, ..k.clone() })),
            Self::Ec(k) => Some(Self::Ec(EcKey { d: None, ..k.clone() })),
            Self::Okp(k) => Some(Self::Okp(OkpKey { d: None, ..k.clone() })),
            Self::Oct(_) => None,
            Self::Akp(k) => Some(Self::Akp(AkpKey { private: None, ..k.clone() })),
        }
    }
}

impl core::fmt::Debug for Key {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Rsa(k) => k.fmt(f),
            Self::Ec(k) => k.fmt(f),
            Self::Okp(k) => k.fmt(f),
            Self::Oct(k) => k.fmt(f),
            Self::Akp(k) => k.fmt(f),
        }
    }
}
