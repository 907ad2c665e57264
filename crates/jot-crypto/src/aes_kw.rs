//! AES Key Wrap (RFC 3394), for A128KW/A192KW/A256KW and as the second
//! step of ECDH-ES+A*KW and PBES2 (RFC 7518 section 4.4).
//!
//! Runs on the provider (AWS-LC, or RustCrypto's `aes-kw`, whose key
//! schedule is zeroized on drop).

use jot_core::Secret;
use zeroize::Zeroizing;

use crate::{Error, provider};

/// The RFC 3394 integrity block length: a wrapped key is this much longer
/// than the key.
pub const OVERHEAD: usize = 8;

/// The shortest key RFC 3394 wraps (two 64-bit blocks).
const MIN_KEY_LEN: usize = 16;

/// Wraps `key` under the key-encryption key `kek`.
///
/// `kek` is 16, 24 or 32 bytes; `key` a multiple of 8 bytes and at least
/// 16; otherwise [`Error::InvalidLength`]. The output is `key.len() + 8`
/// bytes.
///
/// ```
/// use jot_crypto::aes_kw;
///
/// let kek = [0x11; 16];
/// let cek = [0x22; 32];
/// let wrapped = aes_kw::wrap(&kek, &cek)?;
/// assert_eq!(wrapped.len(), 40);
/// assert_eq!(aes_kw::unwrap(&kek, &wrapped)?.expose(), &cek);
/// # Ok::<(), jot_crypto::Error>(())
/// ```
pub fn wrap(kek: &[u8], key: &[u8]) -> Result<Vec<u8>, Error> {
    check_kek(kek)?;
    if key.len() < MIN_KEY_LEN || !key.len().is_multiple_of(8) {
        return Err(Error::InvalidLength);
    }
    let out_len = key.len().checked_add(OVERHEAD).ok_or(Error::InvalidLength)?;
    let mut out = vec![0u8; out_len];
    provider::aes_kw::wrap(kek, key, &mut out)?;
    Ok(out)
}

/// Unwraps `wrapped` under `kek` and checks the RFC 3394 integrity value.
///
/// A `kek` that is not 16, 24 or 32 bytes is [`Error::InvalidLength`]. A
/// `wrapped` input that is not a multiple of 8 bytes, shorter than 24 bytes
/// (a 16-byte key), or that fails the integrity check is
/// [`Error::DecryptionFailed`], with no detail.
pub fn unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Secret, Error> {
    check_kek(kek)?;
    if wrapped.len() < MIN_KEY_LEN + OVERHEAD || !wrapped.len().is_multiple_of(8) {
        return Err(Error::DecryptionFailed);
    }
    let out_len = wrapped.len().checked_sub(OVERHEAD).ok_or(Error::DecryptionFailed)?;
    // Zeroized on every path; on success the allocation moves into the
    // returned Secret without a copy.
    let mut buf = Zeroizing::new(vec![0u8; out_len]);
    provider::aes_kw::unwrap(kek, wrapped, &mut buf)?;
    Ok(Secret::new(core::mem::take(&mut *buf)))
}

fn check_kek(kek: &[u8]) -> Result<(), Error> {
    if matches!(kek.len(), 16 | 24 | 32) { Ok(()) } else { Err(Error::InvalidLength) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3394_4_1_kat() {
        // RFC 3394 section 4.1: 128-bit key data with a 128-bit KEK.
        let kek: Vec<u8> = (0u8..16).collect();
        let key: Vec<u8> = (0u8..16).map(|i| i * 0x11).collect();
        let wrapped = wrap(&kek, &key).unwrap();
        let hex: String = wrapped.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(hex, "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");
        assert_eq!(unwrap(&kek, &wrapped).unwrap().expose(), &key[..]);
    }

    #[test]
    fn round_trip_every_kek_size() {
        for kek_len in [16, 24, 32] {
            let kek = vec![0xA5; kek_len];
            for key_len in [16, 24, 32, 40, 64, 512] {
                let key: Vec<u8> = (0..key_len).map(|i| (i % 251) as u8).collect();
                let wrapped = wrap(&kek, &key).unwrap();
                assert_eq!(wrapped.len(), key_len + OVERHEAD);
                assert_eq!(unwrap(&kek, &wrapped).unwrap().expose(), &key[..]);
            }
        }
    }

    #[test]
    fn wrong_kek_length_is_invalid_length() {
        for len in [0, 8, 15, 17, 20, 31, 33, 64] {
            let kek = vec![0; len];
            assert_eq!(wrap(&kek, &[0; 16]), Err(Error::InvalidLength));
            assert_eq!(unwrap(&kek, &[0; 24]), Err(Error::InvalidLength));
        }
    }

    #[test]
    fn key_to_wrap_of_bad_length_is_invalid_length() {
        for len in [0, 1, 7, 8, 9, 15, 17, 23, 31, 33] {
            assert_eq!(wrap(&[0; 16], &vec![1; len]), Err(Error::InvalidLength), "{len}");
        }
    }

    #[test]
    fn wrapped_input_of_bad_length_is_decryption_failed() {
        for len in [0, 1, 8, 15, 16, 17, 23, 25, 31, 33] {
            assert_eq!(unwrap(&[0; 16], &vec![1; len]), Err(Error::DecryptionFailed), "{len}");
        }
    }

    #[test]
    fn tampering_is_decryption_failed() {
        let kek = [7; 32];
        let wrapped = wrap(&kek, &[9; 32]).unwrap();
        for i in 0..wrapped.len() {
            let mut bad = wrapped.clone();
            bad[i] ^= 0x01;
            assert_eq!(unwrap(&kek, &bad), Err(Error::DecryptionFailed), "byte {i}");
        }
        assert_eq!(unwrap(&[8; 32], &wrapped), Err(Error::DecryptionFailed));
        // Dropping a block breaks the integrity value.
        assert_eq!(unwrap(&kek, &wrapped[..32]), Err(Error::DecryptionFailed));
    }
}
