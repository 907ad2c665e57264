//! The RSA private key handle.

use core::fmt;
use std::sync::Arc;

use getrandom::SysRng;
use jot_core::Secret;
use rsa::BoxedUint;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};

use super::bytes::{ct_eq_value, secret_uint, stripped, to_secret};
use super::{RsaEncryption, RsaPublicKey, RsaSignature, encrypt, sign};
use crate::{Error, KeyRejected};

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

/// An RSA private key, validated when it was built. Cloning is cheap (the key
/// is shared).
///
/// Holds the `rsa` crate's key (signing and decryption where AWS-LC does
/// not take the key, and RSAES-PKCS1-v1_5 decryption) and, for the key
/// shapes AWS-LC takes, AWS-LC's key pair (signing) and OAEP key
/// (decryption). The `rsa` crate zeroizes its copy on drop; AWS-LC's copies
/// are released by AWS-LC itself, which jot does not control.
#[derive(Clone)]
pub struct RsaPrivateKey {
    inner: Arc<Inner>,
}

struct Inner {
    public: RsaPublicKey,
    rsa: rsa::PrivateKey,
    /// AWS-LC signs (faster than ring; BENCHMARKS.md) when it takes the key;
    /// otherwise the `rsa` crate does.
    awslc: Option<aws_lc_rs::rsa::KeyPair>,
    /// AWS-LC's OAEP decryption for the same keys (faster than the `rsa`
    /// crate's private operation; BoringSSL's constant-time OAEP decoding,
    /// which checks every byte RFC 8017 section 7.1.2 names).
    oaep: Option<aws_lc_rs::rsa::OaepPrivateDecryptingKey>,
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

        // Secret values are decoded at the modulus's (public) precision.
        let width = u32::try_from(public.n().len().saturating_mul(8)).map_err(|_| KeyRejected::TooLarge)?;
        let key = rsa::PrivateKey::from_components(
            BoxedUint::from_be_slice_vartime(public.n()),
            public.rsa_key().e().clone(),
            secret_uint(d, width)?,
            vec![secret_uint(p, width)?, secret_uint(q, width)?],
        )
        .map_err(|_| KeyRejected::Inconsistent)?;

        // `from_components` checked p * q = n and d * e = 1 mod (p-1), (q-1),
        // but not that p and q are prime: a composite factor makes a key
        // whose private operation is wrong, or whose n has small factors.
        // Baillie-PSW (no known pseudoprime) runs once, at load; its time
        // depends on p and q, which only the key's owner supplies.
        if !key.primes().iter().all(|prime| crypto_primes::is_prime(crypto_primes::Flavor::Any, prime.as_ref())) {
            return Err(KeyRejected::NotPrime.into());
        }

        // The given CRT values must equal those `from_components` derived.
        let (Some(k_dp), Some(k_dq), Some(k_qi)) = (key.dp(), key.dq(), key.qinv()) else {
            return Err(KeyRejected::Inconsistent.into());
        };
        let k_qi = zeroize::Zeroizing::new(k_qi.retrieve());
        if !(ct_eq_value(k_dp, dp) & ct_eq_value(k_dq, dq) & ct_eq_value(&k_qi, qi)) {
            return Err(KeyRejected::Inconsistent.into());
        }

        let awslc = if awslc_takes(&public) {
            let components = aws_lc_rs::rsa::KeyPairComponents {
                public_key: aws_lc_rs::rsa::PublicKeyComponents { n: public.n(), e: public.e() },
                d,
                p,
                q,
                dP: dp,
                dQ: dq,
                qInv: qi,
            };
            // The `rsa` crate accepted the key; AWS-LC's own checks refuse
            // only keys no sound generator makes.
            Some(aws_lc_rs::rsa::KeyPair::from_components(&components).map_err(|_| KeyRejected::Inconsistent)?)
        } else {
            None
        };

        let oaep = match &awslc {
            Some(pair) => Some(oaep_key(pair)?),
            None => None,
        };
        Ok(Self { inner: Arc::new(Inner { public, rsa: key, awslc, oaep }) })
    }

    /// Generates a key with e = 65537. `bits` must be 2048, 3072 or 4096
    /// (else `Error::Unsupported`). Takes around a second for 2048 bits and
    /// noticeably longer for 4096.
    pub fn generate(bits: usize) -> Result<Self, Error> {
        if !matches!(bits, 2048 | 3072 | 4096) {
            return Err(Error::Unsupported);
        }
        let key = rsa::PrivateKey::new(&mut SysRng, bits).map_err(|e| match e {
            rsa::Error::Rng => Error::Random,
            _ => Error::Unsupported,
        })?;
        let e = Self::export_rsa(&key);
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
        Self::export_rsa(&self.inner.rsa)
    }

    pub(super) fn export_rsa(key: &rsa::PrivateKey) -> RsaPrivateExport {
        let (p, q) = match key.primes() {
            [p, q, ..] => (to_secret(p.as_ref()), to_secret(q.as_ref())),
            _ => (Secret::new(Vec::new()), Secret::new(Vec::new())),
        };
        let empty = || Secret::new(Vec::new());
        RsaPrivateExport {
            n: key.n().as_ref().to_be_bytes_trimmed_vartime().into_vec(),
            e: key.e().to_be_bytes_trimmed_vartime().into_vec(),
            d: to_secret(key.d()),
            p,
            q,
            dp: key.dp().map_or_else(empty, to_secret),
            dq: key.dq().map_or_else(empty, to_secret),
            qi: key.qinv().map_or_else(empty, |v| to_secret(&zeroize::Zeroizing::new(v.retrieve()))),
        }
    }

    /// Signs `msg`. PSS signatures are randomized; PKCS#1 v1.5 signatures are
    /// deterministic.
    pub fn sign(&self, scheme: RsaSignature, msg: &[u8]) -> Result<Vec<u8>, Error> {
        match &self.inner.awslc {
            Some(pair) => sign::sign_awslc(pair, scheme, msg, self.inner.public.modulus_len()),
            None => sign::sign_rustcrypto(&self.inner.rsa, scheme, msg),
        }
    }

    /// Decrypts `ct`, which must be exactly the modulus length.
    ///
    /// OAEP: any failure is `Error::DecryptionFailed`, with no detail.
    ///
    /// PKCS#1 v1.5 (`RSA1_5`) uses implicit rejection (the `rsa` crate,
    /// draft-irtf-cfrg-rsa-guidance section 7.2): a ciphertext with invalid
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
        match (&self.inner.oaep, encrypt::awslc_oaep(padding)) {
            (Some(key), Some(alg)) => encrypt::decrypt_awslc(key, alg, ct, label),
            _ => encrypt::decrypt(&self.inner.rsa, padding, ct, label),
        }
    }

    /// Whether signing goes through AWS-LC (for tests).
    #[cfg(test)]
    pub(super) fn signs_with_awslc(&self) -> bool {
        self.inner.awslc.is_some()
    }

    /// The `rsa` crate's key (for tests that cross-check the backends).
    #[cfg(test)]
    pub(super) fn rsa_key(&self) -> &rsa::PrivateKey {
        &self.inner.rsa
    }
}

/// AWS-LC's OAEP key for a key pair it took (through its PKCS#8 form).
fn oaep_key(pair: &aws_lc_rs::rsa::KeyPair) -> Result<aws_lc_rs::rsa::OaepPrivateDecryptingKey, KeyRejected> {
    use aws_lc_rs::encoding::AsDer as _;
    let der = pair.as_der().map_err(|_| KeyRejected::Inconsistent)?;
    let key = aws_lc_rs::rsa::PrivateDecryptingKey::from_pkcs8(der.as_ref()).map_err(|_| KeyRejected::Inconsistent)?;
    aws_lc_rs::rsa::OaepPrivateDecryptingKey::new(key).map_err(|_| KeyRejected::Inconsistent)
}

/// Keys AWS-LC signs with: the sizes ring took before it (2048, 3072 and
/// 4096 bits) and e >= 65537.
fn awslc_takes(public: &RsaPublicKey) -> bool {
    let e_ok = public.e().len() > 3 || (public.e().len() == 3 && public.e() >= &[1, 0, 1][..]);
    matches!(public.bits(), 2048 | 3072 | 4096) && e_ok
}

impl fmt::Debug for RsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPrivateKey").field("bits", &self.inner.public.bits()).field("private", &"***").finish()
    }
}
