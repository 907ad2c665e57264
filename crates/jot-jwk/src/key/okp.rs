//! Octet key pair material (RFC 8037): Ed25519, Ed448, X25519, X448.

use core::fmt;

use jot_core::Secret;
use jot_core::alg::Curve;

/// An octet key pair. Ed448 and X448 keys parse, but using them reports
/// that the curve is not supported.
#[derive(Clone, PartialEq, Eq)]
pub struct OkpKey {
    /// The curve (Ed25519, Ed448, X25519 or X448).
    pub crv: Curve,
    /// The public key.
    pub x: Vec<u8>,
    /// The private key (seed for Ed25519).
    pub d: Option<Secret>,
}

impl fmt::Debug for OkpKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OkpKey").field("crv", &self.crv).field("private", &self.d.as_ref().map(|_| "***")).finish()
    }
}
