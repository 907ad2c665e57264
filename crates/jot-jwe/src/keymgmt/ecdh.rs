//! ECDH-ES key agreement (RFC 7518 section 4.6, RFC 8037 section 3.2):
//! ephemeral-static ECDH on P-256, P-384, P-521 and X25519, then the Concat
//! KDF.

use jot_core::alg::{Curve, JweAlgorithm, KeyType};
use jot_core::json::{Object, Value};
use jot_core::{Secret, base64url};
use jot_crypto::ec::EcPrivateKey;
use jot_crypto::kdf;
use jot_crypto::okp::X25519PrivateKey;
use jot_jwk::{DecryptionMaterial, EncryptionMaterial, Jwk};

use crate::error::{Error, HeaderError, Part};
use crate::header::Header;

/// The `apu` and `apv` values (decoded) the sender put in the header; they
/// enter the Concat KDF on both sides (RFC 7518 section 4.6.2).
#[derive(Default)]
pub(crate) struct PartyInfo {
    pub(crate) apu: Vec<u8>,
    pub(crate) apv: Vec<u8>,
}

/// Sender side: a fresh ephemeral key on the recipient's curve, the shared
/// secret, and the derived key; returns it with the `epk` header.
pub(crate) fn agree_sender(
    material: &EncryptionMaterial,
    alg_id: &[u8],
    party: &PartyInfo,
    key_len: usize,
) -> Result<(Secret, Object), Error> {
    let crypto = Error::Crypto;
    let mut epk = Object::new();
    let z = match material {
        EncryptionMaterial::Ec(recipient) => {
            let eph = EcPrivateKey::generate(recipient.curve()).map_err(crypto)?;
            let public = eph.public_key();
            epk.insert("kty", "EC");
            epk.insert("crv", recipient.curve().name());
            epk.insert("x", base64url::encode(public.x()));
            epk.insert("y", base64url::encode(public.y()));
            eph.ecdh(recipient).map_err(crypto)?
        }
        EncryptionMaterial::X25519(recipient) => {
            let eph = X25519PrivateKey::generate().map_err(crypto)?;
            epk.insert("kty", "OKP");
            epk.insert("crv", Curve::X25519.name());
            epk.insert("x", base64url::encode(eph.public_key().as_bytes()));
            eph.diffie_hellman(recipient).map_err(crypto)?
        }
        _ => return Err(Error::ApiMisuse("ECDH-ES needs an EC or X25519 key")),
    };
    let key = kdf::concat_kdf(z.expose(), alg_id, &party.apu, &party.apv, key_len).map_err(crypto)?;
    let mut params = Object::new();
    params.insert("epk", epk);
    Ok((key, params))
}

/// Recipient side: validates `epk` (a public key on the recipient's curve,
/// a valid point, not of low order) and derives the key.
pub(crate) fn agree_recipient(
    material: &DecryptionMaterial,
    header: &Header,
    alg_id: &[u8],
    key_len: usize,
) -> Result<Secret, Error> {
    let invalid = || Error::Header(HeaderError::InvalidEpk);
    let epk = match header.get("epk") {
        Some(Value::Object(o)) => o,
        _ => return Err(invalid()),
    };
    // kty and private members are judged from the names before anything
    // is decoded or checked.
    let epk = Jwk::public_from_token(epk, &[KeyType::Ec, KeyType::Okp]).map_err(|_| invalid())?;
    let epk = epk.encrypting_key(JweAlgorithm::EcdhEs).map_err(|_| invalid())?;
    let z = match (material, epk.material()) {
        (DecryptionMaterial::Ec(private), EncryptionMaterial::Ec(public)) if private.curve() == public.curve() => {
            private.ecdh(public).map_err(|_| invalid())?
        }
        (DecryptionMaterial::X25519(private), EncryptionMaterial::X25519(public)) => {
            // An all-zero shared secret (a low-order point) is refused here.
            private.diffie_hellman(public).map_err(|_| invalid())?
        }
        _ => return Err(invalid()),
    };
    let apu = optional_bytes(header, "apu")?;
    let apv = optional_bytes(header, "apv")?;
    kdf::concat_kdf(z.expose(), alg_id, &apu, &apv, key_len).map_err(Error::Crypto)
}

fn optional_bytes(header: &Header, name: &'static str) -> Result<Vec<u8>, Error> {
    match header.get(name).and_then(Value::as_str) {
        None => Ok(Vec::new()),
        Some(s) => base64url::decode(s)
            .map_err(|_| Error::Json(Part::ProtectedHeader, jot_core::JsonError::InvalidValue { member: name })),
    }
}
