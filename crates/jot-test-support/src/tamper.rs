//! One-character changes of base64url text, for the tampering property
//! tests of jot-jws and jot-jwe: a token or a JSON member value with one
//! character replaced by another base64url character (which may set the
//! unused low bits of a final character, a non-canonical encoding), by any
//! other ASCII character, or by a character outside base64url that a JSON
//! string can hold unescaped.

use core::ops::Range;

use proptest::prelude::*;

/// The base64url alphabet (RFC 4648 section 5).
pub const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Characters outside base64url that may stand unescaped inside a JSON
/// string: padding, the standard alphabet's `+` and `/`, the compact
/// separator, other printable ASCII, DEL, and non-ASCII look-alikes.
pub const JSON_SAFE_NOT_BASE64URL: &[char] = &[
    '=', '+', '/', '.', ' ', '!', '#', '$', '%', '&', '\'', '(', ')', '*', ',', ':', ';', '<', '>', '?', '@', '[', ']',
    '^', '`', '{', '|', '}', '~', '\u{7f}', '\u{a0}', 'é', '\u{ff}', 'Ａ', '\u{2028}', '\u{feff}', '𝄞',
];

/// What replaces one character. Each variant holds a choice (any `usize`,
/// taken modulo the number of candidates), so a property test can pick it
/// freely; the replacement is never the original character.
#[derive(Clone, Copy, Debug)]
pub enum Replacement {
    /// Another base64url character.
    Base64url(usize),
    /// Another ASCII character, controls, `.` and `"` included: one of the
    /// 127 others.
    Ascii(usize),
    /// A character of [`JSON_SAFE_NOT_BASE64URL`] (none is base64url) other
    /// than the original.
    NotBase64url(usize),
}

impl Replacement {
    /// The character that replaces `original`; never `original` itself.
    pub fn char_for(self, original: u8) -> char {
        let c = match self {
            Self::Base64url(n) => {
                let others: Vec<u8> = BASE64URL.iter().copied().filter(|&b| b != original).collect();
                char::from(others[n % others.len()])
            }
            Self::Ascii(n) => {
                let others: Vec<u8> = (0u8..0x80).filter(|&b| b != original).collect();
                char::from(others[n % others.len()])
            }
            Self::NotBase64url(n) => {
                // `.` is in the list and is also a compact token's separator.
                let others: Vec<char> =
                    JSON_SAFE_NOT_BASE64URL.iter().copied().filter(|&c| c != char::from(original)).collect();
                others[n % others.len()]
            }
        };
        assert_ne!(c.to_string().as_bytes(), [original], "a replacement must differ");
        c
    }

    /// Whether the replacement can keep a JSON string well-formed (no
    /// control character, quote or backslash).
    pub fn is_json_safe(self) -> bool {
        !matches!(self, Self::Ascii(_))
    }
}

/// Where in a text (a whole compact token, or one JSON member value) to
/// change a character. Each variant holds a choice (any `usize`, taken
/// modulo the number of candidates).
#[derive(Clone, Copy, Debug)]
pub enum Position {
    /// Any character, separators included.
    Anywhere(usize),
    /// The last character of one of the non-empty '.'-separated segments:
    /// where a lax decoder would ignore unused low bits.
    EndOfSegment(usize),
}

impl Position {
    /// The byte position in `text` (which must not be empty).
    pub fn resolve(self, text: &str) -> usize {
        match self {
            Self::Anywhere(n) => n % text.len(),
            Self::EndOfSegment(n) => {
                let mut ends = Vec::new();
                let mut start = 0;
                for seg in text.split('.') {
                    if !seg.is_empty() {
                        ends.push(start + seg.len() - 1);
                    }
                    start += seg.len() + 1;
                }
                ends[n % ends.len()]
            }
        }
    }
}

/// `text` with the ASCII character at byte `pos` replaced by `with`.
pub fn replace_at(text: &str, pos: usize, with: char) -> String {
    assert!(text.as_bytes()[pos].is_ascii(), "position {pos} is not an ASCII character");
    let mut out = String::with_capacity(text.len() + 4);
    out.push_str(&text[..pos]);
    out.push(with);
    out.push_str(&text[pos + 1..]);
    assert_ne!(out, text);
    out
}

/// The byte range of the value of the string member `name` in a JSON
/// text, found by its `"name":"` spelling, which must occur at most once
/// (true of jot's own output, which has no spaces, when no header holds
/// that text); `None` if it does not occur. The value must need no
/// escapes, as base64url does not.
pub fn string_member_range(json: &str, name: &str) -> Option<Range<usize>> {
    let key = format!("\"{name}\":\"");
    let mut found = json.match_indices(&key);
    let (at, _) = found.next()?;
    assert!(found.next().is_none(), "member {name} occurs twice in {json}");
    let start = at + key.len();
    let len = json[start..].find('"').unwrap_or_else(|| panic!("unterminated {name} in {json}"));
    assert!(!json[start..start + len].contains('\\'), "escaped characters in {name}");
    Some(start..start + len)
}

/// Whether two base64url texts of the same length differ only in the unused
/// low bits of their last character: a decoder that ignores those bits
/// would read the same bytes from both; a canonical one refuses the
/// non-canonical text. Used to show that a test tried such spellings.
pub fn same_to_a_lax_decoder(a: &str, b: &str) -> bool {
    let value = |c: u8| BASE64URL.iter().position(|&x| x == c);
    let unused_bits = match a.len() % 4 {
        2 => 4,
        3 => 2,
        _ => 0,
    };
    let (Some(&last_a), Some(&last_b)) = (a.as_bytes().last(), b.as_bytes().last()) else { return false };
    a.len() == b.len()
        && a[..a.len() - 1] == b[..b.len() - 1]
        && match (value(last_a), value(last_b)) {
            (Some(x), Some(y)) => x >> unused_bits == y >> unused_bits,
            _ => false,
        }
}

/// Where to change a character: anywhere, or (more often than chance) at
/// the end of a segment, where a base64url character has unused bits.
pub fn position() -> impl Strategy<Value = Position> {
    prop_oneof![
        3 => any::<usize>().prop_map(Position::Anywhere),
        2 => any::<usize>().prop_map(Position::EndOfSegment),
    ]
}

/// Any replacement (compact tokens are plain text, any character will do).
pub fn any_replacement() -> impl Strategy<Value = Replacement> {
    prop_oneof![
        3 => any::<usize>().prop_map(Replacement::Base64url),
        1 => any::<usize>().prop_map(Replacement::Ascii),
        1 => any::<usize>().prop_map(Replacement::NotBase64url),
    ]
}

/// Replacements that keep a JSON string well-formed.
pub fn json_replacement() -> impl Strategy<Value = Replacement> {
    prop_oneof![
        3 => any::<usize>().prop_map(Replacement::Base64url),
        1 => any::<usize>().prop_map(Replacement::NotBase64url),
    ]
}
