//! SHA-2 digests.

use crate::ShaAlg;

/// A SHA-2 digest held on the stack.
#[derive(Clone, Copy)]
pub struct Digest {
    bytes: [u8; 64],
    len: usize,
}

impl AsRef<[u8]> for Digest {
    fn as_ref(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }
}

impl core::fmt::Debug for Digest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Digest(")?;
        for b in self.as_ref() {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

/// Hashes `data` with the given SHA-2 function.
///
/// ```
/// use jot_crypto::{hash, ShaAlg};
/// let d = hash::digest(ShaAlg::Sha256, b"abc");
/// assert_eq!(d.as_ref().len(), 32);
/// assert_eq!(d.as_ref()[0], 0xba);
/// ```
pub fn digest(alg: ShaAlg, data: &[u8]) -> Digest {
    digest_parts(alg, &[data])
}

/// Hashes the concatenation of `parts` without copying them together.
pub fn digest_parts(alg: ShaAlg, parts: &[&[u8]]) -> Digest {
    let out = crate::provider::sha2(alg, parts);
    Digest { bytes: out.bytes, len: out.len }
}

/// SHA-1, for the `x5t` certificate thumbprint only (RFC 7517 section
/// 4.8). Never used for signatures or key derivation.
pub fn sha1_for_x5t(data: &[u8]) -> [u8; 20] {
    crate::provider::sha1(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        // FIPS 180-2 "abc" vectors (first and last bytes).
        let d = digest(ShaAlg::Sha384, b"abc");
        assert_eq!(d.as_ref().len(), 48);
        assert_eq!((d.as_ref()[0], d.as_ref()[47]), (0xcb, 0xa7));
        let d = digest(ShaAlg::Sha512, b"abc");
        assert_eq!((d.as_ref()[0], d.as_ref()[63]), (0xdd, 0x9f));
        let d = sha1_for_x5t(b"abc");
        assert_eq!((d[0], d[19]), (0xa9, 0x9d));
    }
}
