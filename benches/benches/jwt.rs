//! JWT verify (signature, exp/nbf, iss, aud, typed claims) and JWT sign for
//! HS256, RS256, PS256, ES256, ES384, ES512, ES256K and EdDSA: jot,
//! jsonwebtoken (aws-lc and RustCrypto backends), josekit, jwt-simple, and
//! the raw signature check as the floor, all on the same token bytes (also
//! written out for oxitoken, which runs from its own crate: see
//! `jot_benches::export`).
//! Run: `benches/run.sh jwt_` (or `cargo bench -p jot-benches --features peers --bench jwt`).
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jot_benches::fixtures::{JWS_ALGS, SigKey};
use jot_benches::jwt;

fn bench(c: &mut Criterion) {
    for alg in JWS_ALGS {
        let k = SigKey::generate(alg);
        jot_benches::export::write(&k);
        let mut g = c.benchmark_group(format!("jwt_verify/{alg}"));
        for e in jwt::verifiers(&k) {
            g.bench_function(e.name, |b| b.iter(|| (e.run)(black_box(&k.token))));
        }
        g.finish();
        let mut g = c.benchmark_group(format!("jwt_sign/{alg}"));
        for e in jwt::signers(&k) {
            g.bench_function(e.name, |b| b.iter(|| black_box((e.run)())));
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
