//! AES-GCM with the RustCrypto `aes-gcm` crate (key schedule zeroized on
//! drop).

use aes_gcm::aead::AeadInOut;
use aes_gcm::aes::Aes192;
use aes_gcm::aes::cipher::consts::U12;
use aes_gcm::{Aes128Gcm, Aes256Gcm, AesGcm, KeyInit};

use crate::Error;
use crate::aes_gcm::{IV_LEN, TAG_LEN};

type Aes192Gcm = AesGcm<Aes192, U12>;

/// Encrypts `buf` in place; returns the tag.
pub(crate) fn seal(key: &[u8], iv: [u8; IV_LEN], aad: &[u8], buf: &mut [u8]) -> Result<[u8; TAG_LEN], Error> {
    fn run<C>(key: &[u8], iv: [u8; IV_LEN], aad: &[u8], buf: &mut [u8]) -> Result<[u8; TAG_LEN], Error>
    where
        C: KeyInit + AeadInOut + aes_gcm::aead::AeadCore<NonceSize = U12, TagSize = aes_gcm::aes::cipher::consts::U16>,
    {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidLength)?;
        let tag = cipher
            .encrypt_inout_detached(&iv.into(), aad, buf.into())
            // Only for inputs beyond GCM's limits (about 64 GiB).
            .map_err(|_| Error::InvalidLength)?;
        Ok(tag.into())
    }
    match key.len() {
        16 => run::<Aes128Gcm>(key, iv, aad, buf),
        24 => run::<Aes192Gcm>(key, iv, aad, buf),
        32 => run::<Aes256Gcm>(key, iv, aad, buf),
        _ => Err(Error::InvalidLength),
    }
}

/// Decrypts `buf` in place if `tag` verifies.
pub(crate) fn open(key: &[u8], iv: [u8; IV_LEN], aad: &[u8], buf: &mut [u8], tag: [u8; TAG_LEN]) -> Result<(), Error> {
    fn run<C>(key: &[u8], iv: [u8; IV_LEN], aad: &[u8], buf: &mut [u8], tag: [u8; TAG_LEN]) -> Result<(), Error>
    where
        C: KeyInit + AeadInOut + aes_gcm::aead::AeadCore<NonceSize = U12, TagSize = aes_gcm::aes::cipher::consts::U16>,
    {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidLength)?;
        cipher.decrypt_inout_detached(&iv.into(), aad, buf.into(), &tag.into()).map_err(|_| Error::DecryptionFailed)
    }
    match key.len() {
        16 => run::<Aes128Gcm>(key, iv, aad, buf, tag),
        24 => run::<Aes192Gcm>(key, iv, aad, buf, tag),
        32 => run::<Aes256Gcm>(key, iv, aad, buf, tag),
        _ => Err(Error::InvalidLength),
    }
}
