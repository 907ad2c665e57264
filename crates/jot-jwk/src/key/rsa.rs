//! RSA key material (RFC 7518 section 6.3).

use core::fmt;

use jot_core::Secret;

/// An RSA key: the public modulus and exponent, and optionally the private
/// part with its CRT parameters.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaKey {
    /// Modulus `n`, big-endian, no leading zero octets.
    pub n: Vec<u8>,
    /// Public exponent `e`, big-endian, no leading zero octets.
    pub e: Vec<u8>,
    /// The private part, if any.
    pub private: Option<RsaPrivate>,
}

/// The private part of an RSA key. jot requires the CRT parameters (RFC 7518
/// section 6.3.2 says they SHOULD be present; without them keys are slow and
/// rarely seen) and refuses multi-prime keys (`oth`).
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPrivate {
    /// Private exponent.
    pub d: Secret,
    /// First prime factor.
    pub p: Secret,
    /// Second prime factor.
    pub q: Secret,
    /// First factor CRT exponent `d mod (p-1)`.
    pub dp: Secret,
    /// Second factor CRT exponent `d mod (q-1)`.
    pub dq: Secret,
    /// First CRT coefficient `q^-1 mod p`.
    pub qi: Secret,
}

impl fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaKey")
            .field("bits", &(self.n.len() * 8))
            .field("private", &self.private.as_ref().map(|_| "***"))
            .finish()
    }
}

impl fmt::Debug for RsaPrivate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RsaPrivate(***)")
    }
}
