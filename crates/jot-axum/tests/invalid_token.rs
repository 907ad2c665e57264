//! 401 `invalid_token` (RFC 6750 section 3.1): a well-formed request whose
//! token is forged, expired, not yet valid, for another audience or issuer,
//! signed by an unknown key, unsecured, encrypted, or garbage. Each answer
//! names the kind of failure and never any part of the token.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use jot_axum::{BearerAuth, VerifiedToken};
use jot_jwt::JwtBuilder;
use jot_jwt::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_jwt::base64url;
use jot_jwt::jwe::JweBuilder;
use jot_jwt::{Jwk, JwkSet, Validation};
use support::*;

fn service(auth: BearerAuth) -> Router {
    Router::new().route("/orders", get(|t: VerifiedToken| async move { sub_of(&t) })).route_layer(auth)
}

/// Sends `token` and asserts 401 `invalid_token` with `description`, and
/// that nothing of the token comes back.
async fn refused(app: &Router, token: &str, description: &str) {
    let answer = send(app, bearer("/orders", token)).await;
    assert_eq!(assert_invalid_token(&answer, REALM), description, "{answer:?}");
    assert_token_not_echoed(&answer, token);
    assert_eq!(answer.json()["error_description"], description);
}

/// `token` with the character at `at` of segment `segment` replaced by
/// another of the base64url alphabet that keeps the encoding canonical.
fn flip(token: &str, segment: usize, at: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut chars: Vec<char> = parts[segment].chars().collect();
    chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
    parts[segment] = chars.into_iter().collect();
    parts.join(".")
}

#[tokio::test]
async fn forged_tokens_are_refused() {
    let key = es256("k1");
    let app = service(BearerAuth::new(validation(&key)).realm(REALM));
    let good = token(&key);
    assert_eq!(send(&app, bearer("/orders", &good)).await.status, StatusCode::OK);

    // One character of the signature flipped (inside it, so the encoding
    // stays canonical).
    refused(&app, &flip(&good, 2, 10), "invalid signature").await;
    // One character of the payload flipped: the signature no longer covers
    // it (or the payload no longer decodes).
    let tampered = flip(&good, 1, 4);
    let answer = send(&app, bearer("/orders", &tampered)).await;
    assert_invalid_token(&answer, REALM);
    assert_token_not_echoed(&answer, &tampered);

    // Signed by another key under the same kid.
    let other = es256("k1");
    refused(&app, &token(&other), "invalid signature").await;
}

#[tokio::test]
async fn time_audience_and_issuer_failures_name_their_kind() {
    let key = es256("k1");
    let app = service(BearerAuth::new(validation(&key)).realm(REALM));
    let now = now();

    let expired = sign(&key, claims().expires_at(now - 3600).issued_at(now - 7200));
    refused(&app, &expired, "the token has expired").await;

    let early = sign(&key, claims().not_before(now + 3600));
    refused(&app, &early, "the token is not yet valid").await;

    let elsewhere = sign(
        &key,
        JwtBuilder::new().issuer(ISS).audience("billing-api").subject("alice").expires_in(Duration::from_secs(300)),
    );
    refused(&app, &elsewhere, "audience not accepted").await;

    let foreign = sign(
        &key,
        JwtBuilder::new()
            .issuer("https://evil.example")
            .audience(AUD)
            .subject("alice")
            .expires_in(Duration::from_secs(300)),
    );
    refused(&app, &foreign, "issuer not accepted").await;

    let no_exp = sign(&key, JwtBuilder::new().issuer(ISS).audience(AUD).subject("alice"));
    refused(&app, &no_exp, "a required claim is missing").await;
}

#[tokio::test]
async fn unknown_keys_and_algorithms_are_refused() {
    let key = es256("k1");
    let app = service(BearerAuth::new(validation(&key)).realm(REALM));

    // A kid the service does not know, signed by the service's own key or
    // by another.
    refused(&app, &sign(&key, claims().kid("k2")), "no key matches the token").await;
    refused(&app, &token(&es256("k2")), "no key matches the token").await;

    // A key set: an unknown kid selects nothing.
    let set = JwkSet::from_keys(vec![key.to_public().unwrap()]);
    let from_set = Validation::from_jwk_set(&set, &[JwsAlgorithm::ES256]).unwrap().issuer(ISS).audience(AUD);
    let set_app = service(BearerAuth::new(from_set).realm(REALM));
    assert_eq!(send(&set_app, bearer("/orders", &token(&key))).await.status, StatusCode::OK);
    refused(&set_app, &token(&es256("nope")), "no key matches the token").await;

    // Another algorithm than the key is bound to.
    let mut es384 = Jwk::generate_for_jws(JwsAlgorithm::ES384).unwrap();
    es384.set_kid("k1");
    refused(&app, &token(&es384), "algorithm not accepted").await;

    // `alg: none`, with and without a signature segment.
    let header = base64url::encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload =
        base64url::encode(format!(r#"{{"iss":"{ISS}","aud":"{AUD}","sub":"alice","exp":{}}}"#, now() + 300).as_bytes());
    let none = format!("{header}.{payload}.");
    let answer = send(&app, bearer("/orders", &none)).await;
    assert_invalid_token(&answer, REALM);
    assert_token_not_echoed(&answer, &none);
    let signature = token(&key).rsplit('.').next().unwrap().to_owned();
    let none_signed = format!("{header}.{payload}.{signature}");
    let answer = send(&app, bearer("/orders", &none_signed)).await;
    assert_invalid_token(&answer, REALM);
    assert_token_not_echoed(&answer, &none_signed);
    refused(&app, &none, "algorithm not accepted").await;
}

#[tokio::test]
async fn an_encrypted_token_where_a_signed_one_is_expected_is_refused() {
    let key = es256("k1");
    let app = service(BearerAuth::new(validation(&key)).realm(REALM));
    let enc = Jwk::generate_for_jwe(JweAlgorithm::EcdhEsA256Kw, None).unwrap();
    let recipient = enc.to_public().unwrap().encrypting_key(JweAlgorithm::EcdhEsA256Kw).unwrap();
    let nested = claims()
        .sign_and_encrypt(
            &key.signing_key(JwsAlgorithm::ES256).unwrap(),
            JweBuilder::new(JweEncryption::A256Gcm).recipient(&recipient),
        )
        .unwrap();
    assert_eq!(nested.split('.').count(), 5);
    refused(&app, &nested, "encrypted token not accepted").await;
}

#[tokio::test]
async fn garbage_is_refused_without_echo() {
    let key = es256("k1");
    let app = service(BearerAuth::new(validation(&key)).realm(REALM));
    let good = token(&key);
    let (head, rest) = good.split_once('.').unwrap();
    let cases = [
        "Zm9vYmFyYmF6cXV4".to_owned(),
        "Zm9v.YmFy".to_owned(),
        "Zm9v.YmFy.YmF6.cXV4".to_owned(),
        "Zm9v.YmFy.YmF6.cXV4.cXV1.eA".to_owned(),
        "....".to_owned(),
        "a~b+c/d==".to_owned(),
        format!("{good}=="),
        format!("{head}.{head}.{head}"),
        format!("{rest}.{head}"),
        format!("{good}.{head}"),
        "x".repeat(40_000),
        format!("{head}.{}.QUJDREVGR0g", base64url::encode(b"[1,2,3]")),
        format!("{head}.{}.QUJDREVGR0g", base64url::encode(br#"{"a":1,"a":2}"#)),
    ];
    for token in &cases {
        let answer = send(&app, bearer("/orders", token)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{answer:?}");
        assert_invalid_token(&answer, REALM);
        assert_token_not_echoed(&answer, token);
    }
}
