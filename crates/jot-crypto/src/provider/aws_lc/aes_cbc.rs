//! AES-CBC with PKCS#7 padding on AWS-LC.

use aws_lc_rs::cipher::{
    AES_128, AES_192, AES_256, Algorithm, DecryptionContext, EncryptionContext, PaddedBlockDecryptingKey,
    PaddedBlockEncryptingKey, UnboundCipherKey,
};
use aws_lc_rs::iv::FixedLength;
use zeroize::Zeroize;

use crate::Error;
use crate::aes_cbc::BLOCK_LEN;

fn cipher_key(key: &[u8]) -> Result<UnboundCipherKey, Error> {
    let alg: &'static Algorithm = match key.len() {
        16 => &AES_128,
        24 => &AES_192,
        32 => &AES_256,
        _ => return Err(Error::InvalidLength),
    };
    UnboundCipherKey::new(alg, key).map_err(|_| Error::InvalidLength)
}

/// Encrypts and pads `plaintext` (caller checked the IV length).
pub(crate) fn encrypt(key: &[u8], iv: [u8; BLOCK_LEN], plaintext: &[u8]) -> Result<Vec<u8>, Error> {
    let key = PaddedBlockEncryptingKey::cbc_pkcs7(cipher_key(key)?).map_err(|_| Error::InvalidLength)?;
    let mut out = Vec::with_capacity(plaintext.len().saturating_add(BLOCK_LEN));
    out.extend_from_slice(plaintext);
    key.less_safe_encrypt(&mut out, EncryptionContext::Iv128(FixedLength::from(iv)))
        .map_err(|_| Error::InvalidLength)?;
    Ok(out)
}

/// Decrypts and unpads a non-empty, block-aligned `ciphertext` (caller
/// checked). Bad padding is `DecryptionFailed`; the buffer is wiped.
pub(crate) fn decrypt(key: &[u8], iv: [u8; BLOCK_LEN], ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
    let key = PaddedBlockDecryptingKey::cbc_pkcs7(cipher_key(key)?).map_err(|_| Error::InvalidLength)?;
    let mut out = ciphertext.to_vec();
    match key.decrypt(&mut out, DecryptionContext::Iv128(FixedLength::from(iv))) {
        Ok(pt) => {
            let len = pt.len();
            out.truncate(len);
            Ok(out)
        }
        Err(_) => {
            out.zeroize();
            Err(Error::DecryptionFailed)
        }
    }
}
