//! `error_body`: the caller's body and content type for every refusal,
//! while the status and headers stay RFC 6750's; and the default body.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::http::{StatusCode, header};
use axum::routing::get;
use jot_axum::{BearerAuth, Rejection, VerifiedToken};
use support::*;

fn service(auth: BearerAuth) -> Router {
    Router::new().route("/orders", get(|t: VerifiedToken| async move { sub_of(&t) })).route_layer(auth)
}

fn html(r: &Rejection) -> (&'static str, Bytes) {
    (
        "text/html; charset=utf-8",
        Bytes::from(format!("<p>{} {}</p>", r.status().as_u16(), r.error_code().unwrap_or("none"))),
    )
}

#[tokio::test]
async fn a_custom_body_keeps_the_status_and_challenge() {
    let key = es256("k1");
    let default = service(BearerAuth::new(validation(&key)).realm(REALM).require_scope("orders:read"));
    let custom = service(BearerAuth::new(validation(&key)).realm(REALM).require_scope("orders:read").error_body(html));
    let expired = sign(&key, claims().claim("scope", "orders:read").expires_at(now() - 3600).issued_at(now() - 7200));
    let cases = [
        (req("/orders", &[]), req("/orders", &[]), "<p>401 none</p>"),
        (req("/orders", &["Basic dTpw"]), req("/orders", &["Basic dTpw"]), "<p>400 invalid_request</p>"),
        (bearer("/orders", &expired), bearer("/orders", &expired), "<p>401 invalid_token</p>"),
        (bearer("/orders", &token(&key)), bearer("/orders", &token(&key)), "<p>403 insufficient_scope</p>"),
    ];
    for (a, b, body) in cases {
        let (plain, mine) = (send(&default, a).await, send(&custom, b).await);
        assert_eq!(mine.status, plain.status);
        assert_eq!(mine.challenge(), plain.challenge());
        assert_eq!(mine.text(), body);
        assert_eq!(mine.content_type(), Some("text/html; charset=utf-8"));
        assert_eq!(
            mine.headers.get(header::CONTENT_LENGTH).map(|v| v.to_str().unwrap().to_owned()),
            Some(body.len().to_string())
        );
        assert_ne!(plain.content_type(), Some("text/html; charset=utf-8"));
    }

    // A valid token never calls the body function.
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    let counting = service(BearerAuth::new(validation(&key)).error_body(move |r| {
        seen.fetch_add(1, Ordering::SeqCst);
        html(r)
    }));
    assert_eq!(send(&counting, bearer("/orders", &token(&key))).await.status, StatusCode::OK);
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    send(&counting, req("/orders", &[])).await;
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_content_type_that_is_not_a_header_value_is_left_out() {
    let key = es256("k1");
    let app = service(
        BearerAuth::new(validation(&key))
            .realm(REALM)
            .error_body(|_| ("text/plain\nX-Injected: 1", Bytes::from_static(b"no"))),
    );
    let answer = send(&app, req("/orders", &["Basic dTpw"])).await;
    assert_invalid_request(&answer, REALM);
    assert!(answer.headers.get("x-injected").is_none());
    assert!(answer.content_type().is_none_or(|ct| !ct.contains('\n')));
    assert_eq!(answer.text(), "no");
}

#[tokio::test]
async fn the_default_body_is_json_matching_the_challenge() {
    let key = es256("k1");
    let app = service(BearerAuth::new(validation(&key)).realm(REALM).require_scope("orders:read"));
    let expired = sign(&key, claims().expires_at(now() - 3600).issued_at(now() - 7200));
    for (request, code) in [
        (req("/orders", &["Basic dTpw"]), "invalid_request"),
        (bearer("/orders", &expired), "invalid_token"),
        (bearer("/orders", &token(&key)), "insufficient_scope"),
    ] {
        let answer = send(&app, request).await;
        assert_eq!(answer.content_type(), Some("application/json"));
        let attrs = answer.attributes();
        let body = answer.json();
        assert_eq!(body["error"], code);
        assert_eq!(body["error"].as_str(), attrs.get("error").map(String::as_str));
        assert_eq!(body["error_description"].as_str(), attrs.get("error_description").map(String::as_str));
    }
}
