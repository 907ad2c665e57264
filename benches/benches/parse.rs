//! Parse only: split the compact form and decode the header, no signature.
//! jot has no header-only API; its `jws::dangerous::decode_unverified_compact`
//! also decodes the payload (not parsed). The floor is base64ct plus
//! serde_json into borrowed fields.
//! Run: `benches/run.sh parse` (or `cargo bench -p jot-benches --features peers --bench parse`).
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jot_benches::fixtures::{Entry, SigKey, TokenOp, token_op};
use jot_benches::floor;
use jot_core::alg::JwsAlgorithm;

fn entries() -> Vec<Entry<TokenOp>> {
    vec![
        token_op("jot", |t| {
            black_box(jot_jws::dangerous::decode_unverified_compact(t).unwrap());
        }),
        token_op("jsonwebtoken", |t| {
            black_box(jsonwebtoken::decode_header(t).unwrap());
        }),
        token_op("josekit", |t| {
            black_box(josekit::jwt::decode_header(t).unwrap());
        }),
        token_op("jwt-simple", |t| {
            black_box(jwt_simple::token::Token::decode_metadata(t).unwrap());
        }),
        floor::parse_header(),
    ]
}

fn bench(c: &mut Criterion) {
    let k = SigKey::generate(JwsAlgorithm::ES256);
    let mut g = c.benchmark_group("parse/ES256");
    for e in entries() {
        (e.run)(&k.token);
        g.bench_function(e.name, |b| b.iter(|| (e.run)(black_box(&k.token))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
