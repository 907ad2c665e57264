//! JSON laid out as the token wrote it: member order, number spelling and
//! string escapes are kept, only the whitespace between tokens is new. The
//! page shows a header or payload this way, so what the user reads is what
//! the token holds (jot's `Object` would order members by name).

/// The longest layout produced; past it, the text is cut with a note. jot's
/// parser bounds the input (256 KiB, depth 32), and this bounds the
/// indentation added to it.
pub(crate) const MAX_PRETTY: usize = 4 * 1024 * 1024;

/// The note that ends a layout cut at [`MAX_PRETTY`].
pub(crate) const CUT: &str = "\n… (cut: too long to show)";

const fn is_json_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Lays out `text` with two-space indentation, one member or element per
/// line. `text` must be JSON that jot's strict parser accepted (the layout
/// is not a validator).
pub(crate) fn pretty_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len().saturating_mul(2).min(MAX_PRETTY));
    let mut depth = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if out.len() > MAX_PRETTY {
            out.push_str(CUT);
            break;
        }
        match c {
            '"' => {
                out.push('"');
                // A string, escapes included, copied as written.
                while let Some(s) = chars.next() {
                    out.push(s);
                    match s {
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                out.push(escaped);
                            }
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '{' | '[' => {
                while chars.next_if(|&n| is_json_space(n)).is_some() {}
                let close = if c == '{' { '}' } else { ']' };
                out.push(c);
                if chars.next_if_eq(&close).is_some() {
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if is_json_space(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use proptest::prelude::*;
    use serde_json::Value;

    use super::pretty_text;

    #[test]
    fn keeps_order_numbers_and_escapes() {
        let text = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\", \"n\":1.50e3, \"s\":\"a\\\"b, {c} : \\u00e9\", \"e\":{}, \"l\":[ ]}";
        assert_eq!(
            pretty_text(text),
            "{\n  \"typ\": \"JWT\",\n  \"alg\": \"HS256\",\n  \"n\": 1.50e3,\n  \"s\": \"a\\\"b, {c} : \\u00e9\",\n  \"e\": {},\n  \"l\": []\n}"
        );
        assert_eq!(pretty_text("[1,[2,{\"a\":[]}]]"), "[\n  1,\n  [\n    2,\n    {\n      \"a\": []\n    }\n  ]\n]");
        assert_eq!(pretty_text("\"x\""), "\"x\"");
    }

    #[test]
    fn a_long_layout_is_cut() {
        // Depth 32 and many elements: the most indentation per input byte.
        let inner = vec!["0"; 120_000].join(",");
        let text = format!("{}{inner}{}", "[".repeat(32), "]".repeat(32));
        let out = pretty_text(&text);
        assert!(out.len() <= super::MAX_PRETTY + 100, "{}", out.len());
        assert!(out.ends_with(super::CUT));
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[a-z\"\\\\,:{}\\[\\]é\u{1F600}]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec(("[a-z]{1,4}", inner), 0..5)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// The layout parses back to the same value, and lists the members
        /// in the order of the text.
        #[test]
        fn same_value_same_order(v in json_value()) {
            let text = v.to_string();
            let out = pretty_text(&text);
            prop_assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), v);
            let squeezed: String = out.split('\n').map(str::trim_start).collect::<Vec<_>>().join("").replace("\": ", "\":");
            prop_assert_eq!(squeezed, text);
        }
    }
}
