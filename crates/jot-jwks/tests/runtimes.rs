//! A set outlives the runtime that used it: one shared set (a `static`, or a
//! handle kept across test cases) keeps refreshing when a runtime is shut
//! down in the middle of its background refresh. Also: a provider that is
//! not there at all, and a caller's bounded wait on a slow fetch.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use jot_jwks::Error;
use support::*;

const JWKS: &str = "/jwks";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime")
}

#[test]
fn a_background_refresh_cut_off_with_its_runtime_does_not_stop_later_ones() {
    // The server runs on a runtime of its own, which outlives the others.
    let server_rt = runtime();
    let server = server_rt.block_on(TestServer::start());
    let key = es256("k1");
    let set = set_json(&[&key]);
    let token = token(&key);
    server.route(JWKS, Reply::json(set.clone()).header("Cache-Control", "max-age=8"));
    // Fresh for 8 s, refreshed in the background after 4 s.
    let jwks = remote(&server.url(JWKS))
        .refresh_ahead(Duration::from_secs(4))
        .ttl_bounds(Duration::from_secs(1), Duration::from_secs(60))
        .cooldown(Duration::from_millis(100))
        .timeout(Duration::from_secs(10))
        .build()
        .expect("build");

    let first = runtime();
    first.block_on(async {
        verify(&jwks, &token).await.expect("verifies");
        assert_eq!(server.hits(JWKS), 1);
        // The background refresh will hang on the server.
        server.route(JWKS, Reply::json(set.clone()).head_delay(Duration::from_secs(30)));
        tokio::time::sleep(Duration::from_millis(4100)).await;
        verify(&jwks, &token).await.expect("verifies at once");
        eventually("the background refresh starts", || server.hits(JWKS) == 2).await;
    });
    // The service's runtime stops while that refresh is in flight.
    first.shutdown_timeout(Duration::from_secs(1));

    server.route(JWKS, Reply::json(set.clone()).header("Cache-Control", "max-age=8"));
    let second = runtime();
    second.block_on(async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let before = jwks.current().expect("current");
        // Still fresh, so the verification below cannot refresh in the
        // foreground.
        assert!(jwks.status().fresh);
        // Within the refresh window: this must start a new background
        // refresh. Nothing else calls the set, so only a background
        // refresh can reach the server.
        verify(&jwks, &token).await.expect("verifies at once");
        let deadline = Instant::now() + Duration::from_secs(10);
        while server.hits(JWKS) < 3 {
            assert!(Instant::now() < deadline, "no background refresh after the first runtime stopped");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        eventually("the refresh completes", || jwks.current().is_some_and(|s| !s.same_keys(&before))).await;
    });
    assert_eq!(server.hits(JWKS), 3);
    drop(second);
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_that_is_not_listening_is_a_connect_error() {
    // Bind a port, then free it: nothing listens there.
    let addr = {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        listener.local_addr().expect("addr")
    };
    let jwks = remote(&format!("http://{addr}/jwks")).build().expect("build");
    let err = verify(&jwks, &token(&es256("k1"))).await.expect_err("refused");
    let cause = unavailable_cause(err);
    assert!(matches!(cause, Error::Connect(_)), "{cause:?}");
    assert_eq!(jwks.status().requests, 1);
    // The message names the failure, not the URL.
    assert!(!cause.to_string().contains("/jwks"), "{cause}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_waits_for_a_slow_fetch_no_longer_than_its_wait_timeout() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])).head_delay(Duration::from_secs(3)));
    let jwks = remote(&server.url(JWKS))
        .timeout(Duration::from_secs(10))
        .wait_timeout(Duration::from_millis(500))
        .build()
        .expect("build");
    let err = verify(&jwks, &token(&key)).await.expect_err("gave up waiting");
    let err = key_source(err);
    assert_eq!(err, Error::WaitTimeout);
    assert!(err.is_unavailable());
    // The fetch was not cancelled with the caller: it completes, and the
    // next caller has keys without another request.
    eventually("the fetch completes", || jwks.current().is_some()).await;
    verify(&jwks, &token(&key)).await.expect("verifies");
    assert_eq!(server.hits(JWKS), 1);
}
