//! Flattened and general JSON JWS verification: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let v = jot_fuzz::verifier();
    let _ = v.verify_json(data);
    let _ = v.verify_json_all(data);
    let _ = v.verify_json_detached(data, b"payload");
});
