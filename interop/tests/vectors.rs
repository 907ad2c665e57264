//! jot reads the committed josekit-made vectors in `vectors/josekit/`
//! (made by `src/bin/gen_vectors.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_jwt::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_jwt::jwe::Decrypter;
use jot_jwt::jwk::Jwk;
use jot_jwt::jws::Verifier;
use serde_json::Value;

fn load(name: &str) -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/josekit").join(name);
    let doc: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    doc["vectors"].as_array().unwrap().clone()
}

fn jwk(v: &Value) -> Jwk {
    Jwk::from_json(serde_json::to_string(&v["jwk"]).unwrap().as_bytes()).unwrap()
}

fn parse<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn jot_verifies_every_josekit_jws_vector() {
    let vectors = load("jws.json");
    assert_eq!(vectors.len(), 14);
    for v in vectors {
        let alg: JwsAlgorithm = parse(&v["alg"]);
        let key = jwk(&v);
        let key = key.to_public().unwrap_or(key);
        let verifier = Verifier::new(key.verifying_key(alg).unwrap());
        let payload = v["payload"].as_str().unwrap().as_bytes();
        assert_eq!(verifier.verify_compact(v["compact"].as_str().unwrap()).unwrap().payload(), payload, "{alg}");
        let json = serde_json::to_string(&v["flattened"]).unwrap();
        assert_eq!(verifier.verify_json(json.as_bytes()).unwrap().payload(), payload, "{alg}");
    }
}

#[test]
fn jot_decrypts_every_josekit_jwe_vector() {
    let vectors = load("jwe.json");
    assert_eq!(vectors.len(), 31 * 6);
    for v in vectors {
        let alg: JweAlgorithm = parse(&v["alg"]);
        let enc: JweEncryption = parse(&v["enc"]);
        // RSA1_5 is bound explicitly here, as for every other algorithm.
        let dec = Decrypter::new(jwk(&v).decrypting_key(alg).unwrap(), &[enc]);
        let pt = v["plaintext"].as_str().unwrap().as_bytes();
        assert_eq!(dec.decrypt_compact(v["compact"].as_str().unwrap()).unwrap().plaintext(), pt, "{alg} {enc}");
        let json = serde_json::to_string(&v["flattened"]).unwrap();
        assert_eq!(dec.decrypt_json(json.as_bytes()).unwrap().plaintext(), pt, "{alg} {enc}");
    }
}
