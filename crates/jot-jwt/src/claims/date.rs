//! [`NumericDate`]: seconds since the epoch, compared exactly.
//!
//! RFC 7519 section 2 allows any JSON number. Dates written as integers
//! (nearly all of them) are kept as integers, so `exp` near `i64::MAX` or
//! above 2^53 compares with the clock to the second: read as an `f64`, two
//! neighbouring integers above 2^53 would be the same instant. A date
//! written with a fraction or an exponent (`1.5`, `1.7e9`) is kept as the
//! `f64` it denotes, and compared exactly against whole seconds.

use core::cmp::Ordering;
use core::fmt;

use jot_core::json::{Number, Value};
use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde::{Serialize, Serializer};

/// A NumericDate (RFC 7519 section 2): seconds since the epoch, a finite
/// JSON number, integer or not.
///
/// A date written as an integer (in the range of `i64` or `u64`) is held
/// exactly; one written with a fraction or an exponent is held as the
/// `f64` it denotes. Equality and order compare the values exactly, so
/// `1700000000`, `1700000000.0` and `1.7e9` are the same date.
///
/// It deserializes from any finite JSON number, for a caller's claims type
/// (`exp: Option<NumericDate>`); for an `i64` field, see
/// [`numeric_date`](crate::numeric_date).
#[derive(Clone, Copy)]
pub struct NumericDate(Repr);

#[derive(Clone, Copy)]
enum Repr {
    /// Whole seconds, exact: in `i64::MIN..=u64::MAX`.
    Secs(i128),
    /// Any other finite number.
    Float(f64),
}

impl NumericDate {
    /// A NumericDate from whole seconds.
    pub fn from_secs(secs: i64) -> Self {
        Self(Repr::Secs(i128::from(secs)))
    }

    /// A NumericDate from seconds with a fraction; `None` unless finite.
    pub fn from_f64(secs: f64) -> Option<Self> {
        secs.is_finite().then_some(Self(Repr::Float(secs)))
    }

    /// The value in seconds (an integer beyond 2^53 rounds to the nearest
    /// `f64`: compare dates with `==`, `<` and `>`, which are exact).
    pub fn as_f64(self) -> f64 {
        match self.0 {
            #[allow(clippy::cast_precision_loss, reason = "documented: rounds beyond 2^53")]
            Repr::Secs(s) => s as f64,
            Repr::Float(f) => f,
        }
    }

    /// The date in whole seconds, when it is a whole number of seconds
    /// that fits an `i64` (however it was written: `1.7e9` is
    /// `Some(1700000000)`, `1.5` is `None`).
    pub fn as_secs(self) -> Option<i64> {
        match self.0 {
            Repr::Secs(s) => i64::try_from(s).ok(),
            Repr::Float(f) => whole_i64(f),
        }
    }

    /// A date from a JSON number's text, as the claims scanner hands it
    /// over (already checked against the JSON grammar); `None` if it does
    /// not fit an `f64`.
    pub(crate) fn from_json_text(text: &str) -> Option<Self> {
        match json_integer(text) {
            Some(secs) => Some(Self(Repr::Secs(secs))),
            None => text.parse().ok().and_then(Self::from_f64),
        }
    }

    /// A date from a parsed JSON number: the same value
    /// [`from_json_text`](Self::from_json_text) gives for its text.
    #[cfg(test)]
    pub(crate) fn from_number(n: &Number) -> Option<Self> {
        match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Some(Self(Repr::Secs(i128::from(i)))),
            (None, Some(u)) => Some(Self(Repr::Secs(i128::from(u)))),
            (None, None) => n.as_f64().and_then(Self::from_f64),
        }
    }

    /// How this date compares with `secs` whole seconds, exactly.
    pub(crate) fn cmp_secs(self, secs: i128) -> Ordering {
        match self.0 {
            Repr::Secs(s) => s.cmp(&secs),
            Repr::Float(f) => cmp_float(f, secs),
        }
    }

    pub(crate) fn to_value(self) -> Value {
        match self.0 {
            // Whole seconds are written as integers, as every peer expects.
            Repr::Secs(s) => match (i64::try_from(s), u64::try_from(s)) {
                (Ok(i), _) => Value::from(i),
                (_, Ok(u)) => Value::from(u),
                _ => Value::Null,
            },
            Repr::Float(f) => Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null),
        }
    }
}

/// The value of a JSON integer (no fraction, no exponent) in
/// `i64::MIN..=u64::MAX`: the integers serde_json reads exactly, so the
/// scanner and the tree reader hold the same date for the same text.
fn json_integer(text: &str) -> Option<i128> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text),
    };
    // u64::MAX has 20 digits.
    if digits.is_empty() || digits.len() > 20 {
        return None;
    }
    let magnitude = digits.bytes().try_fold(0u64, |acc, b| {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        acc.checked_mul(10)?.checked_add(u64::from(digit))
    })?;
    let magnitude = i128::from(magnitude);
    if !negative {
        return Some(magnitude);
    }
    let value = -magnitude;
    (value >= i128::from(i64::MIN)).then_some(value)
}

/// `f` (finite) compared with the integer `n`, exactly.
fn cmp_float(f: f64, n: i128) -> Ordering {
    // 2^127: every finite f64 below it in magnitude floors to an i128.
    const LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
    if f >= LIMIT {
        return Ordering::Greater;
    }
    if f < -LIMIT {
        return Ordering::Less;
    }
    let floor = f.floor();
    #[allow(clippy::cast_possible_truncation, reason = "a whole f64 in [-2^127, 2^127): exact")]
    let whole = floor as i128;
    match whole.cmp(&n) {
        Ordering::Equal if f > floor => Ordering::Greater,
        o => o,
    }
}

/// `f` as an `i64`, if it is a whole number in range.
pub(crate) fn whole_i64(f: f64) -> Option<i64> {
    // 2^63: the first whole f64 past i64::MAX.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if !(f.fract() == 0.0 && (-LIMIT..LIMIT).contains(&f)) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation, reason = "a whole f64 in [-2^63, 2^63): exact")]
    let whole = f as i64;
    Some(whole)
}

impl PartialEq for NumericDate {
    fn eq(&self, other: &Self) -> bool {
        self.partial_cmp(other) == Some(Ordering::Equal)
    }
}

impl PartialOrd for NumericDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match (self.0, other.0) {
            (_, Repr::Secs(b)) => Some(self.cmp_secs(b)),
            (Repr::Secs(a), Repr::Float(b)) => Some(cmp_float(b, a).reverse()),
            (Repr::Float(a), Repr::Float(b)) => a.partial_cmp(&b),
        }
    }
}

impl fmt::Debug for NumericDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Secs(s) => write!(f, "NumericDate({s})"),
            Repr::Float(x) => write!(f, "NumericDate({x:?})"),
        }
    }
}

impl Serialize for NumericDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Repr::Secs(v) => match (i64::try_from(v), u64::try_from(v)) {
                (Ok(i), _) => s.serialize_i64(i),
                (_, Ok(u)) => s.serialize_u64(u),
                _ => s.serialize_i128(v),
            },
            Repr::Float(v) => s.serialize_f64(v),
        }
    }
}

impl<'de> Deserialize<'de> for NumericDate {
    /// Any finite number: an integer is held exactly, anything else as
    /// the `f64` it denotes.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateVisitor;

        impl Visitor<'_> for DateVisitor {
            type Value = NumericDate;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a NumericDate (a finite number of seconds)")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumericDate, E> {
                Ok(NumericDate::from_secs(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumericDate, E> {
                Ok(NumericDate(Repr::Secs(i128::from(v))))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumericDate, E> {
                NumericDate::from_f64(v).ok_or_else(|| E::invalid_type(Unexpected::Other("a non-finite number"), &self))
            }
        }

        d.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_exact() {
        let two53 = 1i128 << 53;
        let d = NumericDate::from_json_text("9007199254740993").unwrap();
        assert_eq!(d.cmp_secs(two53 + 1), Ordering::Equal);
        assert_eq!(d.cmp_secs(two53), Ordering::Greater);
        assert_eq!(d.cmp_secs(two53 + 2), Ordering::Less);
        let max = NumericDate::from_json_text("18446744073709551615").unwrap();
        assert_eq!(max.cmp_secs(i128::from(u64::MAX)), Ordering::Equal);
        let min = NumericDate::from_json_text("-9223372036854775808").unwrap();
        assert_eq!(min.as_secs(), Some(i64::MIN));
        // Past u64: the f64 serde_json reads.
        let big = NumericDate::from_json_text("18446744073709551616").unwrap();
        assert!(matches!(big.0, Repr::Float(_)));
        assert!(NumericDate::from_json_text("-9223372036854775809").is_some_and(|d| matches!(d.0, Repr::Float(_))));
    }

    #[test]
    fn floats_compare_exactly_with_whole_seconds() {
        assert_eq!(cmp_float(1.5, 1), Ordering::Greater);
        assert_eq!(cmp_float(1.5, 2), Ordering::Less);
        assert_eq!(cmp_float(-1.5, -1), Ordering::Less);
        assert_eq!(cmp_float(-1.5, -2), Ordering::Greater);
        assert_eq!(cmp_float(-0.0, 0), Ordering::Equal);
        assert_eq!(cmp_float(1e300, i128::MAX), Ordering::Greater);
        assert_eq!(cmp_float(-1e300, i128::MIN), Ordering::Less);
        assert_eq!(cmp_float(9_007_199_254_740_992.0, (1 << 53) + 1), Ordering::Less);
    }

    #[test]
    fn spellings_of_one_instant_are_equal() {
        let a = NumericDate::from_json_text("1700000000").unwrap();
        for text in ["1700000000.0", "1.7e9", "17e8", "1700000000.000"] {
            let b = NumericDate::from_json_text(text).unwrap();
            assert_eq!(a, b, "{text}");
            assert_eq!(b.as_secs(), Some(1_700_000_000), "{text}");
        }
        let half = NumericDate::from_json_text("1700000000.5").unwrap();
        assert!(half > a);
        assert!(a < half);
        assert_eq!(half.as_secs(), None);
        assert_eq!(whole_i64(9_223_372_036_854_775_808.0), None);
        assert_eq!(whole_i64(-9_223_372_036_854_775_808.0), Some(i64::MIN));
    }
}
