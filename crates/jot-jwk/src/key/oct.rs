//! Symmetric key material (RFC 7518 section 6.4).

use core::fmt;

use jot_core::Secret;

/// A symmetric key (`kty: "oct"`).
#[derive(Clone, PartialEq, Eq)]
pub struct OctKey {
    /// The key value.
    pub k: Secret,
}

impl fmt::Debug for OctKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OctKey").field("bits", &(self.k.len() * 8)).field("k", &"***").finish()
    }
}
