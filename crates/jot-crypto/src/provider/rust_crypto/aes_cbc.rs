//! AES-CBC with PKCS#7 padding: the RustCrypto `cbc` and `aes` crates (key
//! schedule zeroized on drop).

use aes::{Aes128, Aes192, Aes256};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use zeroize::Zeroize;

use crate::Error;
use crate::aes_cbc::BLOCK_LEN;

/// Encrypts and pads `plaintext`.
pub(crate) fn encrypt(key: &[u8], iv: [u8; BLOCK_LEN], plaintext: &[u8]) -> Result<Vec<u8>, Error> {
    match key.len() {
        16 => encrypt_with::<Aes128>(key, &iv, plaintext),
        24 => encrypt_with::<Aes192>(key, &iv, plaintext),
        32 => encrypt_with::<Aes256>(key, &iv, plaintext),
        _ => Err(Error::InvalidLength),
    }
}

/// Decrypts and unpads a non-empty, block-aligned `ciphertext` (caller
/// checked). Bad padding is `DecryptionFailed`; the buffer is wiped.
pub(crate) fn decrypt(key: &[u8], iv: [u8; BLOCK_LEN], ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
    match key.len() {
        16 => decrypt_with::<Aes128>(key, &iv, ciphertext),
        24 => decrypt_with::<Aes192>(key, &iv, ciphertext),
        32 => decrypt_with::<Aes256>(key, &iv, ciphertext),
        _ => Err(Error::InvalidLength),
    }
}

fn encrypt_with<C>(key: &[u8], iv: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, Error>
where
    C: BlockCipherEncrypt,
    cbc::Encryptor<C>: KeyIvInit + BlockModeEncrypt,
{
    let enc = cbc::Encryptor::<C>::new_from_slices(key, iv).map_err(|_| Error::InvalidLength)?;
    // PKCS#7 always adds 1..=16 bytes.
    let out_len = (plaintext.len() / BLOCK_LEN)
        .checked_add(1)
        .and_then(|blocks| blocks.checked_mul(BLOCK_LEN))
        .ok_or(Error::InvalidLength)?;
    let mut out = vec![0u8; out_len];
    let written = enc.encrypt_padded_b2b::<Pkcs7>(plaintext, &mut out).map_err(|_| Error::InvalidLength)?.len();
    out.truncate(written);
    Ok(out)
}

fn decrypt_with<C>(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, Error>
where
    C: BlockCipherDecrypt,
    cbc::Decryptor<C>: KeyIvInit + BlockModeDecrypt,
{
    let dec = cbc::Decryptor::<C>::new_from_slices(key, iv).map_err(|_| Error::InvalidLength)?;
    let mut out = vec![0u8; ciphertext.len()];
    match dec.decrypt_padded_b2b::<Pkcs7>(ciphertext, &mut out) {
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
