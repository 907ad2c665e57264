//! Decrypters built from JWK Sets: a `kid` two members carry selects
//! nothing, and a set mixing secrets with asymmetric keys is refused
//! (issue 14).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption};
use jot_jwe::{Decrypter, Error, JweBuilder};
use jot_jwk::{Jwk, JwkSet};

const ENC: &[JweEncryption] = &[JweEncryption::A256Gcm];

fn with_kid(mut jwk: Jwk, kid: &str) -> Jwk {
    jwk.set_kid(kid);
    jwk
}

fn encrypt_to(jwk: &Jwk, alg: JweAlgorithm) -> String {
    let public = jwk.to_public().unwrap_or_else(|| jwk.clone());
    JweBuilder::new(JweEncryption::A256Gcm).recipient(&public.encrypting_key(alg).unwrap()).compact(b"secret").unwrap()
}

#[test]
fn a_duplicate_kid_is_ambiguous_whatever_the_algorithm() {
    let ec = with_kid(Jwk::generate_for_jwe(JweAlgorithm::EcdhEs, None).unwrap(), "k");
    let rsa = with_kid(Jwk::generate_for_jwe(JweAlgorithm::RsaOaep256, None).unwrap(), "k");
    let set = JwkSet::from_keys(vec![ec.clone(), rsa.clone()]);
    let d = Decrypter::from_jwk_set(&set, &[JweAlgorithm::EcdhEs, JweAlgorithm::RsaOaep256], ENC).unwrap();
    for (key, alg) in [(&ec, JweAlgorithm::EcdhEs), (&rsa, JweAlgorithm::RsaOaep256)] {
        let token = encrypt_to(key, alg);
        assert_eq!(d.decrypt_compact(&token).unwrap_err(), Error::AmbiguousKey, "{alg}");
    }
}

#[test]
fn a_duplicate_kid_with_a_skipped_member_is_ambiguous() {
    let key = with_kid(Jwk::generate_for_jwe(JweAlgorithm::A256Kw, None).unwrap(), "dup");
    let token = encrypt_to(&key, JweAlgorithm::A256Kw);
    let text = format!(r#"{{"keys":[{},{{"kty":"oct","kid":"dup","k":"AAB"}}]}}"#, key.to_json());
    let set = JwkSet::from_json(text.as_bytes()).unwrap();
    assert_eq!((set.keys().len(), set.skipped().len()), (1, 1));
    let d = Decrypter::from_secret_jwk_set(&set, &[JweAlgorithm::A256Kw], ENC).unwrap();
    assert_eq!(d.decrypt_compact(&token).unwrap_err(), Error::AmbiguousKey);
    // Bound one by one, without the set's knowledge, the key decrypts.
    let d = Decrypter::new(key.decrypting_key(JweAlgorithm::A256Kw).unwrap(), ENC);
    assert_eq!(d.decrypt_compact(&token).unwrap().plaintext(), b"secret");
}

#[test]
fn mixed_and_secret_sets() {
    let aes = with_kid(Jwk::generate_for_jwe(JweAlgorithm::A256Kw, None).unwrap(), "aes");
    let ec = with_kid(Jwk::generate_for_jwe(JweAlgorithm::EcdhEs, None).unwrap(), "ec");
    let algs = [JweAlgorithm::A256Kw, JweAlgorithm::EcdhEs];
    let mixed = JwkSet::from_keys(vec![aes.clone(), ec.clone()]);
    assert_eq!(Decrypter::from_jwk_set(&mixed, &algs, ENC).unwrap_err(), Error::Key(jot_jwk::Error::MixedKeySet));
    assert_eq!(
        Decrypter::from_secret_jwk_set(&mixed, &algs, ENC).unwrap_err(),
        Error::Key(jot_jwk::Error::MixedKeySet)
    );

    let secrets = JwkSet::from_keys(vec![aes.clone()]);
    assert_eq!(Decrypter::from_jwk_set(&secrets, &algs, ENC).unwrap_err(), Error::Key(jot_jwk::Error::SymmetricKeySet));
    let d = Decrypter::from_secret_jwk_set(&secrets, &algs, ENC).unwrap();
    assert_eq!(d.decrypt_compact(&encrypt_to(&aes, JweAlgorithm::A256Kw)).unwrap().kid(), Some("aes"));

    let pairs = JwkSet::from_keys(vec![ec.clone()]);
    assert_eq!(
        Decrypter::from_secret_jwk_set(&pairs, &algs, ENC).unwrap_err(),
        Error::Key(jot_jwk::Error::AsymmetricKeySet)
    );
    let d = Decrypter::from_jwk_set(&pairs, &algs, ENC).unwrap();
    assert_eq!(d.decrypt_compact(&encrypt_to(&ec, JweAlgorithm::EcdhEs)).unwrap().kid(), Some("ec"));
}
