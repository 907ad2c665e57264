//! Operations that skip signature verification. Their names say so; no
//! [`Verifier`](crate::Verifier) reaches them.

use jot_core::base64url;
use jot_core::json::{Object, Value};

use crate::compact::{decode_header, split};
use crate::error::Part;
use crate::header::{AlgPolicy, Header};
use crate::{Error, Limits};

/// Makes an unsecured JWS (`alg: none`, RFC 7515 appendix A.5): anyone can
/// forge one. For tests and debugging only.
pub fn encode_unsecured(payload: &[u8], mut extra_header: Object) -> String {
    extra_header.insert("alg", "none");
    format!("{}.{}.", base64url::encode(extra_header.to_json()), base64url::encode(payload))
}

/// Reads an unsecured JWS (`alg: none` and an empty signature). **Nothing
/// about it is authentic.** Any other `alg` is refused, so this cannot be
/// used to skip the verification of a signed token by accident.
pub fn decode_unsecured(token: &str) -> Result<(Header, Vec<u8>), Error> {
    let limits = Limits::DEFAULT;
    let seg = split(token, &limits)?;
    let header = Header::check(decode_header(seg.header, &limits)?, Object::new(), &[], AlgPolicy::Unsecured)?;
    if !seg.signature.is_empty() {
        return Err(Error::Malformed(Part::Signature));
    }
    let payload = base64url::decode(seg.payload).map_err(|_| Error::Malformed(Part::Payload))?;
    Ok((header, payload))
}

/// Decodes a compact JWS **without verifying it**, for inspecting a token
/// while debugging: the protected header as parsed JSON and the payload
/// bytes. Nothing returned here is authentic.
pub fn decode_unverified_compact(token: &str) -> Result<(Object, Vec<u8>), Error> {
    let limits = Limits::DEFAULT;
    let seg = split(token, &limits)?;
    let header = decode_header(seg.header, &limits)?;
    let b64 = !matches!(header.get("b64"), Some(Value::Bool(false)));
    let payload = if b64 {
        base64url::decode(seg.payload).map_err(|_| Error::Malformed(Part::Payload))?
    } else {
        seg.payload.as_bytes().to_vec()
    };
    Ok((header, payload))
}
