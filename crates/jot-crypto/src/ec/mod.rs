//! Elliptic-curve keys on P-256, P-384, P-521 and secp256k1: ECDSA with the
//! JOSE hash of each curve (RFC 7518 section 3.4, RFC 8812) and static ECDH
//! for ECDH-ES (RFC 7518 section 4.6).
//!
//! Backends: ring for P-256 and P-384 ECDSA (fastest); RustCrypto `p521`
//! and `k256` for ECDSA on the other two curves; RustCrypto `p256`, `p384`,
//! `p521` for point validation, decompression and ECDH (ring has no static
//! ECDH).
//!
//! Signatures are raw `r || s` (IEEE P1363), each half exactly the curve's
//! coordinate length, as JWS uses them.
//!
//! ```
//! use jot_crypto::{Curve, ec::EcPrivateKey};
//! # fn main() -> Result<(), jot_crypto::Error> {
//! let key = EcPrivateKey::generate(Curve::P256)?;
//! let sig = key.sign_ecdsa(b"payload")?;
//! assert_eq!(sig.len(), 64);
//! key.public_key().verify_ecdsa(b"payload", &sig)?;
//!
//! let peer = EcPrivateKey::generate(Curve::P256)?;
//! let z = key.ecdh(peer.public_key())?;
//! assert_eq!(z, peer.ecdh(key.public_key())?);
//! # Ok(())
//! # }
//! ```

mod ecdh;
mod ecdsa;
mod private;
mod public;
#[cfg(test)]
mod tests;

pub use private::EcPrivateKey;
pub use public::EcPublicKey;

use crate::{Curve, KeyRejected};

/// The curves this module implements.
pub const CURVES: &[Curve] = &[Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1];

/// `KeyRejected::UnsupportedCurve` for curves other than [`CURVES`].
fn supported(curve: Curve) -> Result<Curve, KeyRejected> {
    if CURVES.contains(&curve) { Ok(curve) } else { Err(KeyRejected::UnsupportedCurve) }
}
