//! The encoder tab: a test token from claims, signed with a fresh key.

use jot_jwt::alg::JwsAlgorithm;
use jot_jwt::{FixedClock, Jwk, JwtBuilder};
use serde_json::{Value, json};

use crate::error::Failure;
use crate::util::{parse_object, pretty_object};

/// The JSON answer of [`encode`](crate::encode).
pub(crate) fn encode_value(claims_json: &str, alg: &str, now: i64) -> Result<Value, Failure> {
    let alg = JwsAlgorithm::from_name(alg)?;
    // jot's strict parser: duplicate names, size and depth are refused.
    let claims = parse_object(claims_json.as_bytes())?;
    let key = Jwk::generate_for_jws(alg)?;
    let signer = key.signing_key(alg)?;
    // The caller's clock for the automatic `iat` (a claim `iat` replaces
    // it): no clock is read inside, and wasm32 has none to read.
    let token = JwtBuilder::with_clock(&FixedClock(now)).claims(&claims)?.sign(&signer)?;
    let public = key.to_public();
    Ok(json!({
        "ok": true,
        "token": token,
        "alg": alg.name(),
        "private_jwk": pretty_jwk(&key),
        // `null` for HMAC: the secret is the only key.
        "public_jwk": public.map(|p| pretty_jwk(&p)),
        "command": crate::command::encode(alg.name(), &claims),
    }))
}

/// A JWK pretty-printed (through jot's own serialization and parser).
fn pretty_jwk(jwk: &Jwk) -> String {
    parse_object(jwk.to_json().as_bytes()).map(|o| pretty_object(&o)).unwrap_or_else(|_| jwk.to_json())
}
