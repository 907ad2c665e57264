//! RSA keys, signatures (RSASSA-PKCS1-v1_5 and RSASSA-PSS, RFC 7518 sections
//! 3.3 and 3.5) and encryption (RSAES-OAEP and RSAES-PKCS1-v1_5, RFC 7518
//! section 4.2 and 4.3).
//!
//! Keys are validated here once when they are loaded, by the same rules
//! under either provider, and then held as one provider key (AWS-LC's, with
//! the public key parsed once per scheme; or the `rsa` crate's, 0.10 or
//! later, which is not open to the Marvin timing attack, with OAEP padding
//! checked in full by jot because rsa 0.10 skips one of RFC 8017's checks).
//! RSAES-PKCS1-v1_5 decryption uses implicit rejection under both.
//!
//! Policy: moduli from 2048 to 8192 bits (AWS-LC's range), an odd public exponent
//! `3 <= e < 2^33`, components in minimal big-endian form, no modulus with
//! the ROCA fingerprint (`roca.rs`), and private keys whose `p` and `q` are
//! prime (Baillie-PSW) and multiply to `n`.
//!
//! ```
//! use jot_crypto::rsa::{RsaEncryption, RsaPrivateKey, RsaSignature};
//! # fn main() -> Result<(), jot_crypto::Error> {
//! let key = RsaPrivateKey::generate(2048)?;
//! let sig = key.sign(RsaSignature::PssSha256, b"payload")?;
//! key.public_key().verify(RsaSignature::PssSha256, b"payload", &sig)?;
//!
//! let ct = key.public_key().encrypt(RsaEncryption::OaepSha256, b"cek")?;
//! assert_eq!(key.decrypt(RsaEncryption::OaepSha256, &ct)?.expose(), b"cek");
//! # Ok(())
//! # }
//! ```

mod bytes;
pub(crate) mod der;
mod private;
mod public;
mod roca;
#[cfg(test)]
mod tests;

pub use private::{RsaPrivateComponents, RsaPrivateExport, RsaPrivateKey};
pub use public::RsaPublicKey;
pub use roca::has_roca_fingerprint;

use crate::ShaAlg;

/// An RSA encryption padding of JWA (RFC 7518 sections 4.2 and 4.3),
/// defined with the algorithm identifiers so `RSA-OAEP-256` names its padding
/// in one place. OAEP uses an empty label unless one is given to
/// [`RsaPrivateKey::decrypt_with_label`]; PKCS#1 v1.5 decryption uses
/// implicit rejection (see [`RsaPrivateKey::decrypt`]).
pub use jot_core::alg::RsaEncryption;

/// An RSA signature scheme of JWA (RFC 7518 sections 3.3 and 3.5).
///
/// PSS uses MGF1 with the same hash and a salt as long as the hash, as JWA
/// requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RsaSignature {
    /// RSASSA-PKCS1-v1_5 with SHA-256 (`RS256`).
    Pkcs1Sha256,
    /// RSASSA-PKCS1-v1_5 with SHA-384 (`RS384`).
    Pkcs1Sha384,
    /// RSASSA-PKCS1-v1_5 with SHA-512 (`RS512`).
    Pkcs1Sha512,
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt (`PS256`).
    PssSha256,
    /// RSASSA-PSS with SHA-384, MGF1-SHA-384, 48-byte salt (`PS384`).
    PssSha384,
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512, 64-byte salt (`PS512`).
    PssSha512,
}

impl RsaSignature {
    /// Every scheme, for tests and tables.
    pub const ALL: &'static [Self] =
        &[Self::Pkcs1Sha256, Self::Pkcs1Sha384, Self::Pkcs1Sha512, Self::PssSha256, Self::PssSha384, Self::PssSha512];

    /// The hash the scheme applies to the message.
    pub const fn hash(self) -> ShaAlg {
        match self {
            Self::Pkcs1Sha256 | Self::PssSha256 => ShaAlg::Sha256,
            Self::Pkcs1Sha384 | Self::PssSha384 => ShaAlg::Sha384,
            Self::Pkcs1Sha512 | Self::PssSha512 => ShaAlg::Sha512,
        }
    }

    /// RSASSA-PKCS1-v1_5 with `hash` (`RS256`, `RS384`, `RS512`).
    pub const fn pkcs1(hash: ShaAlg) -> Self {
        match hash {
            ShaAlg::Sha256 => Self::Pkcs1Sha256,
            ShaAlg::Sha384 => Self::Pkcs1Sha384,
            ShaAlg::Sha512 => Self::Pkcs1Sha512,
        }
    }

    /// RSASSA-PSS with `hash` (`PS256`, `PS384`, `PS512`).
    pub const fn pss(hash: ShaAlg) -> Self {
        match hash {
            ShaAlg::Sha256 => Self::PssSha256,
            ShaAlg::Sha384 => Self::PssSha384,
            ShaAlg::Sha512 => Self::PssSha512,
        }
    }

    /// Whether the scheme is RSASSA-PSS.
    pub const fn is_pss(self) -> bool {
        matches!(self, Self::PssSha256 | Self::PssSha384 | Self::PssSha512)
    }
}

/// The bounds this module accepts for a modulus, in bits.
pub const MIN_BITS: usize = 2048;
/// See [`MIN_BITS`].
pub const MAX_BITS: usize = 8192;
