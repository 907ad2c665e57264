//! PBKDF2-HMAC-SHA-2 on AWS-LC.

use core::num::NonZeroU32;

use aws_lc_rs::pbkdf2;

use crate::ShaAlg;

/// Fills `out` (non-empty, within PBKDF2's bound: the caller checked).
pub(crate) fn derive(alg: ShaAlg, iterations: NonZeroU32, salt: &[u8], password: &[u8], out: &mut [u8]) {
    let prf = match alg {
        ShaAlg::Sha256 => pbkdf2::PBKDF2_HMAC_SHA256,
        ShaAlg::Sha384 => pbkdf2::PBKDF2_HMAC_SHA384,
        ShaAlg::Sha512 => pbkdf2::PBKDF2_HMAC_SHA512,
    };
    pbkdf2::derive(prf, iterations, salt, password, out);
}
