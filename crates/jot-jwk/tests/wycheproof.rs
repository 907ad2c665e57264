//! Wycheproof key-agreement files whose keys come as JWKs or DER: the ECDH
//! primitive reached through jot-jwk's parsing and checks, the way JOSE
//! reaches it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::Secret;
use jot_core::alg::{Curve, JweAlgorithm};
use jot_crypto::ec::EcPrivateKey;
use jot_jwk::pem::DerFormat;
use jot_jwk::{DecryptionMaterial, EncryptionMaterial, Jwk};
use jot_test_support::{Tally, hex_field, json_bytes, load, wycheproof_tests};
use serde_json::Value;

/// ECDH between a private JWK and a public JWK, through key binding.
fn agree(private: &Jwk, public: &Jwk) -> Result<Secret, String> {
    let d = private.decrypting_key(JweAlgorithm::EcdhEs).map_err(|e| e.to_string())?;
    let p = public.encrypting_key(JweAlgorithm::EcdhEs).map_err(|e| e.to_string())?;
    match (d.material(), p.material()) {
        (DecryptionMaterial::Ec(d), EncryptionMaterial::Ec(p)) => d.ecdh(p).map_err(|e| e.to_string()),
        (DecryptionMaterial::X25519(d), EncryptionMaterial::X25519(p)) => {
            d.diffie_hellman(p).map_err(|e| e.to_string())
        }
        _ => Err("material mismatch".into()),
    }
}

fn jwk(v: &Value) -> Result<Jwk, String> {
    Jwk::from_json(&json_bytes(v)).map_err(|e| e.to_string())
}

fn run_jwk_file(file: &str) {
    let data = load(&format!("wycheproof/{file}"));
    let mut tally = Tally::new(file);
    for (_, t) in wycheproof_tests(&data) {
        let shared = hex_field(t, "shared");
        let outcome = jwk(&t["private"]).and_then(|d| jwk(&t["public"]).and_then(|p| agree(&d, &p)));
        let ok = matches!(&outcome, Ok(z) if z.expose() == shared.as_slice());
        tally.record(t, ok);
    }
    tally.finish();
}

#[test]
fn x25519_jwk() {
    run_jwk_file("x25519_jwk_test.json");
}

#[test]
fn ecdh_webcrypto_p256() {
    run_jwk_file("ecdh_secp256r1_webcrypto_test.json");
}

#[test]
fn ecdh_webcrypto_p384() {
    run_jwk_file("ecdh_secp384r1_webcrypto_test.json");
}

#[test]
fn ecdh_webcrypto_p521() {
    run_jwk_file("ecdh_secp521r1_webcrypto_test.json");
}

/// The DER files: the public key is a SubjectPublicKeyInfo, imported with
/// `Jwk::from_der`; the private key is a big-endian integer, brought to the
/// curve's fixed length (the JWK form) by the test.
fn run_der_file(file: &str, curve: Curve) {
    let data = load(&format!("wycheproof/{file}"));
    let mut tally = Tally::new(file);
    let len = curve.coordinate_len();
    for (_, t) in wycheproof_tests(&data) {
        let shared = hex_field(t, "shared");
        let raw = hex_field(t, "private");
        let trimmed: Vec<u8> = raw.iter().copied().skip_while(|b| *b == 0).collect();
        let ok = trimmed.len() <= len && {
            let mut d = vec![0u8; len - trimmed.len()];
            d.extend_from_slice(&trimmed);
            let public = Jwk::from_der(&hex_field(t, "public"), DerFormat::Spki);
            match (EcPrivateKey::from_scalar(curve, &d, None), public) {
                (Ok(d), Ok(p)) => match p.encrypting_key(JweAlgorithm::EcdhEs).map(|k| k.material().clone()) {
                    Ok(EncryptionMaterial::Ec(p)) => d.ecdh(&p).is_ok_and(|z| z.expose() == shared.as_slice()),
                    _ => false,
                },
                _ => false,
            }
        };
        tally.record(t, ok);
    }
    tally.finish();
}

#[test]
fn ecdh_der_p256() {
    run_der_file("ecdh_secp256r1_test.json", Curve::P256);
}

#[test]
fn ecdh_der_p384() {
    run_der_file("ecdh_secp384r1_test.json", Curve::P384);
}

#[test]
fn ecdh_der_p521() {
    run_der_file("ecdh_secp521r1_test.json", Curve::P521);
}
