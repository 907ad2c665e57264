//! The EC public key handle: a validated point.

use core::fmt;

use super::supported;
use crate::{Curve, Error, KeyRejected, provider};

/// A public key on P-256, P-384, P-521 or secp256k1, checked to be a point on
/// the curve (not the identity) when it was built.
///
/// Holds the uncompressed SEC1 encoding and the provider's parsed key.
#[derive(Clone)]
pub struct EcPublicKey {
    curve: Curve,
    /// `0x04 || x || y`.
    sec1: Box<[u8]>,
    key: provider::ec::PublicKey,
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
        let (key, sec1) = provider::ec::PublicKey::from_sec1(curve, point)?;
        Ok(Self { curve, sec1, key })
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

    /// Verifies an ECDSA signature over `msg`, hashed with the curve's JOSE
    /// hash (SHA-256 for P-256 and secp256k1, SHA-384 for P-384, SHA-512 for
    /// P-521). `sig` is raw `r || s` of exactly twice the coordinate length,
    /// with `r` and `s` in `[1, n-1]`. Any failure is
    /// `Error::InvalidSignature`.
    ///
    /// High-S signatures are valid ECDSA and are accepted on every curve,
    /// secp256k1 included: neither JWA nor RFC 8812 requires low S.
    pub fn verify_ecdsa(&self, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        if sig.len() == 2 * self.curve.coordinate_len() && self.key.verify(msg, sig) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
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
