//! X25519 (RFC 7748) with x25519-dalek (the secret zeroized on drop).

use jot_core::Secret;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::{Error, KeyRejected};

/// An X25519 private key.
pub(crate) struct PrivateKey(StaticSecret);

impl PrivateKey {
    /// The key for 32 bytes `d`, and its public key.
    pub(crate) fn from_bytes(d: &[u8; 32]) -> Result<(Self, [u8; 32]), KeyRejected> {
        let secret = StaticSecret::from(*d);
        let public = PublicKey::from(&secret).to_bytes();
        Ok((Self(secret), public))
    }

    pub(crate) fn secret_bytes(&self) -> Secret {
        let bytes = Zeroizing::new(self.0.to_bytes());
        Secret::from(&bytes[..])
    }

    /// The shared secret with `peer`; an all-zero result (a low-order peer
    /// point) is refused as `Weak`, checked in constant time.
    pub(crate) fn diffie_hellman(&self, peer: &[u8; 32]) -> Result<Secret, Error> {
        let shared = self.0.diffie_hellman(&PublicKey::from(*peer));
        if !shared.was_contributory() {
            return Err(KeyRejected::Weak.into());
        }
        Ok(Secret::from(&shared.as_bytes()[..]))
    }
}
