//! Freshness from `Cache-Control` (honoured, clamped), revalidation with
//! `ETag` / `If-None-Match`, refresh ahead in the background, and
//! stale-if-error through an outage.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::panic)]

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use jot_jwks::{Error, KeySnapshot, RemoteJwkSet};
use support::*;

const JWKS: &str = "/jwks";

/// The freshness a snapshot was given.
fn ttl_of(snap: &KeySnapshot) -> Duration {
    snap.fresh_until() - snap.confirmed_at()
}

async fn keys(jwks: &RemoteJwkSet) -> Arc<KeySnapshot> {
    bounded(jwks.keys()).await.expect("keys")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_age_is_honoured_within_the_bounds_and_clamped_outside() {
    let server = TestServer::start().await;
    let key = es256("k1");
    let set = set_json(&[&key]);
    let bounds = (Duration::from_secs(60), Duration::from_secs(600));
    let cases = [
        (Some("public, max-age=120"), Duration::from_secs(120)),
        (Some("max-age=5"), bounds.0),
        (Some("max-age=100000"), bounds.1),
        (Some("max-age=99999999999999999999999"), bounds.1),
        (Some("no-store"), bounds.0),
        (Some("no-cache, max-age=300"), bounds.0),
        // No max-age: the configured TTL, which the bounds do not touch.
        (None, Duration::from_secs(45)),
        (Some("max-age=junk"), Duration::from_secs(45)),
    ];
    for (i, (cache_control, want)) in cases.into_iter().enumerate() {
        let path = format!("/jwks{i}");
        let reply = Reply::json(set.clone());
        server.route(&path, cache_control.map_or(reply.clone(), |cc| reply.header("Cache-Control", cc)));
        let jwks = remote(&server.url(&path))
            .ttl(Duration::from_secs(45))
            .ttl_bounds(bounds.0, bounds.1)
            .refresh_ahead(Duration::from_secs(10))
            .build()
            .expect("build");
        let snap = keys(&jwks).await;
        assert_eq!(ttl_of(&snap), want, "{cache_control:?}");
        let status = jwks.status();
        assert!(status.fresh && !status.stale, "{cache_control:?}");
        assert_eq!(status.keys, 1);
        assert_eq!(status.jwks_uri.as_deref(), Some(server.url(&path).as_str()));
        // The refresh is due `refresh_ahead` (at most half the TTL) before
        // freshness ends.
        let next = status.next_refresh.expect("next refresh");
        let ahead = Duration::from_secs(10).min(want / 2);
        assert!(next <= want - ahead && next + Duration::from_secs(5) > want - ahead, "{cache_control:?}: {next:?}");
        verify(&jwks, &token(&key)).await.expect("verifies");
        assert_eq!(server.hits(&path), 1, "{cache_control:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_304_to_if_none_match_keeps_the_keys_and_costs_one_request() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])).etag("\"v1\"").header("Cache-Control", "max-age=1"));
    let jwks = remote(&server.url(JWKS)).cooldown(Duration::from_millis(200)).build().expect("build");
    let first = keys(&jwks).await;
    assert_eq!(server.hits(JWKS), 1);
    assert_eq!(server.seen(JWKS)[0].header("if-none-match"), None);

    // Explicit reload: revalidated, not refetched.
    let second = bounded(jwks.reload()).await.expect("revalidated");
    assert!(second.same_keys(&first));
    assert!(second.confirmed_at() > first.confirmed_at());
    assert_eq!(server.hits(JWKS), 2);
    let seen = server.seen(JWKS);
    assert_eq!(seen[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(seen[1].header("accept"), Some("application/jwk-set+json, application/json"));

    // Past freshness (1 s), a verification revalidates once and keeps the
    // keys.
    tokio::time::sleep(Duration::from_millis(1300)).await;
    assert!(!jwks.status().fresh);
    verify(&jwks, &token(&key)).await.expect("verifies after revalidation");
    assert_eq!(server.hits(JWKS), 3);
    let third = jwks.current().expect("current");
    assert!(third.same_keys(&first));
    assert!(third.confirmed_at() > second.confirmed_at());
    assert!(jwks.status().fresh);
    assert_eq!(server.seen(JWKS)[2].header("if-none-match"), Some("\"v1\""));

    // A new ETag with a new set: the keys change.
    let rotated = es256("k2");
    server.route(JWKS, Reply::json(set_json(&[&rotated])).etag("\"v2\""));
    let fourth = bounded(jwks.reload()).await.expect("refetched");
    assert!(!fourth.same_keys(&first));
    assert_eq!(server.hits(JWKS), 4);
    verify(&jwks, &token(&rotated)).await.expect("new key verifies");
    assert_eq!(server.hits(JWKS), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_ahead_serves_at_once_and_fetches_in_the_background() {
    let server = TestServer::start().await;
    let key = es256("k1");
    let set = set_json(&[&key]);
    server.route(JWKS, Reply::json(set.clone()).header("Cache-Control", "max-age=4"));
    // Fresh for 4 s; the refresh is due 2 s in. The fetch timeout is long
    // so that a verification that waited for the slow refresh would take
    // seconds rather than fail.
    let jwks = remote(&server.url(JWKS))
        .refresh_ahead(Duration::from_secs(2))
        .cooldown(Duration::from_millis(200))
        .timeout(Duration::from_secs(10))
        .build()
        .expect("build");
    let first = keys(&jwks).await;
    assert_eq!(server.hits(JWKS), 1);
    let token = token(&key);

    // Within the refresh point: nothing is fetched.
    verify(&jwks, &token).await.expect("verifies");
    assert_eq!(server.hits(JWKS), 1);

    // The refresh answers only after 3 s.
    server.route(JWKS, Reply::json(set).header("Cache-Control", "max-age=4").head_delay(Duration::from_secs(3)));
    tokio::time::sleep(Duration::from_millis(2300)).await;
    let status = jwks.status();
    assert!(status.fresh && status.next_refresh == Some(Duration::ZERO), "{status:?}");

    let started = Instant::now();
    for _ in 0..50 {
        verify(&jwks, &token).await.expect("verifies at once");
    }
    // Generous: 50 verifications from the cache, none waiting on a 3 s
    // response.
    assert!(started.elapsed() < Duration::from_secs(2), "verification waited: {:?}", started.elapsed());
    // The background request reached the server while no verification was
    // waiting for it, and only one was made.
    eventually("the background refresh reaches the server", || server.hits(JWKS) == 2).await;
    assert!(jwks.current().expect("current").same_keys(&first), "the refresh has not answered yet");
    eventually("the background refresh completes", || {
        jwks.current().is_some_and(|s| s.confirmed_at() > first.confirmed_at())
    })
    .await;
    assert_eq!(server.hits(JWKS), 2);
    assert!(jwks.status().fresh);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_if_error_serves_the_last_good_set_then_gives_up() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])).header("Cache-Control", "max-age=1"));
    // Fresh for 1 s, then served for 3 s more while refreshes fail.
    let jwks = remote(&server.url(JWKS))
        .stale_if_error(Duration::from_secs(3))
        .cooldown(Duration::from_millis(500))
        .build()
        .expect("build");
    let token = token(&key);
    let first = keys(&jwks).await;
    verify(&jwks, &token).await.expect("verifies");
    assert_eq!(server.hits(JWKS), 1);

    server.route(JWKS, Reply::status(500));
    tokio::time::sleep(Duration::from_millis(1300)).await;
    // Past freshness: the refresh fails (one request) and the old keys
    // still verify.
    verify(&jwks, &token).await.expect("stale keys verify");
    assert_eq!(server.hits(JWKS), 2);
    let status = jwks.status();
    assert_eq!(status.last_error, Some(Error::Status(500)));
    assert!(status.stale && !status.fresh, "{status:?}");
    assert!(jwks.current().expect("current").same_keys(&first));
    // Within the cooldown, more verifications cost nothing.
    for _ in 0..20 {
        verify(&jwks, &token).await.expect("stale keys verify");
    }
    assert_eq!(server.hits(JWKS), 2);

    // Past the stale window (1 s + 3 s after the fetch).
    let wait = first.fresh_until() + Duration::from_secs(3) + Duration::from_millis(300);
    tokio::time::sleep_until(wait.into()).await;
    let before = server.hits(JWKS);
    let err = verify(&jwks, &token).await.expect_err("no usable set");
    assert_eq!(unavailable_cause(err), Error::Status(500));
    // One more attempt, and it failed.
    assert_eq!(server.hits(JWKS), before + 1);
    let status = jwks.status();
    assert!(!status.stale && !status.fresh, "{status:?}");
    assert!(status.last_error.is_some());

    // The provider recovers: after the cooldown, keys again.
    let recovered = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&recovered])));
    tokio::time::sleep(Duration::from_millis(600)).await;
    let hits = server.hits(JWKS);
    verify(&jwks, &crate::token(&recovered)).await.expect("recovered");
    assert_eq!(server.hits(JWKS), hits + 1);
    let status = jwks.status();
    assert!(status.fresh && status.last_error.is_none(), "{status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_stale_if_error_an_expired_set_is_not_served() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])).header("Cache-Control", "max-age=1"));
    let jwks = remote(&server.url(JWKS))
        .stale_if_error(Duration::ZERO)
        .cooldown(Duration::from_millis(200))
        .build()
        .expect("build");
    let token = token(&key);
    verify(&jwks, &token).await.expect("verifies");
    server.route(JWKS, Reply::status(503));
    tokio::time::sleep(Duration::from_millis(1300)).await;
    let err = verify(&jwks, &token).await.expect_err("expired, no stale window");
    assert_eq!(unavailable_cause(err), Error::Status(503));
    assert_eq!(server.hits(JWKS), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_set_past_freshness_is_not_stale_until_a_refresh_fails() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])).header("Cache-Control", "max-age=1"));
    let jwks = remote(&server.url(JWKS)).build().expect("build");
    keys(&jwks).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    // Expired, but nothing has failed: it is not being served stale.
    let status = jwks.status();
    assert!(!status.fresh && !status.stale && status.last_error.is_none(), "{status:?}");
    server.route(JWKS, Reply::status(500));
    verify(&jwks, &token(&key)).await.expect("served stale");
    let status = jwks.status();
    assert!(!status.fresh && status.stale && status.last_error.is_some(), "{status:?}");
    assert_eq!(server.hits(JWKS), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_synchronous_verify_keeps_to_the_stale_if_error_window() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])).header("Cache-Control", "max-age=1"));
    let jwks = remote(&server.url(JWKS)).stale_if_error(Duration::from_secs(1)).build().expect("build");
    let validation = jot_jwt::Validation::from_remote(jwks.clone());
    let token = token(&key);
    // Before the first fetch, the synchronous path has no keys.
    let err = validation.verify::<jot_jwt::json::Object>(&token).expect_err("not fetched");
    assert_eq!(key_source(err), Error::NotFetched);
    let first = keys(&jwks).await;
    validation.verify::<jot_jwt::json::Object>(&token).expect("fresh");
    // Within the stale window (fresh 1 s, stale 1 s more).
    tokio::time::sleep_until((first.fresh_until() + Duration::from_millis(300)).into()).await;
    validation.verify::<jot_jwt::json::Object>(&token).expect("within the stale window");
    // Past it: the set is too old to trust, as verify_async would find.
    tokio::time::sleep_until((first.fresh_until() + Duration::from_millis(1300)).into()).await;
    let err = validation.verify::<jot_jwt::json::Object>(&token).expect_err("too old");
    let err = key_source(err);
    assert!(err.is_unavailable(), "{err:?}");
    let mut buf = Vec::new();
    let err = validation.verify_into::<jot_jwt::json::Object>(&token, &mut buf).expect_err("too old");
    assert!(key_source(err).is_unavailable());
    // Nothing was fetched by the synchronous calls.
    assert_eq!(server.hits(JWKS), 1);
    // The asynchronous path fetches again.
    verify(&jwks, &token).await.expect("refetched");
    validation.verify::<jot_jwt::json::Object>(&token).expect("fresh again");
    assert_eq!(server.hits(JWKS), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_set_is_not_served_while_the_cooldown_holds_back_a_refresh() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])).header("Cache-Control", "max-age=1"));
    // Fresh for 1 s, no stale window, and no fetch within 2 s of the last.
    let cooldown = Duration::from_secs(2);
    let jwks = remote(&server.url(JWKS)).stale_if_error(Duration::ZERO).cooldown(cooldown).build().expect("build");
    let token = token(&key);
    let first = keys(&jwks).await;
    tokio::time::sleep_until((first.fresh_until() + Duration::from_millis(200)).into()).await;
    // Expired, and the cooldown holds the refresh back: no keys, rather
    // than keys past their window.
    let err = verify(&jwks, &token).await.expect_err("expired");
    assert!(key_source(err).is_unavailable());
    let err =
        jot_jwt::Validation::from_remote(jwks.clone()).verify::<jot_jwt::json::Object>(&token).expect_err("expired");
    assert!(key_source(err).is_unavailable());
    assert_eq!(server.hits(JWKS), 1);
    // Once the cooldown allows, the set is fetched again.
    tokio::time::sleep(cooldown).await;
    verify(&jwks, &token).await.expect("refetched");
    assert_eq!(server.hits(JWKS), 2);
}
