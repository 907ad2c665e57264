//! Strict JSON: never panics; a parsed object serializes and parses back to
//! the same value.
#![no_main]

use jot_core::json::{JsonLimits, parse_object};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = JsonLimits::default();
    if let Ok(obj) = parse_object(data, &limits) {
        let again = parse_object(obj.to_json().as_bytes(), &limits).expect("re-parse");
        assert_eq!(obj, again);
    }
});
