//! HMAC-SHA-2 with the RustCrypto `hmac` crate (key states zeroized on
//! drop).

use hmac::KeyInit as _;

use crate::ShaAlg;
use crate::provider::Output;

/// An HMAC key, its inner and outer states computed once.
#[derive(Clone)]
pub(crate) enum Key {
    Sha256(hmac::Hmac<sha2::Sha256>),
    Sha384(hmac::Hmac<sha2::Sha384>),
    Sha512(hmac::Hmac<sha2::Sha512>),
    /// A key `hmac` refused. Unreachable (HMAC takes keys of any length),
    /// and fail-closed if it were not: it signs nothing and verifies
    /// nothing.
    Refused,
}

impl Key {
    pub(crate) fn new(alg: ShaAlg, key: &[u8]) -> Self {
        // `new_from_slice` takes a key of any length (RFC 2104).
        match alg {
            ShaAlg::Sha256 => hmac::Hmac::new_from_slice(key).map(Self::Sha256),
            ShaAlg::Sha384 => hmac::Hmac::new_from_slice(key).map(Self::Sha384),
            ShaAlg::Sha512 => hmac::Hmac::new_from_slice(key).map(Self::Sha512),
        }
        .unwrap_or(Self::Refused)
    }

    /// The full-length tag over the concatenation of `parts`.
    pub(crate) fn sign(&self, parts: &[&[u8]]) -> Output {
        fn run<M: hmac::Mac + Clone>(mac: &M, parts: &[&[u8]]) -> Output {
            let mut mac = mac.clone();
            for part in parts {
                mac.update(part);
            }
            Output::copy_from(&mac.finalize().into_bytes())
        }
        match self {
            Self::Sha256(m) => run(m, parts),
            Self::Sha384(m) => run(m, parts),
            Self::Sha512(m) => run(m, parts),
            Self::Refused => Output::copy_from(&[]),
        }
    }

    /// Constant-time check of a full-length `tag` over `msg`.
    pub(crate) fn verify(&self, msg: &[u8], tag: &[u8]) -> bool {
        fn run<M: hmac::Mac + Clone>(mac: &M, msg: &[u8], tag: &[u8]) -> bool {
            let mut mac = mac.clone();
            mac.update(msg);
            mac.verify_slice(tag).is_ok()
        }
        match self {
            Self::Sha256(m) => run(m, msg, tag),
            Self::Sha384(m) => run(m, msg, tag),
            Self::Sha512(m) => run(m, msg, tag),
            Self::Refused => false,
        }
    }
}
