//! Binding a JWK to one algorithm for use (`jwk + alg -> key handle`).
//!
//! Binding checks the key type, curve and size against the algorithm, the
//! JWK's own `alg`, and its `use` and `key_ops`; any mismatch is a typed
//! error. The handles are built from the crypto handles the JWK already
//! holds, so nothing is parsed again, and every handle is `Send + Sync`.

use std::sync::Arc;

use jot_core::Secret;
use jot_core::alg::{Curve, JweAlgorithm, JweEncryption, JweFamily, JwsAlgorithm, JwsFamily, KeyType, ShaAlg};
use jot_crypto::ec::{EcPrivateKey, EcPublicKey};
use jot_crypto::hmac::HmacKey;
use jot_crypto::ml_dsa::{MlDsaPrivateKey, MlDsaPublicKey};
use jot_crypto::okp::{Ed25519PrivateKey, Ed25519PublicKey, X25519PrivateKey, X25519PublicKey};
use jot_crypto::rsa::{RsaPrivateKey, RsaPublicKey, RsaSignature};

use crate::checked::Checked;
use crate::key::Key;
use crate::params::{JwkAlgorithm, KeyOp, KeyUse};
use crate::{Error, Jwk};

/// `key_ops` entries that permit encrypting to a key (any one suffices:
/// RFC 7517 leaves the mapping from JWE algorithms to operations open).
const ENCRYPT_OPS: [KeyOp; 4] = [KeyOp::Encrypt, KeyOp::WrapKey, KeyOp::DeriveKey, KeyOp::DeriveBits];
/// `key_ops` entries that permit decrypting with a key.
pub(crate) const DECRYPT_OPS: [KeyOp; 4] = [KeyOp::Decrypt, KeyOp::UnwrapKey, KeyOp::DeriveKey, KeyOp::DeriveBits];

/// A key bound to one JWS algorithm, ready to verify.
///
/// ```
/// use jot_jwt::alg::JwsAlgorithm;
/// use jot_jwt::jwk::Jwk;
/// let jwk = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
/// let signer = jwk.signing_key(JwsAlgorithm::ES256)?;
/// let sig = signer.sign(b"payload")?;
/// let verifier = jwk.verifying_key(JwsAlgorithm::ES256)?;
/// verifier.verify(b"payload", &sig)?;
/// assert!(verifier.verify(b"tampered", &sig).is_err());
/// // A key is bound to one algorithm; another is refused.
/// assert!(jwk.verifying_key(JwsAlgorithm::ES384).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct VerifyingKey {
    alg: JwsAlgorithm,
    // Shared, so a verified token can name its key without an allocation.
    kid: Option<Arc<str>>,
    inner: Verifier,
}

#[derive(Clone)]
enum Verifier {
    Hmac(HmacKey),
    Rsa(Arc<RsaPublicKey>, RsaSignature),
    Ec(Arc<EcPublicKey>),
    Ed25519(Arc<Ed25519PublicKey>),
    MlDsa(Arc<MlDsaPublicKey>),
}

/// A key bound to one JWS algorithm, ready to sign.
#[derive(Clone)]
pub struct SigningKey {
    alg: JwsAlgorithm,
    kid: Option<String>,
    inner: Signer,
}

#[derive(Clone)]
enum Signer {
    Hmac(HmacKey),
    Rsa(Arc<RsaPrivateKey>, RsaSignature),
    Ec(Arc<EcPrivateKey>),
    Ed25519(Arc<Ed25519PrivateKey>),
    MlDsa(Arc<MlDsaPrivateKey>),
}

impl VerifyingKey {
    /// The algorithm this key verifies.
    pub fn alg(&self) -> JwsAlgorithm {
        self.alg
    }

    /// The JWK's `kid`, if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The JWK's `kid` as a shared string: cloning it does not allocate.
    pub fn kid_shared(&self) -> Option<&Arc<str>> {
        self.kid.as_ref()
    }

    /// Verifies `sig` over `msg`. An invalid signature carries no detail.
    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<(), jot_crypto::Error> {
        match &self.inner {
            Verifier::Hmac(k) => k.verify(msg, sig),
            Verifier::Rsa(k, scheme) => k.verify(*scheme, msg, sig),
            Verifier::Ec(k) => k.verify_ecdsa(msg, sig),
            Verifier::Ed25519(k) => k.verify(msg, sig),
            Verifier::MlDsa(k) => k.verify(msg, sig),
        }
    }
}

impl SigningKey {
    /// The algorithm this key signs with.
    pub fn alg(&self) -> JwsAlgorithm {
        self.alg
    }

    /// The JWK's `kid`, if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// Signs `msg`.
    pub fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, jot_crypto::Error> {
        match &self.inner {
            Signer::Hmac(k) => Ok(k.sign(msg).as_ref().to_vec()),
            Signer::Rsa(k, scheme) => k.sign(*scheme, msg),
            Signer::Ec(k) => k.sign_ecdsa(msg),
            Signer::Ed25519(k) => Ok(k.sign(msg)),
            Signer::MlDsa(k) => k.sign(msg),
        }
    }
}

impl core::fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("VerifyingKey").field("alg", &self.alg).field("kid", &self.kid).finish_non_exhaustive()
    }
}

impl core::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SigningKey").field("alg", &self.alg).field("kid", &self.kid).finish_non_exhaustive()
    }
}

/// The key material of a JWE recipient key on the encrypting side.
#[derive(Clone)]
#[non_exhaustive]
pub enum EncryptionMaterial {
    /// `dir`, A*KW, A*GCMKW: the symmetric key; PBES2: the password.
    Symmetric(Secret),
    /// RSA1_5 and RSA-OAEP*: the recipient's public key.
    Rsa(Arc<RsaPublicKey>),
    /// ECDH-ES* on P-256, P-384, P-521: the recipient's public key.
    Ec(Arc<EcPublicKey>),
    /// ECDH-ES* on X25519: the recipient's public key.
    X25519(Arc<X25519PublicKey>),
}

/// The key material of a JWE recipient key on the decrypting side.
#[derive(Clone)]
#[non_exhaustive]
pub enum DecryptionMaterial {
    /// `dir`, A*KW, A*GCMKW: the symmetric key; PBES2: the password.
    Symmetric(Secret),
    /// RSA1_5 and RSA-OAEP*: the private key.
    Rsa(Arc<RsaPrivateKey>),
    /// ECDH-ES* on P-256, P-384, P-521: the private key.
    Ec(Arc<EcPrivateKey>),
    /// ECDH-ES* on X25519: the private key.
    X25519(Arc<X25519PrivateKey>),
}

/// A key bound to one JWE key management algorithm, for encrypting.
#[derive(Clone)]
pub struct EncryptingKey {
    alg: JweAlgorithm,
    kid: Option<String>,
    enc: Option<JweEncryption>,
    material: EncryptionMaterial,
}

/// A key bound to one JWE key management algorithm, for decrypting.
#[derive(Clone)]
pub struct DecryptingKey {
    alg: JweAlgorithm,
    kid: Option<String>,
    enc: Option<JweEncryption>,
    material: DecryptionMaterial,
}

macro_rules! jwe_key_accessors {
    ($t:ty, $m:ty) => {
        impl $t {
            /// The key management algorithm this key is bound to.
            pub fn alg(&self) -> JweAlgorithm {
                self.alg
            }
            /// The JWK's `kid`, if any.
            pub fn kid(&self) -> Option<&str> {
                self.kid.as_deref()
            }
            /// For a `dir` key whose JWK names a content encryption
            /// algorithm in `alg`, that algorithm (the JWE layer then accepts
            /// no other).
            pub fn content_encryption(&self) -> Option<JweEncryption> {
                self.enc
            }
            /// The key material.
            pub fn material(&self) -> &$m {
                &self.material
            }
        }
        impl core::fmt::Debug for $t {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($t)).field("alg", &self.alg).field("kid", &self.kid).finish_non_exhaustive()
            }
        }
    };
}
jwe_key_accessors!(EncryptingKey, EncryptionMaterial);
jwe_key_accessors!(DecryptingKey, DecryptionMaterial);

impl Jwk {
    /// Binds this key to a JWS algorithm for verifying. A private key
    /// verifies with its public part.
    pub fn verifying_key(&self, alg: JwsAlgorithm) -> Result<VerifyingKey, Error> {
        self.check_jws(alg, KeyOp::Verify)?;
        let inner = match (alg.family(), &self.checked) {
            (JwsFamily::Hmac(h), Checked::Oct) => Verifier::Hmac(self.hmac_key(h)?),
            (JwsFamily::RsaPkcs1(h), c) => match c.to_public() {
                Some(Checked::RsaPublic(k)) => Verifier::Rsa(k, RsaSignature::pkcs1(h)),
                _ => return Err(Error::KeyTypeMismatch),
            },
            (JwsFamily::RsaPss(h), c) => match c.to_public() {
                Some(Checked::RsaPublic(k)) => Verifier::Rsa(k, RsaSignature::pss(h)),
                _ => return Err(Error::KeyTypeMismatch),
            },
            (JwsFamily::Ecdsa(_), c) => match c.to_public() {
                Some(Checked::EcPublic(k)) => Verifier::Ec(k),
                _ => return Err(Error::KeyTypeMismatch),
            },
            (JwsFamily::EdDsa(_), c) => match c.to_public() {
                Some(Checked::Ed25519Public(k)) => Verifier::Ed25519(k),
                _ => return Err(Error::KeyTypeMismatch),
            },
            // `check_jws` held the key's own parameter set to `alg`'s.
            (JwsFamily::MlDsa(level), c) => match c.to_public() {
                Some(Checked::MlDsaPublic(k)) if k.level() == level => Verifier::MlDsa(k),
                _ => return Err(Error::AlgorithmMismatch),
            },
            _ => return Err(Error::KeyTypeMismatch),
        };
        Ok(VerifyingKey { alg, kid: self.params.kid.as_deref().map(Arc::from), inner })
    }

    /// Binds this key to a JWS algorithm for signing; needs a private key.
    pub fn signing_key(&self, alg: JwsAlgorithm) -> Result<SigningKey, Error> {
        self.check_jws(alg, KeyOp::Sign)?;
        let inner = match (alg.family(), &self.checked) {
            (JwsFamily::Hmac(h), Checked::Oct) => Signer::Hmac(self.hmac_key(h)?),
            (JwsFamily::RsaPkcs1(h), Checked::RsaPrivate(k)) => Signer::Rsa(k.clone(), RsaSignature::pkcs1(h)),
            (JwsFamily::RsaPss(h), Checked::RsaPrivate(k)) => Signer::Rsa(k.clone(), RsaSignature::pss(h)),
            (JwsFamily::Ecdsa(_), Checked::EcPrivate(k)) => Signer::Ec(k.clone()),
            (JwsFamily::EdDsa(_), Checked::Ed25519Private(k)) => Signer::Ed25519(k.clone()),
            (JwsFamily::MlDsa(level), Checked::MlDsaPrivate(k)) if k.level() == level => Signer::MlDsa(k.clone()),
            _ => return Err(Error::NotPrivate),
        };
        Ok(SigningKey { alg, kid: self.params.kid.clone(), inner })
    }

    /// Binds this key to a JWE key management algorithm for encrypting to
    /// it. PBES2 takes an `oct` key whose value is the password.
    pub fn encrypting_key(&self, alg: JweAlgorithm) -> Result<EncryptingKey, Error> {
        let enc = self.check_jwe(alg, &ENCRYPT_OPS)?;
        let material = match (&self.key, self.checked.to_public()) {
            (Key::Oct(k), _) => EncryptionMaterial::Symmetric(k.k.clone()),
            (_, Some(Checked::RsaPublic(k))) => EncryptionMaterial::Rsa(k),
            (_, Some(Checked::EcPublic(k))) => EncryptionMaterial::Ec(k),
            (_, Some(Checked::X25519Public(k))) => EncryptionMaterial::X25519(k),
            _ => return Err(Error::KeyTypeMismatch),
        };
        Ok(EncryptingKey { alg, kid: self.params.kid.clone(), enc, material })
    }

    /// Binds this key to a JWE key management algorithm for decrypting;
    /// needs a private (or symmetric) key.
    pub fn decrypting_key(&self, alg: JweAlgorithm) -> Result<DecryptingKey, Error> {
        let enc = self.check_jwe(alg, &DECRYPT_OPS)?;
        let material = match (&self.key, &self.checked) {
            (Key::Oct(k), _) => DecryptionMaterial::Symmetric(k.k.clone()),
            (_, Checked::RsaPrivate(k)) => DecryptionMaterial::Rsa(k.clone()),
            (_, Checked::EcPrivate(k)) => DecryptionMaterial::Ec(k.clone()),
            (_, Checked::X25519Private(k)) => DecryptionMaterial::X25519(k.clone()),
            _ => return Err(Error::NotPrivate),
        };
        Ok(DecryptingKey { alg, kid: self.params.kid.clone(), enc, material })
    }

    fn hmac_key(&self, hash: ShaAlg) -> Result<HmacKey, Error> {
        match &self.key {
            // RFC 7518 section 3.2: a key of the same size as the hash output
            // or larger MUST be used.
            Key::Oct(k) if k.k.len() >= hash.output_len() => Ok(HmacKey::new(hash, k.k.expose())),
            Key::Oct(_) => Err(Error::KeyLength),
            _ => Err(Error::KeyTypeMismatch),
        }
    }

    pub(crate) fn check_jws(&self, alg: JwsAlgorithm, op: KeyOp) -> Result<(), Error> {
        match &self.params.alg {
            None => {}
            Some(JwkAlgorithm::Jws(a)) if *a == alg => {}
            Some(_) => return Err(Error::AlgorithmMismatch),
        }
        jws_fits(alg, &self.key)?;
        // RFC 7518 section 3.2: an HMAC key at least as long as the hash.
        if let (JwsFamily::Hmac(h), Key::Oct(k)) = (alg.family(), &self.key)
            && k.k.len() < h.output_len()
        {
            return Err(Error::SecretTooShort { min_bytes: h.output_len() });
        }
        if !self.params.permits(&KeyUse::Sig, &[op]) {
            return Err(Error::UsageNotPermitted);
        }
        Ok(())
    }

    pub(crate) fn check_jwe(&self, alg: JweAlgorithm, ops: &[KeyOp]) -> Result<Option<JweEncryption>, Error> {
        let enc = match &self.params.alg {
            None => None,
            Some(JwkAlgorithm::Jwe(a)) if *a == alg => None,
            Some(JwkAlgorithm::Enc(e)) if alg == JweAlgorithm::Dir => Some(*e),
            Some(_) => return Err(Error::AlgorithmMismatch),
        };
        jwe_fits(alg, &self.key)?;
        // An AES key-encryption key has exactly its algorithm's size.
        if let (JweFamily::AesKw(len) | JweFamily::AesGcmKw(len), Key::Oct(k)) = (alg.family(), &self.key)
            && k.k.len() != len
        {
            return Err(Error::KeyLength);
        }
        if let (Some(e), Key::Oct(k)) = (enc, &self.key)
            && k.k.len() != e.key_len()
        {
            return Err(Error::KeyLength);
        }
        if !self.params.permits(&KeyUse::Enc, ops) {
            return Err(Error::UsageNotPermitted);
        }
        Ok(enc)
    }
}

/// Whether a key's type and curve fit a JWS algorithm.
pub(crate) fn jws_fits(alg: JwsAlgorithm, key: &Key) -> Result<(), Error> {
    if key.key_type() != alg.key_type() {
        return Err(Error::KeyTypeMismatch);
    }
    match alg.family() {
        JwsFamily::Ecdsa(c) if key.curve() != Some(c) => Err(Error::CurveMismatch),
        JwsFamily::EdDsa(_) => match key.curve() {
            Some(Curve::Ed25519) => Ok(()),
            // EdDSA with Ed448 is registered, but jot implements Ed25519 only.
            Some(Curve::Ed448) => Err(Error::UnsupportedCurve),
            _ => Err(Error::CurveMismatch),
        },
        // An AKP key is for the one algorithm its `alg` names (RFC 9964).
        JwsFamily::MlDsa(_) => match key {
            Key::Akp(k) if k.alg == alg => Ok(()),
            _ => Err(Error::AlgorithmMismatch),
        },
        _ => Ok(()),
    }
}

/// Whether a key's type and curve fit a JWE key management algorithm.
pub(crate) fn jwe_fits(alg: JweAlgorithm, key: &Key) -> Result<(), Error> {
    let kty = key.key_type();
    match alg.family() {
        JweFamily::EcdhEs(_) => match (kty, key.curve()) {
            (KeyType::Ec, Some(Curve::P256 | Curve::P384 | Curve::P521)) | (KeyType::Okp, Some(Curve::X25519)) => {
                Ok(())
            }
            (KeyType::Okp, Some(Curve::X448)) => Err(Error::UnsupportedCurve),
            (KeyType::Ec | KeyType::Okp, _) => Err(Error::CurveMismatch),
            _ => Err(Error::KeyTypeMismatch),
        },
        // The password is held in an `oct` JWK.
        JweFamily::Pbes2(..) if kty == KeyType::Oct => Ok(()),
        _ if alg.key_type() == Some(kty) => Ok(()),
        _ => Err(Error::KeyTypeMismatch),
    }
}
