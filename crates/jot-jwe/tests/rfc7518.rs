//! RFC 7518 appendix C through the JWE decrypter: a JWE with the RFC's
//! protected header (ephemeral key, `apu` "Alice", `apv` "Bob"), its content
//! encrypted with the RFC's derived key, decrypts with Bob's key only if the
//! decrypter runs ECDH and the Concat KDF (with apu and apv) as the RFC
//! does. The KDF itself is tested in jot-crypto; values come from
//! `vectors/rfc/rfc7518-c-ecdh-es.json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption};
use jot_core::{JsonError, base64url};
use jot_crypto::{aes_gcm, rand};
use jot_jwe::{Decrypter, Error, Part};
use jot_jwk::Jwk;
use jot_test_support::{json_bytes, load};
use serde_json::Value;

const PLAINTEXT: &[u8] = b"RFC 7518 appendix C, carried through a JWE";

fn vector() -> Value {
    load("rfc/rfc7518-c-ecdh-es.json")
}

/// A compact JWE with `header` as its protected header and the content
/// encrypted under `cek` with A128GCM.
fn token(header: &Value, cek: &[u8]) -> String {
    let protected = base64url::encode(json_bytes(header));
    let iv: [u8; 12] = rand::array().unwrap();
    let (ct, tag) = aes_gcm::encrypt(cek, &iv, protected.as_bytes(), PLAINTEXT).unwrap();
    format!("{protected}..{}.{}.{}", base64url::encode(iv), base64url::encode(ct), base64url::encode(tag))
}

fn bob(v: &Value) -> Decrypter {
    let alg = JweAlgorithm::from_name(v["alg"].as_str().unwrap()).unwrap();
    let enc = JweEncryption::from_name(v["enc"].as_str().unwrap()).unwrap();
    assert_eq!((alg, enc), (JweAlgorithm::EcdhEs, JweEncryption::A128Gcm));
    let jwk = Jwk::from_json(&json_bytes(&v["bob_jwk"])).unwrap();
    Decrypter::new(jwk.decrypting_key(alg).unwrap(), &[enc])
}

fn derived_key(v: &Value) -> Vec<u8> {
    let key = base64url::decode(v["derived_key_b64u"].as_str().unwrap()).unwrap();
    let octets: Vec<u8> = v["derived_key_octets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| u8::try_from(o.as_u64().unwrap()).unwrap())
        .collect();
    assert_eq!(key, octets);
    key
}

#[test]
fn header_of_the_rfc_decrypts_with_bob() {
    let v = vector();
    let header = &v["protected_header"];
    // The epk is Alice's ephemeral public key; apu and apv are the RFC's.
    for m in ["kty", "crv", "x", "y"] {
        assert_eq!(header["epk"][m], v["alice_ephemeral_jwk"][m]);
    }
    assert_eq!((&header["apu"], &header["apv"]), (&v["apu"], &v["apv"]));
    assert_eq!(base64url::decode(v["apu"].as_str().unwrap()).unwrap(), b"Alice");
    assert_eq!(base64url::decode(v["apv"].as_str().unwrap()).unwrap(), b"Bob");

    let out = bob(&v).decrypt_compact(&token(header, &derived_key(&v))).unwrap();
    assert_eq!(out.plaintext(), PLAINTEXT);
    assert_eq!(out.header().get("apu").and_then(|a| a.as_str()), v["apu"].as_str());
}

#[test]
fn apu_and_apv_enter_the_derivation() {
    let v = vector();
    let key = derived_key(&v);
    // Same epk, without apu/apv (or with them swapped): another key.
    let mut without = v["protected_header"].clone();
    without.as_object_mut().unwrap().remove("apu");
    without.as_object_mut().unwrap().remove("apv");
    let mut swapped = v["protected_header"].clone();
    swapped["apu"] = v["apv"].clone();
    swapped["apv"] = v["apu"].clone();
    for header in [without, swapped] {
        assert_eq!(bob(&v).decrypt_compact(&token(&header, &key)).unwrap_err(), Error::DecryptionFailed);
    }
}

#[test]
fn apu_that_is_not_base64url() {
    let v = vector();
    let mut header = v["protected_header"].clone();
    header["apu"] = Value::String("Alice!".into());
    assert_eq!(
        bob(&v).decrypt_compact(&token(&header, &derived_key(&v))).unwrap_err(),
        Error::Json(Part::ProtectedHeader, JsonError::InvalidValue { member: "apu" })
    );
}

#[test]
fn alice_cannot_decrypt_with_her_ephemeral_key() {
    // The ephemeral private key is not the recipient's key.
    let v = vector();
    let alice = Jwk::from_json(&json_bytes(&v["alice_ephemeral_jwk"])).unwrap();
    let d = Decrypter::new(alice.decrypting_key(JweAlgorithm::EcdhEs).unwrap(), &[JweEncryption::A128Gcm]);
    let t = token(&v["protected_header"], &derived_key(&v));
    assert_eq!(d.decrypt_compact(&t).unwrap_err(), Error::DecryptionFailed);
}
