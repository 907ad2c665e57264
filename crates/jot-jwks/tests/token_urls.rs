//! Keys come only from the configured URL: a token's `jku`, `x5u` or `jwk`
//! header is never fetched or used, even when it points at a server that
//! would answer with the attacker's key.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use jot_jwt::JwtBuilder;
use jot_jwt::json::Value;
use support::*;

const JWKS: &str = "/jwks";
const EVIL: &str = "/attacker/jwks.json";
const EVIL_CERT: &str = "/attacker/cert.pem";

/// Makes a fresh JWT builder with the headers under test.
type MakeBuilder<'a> = dyn Fn() -> JwtBuilder + 'a;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jku_x5u_and_jwk_headers_are_neither_fetched_nor_trusted() {
    let server = TestServer::start().await;
    let legit = es256("k1");
    let attacker = es256("evil");
    server.route(JWKS, Reply::json(set_json(&[&legit])));
    // What the attacker's URLs would serve, were they fetched.
    server.route(EVIL, Reply::json(set_json(&[&attacker])));
    server.route(EVIL_CERT, Reply::status(200).header("Content-Type", "application/pem-certificate-chain"));
    let jwks = remote(&server.url(JWKS)).cooldown(Duration::from_secs(120)).build().expect("build");
    let attacker_public = Value::from(attacker.to_public().expect("public").to_object());

    let jku = server.url(EVIL);
    let x5u = server.url(EVIL_CERT);
    let cases: Vec<(&str, Box<MakeBuilder<'_>>)> = vec![
        ("jku", Box::new(|| JwtBuilder::new().header("jku", jku.as_str()))),
        ("x5u", Box::new(|| JwtBuilder::new().header("x5u", x5u.as_str()))),
        ("jwk", Box::new(|| JwtBuilder::new().header("jwk", attacker_public.clone()))),
        (
            "all three",
            Box::new(|| {
                JwtBuilder::new()
                    .header("jku", jku.as_str())
                    .header("x5u", x5u.as_str())
                    .header("jwk", attacker_public.clone())
            }),
        ),
    ];
    for (what, builder) in &cases {
        // Signed by the attacker, under the attacker's kid: no key in the
        // configured set matches.
        let err = verify(&jwks, &token_with(&attacker, builder())).await.expect_err("refused");
        assert_eq!(err, jot_jwt::Error::Jws(jot_jwt::jws::Error::NoMatchingKey), "{what}");
        // Signed by the attacker under the legitimate kid: the legitimate
        // key refuses the signature.
        let err = verify(&jwks, &token_with(&attacker, builder().kid("k1"))).await.expect_err("refused");
        assert_eq!(err, jot_jwt::Error::Jws(jot_jwt::jws::Error::InvalidSignature), "{what}");
    }
    assert_eq!(server.hits(EVIL), 0);
    assert_eq!(server.hits(EVIL_CERT), 0);
    assert_eq!(server.hits(JWKS), 1);

    // Past the cooldown, an unknown kid with a jku refreshes the configured
    // set, never the jku.
    let jwks = remote(&server.url(JWKS)).cooldown(Duration::from_millis(200)).build().expect("build");
    verify(&jwks, &token(&legit)).await.expect("legit verifies");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let err = verify(&jwks, &token_with(&attacker, JwtBuilder::new().header("jku", server.url(EVIL))))
        .await
        .expect_err("refused");
    assert_eq!(err, jot_jwt::Error::Jws(jot_jwt::jws::Error::NoMatchingKey));
    assert_eq!(server.hits(JWKS), 3);
    assert_eq!(server.hits(EVIL), 0);
    assert_eq!(server.total_hits(), 3);
}
