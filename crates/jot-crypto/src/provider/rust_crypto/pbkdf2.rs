//! PBKDF2-HMAC-SHA-2 with the RustCrypto `pbkdf2` crate.

use core::num::NonZeroU32;

use crate::ShaAlg;

/// Fills `out` (non-empty, within PBKDF2's bound: the caller checked).
pub(crate) fn derive(alg: ShaAlg, iterations: NonZeroU32, salt: &[u8], password: &[u8], out: &mut [u8]) {
    let rounds = iterations.get();
    match alg {
        ShaAlg::Sha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, rounds, out),
        ShaAlg::Sha384 => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(password, salt, rounds, out),
        ShaAlg::Sha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, salt, rounds, out),
    }
}
