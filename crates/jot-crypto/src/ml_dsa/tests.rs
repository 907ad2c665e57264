#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::base64url;

use super::*;
use crate::{Error, KeyRejected};

fn rejected(r: KeyRejected) -> Error {
    Error::KeyRejected(r)
}

/// RFC 9964's example for one parameter set (`vectors/ml-dsa/`): the seed,
/// the public key, the JWS signing input and its signature.
struct Example {
    level: MlDsaLevel,
    seed: Vec<u8>,
    public: Vec<u8>,
    signing_input: String,
    signature: Vec<u8>,
}

fn examples() -> Vec<Example> {
    MlDsaLevel::ALL
        .iter()
        .map(|&level| {
            let file = format!("ml-dsa/{}.jose.json", level.name().replace('-', "_"));
            let v = jot_test_support::load(&file);
            let jwk = &v["jwk"];
            assert_eq!(jwk["alg"], level.name(), "{file}");
            let jws = v["jws"].as_str().unwrap();
            let (signing_input, signature) = jws.rsplit_once('.').unwrap();
            Example {
                level,
                seed: jot_test_support::hex_field(&v, "seed"),
                public: base64url::decode(jwk["pub"].as_str().unwrap()).unwrap(),
                signing_input: signing_input.to_owned(),
                signature: base64url::decode(signature).unwrap(),
            }
        })
        .collect()
}

#[test]
fn handles_are_send_sync_clone() {
    fn check<T: Send + Sync + Clone>() {}
    check::<MlDsaPublicKey>();
    check::<MlDsaPrivateKey>();
}

#[test]
fn rfc_9964_examples() {
    for ex in examples() {
        let level = ex.level;
        // The seed expands to the published public key.
        let key = MlDsaPrivateKey::from_seed(level, &ex.seed, None).unwrap();
        assert_eq!(key.public_key().as_bytes(), ex.public.as_slice(), "{level:?}");
        assert_eq!(key.seed().expose(), ex.seed.as_slice());
        let public = MlDsaPublicKey::from_bytes(level, &ex.public).unwrap();
        MlDsaPrivateKey::from_seed(level, &ex.seed, Some(&public)).unwrap();
        // The published signature verifies, and nothing near it does.
        assert_eq!(ex.signature.len(), level.signature_len());
        let msg = ex.signing_input.as_bytes();
        public.verify(msg, &ex.signature).unwrap();
        for i in [0, 1, level.signature_len() / 2, level.signature_len() - 1] {
            let mut bad = ex.signature.clone();
            bad[i] ^= 0x01;
            assert_eq!(public.verify(msg, &bad), Err(Error::InvalidSignature), "{level:?} byte {i}");
        }
        assert_eq!(public.verify(msg, &ex.signature[..ex.signature.len() - 1]), Err(Error::InvalidSignature));
        assert_eq!(public.verify(msg, &[ex.signature.as_slice(), &[0]].concat()), Err(Error::InvalidSignature));
        assert_eq!(public.verify(msg, &[]), Err(Error::InvalidSignature));
        assert_eq!(public.verify(&msg[1..], &ex.signature), Err(Error::InvalidSignature));
    }
}

#[test]
fn a_key_is_one_parameter_set() {
    let examples = examples();
    for ex in &examples {
        for &other in MlDsaLevel::ALL.iter().filter(|&&l| l != ex.level) {
            // Another set's public key length is refused...
            assert_eq!(MlDsaPublicKey::from_bytes(other, &ex.public), Err(rejected(KeyRejected::InvalidLength)));
            // ...and this set's signature does not verify under another set's key.
            let key = MlDsaPrivateKey::from_seed(other, &ex.seed, None).unwrap();
            assert_eq!(
                key.public_key().verify(ex.signing_input.as_bytes(), &ex.signature),
                Err(Error::InvalidSignature)
            );
            // The same seed makes another key in another set: a given
            // public key of this set does not match it.
            let public = MlDsaPublicKey::from_bytes(ex.level, &ex.public).unwrap();
            assert_ne!(key.public_key(), &public);
        }
    }
}

#[test]
fn seed_and_public_key_checks() {
    for &level in MlDsaLevel::ALL {
        for len in [0, 31, 33, 64] {
            assert_eq!(
                MlDsaPrivateKey::from_seed(level, &vec![7; len], None).unwrap_err(),
                rejected(KeyRejected::InvalidLength),
                "{level:?} seed of {len} bytes"
            );
        }
        for len in [0, level.public_key_len() - 1, level.public_key_len() + 1] {
            assert_eq!(
                MlDsaPublicKey::from_bytes(level, &vec![0; len]).unwrap_err(),
                rejected(KeyRejected::InvalidLength)
            );
        }
        // A seed with another key's `pub` is refused.
        let a = MlDsaPrivateKey::generate(level).unwrap();
        let b = MlDsaPrivateKey::generate(level).unwrap();
        assert_eq!(
            MlDsaPrivateKey::from_seed(level, a.seed().expose(), Some(b.public_key())).unwrap_err(),
            rejected(KeyRejected::Inconsistent)
        );
        MlDsaPrivateKey::from_seed(level, a.seed().expose(), Some(a.public_key())).unwrap();
    }
}

#[test]
fn round_trip_every_level() {
    for &level in MlDsaLevel::ALL {
        let key = MlDsaPrivateKey::generate(level).unwrap();
        assert_eq!(key.level(), level);
        assert_eq!(key.public_key().as_bytes().len(), level.public_key_len());
        let sig = key.sign(b"payload").unwrap();
        assert_eq!(sig.len(), level.signature_len());
        key.public_key().verify(b"payload", &sig).unwrap();
        // Hedged: a second signature differs, and verifies too.
        let again = key.sign(b"payload").unwrap();
        assert_ne!(sig, again);
        key.public_key().verify(b"payload", &again).unwrap();
        assert_eq!(key.public_key().verify(b"payloaD", &sig), Err(Error::InvalidSignature));
        let other = MlDsaPrivateKey::generate(level).unwrap();
        assert_eq!(other.public_key().verify(b"payload", &sig), Err(Error::InvalidSignature));
        // The seed alone rebuilds the key.
        let rebuilt = MlDsaPrivateKey::from_seed(level, key.seed().expose(), Some(key.public_key())).unwrap();
        rebuilt.public_key().verify(b"payload", &sig).unwrap();
    }
}

#[test]
fn debug_prints_no_seed() {
    let ex = &examples()[0];
    let key = MlDsaPrivateKey::from_seed(ex.level, &[0xab; 32], None).unwrap();
    let dbg = format!("{key:?}");
    assert!(dbg.contains("***") && dbg.contains("ML-DSA-44"), "{dbg}");
    assert!(!dbg.contains("abab"), "{dbg}");
}
