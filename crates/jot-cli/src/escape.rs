//! Untrusted text made safe for a terminal.
//!
//! A token's header and payload are chosen by whoever made the token, and a
//! terminal obeys what it is sent: ESC and CSI sequences recolour, move the
//! cursor, retitle the window or rewrite what is already on screen, and
//! bidi controls reorder what is shown. So every character that is not
//! printable text is written as a JSON escape, `\u` and four lowercase hex
//! digits (`\u001b` for ESC): inside JSON strings that is the same string
//! (the JSON stays valid and means the same), and one form serves JSON and
//! plain text alike.
//!
//! Escaped: the C0 controls U+0000..U+001F (newline and tab included), DEL
//! U+007F, the C1 controls U+0080..U+009F, the bidi embeddings, overrides
//! and isolates U+202A..U+202E and U+2066..U+2069 (the "Trojan Source"
//! set), and the bidi marks U+061C, U+200E, U+200F.

use std::fmt::Write as _;

/// Whether `c` must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// How many characters of `s` [`text`] escapes.
pub fn count(s: &str) -> usize {
    s.chars().filter(|&c| is_unsafe(c)).count()
}

/// `s` with every unsafe character written as `\uXXXX`.
pub fn text(s: &str) -> String {
    escape_except(s, None)
}

/// JSON text from a pretty-printer with every unsafe character written as
/// `\uXXXX`, except the newlines that lay it out. A pretty-printer escapes
/// every C0 control inside a string, so a newline in its output is layout
/// and the rest (DEL, C1, bidi) can only be inside strings, where the
/// escape keeps the JSON valid and its meaning unchanged.
pub fn json(s: &str) -> String {
    escape_except(s, Some('\n'))
}

fn escape_except(s: &str, keep: Option<char>) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe(c) && Some(c) != keep {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(text("a\u{1b}[31mred\u{1b}[0m"), "a\\u001b[31mred\\u001b[0m");
        assert_eq!(
            text("\u{0}\t\n\r\u{7f}\u{80}\u{9b}\u{9f}"),
            "\\u0000\\u0009\\u000a\\u000d\\u007f\\u0080\\u009b\\u009f"
        );
        assert_eq!(text("\u{202a}\u{202e}\u{2066}\u{2069}\u{200f}"), "\\u202a\\u202e\\u2066\\u2069\\u200f");
        // Printable text, non-ASCII included, is left alone.
        assert_eq!(
            text("café € 😀 \u{a0} \u{202f} \u{2070} ok\\u001b"),
            "café € 😀 \u{a0} \u{202f} \u{2070} ok\\u001b"
        );
        assert_eq!(json("{\n  \"a\": \"\u{9b}2J\u{202e}\"\n}"), "{\n  \"a\": \"\\u009b2J\\u202e\"\n}");
        assert_eq!(count("\u{1b}a\u{202e}b\n"), 3);
    }

    #[test]
    fn escaped_json_means_the_same() {
        let v = serde_json::json!({"k\u{7f}": "\u{85}\u{2067}x\u{1b}", "n": ["\u{9b}"]});
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        let safe = json(&pretty);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), v);
        assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{safe:?}");
    }

    proptest! {
        /// Nothing unsafe survives, and only unsafe characters change.
        #[test]
        fn nothing_unsafe_survives(s in any::<String>()) {
            let out = text(&s);
            prop_assert!(!out.chars().any(is_unsafe));
            let kept: String = s.chars().filter(|&c| !is_unsafe(c)).collect();
            let mut rest = out.as_str();
            for c in kept.chars() {
                let at = rest.find(c);
                prop_assert!(at.is_some());
                rest = rest.get(at.unwrap_or(0) + c.len_utf8()..).unwrap_or("");
            }
            prop_assert_eq!(out.len(), s.len() + count(&s) * 6 - s.chars().filter(|&c| is_unsafe(c)).map(char::len_utf8).sum::<usize>());
        }
    }
}
