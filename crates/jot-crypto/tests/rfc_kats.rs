//! Known-answer tests from the JOSE RFCs, read from `vectors/rfc/`:
//! - RFC 7518 appendix B.1-B.3: AES_CBC_HMAC_SHA2;
//! - RFC 7518 appendix C: the Concat KDF of ECDH-ES;
//! - RFC 7517 appendix C: PBES2 (PBKDF2, key unwrap, A128CBC-HS256);
//! - RFC 7516 appendix A.3: A128KW key wrap and A128CBC-HS256.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{hex_field, load};
use jot_core::alg::JweEncryption;
use jot_core::base64url;
use jot_crypto::cbc_hmac::{self, CbcHmac};
use jot_crypto::{Error, ShaAlg, aes_kw, kdf};
use serde_json::Value;

fn str_field<'a>(v: &'a Value, name: &str) -> &'a str {
    v[name].as_str().unwrap_or_else(|| panic!("missing string field {name}"))
}

fn b64_field(v: &Value, name: &str) -> Vec<u8> {
    base64url::decode(str_field(v, name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn octets_field(v: &Value, name: &str) -> Vec<u8> {
    v[name]
        .as_array()
        .unwrap_or_else(|| panic!("missing octet array {name}"))
        .iter()
        .map(|n| u8::try_from(n.as_u64().unwrap()).unwrap())
        .collect()
}

fn cbc_hmac_of(v: &Value) -> CbcHmac {
    let enc = JweEncryption::from_name(str_field(v, "enc")).unwrap();
    CbcHmac::try_from(enc).unwrap()
}

/// RFC 7518 B.1-B.3: encrypting P gives E and T; decrypting gives P back;
/// a flipped byte anywhere in the tag, or in E, fails.
#[test]
fn rfc7518_appendix_b_cbc_hmac() {
    for (file, expected_enc) in [
        ("rfc/rfc7518-b1-a128cbc-hs256.json", CbcHmac::A128CbcHs256),
        ("rfc/rfc7518-b2-a192cbc-hs384.json", CbcHmac::A192CbcHs384),
        ("rfc/rfc7518-b3-a256cbc-hs512.json", CbcHmac::A256CbcHs512),
    ] {
        let v = load(file);
        let enc = cbc_hmac_of(&v);
        assert_eq!(enc, expected_enc, "{file}");
        let (k, p, iv, a) =
            (hex_field(&v, "k_hex"), hex_field(&v, "p_hex"), hex_field(&v, "iv_hex"), hex_field(&v, "a_hex"));
        let (e, t) = (hex_field(&v, "e_hex"), hex_field(&v, "t_hex"));

        let (ct, tag) = cbc_hmac::encrypt(enc, &k, &iv, &a, &p).unwrap();
        assert_eq!(ct, e, "{file}: E");
        assert_eq!(tag, t, "{file}: T");
        assert_eq!(cbc_hmac::decrypt(enc, &k, &iv, &a, &e, &t).unwrap(), p, "{file}: decrypt");

        for i in 0..t.len() {
            let mut bad = t.clone();
            bad[i] ^= 0x01;
            assert_eq!(
                cbc_hmac::decrypt(enc, &k, &iv, &a, &e, &bad),
                Err(Error::DecryptionFailed),
                "{file}: tag byte {i}"
            );
        }
        let mut bad_e = e.clone();
        bad_e[e.len() - 1] ^= 0x01;
        assert_eq!(cbc_hmac::decrypt(enc, &k, &iv, &a, &bad_e, &t), Err(Error::DecryptionFailed), "{file}: E");
        assert_eq!(cbc_hmac::decrypt(enc, &k, &iv, &a[1..], &e, &t), Err(Error::DecryptionFailed), "{file}: A");
    }
}

/// RFC 7518 C: Z, AlgorithmID (`enc`, for ECDH-ES direct), apu and apv
/// give the derived key.
#[test]
fn rfc7518_appendix_c_concat_kdf() {
    let v = load("rfc/rfc7518-c-ecdh-es.json");
    assert_eq!(str_field(&v, "alg"), "ECDH-ES");
    let enc = JweEncryption::from_name(str_field(&v, "enc")).unwrap();
    let z = octets_field(&v, "z_octets");
    let apu = b64_field(&v, "apu");
    let apv = b64_field(&v, "apv");
    let expected = octets_field(&v, "derived_key_octets");
    assert_eq!(expected, b64_field(&v, "derived_key_b64u"));
    assert_eq!(expected.len(), enc.key_len());

    // OtherInfo as the vector prints it, to be sure of the field layout the
    // test feeds: len(alg) || alg || len(apu) || apu || len(apv) || apv || keydatalen.
    let mut other_info = Vec::new();
    for field in [enc.name().as_bytes(), &apu[..], &apv[..]] {
        other_info.extend_from_slice(&u32::try_from(field.len()).unwrap().to_be_bytes());
        other_info.extend_from_slice(field);
    }
    other_info.extend_from_slice(&u32::try_from(enc.key_len() * 8).unwrap().to_be_bytes());
    assert_eq!(other_info, octets_field(&v, "other_info_octets"));

    let derived = kdf::concat_kdf(&z, enc.name().as_bytes(), &apu, &apv, enc.key_len()).unwrap();
    assert_eq!(derived.expose(), &expected[..]);
}

/// RFC 7517 C: password and salt input give the PBKDF2 key; it unwraps the
/// encrypted key to the CEK (and wraps it back); the CEK decrypts the content
/// with A128CBC-HS256 to the plaintext JWK (and encrypts it back).
#[test]
fn rfc7517_appendix_c_pbes2() {
    let v = load("rfc/rfc7517-c-pbes2-encrypted-rsa-key.json");
    let alg = str_field(&v, "alg");
    assert_eq!(alg, "PBES2-HS256+A128KW");

    // Salt input = UTF8(alg) || 0x00 || p2s (RFC 7518 section 4.8.1.1).
    let mut salt = alg.as_bytes().to_vec();
    salt.push(0);
    salt.extend_from_slice(&b64_field(&v, "p2s"));
    assert_eq!(salt, b64_field(&v, "pbkdf2_salt_input_b64u"));

    let p2c = u32::try_from(v["p2c"].as_u64().unwrap()).unwrap();
    let kek = kdf::pbkdf2(ShaAlg::Sha256, str_field(&v, "password").as_bytes(), &salt, p2c, 16).unwrap();
    assert_eq!(kek.expose(), &b64_field(&v, "derived_key_b64u")[..]);

    let cek_expected = b64_field(&v, "cek_b64u");
    let encrypted_key = b64_field(&v, "encrypted_key_b64u");
    let cek = aes_kw::unwrap(kek.expose(), &encrypted_key).unwrap();
    assert_eq!(cek.expose(), &cek_expected[..]);
    assert_eq!(aes_kw::wrap(kek.expose(), cek.expose()).unwrap(), encrypted_key);

    let enc = cbc_hmac_of(&v);
    assert_eq!(enc, CbcHmac::A128CbcHs256);
    let iv = b64_field(&v, "iv_b64u");
    let aad = str_field(&v, "aad").as_bytes();
    let ct = b64_field(&v, "ciphertext_b64u");
    let tag = b64_field(&v, "tag_b64u");
    let pt = cbc_hmac::decrypt(enc, cek.expose(), &iv, aad, &ct, &tag).unwrap();
    assert_eq!(pt, str_field(&v, "plaintext_jwk").as_bytes());
    assert_eq!(cbc_hmac::encrypt(enc, cek.expose(), &iv, aad, &pt).unwrap(), (ct.clone(), tag.clone()));

    // A wrong password derives a key that does not unwrap.
    let wrong = kdf::pbkdf2(ShaAlg::Sha256, b"Thus from my lips", &salt, p2c, 16).unwrap();
    assert_eq!(aes_kw::unwrap(wrong.expose(), &encrypted_key), Err(Error::DecryptionFailed));
    let mut bad_tag = tag;
    bad_tag[0] ^= 0x80;
    assert_eq!(cbc_hmac::decrypt(enc, cek.expose(), &iv, aad, &ct, &bad_tag), Err(Error::DecryptionFailed));
}

/// RFC 7516 A.3: the `oct` key unwraps the encrypted key to the CEK, and
/// wrapping the CEK gives the same bytes back; the content decrypts.
#[test]
fn rfc7516_appendix_a3_a128kw() {
    let v = load("rfc/rfc7516-a3-a128kw-a128cbc-hs256.json");
    assert_eq!(str_field(&v, "alg"), "A128KW");
    assert_eq!(str_field(&v["jwk"], "kty"), "oct");
    let kek = b64_field(&v["jwk"], "k");
    assert_eq!(kek.len(), 16);
    let cek_expected = b64_field(&v, "cek_b64u");
    let encrypted_key = b64_field(&v, "encrypted_key_b64u");

    let cek = aes_kw::unwrap(&kek, &encrypted_key).unwrap();
    assert_eq!(cek.expose(), &cek_expected[..]);
    assert_eq!(aes_kw::wrap(&kek, &cek_expected).unwrap(), encrypted_key);

    let enc = cbc_hmac_of(&v);
    let iv = b64_field(&v, "iv_b64u");
    let aad = str_field(&v, "aad").as_bytes();
    let ct = b64_field(&v, "ciphertext_b64u");
    let tag = b64_field(&v, "tag_b64u");
    assert_eq!(
        cbc_hmac::decrypt(enc, cek.expose(), &iv, aad, &ct, &tag).unwrap(),
        str_field(&v, "plaintext").as_bytes()
    );
    assert_eq!(
        cbc_hmac::encrypt(enc, cek.expose(), &iv, aad, str_field(&v, "plaintext").as_bytes()).unwrap(),
        (ct, tag)
    );

    let mut bad = encrypted_key.clone();
    bad[0] ^= 1;
    assert_eq!(aes_kw::unwrap(&kek, &bad), Err(Error::DecryptionFailed));
}
