//! RSA on AWS-LC: PKCS#1 v1.5 and PSS signatures, OAEP and PKCS#1 v1.5
//! encryption. AWS-LC takes moduli of 2048 to 8192 bits, which is the
//! range jot accepts.
//!
//! The public key is parsed once per signature scheme (AWS-LC's parsed key
//! is bound to one), on first use, and shared by clones. The private key is
//! one AWS-LC key pair; its decrypting keys are made from it at load.

use std::sync::{Arc, OnceLock};

use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rsa::{
    self as a, KeyPair, KeySize, OaepPrivateDecryptingKey, OaepPublicEncryptingKey, Pkcs1PrivateDecryptingKey,
    Pkcs1PublicEncryptingKey, PrivateDecryptingKey, PublicEncryptingKey,
};
use aws_lc_rs::signature::{self as s, ParsedPublicKey};
use jot_core::Secret;
use subtle::ConditionallySelectable as _;
use zeroize::Zeroizing;

use crate::rsa::der;
use crate::rsa::{RsaEncryption, RsaPrivateComponents, RsaPrivateExport, RsaSignature};
use crate::{Error, KeyRejected, ShaAlg};

fn verify_params(scheme: RsaSignature) -> &'static s::RsaParameters {
    match scheme {
        RsaSignature::Pkcs1Sha256 => &s::RSA_PKCS1_2048_8192_SHA256,
        RsaSignature::Pkcs1Sha384 => &s::RSA_PKCS1_2048_8192_SHA384,
        RsaSignature::Pkcs1Sha512 => &s::RSA_PKCS1_2048_8192_SHA512,
        RsaSignature::PssSha256 => &s::RSA_PSS_2048_8192_SHA256,
        RsaSignature::PssSha384 => &s::RSA_PSS_2048_8192_SHA384,
        RsaSignature::PssSha512 => &s::RSA_PSS_2048_8192_SHA512,
    }
}

fn oaep_alg(padding: RsaEncryption) -> Option<&'static a::OaepAlgorithm> {
    match padding {
        RsaEncryption::Pkcs1v15 => None,
        RsaEncryption::OaepSha1 => Some(&a::OAEP_SHA1_MGF1SHA1),
        RsaEncryption::OaepSha256 => Some(&a::OAEP_SHA256_MGF1SHA256),
        RsaEncryption::OaepSha384 => Some(&a::OAEP_SHA384_MGF1SHA384),
        RsaEncryption::OaepSha512 => Some(&a::OAEP_SHA512_MGF1SHA512),
    }
}

/// An RSA public key: its DER forms and AWS-LC's parsed keys, made once.
#[derive(Clone)]
pub(crate) struct PublicKey {
    /// `RSAPublicKey` (RFC 8017 A.1.1): what the parsed keys come from.
    pkcs1: Arc<[u8]>,
    parsed: Arc<[OnceLock<Option<ParsedPublicKey>>; 6]>,
    encrypting: Arc<OnceLock<Option<PublicEncryptingKey>>>,
}

impl PublicKey {
    /// From minimal big-endian `n` and `e` the caller validated.
    pub(crate) fn new(n: &[u8], e: &[u8]) -> Result<Self, KeyRejected> {
        let pkcs1: Arc<[u8]> = der::rsa_public_key(n, e).into();
        // Parse once now so a key AWS-LC refuses is refused at load.
        let first = ParsedPublicKey::new(verify_params(RsaSignature::Pkcs1Sha256), &pkcs1)
            .map_err(|_| KeyRejected::InvalidComponent)?;
        let parsed: Arc<[OnceLock<Option<ParsedPublicKey>>; 6]> = Arc::default();
        if let Some(slot) = parsed.get(RsaSignature::Pkcs1Sha256 as usize) {
            let _ = slot.set(Some(first));
        }
        Ok(Self { pkcs1, parsed, encrypting: Arc::default() })
    }

    fn parsed(&self, scheme: RsaSignature) -> Option<&ParsedPublicKey> {
        let slot = self.parsed.get(scheme as usize)?;
        slot.get_or_init(|| ParsedPublicKey::new(verify_params(scheme), &self.pkcs1).ok()).as_ref()
    }

    /// `sig` has the modulus length (the caller checked).
    pub(crate) fn verify(&self, scheme: RsaSignature, msg: &[u8], sig: &[u8]) -> bool {
        self.parsed(scheme).is_some_and(|key| key.verify_sig(msg, sig).is_ok())
    }

    pub(crate) fn encrypt(&self, padding: RsaEncryption, msg: &[u8], label: &[u8]) -> Result<Vec<u8>, Error> {
        let key = self
            .encrypting
            .get_or_init(|| PublicEncryptingKey::from_der(&der::spki_rsa(&self.pkcs1)).ok())
            .clone()
            .ok_or(Error::Unsupported)?;
        let mut out = vec![0u8; key.key_size_bytes()];
        // Fails for a message too long for the key and padding.
        let len = match oaep_alg(padding) {
            Some(alg) => {
                let key = OaepPublicEncryptingKey::new(key).map_err(|_| Error::Unsupported)?;
                key.encrypt(alg, msg, &mut out, (!label.is_empty()).then_some(label))
                    .map_err(|_| Error::InvalidLength)?
                    .len()
            }
            None => {
                let key = Pkcs1PublicEncryptingKey::new(key).map_err(|_| Error::Unsupported)?;
                key.encrypt(msg, &mut out).map_err(|_| Error::InvalidLength)?.len()
            }
        };
        out.truncate(len);
        Ok(out)
    }
}

/// An RSA private key: one AWS-LC key pair and the decrypting keys made from
/// it, plus the key-derivation key of PKCS#1 v1.5 implicit rejection.
pub(crate) struct PrivateKey {
    pair: KeyPair,
    oaep: OaepPrivateDecryptingKey,
    pkcs1: Pkcs1PrivateDecryptingKey,
    /// SHA-256 of `d` at the modulus length (draft-irtf-cfrg-rsa-guidance
    /// section 7.2 derives the rejection key from it).
    kdk: Zeroizing<[u8; 32]>,
    modulus_len: usize,
    /// The modulus, to refuse a ciphertext not below it outright.
    n: Box<[u8]>,
}

impl PrivateKey {
    /// From components the shared layer checked (sizes, exponent, ROCA,
    /// primality). AWS-LC's `RSA_check_key` checks that they agree.
    pub(crate) fn from_components(c: &RsaPrivateComponents<'_>) -> Result<Self, KeyRejected> {
        let components = a::KeyPairComponents {
            public_key: a::PublicKeyComponents { n: c.n, e: c.e },
            d: c.d,
            p: c.p,
            q: c.q,
            dP: c.dp,
            dQ: c.dq,
            qInv: c.qi,
        };
        let pair = KeyPair::from_components(&components).map_err(|_| KeyRejected::Inconsistent)?;
        let pkcs8 = pair.as_der().map_err(|_| KeyRejected::Inconsistent)?;
        let decrypting = || PrivateDecryptingKey::from_pkcs8(pkcs8.as_ref()).map_err(|_| KeyRejected::Inconsistent);
        let oaep = OaepPrivateDecryptingKey::new(decrypting()?).map_err(|_| KeyRejected::Inconsistent)?;
        let pkcs1 = Pkcs1PrivateDecryptingKey::new(decrypting()?).map_err(|_| KeyRejected::Inconsistent)?;
        let modulus_len = c.n.len();
        let mut d = Zeroizing::new(vec![0u8; modulus_len]);
        let start = modulus_len.checked_sub(c.d.len()).ok_or(KeyRejected::InvalidComponent)?;
        d.get_mut(start..).ok_or(KeyRejected::InvalidComponent)?.copy_from_slice(c.d);
        let mut kdk = Zeroizing::new([0u8; 32]);
        kdk.copy_from_slice(super::sha2(ShaAlg::Sha256, &[&d]).as_slice());
        Ok(Self { pair, oaep, pkcs1, kdk, modulus_len, n: c.n.into() })
    }

    /// A new key with e = 65537 (`bits` is 2048, 3072 or 4096).
    pub(crate) fn generate(bits: usize) -> Result<RsaPrivateExport, Error> {
        let size = match bits {
            2048 => KeySize::Rsa2048,
            3072 => KeySize::Rsa3072,
            4096 => KeySize::Rsa4096,
            _ => return Err(Error::Unsupported),
        };
        let pair = KeyPair::generate(size).map_err(|_| Error::Random)?;
        export(&pair)
    }

    pub(crate) fn export(&self) -> RsaPrivateExport {
        export(&self.pair).unwrap_or_else(|_| RsaPrivateExport::empty())
    }

    pub(crate) fn sign(&self, scheme: RsaSignature, msg: &[u8]) -> Result<Vec<u8>, Error> {
        let encoding: &'static dyn s::RsaEncoding = match scheme {
            RsaSignature::Pkcs1Sha256 => &s::RSA_PKCS1_SHA256,
            RsaSignature::Pkcs1Sha384 => &s::RSA_PKCS1_SHA384,
            RsaSignature::Pkcs1Sha512 => &s::RSA_PKCS1_SHA512,
            RsaSignature::PssSha256 => &s::RSA_PSS_SHA256,
            RsaSignature::PssSha384 => &s::RSA_PSS_SHA384,
            RsaSignature::PssSha512 => &s::RSA_PSS_SHA512,
        };
        let mut sig = vec![0u8; self.pair.public_modulus_len()];
        // AWS-LC fails here only if its RNG (PSS salt, blinding) does.
        self.pair.sign(encoding, &aws_lc_rs::rand::SystemRandom::new(), msg, &mut sig).map_err(|_| Error::Random)?;
        Ok(sig)
    }

    /// `ct` has the modulus length (the caller checked).
    pub(crate) fn decrypt(&self, padding: RsaEncryption, ct: &[u8], label: &[u8]) -> Result<Secret, Error> {
        match oaep_alg(padding) {
            Some(alg) => {
                let mut out = Zeroizing::new(vec![0u8; self.oaep.min_output_size()]);
                let label = (!label.is_empty()).then_some(label);
                let plain = self.oaep.decrypt(alg, ct, &mut out, label).map_err(|_| Error::DecryptionFailed)?;
                Ok(Secret::from(&*plain))
            }
            None if !label.is_empty() => Err(Error::Unsupported),
            // c >= n is not a ciphertext: public, so refused outright.
            None if ct >= &*self.n => Err(Error::DecryptionFailed),
            None => Ok(self.decrypt_pkcs1_implicit(ct)),
        }
    }

    /// PKCS#1 v1.5 decryption with implicit rejection: the synthetic
    /// message is always derived, and chosen over AWS-LC's result in
    /// constant time when its (constant-time) padding check failed, so a
    /// ciphertext with bad padding decrypts to a pseudo-random message of a
    /// pseudo-random length instead of an error.
    fn decrypt_pkcs1_implicit(&self, ct: &[u8]) -> Secret {
        // At most k - 11 bytes of message.
        let max_len = self.modulus_len.saturating_sub(11);
        let mut synthetic = Zeroizing::new(vec![0u8; max_len]);
        self.prf(b"message", ct, &mut synthetic);
        let mut length = [0u8; 2];
        self.prf(b"length", ct, &mut length);
        let synthetic_len = usize::from(u16::from_be_bytes(length)) % (max_len + 1);

        let mut out = Zeroizing::new(vec![0u8; self.modulus_len]);
        let (ok, real_len) = match self.pkcs1.decrypt(ct, &mut out) {
            Ok(plain) => (1u8, plain.len()),
            Err(_) => (0u8, 0),
        };
        let ok = subtle::Choice::from(ok);
        for (o, s) in out.iter_mut().zip(synthetic.iter()) {
            *o = u8::conditional_select(s, o, ok);
        }
        let len = u64::conditional_select(&(synthetic_len as u64), &(real_len as u64), ok);
        let len = usize::try_from(len).unwrap_or(0);
        Secret::from(out.get(..len).unwrap_or_default())
    }

    /// HMAC-SHA-256 in counter mode over `label` and `ct` under the
    /// rejection key, filling `out`.
    fn prf(&self, label: &[u8], ct: &[u8], out: &mut [u8]) {
        let key = super::hmac::Key::new(ShaAlg::Sha256, self.kdk.as_slice());
        for (counter, chunk) in (0u32..).zip(out.chunks_mut(32)) {
            let block = key.sign(&[&counter.to_be_bytes(), label, ct]);
            let n = chunk.len();
            chunk.copy_from_slice(block.as_slice().get(..n).unwrap_or_default());
        }
    }
}

/// The components of an AWS-LC key pair, read from its PKCS#8 form.
fn export(pair: &KeyPair) -> Result<RsaPrivateExport, Error> {
    let pkcs8 = pair.as_der().map_err(|_| Error::Unsupported)?;
    der::parse_pkcs8_rsa(pkcs8.as_ref()).ok_or(Error::Unsupported)
}
