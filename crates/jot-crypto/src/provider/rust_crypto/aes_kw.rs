//! AES Key Wrap (RFC 3394) with the RustCrypto `aes-kw` crate (key
//! schedule zeroized on drop).

use aes_kw::{KeyInit, KwAes128, KwAes192, KwAes256};

use crate::Error;

fn new_kw<K: KeyInit>(kek: &[u8]) -> Result<K, Error> {
    K::new_from_slice(kek).map_err(|_| Error::InvalidLength)
}

/// Wraps `key` (a multiple of 8 bytes, at least 16: the caller checked)
/// into `out` (`key.len() + 8` bytes).
pub(crate) fn wrap(kek: &[u8], key: &[u8], out: &mut [u8]) -> Result<(), Error> {
    match kek.len() {
        16 => new_kw::<KwAes128>(kek)?.wrap_key(key, out).map(|_| ()),
        24 => new_kw::<KwAes192>(kek)?.wrap_key(key, out).map(|_| ()),
        32 => new_kw::<KwAes256>(kek)?.wrap_key(key, out).map(|_| ()),
        _ => return Err(Error::InvalidLength),
    }
    .map_err(|_| Error::InvalidLength)
}

/// Unwraps `wrapped` into `out` (`wrapped.len() - 8` bytes) and checks the
/// integrity value; any failure is `DecryptionFailed`.
pub(crate) fn unwrap(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let ok = match kek.len() {
        16 => new_kw::<KwAes128>(kek)?.unwrap_key(wrapped, out).is_ok(),
        24 => new_kw::<KwAes192>(kek)?.unwrap_key(wrapped, out).is_ok(),
        32 => new_kw::<KwAes256>(kek)?.unwrap_key(wrapped, out).is_ok(),
        _ => return Err(Error::InvalidLength),
    };
    if ok { Ok(()) } else { Err(Error::DecryptionFailed) }
}
