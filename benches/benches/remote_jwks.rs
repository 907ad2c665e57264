//! A JWT verify through a warm remote JWK Set (jot-jwks: the set fetched
//! once from a server on 127.0.0.1, then cached) beside the same verify
//! with the same set loaded locally, in one run: the difference is what
//! the remote set costs per token (a snapshot load and a freshness check).
//! `remote-async`: `Validation::verify_async` polled to completion on a
//! current-thread runtime (as a service's handler awaits it);
//! `remote-sync`: `Validation::verify` on the set as last fetched.
//! Run: `benches/run.sh remote_jwks` (or `cargo bench -p jot-benches --bench remote_jwks`).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use criterion::{Criterion, criterion_group, criterion_main};
use jot_benches::fixtures::{AUD, CLAIMS_JSON, Claims, ISS};
use jot_core::alg::JwsAlgorithm;
use jot_jwk::{Jwk, JwkSet};
use jot_jws::JwsBuilder;
use jot_jwt::Validation;
use jot_jwt::jwks::RemoteJwkSet;

/// Serves `body` as JSON to every request, on a thread, forever.
fn serve(body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/jwks.json", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    for alg in [JwsAlgorithm::ES256, JwsAlgorithm::RS256, JwsAlgorithm::EdDSA] {
        let mut key = Jwk::generate_for_jws(alg).unwrap();
        key.set_kid(format!("{alg}-1"));
        let token = JwsBuilder::new(&key.signing_key(alg).unwrap()).typ("JWT").compact(CLAIMS_JSON.as_bytes()).unwrap();
        let set = JwkSet::from_keys(vec![key.to_public().unwrap()]);
        let url = serve(set.to_json());

        let local = Validation::from_jwk_set(&set, &[alg]).unwrap().issuer(ISS).audience(AUD);
        let jwks = RemoteJwkSet::builder(url).algorithms(&[alg]).allow_http_loopback().build().unwrap();
        let remote = Validation::from_remote(jwks.clone()).issuer(ISS).audience(AUD);
        runtime.block_on(remote.verify_async::<Claims>(&token)).unwrap();
        assert_eq!(jwks.status().requests, 1);

        let mut g = c.benchmark_group(format!("remote_jwks/{alg}"));
        g.bench_function("local", |b| b.iter(|| black_box(local.verify::<Claims>(black_box(&token)).unwrap())));
        g.bench_function("remote-async", |b| {
            b.iter(|| black_box(runtime.block_on(remote.verify_async::<Claims>(black_box(&token))).unwrap()))
        });
        g.bench_function("remote-sync", |b| b.iter(|| black_box(remote.verify::<Claims>(black_box(&token)).unwrap())));
        g.finish();
        // Still the one fetch: a warm set is never fetched per token.
        assert_eq!(jwks.status().requests, 1);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
