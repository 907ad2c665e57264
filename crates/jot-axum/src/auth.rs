//! [`BearerAuth`]: what a protected route accepts, and the verdict on one
//! request.

use std::sync::Arc;

use http::{HeaderMap, Uri};
use jot_jwt::json::Object;
use jot_jwt::{Jwt, Validation};

use crate::rejection::{BodyFn, is_attribute_text};
use crate::{Rejection, VerifiedToken, extract, scope};

/// The caller's own check on a verified token: `Err(description)` refuses
/// it with 403 `insufficient_scope` (the description must be fixed text:
/// it goes into the response).
pub type TokenCheck = dyn Fn(&Jwt<Object>) -> Result<(), &'static str> + Send + Sync;

/// Bearer authentication for a route or a whole service (RFC 6750): the
/// token validation, the scopes the route requires, and the answers.
///
/// Cheap to clone; derive a route's requirements from a shared one
/// (`auth.clone().require_scope("orders:write")`). It is a tower
/// [`Layer`](tower_layer::Layer): apply it with `.layer(auth)` / `.route_layer(auth)`.
#[derive(Clone)]
pub struct BearerAuth {
    pub(crate) config: Arc<Config>,
}

#[derive(Clone)]
pub(crate) struct Config {
    validations: Validations,
    /// The realm as sent (checked to be quoted-string text).
    pub(crate) realm: Arc<str>,
    scopes: Vec<String>,
    check: Option<Arc<TokenCheck>>,
    pub(crate) cors_preflight: bool,
    optional: bool,
    retry_after: u64,
    pub(crate) body: Arc<BodyFn>,
}

#[derive(Clone)]
enum Validations {
    One(Box<Validation>),
    /// Routed by the token's unverified `iss`, which chooses the
    /// validation and nothing else.
    ByIssuer(Vec<(String, Validation)>),
}

/// The largest token whose payload is decoded to read `iss` for routing.
const MAX_ROUTED_TOKEN: usize = 64 * 1024;

impl BearerAuth {
    /// Authentication with one validation (local keys, a JWK Set, or a
    /// remote set with [`Validation::from_remote`]).
    pub fn new(validation: Validation) -> Self {
        Self::with(Validations::One(Box::new(validation)))
    }

    /// Authentication for tokens from several issuers: each token goes to
    /// the validation of the issuer its (unverified) `iss` names, which
    /// then requires that `iss`. The unverified `iss` is used for this
    /// choice and nothing else; a token naming no listed issuer is refused.
    pub fn by_issuer<I: Into<String>>(validations: impl IntoIterator<Item = (I, Validation)>) -> Self {
        let routed = validations
            .into_iter()
            .map(|(iss, v)| {
                let iss = iss.into();
                let v = v.issuer(iss.clone());
                (iss, v)
            })
            .collect();
        Self::with(Validations::ByIssuer(routed))
    }

    fn with(validations: Validations) -> Self {
        Self {
            config: Arc::new(Config {
                validations,
                realm: Arc::from("api"),
                scopes: Vec::new(),
                check: None,
                cors_preflight: false,
                optional: false,
                retry_after: 30,
                body: Arc::new(Rejection::default_body),
            }),
        }
    }

    fn edit(mut self, f: impl FnOnce(&mut Config)) -> Self {
        f(Arc::make_mut(&mut self.config));
        self
    }

    /// The `realm` of the challenges (default `api`). Characters a
    /// quoted-string cannot hold (`"`, `\`, controls, non-ASCII) are
    /// replaced by `?`.
    pub fn realm(self, realm: &str) -> Self {
        let clean: String =
            realm.chars().map(|c| if is_attribute_text(c.encode_utf8(&mut [0; 4])) { c } else { '?' }).collect();
        self.edit(|c| c.realm = Arc::from(clean))
    }

    /// Requires scopes (one, or several separated by spaces; all of them),
    /// read from the token's `scope` string or `scp` array. A token without
    /// them gets 403 `insufficient_scope` naming them.
    pub fn require_scope(self, scopes: &str) -> Self {
        self.edit(|c| c.scopes.extend(scopes.split(' ').filter(|s| !s.is_empty()).map(str::to_owned)))
    }

    /// Requires `typ: at+jwt` (RFC 9068 access tokens) in every validation.
    pub fn require_at_jwt(self) -> Self {
        self.edit(|c| {
            c.validations = match std::mem::replace(&mut c.validations, Validations::ByIssuer(Vec::new())) {
                Validations::One(v) => Validations::One(Box::new(v.typ("at+jwt"))),
                Validations::ByIssuer(list) => {
                    Validations::ByIssuer(list.into_iter().map(|(i, v)| (i, v.typ("at+jwt"))).collect())
                }
            }
        })
    }

    /// The caller's own check on each verified token (after the scopes).
    pub fn check(self, f: impl Fn(&Jwt<Object>) -> Result<(), &'static str> + Send + Sync + 'static) -> Self {
        self.edit(|c| c.check = Some(Arc::new(f)))
    }

    /// Lets CORS preflight requests (`OPTIONS` with
    /// `Access-Control-Request-Method`) through without a token, for a
    /// CORS layer further in to answer.
    pub fn allow_cors_preflight(self) -> Self {
        self.edit(|c| c.cors_preflight = true)
    }

    /// Optional authentication: a request without credentials passes
    /// through (a [`Claims`](crate::Claims) extractor then answers 401; an
    /// `Option<Claims<_>>` is `None`). Bad credentials are still refused.
    pub fn optional(self) -> Self {
        self.edit(|c| c.optional = true)
    }

    /// `Retry-After` seconds of the 503 answer when the keys are
    /// unavailable (default 30, the remote set's cooldown).
    pub fn retry_after(self, secs: u64) -> Self {
        self.edit(|c| c.retry_after = secs)
    }

    /// The response body of every refusal (default:
    /// [`Rejection::default_body`], a small JSON object): a content type
    /// and bytes. The status and headers stay RFC 6750's.
    pub fn error_body(self, f: impl Fn(&Rejection) -> (&'static str, bytes::Bytes) + Send + Sync + 'static) -> Self {
        self.edit(|c| c.body = Arc::new(f))
    }

    /// The verdict on a request's headers: a verified token, `Ok(None)`
    /// (optional authentication, no credentials), or the refusal.
    pub async fn authenticate(&self, headers: &HeaderMap, uri: &Uri) -> Result<Option<VerifiedToken>, Rejection> {
        self.config.authenticate(headers, uri).await
    }
}

impl Config {
    pub(crate) async fn authenticate(
        &self,
        headers: &HeaderMap,
        uri: &Uri,
    ) -> Result<Option<VerifiedToken>, Rejection> {
        let token = match extract::bearer_token(headers, uri)? {
            Some(token) => token,
            None if self.optional => return Ok(None),
            None => return Err(Rejection::Missing),
        };
        let validation = self.validation_for(token)?;
        let jwt = validation.verify_async::<Object>(token).await.map_err(|e| self.refusal(&e))?;
        if !scope::grants_all(jwt.claims(), &self.scopes) {
            let named: Vec<&str> = self.scopes.iter().map(String::as_str).filter(|s| is_attribute_text(s)).collect();
            return Err(Rejection::InsufficientScope(named.join(" ")));
        }
        if let Some(check) = &self.check {
            check(&jwt).map_err(|d| {
                Rejection::Forbidden(if is_attribute_text(d) { d } else { "the token is not accepted" })
            })?;
        }
        Ok(Some(VerifiedToken::new(jwt)))
    }

    fn validation_for(&self, token: &str) -> Result<&Validation, Rejection> {
        match &self.validations {
            Validations::One(v) => Ok(v),
            Validations::ByIssuer(list) => {
                let iss = unverified_iss(token).ok_or(Rejection::InvalidToken("issuer not accepted"))?;
                list.iter()
                    .find(|(i, _)| *i == iss)
                    .map(|(_, v)| v)
                    .ok_or(Rejection::InvalidToken("issuer not accepted"))
            }
        }
    }

    fn refusal(&self, e: &jot_jwt::Error) -> Rejection {
        use jot_jwt::Error as E;
        use jot_jwt::jws::Error as S;
        Rejection::InvalidToken(match e {
            E::KeySource(k) if k.is_unavailable() => return Rejection::Unavailable { retry_after: self.retry_after },
            E::KeySource(_) | E::Jws(S::NoMatchingKey | S::AmbiguousKey) => "no key matches the token",
            E::Expired => "the token has expired",
            E::NotYetValid => "the token is not yet valid",
            E::IssuedInFuture => "the token was issued in the future",
            E::TooOld => "the token is too old",
            E::InvalidIssuer => "issuer not accepted",
            E::InvalidAudience => "audience not accepted",
            E::InvalidSubject => "subject not accepted",
            E::InvalidType => "token type not accepted",
            E::MissingClaim(_) => "a required claim is missing",
            E::InvalidClaimType(_) | E::Claims(_) | E::CustomClaims(_) | E::Limit(_) => "invalid claims",
            E::Rejected(_) => "claims not accepted",
            E::Jws(S::InvalidSignature) => "invalid signature",
            E::Jws(S::AlgorithmNotAllowed | S::Unsecured | S::UnsupportedAlgorithm | S::MissingAlgorithm) => {
                "algorithm not accepted"
            }
            E::UnexpectedJwe | E::UnsignedJwe | E::Jwe(_) => "encrypted token not accepted",
            _ => "malformed token",
        })
    }
}

/// The `iss` of a compact JWS's payload, unverified: only to choose a
/// validation.
fn unverified_iss(token: &str) -> Option<String> {
    if token.len() > MAX_ROUTED_TOKEN {
        return None;
    }
    let (_, claims) = jot_jwt::dangerous::decode_unverified(token).ok()?;
    claims.get_str("iss").ok().flatten().map(str::to_owned)
}
