//! Ed25519 (RFC 8032): keys checked with ed25519-dalek, signatures made and
//! verified by AWS-LC.
//!
//! Backend choice: AWS-LC signs and verifies fastest of ring, ed25519-dalek
//! and AWS-LC in every run that measured them side by side
//! (`benches/ed25519.rs`; the figures are in BENCHMARKS.md, "Backend choices
//! in jot-crypto"). AWS-LC's parsed key is made once per handle, as for
//! ECDSA.
//!
//! What dalek still does: it decodes and checks the public key when the
//! handle is built. Small-order public keys, which let a signer make
//! signatures that verify for many messages, are refused there (see
//! [`Ed25519PublicKey::from_bytes`]) before AWS-LC ever sees the key.
//!
//! Verification is RFC 8032's, cofactorless, with canonical `S` required and
//! `R` compared by its encoding, as AWS-LC (BoringSSL's `ED25519_verify`)
//! does it; dalek's `verify`, used before, has the same rules, and the
//! Wycheproof EdDSA suite (`tests/wycheproof_eddsa.rs`) holds the verdicts.
//! If AWS-LC ever refused a key dalek accepted, dalek's `verify` is used.
//!
//! Signing is AWS-LC's; Ed25519 signatures are deterministic, so every
//! backend gives the same bytes, and dalek still derives and checks the
//! public key.

use core::fmt;
use std::sync::OnceLock;

use aws_lc_rs::signature::{ED25519, ParsedPublicKey};

use ed25519_dalek::{Signature, SigningKey, Verifier as _, VerifyingKey};
use jot_core::Secret;
use zeroize::{Zeroize, Zeroizing};

use super::KEY_LEN;
use crate::{Error, KeyRejected};

/// An Ed25519 public key (the JWK `x`), decoded and checked once.
#[derive(Clone)]
pub struct Ed25519PublicKey {
    key: VerifyingKey,
    /// AWS-LC's parsed key, made on first verification.
    parsed: OnceLock<Option<ParsedPublicKey>>,
}

impl PartialEq for Ed25519PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
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
        let bytes: &[u8; KEY_LEN] = x.try_into().map_err(|_| KeyRejected::InvalidLength)?;
        let key = VerifyingKey::from_bytes(bytes).map_err(|_| KeyRejected::NotOnCurve)?;
        if key.is_weak() {
            return Err(KeyRejected::Weak.into());
        }
        Ok(Self::checked(key))
    }

    fn checked(key: VerifyingKey) -> Self {
        Self { key, parsed: OnceLock::new() }
    }

    /// The 32-byte encoding.
    pub fn as_bytes(&self) -> &[u8] {
        self.key.as_bytes()
    }

    /// Verifies a 64-byte signature over `msg`. Any failure is
    /// `Error::InvalidSignature`.
    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        match self.parsed() {
            Some(key) => key.verify_sig(msg, sig).map_err(|_| Error::InvalidSignature),
            None => self.verify_dalek(msg, sig),
        }
    }

    /// AWS-LC's parsed key, made on first use; `None` if AWS-LC refused it.
    fn parsed(&self) -> Option<&ParsedPublicKey> {
        self.parsed.get_or_init(|| ParsedPublicKey::new(&ED25519, self.key.as_bytes()).ok()).as_ref()
    }

    /// dalek's `verify`: the fallback, and the reference the tests hold
    /// AWS-LC's verdicts to.
    pub(super) fn verify_dalek(&self, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        let sig = Signature::from_slice(sig).map_err(|_| Error::InvalidSignature)?;
        self.key.verify(msg, &sig).map_err(|_| Error::InvalidSignature)
    }

    /// Whether verification goes through AWS-LC.
    #[cfg(test)]
    pub(super) fn verifies_with_awslc(&self) -> bool {
        self.parsed().is_some()
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

/// An Ed25519 private key (the JWK `d`, a 32-byte seed). dalek zeroizes the
/// seed and expanded key on drop.
#[derive(Clone)]
pub struct Ed25519PrivateKey {
    key: SigningKey,
    public: Ed25519PublicKey,
    signer: std::sync::Arc<aws_lc_rs::signature::Ed25519KeyPair>,
}

impl Ed25519PrivateKey {
    /// Builds a key from its 32-byte seed. If `public` is given it must be the
    /// seed's public key.
    ///
    /// Errors (`Error::KeyRejected`): `InvalidLength` unless 32 bytes;
    /// `Inconsistent` if `public` does not match.
    pub fn from_seed(d: &[u8], public: Option<&Ed25519PublicKey>) -> Result<Self, Error> {
        let seed: &[u8; KEY_LEN] = d.try_into().map_err(|_| KeyRejected::InvalidLength)?;
        let key = SigningKey::from_bytes(seed);
        let derived = Ed25519PublicKey::checked(key.verifying_key());
        if public.is_some_and(|given| *given != derived) {
            return Err(KeyRejected::Inconsistent.into());
        }
        let signer = aws_lc_rs::signature::Ed25519KeyPair::from_seed_and_public_key(seed, derived.key.as_bytes())
            .map_err(|_| KeyRejected::Inconsistent)?;
        Ok(Self { key, public: derived, signer: std::sync::Arc::new(signer) })
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
        let mut seed = self.key.to_bytes();
        let out = Secret::from(&seed[..]);
        seed.zeroize();
        out
    }

    /// Signs `msg`; the 64-byte signature is deterministic.
    pub fn sign(&self, msg: &[u8]) -> Vec<u8> {
        self.signer.sign(msg).as_ref().to_vec()
    }
}

impl fmt::Debug for Ed25519PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519PrivateKey").field("public", &self.public).field("d", &"***").finish()
    }
}
