//! Static-key ECDH for ECDH-ES: AWS-LC on P-256, P-384 and P-521 (ring
//! has ephemeral ECDH only, and the RustCrypto curve crates measured about
//! 5x slower here). The peer point was validated when its [`EcPublicKey`]
//! was built, so invalid-curve points never get here; AWS-LC checks it
//! again.

use jot_core::Secret;

use super::private::Scalar;
use super::public::{EcPublicKey, Point};
use crate::{Curve, Error, KeyRejected};

pub(super) fn agree(scalar: &Scalar, curve: Curve, peer: &EcPublicKey) -> Result<Secret, Error> {
    if peer.curve() != curve {
        return Err(KeyRejected::UnsupportedCurve.into());
    }
    let (key, alg) = match (scalar, &peer.point) {
        (Scalar::P256 { ecdh, .. }, Point::P256) => (ecdh, &aws_lc_rs::agreement::ECDH_P256),
        (Scalar::P384 { ecdh, .. }, Point::P384) => (ecdh, &aws_lc_rs::agreement::ECDH_P384),
        (Scalar::P521 { ecdh, .. }, Point::P521(_)) => (ecdh, &aws_lc_rs::agreement::ECDH_P521),
        (Scalar::Secp256k1(_), _) => return Err(Error::Unsupported),
        _ => return Err(KeyRejected::UnsupportedCurve.into()),
    };
    let peer = aws_lc_rs::agreement::UnparsedPublicKey::new(alg, peer.sec1());
    // The shared secret is copied once into a `Secret` (zeroized on drop).
    aws_lc_rs::agreement::agree(key, peer, Error::KeyRejected(KeyRejected::NotOnCurve), |z| Ok(Secret::from(z)))
}
