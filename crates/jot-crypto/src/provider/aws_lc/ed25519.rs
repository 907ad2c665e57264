//! Ed25519 on AWS-LC. The public key's point was checked by
//! `okp::edwards` before it gets here (AWS-LC checks it only when it
//! verifies).

use aws_lc_rs::encoding::AsBigEndian;
use aws_lc_rs::signature::{ED25519, Ed25519KeyPair, KeyPair as _, ParsedPublicKey};
use jot_core::Secret;

use crate::KeyRejected;

/// A parsed Ed25519 public key.
#[derive(Clone)]
pub(crate) struct PublicKey(ParsedPublicKey);

impl PublicKey {
    pub(crate) fn from_bytes(x: &[u8; 32]) -> Result<Self, KeyRejected> {
        ParsedPublicKey::new(&ED25519, x).map(Self).map_err(|_| KeyRejected::NotOnCurve)
    }

    /// RFC 8032 verification (cofactorless, canonical `S`).
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        self.0.verify_sig(msg, sig).is_ok()
    }
}

/// An Ed25519 key pair.
pub(crate) struct PrivateKey(Ed25519KeyPair);

impl PrivateKey {
    /// The key pair of a 32-byte seed, and its public key.
    pub(crate) fn from_seed(seed: &[u8; 32]) -> Result<(Self, [u8; 32]), KeyRejected> {
        let pair = Ed25519KeyPair::from_seed_unchecked(seed).map_err(|_| KeyRejected::InvalidComponent)?;
        let public = <[u8; 32]>::try_from(pair.public_key().as_ref()).map_err(|_| KeyRejected::InvalidComponent)?;
        Ok((Self(pair), public))
    }

    pub(crate) fn seed(&self) -> Secret {
        match self.0.seed().and_then(|s| s.as_be_bytes()) {
            Ok(bin) => Secret::from(bin.as_ref()),
            Err(_) => Secret::new(Vec::new()),
        }
    }

    /// The deterministic 64-byte signature.
    pub(crate) fn sign(&self, msg: &[u8]) -> Vec<u8> {
        self.0.sign(msg).as_ref().to_vec()
    }
}
