//! base64url decode: never panics; whatever decodes re-encodes to the input
//! (only the canonical form is accepted).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut buf = [0u8; 4096];
    let slice_result = jot_core::base64url::decode_to_slice(data, &mut buf).map(<[u8]>::to_vec);
    if let Ok(bytes) = jot_core::base64url::decode(data) {
        assert_eq!(jot_core::base64url::encode(&bytes).as_bytes(), data);
        if data.len() <= 4096 {
            assert_eq!(slice_result.ok(), Some(bytes));
        }
    }
});
