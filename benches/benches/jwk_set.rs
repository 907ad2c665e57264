//! Key selection from a JWK Set of 100 EC P-256 public keys (kids
//! `key-000` to `key-099`; the last one is asked for): jot's
//! `JwkSet::select` (kid, alg, use: exactly one match), jsonwebtoken's
//! `JwkSet::find` (kid), josekit's `JwkSet::get` (kid, a hash map). Also
//! parsing the set, and a JWT verify through it.
//! Run: `benches/run.sh jwk_set` (or `cargo bench -p jot-benches --features peers --bench jwk_set`).
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jot_benches::fixtures::{AUD, CLAIMS_JSON, Claims, ISS};
use jot_core::alg::JwsAlgorithm;
use jot_jwk::{Jwk, JwkSet, KeySelector};
use jot_jws::JwsBuilder;

const KEYS: usize = 100;
const KID: &str = "key-099";

fn bench(c: &mut Criterion) {
    let mut private = Vec::new();
    let mut public = Vec::new();
    for i in 0..KEYS {
        let mut k = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
        k.set_kid(format!("key-{i:03}"));
        public.push(k.to_public().unwrap());
        private.push(k);
    }
    let json = JwkSet::from_keys(public).to_json();
    let signer = private.last().unwrap().signing_key(JwsAlgorithm::ES256).unwrap();
    let token = JwsBuilder::new(&signer).typ("JWT").compact(CLAIMS_JSON.as_bytes()).unwrap();

    let jot_set = JwkSet::from_json(json.as_bytes()).unwrap();
    let jwt_set: jsonwebtoken::jwk::JwkSet = serde_json::from_str(&json).unwrap();
    let jk_set = josekit::jwk::JwkSet::from_bytes(&json).unwrap();
    let selector = KeySelector::for_jws(JwsAlgorithm::ES256).kid(KID);

    let mut g = c.benchmark_group("jwk_set/select");
    assert_eq!(jot_set.select(&selector).unwrap().kid(), Some(KID));
    g.bench_function("jot", |b| b.iter(|| black_box(jot_set.select(black_box(&selector)).unwrap())));
    assert!(jwt_set.find(KID).is_some());
    g.bench_function("jsonwebtoken", |b| b.iter(|| black_box(jwt_set.find(black_box(KID)).unwrap())));
    assert_eq!(jk_set.get(KID).len(), 1);
    g.bench_function("josekit", |b| b.iter(|| black_box(jk_set.get(black_box(KID)))));
    g.finish();

    let mut g = c.benchmark_group("jwk_set/parse");
    g.bench_function("jot", |b| b.iter(|| black_box(JwkSet::from_json(black_box(json.as_bytes())).unwrap())));
    g.bench_function("jsonwebtoken", |b| {
        b.iter(|| black_box(serde_json::from_str::<jsonwebtoken::jwk::JwkSet>(black_box(&json)).unwrap()))
    });
    g.bench_function("josekit", |b| b.iter(|| black_box(josekit::jwk::JwkSet::from_bytes(black_box(&json)).unwrap())));
    g.finish();

    // What a service does per request: pick the token's key from the set
    // and verify with it. jot binds every key once; jsonwebtoken converts
    // the found JWK per call (as its docs show); josekit looks up by kid
    // and builds a verifier per call.
    let mut g = c.benchmark_group("jwk_set/verify_ES256");
    let jot_v = jot_jwt::Validation::from_jwk_set(&jot_set, &[JwsAlgorithm::ES256]).unwrap().issuer(ISS).audience(AUD);
    let check = |claims: Claims| assert_eq!(claims, Claims::sample());
    check(jot_v.verify::<Claims>(&token).unwrap().into_claims());
    g.bench_function("jot", |b| b.iter(|| black_box(jot_v.verify::<Claims>(black_box(&token)).unwrap())));
    let mut jwt_v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
    jwt_v.set_issuer(&[ISS]);
    jwt_v.set_audience(&[AUD]);
    jwt_v.validate_nbf = true;
    let jwt_verify = |t: &str| {
        jot_benches::peers::jsonwebtoken_backend(jot_benches::peers::Backend::AwsLc);
        let header = jsonwebtoken::decode_header(t).unwrap();
        let jwk = jwt_set.find(header.kid.as_deref().unwrap()).unwrap();
        let key = jsonwebtoken::DecodingKey::from_jwk(jwk).unwrap();
        jsonwebtoken::decode::<Claims>(t, &key, &jwt_v).unwrap().claims
    };
    check(jwt_verify(&token));
    g.bench_function("jsonwebtoken-awslc", |b| b.iter(|| black_box(jwt_verify(black_box(&token)))));
    let mut jk_validator = josekit::jwt::JwtPayloadValidator::new();
    jk_validator.set_issuer(ISS);
    jk_validator.set_audience(AUD);
    let jk_verify = |t: &str| {
        let header = josekit::jwt::decode_header(t).unwrap();
        let kid = header.claim("kid").and_then(|v| v.as_str()).unwrap();
        let jwk = jk_set.get(kid).into_iter().next().unwrap();
        let verifier = josekit::jws::ES256.verifier_from_jwk(jwk).unwrap();
        let (payload, _) = josekit::jwt::decode_with_verifier(t, &verifier).unwrap();
        jk_validator.validate(&payload).unwrap();
        let map: serde_json::Map<String, serde_json::Value> = payload.into();
        serde_json::from_value::<Claims>(serde_json::Value::Object(map)).unwrap()
    };
    check(jk_verify(&token));
    g.bench_function("josekit", |b| b.iter(|| black_box(jk_verify(black_box(&token)))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
