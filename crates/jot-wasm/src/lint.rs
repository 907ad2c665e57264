//! The lint panel: findings from RFC 8725 (JWT best current practice) and
//! jot's own rules. Decoding, JSON and key checks are jot's; this module
//! only says which of them a token or key trips.

use jot_jwt::base64url;
use jot_jwt::json::{JsonLimits, Object, Value as JotValue};
use serde_json::{Value, json};

use crate::error::Failure;
use crate::inspect::{Parsed, parse};
use crate::key::KeyFormat;
use crate::util::numeric_date;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// jot refuses this (or the key) outright.
    Error,
    /// Accepted, but against RFC 8725's advice.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The stable name in the JSON answer.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// One lint finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// A stable identifier (e.g. `alg-none`, `exp-missing`).
    pub id: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What was found, in words.
    pub message: String,
}

/// The longest lifetime (`exp - iat`, or `exp - now`) not reported.
pub const MAX_LIFETIME_SECS: i64 = 24 * 60 * 60;

fn find(out: &mut Vec<Finding>, id: &'static str, severity: Severity, message: impl Into<String>) {
    out.push(Finding { id, severity, message: message.into() });
}

/// Checks each compact segment with jot's base64url decoder, and each JSON
/// part with jot's strict parser (duplicate member names).
fn segments(token: &str, out: &mut Vec<Finding>) {
    if token.starts_with('{') {
        if let Err(e) = jot_jwt::json::check(token.as_bytes(), &JsonLimits::DEFAULT) {
            json_finding(out, "token", &e);
        }
        return;
    }
    let parts: Vec<&str> = token.split('.').collect();
    let roles: &[&str] = match parts.len() {
        3 => &["header", "payload", "signature"],
        5 => &["header", "encrypted key", "iv", "ciphertext", "tag"],
        _ => return,
    };
    for (i, (role, seg)) in roles.iter().zip(&parts).enumerate() {
        if let Err(e) = base64url::check(seg.as_bytes()) {
            let why = if seg.contains('=') { " (it has '=' padding)" } else { "" };
            find(out, "base64url", Severity::Error, format!("{role}: {e}{why}"));
            continue;
        }
        // The header, and a JWS payload that is JSON, go through the strict
        // parser: duplicate names are reported here.
        let json_part = i == 0 || (parts.len() == 3 && i == 1);
        if json_part && let Ok(bytes) = base64url::decode(seg) {
            if i == 1 && bytes.first() != Some(&b'{') {
                continue;
            }
            if let Err(e) = jot_jwt::json::check(&bytes, &JsonLimits::DEFAULT) {
                json_finding(out, role, &e);
            }
        }
    }
}

fn json_finding(out: &mut Vec<Finding>, role: &str, e: &jot_jwt::CoreError) {
    let id = match e {
        jot_jwt::CoreError::Json(jot_jwt::json::JsonError::DuplicateMember) => "duplicate-member",
        _ => "json",
    };
    find(out, id, Severity::Error, format!("{role}: {e}"));
}

fn header_findings(parsed: &Parsed, out: &mut Vec<Finding>) {
    let alg = parsed.member("alg").and_then(JotValue::as_str);
    if alg.is_some_and(|a| a.eq_ignore_ascii_case("none")) {
        find(out, "alg-none", Severity::Error, "alg is none: the token is unsecured, and no jot verify API accepts it");
    }
    if parsed.member("crit").is_some() {
        find(
            out,
            "crit",
            Severity::Warning,
            "crit is present: a verifier must understand every listed extension or reject the token",
        );
    }
    for (name, why) in [
        ("jku", "jku names a URL of keys: jot never fetches it; choose the key yourself"),
        ("x5u", "x5u names a URL of certificates: jot never fetches it"),
        ("jwk", "the header embeds a key (jwk): a key chosen by the token is never trusted to verify it"),
        ("x5c", "the header embeds certificates (x5c): not trusted to verify the token"),
    ] {
        if parsed.member(name).is_some() {
            find(out, name, Severity::Warning, why);
        }
    }
    if parsed.kind.is_jwe() {
        return;
    }
    match parsed.member("typ").and_then(JotValue::as_str) {
        None => find(
            out,
            "typ-missing",
            Severity::Warning,
            "no typ: explicit typing (RFC 8725 section 3.11) keeps one kind of token from being accepted as another",
        ),
        Some(t) => {
            let t = t.strip_prefix("application/").unwrap_or(t);
            if t.eq_ignore_ascii_case("at+jwt") {
                find(
                    out,
                    "typ-at-jwt",
                    Severity::Info,
                    "typ at+jwt: an OAuth 2.0 access token (RFC 9068); a verifier should require this typ",
                );
            } else if !t.eq_ignore_ascii_case("jwt") && !t.to_ascii_lowercase().ends_with("+jwt") {
                find(out, "typ-unexpected", Severity::Info, "typ is neither JWT nor a +jwt media type");
            }
        }
    }
}

fn claims_findings(claims: &Object, now: i64, out: &mut Vec<Finding>) {
    let Some(exp) = numeric_date(claims, "exp") else {
        find(
            out,
            "exp-missing",
            Severity::Warning,
            "no exp: the token never expires (jot requires exp unless told otherwise)",
        );
        return;
    };
    let (from, what) = match numeric_date(claims, "iat") {
        Some(iat) => (iat, "exp - iat"),
        None => (now, "exp - now"),
    };
    let lifetime = exp.saturating_sub(from);
    if lifetime > MAX_LIFETIME_SECS {
        find(
            out,
            "exp-long",
            Severity::Warning,
            format!("{what} is {lifetime} s, longer than {MAX_LIFETIME_SECS} s (24 h)"),
        );
    }
}

/// The secret's length in bytes and RSA moduli sizes in bits, from the key
/// as given (jot's own import refuses small RSA keys, so this reads `n`).
fn key_findings(token_alg: Option<&str>, key: &str, format: KeyFormat, out: &mut Vec<Finding>) -> Result<(), Failure> {
    let objects: Vec<Object> = match format {
        KeyFormat::Jwk => vec![crate::util::parse_object(key.trim_ascii().as_bytes())?],
        KeyFormat::JwkSet => match crate::util::parse_object(key.trim_ascii().as_bytes())?.get("keys") {
            Some(JotValue::Array(keys)) => {
                keys.iter().filter_map(|k| if let JotValue::Object(o) = k { Some(o.clone()) } else { None }).collect()
            }
            _ => Vec::new(),
        },
        // jot's importer decides (a small RSA key is refused with its
        // reason); a key it loads is then read like a JWK.
        KeyFormat::Pem => vec![crate::util::parse_object(jot_jwt::Jwk::from_pem(key)?.to_json().as_bytes())?],
        KeyFormat::SecretText => {
            secret_finding(token_alg, key.len(), out);
            return Ok(());
        }
        KeyFormat::SecretBase64url => {
            secret_finding(token_alg, base64url::decode_secret(key.trim_ascii())?.len(), out);
            return Ok(());
        }
    };
    for obj in &objects {
        match obj.get("kty").and_then(JotValue::as_str) {
            Some("oct") => {
                if let Some(k) = obj.get("k").and_then(JotValue::as_str) {
                    secret_finding(token_alg, base64url::decode_secret(k)?.len(), out);
                }
            }
            Some("RSA") => {
                if let Some(n) = obj.get("n").and_then(JotValue::as_str) {
                    let n = base64url::decode(n)?;
                    let bytes = n.iter().skip_while(|b| **b == 0).count();
                    let bits = bytes * 8;
                    if bits < 2048 {
                        find(
                            out,
                            "rsa-small",
                            Severity::Error,
                            format!("RSA modulus of about {bits} bits: jot requires at least 2048"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn secret_finding(token_alg: Option<&str>, len: usize, out: &mut Vec<Finding>) {
    let min = match token_alg {
        Some("HS384") => 48,
        Some("HS512") => 64,
        _ => 32,
    };
    if len < min {
        let alg = token_alg.unwrap_or("HS256");
        find(
            out,
            "hmac-short",
            Severity::Error,
            format!("HMAC secret of {len} bytes: {alg} needs at least {min} (the hash output, RFC 7518 section 3.2)"),
        );
    }
}

/// The findings for a token (and optionally the key given for it), as a
/// list; a token jot cannot parse still gets its segment findings.
pub(crate) fn lint_findings(token: &str, key: Option<(&str, KeyFormat)>, now: i64) -> (Vec<Finding>, Option<Failure>) {
    let mut out = Vec::new();
    let trimmed = token.trim_ascii();
    if trimmed.len() != token.len() {
        find(
            &mut out,
            "whitespace",
            Severity::Info,
            "whitespace around the token: jot's verifiers take the token exactly",
        );
    }
    segments(trimmed, &mut out);
    let parsed = parse(trimmed);
    let alg = parsed.as_ref().ok().and_then(|p| p.member("alg")).and_then(JotValue::as_str).map(str::to_owned);
    if let Ok(p) = &parsed {
        header_findings(p, &mut out);
        if let Some(payload) = &p.payload
            && let Ok(JotValue::Object(claims)) = jot_jwt::json::parse_value(payload, &JsonLimits::DEFAULT)
        {
            claims_findings(&claims, now, &mut out);
        }
    }
    if let Some((key, format)) = key
        && let Err(e) = key_findings(alg.as_deref(), key, format, &mut out)
    {
        find(&mut out, "key-unreadable", Severity::Error, format!("key: {}", e.message));
    }
    (out, parsed.err())
}

/// The JSON answer of [`lint`](crate::lint).
pub(crate) fn lint_value(token: &str, key: Option<(&str, KeyFormat)>, now: i64) -> Value {
    let (findings, parse_error) = lint_findings(token, key, now);
    let findings: Vec<Value> =
        findings.iter().map(|f| json!({ "id": f.id, "severity": f.severity.name(), "message": f.message })).collect();
    json!({
        "ok": true,
        "findings": findings,
        "parse_error": parse_error.map(|e| json!({ "kind": e.kind, "message": e.message })),
    })
}
