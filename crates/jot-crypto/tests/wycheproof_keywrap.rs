//! Wycheproof AES key wrap (RFC 3394): every test of `aes_wrap_test.json`.
//!
//! A test succeeds when `unwrap(ct)` gives back `msg`; for valid tests
//! `wrap(msg)` must also give exactly `ct`. Keys RFC 3394 cannot wrap
//! (shorter than 16 bytes, not a multiple of 8) must be refused by `wrap`
//! with `InvalidLength`; their `ct` is empty or short and must not unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Expect, Tally, expect, hex_field, load, wycheproof_tests};
use jot_crypto::{Error, aes_kw};

const FILE: &str = "aes_wrap_test.json";

#[test]
fn aes_wrap() {
    let data = load(&format!("wycheproof/{FILE}"));
    assert_eq!(data["schema"], "keywrap_test_schema_v1.json");
    let mut tally = Tally::new(FILE);
    for (group, test) in wycheproof_tests(&data) {
        let id = &test["tcId"];
        let kek = hex_field(test, "key");
        let msg = hex_field(test, "msg");
        let ct = hex_field(test, "ct");
        assert_eq!(kek.len() * 8, usize::try_from(group["keySize"].as_u64().unwrap()).unwrap());

        let wrapped = aes_kw::wrap(&kek, &msg);
        if msg.len() < 16 || !msg.len().is_multiple_of(8) {
            assert_eq!(wrapped, Err(Error::InvalidLength), "tcId {id}");
        }
        let ok = match aes_kw::unwrap(&kek, &ct) {
            Ok(key) => {
                assert_eq!(key.expose(), &msg[..], "tcId {id}: unwrapped to the wrong key");
                assert_eq!(wrapped.as_deref(), Ok(&ct[..]), "tcId {id}: wrap does not round-trip");
                true
            }
            Err(e) => {
                assert_eq!(e, Error::DecryptionFailed, "tcId {id}");
                false
            }
        };
        if expect(test) == Expect::Valid {
            assert_eq!(wrapped.as_deref(), Ok(&ct[..]), "tcId {id}: wrap");
            // Tampered with, a valid vector must fail.
            for i in [0, ct.len() / 2, ct.len() - 1] {
                let mut bad = ct.clone();
                bad[i] ^= 0x10;
                assert_eq!(aes_kw::unwrap(&kek, &bad), Err(Error::DecryptionFailed), "tcId {id}");
            }
        }
        tally.record(test, ok);
    }
    tally.finish();
}
