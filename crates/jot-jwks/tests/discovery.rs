//! OpenID Connect Discovery and RFC 8414 metadata: the issuer must match
//! exactly, the `jwks_uri` is held to the URL rules, advertised algorithms
//! narrow the caller's, the discovered issuer is required of every token,
//! and metadata is fetched again after a key set fetch fails.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use jot_jwks::{Error, RemoteJwkSet, RemoteJwkSetBuilder};
use jot_jwt::alg::JwsAlgorithm;
use jot_jwt::{JwtBuilder, Validation};
use support::*;

const OIDC: &str = "/.well-known/openid-configuration";
const JWKS: &str = "/jwks";

/// What a case expects of the error.
type Expect = fn(&Error) -> bool;

/// A metadata document.
fn metadata(issuer: &str, jwks_uri: &str, algs: Option<&[&str]>) -> Reply {
    let algs = algs.map_or(String::new(), |a| {
        let quoted: Vec<_> = a.iter().map(|s| format!("\"{s}\"")).collect();
        format!(",\"id_token_signing_alg_values_supported\":[{}]", quoted.join(","))
    });
    Reply::json(format!(
        "{{\"issuer\":\"{issuer}\",\"jwks_uri\":\"{jwks_uri}\",\"response_types_supported\":[\"code\"]{algs}}}"
    ))
}

fn discover(issuer: &str) -> RemoteJwkSetBuilder {
    short_timings(RemoteJwkSet::discover(issuer))
}

/// A token from `issuer` signed by `key`.
fn token_from(key: &jot_jwt::Jwk, issuer: &str) -> String {
    token_with(key, JwtBuilder::new().issuer(issuer))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_jwks_uri_is_found_through_the_metadata() {
    let server = TestServer::start().await;
    let issuer = server.base();
    let key = es256("k1");
    server.route(OIDC, metadata(&issuer, &server.url(JWKS), Some(&["ES256"])));
    server.route(JWKS, Reply::json(set_json(&[&key])));
    let jwks = discover(&issuer).build().expect("build");
    assert_eq!(jwks.issuer(), Some(issuer.as_str()));
    assert_eq!(server.total_hits(), 0, "nothing is fetched by build()");
    for _ in 0..5 {
        verify(&jwks, &token_from(&key, &issuer)).await.expect("verifies");
    }
    assert_eq!((server.hits(OIDC), server.hits(JWKS)), (1, 1));
    assert_eq!(server.seen(OIDC)[0].header("accept"), Some("application/json"));
    let status = jwks.status();
    assert_eq!(status.jwks_uri.as_deref(), Some(server.url(JWKS).as_str()));
    assert_eq!(status.requests, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_issuer_mismatch_is_refused_before_the_key_set() {
    let server = TestServer::start().await;
    let issuer = server.base();
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])));
    for stated in [format!("{issuer}/"), "https://id.example".to_owned(), issuer.to_uppercase()] {
        server.route(OIDC, metadata(&stated, &server.url(JWKS), None));
        let jwks = discover(&issuer).build().expect("build");
        let err = verify(&jwks, &token_from(&key, &issuer)).await.expect_err("refused");
        assert_eq!(unavailable_cause(err), Error::IssuerMismatch, "{stated}");
    }
    assert_eq!((server.hits(OIDC), server.hits(JWKS)), (3, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_jwks_uri_that_breaks_the_url_rules_is_refused() {
    let server = TestServer::start().await;
    let issuer = server.base();
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])));
    for jwks_uri in [
        "http://10.0.0.1/jwks".to_owned(),
        "http://169.254.169.254/latest/meta-data".to_owned(),
        "file:///etc/passwd".to_owned(),
        server.url(JWKS).replace("http://", "http://user:pw@"),
    ] {
        server.route(OIDC, metadata(&issuer, &jwks_uri, None));
        let jwks = discover(&issuer).build().expect("build");
        let err = verify(&jwks, &token_from(&key, &issuer)).await.expect_err("refused");
        let cause = unavailable_cause(err);
        assert!(matches!(cause, Error::InsecureUrl(_)), "{jwks_uri}: {cause:?}");
    }
    // A loopback http jwks_uri needs the opt-in, like the issuer.
    assert_eq!((server.hits(OIDC), server.hits(JWKS)), (4, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_http_issuer_is_refused_without_the_loopback_opt_in() {
    let err =
        RemoteJwkSet::discover("http://127.0.0.1:9/").algorithms(&[JwsAlgorithm::ES256]).build().expect_err("refused");
    assert!(matches!(err, Error::InsecureUrl(_)), "{err:?}");
    let err = discover("http://10.1.2.3").build().expect_err("refused");
    assert!(matches!(err, Error::InsecureUrl(_)), "{err:?}");
    let err = discover("https://id.example?tenant=a").build().expect_err("refused");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn advertised_algorithms_narrow_the_accepted_ones() {
    let server = TestServer::start().await;
    let issuer = server.base();
    let p256 = es256("p256");
    let p384 = key_for(JwsAlgorithm::ES384, "p384");
    server.route(JWKS, Reply::json(set_json(&[&p256, &p384])));
    // The provider advertises ES384 (and algorithms the caller did not ask
    // for, which are not added).
    server.route(OIDC, metadata(&issuer, &server.url(JWKS), Some(&["ES384", "RS256", "none", "HS256"])));
    // A long cooldown: the refused ES256 token below must not refresh.
    let jwks = discover(&issuer)
        .algorithms(&[JwsAlgorithm::ES256, JwsAlgorithm::ES384])
        .cooldown(Duration::from_secs(60))
        .build()
        .expect("build");
    verify(&jwks, &token_from(&p384, &issuer)).await.expect("ES384 verifies");
    let snap = jwks.current().expect("fetched");
    assert_eq!(snap.algorithms(), &[JwsAlgorithm::ES384]);
    assert_eq!(jwks.algorithms(), &[JwsAlgorithm::ES256, JwsAlgorithm::ES384]);
    // No key is bound to ES256 any more: the header's alg is refused as
    // such (and, within the cooldown, causes no refresh).
    let err = verify(&jwks, &token_from(&p256, &issuer)).await.expect_err("ES256 no longer accepted");
    assert_eq!(err, jot_jwt::Error::Jws(jot_jwt::jws::Error::AlgorithmNotAllowed));
    assert_eq!((server.hits(OIDC), server.hits(JWKS)), (1, 1));

    // None in common: refused, and the key set is not fetched.
    server.route(
        "/other/.well-known/openid-configuration",
        metadata(&server.url("/other"), &server.url(JWKS), Some(&["RS256"])),
    );
    let jwks = discover(&server.url("/other")).build().expect("build");
    let err = verify(&jwks, &token_from(&p256, &server.url("/other"))).await.expect_err("refused");
    assert_eq!(unavailable_cause(err), Error::NoCommonAlgorithm);
    assert_eq!(server.hits("/other/.well-known/openid-configuration"), 1);
    assert_eq!(server.hits(JWKS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_discovered_issuer_is_required_whatever_issuers_the_caller_adds() {
    let server = TestServer::start().await;
    let issuer = server.base();
    let key = es256("k1");
    server.route(OIDC, metadata(&issuer, &server.url(JWKS), None));
    server.route(JWKS, Reply::json(set_json(&[&key])));
    let jwks = discover(&issuer).build().expect("build");
    let validation = Validation::from_remote(jwks.clone()).issuer("other");

    // A token from "other", signed by a key of the discovered set.
    let err = verify_with(&validation, &token_from(&key, "other")).await.expect_err("refused");
    assert_eq!(err, jot_jwt::Error::InvalidIssuer);
    let err = verify(&jwks, &token_from(&key, "other")).await.expect_err("refused");
    assert_eq!(err, jot_jwt::Error::InvalidIssuer);
    // No `iss` at all.
    let err = verify(&jwks, &token(&key)).await.expect_err("refused");
    assert_eq!(err, jot_jwt::Error::MissingClaim(jot_jwt::Claim::Iss));
    // The discovered issuer passes the binding, but the caller's own rule
    // still applies: both must hold.
    let err = verify_with(&validation, &token_from(&key, &issuer)).await.expect_err("refused by the caller's rule");
    assert_eq!(err, jot_jwt::Error::InvalidIssuer);
    verify_with(&Validation::from_remote(jwks.clone()).issuer(&issuer), &token_from(&key, &issuer))
        .await
        .expect("verifies");
    verify(&jwks, &token_from(&key, &issuer)).await.expect("verifies");
    assert_eq!((server.hits(OIDC), server.hits(JWKS)), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metadata_is_fetched_again_after_a_key_set_fetch_fails() {
    let server = TestServer::start().await;
    let issuer = server.base();
    let key = es256("k1");
    server.route(OIDC, metadata(&issuer, &server.url(JWKS), None));
    server.route(JWKS, Reply::status(500));
    let jwks = discover(&issuer).cooldown(Duration::from_millis(300)).build().expect("build");
    let err = verify(&jwks, &token_from(&key, &issuer)).await.expect_err("fails");
    assert_eq!(unavailable_cause(err), Error::Status(500));
    assert_eq!((server.hits(OIDC), server.hits(JWKS)), (1, 1));

    // The provider moved its keys: the new metadata names the new URL.
    server.route(OIDC, metadata(&issuer, &server.url("/keys/v2"), None));
    server.route("/keys/v2", Reply::json(set_json(&[&key])));
    tokio::time::sleep(Duration::from_millis(400)).await;
    verify(&jwks, &token_from(&key, &issuer)).await.expect("verifies from the moved set");
    assert_eq!((server.hits(OIDC), server.hits(JWKS), server.hits("/keys/v2")), (2, 1, 1));
    assert_eq!(jwks.status().jwks_uri.as_deref(), Some(server.url("/keys/v2").as_str()));

    // While key fetches succeed, the metadata is not fetched again.
    bounded(jwks.reload()).await.expect("reload");
    bounded(jwks.reload()).await.expect("reload");
    assert_eq!((server.hits(OIDC), server.hits("/keys/v2")), (2, 3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metadata_is_fetched_again_after_its_ttl() {
    let server = TestServer::start().await;
    let issuer = server.base();
    let key = es256("k1");
    server.route(OIDC, metadata(&issuer, &server.url(JWKS), None));
    server.route(JWKS, Reply::json(set_json(&[&key])));
    let jwks = discover(&issuer).metadata_ttl(Duration::from_millis(300)).build().expect("build");
    bounded(jwks.reload()).await.expect("first");
    bounded(jwks.reload()).await.expect("within the metadata TTL");
    assert_eq!((server.hits(OIDC), server.hits(JWKS)), (1, 2));
    tokio::time::sleep(Duration::from_millis(400)).await;
    bounded(jwks.reload()).await.expect("past the metadata TTL");
    assert_eq!((server.hits(OIDC), server.hits(JWKS)), (2, 3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_metadata_document_is_a_typed_error() {
    let server = TestServer::start().await;
    let issuer = server.base();
    let key = es256("k1");
    server.route(JWKS, Reply::json(set_json(&[&key])));
    let cases: [(Reply, Expect); 5] = [
        (Reply::status(404), |e| *e == Error::Status(404)),
        (Reply::status(302).header("Location", "/elsewhere"), |e| *e == Error::Status(302)),
        (Reply::json("{\"issuer\":1}"), |e| matches!(e, Error::InvalidMetadata(_))),
        (Reply::json("[]"), |e| matches!(e, Error::InvalidMetadata(_))),
        (
            Reply::json(format!("{{\"issuer\":\"{issuer}\",\"jwks_uri\":\"x\",\"pad\":\"{}\"}}", "x".repeat(70_000))),
            |e| *e == Error::BodyTooLarge { max: 64 * 1024 },
        ),
    ];
    for (i, (reply, want)) in cases.into_iter().enumerate() {
        server.route(OIDC, reply);
        let jwks = discover(&issuer).build().expect("build");
        let err = verify(&jwks, &token_from(&key, &issuer)).await.expect_err("refused");
        let cause = unavailable_cause(err);
        assert!(want(&cause), "case {i}: {cause:?}");
        assert_eq!(server.hits(OIDC), i + 1);
    }
    assert_eq!(server.hits(JWKS), 0);
    assert_eq!(server.hits("/elsewhere"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rfc_8414_metadata_is_found_before_the_issuer_path() {
    let server = TestServer::start().await;
    let issuer = server.url("/tenant-a");
    let key = es256("k1");
    let meta = "/.well-known/oauth-authorization-server/tenant-a";
    server.route(meta, metadata(&issuer, &server.url("/tenant-a/jwks"), None));
    server.route("/tenant-a/jwks", Reply::json(set_json(&[&key])));
    let jwks = short_timings(RemoteJwkSet::discover_oauth(&issuer)).build().expect("build");
    verify(&jwks, &token_from(&key, &issuer)).await.expect("verifies");
    assert_eq!((server.hits(meta), server.hits("/tenant-a/jwks")), (1, 1));
    // Not the OpenID Connect location.
    assert_eq!(server.hits("/tenant-a/.well-known/openid-configuration"), 0);
    let err = verify(&jwks, &token_from(&key, &server.base())).await.expect_err("another issuer");
    assert_eq!(err, jot_jwt::Error::InvalidIssuer);
}
