//! The claim rules of `Validation` (RFC 7519 section 4.1, RFC 8725), each at
//! its boundary and each asserting the exact error: `exp`, `nbf`, `iat` and
//! `max_age` with and without leeway; issuer, audience and subject; required
//! claims; explicit typing; the caller's hook; sharing between threads.
//!
//! Every time-dependent test runs on a `FixedClock`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use jot_core::alg::JwsAlgorithm;
use jot_jws::JwsBuilder;
use jot_jwt::{Audience, Claim, Error, FixedClock, Jwk, JwtBuilder, Validation};
use serde_json::json;

/// The validating service's "now".
const NOW: i64 = 1_700_000_000;

/// Signs claims given as raw JSON text with one HS256 key, so a test can
/// send any claims set (wrong types, duplicates) through a real signature.
struct Issuer {
    jwk: Jwk,
}

impl Issuer {
    fn new() -> Self {
        Self { jwk: Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap() }
    }

    fn sign_with_typ(&self, claims: &str, typ: Option<&str>) -> String {
        let signer = self.jwk.signing_key(JwsAlgorithm::HS256).unwrap();
        let mut jws = JwsBuilder::new(&signer);
        if let Some(t) = typ {
            jws = jws.typ(t);
        }
        jws.compact(claims.as_bytes()).unwrap()
    }

    fn sign(&self, claims: &serde_json::Value) -> String {
        self.sign_with_typ(&claims.to_string(), Some("JWT"))
    }

    /// A validation for this issuer's key on the fixed clock.
    fn validation(&self) -> Validation {
        Validation::from_key(self.jwk.verifying_key(JwsAlgorithm::HS256).unwrap()).clock(FixedClock(NOW))
    }
}

fn check(v: &Validation, token: &str) -> Result<(), Error> {
    v.verify_claims(token).map(drop)
}

#[test]
fn exp_boundaries() {
    let iss = Issuer::new();
    let v = iss.validation();
    let strict = iss.validation().leeway(0);

    // RFC 7519 4.1.4: the current time MUST be before exp.
    let at_now = iss.sign(&json!({ "exp": NOW }));
    assert_eq!(check(&strict, &at_now), Err(Error::Expired));
    assert_eq!(check(&v, &at_now), Ok(()), "the default 60 s leeway covers exp == now");

    let one_second_left = iss.sign(&json!({ "exp": NOW + 1 }));
    assert_eq!(check(&strict, &one_second_left), Ok(()));

    let one_second_ago = iss.sign(&json!({ "exp": NOW - 1 }));
    assert_eq!(check(&strict, &one_second_ago), Err(Error::Expired));

    // With the default leeway: exp == now - 60 is expired, now - 59 is not.
    assert_eq!(check(&v, &iss.sign(&json!({ "exp": NOW - 60 }))), Err(Error::Expired));
    assert_eq!(check(&v, &iss.sign(&json!({ "exp": NOW - 59 }))), Ok(()));

    // A configured leeway moves the boundary.
    let lenient = iss.validation().leeway(300);
    assert_eq!(check(&lenient, &iss.sign(&json!({ "exp": NOW - 300 }))), Err(Error::Expired));
    assert_eq!(check(&lenient, &iss.sign(&json!({ "exp": NOW - 299 }))), Ok(()));
}

#[test]
fn nbf_boundaries() {
    let iss = Issuer::new();
    let exp = NOW + 3600;

    let ahead = iss.sign(&json!({ "exp": exp, "nbf": NOW + 1 }));
    assert_eq!(check(&iss.validation().leeway(0), &ahead), Err(Error::NotYetValid));
    assert_eq!(check(&iss.validation(), &ahead), Ok(()), "the default leeway covers one second of skew");

    let at_now = iss.sign(&json!({ "exp": exp, "nbf": NOW }));
    assert_eq!(check(&iss.validation().leeway(0), &at_now), Ok(()), "nbf == now is valid (on or after)");

    // With the default leeway: nbf == now + 60 passes, now + 61 does not.
    assert_eq!(check(&iss.validation(), &iss.sign(&json!({ "exp": exp, "nbf": NOW + 60 }))), Ok(()));
    assert_eq!(check(&iss.validation(), &iss.sign(&json!({ "exp": exp, "nbf": NOW + 61 }))), Err(Error::NotYetValid));
}

#[test]
fn exp_is_required_unless_opted_out() {
    let iss = Issuer::new();
    let no_exp = iss.sign(&json!({ "sub": "alice" }));
    assert_eq!(check(&iss.validation(), &no_exp), Err(Error::MissingClaim(Claim::Exp)));
    assert_eq!(check(&iss.validation().without_exp(), &no_exp), Ok(()));

    // Opting out of the requirement does not switch off the check.
    let expired = iss.sign(&json!({ "exp": NOW - 3600 }));
    assert_eq!(check(&iss.validation().without_exp(), &expired), Err(Error::Expired));

    // Requiring exp by name overrides the opt-out.
    assert_eq!(
        check(&iss.validation().without_exp().require(Claim::Exp), &no_exp),
        Err(Error::MissingClaim(Claim::Exp))
    );

    // An empty claims set is a valid JSON object: only the exp rule fails.
    let empty = iss.sign(&json!({}));
    assert_eq!(check(&iss.validation(), &empty), Err(Error::MissingClaim(Claim::Exp)));
    assert_eq!(check(&iss.validation().without_exp(), &empty), Ok(()));
}

#[test]
fn future_iat_boundaries() {
    let iss = Issuer::new();
    let exp = NOW + 3600;
    let token = |iat: i64| iss.sign(&json!({ "exp": exp, "iat": iat }));

    // Not asked: a future iat is not a reason to refuse.
    assert_eq!(check(&iss.validation(), &token(NOW + 3000)), Ok(()));

    let v = iss.validation().reject_future_iat();
    assert_eq!(check(&v, &token(NOW + 60)), Ok(()));
    assert_eq!(check(&v, &token(NOW + 61)), Err(Error::IssuedInFuture));

    let strict = iss.validation().reject_future_iat().leeway(0);
    assert_eq!(check(&strict, &token(NOW)), Ok(()));
    assert_eq!(check(&strict, &token(NOW + 1)), Err(Error::IssuedInFuture));

    // The rule is about a present iat; it does not require one.
    assert_eq!(check(&strict, &iss.sign(&json!({ "exp": exp }))), Ok(()));
}

#[test]
fn max_age_boundaries() {
    let iss = Issuer::new();
    let exp = NOW + 3600;
    let token = |iat: i64| iss.sign(&json!({ "exp": exp, "iat": iat }));

    let strict = iss.validation().leeway(0).max_age(Duration::from_secs(600));
    assert_eq!(check(&strict, &token(NOW - 600)), Ok(()));
    assert_eq!(check(&strict, &token(NOW - 601)), Err(Error::TooOld));
    assert_eq!(check(&strict, &token(NOW)), Ok(()));

    // The leeway widens the window: 600 + 60 seconds.
    let v = iss.validation().max_age(Duration::from_secs(600));
    assert_eq!(check(&v, &token(NOW - 660)), Ok(()));
    assert_eq!(check(&v, &token(NOW - 661)), Err(Error::TooOld));

    // max_age needs iat to measure against.
    assert_eq!(check(&v, &iss.sign(&json!({ "exp": exp }))), Err(Error::MissingClaim(Claim::Iat)));
    assert_eq!(
        check(&v, &iss.sign(&json!({ "exp": exp, "iat": "1700000000" }))),
        Err(Error::InvalidClaimType(Claim::Iat))
    );
}

#[test]
fn max_age_refuses_a_future_iat() {
    // Issue 14: an age measured from an `iat` in the future is negative,
    // and passed any maximum. With `max_age` set, a future `iat` beyond the
    // leeway is refused whether or not `reject_future_iat` is.
    let iss = Issuer::new();
    let exp = NOW + 3600;
    let token = |iat: i64| iss.sign(&json!({ "exp": exp, "iat": iat }));

    for v in [
        iss.validation().max_age(Duration::from_secs(600)),
        iss.validation().max_age(Duration::from_secs(600)).reject_future_iat(),
    ] {
        assert_eq!(check(&v, &token(NOW + 60)), Ok(()), "within the leeway");
        assert_eq!(check(&v, &token(NOW + 61)), Err(Error::IssuedInFuture));
        assert_eq!(check(&v, &token(NOW + 3000)), Err(Error::IssuedInFuture));
        assert_eq!(check(&v, &token(i64::MAX)), Err(Error::IssuedInFuture));
        assert_eq!(
            check(&v, &iss.sign_with_typ(&format!(r#"{{"exp":{exp},"iat":1e300}}"#), None)),
            Err(Error::IssuedInFuture)
        );
        // The past side is unchanged.
        assert_eq!(check(&v, &token(NOW - 660)), Ok(()));
        assert_eq!(check(&v, &token(NOW - 661)), Err(Error::TooOld));
    }

    let strict = iss.validation().leeway(0).max_age(Duration::from_secs(600));
    assert_eq!(check(&strict, &token(NOW)), Ok(()));
    assert_eq!(check(&strict, &token(NOW + 1)), Err(Error::IssuedInFuture));
    assert_eq!(
        check(&strict, &iss.sign_with_typ(&format!(r#"{{"exp":{exp},"iat":{NOW}.5}}"#), None)),
        Err(Error::IssuedInFuture)
    );
    // A zero maximum age accepts only "issued this second".
    let zero = iss.validation().leeway(0).max_age(Duration::from_secs(0));
    assert_eq!(check(&zero, &token(NOW)), Ok(()));
    assert_eq!(check(&zero, &token(NOW + 1)), Err(Error::IssuedInFuture));
    assert_eq!(check(&zero, &token(NOW - 1)), Err(Error::TooOld));
}

#[test]
fn integer_dates_compare_as_integers() {
    // Issue 14: read as f64, integers above 2^53 round, so an `exp` one
    // second ahead of the clock could compare equal to it (expired), and
    // an `nbf` one second ahead could compare as reached.
    let iss = Issuer::new();
    let two53: i64 = 1 << 53;
    let at = |now: i64| iss.validation().leeway(0).without_exp().clock(FixedClock(now));
    let claims = |name: &str, value: i64| iss.sign_with_typ(&format!(r#"{{"{name}":{value}}}"#), None);

    let exp = claims("exp", two53 + 1);
    assert_eq!(check(&at(two53 + 2), &exp), Err(Error::Expired));
    assert_eq!(check(&at(two53 + 1), &exp), Err(Error::Expired), "now == exp is expired");
    assert_eq!(check(&at(two53), &exp), Ok(()), "one second before exp (2^53 and 2^53 + 1 are one f64)");

    let nbf = claims("nbf", two53 + 1);
    assert_eq!(check(&at(two53), &nbf), Err(Error::NotYetValid), "one second before nbf");
    assert_eq!(check(&at(two53 + 1), &nbf), Ok(()));
    assert_eq!(check(&at(two53 + 2), &nbf), Ok(()));

    // At the top of i64 (f64 rounds both to 2^63).
    let exp = claims("exp", i64::MAX);
    assert_eq!(check(&at(i64::MAX - 1), &exp), Ok(()));
    assert_eq!(check(&at(i64::MAX), &exp), Err(Error::Expired));
    let nbf = claims("nbf", i64::MAX);
    assert_eq!(check(&at(i64::MAX - 1), &nbf), Err(Error::NotYetValid));
    assert_eq!(check(&at(i64::MAX), &nbf), Ok(()));
    // And the bottom: no overflow with a leeway past it.
    let past = claims("exp", i64::MIN);
    assert_eq!(check(&at(i64::MIN), &past), Err(Error::Expired));
    assert_eq!(check(&iss.validation().leeway(u64::MAX).without_exp().clock(FixedClock(i64::MIN)), &past), Ok(()));
    assert_eq!(
        check(&iss.validation().leeway(u64::MAX).clock(FixedClock(i64::MAX)), &claims("nbf", i64::MAX)),
        Err(Error::MissingClaim(Claim::Exp))
    );

    // Above i64: u64 integers are exact too.
    let exp = iss.sign_with_typ(r#"{"exp":18446744073709551615}"#, None);
    assert_eq!(check(&at(i64::MAX), &exp), Ok(()));

    // iat, with reject_future_iat and with max_age.
    let iat = claims("iat", two53 + 1);
    let future = |now: i64| iss.validation().leeway(0).without_exp().reject_future_iat().clock(FixedClock(now));
    assert_eq!(check(&future(two53), &iat), Err(Error::IssuedInFuture));
    assert_eq!(check(&future(two53 + 1), &iat), Ok(()));
    let aged =
        |now: i64| iss.validation().leeway(0).without_exp().max_age(Duration::from_secs(1)).clock(FixedClock(now));
    assert_eq!(check(&aged(two53 + 2), &iat), Ok(()));
    assert_eq!(check(&aged(two53 + 3), &iat), Err(Error::TooOld));
}

#[test]
fn fractional_dates_compare_exactly() {
    let iss = Issuer::new();
    let at = |now: i64| iss.validation().leeway(0).clock(FixedClock(now));
    let exp = iss.sign_with_typ(r#"{"exp":1700000000.5}"#, None);
    assert_eq!(check(&at(NOW), &exp), Ok(()));
    assert_eq!(check(&at(NOW + 1), &exp), Err(Error::Expired));
    // Expired once now >= exp + leeway.
    assert_eq!(check(&at(NOW + 1).leeway(1), &exp), Ok(()));
    assert_eq!(check(&at(NOW + 2).leeway(1), &exp), Err(Error::Expired));

    let nbf = iss.sign_with_typ(r#"{"exp":1700003600,"nbf":1700000000.5}"#, None);
    assert_eq!(check(&at(NOW), &nbf), Err(Error::NotYetValid));
    assert_eq!(check(&at(NOW + 1), &nbf), Ok(()));

    // Floats that are whole seconds (josekit writes `1.7e9`) sit exactly
    // on their second.
    for exp in ["1.7e9", "1700000000.0", "17e8"] {
        let token = iss.sign_with_typ(&format!(r#"{{"exp":{exp}}}"#), None);
        assert_eq!(check(&at(NOW - 1), &token), Ok(()), "{exp}");
        assert_eq!(check(&at(NOW), &token), Err(Error::Expired), "{exp}");
    }
}

#[test]
fn issuers() {
    let iss = Issuer::new();
    let token = |claims: serde_json::Value| {
        let mut c = claims;
        c["exp"] = json!(NOW + 60);
        iss.sign(&c)
    };

    let one = iss.validation().issuer("https://id.example");
    assert_eq!(check(&one, &token(json!({ "iss": "https://id.example" }))), Ok(()));
    assert_eq!(check(&one, &token(json!({ "iss": "https://evil.example" }))), Err(Error::InvalidIssuer));
    // StringOrURI comparison is case-sensitive (RFC 7519 section 2).
    assert_eq!(check(&one, &token(json!({ "iss": "https://ID.example" }))), Err(Error::InvalidIssuer));
    assert_eq!(check(&one, &token(json!({}))), Err(Error::MissingClaim(Claim::Iss)));
    assert_eq!(check(&one, &token(json!({ "iss": 1 }))), Err(Error::InvalidClaimType(Claim::Iss)));
    assert_eq!(check(&one, &token(json!({ "iss": ["https://id.example"] }))), Err(Error::InvalidClaimType(Claim::Iss)));

    let several = iss.validation().issuers(["https://a.example", "https://b.example"]);
    assert_eq!(check(&several, &token(json!({ "iss": "https://b.example" }))), Ok(()));
    assert_eq!(check(&several, &token(json!({ "iss": "https://a.example" }))), Ok(()));
    assert_eq!(check(&several, &token(json!({ "iss": "https://c.example" }))), Err(Error::InvalidIssuer));

    // Calling issuer() twice accepts either.
    let chained = iss.validation().issuer("a").issuer("b");
    assert_eq!(check(&chained, &token(json!({ "iss": "b" }))), Ok(()));
}

#[test]
fn audiences() {
    let iss = Issuer::new();
    let token = |aud: serde_json::Value| iss.sign(&json!({ "exp": NOW + 60, "aud": aud }));

    let one = iss.validation().audience("orders-api");
    assert_eq!(check(&one, &token(json!("orders-api"))), Ok(()));
    assert_eq!(check(&one, &token(json!(["billing-api", "orders-api"]))), Ok(()));
    assert_eq!(check(&one, &token(json!(["orders-api"]))), Ok(()));
    assert_eq!(check(&one, &token(json!("billing-api"))), Err(Error::InvalidAudience));
    assert_eq!(check(&one, &token(json!(["billing-api"]))), Err(Error::InvalidAudience));
    // An empty array names no audience, so it never matches.
    assert_eq!(check(&one, &token(json!([]))), Err(Error::InvalidAudience));
    assert_eq!(check(&one, &token(json!("ORDERS-API"))), Err(Error::InvalidAudience));
    assert_eq!(check(&one, &iss.sign(&json!({ "exp": NOW + 60 }))), Err(Error::MissingClaim(Claim::Aud)));

    // aud is a string or an array of strings, nothing else: a wrong type is
    // refused even when another element would match.
    for bad in
        [json!([1]), json!(null), json!(["orders-api", 1]), json!({ "aud": "orders-api" }), json!(7), json!(true)]
    {
        assert_eq!(check(&one, &token(bad.clone())), Err(Error::InvalidClaimType(Claim::Aud)), "aud = {bad}");
    }

    let several = iss.validation().audiences(["orders-api", "billing-api"]);
    assert_eq!(check(&several, &token(json!(["shipping-api", "billing-api"]))), Ok(()));
    assert_eq!(check(&several, &token(json!("orders-api"))), Ok(()));
    assert_eq!(check(&several, &token(json!(["shipping-api"]))), Err(Error::InvalidAudience));
    assert_eq!(check(&several, &token(json!([]))), Err(Error::InvalidAudience));

    // Read back as typed values (opting out of the audience check, which
    // RFC 7519 4.1.3 otherwise applies to any token that has an aud).
    let v = iss.validation().any_audience();
    let jwt = v.verify_claims(&token(json!(["a", "b"]))).unwrap();
    assert_eq!(jwt.registered().aud, Some(Audience::Many(vec!["a".to_owned(), "b".to_owned()])));
    let jwt = v.verify_claims(&token(json!("a"))).unwrap();
    assert_eq!(jwt.registered().aud, Some(Audience::One("a".to_owned())));
    let jwt = v.verify_claims(&token(json!([]))).unwrap();
    assert_eq!(jwt.registered().aud, Some(Audience::Many(Vec::new())));
}

/// `issuers` and `audiences` say which values are accepted (and that the
/// claim is required). An empty list accepts no value: it must not turn the
/// check off, or a service whose configured list came out empty would take
/// tokens meant for anyone (RFC 8725 section 3.9: the audience MUST be
/// validated).
#[test]
fn empty_accepted_lists_accept_nothing() {
    let iss = Issuer::new();
    let token = iss.sign(&json!({ "exp": NOW + 60, "iss": "https://id.example", "aud": "orders-api" }));
    let bare = iss.sign(&json!({ "exp": NOW + 60 }));

    let no_issuers = iss.validation().issuers(Vec::<String>::new());
    assert_eq!(check(&no_issuers, &token), Err(Error::InvalidIssuer));
    assert_eq!(check(&no_issuers, &bare), Err(Error::MissingClaim(Claim::Iss)));

    let no_audiences = iss.validation().audiences(Vec::<String>::new());
    assert_eq!(check(&no_audiences, &token), Err(Error::InvalidAudience));
    assert_eq!(check(&no_audiences, &bare), Err(Error::MissingClaim(Claim::Aud)));

    // Adding to an empty list later works as usual.
    let later = iss.validation().audiences(Vec::<String>::new()).audience("orders-api");
    assert_eq!(check(&later, &token), Ok(()));
}

/// RFC 7519 section 4.1.3: "If the principal processing the claim does not
/// identify itself with a value in the aud claim when this claim is
/// present, then the JWT MUST be rejected." A validation with no audience
/// configured cannot identify itself with any value.
#[test]
fn a_present_aud_is_rejected_when_no_audience_is_configured() {
    let iss = Issuer::new();
    let v = iss.validation();
    assert_eq!(check(&v, &iss.sign(&json!({ "exp": NOW + 60, "aud": "orders-api" }))), Err(Error::InvalidAudience));
    assert_eq!(check(&v, &iss.sign(&json!({ "exp": NOW + 60, "aud": [] }))), Err(Error::InvalidAudience));
    assert_eq!(check(&v, &iss.sign(&json!({ "exp": NOW + 60 }))), Ok(()));
    // The explicit opt-out.
    let any = iss.validation().any_audience();
    assert_eq!(check(&any, &iss.sign(&json!({ "exp": NOW + 60, "aud": "orders-api" }))), Ok(()));
}

#[test]
fn subject() {
    let iss = Issuer::new();
    let token = |claims: serde_json::Value| {
        let mut c = claims;
        c["exp"] = json!(NOW + 60);
        iss.sign(&c)
    };
    let v = iss.validation().subject("alice");
    assert_eq!(check(&v, &token(json!({ "sub": "alice" }))), Ok(()));
    assert_eq!(check(&v, &token(json!({ "sub": "bob" }))), Err(Error::InvalidSubject));
    assert_eq!(check(&v, &token(json!({ "sub": "Alice" }))), Err(Error::InvalidSubject));
    assert_eq!(check(&v, &token(json!({}))), Err(Error::MissingClaim(Claim::Sub)));
    assert_eq!(check(&v, &token(json!({ "sub": 42 }))), Err(Error::InvalidClaimType(Claim::Sub)));
}

#[test]
fn required_claims() {
    let iss = Issuer::new();
    let all = json!({
        "iss": "https://id.example",
        "sub": "alice",
        "aud": "api",
        "exp": NOW + 60,
        "nbf": NOW - 60,
        "iat": NOW - 60,
        "jti": "id-1",
    });
    let every = [Claim::Iss, Claim::Sub, Claim::Aud, Claim::Exp, Claim::Nbf, Claim::Iat, Claim::Jti];
    let v = every.iter().fold(iss.validation().without_exp().audience("api"), |v, c| v.require(*c));
    assert_eq!(check(&v, &iss.sign(&all)), Ok(()));

    for missing in every {
        let mut claims = all.clone();
        claims.as_object_mut().unwrap().remove(missing.name());
        assert_eq!(check(&v, &iss.sign(&claims)), Err(Error::MissingClaim(missing)), "without {missing}");
        // One requirement alone is enough.
        let only = iss.validation().without_exp().any_audience().require(missing);
        assert_eq!(check(&only, &iss.sign(&claims)), Err(Error::MissingClaim(missing)), "only {missing}");
    }

    // Requiring the same claim twice is harmless.
    let twice = iss.validation().audience("api").require(Claim::Jti).require(Claim::Jti);
    assert_eq!(check(&twice, &iss.sign(&all)), Ok(()));
}

#[test]
fn explicit_typing() {
    let iss = Issuer::new();
    let claims = json!({ "exp": NOW + 60 }).to_string();
    let typed = |typ: Option<&str>| iss.sign_with_typ(&claims, typ);

    let jwt = iss.validation().typ("JWT");
    for accepted in ["JWT", "jwt", "application/jwt", "APPLICATION/JWT", "Application/Jwt"] {
        assert_eq!(check(&jwt, &typed(Some(accepted))), Ok(()), "typ {accepted}");
    }
    assert_eq!(check(&jwt, &typed(Some("at+jwt"))), Err(Error::InvalidType));
    assert_eq!(check(&jwt, &typed(Some("application/jose"))), Err(Error::InvalidType));
    assert_eq!(check(&jwt, &typed(Some("text/jwt"))), Err(Error::InvalidType));
    assert_eq!(check(&jwt, &typed(Some(""))), Err(Error::InvalidType));
    assert_eq!(check(&jwt, &typed(None)), Err(Error::InvalidType), "a required typ must be present");

    // RFC 9068 access tokens: at+jwt is application/at+jwt.
    let at = iss.validation().typ("application/AT+JWT");
    assert_eq!(check(&at, &typed(Some("at+jwt"))), Ok(()));
    assert_eq!(check(&at, &typed(Some("AT+JWT"))), Ok(()));
    assert_eq!(check(&at, &typed(Some("application/at+jwt"))), Ok(()));
    assert_eq!(check(&at, &typed(Some("JWT"))), Err(Error::InvalidType));
    assert_eq!(check(&at, &typed(None)), Err(Error::InvalidType));
    let at_short = iss.validation().typ("at+jwt");
    assert_eq!(check(&at_short, &typed(Some("application/AT+JWT"))), Ok(()));

    // No typ rule: any typ, or none, is accepted.
    assert_eq!(check(&iss.validation(), &typed(None)), Ok(()));
    assert_eq!(check(&iss.validation(), &typed(Some("at+jwt"))), Ok(()));
}

/// The caller's own error type, carried through `Error::Rejected`.
#[derive(Debug)]
struct PolicyError {
    scope: &'static str,
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "scope {} is required", self.scope)
    }
}

impl std::error::Error for PolicyError {}

#[test]
fn hook_rejects_with_the_callers_error() {
    let iss = Issuer::new();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    let v = iss.validation().check(move |reg, claims| {
        seen.fetch_add(1, Ordering::SeqCst);
        if reg.sub.as_deref() == Some("root") {
            return Err(Box::new(PolicyError { scope: "admin" }));
        }
        match claims.get("scope").and_then(|s| s.as_str()) {
            Some(s) if s.split(' ').any(|x| x == "orders:read") => Ok(()),
            _ => Err(Box::new(PolicyError { scope: "orders:read" })),
        }
    });

    let good = iss.sign(&json!({ "exp": NOW + 60, "sub": "alice", "scope": "profile orders:read" }));
    assert_eq!(check(&v, &good), Ok(()));

    let bad = iss.sign(&json!({ "exp": NOW + 60, "sub": "alice", "scope": "profile" }));
    let err = v.verify_claims(&bad).unwrap_err();
    let Error::Rejected(inner) = &err else { panic!("expected Rejected, got {err:?}") };
    assert_eq!(inner.to_string(), "scope orders:read is required");
    assert_eq!(inner.downcast_ref::<PolicyError>().map(|e| e.scope), Some("orders:read"));
    assert_eq!(err.to_string(), "claims rejected: scope orders:read is required");

    // The hook sees the registered claims, typed.
    let root = iss.sign(&json!({ "exp": NOW + 60, "sub": "root", "scope": "orders:read" }));
    let err = v.verify_claims(&root).unwrap_err();
    assert!(err.to_string().ends_with("scope admin is required"), "{err}");

    // The built-in rules run first: an expired token never reaches the hook.
    let before = calls.load(Ordering::SeqCst);
    let expired = iss.sign(&json!({ "exp": NOW - 3600, "sub": "alice", "scope": "orders:read" }));
    assert_eq!(check(&v, &expired), Err(Error::Expired));
    assert_eq!(calls.load(Ordering::SeqCst), before);
    assert_eq!(before, 3);
}

#[test]
fn builder_claims_pass_the_rules() {
    let key = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let signer = key.signing_key(JwsAlgorithm::ES256).unwrap();
    let public = key.to_public().unwrap().verifying_key(JwsAlgorithm::ES256).unwrap();
    let token = JwtBuilder::with_clock(&FixedClock(NOW))
        .issuer("https://id.example")
        .subject("alice")
        .audiences(["orders-api", "billing-api"])
        .expires_in(Duration::from_secs(300))
        .not_before(NOW)
        .jwt_id("id-1")
        .sign(&signer)
        .unwrap();
    let v = Validation::from_key(public)
        .clock(FixedClock(NOW))
        .leeway(0)
        .issuer("https://id.example")
        .audience("billing-api")
        .subject("alice")
        .typ("JWT")
        .reject_future_iat()
        .max_age(Duration::from_secs(0))
        .require(Claim::Jti);
    let jwt = v.verify_claims(&token).unwrap();
    let reg = jwt.registered();
    assert_eq!(reg.iat.map(|d| d.as_f64()), Some(1_700_000_000.0), "iat defaults to the builder's clock");
    assert_eq!(reg.exp.map(|d| d.as_f64()), Some(1_700_000_300.0));
    assert_eq!(reg.nbf.map(|d| d.as_f64()), Some(1_700_000_000.0));
    assert_eq!(reg.jti.as_deref(), Some("id-1"));
    assert_eq!(jwt.header().and_then(|h| h.typ()), Some("JWT"));
    assert_eq!(jwt.header().and_then(|h| h.alg()), Some(JwsAlgorithm::ES256));

    // The same token, validated later.
    assert_eq!(check(&v.clone().clock(FixedClock(NOW + 300)), &token), Err(Error::Expired));
    assert_eq!(check(&v.clone().clock(FixedClock(NOW + 1)), &token), Err(Error::TooOld));
    assert_eq!(check(&v.clock(FixedClock(NOW - 1)), &token), Err(Error::NotYetValid));
}

#[test]
fn validation_is_send_sync_and_shared_by_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Validation>();
    assert_send_sync::<Error>();

    let iss = Issuer::new();
    let v = Arc::new(iss.validation().issuer("https://id.example"));
    let good = iss.sign(&json!({ "exp": NOW + 60, "iss": "https://id.example" }));
    let bad = iss.sign(&json!({ "exp": NOW + 60, "iss": "https://evil.example" }));

    let handles: Vec<_> = [good, bad]
        .into_iter()
        .map(|token| {
            let v = Arc::clone(&v);
            std::thread::spawn(move || (0..20).map(|_| check(&v, &token)).collect::<Vec<_>>())
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(results[0].iter().all(|r| *r == Ok(())));
    assert!(results[1].iter().all(|r| *r == Err(Error::InvalidIssuer)));

    // Borrowed across scoped threads, too.
    let token = iss.sign(&json!({ "exp": NOW + 60, "iss": "https://id.example" }));
    std::thread::scope(|s| {
        let a = s.spawn(|| check(&v, &token));
        let b = s.spawn(|| check(&v, &token));
        assert_eq!(a.join().unwrap(), Ok(()));
        assert_eq!(b.join().unwrap(), Ok(()));
    });
}

/// The claim rules hold whatever type the caller reads the claims into:
/// one that reads none of them, one that skips the whole document, one
/// that reads them, and the JSON object. Every violation gets the same
/// error as through `verify_claims`.
#[test]
fn claim_rules_hold_whatever_the_claims_type() {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct NameOnly {
        name: Option<String>,
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Borrowed<'a> {
        iss: Option<&'a str>,
        #[serde(borrow)]
        name: Option<std::borrow::Cow<'a, str>>,
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Registered {
        exp: Option<u64>,
        nbf: Option<u64>,
        aud: Option<serde_json::Value>,
        iss: Option<String>,
    }
    let iss = Issuer::new();
    let strict = || iss.validation().leeway(0).issuer("https://issuer.example");
    let no_exp = || iss.validation().leeway(0).without_exp();
    let cases: Vec<(Validation, String)> = vec![
        (strict(), r#"{"exp":1699999999,"iss":"https://issuer.example"}"#.into()),
        (strict(), r#"{"exp":1700003600,"nbf":1700000001,"iss":"https://issuer.example"}"#.into()),
        (strict(), r#"{"exp":1700003600,"iss":"https://other.example"}"#.into()),
        (strict(), r#"{"exp":1700003600}"#.into()),
        (strict(), r#"{"exp":"1700003600","iss":"https://issuer.example"}"#.into()),
        (strict(), r#"{"exp":1700003600,"iss":"https://issuer.example","aud":"api"}"#.into()),
        (strict(), r#"{"exp":1700003600,"iss":"https://issuer.example","exp":1}"#.into()),
        (strict(), r#"{"exp":1700003600,"iss":"https://issuer.example","x":{"a":1,"a":2}}"#.into()),
        (strict(), r#"{"\u0065xp":1699999999,"iss":"https://issuer.example"}"#.into()),
        (no_exp(), r#"{"nbf":1700000001}"#.into()),
        (no_exp(), r#"{"aud":["api"]}"#.into()),
        (no_exp(), r#"{"iat":"yesterday"}"#.into()),
        (strict(), r#"{"exp":1700003600,"iss":"https://issuer.example","name":"Jane"}"#.into()),
        (no_exp(), r#"{"name":"Jane"}"#.into()),
    ];
    for (v, claims) in &cases {
        let token = iss.sign_with_typ(claims, None);
        let want = v.verify_claims(&token).map(drop);
        assert_eq!(v.verify::<NameOnly>(&token).map(drop), want, "{claims}");
        assert_eq!(v.verify::<serde::de::IgnoredAny>(&token).map(drop), want, "{claims}");
        assert_eq!(v.verify::<serde_json::Value>(&token).map(drop), want, "{claims}");
        let mut buf = b"left over from another token".to_vec();
        assert_eq!(v.verify_into::<Borrowed<'_>>(&token, &mut buf).map(drop), want, "{claims}");
        // A type that cannot hold the claims fails only where the rules pass.
        let typed = v.verify::<Registered>(&token).map(drop);
        match &want {
            Ok(()) => assert!(typed.is_ok() || matches!(typed, Err(Error::CustomClaims(_))), "{claims}: {typed:?}"),
            Err(e) => assert_eq!(typed.as_ref().err(), Some(e), "{claims}"),
        }
    }
    // A borrowed `&str` cannot hold an escaped string; a `Cow` can.
    let escaped = iss.sign_with_typ(r#"{"iss":"https:\/\/issuer.example","name":"J\u00e9"}"#, None);
    let mut buf = Vec::new();
    assert_eq!(
        no_exp().verify_into::<Borrowed<'_>>(&escaped, &mut buf).map(drop),
        Err(Error::CustomClaims(Some("iss".into())))
    );
    let plain = iss.sign_with_typ(r#"{"iss":"https://issuer.example","name":"J\u00e9"}"#, None);
    let claims = no_exp().verify_into::<Borrowed<'_>>(&plain, &mut buf).unwrap();
    assert_eq!((claims.iss, claims.name.as_deref()), (Some("https://issuer.example"), Some("Jé")));

    // All but the last two break a rule.
    let refused = cases.iter().filter(|(v, c)| v.verify_claims(&iss.sign_with_typ(c, None)).is_err()).count();
    assert_eq!(refused, cases.len() - 2);
}

/// `validate_claims` applies the rules `verify` applies, to a claims
/// document alone (a token verified elsewhere), with the same errors.
#[test]
fn claims_only_check_gives_the_verify_errors() {
    let v = Validation::claims_only()
        .clock(FixedClock(NOW))
        .leeway(0)
        .issuer("https://id.example")
        .audience("api")
        .require(Claim::Jti);
    let good = json!({"iss": "https://id.example", "aud": "api", "exp": NOW + 60, "jti": "1"});
    let claims: serde_json::Value = v.validate_claims(good.to_string().as_bytes()).unwrap();
    assert_eq!(claims, good);

    let cases = [
        (json!({"iss": "https://id.example", "aud": "api", "exp": NOW, "jti": "1"}), Error::Expired),
        (json!({"iss": "https://id.example", "aud": "web", "exp": NOW + 60, "jti": "1"}), Error::InvalidAudience),
        (json!({"iss": "https://id.example", "exp": NOW + 60, "jti": "1"}), Error::MissingClaim(Claim::Aud)),
        (json!({"iss": "https://id.example", "aud": "api", "exp": NOW + 60}), Error::MissingClaim(Claim::Jti)),
        (json!({"iss": "https://id.example", "aud": "api", "jti": "1"}), Error::MissingClaim(Claim::Exp)),
        (json!({"iss": "other", "aud": "api", "exp": NOW + 60, "jti": "1"}), Error::InvalidIssuer),
        (
            json!({"iss": "https://id.example", "aud": "api", "exp": "soon", "jti": "1"}),
            Error::InvalidClaimType(Claim::Exp),
        ),
    ];
    // The same verdict through `verify` on a signed token and through
    // `validate_claims` on its claims.
    let iss = Issuer::new();
    let signed = iss.validation().leeway(0).issuer("https://id.example").audience("api").require(Claim::Jti);
    for (doc, want) in cases {
        let text = doc.to_string();
        assert_eq!(v.validate_claims::<serde_json::Value>(text.as_bytes()).unwrap_err(), want, "{text}");
        assert_eq!(check(&signed, &iss.sign(&doc)), Err(want), "{text}");
    }
    for bad in [&b"[]"[..], b"{\"exp\":1,\"exp\":2}", b"not json"] {
        assert!(matches!(v.validate_claims::<serde_json::Value>(bad), Err(Error::Claims(_))), "{bad:?}");
    }
}

/// A validation without keys refuses every signed token.
#[test]
fn claims_only_verifies_no_token() {
    let iss = Issuer::new();
    let token = iss.sign(&json!({"exp": NOW + 60}));
    let v = Validation::claims_only().clock(FixedClock(NOW));
    // No key accepts any algorithm.
    assert_eq!(v.verify_claims(&token).unwrap_err(), Error::Jws(jot_jws::Error::AlgorithmNotAllowed));
}
