//! Small shared pieces: JSON output, pretty-printing, times.

use jot_jwt::json::{JsonLimits, Object, Value as JotValue};
use serde_json::Value;

use crate::error::Failure;

/// The answer of an API call as a JSON string.
pub(crate) fn answer(result: Result<Value, Failure>) -> String {
    match result {
        Ok(v) => v.to_string(),
        Err(f) => f.to_json().to_string(),
    }
}

/// A jot JSON value as a `serde_json` value (for the JavaScript side). The
/// text comes from jot's own serializer after jot's strict parse, so it
/// parses; a failure still gives `null`, never a panic.
pub(crate) fn to_value(v: &JotValue) -> Value {
    serde_json::from_str(&v.to_json()).unwrap_or(Value::Null)
}

/// A jot JSON object as a `serde_json` value.
pub(crate) fn object_value(o: &Object) -> Value {
    to_value(&JotValue::Object(o.clone()))
}

/// Pretty-printed JSON of a jot object (members ordered by name, as jot's
/// `Object` holds them).
pub(crate) fn pretty_object(o: &Object) -> String {
    pretty(&object_value(o))
}

/// Pretty-printed JSON of a value.
pub(crate) fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Parses strict JSON (jot's parser: duplicate names, size and depth).
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Object, Failure> {
    Ok(jot_jwt::json::parse_object(bytes, &JsonLimits::DEFAULT)?)
}

/// A NumericDate claim read as whole seconds, if it is a number.
pub(crate) fn numeric_date(claims: &Object, name: &str) -> Option<i64> {
    match claims.get(name) {
        Some(JotValue::Number(n)) => n.as_i64().or_else(|| {
            let f = n.as_f64()?;
            // A bounded finite float: whole seconds are enough for display.
            #[allow(clippy::cast_possible_truncation)]
            (f.is_finite() && f.abs() < 1e15).then(|| f.floor() as i64)
        }),
        _ => None,
    }
}

/// `exp`, `nbf` and `iat` as RFC 3339 UTC and seconds relative to `now`.
pub(crate) fn times(claims: &Object, now: i64) -> Value {
    let mut out = serde_json::Map::new();
    for name in ["exp", "nbf", "iat"] {
        if let Some(t) = numeric_date(claims, name) {
            out.insert(
                name.to_owned(),
                serde_json::json!({ "value": t, "utc": jot_jwt::numeric_date::to_rfc3339(t), "relative_seconds": t.saturating_sub(now) }),
            );
        }
    }
    Value::Object(out)
}

/// The page passes `Date.now() / 1000`: a float. Whole seconds, clamped.
pub(crate) fn now_secs(now: f64) -> i64 {
    if now.is_finite() {
        // Clamped to the NumericDate range first, so the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        let s = now.clamp(-1e15, 1e15).floor() as i64;
        s
    } else {
        0
    }
}
