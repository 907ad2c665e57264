//! The compact serialization (RFC 7515 section 7.1): parsing and verifying.
//!
//! Verification does not copy the token: the signing input is a slice of it,
//! and the signature is decoded into a stack buffer.

use std::borrow::Cow;

use jot_core::base64url;
use jot_core::compact::Dots;
use jot_core::json::{self, Object};

use crate::error::{Part, core_error};
use crate::header::{AlgPolicy, check_compact};
use crate::verifier::{Payload, Verified};
use crate::{Error, Limits, Verifier};

/// Longest signature accepted: ML-DSA-87 (4627 bytes).
pub(crate) const MAX_SIGNATURE_BYTES: usize = 4627;

/// Longest RSA signature: RSA-16384 (2048 bytes).
const RSA_SIGNATURE_BYTES: usize = 2048;

/// Longest signature of any algorithm but RSA and ML-DSA: ES512 (132 bytes).
const SHORT_SIGNATURE_BYTES: usize = 132;

/// The three segments of a compact JWS, borrowed from the token.
pub(crate) struct Segments<'a> {
    pub(crate) header: &'a str,
    pub(crate) payload: &'a str,
    pub(crate) signature: &'a str,
    /// `header.payload`: the signing input, a slice of the token.
    pub(crate) signing_input: &'a str,
}

/// Splits a compact JWS into exactly three segments.
pub(crate) fn split<'a>(token: &'a str, limits: &Limits) -> Result<Segments<'a>, Error> {
    if token.len() > limits.max_token_bytes {
        return Err(jot_core::LimitKind::TokenSize.into());
    }
    let [header, payload, signature] =
        Dots::find(token).segments(token).ok_or(Error::Malformed(Part::Serialization))?;
    let signing_input = token.get(..header.len() + 1 + payload.len()).ok_or(Error::Malformed(Part::Serialization))?;
    Ok(Segments { header, payload, signature, signing_input })
}

/// Decodes and parses a base64url protected header under the limits.
pub(crate) fn decode_header(b64: &str, limits: &Limits) -> Result<Object, Error> {
    if b64.len() > base64url::encoded_len(limits.max_header_bytes) {
        return Err(jot_core::LimitKind::HeaderSize.into());
    }
    let bytes = base64url::decode(b64).map_err(|_| Error::Malformed(Part::ProtectedHeader))?;
    json::parse_object(&bytes, &limits.header_json()).map_err(|e| core_error(Part::ProtectedHeader, e))
}

impl Verifier {
    /// Verifies a compact JWS and returns its payload and header.
    ///
    /// `alg: none` is always refused ([`Error::Unsecured`]); an unknown `crit`
    /// extension, a `b64` that breaks RFC 7797's rules, four segments,
    /// padding or whitespace in a segment, and a header with duplicate
    /// members are all refused before any key is looked at.
    pub fn verify_compact<'a>(&self, token: &'a str) -> Result<Verified<'a>, Error> {
        self.verify_compact_inner(token, None, None)
    }

    /// Verifies a compact JWS as [`verify_compact`](Self::verify_compact)
    /// does, and decodes its payload into `buf` (cleared first) during
    /// verification: for a caller that reads the payload anyway, this spares
    /// checking its encoding and then decoding it, and allocates nothing
    /// when `buf` has room. On an error `buf` holds nothing of use.
    ///
    /// ```
    /// use jot_jwt::alg::JwsAlgorithm;
    /// use jot_jwt::jwk::Jwk;
    /// use jot_jwt::jws::{JwsBuilder, Verifier};
    ///
    /// let key = Jwk::generate_for_jws(JwsAlgorithm::HS256)?;
    /// let token = JwsBuilder::new(&key.signing_key(JwsAlgorithm::HS256)?).compact(b"hello")?;
    /// let verifier = Verifier::new(key.verifying_key(JwsAlgorithm::HS256)?);
    /// let mut buf = Vec::new();
    /// verifier.verify_compact_into(&token, &mut buf)?;
    /// assert_eq!(buf, b"hello");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify_compact_into<'a>(&self, token: &'a str, buf: &mut Vec<u8>) -> Result<Verified<'a>, Error> {
        self.verify_compact_inner(token, None, Some(buf))
    }

    /// Verifies a compact JWS with a detached payload (RFC 7515 appendix F):
    /// the token's payload segment must be empty, and `payload` is the
    /// payload (raw bytes; encoded here when the header does not say
    /// `b64: false`).
    pub fn verify_compact_detached<'a>(&self, token: &'a str, payload: &'a [u8]) -> Result<Verified<'a>, Error> {
        self.verify_compact_inner(token, Some(payload), None)
    }

    /// `decode_into`: decode an attached payload into this buffer rather
    /// than only check its encoding.
    fn verify_compact_inner<'a>(
        &self,
        token: &'a str,
        detached: Option<&'a [u8]>,
        decode_into: Option<&mut Vec<u8>>,
    ) -> Result<Verified<'a>, Error> {
        let seg = split(token, &self.limits)?;
        // The signature is decoded into a stack buffer: one sized for RSA is
        // zeroed only for a signature too long for the small one, and one
        // sized for ML-DSA only for a signature longer than any RSA one.
        if seg.signature.len() <= base64url::encoded_len(SHORT_SIGNATURE_BYTES) {
            self.verify_segments::<SHORT_SIGNATURE_BYTES>(&seg, detached, decode_into)
        } else if seg.signature.len() <= base64url::encoded_len(RSA_SIGNATURE_BYTES) {
            self.verify_segments::<RSA_SIGNATURE_BYTES>(&seg, detached, decode_into)
        } else {
            self.verify_segments::<MAX_SIGNATURE_BYTES>(&seg, detached, decode_into)
        }
    }

    /// Verifies split segments, the signature decoded into `[u8; N]`.
    fn verify_segments<'a, const N: usize>(
        &self,
        seg: &Segments<'a>,
        detached: Option<&'a [u8]>,
        decode_into: Option<&mut Vec<u8>>,
    ) -> Result<Verified<'a>, Error> {
        // A header segment this verifier checked before (on a token whose
        // signature verified) is not checked again: see `header/memo.rs`.
        let (header, remembered) = match self.memo.get(seg.header) {
            Some(header) => (header, true),
            None => (check_compact(seg.header, &self.limits, &self.allowed_crit, AlgPolicy::Secured)?, false),
        };
        let mut sig_buf = [0u8; N];
        if seg.signature.len() > base64url::encoded_len(N) {
            return Err(Error::Malformed(Part::Signature));
        }
        let sig = base64url::decode_to_slice(seg.signature.as_bytes(), &mut sig_buf)
            .map_err(|_| Error::Malformed(Part::Signature))?;
        let (kid, payload) = match detached {
            None => {
                let kid = self.check_signature(&header, seg.signing_input.as_bytes(), sig)?;
                let malformed = |_| Error::Malformed(Part::Payload);
                let payload = if header.b64() {
                    match decode_into {
                        // Decoding checks the encoding under the same rules.
                        Some(buf) => {
                            buf.clear();
                            buf.resize(base64url::decoded_len_max(seg.payload.len()), 0);
                            let len = base64url::decode_to_slice(seg.payload.as_bytes(), buf).map_err(malformed)?.len();
                            buf.truncate(len);
                        }
                        None => base64url::check(seg.payload.as_bytes()).map_err(malformed)?,
                    }
                    Payload::checked_segment(seg.payload)
                } else {
                    if let Some(buf) = decode_into {
                        buf.clear();
                        buf.extend_from_slice(seg.payload.as_bytes());
                    }
                    Payload::Bytes(Cow::Borrowed(seg.payload.as_bytes()))
                };
                (kid, payload)
            }
            Some(payload) => {
                if !seg.payload.is_empty() {
                    return Err(Error::PayloadPresence);
                }
                let kid = if header.b64() {
                    let mut input = String::with_capacity(seg.header.len() + 1 + base64url::encoded_len(payload.len()));
                    input.push_str(seg.header);
                    input.push('.');
                    base64url::encode_into(payload, &mut input);
                    self.check_signature(&header, input.as_bytes(), sig)?
                } else {
                    let mut input = Vec::with_capacity(seg.header.len() + 1 + payload.len());
                    input.extend_from_slice(seg.header.as_bytes());
                    input.push(b'.');
                    input.extend_from_slice(payload);
                    self.check_signature(&header, &input, sig)?
                };
                (kid, Payload::Bytes(Cow::Borrowed(payload)))
            }
        };
        if !remembered {
            self.memo.remember(seg.header, &header);
        }
        let alg = header.alg().ok_or(Error::MissingAlgorithm)?;
        Ok(Verified { header, payload, index: 0, alg, kid: kid.0 })
    }
}
