//! jot's remote JWK Sets and discovery (jot-jwks, through jot-jwt's
//! `remote` feature) against a real identity provider: panva's
//! `oidc-provider` (npm, OpenID Certified), run by Node.js from
//! `interop/oidc/` (`provider.mjs`; `oidc-provider` pinned in `package.json`
//! and `package-lock.json`).
//!
//! The provider listens on `http://127.0.0.1:<port>` (jot allows plain http
//! for loopback only, through `allow_http_loopback`). A confidential client
//! gets client credentials access tokens for a resource (RFC 8707 resource
//! indicators) as JWTs (RFC 9068, `typ: at+jwt`); jot finds the keys
//! through OpenID Connect discovery and verifies the tokens with
//! `Validation::from_remote(..).verify_async`. `POST /__rotate` makes the
//! provider publish a new signing key (first in its set, earlier keys kept)
//! without a restart, and jot must follow with one refresh.
//!
//! Needs `node` on PATH and `npm ci` run in `interop/oidc` (`.ci/run` does
//! it). Without them the tests print a loud SKIPPED line and pass, except
//! under CI (`CI` set), where a missing prerequisite fails them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::io::Write;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::oidc::{CLIENT_ID, Client, Provider, TOKEN_TTL, available, get_json, kid_of};
use jot_jwt::alg::JwsAlgorithm;
use jot_jwt::jwks::RemoteJwkSet;
use jot_jwt::{Error, Jwt, Validation};
use serde::Deserialize;
use serde_json::Value;

/// The resource (RFC 8707) the tokens are for: their `aud`.
const RESOURCE: &str = "urn:jot:test-api";
/// Another resource the provider serves: a token for it is not for us.
const OTHER_RESOURCE: &str = "urn:jot:other-api";
/// The cooldown between refreshes caused by unknown `kid`s, shortened from
/// jot's 30 s so that the tests wait only this long before verifying a
/// rotated key.
const COOLDOWN: Duration = Duration::from_secs(2);

/// The claims of an oidc-provider client credentials JWT access token
/// (RFC 9068 section 2.2), as the caller's type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccessToken {
    iss: String,
    aud: String,
    sub: String,
    client_id: String,
    exp: i64,
    iat: i64,
    jti: String,
    scope: Option<String>,
}

fn now() -> i64 {
    i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()).unwrap()
}

/// The claims and header every token of the provider must show.
fn check_token(jwt: &Jwt<AccessToken>, issuer: &str, kid: &str, alg: JwsAlgorithm) {
    let header = jwt.header().unwrap();
    assert_eq!(header.kid(), Some(kid));
    assert_eq!(header.alg(), Some(alg));
    assert_eq!(header.typ(), Some("at+jwt"));
    let claims = jwt.claims();
    assert_eq!(claims.iss, issuer);
    assert_eq!(claims.aud, RESOURCE);
    assert_eq!(claims.client_id, CLIENT_ID);
    // RFC 9068 section 2.2: with no resource owner, sub is the client.
    assert_eq!(claims.sub, CLIENT_ID);
    assert_eq!(claims.exp - claims.iat, TOKEN_TTL);
    let now = now();
    assert!(claims.iat <= now + 5 && claims.exp > now, "iat {} exp {} now {now}", claims.iat, claims.exp);
    assert!(!claims.jti.is_empty());
    assert_eq!(claims.scope.as_deref(), Some("read"));
}

fn remote_set(issuer: &str) -> RemoteJwkSet {
    RemoteJwkSet::discover(issuer)
        .algorithms(&[JwsAlgorithm::RS256, JwsAlgorithm::ES256])
        .allow_http_loopback()
        .cooldown(COOLDOWN)
        .build()
        .unwrap()
}

fn requests(jwks: &RemoteJwkSet) -> u64 {
    jwks.status().requests
}

/// Waits until the cooldown since the last fetch has passed.
async fn past_cooldown(since: Instant) {
    let wait = (COOLDOWN + Duration::from_millis(100)).saturating_sub(since.elapsed());
    tokio::time::sleep(wait).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_credentials_jwts_verify_through_discovery_across_a_key_rotation() {
    if !available("client_credentials_jwts_verify_through_discovery_across_a_key_rotation") {
        return;
    }
    let provider = Provider::start("RS256");
    let issuer = provider.issuer.clone();
    let client = Client::new(&issuer).await;

    let jwks = remote_set(&issuer);
    let validation = Validation::from_remote(jwks.clone()).audience(RESOURCE).typ("at+jwt");
    assert_eq!(requests(&jwks), 0, "nothing is fetched before the first verification");

    // The first token: discovery, then the key set, each fetched once.
    let token1 = client.token(RESOURCE).await;
    assert_eq!(kid_of(&token1), "rs256-1");
    let started = Instant::now();
    let jwt = validation.verify_async::<AccessToken>(&token1).await.unwrap();
    check_token(&jwt, &issuer, "rs256-1", JwsAlgorithm::RS256);
    assert_eq!(requests(&jwks), 2, "discovery + key set");
    let status = jwks.status();
    assert_eq!(status.jwks_uri.as_deref(), Some(format!("{issuer}/jwks").as_str()));
    assert_eq!(status.keys, 1);
    assert!(status.fresh && status.last_error.is_none());

    // Cached: another token with the same key costs no request.
    let token1b = client.token(RESOURCE).await;
    check_token(&validation.verify_async(&token1b).await.unwrap(), &issuer, "rs256-1", JwsAlgorithm::RS256);
    assert_eq!(requests(&jwks), 2);

    // A genuine token for another resource is refused for its audience,
    // and accepted by a validation for that resource (same remote set).
    let other = client.token(OTHER_RESOURCE).await;
    let refused = validation.verify_async::<AccessToken>(&other).await.unwrap_err();
    assert!(matches!(refused, Error::InvalidAudience), "{refused:?}");
    let for_other = Validation::from_remote(jwks.clone()).audience(OTHER_RESOURCE);
    for_other.verify_async::<Value>(&other).await.unwrap();
    assert_eq!(requests(&jwks), 2);

    // Rotation to a new RS256 key, once the cooldown since the first fetch
    // has passed: the new token's kid is unknown to the cached set, which
    // causes exactly one refresh, and it verifies with the SAME set and
    // validation.
    past_cooldown(started).await;
    let (kid2, kids) = client.rotate("RS256").await;
    assert_eq!(kid2, "rs256-2");
    assert_eq!(kids, ["rs256-2", "rs256-1"]);
    let token2 = client.token(RESOURCE).await;
    assert_eq!(kid_of(&token2), kid2);
    let jwt = validation.verify_async::<AccessToken>(&token2).await.unwrap();
    check_token(&jwt, &issuer, &kid2, JwsAlgorithm::RS256);
    assert_eq!(requests(&jwks), 3, "one refresh after the rotation (the metadata is not fetched again)");
    assert_eq!(jwks.status().keys, 2);

    // The old key is still published: a token issued before the rotation
    // still verifies, with no further request.
    check_token(&validation.verify_async(&token1).await.unwrap(), &issuer, "rs256-1", JwsAlgorithm::RS256);
    let token2b = client.token(RESOURCE).await;
    check_token(&validation.verify_async(&token2b).await.unwrap(), &issuer, &kid2, JwsAlgorithm::RS256);
    assert_eq!(requests(&jwks), 3);

    // A wrong audience after the rotation too, with no request.
    let other = client.token(OTHER_RESOURCE).await;
    assert!(matches!(validation.verify_async::<AccessToken>(&other).await, Err(Error::InvalidAudience)));
    assert_eq!(requests(&jwks), 3);
    let status = jwks.status();
    assert!(status.fresh && status.last_error.is_none(), "{status:?}");
    let _ = writeln!(std::io::stderr(), "oidc-provider: jot made {} requests to the provider", requests(&jwks));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn es256_tokens_through_discovery_and_an_es256_rotation() {
    if !available("es256_tokens_through_discovery_and_an_es256_rotation") {
        return;
    }
    let provider = Provider::start("ES256");
    let issuer = provider.issuer.clone();
    let client = Client::new(&issuer).await;
    let jwks = remote_set(&issuer);
    let validation = Validation::from_remote(jwks.clone()).audience(RESOURCE).typ("at+jwt");

    let token1 = client.token(RESOURCE).await;
    let started = Instant::now();
    let jwt = validation.verify_async::<AccessToken>(&token1).await.unwrap();
    check_token(&jwt, &issuer, "es256-1", JwsAlgorithm::ES256);
    // The provider advertises ES256 only (id_token_signing_alg_values_supported
    // follows its keys): discovery narrowed the accepted algorithms to it.
    assert_eq!(jwks.current().unwrap().algorithms(), [JwsAlgorithm::ES256]);
    assert_eq!(requests(&jwks), 2);

    // A rotation within the cooldown of the last fetch: the new kid is
    // refused at once, with no request (a token naming unknown kids cannot
    // make jot fetch more than once per cooldown) ...
    let (kid2, kids) = client.rotate("ES256").await;
    assert_eq!(kids, [kid2.as_str(), "es256-1"]);
    let token2 = client.token(RESOURCE).await;
    assert_eq!(kid_of(&token2), kid2);
    // (The fetch began after `started`, so this is within the cooldown; on a
    // machine too loaded to get here in time the check is skipped, loudly.)
    if started.elapsed() + Duration::from_millis(300) < COOLDOWN {
        let refused = validation.verify_async::<AccessToken>(&token2).await.unwrap_err();
        assert!(matches!(refused, Error::Jws(jot_jwt::jws::Error::NoMatchingKey)), "{refused:?}");
        assert_eq!(requests(&jwks), 2);
    } else {
        let _ = writeln!(std::io::stderr(), "NOT CHECKED: the cooldown passed before the rotated token came back");
    }
    // ... and once the cooldown has passed, one refresh finds it.
    past_cooldown(started).await;
    check_token(&validation.verify_async(&token2).await.unwrap(), &issuer, &kid2, JwsAlgorithm::ES256);
    check_token(&validation.verify_async(&token1).await.unwrap(), &issuer, "es256-1", JwsAlgorithm::ES256);
    assert_eq!(requests(&jwks), 3, "discovery + key set + one refresh after the rotation");
}

/// A rotation to a key of another algorithm (RS256, then ES256): the
/// provider's token is genuine (an ES256 key it publishes, `alg` ES256 in
/// the key, ES256 in the caller's accepted list, and in the provider's
/// metadata after the rotation), and jot accepts it after one refresh.
/// Discovery first narrowed the algorithms to the metadata's
/// `id_token_signing_alg_values_supported` (`["RS256"]`); a token whose
/// algorithm the narrowed set refuses counts as a miss, and the refresh it
/// causes reads the metadata again (found by this test).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotation_to_a_key_of_another_algorithm() {
    if !available("rotation_to_a_key_of_another_algorithm") {
        return;
    }
    let provider = Provider::start("RS256");
    let issuer = provider.issuer.clone();
    let client = Client::new(&issuer).await;
    let jwks = remote_set(&issuer);
    let validation = Validation::from_remote(jwks.clone()).audience(RESOURCE).typ("at+jwt");

    let token1 = client.token(RESOURCE).await;
    let started = Instant::now();
    check_token(&validation.verify_async(&token1).await.unwrap(), &issuer, "rs256-1", JwsAlgorithm::RS256);
    past_cooldown(started).await;
    let (kid2, _) = client.rotate("ES256").await;
    let metadata = get_json(&client.http, &format!("{issuer}/.well-known/openid-configuration")).await;
    assert_eq!(metadata["id_token_signing_alg_values_supported"], serde_json::json!(["ES256", "RS256"]));
    let token2 = client.token(RESOURCE).await;
    let verified = validation.verify_async::<AccessToken>(&token2).await;
    let status = jwks.status();
    let jwt = verified.unwrap_or_else(|e| panic!("{kid2}: {e:?}; {status:?}"));
    check_token(&jwt, &issuer, &kid2, JwsAlgorithm::ES256);
    assert_eq!(requests(&jwks), 4, "discovery + key set, then both again after the algorithm miss");
    check_token(&validation.verify_async(&token1).await.unwrap(), &issuer, "rs256-1", JwsAlgorithm::RS256);
    assert_eq!(requests(&jwks), 4);
}
