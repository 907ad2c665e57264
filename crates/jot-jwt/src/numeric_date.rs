//! A serde helper for NumericDate fields held as whole seconds (`i64`), in
//! a caller's own claims type: `#[serde(with = "jot_jwt::numeric_date")]`.
//!
//! RFC 7519 section 2 lets a NumericDate be any JSON number, and some
//! issuers write whole seconds as floats (josekit writes `"iat":1.7e9`;
//! others `1700000000.0`). A plain `i64` field refuses those; this helper
//! reads an integer, or a float that is a whole number of seconds within
//! `i64`, and refuses a fraction (`1.5`) and anything out of range rather
//! than rounding. It writes an integer. [`option`] does the same for
//! `Option<i64>` (with `#[serde(default)]` when the member may be absent).
//!
//! For the registered claims themselves, [`Validation`](crate::Validation)
//! needs no helper: it reads every finite number. A field that must keep
//! a fraction can be a [`NumericDate`](crate::NumericDate).
//!
//! ```
//! use jot_jwt::json::{self, JsonLimits};
//!
//! #[derive(serde::Deserialize, serde::Serialize)]
//! struct Claims {
//!     sub: String,
//!     #[serde(with = "jot_jwt::numeric_date")]
//!     iat: i64,
//!     #[serde(default, with = "jot_jwt::numeric_date::option")]
//!     exp: Option<i64>,
//! }
//!
//! let limits = JsonLimits::DEFAULT;
//! for text in [
//!     r#"{"sub":"alice","iat":1700000000}"#,
//!     r#"{"sub":"alice","iat":1.7e9}"#,
//!     r#"{"sub":"alice","iat":1700000000.0,"exp":1.7000003e9}"#,
//! ] {
//!     let claims: Claims = json::from_slice(text.as_bytes(), &limits)?;
//!     assert_eq!(claims.iat, 1_700_000_000);
//! }
//! // Written back as integers.
//! let claims: Claims = json::from_slice(br#"{"sub":"a","iat":1.7e9,"exp":1.7000003e9}"#, &limits)?;
//! assert_eq!(json::to_string(&claims)?, r#"{"sub":"a","iat":1700000000,"exp":1700000300}"#);
//!
//! // A fraction of a second is refused, not rounded.
//! assert!(json::from_slice::<Claims>(br#"{"sub":"a","iat":1.5}"#, &limits).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use serde::Serializer;
use serde::de::{self, Deserializer, Unexpected, Visitor};

use crate::claims::whole_i64;

/// Whole seconds since the epoch as RFC 3339 UTC (`2011-03-22T18:43:00Z`,
/// proleptic Gregorian), or `None` outside the years 0000 to 9999. For
/// showing a NumericDate to a person (`jot inspect`, the wasm debugger).
///
/// ```
/// use jot_jwt::numeric_date::to_rfc3339;
/// assert_eq!(to_rfc3339(1_300_819_380).as_deref(), Some("2011-03-22T18:43:00Z"));
/// assert_eq!(to_rfc3339(-86_400).as_deref(), Some("1969-12-31T00:00:00Z"));
/// assert_eq!(to_rfc3339(253_402_300_800), None);
/// ```
pub fn to_rfc3339(secs: i64) -> Option<String> {
    if !(-62_167_219_200..=253_402_300_799).contains(&secs) {
        return None;
    }
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60))
}

/// Reads whole seconds: an integer within `i64`, or a float with no
/// fractional part within `i64`.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_i64(WholeSeconds)
}

/// Writes the seconds as an integer.
pub fn serialize<S: Serializer>(secs: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(*secs)
}

/// The same for `Option<i64>`: `null` is `None`. Pair it with
/// `#[serde(default)]` so that an absent member is `None` too.
pub mod option {
    use core::fmt;

    use serde::Serializer;
    use serde::de::{self, Deserializer, Visitor};

    use super::WholeSeconds;

    /// Reads `null` as `None`, anything else as
    /// [`numeric_date::deserialize`](super::deserialize) does.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        struct OptionVisitor;

        impl<'de> Visitor<'de> for OptionVisitor {
            type Value = Option<i64>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                WholeSeconds.expecting(f)?;
                f.write_str(" or null")
            }

            fn visit_none<E: de::Error>(self) -> Result<Option<i64>, E> {
                Ok(None)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Option<i64>, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<i64>, D::Error> {
                super::deserialize(d).map(Some)
            }
        }

        d.deserialize_option(OptionVisitor)
    }

    /// Writes `None` as `null`, seconds as an integer.
    pub fn serialize<S: Serializer>(secs: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
        match secs {
            Some(secs) => s.serialize_some(secs),
            None => s.serialize_none(),
        }
    }
}

/// The visitor of whole seconds. Its errors name what was wrong, never the
/// value.
struct WholeSeconds;

impl Visitor<'_> for WholeSeconds {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a NumericDate in whole seconds within i64")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Other("an integer beyond i64"), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        whole_i64(v).ok_or_else(|| E::invalid_value(Unexpected::Other("a fraction, or a number beyond i64"), &self))
    }
}
