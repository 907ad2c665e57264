//! Flattened and general JSON JWE decryption with the fixed keys: never
//! panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jot_fuzz::decrypter().decrypt_json(data);
});
