//! Verifies one JWT (the benchmark's token shape) N times, for tools that
//! count what a whole process does: instructions (`valgrind
//! --tool=callgrind`) and heap allocations including those made inside C
//! code such as AWS-LC (`valgrind`'s "total heap usage" line), which a Rust
//! global allocator does not see. Run it for N and 2N verifications: the
//! difference is N verifications' worth.
//!
//! ```text
//! cargo build --release -p jot-jwt --example verify_loop
//! valgrind target/release/examples/verify_loop ES256 1000 2>&1 | grep 'heap usage'
//! valgrind target/release/examples/verify_loop ES256 2000 2>&1 | grep 'heap usage'
//! valgrind --tool=callgrind target/release/examples/verify_loop HS256 10000
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use jot_jwt::alg::JwsAlgorithm;
use jot_jwt::{Jwk, Validation};

/// The claims of the benchmark's token (`benches/src/fixtures.rs`).
const CLAIMS: &str = r#"{"sub":"1234567890","iss":"https://issuer.example","aud":"api","exp":4102444800,"iat":1700000000,"nbf":1700000000,"name":"Jane Doe","admin":true}"#;

/// The claims, borrowed from the decoded token.
#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "read by serde only")]
struct Claims<'a> {
    sub: &'a str,
    iss: &'a str,
    aud: &'a str,
    exp: u64,
    iat: u64,
    nbf: u64,
    name: &'a str,
    admin: bool,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let alg: JwsAlgorithm = args.next().unwrap_or_else(|| "HS256".into()).parse().expect("a JWS algorithm name");
    let n: usize = args.next().map_or(10_000, |n| n.parse().expect("a count"));

    let key = Jwk::generate_for_jws(alg).unwrap();
    let signer = key.signing_key(alg).unwrap();
    let token = jot_jwt::jws::JwsBuilder::new(&signer).typ("JWT").kid(None).compact(CLAIMS.as_bytes()).unwrap();
    let public = key.to_public().unwrap_or(key);
    let validation =
        Validation::from_key(public.verifying_key(alg).unwrap()).issuer("https://issuer.example").audience("api");

    let mut buf = Vec::new();
    for _ in 0..n {
        let claims: Claims<'_> = validation.verify_into(black_box(&token), &mut buf).unwrap();
        black_box(claims.admin);
    }
}
