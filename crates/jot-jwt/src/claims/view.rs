//! Registered claims read in place: the validation hot path checks a
//! token's claims from the decoded bytes without copying a string.

use std::borrow::Cow;
use std::ops::Range;

use jot_core::json::__private::{self as json, RawKind, RawValue};
use jot_core::json::JsonLimits;

use super::{Audience, Claim, NumericDate, RegisteredClaims};
use crate::Error;

/// `aud` in place: one string, or a checked array of strings.
#[derive(Clone, Copy, Debug)]
pub(crate) enum AudView<'a> {
    One(json::JsonStr<'a>),
    Many(RawValue<'a>),
}

impl<'a> AudView<'a> {
    /// Every audience value, escapes resolved (borrowed when there are none).
    pub(crate) fn values(self) -> impl Iterator<Item = Cow<'a, str>> {
        let (one, many) = match self {
            Self::One(s) => (Some(s.to_cow()), None),
            Self::Many(v) => (None, Some(v.elements().filter_map(|e| e.as_json_str()).map(|s| s.to_cow()))),
        };
        one.into_iter().chain(many.into_iter().flatten())
    }
}

/// The registered claims of a claims document, borrowed from it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RegisteredView<'a> {
    pub(crate) iss: Option<json::JsonStr<'a>>,
    pub(crate) sub: Option<json::JsonStr<'a>>,
    pub(crate) aud: Option<AudView<'a>>,
    pub(crate) exp: Option<NumericDate>,
    pub(crate) nbf: Option<NumericDate>,
    pub(crate) iat: Option<NumericDate>,
    pub(crate) jti: Option<json::JsonStr<'a>>,
}

const NAMES: [Claim; 7] = [Claim::Iss, Claim::Sub, Claim::Aud, Claim::Exp, Claim::Nbf, Claim::Iat, Claim::Jti];

/// The raw value of each registered claim, in the order of [`NAMES`].
type Found<'a> = [Option<RawValue<'a>>; 7];

/// A member name's index in [`NAMES`], if it is a registered claim.
fn slot(name: json::JsonStr<'_>) -> Option<usize> {
    // An unescaped name (nearly always) is matched in one step.
    match name.as_borrowed() {
        Some("iss") => Some(0),
        Some("sub") => Some(1),
        Some("aud") => Some(2),
        Some("exp") => Some(3),
        Some("nbf") => Some(4),
        Some("iat") => Some(5),
        Some("jti") => Some(6),
        Some(_) => None,
        None => NAMES.iter().position(|c| name.eq_str(c.name())),
    }
}

impl<'a> RegisteredView<'a> {
    /// Checks a claims document under the strict JSON rules and reads its
    /// registered claims without building a tree: the same verdicts, in the
    /// same order, as [`jot_core::json::parse_object`] then
    /// a reader of the parsed tree (the differential test in `tests.rs` holds them
    /// together).
    pub(crate) fn scan(payload: &'a [u8], limits: &JsonLimits) -> Result<Self, Error> {
        let mut found = Found::default();
        json::scan_object(payload, limits, |name, value| {
            if let Some(slot) = slot(name).and_then(|i| found.get_mut(i)) {
                *slot = Some(value);
            }
        })?;
        Self::from_found(found)
    }

    /// Checks a claims document and reads it into `T` and its registered
    /// claims in one strict pass ([`json::from_slice_capturing`]). `None`:
    /// no answer, take [`scan`](Self::scan) and
    /// [`json::from_checked_slice`] for the verdict.
    pub(crate) fn read<T: serde::Deserialize<'a>>(payload: &'a [u8], limits: &JsonLimits) -> Option<(Self, T)> {
        let mut found = Found::default();
        let claims = json::from_slice_capturing(payload, limits, &slot, &mut found)?;
        // The document is valid JSON: what is left are the claims' types,
        // checked in the order `scan` checks them.
        Some((Self::from_found(found).ok()?, claims))
    }

    /// The registered claims from their raw values, types checked.
    fn from_found(found: Found<'a>) -> Result<Self, Error> {
        let [iss, sub, aud, exp, nbf, iat, jti] = found;
        let string = |c: Claim, v: Option<RawValue<'a>>| match v {
            None => Ok(None),
            Some(v) => v.as_json_str().map(Some).ok_or(Error::InvalidClaimType(c)),
        };
        let date = |c: Claim, v: Option<RawValue<'a>>| match v {
            None => Ok(None),
            Some(v) => match v.kind() {
                RawKind::Number(text) => NumericDate::from_json_text(text).map(Some).ok_or(Error::InvalidClaimType(c)),
                _ => Err(Error::InvalidClaimType(c)),
            },
        };
        let aud = match aud {
            None => None,
            Some(v) => match v.kind() {
                RawKind::String(s) => Some(AudView::One(s)),
                RawKind::Array if v.elements().all(|e| e.as_json_str().is_some()) => Some(AudView::Many(v)),
                _ => return Err(Error::InvalidClaimType(Claim::Aud)),
            },
        };
        // `aud` first, then the rest in order: the order of
        // the tree reader of the differential tests (which hold it).
        Ok(Self {
            iss: string(Claim::Iss, iss)?,
            sub: string(Claim::Sub, sub)?,
            aud,
            exp: date(Claim::Exp, exp)?,
            nbf: date(Claim::Nbf, nbf)?,
            iat: date(Claim::Iat, iat)?,
            jti: string(Claim::Jti, jti)?,
        })
    }

    /// Whether a claim is present.
    pub(crate) fn has(&self, claim: Claim) -> bool {
        match claim {
            Claim::Iss => self.iss.is_some(),
            Claim::Sub => self.sub.is_some(),
            Claim::Aud => self.aud.is_some(),
            Claim::Exp => self.exp.is_some(),
            Claim::Nbf => self.nbf.is_some(),
            Claim::Iat => self.iat.is_some(),
            Claim::Jti => self.jti.is_some(),
        }
    }

    /// An owned copy.
    pub(crate) fn to_owned(self) -> RegisteredClaims {
        let s = |v: Option<json::JsonStr<'_>>| v.map(|s| s.to_cow().into_owned());
        RegisteredClaims {
            iss: s(self.iss),
            sub: s(self.sub),
            aud: self.aud.map(|a| match a {
                AudView::One(one) => Audience::One(one.to_cow().into_owned()),
                AudView::Many(_) => Audience::Many(a.values().map(Cow::into_owned).collect()),
            }),
            exp: self.exp,
            nbf: self.nbf,
            iat: self.iat,
            jti: s(self.jti),
        }
    }
}

/// A [`RegisteredView`] kept beside its document without borrowing it
/// (a [`Jwt`](crate::Jwt) owns the document): where each string claim's
/// value lies, and the dates themselves. Storing it copies nothing and
/// allocates nothing; [`view`](Self::view) rebuilds the view from the
/// document without reading it again.
#[derive(Clone, Debug, Default)]
pub(crate) struct StoredView {
    iss: Option<Range<usize>>,
    sub: Option<Range<usize>>,
    aud: Option<Range<usize>>,
    exp: Option<NumericDate>,
    nbf: Option<NumericDate>,
    iat: Option<NumericDate>,
    jti: Option<Range<usize>>,
}

impl StoredView {
    /// Keeps `view`, read from `doc`.
    pub(crate) fn new(view: &RegisteredView<'_>, doc: &[u8]) -> Self {
        let span = |s: Option<json::JsonStr<'_>>| s.and_then(|s| s.span_in(doc));
        Self {
            iss: span(view.iss),
            sub: span(view.sub),
            aud: view.aud.and_then(|a| match a {
                AudView::One(s) => s.span_in(doc),
                AudView::Many(v) => v.span_in(doc),
            }),
            exp: view.exp,
            nbf: view.nbf,
            iat: view.iat,
            jti: span(view.jti),
        }
    }

    /// The view again, from the document it was kept from: each value is
    /// rebuilt from its text at the kept place, whose type was checked when
    /// the document was validated.
    pub(crate) fn view<'a>(&self, doc: &'a [u8]) -> RegisteredView<'a> {
        let at = |r: &Option<Range<usize>>| r.clone().and_then(|r| RawValue::at(doc, r));
        let string = |r: &Option<Range<usize>>| at(r).and_then(|v| v.as_json_str());
        RegisteredView {
            iss: string(&self.iss),
            sub: string(&self.sub),
            aud: at(&self.aud).and_then(|v| match v.kind() {
                RawKind::String(s) => Some(AudView::One(s)),
                RawKind::Array => Some(AudView::Many(v)),
                _ => None,
            }),
            exp: self.exp,
            nbf: self.nbf,
            iat: self.iat,
            jti: string(&self.jti),
        }
    }
}
