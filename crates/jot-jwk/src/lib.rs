//! # jot-jwk
//!
//! JSON Web Keys (RFC 7517): parsing with every check a careful user
//! expects, key sets and selection, thumbprints (RFC 7638, RFC 8037,
//! RFC 9278), PEM and DER, key generation, and binding a key to one
//! algorithm for use.
//!
//! ```
//! use jot_jwt::alg::{JwsAlgorithm, ShaAlg};
//! use jot_jwt::jwk::{Jwk, pem::DerFormat};
//!
//! // Generate, publish, and bind for use.
//! let private = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
//! let public = private.to_public().expect("EC keys have a public part");
//! println!("{}", public.to_json());
//! println!("{}", public.thumbprint_uri(ShaAlg::Sha256));
//! println!("{}", public.to_pem(DerFormat::Spki)?);
//!
//! let sig = private.signing_key(JwsAlgorithm::ES256)?.sign(b"hello")?;
//! public.verifying_key(JwsAlgorithm::ES256)?.verify(b"hello", &sig)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod bind;
mod checked;
mod error;
mod generate;
mod jwk;
pub mod key;
pub mod params;
mod parse;
pub mod pem;
mod pem_api;
mod select;
mod set;
mod thumbprint;
mod validate;

pub use bind::{DecryptingKey, DecryptionMaterial, EncryptingKey, EncryptionMaterial, SigningKey, VerifyingKey};
pub use error::{EncodingError, Error};
pub use generate::KeySpec;
pub use jwk::Jwk;
pub use params::{JwkAlgorithm, KeyOp, KeyUse, Parameters};
pub use select::{BoundKey, SelectError, select_key};
pub use set::{JwkSet, KeySelector, SkippedKey};
