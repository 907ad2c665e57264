//! Ed25519 with ed25519-dalek (seed and expanded key zeroized on drop).

use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use jot_core::Secret;

use crate::KeyRejected;

/// A decoded Ed25519 public key.
#[derive(Clone)]
pub(crate) struct PublicKey(VerifyingKey);

impl PublicKey {
    pub(crate) fn from_bytes(x: &[u8; 32]) -> Result<Self, KeyRejected> {
        VerifyingKey::from_bytes(x).map(Self).map_err(|_| KeyRejected::NotOnCurve)
    }

    /// RFC 8032 verification (cofactorless, canonical `S`).
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        Signature::from_slice(sig).is_ok_and(|sig| self.0.verify(msg, &sig).is_ok())
    }
}

/// An Ed25519 signing key.
pub(crate) struct PrivateKey(SigningKey);

impl PrivateKey {
    /// The key of a 32-byte seed, and its public key.
    pub(crate) fn from_seed(seed: &[u8; 32]) -> Result<(Self, [u8; 32]), KeyRejected> {
        let key = SigningKey::from_bytes(seed);
        let public = key.verifying_key().to_bytes();
        Ok((Self(key), public))
    }

    pub(crate) fn seed(&self) -> Secret {
        let seed = zeroize::Zeroizing::new(self.0.to_bytes());
        Secret::from(&seed[..])
    }

    /// The deterministic 64-byte signature.
    pub(crate) fn sign(&self, msg: &[u8]) -> Vec<u8> {
        self.0.sign(msg).to_bytes().to_vec()
    }
}
