//! The decrypter: algorithm-bound keys, accepted content algorithms,
//! limits, and decryption of every serialization.

use jot_core::alg::{JweAlgorithm, JweEncryption};
use jot_core::base64url;
use jot_core::compact::Dots;
use jot_core::json::{self, Object, Value};
use jot_jwk::{DecryptingKey, JwkSet};

use crate::error::{Error, Part, core_error};
use crate::header::Header;
use crate::keymgmt;
use crate::limits::Budget;
use crate::{Limits, content, deflate};

/// A decrypted JWE: the plaintext and the header of the recipient whose key
/// decrypted it.
#[derive(Clone, Debug)]
pub struct Decrypted {
    plaintext: Vec<u8>,
    header: Header,
    index: usize,
    kid: Option<String>,
}

impl Decrypted {
    /// The plaintext.
    pub fn plaintext(&self) -> &[u8] {
        &self.plaintext
    }

    /// The plaintext, owned.
    pub fn into_plaintext(self) -> Vec<u8> {
        self.plaintext
    }

    /// The header of the recipient that decrypted it.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The index of that recipient (0 for compact and flattened forms).
    pub fn recipient_index(&self) -> usize {
        self.index
    }

    /// The `kid` of the key that decrypted it, if it has one.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
}

/// Decrypts JWE in every serialization with keys and content algorithms the
/// caller chose; nothing is inferred from the token.
///
/// Keys are [`DecryptingKey`]s, each bound to one key management algorithm
/// (from [`jot_jwk::Jwk::decrypting_key`]); there is no default algorithm
/// set, so `RSA1_5` and PBES2 work only when the caller binds a key to them.
/// Compression is off unless [`Decrypter::allow_zip`] is called.
///
/// ```
/// use jot_jwt::alg::{JweAlgorithm, JweEncryption};
/// use jot_jwt::jwk::Jwk;
/// use jot_jwt::jwe::{Decrypter, JweBuilder};
///
/// let key = Jwk::generate_for_jwe(JweAlgorithm::EcdhEsA256Kw, None)?;
/// let public = key.to_public().unwrap();
/// let token = JweBuilder::new(JweEncryption::A256Gcm)
///     .recipient(&public.encrypting_key(JweAlgorithm::EcdhEsA256Kw)?)
///     .compact(b"secret")?;
///
/// let decrypter = Decrypter::new(key.decrypting_key(JweAlgorithm::EcdhEsA256Kw)?, &[JweEncryption::A256Gcm]);
/// assert_eq!(decrypter.decrypt_compact(&token)?.plaintext(), b"secret");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Decrypter {
    keys: Vec<DecryptingKey>,
    /// `kid`s that two members of the JWK Set the keys came from carried.
    ambiguous_kids: Vec<String>,
    encs: Vec<JweEncryption>,
    limits: Limits,
    zip: bool,
    allowed_crit: Vec<String>,
}

/// The outcome of trying the recipients: which one decrypted, and how.
struct Opened {
    index: usize,
    plaintext: Vec<u8>,
    kid: Option<String>,
}

/// The content parts of a JWE, decoded, with the content AAD.
struct Parts {
    iv: Vec<u8>,
    ciphertext: Vec<u8>,
    tag: Vec<u8>,
    aad: Vec<u8>,
}

impl Decrypter {
    /// A decrypter with one key and the accepted content algorithms.
    pub fn new(key: DecryptingKey, encs: &[JweEncryption]) -> Self {
        Self::with_keys(vec![key], encs)
    }

    /// A decrypter with several keys (each bound to its algorithm).
    pub fn with_keys(keys: Vec<DecryptingKey>, encs: &[JweEncryption]) -> Self {
        Self {
            keys,
            ambiguous_kids: Vec::new(),
            encs: encs.to_vec(),
            limits: Limits::DEFAULT,
            zip: false,
            allowed_crit: Vec::new(),
        }
    }

    /// A decrypter over a JWK Set of asymmetric private keys: every key is
    /// bound now to every accepted key management algorithm it fits.
    ///
    /// A set holding an `oct` key is refused: beside asymmetric keys it is
    /// [`jot_jwk::Error::MixedKeySet`], alone
    /// [`jot_jwk::Error::SymmetricKeySet`] (local secrets go through
    /// [`Decrypter::from_secret_jwk_set`]). A recipient whose `kid` two
    /// members of the set carry, usable or not, matches no key
    /// ([`Error::AmbiguousKey`]).
    pub fn from_jwk_set(set: &JwkSet, algs: &[JweAlgorithm], encs: &[JweEncryption]) -> Result<Self, Error> {
        set.check_public()?;
        Ok(Self::bind_set(set, algs, encs))
    }

    /// A decrypter over a JWK Set of local secrets (`oct` keys only, for
    /// `dir`, AES key wrap, AES-GCM key wrap or PBES2), named so that a
    /// reader sees secrets are meant. An asymmetric member is refused
    /// ([`jot_jwk::Error::MixedKeySet`] or
    /// [`jot_jwk::Error::AsymmetricKeySet`]).
    pub fn from_secret_jwk_set(set: &JwkSet, algs: &[JweAlgorithm], encs: &[JweEncryption]) -> Result<Self, Error> {
        set.check_secrets()?;
        Ok(Self::bind_set(set, algs, encs))
    }

    fn bind_set(set: &JwkSet, algs: &[JweAlgorithm], encs: &[JweEncryption]) -> Self {
        let keys = set.keys().iter().flat_map(|jwk| algs.iter().filter_map(|&a| jwk.decrypting_key(a).ok())).collect();
        Self { ambiguous_kids: set.ambiguous_kids().map(str::to_owned).collect(), ..Self::with_keys(keys, encs) }
    }

    /// Accepts `zip: DEF` (in the protected header only), inflating at most
    /// [`Limits::max_decompressed_bytes`].
    pub fn allow_zip(mut self) -> Self {
        self.zip = true;
        self
    }

    /// Replaces the limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Accepts a critical header extension the caller understands.
    pub fn allow_crit(mut self, name: impl Into<String>) -> Self {
        self.allowed_crit.push(name.into());
        self
    }

    /// Decrypts a compact JWE (five segments).
    pub fn decrypt_compact(&self, token: &str) -> Result<Decrypted, Error> {
        if token.len() > self.limits.max_token_bytes {
            return Err(jot_core::LimitKind::TokenSize.into());
        }
        let [h, ek, iv, ct, tag] = Dots::find(token).segments(token).ok_or(Error::Malformed(Part::Serialization))?;
        let protected = self.decode_protected(h)?;
        let header = Header::check(protected, Object::new(), Object::new(), &self.allowed_crit, self.zip)?;
        let encrypted_key = b64(ek, Part::EncryptedKey)?;
        let parts = Parts {
            iv: b64(iv, Part::Iv)?,
            ciphertext: b64(ct, Part::Ciphertext)?,
            tag: b64(tag, Part::Tag)?,
            aad: h.as_bytes().to_vec(),
        };
        let recipients = [(Ok(header), encrypted_key)];
        let opened = self.decrypt_recipients(&recipients, &parts)?;
        let [(Ok(header), _)] = recipients else { return Err(Error::DecryptionFailed) };
        Ok(Decrypted { plaintext: opened.plaintext, header, index: 0, kid: opened.kid })
    }

    /// Decrypts a flattened or general JSON JWE, using the first recipient
    /// that one of the caller's keys matches and decrypts.
    pub fn decrypt_json(&self, json_text: &[u8]) -> Result<Decrypted, Error> {
        if json_text.len() > self.limits.max_token_bytes {
            return Err(jot_core::LimitKind::TokenSize.into());
        }
        let doc = json::parse_object(json_text, &self.limits.document_json())
            .map_err(|e| core_error(Part::Serialization, e))?;
        let protected_b64 = str_member(&doc, "protected")?;
        let protected = match protected_b64 {
            Some(h) => self.decode_protected(h)?,
            None => Object::new(),
        };
        let shared = self.header_member(&doc, "unprotected", Part::SharedHeader)?;
        let entries: Vec<(Object, Option<&str>)> = match doc.get("recipients") {
            Some(Value::Array(items)) => {
                if doc.contains_key("header") || doc.contains_key("encrypted_key") || items.is_empty() {
                    return Err(Error::Malformed(Part::Serialization));
                }
                if items.len() > self.limits.max_recipients {
                    return Err(jot_core::LimitKind::Recipients.into());
                }
                items
                    .iter()
                    .map(|v| match v {
                        Value::Object(r) => Ok((
                            self.header_member(r, "header", Part::RecipientHeader)?,
                            str_member(r, "encrypted_key")?,
                        )),
                        _ => Err(Error::Malformed(Part::Serialization)),
                    })
                    .collect::<Result<_, _>>()?
            }
            Some(_) => return Err(Error::Malformed(Part::Serialization)),
            None => {
                vec![(self.header_member(&doc, "header", Part::RecipientHeader)?, str_member(&doc, "encrypted_key")?)]
            }
        };
        let mut recipients = Vec::with_capacity(entries.len());
        for (recipient_header, ek) in entries {
            // RFC 7516 section 5.2 runs steps 4-12 (the JOSE Header, its
            // checks, the key) per recipient: a recipient whose header is
            // not acceptable is one whose CEK cannot be determined, not a
            // reason to refuse the recipients that follow.
            let header =
                Header::check(protected.clone(), shared.clone(), recipient_header, &self.allowed_crit, self.zip);
            let ek = match ek {
                Some(s) => b64(s, Part::EncryptedKey)?,
                None => Vec::new(),
            };
            recipients.push((header, ek));
        }
        if recipients.iter().all(|(h, _)| h.is_err())
            && let Some((Err(first), _)) = recipients.first()
        {
            return Err(first.clone());
        }
        let mut aad = protected_b64.unwrap_or("").as_bytes().to_vec();
        if let Some(a) = str_member(&doc, "aad")? {
            b64(a, Part::Aad)?;
            aad.push(b'.');
            aad.extend_from_slice(a.as_bytes());
        }
        let required = |name: &'static str, part: Part| -> Result<Vec<u8>, Error> {
            b64(str_member(&doc, name)?.ok_or(Error::Malformed(part))?, part)
        };
        let parts = Parts {
            iv: required("iv", Part::Iv)?,
            ciphertext: required("ciphertext", Part::Ciphertext)?,
            tag: required("tag", Part::Tag)?,
            aad,
        };
        let Opened { index, plaintext, kid } = self.decrypt_recipients(&recipients, &parts)?;
        let header = recipients.into_iter().nth(index).and_then(|(h, _)| h.ok()).ok_or(Error::DecryptionFailed)?;
        Ok(Decrypted { plaintext, header, index, kid })
    }

    /// An unprotected header (the shared `unprotected`, a recipient's
    /// `header`), held to [`Limits::max_header_bytes`] as the protected one
    /// is.
    fn header_member(&self, obj: &Object, name: &'static str, part: Part) -> Result<Object, Error> {
        let header = object_member(obj, name, part)?;
        if !header.is_empty() && header.to_json().len() > self.limits.max_header_bytes {
            return Err(jot_core::LimitKind::HeaderSize.into());
        }
        Ok(header)
    }

    fn decode_protected(&self, b64_header: &str) -> Result<Object, Error> {
        if b64_header.len() > base64url::encoded_len(self.limits.max_header_bytes) {
            return Err(jot_core::LimitKind::HeaderSize.into());
        }
        let bytes = base64url::decode(b64_header).map_err(|_| Error::Malformed(Part::ProtectedHeader))?;
        json::parse_object(&bytes, &self.limits.header_json()).map_err(|e| core_error(Part::ProtectedHeader, e))
    }

    /// Tries each recipient a key matches, in order, skipping those whose
    /// header was refused; the first that decrypts wins. Returns its index,
    /// the plaintext and the key's `kid`.
    fn decrypt_recipients(
        &self,
        recipients: &[(Result<Header, Error>, Vec<u8>)],
        parts: &Parts,
    ) -> Result<Opened, Error> {
        let mut last = None;
        // Bounded per token, not per recipient (Limits::max_key_unwraps,
        // Limits::max_p2c).
        let mut budget = Budget::new(&self.limits);
        for (index, (header, ek)) in recipients.iter().enumerate() {
            let header = match header {
                Ok(h) => h,
                Err(e) => {
                    last.get_or_insert_with(|| e.clone());
                    continue;
                }
            };
            let key = match self.select(header) {
                Ok(k) => k,
                Err(e) => {
                    last.get_or_insert(e);
                    continue;
                }
            };
            let cek = keymgmt::unwrap(key, header, ek, &mut budget)?;
            match content::open(header.enc(), &cek, &parts.iv, &parts.aad, &parts.ciphertext, &parts.tag) {
                Ok(plaintext) => {
                    let plaintext = match header.zip() {
                        None => plaintext,
                        Some(_) => deflate::inflate(&plaintext, self.limits.max_decompressed_bytes)?,
                    };
                    return Ok(Opened { index, plaintext, kid: key.kid().map(str::to_owned) });
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or(Error::NoMatchingKey))
    }

    /// The one key for a recipient: its algorithm is the header's `alg`, its
    /// `kid` equals the header's when both have one, and the header's `enc`
    /// is accepted.
    fn select(&self, header: &Header) -> Result<&DecryptingKey, Error> {
        if !self.encs.contains(&header.enc()) {
            return Err(Error::AlgorithmNotAllowed);
        }
        let enc = header.enc();
        let usable = |k: &DecryptingKey| k.content_encryption().is_none_or(|e| e == enc);
        Ok(jot_jwk::select_key(&self.keys, header.alg(), header.kid(), &self.ambiguous_kids, usable)?)
    }
}

fn b64(s: &str, part: Part) -> Result<Vec<u8>, Error> {
    base64url::decode(s).map_err(|_| Error::Malformed(part))
}

fn str_member<'a>(obj: &'a Object, name: &'static str) -> Result<Option<&'a str>, Error> {
    obj.get_str(name).map_err(|e| Error::Json(Part::Serialization, e))
}

fn object_member(obj: &Object, name: &'static str, part: Part) -> Result<Object, Error> {
    match obj.get(name) {
        None => Ok(Object::new()),
        Some(Value::Object(o)) => Ok(o.clone()),
        Some(_) => Err(Error::Malformed(part)),
    }
}
