//! An outage is reported, not shouted: serving a stale set through many
//! verifications warns once per retry, not once per token.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::panic)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use support::*;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

const JWKS: &str = "/jwks";

/// Counts the warnings emitted on the thread it is installed on.
struct CountWarnings(Arc<AtomicUsize>);

impl Subscriber for CountWarnings {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        *metadata.level() <= Level::WARN
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        if *event.metadata().level() == Level::WARN {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

// One thread: every verification, and so every warning it causes, runs on
// the thread the subscriber is installed on.
#[tokio::test(flavor = "current_thread")]
async fn serving_a_stale_set_warns_once_per_retry_not_per_token() {
    let warnings = Arc::new(AtomicUsize::new(0));
    let _guard = tracing::subscriber::set_default(CountWarnings(Arc::clone(&warnings)));
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])).header("Cache-Control", "max-age=1"));
    // Retries at most every 3 s: the loop below runs well within that.
    let jwks = remote(&server.url(JWKS)).cooldown(Duration::from_secs(3)).build().expect("build");
    let token = token(&key);
    verify(&jwks, &token).await.expect("verifies");
    server.route(JWKS, Reply::status(500));
    // Past freshness and past the cooldown of the first fetch.
    tokio::time::sleep(Duration::from_millis(3200)).await;
    // The refresh fails: a warning for the failure, one for serving stale.
    verify(&jwks, &token).await.expect("stale");
    assert_eq!(server.hits(JWKS), 2);
    let after_failure = warnings.load(Ordering::Relaxed);
    assert!((1..=2).contains(&after_failure), "{after_failure}");
    let started = std::time::Instant::now();
    for _ in 0..1000 {
        verify(&jwks, &token).await.expect("stale");
    }
    if started.elapsed() < Duration::from_secs(3) {
        assert_eq!(warnings.load(Ordering::Relaxed), after_failure, "a warning per stale verification");
        assert_eq!(server.hits(JWKS), 2);
    }
}
