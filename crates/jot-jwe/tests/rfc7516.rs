//! RFC 7516 appendix A: every example JWE decrypts with its key, and the
//! intermediate values that can be recomputed (CEK, key wrap, content
//! encryption) match the ones printed in the RFC. Values come from
//! `vectors/rfc/rfc7516-*.json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption};
use jot_core::base64url;
use jot_crypto::cbc_hmac::{self, CbcHmac};
use jot_crypto::rsa::RsaEncryption;
use jot_crypto::{aes_gcm, aes_kw};
use jot_jwe::{Decrypter, Error};
use jot_jwk::{DecryptionMaterial, Jwk, JwkSet};
use jot_test_support::str_field as s;
use jot_test_support::{json_bytes, load};
use serde_json::Value;

fn jwk(v: &Value) -> Jwk {
    Jwk::from_json(&json_bytes(v)).unwrap()
}

fn b64(v: &Value, name: &str) -> Vec<u8> {
    base64url::decode(s(v, name)).unwrap()
}

fn alg(v: &Value) -> JweAlgorithm {
    JweAlgorithm::from_name(s(v, "alg")).unwrap()
}

fn enc(v: &Value) -> JweEncryption {
    JweEncryption::from_name(s(v, "enc")).unwrap()
}

/// The compact serialization is the five b64u parts the vector lists.
fn check_compact_parts(v: &Value) {
    let joined = ["protected_b64u", "encrypted_key_b64u", "iv_b64u", "ciphertext_b64u", "tag_b64u"]
        .iter()
        .map(|n| s(v, n))
        .collect::<Vec<_>>()
        .join(".");
    assert_eq!(joined, s(v, "compact"));
    assert_eq!(s(v, "aad"), s(v, "protected_b64u"));
}

/// Decrypts `compact` with the vector's key bound to its `alg` and checks
/// the plaintext and the protected header.
fn decrypt_compact_vector(v: &Value) {
    let key = jwk(&v["jwk"]).decrypting_key(alg(v)).unwrap();
    let out = Decrypter::new(key, &[enc(v)]).decrypt_compact(s(v, "compact")).unwrap();
    assert_eq!(out.plaintext(), s(v, "plaintext").as_bytes());
    assert_eq!(out.recipient_index(), 0);
    assert_eq!(out.header().alg(), alg(v));
    assert_eq!(out.header().enc(), enc(v));
    assert_eq!(out.header().zip(), None);
    let header: Value = serde_json::from_str(s(v, "protected_header")).unwrap();
    assert_eq!(out.header().protected().to_json(), serde_json::to_string(&header).unwrap());
}

fn rsa_cek(v: &Value, padding: RsaEncryption) -> Vec<u8> {
    let key = jwk(&v["jwk"]).decrypting_key(alg(v)).unwrap();
    let DecryptionMaterial::Rsa(private) = key.material() else { panic!("not an RSA key") };
    private.decrypt(padding, &b64(v, "encrypted_key_b64u")).unwrap().expose().to_vec()
}

#[test]
fn a1_rsa_oaep_a256gcm() {
    let v = load("rfc/rfc7516-a1-rsa-oaep-a256gcm.json");
    assert_eq!(alg(&v), JweAlgorithm::RsaOaep);
    assert_eq!(enc(&v), JweEncryption::A256Gcm);
    check_compact_parts(&v);
    decrypt_compact_vector(&v);

    // Intermediate values: the CEK under RSA-OAEP, then AES-256-GCM.
    let cek = rsa_cek(&v, RsaEncryption::OaepSha1);
    assert_eq!(cek, b64(&v, "cek_b64u"));
    let (ct, tag) =
        aes_gcm::encrypt(&cek, &b64(&v, "iv_b64u"), s(&v, "aad").as_bytes(), s(&v, "plaintext").as_bytes()).unwrap();
    assert_eq!(ct, b64(&v, "ciphertext_b64u"));
    assert_eq!(tag.to_vec(), b64(&v, "tag_b64u"));
}

#[test]
fn a2_rsa1_5_a128cbc_hs256_with_key_bound_to_rsa1_5() {
    let v = load("rfc/rfc7516-a2-rsa1_5-a128cbc-hs256.json");
    assert_eq!(alg(&v), JweAlgorithm::Rsa1_5);
    assert_eq!(enc(&v), JweEncryption::A128CbcHs256);
    check_compact_parts(&v);
    // RSA1_5 is legacy: the caller names it when binding the key.
    let key = jwk(&v["jwk"]).decrypting_key(JweAlgorithm::Rsa1_5).unwrap();
    let out = Decrypter::new(key, &[JweEncryption::A128CbcHs256]).decrypt_compact(s(&v, "compact")).unwrap();
    assert_eq!(out.plaintext(), s(&v, "plaintext").as_bytes());
    decrypt_compact_vector(&v);

    let cek = rsa_cek(&v, RsaEncryption::Pkcs1v15);
    assert_eq!(cek, b64(&v, "cek_b64u"));
    let (ct, tag) = cbc_hmac::encrypt(
        CbcHmac::A128CbcHs256,
        &cek,
        &b64(&v, "iv_b64u"),
        s(&v, "aad").as_bytes(),
        s(&v, "plaintext").as_bytes(),
    )
    .unwrap();
    assert_eq!(ct, b64(&v, "ciphertext_b64u"));
    assert_eq!(tag, b64(&v, "tag_b64u"));
}

#[test]
fn a2_is_refused_when_the_key_is_bound_to_rsa_oaep() {
    let v = load("rfc/rfc7516-a2-rsa1_5-a128cbc-hs256.json");
    let key = jwk(&v["jwk"]).decrypting_key(JweAlgorithm::RsaOaep).unwrap();
    let err = Decrypter::new(key, &[JweEncryption::A128CbcHs256]).decrypt_compact(s(&v, "compact")).unwrap_err();
    assert_eq!(err, Error::AlgorithmNotAllowed);
}

#[test]
fn a3_a128kw_a128cbc_hs256_every_intermediate_value() {
    let v = load("rfc/rfc7516-a3-a128kw-a128cbc-hs256.json");
    assert_eq!(v["deterministic_encryption"], Value::Bool(true));
    assert_eq!(alg(&v), JweAlgorithm::A128Kw);
    assert_eq!(enc(&v), JweEncryption::A128CbcHs256);
    check_compact_parts(&v);
    assert_eq!(base64url::encode(s(&v, "protected_header")), s(&v, "protected_b64u"));
    decrypt_compact_vector(&v);

    // The CEK unwraps to cek_b64u and wraps back to the encrypted key.
    let kek = base64url::decode(s(&v["jwk"], "k")).unwrap();
    let cek = aes_kw::unwrap(&kek, &b64(&v, "encrypted_key_b64u")).unwrap();
    assert_eq!(cek.expose(), b64(&v, "cek_b64u"));
    assert_eq!(aes_kw::wrap(&kek, cek.expose()).unwrap(), b64(&v, "encrypted_key_b64u"));

    // Content encryption with that CEK and IV reproduces ciphertext and tag.
    let (ct, tag) = cbc_hmac::encrypt(
        CbcHmac::A128CbcHs256,
        cek.expose(),
        &b64(&v, "iv_b64u"),
        s(&v, "aad").as_bytes(),
        s(&v, "plaintext").as_bytes(),
    )
    .unwrap();
    assert_eq!(ct, b64(&v, "ciphertext_b64u"));
    assert_eq!(tag, b64(&v, "tag_b64u"));
}

#[test]
fn a3_needs_its_enc_accepted() {
    let v = load("rfc/rfc7516-a3-a128kw-a128cbc-hs256.json");
    let key = jwk(&v["jwk"]).decrypting_key(JweAlgorithm::A128Kw).unwrap();
    let err = Decrypter::new(key, &[JweEncryption::A128Gcm]).decrypt_compact(s(&v, "compact")).unwrap_err();
    assert_eq!(err, Error::AlgorithmNotAllowed);
}

#[test]
fn a4_general_json_each_recipient() {
    let v = load("rfc/rfc7516-a4-general-json.json");
    let doc = s(&v, "json_serialization");
    let recipients = v["recipients"].as_array().unwrap();
    assert_eq!(recipients.len(), 2);
    let parsed: Value = serde_json::from_str(doc).unwrap();
    assert_eq!(base64url::decode(parsed["protected"].as_str().unwrap()).unwrap(), s(&v, "protected_header").as_bytes());

    for (i, r) in recipients.iter().enumerate() {
        let a = alg(&r["header"]);
        let key = jwk(&r["jwk"]).decrypting_key(a).unwrap();
        let out = Decrypter::new(key, &[enc(&v)]).decrypt_json(doc.as_bytes()).unwrap();
        assert_eq!(out.plaintext(), s(&v, "plaintext").as_bytes(), "recipient {i}");
        assert_eq!(out.recipient_index(), i);
        assert_eq!(out.header().alg(), a);
        assert_eq!(out.header().kid(), r["header"]["kid"].as_str());
        // The shared unprotected header is reported, unprotected.
        let shared: Value = serde_json::from_str(&out.header().shared_unprotected().to_json()).unwrap();
        assert_eq!(shared, v["unprotected"]);
        let own: Value = serde_json::from_str(&out.header().recipient_unprotected().to_json()).unwrap();
        assert_eq!(own, r["header"]);
    }
}

#[test]
fn a4_general_json_from_a_key_set() {
    let v = load("rfc/rfc7516-a4-general-json.json");
    let keys = v["recipients"].as_array().unwrap().iter().map(|r| jwk(&r["jwk"])).collect();
    // An RSA key and an AES key: a mixed set, so bound key by key (a set
    // mixing secrets and key pairs is refused: tests/attacks.rs).
    let keys: Vec<Jwk> = keys;
    let bind = |algs: &[JweAlgorithm]| {
        let bound = keys.iter().flat_map(|k| algs.iter().filter_map(|&a| k.decrypting_key(a).ok())).collect();
        Decrypter::with_keys(bound, &[enc(&v)])
    };
    assert_eq!(
        Decrypter::from_jwk_set(&JwkSet::from_keys(keys.clone()), &[JweAlgorithm::A128Kw], &[enc(&v)]).unwrap_err(),
        jot_jwe::Error::Key(jot_jwk::Error::MixedKeySet)
    );
    let decrypter = bind(&[JweAlgorithm::Rsa1_5, JweAlgorithm::A128Kw]);
    let out = decrypter.decrypt_json(s(&v, "json_serialization").as_bytes()).unwrap();
    assert_eq!(out.plaintext(), s(&v, "plaintext").as_bytes());
    assert_eq!(out.recipient_index(), 0);

    // Without RSA1_5 named, the A128KW recipient (index 1) decrypts.
    let decrypter = bind(&[JweAlgorithm::A128Kw]);
    let out = decrypter.decrypt_json(s(&v, "json_serialization").as_bytes()).unwrap();
    assert_eq!(out.recipient_index(), 1);
}

#[test]
fn a4_cek_is_the_one_printed() {
    let v = load("rfc/rfc7516-a4-general-json.json");
    let doc: Value = serde_json::from_str(s(&v, "json_serialization")).unwrap();
    let r = &v["recipients"][1];
    assert_eq!(alg(&r["header"]), JweAlgorithm::A128Kw);
    let kek = base64url::decode(s(&r["jwk"], "k")).unwrap();
    let ek = base64url::decode(doc["recipients"][1]["encrypted_key"].as_str().unwrap()).unwrap();
    assert_eq!(aes_kw::unwrap(&kek, &ek).unwrap().expose(), b64(&v, "cek_b64u"));
}

#[test]
fn a5_flattened_json() {
    let v = load("rfc/rfc7516-a5-flattened-json.json");
    let doc = s(&v, "json_serialization");
    let parsed: Value = serde_json::from_str(doc).unwrap();
    assert!(parsed.get("recipients").is_none(), "flattened form");
    let key = jwk(&v["jwk"]).decrypting_key(alg(&v)).unwrap();
    let out = Decrypter::new(key, &[enc(&v)]).decrypt_json(doc.as_bytes()).unwrap();
    assert_eq!(out.plaintext(), s(&v, "plaintext").as_bytes());
    assert_eq!(out.recipient_index(), 0);
    assert_eq!(out.header().alg(), JweAlgorithm::A128Kw);
    assert_eq!(out.header().enc(), JweEncryption::A128CbcHs256);
}

#[test]
fn compact_vectors_are_not_json_and_json_vectors_are_not_compact() {
    let a3 = load("rfc/rfc7516-a3-a128kw-a128cbc-hs256.json");
    let a5 = load("rfc/rfc7516-a5-flattened-json.json");
    let key = jwk(&a3["jwk"]).decrypting_key(JweAlgorithm::A128Kw).unwrap();
    let d = Decrypter::new(key, &[JweEncryption::A128CbcHs256]);
    assert!(matches!(d.decrypt_json(s(&a3, "compact").as_bytes()), Err(Error::Json(..))));
    assert!(matches!(d.decrypt_compact(s(&a5, "json_serialization")), Err(Error::Malformed(_))));
}
