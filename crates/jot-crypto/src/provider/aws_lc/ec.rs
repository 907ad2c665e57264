//! ECDSA (P-256, P-384, P-521, secp256k1) and static ECDH (P-256, P-384,
//! P-521) on AWS-LC.
//!
//! A public key is parsed once into AWS-LC's key for the curve's JOSE
//! ECDSA algorithm; parsing is the validation (a point off the curve, a
//! coordinate not below the field prime, the identity are refused). A
//! private key is one AWS-LC `EcdsaKeyPair`; the ECDH key for the same
//! scalar is made when a key agreement first needs it.

use std::sync::OnceLock;

use aws_lc_rs::agreement;
use aws_lc_rs::encoding::{AsBigEndian, AsDer};
use aws_lc_rs::signature::{self as sig, EcdsaKeyPair, KeyPair as _, ParsedPublicKey};
use jot_core::Secret;

use crate::{Curve, Error, KeyRejected};

fn verify_alg(curve: Curve) -> Result<&'static sig::EcdsaVerificationAlgorithm, KeyRejected> {
    Ok(match curve {
        Curve::P256 => &sig::ECDSA_P256_SHA256_FIXED,
        Curve::P384 => &sig::ECDSA_P384_SHA384_FIXED,
        Curve::P521 => &sig::ECDSA_P521_SHA512_FIXED,
        Curve::Secp256k1 => &sig::ECDSA_P256K1_SHA256_FIXED,
        _ => return Err(KeyRejected::UnsupportedCurve),
    })
}

fn signing_alg(curve: Curve) -> Result<&'static sig::EcdsaSigningAlgorithm, KeyRejected> {
    Ok(match curve {
        Curve::P256 => &sig::ECDSA_P256_SHA256_FIXED_SIGNING,
        Curve::P384 => &sig::ECDSA_P384_SHA384_FIXED_SIGNING,
        Curve::P521 => &sig::ECDSA_P521_SHA512_FIXED_SIGNING,
        Curve::Secp256k1 => &sig::ECDSA_P256K1_SHA256_FIXED_SIGNING,
        _ => return Err(KeyRejected::UnsupportedCurve),
    })
}

fn ecdh_alg(curve: Curve) -> Option<&'static agreement::Algorithm> {
    match curve {
        Curve::P256 => Some(&agreement::ECDH_P256),
        Curve::P384 => Some(&agreement::ECDH_P384),
        Curve::P521 => Some(&agreement::ECDH_P521),
        _ => None,
    }
}

/// The DER OID (tag, length, value) of each curve, for an RFC 5915
/// `ECPrivateKey` without its public key.
fn curve_oid(curve: Curve) -> Result<&'static [u8], KeyRejected> {
    Ok(match curve {
        // 1.2.840.10045.3.1.7
        Curve::P256 => &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
        // 1.3.132.0.34
        Curve::P384 => &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22],
        // 1.3.132.0.35
        Curve::P521 => &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23],
        // 1.3.132.0.10
        Curve::Secp256k1 => &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a],
        _ => return Err(KeyRejected::UnsupportedCurve),
    })
}

/// A validated public point, parsed for ECDSA.
#[derive(Clone)]
pub(crate) struct PublicKey {
    parsed: ParsedPublicKey,
}

impl PublicKey {
    /// Parses and validates a SEC1 point (uncompressed or compressed; the
    /// caller checked the leading octet and length). Returns the key and
    /// the point's uncompressed encoding.
    pub(crate) fn from_sec1(curve: Curve, point: &[u8]) -> Result<(Self, Box<[u8]>), KeyRejected> {
        let parsed = ParsedPublicKey::new(verify_alg(curve)?, point).map_err(|_| KeyRejected::NotOnCurve)?;
        let uncompressed: Box<[u8]> =
            if point.first() == Some(&0x04) { point.into() } else { uncompressed_from_spki(&parsed, curve)? };
        Ok((Self { parsed }, uncompressed))
    }

    /// ECDSA with the curve's JOSE hash over raw `r || s` (the caller
    /// checked its length). High-S signatures verify.
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        self.parsed.verify_sig(msg, sig).is_ok()
    }
}

/// The uncompressed point of a key AWS-LC parsed from a compressed one:
/// the SubjectPublicKeyInfo AWS-LC writes ends with the point, uncompressed.
fn uncompressed_from_spki(parsed: &ParsedPublicKey, curve: Curve) -> Result<Box<[u8]>, KeyRejected> {
    let der = parsed.as_der().map_err(|_| KeyRejected::InvalidComponent)?;
    let der = der.as_ref();
    let len = 1 + 2 * curve.coordinate_len();
    let point = der.len().checked_sub(len).and_then(|start| der.get(start..)).ok_or(KeyRejected::InvalidComponent)?;
    if point.first() == Some(&0x04) { Ok(point.into()) } else { Err(KeyRejected::InvalidComponent) }
}

/// A private scalar as one AWS-LC key pair.
pub(crate) struct PrivateKey {
    curve: Curve,
    pair: EcdsaKeyPair,
    /// The same scalar as AWS-LC's ECDH key, made on first key agreement.
    ecdh: OnceLock<Option<agreement::PrivateKey>>,
}

impl PrivateKey {
    /// `1 <= d < n` (exactly the coordinate length: the caller checked).
    /// Returns the key and its public point, uncompressed.
    pub(crate) fn from_scalar(curve: Curve, d: &[u8]) -> Result<(Self, Box<[u8]>), KeyRejected> {
        let oid = curve_oid(curve)?;
        // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
        //   parameters [0] OID }  (RFC 5915; AWS-LC computes the public key)
        let body_len = 3 + 2 + d.len() + 2 + oid.len();
        let mut der = zeroize::Zeroizing::new(Vec::with_capacity(body_len + 3));
        der.push(0x30);
        if body_len >= 0x80 {
            der.push(0x81);
        }
        der.push(u8::try_from(body_len).map_err(|_| KeyRejected::InvalidLength)?);
        der.extend_from_slice(&[0x02, 0x01, 0x01, 0x04]);
        der.push(u8::try_from(d.len()).map_err(|_| KeyRejected::InvalidLength)?);
        der.extend_from_slice(d);
        der.push(0xa0);
        der.push(u8::try_from(oid.len()).map_err(|_| KeyRejected::InvalidLength)?);
        der.extend_from_slice(oid);
        let pair =
            EcdsaKeyPair::from_private_key_der(signing_alg(curve)?, &der).map_err(|_| KeyRejected::InvalidScalar)?;
        let public: Box<[u8]> = pair.public_key().as_ref().into();
        Ok((Self { curve, pair, ecdh: OnceLock::new() }, public))
    }

    /// The scalar, big-endian, the coordinate length.
    pub(crate) fn scalar(&self) -> Secret {
        match self.pair.private_key().as_be_bytes() {
            Ok(bin) => Secret::from(bin.as_ref()),
            Err(_) => Secret::new(Vec::new()),
        }
    }

    /// ECDSA over `msg` with the curve's JOSE hash: raw `r || s`,
    /// randomized (AWS-LC's nonce).
    pub(crate) fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, Error> {
        // AWS-LC fails here only if its RNG does.
        let sig = self.pair.sign(&aws_lc_rs::rand::SystemRandom::new(), msg).map_err(|_| Error::Random)?;
        Ok(sig.as_ref().to_vec())
    }

    /// Static ECDH with a validated peer point (uncompressed SEC1) on the
    /// same curve: the x coordinate of `d * peer`.
    pub(crate) fn ecdh(&self, peer: &[u8]) -> Result<Secret, Error> {
        let alg = ecdh_alg(self.curve).ok_or(Error::Unsupported)?;
        let key = self
            .ecdh
            .get_or_init(|| {
                let d = self.scalar();
                agreement::PrivateKey::from_private_key(alg, d.expose()).ok()
            })
            .as_ref()
            .ok_or(Error::KeyRejected(KeyRejected::InvalidScalar))?;
        let peer = agreement::UnparsedPublicKey::new(alg, peer);
        // The shared secret is copied once into a `Secret` (zeroized on drop).
        agreement::agree(key, peer, Error::KeyRejected(KeyRejected::NotOnCurve), |z| Ok(Secret::from(z)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compressed form of a point parses to the same uncompressed point.
    #[test]
    fn compressed_points_decompress() {
        for curve in [Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1] {
            let mut d = vec![0u8; curve.coordinate_len()];
            if let Some(last) = d.last_mut() {
                *last = 7;
            }
            let (_, public) = PrivateKey::from_scalar(curve, &d).unwrap();
            let len = curve.coordinate_len();
            let y_odd = public.last().is_some_and(|b| b & 1 == 1);
            let mut compressed = vec![if y_odd { 0x03 } else { 0x02 }];
            compressed.extend_from_slice(public.get(1..=len).unwrap());
            let (_, decompressed) = PublicKey::from_sec1(curve, &compressed).unwrap();
            assert_eq!(decompressed, public, "{curve:?}");
        }
    }
}
