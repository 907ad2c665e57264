//! 503 with `Retry-After` and no challenge when the keys are unavailable (a
//! remote JWK Set that refuses connections or answers 500, with no stale
//! set to fall back on); and a healthy remote set, for contrast, whose
//! unknown `kid` is the token's fault (401), not the service's.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use std::time::Duration;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::routing::get;
use jot_axum::{BearerAuth, VerifiedToken};
use jot_jwt::Validation;
use jot_jwt::alg::JwsAlgorithm;
use jot_jwt::jwks::RemoteJwkSet;
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn service(auth: BearerAuth) -> Router {
    Router::new().route("/orders", get(|t: VerifiedToken| async move { sub_of(&t) })).route_layer(auth)
}

fn remote(url: &str) -> Validation {
    let jwks = RemoteJwkSet::builder(url)
        .algorithms(&[JwsAlgorithm::ES256])
        .allow_http_loopback()
        .timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(5))
        .build()
        .expect("remote set");
    Validation::from_remote(jwks).issuer(ISS).audience(AUD)
}

/// A loopback server answering every request with `status`, `content_type`
/// and `body`, one request per connection; stops with the test's runtime.
async fn serve(status: &'static str, content_type: &'static str, body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    serve_on(listener, status, content_type, body);
    format!("http://{addr}/jwks")
}

fn serve_on(listener: TcpListener, status: &'static str, content_type: &'static str, body: String) {
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let response = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
}

/// A loopback server answering every path with a discovery document for
/// itself (`issuer` its own origin), naming `jwks_uri` (`SELF`: its own
/// `/jwks`) and the algorithms `algs`. Returns its `/jwks` URL.
async fn serve_discovery(jwks_uri: &'static str, algs: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let origin = format!("http://{}", listener.local_addr().expect("addr"));
    let jwks = if jwks_uri == "SELF" { format!("{origin}/jwks") } else { jwks_uri.to_owned() };
    let doc = format!(r#"{{"issuer":"{origin}","jwks_uri":"{jwks}","id_token_signing_alg_values_supported":{algs}}}"#);
    serve_on(listener, "200 OK", "application/json", doc);
    format!("{origin}/jwks")
}

/// A loopback URL nothing listens on (bound, then closed).
async fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    format!("http://{addr}/jwks")
}

fn assert_unavailable(answer: &Answer, retry_after: &str) {
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{answer:?}");
    assert_eq!(answer.headers.get(header::RETRY_AFTER).map(|v| v.to_str().unwrap()), Some(retry_after));
    assert!(answer.headers.get(header::WWW_AUTHENTICATE).is_none(), "{answer:?}");
    assert_eq!(answer.json()["error"], "temporarily_unavailable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_is_503_with_retry_after() {
    let key = es256("k1");
    let app = service(BearerAuth::new(remote(&refused_url().await)).realm(REALM));
    let token = token(&key);
    let answer = send(&app, bearer("/orders", &token)).await;
    assert_unavailable(&answer, "30");
    assert_token_not_echoed(&answer, &token);

    // Requests the layer refuses before any key is needed keep their
    // answers: the outage does not turn them into 503.
    assert_no_credentials(&send(&app, req("/orders", &[])).await, REALM);
    assert_invalid_request(&send(&app, req("/orders", &["Basic dTpw"])).await, REALM);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_answering_500_is_503_with_the_configured_retry_after() {
    let key = es256("k1");
    let url = serve("500 Internal Server Error", "text/plain", "boom".to_owned()).await;
    let app = service(BearerAuth::new(remote(&url)).realm(REALM).retry_after(7));
    let answer = send(&app, bearer("/orders", &token(&key))).await;
    assert_unavailable(&answer, "7");
    assert!(!answer.text().contains("boom"));
    assert!(!answer.text().contains("500"));

    // A JWK Set that is not one is the provider's failure as well.
    let url = serve("200 OK", "application/json", r#"{"nokeys":[]}"#.to_owned()).await;
    let app = service(BearerAuth::new(remote(&url)).realm(REALM));
    assert_unavailable(&send(&app, bearer("/orders", &token(&key))).await, "30");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_healthy_remote_set_verifies_and_an_unknown_kid_is_401() {
    let key = es256("k1");
    let set = jot_jwt::JwkSet::from_keys(vec![key.to_public().unwrap()]).to_json();
    let url = serve("200 OK", "application/json", set).await;
    let app = service(BearerAuth::new(remote(&url)).realm(REALM));
    let answer = send(&app, bearer("/orders", &token(&key))).await;
    assert_eq!((answer.status, answer.text()), (StatusCode::OK, "alice"), "{answer:?}");

    let stranger = token(&es256("k9"));
    let answer = send(&app, bearer("/orders", &stranger)).await;
    assert_eq!(assert_invalid_token(&answer, REALM), "no key matches the token");
    assert_token_not_echoed(&answer, &stranger);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_whose_discovery_cannot_be_used_is_503_not_the_tokens_fault() {
    let key = es256("k1");
    let token = token(&key);
    // The discovery document names a jwks_uri that is plain http off
    // loopback, or only algorithms the service does not accept: no token
    // can be verified, and none is to blame.
    for (jwks_uri, algs) in [("http://example.com/jwks", r#"["ES256"]"#), ("SELF", r#"["RS256"]"#)] {
        let url = serve_discovery(jwks_uri, algs).await;
        let issuer = url.trim_end_matches("/jwks").to_owned();
        let jwks = RemoteJwkSet::discover(issuer.clone())
            .algorithms(&[JwsAlgorithm::ES256])
            .allow_http_loopback()
            .timeout(Duration::from_secs(5))
            .connect_timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        let app = service(BearerAuth::new(Validation::from_remote(jwks).audience(AUD)).realm(REALM));
        let answer = send(&app, bearer("/orders", &token)).await;
        assert_unavailable(&answer, "30");
        assert_token_not_echoed(&answer, &token);
    }
}
