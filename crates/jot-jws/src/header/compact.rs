//! The compact fast path: a protected header checked straight from its JSON
//! text by the allocation-free scanner, under the same rules as
//! [`Header::check`] (the differential tests in `tests/header_fast_path.rs`
//! and the `jws_compact` fuzz target hold the two to the same verdicts).
//!
//! A header with `crit` or `b64` takes the tree path, so the RFC 7515
//! section 4.1.11 and RFC 7797 rules live in one place.

use std::borrow::Cow;
use std::sync::OnceLock;

use jot_core::json::__private::{JsonStr, RawKind, RawValue};
use jot_core::json::{self, JsonLimits, Object};
use jot_core::{LimitKind, base64url};

use super::{AlgPolicy, Header, Members, Protected, STRING_MEMBERS, check_members};
use crate::error::{Part, core_error};
use crate::{Error, Limits};

/// Decoded protected headers up to this size are kept inline: no heap
/// allocation for an ordinary header (`alg`, `typ`, `kid`, a URL or two).
pub(crate) const INLINE_HEADER_BYTES: usize = 384;

/// The decoded JSON text of a protected header.
#[derive(Clone)]
#[allow(clippy::large_enum_variant, reason = "inline on purpose: an ordinary header needs no heap allocation")]
enum Text {
    Inline([u8; INLINE_HEADER_BYTES], usize),
    Heap(Box<[u8]>),
}

impl Text {
    fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Inline(buf, len) => buf.get(..*len).unwrap_or_default(),
            Self::Heap(b) => b,
        }
    }
}

/// Where a string member's value sits in the text.
#[derive(Clone, Copy, Debug, Default)]
enum Slot {
    #[default]
    Absent,
    /// Unescaped: `offset..offset + len` of the text.
    Span(usize, usize),
    /// Has escapes: read it from the tree.
    Escaped,
}

/// String members the fast path keeps.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Fast {
    Kid,
    Typ,
    Cty,
}

/// A kept member's value.
pub(crate) enum FastValue<'a> {
    Absent,
    Str(&'a str),
    Escaped,
}

/// A checked protected header as JSON text, with the full object built on
/// first use.
#[derive(Clone)]
pub(crate) struct RawProtected {
    text: Text,
    kid: Slot,
    typ: Slot,
    cty: Slot,
    object: OnceLock<Object>,
}

impl core::fmt::Debug for RawProtected {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.object().fmt(f)
    }
}

impl RawProtected {
    /// Whether the text is held inline (no heap allocation).
    pub(crate) fn is_inline(&self) -> bool {
        matches!(self.text, Text::Inline(..))
    }

    pub(crate) fn fast(&self, member: Fast) -> FastValue<'_> {
        let slot = match member {
            Fast::Kid => self.kid,
            Fast::Typ => self.typ,
            Fast::Cty => self.cty,
        };
        match slot {
            Slot::Absent => FastValue::Absent,
            Slot::Escaped => FastValue::Escaped,
            Slot::Span(at, len) => {
                match self.text.as_bytes().get(at..at + len).and_then(|b| core::str::from_utf8(b).ok()) {
                    Some(s) => FastValue::Str(s),
                    None => FastValue::Escaped,
                }
            }
        }
    }

    /// The protected header as a JSON object, parsed on first use. The text
    /// passed the same strict rules when it was checked, so this parse
    /// cannot fail; an empty object stands in if it ever did.
    pub(crate) fn object(&self) -> &Object {
        self.object.get_or_init(|| {
            let unbounded = JsonLimits { max_bytes: usize::MAX, max_depth: usize::MAX };
            json::parse_object(self.text.as_bytes(), &unbounded).unwrap_or_default()
        })
    }
}

/// Indexes into `STRING_MEMBERS` (a test holds them to its order).
const KID: usize = 0;
const TYP: usize = 1;
const CTY: usize = 2;

/// Members the checks look at, as found by the scanner.
#[derive(Default)]
struct Found<'a> {
    alg: Option<RawValue<'a>>,
    strings: [Option<RawValue<'a>>; STRING_MEMBERS.len()],
    x5c: Option<RawValue<'a>>,
    jwk: Option<RawValue<'a>>,
    crit_or_b64: bool,
}

impl<'a> Found<'a> {
    fn record(&mut self, name: JsonStr<'a>, value: RawValue<'a>) {
        // The common unescaped names in one step; anything else (or
        // escaped) by comparison.
        let slot = match name.as_borrowed() {
            Some("alg") => Some(&mut self.alg),
            Some("kid") => self.strings.get_mut(KID),
            Some("typ") => self.strings.get_mut(TYP),
            _ => None,
        };
        if let Some(slot) = slot {
            *slot = Some(value);
        } else if name.eq_str("alg") {
            self.alg = Some(value);
        } else if name.eq_str("x5c") {
            self.x5c = Some(value);
        } else if name.eq_str("jwk") {
            self.jwk = Some(value);
        } else if name.eq_str("crit") || name.eq_str("b64") {
            self.crit_or_b64 = true;
        } else if let Some(i) = STRING_MEMBERS.iter().position(|m| name.eq_str(m))
            && let Some(slot) = self.strings.get_mut(i)
        {
            *slot = Some(value);
        }
    }

    /// The value of `STRING_MEMBERS[index]`.
    fn string(&self, index: usize) -> Option<RawValue<'a>> {
        self.strings.get(index).copied().flatten()
    }
}

impl Members for Found<'_> {
    fn string_ok(&self, index: usize) -> bool {
        self.string(index).is_none_or(|v| v.as_json_str().is_some())
    }

    fn x5c_ok(&self) -> bool {
        self.x5c.is_none_or(|x| x.kind() == RawKind::Array && x.elements().all(|e| e.as_json_str().is_some()))
    }

    fn jwk_ok(&self) -> bool {
        self.jwk.is_none_or(|v| v.kind() == RawKind::Object)
    }

    fn alg(&self) -> Option<Option<Cow<'_, str>>> {
        self.alg.map(|v| v.as_json_str().map(|s| s.to_cow()))
    }
}

/// Decodes and checks a compact JWS protected header.
pub(crate) fn check_compact(
    b64: &str,
    limits: &Limits,
    allowed_crit: &[String],
    policy: AlgPolicy,
) -> Result<Header, Error> {
    if b64.len() > base64url::encoded_len(limits.max_header_bytes) {
        return Err(LimitKind::HeaderSize.into());
    }
    let malformed = |_| Error::Malformed(Part::ProtectedHeader);
    let text = if base64url::decoded_len_max(b64.len()) <= INLINE_HEADER_BYTES {
        let mut buf = [0u8; INLINE_HEADER_BYTES];
        let len = base64url::decode_to_slice(b64.as_bytes(), &mut buf).map_err(malformed)?.len();
        Text::Inline(buf, len)
    } else {
        Text::Heap(base64url::decode(b64).map_err(malformed)?.into_boxed_slice())
    };
    let bytes = text.as_bytes();
    let mut found = Found::default();
    json::__private::scan_object(bytes, &limits.header_json(), |name, value| found.record(name, value))
        .map_err(|e| core_error(Part::ProtectedHeader, e))?;
    if found.crit_or_b64 {
        let object =
            json::parse_object(bytes, &limits.header_json()).map_err(|e| core_error(Part::ProtectedHeader, e))?;
        return Header::check(object, Object::new(), allowed_crit, policy);
    }

    // The member rules of `Header::check`, for a header without `crit` or
    // `b64` and with an empty unprotected part.
    let alg = check_members(&[(Part::ProtectedHeader, &found)], policy)?;

    let slot = |index: usize| match found.string(index).and_then(|v| v.as_json_str()) {
        None => Slot::Absent,
        Some(s) => match s.as_borrowed() {
            Some(raw) => Slot::Span(raw.as_ptr().addr() - bytes.as_ptr().addr(), raw.len()),
            None => Slot::Escaped,
        },
    };
    let (kid, typ, cty) = (slot(KID), slot(TYP), slot(CTY));
    let raw = RawProtected { text, kid, typ, cty, object: OnceLock::new() };
    Ok(Header { protected: Protected::Raw(raw), unprotected: Object::new(), alg, b64: true })
}

#[cfg(test)]
mod tests;
