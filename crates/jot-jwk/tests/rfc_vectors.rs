//! The JWK examples of RFC 7517, RFC 7638, RFC 8037, RFC 9278 and the RFC
//! 7520 section 3 keys, read from `vectors/`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{Curve, JweAlgorithm, JwsAlgorithm, KeyType, ShaAlg};
use jot_jwk::{Jwk, JwkAlgorithm, JwkSet, KeyUse};
use jot_test_support::{json_bytes, load};

fn jwk_of(file: &str) -> Jwk {
    Jwk::from_json(&json_bytes(&load(file)["jwk"])).unwrap()
}

#[test]
fn rfc7517_a1_public_keys() {
    let v = load("rfc/rfc7517-a1-public-keys.json");
    let set = JwkSet::from_json(&json_bytes(&v["jwks"])).unwrap();
    assert!(set.skipped().is_empty());
    let [ec, rsa] = set.keys() else { panic!("two keys expected") };
    assert_eq!((ec.key_type(), ec.curve(), ec.kid()), (KeyType::Ec, Some(Curve::P256), Some("1")));
    assert_eq!(ec.key_use(), Some(&KeyUse::Enc));
    assert!(!ec.is_private());
    assert_eq!(rsa.key_type(), KeyType::Rsa);
    assert_eq!(rsa.alg(), Some(&JwkAlgorithm::Jws(JwsAlgorithm::RS256)));
    assert_eq!(rsa.kid(), Some("2011-04-29"));
    // The EC key is for encryption: it cannot be bound for signatures.
    assert_eq!(ec.verifying_key(JwsAlgorithm::ES256).unwrap_err(), jot_jwk::Error::UsageNotPermitted);
    ec.encrypting_key(JweAlgorithm::EcdhEs).unwrap();
    rsa.verifying_key(JwsAlgorithm::RS256).unwrap();
}

#[test]
fn rfc7517_a2_private_keys() {
    let v = load("rfc/rfc7517-a2-private-keys.json");
    let set = JwkSet::from_json(&json_bytes(&v["jwks"])).unwrap();
    assert!(set.skipped().is_empty(), "{:?}", set.skipped());
    assert_eq!(set.keys().len(), 2);
    for k in set.keys() {
        assert!(k.is_private());
        let public = k.to_public().unwrap();
        assert!(!public.is_private());
        assert!(!public.to_json().contains("\"d\""));
        // The private key's thumbprint is its public key's.
        assert_eq!(k.thumbprint(ShaAlg::Sha256), public.thumbprint(ShaAlg::Sha256));
    }
    // Round trip through JSON keeps everything.
    for k in set.keys() {
        assert_eq!(&Jwk::from_json(k.to_json().as_bytes()).unwrap(), k);
    }
}

#[test]
fn rfc7517_a3_symmetric_keys() {
    let v = load("rfc/rfc7517-a3-symmetric-keys.json");
    let set = JwkSet::from_json(&json_bytes(&v["jwks"])).unwrap();
    let [kw, hmac] = set.keys() else { panic!("two keys expected") };
    kw.decrypting_key(JweAlgorithm::A128Kw).unwrap();
    assert_eq!(kw.decrypting_key(JweAlgorithm::A256Kw).unwrap_err(), jot_jwk::Error::AlgorithmMismatch);
    hmac.signing_key(JwsAlgorithm::HS256).unwrap();
    assert_eq!(hmac.to_public(), None);
}

#[test]
fn rfc7517_b_x5c() {
    let jwk = jwk_of("rfc/rfc7517-b-x5c.json");
    assert_eq!(jwk.params().x5c.as_ref().unwrap().len(), 1);
    // Round trip keeps x5c in standard base64.
    let again = Jwk::from_json(jwk.to_json().as_bytes()).unwrap();
    assert_eq!(again, jwk);
    let raw = load("rfc/rfc7517-b-x5c.json");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&jwk.to_json()).unwrap()["x5c"], raw["jwk"]["x5c"]);
}

#[test]
fn rfc7638_thumbprint() {
    let v = load("rfc/rfc7638-3.1-thumbprint.json");
    let jwk = jwk_of("rfc/rfc7638-3.1-thumbprint.json");
    assert_eq!(jwk.thumbprint_input(), v["canonical_json"].as_str().unwrap());
    let octets: Vec<u8> = v["digest_octets"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect();
    assert_eq!(jwk.thumbprint(ShaAlg::Sha256), octets);
    assert_eq!(jwk.thumbprint_b64(ShaAlg::Sha256), v["thumbprint_b64u"].as_str().unwrap());
}

#[test]
fn rfc8037_a1_a2_a3() {
    let private = jwk_of("rfc/rfc8037-a1-ed25519-private-key.json");
    let public = jwk_of("rfc/rfc8037-a2-ed25519-public-key.json");
    assert_eq!(private.to_public().unwrap(), public);
    let v = load("rfc/rfc8037-a3-ed25519-thumbprint.json");
    let jwk = jwk_of("rfc/rfc8037-a3-ed25519-thumbprint.json");
    assert_eq!(jwk.thumbprint_input(), v["canonical_json"].as_str().unwrap());
    assert_eq!(hex::encode(jwk.thumbprint(ShaAlg::Sha256)), v["digest_hex"].as_str().unwrap());
    assert_eq!(jwk.thumbprint_b64(ShaAlg::Sha256), v["thumbprint_b64u"].as_str().unwrap());
}

#[test]
fn rfc9278_thumbprint_uri() {
    let v = load("rfc/rfc9278-thumbprint-uri.json");
    let jwk = jwk_of("rfc/rfc9278-thumbprint-uri.json");
    assert_eq!(jwk.thumbprint_uri(ShaAlg::Sha256), v["uri"].as_str().unwrap());
}

#[test]
fn rfc7520_section3_keys() {
    let expect = [
        ("3_1.ec_public_key.json", KeyType::Ec, false),
        ("3_2.ec_private_key.json", KeyType::Ec, true),
        ("3_3.rsa_public_key.json", KeyType::Rsa, false),
        ("3_4.rsa_private_key.json", KeyType::Rsa, true),
        ("3_5.symmetric_key_mac_computation.json", KeyType::Oct, true),
        ("3_6.symmetric_key_encryption.json", KeyType::Oct, true),
    ];
    for (file, kty, private) in expect {
        let jwk = Jwk::from_json(&json_bytes(&load(&format!("rfc7520/jwk/{file}")))).unwrap();
        assert_eq!((jwk.key_type(), jwk.is_private()), (kty, private), "{file}");
        assert_eq!(&Jwk::from_json(jwk.to_json().as_bytes()).unwrap(), &jwk, "{file}");
    }
    let ec = Jwk::from_json(&json_bytes(&load("rfc7520/jwk/3_2.ec_private_key.json"))).unwrap();
    let sig = ec.signing_key(JwsAlgorithm::ES512).unwrap().sign(b"x").unwrap();
    ec.to_public().unwrap().verifying_key(JwsAlgorithm::ES512).unwrap().verify(b"x", &sig).unwrap();
    let rsa = Jwk::from_json(&json_bytes(&load("rfc7520/jwk/3_4.rsa_private_key.json"))).unwrap();
    let public = Jwk::from_json(&json_bytes(&load("rfc7520/jwk/3_3.rsa_public_key.json"))).unwrap();
    assert_eq!(rsa.to_public().unwrap(), public);
}
