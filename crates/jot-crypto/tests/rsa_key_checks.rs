//! RSA keys refused at load (issue 14): moduli with the ROCA fingerprint
//! (CVE-2017-15361), private keys whose p or q is composite or whose p * q
//! is not n. Vectors: `vectors/roca/` (the ROCA detection tool's own test
//! moduli, and keys made by `make_constructed.py`); see its README.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::base64url;
use jot_crypto::rsa::{RsaPrivateComponents, RsaPrivateKey, RsaPublicKey, has_roca_fingerprint};
use jot_crypto::{Error, KeyRejected};
use jot_test_support::load;
use serde_json::Value;

const E: &[u8] = &[1, 0, 1];

fn hex(s: &str) -> Vec<u8> {
    let s = if s.len() % 2 == 1 { format!("0{s}") } else { s.to_owned() };
    hex::decode(s).unwrap()
}

fn b64(jwk: &Value, member: &str) -> Vec<u8> {
    base64url::decode(jwk[member].as_str().unwrap()).unwrap()
}

fn private_key(jwk: &Value) -> Result<RsaPrivateKey, Error> {
    let [n, e, d, p, q, dp, dq, qi] = ["n", "e", "d", "p", "q", "dp", "dq", "qi"].map(|m| b64(jwk, m));
    RsaPrivateKey::from_components(&RsaPrivateComponents {
        n: &n,
        e: &e,
        d: &d,
        p: &p,
        q: &q,
        dp: &dp,
        dq: &dq,
        qi: &qi,
    })
}

const ROCA: Error = Error::KeyRejected(KeyRejected::RocaFingerprint);

#[test]
fn the_detection_tools_moduli() {
    let v = load("roca/upstream_moduli.json");
    let group = |name: &str| {
        v[name]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["file"].as_str().unwrap(), hex(m["n_hex"].as_str().unwrap())))
            .collect::<Vec<_>>()
    };
    let marked = group("fingerprinted");
    assert_eq!(marked.len(), 5);
    for (file, n) in &marked {
        assert!(has_roca_fingerprint(n), "{file}");
        // Key sizes jot accepts are refused at load, with this reason.
        if (2048..=16384).contains(&(n.len() * 8)) {
            assert_eq!(RsaPublicKey::from_components(n, E).unwrap_err(), ROCA, "{file}");
        }
    }
    // mod06 and mod07 are mod03 with one digit changed: the fingerprint goes.
    let clean = group("not_fingerprinted");
    assert_eq!(clean.len(), 4);
    for (file, n) in &clean {
        assert!(!has_roca_fingerprint(n), "{file}");
        RsaPublicKey::from_components(n, E).unwrap();
    }
    // Made to pass the per-prime test without the vulnerable structure (the
    // tool's dlog detector clears them); jot, which runs the per-prime
    // test, flags them, as the published moduli detector does.
    for (file, n) in group("fingerprinted_by_the_prime_test_only") {
        assert!(has_roca_fingerprint(&n), "{file}");
    }
}

#[test]
fn a_constructed_roca_key_is_refused_public_and_private() {
    let v = load("roca/constructed.json");
    let jwk = &v["roca_2048"]["jwk"];
    let n = b64(jwk, "n");
    assert_eq!(n.len(), 256);
    assert!(has_roca_fingerprint(&n));
    assert_eq!(RsaPublicKey::from_components(&n, E).unwrap_err(), ROCA);
    assert_eq!(private_key(jwk).unwrap_err(), ROCA);
    // The fingerprint alone (65537^c mod a primorial, not a key) on a size
    // jot accepts.
    let shaped = hex(v["roca_shaped_modulus_4096"]["n_hex"].as_str().unwrap());
    assert_eq!(shaped.len(), 512);
    assert_eq!(RsaPublicKey::from_components(&shaped, E).unwrap_err(), ROCA);
    // One bit away from it, the same number is an ordinary (if unfactored)
    // odd modulus.
    let mut near = shaped.clone();
    near[511] ^= 2;
    assert!(!has_roca_fingerprint(&near));
    RsaPublicKey::from_components(&near, E).unwrap();
}

#[test]
fn a_private_key_with_a_composite_prime_is_refused() {
    let v = load("roca/constructed.json");
    // p is the product of two 512-bit primes; n = p * q and every CRT value
    // agree with d, so only the primality test can tell.
    let jwk = &v["composite_p"]["jwk"];
    RsaPublicKey::from_components(&b64(jwk, "n"), E).unwrap();
    assert_eq!(private_key(jwk).unwrap_err(), Error::KeyRejected(KeyRejected::NotPrime));
    // p * q != n.
    let jwk = &v["mismatched_n"]["jwk"];
    assert_eq!(private_key(jwk).unwrap_err(), Error::KeyRejected(KeyRejected::Inconsistent));
}

/// Every RSA modulus in vectors/ (JWKs, Wycheproof key groups, josekit
/// keys) is free of the fingerprint, but for the ROCA folder's own.
#[test]
fn every_rsa_key_in_the_vectors_passes() {
    fn walk(v: &Value, out: &mut Vec<Vec<u8>>) {
        match v {
            Value::Object(o) => {
                if o.get("kty").and_then(Value::as_str) == Some("RSA")
                    && let Some(n) = o.get("n").and_then(Value::as_str)
                {
                    out.push(base64url::decode(n).unwrap());
                }
                if let Some(m) = o.get("modulus").and_then(Value::as_str) {
                    out.push(hex(m).into_iter().skip_while(|b| *b == 0).collect());
                }
                o.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut moduli = Vec::new();
    let mut dirs = vec![jot_test_support::vectors_dir()];
    let mut files = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("roca") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "json") {
                let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
                walk(&v, &mut moduli);
                files += 1;
            }
        }
    }
    moduli.sort();
    moduli.dedup();
    assert!(files > 50 && moduli.len() > 10, "{files} files, {} moduli", moduli.len());
    for n in &moduli {
        assert!(!has_roca_fingerprint(n), "a vector modulus of {} bits", n.len() * 8);
    }
    println!("roca: {} distinct RSA moduli in {files} vector files, none fingerprinted", moduli.len());
}

/// Keys from the provider's generator pass the ROCA test and every load
/// check (a hundred from AWS-LC's; ten from the `rsa` crate's, which is
/// slower).
#[test]
fn generated_keys_pass() {
    let count = if jot_crypto::PROVIDER == "rust-crypto" { 10 } else { 100 };
    for i in 0..count {
        let bits = if i % 10 == 9 { 3072 } else { 2048 };
        let key = RsaPrivateKey::generate(bits).unwrap();
        let n = key.public_key().n();
        assert!(!has_roca_fingerprint(n), "key {i}");
        RsaPublicKey::from_components(n, E).unwrap();
    }
}
