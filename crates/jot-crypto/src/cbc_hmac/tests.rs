//! Unit tests of `crate::cbc_hmac`: round trips and every rejection path.

use super::*;
use proptest::prelude::*;

const ALL: [CbcHmac; 3] = [CbcHmac::A128CbcHs256, CbcHmac::A192CbcHs384, CbcHmac::A256CbcHs512];

#[test]
fn parameters() {
    for (enc, key, tag, sha) in [
        (CbcHmac::A128CbcHs256, 32, 16, ShaAlg::Sha256),
        (CbcHmac::A192CbcHs384, 48, 24, ShaAlg::Sha384),
        (CbcHmac::A256CbcHs512, 64, 32, ShaAlg::Sha512),
    ] {
        assert_eq!((enc.key_len(), enc.tag_len(), enc.sha()), (key, tag, sha));
        assert_eq!(enc.encryption().key_len(), key);
        assert_eq!(CbcHmac::try_from(enc.encryption()), Ok(enc));
    }
    for gcm in [JweEncryption::A128Gcm, JweEncryption::A192Gcm, JweEncryption::A256Gcm] {
        assert_eq!(CbcHmac::from_encryption(gcm), None);
        assert_eq!(CbcHmac::try_from(gcm), Err(Error::Unsupported));
    }
}

#[test]
fn round_trip_and_tag_length() {
    for enc in ALL {
        let key = vec![0x33; enc.key_len()];
        let (ct, tag) = encrypt(enc, &key, &[1; 16], b"aad", b"plaintext").unwrap();
        assert_eq!(tag.len(), enc.tag_len());
        assert_eq!(ct.len(), 16);
        assert_eq!(decrypt(enc, &key, &[1; 16], b"aad", &ct, &tag).unwrap(), b"plaintext");
    }
}

#[test]
fn wrong_key_length_is_invalid_length() {
    for enc in ALL {
        for len in [0, 16, 24, 31, 33, 47, 49, 63, 65, 128] {
            if len == enc.key_len() {
                continue;
            }
            let key = vec![0; len];
            assert_eq!(encrypt(enc, &key, &[0; 16], b"", b"x"), Err(Error::InvalidLength));
            assert_eq!(decrypt(enc, &key, &[0; 16], b"", &[0; 16], &vec![0; enc.tag_len()]), Err(Error::InvalidLength));
        }
    }
}

#[test]
fn wrong_iv_length_is_invalid_length() {
    for enc in ALL {
        let key = vec![0; enc.key_len()];
        for iv_len in [0, 12, 15, 17] {
            let iv = vec![0; iv_len];
            assert_eq!(encrypt(enc, &key, &iv, b"", b"x"), Err(Error::InvalidLength));
            assert_eq!(decrypt(enc, &key, &iv, b"", &[0; 16], &vec![0; enc.tag_len()]), Err(Error::InvalidLength));
        }
    }
}

#[test]
fn every_tamper_is_decryption_failed() {
    for enc in ALL {
        let key: Vec<u8> = (0..enc.key_len() as u8).collect();
        let iv = [7u8; 16];
        let (ct, tag) = encrypt(enc, &key, &iv, b"header", b"a longer plaintext, two blocks").unwrap();
        let fail = |iv: &[u8], aad: &[u8], ct: &[u8], tag: &[u8]| {
            assert_eq!(decrypt(enc, &key, iv, aad, ct, tag), Err(Error::DecryptionFailed));
        };
        // Truncated tag (a prefix of the right tag is not accepted),
        // extended tag, empty tag, flipped tag byte.
        fail(&iv, b"header", &ct, &tag[..tag.len() - 1]);
        fail(&iv, b"header", &ct, &tag[..8]);
        fail(&iv, b"header", &ct, &[]);
        let mut long = tag.clone();
        long.push(0);
        fail(&iv, b"header", &ct, &long);
        for i in 0..tag.len() {
            let mut t = tag.clone();
            t[i] ^= 0x40;
            fail(&iv, b"header", &ct, &t);
        }
        // Ciphertext, IV and AAD are all covered by the MAC.
        for i in 0..ct.len() {
            let mut c = ct.clone();
            c[i] ^= 1;
            fail(&iv, b"header", &c, &tag);
        }
        let mut iv2 = iv;
        iv2[0] ^= 1;
        fail(&iv2, b"header", &ct, &tag);
        fail(&iv, b"headeR", &ct, &tag);
        fail(&iv, b"", &ct, &tag);
        // Truncated and empty ciphertext.
        fail(&iv, b"header", &ct[..16], &tag);
        fail(&iv, b"header", &ct[..ct.len() - 1], &tag);
        fail(&iv, b"header", &[], &tag);
    }
}

#[test]
fn bad_padding_under_a_valid_tag_is_decryption_failed() {
    // An authentic ciphertext whose padding is wrong (built by encrypting
    // raw blocks and MACing them ourselves) still fails opaquely.
    let enc = CbcHmac::A128CbcHs256;
    let key = [9u8; 32];
    let (mac_key, enc_key) = key.split_at(16);
    let iv = [0u8; 16];
    let padded = aes_cbc::encrypt(enc_key, &iv, &[0u8; 16]).unwrap();
    let ct = &padded[..16]; // plaintext block of zeros: pad byte 0
    let al = aad_bits(b"").unwrap();
    let full = HmacKey::new(ShaAlg::Sha256, mac_key).sign_parts(&[b"", &iv, ct, &al]);
    let tag = &full.as_ref()[..16];
    assert_eq!(decrypt(enc, &key, &iv, b"", ct, tag), Err(Error::DecryptionFailed));
}

#[test]
fn aad_length_is_in_bits() {
    assert_eq!(aad_bits(&[0; 3]).unwrap(), [0, 0, 0, 0, 0, 0, 0, 24]);
    assert_eq!(aad_bits(&[0; 1000]).unwrap(), 8000u64.to_be_bytes());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn prop_round_trip(
        enc_idx in 0usize..3,
        key_byte: u8,
        iv: [u8; 16],
        aad in proptest::collection::vec(any::<u8>(), 0..80),
        pt in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let enc = ALL[enc_idx];
        let key = vec![key_byte; enc.key_len()];
        let (ct, tag) = encrypt(enc, &key, &iv, &aad, &pt).unwrap();
        prop_assert_eq!(decrypt(enc, &key, &iv, &aad, &ct, &tag).unwrap(), pt);
        let mut aad2 = aad.clone();
        aad2.push(1);
        prop_assert_eq!(decrypt(enc, &key, &iv, &aad2, &ct, &tag), Err(Error::DecryptionFailed));
    }
}
