//! One strict pass from JSON text into the caller's type: the scanner's
//! rules (duplicates at every depth, depth and size bounds, UTF-8, number
//! range) applied while serde reads the document, so claims are checked
//! and deserialized in a single pass instead of a scan followed by
//! serde_json.
//!
//! This is a fast path, not a second definition of the rules. It answers
//! only "here is the value" or "no answer": any failure, whether the text
//! breaks a rule or the type wants something this reader does not do
//! (serde_json's `RawValue`, map keys read as numbers, enums written as
//! objects), returns `None`, and the caller takes the reference path
//! ([`scan_object`](super::scan::scan_object) then
//! [`from_checked_slice`](super::parse::from_checked_slice)) for the exact verdict.
//! Where it answers, it must give what the reference path gives: the
//! differential tests in `de/tests.rs` and the `json` fuzz target hold it
//! to that.

use serde::de::{self, DeserializeSeed, Visitor};

use super::JsonLimits;
use super::scan::{JsonStr, Names, RawKind, RawValue, Scanner};

/// "No answer": take the reference path.
#[derive(Debug)]
pub(crate) struct NoAnswer;

impl core::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("no answer from the one-pass reader")
    }
}

impl std::error::Error for NoAnswer {}

impl de::Error for NoAnswer {
    fn custom<M: core::fmt::Display>(_: M) -> Self {
        Self
    }
}

type Result<T> = core::result::Result<T, NoAnswer>;

/// Reads a JSON object into `T` in one strict pass and, on the way, hands
/// over the raw value of each top-level member for which `slot` gives an
/// index into `found` (the JWT layer's registered claims).
///
/// `None` means no answer, never "valid": the caller must then run the
/// reference path for the verdict (see the module documentation).
pub fn from_slice_capturing<'de, T: de::Deserialize<'de>>(
    text: &'de [u8],
    limits: &JsonLimits,
    slot: &dyn Fn(JsonStr<'de>) -> Option<usize>,
    found: &mut [Option<RawValue<'de>>],
) -> Option<T> {
    if text.len() > limits.max_bytes {
        return None;
    }
    let mut de = Reader {
        s: Scanner::new(text, limits.max_depth),
        depth: 1,
        capture: Some(Capture { slot, found }),
        top_read: false,
    };
    de.s.skip_ws();
    if de.s.peek() != Some(b'{') {
        return None;
    }
    let value = T::deserialize(&mut de).ok()?;
    de.s.skip_ws();
    // The top-level object must have been read member by member (a type
    // that skipped it whole would have skipped the capture too).
    (de.top_read && de.s.at_end()).then_some(value)
}

/// Where top-level members are handed over.
struct Capture<'de, 'c> {
    slot: &'c dyn Fn(JsonStr<'de>) -> Option<usize>,
    found: &'c mut [Option<RawValue<'de>>],
}

/// The deserializer: the scanner, the depth of the next value, and the
/// capture (only until the top-level object is entered).
struct Reader<'de, 'c> {
    s: Scanner<'de>,
    depth: usize,
    capture: Option<Capture<'de, 'c>>,
    /// The top-level object was read to its end through the capture.
    top_read: bool,
}

impl<'de> Reader<'de, '_> {
    /// Visits an object or array with the access that reads it, then checks
    /// that the visitor read all of it.
    fn container<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.s.enter(self.depth).map_err(|_| NoAnswer)?;
        let open = self.s.peek();
        self.s.bump();
        self.depth += 1;
        let value = if open == Some(b'{') {
            let capture = self.capture.take();
            let top = capture.is_some();
            let mut map = MapReader { de: self, names: Names::new(), first: true, done: false, capture, current: None };
            let value = visitor.visit_map(&mut map)?;
            if !map.done {
                return Err(NoAnswer);
            }
            self.top_read |= top;
            value
        } else {
            let mut seq = SeqReader { de: self, first: true, done: false };
            let value = visitor.visit_seq(&mut seq)?;
            if !seq.done {
                return Err(NoAnswer);
            }
            value
        };
        self.depth -= 1;
        Ok(value)
    }

    fn number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let text = self.s.number().map_err(|_| NoAnswer)?;
        visit_number(text, visitor)
    }
}

/// An integer as serde_json gives it to a visitor: a non-negative one that
/// fits is `u64`, a negative one whose magnitude is 1 to 2^63 is `i64`.
/// Anything else (fractions, exponents, `-0`, integers out of range) is no
/// answer: serde_json reads those as `f64` by an algorithm that depends on
/// its build features, so only serde_json itself can answer for them.
fn visit_number<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<V::Value> {
    if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        return Err(NoAnswer);
    }
    match text.strip_prefix('-') {
        None => visitor.visit_u64(text.parse().map_err(|_| NoAnswer)?),
        Some(magnitude) => match magnitude.parse::<u64>().ok().and_then(|m| 0i64.checked_sub_unsigned(m)) {
            Some(n) if n < 0 => visitor.visit_i64(n),
            _ => Err(NoAnswer),
        },
    }
}

fn visit_string<'de, V: Visitor<'de>>(s: JsonStr<'de>, visitor: V) -> Result<V::Value> {
    match s.as_borrowed() {
        Some(raw) => visitor.visit_borrowed_str(raw),
        None => visitor.visit_string(s.to_cow().into_owned()),
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de, '_> {
    type Error = NoAnswer;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.s.peek() {
            Some(b'{' | b'[') => self.container(visitor),
            Some(b'"') => {
                let s = self.s.string().map_err(|_| NoAnswer)?;
                visit_string(s, visitor)
            }
            Some(b't') => {
                self.s.literal("true", RawKind::Bool(true)).map_err(|_| NoAnswer)?;
                visitor.visit_bool(true)
            }
            Some(b'f') => {
                self.s.literal("false", RawKind::Bool(false)).map_err(|_| NoAnswer)?;
                visitor.visit_bool(false)
            }
            Some(b'n') => {
                self.s.literal("null", RawKind::Null).map_err(|_| NoAnswer)?;
                visitor.visit_unit()
            }
            Some(b'-' | b'0'..=b'9') => self.number(visitor),
            _ => Err(NoAnswer),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.s.peek() == Some(b'n') {
            self.s.literal("null", RawKind::Null).map_err(|_| NoAnswer)?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value> {
        // serde_json's `RawValue` asks for itself by a private name; leave
        // it to serde_json.
        if name.starts_with("$serde_json") {
            return Err(NoAnswer);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // As serde_json: a string's bytes (escapes resolved), or an array.
        if self.s.peek() == Some(b'"') {
            let s = self.s.string().map_err(|_| NoAnswer)?;
            match s.as_borrowed() {
                Some(raw) => visitor.visit_borrowed_bytes(raw.as_bytes()),
                None => visitor.visit_byte_buf(s.to_cow().into_owned().into_bytes()),
            }
        } else {
            self.deserialize_any(visitor)
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // A unit variant written as a string; the object form is left to
        // serde_json.
        if self.s.peek() != Some(b'"') {
            return Err(NoAnswer);
        }
        let s = self.s.string().map_err(|_| NoAnswer)?;
        visitor.visit_enum(UnitVariant(s))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Skipped, but under every rule: duplicates inside, depth, syntax.
        self.s.value(self.depth).map_err(|_| NoAnswer)?;
        visitor.visit_unit()
    }

    // serde_json reads these by rules of their own (and `f32` by its
    // build features): no answer.
    fn deserialize_f32<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NoAnswer)
    }

    fn deserialize_i128<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NoAnswer)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NoAnswer)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 u8 u16 u32 u64 f64 char str string
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// Moves to a container's next item: true if there is one (the scanner is
/// then at its start), false past the closing bracket `close`.
fn next_item(s: &mut Scanner<'_>, first: &mut bool, close: u8) -> Result<bool> {
    s.skip_ws();
    if s.peek() == Some(close) {
        s.bump();
        return Ok(false);
    }
    if !core::mem::replace(first, false) {
        s.expect(b',').map_err(|_| NoAnswer)?;
        s.skip_ws();
    }
    Ok(true)
}

/// The members of an object being read.
struct MapReader<'r, 'de, 'c> {
    de: &'r mut Reader<'de, 'c>,
    names: Names<'de>,
    first: bool,
    done: bool,
    /// Present for the top-level object only.
    capture: Option<Capture<'de, 'c>>,
    /// The capture index of the member whose value is next.
    current: Option<usize>,
}

impl<'de> de::MapAccess<'de> for MapReader<'_, 'de, '_> {
    type Error = NoAnswer;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !next_item(&mut self.de.s, &mut self.first, b'}')? {
            self.done = true;
            return Ok(None);
        }
        let s = &mut self.de.s;
        if s.peek() != Some(b'"') {
            return Err(NoAnswer);
        }
        let name = s.string().map_err(|_| NoAnswer)?;
        if !self.names.insert(name) {
            return Err(NoAnswer);
        }
        s.skip_ws();
        s.expect(b':').map_err(|_| NoAnswer)?;
        s.skip_ws();
        self.current = self.capture.as_ref().and_then(|c| (c.slot)(name));
        seed.deserialize(Key(name)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let start = self.de.s.pos();
        let value = seed.deserialize(&mut *self.de)?;
        if let (Some(i), Some(capture)) = (self.current.take(), &mut self.capture) {
            // The seed read exactly one value, under every rule: its text is
            // the raw value.
            let raw = self.de.s.value_since(start).ok_or(NoAnswer)?;
            if let Some(slot) = capture.found.get_mut(i) {
                *slot = Some(raw);
            }
        }
        Ok(value)
    }
}

/// The elements of an array being read.
struct SeqReader<'r, 'de, 'c> {
    de: &'r mut Reader<'de, 'c>,
    first: bool,
    done: bool,
}

impl<'de> de::SeqAccess<'de> for SeqReader<'_, 'de, '_> {
    type Error = NoAnswer;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !next_item(&mut self.de.s, &mut self.first, b']')? {
            self.done = true;
            return Ok(None);
        }
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// A member name, as serde_json gives it: a string.
struct Key<'de>(JsonStr<'de>);

impl<'de> de::Deserializer<'de> for Key<'de> {
    type Error = NoAnswer;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visit_string(self.0, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A unit enum variant written as a string.
struct UnitVariant<'de>(JsonStr<'de>);

impl<'de> de::EnumAccess<'de> for UnitVariant<'de> {
    type Error = NoAnswer;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let variant = seed.deserialize(Key(self.0))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'de> {
    type Error = NoAnswer;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value> {
        Err(NoAnswer)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(NoAnswer)
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], _visitor: V) -> Result<V::Value> {
        Err(NoAnswer)
    }
}

#[cfg(test)]
mod tests;
