//! # jot-jws
//!
//! JSON Web Signature (RFC 7515) with the algorithms of RFC 7518 section 3,
//! RFC 8037 (EdDSA), RFC 8812 (ES256K), RFC 9864 (Ed25519) and RFC 9964
//! (ML-DSA-44/65/87 with `AKP` keys), unencoded
//! payloads (RFC 7797) and detached content (RFC 7515 appendix F), in the
//! compact, flattened JSON and general JSON serializations.
//!
//! The verifier decides, never the token: a [`Verifier`] holds keys bound
//! to one algorithm each (or a [`KeyResolver`] the caller writes); the
//! token's `alg` must be the key's. `none` is refused by every verify API;
//! unsecured JWS exists only in [`dangerous`].
//!
//! ```
//! use jot_jwt::alg::JwsAlgorithm;
//! use jot_jwt::jwk::Jwk;
//! use jot_jwt::jws::{JwsBuilder, Verifier};
//!
//! // The signer side.
//! let key = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
//! let token = JwsBuilder::new(&key.signing_key(JwsAlgorithm::ES256)?).compact(b"hello")?;
//!
//! // The verifier side: built once from the public key, shared by all threads.
//! let public = key.to_public().unwrap();
//! let verifier = Verifier::new(public.verifying_key(JwsAlgorithm::ES256)?);
//! assert_eq!(verifier.verify_compact(&token)?.payload(), b"hello");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod compact;
pub mod dangerous;
mod error;
mod header;
mod json;
mod limits;
mod resolver;
mod sign;
mod verifier;

pub use error::{CritError, Error, Part};
pub use header::Header;
pub use limits::Limits;
pub use resolver::{EmbeddedJwkResolver, KeyResolver};
pub use sign::{JwsBuilder, Signer, sign_general, sign_general_detached};
pub use verifier::{Verified, Verifier};
