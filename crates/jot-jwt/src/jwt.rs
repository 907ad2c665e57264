//! [`Jwt`]: a verified, validated token.

use std::sync::OnceLock;

use jot_core::json::JsonLimits;
use jot_jws::Header;

use crate::claims::{RegisteredClaims, RegisteredView};

/// A verified token whose claims passed validation.
#[derive(Clone, Debug)]
pub struct Jwt<T> {
    pub(crate) header: Option<Header>,
    /// The validated claims document; the registered claims are copied out
    /// of it only when asked for, so validation itself copies no string.
    payload: Vec<u8>,
    registered: OnceLock<RegisteredClaims>,
    pub(crate) claims: T,
}

impl<T> Jwt<T> {
    pub(crate) fn new(header: Option<Header>, payload: Vec<u8>, claims: T) -> Self {
        Self { header, payload, registered: OnceLock::new(), claims }
    }

    /// The JWS header (for a nested token, the inner signed JWT's; `None`
    /// for an unsigned JWE the caller allowed).
    pub fn header(&self) -> Option<&Header> {
        self.header.as_ref()
    }

    /// The registered claims.
    pub fn registered(&self) -> &RegisteredClaims {
        self.registered.get_or_init(|| {
            // The document passed this very check during validation, so the
            // scan succeeds; an empty set stands in if it ever did not.
            let unbounded = JsonLimits { max_bytes: usize::MAX, max_depth: usize::MAX };
            RegisteredView::scan(&self.payload, &unbounded).map(RegisteredView::to_owned).unwrap_or_default()
        })
    }

    /// The claims document exactly as validated (UTF-8 JSON).
    pub fn claims_json(&self) -> &[u8] {
        &self.payload
    }

    /// The claims in the caller's type.
    pub fn claims(&self) -> &T {
        &self.claims
    }

    /// The claims, owned.
    pub fn into_claims(self) -> T {
        self.claims
    }
}
