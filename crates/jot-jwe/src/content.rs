//! Content encryption (RFC 7518 section 5): AES-GCM and AES-CBC-HMAC-SHA2.
//! The IV is generated here, never by the caller.

use jot_core::Secret;
use jot_core::alg::JweEncryption;
use jot_crypto::cbc_hmac::{self, CbcHmac};
use jot_crypto::{aes_gcm, rand};

use crate::Error;

/// The output of content encryption.
pub(crate) struct Sealed {
    pub(crate) iv: Vec<u8>,
    pub(crate) ciphertext: Vec<u8>,
    pub(crate) tag: Vec<u8>,
}

fn cbc(enc: JweEncryption) -> Option<CbcHmac> {
    CbcHmac::try_from(enc).ok()
}

/// Encrypts with a fresh random IV.
pub(crate) fn seal(enc: JweEncryption, cek: &Secret, aad: &[u8], plaintext: &[u8]) -> Result<Sealed, Error> {
    match cbc(enc) {
        Some(c) => {
            let iv = rand::bytes(cbc_hmac::IV_LEN).map_err(Error::Crypto)?;
            let (ciphertext, tag) = cbc_hmac::encrypt(c, cek.expose(), &iv, aad, plaintext).map_err(Error::Crypto)?;
            Ok(Sealed { iv, ciphertext, tag })
        }
        None => {
            let iv = rand::bytes(aes_gcm::IV_LEN).map_err(Error::Crypto)?;
            let (ciphertext, tag) = aes_gcm::encrypt(cek.expose(), &iv, aad, plaintext).map_err(Error::Crypto)?;
            Ok(Sealed { iv, ciphertext, tag: tag.to_vec() })
        }
    }
}

/// Decrypts; every failure (key, IV or tag length, tag, padding) is
/// [`Error::DecryptionFailed`].
pub(crate) fn open(
    enc: JweEncryption,
    cek: &Secret,
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>, Error> {
    if cek.len() != enc.key_len() {
        return Err(Error::DecryptionFailed);
    }
    let result = match cbc(enc) {
        Some(c) => cbc_hmac::decrypt(c, cek.expose(), iv, aad, ciphertext, tag),
        None => aes_gcm::decrypt(cek.expose(), iv, aad, ciphertext, tag),
    };
    result.map_err(|_| Error::DecryptionFailed)
}
