//! Compact JWS verification (header, key selection and signature; no claims)
//! for HS256, RS256, ES256 and EdDSA, beside the bound key's signature check
//! alone on the same signing input, in the same run: the difference is what
//! the JWS layer costs. Peer crates and the raw primitives are in the other
//! benches (feature `peers`; see `benches/run.sh`).
//! Run: `cargo bench -p jot-benches --bench jws_verify`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jot_core::alg::JwsAlgorithm;
use jot_jwk::Jwk;
use jot_jws::{JwsBuilder, Verifier};

const CLAIMS: &[u8] = br#"{"sub":"1234567890","iss":"https://issuer.example","aud":"api","exp":4102444800,"iat":1700000000,"nbf":1700000000,"name":"Jane Doe","admin":true}"#;

fn bench(c: &mut Criterion) {
    for alg in [JwsAlgorithm::HS256, JwsAlgorithm::RS256, JwsAlgorithm::ES256, JwsAlgorithm::EdDSA] {
        let key = Jwk::generate_for_jws(alg).unwrap();
        let token = JwsBuilder::new(&key.signing_key(alg).unwrap()).typ("JWT").compact(CLAIMS).unwrap();
        let public = key.to_public().unwrap_or_else(|| key.clone());
        let verifier = Verifier::new(public.verifying_key(alg).unwrap());
        let mut g = c.benchmark_group(format!("jws_verify/{alg}"));
        g.bench_function("jot", |b| {
            b.iter(|| verifier.verify_compact(black_box(&token)).unwrap());
        });
        // The signature check alone, through the same bound key.
        let (input, sig) = token.rsplit_once('.').unwrap();
        let sig = jot_core::base64url::decode(sig).unwrap();
        let raw = public.verifying_key(alg).unwrap();
        g.bench_function("key-only", |b| {
            b.iter(|| raw.verify(black_box(input.as_bytes()), black_box(&sig)).unwrap());
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
