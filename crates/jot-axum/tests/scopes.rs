//! 403 `insufficient_scope` (RFC 6750 section 3.1): the scopes a route
//! requires, per route, read from `scope` (a string) or `scp` (an array or a
//! string), named in the challenge's `scope` attribute; and the caller's
//! claims check hook.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use jot_axum::{BearerAuth, VerifiedToken};
use jot_jwt::json::Value;
use support::*;

/// Two routes with different scopes from one shared `BearerAuth`.
fn app(auth: &BearerAuth) -> Router {
    Router::new()
        .route("/orders", get(|t: VerifiedToken| async move { sub_of(&t) }))
        .route_layer(auth.clone().require_scope("orders:read"))
        .merge(
            Router::new()
                .route("/orders/new", post(|t: VerifiedToken| async move { sub_of(&t) }))
                .route_layer(auth.clone().require_scope("orders:read orders:write")),
        )
        .merge(Router::new().route("/me", get(|t: VerifiedToken| async move { sub_of(&t) })).route_layer(auth.clone()))
}

fn post_req(uri: &str, token: &str) -> axum::http::Request<axum::body::Body> {
    request(axum::http::Method::POST, uri, &[&format!("Bearer {token}")])
}

#[tokio::test]
async fn each_route_requires_its_own_scopes() {
    let key = es256("k1");
    let auth = BearerAuth::new(validation(&key)).realm(REALM);
    let app = app(&auth);

    let reader = sign(&key, claims().claim("scope", "profile orders:read"));
    let writer = sign(&key, claims().claim("scope", "orders:write orders:read"));
    let nobody = token(&key);

    assert_eq!(send(&app, bearer("/orders", &reader)).await.status, StatusCode::OK);
    assert_eq!(send(&app, bearer("/orders", &writer)).await.status, StatusCode::OK);
    assert_eq!(send(&app, post_req("/orders/new", &writer)).await.status, StatusCode::OK);
    // A route without scopes takes any valid token.
    assert_eq!(send(&app, bearer("/me", &nobody)).await.status, StatusCode::OK);

    // The reader lacks orders:write: 403 naming both scopes the route needs.
    let answer = send(&app, post_req("/orders/new", &reader)).await;
    let attrs = assert_insufficient_scope(&answer, REALM);
    assert_eq!(attrs["scope"], "orders:read orders:write");
    assert_token_not_echoed(&answer, &reader);
    let body = answer.json();
    assert_eq!(body["error"], "insufficient_scope");
    assert_eq!(body["error_description"].as_str(), Some(attrs["error_description"].as_str()));

    // No scope at all, on the read route: the read route's scope only.
    let answer = send(&app, bearer("/orders", &nobody)).await;
    assert_eq!(assert_insufficient_scope(&answer, REALM)["scope"], "orders:read");

    // Deriving the per-route layers left the shared one untouched.
    let plain = Router::new().route("/x", get(|| async { "ok" })).route_layer(auth);
    assert_eq!(send(&plain, bearer("/x", &nobody)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn scopes_are_read_from_scope_and_scp() {
    let key = es256("k1");
    let auth = BearerAuth::new(validation(&key)).realm(REALM);
    let app = app(&auth);
    let granted: Vec<(&str, Value)> = vec![
        ("scope", "orders:read orders:write".into()),
        ("scope", "  orders:write   orders:read ".into()),
        ("scp", Value::Array(vec!["orders:read".into(), "orders:write".into()])),
        ("scp", "orders:read orders:write".into()),
    ];
    for (name, value) in granted {
        let token = sign(&key, claims().claim(name, value.clone()));
        let answer = send(&app, post_req("/orders/new", &token)).await;
        assert_eq!(answer.status, StatusCode::OK, "{name}: {value:?}: {answer:?}");
    }

    // Both claims together: the union.
    let split =
        sign(&key, claims().claim("scope", "orders:read").claim("scp", Value::Array(vec!["orders:write".into()])));
    assert_eq!(send(&app, post_req("/orders/new", &split)).await.status, StatusCode::OK);

    let refused: Vec<(&str, Value)> = vec![
        // `scope` is a space-separated string; an array is not accepted.
        ("scope", Value::Array(vec!["orders:read".into(), "orders:write".into()])),
        // Only whole scope tokens count, case-sensitively.
        ("scope", "orders:read,orders:write".into()),
        ("scope", "orders:readorders:write".into()),
        ("scope", "ORDERS:READ ORDERS:WRITE".into()),
        ("scope", "orders:read\torders:write".into()),
        ("scp", Value::Array(vec!["orders:read orders:write".into()])),
        ("scp", Value::Array(vec!["orders:read".into(), Value::Bool(true)])),
        ("scp", Value::Bool(true)),
        ("scopes", "orders:read orders:write".into()),
    ];
    for (name, value) in refused {
        let token = sign(&key, claims().claim(name, value.clone()));
        let answer = send(&app, post_req("/orders/new", &token)).await;
        let attrs = assert_insufficient_scope(&answer, REALM);
        assert_eq!(attrs["scope"], "orders:read orders:write", "{name}: {value:?}");
    }
}

#[tokio::test]
async fn a_scope_a_quoted_string_cannot_hold_is_not_named() {
    let key = es256("k1");
    let auth = BearerAuth::new(validation(&key)).realm(REALM).require_scope("a\"b read");
    let app = Router::new().route("/x", get(|| async { "ok" })).route_layer(auth);
    let answer = send(&app, bearer("/x", &token(&key))).await;
    // Parsing the challenge checks no attribute holds `"` or `\`.
    assert_eq!(assert_insufficient_scope(&answer, REALM)["scope"], "read");
}

#[tokio::test]
async fn the_claims_check_hook_refuses_with_its_description() {
    let key = es256("k1");
    let auth = BearerAuth::new(validation(&key)).realm(REALM).require_scope("orders:read").check(|jwt| {
        match jwt.claims().get("tenant") {
            Some(Value::String(t)) if t == "acme" => Ok(()),
            _ => Err("the tenant is not served here"),
        }
    });
    let app = Router::new().route("/x", get(|t: VerifiedToken| async move { sub_of(&t) })).route_layer(auth);

    let ok = sign(&key, claims().claim("scope", "orders:read").claim("tenant", "acme"));
    let answer = send(&app, bearer("/x", &ok)).await;
    assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
    assert_eq!(answer.text(), "alice");

    let other = sign(&key, claims().claim("scope", "orders:read").claim("tenant", "globex"));
    let answer = send(&app, bearer("/x", &other)).await;
    let attrs = assert_insufficient_scope(&answer, REALM);
    assert_eq!(attrs["error_description"], "the tenant is not served here");
    assert!(!attrs.contains_key("scope"), "{attrs:?}");
    assert_eq!(answer.json()["error_description"], "the tenant is not served here");
    assert_token_not_echoed(&answer, &other);

    // Scopes are checked first: the hook's refusal is not reached.
    let unscoped = sign(&key, claims().claim("tenant", "globex"));
    let attrs = assert_insufficient_scope(&send(&app, bearer("/x", &unscoped)).await, REALM);
    assert_eq!(attrs["scope"], "orders:read");

    // An invalid token never reaches the hook.
    let expired = sign(&key, claims().claim("tenant", "acme").expires_at(now() - 3600).issued_at(now() - 7200));
    assert_invalid_token(&send(&app, bearer("/x", &expired)).await, REALM);
}

#[tokio::test]
async fn a_hook_description_that_would_break_the_challenge_is_replaced() {
    let key = es256("k1");
    for description in ["tenant \"globex\" refused", "back\\slash", "line\nbreak", "caf\u{e9}"] {
        let auth = BearerAuth::new(validation(&key)).realm(REALM).check(move |_| Err(description));
        let app = Router::new().route("/x", get(|| async { "ok" })).route_layer(auth);
        let answer = send(&app, bearer("/x", &token(&key))).await;
        let attrs = assert_insufficient_scope(&answer, REALM);
        assert_eq!(attrs["error_description"], "the token is not accepted", "{description:?}");
        // The JSON body agrees, and is JSON.
        assert_eq!(answer.json()["error_description"], "the token is not accepted");
    }
}
