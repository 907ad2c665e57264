//! RFC 7520 ("JOSE Cookbook") sections 5 and 6: every JWE example decrypts
//! in every serialization it is given in (compact, general JSON, flattened
//! JSON) to the example plaintext, with the example key bound to the
//! example algorithm. Values come from `vectors/rfc7520/`.
//!
//! Upstream quirks handled here (see `vectors/README.md`): 5.13's
//! `input.enc` is misspelt, so its content algorithm is read from the
//! example's protected header instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption};
use jot_core::{Secret, base64url};
use jot_crypto::{aes_gcm, aes_kw, kdf};
use jot_jwe::{Decrypter, Error, HeaderError};
use jot_jwk::Jwk;
use jot_test_support::str_field as s;
use jot_test_support::{json_bytes, load};
use serde_json::Value;

fn file(name: &str) -> Value {
    load(&format!("rfc7520/jwe/{name}"))
}

fn b64(v: &Value, name: &str) -> Vec<u8> {
    base64url::decode(s(v, name)).unwrap()
}

fn as_list(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    }
}

/// The example's keys, one per recipient: `input.key` (one or a list) or,
/// for PBES2, the password `input.pwd` as a symmetric JWK.
fn keys(input: &Value) -> Vec<Jwk> {
    match input.get("pwd") {
        Some(pwd) => vec![Jwk::from_secret(Secret::new(pwd.as_str().unwrap().as_bytes().to_vec())).unwrap()],
        None => as_list(&input["key"]).iter().map(|k| Jwk::from_json(&json_bytes(k)).unwrap()).collect(),
    }
}

fn algs(input: &Value) -> Vec<JweAlgorithm> {
    as_list(&input["alg"]).iter().map(|a| JweAlgorithm::from_name(a.as_str().unwrap()).unwrap()).collect()
}

/// `input.enc`, or (5.13, where it is misspelt) `enc` of the protected
/// header the example encrypted with.
fn enc(v: &Value) -> JweEncryption {
    JweEncryption::from_name(s(&v["input"], "enc")).unwrap_or_else(|_| {
        JweEncryption::from_name(s(&v["encrypting_content"]["protected"], "enc")).expect("enc of the protected header")
    })
}

/// Decrypts every output form with every recipient's key and checks the
/// plaintext and the recipient index. Returns how many decryptions ran.
fn decrypt_all_forms(v: &Value) -> usize {
    let input = &v["input"];
    let plaintext = s(input, "plaintext").as_bytes();
    let (keys, algs, enc) = (keys(input), algs(input), enc(v));
    assert_eq!(keys.len(), algs.len());
    let zip = input.get("zip").is_some();
    let output = &v["output"];
    let mut ran = 0;
    for (i, (key, alg)) in keys.iter().zip(&algs).enumerate() {
        let mut decrypter = Decrypter::new(key.decrypting_key(*alg).unwrap(), &[enc]);
        if zip {
            decrypter = decrypter.allow_zip();
        }
        if let Some(compact) = output.get("compact") {
            let out = decrypter.decrypt_compact(compact.as_str().unwrap()).unwrap();
            assert_eq!(out.plaintext(), plaintext, "compact");
            assert_eq!((out.recipient_index(), out.header().alg(), out.header().enc()), (0, *alg, enc));
            ran += 1;
        }
        for form in ["json", "json_flat"] {
            let Some(doc) = output.get(form) else { continue };
            let out = decrypter.decrypt_json(&json_bytes(doc)).unwrap();
            assert_eq!(out.plaintext(), plaintext, "{form}, recipient {i}");
            let index = if doc.get("recipients").is_some() { i } else { 0 };
            assert_eq!((out.recipient_index(), out.header().alg(), out.header().enc()), (index, *alg, enc));
            assert_eq!(out.kid(), key.kid());
            ran += 1;
        }
    }
    assert!(ran > 0);
    ran
}

/// The protected header of the compact form, as JSON.
fn compact_header(v: &Value) -> Value {
    let compact = s(&v["output"], "compact");
    serde_json::from_slice(&base64url::decode(compact.split('.').next().unwrap()).unwrap()).unwrap()
}

#[test]
fn s5_1_rsa1_5_a128cbc_hs256() {
    let v = file("5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json");
    assert_eq!(algs(&v["input"]), [JweAlgorithm::Rsa1_5]);
    assert_eq!(decrypt_all_forms(&v), 3);
}

#[test]
fn s5_2_rsa_oaep_a256gcm() {
    let v = file("5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json");
    assert_eq!((algs(&v["input"])[0], enc(&v)), (JweAlgorithm::RsaOaep, JweEncryption::A256Gcm));
    assert_eq!(decrypt_all_forms(&v), 3);
}

#[test]
fn s5_3_pbes2_hs512_a256kw_a128cbc_hs256() {
    let v = file("5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json");
    assert_eq!(algs(&v["input"]), [JweAlgorithm::Pbes2Hs512A256Kw]);
    assert_eq!(decrypt_all_forms(&v), 3);

    // The header carries the example's salt and count; PBKDF2 over them
    // gives a key that unwraps the example's CEK.
    let ek = &v["encrypting_key"];
    let header = compact_header(&v);
    assert_eq!(header["p2s"], ek["salt"]);
    assert_eq!(header["p2c"], ek["iteration_count"]);
    let mut salt = b"PBES2-HS512+A256KW\0".to_vec();
    salt.extend(b64(ek, "salt"));
    let count = u32::try_from(ek["iteration_count"].as_u64().unwrap()).unwrap();
    let kek = kdf::pbkdf2(jot_core::alg::ShaAlg::Sha512, s(&v["input"], "pwd").as_bytes(), &salt, count, 32).unwrap();
    let cek = aes_kw::unwrap(kek.expose(), &b64(ek, "encrypted_key")).unwrap();
    assert_eq!(cek.expose(), b64(&v["generated"], "cek"));
}

#[test]
fn s5_4_ecdh_es_a128kw_p384_a128gcm() {
    let v = file("5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json");
    assert_eq!(algs(&v["input"]), [JweAlgorithm::EcdhEsA128Kw]);
    assert_eq!(decrypt_all_forms(&v), 3);
    // The epk sent is the public part of the example's ephemeral key.
    let epk = &compact_header(&v)["epk"];
    let eph = &v["encrypting_key"]["epk"];
    assert_eq!((&epk["crv"], &epk["x"], &epk["y"]), (&eph["crv"], &eph["x"], &eph["y"]));
    assert!(epk.get("d").is_none());
}

#[test]
fn s5_5_ecdh_es_direct_p256_a128cbc_hs256() {
    let v = file("5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json");
    assert_eq!(algs(&v["input"]), [JweAlgorithm::EcdhEs]);
    assert_eq!(decrypt_all_forms(&v), 3);
    let epk = &compact_header(&v)["epk"];
    let eph = &v["encrypting_key"]["epk"];
    assert_eq!((&epk["crv"], &epk["x"], &epk["y"]), (&eph["crv"], &eph["x"], &eph["y"]));
    // Direct key agreement: the encrypted key is empty.
    assert_eq!(s(&v["output"], "compact").split('.').nth(1), Some(""));
}

#[test]
fn s5_6_dir_a128gcm() {
    let v = file("5_6.direct_encryption_using_aes-gcm.json");
    assert_eq!(algs(&v["input"]), [JweAlgorithm::Dir]);
    assert_eq!(decrypt_all_forms(&v), 3);
    // The key is the CEK (and its JWK names the content algorithm).
    let c = &v["encrypting_content"];
    let iv = b64(&v["generated"], "iv");
    let aad = s(c, "protected_b64u").as_bytes();
    let pt = aes_gcm::decrypt(&b64(&v["input"]["key"], "k"), &iv, aad, &b64(c, "ciphertext"), &b64(c, "tag")).unwrap();
    assert_eq!(pt, s(&v["input"], "plaintext").as_bytes());
    let key = keys(&v["input"]).remove(0).decrypting_key(JweAlgorithm::Dir).unwrap();
    assert_eq!(key.content_encryption(), Some(JweEncryption::A128Gcm));
}

#[test]
fn s5_7_a256gcmkw_a128cbc_hs256() {
    let v = file("5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json");
    assert_eq!(algs(&v["input"]), [JweAlgorithm::A256GcmKw]);
    assert_eq!(decrypt_all_forms(&v), 3);
    let ek = &v["encrypting_key"];
    let header = compact_header(&v);
    assert_eq!((&header["iv"], &header["tag"]), (&ek["iv"], &ek["tag"]));
    let cek = aes_gcm::decrypt(
        &b64(&v["input"]["key"], "k"),
        &b64(ek, "iv"),
        b"",
        &b64(ek, "encrypted_key"),
        &b64(ek, "tag"),
    )
    .unwrap();
    assert_eq!(cek, b64(&v["generated"], "cek"));
}

#[test]
fn s5_8_a128kw_a128gcm() {
    let v = file("5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json");
    assert_eq!(algs(&v["input"]), [JweAlgorithm::A128Kw]);
    assert_eq!(decrypt_all_forms(&v), 3);
    let cek = aes_kw::unwrap(&b64(&v["input"]["key"], "k"), &b64(&v["encrypting_key"], "encrypted_key")).unwrap();
    assert_eq!(cek.expose(), b64(&v["generated"], "cek"));
}

#[test]
fn s5_9_compressed_content_needs_allow_zip() {
    let v = file("5_9.compressed_content.json");
    assert_eq!(s(&v["input"], "zip"), "DEF");
    assert_eq!(decrypt_all_forms(&v), 3);
    assert_eq!(compact_header(&v)["zip"], "DEF");
    // The compressed plaintext the example encrypted inflates to the plaintext.
    let inflated = miniz_oxide::inflate::decompress_to_vec(&b64(&v["generated"], "plaintext_c")).unwrap();
    assert_eq!(inflated, s(&v["input"], "plaintext").as_bytes());

    // Without allow_zip every form is refused before decryption.
    let key = keys(&v["input"]).remove(0).decrypting_key(JweAlgorithm::A128Kw).unwrap();
    let d = Decrypter::new(key, &[JweEncryption::A128Gcm]);
    let not_enabled = Err(Error::Header(HeaderError::ZipNotEnabled));
    assert_eq!(d.decrypt_compact(s(&v["output"], "compact")).map(|_| ()), not_enabled);
    assert_eq!(d.decrypt_json(&json_bytes(&v["output"]["json"])).map(|_| ()), not_enabled);
    assert_eq!(d.decrypt_json(&json_bytes(&v["output"]["json_flat"])).map(|_| ()), not_enabled);
    let out = d.allow_zip().decrypt_compact(s(&v["output"], "compact")).unwrap();
    assert_eq!(out.header().zip(), Some(jot_core::alg::Compression::Deflate));
}

#[test]
fn s5_10_additional_authenticated_data() {
    let v = file("5_10.including_additional_authentication_data.json");
    assert!(v["output"].get("compact").is_none(), "AAD has no compact form");
    assert_eq!(decrypt_all_forms(&v), 2);
    // `aad` is the base64url of the example's AAD, and it is authenticated.
    let aad = base64url::encode(s(&v["input"], "aad"));
    assert_eq!(aad, s(&v["generated"], "aad_b64u"));
    let key = keys(&v["input"]).remove(0).decrypting_key(JweAlgorithm::A128Kw).unwrap();
    let d = Decrypter::new(key, &[JweEncryption::A128Gcm]);
    for form in ["json", "json_flat"] {
        let doc = &v["output"][form];
        assert_eq!(s(doc, "aad"), aad);
        let mut without = doc.clone();
        without.as_object_mut().unwrap().remove("aad");
        assert_eq!(d.decrypt_json(&json_bytes(&without)).unwrap_err(), Error::DecryptionFailed);
        let mut other = doc.clone();
        other["aad"] = Value::String(base64url::encode(b"some other AAD"));
        assert_eq!(d.decrypt_json(&json_bytes(&other)).unwrap_err(), Error::DecryptionFailed);
    }
}

#[test]
fn s5_11_protecting_specific_header_fields() {
    let v = file("5_11.protecting_specific_header_fields.json");
    assert_eq!(decrypt_all_forms(&v), 2);
    let key = keys(&v["input"]).remove(0).decrypting_key(JweAlgorithm::A128Kw).unwrap();
    let out =
        Decrypter::new(key, &[JweEncryption::A128Gcm]).decrypt_json(&json_bytes(&v["output"]["json_flat"])).unwrap();
    // alg and kid come from the shared unprotected header, enc is protected.
    assert!(out.header().protected().contains_key("enc"));
    assert!(out.header().shared_unprotected().contains_key("alg"));
    assert!(out.header().shared_unprotected().contains_key("kid"));
}

#[test]
fn s5_12_protecting_content_only() {
    let v = file("5_12.protecting_content_only.json");
    for form in ["json", "json_flat"] {
        assert!(v["output"][form].get("protected").is_none(), "no protected header");
    }
    assert_eq!(decrypt_all_forms(&v), 2);
    let key = keys(&v["input"]).remove(0).decrypting_key(JweAlgorithm::A128Kw).unwrap();
    let out =
        Decrypter::new(key, &[JweEncryption::A128Gcm]).decrypt_json(&json_bytes(&v["output"]["json_flat"])).unwrap();
    assert!(out.header().protected().is_empty());
    assert_eq!(out.header().enc(), JweEncryption::A128Gcm);
}

#[test]
fn s5_13_three_recipients_each_key() {
    let v = file("5_13.encrypting_to_multiple_recipients.json");
    // Upstream quirk: input.enc is misspelt; the protected header is right.
    assert!(JweEncryption::from_name(s(&v["input"], "enc")).is_err());
    assert_eq!(enc(&v), JweEncryption::A128CbcHs256);
    assert_eq!(algs(&v["input"]), [JweAlgorithm::Rsa1_5, JweAlgorithm::EcdhEsA256Kw, JweAlgorithm::A256GcmKw]);
    // decrypt_all_forms checks recipient_index() == i for key i.
    assert_eq!(decrypt_all_forms(&v), 3);
    let out = {
        let key = keys(&v["input"]).remove(2).decrypting_key(JweAlgorithm::A256GcmKw).unwrap();
        Decrypter::new(key, &[JweEncryption::A128CbcHs256]).decrypt_json(&json_bytes(&v["output"]["json"])).unwrap()
    };
    assert_eq!(out.header().cty(), Some("text/plain"));
}

#[test]
fn s5_13_all_keys_at_once_use_the_first_recipient() {
    let v = file("5_13.encrypting_to_multiple_recipients.json");
    let bound = keys(&v["input"]).iter().zip(algs(&v["input"])).map(|(k, a)| k.decrypting_key(a).unwrap()).collect();
    let out = Decrypter::with_keys(bound, &[JweEncryption::A128CbcHs256])
        .decrypt_json(&json_bytes(&v["output"]["json"]))
        .unwrap();
    assert_eq!(out.recipient_index(), 0);
    assert_eq!(out.plaintext(), s(&v["input"], "plaintext").as_bytes());
}

#[test]
fn s6_nested_signed_jwt_in_jwe() {
    let v = load("rfc7520/6.nesting_signatures_and_encryption.json");
    let encrypt = &v["encrypt"];
    assert_eq!(decrypt_all_forms(encrypt), 3);
    // The plaintext is the inner signed JWT, in compact form.
    let inner = s(&v["sign"]["output"], "compact");
    assert_eq!(inner.split('.').count(), 3);
    let key = keys(&encrypt["input"]).remove(0).decrypting_key(JweAlgorithm::RsaOaep).unwrap();
    let out = Decrypter::new(key, &[JweEncryption::A128Gcm]).decrypt_compact(s(&encrypt["output"], "compact")).unwrap();
    assert_eq!(out.plaintext(), inner.as_bytes());
    assert_eq!(out.header().cty(), encrypt["encrypting_content"]["protected"]["cty"].as_str());
    assert_eq!(out.header().cty(), Some("JWT"));
}
