//! Ed25519 (RFC 8032) on the provider (AWS-LC, or ed25519-dalek).
//!
//! The public key is checked once when the handle is built, by jot itself
//! (`edwards.rs`, the same rules under either provider): the bytes must
//! decode to a curve point, and small-order points, which let a signer make
//! signatures that verify for many messages, are refused (see
//! [`Ed25519PublicKey::from_bytes`]).
//!
//! Verification is RFC 8032's, cofactorless, with canonical `S` required and
//! `R` compared by its encoding, as both providers do it; the Wycheproof
//! EdDSA suite (`tests/wycheproof_eddsa.rs`) holds the verdicts. Ed25519
//! signatures are deterministic, so both providers give the same bytes.

use core::fmt;
use std::sync::Arc;

use jot_core::Secret;
use zeroize::Zeroizing;

use super::{KEY_LEN, edwards};
use crate::{Error, KeyRejected, provider};

/// An Ed25519 public key (the JWK `x`), decoded and checked once.
#[derive(Clone)]
pub struct Ed25519PublicKey {
    bytes: [u8; KEY_LEN],
    key: provider::ed25519::PublicKey,
}

impl PartialEq for Ed25519PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for Ed25519PublicKey {}

impl Ed25519PublicKey {
    /// Builds a key from its 32-byte encoding.
    ///
    /// Errors (`Error::KeyRejected`): `InvalidLength` unless 32 bytes;
    /// `NotOnCurve` if the bytes do not decode to a curve point; `Weak` for a
    /// point of small order, with which signatures can be made that verify
    /// for many messages (no honest key is one).
    ///
    /// ```
    /// use jot_crypto::{Error, KeyRejected, okp::Ed25519PublicKey};
    /// // The identity point (y = 1) has small order.
    /// let mut identity = [0u8; 32];
    /// identity[0] = 1;
    /// assert_eq!(
    ///     Ed25519PublicKey::from_bytes(&identity).unwrap_err(),
    ///     Error::KeyRejected(KeyRejected::Weak)
    /// );
    /// ```
    pub fn from_bytes(x: &[u8]) -> Result<Self, Error> {
        let bytes: [u8; KEY_LEN] = x.try_into().map_err(|_| KeyRejected::InvalidLength)?;
        edwards::check_public(&bytes)?;
        let key = provider::ed25519::PublicKey::from_bytes(&bytes)?;
        Ok(Self { bytes, key })
    }

    /// The 32-byte encoding.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Verifies a 64-byte signature over `msg`. Any failure is
    /// `Error::InvalidSignature`.
    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        if sig.len() == super::ED25519_SIGNATURE_LEN && self.key.verify(msg, sig) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

impl fmt::Debug for Ed25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ed25519PublicKey(")?;
        for b in self.as_bytes() {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

/// An Ed25519 private key (the JWK `d`, a 32-byte seed): the provider's key,
/// shared by clones. RustCrypto zeroizes the seed and expanded key on drop;
/// AWS-LC frees its own copy.
#[derive(Clone)]
pub struct Ed25519PrivateKey {
    key: Arc<provider::ed25519::PrivateKey>,
    public: Ed25519PublicKey,
}

impl Ed25519PrivateKey {
    /// Builds a key from its 32-byte seed. If `public` is given it must be the
    /// seed's public key.
    ///
    /// Errors (`Error::KeyRejected`): `InvalidLength` unless 32 bytes;
    /// `Inconsistent` if `public` does not match.
    pub fn from_seed(d: &[u8], public: Option<&Ed25519PublicKey>) -> Result<Self, Error> {
        let seed: Zeroizing<[u8; KEY_LEN]> = Zeroizing::new(d.try_into().map_err(|_| KeyRejected::InvalidLength)?);
        let (key, public_bytes) = provider::ed25519::PrivateKey::from_seed(&seed)?;
        // A derived public key is a curve point by construction; parsing it
        // still runs the one check every public key goes through.
        let derived = Ed25519PublicKey::from_bytes(&public_bytes)?;
        if public.is_some_and(|given| *given != derived) {
            return Err(KeyRejected::Inconsistent.into());
        }
        Ok(Self { key: Arc::new(key), public: derived })
    }

    /// Generates a key from the system RNG.
    pub fn generate() -> Result<Self, Error> {
        let seed = Zeroizing::new(crate::rand::array::<KEY_LEN>()?);
        Self::from_seed(seed.as_ref(), None)
    }

    /// The public half.
    pub fn public_key(&self) -> &Ed25519PublicKey {
        &self.public
    }

    /// The 32-byte seed.
    pub fn seed(&self) -> Secret {
        self.key.seed()
    }

    /// Signs `msg`; the 64-byte signature is deterministic.
    pub fn sign(&self, msg: &[u8]) -> Vec<u8> {
        self.key.sign(msg)
    }
}

impl fmt::Debug for Ed25519PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519PrivateKey").field("public", &self.public).field("d", &"***").finish()
    }
}
