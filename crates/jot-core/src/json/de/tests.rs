//! The one-pass reader against the reference path (`scan_object`, then
//! `from_checked_slice`): where it answers, the value and the captured raw
//! members must be the reference's; where the reference refuses, it must
//! not answer. And it must answer for ordinary claims, or it is no fast path.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Debug;

use proptest::prelude::*;
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::*;
use crate::json::__private::{from_checked_slice, scan_object};

const CAPTURED: [&str; 4] = ["iss", "aud", "exp", "nbf"];

fn slot(name: JsonStr<'_>) -> Option<usize> {
    CAPTURED.iter().position(|c| name.eq_str(c))
}

/// A captured member as comparable data: its kind and text.
fn shown(found: &[Option<RawValue<'_>>]) -> Vec<Option<(String, Vec<u8>)>> {
    found.iter().map(|v| v.map(|v| (format!("{:?}", v.kind()), v.text().as_bytes().to_vec()))).collect()
}

/// Runs both paths under `limits`; panics if the reader answers where the
/// reference refuses or answers differently. Returns whether it answered.
fn agree_with<'a, T: Deserialize<'a> + PartialEq + Debug>(doc: &'a [u8], limits: &JsonLimits) -> bool {
    let mut found = [None; CAPTURED.len()];
    let fast = from_slice_capturing::<T>(doc, limits, &slot, &mut found);
    let mut want = [None; CAPTURED.len()];
    let reference = scan_object(doc, limits, |name, value| {
        if let Some(i) = slot(name) {
            want[i] = Some(value);
        }
    })
    .and_then(|()| from_checked_slice::<T>(doc));
    let text = String::from_utf8_lossy(doc);
    match (fast, reference) {
        (None, _) => false,
        (Some(fast), Ok(reference)) => {
            assert_eq!(fast, reference, "{text}");
            assert_eq!(shown(&found), shown(&want), "{text}");
            true
        }
        (Some(fast), Err(e)) => panic!("answered {fast:?} where the reference says {e:?}: {text}"),
    }
}

fn agree<'a, T: Deserialize<'a> + PartialEq + Debug>(doc: &'a [u8]) -> bool {
    agree_with::<T>(doc, &JsonLimits::default())
}

#[derive(Deserialize, Debug, PartialEq)]
struct Claims {
    sub: Option<String>,
    iss: Option<String>,
    aud: Option<Aud>,
    exp: Option<u64>,
    nbf: Option<i64>,
    iat: Option<f64>,
    name: Option<String>,
    admin: Option<bool>,
    roles: Option<Vec<String>>,
    role: Option<Role>,
    inner: Option<Inner>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(untagged)]
enum Aud {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
    User,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Inner {
    a: Option<u8>,
    b: Option<Vec<Option<i32>>>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Borrowing<'a> {
    #[serde(borrow)]
    sub: Option<Cow<'a, str>>,
    name: Option<&'a str>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Flattened {
    exp: Option<u64>,
    #[serde(flatten)]
    rest: HashMap<String, serde_json::Value>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Closed {
    exp: u64,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Required {
    sub: String,
    exp: u64,
}

/// Skips the whole document: the reader must not answer (it would not have
/// seen the members it captures).
impl PartialEq for Ignored {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Debug)]
struct Ignored;

impl<'de> Deserialize<'de> for Ignored {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        IgnoredAny::deserialize(d).map(|_| Ignored)
    }
}

fn all_types(doc: &[u8]) {
    agree::<serde_json::Value>(doc);
    agree::<Claims>(doc);
    agree::<Borrowing<'_>>(doc);
    agree::<Flattened>(doc);
    agree::<Closed>(doc);
    agree::<Required>(doc);
    agree::<HashMap<String, serde_json::Value>>(doc);
    assert!(!agree::<Ignored>(doc), "answered without reading the members");
}

const ORDINARY: &[&str] = &[
    r#"{"sub":"1234567890","iss":"https://issuer.example","aud":"api","exp":4102444800,"iat":1700000000,"nbf":1700000000,"name":"Jane Doe","admin":true}"#,
    r#"{"aud":["a","b"],"exp":1,"roles":["x","y"],"role":"admin","inner":{"a":1,"b":[1,null,-2]}}"#,
    r#" { "sub" : "caf\u00e9" , "name" : "a\"b" , "exp" : 0 } "#,
    r#"{"exp":18446744073709551615,"nbf":-9223372036854775808,"iat":17}"#,
    r#"{}"#,
];

#[test]
fn ordinary_claims_take_the_fast_path() {
    for doc in ORDINARY {
        all_types(doc.as_bytes());
        assert!(agree::<serde_json::Value>(doc.as_bytes()), "{doc}");
        assert!(agree::<Claims>(doc.as_bytes()), "{doc}");
    }
    assert!(agree::<Required>(ORDINARY[0].as_bytes()));
    // Borrowed strings without escapes; an escaped one only into a Cow.
    assert!(agree::<Borrowing<'_>>(ORDINARY[0].as_bytes()));
    assert!(agree::<Borrowing<'_>>(br#"{"sub":"caf\u00e9","name":"plain"}"#));
    assert!(!agree::<Borrowing<'_>>(br#"{"name":"a\"b"}"#));
}

/// Every rule of the strict parser, broken: no answer (and the reference
/// refuses too, checked by `agree`).
#[test]
fn malicious_forms_get_no_answer() {
    let cases: &[&[u8]] = &[
        br#"{"exp":1,"exp":2}"#,
        br#"{"exp":1,"\u0065xp":2}"#,
        br#"{"inner":{"a":1,"a":1}}"#,
        br#"{"x":[{"y":1,"y":2}]}"#,
        br#"{"exp":1} x"#,
        br#"{"exp":1}{}"#,
        br#"["exp",1]"#,
        br#""exp""#,
        br#"{"exp":01}"#,
        br#"{"exp":1e400}"#,
        br#"{"exp":-}"#,
        br#"{"sub":"\ud83d"}"#,
        br#"{"sub":"a
b"}"#,
        br#"{"sub":"\x"}"#,
        b"{\"sub\":\"\xff\"}",
        br#"{"exp":1,}"#,
        br#"{"roles":["a",]}"#,
        br#"{"exp" 1}"#,
        br#"{"exp":tru}"#,
        br#"{"exp":1"#,
        b"",
    ];
    for doc in cases {
        for answered in
            [agree::<serde_json::Value>(doc), agree::<Claims>(doc), agree::<HashMap<String, serde_json::Value>>(doc)]
        {
            assert!(!answered, "{}", String::from_utf8_lossy(doc));
        }
    }
}

#[test]
fn depth_and_size_bounds() {
    let deep = format!("{{\"x\":{}1{}}}", "[".repeat(10), "]".repeat(10));
    for depth in 1..14 {
        let limits = JsonLimits { max_bytes: 1 << 16, max_depth: depth };
        let answered = agree_with::<serde_json::Value>(deep.as_bytes(), &limits);
        // The object and ten arrays: eleven levels.
        assert_eq!(answered, depth >= 11, "depth {depth}");
    }
    // serde_json's own recursion limit holds whatever the bound says.
    let deeper = format!("{{\"x\":{}1{}}}", "[".repeat(200), "]".repeat(200));
    let unbounded = JsonLimits { max_bytes: 1 << 16, max_depth: usize::MAX };
    assert!(!agree_with::<serde_json::Value>(deeper.as_bytes(), &unbounded));
    let doc = br#"{"exp":1}"#;
    assert!(!agree_with::<Claims>(doc, &JsonLimits { max_bytes: doc.len() - 1, max_depth: 8 }));
    assert!(agree_with::<Claims>(doc, &JsonLimits { max_bytes: doc.len(), max_depth: 8 }));
}

/// Numbers serde_json reads as `f64`, and the 128-bit and `f32` readers,
/// are left to serde_json: no answer, never a different one.
#[test]
fn numbers_serde_json_reads_its_own_way() {
    for doc in [
        br#"{"n":-0}"#.as_slice(),
        br#"{"n":1.5}"#,
        br#"{"n":1e2}"#,
        br#"{"n":18446744073709551616}"#,
        br#"{"n":-9223372036854775809}"#,
    ] {
        assert!(!agree::<serde_json::Value>(doc));
    }
    #[derive(Deserialize, Debug, PartialEq)]
    struct Wide {
        a: i128,
        b: f32,
    }
    assert!(!agree::<Wide>(br#"{"a":1,"b":2}"#));
    assert!(agree::<serde_json::Value>(br#"{"n":-1,"m":0,"k":-9223372036854775808}"#));
}

/// JSON-ish claims: registered and other names (one escaped), values of
/// every kind, nested, sometimes repeated.
fn claims_docs() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        Just("-0".to_owned()),
        Just("1e2".to_owned()),
        Just("\"admin\"".to_owned()),
        Just("\"a\\u00e9\\n\"".to_owned()),
        Just("\"\\ud83d\\ude00\"".to_owned()),
        "-?[0-9]{1,21}",
        "-?[0-9]{1,3}\\.[0-9]{1,3}",
        "[a-z ]{0,6}".prop_map(|s| format!("\"{s}\"")),
    ];
    let value = leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            proptest::collection::vec(("[ab]|\\\\u0061", inner), 0..3).prop_map(|v| {
                let m: Vec<String> = v.into_iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", m.join(","))
            }),
        ]
    });
    let name = prop_oneof![
        Just("iss"),
        Just("sub"),
        Just("aud"),
        Just("exp"),
        Just("nbf"),
        Just("iat"),
        Just("name"),
        Just("admin"),
        Just("roles"),
        Just("role"),
        Just("inner"),
        Just("\\u0065xp"),
        Just("a"),
    ];
    proptest::collection::vec((name, value, " ?"), 0..7).prop_map(|v| {
        let m: Vec<String> = v.into_iter().map(|(k, v, ws)| format!("\"{k}\":{ws}{v}")).collect();
        format!("{{{}}}", m.join(","))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn agrees_with_the_reference_on_claims(doc in claims_docs(), depth in 1usize..6) {
        all_types(doc.as_bytes());
        agree_with::<serde_json::Value>(doc.as_bytes(), &JsonLimits { max_bytes: 1 << 16, max_depth: depth });
        agree_with::<Claims>(doc.as_bytes(), &JsonLimits { max_bytes: 1 << 16, max_depth: depth });
    }

    /// One byte changed anywhere: still never a different answer.
    #[test]
    fn agrees_with_the_reference_after_a_mutation(doc in claims_docs(), at in any::<prop::sample::Index>(), b in any::<u8>()) {
        let mut doc = doc.into_bytes();
        if !doc.is_empty() {
            let i = at.index(doc.len());
            doc[i] = b;
        }
        all_types(&doc);
    }

    #[test]
    fn agrees_with_the_reference_on_bytes(doc in proptest::collection::vec(any::<u8>(), 0..40)) {
        all_types(&doc);
    }
}
