//! Verifying a JWS/JWT or decrypting a JWE (and a nested JWT) with jot's
//! normal rules. The algorithm is the caller's, never the token's.

use jot_jwt::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_jwt::json::Object;
use jot_jwt::jwe::Decrypter;
use jot_jwt::jws::Verifier;
use jot_jwt::{FixedClock, Validation};
use serde_json::{Value, json};

use crate::error::Failure;
use crate::key::{KeyFormat, Keys, is_secret_set, load};
use crate::util::{object_value, parse_object, pretty_object, times};

/// One key as the user gave it, with the algorithm it is accepted for.
#[derive(Clone, Copy, Debug)]
pub struct KeyInput<'a> {
    /// The key text (JWK, JWK Set, PEM or secret).
    pub key: &'a str,
    /// How `key` is written.
    pub format: KeyFormat,
    /// The accepted algorithm (a JWS `alg`, or a JWE key management `alg`).
    pub alg: &'a str,
}

/// What to verify or decrypt, and with what.
#[derive(Clone, Copy, Debug)]
pub struct VerifyRequest<'a> {
    /// The token, in any serialization.
    pub token: &'a str,
    /// The key that verifies a JWS, or decrypts a JWE.
    pub key: KeyInput<'a>,
    /// For a JWE: the accepted content encryption algorithm (`enc`).
    pub enc: Option<&'a str>,
    /// For a nested JWT: the key that verifies the inner JWS.
    pub inner: Option<KeyInput<'a>>,
    /// Now, in seconds since the epoch, for `exp`/`nbf`/`iat`.
    pub now: i64,
}

/// How a token is verified, from its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A compact JWS whose payload is a JSON object: a JWT, checked with
    /// `Validation` (signature and claims). Also anything that is not
    /// recognisably another shape, so `Validation` gives jot's error.
    Jwt,
    /// A compact JWS whose payload is not a JSON object (the RFC 9964
    /// examples): the signature alone is verified (`jot jws verify`).
    JwsCompact,
    /// A JWS JSON serialization: the signature alone (a JWT is compact).
    JwsJson,
    /// A compact JWE (five segments).
    JweCompact,
    /// A JWE JSON serialization (with a `ciphertext`).
    JweJson,
}

impl Shape {
    /// Whether the token is encrypted.
    pub(crate) const fn is_jwe(self) -> bool {
        matches!(self, Self::JweCompact | Self::JweJson)
    }

    /// Whether the token is a JSON serialization.
    pub(crate) const fn is_json(self) -> bool {
        matches!(self, Self::JwsJson | Self::JweJson)
    }
}

/// The shape of a (trimmed) token; only strict parses decide.
fn shape(token: &str) -> Result<Shape, Failure> {
    if token.starts_with('{') {
        let json = parse_object(token.as_bytes())?;
        return Ok(if json.contains_key("ciphertext") { Shape::JweJson } else { Shape::JwsJson });
    }
    if token.split('.').count() == 5 {
        return Ok(Shape::JweCompact);
    }
    let not_claims = jot_jwt::jws::dangerous::decode_unverified_compact(token)
        .is_ok_and(|(_, payload)| parse_object(&payload).is_err() && payload.first() != Some(&b'{'));
    Ok(if not_claims { Shape::JwsCompact } else { Shape::Jwt })
}

fn verifier(key: &KeyInput<'_>) -> Result<Verifier, Failure> {
    let alg = jws_alg(key.alg)?;
    Ok(match load(key.key, key.format)? {
        Keys::One(jwk) => Verifier::new(jwk.verifying_key(alg)?),
        Keys::Set(set) if is_secret_set(&set) => Verifier::from_secret_jwk_set(&set, &[alg])?,
        Keys::Set(set) => Verifier::from_jwk_set(&set, &[alg])?,
    })
}

fn signature_answer(alg: &str, payload: &[u8]) -> Value {
    let payload = String::from_utf8_lossy(payload).into_owned();
    json!({ "ok": true, "verified": true, "claims_checked": false, "alg": alg, "payload": payload })
}

fn jws_alg(alg: &str) -> Result<JwsAlgorithm, Failure> {
    Ok(JwsAlgorithm::from_name(alg)?)
}

/// The claims checks: jot's defaults (exp required, 60 s leeway), at the
/// caller's `now`. The page has no audience field, so any `aud` is
/// accepted and shown (the CLI's `--any-audience`).
fn validation(key: &KeyInput<'_>, now: i64) -> Result<Validation, Failure> {
    let alg = jws_alg(key.alg)?;
    let v = match load(key.key, key.format)? {
        Keys::One(jwk) => Validation::from_key(jwk.verifying_key(alg)?),
        Keys::Set(set) if is_secret_set(&set) => Validation::from_secret_jwk_set(&set, &[alg])?,
        Keys::Set(set) => Validation::from_jwk_set(&set, &[alg])?,
    };
    Ok(v.clock(FixedClock(now)).any_audience())
}

fn decrypter(key: &KeyInput<'_>, enc: Option<&str>) -> Result<Decrypter, Failure> {
    let alg = JweAlgorithm::from_name(key.alg)?;
    let enc = JweEncryption::from_name(
        enc.ok_or_else(|| Failure::usage("a JWE needs the accepted content encryption algorithm (enc)"))?,
    )?;
    Ok(match load(key.key, key.format)? {
        Keys::One(jwk) => Decrypter::new(jwk.decrypting_key(alg)?, &[enc]),
        Keys::Set(set) if is_secret_set(&set) => Decrypter::from_secret_jwk_set(&set, &[alg], &[enc])?,
        Keys::Set(set) => Decrypter::from_jwk_set(&set, &[alg], &[enc])?,
    })
}

/// The verified claims; `text` is the payload as the token wrote it, when
/// known, for a layout in the token's member order.
fn claims_answer(claims: &Object, text: Option<&str>, now: i64) -> Value {
    let pretty = text.map_or_else(|| pretty_object(claims), crate::pretty::pretty_text);
    json!({ "json": object_value(claims), "pretty": pretty, "times": times(claims, now) })
}

/// The JSON answer of [`verify`](crate::verify).
pub(crate) fn verify_value(req: &VerifyRequest<'_>) -> Result<Value, Failure> {
    // Surrounding whitespace from the text box is not part of the token
    // (the same leniency as jot_jwt::dangerous::decode_unverified).
    let token = req.token.trim_ascii();
    let shape = shape(token)?;
    let command = crate::command::verify(req, shape);
    // A rejection carries the command too: it reproduces the rejection.
    let mut answer = verify_shaped(req, token, shape).unwrap_or_else(|f| f.to_json());
    if let Value::Object(map) = &mut answer {
        map.insert("command".to_owned(), Value::String(command));
    }
    Ok(answer)
}

fn verify_shaped(req: &VerifyRequest<'_>, token: &str, shape: Shape) -> Result<Value, Failure> {
    match shape {
        Shape::JwsJson => {
            let verified = verifier(&req.key)?.verify_json(token.as_bytes())?;
            return Ok(signature_answer(req.key.alg, verified.payload()));
        }
        Shape::JwsCompact => {
            let verified = verifier(&req.key)?.verify_compact(token)?;
            return Ok(signature_answer(req.key.alg, verified.payload()));
        }
        Shape::Jwt => {
            let jwt = validation(&req.key, req.now)?.verify_claims(token)?;
            // The payload segment jot just verified, as text.
            let text = token
                .split('.')
                .nth(1)
                .and_then(|p| jot_jwt::base64url::decode(p).ok())
                .and_then(|bytes| String::from_utf8(bytes).ok());
            return Ok(json!({
                "ok": true, "verified": true, "claims_checked": true, "alg": req.key.alg,
                "claims": claims_answer(jwt.claims(), text.as_deref(), req.now),
            }));
        }
        Shape::JweCompact | Shape::JweJson => {}
    }
    let is_json = shape.is_json();
    let decrypter = decrypter(&req.key, req.enc)?;
    if let Some(inner) = &req.inner {
        if is_json {
            return Err(Failure::from(jot_jwt::Error::NotCompact));
        }
        let jwt = validation(inner, req.now)?.decrypt_with(decrypter).verify_claims(token)?;
        return Ok(json!({
            "ok": true, "verified": true, "decrypted": true, "claims_checked": true, "nested": true,
            "alg": inner.alg, "claims": claims_answer(jwt.claims(), None, req.now),
        }));
    }
    let decrypted =
        if is_json { decrypter.decrypt_json(token.as_bytes())? } else { decrypter.decrypt_compact(token)? };
    let nested = decrypted.header().cty().is_some_and(|c| c.eq_ignore_ascii_case("jwt"));
    let plaintext = String::from_utf8_lossy(decrypted.plaintext()).into_owned();
    Ok(json!({
        "ok": true,
        // Decryption authenticates the ciphertext, not a signer: only a
        // verified signature makes "verified" true.
        "verified": false,
        "decrypted": true,
        "nested": nested,
        "needs_inner_key": nested,
        "note": if nested { Some("the inner token is a signed JWT: give its verification key and algorithm to verify it") } else { None },
        "plaintext": plaintext,
    }))
}
