//! Encryption: [`JweBuilder`] for every serialization. The CEK and IVs are
//! generated here; the caller supplies only keys and choices.

use jot_core::alg::{JweAlgorithm, JweEncryption, JweFamily};
use jot_core::json::{Object, Value};
use jot_core::{Secret, base64url};
use jot_crypto::rand;
use jot_jwk::EncryptingKey;

use crate::error::Error;
use crate::keymgmt::{self, Recipient};
use crate::{content, deflate};

/// Header parameters the builder sets itself.
const RESERVED: &[&str] = &["alg", "enc", "zip", "epk", "iv", "tag", "p2s", "p2c", "crit"];

/// The PBES2 iteration count used unless [`JweBuilder::p2c`] says otherwise:
/// the highest count the default [`Limits`](crate::Limits) accept.
pub const DEFAULT_P2C: u32 = crate::Limits::DEFAULT.max_p2c;

struct RecipientSpec<'k> {
    key: &'k EncryptingKey,
    header: Object,
}

/// Builds a JWE for one or more recipients.
///
/// ```
/// use jot_jwt::alg::{JweAlgorithm, JweEncryption};
/// use jot_jwt::jwk::Jwk;
/// use jot_jwt::jwe::{Decrypter, JweBuilder};
///
/// let a = Jwk::generate_for_jwe(JweAlgorithm::A256Kw, None)?;
/// let b = Jwk::generate_for_jwe(JweAlgorithm::RsaOaep256, None)?;
/// let (ka, kb) = (a.encrypting_key(JweAlgorithm::A256Kw)?, b.encrypting_key(JweAlgorithm::RsaOaep256)?);
/// let jwe = JweBuilder::new(JweEncryption::A128CbcHs256).recipient(&ka).recipient(&kb).general(b"to both")?;
///
/// let decrypter = Decrypter::new(b.decrypting_key(JweAlgorithm::RsaOaep256)?, &[JweEncryption::A128CbcHs256]);
/// let out = decrypter.decrypt_json(jwe.as_bytes())?;
/// assert_eq!((out.plaintext(), out.recipient_index()), (&b"to both"[..], 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct JweBuilder<'k> {
    enc: JweEncryption,
    recipients: Vec<RecipientSpec<'k>>,
    protected: Object,
    shared: Object,
    zip: bool,
    aad: Option<Vec<u8>>,
    p2c: u32,
}

impl<'k> JweBuilder<'k> {
    /// Starts a JWE with a content encryption algorithm.
    pub fn new(enc: JweEncryption) -> Self {
        Self {
            enc,
            recipients: Vec::new(),
            protected: Object::new(),
            shared: Object::new(),
            zip: false,
            aad: None,
            p2c: DEFAULT_P2C,
        }
    }

    /// Adds a recipient; its `alg` (and `kid`, if the key has one) go into
    /// its header.
    pub fn recipient(self, key: &'k EncryptingKey) -> Self {
        self.recipient_with_header(key, Object::new())
    }

    /// Adds a recipient with extra per-recipient header parameters.
    pub fn recipient_with_header(mut self, key: &'k EncryptingKey, mut header: Object) -> Self {
        header.insert("alg", key.alg().name());
        if let Some(kid) = key.kid() {
            header.insert("kid", kid);
        }
        self.recipients.push(RecipientSpec { key, header });
        self
    }

    /// The key management algorithm of each recipient added so far, in
    /// order (for a caller that issues only what its verifier accepts).
    pub fn recipient_algorithms(&self) -> impl Iterator<Item = JweAlgorithm> + '_ {
        self.recipients.iter().map(|r| r.key.alg())
    }

    /// Compresses the plaintext with DEFLATE (`zip: DEF`, protected).
    pub fn zip(mut self) -> Self {
        self.zip = true;
        self
    }

    /// Sets `typ` in the protected header.
    pub fn typ(mut self, typ: &str) -> Self {
        self.protected.insert("typ", typ);
        self
    }

    /// Sets `cty` in the protected header (`JWT` for a nested JWT).
    pub fn cty(mut self, cty: &str) -> Self {
        self.protected.insert("cty", cty);
        self
    }

    /// Adds a protected header parameter; those the builder sets itself are
    /// refused.
    pub fn header(mut self, name: &str, value: impl Into<Value>) -> Result<Self, Error> {
        if RESERVED.contains(&name) || self.shared.contains_key(name) {
            return Err(Error::ApiMisuse("parameter is reserved or already in the shared header"));
        }
        self.protected.insert(name, value);
        Ok(self)
    }

    /// Adds a shared unprotected header parameter (JSON serializations only).
    pub fn unprotected(mut self, name: &str, value: impl Into<Value>) -> Result<Self, Error> {
        if RESERVED.contains(&name) || self.protected.contains_key(name) {
            return Err(Error::ApiMisuse("parameter is reserved or already protected"));
        }
        self.shared.insert(name, value);
        Ok(self)
    }

    /// Sets the JWE AAD (JSON serializations only).
    pub fn aad(mut self, aad: &[u8]) -> Self {
        self.aad = Some(aad.to_vec());
        self
    }

    /// Sets the PBES2 iteration count (default [`DEFAULT_P2C`]).
    pub fn p2c(mut self, p2c: u32) -> Self {
        self.p2c = p2c;
        self
    }

    /// Determines the CEK and each recipient's part.
    fn key_management(&self) -> Result<(Secret, Vec<(Object, Recipient)>), Error> {
        let first = self.recipients.first().ok_or(Error::ApiMisuse("a JWE needs at least one recipient"))?;
        // `dir` and `ECDH-ES` determine the CEK themselves, so the JWE has
        // only that one recipient.
        if self.recipients.iter().any(|r| matches!(r.key.alg().family(), JweFamily::Direct | JweFamily::EcdhEs(None))) {
            if self.recipients.len() != 1 {
                return Err(Error::ApiMisuse("dir and ECDH-ES allow exactly one recipient"));
            }
            if first.key.content_encryption().is_some_and(|e| e != self.enc) {
                return Err(Error::ApiMisuse("the key is bound to another content encryption algorithm"));
            }
            let (cek, recipient) = keymgmt::direct_cek(first.key, self.enc, &self.party_info(&first.header)?)?;
            return Ok((cek, vec![(first.header.clone(), recipient)]));
        }
        let cek = rand::secret(self.enc.key_len()).map_err(Error::Crypto)?;
        let mut out = Vec::with_capacity(self.recipients.len());
        for r in &self.recipients {
            out.push((r.header.clone(), keymgmt::wrap(r.key, &cek, self.p2c, &self.party_info(&r.header)?)?));
        }
        Ok((cek, out))
    }

    /// `apu`/`apv` from any of the headers this recipient's JWE will carry,
    /// decoded, for the ECDH-ES key derivation.
    fn party_info(&self, recipient_header: &Object) -> Result<keymgmt::PartyInfo, Error> {
        let read = |name: &str| -> Result<Vec<u8>, Error> {
            let value = [&self.protected, &self.shared, recipient_header].into_iter().find_map(|h| h.get(name));
            match value {
                None => Ok(Vec::new()),
                Some(Value::String(s)) => {
                    base64url::decode(s).map_err(|_| Error::ApiMisuse("apu and apv must be base64url strings"))
                }
                Some(_) => Err(Error::ApiMisuse("apu and apv must be base64url strings")),
            }
        };
        Ok(keymgmt::PartyInfo { apu: read("apu")?, apv: read("apv")? })
    }

    fn base_protected(&self) -> Object {
        let mut p = self.protected.clone();
        p.insert("enc", self.enc.name());
        if self.zip {
            p.insert("zip", "DEF");
        }
        p
    }

    fn plaintext(&self, plaintext: &[u8]) -> Vec<u8> {
        if self.zip { deflate::deflate(plaintext) } else { plaintext.to_vec() }
    }

    /// A compact JWE: one recipient, every header parameter protected, no
    /// AAD and no unprotected header.
    pub fn compact(&self, plaintext: &[u8]) -> Result<String, Error> {
        if self.recipients.len() != 1 || !self.shared.is_empty() || self.aad.is_some() {
            return Err(Error::ApiMisuse("compact JWE: one recipient, no unprotected header, no AAD"));
        }
        let (cek, mut recipients) = self.key_management()?;
        let (header, recipient) = recipients.pop().ok_or(Error::ApiMisuse("no recipient"))?;
        let mut protected = self.base_protected();
        for (k, v) in header.iter().chain(recipient.params.iter()) {
            protected.insert(k, v.clone());
        }
        let protected_b64 = base64url::encode(protected.to_json());
        let sealed = content::seal(self.enc, &cek, protected_b64.as_bytes(), &self.plaintext(plaintext))?;
        Ok(format!(
            "{}.{}.{}.{}.{}",
            protected_b64,
            base64url::encode(&recipient.encrypted_key),
            base64url::encode(&sealed.iv),
            base64url::encode(&sealed.ciphertext),
            base64url::encode(&sealed.tag)
        ))
    }

    /// A flattened JSON JWE (one recipient).
    pub fn flattened(&self, plaintext: &[u8]) -> Result<String, Error> {
        if self.recipients.len() != 1 {
            return Err(Error::ApiMisuse("flattened JWE: exactly one recipient"));
        }
        self.json(plaintext, true)
    }

    /// A general JSON JWE (one or more recipients).
    pub fn general(&self, plaintext: &[u8]) -> Result<String, Error> {
        self.json(plaintext, false)
    }

    fn json(&self, plaintext: &[u8], flattened: bool) -> Result<String, Error> {
        let (cek, recipients) = self.key_management()?;
        let protected_b64 = base64url::encode(self.base_protected().to_json());
        let mut aad = protected_b64.as_bytes().to_vec();
        let aad_b64 = self.aad.as_ref().map(base64url::encode);
        if let Some(a) = &aad_b64 {
            aad.push(b'.');
            aad.extend_from_slice(a.as_bytes());
        }
        let sealed = content::seal(self.enc, &cek, &aad, &self.plaintext(plaintext))?;
        let mut doc = Object::new();
        doc.insert("protected", protected_b64);
        if !self.shared.is_empty() {
            doc.insert("unprotected", self.shared.clone());
        }
        let entries: Vec<Object> = recipients
            .into_iter()
            .map(|(mut header, r)| {
                for (k, v) in r.params.iter() {
                    header.insert(k, v.clone());
                }
                let mut entry = Object::new();
                entry.insert("header", header);
                if !r.encrypted_key.is_empty() {
                    entry.insert("encrypted_key", base64url::encode(&r.encrypted_key));
                }
                entry
            })
            .collect();
        if flattened {
            for entry in entries {
                for (k, v) in entry.iter() {
                    doc.insert(k, v.clone());
                }
            }
        } else {
            doc.insert("recipients", entries.into_iter().map(Value::from).collect::<Vec<_>>());
        }
        if let Some(a) = aad_b64 {
            doc.insert("aad", a);
        }
        doc.insert("iv", base64url::encode(&sealed.iv));
        doc.insert("ciphertext", base64url::encode(&sealed.ciphertext));
        doc.insert("tag", base64url::encode(&sealed.tag));
        Ok(doc.to_json())
    }
}
