//! RFC 8037 A.6 (ECDH-ES with X25519), the cookbook's X25519 ECDH-ES
//! example, and RFC 7517 appendix C (a JWK encrypted with PBES2). Values
//! come from `vectors/rfc/` and `vectors/rfc7520/curve25519/`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption, KeyType, ShaAlg};
use jot_core::{Secret, base64url};
use jot_crypto::cbc_hmac::{self, CbcHmac};
use jot_crypto::okp::{X25519PrivateKey, X25519PublicKey};
use jot_crypto::{aes_gcm, aes_kw, kdf, rand};
use jot_jwe::{Decrypter, JweBuilder};
use jot_jwk::Jwk;
use jot_test_support::str_field as s;
use jot_test_support::{hex_field, json_bytes, load};
use serde_json::{Value, json};

fn b64(v: &Value, name: &str) -> Vec<u8> {
    base64url::decode(s(v, name)).unwrap()
}

fn jwk(v: &Value) -> Jwk {
    Jwk::from_json(&json_bytes(v)).unwrap()
}

/// RFC 8037 A.6's Bob as a private JWK: the printed public key with the
/// RFC 7748 private key the vector carries.
fn bob_private(v: &Value) -> Jwk {
    let mut key = v["bob_public_jwk"].clone();
    key["d"] = Value::String(base64url::encode(hex_field(v, "bob_private_key_hex")));
    jwk(&key)
}

#[test]
fn rfc8037_a6_keys_parse_and_match_the_printed_bytes() {
    let v = load("rfc/rfc8037-a6-ecdh-es-x25519.json");
    let epk = jwk(&v["epk_jwk"]);
    assert_eq!(
        (epk.key_type(), epk.curve(), epk.is_private()),
        (KeyType::Okp, Some(jot_core::alg::Curve::X25519), false)
    );
    assert_eq!(b64(&v["epk_jwk"], "x"), hex_field(&v, "ephemeral_public_key_hex"));
    assert_eq!(v["protected_header_json"]["epk"], v["epk_jwk"]);

    let bob = jwk(&v["bob_public_jwk"]);
    assert!(!bob.is_private());
    assert_eq!(b64(&v["bob_public_jwk"], "x"), hex_field(&v, "bob_public_key_hex"));
    // The private key parses together with the printed public key, so they
    // belong together.
    assert!(bob_private(&v).is_private());
    // The epk fits ECDH-ES as a recipient key, and Bob's key binds for both.
    let alg = JweAlgorithm::from_name(s(&v, "alg")).unwrap();
    epk.encrypting_key(alg).unwrap();
    bob.encrypting_key(alg).unwrap();
    bob_private(&v).decrypting_key(alg).unwrap();
}

#[test]
fn rfc8037_a6_shared_secret() {
    let v = load("rfc/rfc8037-a6-ecdh-es-x25519.json");
    let bob_public = X25519PublicKey::from_bytes(&hex_field(&v, "bob_public_key_hex")).unwrap();
    let eph = X25519PrivateKey::from_bytes(&hex_field(&v, "ephemeral_private_key_hex"), None).unwrap();
    assert_eq!(eph.public_key().as_bytes(), hex_field(&v, "ephemeral_public_key_hex"));
    assert_eq!(eph.diffie_hellman(&bob_public).unwrap().expose(), hex_field(&v, "z_hex"));
}

/// Completes the RFC's example past Z: the protected header exactly as the
/// RFC prints it (with its epk), the key-encryption key from the Concat KDF
/// over the RFC's Z, then AES key wrap and A128GCM. jot's decrypter, given
/// only Bob's private key, must recompute the same Z from the header's epk.
#[test]
fn rfc8037_a6_jwe_with_the_printed_epk_decrypts_with_bob() {
    let v = load("rfc/rfc8037-a6-ecdh-es-x25519.json");
    let alg = JweAlgorithm::from_name(s(&v, "alg")).unwrap();
    let enc = JweEncryption::from_name(s(&v, "enc")).unwrap();
    assert_eq!((alg, enc), (JweAlgorithm::EcdhEsA128Kw, JweEncryption::A128Gcm));
    assert_eq!(v["protected_header_json"]["alg"], s(&v, "alg"));
    assert_eq!(v["protected_header_json"]["enc"], s(&v, "enc"));

    let protected = base64url::encode(json_bytes(&v["protected_header_json"]));
    let kek = kdf::concat_kdf(&hex_field(&v, "z_hex"), alg.name().as_bytes(), b"", b"", 16).unwrap();
    let cek = rand::secret(enc.key_len()).unwrap();
    let ek = aes_kw::wrap(kek.expose(), cek.expose()).unwrap();
    let iv: [u8; 12] = rand::array().unwrap();
    let plaintext = b"RFC 8037 A.6, continued past Z";
    let (ct, tag) = aes_gcm::encrypt(cek.expose(), &iv, protected.as_bytes(), plaintext).unwrap();
    let token = [
        protected.clone(),
        base64url::encode(ek),
        base64url::encode(iv),
        base64url::encode(ct),
        base64url::encode(tag),
    ]
    .join(".");

    let out = Decrypter::new(bob_private(&v).decrypting_key(alg).unwrap(), &[enc]).decrypt_compact(&token).unwrap();
    assert_eq!(out.plaintext(), plaintext);
    assert_eq!(out.kid(), Some("Bob"));
    assert_eq!(out.header().kid(), Some("Bob"));
}

#[test]
fn rfc8037_a6_encrypt_to_bob_then_decrypt() {
    let v = load("rfc/rfc8037-a6-ecdh-es-x25519.json");
    let public = jwk(&v["bob_public_jwk"]);
    let private = bob_private(&v);
    let vector_alg = JweAlgorithm::from_name(s(&v, "alg")).unwrap();
    let vector_enc = JweEncryption::from_name(s(&v, "enc")).unwrap();
    for alg in [vector_alg, JweAlgorithm::EcdhEs, JweAlgorithm::EcdhEsA256Kw] {
        let ek = public.encrypting_key(alg).unwrap();
        let token = JweBuilder::new(vector_enc).recipient(&ek).compact(b"to Bob").unwrap();
        let header: Value =
            serde_json::from_slice(&base64url::decode(token.split('.').next().unwrap()).unwrap()).unwrap();
        assert_eq!(header["epk"]["crv"], "X25519");
        assert!(header["epk"].get("d").is_none());
        assert_eq!(header["kid"], "Bob");
        let out = Decrypter::new(private.decrypting_key(alg).unwrap(), &[vector_enc]).decrypt_compact(&token).unwrap();
        assert_eq!(out.plaintext(), b"to Bob");
    }
}

#[test]
fn cookbook_x25519_ecdh_es_decrypts_with_bob() {
    let v = load("rfc7520/curve25519/ecdh-es.json");
    let input = &v["input"];
    let alg = JweAlgorithm::from_name(s(input, "alg")).unwrap();
    let enc = JweEncryption::from_name(s(input, "enc")).unwrap();
    assert_eq!((alg, enc), (JweAlgorithm::EcdhEs, JweEncryption::A128Gcm));
    let d = Decrypter::new(jwk(&input["key"]).decrypting_key(alg).unwrap(), &[enc]);
    let plaintext = s(input, "plaintext").as_bytes();
    let output = &v["output"];
    assert_eq!(d.decrypt_compact(s(output, "compact")).unwrap().plaintext(), plaintext);
    assert_eq!(d.decrypt_json(&json_bytes(&output["json"])).unwrap().plaintext(), plaintext);
    assert_eq!(d.decrypt_json(&json_bytes(&output["json_flat"])).unwrap().plaintext(), plaintext);
}

#[test]
fn cookbook_bob_is_the_rfc8037_bob() {
    let cookbook = load("rfc7520/curve25519/ecdh-es.json");
    let rfc = load("rfc/rfc8037-a6-ecdh-es-x25519.json");
    let key = &cookbook["input"]["key"];
    assert_eq!(key["x"], rfc["bob_public_jwk"]["x"]);
    assert_eq!(b64(key, "d"), hex_field(&rfc, "bob_private_key_hex"));
    // Upstream quirk: the epk listed under encrypting_key is not the one the
    // output was made with (see vectors/README.md), so it is not used.
    let out_header: Value = serde_json::from_slice(&b64(&cookbook["encrypting_content"], "protected_b64u")).unwrap();
    assert_ne!(out_header["epk"]["x"], cookbook["encrypting_key"]["epk"]["x"]);
}

fn rfc7517_c() -> Value {
    load("rfc/rfc7517-c-pbes2-encrypted-rsa-key.json")
}

fn password(v: &Value) -> Jwk {
    Jwk::from_secret(Secret::new(s(v, "password").as_bytes().to_vec())).unwrap()
}

#[test]
fn rfc7517_c_decrypts_to_the_rsa_private_jwk() {
    let v = rfc7517_c();
    let alg = JweAlgorithm::from_name(s(&v, "alg")).unwrap();
    let enc = JweEncryption::from_name(s(&v, "enc")).unwrap();
    assert_eq!((alg, enc), (JweAlgorithm::Pbes2Hs256A128Kw, JweEncryption::A128CbcHs256));
    let out =
        Decrypter::new(password(&v).decrypting_key(alg).unwrap(), &[enc]).decrypt_compact(s(&v, "compact")).unwrap();
    assert_eq!(out.plaintext(), s(&v, "plaintext_jwk").as_bytes());
    assert_eq!(out.header().cty(), Some("jwk+json"));

    let key = Jwk::from_json(out.plaintext()).unwrap();
    let expected = Jwk::from_json(s(&v, "plaintext_jwk").as_bytes()).unwrap();
    assert_eq!(key.key_type(), KeyType::Rsa);
    assert!(key.is_private());
    assert_eq!(key.kid(), Some("juliet@capulet.lit"));
    assert_eq!(key.to_json(), expected.to_json());
    assert_eq!(key.thumbprint_b64(ShaAlg::Sha256), expected.thumbprint_b64(ShaAlg::Sha256));
}

#[test]
fn rfc7517_c_intermediate_values() {
    let v = rfc7517_c();
    let parts: Vec<&str> = s(&v, "compact").split('.').collect();
    assert_eq!(
        parts,
        ["protected_b64u", "encrypted_key_b64u", "iv_b64u", "ciphertext_b64u", "tag_b64u"].map(|n| s(&v, n))
    );
    assert_eq!(base64url::encode(s(&v, "protected_header")), s(&v, "protected_b64u"));
    let header: Value = serde_json::from_str(s(&v, "protected_header")).unwrap();
    assert_eq!((&header["p2s"], &header["p2c"]), (&v["p2s"], &v["p2c"]));

    // Salt = UTF8(alg) || 0x00 || p2s; PBKDF2-SHA-256 gives the derived key.
    let mut salt = s(&v, "alg").as_bytes().to_vec();
    salt.push(0);
    salt.extend(b64(&v, "p2s"));
    assert_eq!(salt, b64(&v, "pbkdf2_salt_input_b64u"));
    let count = u32::try_from(v["p2c"].as_u64().unwrap()).unwrap();
    let derived = kdf::pbkdf2(ShaAlg::Sha256, s(&v, "password").as_bytes(), &salt, count, 16).unwrap();
    assert_eq!(derived.expose(), b64(&v, "derived_key_b64u"));

    let cek = aes_kw::unwrap(derived.expose(), &b64(&v, "encrypted_key_b64u")).unwrap();
    assert_eq!(cek.expose(), b64(&v, "cek_b64u"));
    let (ct, tag) = cbc_hmac::encrypt(
        CbcHmac::A128CbcHs256,
        cek.expose(),
        &b64(&v, "iv_b64u"),
        s(&v, "aad").as_bytes(),
        s(&v, "plaintext_jwk").as_bytes(),
    )
    .unwrap();
    assert_eq!(ct, b64(&v, "ciphertext_b64u"));
    assert_eq!(tag, b64(&v, "tag_b64u"));
}

#[test]
fn rfc7517_c_wrong_password_fails_opaquely() {
    let v = rfc7517_c();
    let wrong = Jwk::from_secret(Secret::new(b"Thus from my lips, by yours, my sin is purged!".to_vec())).unwrap();
    let d =
        Decrypter::new(wrong.decrypting_key(JweAlgorithm::Pbes2Hs256A128Kw).unwrap(), &[JweEncryption::A128CbcHs256]);
    assert_eq!(d.decrypt_compact(s(&v, "compact")).unwrap_err(), jot_jwe::Error::DecryptionFailed);
}

#[test]
fn rfc7517_c_reencrypts_with_the_builder() {
    // The same JWK encrypted by jot under the same password and count.
    let v = rfc7517_c();
    let pwd = password(&v);
    let count = u32::try_from(v["p2c"].as_u64().unwrap()).unwrap();
    let ek = pwd.encrypting_key(JweAlgorithm::Pbes2Hs256A128Kw).unwrap();
    let token = JweBuilder::new(JweEncryption::A128CbcHs256)
        .cty("jwk+json")
        .recipient(&ek)
        .p2c(count)
        .compact(s(&v, "plaintext_jwk").as_bytes())
        .unwrap();
    let header: Value = serde_json::from_slice(&base64url::decode(token.split('.').next().unwrap()).unwrap()).unwrap();
    assert_eq!(header["p2c"], json!(count));
    assert!(base64url::decode(header["p2s"].as_str().unwrap()).unwrap().len() >= 8);
    let d = Decrypter::new(pwd.decrypting_key(JweAlgorithm::Pbes2Hs256A128Kw).unwrap(), &[JweEncryption::A128CbcHs256]);
    assert_eq!(d.decrypt_compact(&token).unwrap().plaintext(), s(&v, "plaintext_jwk").as_bytes());
}
