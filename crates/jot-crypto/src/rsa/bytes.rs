//! Big-endian integer helpers for RSA components.

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
    }
}
