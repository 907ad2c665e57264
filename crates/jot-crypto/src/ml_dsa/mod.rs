//! ML-DSA signatures (FIPS 204), as JOSE uses them (RFC 9964: `ML-DSA-44`,
//! `ML-DSA-65`, `ML-DSA-87` with `AKP` keys): pure ML-DSA with an empty
//! context string, the message signed as it is.
//!
//! A key is bound to one parameter set ([`MlDsaLevel`]) when it is made:
//! the public key must have exactly that set's length, and a signature of
//! any other length is refused before the provider sees it. A private key
//! is made from its 32-byte seed (FIPS 204's `ξ`, the AKP `priv`), the only
//! form RFC 9964 uses; the expanded key never leaves the provider.
//!
//! Signing is hedged (fresh randomness in each signature, FIPS 204's
//! default), on both providers, so two signatures of one message differ;
//! both verify.
//!
//! ```
//! use jot_crypto::ml_dsa::{MlDsaLevel, MlDsaPrivateKey, MlDsaPublicKey};
//! # fn main() -> Result<(), jot_crypto::Error> {
//! let key = MlDsaPrivateKey::generate(MlDsaLevel::MlDsa44)?;
//! let sig = key.sign(b"payload")?;
//! assert_eq!(sig.len(), 2420);
//! key.public_key().verify(b"payload", &sig)?;
//!
//! // The public key alone, from its bytes (the AKP `pub`).
//! let public = MlDsaPublicKey::from_bytes(MlDsaLevel::MlDsa44, key.public_key().as_bytes())?;
//! assert!(public.verify(b"tampered", &sig).is_err());
//! # Ok(())
//! # }
//! ```

#[cfg(test)]
mod tests;

use core::fmt;
use std::sync::Arc;

use jot_core::Secret;
pub use jot_core::alg::MlDsaLevel;
use zeroize::Zeroizing;

use crate::{Error, KeyRejected, provider};

/// Length of an ML-DSA private key seed in bytes (every parameter set).
pub const SEED_LEN: usize = MlDsaLevel::SEED_LEN;

/// An ML-DSA public key (the AKP `pub`) of one parameter set, decoded once.
/// Clones share the decoded key.
#[derive(Clone)]
pub struct MlDsaPublicKey {
    level: MlDsaLevel,
    bytes: Arc<[u8]>,
    key: Arc<provider::ml_dsa::PublicKey>,
}

impl PartialEq for MlDsaPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.level == other.level && self.bytes == other.bytes
    }
}

impl Eq for MlDsaPublicKey {}

impl MlDsaPublicKey {
    /// Builds a key of parameter set `level` from its encoding.
    ///
    /// Errors (`Error::KeyRejected`): `InvalidLength` unless the encoding
    /// has exactly `level.public_key_len()` bytes (1312, 1952 or 2592), so
    /// a key of one parameter set is never read as another;
    /// `InvalidComponent` if the provider refuses it.
    ///
    /// ```
    /// use jot_crypto::{Error, KeyRejected, ml_dsa::{MlDsaLevel, MlDsaPublicKey}};
    /// let ml_dsa_65_sized = [0u8; 1952];
    /// assert_eq!(
    ///     MlDsaPublicKey::from_bytes(MlDsaLevel::MlDsa44, &ml_dsa_65_sized).unwrap_err(),
    ///     Error::KeyRejected(KeyRejected::InvalidLength)
    /// );
    /// ```
    pub fn from_bytes(level: MlDsaLevel, bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != level.public_key_len() {
            return Err(KeyRejected::InvalidLength.into());
        }
        let key = provider::ml_dsa::PublicKey::from_bytes(level, bytes)?;
        Ok(Self { level, bytes: Arc::from(bytes), key: Arc::new(key) })
    }

    /// The parameter set.
    pub fn level(&self) -> MlDsaLevel {
        self.level
    }

    /// The encoded public key.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Verifies `sig` over `msg` (ML-DSA.Verify, empty context). A
    /// signature of another length than the parameter set's is refused
    /// before any arithmetic; any failure is `Error::InvalidSignature`.
    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        if sig.len() == self.level.signature_len() && self.key.verify(msg, sig) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

impl fmt::Debug for MlDsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The key is 1312 to 2592 bytes: its first bytes name it well enough.
        f.write_str("MlDsaPublicKey(")?;
        f.write_str(self.level.name())?;
        f.write_str(", ")?;
        for b in self.bytes.iter().take(8) {
            write!(f, "{b:02x}")?;
        }
        f.write_str("..)")
    }
}

/// An ML-DSA private key of one parameter set, expanded once from its
/// 32-byte seed (the AKP `priv`): the provider's key, shared by clones. The
/// seed is held as a [`Secret`] (zeroized on drop); RustCrypto zeroizes
/// its expanded key on drop, AWS-LC frees its own copy. `Debug` prints no
/// key material.
#[derive(Clone)]
pub struct MlDsaPrivateKey {
    key: Arc<provider::ml_dsa::PrivateKey>,
    seed: Secret,
    public: MlDsaPublicKey,
}

impl MlDsaPrivateKey {
    /// Expands a key of parameter set `level` from its 32-byte seed
    /// (ML-DSA.KeyGen_internal). If `public` is given it must be the
    /// seed's public key of the same parameter set.
    ///
    /// Errors (`Error::KeyRejected`): `InvalidLength` unless the seed has 32
    /// bytes; `Inconsistent` if `public` is not the seed's public key.
    pub fn from_seed(level: MlDsaLevel, seed: &[u8], public: Option<&MlDsaPublicKey>) -> Result<Self, Error> {
        let seed: Zeroizing<[u8; SEED_LEN]> = Zeroizing::new(seed.try_into().map_err(|_| KeyRejected::InvalidLength)?);
        let (key, public_bytes) = provider::ml_dsa::PrivateKey::from_seed(level, &seed)?;
        let derived = MlDsaPublicKey::from_bytes(level, &public_bytes)?;
        // Public bytes; compared in full, no early exit needed for secrecy.
        if public.is_some_and(|given| *given != derived) {
            return Err(KeyRejected::Inconsistent.into());
        }
        Ok(Self { key: Arc::new(key), seed: Secret::from(&seed[..]), public: derived })
    }

    /// Generates a key of parameter set `level` from a seed drawn from the
    /// crate's CSPRNG ([`crate::rand`]).
    pub fn generate(level: MlDsaLevel) -> Result<Self, Error> {
        let seed = Zeroizing::new(crate::rand::array::<SEED_LEN>()?);
        Self::from_seed(level, seed.as_ref(), None)
    }

    /// The parameter set.
    pub fn level(&self) -> MlDsaLevel {
        self.public.level
    }

    /// The public half.
    pub fn public_key(&self) -> &MlDsaPublicKey {
        &self.public
    }

    /// The 32-byte seed (the AKP `priv`).
    pub fn seed(&self) -> Secret {
        self.seed.clone()
    }

    /// Signs `msg` (hedged ML-DSA.Sign, empty context): a signature of
    /// exactly `level().signature_len()` bytes, different at each call.
    /// Fails (`Error::Random`) only if the randomness does.
    pub fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, Error> {
        let sig = self.key.sign(msg)?;
        if sig.len() != self.level().signature_len() {
            return Err(Error::InvalidLength);
        }
        Ok(sig)
    }
}

impl fmt::Debug for MlDsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MlDsaPrivateKey").field("public", &self.public).field("priv", &"***").finish()
    }
}
