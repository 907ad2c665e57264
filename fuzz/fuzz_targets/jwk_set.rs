//! JWK Set parsing and key selection: never panics; selection yields at
//! most one key.
#![no_main]

use jot_core::alg::{JweAlgorithm, JwsAlgorithm};
use jot_jwk::{JwkSet, KeySelector};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(set) = JwkSet::from_json(data) {
        for &alg in JwsAlgorithm::ALL {
            if let Ok(k) = set.select(&KeySelector::for_jws(alg)) {
                assert!(k.verifying_key(alg).is_ok());
            }
        }
        for &alg in JweAlgorithm::ALL {
            let _ = set.select(&KeySelector::for_jwe(alg).kid("k"));
        }
        let again = JwkSet::from_json(set.to_json().as_bytes()).expect("re-parse");
        assert_eq!(again.keys(), set.keys());
    }
});
