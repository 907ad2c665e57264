//! JWE decrypt and encrypt for dir+A128GCM, dir+A128CBC-HS256,
//! A256KW+A256GCM, RSA-OAEP-256+A256GCM, ECDH-ES+A256KW (P-256)+A256GCM,
//! ECDH-ES (X25519)+A256GCM and PBES2-HS256+A128KW (p2c 10,000)+A128GCM:
//! jot, josekit, jwt-simple where it has the combination, and the content
//! decryption alone (ring and aes-gcm) as the floor.
//! Run: `benches/run.sh jwe_` (or `cargo bench -p jot-benches --features peers --bench jwe`).
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jot_benches::jwe;

fn bench(c: &mut Criterion) {
    for case in jwe::cases() {
        let mut g = c.benchmark_group(format!("jwe_decrypt/{}", case.label));
        for e in jwe::decrypters(&case) {
            g.bench_function(e.name, |b| b.iter(|| (e.run)(black_box(&case.token))));
        }
        g.finish();
        let mut g = c.benchmark_group(format!("jwe_encrypt/{}", case.label));
        for e in jwe::encrypters(&case) {
            g.bench_function(e.name, |b| b.iter(|| black_box((e.run)())));
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
