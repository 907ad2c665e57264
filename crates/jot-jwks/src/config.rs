//! [`RemoteJwkSetBuilder`]: where the keys come from, and every limit and
//! timing of fetching them, each with a documented default.

use std::time::Duration;

use jot_core::alg::JwsAlgorithm;
use jot_jws::Limits;

use crate::remote::RemoteJwkSet;
use crate::{Error, url_policy};

/// Largest accepted body (a JWK Set or a discovery document): 64 KiB.
pub const DEFAULT_MAX_BODY: usize = 64 * 1024;
/// Most members accepted in a JWK Set: 100.
pub const DEFAULT_MAX_KEYS: usize = 100;
/// Connect timeout: 2 seconds.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// Whole-fetch timeout (connect, headers and body): 5 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a fetched set is fresh when the response has no
/// `Cache-Control: max-age`: 10 minutes.
pub const DEFAULT_TTL: Duration = Duration::from_secs(10 * 60);
/// A `max-age` shorter than this is raised to it: 5 minutes.
pub const DEFAULT_MIN_TTL: Duration = Duration::from_secs(5 * 60);
/// A `max-age` longer than this is lowered to it: 24 hours.
pub const DEFAULT_MAX_TTL: Duration = Duration::from_secs(24 * 60 * 60);
/// How long before a set's freshness ends a refresh starts in the
/// background: 1 minute (at most half the freshness).
pub const DEFAULT_REFRESH_AHEAD: Duration = Duration::from_secs(60);
/// How long past its freshness the last good set keeps serving while
/// refreshes fail: 24 hours.
pub const DEFAULT_STALE_IF_ERROR: Duration = Duration::from_secs(24 * 60 * 60);
/// After a fetch (good or failed), an unknown `kid` or a failed set causes
/// no other fetch for this long: 30 seconds.
pub const DEFAULT_COOLDOWN: Duration = Duration::from_secs(30);
/// How long discovery metadata is trusted before it is fetched again:
/// 24 hours (and at once after a key set fetch fails).
pub const DEFAULT_METADATA_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// Where the key set's URL comes from.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    /// A JWK Set URL the caller gave.
    Url(String),
    /// The `jwks_uri` of an issuer's metadata document.
    Discovery { issuer: String, kind: DiscoveryKind },
}

/// Which metadata document names the key set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DiscoveryKind {
    /// OpenID Connect Discovery 1.0: `{issuer}/.well-known/openid-configuration`.
    OpenIdConnect,
    /// RFC 8414: `/.well-known/oauth-authorization-server{path}`.
    OAuth,
}

/// Settings of a [`RemoteJwkSet`], each with a default; see the `DEFAULT_`
/// constants of this crate. Made by [`RemoteJwkSet::builder`],
/// [`RemoteJwkSet::discover`] or [`RemoteJwkSet::discover_oauth`].
#[derive(Clone, Debug)]
pub struct RemoteJwkSetBuilder {
    pub(crate) source: Source,
    pub(crate) algorithms: Vec<JwsAlgorithm>,
    pub(crate) allow_http_loopback: bool,
    pub(crate) max_body: usize,
    pub(crate) max_keys: usize,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) ttl: Duration,
    pub(crate) min_ttl: Duration,
    pub(crate) max_ttl: Duration,
    pub(crate) refresh_ahead: Duration,
    pub(crate) stale_if_error: Duration,
    pub(crate) cooldown: Duration,
    pub(crate) wait_timeout: Option<Duration>,
    pub(crate) metadata_ttl: Duration,
    pub(crate) limits: Limits,
    pub(crate) allowed_crit: Vec<String>,
}

impl RemoteJwkSetBuilder {
    pub(crate) fn new(source: Source) -> Self {
        Self {
            source,
            algorithms: Vec::new(),
            allow_http_loopback: false,
            max_body: DEFAULT_MAX_BODY,
            max_keys: DEFAULT_MAX_KEYS,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            ttl: DEFAULT_TTL,
            min_ttl: DEFAULT_MIN_TTL,
            max_ttl: DEFAULT_MAX_TTL,
            refresh_ahead: DEFAULT_REFRESH_AHEAD,
            stale_if_error: DEFAULT_STALE_IF_ERROR,
            cooldown: DEFAULT_COOLDOWN,
            wait_timeout: None,
            metadata_ttl: DEFAULT_METADATA_TTL,
            limits: Limits::DEFAULT,
            allowed_crit: Vec::new(),
        }
    }

    /// The accepted signature algorithms (required; there is no default).
    /// Each key of the set is bound to those it fits. With discovery, the
    /// list is intersected with the provider's advertised algorithms, never
    /// widened by them.
    pub fn algorithms(mut self, algs: &[JwsAlgorithm]) -> Self {
        self.algorithms = algs.to_vec();
        self
    }

    /// Allows plain `http` for a loopback host (`127.0.0.0/8`, `::1`,
    /// `localhost`) only: for tests and local development. Any other
    /// `http` URL stays refused.
    pub fn allow_http_loopback(mut self) -> Self {
        self.allow_http_loopback = true;
        self
    }

    /// Largest accepted body, in bytes ([`DEFAULT_MAX_BODY`]).
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Most members accepted in the set ([`DEFAULT_MAX_KEYS`]).
    pub fn max_keys(mut self, keys: usize) -> Self {
        self.max_keys = keys;
        self
    }

    /// Connect timeout ([`DEFAULT_CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Whole-fetch timeout ([`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Freshness of a set whose response has no `max-age` ([`DEFAULT_TTL`]).
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// The bounds a `Cache-Control: max-age` is clamped to
    /// ([`DEFAULT_MIN_TTL`], [`DEFAULT_MAX_TTL`]).
    pub fn ttl_bounds(mut self, min: Duration, max: Duration) -> Self {
        self.min_ttl = min;
        self.max_ttl = max;
        self
    }

    /// How long before freshness ends a background refresh starts
    /// ([`DEFAULT_REFRESH_AHEAD`]; at most half the freshness).
    pub fn refresh_ahead(mut self, ahead: Duration) -> Self {
        self.refresh_ahead = ahead;
        self
    }

    /// How long past its freshness the last good set keeps serving while
    /// refreshes fail ([`DEFAULT_STALE_IF_ERROR`]; zero turns it off).
    pub fn stale_if_error(mut self, window: Duration) -> Self {
        self.stale_if_error = window;
        self
    }

    /// The least time between two fetches caused by unknown `kid`s or
    /// failures ([`DEFAULT_COOLDOWN`]).
    pub fn cooldown(mut self, cooldown: Duration) -> Self {
        self.cooldown = cooldown;
        self
    }

    /// How long a caller waits for a fetch in flight before giving up with
    /// [`Error::WaitTimeout`] (default: the whole-fetch timeout plus one
    /// second, and with discovery twice the fetch timeout plus one second).
    pub fn wait_timeout(mut self, timeout: Duration) -> Self {
        self.wait_timeout = Some(timeout);
        self
    }

    /// How long discovery metadata is trusted ([`DEFAULT_METADATA_TTL`]).
    pub fn metadata_ttl(mut self, ttl: Duration) -> Self {
        self.metadata_ttl = ttl;
        self
    }

    /// The JWS limits of the verifiers built from each fetched set.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// A critical header extension the caller understands (see
    /// [`jot_jws::Verifier::allow_crit`]).
    pub fn allow_crit(mut self, name: impl Into<String>) -> Self {
        self.allowed_crit.push(name.into());
        self
    }

    /// Checks the settings and the URL (nothing is fetched yet: the first
    /// verification, [`RemoteJwkSet::reload`] or
    /// [`RemoteJwkSet::keys`] fetches).
    pub fn build(self) -> Result<RemoteJwkSet, Error> {
        if self.algorithms.is_empty() {
            return Err(Error::Config("no accepted algorithm: call algorithms(..)"));
        }
        if self.min_ttl > self.max_ttl {
            return Err(Error::Config("ttl_bounds: min is above max"));
        }
        if self.timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err(Error::Config("a zero timeout accepts nothing"));
        }
        match &self.source {
            Source::Url(url) => {
                url_policy::check(url, self.allow_http_loopback)?;
            }
            Source::Discovery { issuer, .. } => {
                let url = url_policy::check(issuer, self.allow_http_loopback)?;
                if url.query().is_some() {
                    return Err(Error::Config("an issuer has no query component"));
                }
            }
        }
        RemoteJwkSet::from_builder(self)
    }
}
