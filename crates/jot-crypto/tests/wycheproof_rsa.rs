//! Wycheproof RSA: every test of
//! - `rsa_signature_2048_sha256_test.json` (RSASSA-PKCS1-v1_5 verify, RS256),
//! - `rsa_pss_2048_sha256_mgf1_32_test.json` (RSASSA-PSS verify, PS256),
//! - `rsa_oaep_2048_sha1_mgf1sha1_test.json` and
//!   `rsa_oaep_2048_sha256_mgf1sha256_test.json` (RSAES-OAEP decrypt,
//!   RSA-OAEP and RSA-OAEP-256, labels included),
//! - `rsa_pkcs1_2048_test.json` (RSAES-PKCS1-v1_5 decrypt, RSA1_5).
//!
//! Key components are given as hex two's-complement integers (a leading
//! `00` when the top bit is set); they are converted to the unsigned minimal
//! form a JWK carries. A key our load-time rules refuse counts as a rejection
//! for each of its tests. A decryption succeeds when it returns exactly
//! `msg`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Tally, hex_field, load, wycheproof_tests};
use jot_crypto::Error;
use jot_crypto::rsa::{RsaEncryption, RsaPrivateComponents, RsaPrivateKey, RsaPublicKey, RsaSignature};
use serde_json::Value;

/// A hex two's-complement integer as unsigned minimal big-endian.
fn uint(v: &Value, name: &str) -> Vec<u8> {
    let bytes = hex_field(v, name);
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes[start..].to_vec()
}

fn public_key(group: &Value) -> Result<RsaPublicKey, Error> {
    let pk = &group["publicKey"];
    RsaPublicKey::from_components(&uint(pk, "modulus"), &uint(pk, "publicExponent"))
}

fn private_key(group: &Value) -> Result<RsaPrivateKey, Error> {
    let k = &group["privateKey"];
    let [n, e, d, p, q, dp, dq, qi] =
        ["modulus", "publicExponent", "privateExponent", "prime1", "prime2", "exponent1", "exponent2", "coefficient"]
            .map(|name| uint(k, name));
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

fn pkcs1_scheme(sha: &str) -> Option<RsaSignature> {
    match sha {
        "SHA-256" => Some(RsaSignature::Pkcs1Sha256),
        "SHA-384" => Some(RsaSignature::Pkcs1Sha384),
        "SHA-512" => Some(RsaSignature::Pkcs1Sha512),
        _ => None,
    }
}

/// JWA's PSS: MGF1 with the message hash, salt length = hash length.
fn pss_scheme(group: &Value) -> Option<RsaSignature> {
    let sha = group["sha"].as_str().unwrap();
    let same_mgf = group["mgf"] == "MGF1" && group["mgfSha"].as_str() == Some(sha);
    let scheme = match sha {
        "SHA-256" => RsaSignature::PssSha256,
        "SHA-384" => RsaSignature::PssSha384,
        "SHA-512" => RsaSignature::PssSha512,
        _ => return None,
    };
    let salt_ok = group["sLen"].as_u64() == Some(u64::try_from(scheme.hash().output_len()).unwrap());
    (same_mgf && salt_ok).then_some(scheme)
}

fn oaep_padding(group: &Value) -> Option<RsaEncryption> {
    let sha = group["sha"].as_str().unwrap();
    if group["mgf"] != "MGF1" || group["mgfSha"].as_str() != Some(sha) {
        return None;
    }
    match sha {
        "SHA-1" => Some(RsaEncryption::OaepSha1),
        "SHA-256" => Some(RsaEncryption::OaepSha256),
        "SHA-384" => Some(RsaEncryption::OaepSha384),
        "SHA-512" => Some(RsaEncryption::OaepSha512),
        _ => None,
    }
}

/// Runs a verification file; `scheme` picks the JWA scheme of a group, or
/// `None` when the group's parameters are not one JWA defines (such tests
/// cannot be expressed through the API and are counted apart).
fn run_verify(file: &str, scheme: impl Fn(&Value) -> Option<RsaSignature>) {
    let data = load(&format!("wycheproof/{file}"));
    let mut tally = Tally::new(file);
    let mut not_applicable = 0;
    for (group, test) in wycheproof_tests(&data) {
        let Some(scheme) = scheme(group) else {
            not_applicable += 1;
            continue;
        };
        let ok = match public_key(group) {
            Ok(key) => {
                let result = key.verify(scheme, &hex_field(test, "msg"), &hex_field(test, "sig"));
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
    println!("wycheproof {file}: not applicable: {not_applicable} (hash, MGF or salt length outside JWA)");
    assert_eq!(not_applicable, 0, "every group of this file is a JWA scheme");
    tally.finish();
}

#[test]
fn rsa_pkcs1_sha256_verify() {
    let file = "rsa_signature_2048_sha256_test.json";
    run_verify(file, |g| pkcs1_scheme(g["sha"].as_str().unwrap()));
}

#[test]
fn rsa_pss_sha256_verify() {
    run_verify("rsa_pss_2048_sha256_mgf1_32_test.json", pss_scheme);
}

/// Decrypts every test; `padding` picks the padding of a group.
fn run_decrypt(file: &str, padding: impl Fn(&Value) -> Option<RsaEncryption>) -> (Tally, usize) {
    let data = load(&format!("wycheproof/{file}"));
    let mut tally = Tally::new(file);
    let mut synthetic = 0;
    for (group, test) in wycheproof_tests(&data) {
        let padding = padding(group).expect("every group of these files is a JWA padding");
        let ok = match private_key(group) {
            Ok(key) => {
                let label = if test.get("label").is_some() { hex_field(test, "label") } else { Vec::new() };
                match key.decrypt_with_label(padding, &hex_field(test, "ct"), &label) {
                    Ok(m) if m.expose() == hex_field(test, "msg").as_slice() => true,
                    Ok(_) => {
                        // Implicit rejection (PKCS#1 v1.5 only): a synthetic
                        // message instead of an error.
                        assert_eq!(padding, RsaEncryption::Pkcs1v15, "tcId {}", test["tcId"]);
                        synthetic += 1;
                        false
                    }
                    Err(e) => {
                        assert_eq!(e, Error::DecryptionFailed, "tcId {}", test["tcId"]);
                        false
                    }
                }
            }
            Err(Error::KeyRejected(_)) => false,
            Err(e) => panic!("tcId {}: unexpected {e:?}", test["tcId"]),
        };
        tally.record(test, ok);
    }
    (tally, synthetic)
}

#[test]
fn rsa_oaep_sha1_decrypt() {
    let (tally, _) = run_decrypt("rsa_oaep_2048_sha1_mgf1sha1_test.json", oaep_padding);
    tally.finish();
}

#[test]
fn rsa_oaep_sha256_decrypt() {
    let (tally, _) = run_decrypt("rsa_oaep_2048_sha256_mgf1sha256_test.json", oaep_padding);
    tally.finish();
}

#[test]
fn rsa_pkcs1_decrypt() {
    let file = "rsa_pkcs1_2048_test.json";
    let (tally, synthetic) = run_decrypt(file, |_| Some(RsaEncryption::Pkcs1v15));
    println!(
        "wycheproof {file}: {synthetic} invalid ciphertexts decrypted to a synthetic message (implicit rejection), \
         counted as rejections since they differ from msg"
    );
    tally.finish();
}

/// The public keys of the signature files also encrypt: a round trip through
/// the private keys of the decryption files is covered by the unit tests;
/// here each decryption key decrypts what its own public key encrypts.
#[test]
fn decryption_keys_round_trip() {
    for (file, padding) in [
        ("rsa_oaep_2048_sha1_mgf1sha1_test.json", RsaEncryption::OaepSha1),
        ("rsa_oaep_2048_sha256_mgf1sha256_test.json", RsaEncryption::OaepSha256),
        ("rsa_pkcs1_2048_test.json", RsaEncryption::Pkcs1v15),
    ] {
        let data = load(&format!("wycheproof/{file}"));
        let key = private_key(&data["testGroups"][0]).unwrap();
        let ct = key.public_key().encrypt(padding, b"sixteen byte cek").unwrap();
        assert_eq!(key.decrypt(padding, &ct).unwrap().expose(), b"sixteen byte cek");
        let sig = key.sign(RsaSignature::PssSha256, b"m").unwrap();
        key.public_key().verify(RsaSignature::PssSha256, b"m", &sig).unwrap();
    }
}
