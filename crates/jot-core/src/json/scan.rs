//! A strict JSON scanner for the hot path: it checks a document under exactly
//! the rules of [`parse_value`](super::parse_value) (duplicates at any depth,
//! nesting and size bounds, RFC 8259 grammar, paired UTF-16 surrogates,
//! numbers that fit an `f64`) and hands the caller each top-level member as
//! slices of the input, without building a tree.
//!
//! An ordinary document (no object with more than [`INLINE_NAMES`] members)
//! is checked without a heap allocation; a larger object falls back to a
//! set of its names on the heap, so the cost stays `O(n log n)`.
//!
//! ```
//! use jot_core::json::JsonLimits;
//! use jot_core::json::__private::{RawKind, scan_object};
//!
//! let mut alg = None;
//! scan_object(br#"{"alg":"ES256","typ":"JWT"}"#, &JsonLimits::DEFAULT, |name, value| {
//!     if name.eq_str("alg") {
//!         if let RawKind::String(s) = value.kind() {
//!             alg = s.as_borrowed();
//!         }
//!     }
//! })?;
//! assert_eq!(alg, Some("ES256"));
//! # Ok::<(), jot_core::Error>(())
//! ```

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::JsonLimits;
use crate::{Error, JsonError, LimitKind};

/// Member names per object checked for duplicates without allocating.
pub const INLINE_NAMES: usize = 16;

/// serde_json refuses a container at this nesting depth (its recursion
/// limit); the scanner does the same, so both parsers agree on every input.
const SERDE_DEPTH_LIMIT: usize = 128;

/// A JSON string as written between its quotes, already checked: escapes
/// are well formed and surrogates paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonStr<'a> {
    raw: &'a str,
    escaped: bool,
}

impl<'a> JsonStr<'a> {
    /// The string itself when it contains no escape (the common case).
    pub fn as_borrowed(&self) -> Option<&'a str> {
        (!self.escaped).then_some(self.raw)
    }

    /// The string with escapes resolved; borrowed when there are none.
    pub fn to_cow(&self) -> Cow<'a, str> {
        match self.as_borrowed() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(self.chars().collect()),
        }
    }

    /// Whether the string, escapes resolved, equals `s`.
    pub fn eq_str(&self, s: &str) -> bool {
        match self.as_borrowed() {
            Some(raw) => raw == s,
            None => self.chars().eq(s.chars()),
        }
    }

    /// Where this string's value, quotes included, lies in `doc`, the
    /// document it was read from (`None` if it is not part of `doc`): with
    /// [`RawValue::at`], a string kept without borrowing the document.
    pub fn span_in(&self, doc: &[u8]) -> Option<core::ops::Range<usize>> {
        let start = self.raw.as_ptr().addr().checked_sub(doc.as_ptr().addr())?.checked_sub(1)?;
        let end = start.checked_add(self.raw.len())?.checked_add(2)?;
        (end <= doc.len()).then_some(start..end)
    }

    /// The characters, escapes resolved.
    pub fn chars(&self) -> Chars<'a> {
        Chars { rest: self.raw.as_bytes(), text: self.raw }
    }
}

/// Characters of a [`JsonStr`], escapes resolved.
#[derive(Clone, Debug)]
pub struct Chars<'a> {
    rest: &'a [u8],
    text: &'a str,
}

impl Iterator for Chars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let (&first, tail) = self.rest.split_first()?;
        if first != b'\\' {
            // Unescaped run: decode one UTF-8 character from the checked text.
            let offset = self.text.len() - self.rest.len();
            let c = self.text.get(offset..)?.chars().next()?;
            self.rest = self.rest.get(c.len_utf8()..)?;
            return Some(c);
        }
        let (&kind, tail) = tail.split_first()?;
        self.rest = tail;
        Some(match kind {
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = hex4(self.rest)?;
                self.rest = self.rest.get(4..)?;
                if (0xD800..0xDC00).contains(&hi) {
                    // Checked: a `\uDC00`-`\uDFFF` escape follows.
                    let lo = hex4(self.rest.get(2..)?)?;
                    self.rest = self.rest.get(6..)?;
                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                } else {
                    char::from_u32(hi)?
                }
            }
            other => char::from(other), // '"', '\\' and '/'
        })
    }
}

fn hex4(b: &[u8]) -> Option<u32> {
    let digits = b.get(..4)?;
    let mut n = 0u32;
    for &d in digits {
        n = n * 16 + char::from(d).to_digit(16)?;
    }
    Some(n)
}

/// What a value is; containers are described by their text only.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RawKind<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written (it fits an `f64`).
    Number(&'a str),
    /// A string.
    String(JsonStr<'a>),
    /// An array.
    Array,
    /// An object.
    Object,
}

/// One value of a checked document: its kind and its exact text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RawValue<'a> {
    kind: RawKind<'a>,
    text: &'a [u8],
}

impl<'a> RawValue<'a> {
    /// What the value is.
    pub fn kind(&self) -> RawKind<'a> {
        self.kind
    }

    /// The value's text in the document (for a container, from its opening
    /// to its closing bracket).
    pub fn text(&self) -> &'a str {
        // Checked already: every string inside is UTF-8, the rest ASCII.
        core::str::from_utf8(self.text).unwrap_or_default()
    }

    /// The string, if the value is one.
    pub fn as_json_str(&self) -> Option<JsonStr<'a>> {
        match self.kind {
            RawKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number as an `f64`, if the value is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self.kind {
            // Up to 15 digits an integer converts exactly (below 2^53): the
            // common case (a date in seconds) skips the float parser.
            RawKind::Number(n) => match small_integer(n) {
                #[allow(clippy::cast_precision_loss, reason = "below 10^15 < 2^53: exact")]
                Some(i) => Some(i as f64),
                None => n.parse().ok(),
            },
            _ => None,
        }
    }

    /// Where this value's text lies in `doc`, the document it was read
    /// from (`None` if it is not part of `doc`): with
    /// [`RawValue::at`], a value kept without borrowing the document.
    pub fn span_in(&self, doc: &[u8]) -> Option<core::ops::Range<usize>> {
        let start = self.text.as_ptr().addr().checked_sub(doc.as_ptr().addr())?;
        let end = start.checked_add(self.text.len())?;
        (end <= doc.len()).then_some(start..end)
    }

    /// The value whose text is at `span` of the checked document `doc`, as
    /// [`span_in`](Self::span_in) found it: rebuilt from its text, not
    /// parsed again. `None` if `span` is not inside `doc`.
    pub fn at(doc: &'a [u8], span: core::ops::Range<usize>) -> Option<Self> {
        let mut scanner = Scanner::new(doc, usize::MAX);
        scanner.pos = span.end;
        scanner.value_since(span.start)
    }

    /// The elements of an array (empty for any other kind). The document was
    /// checked already, so iteration cannot fail.
    pub fn elements(&self) -> Elements<'a> {
        let inner = match self.kind {
            RawKind::Array => self.text.get(1..self.text.len().saturating_sub(1)).unwrap_or_default(),
            _ => &[],
        };
        Elements { scanner: Scanner::new(inner, usize::MAX), first: true }
    }
}

/// The value of a number of one to fifteen digits and nothing else, in
/// one pass (`None` for anything else).
fn small_integer(n: &str) -> Option<u64> {
    if n.is_empty() || n.len() > 15 {
        return None;
    }
    n.bytes().try_fold(0u64, |acc, b| {
        let digit = b.wrapping_sub(b'0');
        (digit <= 9).then(|| acc * 10 + u64::from(digit))
    })
}

/// Elements of a checked array.
#[derive(Debug)]
pub struct Elements<'a> {
    scanner: Scanner<'a>,
    first: bool,
}

impl<'a> Iterator for Elements<'a> {
    type Item = RawValue<'a>;

    fn next(&mut self) -> Option<RawValue<'a>> {
        let s = &mut self.scanner;
        s.skip_ws();
        if !self.first {
            if s.peek() != Some(b',') {
                return None;
            }
            s.pos += 1;
        }
        self.first = false;
        s.skip_ws();
        if s.pos >= s.text.len() {
            return None;
        }
        // Nesting was checked with the whole document: no bound here.
        s.value(1).ok()
    }
}

/// Checks `text` under the strict rules and calls `member` with each
/// top-level member's name and value, in document order.
///
/// `member` sees members before the rest of the document is checked: act on
/// what it records only once `scan_object` has returned `Ok`.
///
/// # Errors
/// As [`parse_object`](super::parse_object), kind for kind:
/// [`LimitKind::HeaderSize`], [`JsonError::Syntax`],
/// [`JsonError::DuplicateMember`], [`LimitKind::JsonDepth`],
/// [`JsonError::NotAnObject`].
pub fn scan_object<'a>(
    text: &'a [u8],
    limits: &JsonLimits,
    mut member: impl FnMut(JsonStr<'a>, RawValue<'a>),
) -> Result<(), Error> {
    if text.len() > limits.max_bytes {
        return Err(LimitKind::HeaderSize.into());
    }
    let mut s = Scanner::new(text, limits.max_depth);
    s.skip_ws();
    let is_object = if s.peek() == Some(b'{') {
        s.object(1, &mut member)?;
        true
    } else {
        s.value(1)?;
        false
    };
    s.skip_ws();
    if s.pos != text.len() {
        return Err(syntax());
    }
    if is_object { Ok(()) } else { Err(JsonError::NotAnObject.into()) }
}

fn syntax() -> Error {
    Error::Json(JsonError::Syntax)
}

#[derive(Debug)]
pub(super) struct Scanner<'a> {
    text: &'a [u8],
    /// `text` as a `str`, when all of it is UTF-8 (nearly always): strings
    /// are then sliced from it with no further check.
    utf8: Option<&'a str>,
    pos: usize,
    max_depth: usize,
}

/// Names seen in one object: inline first, then on the heap.
pub(super) struct Names<'a> {
    /// [`fingerprint`] of each inline name: most comparisons are one of these.
    keys: [u64; INLINE_NAMES],
    inline: [JsonStr<'a>; INLINE_NAMES],
    len: usize,
    spill: Option<BTreeSet<Cow<'a, str>>>,
}

/// A name's length and first seven bytes (escapes resolved): equal names
/// have equal fingerprints, and different short names nearly always differ.
fn fingerprint(name: &str) -> u64 {
    let len = u64::try_from(name.len()).unwrap_or(u64::MAX);
    name.bytes().take(7).enumerate().fold(len & 0xff, |key, (i, b)| key | u64::from(b) << (8 * (i + 1)))
}

impl<'a> Names<'a> {
    pub(super) fn new() -> Self {
        let empty = JsonStr { raw: "", escaped: false };
        Self { keys: [0; INLINE_NAMES], inline: [empty; INLINE_NAMES], len: 0, spill: None }
    }

    /// Records `name`; false if it was there already.
    pub(super) fn insert(&mut self, name: JsonStr<'a>) -> bool {
        if let Some(set) = &mut self.spill {
            return set.insert(name.to_cow());
        }
        // Borrowed unless the name has escapes.
        let text = name.to_cow();
        let key = fingerprint(&text);
        if self.keys.iter().zip(&self.inline).take(self.len).any(|(&k, n)| k == key && n.eq_str(&text)) {
            return false;
        }
        if let (Some(k), Some(slot)) = (self.keys.get_mut(self.len), self.inline.get_mut(self.len)) {
            (*k, *slot) = (key, name);
            self.len += 1;
        } else {
            let mut set: BTreeSet<Cow<'a, str>> = self.inline.iter().map(JsonStr::to_cow).collect();
            set.insert(text);
            self.spill = Some(set);
        }
        true
    }
}

/// How many leading bytes of `bytes` a string can hold as they are: up to
/// the first quote, backslash or control character. Eight bytes at a time.
#[inline]
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let special = |b: u8| b == b'"' || b == b'\\' || b < 0x20;
    let (words, _) = bytes.as_chunks::<8>();
    for (i, word) in words.iter().enumerate() {
        let w = u64::from_le_bytes(*word);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        // The classic has-zero-byte and has-byte-below tests. A borrow can
        // flag a byte after a flagged one but never before it, so the
        // lowest flag (the first byte, read little-endian) is exact.
        let flags = (quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash
            | w.wrapping_sub(ONES * 0x20) & !w)
            & HIGH;
        if flags != 0 {
            return i * 8 + flags.trailing_zeros() as usize / 8;
        }
    }
    let done = words.len() * 8;
    let rest = bytes.get(done..).unwrap_or_default();
    done + rest.iter().position(|&b| special(b)).unwrap_or(rest.len())
}

impl<'a> Scanner<'a> {
    /// One UTF-8 check over the whole text (fast for ASCII) spares one per
    /// string. If it fails, strings are checked one by one, as serde_json
    /// does, so the first error found is still the same one (outside
    /// strings no byte above 0x7f is allowed at all).
    pub(super) fn new(text: &'a [u8], max_depth: usize) -> Self {
        Self { text, utf8: core::str::from_utf8(text).ok(), pos: 0, max_depth }
    }

    /// Where the scanner is.
    #[inline]
    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    /// The value just read, from `start` to here, rebuilt from its text
    /// (it was checked as it was read): its kind is in its first byte.
    pub(super) fn value_since(&self, start: usize) -> Option<RawValue<'a>> {
        let text = self.text.get(start..self.pos)?;
        let kind = match text.first()? {
            b'{' => RawKind::Object,
            b'[' => RawKind::Array,
            b'"' => {
                let raw = self.str_between(start + 1, self.pos.checked_sub(1)?)?;
                RawKind::String(JsonStr { raw, escaped: raw.contains('\\') })
            }
            b't' => RawKind::Bool(true),
            b'f' => RawKind::Bool(false),
            b'n' => RawKind::Null,
            _ => RawKind::Number(self.str_between(start, self.pos)?),
        };
        Some(RawValue { kind, text })
    }

    #[inline]
    fn str_between(&self, start: usize, end: usize) -> Option<&'a str> {
        match self.utf8 {
            Some(text) => text.get(start..end),
            None => self.text.get(start..end).and_then(|b| core::str::from_utf8(b).ok()),
        }
    }

    /// Past one byte already peeked at.
    #[inline]
    pub(super) fn bump(&mut self) {
        self.pos += 1;
    }

    /// Whether the whole text has been read.
    #[inline]
    pub(super) fn at_end(&self) -> bool {
        self.pos == self.text.len()
    }

    #[inline]
    pub(super) fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    #[inline]
    pub(super) fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    #[inline]
    pub(super) fn expect(&mut self, b: u8) -> Result<(), Error> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(syntax())
        }
    }

    /// The text from `start` to here, which must be UTF-8.
    #[inline]
    fn since(&self, start: usize) -> Result<&'a str, Error> {
        self.str_between(start, self.pos).ok_or_else(syntax)
    }

    /// Entering a container at `depth` (the top level is 1).
    pub(super) fn enter(&self, depth: usize) -> Result<(), Error> {
        if depth >= SERDE_DEPTH_LIMIT {
            Err(syntax())
        } else if depth > self.max_depth {
            Err(LimitKind::JsonDepth.into())
        } else {
            Ok(())
        }
    }

    pub(super) fn value(&mut self, depth: usize) -> Result<RawValue<'a>, Error> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(b'{') => {
                self.object(depth, &mut |_, _| {})?;
                RawKind::Object
            }
            Some(b'[') => {
                self.array(depth)?;
                RawKind::Array
            }
            Some(b'"') => RawKind::String(self.string()?),
            Some(b't') => self.literal("true", RawKind::Bool(true))?,
            Some(b'f') => self.literal("false", RawKind::Bool(false))?,
            Some(b'n') => self.literal("null", RawKind::Null)?,
            Some(b'-' | b'0'..=b'9') => RawKind::Number(self.number()?),
            _ => return Err(syntax()),
        };
        Ok(RawValue { kind, text: self.text.get(start..self.pos).unwrap_or_default() })
    }

    pub(super) fn literal(&mut self, word: &str, kind: RawKind<'a>) -> Result<RawKind<'a>, Error> {
        if self.text.get(self.pos..).is_some_and(|rest| rest.starts_with(word.as_bytes())) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(syntax())
        }
    }

    fn object(&mut self, depth: usize, member: &mut dyn FnMut(JsonStr<'a>, RawValue<'a>)) -> Result<(), Error> {
        self.enter(depth)?;
        self.expect(b'{')?;
        let mut names = Names::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(syntax());
            }
            let name = self.string()?;
            self.skip_ws();
            self.expect(b':')?;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            // As in parse_value: the value is read before the name is checked.
            if !names.insert(name) {
                return Err(JsonError::DuplicateMember.into());
            }
            member(name, value);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(syntax()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Error> {
        self.enter(depth)?;
        self.expect(b'[')?;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_ws();
            self.value(depth + 1)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(syntax()),
            }
        }
    }

    /// A string starting at the opening quote.
    #[inline]
    pub(super) fn string(&mut self) -> Result<JsonStr<'a>, Error> {
        self.expect(b'"')?;
        let start = self.pos;
        let mut escaped = false;
        loop {
            // Skip the plain run up to the next quote, backslash or control
            // character in one tight loop.
            self.pos += plain_run(self.text.get(self.pos..).unwrap_or_default());
            let b = self.peek().ok_or_else(syntax)?;
            match b {
                b'"' => {
                    let raw = self.since(start)?;
                    self.pos += 1;
                    return Ok(JsonStr { raw, escaped });
                }
                b'\\' => {
                    escaped = true;
                    self.pos += 1;
                    self.escape()?;
                }
                0x00..=0x1f => return Err(syntax()),
                _ => self.pos += 1,
            }
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self) -> Result<(), Error> {
        let b = self.peek().ok_or_else(syntax)?;
        self.pos += 1;
        match b {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Ok(()),
            b'u' => {
                let n = self.hex()?;
                if (0xDC00..0xE000).contains(&n) {
                    return Err(syntax());
                }
                if (0xD800..0xDC00).contains(&n) {
                    self.expect(b'\\')?;
                    self.expect(b'u')?;
                    if !(0xDC00..0xE000).contains(&self.hex()?) {
                        return Err(syntax());
                    }
                }
                Ok(())
            }
            _ => Err(syntax()),
        }
    }

    fn hex(&mut self) -> Result<u32, Error> {
        let n = self.text.get(self.pos..).and_then(hex4).ok_or_else(syntax)?;
        self.pos += 4;
        Ok(n)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    pub(super) fn number(&mut self) -> Result<&'a str, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                // A leading zero ends the number; serde_json refuses a digit
                // right after it while reading the number itself.
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(syntax());
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(syntax()),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(syntax());
            }
        }
        let mut exponent = false;
        if let Some(b'e' | b'E') = self.peek() {
            exponent = true;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(syntax());
            }
        }
        let text = self.since(start)?;
        // serde_json refuses a number beyond the f64 range; so does jot.
        // Without an exponent only some 309 digits or more can get there.
        if (exponent || text.len() > 300) && !text.parse::<f64>().is_ok_and(f64::is_finite) {
            return Err(syntax());
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests;
