use proptest::prelude::*;

use super::*;
use crate::json::parse_object;

fn limits() -> JsonLimits {
    JsonLimits::default()
}

fn scan(doc: &[u8], l: &JsonLimits) -> Result<Vec<(String, String)>, Error> {
    let mut out = Vec::new();
    scan_object(doc, l, |n, v| out.push((n.to_cow().into_owned(), v.text().to_owned())))?;
    Ok(out)
}

/// Both parsers give the same verdict, error kind for error kind.
fn agree(doc: &[u8], l: &JsonLimits) {
    let slow = parse_object(doc, l).map(drop);
    let fast = scan(doc, l).map(drop);
    assert_eq!(fast, slow, "{:?}", String::from_utf8_lossy(doc));
}

const DOCS: &[&str] = &[
    r#"{}"#,
    r#" { "a" : 1 } "#,
    r#"{"alg":"HS256","typ":"JWT","kid":"k\u0031","b64":false,"crit":["b64"]}"#,
    r#"{"a":1,"a":2}"#,
    r#"{"a":1,"b":{"c":1,"c":1}}"#,
    r#"{"a":[{"x":1},{"y":2,"y":3}]}"#,
    r#"{"a":1,"\u0061":2}"#,
    r#"{"\u0061":1,"a":2}"#,
    r#"{"\u00e9":1,"é":2}"#,
    r#"{"\ud83d\ude00":1,"😀":2}"#,
    r#"{"a":"\ud83d"}"#,
    r#"{"a":"\ude00"}"#,
    r#"{"a":"\ud83d\u0041"}"#,
    r#"{"a":"\ud83dx"}"#,
    r#"{"a":"\x"}"#,
    r#"{"a":"\u12"}"#,
    r#"{"a":"\u12G4"}"#,
    "{\"a\":\"tab\there\"}",
    "{\"a\":\"nul\u{0}\"}",
    r#"{"a":01}"#,
    r#"{"a":-}"#,
    r#"{"a":1.}"#,
    r#"{"a":.5}"#,
    r#"{"a":1e}"#,
    r#"{"a":1e+}"#,
    r#"{"a":-0.0e-0}"#,
    r#"{"a":1e999}"#,
    r#"{"a":-1e999}"#,
    r#"{"a":1e-999}"#,
    r#"{"a":0e99999999999999999999}"#,
    r#"{"a":1e-99999999999999999999}"#,
    r#"{"a":123456789012345678901234567890}"#,
    r#"{"a":18446744073709551616}"#,
    r#"{"a":-9223372036854775809}"#,
    r#"{"a":1,}"#,
    r#"{"a":1 "b":2}"#,
    r#"{"a" 1}"#,
    r#"{a:1}"#,
    r#"{'a':1}"#,
    r#"{"a":tru}"#,
    r#"{"a":nul}"#,
    r#"{"a":[1,]}"#,
    r#"{"a":[,1]}"#,
    r#"{"a":[1 2]}"#,
    r#"{"a":1} x"#,
    r#"{"a":1}}"#,
    "\u{feff}{}",
    "",
    "{",
    "[1]",
    "\"x\"",
    "1",
    "null",
    "[1,{\"a\":1,\"a\":2}]",
    "[1,2",
    "{\"a\":\"\u{7f}\"}",
    "{\"a\":1}\u{a0}",
    "{\"a\":1}\u{b}",
];

#[test]
fn agrees_with_parse_object_on_the_corpus() {
    for doc in DOCS {
        agree(doc.as_bytes(), &limits());
    }
    agree(b"{\"a\":\"\xff\"}", &limits());
    agree(b"{\"a\":\"\xc3\"}", &limits());
    agree(b"{\"a\xed\xa0\x80\":1}", &limits());
}

#[test]
fn utf8_is_checked_where_serde_json_checks_it() {
    // Found by fuzz/json: the depth bound is met before the bad byte.
    let l = JsonLimits { max_bytes: 1 << 20, max_depth: 1 };
    agree(b" {\"`\" : {\" \"\x8a", &l);
    assert_eq!(scan(b" {\"`\" : {\" \"\x8a", &l), Err(LimitKind::JsonDepth.into()));
    agree(b"{\"a\":1,\"a\":\"\xff\"}", &limits());
    agree(b"{\"a\":{\"b\":1,\"b\":2},\"c\xff\":1}", &limits());
}

#[test]
fn agrees_on_depth_at_every_bound() {
    for max_depth in [1, 2, 3, 31, 32, 126, 127, 128, 129, 500] {
        let l = JsonLimits { max_bytes: 1 << 20, max_depth };
        for n in [0, 1, 2, 3, 30, 31, 32, 125, 126, 127, 128, 300] {
            let doc = format!("{{\"a\":{}1{}}}", "[".repeat(n), "]".repeat(n));
            agree(doc.as_bytes(), &l);
            let doc = format!("{}{{}}{}", "{\"a\":".repeat(n), "}".repeat(n));
            agree(format!("{{\"x\":{doc}}}").as_bytes(), &l);
        }
    }
}

#[test]
fn size_bound() {
    let l = JsonLimits { max_bytes: 10, max_depth: 4 };
    agree(br#"{"a":"12345678"}"#, &l);
    assert_eq!(scan(br#"{"a":"12345678"}"#, &l), Err(LimitKind::HeaderSize.into()));
}

#[test]
fn many_members_spill_to_the_heap_and_still_find_duplicates() {
    for n in [INLINE_NAMES - 1, INLINE_NAMES, INLINE_NAMES + 1, 100] {
        let members: Vec<String> = (0..n).map(|i| format!("\"m{i}\":{i}")).collect();
        let doc = format!("{{{}}}", members.join(","));
        assert_eq!(scan(doc.as_bytes(), &limits()).unwrap().len(), n);
        for dup in ["\"m0\":1", "\"\\u006d0\":1"] {
            let doc = format!("{{{},{dup}}}", members.join(","));
            agree(doc.as_bytes(), &limits());
            assert_eq!(scan(doc.as_bytes(), &limits()), Err(JsonError::DuplicateMember.into()));
        }
    }
}

/// Names that share a length and their first seven bytes share a
/// fingerprint: only the full comparison tells them apart.
#[test]
fn names_with_the_same_fingerprint() {
    let l = limits();
    for doc in [
        r#"{"abcdefgh1":1,"abcdefgh2":2}"#,
        r#"{"abcdefg":1,"abcdefgX":2,"abcdefg\u0058":3}"#,
        r#"{"abcdefgh1":1,"abcdefgh2":2,"abcdefgh1":3}"#,
        r#"{"abcdefgh1":1,"abcdefgh\u0031":2}"#,
        r#"{"a":1,"\u0000":2,"":3}"#,
    ] {
        agree(doc.as_bytes(), &l);
    }
    assert_eq!(scan(br#"{"abcdefgh1":1,"abcdefgh2":2}"#, &l).unwrap().len(), 2);
    assert_eq!(scan(br#"{"abcdefgh1":1,"abcdefgh\u0031":2}"#, &l), Err(JsonError::DuplicateMember.into()));
}

/// The eight-bytes-at-a-time skip stops where the byte-by-byte rule does.
fn plain_run_by_bytes(bytes: &[u8]) -> usize {
    bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(bytes.len())
}

#[test]
fn plain_run_every_special_byte_at_every_offset() {
    for len in 0..20 {
        for at in 0..len {
            for special in (0u8..0x20).chain([b'"', b'\\']) {
                for fill in [b'a', 0x7f, 0x80, 0xff, 0x21, 0x5b, 0x5d] {
                    let mut bytes = vec![fill; len];
                    if let Some(b) = bytes.get_mut(at) {
                        *b = special;
                    }
                    assert_eq!(plain_run(&bytes), plain_run_by_bytes(&bytes), "{bytes:?}");
                }
            }
        }
    }
}

#[test]
fn members_in_order_with_their_text() {
    let got = scan(br#"{ "alg" : "ES256", "n":[1, {"x":null}] ,"b":true}"#, &limits()).unwrap();
    let want = [("alg", "\"ES256\""), ("n", "[1, {\"x\":null}]"), ("b", "true")];
    assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
}

#[test]
fn strings_resolve_escapes() {
    let mut seen = Vec::new();
    scan_object(br#"{"k":"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00z","p":"plain"}"#, &limits(), |_, v| {
        seen.push(v.as_json_str().unwrap())
    })
    .unwrap();
    assert_eq!(seen[0].as_borrowed(), None);
    assert_eq!(seen[0].to_cow(), "a\"\\/\u{8}\u{c}\n\r\té😀z");
    assert!(seen[0].eq_str("a\"\\/\u{8}\u{c}\n\r\té😀z"));
    assert!(!seen[0].eq_str("a"));
    assert_eq!(seen[1].as_borrowed(), Some("plain"));
    assert!(seen[1].eq_str("plain") && !seen[1].eq_str("plain!"));
}

#[test]
fn kinds_numbers_and_elements() {
    let mut vals = Vec::new();
    scan_object(
        br#"{"n":-1.5e2,"t":true,"f":false,"z":null,"o":{},"a":["x", 2, ["y"], "\u0041"]}"#,
        &limits(),
        |_, v| vals.push(v),
    )
    .unwrap();
    assert_eq!(vals[0].as_f64(), Some(-150.0));
    assert_eq!(vals[1].kind(), RawKind::Bool(true));
    assert_eq!(vals[2].kind(), RawKind::Bool(false));
    assert_eq!(vals[3].kind(), RawKind::Null);
    assert_eq!(vals[4].kind(), RawKind::Object);
    let elements: Vec<_> = vals[5].elements().map(|e| e.text()).collect();
    assert_eq!(elements, ["\"x\"", "2", "[\"y\"]", "\"\\u0041\""]);
    assert_eq!(vals[5].elements().nth(3).unwrap().as_json_str().unwrap().to_cow(), "A");
    assert_eq!(vals[4].elements().count(), 0);
    assert_eq!(vals[1].elements().count(), 0);
}

/// JSON-like text: fragments that combine into valid and invalid documents.
fn fragments() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just(" ".to_owned()),
        Just("\"a\"".to_owned()),
        Just("\"\\u0061\"".to_owned()),
        Just("\"\\ud83d\\ude00\"".to_owned()),
        Just("\"\\ud83d\"".to_owned()),
        Just("\"\\".to_owned()),
        Just("\"".to_owned()),
        Just("true".to_owned()),
        Just("null".to_owned()),
        Just("-0.5e+3".to_owned()),
        Just("1e400".to_owned()),
        Just("01".to_owned()),
        "[a-c]{1,2}".prop_map(|s| format!("\"{s}\"")),
        "[0-9.eE+-]{1,6}",
        "\\PC{0,3}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// Mostly-valid objects: a member list with nested values and repeats.
fn objects() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("1".to_owned()),
        Just("\"s\"".to_owned()),
        Just("null".to_owned()),
        Just("[]".to_owned()),
        Just("{}".to_owned()),
        "-?[0-9]{1,25}(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,3})?",
    ];
    let value = leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            proptest::collection::vec(("[ab]|\\\\u0061", inner), 0..4).prop_map(|v| {
                let m: Vec<String> = v.into_iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", m.join(","))
            }),
        ]
    });
    proptest::collection::vec(("[a-d]|\\\\u0062", value), 0..6).prop_map(|v| {
        let m: Vec<String> = v.into_iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!("{{{}}}", m.join(","))
    })
}

/// `as_f64` of a scanned number: the float parser's value, whichever path
/// it took.
fn number_agrees(n: &str) {
    let doc = format!(r#"{{"n":{n}}}"#);
    let mut found = None;
    scan_object(doc.as_bytes(), &limits(), |_, v| found = Some(v)).unwrap();
    let value = found.unwrap().as_f64().unwrap();
    assert_eq!(value.to_bits(), n.parse::<f64>().unwrap().to_bits(), "{n}");
}

#[test]
fn as_f64_around_the_integer_fast_path() {
    for n in ["0", "9", "10", "-0", "-1", "999999999999999", "1000000000000000", "9007199254740993", "1.0", "1e3"] {
        number_agrees(n);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn as_f64_is_the_float_parsers_value(int in any::<u64>(), digits in 1usize..21, frac in proptest::option::of(0u32..1000), neg: bool) {
        let int = int.to_string();
        let mut n = format!("{}{}", if neg { "-" } else { "" }, &int[..digits.min(int.len())]);
        if n.trim_start_matches('-').starts_with('0') && n.trim_start_matches('-').len() > 1 {
            n = n.replacen('0', "1", 1);
        }
        if let Some(frac) = frac {
            n = format!("{n}.{frac}");
        }
        number_agrees(&n);
    }

    #[test]
    fn agrees_with_parse_object_on_fragments(doc in fragments(), depth in 1usize..6) {
        agree(doc.as_bytes(), &JsonLimits { max_bytes: 1 << 16, max_depth: depth });
    }

    #[test]
    fn agrees_with_parse_object_on_objects(doc in objects(), depth in 1usize..7) {
        agree(doc.as_bytes(), &JsonLimits { max_bytes: 1 << 16, max_depth: depth });
    }

    #[test]
    fn agrees_with_parse_object_on_bytes(doc in proptest::collection::vec(any::<u8>(), 0..40), depth in 1usize..4) {
        agree(&doc, &limits());
        agree(&doc, &JsonLimits { max_bytes: 1 << 16, max_depth: depth });
    }

    #[test]
    fn plain_run_agrees_with_the_byte_rule(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
        prop_assert_eq!(plain_run(&bytes), plain_run_by_bytes(&bytes));
    }

    /// Fragments with a stray byte above 0x7f somewhere, and small depth
    /// bounds: which error comes first must match too.
    #[test]
    fn agrees_with_stray_non_utf8_bytes(doc in fragments(), at in any::<prop::sample::Index>(), b in 0x80u8.., depth in 1usize..4) {
        let mut doc = doc.into_bytes();
        let i = at.index(doc.len() + 1);
        doc.insert(i, b);
        agree(&doc, &JsonLimits { max_bytes: 1 << 16, max_depth: depth });
    }
}
