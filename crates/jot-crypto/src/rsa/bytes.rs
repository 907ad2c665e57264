//! Big-endian integer helpers for RSA components.

use jot_core::Secret;
use rsa::BoxedUint;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::KeyRejected;

/// A public component in the minimal form JWA requires (RFC 7518 section 2,
/// Base64urlUInt): non-empty, no leading zero octet. The form matters because
/// RFC 7638 thumbprints hash these bytes.
pub(super) fn minimal(b: &[u8]) -> Result<&[u8], KeyRejected> {
    match b.first() {
        Some(&first) if first != 0 => Ok(b),
        _ => Err(KeyRejected::InvalidComponent),
    }
}

/// A private component without its leading zero octets; zero (or empty) is
/// refused. Private components are accepted zero-padded because some encoders
/// write CRT values at a fixed width and they take no part in thumbprints.
pub(super) fn stripped(b: &[u8]) -> Result<&[u8], KeyRejected> {
    let start = b.iter().position(|&x| x != 0).ok_or(KeyRejected::InvalidComponent)?;
    b.get(start..).ok_or(KeyRejected::InvalidComponent)
}

/// Bit length of a minimal big-endian integer.
pub(super) fn bit_len(minimal: &[u8]) -> usize {
    let Some(&first) = minimal.first() else { return 0 };
    let top = usize::try_from(u8::BITS - first.leading_zeros()).unwrap_or(8);
    minimal.len().saturating_sub(1).saturating_mul(8).saturating_add(top)
}

/// Decodes a secret value at a fixed, public precision (`bits`), so the
/// decoding does not depend on the value's own length.
pub(super) fn secret_uint(b: &[u8], bits: u32) -> Result<BoxedUint, KeyRejected> {
    BoxedUint::from_be_slice(b, bits).map_err(|_| KeyRejected::Inconsistent)
}

/// The value as a minimal big-endian secret (at least one octet).
pub(super) fn to_secret(v: &BoxedUint) -> Secret {
    let full = Zeroizing::new(v.to_be_bytes());
    let start = full.iter().position(|&x| x != 0).unwrap_or(full.len().saturating_sub(1));
    Secret::new(full.get(start..).unwrap_or_default().to_vec())
}

/// Whether `given` (stripped of leading zeros) equals `expected`, compared in
/// constant time at `expected`'s fixed width.
pub(super) fn ct_eq_value(expected: &BoxedUint, given: &[u8]) -> bool {
    let expected = Zeroizing::new(expected.to_be_bytes());
    let Some(pad) = expected.len().checked_sub(given.len()) else { return false };
    let mut padded = Zeroizing::new(vec![0u8; expected.len()]);
    let Some(dst) = padded.get_mut(pad..) else { return false };
    dst.copy_from_slice(given);
    bool::from(expected.as_ref().ct_eq(padded.as_slice()))
}

/// The DER `RSAPublicKey` (RFC 8017 appendix A.1.1) of minimal `n` and `e`:
/// what AWS-LC parses a public key from.
pub(super) fn public_key_der(n: &[u8], e: &[u8]) -> Vec<u8> {
    fn len(out: &mut Vec<u8>, l: usize) {
        match l {
            0..=0x7f => out.push(l as u8),
            0x80..=0xff => out.extend_from_slice(&[0x81, l as u8]),
            _ => out.extend_from_slice(&[0x82, (l >> 8) as u8, l as u8]),
        }
    }
    fn integer(out: &mut Vec<u8>, v: &[u8]) {
        // A positive INTEGER: a leading zero octet when the top bit is set.
        let pad = v.first().is_some_and(|b| b & 0x80 != 0);
        out.push(0x02);
        len(out, v.len() + usize::from(pad));
        if pad {
            out.push(0);
        }
        out.extend_from_slice(v);
    }
    let mut body = Vec::with_capacity(n.len() + e.len() + 16);
    integer(&mut body, n);
    integer(&mut body, e);
    let mut out = Vec::with_capacity(body.len() + 4);
    out.push(0x30);
    len(&mut out, body.len());
    out.extend_from_slice(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(minimal(&[]), Err(KeyRejected::InvalidComponent));
        assert_eq!(minimal(&[0, 1]), Err(KeyRejected::InvalidComponent));
        assert_eq!(minimal(&[1, 0]), Ok(&[1u8, 0][..]));
        assert_eq!(stripped(&[0, 0, 5]), Ok(&[5u8][..]));
        assert_eq!(stripped(&[0, 0]), Err(KeyRejected::InvalidComponent));
        assert_eq!(bit_len(&[1, 0]), 9);
        assert_eq!(bit_len(&[0x80, 0, 0]), 24);
        let v = BoxedUint::from(0x0102u64);
        assert_eq!(to_secret(&v).expose(), &[1, 2]);
        assert_eq!(to_secret(&BoxedUint::from(0u64)).expose(), &[0]);
        assert!(ct_eq_value(&v, &[1, 2]));
        assert!(!ct_eq_value(&v, &[1, 3]));
        assert!(!ct_eq_value(&v, &[1; 9]));
    }

    #[test]
    fn public_key_der_encodes_lengths_and_sign_padding() {
        // Short form, and a leading zero when the top bit is set.
        assert_eq!(public_key_der(&[0x81], &[3]), [0x30, 0x07, 0x02, 0x02, 0x00, 0x81, 0x02, 0x01, 0x03]);
        // Long forms (0x81 and 0x82) for 2048- and 8192-bit moduli.
        let n = vec![0xc5; 256];
        let der = public_key_der(&n, &[1, 0, 1]);
        assert_eq!(&der[..8], &[0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01]);
        let n = vec![0x45; 200];
        let der = public_key_der(&n, &[1, 0, 1]);
        assert_eq!(&der[..6], &[0x30, 0x81, 0xd0, 0x02, 0x81, 0xc8]);
    }
}
