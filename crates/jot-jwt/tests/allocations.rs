//! Heap allocations on the verify hot path, counted by a global allocator
//! (counts, not timings: deterministic for a given build).
//!
//! Compact JWS verification (header, signature, payload encoding) allocates
//! nothing on the Rust heap for any algorithm; JWT verification into a typed
//! struct allocates the decoded claims once, plus what the caller's struct
//! owns itself; into a borrowing struct with a reused buffer, nothing.
//!
//! This count sees the Rust heap only. AWS-LC, which verifies RSA, ECDSA on
//! P-256, P-384 and P-521, and Ed25519, allocates inside its C code with
//! malloc: counted with valgrind over `examples/verify_loop.rs` (see its
//! documentation), about 25 blocks per RSA verify, 30 to 34 per ECDSA
//! verify and 1 per Ed25519 verify; HMAC and ES256K (k256) none.
//!
//! On the `rust-crypto` provider, RSA verification allocates on the Rust heap
//! itself (the `rsa` crate's heap-backed big integers), and so does ML-DSA
//! (`ml-dsa` boxes the decoded signature's polynomials, its `alloc`
//! feature): those algorithms are checked for allocating nothing beyond the
//! primitive's own count.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_jwt::alg::{JwsAlgorithm, JwsFamily};
use jot_jwt::jws::Verifier;
use jot_jwt::{FixedClock, Jwk, JwtBuilder, Validation};

// dhat's allocator counts every heap block (jot forbids `unsafe`, so the
// counting allocator comes from a crate).
#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Heap blocks allocated by `f` (one test per binary: dhat counts every
/// thread).
fn allocations<R>(f: impl FnOnce() -> R) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    let r = f();
    let after = dhat::HeapStats::get().total_blocks;
    drop(r);
    after - before
}

const NOW: i64 = 1_700_000_000;

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Claims {
    sub: String,
    admin: bool,
    exp: i64,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Borrowed<'a> {
    sub: &'a str,
    iss: &'a str,
    admin: bool,
}

fn token(alg: JwsAlgorithm) -> (Jwk, String) {
    let key = Jwk::generate_for_jws(alg).unwrap();
    let token = JwtBuilder::with_clock(&FixedClock(NOW))
        .issuer("https://issuer.example")
        .subject("1234567890")
        .audience("api")
        .expires_at(NOW + 600)
        .claim("admin", true)
        .sign(&key.signing_key(alg).unwrap())
        .unwrap();
    (key.to_public().unwrap_or(key), token)
}

#[test]
fn verify_path_allocations() {
    let _profiler = dhat::Profiler::builder().testing().build();
    for &alg in JwsAlgorithm::ALL {
        let (public, token) = token(alg);
        let verifier = Verifier::new(public.verifying_key(alg).unwrap());
        verifier.verify_compact(&token).unwrap();
        let jws = allocations(|| verifier.verify_compact(&token).unwrap());
        let validation = Validation::from_key(public.verifying_key(alg).unwrap())
            .issuer("https://issuer.example")
            .audience("api")
            .clock(FixedClock(NOW));
        validation.verify::<Claims>(&token).unwrap();
        let jwt = allocations(|| validation.verify::<Claims>(&token).unwrap());
        let mut buf = Vec::new();
        validation.verify_into::<Borrowed<'_>>(&token, &mut buf).unwrap();
        let borrowed = allocations(|| validation.verify_into::<Borrowed<'_>>(&token, &mut buf).map(|c| c.admin));
        println!("{alg}: compact JWS verify {jws} allocations, JWT verify {jwt}, into a borrowing struct {borrowed}");
        // What the provider's primitive allocates on the Rust heap (measured
        // by the JWS verify, whose own code allocates nothing).
        let primitive = if primitive_allocates(alg) { jws } else { 0 };
        assert_eq!(jws, primitive, "{alg}: compact JWS verify allocates");
        // The decoded claims, and `Claims::sub` (the caller's own String).
        assert_eq!(jwt, primitive + 2, "{alg}: JWT verify");
        assert_eq!(borrowed, primitive, "{alg}: JWT verify into a borrowing struct, buffer reused");
    }
}

/// Whether the build's provider allocates on the Rust heap inside `alg`'s
/// verification primitive (RustCrypto's `rsa` and `ml-dsa`; AWS-LC
/// allocates with C's malloc, which this count does not see).
fn primitive_allocates(alg: JwsAlgorithm) -> bool {
    jot_crypto::PROVIDER == "rust-crypto"
        && matches!(alg.family(), JwsFamily::RsaPkcs1(_) | JwsFamily::RsaPss(_) | JwsFamily::MlDsa(_))
}
