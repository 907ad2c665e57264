//! Tokens cannot make the verifier hammer the provider: unknown `kid`s
//! cause at most one fetch per cooldown, concurrent callers share one
//! fetch, and a failing provider is retried at most once per cooldown.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::panic)]

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use jot_jwks::Error;
use jot_jwt::Validation;
use support::*;

const JWKS: &str = "/jwks";

/// `n` tokens signed by one attacker key, each naming a pseudo-random kid.
fn random_kid_tokens(n: usize) -> Vec<String> {
    let attacker = es256("attacker");
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n)
        .map(|_| {
            // xorshift64
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            token_kid(&attacker, &format!("{x:016x}"))
        })
        .collect()
}

/// Runs `tokens` through `validation` on `tasks` concurrent tasks; returns
/// the errors. Every verification must fail, except of `good` if given.
async fn flood(validation: &Validation, tokens: Vec<String>, tasks: usize, good: Option<&str>) -> Vec<jot_jwt::Error> {
    let good: Option<Arc<str>> = good.map(Arc::from);
    let tokens = Arc::new(tokens);
    let mut set = tokio::task::JoinSet::new();
    for t in 0..tasks {
        let tokens = Arc::clone(&tokens);
        let validation = validation.clone();
        let good = good.clone();
        set.spawn(async move {
            let mut errors = Vec::new();
            for token in tokens.iter().skip(t).step_by(tasks) {
                let is_good = good.as_deref() == Some(token.as_str());
                match verify_with(&validation, token).await {
                    Ok(_) if is_good => {}
                    Ok(_) => panic!("a random kid verified"),
                    Err(e) if is_good => panic!("the good token failed: {e:?}"),
                    Err(e) => errors.push(e),
                }
            }
            errors
        });
    }
    let mut errors = Vec::new();
    while let Some(done) = bounded(set.join_next()).await {
        errors.extend(done.expect("flood task"));
    }
    errors
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_random_kids_in_one_cooldown_cause_at_most_one_fetch() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])));
    let jwks = remote(&server.url(JWKS)).cooldown(Duration::from_secs(120)).build().expect("build");
    let validation = Validation::from_remote(jwks.clone());
    let tokens = random_kid_tokens(10_000);

    // From a cold cache: the first token fetches the set; its kid is not in
    // it, and every other kid falls within the cooldown.
    let errors = flood(&validation, tokens, 4, None).await;
    assert_eq!(errors.len(), 10_000);
    for e in &errors {
        assert_eq!(*e, jot_jwt::Error::Jws(jot_jwt::jws::Error::NoMatchingKey));
    }
    assert_eq!(server.hits(JWKS), 1);
    assert_eq!(jwks.status().requests, 1);
    // The real key still verifies, from the cache.
    verify(&jwks, &token(&key)).await.expect("verifies");
    assert_eq!(server.hits(JWKS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_random_kids_after_the_cooldown_cause_one_refresh_per_cooldown() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])));
    let cooldown = Duration::from_secs(3);
    let jwks = remote(&server.url(JWKS)).cooldown(cooldown).build().expect("build");
    let validation = Validation::from_remote(jwks.clone());
    let tokens = random_kid_tokens(10_000);
    verify(&jwks, &token(&key)).await.expect("verifies");
    tokio::time::sleep(cooldown + Duration::from_millis(100)).await;

    // The first unknown kid refreshes the set; the rest fall within the
    // new cooldown (or, should the flood outlast it, one per cooldown).
    let started = Instant::now();
    let errors = flood(&validation, tokens, 4, None).await;
    let took = started.elapsed();
    assert_eq!(errors.len(), 10_000);
    assert!(errors.iter().all(|e| *e == jot_jwt::Error::Jws(jot_jwt::jws::Error::NoMatchingKey)));
    let refreshes = server.hits(JWKS) - 1;
    eprintln!("10,000 unknown kids: {refreshes} refresh(es) in {took:?}");
    assert!(
        refreshes >= 1 && refreshes as u128 <= took.as_millis() / cooldown.as_millis() + 1,
        "{refreshes} in {took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_four_concurrent_verifications_on_a_cold_cache_share_one_fetch() {
    let server = TestServer::start().await;
    let key = es256("k1");
    // Slow enough that all 64 are waiting when it answers.
    server.route(JWKS, Reply::json(set_json(&[&key])).head_delay(Duration::from_millis(500)));
    let jwks = remote(&server.url(JWKS)).cooldown(Duration::from_secs(120)).build().expect("build");
    let token = Arc::new(token(&key));
    let barrier = Arc::new(tokio::sync::Barrier::new(64));
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..64 {
        let (jwks, token, barrier) = (jwks.clone(), Arc::clone(&token), Arc::clone(&barrier));
        set.spawn(async move {
            barrier.wait().await;
            verify(&jwks, &token).await.map(|_| ())
        });
    }
    let mut ok = 0;
    while let Some(done) = bounded(set.join_next()).await {
        done.expect("task").expect("verifies");
        ok += 1;
    }
    assert_eq!(ok, 64);
    assert_eq!(server.hits(JWKS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_four_concurrent_verifications_share_one_failing_fetch() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::status(500).head_delay(Duration::from_millis(500)));
    let jwks = remote(&server.url(JWKS)).cooldown(Duration::from_secs(120)).build().expect("build");
    let token = Arc::new(token(&key));
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..64 {
        let (jwks, token) = (jwks.clone(), Arc::clone(&token));
        set.spawn(async move { verify(&jwks, &token).await.map(|_| ()) });
    }
    while let Some(done) = bounded(set.join_next()).await {
        let err = done.expect("task").expect_err("provider fails");
        assert_eq!(unavailable_cause(err), Error::Status(500));
    }
    assert_eq!(server.hits(JWKS), 1);
}

/// Floods `validation` for about `span`, one batch of `tokens` after
/// another (bounded in count too); returns the time it took.
async fn flood_for(validation: &Validation, tokens: &[String], good: Option<&str>, span: Duration) -> Duration {
    let started = Instant::now();
    for _round in 0..10_000 {
        if started.elapsed() >= span {
            break;
        }
        for e in flood(validation, tokens.to_vec(), 4, good).await {
            match e {
                jot_jwt::Error::Jws(jot_jwt::jws::Error::NoMatchingKey) => {}
                jot_jwt::Error::KeySource(e) => assert!(e.is_unavailable(), "{e:?}"),
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    started.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_provider_is_fetched_at_most_once_per_cooldown_on_a_cold_cache() {
    let server = TestServer::start().await;
    server.route(JWKS, Reply::status(500));
    let cooldown = Duration::from_millis(500);
    let jwks = remote(&server.url(JWKS)).cooldown(cooldown).build().expect("build");
    let validation = Validation::from_remote(jwks.clone());
    let tokens = random_kid_tokens(200);
    let took = flood_for(&validation, &tokens, None, Duration::from_secs(2)).await;
    let hits = server.hits(JWKS);
    eprintln!("failing provider, cold cache: {hits} fetch(es) in {took:?}");
    let bound = took.as_millis() / cooldown.as_millis() + 1;
    assert!(hits >= 1 && hits as u128 <= bound, "{hits} fetches in {took:?} (cooldown {cooldown:?})");
    assert_eq!(jwks.status().last_error, Some(Error::Status(500)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_provider_is_fetched_at_most_once_per_cooldown_while_stale() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])).header("Cache-Control", "max-age=1"));
    let cooldown = Duration::from_millis(500);
    let jwks = remote(&server.url(JWKS)).cooldown(cooldown).build().expect("build");
    let validation = Validation::from_remote(jwks.clone());
    verify(&jwks, &token(&key)).await.expect("verifies");
    server.route(JWKS, Reply::status(500));
    tokio::time::sleep(Duration::from_millis(1200)).await;

    // The stale key verifies throughout the outage, among the random kids.
    let good = token(&key);
    let mut tokens = random_kid_tokens(200);
    tokens.push(good.clone());
    let started = Instant::now();
    let took = flood_for(&validation, &tokens, Some(&good), Duration::from_secs(2)).await;
    verify(&jwks, &good).await.expect("stale key verifies");
    let took = took.max(started.elapsed());
    let hits = server.hits(JWKS) - 1;
    eprintln!("failing provider, stale set: {hits} fetch(es) in {took:?}");
    let bound = took.as_millis() / cooldown.as_millis() + 1;
    assert!(hits >= 1 && hits as u128 <= bound, "{hits} fetches in {took:?} (cooldown {cooldown:?})");
    let status = jwks.status();
    assert!(status.stale, "{status:?}");
    assert_eq!(status.last_error, Some(Error::Status(500)));
}
