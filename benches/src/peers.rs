//! jsonwebtoken with both of its backends in one process.
//!
//! With its `aws_lc_rs` and `rust_crypto` features both on, jsonwebtoken
//! has no default `CryptoProvider`. The one installed here delegates each
//! signer and verifier it is asked for to either built-in provider,
//! according to a flag that [`jsonwebtoken_backend`] sets before a
//! benchmark runs. The factories are called on every `encode`/`decode`
//! (that is jsonwebtoken's design), so reading the flag there costs one
//! relaxed atomic load per token.

use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, aws_lc, rust_crypto};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};

/// jsonwebtoken's two backends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// `jsonwebtoken::crypto::aws_lc` (aws-lc-rs).
    AwsLc,
    /// `jsonwebtoken::crypto::rust_crypto` (RustCrypto crates).
    RustCrypto,
}

impl Backend {
    /// The implementation name in the tables.
    pub fn name(self) -> &'static str {
        match self {
            Self::AwsLc => "jsonwebtoken-awslc",
            Self::RustCrypto => "jsonwebtoken-rustcrypto",
        }
    }
}

static AWS_LC: AtomicBool = AtomicBool::new(true);
static INSTALL: Once = Once::new();

fn current() -> &'static CryptoProvider {
    if AWS_LC.load(Ordering::Relaxed) { &aws_lc::DEFAULT_PROVIDER } else { &rust_crypto::DEFAULT_PROVIDER }
}

fn signer(alg: &Algorithm, key: &EncodingKey) -> jsonwebtoken::errors::Result<Box<dyn JwtSigner>> {
    (current().signer_factory)(alg, key)
}

fn verifier(alg: &Algorithm, key: &DecodingKey) -> jsonwebtoken::errors::Result<Box<dyn JwtVerifier>> {
    (current().verifier_factory)(alg, key)
}

/// Installs the delegating provider (once) and selects a backend. Cheap
/// when the backend is already selected: a shared load, no store, so
/// threads calling it do not contend for the cache line.
pub fn jsonwebtoken_backend(backend: Backend) {
    INSTALL.call_once(|| {
        let provider = CryptoProvider {
            signer_factory: signer,
            verifier_factory: verifier,
            // Only JWK conversions use these; the benches give keys as
            // components and DER.
            key_utils: aws_lc::DEFAULT_PROVIDER.key_utils.clone(),
        };
        let leaked: &'static CryptoProvider = Box::leak(Box::new(provider));
        assert!(leaked.install_default().is_ok(), "a jsonwebtoken provider was installed elsewhere");
    });
    let want = backend == Backend::AwsLc;
    if AWS_LC.load(Ordering::Relaxed) != want {
        AWS_LC.store(want, Ordering::Relaxed);
    }
}
