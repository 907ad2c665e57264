//! The offline debugger's API (jot-wasm) on any pasted text, as token and
//! as key: every answer is JSON (a typed failure at worst), never a panic.
#![no_main]

use std::sync::OnceLock;

use jot_wasm::{KeyFormat, KeyInput, VerifyRequest};
use libfuzzer_sys::fuzz_target;

/// RFC 7515 A.1's time, so its token's claims are checked in full.
const NOW: i64 = 1_300_819_300;

fn is_json(answer: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(answer).is_ok()
}

fn keys() -> &'static (String, String, String) {
    static KEYS: OnceLock<(String, String, String)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let k = jot_fuzz::keys();
        // RSA's public half: a private RSA key's load (its prime checks)
        // would take most of each run.
        let rsa = k.rsa.to_public().map(|p| p.to_json()).unwrap_or_default();
        (k.hmac.to_json(), rsa, k.dir_a256gcm.to_json())
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (hmac, rsa, dir) = keys();
    #[allow(clippy::cast_precision_loss)]
    let now = NOW as f64;
    let request = |token, key, format, alg, enc| VerifyRequest {
        token,
        key: KeyInput { key, format, alg },
        enc,
        inner: None,
        now: NOW,
    };
    let answers = [
        jot_wasm::inspect(text, now),
        jot_wasm::lint(text, None, now),
        jot_wasm::lint(text, Some((rsa, KeyFormat::Jwk)), now),
        // The text as a token.
        jot_wasm::verify(&request(text, hmac, KeyFormat::Jwk, "HS256", None)),
        jot_wasm::verify(&request(text, rsa, KeyFormat::Jwk, "RS256", None)),
        jot_wasm::verify(&request(text, dir, KeyFormat::Jwk, "dir", Some("A256GCM"))),
        // The text as a key, in each format the page offers.
        jot_wasm::verify(&request("e30.e30.c2ln", text, KeyFormat::Jwk, "HS256", None)),
        jot_wasm::verify(&request("e30.e30.c2ln", text, KeyFormat::JwkSet, "ES256", None)),
        jot_wasm::verify(&request("e30.e30.c2ln", text, KeyFormat::Pem, "RS256", None)),
        jot_wasm::verify(&request("e30.e30.c2ln", text, KeyFormat::SecretBase64url, "HS256", None)),
        // The text as the encoder's claims (HS256: a cheap key to make).
        jot_wasm::encode(text, "HS256", now),
    ];
    for answer in &answers {
        assert!(is_json(answer), "not JSON: {answer}");
    }
});
