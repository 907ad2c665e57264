//! The AWS-LC provider (`aws-lc-rs`): every primitive jot uses.

pub(crate) mod aes_cbc;
pub(crate) mod aes_gcm;
pub(crate) mod aes_kw;
pub(crate) mod ec;
pub(crate) mod ed25519;
pub(crate) mod hmac;
pub(crate) mod ml_dsa;
pub(crate) mod pbkdf2;
pub(crate) mod rsa;
pub(crate) mod x25519;

use aws_lc_rs::digest;

use super::Output;
use crate::{Error, ShaAlg};

/// The provider's name, as [`crate::PROVIDER`] reports it.
#[cfg(not(feature = "fips"))]
pub(crate) const NAME: &str = "aws-lc";
/// The provider's name, as [`crate::PROVIDER`] reports it.
#[cfg(feature = "fips")]
pub(crate) const NAME: &str = "aws-lc-fips";

/// Fills `buf` from AWS-LC's CSPRNG (seeded from the operating system).
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<(), Error> {
    aws_lc_rs::rand::fill(buf).map_err(|_| Error::Random)
}

fn digest_alg(alg: ShaAlg) -> &'static digest::Algorithm {
    match alg {
        ShaAlg::Sha256 => &digest::SHA256,
        ShaAlg::Sha384 => &digest::SHA384,
        ShaAlg::Sha512 => &digest::SHA512,
    }
}

/// SHA-2 over the concatenation of `parts`.
pub(crate) fn sha2(alg: ShaAlg, parts: &[&[u8]]) -> Output {
    let mut ctx = digest::Context::new(digest_alg(alg));
    for part in parts {
        ctx.update(part);
    }
    Output::copy_from(ctx.finish().as_ref())
}

/// SHA-1, for the `x5t` thumbprint only.
pub(crate) fn sha1(data: &[u8]) -> [u8; 20] {
    let d = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, data);
    let mut out = [0u8; 20];
    if d.as_ref().len() == out.len() {
        out.copy_from_slice(d.as_ref());
    }
    out
}

#[cfg(all(test, feature = "fips"))]
mod fips_tests {
    /// A `fips` build runs AWS-LC's FIPS module in FIPS mode, not the
    /// ordinary AWS-LC under the FIPS name.
    #[test]
    fn the_fips_module_is_in_fips_mode() {
        assert_eq!(aws_lc_rs::try_fips_mode(), Ok(()));
    }
}
