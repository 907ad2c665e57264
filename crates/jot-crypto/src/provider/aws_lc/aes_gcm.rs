//! AES-GCM (128, 192 and 256-bit keys) on AWS-LC.

use aws_lc_rs::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};

use crate::Error;
use crate::aes_gcm::{IV_LEN, TAG_LEN};

fn key(key: &[u8]) -> Result<LessSafeKey, Error> {
    let alg = match key.len() {
        16 => &aead::AES_128_GCM,
        24 => &aead::AES_192_GCM,
        32 => &aead::AES_256_GCM,
        _ => return Err(Error::InvalidLength),
    };
    UnboundKey::new(alg, key).map(LessSafeKey::new).map_err(|_| Error::InvalidLength)
}

/// Encrypts `buf` in place; returns the tag.
pub(crate) fn seal(k: &[u8], iv: [u8; IV_LEN], aad: &[u8], buf: &mut [u8]) -> Result<[u8; TAG_LEN], Error> {
    let tag = key(k)?
        .seal_in_place_separate_tag(Nonce::assume_unique_for_key(iv), Aad::from(aad), buf)
        // Only for inputs beyond GCM's limits (about 64 GiB).
        .map_err(|_| Error::InvalidLength)?;
    <[u8; TAG_LEN]>::try_from(tag.as_ref()).map_err(|_| Error::InvalidLength)
}

/// Decrypts `buf` in place if `tag` verifies.
pub(crate) fn open(k: &[u8], iv: [u8; IV_LEN], aad: &[u8], buf: &mut [u8], tag: [u8; TAG_LEN]) -> Result<(), Error> {
    key(k)?
        .open_in_place_separate_tag(Nonce::assume_unique_for_key(iv), Aad::from(aad), &tag, buf)
        .map(|_| ())
        .map_err(|_| Error::DecryptionFailed)
}
