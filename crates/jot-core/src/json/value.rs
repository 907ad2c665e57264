//! The JSON data model: [`Value`], [`Object`] and [`Number`].

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::JsonError;

/// A JSON value parsed under the strict rules.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A finite number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object with unique member names.
    Object(Object),
}

impl Value {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    /// Serializes to compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Self::String(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Self::String(s)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Self::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Self::Number(n.into())
    }
}
impl From<u64> for Value {
    fn from(n: u64) -> Self {
        Self::Number(n.into())
    }
}
impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Self {
        Self::Array(v)
    }
}
impl From<Object> for Value {
    fn from(o: Object) -> Self {
        Self::Object(o)
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => s.serialize_unit(),
            Self::Bool(b) => s.serialize_bool(*b),
            Self::Number(n) => n.0.serialize(s),
            Self::String(v) => s.serialize_str(v),
            Self::Array(v) => v.serialize(s),
            Self::Object(o) => o.serialize(s),
        }
    }
}

/// A finite JSON number (integer or not).
#[derive(Clone, Debug, PartialEq)]
pub struct Number(serde_json::Number);

impl Number {
    /// A number from a finite float; `None` for NaN and infinities.
    pub fn from_f64(v: f64) -> Option<Self> {
        serde_json::Number::from_f64(v).map(Self)
    }
    /// The value as an `i64`, if it is an integer in range.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }
    /// The value as a `u64`, if it is a non-negative integer in range.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }
    /// The value as an `f64` (integers convert, possibly rounding).
    pub fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }
    /// Whether the number was written (or made) as an integer.
    pub fn is_integer(&self) -> bool {
        self.0.is_i64() || self.0.is_u64()
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        Self(n.into())
    }
}
impl From<u64> for Number {
    fn from(n: u64) -> Self {
        Self(n.into())
    }
}

/// A JSON object with unique member names, kept in name order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object(BTreeMap<String, Value>);

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn from_map(map: BTreeMap<String, Value>) -> Self {
        Self(map)
    }

    /// The member's value, whatever its type.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// Whether the member is present.
    pub fn contains_key(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// Adds or replaces a member, returning the previous value.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        self.0.insert(name.into(), value.into())
    }

    /// Removes a member.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.0.remove(name)
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the object has no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Members in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Member names in name order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// A string member: `Ok(None)` when absent, an error when not a string.
    pub fn get_str(&self, member: &'static str) -> Result<Option<&str>, JsonError> {
        match self.0.get(member) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(JsonError::WrongType { member }),
        }
    }

    /// A boolean member: `Ok(None)` when absent, an error when not a boolean.
    pub fn get_bool(&self, member: &'static str) -> Result<Option<bool>, JsonError> {
        match self.0.get(member) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(JsonError::WrongType { member }),
        }
    }

    /// A number member: `Ok(None)` when absent, an error when not a number.
    pub fn get_number(&self, member: &'static str) -> Result<Option<&Number>, JsonError> {
        match self.0.get(member) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n)),
            Some(_) => Err(JsonError::WrongType { member }),
        }
    }

    /// An integer member that must be a non-negative integer.
    pub fn get_u64(&self, member: &'static str) -> Result<Option<u64>, JsonError> {
        match self.get_number(member)? {
            None => Ok(None),
            Some(n) => n.as_u64().map(Some).ok_or(JsonError::WrongType { member }),
        }
    }

    /// An array member: `Ok(None)` when absent, an error when not an array.
    pub fn get_array(&self, member: &'static str) -> Result<Option<&[Value]>, JsonError> {
        match self.0.get(member) {
            None => Ok(None),
            Some(Value::Array(a)) => Ok(Some(a)),
            Some(_) => Err(JsonError::WrongType { member }),
        }
    }

    /// An array of strings: an error when not an array or when any element
    /// is not a string.
    pub fn get_str_array(&self, member: &'static str) -> Result<Option<Vec<&str>>, JsonError> {
        match self.get_array(member)? {
            None => Ok(None),
            Some(items) => items
                .iter()
                .map(|v| v.as_str().ok_or(JsonError::WrongType { member }))
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
        }
    }

    /// An object member: `Ok(None)` when absent, an error when not an object.
    pub fn get_object(&self, member: &'static str) -> Result<Option<&Object>, JsonError> {
        match self.0.get(member) {
            None => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o)),
            Some(_) => Err(JsonError::WrongType { member }),
        }
    }

    /// Serializes to compact JSON (members in name order).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Serializes a caller's value (which must serialize to a JSON object)
    /// and reads it back under the strict rules.
    pub fn from_serialize<T: serde::Serialize>(value: &T) -> Result<Self, crate::Error> {
        let bytes = serde_json::to_vec(value).map_err(|_| JsonError::Shape)?;
        super::parse_object(&bytes, &super::JsonLimits::DEFAULT)
    }

    /// Deserializes the object into a caller's type; a shape mismatch is
    /// [`JsonError::Shape`].
    pub fn deserialize_into<T: serde::de::DeserializeOwned>(&self) -> Result<T, JsonError> {
        let v = serde_json::to_value(self).map_err(|_| JsonError::Shape)?;
        serde_json::from_value(v).map_err(|_| JsonError::Shape)
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl FromIterator<(String, Value)> for Object {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{JsonLimits, parse_object};

    #[test]
    fn typed_getters_reject_wrong_types() {
        let o =
            parse_object(br#"{"s":"x","b":true,"n":-1,"f":1.5,"a":["x",1],"o":{}}"#, &JsonLimits::default()).unwrap();
        assert_eq!(o.get_str("s"), Ok(Some("x")));
        assert_eq!(o.get_str("missing"), Ok(None));
        assert_eq!(o.get_str("b"), Err(JsonError::WrongType { member: "b" }));
        assert_eq!(o.get_bool("s"), Err(JsonError::WrongType { member: "s" }));
        assert_eq!(o.get_u64("n"), Err(JsonError::WrongType { member: "n" }));
        assert_eq!(o.get_u64("f"), Err(JsonError::WrongType { member: "f" }));
        assert_eq!(o.get_number("f").unwrap().unwrap().as_f64(), Some(1.5));
        assert_eq!(o.get_str_array("a"), Err(JsonError::WrongType { member: "a" }));
        assert_eq!(o.get_array("o"), Err(JsonError::WrongType { member: "o" }));
        assert!(o.get_object("o").unwrap().unwrap().is_empty());
    }

    #[test]
    fn floats_survive_a_round_trip() {
        // Found by fuzz/json: without correctly rounded parsing, a long
        // decimal parsed, printed and parsed again gave a different f64.
        let doc = b"{\"n\":2266666666666666666666666666666666666666666666666666666666666666666666666666662.10}";
        let o = parse_object(doc, &JsonLimits::default()).unwrap();
        let again = parse_object(o.to_json().as_bytes(), &JsonLimits::default()).unwrap();
        assert_eq!(o, again);
    }

    #[test]
    fn round_trip_serialization() {
        let doc = br#"{"a":[1,2.5,"x",null,true],"b":{"c":"\u00e9"}}"#;
        let o = parse_object(doc, &JsonLimits::default()).unwrap();
        let again = parse_object(o.to_json().as_bytes(), &JsonLimits::default()).unwrap();
        assert_eq!(o, again);
    }
}
