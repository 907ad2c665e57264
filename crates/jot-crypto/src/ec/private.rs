//! The EC private key handle.

use core::fmt;
use std::sync::Arc;

use jot_core::Secret;
use zeroize::Zeroizing;

use super::public::EcPublicKey;
use super::supported;
use crate::{Curve, Error, KeyRejected, provider};

/// A private key on P-256, P-384, P-521 or secp256k1. Cloning is cheap (the
/// key is shared).
///
/// Holds the provider's key, once: RustCrypto zeroizes its scalar on drop;
/// AWS-LC frees its own copy.
#[derive(Clone)]
pub struct EcPrivateKey {
    inner: Arc<Inner>,
}

struct Inner {
    public: EcPublicKey,
    key: provider::ec::PrivateKey,
}

impl EcPrivateKey {
    /// Builds a key from the big-endian private scalar `d` (the JWK `d`,
    /// decoded), exactly [`Curve::coordinate_len`] bytes. If `public` is
    /// given it must be the matching public key.
    ///
    /// Errors (`Error::KeyRejected`): `UnsupportedCurve`; `InvalidLength`;
    /// `InvalidScalar` unless `1 <= d < n`; `Inconsistent` if `public` is not
    /// `d`'s public key.
    pub fn from_scalar(curve: Curve, d: &[u8], public: Option<&EcPublicKey>) -> Result<Self, Error> {
        let curve = supported(curve)?;
        if d.len() != curve.coordinate_len() {
            return Err(KeyRejected::InvalidLength.into());
        }
        let (key, sec1) = provider::ec::PrivateKey::from_scalar(curve, d)?;
        let derived = EcPublicKey::from_sec1(curve, &sec1)?;
        if public.is_some_and(|given| *given != derived) {
            return Err(KeyRejected::Inconsistent.into());
        }
        Ok(Self { inner: Arc::new(Inner { public: derived, key }) })
    }

    /// Generates a key from the system RNG.
    pub fn generate(curve: Curve) -> Result<Self, Error> {
        let curve = supported(curve)?;
        let mut d = Zeroizing::new(vec![0u8; curve.coordinate_len()]);
        // Rejection sampling: a draw at or above n is retried. The chance is
        // below 2^-32 per draw on every curve, so the bound is never reached
        // with a working RNG.
        for _ in 0..64 {
            crate::rand::fill(&mut d)?;
            if curve == Curve::P521 {
                // 66 bytes hold 528 bits; the scalar has 521.
                if let Some(top) = d.first_mut() {
                    *top &= 0x01;
                }
            }
            match Self::from_scalar(curve, &d, None) {
                Err(Error::KeyRejected(KeyRejected::InvalidScalar)) => continue,
                other => return other,
            }
        }
        Err(Error::Random)
    }

    /// The public half.
    pub fn public_key(&self) -> &EcPublicKey {
        &self.inner.public
    }

    /// The curve.
    pub fn curve(&self) -> Curve {
        self.inner.public.curve()
    }

    /// The private scalar, big-endian, [`Curve::coordinate_len`] bytes.
    pub fn scalar(&self) -> Secret {
        self.inner.key.scalar()
    }

    /// Signs `msg` with ECDSA and the curve's JOSE hash; returns raw `r || s`
    /// of twice the coordinate length. With AWS-LC the nonce is random; with
    /// RustCrypto, deterministic (RFC 6979), and secp256k1 signatures are
    /// low-S. Every form verifies with either provider.
    pub fn sign_ecdsa(&self, msg: &[u8]) -> Result<Vec<u8>, Error> {
        self.inner.key.sign(msg)
    }

    /// Static-key ECDH with `peer`: the shared secret `Z`, the x coordinate
    /// of `d * peer` ([`Curve::coordinate_len`] bytes), as ECDH-ES feeds to
    /// the Concat KDF.
    ///
    /// Errors: `KeyRejected::UnsupportedCurve` if `peer` is on another curve;
    /// `Error::Unsupported` on secp256k1 (JOSE defines no ECDH on it).
    pub fn ecdh(&self, peer: &EcPublicKey) -> Result<Secret, Error> {
        if peer.curve() != self.curve() {
            return Err(KeyRejected::UnsupportedCurve.into());
        }
        // The peer point was validated when its handle was built, so
        // invalid-curve points never get here; the provider checks it again.
        self.inner.key.ecdh(peer.sec1())
    }
}

impl fmt::Debug for EcPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcPrivateKey").field("curve", &self.curve()).field("d", &"***").finish()
    }
}
