//! RSA with the RustCrypto `rsa` crate: PKCS#1 v1.5 and PSS signatures,
//! OAEP (padding checked in `rsa_oaep`) and PKCS#1 v1.5 encryption with
//! implicit rejection. The private operation is blinded; the key is
//! zeroized on drop.

use getrandom::SysRng;
use jot_core::Secret;
use rsa::sha2::{Sha256, Sha384, Sha512};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BoxedUint, Oaep, Pkcs1v15Encrypt, Pkcs1v15Sign, Pss};
use sha1::Sha1;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::rsa_oaep;
use crate::rsa::{MAX_BITS, MIN_BITS, RsaEncryption, RsaPrivateComponents, RsaPrivateExport, RsaSignature};
use crate::{Error, KeyRejected};

/// The `rsa` crate's public key, Montgomery parameters computed once.
#[derive(Clone)]
pub(crate) struct PublicKey(rsa::PublicKey);

impl PublicKey {
    /// From minimal big-endian `n` and `e` the caller validated.
    pub(crate) fn new(n: &[u8], e: &[u8]) -> Result<Self, KeyRejected> {
        let e = e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        rsa::PublicKey::new_with_size_limits(
            BoxedUint::from_be_slice_vartime(n),
            BoxedUint::from(e),
            MIN_BITS..=MAX_BITS,
        )
        .map(Self)
        .map_err(|_| KeyRejected::InvalidComponent)
    }

    /// `sig` has the modulus length (the caller checked).
    pub(crate) fn verify(&self, scheme: RsaSignature, msg: &[u8], sig: &[u8]) -> bool {
        let digest = super::sha2(scheme.hash(), &[msg]);
        let digest = digest.as_slice();
        let key = &self.0;
        match scheme {
            RsaSignature::Pkcs1Sha256 => key.verify(Pkcs1v15Sign::new::<Sha256>(), digest, sig),
            RsaSignature::Pkcs1Sha384 => key.verify(Pkcs1v15Sign::new::<Sha384>(), digest, sig),
            RsaSignature::Pkcs1Sha512 => key.verify(Pkcs1v15Sign::new::<Sha512>(), digest, sig),
            // `Pss::new` fixes the salt length to the hash length, which the
            // verifier then requires (RFC 7518 section 3.5).
            RsaSignature::PssSha256 => key.verify(Pss::<Sha256>::new(), digest, sig),
            RsaSignature::PssSha384 => key.verify(Pss::<Sha384>::new(), digest, sig),
            RsaSignature::PssSha512 => key.verify(Pss::<Sha512>::new(), digest, sig),
        }
        .is_ok()
    }

    pub(crate) fn encrypt(&self, padding: RsaEncryption, msg: &[u8], label: &[u8]) -> Result<Vec<u8>, Error> {
        let rng = &mut SysRng;
        let key = &self.0;
        let result = match padding {
            RsaEncryption::Pkcs1v15 => key.encrypt(rng, Pkcs1v15Encrypt, msg),
            RsaEncryption::OaepSha1 => key.encrypt(rng, Oaep::<Sha1>::new_with_label(label), msg),
            RsaEncryption::OaepSha256 => key.encrypt(rng, Oaep::<Sha256>::new_with_label(label), msg),
            RsaEncryption::OaepSha384 => key.encrypt(rng, Oaep::<Sha384>::new_with_label(label), msg),
            RsaEncryption::OaepSha512 => key.encrypt(rng, Oaep::<Sha512>::new_with_label(label), msg),
        };
        result.map_err(|e| match e {
            rsa::Error::Rng => Error::Random,
            // In practice only "message too long" for this key and padding.
            _ => Error::InvalidLength,
        })
    }
}

/// Decodes a secret value at a fixed, public precision (`bits`), so the
/// decoding does not depend on the value's own length.
fn secret_uint(b: &[u8], bits: u32) -> Result<BoxedUint, KeyRejected> {
    BoxedUint::from_be_slice(b, bits).map_err(|_| KeyRejected::Inconsistent)
}

/// The value as a minimal big-endian secret (at least one octet).
fn to_secret(v: &BoxedUint) -> Secret {
    let full = Zeroizing::new(v.to_be_bytes());
    let start = full.iter().position(|&x| x != 0).unwrap_or(full.len().saturating_sub(1));
    Secret::new(full.get(start..).unwrap_or_default().to_vec())
}

/// Whether `given` (stripped of leading zeros) equals `expected`, compared in
/// constant time at `expected`'s fixed width.
fn ct_eq_value(expected: &BoxedUint, given: &[u8]) -> bool {
    let expected = Zeroizing::new(expected.to_be_bytes());
    let Some(pad) = expected.len().checked_sub(given.len()) else { return false };
    let mut padded = Zeroizing::new(vec![0u8; expected.len()]);
    let Some(dst) = padded.get_mut(pad..) else { return false };
    dst.copy_from_slice(given);
    bool::from(expected.as_ref().ct_eq(padded.as_slice()))
}

/// The `rsa` crate's private key.
pub(crate) struct PrivateKey(rsa::PrivateKey);

impl PrivateKey {
    /// From components the shared layer checked (sizes, exponent, ROCA,
    /// primality): `p * q = n` and `d * e = 1 mod (p-1), (q-1)` are checked
    /// by the `rsa` crate, and the given CRT values must equal the ones it
    /// derives.
    pub(crate) fn from_components(c: &RsaPrivateComponents<'_>) -> Result<Self, KeyRejected> {
        // Secret values are decoded at the modulus's (public) precision.
        let width = u32::try_from(c.n.len().saturating_mul(8)).map_err(|_| KeyRejected::TooLarge)?;
        let e = c.e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let key = rsa::PrivateKey::from_components(
            BoxedUint::from_be_slice_vartime(c.n),
            BoxedUint::from(e),
            secret_uint(c.d, width)?,
            vec![secret_uint(c.p, width)?, secret_uint(c.q, width)?],
        )
        .map_err(|_| KeyRejected::Inconsistent)?;
        let (Some(k_dp), Some(k_dq), Some(k_qi)) = (key.dp(), key.dq(), key.qinv()) else {
            return Err(KeyRejected::Inconsistent);
        };
        let k_qi = Zeroizing::new(k_qi.retrieve());
        if !(ct_eq_value(k_dp, c.dp) & ct_eq_value(k_dq, c.dq) & ct_eq_value(&k_qi, c.qi)) {
            return Err(KeyRejected::Inconsistent);
        }
        Ok(Self(key))
    }

    /// A new key with e = 65537 (`bits` is 2048, 3072 or 4096).
    pub(crate) fn generate(bits: usize) -> Result<RsaPrivateExport, Error> {
        if !matches!(bits, 2048 | 3072 | 4096) {
            return Err(Error::Unsupported);
        }
        let key = rsa::PrivateKey::new(&mut SysRng, bits).map_err(|e| match e {
            rsa::Error::Rng => Error::Random,
            _ => Error::Unsupported,
        })?;
        Ok(Self(key).export())
    }

    pub(crate) fn export(&self) -> RsaPrivateExport {
        let key = &self.0;
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
            qi: key.qinv().map_or_else(empty, |v| to_secret(&Zeroizing::new(v.retrieve()))),
        }
    }

    /// Blinded signing with the system RNG.
    pub(crate) fn sign(&self, scheme: RsaSignature, msg: &[u8]) -> Result<Vec<u8>, Error> {
        let digest = super::sha2(scheme.hash(), &[msg]);
        let digest = digest.as_slice();
        let rng = &mut SysRng;
        let key = &self.0;
        let result = match scheme {
            RsaSignature::Pkcs1Sha256 => key.sign_with_rng(rng, Pkcs1v15Sign::new::<Sha256>(), digest),
            RsaSignature::Pkcs1Sha384 => key.sign_with_rng(rng, Pkcs1v15Sign::new::<Sha384>(), digest),
            RsaSignature::Pkcs1Sha512 => key.sign_with_rng(rng, Pkcs1v15Sign::new::<Sha512>(), digest),
            RsaSignature::PssSha256 => key.sign_with_rng(rng, Pss::<Sha256>::new(), digest),
            RsaSignature::PssSha384 => key.sign_with_rng(rng, Pss::<Sha384>::new(), digest),
            RsaSignature::PssSha512 => key.sign_with_rng(rng, Pss::<Sha512>::new(), digest),
        };
        result.map_err(|e| match e {
            rsa::Error::Rng => Error::Random,
            _ => Error::Unsupported,
        })
    }

    /// `ct` has the modulus length (the caller checked).
    pub(crate) fn decrypt(&self, padding: RsaEncryption, ct: &[u8], label: &[u8]) -> Result<Secret, Error> {
        let key = &self.0;
        match padding {
            // PKCS#1 v1.5 has no label: asking for one is a programming error.
            RsaEncryption::Pkcs1v15 if !label.is_empty() => Err(Error::Unsupported),
            // Implicit rejection: bad padding yields a pseudo-random message.
            RsaEncryption::Pkcs1v15 => match key.decrypt_blinded(&mut SysRng, Pkcs1v15Encrypt, ct) {
                Ok(plain) => Ok(Secret::new(plain)),
                // A failing system RNG says nothing about the ciphertext.
                Err(rsa::Error::Rng) => Err(Error::Random),
                Err(_) => Err(Error::DecryptionFailed),
            },
            RsaEncryption::OaepSha1 => rsa_oaep::decrypt::<Sha1>(key, ct, label),
            RsaEncryption::OaepSha256 => rsa_oaep::decrypt::<Sha256>(key, ct, label),
            RsaEncryption::OaepSha384 => rsa_oaep::decrypt::<Sha384>(key, ct, label),
            RsaEncryption::OaepSha512 => rsa_oaep::decrypt::<Sha512>(key, ct, label),
        }
    }
}
