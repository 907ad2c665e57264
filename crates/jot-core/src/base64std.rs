//! Standard padded base64 (RFC 4648 section 4), canonical only. JOSE uses it
//! in exactly one place: the DER certificates of the `x5c` member.

use base64ct::{Base64, Encoding};

use crate::Error;

/// Decodes canonical, padded standard base64 (no whitespace).
///
/// ```
/// assert_eq!(jot_core::base64std::decode("aGk=").unwrap(), b"hi");
/// assert!(jot_core::base64std::decode("aGk").is_err());
/// ```
pub fn decode(input: impl AsRef<[u8]>) -> Result<Vec<u8>, Error> {
    let input = input.as_ref();
    let s = core::str::from_utf8(input).map_err(|_| Error::Base64)?;
    Base64::decode_vec(s).map_err(|_| Error::Base64)
}

/// Encodes as padded standard base64.
pub fn encode(input: impl AsRef<[u8]>) -> String {
    Base64::encode_string(input.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict() {
        assert_eq!(decode("aGk=").unwrap(), b"hi");
        for bad in ["aGk", "aG k=", "aGk=\n", "aGl=", "aG-k", "aGk=="] {
            assert_eq!(decode(bad), Err(Error::Base64), "{bad:?}");
        }
        assert_eq!(encode(b"hi"), "aGk=");
    }
}
