//! The cost of loading an RSA-2048 JWK, where jot runs its key checks once:
//! the ROCA fingerprint test on every public modulus, and a Baillie-PSW
//! primality test of `p` and `q` on every private key. Beside it the same
//! JWK loaded by jsonwebtoken (`DecodingKey::from_jwk`) and josekit (parse
//! and build a verifier or signer), and the ROCA test alone.
//! Run: `benches/run.sh key_load` (or `cargo bench -p jot-benches --features peers --bench key_load`).
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use josekit::jws::RS256;
use jot_benches::fixtures::SigKey;
use jot_core::alg::JwsAlgorithm;
use jot_jwk::Jwk;

fn bench(c: &mut Criterion) {
    let key = SigKey::generate(JwsAlgorithm::RS256);
    let public = key.public.to_json();
    let private = key.private.to_json();
    let n = key.public_bytes("n");

    let mut g = c.benchmark_group("key_load/RS256-public");
    g.bench_function("jot", |b| {
        b.iter(|| {
            black_box(Jwk::from_json(black_box(public.as_bytes())).unwrap().verifying_key(JwsAlgorithm::RS256).unwrap())
        })
    });
    g.bench_function("jsonwebtoken", |b| {
        b.iter(|| {
            let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_str(black_box(&public)).unwrap();
            black_box(jsonwebtoken::DecodingKey::from_jwk(&jwk).unwrap())
        })
    });
    g.bench_function("josekit", |b| {
        b.iter(|| {
            let jwk = josekit::jwk::Jwk::from_bytes(black_box(public.as_bytes())).unwrap();
            black_box(RS256.verifier_from_jwk(&jwk).unwrap())
        })
    });
    g.bench_function("roca-check-only", |b| b.iter(|| black_box(jot_crypto::rsa::has_roca_fingerprint(black_box(&n)))));
    g.finish();

    let mut g = c.benchmark_group("key_load/RS256-private");
    g.bench_function("jot", |b| {
        b.iter(|| {
            black_box(Jwk::from_json(black_box(private.as_bytes())).unwrap().signing_key(JwsAlgorithm::RS256).unwrap())
        })
    });
    g.bench_function("josekit", |b| {
        b.iter(|| {
            let jwk = josekit::jwk::Jwk::from_bytes(black_box(private.as_bytes())).unwrap();
            black_box(RS256.signer_from_jwk(&jwk).unwrap())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
