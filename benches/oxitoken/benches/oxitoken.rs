//! oxitoken (aws-lc-rs based; issue 15's peer): JWT verify through a
//! `ValidationPipeline` with the issuer, audience, expiration and
//! not-before validators into the benchmark's typed claims, and JWT sign
//! with `encoding::encode`, on the keys and tokens jot's `jwt` bench wrote
//! to `$JOT_BENCH_FIXTURES` (benches/run.sh sets it). `floor-aws-lc-1.14`:
//! the signature check alone with the aws-lc-rs this graph has (oxitoken's;
//! jot's own floor runs on 1.19 in the main benches).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::path::PathBuf;

use aws_lc_rs::signature as asig;
use criterion::{Criterion, criterion_group, criterion_main};
use oxitoken::Algorithm as A;
use oxitoken::validation::{StaticKeyProvider, ValidationPipeline, VerificationKey};
use serde::{Deserialize, Serialize};

const ISS: &str = "https://issuer.example";
const AUD: &str = "api";
const ALGS: [&str; 8] = ["HS256", "RS256", "PS256", "ES256", "ES384", "ES512", "ES256K", "EdDSA"];

/// The header oxitoken reads and writes: `alg` (which it matches against
/// the key) and `typ`.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    alg: A,
    #[serde(skip_serializing_if = "Option::is_none")]
    typ: Option<String>,
}

impl oxitoken::header::Alg for Header {
    fn alg(&self) -> A {
        self.alg
    }
}

/// The benchmark's claims (jot_benches::fixtures::Claims).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Claims {
    sub: String,
    iss: String,
    aud: String,
    exp: u64,
    iat: u64,
    nbf: u64,
    name: String,
    admin: bool,
}

impl oxitoken::claims::Iss for Claims {
    fn iss(&self) -> &str {
        &self.iss
    }
}

impl oxitoken::claims::Aud for Claims {
    fn aud(&self) -> impl Iterator<Item = impl AsRef<str>> {
        std::iter::once(self.aud.as_str())
    }
}

impl oxitoken::claims::Exp for Claims {
    fn exp(&self) -> i64 {
        i64::try_from(self.exp).unwrap()
    }
}

impl oxitoken::claims::Nbf for Claims {
    fn nbf(&self) -> i64 {
        i64::try_from(self.nbf).unwrap()
    }
}

/// One exported key and token (jot_benches::export).
#[derive(Deserialize)]
struct Fixture {
    alg: String,
    token: String,
    public: String,
    private: String,
}

impl Fixture {
    fn read(alg: &str) -> Self {
        let dir = PathBuf::from(std::env::var_os("JOT_BENCH_FIXTURES").expect("JOT_BENCH_FIXTURES (benches/run.sh)"));
        let path = dir.join(format!("{alg}.json"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap()
    }

    fn public(&self) -> Vec<u8> {
        hex::decode(&self.public).unwrap()
    }

    fn private(&self) -> Vec<u8> {
        hex::decode(&self.private).unwrap()
    }

    fn signature_algorithm(&self) -> &'static dyn asig::VerificationAlgorithm {
        match self.alg.as_str() {
            "RS256" => &asig::RSA_PKCS1_2048_8192_SHA256,
            "PS256" => &asig::RSA_PSS_2048_8192_SHA256,
            "ES256" => &asig::ECDSA_P256_SHA256_FIXED,
            "ES384" => &asig::ECDSA_P384_SHA384_FIXED,
            "ES512" => &asig::ECDSA_P521_SHA512_FIXED,
            "ES256K" => &asig::ECDSA_P256K1_SHA256_FIXED,
            "EdDSA" => &asig::ED25519,
            other => panic!("no public-key algorithm for {other}"),
        }
    }

    fn oxitoken_alg(&self) -> A {
        serde_json::from_value(serde_json::Value::String(self.alg.clone())).unwrap()
    }
}

fn pipeline<K>(key: K) -> ValidationPipeline<Header, Claims, StaticKeyProvider<K>>
where
    K: VerificationKey + Send + Sync + 'static,
{
    ValidationPipeline::builder(StaticKeyProvider::new(key))
        .with_issuer_validator(ISS)
        .with_audience_validator(AUD)
        .with_expiration_validator()
        .with_not_before_validator()
        .build()
}

type Op = Box<dyn Fn(&str)>;
type Make = Box<dyn Fn() -> String>;

/// oxitoken's JWT verify, checked once on the token. Public keys are
/// aws-lc-rs `ParsedPublicKey`s (parsed once), the HMAC key an aws-lc-rs
/// `hmac::Key`, as oxitoken's README shows.
fn verifier(f: &Fixture) -> Op {
    fn boxed<K: VerificationKey + Send + Sync + 'static>(key: K) -> Op {
        let p = pipeline(key);
        Box::new(move |t| {
            black_box(p.verify(t.as_bytes()).unwrap());
        })
    }
    let op = if f.alg == "HS256" {
        boxed(aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &f.public()))
    } else {
        boxed(asig::ParsedPublicKey::new(f.signature_algorithm(), f.public()).unwrap())
    };
    op(&f.token);
    op
}

/// The signature check alone on the token's signing input, with this
/// graph's aws-lc-rs.
fn floor(f: &Fixture) -> Op {
    let (input, sig) = f.token.rsplit_once('.').unwrap();
    let input = input.as_bytes().to_vec();
    let sig = base64url(sig);
    let op: Op = if f.alg == "HS256" {
        let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &f.public());
        Box::new(move |_| aws_lc_rs::hmac::verify(&key, black_box(&input), black_box(&sig)).unwrap())
    } else {
        let key = asig::ParsedPublicKey::new(f.signature_algorithm(), f.public()).unwrap();
        Box::new(move |_| key.verify_sig(black_box(&input), black_box(&sig)).unwrap())
    };
    op(&f.token);
    op
}

/// oxitoken's JWT sign of the benchmark's claims with an aws-lc-rs key
/// parsed once; what it makes is checked by its own verify.
fn signer(f: &Fixture, claims: &Claims) -> Make {
    fn boxed<S>(key: S, header: Header, claims: Claims) -> Make
    where
        S: oxitoken::encoding::Signer + 'static,
        S::Error: Sized + std::error::Error,
    {
        Box::new(move || oxitoken::encoding::encode(&key, &header, &claims).unwrap())
    }
    let header = Header { alg: f.oxitoken_alg(), typ: Some("JWT".to_owned()) };
    let claims = claims.clone();
    let ecdsa = |a: &'static asig::EcdsaSigningAlgorithm| asig::EcdsaKeyPair::from_pkcs8(a, &f.private()).unwrap();
    match f.alg.as_str() {
        "HS256" => boxed(aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &f.private()), header, claims),
        "RS256" | "PS256" => boxed(asig::RsaKeyPair::from_der(&f.private()).unwrap(), header, claims),
        "ES256" => boxed(ecdsa(&asig::ECDSA_P256_SHA256_FIXED_SIGNING), header, claims),
        "ES384" => boxed(ecdsa(&asig::ECDSA_P384_SHA384_FIXED_SIGNING), header, claims),
        "ES512" => boxed(ecdsa(&asig::ECDSA_P521_SHA512_FIXED_SIGNING), header, claims),
        "ES256K" => boxed(ecdsa(&asig::ECDSA_P256K1_SHA256_FIXED_SIGNING), header, claims),
        "EdDSA" => boxed(asig::Ed25519KeyPair::from_pkcs8_maybe_unchecked(&f.private()).unwrap(), header, claims),
        other => panic!("no oxitoken signer for {other}"),
    }
}

fn base64url(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => panic!("not base64url"),
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        acc = (acc << 6) | u32::from(val(c));
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    for alg in ALGS {
        let f = Fixture::read(alg);
        let (_, payload) = f.token.split_once('.').unwrap();
        let claims: Claims = serde_json::from_slice(&base64url(payload.split_once('.').unwrap().0)).unwrap();
        let mut g = c.benchmark_group(format!("jwt_verify/{alg}"));
        for (name, op) in [("oxitoken", verifier(&f)), ("floor-aws-lc-1.14", floor(&f))] {
            g.bench_function(name, |b| b.iter(|| op(black_box(&f.token))));
        }
        g.finish();
        let make = signer(&f, &claims);
        let check = verifier(&Fixture { token: make(), ..Fixture::read(alg) });
        drop(check);
        let mut g = c.benchmark_group(format!("jwt_sign/{alg}"));
        g.bench_function("oxitoken", |b| b.iter(|| black_box(make())));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
