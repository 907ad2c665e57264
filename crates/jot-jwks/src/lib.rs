//! # jot-jwks
//!
//! Remote JWK Sets for services that verify tokens from an identity
//! provider: the keys are fetched from the provider's JWK Set URL (or found
//! through OpenID Connect Discovery or RFC 8414 metadata), with limits on
//! every fetch, cached, refreshed ahead of expiry, served stale through an
//! outage, and never fetched because of what a token says.
//!
//! Most applications use it through jot-jwt's `remote` feature
//! (`jot_jwt::Validation::from_remote` and `verify_async`); this crate is
//! the key source underneath, usable alone with jot-jws.
//!
//! Defaults (each settable on [`RemoteJwkSetBuilder`]):
//!
//! | setting | default |
//! | --- | --- |
//! | scheme | `https` only (`http` for loopback through [`RemoteJwkSetBuilder::allow_http_loopback`]) |
//! | redirects | never followed (a 3xx is [`Error::Status`]) |
//! | status, content type | 200 (304 to a revalidation), JSON |
//! | body, keys | [`DEFAULT_MAX_BODY`] (64 KiB), [`DEFAULT_MAX_KEYS`] (100) |
//! | timeouts | connect [`DEFAULT_CONNECT_TIMEOUT`] (2 s), whole fetch [`DEFAULT_TIMEOUT`] (5 s) |
//! | freshness | [`DEFAULT_TTL`] (10 min); `max-age` clamped to [`DEFAULT_MIN_TTL`] ... [`DEFAULT_MAX_TTL`] (5 min ... 24 h) |
//! | refresh ahead | [`DEFAULT_REFRESH_AHEAD`] (1 min before freshness ends, in the background) |
//! | stale-if-error | [`DEFAULT_STALE_IF_ERROR`] (24 h) |
//! | cooldown | [`DEFAULT_COOLDOWN`] (30 s between fetches caused by unknown `kid`s or failures) |
//! | discovery metadata | kept [`DEFAULT_METADATA_TTL`] (24 h), fetched again after a failed key fetch |
//!
//! HTTP requests honour the proxy environment variables (`HTTPS_PROXY`,
//! `NO_PROXY`) as reqwest reads them.

mod config;
mod discovery;
mod error;
mod fetch;
mod remote;
mod url_policy;

pub use config::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_COOLDOWN, DEFAULT_MAX_BODY, DEFAULT_MAX_KEYS, DEFAULT_MAX_TTL,
    DEFAULT_METADATA_TTL, DEFAULT_MIN_TTL, DEFAULT_REFRESH_AHEAD, DEFAULT_STALE_IF_ERROR, DEFAULT_TIMEOUT, DEFAULT_TTL,
    RemoteJwkSetBuilder,
};
pub use error::Error;
pub use remote::{KeySnapshot, RemoteJwkSet, Status};
