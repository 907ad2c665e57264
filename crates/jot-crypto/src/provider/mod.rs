//! The provider boundary: the one place that says which cryptographic
//! library supplies each primitive, in the manner of rustls's
//! `CryptoProvider`.
//!
//! Exactly one backend is compiled into a build, chosen by a Cargo feature
//! of jot-crypto (every jot crate forwards them):
//!
//! | feature | backend | needs |
//! |---------|---------|-------|
//! | `aws-lc` (default) | AWS-LC through `aws-lc-rs` | a C compiler (and CMake, Go for `fips`) |
//! | `fips` | AWS-LC's FIPS module (`aws-lc-rs/fips`) | CMake, Go, a C compiler |
//! | `rust-crypto` | the RustCrypto crates, pure Rust | nothing but rustc; builds for `wasm32-unknown-unknown` |
//!
//! With both `aws-lc` (or `fips`) and `rust-crypto` enabled (two dependencies asking for
//! different providers), AWS-LC is used: a deterministic choice, never a
//! panic. With neither, the build stops with a `compile_error!` naming the
//! features.
//!
//! Each backend module supplies the same items with the same signatures,
//! and nothing outside this folder names a backend's types:
//!
//! | primitive | item | `aws-lc` | `rust-crypto` |
//! |-----------|------|----------|---------------|
//! | random bytes | `fill_random` | `aws_lc_rs::rand` | `getrandom` |
//! | SHA-2, SHA-1 (x5t only) | `sha2`, `sha1` | `aws_lc_rs::digest` | `sha2`, `sha1` |
//! | HMAC-SHA-2 | `hmac::Key` | `aws_lc_rs::hmac` | `hmac` |
//! | AES-GCM 128/192/256 | `aes_gcm::{seal, open}` | `aws_lc_rs::aead` | `aes-gcm` |
//! | AES key wrap 128/192/256 | `aes_kw::{wrap, unwrap}` | `aws_lc_rs::key_wrap` (192: RFC 3394 over AWS-LC's AES-192) | `aes-kw` |
//! | AES-CBC + PKCS#7 | `aes_cbc::{encrypt, decrypt}` | `aws_lc_rs::cipher` | `cbc`, `aes` |
//! | PBKDF2-HMAC-SHA-2 | `pbkdf2::derive` | `aws_lc_rs::pbkdf2` | `pbkdf2` |
//! | ECDSA, ECDH (P-256/384/521, secp256k1 ECDSA) | `ec::{PublicKey, PrivateKey}` | `aws_lc_rs::signature`, `agreement` | `p256`, `p384`, `p521`, `k256` |
//! | Ed25519 | `ed25519::{PublicKey, PrivateKey}` | `aws_lc_rs::signature` | `ed25519-dalek` |
//! | X25519 | `x25519::{PublicKey, PrivateKey}` | `aws_lc_rs::agreement` | `x25519-dalek` |
//! | RSA PKCS#1 v1.5, PSS, OAEP | `rsa::{PublicKey, PrivateKey}` | `aws_lc_rs::rsa`, `signature` | `rsa` |
//! | ML-DSA-44/65/87 (FIPS 204, hedged, empty context) | `ml_dsa::{PublicKey, PrivateKey}` | `aws_lc_rs::signature` (`PqdsaKeyPair`, stable API) | `ml-dsa` (not independently audited) |
//!
//! Both providers share the backend-independent parts above this boundary:
//! key validation rules (RSA sizes, exponent, the ROCA test, primality of
//! `p` and `q` with `crypto-primes`), the Concat KDF, AES-CBC-HMAC
//! composition, and every length check.

#[cfg(any(feature = "aws-lc", feature = "fips"))]
mod aws_lc;
#[cfg(any(feature = "aws-lc", feature = "fips"))]
pub(crate) use aws_lc::*;

#[cfg(all(feature = "rust-crypto", not(any(feature = "aws-lc", feature = "fips"))))]
mod rust_crypto;
#[cfg(all(feature = "rust-crypto", not(any(feature = "aws-lc", feature = "fips"))))]
pub(crate) use rust_crypto::*;

#[cfg(not(any(feature = "aws-lc", feature = "fips", feature = "rust-crypto")))]
compile_error!(
    "jot-crypto needs a cryptographic provider: enable the `aws-lc` feature (the default), `fips`, or `rust-crypto` \
     (pure Rust, for WebAssembly and builds without a C compiler)"
);

/// The largest SHA-2 output, in bytes (SHA-512).
pub(crate) const MAX_DIGEST_LEN: usize = 64;

/// A SHA-2 output or HMAC tag on the stack: `len` bytes of `bytes` are used.
#[derive(Clone, Copy)]
pub(crate) struct Output {
    pub(crate) bytes: [u8; MAX_DIGEST_LEN],
    pub(crate) len: usize,
}

impl Output {
    /// Copies `src` (at most [`MAX_DIGEST_LEN`] bytes; longer input is
    /// truncated, which no SHA-2 output is).
    pub(crate) fn copy_from(src: &[u8]) -> Self {
        let mut bytes = [0u8; MAX_DIGEST_LEN];
        let len = src.len().min(MAX_DIGEST_LEN);
        if let (Some(dst), Some(src)) = (bytes.get_mut(..len), src.get(..len)) {
            dst.copy_from_slice(src);
        }
        Self { bytes, len }
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }
}

impl zeroize::Zeroize for Output {
    fn zeroize(&mut self) {
        self.bytes.zeroize();
        self.len = 0;
    }
}
