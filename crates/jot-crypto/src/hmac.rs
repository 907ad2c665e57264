//! HMAC with SHA-2 (RFC 2104), from the provider.
//!
//! [`HmacKey`] is built once and then signs and verifies from any thread.
//! Verification compares the full-length tag in constant time (the
//! provider's verify); [`Tag`] has no `PartialEq`, so the insecure comparison
//! does not compile.
//!
//! No minimum key length is enforced here: the JWK layer requires "at least
//! the hash size" for HS256/384/512, while AES_CBC_HMAC_SHA2 legitimately
//! uses MAC keys of half that size.

use core::fmt;
use std::sync::Arc;

use crate::{Error, ShaAlg, provider};

/// An HMAC key bound to one SHA-2 function.
///
/// `Send + Sync` and cheap to clone, so one key can serve every thread.
/// `Debug` prints `***`.
///
/// The raw key bytes are not kept: the provider pre-hashes them into the
/// inner and outer HMAC states at construction (RustCrypto zeroizes those
/// states on drop; AWS-LC's live inside AWS-LC).
///
/// ```
/// use jot_crypto::{hmac::HmacKey, ShaAlg};
///
/// let key = HmacKey::new(ShaAlg::Sha256, &[0x0b; 32]);
/// let tag = key.sign(b"header.payload");
/// assert_eq!(tag.as_ref().len(), 32);
/// assert!(key.verify(b"header.payload", tag.as_ref()).is_ok());
/// assert!(key.verify(b"header.payloaD", tag.as_ref()).is_err());
/// ```
#[derive(Clone)]
pub struct HmacKey {
    // Behind an `Arc`: AWS-LC's pre-hashed states take over a kilobyte, and
    // a key is cloned into every verifier that holds it.
    key: Arc<provider::hmac::Key>,
    alg: ShaAlg,
}

impl HmacKey {
    /// Builds a key for HMAC with `alg`. Any key length is accepted (keys
    /// longer than the hash block are hashed first, per RFC 2104).
    pub fn new(alg: ShaAlg, key: &[u8]) -> Self {
        Self { key: Arc::new(provider::hmac::Key::new(alg, key)), alg }
    }

    /// The hash function this key is bound to.
    pub fn alg(&self) -> ShaAlg {
        self.alg
    }

    /// The tag length in bytes (the hash output size).
    pub fn tag_len(&self) -> usize {
        self.alg.output_len()
    }

    /// Computes the full-length tag over `msg`.
    pub fn sign(&self, msg: &[u8]) -> Tag {
        Tag(self.key.sign(&[msg]))
    }

    /// Computes the full-length tag over the concatenation of `parts`,
    /// without copying them into one buffer.
    ///
    /// ```
    /// use jot_crypto::{hmac::HmacKey, ShaAlg};
    ///
    /// let key = HmacKey::new(ShaAlg::Sha384, b"a key of some length, 48 bytes or more is best..");
    /// let whole = key.sign(b"abcdef");
    /// let parts = key.sign_parts(&[b"ab", b"", b"cdef"]);
    /// assert!(key.verify(b"abcdef", parts.as_ref()).is_ok());
    /// # assert_eq!(whole.as_ref(), parts.as_ref());
    /// ```
    pub fn sign_parts(&self, parts: &[&[u8]]) -> Tag {
        Tag(self.key.sign(parts))
    }

    /// Verifies a full-length `tag` over `msg` in constant time.
    ///
    /// A tag of any other length (including a truncated prefix of the right
    /// tag) fails. The error is always [`Error::InvalidSignature`], with no
    /// detail.
    pub fn verify(&self, msg: &[u8], tag: &[u8]) -> Result<(), Error> {
        if self.key.verify(msg, tag) { Ok(()) } else { Err(Error::InvalidSignature) }
    }
}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HmacKey({:?}, ***)", self.alg)
    }
}

/// An HMAC tag, held on the stack.
///
/// There is deliberately no `PartialEq`: compare tags with
/// [`HmacKey::verify`]. `Debug` shows only the length, since a tag computed
/// during verification is the value a forger needs.
#[derive(Clone, Copy)]
pub struct Tag(provider::Output);

impl AsRef<[u8]> for Tag {
    fn as_ref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tag({} bytes)", self.0.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + Clone>() {}

    #[test]
    fn key_is_send_sync_clone() {
        assert_send_sync::<HmacKey>();
    }

    #[test]
    fn rfc4231_case_2() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let key = HmacKey::new(ShaAlg::Sha256, b"Jefe");
        let tag = key.sign(b"what do ya want for nothing?");
        assert_eq!(hex(tag.as_ref()), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn tag_lengths_follow_the_hash() {
        for (alg, len) in [(ShaAlg::Sha256, 32), (ShaAlg::Sha384, 48), (ShaAlg::Sha512, 64)] {
            let key = HmacKey::new(alg, b"k");
            assert_eq!(key.alg(), alg);
            assert_eq!(key.tag_len(), len);
            assert_eq!(key.sign(b"m").as_ref().len(), len);
        }
    }

    #[test]
    fn verify_rejects_wrong_truncated_and_extended_tags() {
        let key = HmacKey::new(ShaAlg::Sha512, &[7; 64]);
        let tag = key.sign(b"msg");
        let t = tag.as_ref();
        assert_eq!(key.verify(b"msg", t), Ok(()));
        assert_eq!(key.verify(b"msh", t), Err(Error::InvalidSignature));
        let half = t.get(..32).unwrap();
        assert_eq!(key.verify(b"msg", half), Err(Error::InvalidSignature));
        assert_eq!(key.verify(b"msg", &[]), Err(Error::InvalidSignature));
        let mut longer = t.to_vec();
        longer.push(0);
        assert_eq!(key.verify(b"msg", &longer), Err(Error::InvalidSignature));
        let mut flipped = t.to_vec();
        flipped[63] ^= 1;
        assert_eq!(key.verify(b"msg", &flipped), Err(Error::InvalidSignature));
        // A key bound to another hash does not accept the tag either.
        let other = HmacKey::new(ShaAlg::Sha256, &[7; 64]);
        assert_eq!(other.verify(b"msg", t), Err(Error::InvalidSignature));
    }

    #[test]
    fn sign_parts_equals_sign_of_concatenation() {
        let key = HmacKey::new(ShaAlg::Sha256, &[1; 32]);
        let a = key.sign(b"hello world");
        let b = key.sign_parts(&[b"hello", b" ", b"world"]);
        assert_eq!(a.as_ref(), b.as_ref());
    }

    #[test]
    fn debug_hides_key_and_tag() {
        let key = HmacKey::new(ShaAlg::Sha256, b"AAAAAAAAAAAAAAAA");
        assert_eq!(format!("{key:?}"), "HmacKey(Sha256, ***)");
        let tag = key.sign(b"x");
        assert_eq!(format!("{tag:?}"), "Tag(32 bytes)");
    }
}
