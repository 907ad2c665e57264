//! JWK and JWK Set parsing: never panics; an accepted JWK serializes and
//! parses back to the same key.
#![no_main]

use jot_jwk::{Jwk, JwkSet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(jwk) = Jwk::from_json(data) {
        let again = Jwk::from_json(jwk.to_json().as_bytes()).expect("re-parse");
        assert_eq!(jwk, again);
    }
    let _ = JwkSet::from_json(data);
});
