//! Ed25519 backends side by side: ring, ed25519-dalek and AWS-LC, verify and sign,
//! one 256-byte message (a typical JWS signing input). The choice recorded in
//! `src/okp/ed25519.rs` comes from this bench; run it with
//! `cargo bench -p jot-crypto --bench ed25519`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair as _, UnparsedPublicKey};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let seed = [0x42u8; 32];
    let msg = [0x5au8; 256];

    let ring_pair = Ed25519KeyPair::from_seed_unchecked(&seed).unwrap();
    let public = ring_pair.public_key().as_ref().to_vec();
    let ring_sig = ring_pair.sign(&msg);

    let dalek_sk = SigningKey::from_bytes(&seed);
    let dalek_pk = VerifyingKey::from_bytes(&public.clone().try_into().unwrap()).unwrap();
    let dalek_sig = dalek_sk.sign(&msg);
    assert_eq!(dalek_sig.to_bytes().as_slice(), ring_sig.as_ref());

    let mut g = c.benchmark_group("ed25519");
    g.bench_function("verify/ring", |b| {
        // ring decodes the public point on every call: it has no parsed form.
        let key = UnparsedPublicKey::new(&ED25519, public.as_slice());
        b.iter(|| key.verify(black_box(&msg), black_box(ring_sig.as_ref())).unwrap());
    });
    g.bench_function("verify/dalek", |b| {
        b.iter(|| dalek_pk.verify(black_box(&msg), black_box(&dalek_sig)).unwrap());
    });
    g.bench_function("verify_strict/dalek", |b| {
        b.iter(|| dalek_pk.verify_strict(black_box(&msg), black_box(&dalek_sig)).unwrap());
    });
    g.bench_function("verify/awslc", |b| {
        // Parsed once, as jot-crypto keeps it.
        let key =
            aws_lc_rs::signature::ParsedPublicKey::new(&aws_lc_rs::signature::ED25519, public.as_slice()).unwrap();
        b.iter(|| key.verify_sig(black_box(&msg), black_box(ring_sig.as_ref())).unwrap());
    });
    g.bench_function("sign/awslc", |b| {
        let pair = aws_lc_rs::signature::Ed25519KeyPair::from_seed_unchecked(&seed).unwrap();
        b.iter(|| pair.sign(black_box(&msg)));
    });
    g.bench_function("sign/ring", |b| b.iter(|| ring_pair.sign(black_box(&msg))));
    g.bench_function("sign/dalek", |b| b.iter(|| dalek_sk.sign(black_box(&msg))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
