//! The extractors: `Claims<C>`, `Option<Claims<C>>` and `VerifiedToken`,
//! behind a required or an optional layer, and on a route the layer does
//! not protect (a configuration error: 500).

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use axum::Router;
use axum::body::Bytes;
use axum::http::{StatusCode, header};
use axum::routing::get;
use jot_axum::{BearerAuth, Claims, VerifiedToken};
use serde::Deserialize;
use support::*;

#[derive(Deserialize)]
struct User {
    sub: String,
}

#[derive(Deserialize)]
struct Tenant {
    #[allow(dead_code)]
    tenant: u32,
}

async fn maybe(claims: Option<Claims<User>>) -> String {
    match claims {
        Some(Claims(user)) => format!("user {}", user.sub),
        None => "anonymous".to_owned(),
    }
}

async fn must(Claims(user): Claims<User>) -> String {
    format!("user {}", user.sub)
}

async fn tenant(Claims(_): Claims<Tenant>) -> &'static str {
    "tenant"
}

async fn maybe_tenant(claims: Option<Claims<Tenant>>) -> &'static str {
    if claims.is_some() { "tenant" } else { "none" }
}

async fn raw(token: VerifiedToken) -> String {
    format!("{} {}", sub_of(&token), token.claims().get_str("scope").ok().flatten().unwrap_or("-"))
}

fn routes() -> Router {
    Router::new()
        .route("/maybe", get(maybe))
        .route("/must", get(must))
        .route("/tenant", get(tenant))
        .route("/maybe-tenant", get(maybe_tenant))
        .route("/raw", get(raw))
}

#[tokio::test]
async fn required_layer_hands_the_claims_to_the_handler() {
    let key = es256("k1");
    let app = routes().route_layer(BearerAuth::new(validation(&key)).realm(REALM));
    let token = sign(&key, claims().claim("scope", "a b"));
    for (path, want) in [("/maybe", "user alice"), ("/must", "user alice"), ("/raw", "alice a b")] {
        let answer = send(&app, bearer(path, &token)).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}: {answer:?}");
        assert_eq!(answer.text(), want);
    }
    // No credentials never reach a handler.
    for path in ["/maybe", "/must", "/raw"] {
        assert_no_credentials(&send(&app, req(path, &[])).await, REALM);
    }
}

#[tokio::test]
async fn claims_that_do_not_fit_the_type_are_401_invalid_token_in_the_layers_realm() {
    let key = es256("k1");
    let auth = BearerAuth::new(validation(&key)).realm(REALM).error_body(|r| {
        ("text/plain; charset=utf-8", Bytes::from(format!("refused: {}", r.error_code().unwrap_or("-"))))
    });
    let app = routes().route_layer(auth);
    for token in
        [token(&key), sign(&key, claims().claim("tenant", "acme")), sign(&key, claims().claim("tenant", -1_i64))]
    {
        for path in ["/tenant", "/maybe-tenant"] {
            let answer = send(&app, bearer(path, &token)).await;
            let description = assert_invalid_token(&answer, REALM);
            assert_eq!(description, "the claims do not fit the service's type");
            // The layer's body too, not the default one.
            assert_eq!(answer.text(), "refused: invalid_token", "{path}");
            assert_eq!(answer.content_type(), Some("text/plain; charset=utf-8"));
            assert_token_not_echoed(&answer, &token);
        }
    }
    let fits = sign(&key, claims().claim("tenant", 7_i64));
    assert_eq!(send(&app, bearer("/tenant", &fits)).await.text(), "tenant");
}

#[tokio::test]
async fn optional_layer_lets_requests_without_credentials_through() {
    let key = es256("k1");
    let auth = BearerAuth::new(validation(&key))
        .realm(REALM)
        .optional()
        .error_body(|r| ("text/plain", Bytes::from(format!("refused: {}", r.error_code().unwrap_or("none")))));
    let app = routes().route_layer(auth);

    // `Option<Claims<_>>` sees None; the required extractors answer as the
    // layer would (401, the layer's realm and body, no error code).
    let answer = send(&app, req("/maybe", &[])).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.text(), "anonymous");
    assert_eq!(send(&app, req("/maybe-tenant", &[])).await.text(), "none");
    for path in ["/must", "/raw", "/tenant"] {
        let answer = send(&app, req(path, &[])).await;
        assert_no_credentials(&answer, REALM);
        assert_eq!(answer.text(), "refused: none", "{path}");
    }

    // With a valid token, both see the claims.
    let token = token(&key);
    assert_eq!(send(&app, bearer("/maybe", &token)).await.text(), "user alice");
    assert_eq!(send(&app, bearer("/must", &token)).await.text(), "user alice");

    // Bad credentials are refused by the layer, optional or not.
    let expired = sign(&key, claims().expires_at(now() - 3600).issued_at(now() - 7200));
    for path in ["/maybe", "/must"] {
        let answer = send(&app, bearer(path, &expired)).await;
        assert_eq!(assert_invalid_token(&answer, REALM), "the token has expired");
        assert_eq!(answer.text(), "refused: invalid_token");
        assert_invalid_request(&send(&app, req(path, &["Basic dTpw"])).await, REALM);
        assert_invalid_request(&send(&app, req(&format!("{path}?access_token={token}"), &[])).await, REALM);
    }
}

#[tokio::test]
async fn extractors_on_a_route_without_the_layer_are_500() {
    let key = es256("k1");
    let token = token(&key);
    let app = routes();
    for path in ["/maybe", "/must", "/raw", "/tenant", "/maybe-tenant"] {
        for request in [req(path, &[]), bearer(path, &token)] {
            let answer = send(&app, request).await;
            assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}: {answer:?}");
            assert!(answer.headers.get(header::WWW_AUTHENTICATE).is_none(), "{answer:?}");
            assert_eq!(answer.json()["error"], "server_error");
            assert_token_not_echoed(&answer, &token);
        }
    }

    // A layer on another route does not protect this one.
    let mixed = Router::new()
        .route("/protected", get(must))
        .route_layer(BearerAuth::new(validation(&key)))
        .route("/open", get(must));
    assert_eq!(send(&mixed, bearer("/protected", &token)).await.status, StatusCode::OK);
    assert_eq!(send(&mixed, bearer("/open", &token)).await.status, StatusCode::INTERNAL_SERVER_ERROR);
}
