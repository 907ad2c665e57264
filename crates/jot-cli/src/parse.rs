//! Parsing flag values: algorithm names, durations, numbers, JSON objects.
//!
//! Every parser here takes any string (a command line holds whatever the
//! shell passed, non-ASCII included) and returns a value or a
//! [`CliError::Usage`]; none panics, and no message repeats the value. The
//! duration and number parsers are clap value parsers (`cli.rs`), so a bad
//! value is refused before any file is read, as one `error:` line that
//! names the flag (`error::clap_line`).

use std::time::Duration;

use jot_jwt::alg::{Curve, JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_jwt::json::{JsonLimits, Object, parse_object};

use crate::error::{CliError, Result};

pub fn jws_alg(name: &str) -> Result<JwsAlgorithm> {
    JwsAlgorithm::from_name(name).map_err(|_| CliError::usage("unsupported JWS algorithm (--alg)"))
}

pub fn jwe_alg(name: &str) -> Result<JweAlgorithm> {
    JweAlgorithm::from_name(name).map_err(|_| CliError::usage("unsupported JWE key management algorithm (--alg)"))
}

pub fn jwe_enc(name: &str) -> Result<JweEncryption> {
    JweEncryption::from_name(name).map_err(|_| CliError::usage("unsupported JWE content encryption algorithm (--enc)"))
}

pub fn curve(name: &str) -> Result<Curve> {
    Curve::from_name(name).map_err(|_| CliError::usage("unsupported curve (--crv)"))
}

/// A header or claims object given on the command line.
pub fn json_object(text: &str, flag: &str) -> Result<Object> {
    parse_object(text.as_bytes(), &JsonLimits::DEFAULT)
        .map_err(|e| CliError::usage(format!("{flag} must be a JSON object: {e}")))
}

/// The messages of the parsers below: fixed text, so no value is ever
/// repeated in one.
const DURATION_OR_DATE: &str = "must be a duration (30s, 15m, 1h, 7d) or a NumericDate";
const DURATION: &str = "must be a duration (30s, 15m, 1h, 7d)";
const NUMERIC_DATE: &str = "must be a NumericDate (a whole number of seconds)";
const WHOLE_NUMBER: &str = "must be a whole number (digits 0-9 only)";
const TOO_LARGE: &str = "is too large";
/// Every message a duration or number parser gives.
#[cfg(test)]
pub const MESSAGES: [&str; 5] = [DURATION_OR_DATE, DURATION, NUMERIC_DATE, WHOLE_NUMBER, TOO_LARGE];

/// A duration in seconds: ASCII digits and one unit letter s, m, h or d
/// (`30s`, `15m`, `1h`, `7d`). `None` for anything else, or when the
/// seconds do not fit an `i64`.
fn duration_secs(text: &str) -> Option<i64> {
    // The unit is the last character, which may be several bytes long: split
    // on a character boundary, never at `len - 1`.
    let mut chars = text.chars();
    let unit = chars.next_back()?;
    let digits = chars.as_str();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    let mult = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        _ => return None,
    };
    n.checked_mul(mult)
}

/// The value of `--exp` or `--nbf`: a NumericDate, or a duration from now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeArg {
    /// An absolute NumericDate (seconds since the epoch; may be negative).
    At(i64),
    /// This many seconds after now.
    In(i64),
}

impl TimeArg {
    /// The NumericDate this value names, with `now` for a duration.
    pub fn resolve(self, now: i64, flag: &str) -> Result<i64> {
        match self {
            Self::At(t) => Ok(t),
            Self::In(d) => now.checked_add(d).ok_or_else(|| CliError::usage(format!("{flag} is too far from now"))),
        }
    }
}

/// `DUR|NUM` (`--exp`, `--nbf`): a duration relative to now, or a bare
/// integer NumericDate.
pub fn time_arg(text: &str) -> Result<TimeArg> {
    if let Some(abs) = integer(text) {
        return Ok(TimeArg::At(abs));
    }
    duration_secs(text).map(TimeArg::In).ok_or_else(|| CliError::usage(DURATION_OR_DATE))
}

/// `--max-age`: a duration (`30s`, `15m`, `1h`, `7d`).
pub fn max_age(text: &str) -> Result<Duration> {
    duration_secs(text)
        .and_then(|s| u64::try_from(s).ok())
        .map(Duration::from_secs)
        .ok_or_else(|| CliError::usage(DURATION))
}

/// `--now`: a NumericDate, an integer that may be negative.
pub fn numeric_date(text: &str) -> Result<i64> {
    integer(text).ok_or_else(|| CliError::usage(NUMERIC_DATE))
}

/// A whole number that fits `T`, in ASCII digits only (`--bits`, `--p2c`,
/// `--max-p2c`, `--zip-limit`, `--leeway`).
pub fn unsigned<T: TryFrom<u64>>(text: &str) -> Result<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CliError::usage(WHOLE_NUMBER));
    }
    text.parse::<u64>().ok().and_then(|n| T::try_from(n).ok()).ok_or_else(|| CliError::usage(TOO_LARGE))
}

/// An `i64` in ASCII digits with an optional leading `-`.
fn integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration_secs("30s"), Some(30));
        assert_eq!(duration_secs("15m"), Some(900));
        assert_eq!(duration_secs("1h"), Some(3600));
        assert_eq!(duration_secs("7d"), Some(604_800));
        for bad in ["", "s", "1", "-1s", "1w", "1.5h", "99999999999999999999d", "+1s", " 1s", "1s "] {
            assert_eq!(duration_secs(bad), None, "{bad}");
        }
        assert_eq!(time_arg("1700000000").unwrap(), TimeArg::At(1_700_000_000));
        assert_eq!(time_arg("1700000000").unwrap().resolve(5, "--exp").unwrap(), 1_700_000_000);
        assert_eq!(time_arg("1m").unwrap().resolve(5, "--exp").unwrap(), 65);
        assert_eq!(time_arg("-5").unwrap(), TimeArg::At(-5));
        assert!(time_arg("soon").is_err());
        assert!(time_arg("1d").unwrap().resolve(i64::MAX, "--exp").is_err());
        assert_eq!(max_age("15m").unwrap(), Duration::from_secs(900));
    }

    /// The panic of issue 14: the unit letter is a multi-byte character, and
    /// splitting at `len - 1` fell inside it.
    #[test]
    fn multi_byte_units_are_refused_not_split() {
        for bad in ["é", "€", "1é", "30€", "😀", "1😀", "é1s", "\u{301}", "1s\u{301}", "٣s", "１s"] {
            assert!(matches!(time_arg(bad), Err(CliError::Usage(_))), "{bad}");
            assert!(matches!(max_age(bad), Err(CliError::Usage(_))), "{bad}");
            assert!(matches!(numeric_date(bad), Err(CliError::Usage(_))), "{bad}");
            assert!(matches!(unsigned::<u32>(bad), Err(CliError::Usage(_))), "{bad}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(unsigned::<u32>("0").unwrap(), 0);
        assert_eq!(unsigned::<u32>("4294967295").unwrap(), u32::MAX);
        assert_eq!(unsigned::<u64>("18446744073709551615").unwrap(), u64::MAX);
        assert_eq!(unsigned::<usize>("2048").unwrap(), 2048);
        for bad in ["", "-1", "+1", "1.5", "1m", "many", " 1", "4294967296", "1e3"] {
            assert!(matches!(unsigned::<u32>(bad), Err(CliError::Usage(_))), "{bad}");
        }
        assert!(unsigned::<u64>("18446744073709551616").is_err());
        assert_eq!(numeric_date("-86400").unwrap(), -86_400);
        assert_eq!(numeric_date("9223372036854775807").unwrap(), i64::MAX);
        for bad in ["", "-", "1.5", "+1", "--1", "9223372036854775808", "1h"] {
            assert!(matches!(numeric_date(bad), Err(CliError::Usage(_))), "{bad}");
        }
    }

    /// Any string, and strings built to reach the unit and digit checks
    /// (digits then any character, a unit then a combining mark).
    fn any_flag_value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "\\PC{0,8}",
            "-?[0-9]{0,24}.",
            "[0-9]{1,6}[smhd].",
            "[0-9]{0,6}[\u{80}-\u{10ffff}]{1,3}",
        ]
    }

    fn usage_or_ok<T>(r: &Result<T>) -> bool {
        matches!(r, Ok(_) | Err(CliError::Usage(_)))
    }

    /// A usage error whose message is one of the fixed texts above: it
    /// cannot hold the value.
    fn fixed_message<T>(r: &Result<T>) -> bool {
        match r {
            Err(CliError::Usage(m)) => MESSAGES.contains(&m.as_str()),
            _ => true,
        }
    }

    proptest! {
        /// Every duration and number parser returns a value or a usage
        /// error for any string, and never panics; an error never repeats
        /// the value.
        #[test]
        fn every_duration_and_number_parser_is_total(s in any_flag_value()) {
            let results = [
                time_arg(&s).map(|_| ()),
                max_age(&s).map(|_| ()),
                numeric_date(&s).map(|_| ()),
                unsigned::<u32>(&s).map(|_| ()),
                unsigned::<u64>(&s).map(|_| ()),
                unsigned::<usize>(&s).map(|_| ()),
            ];
            for r in &results {
                prop_assert!(usage_or_ok(r));
                prop_assert!(fixed_message(r), "{r:?}");
            }
            if let Ok(t) = time_arg(&s) {
                // Resolving against any clock is a value or a usage error.
                for now in [i64::MIN, -1, 0, 1_700_000_000, i64::MAX] {
                    prop_assert!(usage_or_ok(&t.resolve(now, "--exp")));
                }
            }
        }

        /// What the parsers accept is exactly what they say.
        #[test]
        fn accepted_values_mean_what_they_say(n in 0u32..1_000_000, unit in "[smhd]") {
            let secs = i64::from(n) * match unit.as_str() { "s" => 1, "m" => 60, "h" => 3600, _ => 86_400 };
            prop_assert_eq!(time_arg(&format!("{n}{unit}")).unwrap(), TimeArg::In(secs));
            prop_assert_eq!(max_age(&format!("{n}{unit}")).unwrap().as_secs(), u64::try_from(secs).unwrap());
            prop_assert_eq!(time_arg(&n.to_string()).unwrap(), TimeArg::At(i64::from(n)));
            prop_assert_eq!(unsigned::<u32>(&n.to_string()).unwrap(), n);
        }
    }
}
