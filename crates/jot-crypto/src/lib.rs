//! # jot-crypto
//!
//! The only crate in jot that calls a cryptographic library. Exactly one
//! provider is compiled in, chosen by a Cargo feature that every jot crate
//! forwards: `aws-lc` (the default, AWS-LC through `aws-lc-rs`), `fips`
//! (AWS-LC's FIPS module) or `rust-crypto` (pure Rust: the RustCrypto
//! crates, for WebAssembly and builds without a C compiler). With both
//! `aws-lc` and `rust-crypto` enabled, AWS-LC is used; with neither, the
//! build fails with a message naming the features. Every other crate
//! reaches cryptography through the types here, and the provider module
//! (`src/provider/`) is the one place that names a backend, so changing
//! the backend changes nothing else. [`PROVIDER`] names the one in use.
//!
//! Design rules, as in `ring`:
//! - Keys are parsed and validated once into handles ([`rsa::RsaPublicKey`],
//!   [`ec::EcPublicKey`], ...); nothing re-parses a key per operation.
//! - Verification returns `Result<(), Error>`, never a bool, and an invalid
//!   signature or failed decryption carries no detail.
//! - MACs and tags are compared in constant time by the library's verify
//!   functions; tag types have no `PartialEq`.
//! - No third-party type appears in this API.
//!
//! Modules:
//! - [`rand`], [`hash`], [`hmac`]: the CSPRNG, SHA-2 and HMAC.
//! - [`rsa`]: RSA keys, PKCS#1 v1.5 and PSS signatures, OAEP and PKCS#1 v1.5
//!   encryption.
//! - [`ec`]: P-256, P-384, P-521 and secp256k1 keys, ECDSA and ECDH.
//! - [`okp`]: Ed25519 signatures and X25519 key agreement.
//! - [`ml_dsa`]: ML-DSA-44, -65 and -87 signatures (FIPS 204, RFC 9964).
//! - [`aes_gcm`], [`aes_kw`], [`aes_cbc`], [`cbc_hmac`]: symmetric ciphers.
//! - [`kdf`]: Concat KDF (RFC 7518 section 4.6.2) and PBKDF2.
#![forbid(unsafe_code)]

pub mod aes_cbc;
pub mod aes_gcm;
pub mod aes_kw;
pub mod cbc_hmac;
pub mod ec;
mod error;
pub mod hash;
pub mod hmac;
pub mod kdf;
pub mod ml_dsa;
pub mod okp;
mod provider;
pub mod rand;
pub mod rsa;

pub use error::{Error, KeyRejected};

/// The provider compiled into this build: `"aws-lc"`, `"aws-lc-fips"` or
/// `"rust-crypto"`.
///
/// ```
/// assert!(["aws-lc", "aws-lc-fips", "rust-crypto"].contains(&jot_crypto::PROVIDER));
/// ```
pub const PROVIDER: &str = provider::NAME;
pub use jot_core::Secret;
pub use jot_core::alg::{Curve, ShaAlg};
