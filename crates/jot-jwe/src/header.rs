//! JWE headers: the union of the protected header, the shared unprotected
//! header and the per-recipient header, checked once (RFC 7516 section 4).

use jot_core::JsonError;
use jot_core::alg::{Compression, JweAlgorithm, JweEncryption};
use jot_core::json::{Object, Value};

use crate::error::{Error, HeaderError, Part};

/// Registered parameters whose value must be a string.
const STRING_MEMBERS: &[&str] =
    &["kid", "typ", "cty", "jku", "x5u", "x5t", "x5t#S256", "apu", "apv", "iv", "tag", "p2s"];

/// The checked header of one recipient.
///
/// Everything here was read from the token. The protected part is
/// integrity-protected once decryption succeeds; the shared and
/// per-recipient unprotected parts never are.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    protected: Object,
    shared: Object,
    recipient: Object,
    alg: JweAlgorithm,
    enc: JweEncryption,
    zip: Option<Compression>,
}

impl Header {
    /// Checks a header: the three parts disjoint, `crit` per RFC 7515
    /// 4.1.11, `zip` only protected and only when enabled, registered members
    /// of the right JSON type, `alg` and `enc` present and known.
    pub(crate) fn check(
        protected: Object,
        shared: Object,
        recipient: Object,
        allowed_crit: &[String],
        zip_enabled: bool,
    ) -> Result<Self, Error> {
        let disjoint = |a: &Object, b: &Object| a.keys().all(|k| !b.contains_key(k));
        if !disjoint(&protected, &shared) || !disjoint(&protected, &recipient) || !disjoint(&shared, &recipient) {
            return Err(HeaderError::Conflict.into());
        }
        if shared.contains_key("crit") || recipient.contains_key("crit") {
            return Err(HeaderError::Crit.into());
        }
        check_crit(&protected, allowed_crit)?;
        if shared.contains_key("zip") || recipient.contains_key("zip") {
            return Err(HeaderError::ZipNotProtected.into());
        }
        let zip = match protected.get("zip") {
            None => None,
            Some(Value::String(s)) => match Compression::from_name(s) {
                Ok(c) if zip_enabled => Some(c),
                Ok(_) => return Err(HeaderError::ZipNotEnabled.into()),
                Err(_) => return Err(HeaderError::ZipUnknown.into()),
            },
            Some(_) => return Err(Error::Json(Part::ProtectedHeader, JsonError::WrongType { member: "zip" })),
        };
        for (part, obj) in
            [(Part::ProtectedHeader, &protected), (Part::SharedHeader, &shared), (Part::RecipientHeader, &recipient)]
        {
            for &member in STRING_MEMBERS {
                obj.get_str(member).map_err(|e| Error::Json(part, e))?;
            }
            obj.get_str_array("x5c").map_err(|e| Error::Json(part, e))?;
            obj.get_object("jwk").map_err(|e| Error::Json(part, e))?;
            obj.get_object("epk").map_err(|e| Error::Json(part, e))?;
        }
        let find = |name: &'static str| -> Result<&str, Error> {
            for (part, obj) in [
                (Part::ProtectedHeader, &protected),
                (Part::SharedHeader, &shared),
                (Part::RecipientHeader, &recipient),
            ] {
                if let Some(v) = obj.get_str(name).map_err(|e| Error::Json(part, e))? {
                    return Ok(v);
                }
            }
            Err(Error::MissingAlgorithm)
        };
        let alg = JweAlgorithm::from_name(find("alg")?).map_err(|_| Error::UnsupportedAlgorithm)?;
        let enc = JweEncryption::from_name(find("enc")?).map_err(|_| Error::UnsupportedAlgorithm)?;
        Ok(Self { protected, shared, recipient, alg, enc, zip })
    }

    /// The key management algorithm.
    pub fn alg(&self) -> JweAlgorithm {
        self.alg
    }

    /// The content encryption algorithm.
    pub fn enc(&self) -> JweEncryption {
        self.enc
    }

    /// The compression algorithm, if the content is compressed.
    pub fn zip(&self) -> Option<Compression> {
        self.zip
    }

    /// A member of any of the three headers.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.protected.get(name).or_else(|| self.shared.get(name)).or_else(|| self.recipient.get(name))
    }

    fn get_str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }

    /// `kid`
    pub fn kid(&self) -> Option<&str> {
        self.get_str("kid")
    }

    /// `typ`
    pub fn typ(&self) -> Option<&str> {
        self.get_str("typ")
    }

    /// `cty` (`JWT` for a nested JWT, RFC 7519 section 5.2).
    pub fn cty(&self) -> Option<&str> {
        self.get_str("cty")
    }

    /// The protected header.
    pub fn protected(&self) -> &Object {
        &self.protected
    }

    /// The shared unprotected header (`unprotected`).
    pub fn shared_unprotected(&self) -> &Object {
        &self.shared
    }

    /// The per-recipient unprotected header (`header`).
    pub fn recipient_unprotected(&self) -> &Object {
        &self.recipient
    }
}

/// `crit` per RFC 7516 section 4.1.13: jot understands no JWE extension
/// itself, so every entry must be one the caller allowed.
fn check_crit(protected: &Object, allowed: &[String]) -> Result<(), Error> {
    jot_core::header::check_crit(protected, &[], allowed).map(drop).map_err(|_| HeaderError::Crit.into())
}
