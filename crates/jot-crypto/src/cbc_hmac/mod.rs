//! AES_CBC_HMAC_SHA2 authenticated encryption (RFC 7518 section 5.2):
//! A128CBC-HS256, A192CBC-HS384 and A256CBC-HS512.
//!
//! The key is `MAC_KEY || ENC_KEY`, two halves of equal length. The tag is
//! the first half of `HMAC(MAC_KEY, AAD || IV || ciphertext || AL)`, where
//! AL is the AAD length in bits as a 64-bit big-endian integer.
//!
//! Decryption verifies the whole tag in constant time before it decrypts
//! anything, so the CBC padding check is never reachable with a forged
//! ciphertext (no padding oracle).

use jot_core::alg::JweEncryption;
use subtle::ConstantTimeEq;

use crate::hmac::HmacKey;
use crate::{Error, ShaAlg, aes_cbc};

/// The IV length, in bytes (one AES block).
pub const IV_LEN: usize = aes_cbc::BLOCK_LEN;

/// One of the three AES_CBC_HMAC_SHA2 algorithms.
///
/// A separate type from [`JweEncryption`] so that a GCM identifier cannot
/// reach these functions; convert with [`CbcHmac::from_encryption`] or
/// `TryFrom`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CbcHmac {
    /// `A128CBC-HS256`: 32-byte key, HMAC-SHA-256, 16-byte tag.
    A128CbcHs256,
    /// `A192CBC-HS384`: 48-byte key, HMAC-SHA-384, 24-byte tag.
    A192CbcHs384,
    /// `A256CBC-HS512`: 64-byte key, HMAC-SHA-512, 32-byte tag.
    A256CbcHs512,
}

impl CbcHmac {
    /// The composite key length in bytes (MAC key plus encryption key).
    pub const fn key_len(self) -> usize {
        match self {
            Self::A128CbcHs256 => 32,
            Self::A192CbcHs384 => 48,
            Self::A256CbcHs512 => 64,
        }
    }

    /// The tag length in bytes (half the HMAC output).
    pub const fn tag_len(self) -> usize {
        self.key_len() / 2
    }

    /// The hash function of the HMAC.
    pub const fn sha(self) -> ShaAlg {
        match self {
            Self::A128CbcHs256 => ShaAlg::Sha256,
            Self::A192CbcHs384 => ShaAlg::Sha384,
            Self::A256CbcHs512 => ShaAlg::Sha512,
        }
    }

    /// The JWE `enc` identifier of this algorithm.
    pub const fn encryption(self) -> JweEncryption {
        match self {
            Self::A128CbcHs256 => JweEncryption::A128CbcHs256,
            Self::A192CbcHs384 => JweEncryption::A192CbcHs384,
            Self::A256CbcHs512 => JweEncryption::A256CbcHs512,
        }
    }

    /// The CBC-HMAC algorithm named by `enc`, or `None` for the others
    /// (the GCM family).
    pub const fn from_encryption(enc: JweEncryption) -> Option<Self> {
        match enc {
            JweEncryption::A128CbcHs256 => Some(Self::A128CbcHs256),
            JweEncryption::A192CbcHs384 => Some(Self::A192CbcHs384),
            JweEncryption::A256CbcHs512 => Some(Self::A256CbcHs512),
            _ => None,
        }
    }
}

impl TryFrom<JweEncryption> for CbcHmac {
    type Error = Error;

    /// Fails with [`Error::Unsupported`] for a non-CBC-HMAC `enc`.
    fn try_from(enc: JweEncryption) -> Result<Self, Error> {
        Self::from_encryption(enc).ok_or(Error::Unsupported)
    }
}

/// Encrypts and authenticates; returns `(ciphertext, tag)`.
///
/// `key` must be exactly [`CbcHmac::key_len`] bytes and `iv` [`IV_LEN`]
/// bytes, else [`Error::InvalidLength`].
///
/// ```
/// use jot_crypto::cbc_hmac::{self, CbcHmac};
/// use jot_crypto::rand;
///
/// let enc = CbcHmac::A128CbcHs256;
/// let cek = rand::secret(enc.key_len())?;
/// let iv: [u8; 16] = rand::array()?;
/// let (ct, tag) = cbc_hmac::encrypt(enc, cek.expose(), &iv, b"aad", b"hi")?;
/// assert_eq!(tag.len(), 16);
/// let pt = cbc_hmac::decrypt(enc, cek.expose(), &iv, b"aad", &ct, &tag)?;
/// assert_eq!(pt, b"hi");
/// # Ok::<(), jot_crypto::Error>(())
/// ```
pub fn encrypt(enc: CbcHmac, key: &[u8], iv: &[u8], aad: &[u8], plaintext: &[u8]) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let (mac_key, enc_key) = split_key(enc, key)?;
    if iv.len() != IV_LEN {
        return Err(Error::InvalidLength);
    }
    let al = aad_bits(aad).ok_or(Error::InvalidLength)?;
    let ciphertext = aes_cbc::encrypt(enc_key, iv, plaintext)?;
    let full = HmacKey::new(enc.sha(), mac_key).sign_parts(&[aad, iv, &ciphertext, &al]);
    let tag = full.as_ref().get(..enc.tag_len()).ok_or(Error::InvalidLength)?.to_vec();
    Ok((ciphertext, tag))
}

/// Verifies the tag, then decrypts.
///
/// `key` and `iv` lengths as for [`encrypt`] ([`Error::InvalidLength`]).
/// Every other failure (a tag of the wrong length, a tag that does not
/// verify, a ciphertext of bad length or padding) is
/// [`Error::DecryptionFailed`], with no detail. The tag is checked in full,
/// in constant time, before any decryption.
pub fn decrypt(
    enc: CbcHmac,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>, Error> {
    let (mac_key, enc_key) = split_key(enc, key)?;
    if iv.len() != IV_LEN {
        return Err(Error::InvalidLength);
    }
    let al = aad_bits(aad).ok_or(Error::DecryptionFailed)?;
    let full = HmacKey::new(enc.sha(), mac_key).sign_parts(&[aad, iv, ciphertext, &al]);
    let expected = full.as_ref().get(..enc.tag_len()).ok_or(Error::DecryptionFailed)?;
    // The tag length is public (it follows from `enc`); only the contents
    // are compared in constant time.
    if tag.len() != expected.len() || !bool::from(expected.ct_eq(tag)) {
        return Err(Error::DecryptionFailed);
    }
    aes_cbc::decrypt(enc_key, iv, ciphertext).map_err(|_| Error::DecryptionFailed)
}

fn split_key(enc: CbcHmac, key: &[u8]) -> Result<(&[u8], &[u8]), Error> {
    if key.len() != enc.key_len() {
        return Err(Error::InvalidLength);
    }
    key.split_at_checked(enc.key_len() / 2).ok_or(Error::InvalidLength)
}

/// AL: the AAD length in bits, 64-bit big-endian.
fn aad_bits(aad: &[u8]) -> Option<[u8; 8]> {
    let bytes = u64::try_from(aad.len()).ok()?;
    Some(bytes.checked_mul(8)?.to_be_bytes())
}

#[cfg(test)]
mod tests;
