//! X25519 (RFC 7748) on AWS-LC.

use aws_lc_rs::agreement::{self, X25519};
use aws_lc_rs::encoding::{AsBigEndian, Curve25519SeedBin};
use jot_core::Secret;

use crate::{Error, KeyRejected};

/// An X25519 private key.
pub(crate) struct PrivateKey(agreement::PrivateKey);

impl PrivateKey {
    /// The key for 32 bytes `d`, and its public key.
    pub(crate) fn from_bytes(d: &[u8; 32]) -> Result<(Self, [u8; 32]), KeyRejected> {
        let key = agreement::PrivateKey::from_private_key(&X25519, d).map_err(|_| KeyRejected::InvalidComponent)?;
        let public = key.compute_public_key().map_err(|_| KeyRejected::InvalidComponent)?;
        let public = <[u8; 32]>::try_from(public.as_ref()).map_err(|_| KeyRejected::InvalidComponent)?;
        Ok((Self(key), public))
    }

    pub(crate) fn secret_bytes(&self) -> Secret {
        let bin: Result<Curve25519SeedBin<'_>, _> = self.0.as_be_bytes();
        match bin {
            Ok(bin) => Secret::from(bin.as_ref()),
            Err(_) => Secret::new(Vec::new()),
        }
    }

    /// The shared secret with `peer`; an all-zero result (a low-order peer
    /// point) is refused by AWS-LC and reported as `Weak`.
    pub(crate) fn diffie_hellman(&self, peer: &[u8; 32]) -> Result<Secret, Error> {
        let peer = agreement::UnparsedPublicKey::new(&X25519, peer);
        agreement::agree(&self.0, peer, Error::KeyRejected(KeyRejected::Weak), |z| Ok(Secret::from(z)))
    }
}
