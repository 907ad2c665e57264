//! Wycheproof AES-GCM: every test of `aes_gcm_test.json`.
//!
//! JOSE fixes the GCM IV at 96 bits and the tag at 128 bits (RFC 7518
//! sections 4.7 and 5.3), and `jot_crypto::aes_gcm` refuses anything else.
//! Groups with other sizes are not skipped: each of their tests asserts that
//! the API refuses them with `InvalidLength`, and they are counted on a line
//! of their own.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Expect, Tally, expect, hex_field, load, wycheproof_tests};
use jot_crypto::{Error, aes_gcm};

const FILE: &str = "aes_gcm_test.json";

#[test]
fn aes_gcm() {
    let data = load(&format!("wycheproof/{FILE}"));
    assert_eq!(data["schema"], "aead_test_schema_v1.json");
    let mut tally = Tally::new(FILE);
    let mut not_applicable = 0usize;
    for (group, test) in wycheproof_tests(&data) {
        let id = &test["tcId"];
        let key = hex_field(test, "key");
        let iv = hex_field(test, "iv");
        let aad = hex_field(test, "aad");
        let msg = hex_field(test, "msg");
        let ct = hex_field(test, "ct");
        let tag = hex_field(test, "tag");
        assert_eq!(key.len() * 8, usize::try_from(group["keySize"].as_u64().unwrap()).unwrap());

        if group["ivSize"] != 96 || group["tagSize"] != 128 {
            assert_eq!(iv.len() * 8, usize::try_from(group["ivSize"].as_u64().unwrap()).unwrap());
            assert_eq!(aes_gcm::encrypt(&key, &iv, &aad, &msg), Err(Error::InvalidLength), "tcId {id}");
            assert_eq!(aes_gcm::decrypt(&key, &iv, &aad, &ct, &tag), Err(Error::InvalidLength), "tcId {id}");
            not_applicable += 1;
            continue;
        }

        let opened = aes_gcm::decrypt(&key, &iv, &aad, &ct, &tag);
        let ok = match opened {
            Ok(pt) => {
                assert_eq!(pt, msg, "tcId {id}: decrypted to the wrong plaintext");
                true
            }
            Err(e) => {
                assert_eq!(e, Error::DecryptionFailed, "tcId {id}");
                false
            }
        };
        if expect(test) == Expect::Valid {
            let (c, t) = aes_gcm::encrypt(&key, &iv, &aad, &msg).unwrap();
            assert_eq!((c.as_slice(), &t[..]), (&ct[..], &tag[..]), "tcId {id}: encryption");
            // The in-place variants agree with the allocating ones.
            let mut buf = msg.clone();
            let t2 = aes_gcm::encrypt_in_place(&key, &iv, &aad, &mut buf).unwrap();
            assert_eq!((buf.as_slice(), &t2[..]), (&ct[..], &tag[..]), "tcId {id}: in place");
            aes_gcm::decrypt_in_place(&key, &iv, &aad, &mut buf, &tag).unwrap();
            assert_eq!(buf, msg, "tcId {id}");
            // Tampered with, a valid vector must fail.
            let mut bad_tag = tag.clone();
            bad_tag[15] ^= 1;
            assert_eq!(aes_gcm::decrypt(&key, &iv, &aad, &ct, &bad_tag), Err(Error::DecryptionFailed));
            if !ct.is_empty() {
                let mut bad_ct = ct.clone();
                bad_ct[0] ^= 1;
                assert_eq!(aes_gcm::decrypt(&key, &iv, &aad, &bad_ct, &tag), Err(Error::DecryptionFailed));
            }
        }
        tally.record(test, ok);
    }
    println!("wycheproof {FILE}: not applicable (IV != 96 bits, refused by design): {not_applicable}");
    tally.finish();
}
