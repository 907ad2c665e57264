//! [`Jwt`]: a verified, validated token.

use std::sync::OnceLock;

use jot_jws::Header;

use crate::claims::{RegisteredClaims, StoredView};

/// A verified token whose claims passed validation.
#[derive(Clone, Debug)]
pub struct Jwt<T> {
    pub(crate) header: Option<Header>,
    /// The validated claims document; the registered claims are copied out
    /// of it only when asked for, so validation itself copies no string.
    payload: Vec<u8>,
    /// The registered claims validation read, kept as places in `payload`.
    view: StoredView,
    registered: OnceLock<RegisteredClaims>,
    pub(crate) claims: T,
}

impl<T> Jwt<T> {
    pub(crate) fn new(header: Option<Header>, payload: Vec<u8>, view: StoredView, claims: T) -> Self {
        Self { header, payload, view, registered: OnceLock::new(), claims }
    }

    /// The JWS header (for a nested token, the inner signed JWT's; `None`
    /// for an unsigned JWE the caller allowed).
    pub fn header(&self) -> Option<&Header> {
        self.header.as_ref()
    }

    /// The registered claims.
    pub fn registered(&self) -> &RegisteredClaims {
        // Copied from the view validation read, not read again.
        self.registered.get_or_init(|| self.view.view(&self.payload).to_owned())
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
