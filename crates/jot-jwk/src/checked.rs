//! Crypto handles built once when a JWK is checked, shared by every binding.

use std::sync::Arc;

use jot_crypto::ec::{EcPrivateKey, EcPublicKey};
use jot_crypto::ml_dsa::{MlDsaPrivateKey, MlDsaPublicKey};
use jot_crypto::okp::{Ed25519PrivateKey, Ed25519PublicKey, X25519PrivateKey, X25519PublicKey};
use jot_crypto::rsa::{RsaPrivateKey, RsaPublicKey};

/// The validated form of a JWK's key material.
#[derive(Clone)]
pub(crate) enum Checked {
    RsaPublic(Arc<RsaPublicKey>),
    RsaPrivate(Arc<RsaPrivateKey>),
    EcPublic(Arc<EcPublicKey>),
    EcPrivate(Arc<EcPrivateKey>),
    Ed25519Public(Arc<Ed25519PublicKey>),
    Ed25519Private(Arc<Ed25519PrivateKey>),
    X25519Public(Arc<X25519PublicKey>),
    X25519Private(Arc<X25519PrivateKey>),
    MlDsaPublic(Arc<MlDsaPublicKey>),
    MlDsaPrivate(Arc<MlDsaPrivateKey>),
    /// Ed448 or X448: lengths checked, no implementation to use them with.
    UnsupportedOkp,
    /// A symmetric key: its bytes are the handle.
    Oct,
}

impl Checked {
    /// The public counterpart, built from the private handle without
    /// parsing anything again. `None` for `oct`.
    pub(crate) fn to_public(&self) -> Option<Self> {
        Some(match self {
            Self::RsaPrivate(k) => Self::RsaPublic(Arc::new(k.public_key().clone())),
            Self::EcPrivate(k) => Self::EcPublic(Arc::new(k.public_key().clone())),
            Self::Ed25519Private(k) => Self::Ed25519Public(Arc::new(k.public_key().clone())),
            Self::X25519Private(k) => Self::X25519Public(Arc::new(*k.public_key())),
            Self::MlDsaPrivate(k) => Self::MlDsaPublic(Arc::new(k.public_key().clone())),
            Self::Oct => return None,
            other => other.clone(),
        })
    }
}
