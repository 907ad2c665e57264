//! [`Jwt`]: a verified, validated token.

use jot_jws::Header;

use crate::claims::RegisteredClaims;

/// A verified token whose claims passed validation.
#[derive(Clone, Debug)]
pub struct Jwt<T> {
    pub(crate) header: Option<Header>,
    pub(crate) registered: RegisteredClaims,
    pub(crate) claims: T,
}

impl<T> Jwt<T> {
    /// The JWS header (for a nested token, the inner signed JWT's; `None`
    /// for an unsigned JWE the caller allowed).
    pub fn header(&self) -> Option<&Header> {
        self.header.as_ref()
    }

    /// The registered claims.
    pub fn registered(&self) -> &RegisteredClaims {
        &self.registered
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
