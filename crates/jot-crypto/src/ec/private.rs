//! The EC private key handle.

use core::fmt;
use std::sync::Arc;

use jot_core::Secret;
use p256::elliptic_curve::sec1::ToSec1Point;
use p256::elliptic_curve::{Curve as EcCurve, FieldBytes, SecretKey};
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
use zeroize::{Zeroize, Zeroizing};

use super::public::EcPublicKey;
use super::{ecdh, ecdsa, supported};
use crate::{Curve, Error, KeyRejected};

/// A private key on P-256, P-384, P-521 or secp256k1. Cloning is cheap (the
/// key is shared).
///
/// The RustCrypto scalars are zeroized on drop; ring 0.17 does not zeroize
/// the copy inside its P-256/P-384 key pairs.
#[derive(Clone)]
pub struct EcPrivateKey {
    inner: Arc<Inner>,
}

struct Inner {
    public: EcPublicKey,
    scalar: Scalar,
}

pub(super) enum Scalar {
    P256 {
        secret: p256::SecretKey,
        ring: EcdsaKeyPair,
        ecdh: aws_lc_rs::agreement::PrivateKey,
    },
    P384 {
        secret: p384::SecretKey,
        awslc: aws_lc_rs::signature::EcdsaKeyPair,
        ecdh: aws_lc_rs::agreement::PrivateKey,
    },
    P521 {
        key: p521::ecdsa::SigningKey,
        awslc: aws_lc_rs::signature::EcdsaKeyPair,
        ecdh: aws_lc_rs::agreement::PrivateKey,
    },
    Secp256k1(k256::ecdsa::SigningKey),
}

impl EcPrivateKey {
    /// Builds a key from the big-endian private scalar `d` (the JWK `d`,
    /// decoded), exactly [`Curve::coordinate_len`] bytes. If `public` is
    /// given it must be the matching public key.
    ///
    /// Errors (`Error::KeyRejected`): `UnsupportedCurve`; `InvalidLength`;
    /// `InvalidScalar` unless `1 <= d < n`; `Inconsistent` if `public` is not
    /// `d`'s public key.
    pub fn from_scalar(curve: Curve, d: &[u8], public: Option<&EcPublicKey>) -> Result<Self, Error> {
        let curve = supported(curve)?;
        if d.len() != curve.coordinate_len() {
            return Err(KeyRejected::InvalidLength.into());
        }
        let (scalar, sec1) = match curve {
            Curve::P256 => {
                let secret = secret_key::<p256::NistP256>(d)?;
                let sec1 = secret.public_key().to_sec1_point(false);
                let ring = ring_pair(&ECDSA_P256_SHA256_FIXED_SIGNING, d, sec1.as_bytes())?;
                let ecdh = ecdh_key(&aws_lc_rs::agreement::ECDH_P256, d)?;
                (Scalar::P256 { secret, ring, ecdh }, sec1.as_bytes().to_vec())
            }
            Curve::P384 => {
                let secret = secret_key::<p384::NistP384>(d)?;
                let sec1 = secret.public_key().to_sec1_point(false);
                let awslc = awslc_pair(&aws_lc_rs::signature::ECDSA_P384_SHA384_FIXED_SIGNING, d, sec1.as_bytes())?;
                let ecdh = ecdh_key(&aws_lc_rs::agreement::ECDH_P384, d)?;
                (Scalar::P384 { secret, awslc, ecdh }, sec1.as_bytes().to_vec())
            }
            Curve::P521 => {
                let key = p521::ecdsa::SigningKey::from(secret_key::<p521::NistP521>(d)?);
                let sec1 = key.verifying_key().to_sec1_point(false).as_bytes().to_vec();
                let awslc = awslc_pair(&aws_lc_rs::signature::ECDSA_P521_SHA512_FIXED_SIGNING, d, &sec1)?;
                let ecdh = ecdh_key(&aws_lc_rs::agreement::ECDH_P521, d)?;
                (Scalar::P521 { key, awslc, ecdh }, sec1)
            }
            Curve::Secp256k1 => {
                let key = k256::ecdsa::SigningKey::from(secret_key::<k256::Secp256k1>(d)?);
                let sec1 = key.verifying_key().to_sec1_point(false).as_bytes().to_vec();
                (Scalar::Secp256k1(key), sec1)
            }
            _ => return Err(KeyRejected::UnsupportedCurve.into()),
        };
        let derived = EcPublicKey::from_sec1(curve, &sec1)?;
        if public.is_some_and(|given| *given != derived) {
            return Err(KeyRejected::Inconsistent.into());
        }
        Ok(Self { inner: Arc::new(Inner { public: derived, scalar }) })
    }

    /// Generates a key from the system RNG.
    pub fn generate(curve: Curve) -> Result<Self, Error> {
        let curve = supported(curve)?;
        let mut d = Zeroizing::new(vec![0u8; curve.coordinate_len()]);
        // Rejection sampling: a draw at or above n is retried. The chance is
        // below 2^-32 per draw on every curve, so the bound is never reached
        // with a working RNG.
        for _ in 0..64 {
            crate::rand::fill(&mut d)?;
            if curve == Curve::P521 {
                // 66 bytes hold 528 bits; the scalar has 521.
                if let Some(top) = d.first_mut() {
                    *top &= 0x01;
                }
            }
            match Self::from_scalar(curve, &d, None) {
                Err(Error::KeyRejected(KeyRejected::InvalidScalar)) => continue,
                other => return other,
            }
        }
        Err(Error::Random)
    }

    /// The public half.
    pub fn public_key(&self) -> &EcPublicKey {
        &self.inner.public
    }

    /// The curve.
    pub fn curve(&self) -> Curve {
        self.inner.public.curve()
    }

    /// The private scalar, big-endian, [`Curve::coordinate_len`] bytes.
    pub fn scalar(&self) -> Secret {
        fn take(mut bytes: impl AsMut<[u8]>) -> Secret {
            let out = Secret::new(bytes.as_mut().to_vec());
            bytes.as_mut().zeroize();
            out
        }
        match &self.inner.scalar {
            Scalar::P256 { secret, .. } => take(secret.to_bytes()),
            Scalar::P384 { secret, .. } => take(secret.to_bytes()),
            Scalar::P521 { key, .. } => take(key.to_bytes()),
            Scalar::Secp256k1(k) => take(k.to_bytes()),
        }
    }

    /// Signs `msg` with ECDSA and the curve's JOSE hash; returns raw `r || s`
    /// of twice the coordinate length. P-256 and P-384 signatures are
    /// randomized (ring, nonce hedged with the key and message); P-521 and
    /// secp256k1 signatures are deterministic (RFC 6979) and secp256k1's are
    /// low-S.
    pub fn sign_ecdsa(&self, msg: &[u8]) -> Result<Vec<u8>, Error> {
        match &self.inner.scalar {
            Scalar::P256 { ring, .. } => ecdsa::sign_ring(ring, msg),
            Scalar::P384 { awslc, .. } | Scalar::P521 { awslc, .. } => ecdsa::sign_awslc(awslc, msg),
            Scalar::Secp256k1(k) => ecdsa::sign_k256(k, msg),
        }
    }

    /// Static-key ECDH with `peer`: the shared secret `Z`, the x coordinate
    /// of `d * peer` ([`Curve::coordinate_len`] bytes), as ECDH-ES feeds to
    /// the Concat KDF.
    ///
    /// Errors: `KeyRejected::UnsupportedCurve` if `peer` is on another curve;
    /// `Error::Unsupported` on secp256k1 (JOSE defines no ECDH on it).
    pub fn ecdh(&self, peer: &EcPublicKey) -> Result<Secret, Error> {
        ecdh::agree(&self.inner.scalar, self.curve(), peer)
    }
}

/// `1 <= d < n`, from exactly the field size in bytes.
fn secret_key<C: EcCurve>(d: &[u8]) -> Result<SecretKey<C>, KeyRejected> {
    let bytes = <&FieldBytes<C>>::try_from(d).map_err(|_| KeyRejected::InvalidLength)?;
    SecretKey::<C>::from_bytes(bytes).map_err(|_| KeyRejected::InvalidScalar)
}

/// AWS-LC's key pair (P-384 and P-521 signing: 4.4x and 3.4x faster than
/// ring's P-384 and the p521 crate here).
fn awslc_pair(
    alg: &'static aws_lc_rs::signature::EcdsaSigningAlgorithm,
    d: &[u8],
    sec1: &[u8],
) -> Result<aws_lc_rs::signature::EcdsaKeyPair, KeyRejected> {
    aws_lc_rs::signature::EcdsaKeyPair::from_private_key_and_public_key(alg, d, sec1)
        .map_err(|_| KeyRejected::Inconsistent)
}

/// AWS-LC's static ECDH key (ECDH-ES with a recipient's own key: about 5x
/// faster than the RustCrypto curve crates here; ring has ephemeral ECDH
/// only).
fn ecdh_key(
    alg: &'static aws_lc_rs::agreement::Algorithm,
    d: &[u8],
) -> Result<aws_lc_rs::agreement::PrivateKey, KeyRejected> {
    aws_lc_rs::agreement::PrivateKey::from_private_key(alg, d).map_err(|_| KeyRejected::InvalidScalar)
}

fn ring_pair(
    alg: &'static ring::signature::EcdsaSigningAlgorithm,
    d: &[u8],
    sec1: &[u8],
) -> Result<EcdsaKeyPair, KeyRejected> {
    EcdsaKeyPair::from_private_key_and_public_key(alg, d, sec1, &ring::rand::SystemRandom::new())
        .map_err(|_| KeyRejected::Inconsistent)
}

impl fmt::Debug for EcPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcPrivateKey").field("curve", &self.curve()).field("d", &"***").finish()
    }
}
