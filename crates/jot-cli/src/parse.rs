//! Parsing flag values: algorithm names, durations, JSON objects.

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

/// A duration: a number with a unit s, m, h or d (`30s`, `15m`, `1h`, `7d`).
pub fn duration_secs(text: &str) -> Option<i64> {
    let (digits, unit) = text.split_at(text.len().checked_sub(1)?);
    let n: i64 = digits.parse().ok().filter(|n| *n >= 0)?;
    let mult = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    n.checked_mul(mult)
}

/// `DUR|NUM`: a duration relative to `now`, or a bare integer NumericDate.
pub fn time_arg(text: &str, now: i64, flag: &str) -> Result<i64> {
    if let Ok(abs) = text.parse::<i64>() {
        return Ok(abs);
    }
    duration_secs(text)
        .and_then(|d| now.checked_add(d))
        .ok_or_else(|| CliError::usage(format!("{flag} must be a duration (30s, 15m, 1h, 7d) or a NumericDate")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration_secs("30s"), Some(30));
        assert_eq!(duration_secs("15m"), Some(900));
        assert_eq!(duration_secs("1h"), Some(3600));
        assert_eq!(duration_secs("7d"), Some(604_800));
        for bad in ["", "s", "1", "-1s", "1w", "1.5h", "99999999999999999999d"] {
            assert_eq!(duration_secs(bad), None, "{bad}");
        }
        assert_eq!(time_arg("1700000000", 5, "--exp").unwrap(), 1_700_000_000);
        assert_eq!(time_arg("1m", 5, "--exp").unwrap(), 65);
        assert!(time_arg("soon", 5, "--exp").is_err());
    }
}
