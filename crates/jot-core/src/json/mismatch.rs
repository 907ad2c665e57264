//! Which member a caller's type refused: deserializing a checked document
//! as [`from_checked_slice`](super::parse::from_checked_slice) does, and on
//! failure naming the top-level member whose value the failure lies in.
//!
//! serde_json's errors say where they happened (line and column) and what
//! was read, in text that may quote the value. Only the position is used
//! here: it is mapped back to the top-level member whose value spans it,
//! so an error can name the member without echoing anything it holds.

use serde::Deserialize;

use super::JsonLimits;
use super::scan::JsonStr;
use super::scan::scan_object;

/// A checked document that did not deserialize into the caller's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mismatch<'a> {
    member: Option<JsonStr<'a>>,
}

impl<'a> Mismatch<'a> {
    /// The top-level member whose value the type refused (its name as the
    /// document spells it, escapes resolved by [`JsonStr::to_cow`]);
    /// `None` when the failure is not inside one member's value: a
    /// required member is missing, or the type refused the object as a
    /// whole (`#[serde(flatten)]` reads it whole).
    pub fn member(&self) -> Option<JsonStr<'a>> {
        self.member
    }
}

/// Deserializes a document that has **already passed**
/// [`check`](super::check) or [`scan_object`] under `limits` into the
/// caller's type, as [`from_checked_slice`](super::parse::from_checked_slice)
/// does; on failure, says which top-level member's value was refused.
///
/// Success costs what `from_checked_slice` costs; a failure scans the
/// document once more to find the member.
///
/// ```
/// use jot_core::json::{self, JsonLimits};
/// use jot_core::json::__private::from_checked_slice_or_mismatch;
///
/// #[derive(serde::Deserialize)]
/// #[allow(dead_code)]
/// struct Claims {
///     sub: String,
///     iat: i64,
/// }
///
/// let doc = br#"{"sub":"alice","iat":1.7e9}"#;
/// let limits = JsonLimits::DEFAULT;
/// json::check(doc, &limits)?;
/// let refused = from_checked_slice_or_mismatch::<Claims>(doc, &limits).err().unwrap();
/// assert!(refused.member().is_some_and(|m| m.eq_str("iat")));
/// # Ok::<(), jot_core::Error>(())
/// ```
pub fn from_checked_slice_or_mismatch<'de, T: Deserialize<'de>>(
    bytes: &'de [u8],
    limits: &JsonLimits,
) -> Result<T, Mismatch<'de>> {
    let result = match core::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    };
    result.map_err(|e| Mismatch {
        member: offset(bytes, e.line(), e.column()).and_then(|at| member_at(bytes, limits, at)),
    })
}

/// The byte offset of serde_json's (line, column): lines count from 1,
/// columns are bytes after the line's start. `None` without a position.
fn offset(bytes: &[u8], line: usize, column: usize) -> Option<usize> {
    let line_start = match line {
        0 => return None,
        1 => 0,
        n => bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(n - 2)?.0 + 1,
    };
    line_start.checked_add(column)
}

/// The top-level member whose value spans offset `at`. serde_json stops
/// at a value's first byte (a container of the wrong kind) or just past
/// its last (a value it has read); an error about the object as a whole
/// (a missing member) is past the closing `}`, which no member's value
/// reaches.
fn member_at<'a>(bytes: &'a [u8], limits: &JsonLimits, at: usize) -> Option<JsonStr<'a>> {
    let base = bytes.as_ptr().addr();
    let mut found = None;
    scan_object(bytes, limits, |name, value| {
        let text = value.text();
        if let Some(start) = text.as_ptr().addr().checked_sub(base)
            && (start..=start + text.len()).contains(&at)
        {
            found = Some(name);
        }
    })
    .ok()?;
    found
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Claims<'a> {
        sub: &'a str,
        iat: i64,
        #[serde(default)]
        cnf: Option<Cnf>,
        #[serde(default)]
        groups: Vec<String>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Cnf {
        jkt: String,
    }

    fn refused(doc: &str) -> Option<String> {
        let limits = JsonLimits::DEFAULT;
        super::super::check(doc.as_bytes(), &limits).unwrap();
        let e = from_checked_slice_or_mismatch::<Claims<'_>>(doc.as_bytes(), &limits).unwrap_err();
        e.member().map(|m| m.to_cow().into_owned())
    }

    #[test]
    fn names_the_member_whose_value_was_refused() {
        for (doc, member) in [
            (r#"{"sub":"a","iat":1.7e9}"#, "iat"),
            (r#"{"sub":"a","iat":1.5}"#, "iat"),
            (r#"{"sub":"a","iat":"1700000000"}"#, "iat"),
            (r#"{"sub":"a","iat":{"x":1}}"#, "iat"),
            (r#"{"sub":"a","iat":[1]}"#, "iat"),
            (r#"{"sub":"a","iat":null}"#, "iat"),
            (r#"{"sub":"a","iat":true}"#, "iat"),
            (r#"{"iat":1.7e9,"sub":"a"}"#, "iat"),
            (r#"{"iat":1,"sub":"a\"b"}"#, "sub"),
            (r#"{"iat":1,"sub":7}"#, "sub"),
            (r#"{"iat":1,"sub":"a","cnf":{"jkt":1}}"#, "cnf"),
            (r#"{"iat":1,"sub":"a","cnf":"x"}"#, "cnf"),
            (r#"{"iat":1,"sub":"a","groups":["x",2]}"#, "groups"),
            (r#"{"iat":1,"sub":"a","\u0067roups":{}}"#, "groups"),
            ("{\n  \"sub\": \"a\",\n  \"iat\": 1.7e9\n}", "iat"),
            ("{\n  \"sub\": \"a\",\n  \"iat\": \"x\"\n}\n", "iat"),
            ("{\"sub\":\"a\",\r\n\"iat\":\r\n[1]}", "iat"),
        ] {
            assert_eq!(refused(doc).as_deref(), Some(member), "{doc}");
        }
    }

    #[test]
    fn no_member_when_the_failure_is_not_in_one() {
        assert_eq!(refused(r#"{"sub":"a"}"#), None);
        assert_eq!(refused(r#"{"iat":1}"#), None);
    }

    #[test]
    fn success_is_from_checked_slice() {
        let doc = br#"{"sub":"a","iat":1,"x":[1,2]}"#;
        let c = from_checked_slice_or_mismatch::<Claims<'_>>(doc, &JsonLimits::DEFAULT).unwrap();
        assert_eq!((c.sub, c.iat), ("a", 1));
        let m = from_checked_slice_or_mismatch::<BTreeMap<String, i64>>(br#"{"a":1,"b":2.5}"#, &JsonLimits::DEFAULT);
        assert_eq!(m.unwrap_err().member().map(|m| m.to_cow().into_owned()).as_deref(), Some("b"));
    }
}
