//! Wycheproof X25519: every test of `x25519_test.json` (ECDH-ES with OKP
//! X25519 keys, RFC 8037).
//!
//! A test succeeds when the shared secret equals `shared`. An all-zero
//! shared secret (low-order public keys) is refused with `KeyRejected::Weak`
//! as RFC 8037 section 3.2 and jot's rules require; Wycheproof marks those
//! tests `acceptable`, so either outcome passes, and the refusals are
//! counted below.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Tally, hex_field, load, wycheproof_tests};
use jot_crypto::okp::{X25519PrivateKey, X25519PublicKey};
use jot_crypto::{Error, KeyRejected};

#[test]
fn x25519() {
    let file = "x25519_test.json";
    let data = load(&format!("wycheproof/{file}"));
    assert_eq!(data["schema"], "xdh_comp_schema_v1.json");
    let mut tally = Tally::new(file);
    let mut weak = 0;
    for (group, test) in wycheproof_tests(&data) {
        assert_eq!(group["curve"], "curve25519");
        let public = X25519PublicKey::from_bytes(&hex_field(test, "public"));
        let private = X25519PrivateKey::from_bytes(&hex_field(test, "private"), None);
        let shared = hex_field(test, "shared");
        let ok = match (public, private) {
            (Ok(public), Ok(private)) => match private.diffie_hellman(&public) {
                Ok(z) => {
                    assert_eq!(z.expose(), shared.as_slice(), "tcId {}", test["tcId"]);
                    true
                }
                Err(Error::KeyRejected(KeyRejected::Weak)) => {
                    assert!(shared.iter().all(|&b| b == 0), "tcId {}: refused a non-zero secret", test["tcId"]);
                    weak += 1;
                    false
                }
                Err(e) => panic!("tcId {}: unexpected {e:?}", test["tcId"]),
            },
            (Err(Error::KeyRejected(_)), _) | (_, Err(Error::KeyRejected(_))) => false,
            (Err(e), _) | (_, Err(e)) => panic!("tcId {}: unexpected {e:?}", test["tcId"]),
        };
        tally.record(test, ok);
    }
    println!("wycheproof {file}: all-zero shared secrets refused as Weak: {weak}");
    tally.finish();
}
