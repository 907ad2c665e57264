//! # jot-axum
//!
//! Bearer token authentication (RFC 6750) for tower and axum services: a
//! [`BearerAuth`] layer verifies `Authorization: Bearer` with a jot
//! [`Validation`](jot_jwt::Validation) (local keys, a JWK Set, or a remote
//! set found through discovery), puts the verified token in the request's
//! extensions, and answers every failure as RFC 6750 section 3 says:
//!
//! | request | answer |
//! | --- | --- |
//! | no credentials | 401, `WWW-Authenticate: Bearer realm="..."`, no error code |
//! | two `Authorization` headers, another scheme, malformed credentials, a token in the URL | 400 `invalid_request` |
//! | bad, forged, expired or wrongly addressed token | 401 `invalid_token` (the description never echoes the token) |
//! | a required scope missing | 403 `insufficient_scope` with `scope="..."` |
//! | the keys unavailable (a remote set down, no stale keys) | 503 with `Retry-After`, no challenge |
//!
//! A protected route:
//!
//! ```no_run
//! use axum::{Router, routing::get};
//! use jot_axum::{BearerAuth, Claims};
//! use jot_jwt::{Validation, alg::JwsAlgorithm, jwks::RemoteJwkSet};
//!
//! #[derive(serde::Deserialize)]
//! struct User { sub: String }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let jwks = RemoteJwkSet::discover("https://id.example.com").algorithms(&[JwsAlgorithm::RS256]).build()?;
//! let auth = BearerAuth::new(Validation::from_remote(jwks).audience("orders-api")).realm("orders");
//! let app: Router = Router::new()
//!     .route("/orders", get(|Claims(user): Claims<User>| async move { format!("orders of {}", user.sub) }))
//!     .route_layer(auth.require_scope("orders:read"))
//!     .route("/health", get(|| async { "ok" }));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! axum::serve(listener, app).await?;
//! # Ok(())
//! # }
//! ```

mod auth;
mod claims;
mod extract;
mod layer;
mod rejection;
mod scope;

pub use auth::{BearerAuth, TokenCheck};
pub use claims::{Claims, ClaimsRejection, VerifiedToken};
pub use layer::BearerService;
pub use rejection::{BodyFn, Rejection};
