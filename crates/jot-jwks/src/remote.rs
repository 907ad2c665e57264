//! [`RemoteJwkSet`]: a JWK Set fetched from a URL (or found through
//! discovery), cached, refreshed ahead of expiry, served stale while the
//! provider fails, and never fetched more than once per cooldown because of
//! what a token says.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, Instant};

use jot_core::alg::JwsAlgorithm;
use jot_core::json::{self, JsonLimits};
use jot_jwk::JwkSet;
use jot_jws::Verifier;
use reqwest::{Client, Url};

use crate::config::{DiscoveryKind, RemoteJwkSetBuilder, Source};
use crate::discovery::{self, Metadata};
use crate::fetch::{self, Fetched};
use crate::{Error, url_policy};

/// The `Accept` header of a key set request.
const JWKS_ACCEPT: &str = "application/jwk-set+json, application/json";

/// A remote JWK Set: the keys an identity provider publishes, fetched over
/// HTTPS with limits, cached and rotated.
///
/// Cheap to clone (a handle); share one per provider across the service.
/// What it guarantees:
///
/// - **Bounded fetching.** At most one fetch is in flight; callers that need
///   keys wait on it (up to a deadline) rather than start their own. A
///   token whose `kid` the set lacks causes at most one refresh per cooldown
///   (30 s by default, failed fetches included); during the cooldown such a
///   token fails at once with [`Error::NoMatchingKey`]. No fetch is ever made
///   because of a token's `jku`, `x5u` or `jwk` header: keys come only from
///   the configured URL.
/// - **Fresh keys without waiting.** A set is fresh for its TTL (10 minutes,
///   or the response's `max-age` clamped to 5 minutes ... 24 hours); a
///   refresh starts in the background a minute before that ends, and
///   revalidates with `If-None-Match` when the server sent an `ETag`.
/// - **Outage tolerance.** When refreshes fail, the last good set keeps
///   serving for up to 24 hours past its freshness (stale-if-error), with
///   the failure in [`RemoteJwkSet::status`] and a `tracing` warning.
///
/// ```no_run
/// use jot_jwt::alg::JwsAlgorithm;
/// use jot_jwt::jwks::RemoteJwkSet;
///
/// # async fn run(token: &str) -> Result<(), Box<dyn std::error::Error>> {
/// let jwks = RemoteJwkSet::builder("https://id.example.com/.well-known/jwks.json")
///     .algorithms(&[JwsAlgorithm::RS256, JwsAlgorithm::ES256])
///     .build()?;
/// let keys = jwks.keys().await?; // fetched once, then cached
/// let verified = keys.verifier().verify_compact(token)?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct RemoteJwkSet {
    shared: Arc<Shared>,
}

struct Shared {
    cfg: RemoteJwkSetBuilder,
    client: Client,
    current: RwLock<Option<Arc<KeySnapshot>>>,
    state: Mutex<State>,
    /// Held for the length of a fetch: one in flight at most.
    fetch_lock: Arc<tokio::sync::Mutex<()>>,
    /// Fetch attempts completed (good or failed).
    attempts: AtomicU64,
    /// HTTP requests sent (key sets and metadata documents).
    requests: AtomicU64,
    refresh_scheduled: AtomicBool,
}

#[derive(Default)]
struct State {
    last_attempt: Option<Instant>,
    /// The outcome of the last attempt: `None` before the first.
    last_result: Option<Result<(), Error>>,
    last_success: Option<Instant>,
    metadata: Option<Metadata>,
    rediscover: bool,
}

/// The keys of one fetched set, shared by the snapshots that revalidated it.
struct Keys {
    set: JwkSet,
    verifier: Verifier,
    uri: Url,
    etag: Option<String>,
    algorithms: Vec<JwsAlgorithm>,
}

/// The key set as last fetched or revalidated: a verifier over its keys,
/// and when it stops being fresh. Obtained from [`RemoteJwkSet::keys`];
/// hold it for one verification, not longer.
pub struct KeySnapshot {
    keys: Arc<Keys>,
    confirmed_at: Instant,
    fresh_until: Instant,
    refresh_at: Instant,
    stale_until: Instant,
}

impl KeySnapshot {
    /// A verifier over the set's keys, each bound to every accepted
    /// algorithm it fits.
    pub fn verifier(&self) -> &Verifier {
        &self.keys.verifier
    }

    /// The key set as fetched.
    pub fn set(&self) -> &JwkSet {
        &self.keys.set
    }

    /// The algorithms the keys were bound to (after discovery's
    /// intersection).
    pub fn algorithms(&self) -> &[JwsAlgorithm] {
        &self.keys.algorithms
    }

    /// When the server last sent or confirmed the set.
    pub fn confirmed_at(&self) -> Instant {
        self.confirmed_at
    }

    /// When the set stops being fresh.
    pub fn fresh_until(&self) -> Instant {
        self.fresh_until
    }

    /// Whether two snapshots hold the same fetched keys (a revalidation
    /// keeps them).
    pub fn same_keys(&self, other: &KeySnapshot) -> bool {
        Arc::ptr_eq(&self.keys, &other.keys)
    }
}

impl core::fmt::Debug for KeySnapshot {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("KeySnapshot")
            .field("uri", &self.keys.uri.as_str())
            .field("keys", &self.keys.set.keys().len())
            .field("algorithms", &self.keys.algorithms)
            .field("confirmed_at", &self.confirmed_at)
            .field("fresh_until", &self.fresh_until)
            .finish()
    }
}

/// What a [`RemoteJwkSet`] has and when it will fetch again; from
/// [`RemoteJwkSet::status`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Status {
    /// The URL of the current set (with discovery: the `jwks_uri`).
    pub jwks_uri: Option<String>,
    /// Usable keys in the current set.
    pub keys: usize,
    /// Time since the server last sent or confirmed the set.
    pub age: Option<Duration>,
    /// Whether the set is within its freshness.
    pub fresh: bool,
    /// Whether the set is past its freshness and served only because
    /// refreshes fail (stale-if-error).
    pub stale: bool,
    /// Time until the next refresh is due (zero when due now).
    pub next_refresh: Option<Duration>,
    /// The error of the last fetch, when it failed.
    pub last_error: Option<Error>,
    /// HTTP requests sent so far (key sets and metadata documents).
    pub requests: u64,
}

impl RemoteJwkSet {
    /// A set fetched from `url` (a JWK Set document). Set the accepted
    /// algorithms, then [`build`](RemoteJwkSetBuilder::build).
    pub fn builder(url: impl Into<String>) -> RemoteJwkSetBuilder {
        RemoteJwkSetBuilder::new(Source::Url(url.into()))
    }

    /// A set found through OpenID Connect Discovery 1.0: the metadata at
    /// `{issuer}/.well-known/openid-configuration`, whose `issuer` must be
    /// `issuer` exactly, names the `jwks_uri`. Its
    /// `id_token_signing_alg_values_supported` narrows the accepted
    /// algorithms (never widens them). The metadata is kept for 24 hours
    /// and fetched again after a key set fetch fails.
    pub fn discover(issuer: impl Into<String>) -> RemoteJwkSetBuilder {
        RemoteJwkSetBuilder::new(Source::Discovery { issuer: issuer.into(), kind: DiscoveryKind::OpenIdConnect })
    }

    /// As [`discover`](Self::discover), with RFC 8414 authorization server
    /// metadata (`/.well-known/oauth-authorization-server` inserted before
    /// the issuer's path, section 3).
    pub fn discover_oauth(issuer: impl Into<String>) -> RemoteJwkSetBuilder {
        RemoteJwkSetBuilder::new(Source::Discovery { issuer: issuer.into(), kind: DiscoveryKind::OAuth })
    }

    pub(crate) fn from_builder(cfg: RemoteJwkSetBuilder) -> Result<Self, Error> {
        let client = fetch::client(cfg.connect_timeout, cfg.timeout)?;
        Ok(Self {
            shared: Arc::new(Shared {
                cfg,
                client,
                current: RwLock::new(None),
                state: Mutex::new(State::default()),
                fetch_lock: Arc::new(tokio::sync::Mutex::new(())),
                attempts: AtomicU64::new(0),
                requests: AtomicU64::new(0),
                refresh_scheduled: AtomicBool::new(false),
            }),
        })
    }

    /// The issuer the set was discovered from, when it was: a token from
    /// this set must carry it as `iss`.
    pub fn issuer(&self) -> Option<&str> {
        match &self.shared.cfg.source {
            Source::Discovery { issuer, .. } => Some(issuer),
            Source::Url(_) => None,
        }
    }

    /// The accepted algorithms as configured (before discovery narrows
    /// them; see [`KeySnapshot::algorithms`]).
    pub fn algorithms(&self) -> &[JwsAlgorithm] {
        &self.shared.cfg.algorithms
    }

    /// The keys to verify a token with now.
    ///
    /// A fresh set is returned at once (a refresh starts in the background
    /// when it is close to expiry). With no set yet, or one past its
    /// freshness, this waits for a fetch (one for all callers); when that
    /// fails, a set within the stale-if-error window is served, else
    /// [`Error::Unavailable`].
    pub async fn keys(&self) -> Result<Arc<KeySnapshot>, Error> {
        let now = Instant::now();
        let Some(snap) = self.current() else {
            return self.shared.clone().refresh(true).await.map_err(unavailable);
        };
        if now < snap.refresh_at {
            return Ok(snap);
        }
        if now < snap.fresh_until {
            self.shared.schedule_refresh();
            return Ok(snap);
        }
        if now < snap.stale_until && self.shared.failed_since(snap.confirmed_at) {
            // Refreshes are failing: serve the last good set now, and try
            // again in the background once the cooldown allows.
            // Warned once per retry (at most one per cooldown), not once
            // per token: an outage must not flood the log.
            if self.shared.schedule_refresh() {
                tracing::warn!(uri = %snap.keys.uri, "serving a stale JWK Set: refreshes fail");
            }
            return Ok(snap);
        }
        match self.shared.clone().refresh(true).await {
            // Within the cooldown of a good fetch, `refresh` hands back the
            // set it has, which may be past its window (a TTL and stale
            // window shorter than the cooldown): that set is not served.
            Ok(fresh) if now < fresh.stale_until => Ok(fresh),
            Ok(_) => Err(Error::NotFetched),
            Err(e) if now < snap.stale_until => {
                tracing::warn!(uri = %snap.keys.uri, error = %e, "serving a stale JWK Set: refresh failed");
                Ok(snap)
            }
            Err(e) => Err(unavailable(e)),
        }
    }

    /// Called when a token matched no key of `seen` (its `kid` is unknown):
    /// refreshes the set, at most once per cooldown for all callers, and
    /// returns the new keys if they differ from `seen`.
    ///
    /// `Ok(None)`: the set is unchanged, so the token has no key. During the
    /// cooldown, and when no fetch is in flight, this fails at once with
    /// [`Error::NoMatchingKey`]; a fetch in flight is waited on.
    pub async fn keys_after_miss(&self, seen: &KeySnapshot) -> Result<Option<Arc<KeySnapshot>>, Error> {
        self.after_miss(seen, false).await
    }

    /// As [`keys_after_miss`](Self::keys_after_miss), for a token whose
    /// algorithm is one the caller accepts but discovery narrowed away
    /// ([`KeySnapshot::algorithms`]): the refresh reads the metadata again
    /// too, since a provider that rotates to a key of another algorithm
    /// advertises it there. Without discovery it is `keys_after_miss`.
    pub async fn keys_after_algorithm_miss(&self, seen: &KeySnapshot) -> Result<Option<Arc<KeySnapshot>>, Error> {
        self.after_miss(seen, true).await
    }

    async fn after_miss(&self, seen: &KeySnapshot, rediscover: bool) -> Result<Option<Arc<KeySnapshot>>, Error> {
        if let Some(current) = self.current()
            && !current.same_keys(seen)
        {
            return Ok(Some(current));
        }
        if self.shared.cooling_down() && !self.shared.fetch_in_flight() {
            return Err(Error::NoMatchingKey);
        }
        if rediscover {
            self.shared.state().rediscover = true;
        }
        match self.shared.clone().refresh(true).await {
            Ok(fresh) if !fresh.same_keys(seen) => Ok(Some(fresh)),
            Ok(_) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    /// The current set without fetching: `None` before the first fetch
    /// succeeds. It may be past its freshness, and past its stale-if-error
    /// window too: to verify with, use [`usable`](Self::usable).
    pub fn current(&self) -> Option<Arc<KeySnapshot>> {
        self.shared.current()
    }

    /// The current set, without fetching, if it may still verify tokens:
    /// for a synchronous caller, which cannot wait for a fetch. A set past
    /// its freshness is served until its stale-if-error window ends, as
    /// [`keys`](Self::keys) serves it; after that this is
    /// [`Error::Unavailable`] with the last fetch error, or
    /// [`Error::NotFetched`] when no fetch was tried since. Before the first
    /// fetch it is [`Error::NotFetched`].
    pub fn usable(&self) -> Result<Arc<KeySnapshot>, Error> {
        let snap = self.current().ok_or(Error::NotFetched)?;
        if Instant::now() < snap.stale_until {
            return Ok(snap);
        }
        match &self.shared.state().last_result {
            Some(Err(e)) => Err(unavailable(e.clone())),
            _ => Err(Error::NotFetched),
        }
    }

    /// Fetches the set now (ignoring the cooldown; joining a fetch already
    /// in flight).
    pub async fn reload(&self) -> Result<Arc<KeySnapshot>, Error> {
        self.shared.clone().refresh(false).await
    }

    /// The age of the set, the last error and the next refresh.
    pub fn status(&self) -> Status {
        let now = Instant::now();
        let snap = self.current();
        let state = self.shared.state();
        let last_error = match &state.last_result {
            Some(Err(e)) => Some(e.clone()),
            _ => None,
        };
        // As `failed_since`, with the state already locked.
        let failing = |s: &KeySnapshot| last_error.is_some() && state.last_attempt.is_some_and(|t| t > s.confirmed_at);
        Status {
            jwks_uri: snap.as_ref().map(|s| s.keys.uri.to_string()),
            keys: snap.as_ref().map_or(0, |s| s.keys.set.keys().len()),
            age: snap.as_ref().map(|s| now.saturating_duration_since(s.confirmed_at)),
            fresh: snap.as_ref().is_some_and(|s| now < s.fresh_until),
            stale: snap.as_ref().is_some_and(|s| now >= s.fresh_until && now < s.stale_until && failing(s)),
            next_refresh: snap.as_ref().map(|s| s.refresh_at.saturating_duration_since(now)),
            last_error,
            requests: self.shared.requests.load(Ordering::Relaxed),
        }
    }
}

impl core::fmt::Debug for RemoteJwkSet {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RemoteJwkSet").field("source", &self.shared.cfg.source).finish_non_exhaustive()
    }
}

fn unavailable(e: Error) -> Error {
    match e {
        Error::Unavailable(_) | Error::WaitTimeout | Error::NoMatchingKey | Error::NotFetched => e,
        other => Error::Unavailable(Box::new(other)),
    }
}

/// `t + d`, or far in the future when that overflows.
fn later(t: Instant, d: Duration) -> Instant {
    t.checked_add(d).or_else(|| t.checked_add(Duration::from_secs(100 * 365 * 24 * 3600))).unwrap_or(t)
}

/// A background refresh's claim on `refresh_scheduled`, released on drop.
struct Scheduled(Arc<Shared>);

impl Drop for Scheduled {
    fn drop(&mut self) {
        self.0.refresh_scheduled.store(false, Ordering::Release);
    }
}

impl Shared {
    fn current(&self) -> Option<Arc<KeySnapshot>> {
        self.current.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn cooling_down(&self) -> bool {
        self.state().last_attempt.is_some_and(|t| t.elapsed() < self.cfg.cooldown)
    }

    fn fetch_in_flight(&self) -> bool {
        self.fetch_lock.try_lock().is_err()
    }

    /// Whether a fetch attempted after `since` failed last.
    fn failed_since(&self, since: Instant) -> bool {
        let state = self.state();
        matches!(state.last_result, Some(Err(_))) && state.last_attempt.is_some_and(|t| t > since)
    }

    /// The outcome of the last attempt, as a snapshot.
    fn last_outcome(&self) -> Result<Arc<KeySnapshot>, Error> {
        let last = self.state().last_result.clone();
        match last {
            Some(Err(e)) => Err(e),
            _ => self.current().ok_or(Error::NotFetched),
        }
    }

    /// Starts a background refresh unless one is scheduled or in flight,
    /// the cooldown holds, or no tokio runtime is running; whether it did.
    fn schedule_refresh(self: &Arc<Self>) -> bool {
        if self.cooling_down() || self.refresh_scheduled.swap(true, Ordering::AcqRel) {
            return false;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            self.refresh_scheduled.store(false, Ordering::Release);
            return false;
        };
        // The flag is cleared when the task ends however it ends: a task
        // dropped unfinished (its runtime shut down, as when one set serves
        // several runtimes) would otherwise leave it set, and no background
        // refresh would ever start again.
        let scheduled = Scheduled(Arc::clone(self));
        runtime.spawn(async move {
            let _ = Arc::clone(&scheduled.0).refresh(true).await;
            drop(scheduled);
        });
        true
    }

    /// Fetches the set, or joins the fetch in flight and takes its outcome.
    /// With `respect_cooldown`, an attempt within the cooldown is not
    /// repeated: its outcome is returned.
    async fn refresh(self: Arc<Self>, respect_cooldown: bool) -> Result<Arc<KeySnapshot>, Error> {
        let seen = self.attempts.load(Ordering::Acquire);
        let wait = self.cfg.wait_timeout.unwrap_or_else(|| match self.cfg.source {
            Source::Url(_) => self.cfg.timeout + Duration::from_secs(1),
            Source::Discovery { .. } => self.cfg.timeout * 2 + Duration::from_secs(1),
        });
        let guard = tokio::time::timeout(wait, Arc::clone(&self.fetch_lock).lock_owned())
            .await
            .map_err(|_| Error::WaitTimeout)?;
        if self.attempts.load(Ordering::Acquire) != seen || (respect_cooldown && self.cooling_down()) {
            return self.last_outcome();
        }
        // The fetch runs as a task of its own, holding the lock: a caller
        // that gives up (a cancelled request) does not cancel it.
        let shared = Arc::clone(&self);
        let task = tokio::spawn(async move {
            let result = shared.fetch().await;
            drop(guard);
            result
        });
        match tokio::time::timeout(wait, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) | Err(_) => Err(Error::WaitTimeout),
        }
    }

    /// One fetch attempt (the lock held): records its outcome.
    async fn fetch(&self) -> Result<Arc<KeySnapshot>, Error> {
        self.state().last_attempt = Some(Instant::now());
        let result = self.fetch_set().await;
        {
            let mut state = self.state();
            match &result {
                Ok(snap) => {
                    *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(snap));
                    state.last_result = Some(Ok(()));
                    state.last_success = Some(snap.confirmed_at);
                    tracing::debug!(uri = %snap.keys.uri, keys = snap.keys.set.keys().len(), "JWK Set fetched");
                }
                Err(e) => {
                    state.last_result = Some(Err(e.clone()));
                    state.rediscover = true;
                    tracing::warn!(error = %e, "JWK Set fetch failed");
                }
            }
        }
        self.attempts.fetch_add(1, Ordering::AcqRel);
        result
    }

    async fn fetch_set(&self) -> Result<Arc<KeySnapshot>, Error> {
        let (uri, algorithms) = self.location().await?;
        let previous = self.current().filter(|p| p.keys.uri == uri && p.keys.algorithms == algorithms);
        let etag = previous.as_ref().and_then(|p| p.keys.etag.clone());
        self.requests.fetch_add(1, Ordering::Relaxed);
        let fetched = fetch::get(&self.client, &uri, JWKS_ACCEPT, etag.as_deref(), self.cfg.max_body).await?;
        let now = Instant::now();
        let (keys, max_age) = match (fetched, previous) {
            (Fetched::NotModified { max_age }, Some(previous)) => (Arc::clone(&previous.keys), max_age),
            (Fetched::NotModified { .. }, None) => return Err(Error::Status(304)),
            (Fetched::Body { bytes, etag, max_age }, _) => {
                (Arc::new(self.build_keys(&bytes, uri, etag, algorithms)?), max_age)
            }
        };
        let ttl = max_age.map_or(self.cfg.ttl, |age| age.clamp(self.cfg.min_ttl, self.cfg.max_ttl));
        let ahead = self.cfg.refresh_ahead.min(ttl / 2);
        let fresh_until = later(now, ttl);
        Ok(Arc::new(KeySnapshot {
            keys,
            confirmed_at: now,
            fresh_until,
            refresh_at: later(now, ttl - ahead),
            stale_until: later(fresh_until, self.cfg.stale_if_error),
        }))
    }

    fn build_keys(
        &self,
        body: &[u8],
        uri: Url,
        etag: Option<String>,
        algorithms: Vec<JwsAlgorithm>,
    ) -> Result<Keys, Error> {
        let limits = JsonLimits { max_bytes: self.cfg.max_body, max_depth: 16 };
        let doc = json::parse_object(body, &limits).map_err(jot_jwk::Error::from)?;
        // Counted before any member is parsed as a key.
        let members = doc.get_array("keys").map_err(jot_jwk::Error::from)?.map_or(0, <[_]>::len);
        if members > self.cfg.max_keys {
            return Err(Error::TooManyKeys { max: self.cfg.max_keys });
        }
        let set = JwkSet::from_object(&doc)?;
        // A published set holds public keys only: a private key refuses the
        // set (a provider leaking its keys is not one to trust), and so
        // does an `oct` member
        // (jot_jwk::Error::MixedKeySet, SymmetricKeySet).
        if set.keys().iter().any(|k| k.is_private() && k.to_public().is_some()) {
            return Err(Error::PrivateKeyPublished);
        }
        let mut verifier = Verifier::from_jwk_set(&set, &algorithms)
            .map_err(|e| match e {
                jot_jws::Error::Key(k) => Error::InvalidKeySet(k),
                _ => Error::Config("the key set was refused by the verifier"),
            })?
            .limits(self.cfg.limits);
        for name in &self.cfg.allowed_crit {
            verifier = verifier.allow_crit(name.clone());
        }
        Ok(Keys { set, verifier, uri, etag, algorithms })
    }

    /// The key set's URL and the algorithms to bind: configured, or from
    /// the metadata document (fetched when missing, older than its TTL, or
    /// after a failed fetch).
    async fn location(&self) -> Result<(Url, Vec<JwsAlgorithm>), Error> {
        let (issuer, kind) = match &self.cfg.source {
            Source::Url(url) => {
                return Ok((url_policy::check(url, self.cfg.allow_http_loopback)?, self.cfg.algorithms.clone()));
            }
            Source::Discovery { issuer, kind } => (issuer, *kind),
        };
        {
            let state = self.state();
            if let Some(m) = &state.metadata
                && !state.rediscover
                && m.fetched_at.elapsed() < self.cfg.metadata_ttl
            {
                return Ok((m.jwks_uri.clone(), m.algorithms.clone()));
            }
        }
        let issuer_url = url_policy::check(issuer, self.cfg.allow_http_loopback)?;
        let url = discovery::metadata_url(&issuer_url, kind);
        self.requests.fetch_add(1, Ordering::Relaxed);
        let body = match fetch::get(&self.client, &url, discovery::ACCEPT, None, self.cfg.max_body).await? {
            Fetched::Body { bytes, .. } => bytes,
            Fetched::NotModified { .. } => return Err(Error::Status(304)),
        };
        let metadata =
            discovery::parse(&body, issuer, &self.cfg.algorithms, self.cfg.allow_http_loopback, self.cfg.max_body)?;
        let found = (metadata.jwks_uri.clone(), metadata.algorithms.clone());
        let mut state = self.state();
        state.metadata = Some(metadata);
        state.rediscover = false;
        Ok(found)
    }
}
