//! The strict parser: one serde visitor that builds a [`Value`], rejects
//! duplicate member names and counts nesting depth.

use core::cell::Cell;
use core::fmt;
use std::collections::BTreeMap;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::{JsonLimits, Number, Object, Value};
use crate::{Error, JsonError, LimitKind};

/// Parses a JSON document whose top level must be an object.
pub fn parse_object(bytes: &[u8], limits: &JsonLimits) -> Result<Object, Error> {
    match parse_value(bytes, limits)? {
        Value::Object(o) => Ok(o),
        _ => Err(JsonError::NotAnObject.into()),
    }
}

/// Parses any JSON document under the strict rules.
pub fn parse_value(bytes: &[u8], limits: &JsonLimits) -> Result<Value, Error> {
    if bytes.len() > limits.max_bytes {
        return Err(LimitKind::HeaderSize.into());
    }
    let failure = Cell::new(None);
    let seed = Seed { depth: 0, max_depth: limits.max_depth, failure: &failure };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result = seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    result.map_err(|_| failure.take().unwrap_or(Error::Json(JsonError::Syntax)))
}

/// Checks a document (whose top level must be an object) against the strict
/// rules without keeping it; allocation-free for an ordinary document.
pub fn check(bytes: &[u8], limits: &JsonLimits) -> Result<(), Error> {
    super::scan::scan_object(bytes, limits, |_, _| {})
}

/// Checks a document against the strict rules, then deserializes it into the
/// caller's type. A member of the wrong type or a missing required member is
/// [`JsonError::Shape`].
pub fn from_slice<T: serde::de::DeserializeOwned>(bytes: &[u8], limits: &JsonLimits) -> Result<T, Error> {
    check(bytes, limits)?;
    from_checked_slice(bytes)
}

/// Serializes a caller's value to compact JSON text (no whitespace); a
/// value serde_json cannot write (a map with non-string keys, say) is
/// [`JsonError::Shape`]. Nothing is checked: see [`check`].
///
/// ```
/// assert_eq!(jot_jwt::json::to_string(&[1, 2]).unwrap(), "[1,2]");
/// ```
pub fn to_string<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|_| Error::Json(JsonError::Shape))
}

/// Deserializes a document that has **already passed** [`check`] or
/// [`scan_object`](super::scan::scan_object) into the caller's type, without
/// checking it again (the strict rules are not re-applied here). Borrowing
/// types (`&'de str`) borrow from `bytes`.
pub fn from_checked_slice<'de, T: serde::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, Error> {
    // Read as `str`, serde_json checks UTF-8 once rather than per string.
    match core::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    }
    .map_err(|_| Error::Json(JsonError::Shape))
}

/// Deserialization state: current depth, the bound, and where a specific
/// failure is recorded (serde's error type cannot carry ours).
#[derive(Clone, Copy)]
struct Seed<'f> {
    depth: usize,
    max_depth: usize,
    failure: &'f Cell<Option<Error>>,
}

impl Seed<'_> {
    fn fail<E: de::Error>(&self, e: Error) -> E {
        self.failure.set(Some(e));
        E::custom("rejected")
    }

    fn nested<E: de::Error>(self) -> Result<Self, E> {
        let depth = self.depth + 1;
        if depth > self.max_depth {
            return Err(self.fail(Error::Limit(LimitKind::JsonDepth)));
        }
        Ok(Self { depth, ..self })
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(Number::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(Number::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        match Number::from_f64(v) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(self.fail(Error::Json(JsonError::Syntax))),
        }
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.nested()?;
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(inner)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.nested()?;
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(inner)?;
            if out.insert(key, value).is_some() {
                return Err(self.fail(Error::Json(JsonError::DuplicateMember)));
            }
        }
        Ok(Value::Object(Object::from_map(out)))
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    /// Deserializes under the strict rules with the default depth bound.
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let failure = Cell::new(None);
        Seed { depth: 0, max_depth: JsonLimits::DEFAULT.max_depth, failure: &failure }.deserialize(d)
    }
}

impl<'de> serde::Deserialize<'de> for Object {
    /// Deserializes a JSON object under the strict rules (duplicates
    /// rejected, default depth bound).
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Object(o) => Ok(o),
            _ => Err(de::Error::custom("expected a JSON object")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> JsonLimits {
        JsonLimits::default()
    }

    #[test]
    fn duplicates_rejected_at_any_depth() {
        for doc in [
            r#"{"a":1,"a":2}"#,
            r#"{"a":1,"b":{"c":1,"c":1}}"#,
            r#"{"a":[{"x":1},{"y":2,"y":3}]}"#,
            r#"{"a":1,"\u0061":2}"#,
        ] {
            assert_eq!(parse_value(doc.as_bytes(), &limits()), Err(Error::Json(JsonError::DuplicateMember)), "{doc}");
        }
    }

    #[test]
    fn depth_bounded() {
        let l = JsonLimits { max_bytes: 1 << 20, max_depth: 4 };
        assert!(parse_value(br#"{"a":{"b":{"c":[1]}}}"#, &l).is_ok());
        assert_eq!(parse_value(br#"{"a":{"b":{"c":[[1]]}}}"#, &l), Err(Error::Limit(LimitKind::JsonDepth)));
        // Far deeper than serde_json's own recursion limit: still a typed error.
        let deep = "[".repeat(100_000);
        assert_eq!(parse_value(deep.as_bytes(), &limits()), Err(Error::Limit(LimitKind::JsonDepth)));
    }

    #[test]
    fn size_bounded() {
        let l = JsonLimits { max_bytes: 10, max_depth: 4 };
        assert_eq!(parse_value(br#"{"a":"12345678"}"#, &l), Err(Error::Limit(LimitKind::HeaderSize)));
    }

    #[test]
    fn syntax_errors() {
        for doc in ["", "{", "{\"a\":1} x", "{'a':1}", "{\"a\":01}", "{\"a\":1,}", "\u{feff}{}", "{\"a\":1e999}"] {
            assert_eq!(parse_value(doc.as_bytes(), &limits()), Err(Error::Json(JsonError::Syntax)), "{doc:?}");
        }
        assert_eq!(parse_value(b"\xff", &limits()), Err(Error::Json(JsonError::Syntax)));
    }

    #[test]
    fn top_level_must_be_object() {
        assert_eq!(parse_object(b"[1]", &limits()), Err(Error::Json(JsonError::NotAnObject)));
        assert_eq!(parse_object(b"\"x\"", &limits()), Err(Error::Json(JsonError::NotAnObject)));
    }

    #[test]
    fn typed_from_slice() {
        #[derive(serde::Deserialize)]
        struct H {
            alg: String,
        }
        let h: H = from_slice(br#"{"alg":"HS256"}"#, &limits()).unwrap();
        assert_eq!(h.alg, "HS256");
        assert_eq!(from_slice::<H>(br#"{"alg":1}"#, &limits()).err(), Some(Error::Json(JsonError::Shape)));
        assert_eq!(
            from_slice::<H>(br#"{"alg":"a","x":{"y":1,"y":2}}"#, &limits()).err(),
            Some(Error::Json(JsonError::DuplicateMember))
        );
    }

    #[test]
    fn serde_deserialize_is_strict() {
        assert!(serde_json::from_str::<Value>(r#"{"a":1,"a":1}"#).is_err());
        assert!(serde_json::from_str::<Value>(r#"{"a":[1,2,{"b":null}]}"#).is_ok());
    }
}
