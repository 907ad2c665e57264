//! EC key material (RFC 7518 section 6.2, RFC 8812 for secp256k1).

use core::fmt;

use jot_core::Secret;
use jot_core::alg::Curve;

/// An elliptic-curve key on P-256, P-384, P-521 or secp256k1.
#[derive(Clone, PartialEq, Eq)]
pub struct EcKey {
    /// The curve.
    pub crv: Curve,
    /// The x coordinate, exactly the curve's coordinate length.
    pub x: Vec<u8>,
    /// The y coordinate, exactly the curve's coordinate length.
    pub y: Vec<u8>,
    /// The private scalar, exactly the curve's coordinate length.
    pub d: Option<Secret>,
}

impl fmt::Debug for EcKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcKey").field("crv", &self.crv).field("private", &self.d.as_ref().map(|_| "***")).finish()
    }
}
