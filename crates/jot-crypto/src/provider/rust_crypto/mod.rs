//! The RustCrypto provider: pure Rust, no C compiler, builds for
//! `wasm32-unknown-unknown`.

pub(crate) mod aes_cbc;
pub(crate) mod aes_gcm;
pub(crate) mod aes_kw;
pub(crate) mod ec;
pub(crate) mod ed25519;
pub(crate) mod hmac;
pub(crate) mod ml_dsa;
pub(crate) mod pbkdf2;
pub(crate) mod rsa;
mod rsa_oaep;
pub(crate) mod x25519;

use sha2::Digest as _;

use super::Output;
use crate::{Error, ShaAlg};

/// The provider's name, as [`crate::PROVIDER`] reports it.
pub(crate) const NAME: &str = "rust-crypto";

/// Fills `buf` from the operating system's CSPRNG (`getrandom`; in a
/// browser, `crypto.getRandomValues`).
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<(), Error> {
    getrandom::fill(buf).map_err(|_| Error::Random)
}

fn digest_parts<D: sha2::Digest>(parts: &[&[u8]]) -> Output {
    let mut d = D::new();
    for part in parts {
        d.update(part);
    }
    Output::copy_from(&d.finalize())
}

/// SHA-2 over the concatenation of `parts`.
pub(crate) fn sha2(alg: ShaAlg, parts: &[&[u8]]) -> Output {
    match alg {
        ShaAlg::Sha256 => digest_parts::<sha2::Sha256>(parts),
        ShaAlg::Sha384 => digest_parts::<sha2::Sha384>(parts),
        ShaAlg::Sha512 => digest_parts::<sha2::Sha512>(parts),
    }
}

/// SHA-1, for the `x5t` thumbprint only.
pub(crate) fn sha1(data: &[u8]) -> [u8; 20] {
    sha1::Sha1::digest(data).into()
}
