//! Key management (RFC 7518 section 4): how the content encryption key is
//! determined for, and recovered by, each recipient.
//!
//! Decryption follows RFC 7516 section 11.5: when unwrapping or RSA
//! decryption fails, or yields a key of the wrong length, a random CEK of the
//! right length takes its place, so the failure surfaces only as the one
//! opaque [`Error::DecryptionFailed`] at the content step, after the same
//! work.

mod ecdh;
mod pbes2;

pub(crate) use ecdh::PartyInfo;

use jot_core::Secret;
use jot_core::alg::{JweEncryption, JweFamily};
use jot_core::base64url;
use jot_core::json::Object;
use jot_crypto::{aes_gcm, aes_kw, rand};
use jot_jwk::{DecryptingKey, DecryptionMaterial, EncryptingKey, EncryptionMaterial};

use crate::error::{Error, HeaderError, Part};
use crate::header::Header;
use crate::limits::Budget;

/// What one recipient contributes: the encrypted key and the header
/// parameters its algorithm needs (`epk`, `iv`/`tag`, `p2s`/`p2c`).
pub(crate) struct Recipient {
    pub(crate) encrypted_key: Vec<u8>,
    pub(crate) params: Object,
}

/// For a direct algorithm, the CEK and the recipient's parameters.
pub(crate) fn direct_cek(
    key: &EncryptingKey,
    enc: JweEncryption,
    party: &PartyInfo,
) -> Result<(Secret, Recipient), Error> {
    match (key.alg().family(), key.material()) {
        (JweFamily::Direct, EncryptionMaterial::Symmetric(k)) => {
            if k.len() != enc.key_len() {
                return Err(Error::Key(jot_jwk::Error::KeyLength));
            }
            Ok((k.clone(), Recipient { encrypted_key: Vec::new(), params: Object::new() }))
        }
        (JweFamily::EcdhEs(None), material) => {
            let (z_key, params) = ecdh::agree_sender(material, enc.name().as_bytes(), party, enc.key_len())?;
            Ok((z_key, Recipient { encrypted_key: Vec::new(), params }))
        }
        _ => Err(Error::ApiMisuse("not a direct key management algorithm")),
    }
}

/// Wraps a CEK for one recipient of a key-wrapping algorithm.
pub(crate) fn wrap(key: &EncryptingKey, cek: &Secret, p2c: u32, party: &PartyInfo) -> Result<Recipient, Error> {
    let alg = key.alg();
    let crypto = Error::Crypto;
    let mut params = Object::new();
    let encrypted_key = match (alg.family(), key.material()) {
        (JweFamily::AesKw(_), EncryptionMaterial::Symmetric(kek)) => {
            aes_kw::wrap(kek.expose(), cek.expose()).map_err(crypto)?
        }
        (JweFamily::AesGcmKw(_), EncryptionMaterial::Symmetric(kek)) => {
            let iv: [u8; aes_gcm::IV_LEN] = rand::array().map_err(crypto)?;
            let (ek, tag) = aes_gcm::encrypt(kek.expose(), &iv, b"", cek.expose()).map_err(crypto)?;
            params.insert("iv", base64url::encode(iv));
            params.insert("tag", base64url::encode(tag));
            ek
        }
        (JweFamily::Rsa(padding), EncryptionMaterial::Rsa(public)) => {
            public.encrypt(padding, cek.expose()).map_err(crypto)?
        }
        (_, EncryptionMaterial::Rsa(_)) => return Err(Error::ApiMisuse("RSA key bound to a non-RSA algorithm")),
        (JweFamily::EcdhEs(Some(len)), material) => {
            let (kek, epk_params) = ecdh::agree_sender(material, alg.name().as_bytes(), party, len)?;
            params = epk_params;
            aes_kw::wrap(kek.expose(), cek.expose()).map_err(crypto)?
        }
        (JweFamily::Pbes2(hash, len), EncryptionMaterial::Symmetric(password)) => {
            let (kek, pbes2_params) = pbes2::derive_sender(alg, hash, len, password, p2c)?;
            params = pbes2_params;
            aes_kw::wrap(kek.expose(), cek.expose()).map_err(crypto)?
        }
        _ => return Err(Error::ApiMisuse("key material does not fit its algorithm")),
    };
    Ok(Recipient { encrypted_key, params })
}

/// Recovers the CEK for one recipient. Header problems (a bad `epk`, `p2c`
/// or `p2s`, missing `iv`/`tag`) are typed errors raised before any
/// cryptographic work; every cryptographic failure becomes a random CEK.
pub(crate) fn unwrap(
    key: &DecryptingKey,
    header: &Header,
    encrypted_key: &[u8],
    budget: &mut Budget,
) -> Result<Secret, Error> {
    // Every recipient a key was selected for costs one operation of the
    // token's allowance, whatever its algorithm.
    budget.take_unwrap()?;
    let alg = header.alg();
    let enc = header.enc();
    let cek_len = enc.key_len();
    let direct_ek_must_be_empty = || {
        if encrypted_key.is_empty() { Ok(()) } else { Err(Error::Malformed(Part::EncryptedKey)) }
    };
    let recovered: Result<Secret, jot_crypto::Error> = match (alg.family(), key.material()) {
        (JweFamily::Direct, DecryptionMaterial::Symmetric(k)) => {
            direct_ek_must_be_empty()?;
            if k.len() != cek_len {
                return Err(Error::DecryptionFailed);
            }
            return Ok(k.clone());
        }
        (JweFamily::EcdhEs(None), material) => {
            direct_ek_must_be_empty()?;
            return ecdh::agree_recipient(material, header, enc.name().as_bytes(), cek_len);
        }
        (JweFamily::AesKw(_), DecryptionMaterial::Symmetric(kek)) => aes_kw::unwrap(kek.expose(), encrypted_key),
        (JweFamily::AesGcmKw(_), DecryptionMaterial::Symmetric(kek)) => {
            let iv = header_bytes(header, "iv")?;
            let tag = header_bytes(header, "tag")?;
            aes_gcm::decrypt(kek.expose(), &iv, b"", encrypted_key, &tag).map(Secret::new)
        }
        (JweFamily::Rsa(padding), DecryptionMaterial::Rsa(private)) => private.decrypt(padding, encrypted_key),
        (_, DecryptionMaterial::Rsa(_)) => return Err(Error::AlgorithmNotAllowed),
        (JweFamily::EcdhEs(Some(len)), material) => {
            let kek = ecdh::agree_recipient(material, header, alg.name().as_bytes(), len)?;
            aes_kw::unwrap(kek.expose(), encrypted_key)
        }
        (JweFamily::Pbes2(hash, len), DecryptionMaterial::Symmetric(password)) => {
            let kek = pbes2::derive_recipient(alg, hash, len, password, header, budget)?;
            aes_kw::unwrap(kek.expose(), encrypted_key)
        }
        _ => return Err(Error::AlgorithmNotAllowed),
    };
    match recovered {
        Ok(cek) if cek.len() == cek_len => Ok(cek),
        // RFC 7516 section 11.5: carry on with a random key of the right
        // length; the content step fails as it would for any wrong key.
        _ => rand::secret(cek_len).map_err(Error::Crypto),
    }
}

/// A required base64url member of the key-wrap parameters (`iv`, `tag`).
fn header_bytes(header: &Header, name: &'static str) -> Result<Vec<u8>, Error> {
    let s = header.get(name).and_then(|v| v.as_str()).ok_or(HeaderError::MissingKeyWrapParameter)?;
    base64url::decode(s).map_err(|_| HeaderError::MissingKeyWrapParameter.into())
}
