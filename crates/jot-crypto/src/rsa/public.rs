//! The RSA public key handle.

use core::fmt;

use rsa::BoxedUint;

use std::sync::{Arc, OnceLock};

use aws_lc_rs::signature::ParsedPublicKey;

use super::bytes::{bit_len, minimal};
use super::{MAX_BITS, MIN_BITS, RsaEncryption, RsaSignature, encrypt, sign};
use crate::{Error, KeyRejected};

/// An RSA public key, validated when it was built.
///
/// Holds `n` and `e` in minimal big-endian form (what ring takes for
/// verification) and the `rsa` crate's key with its Montgomery parameters
/// already computed (for encryption, and verification above 8192 bits).
#[derive(Clone)]
pub struct RsaPublicKey {
    n: Box<[u8]>,
    e: Box<[u8]>,
    bits: usize,
    key: rsa::PublicKey,
    /// AWS-LC's parsed key, one per signature scheme, made on first use and
    /// shared by clones: verification never parses the key again.
    parsed: Arc<[OnceLock<Option<ParsedPublicKey>>; 6]>,
}

impl RsaPublicKey {
    /// Builds a key from the big-endian modulus `n` and exponent `e` (the JWK
    /// `n` and `e` members, decoded).
    ///
    /// Errors (all `Error::KeyRejected`): `InvalidComponent` for an empty
    /// value, a leading zero octet or an even modulus; `TooSmall` below 2048
    /// bits; `TooLarge` above 16384 bits; `RocaFingerprint` for a modulus
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
        let e_value = exponent(e)?;
        // e < 2^33 <= n, so e is also below n.
        let key = rsa::PublicKey::new_with_size_limits(
            BoxedUint::from_be_slice_vartime(n),
            BoxedUint::from(e_value),
            MIN_BITS..=MAX_BITS,
        )
        .map_err(|_| KeyRejected::InvalidComponent)?;
        Ok(Self { n: n.into(), e: e.into(), bits, key, parsed: Arc::default() })
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

    /// AWS-LC's parsed key for `scheme`, made once; `None` if AWS-LC does
    /// not take the key (then ring or the `rsa` crate verifies).
    pub(super) fn parsed(&self, scheme: RsaSignature) -> Option<&ParsedPublicKey> {
        // AWS-LC's algorithms verify 2048- to 8192-bit moduli only; a larger
        // key (jot takes up to 16384 bits) goes to the `rsa` crate, so it is
        // never parsed here only to fail every verification.
        if self.bits > sign::AWSLC_VERIFY_MAX_BITS {
            return None;
        }
        let slot = self.parsed.get(scheme as usize)?;
        slot.get_or_init(|| {
            ParsedPublicKey::new(sign::awslc_params(scheme), super::bytes::public_key_der(&self.n, &self.e)).ok()
        })
        .as_ref()
    }

    /// Verifies `sig` over `msg`. The signature must be exactly
    /// [`modulus_len`](Self::modulus_len) bytes. Any failure is
    /// `Error::InvalidSignature`.
    pub fn verify(&self, scheme: RsaSignature, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        if sig.len() != self.n.len() {
            return Err(Error::InvalidSignature);
        }
        sign::verify(self, scheme, msg, sig)
    }

    /// Encrypts `msg` (a content encryption key, in JOSE) with fresh
    /// randomness. `Error::InvalidLength` if `msg` is too long for the key
    /// and padding.
    pub fn encrypt(&self, padding: RsaEncryption, msg: &[u8]) -> Result<Vec<u8>, Error> {
        encrypt::encrypt(&self.key, padding, msg)
    }

    pub(super) fn rsa_key(&self) -> &rsa::PublicKey {
        &self.key
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
