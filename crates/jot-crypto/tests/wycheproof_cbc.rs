//! Wycheproof AES-CBC with PKCS#5/7 padding: every test of
//! `aes_cbc_pkcs5_test.json` (the encryption half of A*CBC-HS*).
//!
//! A test succeeds when `decrypt(ct)` gives back `msg`; for valid tests
//! `encrypt(msg)` must also give exactly `ct`. Invalid tests (bad padding)
//! must fail with the opaque `DecryptionFailed`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Expect, Tally, expect, hex_field, load, wycheproof_tests};
use jot_crypto::{Error, aes_cbc};

const FILE: &str = "aes_cbc_pkcs5_test.json";

#[test]
fn aes_cbc_pkcs5() {
    let data = load(&format!("wycheproof/{FILE}"));
    assert_eq!(data["schema"], "ind_cpa_test_schema_v1.json");
    let mut tally = Tally::new(FILE);
    for (group, test) in wycheproof_tests(&data) {
        let id = &test["tcId"];
        let key = hex_field(test, "key");
        let iv = hex_field(test, "iv");
        let msg = hex_field(test, "msg");
        let ct = hex_field(test, "ct");
        assert_eq!(key.len() * 8, usize::try_from(group["keySize"].as_u64().unwrap()).unwrap());
        assert_eq!(iv.len() * 8, usize::try_from(group["ivSize"].as_u64().unwrap()).unwrap());

        let ok = match aes_cbc::decrypt(&key, &iv, &ct) {
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
            assert_eq!(aes_cbc::encrypt(&key, &iv, &msg).unwrap(), ct, "tcId {id}: encryption");
        }
        tally.record(test, ok);
    }
    tally.finish();
}
