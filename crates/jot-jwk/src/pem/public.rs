//! Public keys through jot-crypto: decoding SEC1 points (which checks that
//! they are on the curve) and deriving the public part of a private key that
//! was stored without it (SEC1 without `publicKey`, PKCS#8 v1 Ed25519 and
//! X25519).

use jot_core::alg::Curve;
use jot_crypto::ec::{EcPrivateKey, EcPublicKey};
use jot_crypto::okp::{Ed25519PrivateKey, X25519PrivateKey};

use super::unsupported;
use crate::Error;

/// An EC public point as fixed-length affine coordinates.
pub(super) struct Coordinates {
    /// The x coordinate.
    pub(super) x: Vec<u8>,
    /// The y coordinate.
    pub(super) y: Vec<u8>,
}

/// Decodes a SEC1 `Elliptic-Curve-Point-to-Octet-String` encoding
/// (compressed or uncompressed); a point off the curve is refused.
pub(super) fn ec_point(curve: Curve, point: &[u8]) -> Result<Coordinates, Error> {
    let public = EcPublicKey::from_sec1(curve, point)?;
    Ok(Coordinates { x: public.x().to_vec(), y: public.y().to_vec() })
}

/// The public point of an EC private scalar (fixed length, big-endian).
pub(super) fn ec_public(curve: Curve, d: &[u8]) -> Result<Coordinates, Error> {
    let private = EcPrivateKey::from_scalar(curve, d, None)?;
    let public = private.public_key();
    Ok(Coordinates { x: public.x().to_vec(), y: public.y().to_vec() })
}

/// The public key of an Ed25519 seed or an X25519 private key.
pub(super) fn okp_public(curve: Curve, d: &[u8]) -> Result<Vec<u8>, Error> {
    match curve {
        Curve::Ed25519 => Ok(Ed25519PrivateKey::from_seed(d, None)?.public_key().as_bytes().to_vec()),
        Curve::X25519 => Ok(X25519PrivateKey::from_bytes(d, None)?.public_key().as_bytes().to_vec()),
        _ => Err(unsupported()),
    }
}
