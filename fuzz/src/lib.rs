//! Fixed keys and verifiers shared by the fuzz targets, read once from the
//! workspace's `vectors/` files so seed tokens made from the same vectors
//! reach the deep paths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::sync::OnceLock;

use jot_core::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_jwe::Decrypter;
use jot_jwk::{Jwk, KeySpec};
use jot_jws::Verifier;
use jot_jwt::Validation;

fn vector(rel: &str) -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/");
    serde_json::from_str(&std::fs::read_to_string(format!("{path}{rel}")).unwrap()).unwrap()
}

fn jwk(v: &serde_json::Value) -> Jwk {
    Jwk::from_json(&serde_json::to_vec(v).unwrap()).unwrap()
}

/// The private keys the targets use.
pub struct Keys {
    pub rsa: Jwk,
    pub p521: Jwk,
    pub p256: Jwk,
    pub hmac: Jwk,
    pub dir_a256gcm: Jwk,
    pub a128kw: Jwk,
    pub x25519: Jwk,
    pub password: Jwk,
    /// RFC 9964's ML-DSA-44 AKP key, so signatures of its length reach
    /// ML-DSA verification.
    pub ml_dsa_44: Jwk,
}

pub fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        rsa: jwk(&vector("rfc7520/jwk/3_4.rsa_private_key.json")),
        p521: jwk(&vector("rfc7520/jwk/3_2.ec_private_key.json")),
        p256: {
            let mut k = vector("rfc/rfc7517-a2-private-keys.json")["jwks"]["keys"][0].clone();
            k.as_object_mut().unwrap().remove("use");
            jwk(&k)
        },
        hmac: jwk(&vector("rfc7520/jwk/3_5.symmetric_key_mac_computation.json")),
        dir_a256gcm: jwk(&vector("rfc7520/jwk/3_6.symmetric_key_encryption.json")),
        a128kw: jwk(&vector("rfc/rfc7516-a3-a128kw-a128cbc-hs256.json")["jwk"]),
        x25519: Jwk::generate(KeySpec::Okp(jot_core::alg::Curve::X25519)).unwrap(),
        ml_dsa_44: jwk(&vector("ml-dsa/ML_DSA_44.jose.json")["jwk"]),
        password: Jwk::from_secret(
            vector("rfc7520/jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json")["input"]["pwd"]
                .as_str()
                .unwrap()
                .as_bytes()
                .to_vec()
                .into(),
        )
        .unwrap(),
    })
}

/// Every fixed signature key bound to every JWS algorithm it fits.
fn verifying_keys() -> Vec<jot_jwk::VerifyingKey> {
    let k = keys();
    [&k.rsa, &k.p521, &k.p256, &k.hmac, &k.ml_dsa_44]
        .iter()
        .flat_map(|key| JwsAlgorithm::ALL.iter().filter_map(|&a| key.verifying_key(a).ok()))
        .collect()
}

/// A verifier holding every fixed key bound to every algorithm it fits.
pub fn verifier() -> &'static Verifier {
    static V: OnceLock<Verifier> = OnceLock::new();
    V.get_or_init(|| Verifier::with_keys(verifying_keys()))
}

/// A decrypter for dir, A128KW, ECDH-ES (P-256 and X25519), RSA-OAEP and
/// PBES2, every content algorithm, zip allowed, default limits (p2c cap).
pub fn decrypter() -> &'static Decrypter {
    static D: OnceLock<Decrypter> = OnceLock::new();
    D.get_or_init(|| {
        let k = keys();
        let pairs = [
            (&k.dir_a256gcm, JweAlgorithm::Dir),
            (&k.a128kw, JweAlgorithm::A128Kw),
            (&k.p256, JweAlgorithm::EcdhEs),
            (&k.p256, JweAlgorithm::EcdhEsA128Kw),
            (&k.x25519, JweAlgorithm::EcdhEs),
            (&k.rsa, JweAlgorithm::RsaOaep),
            (&k.rsa, JweAlgorithm::RsaOaep256),
            (&k.password, JweAlgorithm::Pbes2Hs256A128Kw),
            (&k.password, JweAlgorithm::Pbes2Hs512A256Kw),
        ];
        let bound = pairs.iter().filter_map(|(key, alg)| key.decrypting_key(*alg).ok()).collect();
        Decrypter::with_keys(bound, JweEncryption::ALL).allow_zip()
    })
}

/// JWT validation over the fixed verifier's keys, nested via the decrypter.
pub fn validation() -> &'static Validation {
    static V: OnceLock<Validation> = OnceLock::new();
    V.get_or_init(|| {
        Validation::from_keys(verifying_keys())
            .issuer("joe")
            .audience("api")
            .clock(jot_jwt::FixedClock(1_300_000_000))
            .decrypt_with(decrypter().clone())
    })
}
