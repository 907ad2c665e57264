//! Wycheproof HMAC-SHA-256/384/512: every test of each file.
//!
//! Full-length tags go through `HmacKey::verify`. Truncated tags (groups
//! whose `tagSize` is below the hash size) are not a JOSE feature, so the
//! API has no truncated verify; the test compares the prefix of the
//! computed tag in constant time itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Tally, hex_field, load, wycheproof_tests};
use jot_crypto::hmac::HmacKey;
use jot_crypto::{Error, ShaAlg};
use subtle::ConstantTimeEq;

fn run(file: &str, alg: ShaAlg) {
    let data = load(&format!("wycheproof/{file}"));
    assert_eq!(data["schema"], "mac_test_schema_v1.json");
    let mut tally = Tally::new(file);
    for (group, test) in wycheproof_tests(&data) {
        let tag_bits = group["tagSize"].as_u64().unwrap();
        let tag_len = usize::try_from(tag_bits / 8).unwrap();
        let key = HmacKey::new(alg, &hex_field(test, "key"));
        let msg = hex_field(test, "msg");
        let tag = hex_field(test, "tag");
        let ok = if tag_len == alg.output_len() {
            let verified = key.verify(&msg, &tag);
            if let Err(e) = &verified {
                assert_eq!(*e, Error::InvalidSignature, "tcId {}", test["tcId"]);
            } else {
                // A tag that verifies is exactly what `sign` computes.
                assert_eq!(key.sign(&msg).as_ref(), &tag[..], "tcId {}", test["tcId"]);
            }
            verified.is_ok()
        } else {
            let computed = key.sign(&msg);
            let prefix = &computed.as_ref()[..tag_len];
            tag.len() == tag_len && bool::from(prefix.ct_eq(&tag))
        };
        tally.record(test, ok);
    }
    tally.finish();
}

#[test]
fn hmac_sha256() {
    run("hmac_sha256_test.json", ShaAlg::Sha256);
}

#[test]
fn hmac_sha384() {
    run("hmac_sha384_test.json", ShaAlg::Sha384);
}

#[test]
fn hmac_sha512() {
    run("hmac_sha512_test.json", ShaAlg::Sha512);
}
