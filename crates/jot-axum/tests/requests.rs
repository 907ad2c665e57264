//! Finding the token (RFC 6750 section 2) and the answers to requests that
//! carry none or carry it wrongly: 401 with a bare challenge for no
//! credentials, 400 `invalid_request` for everything malformed, and 200 for
//! a well-formed `Authorization: Bearer` header.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use axum::Router;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::routing::get;
use jot_axum::{BearerAuth, VerifiedToken};
use support::*;

fn app(auth: BearerAuth) -> Router {
    Router::new().route("/orders", get(|t: VerifiedToken| async move { sub_of(&t) })).route_layer(auth)
}

#[tokio::test]
async fn no_credentials_get_a_bare_challenge_with_the_realm() {
    let key = es256("k1");
    let answer = send(&app(BearerAuth::new(validation(&key)).realm(REALM)), req("/orders", &[])).await;
    assert_no_credentials(&answer, REALM);

    // The default realm is `api`.
    let answer = send(&app(BearerAuth::new(validation(&key))), req("/orders", &[])).await;
    assert_no_credentials(&answer, "api");

    // A query without `access_token` is no credentials either.
    let answer = send(&app(BearerAuth::new(validation(&key))), req("/orders?page=2&access_tokens=1", &[])).await;
    assert_no_credentials(&answer, "api");
}

#[tokio::test]
async fn a_realm_a_quoted_string_cannot_hold_is_cleaned() {
    let key = es256("k1");
    let auth = BearerAuth::new(validation(&key)).realm("a\"b\\c\u{e9}\n");
    let answer = send(&app(auth), req("/orders", &[])).await;
    assert_no_credentials(&answer, "a?b?c??");
}

#[tokio::test]
async fn a_valid_bearer_token_reaches_the_handler() {
    let key = es256("k1");
    let app = app(BearerAuth::new(validation(&key)).realm(REALM));
    let token = token(&key);
    let answer = send(&app, bearer("/orders", &token)).await;
    assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
    assert_eq!(answer.text(), "alice");
    assert!(answer.headers.get(header::WWW_AUTHENTICATE).is_none());

    // The scheme is case-insensitive (RFC 9110 section 11.1).
    for scheme in ["bearer", "BEARER", "bEaReR"] {
        let answer = send(&app, req("/orders", &[&format!("{scheme} {token}")])).await;
        assert_eq!(answer.status, StatusCode::OK, "{scheme}: {answer:?}");
    }
}

#[tokio::test]
async fn malformed_requests_are_400_invalid_request() {
    let key = es256("k1");
    let app = app(BearerAuth::new(validation(&key)).realm(REALM));
    let token = token(&key);
    let good = format!("Bearer {token}");

    // Two Authorization headers: even both valid, even both the same.
    for pair in [[good.as_str(), good.as_str()], [good.as_str(), "Bearer other"], ["Basic dTpw", good.as_str()]] {
        let answer = send(&app, req("/orders", &pair)).await;
        let description = assert_invalid_request(&answer, REALM);
        assert_token_not_echoed(&answer, &token);
        assert_eq!(description, "more than one Authorization header");
    }

    // Another scheme, or Bearer credentials that are not one b64token
    // after exactly one space.
    let cases = [
        "Basic dXNlcjpwYXNzd29yZA==".to_owned(),
        "Digest username=\"u\"".to_owned(),
        format!("Token {token}"),
        format!("Bearer{token}"),
        "Bearer".to_owned(),
        "Bearer ".to_owned(),
        "Bearer  ".to_owned(),
        format!("Bearer  {token}"),
        format!("Bearer {token} "),
        format!("Bearer\t{token}"),
        format!("Bearer {token} extra"),
        format!("Bearer \"{token}\""),
        format!("Bearer {token},x"),
        "Bearer a\"b".to_owned(),
        "Bearer a\\b".to_owned(),
        "Bearer abc!def".to_owned(),
        "Bearer abc%2Edef".to_owned(),
        "Bearer =abc".to_owned(),
        "Bearer ab=c".to_owned(),
        "Bearer ===".to_owned(),
        "".to_owned(),
    ];
    for value in &cases {
        let answer = send(&app, req("/orders", &[value])).await;
        assert_invalid_request(&answer, REALM);
        assert_token_not_echoed(&answer, &token);
        if let Some((_, credentials)) = value.split_once(' ')
            && credentials.trim().len() > 3
        {
            assert_not_echoed(&answer, credentials.trim());
        }
    }

    // Bytes that are not visible ASCII (obs-text, UTF-8).
    for value in [&b"Bearer ab\xffcd"[..], "Bearer \u{e9}t\u{e9}".as_bytes()] {
        let request = Request::builder()
            .uri("/orders")
            .header(header::AUTHORIZATION, HeaderValue::from_bytes(value).unwrap())
            .body(axum::body::Body::empty())
            .unwrap();
        assert_invalid_request(&send(&app, request).await, REALM);
    }
}

#[tokio::test]
async fn tokens_in_the_url_are_refused() {
    let key = es256("k1");
    let app = app(BearerAuth::new(validation(&key)).realm(REALM));
    let token = token(&key);

    // Only in the query (RFC 6750 2.3 SHOULD NOT: URLs end up in logs),
    // even a valid token; whatever the parameter's place or encoding.
    for query in [
        format!("access_token={token}"),
        format!("page=1&access_token={token}"),
        format!("access%5Ftoken={token}"),
        format!("%61ccess_token={token}"),
        "access_token".to_owned(),
        "access_token=".to_owned(),
    ] {
        let answer = send(&app, req(&format!("/orders?{query}"), &[])).await;
        let description = assert_invalid_request(&answer, REALM);
        assert_eq!(description, "access tokens in the URL are not accepted", "{query}");
        assert_token_not_echoed(&answer, &token);
    }

    // In the header and the query: refused even when both are the same
    // valid token.
    for query in [format!("access_token={token}"), "access_token=other".to_owned()] {
        let answer = send(&app, bearer(&format!("/orders?{query}"), &token)).await;
        let description = assert_invalid_request(&answer, REALM);
        assert_eq!(description, "the token was sent in more than one way", "{query}");
        assert_token_not_echoed(&answer, &token);
    }
}

#[tokio::test]
async fn the_default_body_is_json_with_error_and_description() {
    let key = es256("k1");
    let app = app(BearerAuth::new(validation(&key)).realm(REALM));

    let answer = send(&app, req("/orders", &["Basic dTpw"])).await;
    let attrs = assert_invalid_request(&answer, REALM);
    assert_eq!(answer.content_type(), Some("application/json"));
    let body = answer.json();
    assert_eq!(body["error"], "invalid_request");
    assert_eq!(body["error_description"].as_str(), Some(attrs.as_str()));
    assert_eq!(body.as_object().unwrap().len(), 2, "{body}");

    // No credentials: no error code anywhere, and an empty body.
    let answer = send(&app, req("/orders", &[])).await;
    assert_no_credentials(&answer, REALM);
    assert!(answer.body.is_empty(), "{answer:?}");
}
