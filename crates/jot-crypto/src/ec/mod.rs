//! Elliptic-curve keys on P-256, P-384, P-521 and secp256k1: ECDSA with the
//! JOSE hash of each curve (RFC 7518 section 3.4, RFC 8812) and static ECDH
//! for ECDH-ES (RFC 7518 section 4.6).
//!
//! Every operation runs on the provider (AWS-LC, or the RustCrypto curve
//! crates): one key per handle. AWS-LC's ECDSA signatures are randomized;
//! RustCrypto's are deterministic (RFC 6979). Both verify either.
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
