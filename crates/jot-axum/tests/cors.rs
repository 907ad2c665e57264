//! `allow_cors_preflight()`: a CORS preflight (`OPTIONS` with
//! `Access-Control-Request-Method`) passes without a token for a CORS layer
//! or handler further in; every other request, a plain `OPTIONS` included,
//! still needs one.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use axum::routing::get;
use jot_axum::{BearerAuth, Claims, VerifiedToken};
use support::*;

async fn preflight() -> (StatusCode, [(header::HeaderName, &'static str); 1]) {
    (StatusCode::NO_CONTENT, [(header::ACCESS_CONTROL_ALLOW_METHODS, "GET")])
}

fn service(auth: BearerAuth) -> Router {
    Router::new()
        .route("/orders", get(|t: VerifiedToken| async move { sub_of(&t) }).options(preflight))
        .route(
            "/claims",
            get(|t: VerifiedToken| async move { sub_of(&t) })
                .options(|_: Claims<serde_json::Value>| async { "claims" }),
        )
        .route_layer(auth)
}

fn options(uri: &str, request_method: Option<&str>, authorization: &[&str]) -> Request<Body> {
    let mut builder = Request::builder().method(Method::OPTIONS).uri(uri).header(header::ORIGIN, "https://app.example");
    if let Some(m) = request_method {
        builder = builder.header(header::ACCESS_CONTROL_REQUEST_METHOD, m);
    }
    for value in authorization {
        builder = builder.header(header::AUTHORIZATION, *value);
    }
    builder.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn a_preflight_passes_without_a_token_when_allowed() {
    let key = es256("k1");
    let app = service(BearerAuth::new(validation(&key)).realm(REALM).allow_cors_preflight());

    let answer = send(&app, options("/orders", Some("GET"), &[])).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT, "{answer:?}");
    assert!(answer.headers.get(header::WWW_AUTHENTICATE).is_none());
    assert_eq!(answer.headers[header::ACCESS_CONTROL_ALLOW_METHODS], "GET");

    // A plain OPTIONS (no Access-Control-Request-Method) is no preflight.
    assert_no_credentials(&send(&app, options("/orders", None, &[])).await, REALM);
    // Nor is a GET carrying the header.
    let mut get_with_header = req("/orders", &[]);
    get_with_header.headers_mut().insert(header::ACCESS_CONTROL_REQUEST_METHOD, "GET".parse().unwrap());
    assert_no_credentials(&send(&app, get_with_header).await, REALM);

    // Everything else still needs a token.
    assert_no_credentials(&send(&app, req("/orders", &[])).await, REALM);
    assert_eq!(send(&app, bearer("/orders", &token(&key))).await.text(), "alice");

    // A handler that wants claims on a preflight gets the layer's 401,
    // not a configuration error.
    assert_no_credentials(&send(&app, options("/claims", Some("GET"), &[])).await, REALM);
}

#[tokio::test]
async fn without_the_option_a_preflight_needs_a_token() {
    let key = es256("k1");
    let app = service(BearerAuth::new(validation(&key)).realm(REALM));
    assert_no_credentials(&send(&app, options("/orders", Some("GET"), &[])).await, REALM);
    assert_no_credentials(&send(&app, options("/orders", None, &[])).await, REALM);
    let answer = send(&app, options("/orders", Some("GET"), &[&format!("Bearer {}", token(&key))])).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT, "{answer:?}");
}
