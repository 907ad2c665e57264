//! X25519 (RFC 7748) on the provider (AWS-LC, or x25519-dalek).

use core::fmt;

use std::sync::Arc;

use jot_core::Secret;
use zeroize::Zeroizing;

use super::KEY_LEN;
use crate::{Error, KeyRejected, provider};

/// An X25519 public key (the JWK `x`, a u-coordinate).
///
/// Any 32 bytes are a valid u-coordinate (RFC 7748 section 5), so loading
/// checks only the length; low-order points are caught where they do harm,
/// as an all-zero shared secret in
/// [`X25519PrivateKey::diffie_hellman`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct X25519PublicKey {
    key: [u8; KEY_LEN],
}

impl X25519PublicKey {
    /// Builds a key from its 32-byte encoding (`KeyRejected::InvalidLength`
    /// otherwise).
    pub fn from_bytes(x: &[u8]) -> Result<Self, Error> {
        let bytes: [u8; KEY_LEN] = x.try_into().map_err(|_| KeyRejected::InvalidLength)?;
        Ok(Self { key: bytes })
    }

    /// The 32-byte encoding.
    pub fn as_bytes(&self) -> &[u8] {
        &self.key
    }
}

impl fmt::Debug for X25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("X25519PublicKey(")?;
        for b in self.as_bytes() {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

/// An X25519 private key (the JWK `d`), held by the provider alone: AWS-LC
/// cleanses it when freed, x25519-dalek zeroizes it on drop.
#[derive(Clone)]
pub struct X25519PrivateKey {
    secret: Arc<provider::x25519::PrivateKey>,
    public: X25519PublicKey,
}

impl X25519PrivateKey {
    /// Builds a key from its 32 bytes (clamped when used, per RFC 7748). If
    /// `public` is given it must be the matching public key.
    ///
    /// Errors (`Error::KeyRejected`): `InvalidLength` unless 32 bytes;
    /// `Inconsistent` if `public` does not match.
    pub fn from_bytes(d: &[u8], public: Option<&X25519PublicKey>) -> Result<Self, Error> {
        let bytes: Zeroizing<[u8; KEY_LEN]> = Zeroizing::new(d.try_into().map_err(|_| KeyRejected::InvalidLength)?);
        let (secret, public_bytes) = provider::x25519::PrivateKey::from_bytes(&bytes)?;
        let derived = X25519PublicKey { key: public_bytes };
        if public.is_some_and(|given| *given != derived) {
            return Err(KeyRejected::Inconsistent.into());
        }
        Ok(Self { secret: Arc::new(secret), public: derived })
    }

    /// Generates a key from the system RNG.
    pub fn generate() -> Result<Self, Error> {
        let bytes = Zeroizing::new(crate::rand::array::<KEY_LEN>()?);
        Self::from_bytes(bytes.as_ref(), None)
    }

    /// The public half.
    pub fn public_key(&self) -> &X25519PublicKey {
        &self.public
    }

    /// The 32 private bytes, as given or generated (unclamped).
    pub fn secret_bytes(&self) -> Secret {
        self.secret.secret_bytes()
    }

    /// X25519 with `peer`: the 32-byte shared secret.
    ///
    /// `KeyRejected::Weak` if the result is all zero, which happens exactly
    /// when `peer` is a low-order point (RFC 7748 section 6.1, RFC 8037
    /// section 3.2).
    pub fn diffie_hellman(&self, peer: &X25519PublicKey) -> Result<Secret, Error> {
        self.secret.diffie_hellman(&peer.key)
    }
}

impl fmt::Debug for X25519PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("X25519PrivateKey").field("public", &self.public).field("d", &"***").finish()
    }
}
