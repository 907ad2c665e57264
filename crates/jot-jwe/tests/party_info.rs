//! ECDH-ES with `apu`/`apv` set by the sender: they enter the key derivation
//! on both sides (RFC 7518 section 4.6.2). Found by the josekit interop suite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption};
use jot_core::base64url;
use jot_jwe::{Decrypter, Error, JweBuilder};
use jot_jwk::Jwk;

#[test]
fn sender_party_info_is_used_in_the_derivation() {
    for alg in [JweAlgorithm::EcdhEs, JweAlgorithm::EcdhEsA128Kw] {
        let key = Jwk::generate_for_jwe(alg, None).unwrap();
        let public = key.to_public().unwrap().encrypting_key(alg).unwrap();
        let token = JweBuilder::new(JweEncryption::A128Gcm)
            .header("apu", base64url::encode(b"Alice"))
            .unwrap()
            .header("apv", base64url::encode(b"Bob"))
            .unwrap()
            .recipient(&public)
            .compact(b"hello")
            .unwrap();
        let decrypter = Decrypter::new(key.decrypting_key(alg).unwrap(), &[JweEncryption::A128Gcm]);
        assert_eq!(decrypter.decrypt_compact(&token).unwrap().plaintext(), b"hello", "{alg}");
    }
}

#[test]
fn party_info_that_is_not_base64url_is_refused() {
    let key = Jwk::generate_for_jwe(JweAlgorithm::EcdhEs, None).unwrap();
    let public = key.to_public().unwrap().encrypting_key(JweAlgorithm::EcdhEs).unwrap();
    let result =
        JweBuilder::new(JweEncryption::A128Gcm).header("apu", "not base64!").unwrap().recipient(&public).compact(b"x");
    assert!(matches!(result, Err(Error::ApiMisuse(_))));
}
