//! Wycheproof ECDSA (IEEE P1363 `r || s` signatures, the JWS form) and
//! static ECDH: every test of
//! - `ecdsa_secp256r1_sha256_p1363_test.json` (ES256),
//! - `ecdsa_secp384r1_sha384_p1363_test.json` (ES384),
//! - `ecdsa_secp521r1_sha512_p1363_test.json` (ES512),
//! - `ecdsa_secp256k1_sha256_p1363_test.json` (ES256K, RFC 8812),
//! - `ecdh_secp{256,384,521}r1_ecpoint_test.json` (ECDH-ES; the public key
//!   is a SEC1 point, as a JWK's `x`/`y` give it).
//!
//! A public key our load-time rules refuse (not on the curve, wrong length,
//! bad encoding) counts as a rejection for its test. Private scalars are hex
//! two's-complement integers of varying length; they are brought to the
//! fixed length a JWK `d` has, and a value that does not fit is a rejection.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Tally, hex_field, load, wycheproof_tests};
use jot_crypto::ec::{EcPrivateKey, EcPublicKey};
use jot_crypto::{Curve, Error, KeyRejected};

fn run_ecdsa(file: &str, curve: Curve, sha: &str) {
    let data = load(&format!("wycheproof/{file}"));
    assert_eq!(data["schema"], "ecdsa_p1363_verify_schema_v1.json");
    let mut tally = Tally::new(file);
    for (group, test) in wycheproof_tests(&data) {
        // The JOSE hash of the curve is the only one the API offers; every
        // group of these files uses it.
        assert_eq!(group["sha"], sha);
        let key = EcPublicKey::from_sec1(curve, &hex_field(&group["publicKey"], "uncompressed"));
        let ok = match key {
            Ok(key) => {
                let result = key.verify_ecdsa(&hex_field(test, "msg"), &hex_field(test, "sig"));
                if let Err(e) = &result {
                    assert_eq!(*e, Error::InvalidSignature, "tcId {}", test["tcId"]);
                }
                result.is_ok()
            }
            Err(Error::KeyRejected(_)) => false,
            Err(e) => panic!("tcId {}: unexpected {e:?}", test["tcId"]),
        };
        tally.record(test, ok);
    }
    tally.finish();
}

#[test]
fn ecdsa_p256() {
    run_ecdsa("ecdsa_secp256r1_sha256_p1363_test.json", Curve::P256, "SHA-256");
}

#[test]
fn ecdsa_p384() {
    run_ecdsa("ecdsa_secp384r1_sha384_p1363_test.json", Curve::P384, "SHA-384");
}

#[test]
fn ecdsa_p521() {
    run_ecdsa("ecdsa_secp521r1_sha512_p1363_test.json", Curve::P521, "SHA-512");
}

#[test]
fn ecdsa_secp256k1() {
    run_ecdsa("ecdsa_secp256k1_sha256_p1363_test.json", Curve::Secp256k1, "SHA-256");
}

/// A two's-complement hex integer as a fixed-length scalar, or `None` if it
/// does not fit.
fn scalar(bytes: &[u8], len: usize) -> Option<Vec<u8>> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let value = &bytes[start..];
    let pad = len.checked_sub(value.len())?;
    Some([vec![0; pad], value.to_vec()].concat())
}

fn run_ecdh(file: &str, curve: Curve, name: &str) {
    let data = load(&format!("wycheproof/{file}"));
    assert_eq!(data["schema"], "ecdh_ecpoint_test_schema_v1.json");
    let mut tally = Tally::new(file);
    let mut refused = [0usize; 3];
    for (group, test) in wycheproof_tests(&data) {
        assert_eq!(group["curve"], name);
        let public = EcPublicKey::from_sec1(curve, &hex_field(test, "public"));
        let private = scalar(&hex_field(test, "private"), curve.coordinate_len())
            .ok_or(Error::KeyRejected(KeyRejected::InvalidLength))
            .and_then(|d| EcPrivateKey::from_scalar(curve, &d, None));
        let ok = match (public, private) {
            (Ok(public), Ok(private)) => {
                let z = private.ecdh(&public).unwrap();
                // A computed secret must be the right one, whatever the verdict.
                assert_eq!(z.expose(), hex_field(test, "shared").as_slice(), "tcId {}", test["tcId"]);
                true
            }
            (Err(Error::KeyRejected(r)), _) => {
                refused[match r {
                    KeyRejected::NotOnCurve => 0,
                    KeyRejected::InvalidLength => 1,
                    _ => 2,
                }] += 1;
                false
            }
            (_, Err(e)) => panic!("tcId {}: private key refused: {e:?}", test["tcId"]),
            (Err(e), _) => panic!("tcId {}: unexpected {e:?}", test["tcId"]),
        };
        tally.record(test, ok);
    }
    println!(
        "wycheproof {file}: public keys refused on load: {} not on curve, {} wrong length, {} bad encoding",
        refused[0], refused[1], refused[2]
    );
    tally.finish();
}

#[test]
fn ecdh_p256() {
    run_ecdh("ecdh_secp256r1_ecpoint_test.json", Curve::P256, "secp256r1");
}

#[test]
fn ecdh_p384() {
    run_ecdh("ecdh_secp384r1_ecpoint_test.json", Curve::P384, "secp384r1");
}

#[test]
fn ecdh_p521() {
    run_ecdh("ecdh_secp521r1_ecpoint_test.json", Curve::P521, "secp521r1");
}
