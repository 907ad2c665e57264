//! The RSA public key handle.

use core::fmt;

use super::bytes::{bit_len, minimal};
use super::{MAX_BITS, MIN_BITS, RsaEncryption, RsaSignature};
use crate::{Error, KeyRejected, provider};

/// An RSA public key, validated when it was built.
///
/// Holds `n` and `e` in minimal big-endian form and the provider's key,
/// parsed once.
#[derive(Clone)]
pub struct RsaPublicKey {
    n: Box<[u8]>,
    e: Box<[u8]>,
    bits: usize,
    key: provider::rsa::PublicKey,
}

impl RsaPublicKey {
    /// Builds a key from the big-endian modulus `n` and exponent `e` (the JWK
    /// `n` and `e` members, decoded).
    ///
    /// Errors (all `Error::KeyRejected`): `InvalidComponent` for an empty
    /// value, a leading zero octet or an even modulus; `TooSmall` below 2048
    /// bits; `TooLarge` above 8192 bits; `RocaFingerprint` for a modulus
    /// made by Infineon's flawed generator (CVE-2017-15361);
    /// `InvalidExponent` unless `e` is odd and `3 <= e < 2^33`.
    ///
    /// ```
    /// use jot_crypto::{Error, KeyRejected, rsa::RsaPublicKey};
    /// let mut n = vec![0xc5; 256];
    /// n[255] = 0x01; // odd
    /// let key = RsaPublicKey::from_components(&n, &[1, 0, 1]).unwrap();
    /// assert_eq!(key.bits(), 2048);
    /// assert_eq!(
    ///     RsaPublicKey::from_components(&n, &[1]).unwrap_err(),
    ///     Error::KeyRejected(KeyRejected::InvalidExponent)
    /// );
    /// ```
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        let n = minimal(n)?;
        let e = minimal(e)?;
        let bits = bit_len(n);
        if bits < MIN_BITS {
            return Err(KeyRejected::TooSmall.into());
        }
        if bits > MAX_BITS {
            return Err(KeyRejected::TooLarge.into());
        }
        if n.last().is_none_or(|b| b & 1 == 0) {
            return Err(KeyRejected::InvalidComponent.into());
        }
        if super::has_roca_fingerprint(n) {
            return Err(KeyRejected::RocaFingerprint.into());
        }
        exponent(e)?;
        // e < 2^33 <= n, so e is also below n.
        let key = provider::rsa::PublicKey::new(n, e)?;
        Ok(Self { n: n.into(), e: e.into(), bits, key })
    }

    /// The modulus, big-endian, minimal.
    pub fn n(&self) -> &[u8] {
        &self.n
    }

    /// The public exponent, big-endian, minimal.
    pub fn e(&self) -> &[u8] {
        &self.e
    }

    /// The modulus length in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// The modulus length in bytes, which is the length of every signature
    /// and ciphertext under this key.
    pub fn modulus_len(&self) -> usize {
        self.n.len()
    }

    /// Verifies `sig` over `msg`. The signature must be exactly
    /// [`modulus_len`](Self::modulus_len) bytes. Any failure is
    /// `Error::InvalidSignature`.
    pub fn verify(&self, scheme: RsaSignature, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        if sig.len() == self.n.len() && self.key.verify(scheme, msg, sig) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }

    /// Encrypts `msg` (a content encryption key, in JOSE) with fresh
    /// randomness. `Error::InvalidLength` if `msg` is too long for the key
    /// and padding.
    pub fn encrypt(&self, padding: RsaEncryption, msg: &[u8]) -> Result<Vec<u8>, Error> {
        self.key.encrypt(padding, msg, &[])
    }

    /// [`encrypt`](Self::encrypt) with an OAEP label. JOSE uses no label;
    /// this exists for complete test coverage. A label with PKCS#1 v1.5 is
    /// `Error::Unsupported`.
    pub fn encrypt_with_label(&self, padding: RsaEncryption, msg: &[u8], label: &[u8]) -> Result<Vec<u8>, Error> {
        if padding == RsaEncryption::Pkcs1v15 && !label.is_empty() {
            return Err(Error::Unsupported);
        }
        self.key.encrypt(padding, msg, label)
    }
}

/// `3 <= e < 2^33`, odd (RFC 8017 section 3.1 and NIST SP 800-56B; the upper
/// bound keeps verification cheap).
fn exponent(e: &[u8]) -> Result<u64, KeyRejected> {
    if e.len() > 5 {
        return Err(KeyRejected::InvalidExponent);
    }
    let value = e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    if !(3..1 << 33).contains(&value) || value & 1 == 0 {
        return Err(KeyRejected::InvalidExponent);
    }
    Ok(value)
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey").field("bits", &self.bits).finish_non_exhaustive()
    }
}

impl PartialEq for RsaPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.n == other.n && self.e == other.e
    }
}

impl Eq for RsaPublicKey {}
