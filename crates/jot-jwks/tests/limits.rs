//! Every fetch is bounded: time, body size, key count, status, content
//! type, URL scheme; a refused response never becomes keys, and the number
//! of requests each failure cost is what the server counted.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use jot_jwks::{Error, RemoteJwkSet};
use jot_jwt::alg::JwsAlgorithm;
use support::*;

const JWKS: &str = "/jwks";

/// A server with `reply` at `/jwks`, a set for it, and a token signed by a
/// key that would be in a good set.
async fn setup(reply: impl FnOnce(String) -> Reply) -> (TestServer, RemoteJwkSet, String) {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, reply(set_json(&[&key])));
    let jwks = remote(&server.url(JWKS)).build().expect("build");
    (server, jwks, token(&key))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_set_verifies_with_one_request_and_the_accept_header() {
    let (server, jwks, token) = setup(Reply::json).await;
    let jwt = verify(&jwks, &token).await.expect("verifies");
    assert_eq!(jwt.header().and_then(|h| h.kid()), Some("k1"));
    for _ in 0..20 {
        verify(&jwks, &token).await.expect("verifies from the cache");
    }
    assert_eq!(server.hits(JWKS), 1);
    let seen = server.seen(JWKS);
    assert_eq!(seen[0].header("accept"), Some("application/jwk-set+json, application/json"));
    assert_eq!(seen[0].header("if-none-match"), None);
    assert_eq!(jwks.status().requests, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_slower_than_the_timeout_is_a_timeout() {
    // Headers at once, then the body one byte every 100 ms: about 40 s for
    // the whole set, against a 2 s fetch timeout.
    let (server, jwks, token) = setup(|set| Reply::json(set).trickle(1, Duration::from_millis(100))).await;
    let err = verify(&jwks, &token).await.expect_err("times out");
    assert_eq!(unavailable_cause(err), Error::Timeout);
    assert_eq!(server.hits(JWKS), 1);
    assert!(jwks.current().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headers_slower_than_the_timeout_are_a_timeout() {
    let (server, jwks, token) = setup(|set| Reply::json(set).head_delay(Duration::from_secs(6))).await;
    let err = verify(&jwks, &token).await.expect_err("times out");
    assert_eq!(unavailable_cause(err), Error::Timeout);
    assert_eq!(server.hits(JWKS), 1);
}

/// A JWK Set document padded past 64 KiB with a member the parser would
/// otherwise ignore.
fn oversized(set: &str) -> String {
    let pad = "x".repeat(70 * 1024);
    format!("{{\"pad\":\"{pad}\",{}", set.trim_start_matches('{'))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_cap_with_content_length_is_refused() {
    let (server, jwks, token) = setup(|set| Reply::json(oversized(&set))).await;
    let err = verify(&jwks, &token).await.expect_err("too large");
    assert_eq!(unavailable_cause(err), Error::BodyTooLarge { max: 64 * 1024 });
    assert_eq!(server.hits(JWKS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_cap_without_content_length_is_refused() {
    let (server, jwks, token) = setup(|set| Reply::json(oversized(&set)).framing(Framing::Chunked)).await;
    let err = verify(&jwks, &token).await.expect_err("too large");
    assert_eq!(unavailable_cause(err), Error::BodyTooLarge { max: 64 * 1024 });
    assert_eq!(server.hits(JWKS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declared_length_over_the_cap_is_refused_before_the_body() {
    // The header declares 10 MB; the body never comes. Refusal must not
    // wait for it (the fetch timeout would turn this into Timeout).
    let (server, jwks, token) =
        setup(|set| Reply::json(set).framing(Framing::DeclaredLength(10_000_000)).body_delay(Duration::from_secs(30)))
            .await;
    let err = verify(&jwks, &token).await.expect_err("too large");
    assert_eq!(unavailable_cause(err), Error::BodyTooLarge { max: 64 * 1024 });
    assert_eq!(server.hits(JWKS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_at_a_lower_cap_is_measured_against_that_cap() {
    let server = TestServer::start().await;
    let key = es256("k1");
    let set = set_json(&[&key]);
    server.route(JWKS, Reply::json(set.clone()).framing(Framing::Chunked));
    let jwks = remote(&server.url(JWKS)).max_body(set.len() - 1).build().expect("build");
    let err = verify(&jwks, &token(&key)).await.expect_err("too large");
    assert_eq!(unavailable_cause(err), Error::BodyTooLarge { max: set.len() - 1 });
    assert_eq!(server.hits(JWKS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statuses_other_than_200_are_refused() {
    for status in [500, 404, 503, 204] {
        let (server, jwks, token) = setup(|set| Reply::json(set).status_code(status)).await;
        let err = verify(&jwks, &token).await.expect_err("refused");
        assert_eq!(unavailable_cause(err), Error::Status(status), "{status}");
        assert_eq!(server.hits(JWKS), 1, "{status}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_is_not_followed() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route("/moved", Reply::json(set_json(&[&key])));
    server.route(JWKS, Reply::status(302).header("Location", &server.url("/moved")));
    let jwks = remote(&server.url(JWKS)).build().expect("build");
    let err = verify(&jwks, &token(&key)).await.expect_err("redirect refused");
    assert_eq!(unavailable_cause(err), Error::Status(302));
    assert_eq!(server.hits(JWKS), 1);
    assert_eq!(server.hits("/moved"), 0);
    // Relative and permanent redirects alike.
    for status in [301, 307, 308] {
        server.route(JWKS, Reply::status(status).header("Location", "/moved"));
        let err = jwks.reload().await.expect_err("redirect refused");
        assert_eq!(err, Error::Status(status));
    }
    assert_eq!(server.hits(JWKS), 4);
    assert_eq!(server.hits("/moved"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_json_is_refused() {
    for body in ["{\"keys\":[", "not json", "[]", "{\"keys\":{}}", "{\"nokeys\":[]}", "{\"keys\":[],\"keys\":[]}"] {
        let (server, jwks, token) = setup(|_| Reply::json(body)).await;
        let err = verify(&jwks, &token).await.expect_err("refused");
        let cause = unavailable_cause(err);
        assert!(matches!(cause, Error::InvalidKeySet(_)), "{body}: {cause:?}");
        assert_eq!(server.hits(JWKS), 1, "{body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_content_type_that_is_not_json_is_refused() {
    for content_type in [Some("text/html"), Some("text/plain"), Some("application/jsonp"), None] {
        let (server, jwks, token) = setup(|set| {
            let reply = Reply::json(set).without_header("Content-Type");
            match content_type {
                Some(ct) => reply.header("Content-Type", ct),
                None => reply,
            }
        })
        .await;
        let err = verify(&jwks, &token).await.expect_err("refused");
        assert_eq!(unavailable_cause(err), Error::ContentType, "{content_type:?}");
        assert_eq!(server.hits(JWKS), 1, "{content_type:?}");
    }
    // The JWK Set media type is JSON.
    let (server, jwks, token) =
        setup(|set| Reply::json(set).without_header("Content-Type").header("Content-Type", "application/jwk-set+json"))
            .await;
    verify(&jwks, &token).await.expect("application/jwk-set+json accepted");
    assert_eq!(server.hits(JWKS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_keys_are_too_many() {
    let server = TestServer::start().await;
    // 1,000 real ES256 public keys (about 150 KB): the body cap is raised
    // so that the key count is what refuses the set.
    let keys: Vec<_> = (0..1000).map(|i| es256(&format!("k{i}"))).collect();
    let refs: Vec<_> = keys.iter().collect();
    server.route(JWKS, Reply::json(set_json(&refs)));
    let jwks = remote(&server.url(JWKS)).max_body(1 << 20).build().expect("build");
    let err = verify(&jwks, &token(&keys[0])).await.expect_err("too many keys");
    assert_eq!(unavailable_cause(err), Error::TooManyKeys { max: 100 });
    assert_eq!(server.hits(JWKS), 1);

    // Counted before any member is parsed: 1,000 empty members under the
    // default body cap are refused as too many, not as bad keys.
    let members = vec!["{}"; 1000].join(",");
    server.route("/empty", Reply::json(format!("{{\"keys\":[{members}]}}")));
    let jwks = remote(&server.url("/empty")).build().expect("build");
    let err = verify(&jwks, &token(&keys[0])).await.expect_err("too many keys");
    assert_eq!(unavailable_cause(err), Error::TooManyKeys { max: 100 });
    assert_eq!(server.hits("/empty"), 1);

    // Exactly the cap is fine.
    let hundred: Vec<_> = keys.iter().take(100).collect();
    server.route("/hundred", Reply::json(set_json(&hundred)));
    let jwks = remote(&server.url("/hundred")).build().expect("build");
    verify(&jwks, &token(&keys[99])).await.expect("100 keys accepted");
    assert_eq!(server.hits("/hundred"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_set_holding_an_oct_key_is_refused() {
    let server = TestServer::start().await;
    let ec = es256("k1");
    let mut secret = key_for(JwsAlgorithm::HS256, "hmac");
    secret.set_kid("hmac");
    // The secret as published: an `oct` member next to a public key, and
    // one alone.
    let mixed = JwkSetJson::with(&[ec.to_public().expect("public"), secret.clone()]);
    server.route(JWKS, Reply::json(mixed));
    server.route("/only-oct", Reply::json(JwkSetJson::with(&[secret.clone()])));
    for path in [JWKS, "/only-oct"] {
        let jwks = remote(&server.url(path))
            .algorithms(&[JwsAlgorithm::ES256, JwsAlgorithm::HS256])
            .cooldown(Duration::from_secs(60))
            .build()
            .expect("build");
        // Neither the EC token nor one signed with the published secret
        // passes.
        let hmac_token = token(&secret);
        for t in [token(&ec), hmac_token] {
            let err = verify(&jwks, &t).await.expect_err("refused");
            let cause = match err {
                jot_jwt::Error::KeySource(Error::Unavailable(inner)) => *inner,
                jot_jwt::Error::KeySource(e) => e,
                other => panic!("{path}: expected KeySource, got {other:?}"),
            };
            assert!(
                matches!(
                    cause,
                    Error::InvalidKeySet(jot_jwt::jwk::Error::MixedKeySet | jot_jwt::jwk::Error::SymmetricKeySet)
                ),
                "{path}: {cause:?}"
            );
        }
        // The second verification came within the cooldown: no new fetch.
        assert_eq!(server.hits(path), 1, "{path}");
        assert!(jwks.current().is_none());
    }
}

#[tokio::test]
async fn a_set_publishing_a_private_key_is_refused() {
    let server = TestServer::start().await;
    let ec = es256("k1");
    // The private key as published, next to another key's public half.
    let other = es256("k2");
    server.route(JWKS, Reply::json(JwkSetJson::with(&[other.to_public().expect("public"), ec.clone()])));
    let jwks = remote(&server.url(JWKS)).cooldown(Duration::from_secs(60)).build().expect("build");
    for t in [token(&ec), token(&other)] {
        let err = verify(&jwks, &t).await.expect_err("refused");
        assert!(
            matches!(err, jot_jwt::Error::KeySource(Error::Unavailable(ref inner)) if **inner == Error::PrivateKeyPublished),
            "{err:?}"
        );
    }
    assert_eq!(server.hits(JWKS), 1);
    assert!(jwks.current().is_none());
}

/// A JWK Set document of the keys as given (private members included):
/// what a misconfigured provider might publish.
struct JwkSetJson;

impl JwkSetJson {
    fn with(keys: &[jot_jwt::Jwk]) -> String {
        jot_jwt::JwkSet::from_keys(keys.to_vec()).to_json()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_is_refused_before_any_request() {
    let server = TestServer::start().await;
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])));
    // Loopback without the opt-in.
    let err = RemoteJwkSet::builder(server.url(JWKS)).algorithms(&[JwsAlgorithm::ES256]).build().expect_err("refused");
    assert!(matches!(err, Error::InsecureUrl(_)), "{err:?}");
    // Not loopback, with the opt-in.
    for url in ["http://10.0.0.1/jwks", "http://192.0.2.1:8080/jwks", "http://localhost.example/jwks"] {
        let err = remote(url).build().expect_err("refused");
        assert!(matches!(err, Error::InsecureUrl(_)), "{url}: {err:?}");
    }
    // Other schemes and credentials.
    for url in ["file:///etc/passwd", "ftp://127.0.0.1/jwks", &server.url(JWKS).replace("http://", "http://u:p@")] {
        let err = remote(url).build().expect_err("refused");
        assert!(matches!(err, Error::InsecureUrl(_)), "{url}: {err:?}");
    }
    assert_eq!(server.total_hits(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn builder_settings_are_checked() {
    let url = "https://id.example/jwks";
    let err = RemoteJwkSet::builder(url).build().expect_err("no algorithms");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let err = remote(url).ttl_bounds(Duration::from_secs(10), Duration::from_secs(1)).build().expect_err("min > max");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let err = remote(url).timeout(Duration::ZERO).build().expect_err("zero timeout");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}
