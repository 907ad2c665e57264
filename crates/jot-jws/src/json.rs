//! The JSON serializations (RFC 7515 section 7.2): flattened and general,
//! parsing and verifying.

use std::borrow::Cow;
use std::collections::HashSet;

use jot_core::base64url;
use jot_core::json::{self, Object, Value};

use crate::compact::decode_header;
use crate::error::{CritError, Part, core_error};
use crate::header::{AlgPolicy, Header};
use crate::verifier::{Payload, Verified};
use crate::{Error, Verifier};

/// One signature of a JSON-serialized JWS, with its checked header.
struct Signature<'a> {
    protected_b64: &'a str,
    header: Header,
    signature: Vec<u8>,
}

/// A parsed JSON serialization: payload segment and signatures.
struct Parsed<'a> {
    payload: Option<&'a str>,
    signatures: Vec<Signature<'a>>,
    b64: bool,
}

fn str_member<'a>(obj: &'a Object, name: &'static str) -> Result<Option<&'a str>, Error> {
    obj.get_str(name).map_err(|e| Error::Json(Part::Serialization, e))
}

impl Verifier {
    fn parse_json<'a>(&self, doc: &'a Object) -> Result<Parsed<'a>, Error> {
        let entries: Vec<&Object> = match doc.get("signatures") {
            Some(Value::Array(items)) => {
                // A general JWS must not also carry flattened members.
                if ["protected", "header", "signature"].iter().any(|m| doc.contains_key(m)) {
                    return Err(Error::Malformed(Part::Serialization));
                }
                if items.is_empty() {
                    return Err(Error::Malformed(Part::Serialization));
                }
                if items.len() > self.limits.max_signatures {
                    return Err(Error::Limit(jot_core::LimitKind::Signatures));
                }
                items
                    .iter()
                    .map(|v| match v {
                        Value::Object(o) => Ok(o),
                        _ => Err(Error::Malformed(Part::Serialization)),
                    })
                    .collect::<Result<_, _>>()?
            }
            Some(_) => return Err(Error::Malformed(Part::Serialization)),
            None => vec![doc],
        };
        let payload = str_member(doc, "payload")?;
        let mut signatures = Vec::with_capacity(entries.len());
        for entry in entries {
            let protected_b64 = str_member(entry, "protected")?.unwrap_or("");
            let protected = if protected_b64.is_empty() {
                if entry.contains_key("protected") {
                    // RFC 7515 7.2.1: omitted when empty, never the empty string.
                    return Err(Error::Malformed(Part::ProtectedHeader));
                }
                Object::new()
            } else {
                decode_header(protected_b64, &self.limits)?
            };
            let unprotected = match entry.get("header") {
                None => Object::new(),
                Some(Value::Object(o)) => {
                    let bytes = o.to_json();
                    if bytes.len() > self.limits.max_header_bytes {
                        return Err(jot_core::LimitKind::HeaderSize.into());
                    }
                    o.clone()
                }
                Some(_) => return Err(Error::Malformed(Part::UnprotectedHeader)),
            };
            let header = Header::check(protected, unprotected, &self.allowed_crit, AlgPolicy::Secured)?;
            let sig_b64 = str_member(entry, "signature")?.ok_or(Error::Malformed(Part::Signature))?;
            let signature = base64url::decode(sig_b64).map_err(|_| Error::Malformed(Part::Signature))?;
            signatures.push(Signature { protected_b64, header, signature });
        }
        // The same protected header and signature twice would let
        // `verify_json_all` report one signature as two (a second header
        // could even name a second key holding the same HMAC secret).
        let mut seen = HashSet::with_capacity(signatures.len());
        if !signatures.iter().all(|s| seen.insert((s.protected_b64, s.signature.as_slice()))) {
            return Err(Error::DuplicateSignature);
        }
        let b64 = signatures.first().is_none_or(|s| s.header.b64());
        if signatures.iter().any(|s| s.header.b64() != b64) {
            return Err(CritError::B64Inconsistent.into());
        }
        Ok(Parsed { payload, signatures, b64 })
    }

    fn parse_document(&self, json_text: &[u8]) -> Result<Object, Error> {
        if json_text.len() > self.limits.max_token_bytes {
            return Err(jot_core::LimitKind::TokenSize.into());
        }
        json::parse_object(json_text, &self.limits.document_json()).map_err(|e| core_error(Part::Serialization, e))
    }

    /// Verifies a flattened or general JSON JWS: succeeds when one signature
    /// verifies, and reports which (index and `kid`), exposing only that
    /// signature's header.
    ///
    /// A signature whose header is malformed makes the whole document
    /// malformed; a signature for which no key matches is passed over.
    pub fn verify_json(&self, json_text: &[u8]) -> Result<Verified<'static>, Error> {
        self.verify_json_any(json_text, None)
    }

    /// As [`Verifier::verify_json`], with a detached payload (raw bytes).
    pub fn verify_json_detached(&self, json_text: &[u8], payload: &[u8]) -> Result<Verified<'static>, Error> {
        self.verify_json_any(json_text, Some(payload))
    }

    /// Verifies a JSON JWS whose every signature must verify; returns one
    /// [`Verified`] per signature, in order.
    pub fn verify_json_all(&self, json_text: &[u8]) -> Result<Vec<Verified<'static>>, Error> {
        let doc = self.parse_document(json_text)?;
        let parsed = self.parse_json(&doc)?;
        let (segment, payload) = payload_of(&parsed, None)?;
        let mut out = Vec::with_capacity(parsed.signatures.len());
        for (index, s) in parsed.signatures.into_iter().enumerate() {
            let input = signing_input(s.protected_b64, &segment);
            let kid = self.check_signature(&s.header, &input, &s.signature)?;
            let alg = s.header.alg().ok_or(Error::MissingAlgorithm)?;
            out.push(Verified {
                header: s.header,
                payload: Payload::Bytes(Cow::Owned(payload.to_vec())),
                index,
                alg,
                kid: kid.0,
            });
        }
        Ok(out)
    }

    fn verify_json_any(&self, json_text: &[u8], detached: Option<&[u8]>) -> Result<Verified<'static>, Error> {
        let doc = self.parse_document(json_text)?;
        let parsed = self.parse_json(&doc)?;
        let (segment, payload) = payload_of(&parsed, detached)?;
        let mut last = Error::NoMatchingKey;
        for (index, s) in parsed.signatures.into_iter().enumerate() {
            let input = signing_input(s.protected_b64, &segment);
            match self.check_signature(&s.header, &input, &s.signature) {
                Ok(kid) => {
                    let alg = s.header.alg().ok_or(Error::MissingAlgorithm)?;
                    return Ok(Verified {
                        header: s.header,
                        payload: Payload::Bytes(Cow::Owned(payload)),
                        index,
                        alg,
                        kid: kid.0,
                    });
                }
                // Remember the most telling failure: a bad signature outranks
                // a signature no key was meant for.
                Err(Error::InvalidSignature) => last = Error::InvalidSignature,
                Err(e @ (Error::NoMatchingKey | Error::AlgorithmNotAllowed)) => {
                    if last != Error::InvalidSignature {
                        last = e;
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Err(last)
    }
}

/// The payload segment as it enters the signing input, and the payload.
fn payload_of(parsed: &Parsed<'_>, detached: Option<&[u8]>) -> Result<(Vec<u8>, Vec<u8>), Error> {
    match (parsed.payload, detached) {
        (Some(segment), None) => {
            let payload = if parsed.b64 {
                base64url::decode(segment).map_err(|_| Error::Malformed(Part::Payload))?
            } else {
                segment.as_bytes().to_vec()
            };
            Ok((segment.as_bytes().to_vec(), payload))
        }
        (None, Some(payload)) => {
            let segment = if parsed.b64 { base64url::encode(payload).into_bytes() } else { payload.to_vec() };
            Ok((segment, payload.to_vec()))
        }
        _ => Err(Error::PayloadPresence),
    }
}

fn signing_input(protected_b64: &str, payload_segment: &[u8]) -> Vec<u8> {
    let mut input = Vec::with_capacity(protected_b64.len() + 1 + payload_segment.len());
    input.extend_from_slice(protected_b64.as_bytes());
    input.push(b'.');
    input.extend_from_slice(payload_segment);
    input
}
