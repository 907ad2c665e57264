//! What a protected handler receives: [`VerifiedToken`] in the request's
//! extensions, and the [`Claims`] extractor over it.

use std::sync::Arc;

use axum_core::extract::{FromRequestParts, OptionalFromRequestParts};
use axum_core::response::{IntoResponse, Response};
use http::request::Parts;
use jot_jwt::json::{JsonLimits, Object};
use jot_jwt::{Jwt, RegisteredClaims};
use serde::de::DeserializeOwned;

use crate::Rejection;
use crate::layer::Guarded;

/// A token the layer verified: its header, registered claims and every
/// claim. The layer puts it in the request's extensions.
#[derive(Clone, Debug)]
pub struct VerifiedToken(Arc<Jwt<Object>>);

impl VerifiedToken {
    pub(crate) fn new(jwt: Jwt<Object>) -> Self {
        Self(Arc::new(jwt))
    }

    /// The verified token.
    pub fn jwt(&self) -> &Jwt<Object> {
        &self.0
    }

    /// The registered claims (`iss`, `sub`, `aud`, `exp`, ...).
    pub fn registered(&self) -> &RegisteredClaims {
        self.0.registered()
    }

    /// Every claim, as a JSON object.
    pub fn claims(&self) -> &Object {
        self.0.claims()
    }
}

/// The verified claims as the handler's type: `Claims<C>` requires a
/// verified token; `Option<Claims<C>>` accepts a request without one (on a
/// route whose [`BearerAuth`](crate::BearerAuth) is
/// [`optional`](crate::BearerAuth::optional)).
///
/// Claims that do not fit `C` are refused with 401 `invalid_token`.
#[derive(Clone, Debug)]
pub struct Claims<C>(pub C);

/// Why the [`Claims`] extractor refused: answered as the layer would.
#[derive(Clone)]
pub struct ClaimsRejection {
    rejection: Rejection,
    /// The layer that let the request through, when one did.
    guarded: Option<Guarded>,
}

impl ClaimsRejection {
    /// The refusal.
    pub fn rejection(&self) -> &Rejection {
        &self.rejection
    }
}

impl core::fmt::Debug for ClaimsRejection {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.rejection.fmt(f)
    }
}

impl IntoResponse for ClaimsRejection {
    fn into_response(self) -> Response {
        match &self.guarded {
            Some(Guarded(config)) => self.rejection.response(&config.realm, &*config.body),
            None => self.rejection.response("api", &Rejection::default_body),
        }
    }
}

fn decode<C: DeserializeOwned>(token: &VerifiedToken) -> Result<C, Rejection> {
    jot_jwt::json::from_slice(token.jwt().claims_json(), &JsonLimits::DEFAULT)
        .map_err(|_| Rejection::InvalidToken("the claims do not fit the service's type"))
}

/// The verified token, or why the extractor refuses: no credentials under
/// a layer (it was optional, or the request a CORS preflight), or no layer.
fn verified(parts: &Parts) -> Result<&VerifiedToken, ClaimsRejection> {
    let guarded = parts.extensions.get::<Guarded>().cloned();
    match parts.extensions.get::<VerifiedToken>() {
        Some(token) if guarded.is_some() => Ok(token),
        _ => {
            let rejection = if guarded.is_some() { Rejection::Missing } else { Rejection::NotConfigured };
            Err(ClaimsRejection { rejection, guarded })
        }
    }
}

fn decode_in<C: DeserializeOwned>(parts: &Parts, token: &VerifiedToken) -> Result<Claims<C>, ClaimsRejection> {
    decode(token)
        .map(Claims)
        .map_err(|rejection| ClaimsRejection { rejection, guarded: parts.extensions.get::<Guarded>().cloned() })
}

impl<S: Send + Sync, C: DeserializeOwned> FromRequestParts<S> for Claims<C> {
    type Rejection = ClaimsRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let token = verified(parts)?;
        decode_in(parts, token)
    }
}

impl<S: Send + Sync, C: DeserializeOwned> OptionalFromRequestParts<S> for Claims<C> {
    type Rejection = ClaimsRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Option<Self>, Self::Rejection> {
        match verified(parts) {
            Ok(token) => decode_in(parts, token).map(Some),
            Err(ClaimsRejection { rejection: Rejection::Missing, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for VerifiedToken {
    type Rejection = ClaimsRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        verified(parts).cloned()
    }
}
