//! AES Key Wrap (RFC 3394) on AWS-LC.
//!
//! `aws-lc-rs` exposes AES_wrap_key for 128- and 256-bit KEKs only, so a
//! 192-bit KEK (A192KW) runs RFC 3394 section 2.2 here over AWS-LC's
//! AES-192 block cipher (ECB on one block at a time); the integrity check
//! value is compared in constant time. Wycheproof's 192-bit vectors and the
//! RFC 3394 section 4 answers cover it (tests/wycheproof_keywrap.rs).

use aws_lc_rs::cipher::{
    AES_192, DecryptingKey, DecryptionContext, EncryptingKey, EncryptionContext, UnboundCipherKey,
};
use aws_lc_rs::key_wrap::{AES_128, AES_256, KeyEncryptionKey, KeyWrap};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::Error;

/// The RFC 3394 default initial value.
const IV: [u8; 8] = [0xa6; 8];

/// Wraps `key` (a multiple of 8 bytes, at least 16: the caller checked)
/// into `out` (`key.len() + 8` bytes).
pub(crate) fn wrap(kek: &[u8], key: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let done = match kek.len() {
        16 => KeyEncryptionKey::new(&AES_128, kek).and_then(|k| k.wrap(key, out).map(|_| ())),
        32 => KeyEncryptionKey::new(&AES_256, kek).and_then(|k| k.wrap(key, out).map(|_| ())),
        24 => return wrap_192(kek, key, out),
        _ => return Err(Error::InvalidLength),
    };
    done.map_err(|_| Error::InvalidLength)
}

/// Unwraps `wrapped` into `out` (`wrapped.len() - 8` bytes) and checks the
/// integrity value; any failure is `DecryptionFailed`.
pub(crate) fn unwrap(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let done = match kek.len() {
        16 => KeyEncryptionKey::new(&AES_128, kek).and_then(|k| k.unwrap(wrapped, out).map(|_| ())),
        32 => KeyEncryptionKey::new(&AES_256, kek).and_then(|k| k.unwrap(wrapped, out).map(|_| ())),
        24 => return unwrap_192(kek, wrapped, out),
        _ => return Err(Error::InvalidLength),
    };
    done.map_err(|_| Error::DecryptionFailed)
}

fn aes_192(kek: &[u8]) -> Result<UnboundCipherKey, Error> {
    UnboundCipherKey::new(&AES_192, kek).map_err(|_| Error::InvalidLength)
}

/// RFC 3394 section 2.2.1, with `out` as `A || R[1] || ... || R[n]`.
fn wrap_192(kek: &[u8], key: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let cipher = EncryptingKey::ecb(aes_192(kek)?).map_err(|_| Error::InvalidLength)?;
    let n = key.len() / 8;
    if out.len() != key.len() + 8 {
        return Err(Error::InvalidLength);
    }
    let (a, r) = out.split_at_mut(8);
    a.copy_from_slice(&IV);
    r.copy_from_slice(key);
    let mut block = Zeroizing::new([0u8; 16]);
    for j in 0..6u64 {
        for (i, ri) in r.chunks_exact_mut(8).enumerate() {
            let (hi, lo) = block.split_at_mut(8);
            hi.copy_from_slice(a);
            lo.copy_from_slice(ri);
            cipher
                .less_safe_encrypt(block.as_mut_slice(), EncryptionContext::None)
                .map_err(|_| Error::InvalidLength)?;
            let (hi, lo) = block.split_at(8);
            let t = (n as u64) * j + (i as u64) + 1;
            for (dst, (b, tb)) in a.iter_mut().zip(hi.iter().zip(t.to_be_bytes())) {
                *dst = b ^ tb;
            }
            ri.copy_from_slice(lo);
        }
    }
    Ok(())
}

/// RFC 3394 section 2.2.2, the integrity value compared in constant time.
fn unwrap_192(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let cipher = DecryptingKey::ecb(aes_192(kek)?).map_err(|_| Error::InvalidLength)?;
    let (Some(c0), Some(rest)) = (wrapped.get(..8), wrapped.get(8..)) else {
        return Err(Error::DecryptionFailed);
    };
    if out.len() != rest.len() {
        return Err(Error::DecryptionFailed);
    }
    let n = rest.len() / 8;
    let mut a = [0u8; 8];
    a.copy_from_slice(c0);
    out.copy_from_slice(rest);
    let mut block = Zeroizing::new([0u8; 16]);
    for j in (0..6u64).rev() {
        for (i, ri) in out.chunks_exact_mut(8).enumerate().rev() {
            let t = (n as u64) * j + (i as u64) + 1;
            let (hi, lo) = block.split_at_mut(8);
            for (dst, (x, tb)) in hi.iter_mut().zip(a.iter().zip(t.to_be_bytes())) {
                *dst = x ^ tb;
            }
            lo.copy_from_slice(ri);
            cipher.decrypt(block.as_mut_slice(), DecryptionContext::None).map_err(|_| Error::DecryptionFailed)?;
            let (hi, lo) = block.split_at(8);
            a.copy_from_slice(hi);
            ri.copy_from_slice(lo);
        }
    }
    if bool::from(a.ct_eq(&IV)) {
        Ok(())
    } else {
        zeroize::Zeroize::zeroize(out);
        Err(Error::DecryptionFailed)
    }
}
