//! PBES2 (RFC 7518 section 4.8): PBKDF2 over a password, then AES key wrap.
//!
//! `p2c` is checked before any key derivation: it must be a positive
//! integer no larger than the caller's cap, and `p2s` at least 8 bytes.

use jot_core::alg::{JweAlgorithm, ShaAlg};
use jot_core::json::{Object, Value};
use jot_core::{LimitKind, Secret, base64url};
use jot_crypto::{kdf, rand};

use crate::error::{Error, HeaderError};
use crate::header::Header;
use crate::limits::Budget;

/// Salt length jot generates (RFC 7518 asks for at least 8).
const SALT_LEN: usize = 16;
/// Shortest salt accepted.
const MIN_SALT_LEN: usize = 8;

/// PBKDF2 with HMAC-`hash` over the password, giving a `len`-byte key.
/// `hash` and `len` come from the algorithm's `JweFamily::Pbes2`.
fn derive(
    alg: JweAlgorithm,
    hash: ShaAlg,
    len: usize,
    password: &Secret,
    p2s: &[u8],
    p2c: u32,
) -> Result<Secret, Error> {
    // Salt = UTF8(alg) || 0x00 || p2s (RFC 7518 section 4.8.1.1).
    let mut salt = Vec::with_capacity(alg.name().len() + 1 + p2s.len());
    salt.extend_from_slice(alg.name().as_bytes());
    salt.push(0);
    salt.extend_from_slice(p2s);
    kdf::pbkdf2(hash, password.expose(), &salt, p2c, len).map_err(Error::Crypto)
}

/// Sender side: a fresh salt; returns the key-encryption key and the
/// `p2s`/`p2c` header parameters.
pub(crate) fn derive_sender(
    alg: JweAlgorithm,
    hash: ShaAlg,
    len: usize,
    password: &Secret,
    p2c: u32,
) -> Result<(Secret, Object), Error> {
    if p2c == 0 {
        return Err(Error::ApiMisuse("p2c must be positive"));
    }
    let p2s = rand::bytes(SALT_LEN).map_err(Error::Crypto)?;
    let kek = derive(alg, hash, len, password, &p2s, p2c)?;
    let mut params = Object::new();
    params.insert("p2s", base64url::encode(&p2s));
    params.insert("p2c", u64::from(p2c));
    Ok((kek, params))
}

/// Recipient side: checks `p2c` and `p2s`, then derives.
pub(crate) fn derive_recipient(
    alg: JweAlgorithm,
    hash: ShaAlg,
    len: usize,
    password: &Secret,
    header: &Header,
    budget: &mut Budget,
) -> Result<Secret, Error> {
    let p2c = match header.get("p2c") {
        Some(Value::Number(n)) => n.as_u64().ok_or(HeaderError::InvalidP2c)?,
        _ => return Err(HeaderError::InvalidP2c.into()),
    };
    if p2c == 0 {
        return Err(HeaderError::InvalidP2c.into());
    }
    // Against what is left of the token's allowance (`Limits::max_p2c`),
    // before any derivation.
    budget.take_p2c(p2c)?;
    let p2c = u32::try_from(p2c).map_err(|_| Error::Limit(LimitKind::Pbes2Count))?;
    let p2s = match header.get("p2s").and_then(Value::as_str) {
        Some(s) => base64url::decode(s).map_err(|_| HeaderError::InvalidP2s)?,
        None => return Err(HeaderError::InvalidP2s.into()),
    };
    if p2s.len() < MIN_SALT_LEN {
        return Err(HeaderError::InvalidP2s.into());
    }
    derive(alg, hash, len, password, &p2s, p2c)
}
