//! ECDSA (P-256, P-384, P-521, secp256k1) and static ECDH (P-256, P-384,
//! P-521) with the RustCrypto curve crates. Scalars are zeroized on drop.
//!
//! Signatures are deterministic (RFC 6979); secp256k1 signatures are low-S
//! and verification normalizes S first, since k256 refuses high-S (a
//! Bitcoin rule JOSE does not have).

use jot_core::Secret;
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use p256::elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use p256::elliptic_curve::{AffinePoint, CurveArithmetic, FieldBytes, FieldBytesSize, SecretKey};
use zeroize::Zeroize as _;

use crate::{Curve, Error, KeyRejected};

/// A validated public point.
#[derive(Clone)]
pub(crate) enum PublicKey {
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
    Secp256k1(k256::ecdsa::VerifyingKey),
}

/// Decodes and validates a SEC1 point: the curve crate's public key and the
/// uncompressed encoding.
fn parse<C>(bytes: &[u8]) -> Result<(p256::elliptic_curve::PublicKey<C>, Box<[u8]>), KeyRejected>
where
    C: CurveArithmetic,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    FieldBytesSize<C>: ModulusSize,
{
    let key = p256::elliptic_curve::PublicKey::<C>::from_sec1_bytes(bytes).map_err(|_| KeyRejected::NotOnCurve)?;
    let uncompressed = key.to_sec1_point(false);
    Ok((key, uncompressed.as_bytes().into()))
}

impl PublicKey {
    /// Parses and validates a SEC1 point (uncompressed or compressed; the
    /// caller checked the leading octet and length).
    pub(crate) fn from_sec1(curve: Curve, point: &[u8]) -> Result<(Self, Box<[u8]>), KeyRejected> {
        Ok(match curve {
            Curve::P256 => {
                let (p, s) = parse::<p256::NistP256>(point)?;
                (Self::P256(p.into()), s)
            }
            Curve::P384 => {
                let (p, s) = parse::<p384::NistP384>(point)?;
                (Self::P384(p.into()), s)
            }
            Curve::P521 => {
                let (p, s) = parse::<p521::NistP521>(point)?;
                let vk = p521::ecdsa::VerifyingKey::from_affine(*p.as_affine()).map_err(|_| KeyRejected::NotOnCurve)?;
                (Self::P521(vk), s)
            }
            Curve::Secp256k1 => {
                let (p, s) = parse::<k256::Secp256k1>(point)?;
                (Self::Secp256k1(p.into()), s)
            }
            _ => return Err(KeyRejected::UnsupportedCurve),
        })
    }

    /// ECDSA with the curve's JOSE hash over raw `r || s` (the caller
    /// checked its length); `from_slice` refuses r or s outside [1, n-1].
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        match self {
            Self::P256(vk) => p256::ecdsa::Signature::from_slice(sig).is_ok_and(|s| vk.verify(msg, &s).is_ok()),
            Self::P384(vk) => p384::ecdsa::Signature::from_slice(sig).is_ok_and(|s| vk.verify(msg, &s).is_ok()),
            Self::P521(vk) => p521::ecdsa::Signature::from_slice(sig).is_ok_and(|s| vk.verify(msg, &s).is_ok()),
            Self::Secp256k1(vk) => {
                k256::ecdsa::Signature::from_slice(sig).is_ok_and(|s| vk.verify(msg, &s.normalize_s()).is_ok())
            }
        }
    }
}

/// A private scalar.
pub(crate) enum PrivateKey {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
    Secp256k1(k256::ecdsa::SigningKey),
}

/// `1 <= d < n`, from exactly the field size in bytes.
fn secret_key<C: p256::elliptic_curve::Curve>(d: &[u8]) -> Result<SecretKey<C>, KeyRejected> {
    let bytes = <&FieldBytes<C>>::try_from(d).map_err(|_| KeyRejected::InvalidLength)?;
    SecretKey::<C>::from_bytes(bytes).map_err(|_| KeyRejected::InvalidScalar)
}

fn take(mut bytes: impl AsMut<[u8]>) -> Secret {
    let out = Secret::new(bytes.as_mut().to_vec());
    bytes.as_mut().zeroize();
    out
}

impl PrivateKey {
    /// `1 <= d < n` (exactly the coordinate length: the caller checked).
    /// Returns the key and its public point, uncompressed.
    pub(crate) fn from_scalar(curve: Curve, d: &[u8]) -> Result<(Self, Box<[u8]>), KeyRejected> {
        Ok(match curve {
            Curve::P256 => {
                let key = p256::ecdsa::SigningKey::from(secret_key::<p256::NistP256>(d)?);
                let sec1 = key.verifying_key().to_sec1_point(false).as_bytes().into();
                (Self::P256(key), sec1)
            }
            Curve::P384 => {
                let key = p384::ecdsa::SigningKey::from(secret_key::<p384::NistP384>(d)?);
                let sec1 = key.verifying_key().to_sec1_point(false).as_bytes().into();
                (Self::P384(key), sec1)
            }
            Curve::P521 => {
                let key = p521::ecdsa::SigningKey::from(secret_key::<p521::NistP521>(d)?);
                let sec1 = key.verifying_key().to_sec1_point(false).as_bytes().into();
                (Self::P521(key), sec1)
            }
            Curve::Secp256k1 => {
                let key = k256::ecdsa::SigningKey::from(secret_key::<k256::Secp256k1>(d)?);
                let sec1 = key.verifying_key().to_sec1_point(false).as_bytes().into();
                (Self::Secp256k1(key), sec1)
            }
            _ => return Err(KeyRejected::UnsupportedCurve),
        })
    }

    /// The scalar, big-endian, the coordinate length.
    pub(crate) fn scalar(&self) -> Secret {
        match self {
            Self::P256(k) => take(k.to_bytes()),
            Self::P384(k) => take(k.to_bytes()),
            Self::P521(k) => take(k.to_bytes()),
            Self::Secp256k1(k) => take(k.to_bytes()),
        }
    }

    /// ECDSA over `msg` with the curve's JOSE hash: raw `r || s`,
    /// deterministic (RFC 6979).
    pub(crate) fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, Error> {
        match self {
            Self::P256(k) => k.try_sign(msg).map(|s: p256::ecdsa::Signature| s.to_bytes().to_vec()),
            Self::P384(k) => k.try_sign(msg).map(|s: p384::ecdsa::Signature| s.to_bytes().to_vec()),
            Self::P521(k) => k.try_sign(msg).map(|s: p521::ecdsa::Signature| s.to_bytes().to_vec()),
            Self::Secp256k1(k) => k.try_sign(msg).map(|s: k256::ecdsa::Signature| s.to_bytes().to_vec()),
        }
        .map_err(|_| Error::Unsupported)
    }

    /// Static ECDH with a validated peer point (uncompressed SEC1) on the
    /// same curve: the x coordinate of `d * peer`.
    pub(crate) fn ecdh(&self, peer: &[u8]) -> Result<Secret, Error> {
        fn agree<C>(secret: &SecretKey<C>, peer: &[u8]) -> Result<Secret, Error>
        where
            C: CurveArithmetic,
            AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
            FieldBytesSize<C>: ModulusSize,
        {
            let (public, _) = parse::<C>(peer)?;
            let shared = p256::elliptic_curve::ecdh::diffie_hellman(secret.to_nonzero_scalar(), public.as_affine());
            Ok(Secret::from(shared.raw_secret_bytes().as_slice()))
        }
        match self {
            Self::P256(k) => agree(&SecretKey::from(k.as_nonzero_scalar()), peer),
            Self::P384(k) => agree(&SecretKey::from(k.as_nonzero_scalar()), peer),
            Self::P521(k) => agree(&p521::SecretKey::from(k.as_nonzero_scalar()), peer),
            Self::Secp256k1(_) => Err(Error::Unsupported),
        }
    }
}
