//! The EC public key handle: a validated point.

use core::fmt;
use std::sync::OnceLock;

use aws_lc_rs::signature::ParsedPublicKey;

use p256::elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use p256::elliptic_curve::{AffinePoint, CurveArithmetic, FieldBytesSize, PublicKey};

use super::{ecdsa, supported};
use crate::{Curve, Error, KeyRejected};

/// A public key on P-256, P-384, P-521 or secp256k1, checked to be a point on
/// the curve (not the identity) when it was built.
///
/// Holds the uncompressed SEC1 encoding, AWS-LC's parsed key once made
/// (ECDSA on P-256, P-384, P-521), and the RustCrypto curve crate's point
/// where jot uses it (ECDSA on secp256k1).
#[derive(Clone)]
pub struct EcPublicKey {
    curve: Curve,
    /// `0x04 || x || y`.
    sec1: Box<[u8]>,
    pub(super) point: Point,
    /// AWS-LC's parsed key (P-256, P-384 and P-521 ECDSA), made on first
    /// verification (an ECDH-ES ephemeral key never makes one) and copied
    /// with the handle once made (AWS-LC shares it by reference count).
    parsed: OnceLock<Option<ParsedPublicKey>>,
}

#[derive(Clone)]
pub(super) enum Point {
    /// Checked on the curve with p256 when built; AWS-LC and ring use the
    /// SEC1 bytes.
    P256,
    /// As P256, with p384.
    P384,
    P521(p521::ecdsa::VerifyingKey),
    Secp256k1(k256::ecdsa::VerifyingKey),
}

impl EcPublicKey {
    /// Builds a key from its affine coordinates (the JWK `x` and `y`,
    /// decoded), each exactly [`Curve::coordinate_len`] bytes.
    ///
    /// Errors (`Error::KeyRejected`): `UnsupportedCurve` for a curve other
    /// than P-256, P-384, P-521, secp256k1; `InvalidLength` for a coordinate
    /// of the wrong length; `NotOnCurve` if the point is not on the curve
    /// (coordinates not below the field prime included).
    ///
    /// ```
    /// use jot_crypto::{Curve, Error, KeyRejected, ec::EcPublicKey};
    /// let err = EcPublicKey::from_coordinates(Curve::P256, &[1; 32], &[2; 32]).unwrap_err();
    /// assert_eq!(err, Error::KeyRejected(KeyRejected::NotOnCurve));
    /// ```
    pub fn from_coordinates(curve: Curve, x: &[u8], y: &[u8]) -> Result<Self, Error> {
        let curve = supported(curve)?;
        let len = curve.coordinate_len();
        if x.len() != len || y.len() != len {
            return Err(KeyRejected::InvalidLength.into());
        }
        let mut sec1 = Vec::with_capacity(1 + 2 * len);
        sec1.push(0x04);
        sec1.extend_from_slice(x);
        sec1.extend_from_slice(y);
        Self::from_sec1(curve, &sec1)
    }

    /// Builds a key from a SEC1 point, uncompressed (`0x04 || x || y`) or
    /// compressed (`0x02`/`0x03 || x`).
    ///
    /// Errors as for [`from_coordinates`](Self::from_coordinates), plus
    /// `InvalidComponent` for any other leading octet (the identity, hybrid
    /// or compact forms).
    pub fn from_sec1(curve: Curve, point: &[u8]) -> Result<Self, Error> {
        let curve = supported(curve)?;
        let len = curve.coordinate_len();
        let expected = match point.first() {
            Some(0x04) => 1 + 2 * len,
            Some(0x02 | 0x03) => 1 + len,
            Some(_) => return Err(KeyRejected::InvalidComponent.into()),
            None => return Err(KeyRejected::InvalidLength.into()),
        };
        if point.len() != expected {
            return Err(KeyRejected::InvalidLength.into());
        }
        let (point, sec1) = match curve {
            Curve::P256 => parse::<p256::NistP256>(point).map(|(_, s)| (Point::P256, s))?,
            Curve::P384 => parse::<p384::NistP384>(point).map(|(_, s)| (Point::P384, s))?,
            Curve::P521 => {
                let (p, s) = parse::<p521::NistP521>(point)?;
                let vk = p521::ecdsa::VerifyingKey::from_affine(*p.as_affine()).map_err(|_| KeyRejected::NotOnCurve)?;
                (Point::P521(vk), s)
            }
            Curve::Secp256k1 => {
                let (p, s) = parse::<k256::Secp256k1>(point)?;
                let vk = k256::ecdsa::VerifyingKey::from_affine(*p.as_affine()).map_err(|_| KeyRejected::NotOnCurve)?;
                (Point::Secp256k1(vk), s)
            }
            _ => return Err(KeyRejected::UnsupportedCurve.into()),
        };
        Ok(Self { curve, sec1, point, parsed: OnceLock::new() })
    }

    /// The curve.
    pub fn curve(&self) -> Curve {
        self.curve
    }

    /// The x coordinate, big-endian, [`Curve::coordinate_len`] bytes.
    pub fn x(&self) -> &[u8] {
        let len = self.curve.coordinate_len();
        self.sec1.get(1..1 + len).unwrap_or_default()
    }

    /// The y coordinate, big-endian, [`Curve::coordinate_len`] bytes.
    pub fn y(&self) -> &[u8] {
        let len = self.curve.coordinate_len();
        self.sec1.get(1 + len..).unwrap_or_default()
    }

    /// The uncompressed SEC1 encoding, `0x04 || x || y`.
    pub fn to_sec1_uncompressed(&self) -> Vec<u8> {
        self.sec1.to_vec()
    }

    pub(super) fn sec1(&self) -> &[u8] {
        &self.sec1
    }

    /// AWS-LC's parsed key for the curve's ECDSA, made once; `None` on a
    /// curve AWS-LC does not verify here or if it refuses the point.
    pub(super) fn parsed(&self) -> Option<&ParsedPublicKey> {
        use aws_lc_rs::signature as a;
        let alg: &'static a::EcdsaVerificationAlgorithm = match self.curve {
            Curve::P256 => &a::ECDSA_P256_SHA256_FIXED,
            Curve::P384 => &a::ECDSA_P384_SHA384_FIXED,
            Curve::P521 => &a::ECDSA_P521_SHA512_FIXED,
            _ => return None,
        };
        self.parsed.get_or_init(|| ParsedPublicKey::new(alg, &self.sec1).ok()).as_ref()
    }

    /// Verifies an ECDSA signature over `msg`, hashed with the curve's JOSE
    /// hash (SHA-256 for P-256 and secp256k1, SHA-384 for P-384, SHA-512 for
    /// P-521). `sig` is raw `r || s` of exactly twice the coordinate length,
    /// with `r` and `s` in `[1, n-1]`. Any failure is
    /// `Error::InvalidSignature`.
    ///
    /// High-S signatures are valid ECDSA and are accepted on every curve,
    /// secp256k1 included: neither JWA nor RFC 8812 requires low S.
    pub fn verify_ecdsa(&self, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        if sig.len() != 2 * self.curve.coordinate_len() {
            return Err(Error::InvalidSignature);
        }
        ecdsa::verify(self, msg, sig)
    }
}

/// Decodes and validates a SEC1 point, returning the point and its
/// uncompressed encoding.
fn parse<C>(bytes: &[u8]) -> Result<(PublicKey<C>, Box<[u8]>), KeyRejected>
where
    C: CurveArithmetic,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    FieldBytesSize<C>: ModulusSize,
{
    let key = PublicKey::<C>::from_sec1_bytes(bytes).map_err(|_| KeyRejected::NotOnCurve)?;
    let uncompressed = key.to_sec1_point(false);
    Ok((key, uncompressed.as_bytes().into()))
}

impl fmt::Debug for EcPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcPublicKey").field("curve", &self.curve).finish_non_exhaustive()
    }
}

impl PartialEq for EcPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.curve == other.curve && self.sec1 == other.sec1
    }
}

impl Eq for EcPublicKey {}
