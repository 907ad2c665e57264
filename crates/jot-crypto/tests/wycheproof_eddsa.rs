//! Wycheproof Ed25519: every test of `ed25519_test.json` (JWS `EdDSA` /
//! `Ed25519`, RFC 8037).
//!
//! A public key our load-time rules refuse (not a point, small order) counts
//! as a rejection for its tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Tally, hex_field, load, wycheproof_tests};
use jot_crypto::Error;
use jot_crypto::okp::Ed25519PublicKey;

#[test]
fn ed25519() {
    let file = "ed25519_test.json";
    let data = load(&format!("wycheproof/{file}"));
    assert_eq!(data["schema"], "eddsa_verify_schema_v1.json");
    let mut tally = Tally::new(file);
    let mut keys_refused = 0;
    for (group, test) in wycheproof_tests(&data) {
        assert_eq!(group["publicKey"]["curve"], "edwards25519");
        let msg = hex_field(test, "msg");
        let sig = hex_field(test, "sig");
        let ok = match Ed25519PublicKey::from_bytes(&hex_field(&group["publicKey"], "pk")) {
            Ok(key) => {
                let result = key.verify(&msg, &sig);
                if let Err(e) = &result {
                    assert_eq!(*e, Error::InvalidSignature, "tcId {}", test["tcId"]);
                }
                result.is_ok()
            }
            Err(Error::KeyRejected(_)) => {
                keys_refused += 1;
                false
            }
            Err(e) => panic!("tcId {}: unexpected {e:?}", test["tcId"]),
        };
        tally.record(test, ok);
    }
    println!("wycheproof {file}: tests whose public key was refused on load: {keys_refused}");
    tally.finish();
}
