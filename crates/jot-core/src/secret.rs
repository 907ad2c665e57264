//! Secret bytes: zeroized on drop, compared in constant time, never printed.

use core::fmt;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Secret key material (an HMAC key, a CEK, a password, a private scalar).
///
/// The bytes are zeroized when the value is dropped, equality runs in
/// constant time, and `Debug` prints `***`. There is deliberately no
/// `Display`, `Serialize` or `Deref`: reading the bytes is an explicit call to
/// [`Secret::expose`].
///
/// ```
/// use jot_jwt::Secret;
/// let a = Secret::new(b"hunter2".to_vec());
/// assert_eq!(format!("{a:?}"), "Secret(***)");
/// assert_eq!(a, Secret::from(&b"hunter2"[..]));
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// Takes ownership of the bytes.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The secret bytes.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// The length in bytes (not secret).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&[u8]> for Secret {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl From<Vec<u8>> for Secret {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        // Lengths are public; contents are compared without early exit.
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_contents() {
        let s = Secret::new(vec![0x41; 8]);
        let dbg = format!("{s:?} {:#?}", s);
        assert!(!dbg.contains("65") && !dbg.contains('A'), "{dbg}");
    }

    #[test]
    fn equality() {
        assert_eq!(Secret::from(&b"abc"[..]), Secret::from(b"abc".to_vec()));
        assert_ne!(Secret::from(&b"abc"[..]), Secret::from(&b"abd"[..]));
        assert_ne!(Secret::from(&b"abc"[..]), Secret::from(&b"abcd"[..]));
    }

    #[test]
    fn zeroize_clears() {
        // Vec's Zeroize overwrites the contents, then truncates.
        let mut s = Secret::new(vec![7; 16]);
        s.zeroize();
        assert!(s.is_empty());
    }
}
