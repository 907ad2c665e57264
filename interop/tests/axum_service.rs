//! jot-axum's example service (`crates/jot-axum/examples/service`, the same
//! router through `app.rs`) against a real identity provider, over real
//! HTTP: panva's oidc-provider (`interop/oidc/provider.mjs`) issues client
//! credentials JWT access tokens (RFC 9068) for `urn:jot:` resources; the
//! service finds its keys through OpenID Connect discovery and answers as
//! RFC 6750 says. A test client (reqwest) asks the provider for tokens and
//! the service for its routes.
//!
//! Needs `node` and `npm ci` in `interop/oidc`, like `oidc_provider.rs`:
//! without them the test prints a loud SKIPPED line and passes, except
//! under CI (`CI` set), where it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::time::{Duration, Instant};

use common::oidc::{CLIENT_ID, Client, Provider, available, kid_of};
use common::service::{
    AUDIENCE, OTHER_AUDIENCE, Verdict, app, get, http_client, send, serve, tamper_signature, with_unknown_kid,
};
use reqwest::Method;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_service_answers_provider_tokens_per_rfc_6750() {
    if !available("the_example_service_answers_provider_tokens_per_rfc_6750") {
        return;
    }
    let provider = Provider::start("RS256");
    let client = Client::new(&provider.issuer).await;
    let mut settings = app::Settings::new(provider.issuer.as_str(), AUDIENCE);
    settings.allow_http_loopback = true;
    // No clock-skew leeway, so that a token the provider issued for 1 s is
    // expired 2 s later (jot's default leeway is 60 s).
    settings.leeway = Some(0);
    // A rotated key's first token is refused until the unknown-kid cooldown
    // since the last fetch has passed: 2 s here rather than jot's 30 s.
    settings.cooldown = Some(Duration::from_secs(2));
    let base = serve(app::app(&settings).unwrap()).await;
    let http = http_client();
    let orders = format!("{base}/orders");
    let write = format!("{base}/orders/write");

    // Public: no token needed, and one is not even looked at.
    let health = get(&http, &format!("{base}/health"), None).await;
    assert_eq!((health.status, health.body.as_str()), (200, "ok"));
    assert_eq!(get(&http, &format!("{base}/health"), Some("not-a-token")).await.status, 200);

    // No token: 401 with a challenge and no error code (RFC 6750 3.1).
    let none = get(&http, &orders, None).await;
    assert_eq!(none.verdict(), Verdict::challenge(), "{none:?}");
    assert_eq!(none.challenge.as_deref(), Some(r#"Bearer realm="orders""#));

    // A genuine token with the scope: 200, the handler sees the claims.
    let read = client.token_with(AUDIENCE, Some("orders:read")).await;
    assert_eq!(read.scope.as_deref(), Some("orders:read"));
    assert_eq!(kid_of(&read.access_token), "rs256-1");
    let ok = get(&http, &orders, Some(&read.access_token)).await;
    assert_eq!(ok.verdict(), Verdict::ok(), "{ok:?}");
    let body: Value = serde_json::from_str(&ok.body).unwrap();
    assert_eq!(body["subject"], CLIENT_ID, "client credentials: sub is the client (RFC 9068 2.2)");
    assert_eq!(body["client_id"], CLIENT_ID);
    assert_eq!(body["orders"].as_array().map(Vec::len), Some(2));

    // Another resource's genuine token: 401 invalid_token (its audience).
    let other = client.token_with(OTHER_AUDIENCE, Some("orders:read")).await;
    let refused = get(&http, &orders, Some(&other.access_token)).await;
    assert_eq!(refused.verdict(), Verdict::error(401, "invalid_token"), "{refused:?}");
    assert_eq!(refused.param("error_description").as_deref(), Some("audience not accepted"));

    // A genuine token without the route's scope: 403 insufficient_scope
    // naming it (RFC 6750 3.1); with the other scope it opens the other route.
    let writer = client.token_with(AUDIENCE, Some("orders:write")).await;
    let forbidden = get(&http, &orders, Some(&writer.access_token)).await;
    assert_eq!(forbidden.verdict(), Verdict::insufficient_scope("orders:read"), "{forbidden:?}");
    let auth = format!("Bearer {}", writer.access_token);
    let created = send(&http, Method::POST, &write, Some(&auth)).await;
    assert_eq!(created.verdict(), Verdict::ok(), "{created:?}");
    let auth = format!("Bearer {}", read.access_token);
    let forbidden = send(&http, Method::POST, &write, Some(&auth)).await;
    assert_eq!(forbidden.verdict(), Verdict::insufficient_scope("orders:write"), "{forbidden:?}");
    // Scopes the provider does not know for the resource are not granted:
    // asking for `read` only gives a token with no order scope.
    let plain = client.token_with(AUDIENCE, Some("read")).await;
    let forbidden = get(&http, &orders, Some(&plain.access_token)).await;
    assert_eq!(forbidden.verdict(), Verdict::insufficient_scope("orders:read"), "{forbidden:?}");
    // No scope asked: no `scope` claim at all.
    let bare = client.token_with(AUDIENCE, None).await;
    assert_eq!(bare.scope, None);
    let forbidden = get(&http, &orders, Some(&bare.access_token)).await;
    assert_eq!(forbidden.verdict(), Verdict::insufficient_scope("orders:read"), "{forbidden:?}");

    // Both scopes: both routes.
    let both = client.token_with(AUDIENCE, Some("orders:read orders:write")).await;
    assert_eq!(get(&http, &orders, Some(&both.access_token)).await.verdict(), Verdict::ok());
    let auth = format!("Bearer {}", both.access_token);
    assert_eq!(send(&http, Method::POST, &write, Some(&auth)).await.verdict(), Verdict::ok());

    // An expired genuine token: the provider issues it for 1 s; once it has
    // passed, 401 invalid_token.
    client.set_ttl(1).await;
    let short = client.token_with(AUDIENCE, Some("orders:read")).await;
    let issued = Instant::now();
    client.set_ttl(300).await;
    assert_eq!(short.expires_in, 1);
    tokio::time::sleep(Duration::from_millis(2100).saturating_sub(issued.elapsed())).await;
    let expired = get(&http, &orders, Some(&short.access_token)).await;
    assert_eq!(expired.verdict(), Verdict::error(401, "invalid_token"), "{expired:?}");
    assert_eq!(expired.param("error_description").as_deref(), Some("the token has expired"));

    // A forged signature (one character of it changed): 401 invalid_token.
    let forged = tamper_signature(&read.access_token);
    let refused = get(&http, &orders, Some(&forged)).await;
    assert_eq!(refused.verdict(), Verdict::error(401, "invalid_token"), "{refused:?}");
    assert_eq!(refused.param("error_description").as_deref(), Some("invalid signature"));
    // A kid the provider never published: 401 invalid_token.
    let refused = get(&http, &orders, Some(&with_unknown_kid(&read.access_token))).await;
    assert_eq!(refused.verdict(), Verdict::error(401, "invalid_token"), "{refused:?}");
    assert_eq!(refused.param("error_description").as_deref(), Some("no key matches the token"));

    // Not a JWT: 401 invalid_token. Another scheme, or the token in the URL:
    // 400 invalid_request (RFC 6750 2.3 and 3.1).
    let garbage = get(&http, &orders, Some("not-a-jwt")).await;
    assert_eq!(garbage.verdict(), Verdict::error(401, "invalid_token"), "{garbage:?}");
    let basic = send(&http, Method::GET, &orders, Some("Basic am90OmpvdA==")).await;
    assert_eq!(basic.verdict(), Verdict::error(400, "invalid_request"), "{basic:?}");
    let in_url = get(&http, &format!("{orders}?access_token={}", read.access_token), None).await;
    assert_eq!(in_url.verdict(), Verdict::error(400, "invalid_request"), "{in_url:?}");

    // A token from another identity provider (its own keys, its own issuer,
    // the same kid `rs256-1`, the right audience): 401 invalid_token.
    let stranger = Provider::start("RS256");
    let stranger_token = Client::new(&stranger.issuer).await.token_with(AUDIENCE, Some("orders:read")).await;
    assert_eq!(kid_of(&stranger_token.access_token), "rs256-1");
    let refused = get(&http, &orders, Some(&stranger_token.access_token)).await;
    assert_eq!(refused.verdict(), Verdict::error(401, "invalid_token"), "{refused:?}");

    // Optional authentication on /me: none, good, bad.
    let me = format!("{base}/me");
    let anonymous = get(&http, &me, None).await;
    assert_eq!(anonymous.verdict(), Verdict::ok(), "{anonymous:?}");
    assert_eq!(serde_json::from_str::<Value>(&anonymous.body).unwrap()["authenticated"], false);
    let known = get(&http, &me, Some(&plain.access_token)).await;
    assert_eq!(known.verdict(), Verdict::ok(), "{known:?}");
    let known: Value = serde_json::from_str(&known.body).unwrap();
    assert_eq!((known["authenticated"].as_bool(), known["subject"].as_str()), (Some(true), Some(CLIENT_ID)));
    assert_eq!(known["scope"], "read");
    let bad = get(&http, &me, Some(&other.access_token)).await;
    assert_eq!(bad.verdict(), Verdict::error(401, "invalid_token"), "{bad:?}");

    // After a key rotation (to ES256, an algorithm the first discovery did
    // not list), the service accepts the new key's tokens without a restart
    // (within the cooldown after the last fetch, refused at first: poll) and
    // still the old key's.
    let (kid, _) = client.rotate("ES256").await;
    let rotated = client.token_with(AUDIENCE, Some("orders:read")).await;
    assert_eq!(kid_of(&rotated.access_token), kid);
    let deadline = Instant::now() + Duration::from_secs(10);
    let answer = loop {
        let answer = get(&http, &orders, Some(&rotated.access_token)).await;
        if answer.status == 200 || Instant::now() > deadline {
            break answer;
        }
        assert_eq!(answer.verdict(), Verdict::error(401, "invalid_token"), "{answer:?}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert_eq!(answer.verdict(), Verdict::ok(), "the rotated key's token: {answer:?}");
    assert_eq!(get(&http, &orders, Some(&read.access_token)).await.verdict(), Verdict::ok());
}
