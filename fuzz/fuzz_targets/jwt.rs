//! JWT verification with claims validation, plain and nested: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        let _ = jot_fuzz::validation().verify_claims(token);
        let _ = jot_jwt::dangerous::decode_unverified(token);
    }
});
