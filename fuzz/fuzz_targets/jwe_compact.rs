//! Compact JWE decryption with fixed keys for dir, A128KW, ECDH-ES (P-256,
//! X25519), RSA-OAEP and PBES2 (default p2c cap): never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        let _ = jot_fuzz::decrypter().decrypt_compact(token);
    }
});
