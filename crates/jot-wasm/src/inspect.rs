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
    /// Each header: "protected", "unprotected", "header (recipient 0")...
    pub headers: Vec<Header>,
    /// The payload bytes of a JWS (none for a JWE: it is encrypted).
    pub payload: Option<Vec<u8>>,
}

/// One header of a token.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    /// Where it sits: "protected", "unprotected", "header (signature 1)"...
    pub role: String,
    pub object: Object,
    /// The JSON text as the token wrote it, where the token holds it as
    /// text (a protected header); `None` for a JSON-serialization member.
    pub text: Option<String>,
}

impl Header {
    /// Pretty-printed in the token's member order where the text is known,
    /// else in name order.
    pub fn pretty(&self) -> String {
        self.text.as_deref().map_or_else(|| pretty_object(&self.object), crate::pretty::pretty_text)
    }
}

impl Parsed {
    /// The header member `name` from the first header that has it.
    pub fn member(&self, name: &str) -> Option<&JotValue> {
        self.headers.iter().find_map(|h| h.object.get(name))
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
fn header(role: &str, segment: &str) -> Result<Header, Failure> {
    let bytes = base64url::decode(segment)?;
    let object = parse_object(&bytes)?;
    // jot's parser accepted the bytes, so they are UTF-8 JSON.
    Ok(Header { role: role.to_owned(), object, text: String::from_utf8(bytes).ok() })
}

fn opt_object(obj: &Object, name: &'static str) -> Result<Option<Object>, Failure> {
    match obj.get(name) {
        None => Ok(None),
        Some(JotValue::Object(o)) => Ok(Some(o.clone())),
        Some(_) => Err(Failure::from(jot_jwt::CoreError::Json(jot_jwt::json::JsonError::WrongType { member: name }))),
    }
}

fn protected_member(obj: &Object, role: &str) -> Result<Option<Header>, Failure> {
    match obj.get("protected") {
        None => Ok(None),
        Some(JotValue::String(s)) => header(role, s).map(Some),
        Some(_) => {
            Err(Failure::from(jot_jwt::CoreError::Json(jot_jwt::json::JsonError::WrongType { member: "protected" })))
        }
    }
}

fn push_headers(out: &mut Vec<Header>, obj: &Object, suffix: &str) -> Result<(), Failure> {
    if let Some(p) = protected_member(obj, &format!("protected{suffix}"))? {
        out.push(p);
    }
    for name in ["header", "unprotected"] {
        if let Some(object) = opt_object(obj, name)? {
            out.push(Header { role: format!("{name}{suffix}"), object, text: None });
        }
    }
    Ok(())
}

/// The headers of each object in the array member `name` (`recipients`,
/// `signatures`), labelled "(label i)"; whether the array is there.
fn push_each(out: &mut Vec<Header>, obj: &Object, name: &str, label: &str) -> Result<bool, Failure> {
    let Some(JotValue::Array(items)) = obj.get(name) else { return Ok(false) };
    for (i, item) in items.iter().enumerate() {
        if let JotValue::Object(item) = item {
            push_headers(out, item, &format!(" ({label} {i})"))?;
        }
    }
    Ok(true)
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
        let headers = vec![header("protected", first)?];
        return Ok(Parsed { kind: TokenKind::JweCompact, segments, headers, payload: None });
    }
    // Anything else is read as a compact JWS: jot's decoder gives the
    // exact error for a wrong segment count or a bad segment.
    let (object, payload) = jot_jwt::jws::dangerous::decode_unverified_compact(token)?;
    let segments: Vec<_> = JWS_ROLES.iter().copied().zip(token.split('.').map(str::to_owned)).collect();
    // The header's text again (jot's decoder accepted the segment above).
    let text =
        segments.first().and_then(|(_, s)| base64url::decode(s).ok()).and_then(|bytes| String::from_utf8(bytes).ok());
    Ok(Parsed {
        kind: TokenKind::JwsCompact,
        segments,
        headers: vec![Header { role: "protected".to_owned(), object, text }],
        payload: Some(payload),
    })
}

fn parse_json(token: &str) -> Result<Parsed, Failure> {
    let obj = parse_object(token.as_bytes())?;
    let mut headers = Vec::new();
    if obj.contains_key("ciphertext") {
        push_headers(&mut headers, &obj, "")?;
        let kind = if push_each(&mut headers, &obj, "recipients", "recipient")? {
            TokenKind::JweGeneral
        } else {
            TokenKind::JweFlattened
        };
        return Ok(Parsed { kind, segments: Vec::new(), headers, payload: None });
    }
    let kind = if push_each(&mut headers, &obj, "signatures", "signature")? {
        TokenKind::JwsGeneral
    } else {
        push_headers(&mut headers, &obj, "")?;
        TokenKind::JwsFlattened
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
            // In the token's member order: the bytes parsed, so they are UTF-8.
            "pretty": std::str::from_utf8(payload).map_or_else(|_| pretty_object(&o), crate::pretty::pretty_text),
            "times": times(&o, now),
        }),
        Ok(v) => {
            let v = crate::util::to_value(&v);
            let text = std::str::from_utf8(payload).map_or_else(|_| pretty(&v), crate::pretty::pretty_text);
            json!({ "pretty": text, "json": v })
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
        .map(|h| json!({ "role": h.role, "json": object_value(&h.object), "pretty": h.pretty() }))
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
