//! The JavaScript exports: strings in, JSON strings out. Each is a thin
//! wrapper over the function of the same name in the crate root.

use wasm_bindgen::prelude::wasm_bindgen;

use crate::key::KeyFormat;
use crate::util::answer;
use crate::{Failure, KeyInput, VerifyRequest};

/// An empty string from JavaScript means "not given".
fn given(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// `inspect(token, now)`: see [`crate::inspect`].
#[wasm_bindgen(js_name = inspect)]
pub fn js_inspect(token: &str, now: f64) -> String {
    crate::inspect(token, now)
}

/// `verify(token, key, keyFormat, alg, enc, innerKey, innerKeyFormat,
/// innerAlg, now)`: see [`crate::verify`]. Pass `""` for what is not used
/// (`enc` for a JWS; the inner key unless the token is a nested JWT).
#[wasm_bindgen(js_name = verify)]
#[allow(clippy::too_many_arguments)]
pub fn js_verify(
    token: &str,
    key: &str,
    key_format: &str,
    alg: &str,
    enc: &str,
    inner_key: &str,
    inner_key_format: &str,
    inner_alg: &str,
    now: f64,
) -> String {
    let run = || -> Result<String, Failure> {
        let inner = match given(inner_key) {
            Some(k) => Some(KeyInput { key: k, format: KeyFormat::from_name(inner_key_format)?, alg: inner_alg }),
            None => None,
        };
        let request = VerifyRequest {
            token,
            key: KeyInput { key, format: KeyFormat::from_name(key_format)?, alg },
            enc: given(enc),
            inner,
            now: crate::util::now_secs(now),
        };
        Ok(crate::verify(&request))
    };
    run().unwrap_or_else(|f| answer(Err(f)))
}

/// `lint(token, key, keyFormat, now)`: see [`crate::lint`]; `key` `""`
/// for none.
#[wasm_bindgen(js_name = lint)]
pub fn js_lint(token: &str, key: &str, key_format: &str, now: f64) -> String {
    match given(key) {
        None => crate::lint(token, None, now),
        Some(k) => match KeyFormat::from_name(key_format) {
            Ok(format) => crate::lint(token, Some((k, format)), now),
            Err(f) => answer(Err(f)),
        },
    }
}

/// `encode(claims, alg, now)`: see [`crate::encode`].
#[wasm_bindgen(js_name = encode)]
pub fn js_encode(claims_json: &str, alg: &str, now: f64) -> String {
    crate::encode(claims_json, alg, now)
}
