//! Signing: the [`Signer`] trait and [`JwsBuilder`] for every serialization.

use std::borrow::Cow;

use jot_core::alg::JwsAlgorithm;
use jot_core::base64url;
use jot_core::header::REGISTERED_NAMES;
use jot_core::json::{Object, Value};
use jot_jwk::SigningKey;

use crate::Error;

/// Something that signs: a key bound to an algorithm, or an external signer
/// (a KMS, an HSM) implementing this trait.
pub trait Signer: Send + Sync {
    /// The algorithm this signer signs with; it goes into the header.
    fn alg(&self) -> JwsAlgorithm;

    /// The `kid` to put in the header, if any.
    fn kid(&self) -> Option<&str> {
        None
    }

    /// Signs the JWS signing input.
    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, Error>;
}

impl Signer for SigningKey {
    fn alg(&self) -> JwsAlgorithm {
        SigningKey::alg(self)
    }

    fn kid(&self) -> Option<&str> {
        SigningKey::kid(self)
    }

    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, Error> {
        SigningKey::sign(self, signing_input).map_err(Error::Crypto)
    }
}

/// Header parameters the builder sets itself.
const RESERVED: &[&str] = &["alg", "crit", "b64"];

/// Builds one signature: its signer and headers. Produces a compact or
/// flattened JWS, or contributes one signature to a general JWS
/// ([`sign_general`]).
///
/// ```
/// use jot_jwt::alg::JwsAlgorithm;
/// use jot_jwt::jwk::Jwk;
/// use jot_jwt::jws::JwsBuilder;
///
/// let key = Jwk::generate_for_jws(JwsAlgorithm::HS256)?;
/// let signer = key.signing_key(JwsAlgorithm::HS256)?;
/// let token = JwsBuilder::new(&signer).typ("JWT").compact(br#"{"sub":"alice"}"#)?;
/// assert_eq!(token.split('.').count(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct JwsBuilder<'s> {
    signer: &'s dyn Signer,
    protected: Object,
    unprotected: Object,
    crit: Vec<String>,
    b64: bool,
}

impl<'s> JwsBuilder<'s> {
    /// Starts a signature: `alg` and (if the signer has one) `kid` go into
    /// the protected header.
    pub fn new(signer: &'s dyn Signer) -> Self {
        let mut protected = Object::new();
        protected.insert("alg", signer.alg().name());
        if let Some(kid) = signer.kid() {
            protected.insert("kid", kid);
        }
        Self { signer, protected, unprotected: Object::new(), crit: Vec::new(), b64: true }
    }

    /// Sets `typ` in the protected header.
    pub fn typ(mut self, typ: &str) -> Self {
        self.protected.insert("typ", typ);
        self
    }

    /// Sets `cty` in the protected header.
    pub fn cty(mut self, cty: &str) -> Self {
        self.protected.insert("cty", cty);
        self
    }

    /// Sets (or, with `None`, removes) `kid` in the protected header.
    pub fn kid(mut self, kid: Option<&str>) -> Self {
        match kid {
            Some(k) => self.protected.insert("kid", k),
            None => self.protected.remove("kid"),
        };
        self
    }

    /// Adds a protected header parameter. `alg`, `crit` and `b64` are set by
    /// the builder and refused here.
    pub fn header(mut self, name: &str, value: impl Into<Value>) -> Result<Self, Error> {
        if RESERVED.contains(&name) {
            return Err(Error::ApiMisuse("alg, crit and b64 are set by the builder"));
        }
        self.unprotected.remove(name);
        self.protected.insert(name, value);
        Ok(self)
    }

    /// Adds an unprotected header parameter (JSON serializations only; the
    /// compact form refuses a builder that has any).
    pub fn unprotected(mut self, name: &str, value: impl Into<Value>) -> Result<Self, Error> {
        if RESERVED.contains(&name) || self.protected.contains_key(name) {
            return Err(Error::ApiMisuse("parameter is reserved or already protected"));
        }
        self.unprotected.insert(name, value);
        Ok(self)
    }

    /// Adds a critical extension: the parameter goes into the protected
    /// header and its name into `crit`. Registered header parameters are
    /// refused: RFC 7515 section 4.1.11 forbids listing them in `crit`.
    pub fn critical(mut self, name: &str, value: impl Into<Value>) -> Result<Self, Error> {
        if REGISTERED_NAMES.contains(&name) {
            return Err(Error::ApiMisuse("crit must not list a registered header parameter"));
        }
        self = self.header(name, value)?;
        if !self.crit.iter().any(|c| c == name) {
            self.crit.push(name.to_owned());
        }
        Ok(self)
    }

    /// Signs the payload unencoded (RFC 7797): `b64: false`, listed in
    /// `crit`.
    pub fn unencoded_payload(mut self) -> Self {
        self.b64 = false;
        self
    }

    /// The protected header's JSON text, `b64` and `crit` added.
    fn protected_json(&self) -> String {
        if self.b64 && self.crit.is_empty() {
            return self.protected.to_json();
        }
        let mut header = self.protected.clone();
        let mut crit = self.crit.clone();
        if !self.b64 {
            header.insert("b64", false);
            crit.insert(0, "b64".to_owned());
        }
        if !crit.is_empty() {
            header.insert("crit", crit.into_iter().map(Value::from).collect::<Vec<_>>());
        }
        header.to_json()
    }

    fn protected_b64(&self) -> String {
        base64url::encode_public(self.protected_json().as_bytes())
    }

    /// The payload as it enters the signing input of a detached JWS:
    /// base64url, or with `b64: false` the octets as they are. Nothing
    /// carries a detached payload, so any octets will do (RFC 7797 section
    /// 5.1).
    fn detached_signing_payload<'p>(&self, payload: &'p [u8]) -> Cow<'p, [u8]> {
        if self.b64 { Cow::Owned(base64url::encode_public(payload).into_bytes()) } else { Cow::Borrowed(payload) }
    }

    fn payload_segment(&self, payload: &[u8]) -> Result<String, Error> {
        if self.b64 {
            Ok(base64url::encode_public(payload))
        } else {
            String::from_utf8(payload.to_vec()).map_err(|_| Error::UnencodedPayload)
        }
    }

    fn signature(&self, protected_b64: &str, payload_segment: &[u8]) -> Result<String, Error> {
        let mut input = Vec::with_capacity(protected_b64.len() + 1 + payload_segment.len());
        input.extend_from_slice(protected_b64.as_bytes());
        input.push(b'.');
        input.extend_from_slice(payload_segment);
        Ok(base64url::encode_public(&self.signer.sign(&input)?))
    }

    fn compact_protected_b64(&self) -> Result<String, Error> {
        if !self.unprotected.is_empty() {
            return Err(Error::ApiMisuse("the compact serialization has no unprotected header"));
        }
        Ok(self.protected_b64())
    }

    /// A compact JWS. With an unencoded payload, the payload must not
    /// contain '.' (RFC 7797 section 5.2).
    pub fn compact(&self, payload: &[u8]) -> Result<String, Error> {
        if !self.b64 && payload.contains(&b'.') {
            return Err(Error::UnencodedPayload);
        }
        if !self.unprotected.is_empty() {
            return Err(Error::ApiMisuse("the compact serialization has no unprotected header"));
        }
        // One buffer: the signing input is written into it, signed where it
        // lies, and the signature appended.
        let header = self.protected_json();
        let payload_len = if self.b64 { base64url::encoded_len(payload.len()) } else { payload.len() };
        let mut token = String::with_capacity(base64url::encoded_len(header.len()) + payload_len + 2 + 700);
        base64url::encode_public_into(header.as_bytes(), &mut token);
        token.push('.');
        if self.b64 {
            base64url::encode_public_into(payload, &mut token);
        } else {
            token.push_str(core::str::from_utf8(payload).map_err(|_| Error::UnencodedPayload)?);
        }
        let signature = self.signer.sign(token.as_bytes())?;
        token.push('.');
        base64url::encode_public_into(&signature, &mut token);
        Ok(token)
    }

    /// A compact JWS with a detached payload (RFC 7515 appendix F): the
    /// payload segment is left empty.
    pub fn compact_detached(&self, payload: &[u8]) -> Result<String, Error> {
        let protected = self.compact_protected_b64()?;
        let signature = self.signature(&protected, &self.detached_signing_payload(payload))?;
        Ok(format!("{protected}..{signature}"))
    }

    fn signature_object(&self, signed_payload: &[u8]) -> Result<Object, Error> {
        let protected = self.protected_b64();
        let signature = self.signature(&protected, signed_payload)?;
        let mut obj = Object::new();
        obj.insert("protected", protected);
        if !self.unprotected.is_empty() {
            obj.insert("header", self.unprotected.clone());
        }
        obj.insert("signature", signature);
        Ok(obj)
    }

    /// A flattened JSON JWS.
    pub fn flattened(&self, payload: &[u8]) -> Result<String, Error> {
        let segment = self.payload_segment(payload)?;
        let mut obj = self.signature_object(segment.as_bytes())?;
        obj.insert("payload", segment);
        Ok(obj.to_json())
    }

    /// A flattened JSON JWS with a detached payload (no `payload` member).
    pub fn flattened_detached(&self, payload: &[u8]) -> Result<String, Error> {
        Ok(self.signature_object(&self.detached_signing_payload(payload))?.to_json())
    }
}

/// A general JSON JWS with one signature per builder. Every builder must
/// agree on `b64` (RFC 7797 section 3).
///
/// ```
/// use jot_jwt::alg::JwsAlgorithm;
/// use jot_jwt::jwk::Jwk;
/// use jot_jwt::jws::{JwsBuilder, Verifier, sign_general};
///
/// let ec = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
/// let ed = Jwk::generate_for_jws(JwsAlgorithm::Ed25519)?;
/// let (s1, s2) = (ec.signing_key(JwsAlgorithm::ES256)?, ed.signing_key(JwsAlgorithm::Ed25519)?);
/// let jws = sign_general(b"payload", &[JwsBuilder::new(&s1), JwsBuilder::new(&s2)])?;
///
/// let verifier = Verifier::new(ed.verifying_key(JwsAlgorithm::Ed25519)?);
/// let verified = verifier.verify_json(jws.as_bytes())?;
/// assert_eq!(verified.signature_index(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sign_general(payload: &[u8], builders: &[JwsBuilder<'_>]) -> Result<String, Error> {
    general(payload, builders, false)
}

/// A general JSON JWS with a detached payload (no `payload` member).
pub fn sign_general_detached(payload: &[u8], builders: &[JwsBuilder<'_>]) -> Result<String, Error> {
    general(payload, builders, true)
}

fn general(payload: &[u8], builders: &[JwsBuilder<'_>], detached: bool) -> Result<String, Error> {
    let first = builders.first().ok_or(Error::ApiMisuse("a general JWS needs at least one signer"))?;
    if builders.iter().any(|b| b.b64 != first.b64) {
        return Err(crate::CritError::B64Inconsistent.into());
    }
    let signatures = |signed: &[u8]| {
        builders.iter().map(|b| b.signature_object(signed).map(Value::from)).collect::<Result<Vec<_>, _>>()
    };
    let mut obj = Object::new();
    if detached {
        obj.insert("signatures", signatures(&first.detached_signing_payload(payload))?);
    } else {
        let segment = first.payload_segment(payload)?;
        obj.insert("signatures", signatures(segment.as_bytes())?);
        obj.insert("payload", segment);
    }
    Ok(obj.to_json())
}
