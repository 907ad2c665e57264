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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::Value;

    fn parse(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn an_unknown_key_format_is_a_usage_error() {
        let v = parse(&super::js_verify("a.b.c", "k", "guess", "HS256", "", "", "", "", 0.0));
        assert_eq!(v["error"]["kind"], "usage");
        let v = parse(&super::js_lint("a.b.c", "k", "guess", 0.0));
        assert_eq!(v["error"]["kind"], "usage");
        let v = parse(&super::js_verify("a.b.c", "k", "text", "HS256", "", "inner", "guess", "HS256", 0.0));
        assert_eq!(v["error"]["kind"], "usage");
    }

    #[test]
    fn empty_strings_mean_not_given() {
        // No key: lint still answers.
        assert_eq!(parse(&super::js_lint("a.b.c", "", "", 0.0))["ok"], true);
        // No enc for a JWE: the caller must choose one.
        let v = parse(&super::js_verify("e30.a.b.c.d", "k", "text", "dir", "", "", "", "", 0.0));
        assert_eq!(v["error"]["kind"], "usage");
        // The wrappers answer what the Rust API answers.
        assert_eq!(super::js_inspect("a", 0.0), crate::inspect("a", 0.0));
        assert_eq!(parse(&super::js_encode("{}", "ES256", 0.0))["ok"], true);
    }
}
