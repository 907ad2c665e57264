//! The scanning reader of registered claims agrees with the tree reader.

use proptest::prelude::*;

use jot_core::json::{self, JsonLimits};

use super::*;

fn both(doc: &str) -> (Result<RegisteredClaims, Error>, Result<RegisteredClaims, Error>) {
    let limits = JsonLimits::DEFAULT;
    let scanned = RegisteredView::scan(doc.as_bytes(), &limits).map(RegisteredView::to_owned);
    let tree = json::parse_object(doc.as_bytes(), &limits)
        .map_err(Error::from)
        .and_then(|o| RegisteredClaims::from_object(&o));
    (scanned, tree)
}

fn agree(doc: &str) {
    let (scanned, tree) = both(doc);
    assert_eq!(scanned, tree, "{doc}");
}

#[test]
fn agree_on_hand_picked_claims() {
    for doc in [
        r#"{}"#,
        r#"{"iss":"a","sub":"b","aud":"c","exp":1,"nbf":2.5,"iat":-3,"jti":"d"}"#,
        r#"{"aud":["x","y\u0021"],"exp":1e3}"#,
        r#"{"aud":[]}"#,
        r#"{"aud":["x",1]}"#,
        r#"{"aud":1,"iss":2}"#,
        r#"{"iss":2,"aud":1}"#,
        r#"{"exp":"1"}"#,
        r#"{"exp":null}"#,
        r#"{"exp":123456789012345678901234567890}"#,
        r#"{"exp":9007199254740993}"#,
        r#"{"exp":-9223372036854775808}"#,
        r#"{"exp":18446744073709551615}"#,
        r#"{"exp":18446744073709551616}"#,
        r#"{"exp":-9223372036854775809}"#,
        r#"{"exp":-0,"nbf":-0.0,"iat":0}"#,
        r#"{"exp":1.7e9,"nbf":1700000000.0,"iat":17e8}"#,
        r#"{"exp":1700000000.5,"nbf":9007199254740993.0}"#,
        r#"{"exp":1e400}"#,
        r#"{"\u0069ss":"a","iss":"b"}"#,
        r#"{"i\u0073s":"\ud83d\ude00"}"#,
        r#"{"sub":"a","x":{"sub":1,"sub":2}}"#,
        r#"["iss"]"#,
    ] {
        agree(doc);
    }
}

fn claim() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("iss"),
        Just("sub"),
        Just("aud"),
        Just("exp"),
        Just("nbf"),
        Just("iat"),
        Just("jti"),
        Just("\\u0065xp"),
        Just("name"),
    ];
    let value = prop_oneof![
        Just("\"s\"".to_owned()),
        Just("\"\\u00e9\"".to_owned()),
        Just("[\"a\",\"b\"]".to_owned()),
        Just("[\"a\",2]".to_owned()),
        Just("[]".to_owned()),
        Just("{}".to_owned()),
        Just("true".to_owned()),
        Just("null".to_owned()),
        "-?[0-9]{1,22}(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?",
    ];
    (name, value).prop_map(|(n, v)| format!("\"{n}\":{v}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn agree_on_generated_claims(claims in proptest::collection::vec(claim(), 0..7)) {
        agree(&format!("{{{}}}", claims.join(",")));
    }
}
