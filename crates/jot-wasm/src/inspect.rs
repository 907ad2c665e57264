//! Looking inside a token without verifying anything.

use jot_jwt::base64url;
use jot_jwt::json::{Object, Value as JotValue};
use serde_json::{Value, json};

use crate::error::Failure;
use crate::util::{object_value, parse_object, pretty, pretty_object, times};

/// The serialization of a token, as [`inspect`](crate::inspect) names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Compact JWS (three segments): a JWT is one.
    JwsCompact,
    /// Flattened JWS JSON serialization.
    JwsFlattened,
    /// General JWS JSON serialization (`signatures`).
    JwsGeneral,
    /// Compact JWE (five segments).
    JweCompact,
    /// Flattened JWE JSON serialization.
    JweFlattened,
    /// General JWE JSON serialization (`recipients`).
    JweGeneral,
}

impl TokenKind {
    /// The stable name in the JSON answer.
    pub const fn name(self) -> &'static str {
        match self {
            Self::JwsCompact => "jws-compact",
            Self::JwsFlattened => "jws-json-flattened",
            Self::JwsGeneral => "jws-json-general",
            Self::JweCompact => "jwe-compact",
            Self::JweFlattened => "jwe-json-flattened",
            Self::JweGeneral => "jwe-json-general",
        }
    }

    /// Whether the token is encrypted.
    pub const fn is_jwe(self) -> bool {
        matches!(self, Self::JweCompact | Self::JweFlattened | Self::JweGeneral)
    }
}

/// What a token looks like, before any verification.
#[derive(Clone, Debug)]
pub(crate) struct Parsed {
    pub kind: TokenKind,
    /// (role, text) for each compact segment; empty for JSON.
    pub segments: Vec<(&'static str, String)>,
    /// (role, header) pairs: "protected", "unprotected", "recipient 0"...
    pub headers: Vec<(String, Object)>,
    /// The payload bytes of a JWS (none for a JWE: it is encrypted).
    pub payload: Option<Vec<u8>>,
}

impl Parsed {
    /// The header member `name` from the first header that has it.
    pub fn member(&self, name: &str) -> Option<&JotValue> {
        self.headers.iter().find_map(|(_, h)| h.get(name))
    }

    /// Whether a JWE says it holds a JWT (`cty: JWT`, case-insensitive).
    pub fn is_nested(&self) -> bool {
        self.kind.is_jwe()
            && self.member("cty").and_then(JotValue::as_str).is_some_and(|c| c.eq_ignore_ascii_case("jwt"))
    }
}

const JWS_ROLES: [&str; 3] = ["header", "payload", "signature"];
const JWE_ROLES: [&str; 5] = ["header", "encrypted_key", "iv", "ciphertext", "tag"];

/// Decodes a base64url header segment with jot's strict decoder and parser.
fn header(segment: &str) -> Result<Object, Failure> {
    parse_object(&base64url::decode(segment)?)
}

fn opt_object(obj: &Object, name: &'static str) -> Result<Option<Object>, Failure> {
    match obj.get(name) {
        None => Ok(None),
        Some(JotValue::Object(o)) => Ok(Some(o.clone())),
        Some(_) => Err(Failure::from(jot_jwt::CoreError::Json(jot_jwt::json::JsonError::WrongType { member: name }))),
    }
}

fn protected_member(obj: &Object) -> Result<Option<Object>, Failure> {
    match obj.get("protected") {
        None => Ok(None),
        Some(JotValue::String(s)) => header(s).map(Some),
        Some(_) => {
            Err(Failure::from(jot_jwt::CoreError::Json(jot_jwt::json::JsonError::WrongType { member: "protected" })))
        }
    }
}

fn push_headers(out: &mut Vec<(String, Object)>, obj: &Object, suffix: &str) -> Result<(), Failure> {
    if let Some(p) = protected_member(obj)? {
        out.push((format!("protected{suffix}"), p));
    }
    for name in ["header", "unprotected"] {
        if let Some(h) = opt_object(obj, name)? {
            out.push((format!("{name}{suffix}"), h));
        }
    }
    Ok(())
}

/// Parses a token in any serialization with jot's strict decoders.
pub(crate) fn parse(token: &str) -> Result<Parsed, Failure> {
    let token = token.trim_ascii();
    if token.starts_with('{') {
        return parse_json(token);
    }
    if token.split('.').count() == 5 {
        let segments: Vec<_> = JWE_ROLES.iter().copied().zip(token.split('.').map(str::to_owned)).collect();
        let first = segments.first().map(|(_, s)| s.as_str()).unwrap_or_default();
        let headers = vec![("protected".to_owned(), header(first)?)];
        return Ok(Parsed { kind: TokenKind::JweCompact, segments, headers, payload: None });
    }
    // Anything else is read as a compact JWS: jot's decoder gives the
    // exact error for a wrong segment count or a bad segment.
    let (h, payload) = jot_jwt::jws::dangerous::decode_unverified_compact(token)?;
    let segments = JWS_ROLES.iter().copied().zip(token.split('.').map(str::to_owned)).collect();
    Ok(Parsed {
        kind: TokenKind::JwsCompact,
        segments,
        headers: vec![("protected".to_owned(), h)],
        payload: Some(payload),
    })
}

fn parse_json(token: &str) -> Result<Parsed, Failure> {
    let obj = parse_object(token.as_bytes())?;
    let mut headers = Vec::new();
    if obj.contains_key("ciphertext") {
        push_headers(&mut headers, &obj, "")?;
        let kind = match obj.get("recipients") {
            Some(JotValue::Array(rs)) => {
                for (i, r) in rs.iter().enumerate() {
                    if let JotValue::Object(r) = r {
                        push_headers(&mut headers, r, &format!(" (recipient {i})"))?;
                    }
                }
                TokenKind::JweGeneral
            }
            _ => TokenKind::JweFlattened,
        };
        return Ok(Parsed { kind, segments: Vec::new(), headers, payload: None });
    }
    let kind = match obj.get("signatures") {
        Some(JotValue::Array(ss)) => {
            for (i, s) in ss.iter().enumerate() {
                if let JotValue::Object(s) = s {
                    push_headers(&mut headers, s, &format!(" (signature {i})"))?;
                }
            }
            TokenKind::JwsGeneral
        }
        _ => {
            push_headers(&mut headers, &obj, "")?;
            TokenKind::JwsFlattened
        }
    };
    let payload = match obj.get("payload") {
        Some(JotValue::String(p)) => Some(base64url::decode(p)?),
        _ => None,
    };
    Ok(Parsed { kind, segments: Vec::new(), headers, payload })
}

/// The payload as JSON (object or value) with times, or as text.
fn payload_json(payload: &[u8], now: i64) -> Value {
    match jot_jwt::json::parse_value(payload, &jot_jwt::json::JsonLimits::DEFAULT) {
        Ok(JotValue::Object(o)) => json!({
            "json": object_value(&o),
            "pretty": pretty_object(&o),
            "times": times(&o, now),
        }),
        Ok(v) => {
            let v = crate::util::to_value(&v);
            json!({ "pretty": pretty(&v), "json": v })
        }
        Err(e) => json!({
            "text": String::from_utf8_lossy(payload),
            "not_json": e.to_string(),
        }),
    }
}

/// The JSON answer of [`inspect`](crate::inspect).
pub(crate) fn inspect_value(token: &str, now: i64) -> Result<Value, Failure> {
    let parsed = parse(token)?;
    let headers: Vec<Value> = parsed
        .headers
        .iter()
        .map(|(role, h)| json!({ "role": role, "json": object_value(h), "pretty": pretty_object(h) }))
        .collect();
    let segments: Vec<Value> =
        parsed.segments.iter().map(|(role, text)| json!({ "role": role, "text": text })).collect();
    Ok(json!({
        "ok": true,
        "verified": false,
        "kind": parsed.kind.name(),
        "nested": parsed.is_nested(),
        "segments": segments,
        "headers": headers,
        "alg": parsed.member("alg").and_then(JotValue::as_str),
        "enc": parsed.member("enc").and_then(JotValue::as_str),
        "payload": parsed.payload.as_deref().map(|p| payload_json(p, now)),
        "command": crate::command::inspect(),
    }))
}
