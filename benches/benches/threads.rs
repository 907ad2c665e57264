//! Throughput with 1 and 2 threads sharing one verifier (ES256 and HS256
//! JWT verify with validation): each sample runs N verifications split
//! across the threads (`std::thread::scope`) and reports wall time per
//! verification, so perfect scaling halves the time at 2 threads. The
//! floor shows what the machine itself allows (it is shared: other load
//! lowers every 2-thread figure alike).
//! Run: `benches/run.sh throughput` (or `cargo bench -p jot-benches --features peers --bench threads`).
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jot_benches::fixtures::{SigKey, TokenOp};
use jot_benches::jwt;
use jot_core::alg::JwsAlgorithm;

/// Runs `iters` calls split across `threads` threads; the wall time.
fn run(op: &TokenOp, token: &str, iters: u64, threads: u64) -> Duration {
    let start = Instant::now();
    std::thread::scope(|s| {
        for i in 0..threads {
            // The first threads take the remainder.
            let n = iters / threads + u64::from(i < iters % threads);
            s.spawn(move || {
                for _ in 0..n {
                    op(black_box(token));
                }
            });
        }
    });
    start.elapsed()
}

fn bench(c: &mut Criterion) {
    for alg in [JwsAlgorithm::ES256, JwsAlgorithm::HS256] {
        let k = SigKey::generate(alg);
        let mut g = c.benchmark_group(format!("throughput/{alg}"));
        for e in jwt::verifiers(&k) {
            for threads in [1u64, 2] {
                g.bench_with_input(BenchmarkId::new(e.name, threads), &threads, |b, &threads| {
                    b.iter_custom(|iters| run(&*e.run, &k.token, iters, threads));
                });
            }
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
