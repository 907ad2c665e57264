//! RSAES-OAEP and RSAES-PKCS1-v1_5 with the `rsa` crate (0.10+, which has the
//! Marvin fix and implicit rejection for PKCS#1 v1.5). OAEP decoding is ours
//! (see `oaep.rs`); the RSA operations are the crate's.

use getrandom::SysRng;
use jot_core::Secret;
use rsa::sha2::{Sha256, Sha384, Sha512};
use rsa::{Oaep, Pkcs1v15Encrypt};
use sha1::Sha1;

use super::{RsaEncryption, oaep};
use crate::Error;

pub(super) fn encrypt(key: &rsa::PublicKey, padding: RsaEncryption, msg: &[u8]) -> Result<Vec<u8>, Error> {
    let rng = &mut SysRng;
    let result = match padding {
        RsaEncryption::Pkcs1v15 => key.encrypt(rng, Pkcs1v15Encrypt, msg),
        RsaEncryption::OaepSha1 => key.encrypt(rng, Oaep::<Sha1>::new(), msg),
        RsaEncryption::OaepSha256 => key.encrypt(rng, Oaep::<Sha256>::new(), msg),
        RsaEncryption::OaepSha384 => key.encrypt(rng, Oaep::<Sha384>::new(), msg),
        RsaEncryption::OaepSha512 => key.encrypt(rng, Oaep::<Sha512>::new(), msg),
    };
    result.map_err(|e| match e {
        rsa::Error::Rng => Error::Random,
        // In practice only "message too long" for this key and padding.
        _ => Error::InvalidLength,
    })
}

pub(super) fn decrypt(key: &rsa::PrivateKey, padding: RsaEncryption, ct: &[u8], label: &[u8]) -> Result<Secret, Error> {
    match padding {
        // PKCS#1 v1.5 has no label: asking for one is a programming error.
        RsaEncryption::Pkcs1v15 if !label.is_empty() => Err(Error::Unsupported),
        RsaEncryption::Pkcs1v15 => match key.decrypt_blinded(&mut SysRng, Pkcs1v15Encrypt, ct) {
            Ok(plain) => Ok(Secret::new(plain)),
            // A failing system RNG says nothing about the ciphertext.
            Err(rsa::Error::Rng) => Err(Error::Random),
            Err(_) => Err(Error::DecryptionFailed),
        },
        RsaEncryption::OaepSha1 => oaep::decrypt::<Sha1>(key, ct, label),
        RsaEncryption::OaepSha256 => oaep::decrypt::<Sha256>(key, ct, label),
        RsaEncryption::OaepSha384 => oaep::decrypt::<Sha384>(key, ct, label),
        RsaEncryption::OaepSha512 => oaep::decrypt::<Sha512>(key, ct, label),
    }
}
