//! Token rules beyond one validation: `require_at_jwt()` (RFC 9068 explicit
//! typing) and `by_issuer` (several issuers, each with its own keys, chosen
//! by the token's unverified `iss` and trusted for nothing else).

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use jot_axum::{BearerAuth, VerifiedToken};
use jot_jwt::alg::JwsAlgorithm;
use jot_jwt::jws::JwsBuilder;
use jot_jwt::{Jwk, JwtBuilder};
use support::*;

const A: &str = "https://a.example";
const B: &str = "https://b.example";

async fn who(t: VerifiedToken) -> String {
    format!("{} {}", t.registered().iss.as_deref().unwrap_or("-"), sub_of(&t))
}

fn service(auth: BearerAuth) -> Router {
    Router::new().route("/who", get(who)).route_layer(auth)
}

fn from(iss: &str, aud: &str) -> JwtBuilder {
    JwtBuilder::new().issuer(iss).audience(aud).subject("alice").expires_in(Duration::from_secs(300))
}

#[tokio::test]
async fn at_jwt_is_required_when_asked() {
    let key = es256("k1");
    let app = service(BearerAuth::new(validation(&key)).realm(REALM).require_at_jwt());
    for typ in ["at+jwt", "application/at+jwt", "AT+JWT", "Application/At+Jwt"] {
        let token = sign(&key, claims().typ(typ));
        let answer = send(&app, bearer("/who", &token)).await;
        assert_eq!(answer.status, StatusCode::OK, "{typ}: {answer:?}");
    }
    for typ in [Some("JWT"), Some("jwt"), Some("at+jwt+x"), Some("application/jwt"), Some("secevent+jwt"), None] {
        let token = sign(&key, typ.map_or_else(|| claims().without_typ(), |t| claims().typ(t)));
        let answer = send(&app, bearer("/who", &token)).await;
        assert_eq!(assert_invalid_token(&answer, REALM), "token type not accepted", "{typ:?}");
        assert_token_not_echoed(&answer, &token);
    }

    // Without the option a plain JWT is fine.
    let plain = service(BearerAuth::new(validation(&key)));
    assert_eq!(send(&plain, bearer("/who", &token(&key))).await.status, StatusCode::OK);
}

#[tokio::test]
async fn each_issuer_has_its_own_validation() {
    let (ka, kb) = (es256("a1"), es256("b1"));
    let auth = BearerAuth::by_issuer([
        (A, bare_validation(&ka).audience("a-api")),
        (B, bare_validation(&kb).audience("b-api")),
    ])
    .realm(REALM);
    let app = service(auth);

    let answer = send(&app, bearer("/who", &sign(&ka, from(A, "a-api")))).await;
    assert_eq!((answer.status, answer.text()), (StatusCode::OK, "https://a.example alice"));
    let answer = send(&app, bearer("/who", &sign(&kb, from(B, "b-api")))).await;
    assert_eq!((answer.status, answer.text()), (StatusCode::OK, "https://b.example alice"));

    // Naming A but signed with B's key (with B's kid, or no kid): A's keys
    // verify, B's are never tried.
    let forged = sign(&kb, from(A, "a-api"));
    assert_eq!(assert_invalid_token(&send(&app, bearer("/who", &forged)).await, REALM), "no key matches the token");
    let mut kb_no_kid = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let forged = sign(&kb_no_kid, from(A, "a-api"));
    assert_invalid_token(&send(&app, bearer("/who", &forged)).await, REALM);
    // ... nor under A's kid.
    kb_no_kid.set_kid("a1");
    let forged = sign(&kb_no_kid, from(A, "a-api"));
    assert_eq!(assert_invalid_token(&send(&app, bearer("/who", &forged)).await, REALM), "invalid signature");

    // The routed validation's own rules still hold: A's audience for A.
    let wrong_aud = sign(&ka, from(A, "b-api"));
    assert_eq!(assert_invalid_token(&send(&app, bearer("/who", &wrong_aud)).await, REALM), "audience not accepted");
}

#[tokio::test]
async fn an_unlisted_or_missing_issuer_is_refused() {
    let (ka, kb) = (es256("a1"), es256("b1"));
    let app = service(
        BearerAuth::by_issuer([(A, bare_validation(&ka).any_audience()), (B, bare_validation(&kb).any_audience())])
            .realm(REALM),
    );

    for token in [
        sign(&ka, from("https://c.example", "a-api")),
        sign(&ka, from("https://a.example/", "a-api")),
        sign(&ka, from("HTTPS://A.EXAMPLE", "a-api")),
        sign(&ka, from("", "a-api")),
        sign(&ka, JwtBuilder::new().subject("alice").expires_in(Duration::from_secs(300))),
        sign(&ka, JwtBuilder::new().claim("iss", 7_i64).expires_in(Duration::from_secs(300))),
    ] {
        let answer = send(&app, bearer("/who", &token)).await;
        assert_eq!(assert_invalid_token(&answer, REALM), "issuer not accepted");
        assert_token_not_echoed(&answer, &token);
    }
    // Not a JWS at all: nothing to route by.
    for token in ["Zm9vYmFyYmF6cXV4", "Zm9v.YmFy.YmF6.cXV4.cXV1"] {
        assert_invalid_token(&send(&app, bearer("/who", token)).await, REALM);
    }
}

#[tokio::test]
async fn the_unverified_iss_chooses_the_validation_and_nothing_else() {
    let (ka, kb) = (es256("a1"), es256("b1"));
    // A's validation accepts B as an issuer too: routing by A must still
    // end in a token that A's validation verifies with A's keys.
    let auth = BearerAuth::by_issuer([
        (A, bare_validation(&ka).issuer(B).any_audience()),
        (B, bare_validation(&kb).any_audience()),
    ])
    .realm(REALM);
    let app = service(auth);

    // A payload that names A twice or A then B: the router and the
    // verifier read the same strict JSON, so neither may see another iss.
    let signer = kb.signing_key(JwsAlgorithm::ES256).unwrap();
    let exp = now() + 300;
    for payload in [
        format!(r#"{{"iss":"{A}","iss":"{B}","exp":{exp}}}"#),
        format!(r#"{{"iss":"{B}","iss":"{A}","exp":{exp}}}"#),
        format!(r#"{{"iss":"{A}","exp":{exp}}}"#),
    ] {
        let token = JwsBuilder::new(&signer).typ("JWT").compact(payload.as_bytes()).unwrap();
        let answer = send(&app, bearer("/who", &token)).await;
        assert_invalid_token(&answer, REALM);
        assert_token_not_echoed(&answer, &token);
    }

    // A token B signed that names B reaches B's validation; one A signed
    // that names B is refused by B's (A's key is not B's, though A's
    // validation would accept iss B).
    assert_eq!(send(&app, bearer("/who", &sign(&kb, from(B, "x")))).await.status, StatusCode::OK);
    let answer = send(&app, bearer("/who", &sign(&ka, from(B, "x")))).await;
    assert_eq!(assert_invalid_token(&answer, REALM), "no key matches the token");

    // The iss the handler sees is the verified one.
    let answer = send(&app, bearer("/who", &sign(&ka, from(A, "x")))).await;
    assert_eq!(answer.text(), "https://a.example alice");

    // An escaped iss routes as its value (the same JSON reading).
    let payload = format!(r#"{{"iss":"https:\/\/a.example","sub":"alice","exp":{exp}}}"#);
    let token =
        JwsBuilder::new(&ka.signing_key(JwsAlgorithm::ES256).unwrap()).typ("JWT").compact(payload.as_bytes()).unwrap();
    let answer = send(&app, bearer("/who", &token)).await;
    assert_eq!((answer.status, answer.text()), (StatusCode::OK, "https://a.example alice"));
}

#[tokio::test]
async fn at_jwt_applies_to_every_issuer() {
    let (ka, kb) = (es256("a1"), es256("b1"));
    let app = service(
        BearerAuth::by_issuer([(A, bare_validation(&ka).any_audience()), (B, bare_validation(&kb).any_audience())])
            .realm(REALM)
            .require_at_jwt(),
    );
    for (key, iss) in [(&ka, A), (&kb, B)] {
        let at = sign(key, from(iss, "x").typ("at+jwt"));
        assert_eq!(send(&app, bearer("/who", &at)).await.status, StatusCode::OK, "{iss}");
        let jwt = sign(key, from(iss, "x"));
        assert_eq!(assert_invalid_token(&send(&app, bearer("/who", &jwt)).await, REALM), "token type not accepted");
    }
}
