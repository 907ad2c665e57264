//! JWS headers: the union of the protected and unprotected header, checked
//! once (RFC 7515 section 4, RFC 7797 section 6).

use std::borrow::Cow;

use jot_core::JsonError;
use jot_core::alg::JwsAlgorithm;
use jot_core::header::CritViolation;
use jot_core::json::{Object, Value};

use crate::error::{CritError, Error, Part};

mod compact;
mod memo;

use compact::RawProtected;
pub(crate) use compact::check_compact;
pub(crate) use memo::HeaderMemo;

/// Extensions jot itself understands when they are critical.
const UNDERSTOOD: &[&str] = &["b64"];

/// Registered parameters whose value must be a string.
const STRING_MEMBERS: &[&str] = &["kid", "typ", "cty", "jku", "x5u", "x5t", "x5t#S256"];

/// What `alg` values a header may carry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum AlgPolicy {
    /// Any algorithm jot implements; `none` is [`Error::Unsecured`].
    Secured,
    /// Exactly `none` (the `dangerous` module only).
    Unsecured,
}

/// The checked header of one signature: its protected and unprotected parts.
///
/// Everything here was read from the token. After verification, the
/// protected part is integrity-protected; the unprotected part never is.
///
/// A compact token's header is checked straight from its JSON text and kept
/// as that text (inline, for an ordinary header): `alg`, `b64`, `kid`, `typ`
/// and `cty` are read without building a tree, and the full JSON object is
/// built only when something asks for it ([`Header::protected`],
/// [`Header::get`], ...).
#[derive(Clone, Debug)]
pub struct Header {
    protected: Protected,
    unprotected: Object,
    alg: Option<JwsAlgorithm>,
    b64: bool,
}

/// The protected header, as a tree or as checked JSON text.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant, reason = "the raw text is inline on purpose: no heap allocation")]
enum Protected {
    Parsed(Object),
    Raw(RawProtected),
}

impl PartialEq for Header {
    fn eq(&self, other: &Self) -> bool {
        self.alg == other.alg
            && self.b64 == other.b64
            && self.unprotected == other.unprotected
            && self.protected() == other.protected()
    }
}

impl Header {
    /// Checks a header: names disjoint, `crit` and `b64` per the RFCs, the
    /// registered members of the right JSON type, and `alg` present.
    pub(crate) fn check(
        protected: Object,
        unprotected: Object,
        allowed_crit: &[String],
        policy: AlgPolicy,
    ) -> Result<Self, Error> {
        if unprotected.keys().any(|k| protected.contains_key(k)) {
            return Err(Error::HeaderConflict);
        }
        if unprotected.contains_key("crit") {
            return Err(CritError::NotProtected.into());
        }
        if unprotected.contains_key("b64") {
            return Err(CritError::B64NotProtected.into());
        }
        let crit = check_crit(&protected, allowed_crit)?;
        let b64 = match protected.get("b64") {
            None => true,
            Some(Value::Bool(b)) if crit.contains(&"b64") => *b,
            Some(Value::Bool(_)) => return Err(CritError::B64NotCritical.into()),
            Some(_) => return Err(CritError::B64WrongType.into()),
        };
        let alg =
            check_members(&[(Part::ProtectedHeader, &protected), (Part::UnprotectedHeader, &unprotected)], policy)?;
        Ok(Self { protected: Protected::Parsed(protected), unprotected, alg, b64 })
    }

    /// Whether this is a compact header the fast path kept as inline text
    /// (no `crit`, no `b64`; only `check_compact` makes one, with nothing
    /// unprotected).
    fn is_inline_raw(&self) -> bool {
        matches!(&self.protected, Protected::Raw(raw) if raw.is_inline())
    }

    /// The algorithm. Always present on a header from a verify API.
    pub fn alg(&self) -> Option<JwsAlgorithm> {
        self.alg
    }

    /// Whether the payload is base64url-encoded (`b64` absent or true).
    pub fn b64(&self) -> bool {
        self.b64
    }

    /// A member of either header, protected first.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.protected().get(name).or_else(|| self.unprotected.get(name))
    }

    fn get_str(&self, name: &'static str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }

    /// A string member kept by the compact fast path, else from the tree.
    fn fast_str(&self, member: compact::Fast, name: &'static str) -> Option<&str> {
        match &self.protected {
            Protected::Raw(raw) => match raw.fast(member) {
                compact::FastValue::Absent => self.unprotected.get_str(name).ok().flatten(),
                compact::FastValue::Str(s) => Some(s),
                compact::FastValue::Escaped => self.get_str(name),
            },
            Protected::Parsed(_) => self.get_str(name),
        }
    }

    /// `kid`
    pub fn kid(&self) -> Option<&str> {
        self.fast_str(compact::Fast::Kid, "kid")
    }

    /// `typ`
    pub fn typ(&self) -> Option<&str> {
        self.fast_str(compact::Fast::Typ, "typ")
    }

    /// `cty`
    pub fn cty(&self) -> Option<&str> {
        self.fast_str(compact::Fast::Cty, "cty")
    }

    /// `jku`: data only; jot never fetches it.
    pub fn jku(&self) -> Option<&str> {
        self.get_str("jku")
    }

    /// `x5u`: data only; jot never fetches it.
    pub fn x5u(&self) -> Option<&str> {
        self.get_str("x5u")
    }

    /// `x5t`
    pub fn x5t(&self) -> Option<&str> {
        self.get_str("x5t")
    }

    /// `x5t#S256`
    pub fn x5t_s256(&self) -> Option<&str> {
        self.get_str("x5t#S256")
    }

    /// `x5c`, as the base64 strings of the header. Data only: no key is taken
    /// from it unless a resolver the caller wrote does so.
    pub fn x5c(&self) -> Option<Vec<&str>> {
        match self.get("x5c") {
            Some(Value::Array(items)) => items.iter().map(Value::as_str).collect(),
            _ => None,
        }
    }

    /// `jwk`, as a JSON object. Data only: no key is taken from it unless the
    /// caller passes a resolver that does so on purpose.
    pub fn jwk(&self) -> Option<&Object> {
        match self.get("jwk") {
            Some(Value::Object(o)) => Some(o),
            _ => None,
        }
    }

    /// `crit`, if present.
    pub fn crit(&self) -> Option<Vec<&str>> {
        self.protected().get_str_array("crit").ok().flatten()
    }

    /// The protected header.
    pub fn protected(&self) -> &Object {
        match &self.protected {
            Protected::Parsed(object) => object,
            Protected::Raw(raw) => raw.object(),
        }
    }

    /// The unprotected header (empty for the compact serialization).
    pub fn unprotected(&self) -> &Object {
        &self.unprotected
    }
}

/// One part of a header as the member rules see it: a parsed object, or
/// what the scanner found in a compact header's text. Both the JSON path
/// ([`Header::check`]) and the compact fast path ([`check_compact`]) apply
/// [`check_members`] through it, so there is one set of member rules.
pub(crate) trait Members {
    /// Whether `STRING_MEMBERS[index]`, if present, is a string.
    fn string_ok(&self, index: usize) -> bool;
    /// Whether `x5c`, if present, is an array of strings.
    fn x5c_ok(&self) -> bool;
    /// Whether `jwk`, if present, is an object.
    fn jwk_ok(&self) -> bool;
    /// `alg`: `None` when absent, `Some(None)` when not a string.
    fn alg(&self) -> Option<Option<Cow<'_, str>>>;
}

impl Members for Object {
    fn string_ok(&self, index: usize) -> bool {
        STRING_MEMBERS.get(index).is_none_or(|m| self.get_str(m).is_ok())
    }

    fn x5c_ok(&self) -> bool {
        self.get_str_array("x5c").is_ok()
    }

    fn jwk_ok(&self) -> bool {
        self.get_object("jwk").is_ok()
    }

    fn alg(&self) -> Option<Option<Cow<'_, str>>> {
        self.get("alg").map(|v| v.as_str().map(Cow::Borrowed))
    }
}

/// The registered members of each part of the right JSON type (in the
/// order of `parts`, then of [`STRING_MEMBERS`], `x5c`, `jwk`), then `alg`
/// (from the first part that has one) present and allowed by `policy`.
fn check_members(parts: &[(Part, &dyn Members)], policy: AlgPolicy) -> Result<Option<JwsAlgorithm>, Error> {
    for &(part, members) in parts {
        let wrong_type = |member: &'static str| Error::Json(part, JsonError::WrongType { member });
        if let Some((_, &member)) = STRING_MEMBERS.iter().enumerate().find(|&(i, _)| !members.string_ok(i)) {
            return Err(wrong_type(member));
        }
        if !members.x5c_ok() {
            return Err(wrong_type("x5c"));
        }
        if !members.jwk_ok() {
            return Err(wrong_type("jwk"));
        }
    }
    let (part, alg) =
        parts.iter().find_map(|&(part, m)| m.alg().map(|alg| (part, alg))).ok_or(Error::MissingAlgorithm)?;
    let alg = alg.ok_or(Error::Json(part, JsonError::WrongType { member: "alg" }))?;
    match (policy, alg.as_ref()) {
        (AlgPolicy::Secured, "none") => Err(Error::Unsecured),
        (AlgPolicy::Secured, name) => Ok(Some(JwsAlgorithm::from_name(name).map_err(|_| Error::UnsupportedAlgorithm)?)),
        (AlgPolicy::Unsecured, "none") => Ok(None),
        (AlgPolicy::Unsecured, _) => Err(Error::AlgorithmNotAllowed),
    }
}

/// Checks `crit` (RFC 7515 section 4.1.11) and returns its entries.
fn check_crit<'a>(protected: &'a Object, allowed: &[String]) -> Result<Vec<&'a str>, Error> {
    jot_core::header::check_crit(protected, UNDERSTOOD, allowed).map_err(|v| {
        Error::Crit(match v {
            CritViolation::Empty => CritError::Empty,
            CritViolation::RegisteredName => CritError::RegisteredName,
            CritViolation::Duplicate => CritError::Duplicate,
            CritViolation::Unknown => CritError::Unknown,
            CritViolation::Missing => CritError::Missing,
            _ => CritError::WrongType,
        })
    })
}
