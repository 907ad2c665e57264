//! Compact JWS verification, attached and detached: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        let v = jot_fuzz::verifier();
        let _ = v.verify_compact(token);
        let _ = v.verify_compact_detached(token, b"payload");
        let _ = jot_jws::dangerous::decode_unverified_compact(token);
    }
});
