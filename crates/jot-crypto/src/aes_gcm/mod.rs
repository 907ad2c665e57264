//! AES-GCM (NIST SP 800-38D) as JOSE uses it: 96-bit IV, 128-bit tag
//! (RFC 7518 sections 4.7 and 5.3).
//!
//! All three key sizes run on the provider (AWS-LC, or RustCrypto's
//! `aes-gcm`, whose key schedule is zeroized on drop). Keys are taken per
//! call: building the key schedule costs far less than a JWE parse.
//!
//! Lengths the primitive cannot take at all (key not 16/24/32 bytes, IV not
//! 12 bytes) are caller errors, [`Error::InvalidLength`]. Everything that
//! goes wrong in a decryption after that (tag length, tag mismatch) is
//! [`Error::DecryptionFailed`], with no detail.

use crate::{Error, provider};

/// The IV length JOSE uses, in bytes (96 bits).
pub const IV_LEN: usize = 12;

/// The tag length JOSE uses, in bytes (128 bits).
pub const TAG_LEN: usize = 16;

/// Encrypts `plaintext` with AES-GCM and returns the ciphertext and tag.
///
/// `key` is 16, 24 or 32 bytes (AES-128/192/256) and `iv` exactly
/// [`IV_LEN`] bytes, else [`Error::InvalidLength`]. The IV must never repeat
/// under one key; [`crate::rand::array`] makes a fresh one.
///
/// ```
/// use jot_crypto::{aes_gcm, rand};
///
/// let key = [0x42; 16];
/// let iv: [u8; 12] = rand::array()?;
/// let (ct, tag) = aes_gcm::encrypt(&key, &iv, b"protected header", b"hello")?;
/// let pt = aes_gcm::decrypt(&key, &iv, b"protected header", &ct, &tag)?;
/// assert_eq!(pt, b"hello");
/// assert!(aes_gcm::decrypt(&key, &iv, b"other header", &ct, &tag).is_err());
/// # Ok::<(), jot_crypto::Error>(())
/// ```
pub fn encrypt(key: &[u8], iv: &[u8], aad: &[u8], plaintext: &[u8]) -> Result<(Vec<u8>, [u8; TAG_LEN]), Error> {
    let mut buf = plaintext.to_vec();
    let tag = encrypt_in_place(key, iv, aad, &mut buf)?;
    Ok((buf, tag))
}

/// Decrypts and authenticates `ciphertext` with AES-GCM.
///
/// `key` and `iv` lengths as for [`encrypt`] ([`Error::InvalidLength`]).
/// A `tag` that is not exactly [`TAG_LEN`] bytes, or that does not verify,
/// gives [`Error::DecryptionFailed`]. No plaintext is released unless the
/// tag verifies.
pub fn decrypt(key: &[u8], iv: &[u8], aad: &[u8], ciphertext: &[u8], tag: &[u8]) -> Result<Vec<u8>, Error> {
    let mut buf = ciphertext.to_vec();
    decrypt_in_place(key, iv, aad, &mut buf, tag)?;
    Ok(buf)
}

/// Encrypts `buf` in place and returns the tag: [`encrypt`] without the
/// copy.
pub fn encrypt_in_place(key: &[u8], iv: &[u8], aad: &[u8], buf: &mut [u8]) -> Result<[u8; TAG_LEN], Error> {
    let iv = iv_array(iv)?;
    provider::aes_gcm::seal(key, iv, aad, buf)
}

/// Decrypts `buf` in place: [`decrypt`] without the copy.
///
/// On success `buf` holds the plaintext. On [`Error::DecryptionFailed`] its
/// contents are zeroed, so unauthenticated plaintext can never be read from
/// it; on [`Error::InvalidLength`] it is left untouched.
pub fn decrypt_in_place(key: &[u8], iv: &[u8], aad: &[u8], buf: &mut [u8], tag: &[u8]) -> Result<(), Error> {
    let iv = iv_array(iv)?;
    if !matches!(key.len(), 16 | 24 | 32) {
        return Err(Error::InvalidLength);
    }
    let result = match <[u8; TAG_LEN]>::try_from(tag) {
        Err(_) => Err(Error::DecryptionFailed),
        Ok(tag) => provider::aes_gcm::open(key, iv, aad, buf, tag),
    };
    if result.is_err() {
        buf.fill(0);
    }
    result
}

fn iv_array(iv: &[u8]) -> Result<[u8; IV_LEN], Error> {
    <[u8; IV_LEN]>::try_from(iv).map_err(|_| Error::InvalidLength)
}

#[cfg(test)]
mod tests;
