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

/// AWS-LC's OAEP algorithm for a padding (none for PKCS#1 v1.5).
pub(super) fn awslc_oaep(padding: RsaEncryption) -> Option<&'static aws_lc_rs::rsa::OaepAlgorithm> {
    use aws_lc_rs::rsa as a;
    match padding {
        RsaEncryption::Pkcs1v15 => None,
        RsaEncryption::OaepSha1 => Some(&a::OAEP_SHA1_MGF1SHA1),
        RsaEncryption::OaepSha256 => Some(&a::OAEP_SHA256_MGF1SHA256),
        RsaEncryption::OaepSha384 => Some(&a::OAEP_SHA384_MGF1SHA384),
        RsaEncryption::OaepSha512 => Some(&a::OAEP_SHA512_MGF1SHA512),
    }
}

/// OAEP decryption with AWS-LC: any failure is `DecryptionFailed`.
pub(super) fn decrypt_awslc(
    key: &aws_lc_rs::rsa::OaepPrivateDecryptingKey,
    alg: &'static aws_lc_rs::rsa::OaepAlgorithm,
    ct: &[u8],
    label: &[u8],
) -> Result<Secret, Error> {
    let mut out = zeroize::Zeroizing::new(vec![0u8; key.min_output_size()]);
    let label = (!label.is_empty()).then_some(label);
    let plain = key.decrypt(alg, ct, &mut out, label).map_err(|_| Error::DecryptionFailed)?;
    Ok(Secret::new(plain.to_vec()))
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
