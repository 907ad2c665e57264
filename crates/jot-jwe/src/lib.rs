//! # jot-jwe
//!
//! JSON Web Encryption (RFC 7516) with every key management and content
//! encryption algorithm of RFC 7518 and X25519 (RFC 8037), in the compact,
//! flattened JSON and general JSON serializations, with optional DEFLATE
//! compression.
//!
//! The decrypter decides, never the token: a [`Decrypter`] holds keys bound
//! to one key management algorithm each and a list of accepted content
//! algorithms. Every failure after parsing is the one opaque
//! [`Error::DecryptionFailed`]; a failed unwrap carries on with a random
//! CEK (RFC 7516 section 11.5). PBES2 counts are capped before any key
//! derivation, and `zip` is off unless enabled, with a cap enforced while
//! inflating.
//!
//! ```
//! use jot_jwt::alg::{JweAlgorithm, JweEncryption};
//! use jot_jwt::jwk::Jwk;
//! use jot_jwt::jwe::{Decrypter, JweBuilder};
//!
//! let key = Jwk::generate_for_jwe(JweAlgorithm::Dir, Some(JweEncryption::A256Gcm))?;
//! let token = JweBuilder::new(JweEncryption::A256Gcm)
//!     .recipient(&key.encrypting_key(JweAlgorithm::Dir)?)
//!     .compact(b"confidential")?;
//! let decrypter = Decrypter::new(key.decrypting_key(JweAlgorithm::Dir)?, &[JweEncryption::A256Gcm]);
//! assert_eq!(decrypter.decrypt_compact(&token)?.plaintext(), b"confidential");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod content;
mod decrypt;
mod deflate;
mod encrypt;
mod error;
mod header;
mod keymgmt;
mod limits;

pub use decrypt::{Decrypted, Decrypter};
pub use encrypt::{DEFAULT_P2C, JweBuilder};
pub use error::{Error, HeaderError, Part};
pub use header::Header;
pub use limits::Limits;
