//! Reading a token without verifying it, for debugging. Nothing else in
//! jot-jwt returns claims without verification.

use jot_core::json::{self, JsonLimits, Object};

use crate::Error;

/// Decodes a compact JWS's header and claims **without verifying the
/// signature or any claim**. For looking at a token while debugging; never
/// for deciding anything.
///
/// Unlike [`Validation`](crate::Validation), which takes exactly the
/// compact form, this trims surrounding ASCII whitespace first, so a token
/// pasted from a log or a file can be looked at as it is. That leniency is
/// harmless here only because nothing this returns is verified: a token
/// that decodes here may still be refused by `Validation` for its
/// whitespace alone.
pub fn decode_unverified(token: &str) -> Result<(Object, Object), Error> {
    let (header, payload) = jot_jws::dangerous::decode_unverified_compact(token.trim_ascii())?;
    let claims = json::parse_object(&payload, &JsonLimits::DEFAULT).map_err(Error::from)?;
    Ok((header, claims))
}
