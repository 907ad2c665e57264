//! The RSA private key handle.

use core::fmt;
use std::sync::Arc;

use crypto_bigint::{BoxedUint, ConcatenatingMul as _};
use jot_core::Secret;

use super::bytes::stripped;
use super::{RsaEncryption, RsaPublicKey, RsaSignature};
use crate::{Error, KeyRejected, provider};

/// The components of an RSA private key as a JWK carries them (RFC 7518
/// section 6.3.2), big-endian. Two-prime keys only: JWKs with `oth` are not
/// supported.
#[derive(Clone, Copy)]
pub struct RsaPrivateComponents<'a> {
    /// Modulus.
    pub n: &'a [u8],
    /// Public exponent.
    pub e: &'a [u8],
    /// Private exponent.
    pub d: &'a [u8],
    /// First prime factor.
    pub p: &'a [u8],
    /// Second prime factor.
    pub q: &'a [u8],
    /// `d mod (p - 1)`.
    pub dp: &'a [u8],
    /// `d mod (q - 1)`.
    pub dq: &'a [u8],
    /// `q^-1 mod p`.
    pub qi: &'a [u8],
}

impl fmt::Debug for RsaPrivateComponents<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RsaPrivateComponents(***)")
    }
}

/// An owned copy of a private key's components, for serialization (JWK,
/// PKCS#1, PKCS#8). Big-endian, minimal; the private values are [`Secret`]s.
#[derive(Clone, Debug)]
pub struct RsaPrivateExport {
    /// Modulus.
    pub n: Vec<u8>,
    /// Public exponent.
    pub e: Vec<u8>,
    /// Private exponent.
    pub d: Secret,
    /// First prime factor.
    pub p: Secret,
    /// Second prime factor.
    pub q: Secret,
    /// `d mod (p - 1)`.
    pub dp: Secret,
    /// `d mod (q - 1)`.
    pub dq: Secret,
    /// `q^-1 mod p`.
    pub qi: Secret,
}

impl RsaPrivateExport {
    /// No components: what an export that cannot happen returns.
    #[cfg_attr(not(any(feature = "aws-lc", feature = "fips")), allow(dead_code))]
    pub(crate) fn empty() -> Self {
        let none = || Secret::new(Vec::new());
        Self { n: Vec::new(), e: Vec::new(), d: none(), p: none(), q: none(), dp: none(), dq: none(), qi: none() }
    }
}

/// An RSA private key, validated when it was built. Cloning is cheap (the key
/// is shared).
///
/// Holds the provider's key, once: the `rsa` crate zeroizes its copy on
/// drop; AWS-LC frees its own, which jot does not control.
#[derive(Clone)]
pub struct RsaPrivateKey {
    inner: Arc<Inner>,
}

struct Inner {
    public: RsaPublicKey,
    key: provider::rsa::PrivateKey,
}

impl RsaPrivateKey {
    /// Builds a key from its components and checks that they agree: `p * q =
    /// n`, `p` and `q` are prime, `d` inverts `e`, and `dp`, `dq`, `qi` are
    /// the CRT values of `d`, `p` and `q`.
    ///
    /// Errors (`Error::KeyRejected`): those of
    /// [`RsaPublicKey::from_components`] for `n` and `e`; `InvalidComponent`
    /// for a zero or empty private component; `NotPrime` when `p` or `q` is
    /// composite; `Inconsistent` when the components do not agree. Private components may carry leading zero
    /// octets.
    pub fn from_components(c: &RsaPrivateComponents<'_>) -> Result<Self, Error> {
        let public = RsaPublicKey::from_components(c.n, c.e)?;
        let d = stripped(c.d)?;
        let p = stripped(c.p)?;
        let q = stripped(c.q)?;
        let dp = stripped(c.dp)?;
        let dq = stripped(c.dq)?;
        let qi = stripped(c.qi)?;

        // p and q must be prime: a composite factor makes a key whose private
        // operation is wrong, or whose n has small factors. Baillie-PSW (no
        // known pseudoprime) runs once, at load, before the provider sees
        // the key; its time depends on p and q, which only the key's owner
        // supplies. The provider then checks p * q = n, d against e, and the
        // CRT values.
        // Each factor at its own width (half of n's for a balanced key): the
        // primality test's cost grows with the width it runs at, and at n's
        // width a 2048-bit key took 3x longer to load.
        let as_uint = |v: &[u8]| {
            // A factor longer than n cannot divide it; refused before any
            // arithmetic on a number of the input's choosing.
            if v.len() > public.n().len() {
                return Err(KeyRejected::Inconsistent);
            }
            let width = u32::try_from(v.len().saturating_mul(8)).map_err(|_| KeyRejected::TooLarge)?;
            BoxedUint::from_be_slice(v, width).map_err(|_| KeyRejected::Inconsistent)
        };
        let (p_uint, q_uint) = (as_uint(p)?, as_uint(q)?);
        // p * q = n first (a wrong factor is `Inconsistent`, as the providers
        // report it), then primality.
        let product = p_uint.concatenating_mul(&q_uint);
        if product.to_be_bytes().iter().skip_while(|&&b| b == 0).ne(public.n().iter()) {
            return Err(KeyRejected::Inconsistent.into());
        }
        for prime in [&p_uint, &q_uint] {
            if !crypto_primes::is_prime(crypto_primes::Flavor::Any, prime) {
                return Err(KeyRejected::NotPrime.into());
            }
        }
        let key = provider::rsa::PrivateKey::from_components(&RsaPrivateComponents {
            n: public.n(),
            e: public.e(),
            d,
            p,
            q,
            dp,
            dq,
            qi,
        })?;
        Ok(Self { inner: Arc::new(Inner { public, key }) })
    }

    /// Generates a key with e = 65537. `bits` must be 2048, 3072 or 4096
    /// (else `Error::Unsupported`). Takes around a second for 2048 bits and
    /// noticeably longer for 4096.
    pub fn generate(bits: usize) -> Result<Self, Error> {
        if !matches!(bits, 2048 | 3072 | 4096) {
            return Err(Error::Unsupported);
        }
        let e = provider::rsa::PrivateKey::generate(bits)?;
        Self::from_components(&RsaPrivateComponents {
            n: &e.n,
            e: &e.e,
            d: e.d.expose(),
            p: e.p.expose(),
            q: e.q.expose(),
            dp: e.dp.expose(),
            dq: e.dq.expose(),
            qi: e.qi.expose(),
        })
    }

    /// The public half.
    pub fn public_key(&self) -> &RsaPublicKey {
        &self.inner.public
    }

    /// The components, for serialization.
    pub fn export(&self) -> RsaPrivateExport {
        self.inner.key.export()
    }

    /// Signs `msg`. PSS signatures are randomized; PKCS#1 v1.5 signatures are
    /// deterministic.
    pub fn sign(&self, scheme: RsaSignature, msg: &[u8]) -> Result<Vec<u8>, Error> {
        self.inner.key.sign(scheme, msg)
    }

    /// Decrypts `ct`, which must be exactly the modulus length.
    ///
    /// OAEP: any failure is `Error::DecryptionFailed`, with no detail.
    ///
    /// PKCS#1 v1.5 (`RSA1_5`) uses implicit rejection
    /// (draft-irtf-cfrg-rsa-guidance section 7.2; the `rsa` crate's, or
    /// jot's over AWS-LC's constant-time padding check): a ciphertext with invalid
    /// padding decrypts to a pseudo-random message derived from the key and
    /// ciphertext instead of failing, so no padding oracle exists. Only a
    /// ciphertext of the wrong length or out of range fails. The caller must
    /// authenticate the result, as JWE does with the content tag; RFC 7516
    /// section 11.5 then holds because a wrong CEK simply fails the tag (a
    /// CEK of the wrong length must be replaced by a random one, as for any
    /// failure).
    pub fn decrypt(&self, padding: RsaEncryption, ct: &[u8]) -> Result<Secret, Error> {
        self.decrypt_with_label(padding, ct, &[])
    }

    /// [`decrypt`](Self::decrypt) with an OAEP label. JOSE uses no label;
    /// this exists for complete test coverage. A label with PKCS#1 v1.5 is
    /// `Error::Unsupported`.
    pub fn decrypt_with_label(&self, padding: RsaEncryption, ct: &[u8], label: &[u8]) -> Result<Secret, Error> {
        if ct.len() != self.inner.public.modulus_len() {
            return Err(Error::DecryptionFailed);
        }
        self.inner.key.decrypt(padding, ct, label)
    }
}

impl fmt::Debug for RsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPrivateKey").field("bits", &self.inner.public.bits()).field("private", &"***").finish()
    }
}
