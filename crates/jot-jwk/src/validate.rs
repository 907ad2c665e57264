//! The checks every [`Jwk`](crate::Jwk) passes when it is made.

use std::sync::Arc;

use jot_core::JsonError;
use jot_core::alg::{Curve, JwsFamily};
use jot_crypto::KeyRejected;
use jot_crypto::ec::{EcPrivateKey, EcPublicKey};
use jot_crypto::ml_dsa::{MlDsaPrivateKey, MlDsaPublicKey};
use jot_crypto::okp::{Ed25519PrivateKey, Ed25519PublicKey, X25519PrivateKey, X25519PublicKey};
use jot_crypto::rsa::{RsaPrivateComponents, RsaPrivateKey, RsaPublicKey};

use crate::Error;
use crate::checked::Checked;
use crate::key::Key;
use crate::params::{JwkAlgorithm, KeyUse, Parameters};

/// Checks key material and builds its crypto handle: lengths, points on the
/// curve, RSA size and exponent, private part matching public part.
pub(crate) fn check_key(key: &Key) -> Result<Checked, Error> {
    Ok(match key {
        Key::Rsa(k) => {
            let public = RsaPublicKey::from_components(&k.n, &k.e)?;
            match &k.private {
                None => Checked::RsaPublic(Arc::new(public)),
                Some(p) => Checked::RsaPrivate(Arc::new(RsaPrivateKey::from_components(&RsaPrivateComponents {
                    n: &k.n,
                    e: &k.e,
                    d: p.d.expose(),
                    p: p.p.expose(),
                    q: p.q.expose(),
                    dp: p.dp.expose(),
                    dq: p.dq.expose(),
                    qi: p.qi.expose(),
                })?)),
            }
        }
        Key::Ec(k) => {
            if !matches!(k.crv, Curve::P256 | Curve::P384 | Curve::P521 | Curve::Secp256k1) {
                return Err(Error::UnsupportedCurve);
            }
            let public = EcPublicKey::from_coordinates(k.crv, &k.x, &k.y)?;
            match &k.d {
                None => Checked::EcPublic(Arc::new(public)),
                Some(d) => Checked::EcPrivate(Arc::new(EcPrivateKey::from_scalar(k.crv, d.expose(), Some(&public))?)),
            }
        }
        Key::Okp(k) => match k.crv {
            Curve::Ed25519 => {
                let public = Ed25519PublicKey::from_bytes(&k.x)?;
                match &k.d {
                    None => Checked::Ed25519Public(Arc::new(public)),
                    Some(d) => {
                        Checked::Ed25519Private(Arc::new(Ed25519PrivateKey::from_seed(d.expose(), Some(&public))?))
                    }
                }
            }
            Curve::X25519 => {
                let public = X25519PublicKey::from_bytes(&k.x)?;
                match &k.d {
                    None => Checked::X25519Public(Arc::new(public)),
                    Some(d) => {
                        Checked::X25519Private(Arc::new(X25519PrivateKey::from_bytes(d.expose(), Some(&public))?))
                    }
                }
            }
            Curve::Ed448 | Curve::X448 => {
                // Parsed and length-checked so a key set holding them loads;
                // binding them for use reports UnsupportedCurve.
                let len = k.crv.coordinate_len();
                if k.x.len() != len || k.d.as_ref().is_some_and(|d| d.len() != len) {
                    return Err(Error::Key(KeyRejected::InvalidLength));
                }
                Checked::UnsupportedOkp
            }
            _ => return Err(Error::UnsupportedCurve),
        },
        Key::Oct(k) => {
            if k.k.is_empty() {
                return Err(Error::Key(KeyRejected::InvalidLength));
            }
            Checked::Oct
        }
        Key::Akp(k) => {
            // The key's `alg` decides its lengths: exactly the parameter
            // set's public key, a 32-byte seed, and the seed's public key
            // equal to `pub` (a `priv` beside someone else's `pub` would
            // sign as one key and publish another).
            let JwsFamily::MlDsa(level) = k.alg.family() else {
                return Err(Error::KeyTypeMismatch);
            };
            let public = MlDsaPublicKey::from_bytes(level, &k.public)?;
            match &k.private {
                None => Checked::MlDsaPublic(Arc::new(public)),
                Some(seed) => {
                    Checked::MlDsaPrivate(Arc::new(MlDsaPrivateKey::from_seed(level, seed.expose(), Some(&public))?))
                }
            }
        }
    })
}

/// Checks the parameters against each other and against the key: `use` and
/// `key_ops` consistent, no duplicate `key_ops`, and the X.509 members
/// matching the key.
pub(crate) fn check_params(key: &Key, params: &Parameters) -> Result<(), Error> {
    if let Some(ops) = &params.key_ops {
        for (i, op) in ops.iter().enumerate() {
            if ops.iter().skip(i + 1).any(|o| o == op) {
                return Err(Error::InconsistentUsage);
            }
            if let (Some(u @ (KeyUse::Sig | KeyUse::Enc)), Some(implied)) = (&params.key_use, op.implied_use())
                && *u != implied
            {
                return Err(Error::InconsistentUsage);
            }
        }
    }
    // An AKP key's `alg` is part of the key (RFC 9964): the parameters
    // must name that same algorithm, so the JWK written out says what the
    // key is.
    if let Key::Akp(k) = key {
        match &params.alg {
            None => return Err(Error::Json(JsonError::Missing { member: "alg" })),
            Some(JwkAlgorithm::Jws(a)) if *a == k.alg => {}
            Some(_) => return Err(Error::AlgorithmMismatch),
        }
    }
    // A JWK whose own `alg` cannot be used with its key type or curve is
    // malformed. A curve jot parses but does not implement (Ed448, X448) is
    // reported when the key is bound, not here.
    let fits = match &params.alg {
        Some(JwkAlgorithm::Jws(a)) => crate::bind::jws_fits(*a, key),
        Some(JwkAlgorithm::Jwe(a)) => crate::bind::jwe_fits(*a, key),
        Some(JwkAlgorithm::Enc(_)) if !matches!(key, Key::Oct(_)) => Err(Error::KeyTypeMismatch),
        _ => Ok(()),
    };
    match fits {
        Ok(()) | Err(Error::UnsupportedCurve) => {}
        Err(e) => return Err(e),
    }
    if let Some(t) = &params.x5t
        && t.len() != 20
    {
        return Err(Error::Json(JsonError::InvalidValue { member: "x5t" }));
    }
    if let Some(t) = &params.x5t_s256
        && t.len() != 32
    {
        return Err(Error::Json(JsonError::InvalidValue { member: "x5t#S256" }));
    }
    if let Some(chain) = &params.x5c {
        let first = chain.first().ok_or(Error::X5cMismatch)?;
        let cert_key = crate::pem::certificate_public_key(first).map_err(|_| Error::X5cMismatch)?;
        if key.to_public().as_ref() != Some(&cert_key) {
            return Err(Error::X5cMismatch);
        }
        if let Some(t) = &params.x5t {
            let d = jot_crypto::hash::sha1_for_x5t(first);
            if !constant_time_eq(&d, t) {
                return Err(Error::X5tMismatch);
            }
        }
        if let Some(t) = &params.x5t_s256 {
            let d = jot_crypto::hash::digest(jot_core::alg::ShaAlg::Sha256, first);
            if !constant_time_eq(d.as_ref(), t) {
                return Err(Error::X5tMismatch);
            }
        }
    }
    Ok(())
}

/// Thumbprints are public, but there is no reason to compare them early-out.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
