//! HMAC-SHA-2 on AWS-LC.

use aws_lc_rs::hmac;

use crate::ShaAlg;
use crate::provider::Output;

/// An HMAC key: AWS-LC pre-hashes it into the inner and outer states.
#[derive(Clone)]
pub(crate) struct Key(hmac::Key);

impl Key {
    pub(crate) fn new(alg: ShaAlg, key: &[u8]) -> Self {
        let alg = match alg {
            ShaAlg::Sha256 => hmac::HMAC_SHA256,
            ShaAlg::Sha384 => hmac::HMAC_SHA384,
            ShaAlg::Sha512 => hmac::HMAC_SHA512,
        };
        Self(hmac::Key::new(alg, key))
    }

    /// The full-length tag over the concatenation of `parts`.
    pub(crate) fn sign(&self, parts: &[&[u8]]) -> Output {
        let tag = match parts {
            [one] => hmac::sign(&self.0, one),
            _ => {
                let mut ctx = hmac::Context::with_key(&self.0);
                for part in parts {
                    ctx.update(part);
                }
                ctx.sign()
            }
        };
        Output::copy_from(tag.as_ref())
    }

    /// Constant-time check of a full-length `tag` over `msg`.
    pub(crate) fn verify(&self, msg: &[u8], tag: &[u8]) -> bool {
        hmac::verify(&self.0, msg, tag).is_ok()
    }
}
