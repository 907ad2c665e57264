//! `dir` keys in both forms found in the wild (issue 14): `"alg":"dir"`
//! (Wycheproof, Rooterberg, josekit) and `"alg":"A256GCM"`, the content
//! encryption name, which panva's `jose` requires. Both import; the
//! enc-named form binds to `dir` with that `enc` only, at exactly that
//! enc's key length, and to no other algorithm.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_core::base64url;
use jot_jwk::{Error, Jwk, JwkAlgorithm};

fn oct(alg: &str, len: usize) -> Result<Jwk, Error> {
    let k = base64url::encode(vec![7u8; len]);
    Jwk::from_json(format!(r#"{{"kty":"oct","alg":"{alg}","k":"{k}"}}"#).as_bytes())
}

#[test]
fn both_forms_import_and_bind_to_dir() {
    for &enc in JweEncryption::ALL {
        let len = enc.key_len();
        // "alg":"dir": any enc of the key's size (the JWE layer checks it).
        let dir = oct("dir", len).unwrap();
        assert_eq!(dir.params().alg, Some(JwkAlgorithm::Jwe(JweAlgorithm::Dir)));
        assert_eq!(dir.decrypting_key(JweAlgorithm::Dir).unwrap().content_encryption(), None);
        assert_eq!(dir.encrypting_key(JweAlgorithm::Dir).unwrap().content_encryption(), None);
        // "alg":"<enc>": bound to that enc.
        let named = oct(enc.name(), len).unwrap();
        assert_eq!(named.params().alg, Some(JwkAlgorithm::Enc(enc)));
        assert_eq!(named.decrypting_key(JweAlgorithm::Dir).unwrap().content_encryption(), Some(enc));
        assert_eq!(named.encrypting_key(JweAlgorithm::Dir).unwrap().content_encryption(), Some(enc));
        // The name survives a round trip.
        assert!(named.to_json().contains(&format!(r#""alg":"{}""#, enc.name())), "{}", named.to_json());
        assert_eq!(Jwk::from_json(named.to_json().as_bytes()).unwrap(), named);
    }
}

#[test]
fn the_enc_named_form_needs_exactly_that_key_length() {
    for &enc in JweEncryption::ALL {
        for len in [16, 24, 32, 48, 64, 15, 33] {
            let named = oct(enc.name(), len).unwrap();
            let (d, e) = (named.decrypting_key(JweAlgorithm::Dir), named.encrypting_key(JweAlgorithm::Dir));
            if len == enc.key_len() {
                assert!(d.is_ok() && e.is_ok(), "{enc} {len}");
            } else {
                assert_eq!(d.unwrap_err(), Error::KeyLength, "{enc} {len}");
                assert_eq!(e.unwrap_err(), Error::KeyLength, "{enc} {len}");
            }
        }
    }
}

#[test]
fn the_enc_named_form_binds_to_no_other_algorithm() {
    for &enc in JweEncryption::ALL {
        let named = oct(enc.name(), enc.key_len()).unwrap();
        for &alg in JweAlgorithm::ALL.iter().filter(|&&a| a != JweAlgorithm::Dir) {
            assert_eq!(named.decrypting_key(alg).unwrap_err(), Error::AlgorithmMismatch, "{enc} as {alg}");
            assert_eq!(named.encrypting_key(alg).unwrap_err(), Error::AlgorithmMismatch, "{enc} as {alg}");
        }
        for &alg in JwsAlgorithm::ALL {
            assert_eq!(named.signing_key(alg).unwrap_err(), Error::AlgorithmMismatch, "{enc} as {alg}");
            assert_eq!(named.verifying_key(alg).unwrap_err(), Error::AlgorithmMismatch, "{enc} as {alg}");
        }
    }
    // An HMAC-sized key named A256GCM is not an HS256 key, nor an A256KW key.
    let named = oct("A256GCM", 32).unwrap();
    assert_eq!(named.signing_key(JwsAlgorithm::HS256).unwrap_err(), Error::AlgorithmMismatch);
    assert_eq!(named.decrypting_key(JweAlgorithm::A256Kw).unwrap_err(), Error::AlgorithmMismatch);
}

#[test]
fn the_enc_named_form_is_for_oct_keys_and_enc_use_only() {
    let ec = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&ec.to_json()).unwrap();
    v["alg"] = "A256GCM".into();
    v.as_object_mut().unwrap().remove("use");
    assert_eq!(Jwk::from_json(v.to_string().as_bytes()).unwrap_err(), Error::KeyTypeMismatch);
    let k = base64url::encode([7u8; 32]);
    let sig = Jwk::from_json(format!(r#"{{"kty":"oct","alg":"A256GCM","use":"sig","k":"{k}"}}"#).as_bytes()).unwrap();
    assert_eq!(sig.decrypting_key(JweAlgorithm::Dir).unwrap_err(), Error::UsageNotPermitted);
    let ops = format!(r#"{{"kty":"oct","alg":"A256GCM","key_ops":["sign"],"k":"{k}"}}"#);
    assert_eq!(
        Jwk::from_json(ops.as_bytes()).unwrap().encrypting_key(JweAlgorithm::Dir).unwrap_err(),
        Error::UsageNotPermitted
    );
}

#[test]
fn generated_dir_keys_name_their_enc() {
    for &enc in JweEncryption::ALL {
        let jwk = Jwk::generate_for_jwe(JweAlgorithm::Dir, Some(enc)).unwrap();
        assert_eq!(jwk.params().alg, Some(JwkAlgorithm::Enc(enc)));
        let json: serde_json::Value = serde_json::from_str(&jwk.to_json()).unwrap();
        assert_eq!(json["alg"], enc.name());
        assert_eq!(json["use"], "enc");
        assert_eq!(base64url::decode(json["k"].as_str().unwrap()).unwrap().len(), enc.key_len());
        assert_eq!(jwk.decrypting_key(JweAlgorithm::Dir).unwrap().content_encryption(), Some(enc));
        assert_eq!(jwk.decrypting_key(JweAlgorithm::A256Kw).unwrap_err(), Error::AlgorithmMismatch);
    }
}
