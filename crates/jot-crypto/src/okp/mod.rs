//! Octet key pair keys (RFC 8037): Ed25519 signatures (`EdDSA`/`Ed25519`) and
//! X25519 key agreement (ECDH-ES). Ed448 and X448 are not implemented.
//!
//! ```
//! use jot_crypto::okp::{Ed25519PrivateKey, X25519PrivateKey};
//! # fn main() -> Result<(), jot_crypto::Error> {
//! let key = Ed25519PrivateKey::generate()?;
//! let sig = key.sign(b"payload");
//! key.public_key().verify(b"payload", &sig)?;
//!
//! let (a, b) = (X25519PrivateKey::generate()?, X25519PrivateKey::generate()?);
//! assert_eq!(a.diffie_hellman(b.public_key())?, b.diffie_hellman(a.public_key())?);
//! # Ok(())
//! # }
//! ```

mod ed25519;
mod edwards;
#[cfg(test)]
mod tests;
mod x25519;

pub use ed25519::{Ed25519PrivateKey, Ed25519PublicKey};
pub use x25519::{X25519PrivateKey, X25519PublicKey};

/// Length of every key and of the X25519 shared secret, in bytes.
pub const KEY_LEN: usize = 32;

/// Length of an Ed25519 signature, in bytes.
pub const ED25519_SIGNATURE_LEN: usize = 64;
