//! AES-CBC with PKCS#7 padding: the encryption half of AES_CBC_HMAC_SHA2
//! (RFC 7518 section 5.2).
//!
//! This is unauthenticated encryption. [`decrypt`] on its own is a padding
//! oracle if its result is observable; JOSE uses it only through
//! [`crate::cbc_hmac`], which verifies the MAC before decrypting.
//!
//! Runs on the provider (AWS-LC, or RustCrypto's `cbc` and `aes`, whose key
//! schedule is zeroized on drop).

use crate::{Error, provider};

/// The AES block and IV length, in bytes.
pub const BLOCK_LEN: usize = 16;

/// Encrypts `plaintext` with AES-CBC and PKCS#7 padding.
///
/// `key` is 16, 24 or 32 bytes and `iv` exactly [`BLOCK_LEN`] bytes, else
/// [`Error::InvalidLength`]. The output is the plaintext length rounded up
/// to the next whole block (a full padding block if already aligned).
///
/// ```
/// use jot_crypto::aes_cbc;
///
/// let (key, iv) = ([1u8; 16], [2u8; 16]);
/// let ct = aes_cbc::encrypt(&key, &iv, b"sixteen bytes!!!")?;
/// assert_eq!(ct.len(), 32);
/// assert_eq!(aes_cbc::decrypt(&key, &iv, &ct)?, b"sixteen bytes!!!");
/// # Ok::<(), jot_crypto::Error>(())
/// ```
pub fn encrypt(key: &[u8], iv: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, Error> {
    let iv = iv_array(iv)?;
    if !matches!(key.len(), 16 | 24 | 32) {
        return Err(Error::InvalidLength);
    }
    provider::aes_cbc::encrypt(key, iv, plaintext)
}

/// Decrypts AES-CBC `ciphertext` and removes PKCS#7 padding.
///
/// `key` and `iv` lengths as for [`encrypt`] ([`Error::InvalidLength`]). A
/// ciphertext that is empty or not a whole number of blocks, or whose
/// padding is malformed, is [`Error::DecryptionFailed`], with no detail.
pub fn decrypt(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
    let iv = iv_array(iv)?;
    if !matches!(key.len(), 16 | 24 | 32) {
        return Err(Error::InvalidLength);
    }
    if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(BLOCK_LEN) {
        return Err(Error::DecryptionFailed);
    }
    provider::aes_cbc::decrypt(key, iv, ciphertext)
}

fn iv_array(iv: &[u8]) -> Result<[u8; BLOCK_LEN], Error> {
    <[u8; BLOCK_LEN]>::try_from(iv).map_err(|_| Error::InvalidLength)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sp800_38a_f2_1_first_block() {
        // NIST SP 800-38A F.2.1 (CBC-AES128.Encrypt), first block; the
        // second output block is the PKCS#7 padding block.
        let key = hex("2b7e151628aed2a6abf7158809cf4f3c");
        let iv = hex("000102030405060708090a0b0c0d0e0f");
        let pt = hex("6bc1bee22e409f96e93d7e117393172a");
        let ct = encrypt(&key, &iv, &pt).unwrap();
        assert_eq!(ct[..16], hex("7649abac8119b246cee98e9b12e9197d")[..]);
        assert_eq!(ct.len(), 32);
        assert_eq!(decrypt(&key, &iv, &ct).unwrap(), pt);
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn padding_lengths() {
        for (pt_len, ct_len) in [(0, 16), (1, 16), (15, 16), (16, 32), (17, 32), (32, 48)] {
            let pt = vec![0x61; pt_len];
            let ct = encrypt(&[0; 24], &[0; 16], &pt).unwrap();
            assert_eq!(ct.len(), ct_len);
            assert_eq!(decrypt(&[0; 24], &[0; 16], &ct).unwrap(), pt);
        }
    }

    #[test]
    fn wrong_key_or_iv_length_is_invalid_length() {
        for len in [0, 15, 17, 20, 31, 33, 64] {
            assert_eq!(encrypt(&vec![0; len], &[0; 16], b"x"), Err(Error::InvalidLength));
            assert_eq!(decrypt(&vec![0; len], &[0; 16], &[0; 16]), Err(Error::InvalidLength));
        }
        for key_len in [16, 24, 32] {
            for iv_len in [0, 12, 15, 17, 32] {
                let (key, iv) = (vec![0; key_len], vec![0; iv_len]);
                assert_eq!(encrypt(&key, &iv, b"x"), Err(Error::InvalidLength));
                assert_eq!(decrypt(&key, &iv, &[0; 16]), Err(Error::InvalidLength));
            }
        }
    }

    #[test]
    fn bad_ciphertext_length_is_decryption_failed() {
        let ct = encrypt(&[1; 16], &[2; 16], b"twenty bytes long...").unwrap();
        for len in [0, 1, 15, 17, 31] {
            assert_eq!(decrypt(&[1; 16], &[2; 16], &ct[..len]), Err(Error::DecryptionFailed));
        }
    }

    #[test]
    fn bad_padding_is_decryption_failed() {
        let key = [3u8; 32];
        let iv = [4u8; 16];
        // Encrypt raw blocks (no padding) whose last byte is a bad pad.
        for last in [0u8, 17, 0xff] {
            let mut block = [5u8; 16];
            block[15] = last;
            let ct = encrypt(&key, &iv, &block).unwrap();
            // Keep only the first block: its "padding" is `last`.
            assert_eq!(decrypt(&key, &iv, &ct[..16]), Err(Error::DecryptionFailed), "{last}");
        }
        // Inconsistent padding bytes: ends in 0x02 0x03.
        let mut block = [3u8; 16];
        block[14] = 2;
        let ct = encrypt(&key, &iv, &block).unwrap();
        assert_eq!(decrypt(&key, &iv, &ct[..16]), Err(Error::DecryptionFailed));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn prop_round_trip(
            key_len in prop_oneof![Just(16usize), Just(24), Just(32)],
            iv: [u8; 16],
            pt in proptest::collection::vec(any::<u8>(), 0..200),
        ) {
            let key = vec![0x5a; key_len];
            let ct = encrypt(&key, &iv, &pt).unwrap();
            prop_assert_eq!(ct.len(), (pt.len() / 16 + 1) * 16);
            prop_assert_eq!(decrypt(&key, &iv, &ct).unwrap(), pt);
        }
    }
}
