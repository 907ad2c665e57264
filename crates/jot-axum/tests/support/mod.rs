//! Test support: keys and tokens made with jot itself, an axum `Router`
//! driven in-process with `oneshot`, and checks of the RFC 6750 answer
//! (status, `WWW-Authenticate` parsed attribute by attribute, body).

// Each test binary uses part of this module; and these are test helpers,
// which fail the test (panic) rather than return errors.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use jot_jwt::alg::JwsAlgorithm;
use jot_jwt::jwk::JwkAlgorithm;
use jot_jwt::{Jwk, JwtBuilder, Validation};
use tower::ServiceExt;

/// The longest one request may take before the test fails instead of
/// hanging (generous: the machine is shared).
pub const HANG: Duration = Duration::from_secs(30);

/// The realm the tests configure, so that the default (`api`) is told apart.
pub const REALM: &str = "orders";

/// The issuer and audience of [`token`].
pub const ISS: &str = "https://id.example";
pub const AUD: &str = "orders-api";

/// Seconds since the epoch.
pub fn now() -> i64 {
    i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()).unwrap()
}

/// A fresh ES256 key pair carrying `kid`.
pub fn es256(kid: &str) -> Jwk {
    let mut key = Jwk::generate_for_jws(JwsAlgorithm::ES256).expect("generate ES256");
    key.set_kid(kid);
    key
}

/// The JWS algorithm a generated key names.
pub fn alg_of(key: &Jwk) -> JwsAlgorithm {
    match key.alg() {
        Some(JwkAlgorithm::Jws(alg)) => *alg,
        other => panic!("a generated key names its JWS algorithm, not {other:?}"),
    }
}

/// Validation with the public part of `key`, issuer [`ISS`], audience [`AUD`].
pub fn validation(key: &Jwk) -> Validation {
    bare_validation(key).issuer(ISS).audience(AUD)
}

/// Validation with the public part of `key` and no issuer or audience rule.
pub fn bare_validation(key: &Jwk) -> Validation {
    let public = key.to_public().expect("public part");
    Validation::from_key(public.verifying_key(alg_of(key)).expect("verifying key"))
}

/// The builder of a token [`validation`] accepts: issuer, audience,
/// subject `alice`, valid for 5 minutes.
pub fn claims() -> JwtBuilder {
    JwtBuilder::new().issuer(ISS).audience(AUD).subject("alice").expires_in(Duration::from_secs(300))
}

/// Signs `builder` with `key` (its own algorithm and `kid`).
pub fn sign(key: &Jwk, builder: JwtBuilder) -> String {
    builder.sign(&key.signing_key(alg_of(key)).expect("signing key")).expect("sign")
}

/// A token [`validation`] of `key` accepts.
pub fn token(key: &Jwk) -> String {
    sign(key, claims())
}

/// A request to `uri` with these `Authorization` values (none, one or
/// several).
pub fn request(method: Method, uri: &str, authorization: &[&str]) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    for value in authorization {
        builder = builder.header(header::AUTHORIZATION, *value);
    }
    builder.body(Body::empty()).expect("request")
}

/// `GET uri` with these `Authorization` values.
pub fn req(uri: &str, authorization: &[&str]) -> Request<Body> {
    request(Method::GET, uri, authorization)
}

/// `GET uri` with `Authorization: Bearer <token>`.
pub fn bearer(uri: &str, token: &str) -> Request<Body> {
    req(uri, &[&format!("Bearer {token}")])
}

/// An answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    /// The `WWW-Authenticate` value (the one there is: asserts there are
    /// not several).
    pub fn challenge(&self) -> Option<&str> {
        let all: Vec<_> = self.headers.get_all(header::WWW_AUTHENTICATE).iter().collect();
        assert!(all.len() <= 1, "several challenges: {all:?}");
        all.first().map(|v| v.to_str().expect("challenge is visible ASCII"))
    }

    /// The challenge's attributes, checked to be well formed.
    pub fn attributes(&self) -> BTreeMap<String, String> {
        parse_challenge(self.challenge().expect("a WWW-Authenticate challenge"))
    }

    /// The body as text.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("UTF-8 body")
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }

    /// The `Content-Type`.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap())
    }
}

/// Sends `request` to `app` in-process.
pub async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = tokio::time::timeout(HANG, app.clone().oneshot(request))
        .await
        .expect("the request hung past its bound")
        .expect("infallible");
    let (parts, body) = response.into_parts();
    let body = tokio::time::timeout(HANG, body.collect()).await.expect("body hung").expect("body").to_bytes();
    Answer { status: parts.status, headers: parts.headers, body }
}

/// Parses `Bearer name="value", name="value"` strictly: each value a
/// quoted-string with no `"` or `\` inside (RFC 6750 section 3), each name
/// once. Panics on anything else.
pub fn parse_challenge(value: &str) -> BTreeMap<String, String> {
    let mut rest = value.strip_prefix("Bearer ").unwrap_or_else(|| panic!("not a Bearer challenge: {value:?}"));
    let mut out = BTreeMap::new();
    loop {
        let (name, after) = rest.split_once("=\"").unwrap_or_else(|| panic!("attribute without a value: {value:?}"));
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "attribute name {name:?} in {value:?}"
        );
        let (attr, after) = after.split_once('"').unwrap_or_else(|| panic!("unterminated value: {value:?}"));
        assert!(
            attr.bytes().all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)),
            "attribute {name} holds a character a quoted-string would need escaped: {value:?}"
        );
        assert!(out.insert(name.to_owned(), attr.to_owned()).is_none(), "{name} twice in {value:?}");
        if after.is_empty() {
            return out;
        }
        rest = after.strip_prefix(", ").unwrap_or_else(|| panic!("junk after attribute {name}: {value:?}"));
    }
}

/// Asserts the 401 of a request without credentials: exactly
/// `Bearer realm="<realm>"`, no error code.
pub fn assert_no_credentials(answer: &Answer, realm: &str) {
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{answer:?}");
    assert_eq!(answer.challenge(), Some(format!("Bearer realm=\"{realm}\"").as_str()), "{answer:?}");
    assert!(!answer.challenge().unwrap_or_default().contains("error"), "{answer:?}");
    assert!(answer.headers.get(header::RETRY_AFTER).is_none());
}

/// Asserts an RFC 6750 error answer: status, realm, error code, a
/// description, and a default JSON body agreeing with the challenge.
/// Returns the challenge's attributes.
pub fn assert_error(answer: &Answer, status: StatusCode, realm: &str, code: &str) -> BTreeMap<String, String> {
    assert_eq!(answer.status, status, "{answer:?}");
    let attrs = answer.attributes();
    assert_eq!(attrs.get("realm").map(String::as_str), Some(realm), "{answer:?}");
    assert_eq!(attrs.get("error").map(String::as_str), Some(code), "{answer:?}");
    let description = attrs.get("error_description").unwrap_or_else(|| panic!("no error_description: {answer:?}"));
    assert!(!description.is_empty());
    assert!(answer.headers.get(header::RETRY_AFTER).is_none());
    attrs
}

/// Asserts a 400 `invalid_request`.
pub fn assert_invalid_request(answer: &Answer, realm: &str) -> String {
    let attrs = assert_error(answer, StatusCode::BAD_REQUEST, realm, "invalid_request");
    assert!(!attrs.contains_key("scope"));
    attrs["error_description"].clone()
}

/// Asserts a 401 `invalid_token`; returns the description.
pub fn assert_invalid_token(answer: &Answer, realm: &str) -> String {
    let attrs = assert_error(answer, StatusCode::UNAUTHORIZED, realm, "invalid_token");
    assert!(!attrs.contains_key("scope"));
    attrs["error_description"].clone()
}

/// Asserts a 403 `insufficient_scope`; returns the attributes.
pub fn assert_insufficient_scope(answer: &Answer, realm: &str) -> BTreeMap<String, String> {
    assert_error(answer, StatusCode::FORBIDDEN, realm, "insufficient_scope")
}

/// Asserts that nothing the answer sends (headers and body) holds `secret`.
pub fn assert_not_echoed(answer: &Answer, secret: &str) {
    if secret.is_empty() {
        return;
    }
    for (name, value) in &answer.headers {
        let value = String::from_utf8_lossy(value.as_bytes());
        assert!(!value.contains(secret), "header {name} echoes {secret:?}: {value:?}");
    }
    let body = String::from_utf8_lossy(&answer.body);
    assert!(!body.contains(secret), "the body echoes {secret:?}: {body:?}");
}

/// Asserts that the answer echoes no segment of `token`, and no substring
/// of it of 12 characters or more (sampled along the token).
pub fn assert_token_not_echoed(answer: &Answer, token: &str) {
    for segment in token.split('.') {
        assert_not_echoed(answer, segment);
    }
    let bytes = token.as_bytes();
    if bytes.len() >= 12 {
        // Every window of 12 characters, stepping so the loop stays short.
        let step = (bytes.len() / 64).max(1);
        let mut start = 0;
        while start + 12 <= bytes.len() {
            assert_not_echoed(answer, &token[start..start + 12]);
            start += step;
        }
    }
}

/// A JSON handler body: the verified subject.
pub fn sub_of(token: &jot_axum::VerifiedToken) -> String {
    token.registered().sub.clone().unwrap_or_default()
}
