//! A bounded load test of jot-axum's example service (the same router as
//! `crates/jot-axum/examples/service`, through `app.rs`) with tokens from a
//! real identity provider (panva's oidc-provider, `interop/oidc`):
//! 20,000 requests from 32 concurrent clients over loopback against the
//! protected `GET /orders`, a mix of genuine tokens and known-bad requests
//! whose verdict is known for each request; the provider's signing key is
//! rotated (RS256 to ES256) halfway, and tokens with the new `kid` join the
//! mix once the service has picked the new key up. Every answer's verdict
//! (status, RFC 6750 error code, scope) must be the expected one, and no
//! answer may be a 5xx. Then the same number of requests to the same kind
//! of handler without the layer, for comparison. p50/p99 latency and
//! requests per second of both are printed:
//!
//! ```sh
//! cargo test --release -p jot-interop --test axum_load -- --nocapture
//! ```
//!
//! Needs `node` and `npm ci` in `interop/oidc`, like `oidc_provider.rs`:
//! without them the test prints a loud SKIPPED line and passes, except
//! under CI (`CI` set), where it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use common::oidc::{Client, Provider, available, kid_of};
use common::service::{
    AUDIENCE, OTHER_AUDIENCE, Verdict, app, http_client, send, serve, tamper_signature, with_unknown_kid,
};
use reqwest::Method;

/// Requests in each run.
const REQUESTS: usize = 20_000;
/// Concurrent clients (tasks sharing one connection pool).
const CLIENTS: usize = 32;
/// The provider's key is rotated once this many requests have started.
const ROTATE_AT: usize = REQUESTS / 2;
/// From this request on, clients wait (the wait is reported and not
/// counted in the figures) until the new key's tokens are in the mix, so
/// that at least a quarter of the requests can carry them.
const NEW_TOKENS_BY: usize = REQUESTS * 3 / 4;
/// Each run must finish within this (debug builds included).
const RUN_LIMIT: Duration = Duration::from_secs(50);
/// How long the service may take to accept the new key's tokens after the
/// rotation (its cooldown is 1 s).
const PICKUP_LIMIT: Duration = Duration::from_secs(10);
/// The service's cooldown after a key set fetch, in which unknown kids (the
/// forged ones in the mix) cause no fetch.
const COOLDOWN: Duration = Duration::from_secs(1);

/// One kind of request of the mix, with the verdict it must get.
#[derive(Clone, Debug)]
struct Case {
    kind: &'static str,
    /// The whole `Authorization` value, or none.
    authorization: Option<String>,
    expected: Verdict,
}

impl Case {
    fn bearer(kind: &'static str, token: &str, expected: Verdict) -> Self {
        Self { kind, authorization: Some(format!("Bearer {token}")), expected }
    }
}

/// The subject a 200 answer of each route names.
const SUBJECT: &str = r#""subject":"jot-interop""#;
const OPEN_SUBJECT: &str = r#""subject":"anonymous""#;

/// What one run measured.
#[derive(Default)]
struct Outcome {
    /// Microseconds per request, and per request answered 200.
    latencies: Vec<u32>,
    ok_latencies: Vec<u32>,
    /// Requests per kind.
    kinds: BTreeMap<&'static str, usize>,
    wrong: usize,
    wrong_examples: Vec<String>,
    server_errors: usize,
    done: usize,
    elapsed: Duration,
    /// Time the clients spent waiting for the new key's tokens.
    paused: Duration,
}

/// The mix after the rotation, once the service accepts the new tokens.
type Later = OnceLock<Vec<Case>>;

/// Runs `REQUESTS` requests to `url` from `CLIENTS` clients, request `i`
/// being `cases[i % len]` (of `later`'s cases once set; from request
/// `NEW_TOKENS_BY` on, clients wait for them). A 200 answer must contain
/// `subject`.
async fn run(
    http: &reqwest::Client,
    url: &str,
    subject: &'static str,
    cases: Arc<Vec<Case>>,
    later: Option<Arc<Later>>,
    next: Arc<AtomicUsize>,
) -> Outcome {
    let started = Instant::now();
    let outcome = Arc::new(Mutex::new(Outcome::default()));
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let (http, url, cases, later, next, outcome) =
            (http.clone(), url.to_owned(), cases.clone(), later.clone(), next.clone(), outcome.clone());
        clients.push(tokio::spawn(async move {
            let mut mine = Outcome::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= REQUESTS || started.elapsed() > RUN_LIMIT {
                    break;
                }
                if let Some(later) = later.as_deref().filter(|l| i >= NEW_TOKENS_BY && l.get().is_none()) {
                    let waiting = Instant::now();
                    while later.get().is_none() && started.elapsed() < RUN_LIMIT {
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                    mine.paused = mine.paused.max(waiting.elapsed());
                }
                let mix = later.as_deref().and_then(OnceLock::get).map_or(&cases[..], |c| &c[..]);
                let case = &mix[i % mix.len()];
                let sent = Instant::now();
                let answer = send(&http, Method::GET, &url, case.authorization.as_deref()).await;
                let micros = u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX);
                mine.latencies.push(micros);
                mine.done += 1;
                *mine.kinds.entry(case.kind).or_default() += 1;
                if answer.status >= 500 {
                    mine.server_errors += 1;
                }
                let verdict = answer.verdict();
                let body_ok = answer.status != 200 || answer.body.contains(subject);
                if verdict == case.expected && body_ok {
                    if answer.status == 200 {
                        mine.ok_latencies.push(micros);
                    }
                } else {
                    mine.wrong += 1;
                    if mine.wrong_examples.len() < 5 {
                        mine.wrong_examples.push(format!("request {i} ({}): {answer:?}", case.kind));
                    }
                }
            }
            let mut all = outcome.lock().unwrap();
            all.latencies.extend(mine.latencies);
            all.ok_latencies.extend(mine.ok_latencies);
            for (kind, n) in mine.kinds {
                *all.kinds.entry(kind).or_default() += n;
            }
            all.wrong += mine.wrong;
            all.wrong_examples.extend(mine.wrong_examples);
            all.server_errors += mine.server_errors;
            all.done += mine.done;
            all.paused = all.paused.max(mine.paused);
        }));
    }
    for client in clients {
        client.await.unwrap();
    }
    let mut outcome = std::mem::take(&mut *outcome.lock().unwrap());
    outcome.elapsed = started.elapsed();
    outcome
}

fn percentile(sorted: &[u32], p: usize) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let at = (sorted.len() * p).div_ceil(100).saturating_sub(1).min(sorted.len() - 1);
    f64::from(sorted[at]) / 1000.0
}

/// One line of figures: p50/p99 in ms, requests per second.
fn figures(name: &str, outcome: &mut Outcome) -> String {
    outcome.latencies.sort_unstable();
    outcome.ok_latencies.sort_unstable();
    let busy = outcome.elapsed.saturating_sub(outcome.paused).as_secs_f64();
    format!(
        "{name}: {} requests in {:.2} s{}: {:.0} req/s; all answers p50 {:.2} ms p99 {:.2} ms; 200 answers ({}) p50 {:.2} ms p99 {:.2} ms",
        outcome.done,
        outcome.elapsed.as_secs_f64(),
        if outcome.paused.is_zero() {
            String::new()
        } else {
            format!(" ({:.2} s waiting for the new key)", outcome.paused.as_secs_f64())
        },
        outcome.done as f64 / busy,
        percentile(&outcome.latencies, 50),
        percentile(&outcome.latencies, 99),
        outcome.ok_latencies.len(),
        percentile(&outcome.ok_latencies, 50),
        percentile(&outcome.ok_latencies, 99),
    )
}

/// The same kind of answer as `/orders`, without authentication.
async fn open_orders() -> impl IntoResponse {
    let body = serde_json::json!({
        "subject": "anonymous",
        "client_id": null,
        "orders": [{ "id": 1, "item": "tea" }, { "id": 2, "item": "biscuits" }],
    });
    ([(CONTENT_TYPE, "application/json")], body.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_thousand_requests_with_a_key_rotation_halfway() {
    if !available("twenty_thousand_requests_with_a_key_rotation_halfway") {
        return;
    }
    let test_started = Instant::now();
    let provider = Provider::start("RS256");
    let client = Client::new(&provider.issuer).await;
    let mut settings = app::Settings::new(provider.issuer.as_str(), AUDIENCE);
    settings.allow_http_loopback = true;
    settings.leeway = Some(0);
    settings.cooldown = Some(COOLDOWN);
    let router = app::app(&settings).unwrap().route("/open/orders", get(open_orders));
    let base = serve(router).await;
    let http = http_client();
    let url = format!("{base}/orders");

    // Tokens: an expired one first (issued for 1 s), then the others.
    client.set_ttl(1).await;
    let expired = client.token_with(AUDIENCE, Some("orders:read")).await.access_token;
    let expired_at = Instant::now() + Duration::from_millis(2100);
    client.set_ttl(300).await;
    let mut valid = Vec::new();
    for _ in 0..8 {
        valid.push(client.token_with(AUDIENCE, Some("orders:read")).await.access_token);
    }
    valid.push(client.token_with(AUDIENCE, Some("orders:read orders:write")).await.access_token);
    valid.push(client.token_with(AUDIENCE, Some("read orders:read")).await.access_token);
    let wrong_audience = client.token_with(OTHER_AUDIENCE, Some("orders:read")).await.access_token;
    let no_scope = client.token_with(AUDIENCE, Some("orders:write")).await.access_token;

    let invalid = || Verdict::error(401, "invalid_token");
    let mut cases: Vec<Case> = valid.iter().map(|t| Case::bearer("valid", t, Verdict::ok())).collect();
    cases.extend([
        Case { kind: "no token", authorization: None, expected: Verdict::challenge() },
        Case::bearer("wrong audience", &wrong_audience, invalid()),
        Case::bearer("missing scope", &no_scope, Verdict::insufficient_scope("orders:read")),
        Case::bearer("expired", &expired, invalid()),
        Case::bearer("forged signature", &tamper_signature(&valid[0]), invalid()),
        Case::bearer("unknown kid", &with_unknown_kid(&valid[1]), invalid()),
        Case::bearer("not a JWT", "not-a-jwt", invalid()),
        Case {
            kind: "Basic scheme",
            authorization: Some("Basic am90OmpvdA==".into()),
            expected: Verdict::error(400, "invalid_request"),
        },
    ]);

    // The same handler's work without the layer, same headers, all 200:
    // this also opens the pool's connections.
    let open_cases: Vec<Case> = cases
        .iter()
        .map(|c| Case { kind: "open", authorization: c.authorization.clone(), expected: Verdict::ok() })
        .collect();
    let open_url = format!("{base}/open/orders");
    let mut open = run(&http, &open_url, OPEN_SUBJECT, Arc::new(open_cases), None, Arc::new(AtomicUsize::new(0))).await;
    assert_eq!((open.done, open.wrong, open.server_errors), (REQUESTS, 0, 0), "{:?}", open.wrong_examples);

    // The service fetches discovery and keys at the first token, before
    // the measured run; the expired token must have expired by then.
    tokio::time::sleep(expired_at.saturating_duration_since(Instant::now())).await;
    assert_eq!(send(&http, Method::GET, &url, cases[0].authorization.as_deref()).await.verdict(), Verdict::ok());

    // The rotation, halfway through the protected run: new ES256 key, new
    // tokens, wait until the service accepts one (bounded), then they join
    // the mix next to every earlier case.
    let next = Arc::new(AtomicUsize::new(0));
    let later: Arc<Later> = Arc::new(OnceLock::new());
    let rotation = {
        let (next, later, cases, http, url) = (next.clone(), later.clone(), cases.clone(), http.clone(), url.clone());
        let client = Client::new(&provider.issuer).await;
        tokio::spawn(async move {
            let deadline = Instant::now() + RUN_LIMIT;
            while next.load(Ordering::Relaxed) < ROTATE_AT {
                assert!(Instant::now() < deadline, "the run never reached the rotation");
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            let rotated_at = Instant::now();
            let (kid, _) = client.rotate("ES256").await;
            let mut fresh = Vec::new();
            for _ in 0..6 {
                fresh.push(client.token_with(AUDIENCE, Some("orders:read")).await.access_token);
            }
            assert!(fresh.iter().all(|t| kid_of(t) == kid));
            let mut polls = 0;
            loop {
                polls += 1;
                let answer = send(&http, Method::GET, &url, Some(&format!("Bearer {}", fresh[0]))).await;
                if answer.status == 200 {
                    break;
                }
                assert_eq!(answer.verdict(), Verdict::error(401, "invalid_token"), "{answer:?}");
                assert!(rotated_at.elapsed() < PICKUP_LIMIT, "the service did not accept the new key's tokens");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            let picked_up = rotated_at.elapsed();
            let mut mix = cases;
            mix.extend(fresh.iter().map(|t| Case::bearer("valid, new key", t, Verdict::ok())));
            let joined = next.load(Ordering::Relaxed);
            later.set(mix).unwrap();
            (kid, polls, picked_up, joined)
        })
    };
    let mut protected = run(&http, &url, SUBJECT, Arc::new(cases), Some(later), next).await;
    let (kid, polls, picked_up, joined) = rotation.await.unwrap();

    let report = format!(
        "axum_load ({} build, {CLIENTS} clients):\n  {}\n  {}\n  rotation to {kid} at request {ROTATE_AT}: new key accepted {:.0} ms later ({polls} polls), new tokens in the mix from request {joined}\n  per kind: {:?}\n  whole test {:.1} s",
        if cfg!(debug_assertions) { "debug" } else { "release" },
        figures("protected /orders (mix)", &mut protected),
        figures("unprotected /open/orders", &mut open),
        picked_up.as_secs_f64() * 1000.0,
        protected.kinds,
        test_started.elapsed().as_secs_f64(),
    );
    let _ = writeln!(std::io::stderr(), "{report}");
    assert_eq!(protected.done, REQUESTS, "the run did not finish within {RUN_LIMIT:?}");
    assert_eq!(protected.wrong, 0, "wrong verdicts: {:?}", protected.wrong_examples);
    assert_eq!(protected.server_errors, 0);
    assert!(protected.kinds.get("valid, new key").copied().unwrap_or(0) > 0, "no new-key token was sent");
}
