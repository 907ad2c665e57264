//! Key rotation: a token signed with a key the provider just published
//! verifies after exactly one refresh; a key the provider removed stops
//! verifying; an unknown `kid` within the cooldown costs no request.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use jot_jwks::RemoteJwkSet;
use support::*;

const JWKS: &str = "/jwks";

fn no_matching_key(result: Result<jot_jwt::Jwt<jot_jwt::json::Object>, jot_jwt::Error>) {
    match result {
        Err(jot_jwt::Error::Jws(jot_jwt::jws::Error::NoMatchingKey)) => {}
        other => panic!("expected NoMatchingKey, got {other:?}"),
    }
}

async fn setup(cooldown: Duration) -> (TestServer, RemoteJwkSet) {
    let server = TestServer::start().await;
    let jwks = remote(&server.url(JWKS)).cooldown(cooldown).build().expect("build");
    (server, jwks)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_key_verifies_after_one_refresh_and_a_removed_key_fails() {
    let (server, jwks) = setup(Duration::from_millis(500)).await;
    let old = es256("2024-old");
    let new = es256("2025-new");
    server.route(JWKS, Reply::json(set_json(&[&old])));
    verify(&jwks, &token(&old)).await.expect("old key verifies");
    assert_eq!(server.hits(JWKS), 1);

    // The provider rotates: the new key in, the old one out.
    server.route(JWKS, Reply::json(set_json(&[&new])));
    tokio::time::sleep(Duration::from_millis(700)).await;
    let jwt = verify(&jwks, &token(&new)).await.expect("new key verifies after a refresh");
    assert_eq!(jwt.header().and_then(|h| h.kid()), Some("2025-new"));
    assert_eq!(server.hits(JWKS), 2);
    // Cached from now on.
    for _ in 0..10 {
        verify(&jwks, &token(&new)).await.expect("new key verifies");
    }
    assert_eq!(server.hits(JWKS), 2);

    // The removed key: refused, and within the cooldown at no cost.
    no_matching_key(verify(&jwks, &token(&old)).await);
    assert_eq!(server.hits(JWKS), 2);
    // After the cooldown it causes one refresh, and still fails.
    tokio::time::sleep(Duration::from_millis(700)).await;
    no_matching_key(verify(&jwks, &token(&old)).await);
    assert_eq!(server.hits(JWKS), 3);
    no_matching_key(verify(&jwks, &token(&old)).await);
    assert_eq!(server.hits(JWKS), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overlapping_rotation_keeps_both_keys_until_the_old_is_dropped() {
    let (server, jwks) = setup(Duration::from_millis(500)).await;
    let old = es256("a");
    let new = es256("b");
    server.route(JWKS, Reply::json(set_json(&[&old])));
    verify(&jwks, &token(&old)).await.expect("old verifies");
    server.route(JWKS, Reply::json(set_json(&[&old, &new])));
    tokio::time::sleep(Duration::from_millis(700)).await;
    verify(&jwks, &token(&new)).await.expect("new verifies");
    verify(&jwks, &token(&old)).await.expect("old still verifies");
    assert_eq!(server.hits(JWKS), 2);
    assert_eq!(jwks.status().keys, 2);

    server.route(JWKS, Reply::json(set_json(&[&new])));
    bounded(jwks.reload()).await.expect("reload");
    assert_eq!(server.hits(JWKS), 3);
    no_matching_key(verify(&jwks, &token(&old)).await);
    verify(&jwks, &token(&new)).await.expect("new verifies");
    assert_eq!(server.hits(JWKS), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_kid_within_the_cooldown_waits_for_the_cooldown() {
    let (server, jwks) = setup(Duration::from_secs(60)).await;
    let old = es256("a");
    let new = es256("b");
    server.route(JWKS, Reply::json(set_json(&[&old])));
    verify(&jwks, &token(&old)).await.expect("old verifies");
    server.route(JWKS, Reply::json(set_json(&[&old, &new])));
    // Within the cooldown of the first fetch: refused at once, no request.
    for _ in 0..5 {
        no_matching_key(verify(&jwks, &token(&new)).await);
    }
    assert_eq!(server.hits(JWKS), 1);
    // An explicit reload ignores the cooldown.
    bounded(jwks.reload()).await.expect("reload");
    verify(&jwks, &token(&new)).await.expect("new verifies");
    assert_eq!(server.hits(JWKS), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_signed_with_a_key_under_a_published_kid_is_refused() {
    let (server, jwks) = setup(Duration::from_millis(200)).await;
    let published = es256("k1");
    let impostor = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&published])));
    verify(&jwks, &token(&published)).await.expect("verifies");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let err = verify(&jwks, &token(&impostor)).await.expect_err("refused");
    assert_eq!(err, jot_jwt::Error::Jws(jot_jwt::jws::Error::InvalidSignature));
    // A bad signature under a known kid is not a reason to fetch.
    assert_eq!(server.hits(JWKS), 1);
}
