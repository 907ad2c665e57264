//! The example service's router, apart from `main` so that a test can
//! build the very same service (`interop/tests/axum_service.rs` includes
//! this file with `#[path = ...] mod app;`).
//!
//! | route | auth |
//! | --- | --- |
//! | `GET /health` | none |
//! | `GET /orders` | a token with scope `orders:read` |
//! | `POST /orders/write` | a token with scope `orders:write` |
//! | `GET /me` | optional: answers with or without a token, refuses a bad one |
//!
//! Tokens are RFC 9068 JWT access tokens (`typ: at+jwt`) from `issuer`, for
//! `audience`, verified with the keys the issuer publishes (found through
//! OpenID Connect discovery, cached and refreshed by jot).

use std::time::Duration;

use axum::Router;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jot_axum::{BearerAuth, Claims};
use jot_jwt::Validation;
use jot_jwt::alg::JwsAlgorithm;
use jot_jwt::jwks::{self, RemoteJwkSet};
use serde::Deserialize;
use serde_json::json;

/// What the service is configured with.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The issuer URL (its `/.well-known/openid-configuration` names the keys).
    pub issuer: String,
    /// The `aud` the tokens must carry: this service's resource identifier.
    pub audience: String,
    /// Accepts an `http://` issuer on a loopback address (tests, local
    /// development); any other issuer must be `https://`.
    pub allow_http_loopback: bool,
    /// Clock-skew leeway for `exp`/`nbf` (jot's default, 60 s, when `None`).
    pub leeway: Option<u64>,
    /// How long after a key set fetch an unknown `kid` causes no other fetch
    /// (jot's default, 30 s, when `None`).
    pub cooldown: Option<Duration>,
}

impl Settings {
    /// Settings with jot's defaults for everything but the issuer and audience.
    pub fn new(issuer: impl Into<String>, audience: impl Into<String>) -> Self {
        Self {
            issuer: issuer.into(),
            audience: audience.into(),
            allow_http_loopback: false,
            leeway: None,
            cooldown: None,
        }
    }
}

/// The claims the handlers read from a verified access token (RFC 9068
/// section 2.2; other claims are ignored).
#[derive(Debug, Deserialize)]
pub struct AccessClaims {
    /// The resource owner, or the client itself for client credentials.
    pub sub: String,
    /// The client the token was issued to.
    pub client_id: Option<String>,
    /// The granted scopes, space-separated.
    pub scope: Option<String>,
}

/// The service: `/health` open, the order routes protected (see the module
/// documentation). Nothing is fetched here: the issuer's metadata and keys
/// are fetched at the first token.
pub fn app(settings: &Settings) -> Result<Router, jwks::Error> {
    let mut keys = RemoteJwkSet::discover(settings.issuer.as_str()).algorithms(&[
        JwsAlgorithm::RS256,
        JwsAlgorithm::PS256,
        JwsAlgorithm::ES256,
        JwsAlgorithm::EdDSA,
    ]);
    if settings.allow_http_loopback {
        keys = keys.allow_http_loopback();
    }
    if let Some(cooldown) = settings.cooldown {
        keys = keys.cooldown(cooldown);
    }
    // from_remote also requires `iss` to be the discovered issuer.
    let mut validation = Validation::from_remote(keys.build()?).audience(settings.audience.as_str());
    if let Some(leeway) = settings.leeway {
        validation = validation.leeway(leeway);
    }
    let auth = BearerAuth::new(validation).realm("orders").require_at_jwt();

    // `route_layer` protects the routes added before it, in its own router.
    let read = Router::new().route("/orders", get(orders)).route_layer(auth.clone().require_scope("orders:read"));
    let write =
        Router::new().route("/orders/write", post(write_order)).route_layer(auth.clone().require_scope("orders:write"));
    let me = Router::new().route("/me", get(me)).route_layer(auth.optional());
    Ok(Router::new().route("/health", get(health)).merge(read).merge(write).merge(me))
}

async fn health() -> &'static str {
    "ok"
}

async fn orders(Claims(token): Claims<AccessClaims>) -> Response {
    json_response(&json!({
        "subject": token.sub,
        "client_id": token.client_id,
        "orders": [{ "id": 1, "item": "tea" }, { "id": 2, "item": "biscuits" }],
    }))
}

async fn write_order(Claims(token): Claims<AccessClaims>) -> Response {
    json_response(&json!({ "created": 3, "by": token.sub }))
}

async fn me(token: Option<Claims<AccessClaims>>) -> Response {
    match token {
        Some(Claims(token)) => json_response(&json!({
            "authenticated": true,
            "subject": token.sub,
            "client_id": token.client_id,
            "scope": token.scope,
        })),
        None => json_response(&json!({ "authenticated": false })),
    }
}

fn json_response(value: &serde_json::Value) -> Response {
    ([(CONTENT_TYPE, "application/json")], value.to_string()).into_response()
}
