//! # jot-jwt
//!
//! JSON Web Tokens (RFC 7519) with the best current practice of RFC 8725
//! and explicit typing (RFC 9068): issue, verify, validate, and nest signing
//! inside encryption. This is the one crate an application depends on: it
//! re-exports [`jwk`], [`jws`] and [`jwe`].
//!
//! At login, issue a token; on a protected route, check the
//! `Authorization: Bearer <token>` header (signature, issuer, audience,
//! expiry):
//!
//! ```
//! use std::time::Duration;
//! use jot_jwt::{Error, Jwk, JwtBuilder, Validation};
//! use jot_jwt::alg::JwsAlgorithm;
//!
//! // Once, at start-up: the identity provider's key; services get only its
//! // public half (normally from the published JWK Set).
//! let idp_key = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
//! let public = idp_key.to_public().expect("EC keys have a public part");
//! let signer = idp_key.signing_key(JwsAlgorithm::ES256)?;
//!
//! // At login: issue a token.
//! let token = JwtBuilder::new()
//!     .issuer("https://id.example.com")
//!     .subject("alice")
//!     .audience("orders-api")
//!     .expires_in(Duration::from_secs(15 * 60))
//!     .claim("scope", "orders:read")
//!     .sign(&signer)?;
//! let authorization = format!("Bearer {token}");
//!
//! // In the service, once: what it accepts. No default algorithm exists:
//! // the key is bound to ES256, so nothing in the token can choose another.
//! let validation = Validation::from_key(public.verifying_key(JwsAlgorithm::ES256)?)
//!     .issuer("https://id.example.com")
//!     .audience("orders-api");
//!
//! // On each request to a protected route:
//! fn authorize(validation: &Validation, header: &str) -> Result<String, Error> {
//!     let token = header.strip_prefix("Bearer ").ok_or(Error::NotCompact)?;
//!     let jwt = validation.verify_claims(token)?;
//!     Ok(jwt.registered().sub.clone().unwrap_or_default())
//! }
//! assert_eq!(authorize(&validation, &authorization)?, "alice");
//!
//! // A token for another audience is refused.
//! let other = JwtBuilder::new()
//!     .issuer("https://id.example.com")
//!     .audience("billing-api")
//!     .expires_in(Duration::from_secs(60))
//!     .sign(&signer)?;
//! assert_eq!(authorize(&validation, &format!("Bearer {other}")), Err(Error::InvalidAudience));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Which algorithm to pick, how to rotate keys, nested JWTs, and what each
//! [`Validation`] rule protects against: the [`guide`].
//!
//! On the hot path, [`Validation::verify`] reads the claims into the
//! caller's type in one strict pass; [`Validation::verify_into`] does the
//! same into a type that borrows from a buffer the caller keeps, and then
//! allocates nothing per token.
//!
//! A service that shares an HMAC secret with its token issuer (HS256) reads
//! the secret from its configuration; a secret shorter than the hash is
//! refused with the minimum length in the error:
//!
//! ```
//! use std::time::Duration;
//! use jot_jwt::{Jwk, JwtBuilder, Secret, Validation};
//! use jot_jwt::alg::JwsAlgorithm;
//!
//! // From configuration (an environment variable, a secret store): HS256
//! // needs at least 32 bytes, and they should be random.
//! let configured = std::env::var("JWT_SECRET").unwrap_or_else(|_| "0123456789abcdef0123456789abcdef".into());
//! let key = Jwk::from_secret(Secret::from(configured.into_bytes()))?;
//!
//! let token = JwtBuilder::new()
//!     .subject("alice")
//!     .audience("orders-api")
//!     .expires_in(Duration::from_secs(300))
//!     .sign(&key.signing_key(JwsAlgorithm::HS256)?)?;
//! let validation = Validation::from_key(key.verifying_key(JwsAlgorithm::HS256)?).audience("orders-api");
//! assert_eq!(validation.verify_claims(&token)?.registered().sub.as_deref(), Some("alice"));
//!
//! // Too short for HS256: the error says how long it must be.
//! let short = Jwk::from_secret(Secret::from(&b"too short"[..]))?;
//! let err = short.signing_key(JwsAlgorithm::HS256).unwrap_err();
//! assert!(err.to_string().contains("at least 32 bytes"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod builder;
mod claims;
mod clock;
pub mod dangerous;
mod error;
pub mod guide;
mod jwt;
pub mod numeric_date;
mod validation;

pub use builder::JwtBuilder;
pub use claims::{Audience, Claim, NumericDate, RegisteredClaims};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::Error;
pub use jwt::Jwt;
pub use validation::{ClaimsCheck, Validation};

/// Secret bytes (an HMAC key, a password) zeroed on drop and compared in
/// constant time.
pub use jot_core::Secret;
/// JOSE identifiers (`alg`, `enc`, `kty`, `crv`), from jot-core.
pub use jot_core::alg;
/// Strict, canonical base64url (RFC 7515 section 2).
pub use jot_core::base64url;
/// The errors of the building blocks: base64url, strict JSON, identifiers
/// (jot-core's `Error`).
pub use jot_core::{Error as CoreError, IdentifierKind};
pub mod json {
    //! Strict JSON values, as claims and headers are exposed: duplicate
    //! member names are rejected at every depth, size and nesting depth are
    //! bounded by [`JsonLimits`], and the typed getters of [`Object`] fail on
    //! the wrong JSON type instead of treating the member as absent.
    //!
    //! ```
    //! use jot_jwt::CoreError;
    //! use jot_jwt::json::{self, JsonError, JsonLimits};
    //!
    //! let limits = JsonLimits::default();
    //! let claims = json::parse_object(br#"{"sub":"alice","admin":false}"#, &limits)?;
    //! assert_eq!(claims.get_str("sub")?, Some("alice"));
    //! // The wrong type is an error, not "absent".
    //! assert_eq!(claims.get_str("admin"), Err(JsonError::WrongType { member: "admin" }));
    //! // Duplicate names are rejected.
    //! let dup = json::parse_object(br#"{"sub":"alice","sub":"bob"}"#, &limits);
    //! assert_eq!(dup.unwrap_err(), CoreError::Json(JsonError::DuplicateMember));
    //! # Ok::<(), CoreError>(())
    //! ```

    pub use jot_core::json::{
        JsonLimits, Number, Object, Value, check, from_slice, parse_object, parse_value, to_string,
    };
    pub use jot_core::{JsonError, LimitKind};
}
/// JSON Web Encryption (jot-jwe).
#[doc(inline)]
pub use jot_jwe as jwe;
/// JSON Web Keys (jot-jwk).
#[doc(inline)]
pub use jot_jwk as jwk;
pub use jot_jwk::{Jwk, JwkSet};
/// Remote JWK Sets and discovery (feature `remote`): the crate jot-jwks.
#[cfg(feature = "remote")]
#[doc(inline)]
pub use jot_jwks as jwks;
/// JSON Web Signature (jot-jws).
#[doc(inline)]
pub use jot_jws as jws;
