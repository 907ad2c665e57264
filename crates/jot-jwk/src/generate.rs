//! Key generation for every key type and curve. The `kid` defaults to the
//! RFC 7638 SHA-256 thumbprint.

use jot_core::Secret;
use jot_core::alg::{Curve, JweAlgorithm, JweEncryption, JweFamily, JwsAlgorithm, JwsFamily, ShaAlg};
use jot_crypto::ec::EcPrivateKey;
use jot_crypto::ml_dsa::MlDsaPrivateKey;
use jot_crypto::okp::{Ed25519PrivateKey, X25519PrivateKey};
use jot_crypto::rsa::RsaPrivateKey;

use crate::key::{AkpKey, EcKey, Key, OctKey, OkpKey, RsaKey, RsaPrivate};
use crate::params::{JwkAlgorithm, KeyUse, Parameters};
use crate::{Error, Jwk};

/// What kind of key to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeySpec {
    /// RSA with 2048, 3072 or 4096 bits.
    Rsa {
        /// Modulus size in bits.
        bits: usize,
    },
    /// EC on P-256, P-384, P-521 or secp256k1.
    Ec(Curve),
    /// OKP on Ed25519 or X25519.
    Okp(Curve),
    /// AKP for this algorithm (RFC 9964): `ML-DSA-44`, `ML-DSA-65` or
    /// `ML-DSA-87`. The generated key carries the algorithm in `alg`.
    Akp(JwsAlgorithm),
    /// A random symmetric key.
    Oct {
        /// Length in bytes (at least 16).
        bytes: usize,
    },
}

impl Jwk {
    /// Generates a private key (or secret) with `kid` set to its SHA-256
    /// thumbprint and no other parameters.
    ///
    /// ```
    /// use jot_jwt::jwk::{Jwk, KeySpec};
    /// use jot_jwt::alg::Curve;
    /// let jwk = Jwk::generate(KeySpec::Okp(Curve::Ed25519))?;
    /// assert!(jwk.is_private());
    /// assert_eq!(jwk.kid(), Some(jwk.thumbprint_b64(jot_jwt::alg::ShaAlg::Sha256).as_str()));
    /// # Ok::<(), jot_jwt::jwk::Error>(())
    /// ```
    pub fn generate(spec: KeySpec) -> Result<Self, Error> {
        let mut params = Parameters::default();
        let key = match spec {
            KeySpec::Rsa { bits } => {
                let k = RsaPrivateKey::generate(bits)?.export();
                Key::Rsa(RsaKey {
                    n: k.n,
                    e: k.e,
                    private: Some(RsaPrivate { d: k.d, p: k.p, q: k.q, dp: k.dp, dq: k.dq, qi: k.qi }),
                })
            }
            KeySpec::Ec(crv) => {
                let k = EcPrivateKey::generate(crv)?;
                let p = k.public_key();
                Key::Ec(EcKey { crv, x: p.x().to_vec(), y: p.y().to_vec(), d: Some(k.scalar()) })
            }
            KeySpec::Okp(Curve::Ed25519) => {
                let k = Ed25519PrivateKey::generate()?;
                Key::Okp(OkpKey { crv: Curve::Ed25519, x: k.public_key().as_bytes().to_vec(), d: Some(k.seed()) })
            }
            KeySpec::Okp(Curve::X25519) => {
                let k = X25519PrivateKey::generate()?;
                Key::Okp(OkpKey {
                    crv: Curve::X25519,
                    x: k.public_key().as_bytes().to_vec(),
                    d: Some(k.secret_bytes()),
                })
            }
            KeySpec::Okp(_) => return Err(Error::UnsupportedCurve),
            KeySpec::Akp(alg) => {
                let JwsFamily::MlDsa(level) = alg.family() else {
                    return Err(Error::KeyTypeMismatch);
                };
                let k = MlDsaPrivateKey::generate(level)?;
                // RFC 9964: the key's `alg` is REQUIRED.
                params.alg = Some(JwkAlgorithm::Jws(alg));
                Key::Akp(AkpKey { alg, public: k.public_key().as_bytes().to_vec(), private: Some(k.seed()) })
            }
            KeySpec::Oct { bytes } if bytes >= 16 => Key::Oct(OctKey { k: jot_crypto::rand::secret(bytes)? }),
            KeySpec::Oct { .. } => return Err(Error::KeyLength),
        };
        let mut jwk = Self::from_key(key, params)?;
        jwk.params.kid = Some(jwk.thumbprint_b64(ShaAlg::Sha256));
        Ok(jwk)
    }

    /// Generates a key for a JWS algorithm, with `alg` and `use: "sig"` set:
    /// RSA 2048 bits for RS*/PS*, the algorithm's curve for ES*/EdDSA, an
    /// `oct` key of the hash size for HS*, and an `AKP` key for ML-DSA-*.
    ///
    /// ```
    /// use jot_jwt::alg::JwsAlgorithm;
    /// use jot_jwt::jwk::{Error, Jwk};
    /// let jwk = Jwk::generate_for_jws(JwsAlgorithm::MlDsa44)?;
    /// assert!(jwk.to_json().contains(r#""kty":"AKP""#));
    /// let sig = jwk.signing_key(JwsAlgorithm::MlDsa44)?.sign(b"hello")?;
    /// jwk.verifying_key(JwsAlgorithm::MlDsa44)?.verify(b"hello", &sig)?;
    /// // An AKP key is for its own algorithm only.
    /// assert_eq!(jwk.verifying_key(JwsAlgorithm::MlDsa65).unwrap_err(), Error::AlgorithmMismatch);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generate_for_jws(alg: JwsAlgorithm) -> Result<Self, Error> {
        let spec = match alg.family() {
            JwsFamily::Hmac(h) => KeySpec::Oct { bytes: h.output_len() },
            JwsFamily::RsaPkcs1(_) | JwsFamily::RsaPss(_) => KeySpec::Rsa { bits: 2048 },
            JwsFamily::Ecdsa(c) => KeySpec::Ec(c),
            JwsFamily::EdDsa(c) => KeySpec::Okp(c),
            JwsFamily::MlDsa(_) => KeySpec::Akp(alg),
        };
        let mut jwk = Self::generate(spec)?;
        jwk.params.alg = Some(alg.into());
        jwk.params.key_use = Some(KeyUse::Sig);
        Ok(jwk)
    }

    /// Generates a key for a JWE key management algorithm, with `alg` and
    /// `use: "enc"` set: `dir` needs the content encryption algorithm to size
    /// the key; ECDH-ES uses P-256; PBES2 takes a password, not a generated
    /// key, and is refused.
    ///
    /// A `dir` key names its content encryption algorithm in `alg`
    /// (`"alg":"A256GCM"`), not `"dir"`: it binds to `dir` with that `enc`
    /// only, and panva's `jose` accepts no other form (it refuses
    /// `"alg":"dir"`). jot reads both forms.
    ///
    /// ```
    /// use jot_jwt::alg::{JweAlgorithm, JweEncryption};
    /// use jot_jwt::jwk::Jwk;
    /// let jwk = Jwk::generate_for_jwe(JweAlgorithm::Dir, Some(JweEncryption::A256Gcm))?;
    /// assert!(jwk.to_json().contains(r#""alg":"A256GCM""#));
    /// let key = jwk.decrypting_key(JweAlgorithm::Dir)?;
    /// assert_eq!(key.content_encryption(), Some(JweEncryption::A256Gcm));
    /// assert!(jwk.decrypting_key(JweAlgorithm::A256Kw).is_err());
    /// # Ok::<(), jot_jwt::jwk::Error>(())
    /// ```
    pub fn generate_for_jwe(alg: JweAlgorithm, enc: Option<JweEncryption>) -> Result<Self, Error> {
        let spec = match alg.family() {
            JweFamily::Direct => KeySpec::Oct { bytes: enc.ok_or(Error::KeyLength)?.key_len() },
            JweFamily::AesKw(len) | JweFamily::AesGcmKw(len) => KeySpec::Oct { bytes: len },
            JweFamily::Rsa(_) => KeySpec::Rsa { bits: 2048 },
            JweFamily::EcdhEs(_) => KeySpec::Ec(Curve::P256),
            JweFamily::Pbes2(..) => return Err(Error::KeyTypeMismatch),
        };
        let mut jwk = Self::generate(spec)?;
        jwk.params.alg = Some(match (alg, enc) {
            (JweAlgorithm::Dir, Some(e)) => e.into(),
            _ => alg.into(),
        });
        jwk.params.key_use = Some(KeyUse::Enc);
        Ok(jwk)
    }

    /// A symmetric JWK holding exactly these bytes (an HMAC key, a CEK for
    /// `dir`, a PBES2 password).
    pub fn from_secret(secret: Secret) -> Result<Self, Error> {
        Self::from_key(Key::Oct(OctKey { k: secret }), Parameters::default())
    }
}
