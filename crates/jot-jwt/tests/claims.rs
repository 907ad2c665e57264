//! The claims set (RFC 7519 sections 2, 4 and 7.2): registered claims are
//! typed and a wrong type is an error, never "absent"; NumericDate is any
//! finite JSON number; duplicate member names are refused; the caller's own
//! claims come through serde, including `#[serde(flatten)]`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use jot_core::JsonError;
use jot_core::alg::JwsAlgorithm;
use jot_core::json::Value;
use jot_jws::JwsBuilder;
use jot_jwt::{Audience, Claim, Error, FixedClock, Jwk, JwtBuilder, NumericDate, Validation};
use serde::{Deserialize, Serialize};
use serde_json::json;

const NOW: i64 = 1_700_000_000;

struct Issuer {
    jwk: Jwk,
}

impl Issuer {
    fn new() -> Self {
        Self { jwk: Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap() }
    }

    /// Signs the claims exactly as written (duplicates and odd numbers
    /// included).
    fn sign_raw(&self, claims: &str) -> String {
        let signer = self.jwk.signing_key(JwsAlgorithm::HS256).unwrap();
        JwsBuilder::new(&signer).typ("JWT").compact(claims.as_bytes()).unwrap()
    }

    fn sign(&self, claims: &serde_json::Value) -> String {
        self.sign_raw(&claims.to_string())
    }

    fn validation(&self) -> Validation {
        Validation::from_key(self.jwk.verifying_key(JwsAlgorithm::HS256).unwrap()).clock(FixedClock(NOW))
    }
}

fn check(v: &Validation, token: &str) -> Result<(), Error> {
    v.verify_claims(token).map(drop)
}

#[test]
fn wrong_types_are_errors_even_when_no_rule_reads_the_claim() {
    let iss = Issuer::new();
    // No issuer, audience, subject or time rule beyond the default exp: the
    // type is checked anyway.
    let v = iss.validation().without_exp();
    let cases = [
        (Claim::Iss, json!(1)),
        (Claim::Iss, json!(null)),
        (Claim::Iss, json!(["https://id.example"])),
        (Claim::Sub, json!(42)),
        (Claim::Sub, json!({ "id": "alice" })),
        (Claim::Jti, json!(true)),
        (Claim::Aud, json!([1])),
        (Claim::Aud, json!(null)),
        (Claim::Aud, json!(["api", null])),
        (Claim::Aud, json!([["api"]])),
        (Claim::Aud, json!(1)),
        (Claim::Exp, json!("1700000060")),
        (Claim::Exp, json!(null)),
        (Claim::Exp, json!(true)),
        (Claim::Exp, json!([NOW + 60])),
        (Claim::Nbf, json!("1700000000")),
        (Claim::Nbf, json!({})),
        (Claim::Iat, json!("1700000000")),
        (Claim::Iat, json!(false)),
    ];
    for (claim, value) in cases {
        let mut claims = json!({ "exp": NOW + 60 });
        claims[claim.name()] = value.clone();
        let token = iss.sign(&claims);
        assert_eq!(check(&v, &token), Err(Error::InvalidClaimType(claim)), "{claim} = {value}");
        // The same with the default validation (exp required).
        assert_eq!(check(&iss.validation(), &token), Err(Error::InvalidClaimType(claim)), "{claim} = {value}");
    }
}

#[test]
fn a_string_exp_is_not_an_absent_exp() {
    // With the opt-out, a missing exp passes; an exp of the wrong type must
    // not slip through the same door.
    let iss = Issuer::new();
    let v = iss.validation().without_exp();
    assert_eq!(check(&v, &iss.sign(&json!({}))), Ok(()));
    assert_eq!(check(&v, &iss.sign(&json!({ "exp": "0" }))), Err(Error::InvalidClaimType(Claim::Exp)));
    assert_eq!(check(&v, &iss.sign(&json!({ "nbf": "99999999999" }))), Err(Error::InvalidClaimType(Claim::Nbf)));
}

#[test]
fn numeric_dates_are_any_finite_number() {
    let iss = Issuer::new();
    let strict = iss.validation().leeway(0);

    // 1e300 is a valid NumericDate, far in the future.
    let far = iss.sign_raw(r#"{"exp":1e300}"#);
    let jwt = strict.verify_claims(&far).unwrap();
    assert_eq!(jwt.registered().exp.map(NumericDate::as_f64), Some(1e300));

    // Fractional seconds are honoured, not truncated.
    let frac = iss.sign_raw(r#"{"exp":1.5,"nbf":0.5,"iat":0.25}"#);
    let at_one = strict.clone().clock(FixedClock(1));
    let jwt = at_one.verify_claims(&frac).unwrap();
    assert_eq!(jwt.registered().exp.map(NumericDate::as_f64), Some(1.5));
    assert_eq!(jwt.registered().nbf.map(NumericDate::as_f64), Some(0.5));
    assert_eq!(jwt.registered().iat.map(NumericDate::as_f64), Some(0.25));
    assert_eq!(check(&strict.clone().clock(FixedClock(2)), &frac), Err(Error::Expired));
    assert_eq!(check(&strict.clone().clock(FixedClock(0)), &frac), Err(Error::NotYetValid));

    // Integer and float spellings of the same instant agree.
    for raw in
        [format!(r#"{{"exp":{}}}"#, NOW + 1), format!(r#"{{"exp":{}.0}}"#, NOW + 1), r#"{"exp":1.700000001e9}"#.into()]
    {
        let jwt = strict.verify_claims(&iss.sign_raw(&raw)).unwrap();
        assert_eq!(jwt.registered().exp, Some(NumericDate::from_secs(NOW + 1)), "{raw}");
    }

    // Past, negative and the largest integers are numbers too.
    assert_eq!(check(&strict, &iss.sign_raw(r#"{"exp":-1}"#)), Err(Error::Expired));
    assert_eq!(check(&strict, &iss.sign_raw(r#"{"exp":0}"#)), Err(Error::Expired));
    assert_eq!(check(&strict, &iss.sign_raw(r#"{"exp":18446744073709551615}"#)), Ok(()));
    assert_eq!(check(&strict, &iss.sign_raw(r#"{"exp":1e300,"nbf":-1e300}"#)), Ok(()));

    // A number beyond f64 is not a finite NumericDate: refused (the JSON
    // parser rejects it), never read as absent.
    let huge = iss.sign_raw(r#"{"exp":1e400}"#);
    assert_eq!(check(&iss.validation().without_exp(), &huge), Err(Error::Claims(JsonError::Syntax)));
}

#[test]
fn duplicate_member_names_are_refused() {
    let iss = Issuer::new();
    let v = iss.validation().without_exp();
    let dup = Err(Error::Claims(JsonError::DuplicateMember));
    let e = NOW + 60;
    for raw in [
        format!(r#"{{"exp":{e},"exp":{e}}}"#),
        format!(r#"{{"exp":{e},"exp":1}}"#),
        format!(r#"{{"sub":"alice","exp":{e},"sub":"admin"}}"#),
        format!(r#"{{"exp":{e},"aud":"a","aud":["b"]}}"#),
        // Escaped and unescaped spellings of one name are the same name.
        format!(r#"{{"exp":{e},"\u0065xp":1}}"#),
        format!(r#"{{"iss":"a","\u0069ss":"b","exp":{e}}}"#),
        // Inside a custom claim, too.
        format!(r#"{{"exp":{e},"cnf":{{"jkt":"a","jkt":"b"}}}}"#),
        format!(r#"{{"exp":{e},"role":"user","role":"admin"}}"#),
    ] {
        assert_eq!(check(&v, &iss.sign_raw(&raw)), dup, "{raw}");
    }
}

#[test]
fn claims_must_be_a_json_object() {
    let iss = Issuer::new();
    let v = iss.validation().without_exp();
    assert_eq!(check(&v, &iss.sign_raw("[]")), Err(Error::Claims(JsonError::NotAnObject)));
    assert_eq!(check(&v, &iss.sign_raw(r#""exp""#)), Err(Error::Claims(JsonError::NotAnObject)));
    assert_eq!(check(&v, &iss.sign_raw("null")), Err(Error::Claims(JsonError::NotAnObject)));
    assert_eq!(check(&v, &iss.sign_raw("")), Err(Error::Claims(JsonError::Syntax)));
    assert_eq!(check(&v, &iss.sign_raw(r#"{"exp":1"#)), Err(Error::Claims(JsonError::Syntax)));
    assert_eq!(check(&v, &iss.sign_raw(r#"{"sub":"a"} {"sub":"b"}"#)), Err(Error::Claims(JsonError::Syntax)));
    assert_eq!(check(&v, &iss.sign_raw(r#"{"sub":"a",}"#)), Err(Error::Claims(JsonError::Syntax)));
}

/// An access token's claims in the caller's own type.
#[derive(Debug, Deserialize, PartialEq)]
struct AccessClaims {
    sub: String,
    scope: String,
    exp: i64,
}

/// Registered claims the caller cares about, with the rest of the claims
/// flattened into a second struct.
#[derive(Debug, Deserialize, Serialize, PartialEq)]
struct WithCustom {
    iss: String,
    exp: f64,
    #[serde(flatten)]
    custom: Custom,
}

#[derive(Debug, Deserialize, Serialize, PartialEq)]
struct Custom {
    role: String,
    #[serde(rename = "http://example.com/is_root")]
    is_root: bool,
    #[serde(default)]
    groups: Vec<String>,
}

/// Everything not named flattened into a map.
#[derive(Debug, Deserialize)]
struct Rest {
    sub: String,
    #[serde(flatten)]
    rest: BTreeMap<String, serde_json::Value>,
}

#[test]
fn callers_types_through_serde() {
    let iss = Issuer::new();
    let v = iss.validation();
    let token = iss.sign(&json!({
        "iss": "https://id.example",
        "sub": "alice",
        "exp": NOW + 60,
        "scope": "orders:read",
        "role": "clerk",
        "http://example.com/is_root": false,
        "groups": ["a", "b"],
    }));

    let jwt = v.verify::<AccessClaims>(&token).unwrap();
    assert_eq!(jwt.claims(), &AccessClaims { sub: "alice".into(), scope: "orders:read".into(), exp: NOW + 60 });
    assert_eq!(jwt.registered().iss.as_deref(), Some("https://id.example"));

    let jwt = v.verify::<WithCustom>(&token).unwrap();
    let claims = jwt.into_claims();
    assert_eq!(claims.iss, "https://id.example");
    #[allow(clippy::cast_precision_loss)]
    let exp = (NOW + 60) as f64;
    assert_eq!(claims.exp, exp);
    assert_eq!(claims.custom, Custom { role: "clerk".into(), is_root: false, groups: vec!["a".into(), "b".into()] });

    let jwt = v.verify::<Rest>(&token).unwrap();
    assert_eq!(jwt.claims().sub, "alice");
    assert_eq!(jwt.claims().rest["exp"], json!(NOW + 60));
    assert_eq!(jwt.claims().rest["groups"], json!(["a", "b"]));
    assert!(!jwt.claims().rest.contains_key("sub"));

    // The untyped view keeps every claim.
    let jwt = v.verify_claims(&token).unwrap();
    assert_eq!(jwt.claims().get("role"), Some(&Value::from("clerk")));
    assert_eq!(jwt.claims().get("http://example.com/is_root"), Some(&Value::from(false)));
}

#[test]
fn callers_type_mismatch_is_custom_claims() {
    let iss = Issuer::new();
    let v = iss.validation();
    // A field the type requires is missing.
    let no_scope = iss.sign(&json!({ "sub": "alice", "exp": NOW + 60 }));
    // It names no member: there is none to name.
    assert_eq!(v.verify::<AccessClaims>(&no_scope).unwrap_err(), Error::CustomClaims(None));
    // A field of the wrong type is named.
    let bad_scope = iss.sign(&json!({ "sub": "alice", "exp": NOW + 60, "scope": ["a"] }));
    assert_eq!(v.verify::<AccessClaims>(&bad_scope).unwrap_err(), Error::CustomClaims(Some("scope".into())));
    // A custom field of the wrong type, read through `#[serde(flatten)]`:
    // serde reads the flattened members whole, so no member is named.
    let bad_role = iss.sign(&json!({ "iss": "i", "exp": NOW + 60, "role": 7, "http://example.com/is_root": false }));
    assert_eq!(v.verify::<WithCustom>(&bad_role).unwrap_err(), Error::CustomClaims(None));
    // The registered-claim rules still run first, and win.
    let expired = iss.sign(&json!({ "sub": "alice", "exp": NOW - 3600 }));
    assert_eq!(v.verify::<AccessClaims>(&expired).unwrap_err(), Error::Expired);
    let wrong_sub = iss.sign(&json!({ "sub": 1, "exp": NOW + 60, "scope": "x" }));
    assert_eq!(v.verify::<AccessClaims>(&wrong_sub).unwrap_err(), Error::InvalidClaimType(Claim::Sub));
}

/// Dates in the caller's own type: `i64` through the serde helper, or
/// `NumericDate`.
#[derive(Debug, Deserialize, PartialEq)]
struct Dated {
    sub: String,
    #[serde(with = "jot_jwt::numeric_date")]
    iat: i64,
    #[serde(default, with = "jot_jwt::numeric_date::option")]
    nbf: Option<i64>,
    exp: NumericDate,
}

/// The same with a plain `i64`, which takes integers only.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct PlainIat {
    sub: String,
    iat: i64,
}

#[test]
fn float_dates_read_into_i64_through_the_helper() {
    // Issue 14: josekit writes `"iat":1.7e9`; others `1700000000.0`.
    let iss = Issuer::new();
    let v = iss.validation();
    let exp = NOW + 60;
    for iat in ["1700000000", "1.7e9", "1700000000.0", "17e8", "1700000000.000"] {
        let token = iss.sign_raw(&format!(r#"{{"sub":"alice","iat":{iat},"nbf":{iat},"exp":{exp}.0}}"#));
        let jwt = v.verify::<Dated>(&token).unwrap_or_else(|e| panic!("{iat}: {e}"));
        assert_eq!(
            jwt.claims(),
            &Dated { sub: "alice".into(), iat: NOW, nbf: Some(NOW), exp: NumericDate::from_secs(exp) },
            "{iat}"
        );
        assert_eq!(jwt.claims().exp.as_secs(), Some(exp));
    }
    // An absent nbf is None (a null one is refused by the registered-claim
    // rules before the caller's type is read).
    let token = iss.sign_raw(&format!(r#"{{"sub":"alice","iat":1.7e9,"exp":{exp}}}"#));
    assert_eq!(v.verify::<Dated>(&token).unwrap().claims().nbf, None);

    // A fraction of a second, or a number beyond i64, is refused (not
    // rounded), and the error names the member.
    for iat in ["1.5", "1700000000.5", "1e19", "-1e19", "9223372036854775808"] {
        let token = iss.sign_raw(&format!(r#"{{"sub":"alice","iat":{iat},"exp":{exp}}}"#));
        assert_eq!(v.verify::<Dated>(&token).unwrap_err(), Error::CustomClaims(Some("iat".into())), "{iat}");
    }
    let token = iss.sign_raw(&format!(r#"{{"sub":"alice","iat":1.7e9,"nbf":0.5,"exp":{exp}}}"#));
    assert_eq!(v.verify::<Dated>(&token).unwrap_err(), Error::CustomClaims(Some("nbf".into())));

    // The helper outside jot: plain serde_json.
    let read = |text: &str| serde_json::from_str::<Dated>(text);
    let dated = read(r#"{"sub":"a","iat":1.7e9,"exp":1.5}"#).unwrap();
    assert_eq!((dated.iat, dated.nbf, dated.exp.as_f64()), (NOW, None, 1.5));
    assert_eq!(read(r#"{"sub":"a","iat":1700000000.0,"exp":0}"#).unwrap().iat, NOW);
    assert_eq!(read(r#"{"sub":"a","iat":0,"nbf":null,"exp":0}"#).unwrap().nbf, None);
    assert_eq!(read(r#"{"sub":"a","iat":0,"nbf":1.7e9,"exp":0}"#).unwrap().nbf, Some(NOW));
    let refused = read(r#"{"sub":"a","iat":1.5,"exp":0}"#).unwrap_err().to_string();
    assert!(refused.contains("whole seconds"), "{refused}");
    assert!(!refused.contains("1.5"), "the value is not echoed: {refused}");
}

#[test]
fn a_float_date_in_a_plain_i64_names_the_member() {
    let iss = Issuer::new();
    let v = iss.validation();
    let token = iss.sign_raw(&format!(r#"{{"sub":"alice","iat":1.7e9,"exp":{}}}"#, NOW + 60));
    let e = v.verify::<PlainIat>(&token).unwrap_err();
    assert_eq!(e, Error::CustomClaims(Some("iat".into())));
    let message = e.to_string();
    assert!(message.contains("\"iat\""), "{message}");
    assert!(!message.contains("1.7") && !message.contains("17000"), "the value is not echoed: {message}");
    // The registered claims were still read (and checked) as NumericDates.
    assert_eq!(v.verify_claims(&token).unwrap().registered().iat, Some(NumericDate::from_secs(NOW)));
    // An integer fits.
    let token = iss.sign_raw(&format!(r#"{{"sub":"alice","iat":{NOW},"exp":{}}}"#, NOW + 60));
    assert_eq!(v.verify::<PlainIat>(&token).unwrap().claims().iat, NOW);

    // A long member name is cut to 64 characters; control characters are
    // escaped in the message.
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Scores(BTreeMap<String, i64>);
    let long = "x".repeat(100);
    let token = iss.sign_raw(&format!(r#"{{"exp":{},"a\n":"x"}}"#, NOW + 60));
    let e = v.verify::<Scores>(&token).unwrap_err();
    assert_eq!(e, Error::CustomClaims(Some("a\n".into())));
    assert!(e.to_string().contains(r#""a\n""#), "{e}");
    let token = iss.sign_raw(&format!(r#"{{"exp":{},"{long}":"x"}}"#, NOW + 60));
    assert_eq!(v.verify::<Scores>(&token).unwrap_err(), Error::CustomClaims(Some("x".repeat(64).into())));
}

#[test]
fn builder_merges_a_serializable_struct() {
    let key = Jwk::generate_for_jws(JwsAlgorithm::EdDSA).unwrap();
    let custom = WithCustom {
        iss: "https://id.example".into(),
        exp: 1_700_000_060.0,
        custom: Custom { role: "admin".into(), is_root: true, groups: vec!["ops".into()] },
    };
    let token = JwtBuilder::with_clock(&FixedClock(NOW))
        .subject("alice")
        .audience("api")
        .claims(&custom)
        .unwrap()
        .sign(&key.signing_key(JwsAlgorithm::EdDSA).unwrap())
        .unwrap();
    let v = Validation::from_key(key.to_public().unwrap().verifying_key(JwsAlgorithm::EdDSA).unwrap())
        .clock(FixedClock(NOW))
        .issuer("https://id.example")
        .audience("api");
    let jwt = v.verify::<WithCustom>(&token).unwrap();
    assert_eq!(jwt.claims(), &custom);
    assert_eq!(jwt.registered().sub.as_deref(), Some("alice"));
    assert_eq!(jwt.registered().aud, Some(Audience::One("api".into())));
    assert_eq!(jwt.registered().exp, Some(NumericDate::from_secs(NOW + 60)));
    assert_eq!(jwt.registered().iat, Some(NumericDate::from_secs(NOW)));

    // A value that is not an object cannot be merged.
    assert!(matches!(JwtBuilder::new().claims(&vec![1, 2]), Err(Error::ApiMisuse(_))));

    // without_iat leaves iat out; max_age then finds none.
    let token = JwtBuilder::with_clock(&FixedClock(NOW))
        .expires_at(NOW + 60)
        .without_iat()
        .sign(&key.signing_key(JwsAlgorithm::EdDSA).unwrap())
        .unwrap();
    let v = Validation::from_key(key.verifying_key(JwsAlgorithm::EdDSA).unwrap()).clock(FixedClock(NOW));
    assert_eq!(v.verify_claims(&token).unwrap().registered().iat, None);
    assert_eq!(
        v.max_age(std::time::Duration::from_secs(60)).verify_claims(&token).unwrap_err(),
        Error::MissingClaim(Claim::Iat)
    );
}

#[test]
fn registered_claims_read_back() {
    let iss = Issuer::new();
    let token = iss.sign(&json!({
        "iss": "https://id.example",
        "sub": "alice",
        "aud": ["a", "b"],
        "exp": NOW + 60,
        "nbf": NOW - 10,
        "iat": NOW - 10,
        "jti": "0b7d",
    }));
    let jwt = iss.validation().audience("b").verify_claims(&token).unwrap();
    let reg = jwt.registered();
    assert_eq!(reg.iss.as_deref(), Some("https://id.example"));
    assert_eq!(reg.sub.as_deref(), Some("alice"));
    assert_eq!(reg.aud.as_ref().map(|a| a.values().collect::<Vec<_>>()), Some(vec!["a", "b"]));
    assert_eq!(reg.exp, Some(NumericDate::from_secs(NOW + 60)));
    assert_eq!(reg.nbf, Some(NumericDate::from_secs(NOW - 10)));
    assert_eq!(reg.iat, Some(NumericDate::from_secs(NOW - 10)));
    assert_eq!(reg.jti.as_deref(), Some("0b7d"));
    for c in [Claim::Iss, Claim::Sub, Claim::Aud, Claim::Exp, Claim::Nbf, Claim::Iat, Claim::Jti] {
        assert!(reg.has(c), "{c}");
    }
}

/// The claims document of a token, as a JSON value (the payload is not
/// checked here: these tokens come from the builder under test).
fn payload_of(token: &str) -> serde_json::Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&jot_core::base64url::decode(payload).unwrap()).unwrap()
}

#[test]
fn builder_claims_are_named_once() {
    #[derive(Serialize)]
    struct Role {
        role: &'static str,
        iat: Option<i64>,
    }
    let key = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    let signer = key.signing_key(JwsAlgorithm::HS256).unwrap();
    let builder = || JwtBuilder::with_clock(&FixedClock(NOW)).subject("alice");
    let twice = Err(Error::ApiMisuse("a claim is set both by a builder method and by claims()"));
    let repeated =
        Err(Error::ApiMisuse("claims must serialize to an object within the default JSON limits, each member once"));

    // Builder claims, the value's members and the automatic iat, each once.
    let token = builder().claims(&json!({ "role": "admin", "n": [1] })).unwrap().sign(&signer).unwrap();
    assert_eq!(payload_of(&token), json!({ "sub": "alice", "role": "admin", "n": [1], "iat": NOW }));

    // Two values merge; an empty one adds nothing.
    let token = builder().claims(&json!({ "a": 1 })).unwrap().claims(&json!({})).unwrap().claims(&json!({ "b": 2 }));
    assert_eq!(
        payload_of(&token.unwrap().sign(&signer).unwrap()),
        json!({ "sub": "alice", "a": 1, "b": 2, "iat": NOW })
    );

    // The value's iat replaces the automatic one; a null one is still named.
    let with_iat = builder().claims(&Role { role: "x", iat: Some(5) }).unwrap().sign(&signer).unwrap();
    assert_eq!(payload_of(&with_iat)["iat"], json!(5));
    let null_iat = builder().claims(&Role { role: "x", iat: None }).unwrap().sign(&signer).unwrap();
    assert_eq!(payload_of(&null_iat)["iat"], json!(null));

    // A name set by a method and by a value, before or after: refused.
    assert_eq!(builder().claims(&json!({ "sub": "bob" })).unwrap().sign(&signer), twice);
    assert_eq!(JwtBuilder::new().claims(&json!({ "sub": "bob" })).unwrap().subject("alice").sign(&signer), twice);
    assert_eq!(builder().issued_at(1).claims(&Role { role: "x", iat: Some(5) }).unwrap().sign(&signer), twice);
    // Two values naming the same member, or one repeating its own: refused.
    let two = builder().claims(&json!({ "a": 1 })).unwrap().claims(&json!({ "a": 2 })).unwrap();
    assert_eq!(two.sign(&signer), repeated);
    let own_repeat = builder().claims(&vec![("a", 1), ("a", 2)].into_iter().collect::<Pairs>()).unwrap();
    assert_eq!(own_repeat.sign(&signer), repeated);
    // Not an object.
    assert!(matches!(builder().claims(&"text"), Err(Error::ApiMisuse("claims must serialize to an object"))));
}

/// A map that serializes its pairs as they are, repeats included.
struct Pairs(Vec<(&'static str, i32)>);

impl FromIterator<(&'static str, i32)> for Pairs {
    fn from_iter<I: IntoIterator<Item = (&'static str, i32)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl Serialize for Pairs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}
