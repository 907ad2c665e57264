//! The keys and tokens of the JWT benchmark written to files, for a peer
//! that cannot be built in this Cargo graph: oxitoken 0.1 does not compile
//! against the aws-lc-rs jot uses (see `benches/oxitoken/`), so it runs as
//! its own crate, in the same `benches/run.sh` run, on these very bytes.

use std::path::PathBuf;

use jot_core::alg::JwsAlgorithm;
use jot_jwk::pem::DerFormat;

use crate::fixtures::SigKey;

/// Writes `<dir>/<alg>.json` for `k` when `JOT_BENCH_FIXTURES` names a
/// directory (benches/run.sh sets it); does nothing otherwise. The file
/// holds the token and, as hex, the key bytes in the forms aws-lc-rs
/// takes: `public` (the HMAC secret, PKCS#1 DER for RSA, the SEC1 point
/// for EC, the raw key for Ed25519) and `private` (the HMAC secret,
/// PKCS#1 DER for RSA, PKCS#8 DER otherwise).
pub fn write(k: &SigKey) {
    let Some(dir) = std::env::var_os("JOT_BENCH_FIXTURES") else { return };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let public = match k.alg {
        JwsAlgorithm::HS256 => k.public_bytes("k"),
        JwsAlgorithm::RS256 | JwsAlgorithm::PS256 => k.public.to_der(DerFormat::Pkcs1Public).unwrap(),
        JwsAlgorithm::EdDSA => k.public_bytes("x"),
        _ => k.sec1(),
    };
    let private = if k.alg == JwsAlgorithm::HS256 { k.private_bytes("k") } else { k.private_der() };
    let doc = serde_json::json!({
        "alg": k.alg.to_string(),
        "token": k.token,
        "public": hex(&public),
        "private": hex(&private),
    });
    std::fs::write(dir.join(format!("{}.json", k.alg)), doc.to_string()).unwrap();
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
