//! `jot inspect`: an UNVERIFIED view of a token, for debugging.
//!
//! Everything shown from the token (header and payload JSON, text
//! payloads) passes through `escape`: control and bidi characters appear
//! as `\uXXXX`, never raw, so a token cannot drive the terminal.

use std::path::Path;

use jot_jwt::json::{JsonLimits, Object, Value, parse_object, parse_value};
use jot_jwt::{Clock, SystemClock};

use crate::error::{CliError, Result};
use crate::{escape, io};

const BANNER: &str = "UNVERIFIED: nothing below has been checked; do not trust it.";

pub fn inspect(file: Option<&Path>) -> Result<()> {
    let token = io::read_token(file)?;
    let colour = io::stdout_is_terminal();
    let banner = if colour { format!("\u{1b}[1;31m{BANNER}\u{1b}[0m") } else { BANNER.to_owned() };
    let mut out = vec![banner, String::new()];
    if token.starts_with('{') {
        let doc = parse_object(token.as_bytes(), &JsonLimits::DEFAULT)
            .map_err(|e| CliError::malformed(format!("not a JWS or JWE JSON serialization: {e}")))?;
        out.push(format!("kind: {}", json_kind(&doc)));
        out.push(pretty(&doc.to_json()));
    } else {
        let segments: Vec<&str> = token.split('.').collect();
        match segments.as_slice() {
            [header, payload, signature] => {
                let header = decode_object(header, "header")?;
                out.push(format!(
                    "kind: JWS (compact){}",
                    if header.get_str("alg").ok().flatten() == Some("none") { ", UNSECURED (alg none)" } else { "" }
                ));
                out.push(format!("header:\n{}", pretty(&header.to_json())));
                let b64 = !matches!(header.get("b64"), Some(Value::Bool(false)));
                let bytes = if b64 { decode(payload, "payload")? } else { payload.as_bytes().to_vec() };
                out.extend(describe_payload(&bytes));
                out.push(format!("signature: {} bytes", b64_len(signature)));
            }
            [header, ek, iv, ct, tag] => {
                let header = decode_object(header, "header")?;
                out.push("kind: JWE (compact); the content is encrypted".to_owned());
                out.push(format!("header:\n{}", pretty(&header.to_json())));
                out.push(format!(
                    "encrypted key: {} bytes, iv: {} bytes, ciphertext: {} bytes, tag: {} bytes",
                    b64_len(ek),
                    b64_len(iv),
                    b64_len(ct),
                    b64_len(tag)
                ));
            }
            _ => return Err(CliError::malformed("not a JWS (3 segments) or JWE (5 segments)")),
        }
    }
    io::write_line(&out.join("\n"))
}

fn json_kind(doc: &Object) -> &'static str {
    match (doc.contains_key("signatures"), doc.contains_key("signature"), doc.contains_key("recipients")) {
        (true, _, _) => "JWS (general JSON)",
        (_, true, _) => "JWS (flattened JSON)",
        (_, _, true) => "JWE (general JSON)",
        _ if doc.contains_key("ciphertext") => "JWE (flattened JSON)",
        _ => "unknown JSON",
    }
}

fn decode(segment: &str, what: &str) -> Result<Vec<u8>> {
    b64(segment).ok_or_else(|| CliError::malformed(format!("the {what} is not valid base64url")))
}

fn decode_object(segment: &str, what: &str) -> Result<Object> {
    let bytes = decode(segment, what)?;
    parse_object(&bytes, &JsonLimits::DEFAULT)
        .map_err(|e| CliError::malformed(format!("the {what} is not a JSON object: {e}")))
}

/// JSON from the token, laid out for reading and safe for a terminal.
fn pretty(json: &str) -> String {
    let laid_out = serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| json.to_owned());
    escape::json(&laid_out)
}

/// The payload: claims with readable times when it is a JSON object, text,
/// or a byte count.
fn describe_payload(bytes: &[u8]) -> Vec<String> {
    match parse_value(bytes, &JsonLimits::DEFAULT) {
        Ok(Value::Object(claims)) => {
            let mut lines = vec![format!("payload (JSON):\n{}", pretty(&claims.to_json()))];
            let now = SystemClock.now();
            for name in ["exp", "nbf", "iat"] {
                if let Ok(Some(n)) = claims.get_number(name)
                    && let Some(t) = n.as_f64()
                {
                    lines.push(format!("{name}: {} ({})", utc(t), relative(name, t, now)));
                }
            }
            lines
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => match escape::count(text) {
                0 => vec![format!("payload (text):\n{text}")],
                // Said in the label: without it, every `\u` in the text is
                // the payload's own.
                n => vec![format!(
                    "payload (text; {n} control or bidi characters shown as \\uXXXX):\n{}",
                    escape::text(text)
                )],
            },
            Err(_) => vec![format!("payload: {} bytes of binary data", bytes.len())],
        },
    }
}

/// A NumericDate as `YYYY-MM-DD hh:mm:ss UTC` (proleptic Gregorian).
fn utc(t: f64) -> String {
    if !t.is_finite() || t.abs() > 253_402_300_799.0 {
        return "out of range".to_owned();
    }
    // Bounded above, so the cast is exact enough for whole seconds.
    #[allow(clippy::cast_possible_truncation)]
    let secs = t.floor() as i64;
    match jot_jwt::numeric_date::to_rfc3339(secs) {
        // "YYYY-MM-DDThh:mm:ssZ" shown as "YYYY-MM-DD hh:mm:ss UTC".
        Some(s) => format!("{} {} UTC", s.get(..10).unwrap_or_default(), s.get(11..19).unwrap_or_default()),
        None => "out of range".to_owned(),
    }
}

/// "expires in 14m", "expired 3h ago", "issued 2d ago", ...
fn relative(name: &str, t: f64, now: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let delta = t - now as f64;
    let span = human(delta.abs());
    if span == "0s" {
        return "now".to_owned();
    }
    match (name, delta >= 0.0) {
        ("exp", true) => format!("expires in {span}"),
        ("exp", false) => format!("expired {span} ago"),
        ("nbf", true) => format!("valid in {span}"),
        ("nbf", false) => format!("valid since {span} ago"),
        (_, true) => format!("in {span}, in the future"),
        (_, false) => format!("{span} ago"),
    }
}

fn human(secs: f64) -> String {
    let s = secs.round();
    if s < 60.0 {
        format!("{s}s")
    } else if s < 3600.0 {
        format!("{}m", (s / 60.0).floor())
    } else if s < 86_400.0 {
        format!("{}h", (s / 3600.0).floor())
    } else {
        format!("{}d", (s / 86_400.0).floor())
    }
}

fn b64(segment: &str) -> Option<Vec<u8>> {
    jot_jwt::base64url::decode(segment).ok()
}

/// The decoded length of a segment (0 when it is not valid base64url).
fn b64_len(segment: &str) -> usize {
    b64(segment).map_or(0, |b| b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0.0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(1_300_819_380.0), "2011-03-22 18:43:00 UTC");
        assert_eq!(utc(951_782_400.0), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(-86_400.0), "1969-12-31 00:00:00 UTC");
        assert_eq!(utc(1e300), "out of range");
    }

    #[test]
    fn relative_times() {
        assert_eq!(relative("exp", 1000.0 + 840.0, 1000), "expires in 14m");
        assert_eq!(relative("exp", 1000.0 - 3.0 * 3600.0, 1000), "expired 3h ago");
        assert_eq!(relative("iat", 1000.0 - 5.0, 1000), "5s ago");
    }
}
