//! Static-key ECDH (RustCrypto), for ECDH-ES. The peer point was validated
//! when its [`EcPublicKey`] was built, so invalid-curve points never get here.

use jot_core::Secret;
use p256::elliptic_curve::ecdh::diffie_hellman;

use super::private::Scalar;
use super::public::{EcPublicKey, Point};
use crate::{Curve, Error, KeyRejected};

pub(super) fn agree(scalar: &Scalar, curve: Curve, peer: &EcPublicKey) -> Result<Secret, Error> {
    if peer.curve() != curve {
        return Err(KeyRejected::UnsupportedCurve.into());
    }
    // `SharedSecret` zeroizes itself on drop; only the copy handed out stays.
    let z = match (scalar, &peer.point) {
        (Scalar::P256 { secret, .. }, Point::P256(p)) => {
            Secret::from(secret.diffie_hellman(p).raw_secret_bytes().as_slice())
        }
        (Scalar::P384 { secret, .. }, Point::P384(p)) => {
            Secret::from(secret.diffie_hellman(p).raw_secret_bytes().as_slice())
        }
        (Scalar::P521 { key: k, .. }, Point::P521(p)) => {
            Secret::from(diffie_hellman(k.as_nonzero_scalar(), p.as_affine()).raw_secret_bytes().as_slice())
        }
        (Scalar::Secp256k1(_), _) => return Err(Error::Unsupported),
        _ => return Err(KeyRejected::UnsupportedCurve.into()),
    };
    Ok(z)
}
