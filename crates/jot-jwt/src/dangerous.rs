//! Reading a token without verifying it, for debugging. Nothing else in
//! jot-jwt returns claims without verification.

use jot_core::json::{self, JsonLimits, Object};

use crate::Error;

/// Decodes a compact JWS's header and claims **without verifying the
/// signature or any claim**. For looking at a token while debugging; never
/// for deciding anything.
pub fn decode_unverified(token: &str) -> Result<(Object, Object), Error> {
    let (header, payload) = jot_jws::dangerous::decode_unverified_compact(token.trim_ascii())?;
    let claims = json::parse_object(&payload, &JsonLimits::DEFAULT).map_err(Error::from)?;
    Ok((header, claims))
}
