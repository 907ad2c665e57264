//! The scanning reader of registered claims agrees with a reader over the
//! parsed tree (kept here as the test's independent oracle), and a view kept
//! as places in its document gives back the same claims.

use proptest::prelude::*;

use jot_core::json::{self, JsonLimits, Object, Value};

use super::*;
use crate::Error;

/// The registered claims of a parsed object, refusing any of the wrong type,
/// in the order the scanner checks them.
fn from_object(obj: &Object) -> Result<RegisteredClaims, Error> {
    let string = |c: Claim| -> Result<Option<String>, Error> {
        match obj.get(c.name()) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error::InvalidClaimType(c)),
        }
    };
    let date = |c: Claim| -> Result<Option<NumericDate>, Error> {
        match obj.get(c.name()) {
            None => Ok(None),
            Some(Value::Number(n)) => NumericDate::from_number(n).map(Some).ok_or(Error::InvalidClaimType(c)),
            Some(_) => Err(Error::InvalidClaimType(c)),
        }
    };
    let aud = match obj.get("aud") {
        None => None,
        Some(Value::String(s)) => Some(Audience::One(s.clone())),
        Some(Value::Array(items)) => Some(Audience::Many(
            items
                .iter()
                .map(|v| v.as_str().map(str::to_owned).ok_or(Error::InvalidClaimType(Claim::Aud)))
                .collect::<Result<_, _>>()?,
        )),
        Some(_) => return Err(Error::InvalidClaimType(Claim::Aud)),
    };
    Ok(RegisteredClaims {
        iss: string(Claim::Iss)?,
        sub: string(Claim::Sub)?,
        aud,
        exp: date(Claim::Exp)?,
        nbf: date(Claim::Nbf)?,
        iat: date(Claim::Iat)?,
        jti: string(Claim::Jti)?,
    })
}

fn both(doc: &str) -> (Result<RegisteredClaims, Error>, Result<RegisteredClaims, Error>) {
    let limits = JsonLimits::DEFAULT;
    let view = RegisteredView::scan(doc.as_bytes(), &limits);
    if let Ok(view) = view {
        let stored = StoredView::new(&view, doc.as_bytes());
        assert_eq!(stored.view(doc.as_bytes()).to_owned(), view.to_owned(), "kept: {doc}");
    }
    let scanned = view.map(RegisteredView::to_owned);
    let tree = json::parse_object(doc.as_bytes(), &limits).map_err(Error::from).and_then(|o| from_object(&o));
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
