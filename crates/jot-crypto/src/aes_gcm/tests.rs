//! Unit tests of `crate::aes_gcm`: round trips and every rejection path.

use super::*;
use proptest::prelude::*;

const KEY_LENS: [usize; 3] = [16, 24, 32];

#[test]
fn round_trip_each_key_size() {
    for len in KEY_LENS {
        let key = vec![len as u8; len];
        let iv = [9u8; IV_LEN];
        let (ct, tag) = encrypt(&key, &iv, b"aad", b"plaintext").unwrap();
        assert_eq!(ct.len(), 9);
        assert_ne!(ct, b"plaintext");
        assert_eq!(decrypt(&key, &iv, b"aad", &ct, &tag).unwrap(), b"plaintext");
    }
}

#[test]
fn empty_plaintext_and_aad() {
    for len in KEY_LENS {
        let key = vec![1; len];
        let (ct, tag) = encrypt(&key, &[0; 12], b"", b"").unwrap();
        assert!(ct.is_empty());
        assert_eq!(decrypt(&key, &[0; 12], b"", &ct, &tag).unwrap(), b"");
    }
}

#[test]
fn wrong_key_length_is_invalid_length() {
    for len in [0, 1, 15, 17, 23, 25, 31, 33, 64] {
        let key = vec![0; len];
        assert_eq!(encrypt(&key, &[0; 12], b"", b"x"), Err(Error::InvalidLength));
        assert_eq!(decrypt(&key, &[0; 12], b"", b"x", &[0; 16]), Err(Error::InvalidLength));
    }
}

#[test]
fn wrong_iv_length_is_invalid_length() {
    for len in KEY_LENS {
        let key = vec![0; len];
        for iv_len in [0, 8, 11, 13, 16, 128] {
            let iv = vec![0; iv_len];
            assert_eq!(encrypt(&key, &iv, b"", b"x"), Err(Error::InvalidLength));
            assert_eq!(decrypt(&key, &iv, b"", b"x", &[0; 16]), Err(Error::InvalidLength));
        }
    }
}

#[test]
fn wrong_tag_length_is_decryption_failed() {
    for len in KEY_LENS {
        let key = vec![3; len];
        let (ct, tag) = encrypt(&key, &[0; 12], b"", b"msg").unwrap();
        for cut in [0, 4, 8, 12, 15] {
            assert_eq!(decrypt(&key, &[0; 12], b"", &ct, &tag[..cut]), Err(Error::DecryptionFailed));
        }
        let mut long = tag.to_vec();
        long.push(0);
        assert_eq!(decrypt(&key, &[0; 12], b"", &ct, &long), Err(Error::DecryptionFailed));
    }
}

#[test]
fn tampering_is_decryption_failed_and_clears_buffer() {
    for len in KEY_LENS {
        let key = vec![5; len];
        let iv = [1; 12];
        let (ct, tag) = encrypt(&key, &iv, b"aad", b"secret message").unwrap();
        let mut bad_tag = tag;
        bad_tag[0] ^= 0x80;
        assert_eq!(decrypt(&key, &iv, b"aad", &ct, &bad_tag), Err(Error::DecryptionFailed));
        let mut bad_ct = ct.clone();
        bad_ct[3] ^= 1;
        assert_eq!(decrypt(&key, &iv, b"aad", &bad_ct, &tag), Err(Error::DecryptionFailed));
        // Truncated ciphertext.
        assert_eq!(decrypt(&key, &iv, b"aad", &ct[..ct.len() - 1], &tag), Err(Error::DecryptionFailed));
        assert_eq!(decrypt(&key, &[2; 12], b"aad", &ct, &tag), Err(Error::DecryptionFailed));
        let mut buf = ct.clone();
        assert_eq!(decrypt_in_place(&key, &iv, b"aaD", &mut buf, &tag), Err(Error::DecryptionFailed));
        assert!(buf.iter().all(|&b| b == 0));
    }
}

#[test]
fn in_place_matches_allocating() {
    for len in KEY_LENS {
        let key = vec![8; len];
        let iv = [4; 12];
        let (ct, tag) = encrypt(&key, &iv, b"a", b"in place").unwrap();
        let mut buf = b"in place".to_vec();
        let tag2 = encrypt_in_place(&key, &iv, b"a", &mut buf).unwrap();
        assert_eq!((&buf, tag2), (&ct, tag));
        decrypt_in_place(&key, &iv, b"a", &mut buf, &tag).unwrap();
        assert_eq!(buf, b"in place");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn prop_round_trip(
        key_idx in 0usize..3,
        key_byte: u8,
        iv: [u8; 12],
        aad in proptest::collection::vec(any::<u8>(), 0..64),
        pt in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let key = vec![key_byte; KEY_LENS[key_idx]];
        let (ct, tag) = encrypt(&key, &iv, &aad, &pt).unwrap();
        prop_assert_eq!(ct.len(), pt.len());
        prop_assert_eq!(decrypt(&key, &iv, &aad, &ct, &tag).unwrap(), pt);
        let mut aad2 = aad.clone();
        aad2.push(0);
        prop_assert_eq!(decrypt(&key, &iv, &aad2, &ct, &tag), Err(Error::DecryptionFailed));
    }
}
