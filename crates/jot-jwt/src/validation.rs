//! [`Validation`]: how a service decides whether a token is genuine,
//! unexpired and meant for it.

use std::sync::Arc;
use std::time::Duration;

use jot_core::alg::{JweFamily, JwsAlgorithm};
use jot_core::compact::Dots;
use jot_core::json::{self, JsonLimits, Object};
use jot_jwe::Decrypter;
use jot_jwk::{JwkSet, VerifyingKey};
use jot_jws::{Header, Verifier};
use serde::de::DeserializeOwned;

use crate::claims::{Claim, RegisteredClaims, RegisteredView, StoredView};
use crate::clock::{Clock, SystemClock};
use crate::{Error, Jwt};

/// The caller's own check on the claims: return an error to reject.
pub type ClaimsCheck =
    dyn Fn(&RegisteredClaims, &Object) -> Result<(), Box<dyn std::error::Error + Send + Sync>> + Send + Sync;

/// How tokens are validated: the keys (and so the accepted algorithms), the
/// claims rules, and the clock.
///
/// There is no `Default`: a `Validation` starts from algorithm-bound keys.
/// `exp` is required unless [`Validation::without_exp`] opts out; setting an
/// issuer, audience or subject makes that claim required (an empty list of
/// issuers or audiences accepts nothing). A token with an `aud` is refused
/// when no audience is configured, unless [`Validation::any_audience`] opts
/// out. The default leeway is 60 seconds.
///
/// ```
/// use jot_jwt::alg::JwsAlgorithm;
/// use jot_jwt::{Jwk, JwtBuilder, Validation};
/// use std::time::Duration;
///
/// let key = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
/// let token = JwtBuilder::new()
///     .issuer("https://id.example")
///     .audience("api")
///     .subject("alice")
///     .expires_in(Duration::from_secs(300))
///     .sign(&key.signing_key(JwsAlgorithm::ES256)?)?;
///
/// let validation = Validation::from_key(key.to_public().unwrap().verifying_key(JwsAlgorithm::ES256)?)
///     .issuer("https://id.example")
///     .audience("api");
/// let jwt = validation.verify_claims(&token)?;
/// assert_eq!(jwt.registered().sub.as_deref(), Some("alice"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Validation {
    keys: KeySource,
    decrypter: Option<Arc<Decrypter>>,
    allow_unsigned_jwe: bool,
    // `None`: no rule. `Some(list)`: the claim is required and must be in
    // the list, so an empty list accepts nothing rather than everything.
    issuers: Option<Vec<String>>,
    /// The issuer a discovered key set belongs to: required as well as any
    /// issuer rule, so adding issuers never widens it.
    bound_issuer: Option<String>,
    audiences: Option<Vec<String>>,
    any_audience: bool,
    subject: Option<String>,
    required: Vec<Claim>,
    require_exp: bool,
    reject_future_iat: bool,
    max_age: Option<u64>,
    leeway: u64,
    typ: Option<String>,
    clock: Arc<dyn Clock>,
    check: Option<Arc<ClaimsCheck>>,
    claims_limits: JsonLimits,
}

impl Validation {
    /// Validation with a JWS verifier the caller built (keys, a key set or a
    /// resolver; limits; `crit` extensions).
    pub fn new(verifier: Verifier) -> Self {
        Self {
            keys: KeySource::Local(Arc::new(verifier)),
            decrypter: None,
            allow_unsigned_jwe: false,
            issuers: None,
            bound_issuer: None,
            audiences: None,
            any_audience: false,
            subject: None,
            required: Vec::new(),
            require_exp: true,
            reject_future_iat: false,
            max_age: None,
            leeway: 60,
            typ: None,
            clock: Arc::new(SystemClock),
            check: None,
            claims_limits: JsonLimits::DEFAULT,
        }
    }

    /// Validation that holds no verifying key, for
    /// [`validate_claims`](Self::validate_claims) on claims whose signature
    /// was checked elsewhere. [`verify`](Self::verify) refuses every signed
    /// token with it (no key accepts any algorithm:
    /// [`jot_jwt::jws::Error::AlgorithmNotAllowed`](crate::jws::Error::AlgorithmNotAllowed)); with
    /// [`decrypt_with`](Self::decrypt_with) and
    /// [`allow_unsigned_jwe`](Self::allow_unsigned_jwe) it accepts
    /// encrypted-only tokens.
    pub fn claims_only() -> Self {
        Self::new(Verifier::with_keys(Vec::new()))
    }

    /// Validation with one algorithm-bound key.
    pub fn from_key(key: VerifyingKey) -> Self {
        Self::new(Verifier::new(key))
    }

    /// Validation with several algorithm-bound keys.
    pub fn from_keys(keys: Vec<VerifyingKey>) -> Self {
        Self::new(Verifier::with_keys(keys))
    }

    /// Validation with a published JWK Set (asymmetric keys) and the
    /// accepted algorithms. A set holding an `oct` key is refused (see
    /// [`Verifier::from_jwk_set`]); local HMAC secrets go through
    /// [`Validation::from_secret_jwk_set`].
    pub fn from_jwk_set(set: &JwkSet, algs: &[JwsAlgorithm]) -> Result<Self, Error> {
        Ok(Self::new(Verifier::from_jwk_set(set, algs)?))
    }

    /// Validation with a JWK Set of local HMAC secrets (`oct` keys only),
    /// named so that a reader sees secrets are meant.
    pub fn from_secret_jwk_set(set: &JwkSet, algs: &[JwsAlgorithm]) -> Result<Self, Error> {
        Ok(Self::new(Verifier::from_secret_jwk_set(set, algs)?))
    }

    /// Validation with a remote JWK Set (feature `remote`): the keys of the
    /// set as it is now, fetched and rotated by the set. Verify with
    /// [`verify_async`](Self::verify_async), which fetches the set when
    /// needed and refreshes it (at most once per cooldown) when a token's
    /// `kid` is unknown; the synchronous methods use the set as last
    /// fetched and fail with [`Error::KeySource`] before the first fetch and
    /// once the set is past its stale-if-error window.
    ///
    /// A set found through discovery binds the issuer: the token's `iss`
    /// must be the discovered issuer exactly, whatever other issuer rules
    /// are added.
    ///
    /// ```no_run
    /// use jot_jwt::alg::JwsAlgorithm;
    /// use jot_jwt::jwks::RemoteJwkSet;
    /// use jot_jwt::Validation;
    /// use jot_jwt::json::Object;
    ///
    /// # async fn run(token: &str) -> Result<(), Box<dyn std::error::Error>> {
    /// let jwks = RemoteJwkSet::discover("https://id.example.com")
    ///     .algorithms(&[JwsAlgorithm::RS256, JwsAlgorithm::ES256])
    ///     .build()?;
    /// let validation = Validation::from_remote(jwks).audience("orders-api");
    /// let jwt = validation.verify_async::<Object>(token).await?;
    /// # Ok(())
    /// # }
    /// ```
    #[cfg(feature = "remote")]
    pub fn from_remote(remote: jot_jwks::RemoteJwkSet) -> Self {
        let bound_issuer = remote.issuer().map(str::to_owned);
        let mut validation = Self::new(Verifier::with_keys(Vec::new()));
        validation.keys = KeySource::Remote(remote);
        validation.bound_issuer = bound_issuer;
        validation
    }

    /// Accepts one issuer (and requires `iss`).
    pub fn issuer(mut self, iss: impl Into<String>) -> Self {
        self.issuers.get_or_insert_with(Vec::new).push(iss.into());
        self
    }

    /// Accepts any of several issuers (and requires `iss`).
    pub fn issuers<S: Into<String>>(mut self, iss: impl IntoIterator<Item = S>) -> Self {
        self.issuers.get_or_insert_with(Vec::new).extend(iss.into_iter().map(Into::into));
        self
    }

    /// Accepts one audience (and requires `aud`).
    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.audiences.get_or_insert_with(Vec::new).push(aud.into());
        self
    }

    /// Accepts any of several audiences (and requires `aud`); a token
    /// passes when any of its `aud` values is one of them.
    pub fn audiences<S: Into<String>>(mut self, aud: impl IntoIterator<Item = S>) -> Self {
        self.audiences.get_or_insert_with(Vec::new).extend(aud.into_iter().map(Into::into));
        self
    }

    /// Accepts a token whose `aud` names audiences when this validation
    /// configures none (an explicit opt-out: by default such a token is
    /// refused, as RFC 7519 section 4.1.3 requires).
    pub fn any_audience(mut self) -> Self {
        self.any_audience = true;
        self
    }

    /// Requires `sub` to be this subject.
    pub fn subject(mut self, sub: impl Into<String>) -> Self {
        self.subject = Some(sub.into());
        self
    }

    /// Requires a claim to be present.
    pub fn require(mut self, claim: Claim) -> Self {
        if !self.required.contains(&claim) {
            self.required.push(claim);
        }
        self
    }

    /// Accepts tokens without `exp` (an explicit opt-out: `exp` is required
    /// by default). An `exp` that is present is still checked.
    pub fn without_exp(mut self) -> Self {
        self.require_exp = false;
        self
    }

    /// Rejects tokens whose `iat` is in the future beyond the leeway
    /// ([`max_age`](Self::max_age) does so too).
    pub fn reject_future_iat(mut self) -> Self {
        self.reject_future_iat = true;
        self
    }

    /// Requires `iat` and rejects tokens issued longer ago than `age`
    /// (plus the leeway), and those whose `iat` is in the future beyond the
    /// leeway ([`Error::IssuedInFuture`], as
    /// [`reject_future_iat`](Self::reject_future_iat)): an age measured from
    /// a future `iat` would be no limit at all.
    pub fn max_age(mut self, age: Duration) -> Self {
        self.max_age = Some(age.as_secs());
        self
    }

    /// Sets the clock-skew leeway in seconds (default 60).
    pub fn leeway(mut self, secs: u64) -> Self {
        self.leeway = secs;
        self
    }

    /// Requires the header's `typ` (RFC 8725 section 3.11 explicit typing):
    /// compared case-insensitively, an `application/` prefix ignored.
    pub fn typ(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// Replaces the clock (for tests).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Adds the caller's own check on the claims.
    pub fn check(
        mut self,
        f: impl Fn(&RegisteredClaims, &Object) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
        + Send
        + Sync
        + 'static,
    ) -> Self {
        self.check = Some(Arc::new(f));
        self
    }

    /// Accepts nested JWTs (signed, then encrypted; RFC 7519 section 11.2):
    /// the decrypter's keys and content algorithms apply to the outer JWE,
    /// this validation's keys to the inner JWS.
    pub fn decrypt_with(mut self, decrypter: Decrypter) -> Self {
        self.decrypter = Some(Arc::new(decrypter));
        self
    }

    /// Accepts a JWE whose content is a claims set, not a signed JWT, when
    /// its key management is symmetric (never for RSA or ECDH-ES, where
    /// anyone holding the public key can make one).
    pub fn allow_unsigned_jwe(mut self) -> Self {
        self.allow_unsigned_jwe = true;
        self
    }

    /// Verifies a token and validates its claims; returns the registered
    /// claims and every claim as a JSON object.
    ///
    /// The token must be exactly a compact JWS (or, with
    /// [`decrypt_with`](Self::decrypt_with), a compact JWE): surrounding
    /// whitespace is refused, as [`Verifier::verify_compact`] refuses it.
    /// A caller that reads a token from an `Authorization` header, a file
    /// or stdin strips the scheme and whitespace itself.
    pub fn verify_claims(&self, token: &str) -> Result<Jwt<Object>, Error> {
        self.verify(token)
    }

    /// Verifies a token, validates its claims, and deserializes every claim
    /// into the caller's type `T` (which may flatten the registered claims
    /// with `#[serde(flatten)]` or pick only what it needs).
    ///
    /// The token must be exactly the compact form, with no surrounding
    /// whitespace (see [`verify_claims`](Self::verify_claims)). A field the
    /// claims do not fit fails with [`Error::CustomClaims`] naming the
    /// member; for dates written as floats (`"iat":1.7e9`) in an `i64`
    /// field, see [`numeric_date`](crate::numeric_date).
    pub fn verify<T: DeserializeOwned>(&self, token: &str) -> Result<Jwt<T>, Error> {
        match &self.keys {
            KeySource::Local(verifier) => self.verify_with(verifier, token),
            #[cfg(feature = "remote")]
            KeySource::Remote(remote) => self.verify_with(remote_current(remote)?.verifier(), token),
        }
    }

    fn verify_with<T: DeserializeOwned>(&self, verifier: &Verifier, token: &str) -> Result<Jwt<T>, Error> {
        let mut payload = Vec::new();
        let header = self.open(verifier, token, &mut payload, Keep::Header)?;
        let (claims, view) = self.validate::<T>(&payload)?;
        let view = StoredView::new(&view, &payload);
        Ok(Jwt::new(header, payload, view, claims))
    }

    /// Verifies as [`verify`](Self::verify) does, with the keys of a remote
    /// set ([`Validation::from_remote`], feature `remote`): waits for the
    /// first fetch (one for all callers) or a refresh past freshness; a
    /// token whose `kid` the set lacks causes one refresh per cooldown and
    /// a second try with the new keys (as does a token whose algorithm the
    /// caller accepts but discovery narrowed away: the metadata is read
    /// again too). With local keys it is `verify`.
    ///
    /// The key source's failures are [`Error::KeySource`] (a service
    /// answers 503 when [`jot_jwks::Error::is_unavailable`]); a `kid` still
    /// unknown after the refresh, or during the cooldown, is
    /// [`jot_jws::Error::NoMatchingKey`] (401).
    #[cfg(feature = "remote")]
    pub async fn verify_async<T: DeserializeOwned>(&self, token: &str) -> Result<Jwt<T>, Error> {
        let KeySource::Remote(remote) = &self.keys else {
            return self.verify(token);
        };
        let keys = remote.keys().await.map_err(Error::KeySource)?;
        // A token with no key in the set: its kid is unknown, or discovery
        // narrowed the algorithms and the provider has since added one.
        let narrowed = keys.algorithms().len() < remote.algorithms().len();
        let (miss, refreshed) = match self.verify_with(keys.verifier(), token) {
            Err(e @ Error::Jws(jot_jws::Error::NoMatchingKey)) => (e, remote.keys_after_miss(&keys).await),
            Err(e @ Error::Jws(jot_jws::Error::AlgorithmNotAllowed)) if narrowed => {
                (e, remote.keys_after_algorithm_miss(&keys).await)
            }
            other => return other,
        };
        match refreshed {
            Ok(Some(fresh)) => self.verify_with(fresh.verifier(), token),
            Ok(None) | Err(jot_jwks::Error::NoMatchingKey) => Err(miss),
            Err(e) => Err(Error::KeySource(e)),
        }
    }

    /// Verifies a token and validates its claims as [`verify`](Self::verify)
    /// does, into a type that may borrow from `buf`: the claims document is
    /// decoded into `buf` (cleared first), and `&str` fields point into it.
    /// With a buffer kept from one call to the next, verifying a compact
    /// JWT allocates nothing. The token must be exactly the compact form,
    /// with no surrounding whitespace (see
    /// [`verify_claims`](Self::verify_claims)).
    ///
    /// A borrowed `&str` field cannot hold a string with escapes (`\"`,
    /// `\u00e9`): such a token is refused with [`Error::CustomClaims`]
    /// naming the member; `Cow<str>` with `#[serde(borrow)]` takes either.
    ///
    /// ```
    /// use jot_jwt::alg::JwsAlgorithm;
    /// use jot_jwt::{Jwk, JwtBuilder, Validation};
    /// use std::time::Duration;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Claims<'a> {
    ///     sub: &'a str,
    ///     role: &'a str,
    /// }
    ///
    /// let key = Jwk::generate_for_jws(JwsAlgorithm::HS256)?;
    /// let token = JwtBuilder::new()
    ///     .subject("alice")
    ///     .claim("role", "admin")
    ///     .expires_in(Duration::from_secs(60))
    ///     .sign(&key.signing_key(JwsAlgorithm::HS256)?)?;
    ///
    /// let validation = Validation::from_key(key.verifying_key(JwsAlgorithm::HS256)?);
    /// let mut buf = Vec::new(); // reused from one token to the next
    /// let claims: Claims<'_> = validation.verify_into(&token, &mut buf)?;
    /// assert_eq!((claims.sub, claims.role), ("alice", "admin"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify_into<'b, T: serde::Deserialize<'b>>(&self, token: &str, buf: &'b mut Vec<u8>) -> Result<T, Error> {
        match &self.keys {
            KeySource::Local(verifier) => self.open(verifier, token, buf, Keep::Claims)?,
            #[cfg(feature = "remote")]
            KeySource::Remote(remote) => self.open(remote_current(remote)?.verifier(), token, buf, Keep::Claims)?,
        };
        let payload: &'b [u8] = buf;
        self.validate_claims(payload)
    }

    /// Verifies a token (signature, decryption, `typ`) and writes its claims
    /// document into `payload`; returns the JWS header, if signed and kept.
    fn open(
        &self,
        verifier: &Verifier,
        token: &str,
        payload: &mut Vec<u8>,
        keep: Keep,
    ) -> Result<Option<Header>, Error> {
        // No trimming: a token is exactly its compact form, as the JWS and
        // JWE verifiers require, so both refuse the same strings. Leading
        // whitespace before a `{` is looked past only to name a JSON
        // serialization as such (it is refused either way).
        if token.trim_ascii_start().starts_with('{') {
            return Err(Error::NotCompact);
        }
        // A JWS is tried first: its parser finds the dots and refuses any
        // count but two before it does anything else, so a JWS (the common
        // case) is scanned for dots once. Any other token gets the verdict
        // its dot count gives, exactly as if the count had been taken first.
        match self.open_jws(verifier, token, payload, keep) {
            Ok(header) => Ok(header),
            Err(e) => match Dots::find(token).count() {
                2 => Err(e),
                4 => self.open_jwe(verifier, token, payload, keep),
                _ => Err(Error::NotCompact),
            },
        }
    }

    fn open_jws(
        &self,
        verifier: &Verifier,
        token: &str,
        payload: &mut Vec<u8>,
        keep: Keep,
    ) -> Result<Option<Header>, Error> {
        // The payload is decoded once, during verification.
        let verified = verifier.verify_compact_into(token, payload)?;
        if !verified.header().b64() {
            return Err(Error::UnencodedPayload);
        }
        self.check_typ(verified.header().typ())?;
        Ok(match keep {
            Keep::Header => Some(verified.into_header()),
            // Not moved about only to be dropped.
            Keep::Claims => None,
        })
    }

    fn open_jwe(
        &self,
        verifier: &Verifier,
        token: &str,
        payload: &mut Vec<u8>,
        keep: Keep,
    ) -> Result<Option<Header>, Error> {
        let decrypter = self.decrypter.as_ref().ok_or(Error::UnexpectedJwe)?;
        let decrypted = decrypter.decrypt_compact(token)?;
        let nested = decrypted.header().cty().is_some_and(|c| media_type_eq(c, "JWT"));
        if nested {
            let inner = core::str::from_utf8(decrypted.plaintext()).map_err(|_| Error::NotCompact)?;
            if Dots::find(inner).count() != 2 {
                return Err(Error::NotCompact);
            }
            return self.open_jws(verifier, inner, payload, keep);
        }
        // Anyone can encrypt to a public key: such a JWE says nothing of
        // its sender unless a signed JWT is nested inside.
        let public_key = matches!(decrypted.header().alg().family(), JweFamily::Rsa(_) | JweFamily::EcdhEs(_));
        if !self.allow_unsigned_jwe || public_key {
            return Err(Error::UnsignedJwe);
        }
        self.check_typ(decrypted.header().typ())?;
        payload.clear();
        payload.extend_from_slice(decrypted.plaintext());
        Ok(None)
    }

    fn check_typ(&self, typ: Option<&str>) -> Result<(), Error> {
        match (&self.typ, typ) {
            (None, _) => Ok(()),
            (Some(want), Some(have)) if media_type_eq(have, want) => Ok(()),
            _ => Err(Error::InvalidType),
        }
    }

    /// Validates a claims document alone: the claims rules of this
    /// validation (`exp`, `nbf`, `iat`, issuer, audience, subject, required
    /// claims, the caller's [`check`](Self::check)) and the JSON rules,
    /// exactly as [`verify`](Self::verify) applies them after the signature;
    /// returns the claims in the caller's type.
    ///
    /// This checks no signature, no decryption and no header (`typ` is a
    /// header rule): it is for claims whose token was verified elsewhere
    /// (by a gateway, or with [`Verifier`] directly), never for bytes
    /// straight from a request. [`Validation::claims_only`] makes a
    /// validation that holds no keys for this purpose.
    ///
    /// ```
    /// use jot_jwt::json::Object;
    /// use jot_jwt::{Claim, Error, FixedClock, Validation};
    ///
    /// let validation = Validation::claims_only().audience("api").clock(FixedClock(1_000));
    ///
    /// let claims: Object = validation.validate_claims(br#"{"aud":"api","exp":2000}"#)?;
    /// assert_eq!(claims.get("aud").and_then(|v| v.as_str()), Some("api"));
    ///
    /// let expired = validation.validate_claims::<Object>(br#"{"aud":"api","exp":900}"#);
    /// assert_eq!(expired.unwrap_err(), Error::Expired);
    /// let no_aud = validation.validate_claims::<Object>(br#"{"exp":2000}"#);
    /// assert_eq!(no_aud.unwrap_err(), Error::MissingClaim(Claim::Aud));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_claims<'p, T: serde::Deserialize<'p>>(&self, payload: &'p [u8]) -> Result<T, Error> {
        self.validate(payload).map(|(claims, _)| claims)
    }

    /// The one implementation of the claims rules: `verify`, `verify_into`
    /// and `validate_claims` come here once the token is open. Returns the
    /// registered claims as read, for a [`Jwt`] to keep.
    fn validate<'p, T: serde::Deserialize<'p>>(&self, payload: &'p [u8]) -> Result<(T, RegisteredView<'p>), Error> {
        // One strict pass reads the caller's type and the registered claims
        // together. When it has no answer (the document breaks a rule, or
        // the type needs something only serde_json does), the reference
        // path gives the verdict: a strict scan for the registered claims,
        // then the caller's type from the same checked bytes.
        let (reg, claims) = match RegisteredView::read::<T>(payload, &self.claims_limits) {
            Some((reg, claims)) => (reg, Some(claims)),
            None => (RegisteredView::scan(payload, &self.claims_limits)?, None),
        };
        // Whole seconds in i128: no sum or difference of an i64 clock and
        // u64 leeway or age overflows, and each date compares with it
        // exactly (an integer date as an integer, never through f64).
        let now = i128::from(self.clock.now());
        let leeway = i128::from(self.leeway);

        match reg.exp {
            // now >= exp + leeway
            Some(exp) if exp.cmp_secs(now - leeway).is_le() => return Err(Error::Expired),
            None if self.require_exp => return Err(Error::MissingClaim(Claim::Exp)),
            _ => {}
        }
        // now < nbf - leeway
        if let Some(nbf) = reg.nbf
            && nbf.cmp_secs(now + leeway).is_gt()
        {
            return Err(Error::NotYetValid);
        }
        // A maximum age is no limit if a future `iat` can pass it: with
        // `max_age`, a future `iat` is refused as with `reject_future_iat`.
        if (self.reject_future_iat || self.max_age.is_some())
            && let Some(iat) = reg.iat
            && iat.cmp_secs(now + leeway).is_gt()
        {
            return Err(Error::IssuedInFuture);
        }
        if let Some(max_age) = self.max_age {
            let iat = reg.iat.ok_or(Error::MissingClaim(Claim::Iat))?;
            // now - iat > max_age + leeway
            if iat.cmp_secs(now - i128::from(max_age) - leeway).is_lt() {
                return Err(Error::TooOld);
            }
        }
        if let Some(bound) = &self.bound_issuer {
            let iss = reg.iss.as_ref().ok_or(Error::MissingClaim(Claim::Iss))?;
            if !iss.eq_str(bound) {
                return Err(Error::InvalidIssuer);
            }
        }
        if let Some(issuers) = &self.issuers {
            let iss = reg.iss.ok_or(Error::MissingClaim(Claim::Iss))?;
            if !issuers.iter().any(|i| iss.eq_str(i)) {
                return Err(Error::InvalidIssuer);
            }
        }
        match (&self.audiences, reg.aud) {
            (Some(audiences), Some(aud)) => {
                if !aud.values().any(|a| audiences.iter().any(|want| *want == *a)) {
                    return Err(Error::InvalidAudience);
                }
            }
            (Some(_), None) => return Err(Error::MissingClaim(Claim::Aud)),
            // RFC 7519 section 4.1.3: a token naming audiences is rejected by
            // a validator that cannot identify itself among them, unless the
            // caller opted out by name.
            (None, Some(_)) if !self.any_audience => return Err(Error::InvalidAudience),
            (None, _) => {}
        }
        if let Some(want) = &self.subject {
            let sub = reg.sub.ok_or(Error::MissingClaim(Claim::Sub))?;
            if !sub.eq_str(want) {
                return Err(Error::InvalidSubject);
            }
        }
        if let Some(missing) = self.required.iter().find(|c| !reg.has(**c)) {
            return Err(Error::MissingClaim(*missing));
        }
        if let Some(check) = &self.check {
            let obj = json::parse_object(payload, &self.claims_limits).map_err(Error::from)?;
            check(&reg.to_owned(), &obj).map_err(|e| Error::Rejected(Arc::from(e)))?;
        }
        let claims = match claims {
            Some(claims) => claims,
            None => json::__private::from_checked_slice_or_mismatch::<T>(payload, &self.claims_limits)
                .map_err(|m| Error::custom_claims(&m))?,
        };
        Ok((claims, reg))
    }
}

/// What `Validation::open` hands back besides the claims document.
#[derive(Clone, Copy)]
enum Keep {
    /// The JWS header too (for [`Jwt`]).
    Header,
    /// The claims document alone.
    Claims,
}

/// RFC 8725 section 3.11 / RFC 7515 section 4.1.9: media types compare
/// case-insensitively, and `application/` may be omitted.
fn media_type_eq(a: &str, b: &str) -> bool {
    fn strip(s: &str) -> &str {
        match s.get(..12) {
            Some(p) if p.eq_ignore_ascii_case("application/") => s.get(12..).unwrap_or(""),
            _ => s,
        }
    }
    strip(a).eq_ignore_ascii_case(strip(b))
}

/// Where a validation's verifying keys come from.
#[derive(Clone)]
enum KeySource {
    /// Keys the caller bound.
    Local(Arc<Verifier>),
    /// A remote set's keys as fetched now.
    #[cfg(feature = "remote")]
    Remote(jot_jwks::RemoteJwkSet),
}

/// The remote set's keys as last fetched, for a synchronous verify: within
/// the stale-if-error window, as `verify_async` would use them.
#[cfg(feature = "remote")]
fn remote_current(remote: &jot_jwks::RemoteJwkSet) -> Result<Arc<jot_jwks::KeySnapshot>, Error> {
    remote.usable().map_err(Error::KeySource)
}

impl core::fmt::Debug for Validation {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Validation")
            .field("issuers", &self.issuers)
            .field("audiences", &self.audiences)
            .field("subject", &self.subject)
            .field("require_exp", &self.require_exp)
            .field("leeway", &self.leeway)
            .field("typ", &self.typ)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::media_type_eq;

    #[test]
    fn explicit_typing_comparison() {
        assert!(media_type_eq("at+jwt", "application/AT+JWT"));
        assert!(media_type_eq("JWT", "jwt"));
        assert!(media_type_eq("Application/jwt", "JWT"));
        assert!(!media_type_eq("jwt", "at+jwt"));
        assert!(!media_type_eq("application/", "jwt"));
        assert!(!media_type_eq("x-application/jwt", "jwt"));
    }
}
