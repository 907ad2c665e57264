//! Strict JSON: never panics; a parsed object serializes and parses back to
//! the same value; the allocation-free scanner used on the hot path
//! (`scan_object`) gives the same verdict as the tree parser, error kind for
//! error kind, with the same top-level members; and the one-pass reader used
//! for JWT claims (`from_slice_capturing`) answers only where the reference
//! path (scan, then serde_json) accepts, with the same value and the same
//! captured members.
#![no_main]

use jot_core::json::__private::{JsonStr, RawValue, from_checked_slice, from_slice_capturing, scan_object};
use jot_core::json::{JsonLimits, parse_object};
use libfuzzer_sys::fuzz_target;

const CAPTURED: [&str; 4] = ["iss", "aud", "exp", "nbf"];

fn slot(name: JsonStr<'_>) -> Option<usize> {
    CAPTURED.iter().position(|c| name.eq_str(c))
}

fn shown(found: &[Option<RawValue<'_>>]) -> Vec<Option<(String, String)>> {
    found.iter().map(|v| v.map(|v| (format!("{:?}", v.kind()), v.text().to_owned()))).collect()
}

fuzz_target!(|data: &[u8]| {
    // Small depth bounds too, so the depth rule is exercised on both sides.
    let depth = data.first().map_or(32, |b| usize::from(b % 8) + 1);
    for limits in [JsonLimits::default(), JsonLimits { max_bytes: 1 << 20, max_depth: depth }] {
        let tree = parse_object(data, &limits);
        let mut names = Vec::new();
        let mut want = [None; CAPTURED.len()];
        let scanned = scan_object(data, &limits, |name, value| {
            names.push(name.to_cow().into_owned());
            if let Some(i) = slot(name) {
                want[i] = Some(value);
            }
        });
        assert_eq!(scanned, tree.as_ref().map(drop).map_err(Clone::clone), "scanner and parser disagree");

        let mut found = [None; CAPTURED.len()];
        let read = from_slice_capturing::<serde_json::Value>(data, &limits, &slot, &mut found);
        if let Some(value) = read {
            assert!(scanned.is_ok(), "the one-pass reader answered where the scanner refused");
            let reference = from_checked_slice::<serde_json::Value>(data).expect("reference refused");
            assert_eq!(value, reference, "the one-pass reader read another value");
            assert_eq!(shown(&found), shown(&want), "the one-pass reader captured other members");
        }

        if let Ok(obj) = tree {
            names.sort();
            assert!(names.iter().eq(obj.keys()), "scanner saw other members");
            let again = parse_object(obj.to_json().as_bytes(), &limits).expect("re-parse");
            assert_eq!(obj, again);
        }
    }
});
