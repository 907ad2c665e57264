//! Strict JSON: never panics; a parsed object serializes and parses back to
//! the same value; and the allocation-free scanner used on the hot path
//! (`scan_object`) gives the same verdict as the tree parser, error kind for
//! error kind, with the same top-level members.
#![no_main]

use jot_core::json::{JsonLimits, parse_object, scan_object};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Small depth bounds too, so the depth rule is exercised on both sides.
    let depth = data.first().map_or(32, |b| usize::from(b % 8) + 1);
    for limits in [JsonLimits::default(), JsonLimits { max_bytes: 1 << 20, max_depth: depth }] {
        let tree = parse_object(data, &limits);
        let mut names = Vec::new();
        let scanned = scan_object(data, &limits, |name, _| names.push(name.to_cow().into_owned()));
        assert_eq!(scanned, tree.as_ref().map(drop).map_err(Clone::clone), "scanner and parser disagree");
        if let Ok(obj) = tree {
            names.sort();
            assert!(names.iter().eq(obj.keys()), "scanner saw other members");
            let again = parse_object(obj.to_json().as_bytes(), &limits).expect("re-parse");
            assert_eq!(obj, again);
        }
    }
});
