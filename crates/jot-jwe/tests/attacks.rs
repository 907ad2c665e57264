//! One test per attack or malformed input: each feeds the malicious form
//! and checks the exact error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::OnceLock;

use jot_core::alg::{Curve, JweAlgorithm, JweEncryption, ShaAlg};
use jot_core::json::Value as JotValue;
use jot_core::{JsonError, LimitKind, Secret, base64url};
use jot_crypto::hmac::HmacKey;
use jot_crypto::{aes_cbc, aes_gcm, rand};
use jot_jwe::{Decrypted, Decrypter, Error, Header, HeaderError, JweBuilder, Limits, Part};
use jot_jwk::{Jwk, KeySpec};
use jot_test_support::{json_bytes, load};
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------- helpers

fn b64(bytes: impl AsRef<[u8]>) -> String {
    base64url::encode(bytes)
}

fn segments(token: &str) -> Vec<String> {
    token.split('.').map(str::to_owned).collect()
}

fn header_of(token: &str) -> Map<String, Value> {
    serde_json::from_slice(&base64url::decode(token.split('.').next().unwrap()).unwrap()).unwrap()
}

/// The token with its protected header changed (the other segments kept,
/// so the tag no longer matches: these tests are about what happens first).
fn with_header(token: &str, f: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut h = header_of(token);
    f(&mut h);
    with_raw_header(token, &serde_json::to_string(&h).unwrap())
}

fn with_raw_header(token: &str, raw: &str) -> String {
    with_segment(token, 0, &b64(raw))
}

fn with_segment(token: &str, i: usize, value: &str) -> String {
    let mut s = segments(token);
    s[i] = value.to_owned();
    s.join(".")
}

fn err(r: Result<Decrypted, Error>) -> Error {
    r.map(|d| d.into_plaintext()).unwrap_err()
}

fn decrypter(jwk: &Jwk, alg: JweAlgorithm, enc: JweEncryption) -> Decrypter {
    Decrypter::new(jwk.decrypting_key(alg).unwrap(), &[enc])
}

fn encrypt(jwk: &Jwk, alg: JweAlgorithm, enc: JweEncryption, plaintext: &[u8]) -> String {
    let public = jwk.to_public().unwrap_or_else(|| jwk.clone());
    JweBuilder::new(enc).recipient(&public.encrypting_key(alg).unwrap()).p2c(1000).compact(plaintext).unwrap()
}

fn general(jwk: &Jwk, alg: JweAlgorithm, enc: JweEncryption) -> Value {
    let ek = jwk.encrypting_key(alg).unwrap();
    serde_json::from_str(&JweBuilder::new(enc).recipient(&ek).general(b"general").unwrap()).unwrap()
}

fn flattened(jwk: &Jwk, alg: JweAlgorithm, enc: JweEncryption) -> Value {
    let ek = jwk.encrypting_key(alg).unwrap();
    serde_json::from_str(&JweBuilder::new(enc).recipient(&ek).flattened(b"flattened").unwrap()).unwrap()
}

struct Keys {
    p256: Jwk,
    p384: Jwk,
    x25519: Jwk,
    kw128: Jwk,
    password: Jwk,
    rsa: Jwk,
}

fn keys() -> &'static Keys {
    static K: OnceLock<Keys> = OnceLock::new();
    K.get_or_init(|| Keys {
        p256: Jwk::generate(KeySpec::Ec(Curve::P256)).unwrap(),
        p384: Jwk::generate(KeySpec::Ec(Curve::P384)).unwrap(),
        x25519: Jwk::generate(KeySpec::Okp(Curve::X25519)).unwrap(),
        kw128: Jwk::from_secret(Secret::new(vec![7; 16])).unwrap(),
        password: Jwk::from_secret(Secret::new(b"hunter2 hunter2".to_vec())).unwrap(),
        rsa: Jwk::from_json(&json_bytes(&load("rfc/rfc7516-a1-rsa-oaep-a256gcm.json")["jwk"])).unwrap(),
    })
}

/// A `dir` compact JWE made by hand with jot-crypto's AES-GCM, so any
/// header (duplicates, `crit`, `zip`) can carry a valid tag.
fn craft_gcm(key: &[u8], raw_header: &str, plaintext: &[u8]) -> String {
    let h = b64(raw_header);
    let iv: [u8; 12] = rand::array().unwrap();
    let (ct, tag) = aes_gcm::encrypt(key, &iv, h.as_bytes(), plaintext).unwrap();
    format!("{h}..{}.{}.{}", b64(iv), b64(ct), b64(tag))
}

fn dir_key(len: usize) -> (Vec<u8>, Jwk) {
    let k = rand::bytes(len).unwrap();
    (k.clone(), Jwk::from_secret(Secret::new(k)).unwrap())
}

/// The public part of an EC or OKP JWK as a bare epk object.
fn epk_of(jwk: &Jwk) -> Value {
    let full: Value = serde_json::from_str(&jwk.to_public().unwrap().to_json()).unwrap();
    let mut epk = Map::new();
    for m in ["kty", "crv", "x", "y"] {
        if let Some(v) = full.get(m) {
            epk.insert(m.into(), v.clone());
        }
    }
    Value::Object(epk)
}

const INVALID_EPK: Error = Error::Header(HeaderError::InvalidEpk);

// ------------------------------------------------------------- ECDH-ES

#[test]
fn epk_off_the_curve() {
    let k = &keys().p256;
    for alg in [JweAlgorithm::EcdhEs, JweAlgorithm::EcdhEsA128Kw] {
        let d = decrypter(k, alg, JweEncryption::A128Gcm);
        let token = encrypt(k, alg, JweEncryption::A128Gcm, b"x");
        d.decrypt_compact(&token).unwrap();
        for coord in ["x", "y"] {
            let bad = with_header(&token, |h| {
                let mut c = base64url::decode(h["epk"][coord].as_str().unwrap()).unwrap();
                c[31] ^= 1;
                h.get_mut("epk").unwrap()[coord] = Value::String(b64(c));
            });
            assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK, "{alg:?} {coord}");
        }
    }
}

#[test]
fn epk_on_another_curve_than_the_key() {
    let k = &keys().p256;
    let d = decrypter(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm);
    let token = encrypt(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm, b"x");
    // A valid P-384 point, and a valid X25519 key, offered to a P-256 key.
    for other in [&keys().p384, &keys().x25519] {
        let bad = with_header(&token, |h| {
            h.insert("epk".into(), epk_of(other));
        });
        assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK);
    }
    // A P-256 point offered to an X25519 key.
    let x = &keys().x25519;
    let d = decrypter(x, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm);
    let bad = with_header(&encrypt(x, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm, b"x"), |h| {
        h.insert("epk".into(), epk_of(&keys().p256));
    });
    assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK);
    // A P-256 epk that claims to be P-384.
    let d = decrypter(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm);
    let bad = with_header(&token, |h| {
        h.get_mut("epk").unwrap()["crv"] = json!("P-384");
    });
    assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK);
}

#[test]
fn epk_identity_and_out_of_range_coordinates() {
    let k = &keys().p256;
    let d = decrypter(k, JweAlgorithm::EcdhEsA256Kw, JweEncryption::A256Gcm);
    let token = encrypt(k, JweAlgorithm::EcdhEsA256Kw, JweEncryption::A256Gcm, b"x");
    for (x, y) in
        [(vec![0u8; 32], vec![0u8; 32]), (vec![0xff; 32], vec![0xff; 32]), (vec![0; 31], vec![0; 31]), (vec![], vec![])]
    {
        let bad = with_header(&token, |h| {
            h.insert("epk".into(), json!({"kty": "EC", "crv": "P-256", "x": b64(&x), "y": b64(&y)}));
        });
        assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK, "x = y = {x:?}");
    }
}

#[test]
fn x25519_low_order_points() {
    let k = &keys().x25519;
    let d = decrypter(k, JweAlgorithm::EcdhEsA128Kw, JweEncryption::A128CbcHs256);
    let token = encrypt(k, JweAlgorithm::EcdhEsA128Kw, JweEncryption::A128CbcHs256, b"x");
    d.decrypt_compact(&token).unwrap();
    let mut points: Vec<Vec<u8>> = vec![vec![0; 32], {
        let mut one = vec![0; 32];
        one[0] = 1;
        one
    }];
    // Every public value Wycheproof lists as giving an all-zero secret.
    let wycheproof = load("wycheproof/x25519_test.json");
    for (_, t) in jot_test_support::wycheproof_tests(&wycheproof) {
        if t["shared"].as_str().unwrap().bytes().all(|c| c == b'0') {
            let p = jot_test_support::hex_field(t, "public");
            if !points.contains(&p) {
                points.push(p);
            }
        }
    }
    assert!(points.len() > 10);
    for p in points {
        let bad = with_header(&token, |h| {
            h.insert("epk".into(), json!({"kty": "OKP", "crv": "X25519", "x": b64(&p)}));
        });
        assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK, "u = {p:02x?}");
    }
}

#[test]
fn epk_carrying_a_private_key() {
    for (k, other) in [
        (&keys().p256, Jwk::generate(KeySpec::Ec(Curve::P256)).unwrap()),
        (&keys().x25519, Jwk::generate(KeySpec::Okp(Curve::X25519)).unwrap()),
    ] {
        let d = decrypter(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm);
        let token = encrypt(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm, b"x");
        // A consistent private key: only its privateness is wrong.
        let private: Value = serde_json::from_str(&other.to_json()).unwrap();
        assert!(private.get("d").is_some());
        let bad = with_header(&token, |h| {
            h.insert("epk".into(), private.clone());
        });
        assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK);
        // The sender's own epk with a made-up d.
        let bad = with_header(&token, |h| {
            h.get_mut("epk").unwrap()["d"] = json!(b64([1u8; 32]));
        });
        assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK);
    }
}

/// A private RSA key, and garbage private members on a genuine epk, are
/// refused from the member names alone (jot_jwk::Jwk::public_from_token):
/// a token cannot make the decrypter check a private key's CRT parameters.
#[test]
fn epk_private_members_and_rsa_keys_refused_unparsed() {
    let k = &keys().p256;
    let d = decrypter(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm);
    let token = encrypt(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm, b"x");
    let pem = std::fs::read_to_string(jot_test_support::vectors_dir().join("pem/rsa-2048-pkcs8.pem")).unwrap();
    let rsa: Value = serde_json::from_str(&Jwk::from_pem(&pem).unwrap().to_json()).unwrap();
    let bad = with_header(&token, |h| {
        h.insert("epk".into(), rsa.clone());
    });
    assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK);
    for member in ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] {
        let bad = with_header(&token, |h| {
            h.get_mut("epk").unwrap()[member] = json!("!not base64url!");
        });
        assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK, "{member}");
    }
    d.decrypt_compact(&token).unwrap();
}

#[test]
fn epk_missing_or_not_a_key() {
    let k = &keys().p256;
    let d = decrypter(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm);
    let token = encrypt(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm, b"x");
    let bad = with_header(&token, |h| {
        h.remove("epk");
    });
    assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK);
    for epk in [json!({}), json!({"kty": "oct", "k": b64([1u8; 32])}), json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"})]
    {
        let bad = with_header(&token, |h| {
            h.insert("epk".into(), epk.clone());
        });
        assert_eq!(err(d.decrypt_compact(&bad)), INVALID_EPK, "{epk}");
    }
    // Not an object at all: a JSON type error in the header.
    let bad = with_header(&token, |h| {
        h.insert("epk".into(), json!("not an object"));
    });
    assert_eq!(
        err(d.decrypt_compact(&bad)),
        Error::Json(Part::ProtectedHeader, JsonError::WrongType { member: "epk" })
    );
}

// ---------------------------------------------------------------- PBES2

fn pbes2_token() -> (String, Decrypter) {
    let k = &keys().password;
    let token = encrypt(k, JweAlgorithm::Pbes2Hs256A128Kw, JweEncryption::A128Gcm, b"pbes2");
    (token, decrypter(k, JweAlgorithm::Pbes2Hs256A128Kw, JweEncryption::A128Gcm))
}

#[test]
fn p2c_above_the_cap_is_refused_before_derivation() {
    let (token, d) = pbes2_token();
    d.decrypt_compact(&token).unwrap();
    // 2^31 - 1 iterations would take hours: the refusal comes first.
    for p2c in [json!(2_147_483_647u64), json!(u64::MAX), json!(u64::from(Limits::DEFAULT.max_p2c) + 1)] {
        let bad = with_header(&token, |h| {
            h.insert("p2c".into(), p2c.clone());
        });
        assert_eq!(err(d.decrypt_compact(&bad)), Error::Limit(LimitKind::Pbes2Count), "p2c {p2c}");
    }
}

#[test]
fn p2c_that_is_not_a_positive_integer() {
    let (token, d) = pbes2_token();
    for p2c in [
        json!(0),
        json!(-1),
        json!(1.5),
        json!("1000"),
        json!(1000.0),
        json!(1e300),
        json!(null),
        json!(true),
        json!([1000]),
    ] {
        let bad = with_header(&token, |h| {
            h.insert("p2c".into(), p2c.clone());
        });
        assert_eq!(err(d.decrypt_compact(&bad)), Error::Header(HeaderError::InvalidP2c), "p2c {p2c}");
    }
    let bad = with_header(&token, |h| {
        h.remove("p2c");
    });
    assert_eq!(err(d.decrypt_compact(&bad)), Error::Header(HeaderError::InvalidP2c));
}

#[test]
fn p2s_shorter_than_8_bytes_or_missing() {
    let (token, d) = pbes2_token();
    for len in [0, 1, 7] {
        let bad = with_header(&token, |h| {
            h.insert("p2s".into(), json!(b64(vec![9u8; len])));
        });
        assert_eq!(err(d.decrypt_compact(&bad)), Error::Header(HeaderError::InvalidP2s), "{len} bytes");
    }
    // Exactly 8 bytes is accepted (the tag then fails: another salt).
    let ok = with_header(&token, |h| {
        h.insert("p2s".into(), json!(b64([9u8; 8])));
    });
    assert_eq!(err(d.decrypt_compact(&ok)), Error::DecryptionFailed);
    let bad = with_header(&token, |h| {
        h.remove("p2s");
    });
    assert_eq!(err(d.decrypt_compact(&bad)), Error::Header(HeaderError::InvalidP2s));
    let bad = with_header(&token, |h| {
        h.insert("p2s".into(), json!("not base64url!"));
    });
    assert_eq!(err(d.decrypt_compact(&bad)), Error::Header(HeaderError::InvalidP2s));
    let bad = with_header(&token, |h| {
        h.insert("p2s".into(), json!(12345678));
    });
    assert_eq!(
        err(d.decrypt_compact(&bad)),
        Error::Json(Part::ProtectedHeader, JsonError::WrongType { member: "p2s" })
    );
}

#[test]
fn raised_max_p2c_accepts_a_larger_count() {
    let k = &keys().password;
    let ek = k.encrypting_key(JweAlgorithm::Pbes2Hs512A256Kw).unwrap();
    let token = JweBuilder::new(JweEncryption::A256Gcm).recipient(&ek).p2c(20_000).compact(b"many rounds").unwrap();
    let d = decrypter(k, JweAlgorithm::Pbes2Hs512A256Kw, JweEncryption::A256Gcm);
    assert_eq!(err(d.clone().decrypt_compact(&token)), Error::Limit(LimitKind::Pbes2Count));
    let raised = d.limits(Limits { max_p2c: 20_000, ..Limits::DEFAULT });
    assert_eq!(raised.decrypt_compact(&token).unwrap().plaintext(), b"many rounds");
    // And a lowered one refuses the default count.
    let (token, d) = pbes2_token();
    let lowered = d.limits(Limits { max_p2c: 999, ..Limits::DEFAULT });
    assert_eq!(err(lowered.decrypt_compact(&token)), Error::Limit(LimitKind::Pbes2Count));
}

// ------------------------------------------------------------------ zip

#[test]
fn zip_bomb_stops_at_the_cap() {
    let k = &keys().kw128;
    let ek = k.encrypting_key(JweAlgorithm::A128Kw).unwrap();
    let bomb = vec![0u8; 10_000_000];
    let token = JweBuilder::new(JweEncryption::A128Gcm).recipient(&ek).zip().compact(&bomb).unwrap();
    // 10 MB of zeros deflate to a token well under the 1 MiB token limit.
    assert!(token.len() < 100_000, "{}", token.len());
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm).allow_zip();
    assert_eq!(err(d.clone().decrypt_compact(&token)), Error::Limit(LimitKind::DecompressedSize));
    let raised = d.limits(Limits { max_decompressed_bytes: bomb.len(), ..Limits::DEFAULT });
    assert_eq!(raised.decrypt_compact(&token).unwrap().plaintext().len(), bomb.len());
}

#[test]
fn decompressed_size_cap_is_exact() {
    let k = &keys().kw128;
    let ek = k.encrypting_key(JweAlgorithm::A128Kw).unwrap();
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm)
        .allow_zip()
        .limits(Limits { max_decompressed_bytes: 1000, ..Limits::DEFAULT });
    let at = JweBuilder::new(JweEncryption::A128Gcm).recipient(&ek).zip().compact(&[b'a'; 1000]).unwrap();
    assert_eq!(d.decrypt_compact(&at).unwrap().plaintext().len(), 1000);
    let over = JweBuilder::new(JweEncryption::A128Gcm).recipient(&ek).zip().compact(&[b'a'; 1001]).unwrap();
    assert_eq!(err(d.decrypt_compact(&over)), Error::Limit(LimitKind::DecompressedSize));
}

#[test]
fn zip_outside_the_protected_header() {
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm).allow_zip();
    let doc = general(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let mut shared = doc.clone();
    shared["unprotected"] = json!({"zip": "DEF"});
    let mut own = doc.clone();
    own["recipients"][0]["header"]["zip"] = json!("DEF");
    let mut flat = flattened(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    flat["header"]["zip"] = json!("DEF");
    for bad in [shared, own, flat] {
        assert_eq!(err(d.decrypt_json(&json_bytes(&bad))), Error::Header(HeaderError::ZipNotProtected));
    }
}

#[test]
fn zip_unknown_value() {
    let (key, jwk) = dir_key(16);
    for zip in ["GZIP", "def", "", "DEF "] {
        let token = craft_gcm(&key, &format!(r#"{{"alg":"dir","enc":"A128GCM","zip":"{zip}"}}"#), b"x");
        let d = decrypter(&jwk, JweAlgorithm::Dir, JweEncryption::A128Gcm);
        assert_eq!(
            err(d.clone().allow_zip().decrypt_compact(&token)),
            Error::Header(HeaderError::ZipUnknown),
            "{zip:?}"
        );
        assert_eq!(err(d.decrypt_compact(&token)), Error::Header(HeaderError::ZipUnknown), "{zip:?}");
    }
    let token = craft_gcm(&key, r#"{"alg":"dir","enc":"A128GCM","zip":1}"#, b"x");
    let d = decrypter(&jwk, JweAlgorithm::Dir, JweEncryption::A128Gcm).allow_zip();
    assert_eq!(
        err(d.decrypt_compact(&token)),
        Error::Json(Part::ProtectedHeader, JsonError::WrongType { member: "zip" })
    );
}

#[test]
fn zip_without_allow_zip() {
    let k = &keys().kw128;
    let ek = k.encrypting_key(JweAlgorithm::A128Kw).unwrap();
    let token = JweBuilder::new(JweEncryption::A128Gcm).recipient(&ek).zip().compact(b"compressed").unwrap();
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    assert_eq!(err(d.decrypt_compact(&token)), Error::Header(HeaderError::ZipNotEnabled));
    assert_eq!(d.allow_zip().decrypt_compact(&token).unwrap().plaintext(), b"compressed");
}

/// Raw DEFLATE, made by the same library jot-jwe uses, outside jot.
fn raw_deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(data, 6)
}

#[test]
fn authentic_content_that_is_not_deflate() {
    let (key, jwk) = dir_key(16);
    let d = decrypter(&jwk, JweAlgorithm::Dir, JweEncryption::A128Gcm).allow_zip();
    let header = r#"{"alg":"dir","enc":"A128GCM","zip":"DEF"}"#;
    let mut trailing = raw_deflate(b"valid stream");
    trailing.push(0);
    for content in [vec![0xffu8; 64], trailing, Vec::new()] {
        let token = craft_gcm(&key, header, &content);
        assert_eq!(err(d.decrypt_compact(&token)), Error::Decompression, "{content:02x?}");
    }
    let token = craft_gcm(&key, header, &raw_deflate(b"valid stream"));
    assert_eq!(d.decrypt_compact(&token).unwrap().plaintext(), b"valid stream");
}

// -------------------------------------------------- content and key sizes

#[test]
fn gcm_tags_of_the_wrong_length() {
    let (_, jwk) = dir_key(16);
    let d = decrypter(&jwk, JweAlgorithm::Dir, JweEncryption::A128Gcm);
    let token = encrypt(&jwk, JweAlgorithm::Dir, JweEncryption::A128Gcm, b"tag lengths");
    let tag = base64url::decode(&segments(&token)[4]).unwrap();
    assert_eq!(tag.len(), 16);
    for len in [0, 8, 12, 15] {
        // A prefix of the right tag.
        let bad = with_segment(&token, 4, &b64(&tag[..len]));
        assert_eq!(err(d.decrypt_compact(&bad)), Error::DecryptionFailed, "{len} bytes");
    }
    let bad = with_segment(&token, 4, &b64([tag.as_slice(), &[0]].concat()));
    assert_eq!(err(d.decrypt_compact(&bad)), Error::DecryptionFailed, "17 bytes");
}

#[test]
fn content_ivs_of_the_wrong_length() {
    let (_, gcm) = dir_key(16);
    let d = decrypter(&gcm, JweAlgorithm::Dir, JweEncryption::A128Gcm);
    let token = encrypt(&gcm, JweAlgorithm::Dir, JweEncryption::A128Gcm, b"iv lengths");
    let iv = base64url::decode(&segments(&token)[2]).unwrap();
    for len in [11, 13, 0, 16] {
        let mut other = iv.clone();
        other.resize(len, 0);
        assert_eq!(err(d.decrypt_compact(&with_segment(&token, 2, &b64(other)))), Error::DecryptionFailed, "GCM {len}");
    }
    let (_, cbc) = dir_key(32);
    let d = decrypter(&cbc, JweAlgorithm::Dir, JweEncryption::A128CbcHs256);
    let token = encrypt(&cbc, JweAlgorithm::Dir, JweEncryption::A128CbcHs256, b"iv lengths");
    let iv = base64url::decode(&segments(&token)[2]).unwrap();
    for len in [15, 17, 12, 0] {
        let mut other = iv.clone();
        other.resize(len, 0);
        assert_eq!(err(d.decrypt_compact(&with_segment(&token, 2, &b64(other)))), Error::DecryptionFailed, "CBC {len}");
    }
}

#[test]
fn aes_kw_encrypted_keys_of_the_wrong_length() {
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let token = encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, b"wrapped");
    assert_eq!(base64url::decode(&segments(&token)[1]).unwrap().len(), 24);
    for len in [0, 8, 16, 23, 25, 32, 40] {
        let bad = with_segment(&token, 1, &b64(rand::bytes(len).unwrap()));
        assert_eq!(err(d.decrypt_compact(&bad)), Error::DecryptionFailed, "{len} bytes");
    }
}

#[test]
fn aes_kw_wrapping_a_cek_of_the_wrong_size() {
    // A correctly wrapped 32-byte key where A128GCM needs 16: the same
    // opaque failure as a wrong key (RFC 7516 section 11.5).
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let token = encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, b"x");
    let wrapped = jot_crypto::aes_kw::wrap(&[7; 16], &[1; 32]).unwrap();
    assert_eq!(err(d.decrypt_compact(&with_segment(&token, 1, &b64(wrapped)))), Error::DecryptionFailed);
}

#[test]
fn rsa_encrypted_keys_that_do_not_decrypt() {
    let v = load("rfc/rfc7516-a2-rsa1_5-a128cbc-hs256.json");
    let jwk = Jwk::from_json(&json_bytes(&v["jwk"])).unwrap();
    let compact = v["compact"].as_str().unwrap();
    let d = decrypter(&jwk, JweAlgorithm::Rsa1_5, JweEncryption::A128CbcHs256);
    d.decrypt_compact(compact).unwrap();
    // Random blocks (bad PKCS#1 padding), short and empty ones: all the
    // same opaque failure as a bad tag (no Bleichenbacher oracle).
    for len in [256, 255, 257, 0, 1] {
        let bad = with_segment(compact, 1, &b64(rand::bytes(len).unwrap()));
        assert_eq!(err(d.decrypt_compact(&bad)), Error::DecryptionFailed, "{len} bytes");
    }
    let bad_tag = with_segment(compact, 4, &b64([0u8; 16]));
    assert_eq!(err(d.decrypt_compact(&bad_tag)), Error::DecryptionFailed);
}

#[test]
fn dir_key_of_the_wrong_length_for_enc() {
    for (enc, wrong) in [
        (JweEncryption::A256Gcm, 16),
        (JweEncryption::A128Gcm, 32),
        (JweEncryption::A128CbcHs256, 16),
        (JweEncryption::A256CbcHs512, 32),
    ] {
        let (_, right) = dir_key(enc.key_len());
        let token = encrypt(&right, JweAlgorithm::Dir, enc, b"dir");
        let (_, wrong) = dir_key(wrong);
        let d = decrypter(&wrong, JweAlgorithm::Dir, enc);
        assert_eq!(err(d.decrypt_compact(&token)), Error::DecryptionFailed, "{enc:?}");
    }
}

#[test]
fn dir_with_an_encrypted_key() {
    // RFC 7516 section 5.2 step 10: with dir the encrypted key is empty.
    let (_, jwk) = dir_key(16);
    let token = encrypt(&jwk, JweAlgorithm::Dir, JweEncryption::A128Gcm, b"x");
    let d = decrypter(&jwk, JweAlgorithm::Dir, JweEncryption::A128Gcm);
    let bad = with_segment(&token, 1, &b64([0u8; 16]));
    assert_eq!(err(d.decrypt_compact(&bad)), Error::Malformed(Part::EncryptedKey));
}

/// The CBC-HMAC key is MAC_KEY || ENC_KEY (RFC 7518 section 5.2.2.1); this
/// builds a token whose tag is valid but whose padding is not.
fn cbc_token_with_valid_tag(key: &[u8; 32], last_block: [u8; 16]) -> String {
    let (mac_key, enc_key) = key.split_at(16);
    let header = b64(r#"{"alg":"dir","enc":"A128CBC-HS256"}"#);
    let iv: [u8; 16] = rand::array().unwrap();
    // AES-CBC with PKCS#7 pads a full block with a whole padding block;
    // keeping only the first block leaves `last_block` as the final
    // plaintext block, whatever its padding looks like.
    let full = aes_cbc::encrypt(enc_key, &iv, &last_block).unwrap();
    let ct = &full[..16];
    let al = (u64::try_from(header.len()).unwrap() * 8).to_be_bytes();
    let mac = HmacKey::new(ShaAlg::Sha256, mac_key).sign_parts(&[header.as_bytes(), &iv, ct, &al]);
    let tag = &mac.as_ref()[..16];
    format!("{header}..{}.{}.{}", b64(iv), b64(ct), b64(tag))
}

#[test]
fn cbc_bad_tag_and_bad_padding_look_the_same() {
    let key: [u8; 32] = rand::array().unwrap();
    let jwk = Jwk::from_secret(Secret::new(key.to_vec())).unwrap();
    let d = decrypter(&jwk, JweAlgorithm::Dir, JweEncryption::A128CbcHs256);

    // Control: the hand-made token decrypts when its padding is valid.
    let mut good = [b'p'; 16];
    good[12..].copy_from_slice(&[4; 4]);
    assert_eq!(d.decrypt_compact(&cbc_token_with_valid_tag(&key, good)).unwrap().plaintext(), b"pppppppppppp");
    assert_eq!(d.decrypt_compact(&cbc_token_with_valid_tag(&key, [16; 16])).unwrap().plaintext(), b"");

    // Valid tag, invalid padding (a zero pad byte; an inconsistent run).
    let mut inconsistent = [b'p'; 16];
    inconsistent[15] = 3;
    let bad_padding: Vec<Error> = [[0u8; 16], inconsistent, [17; 16]]
        .into_iter()
        .map(|block| err(d.decrypt_compact(&cbc_token_with_valid_tag(&key, block))))
        .collect();

    // Valid padding, corrupted tag.
    let token = encrypt(&jwk, JweAlgorithm::Dir, JweEncryption::A128CbcHs256, b"a real message");
    let mut tag = base64url::decode(&segments(&token)[4]).unwrap();
    tag[0] ^= 1;
    let bad_tag = err(d.decrypt_compact(&with_segment(&token, 4, &b64(tag))));

    assert_eq!(bad_tag, Error::DecryptionFailed);
    for e in bad_padding {
        assert_eq!(e, Error::DecryptionFailed);
        assert_eq!(e.to_string(), bad_tag.to_string());
        assert_eq!(format!("{e:?}"), format!("{bad_tag:?}"));
    }
}

// ----------------------------------------------------------- algorithms

#[test]
fn rsa1_5_token_to_a_key_bound_to_rsa_oaep() {
    let v = load("rfc/rfc7516-a2-rsa1_5-a128cbc-hs256.json");
    let jwk = Jwk::from_json(&json_bytes(&v["jwk"])).unwrap();
    for alg in [JweAlgorithm::RsaOaep, JweAlgorithm::RsaOaep256] {
        let d = decrypter(&jwk, alg, JweEncryption::A128CbcHs256);
        assert_eq!(err(d.decrypt_compact(v["compact"].as_str().unwrap())), Error::AlgorithmNotAllowed);
    }
    // And the other way round: an RSA-OAEP token to a key bound to RSA1_5.
    let a1 = load("rfc/rfc7516-a1-rsa-oaep-a256gcm.json");
    let d = decrypter(&keys().rsa, JweAlgorithm::Rsa1_5, JweEncryption::A256Gcm);
    assert_eq!(err(d.decrypt_compact(a1["compact"].as_str().unwrap())), Error::AlgorithmNotAllowed);
}

#[test]
fn token_alg_other_than_the_key_alg() {
    let k = &keys().kw128;
    let token = encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, b"x");
    // The same bytes bound to A128KW are not used as a dir key, an AES-GCM
    // key-wrapping key or a PBES2 password: the header cannot choose.
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    for alg in ["dir", "A128GCMKW", "PBES2-HS256+A128KW", "RSA-OAEP", "ECDH-ES"] {
        let bad = with_header(&token, |h| {
            h.insert("alg".into(), json!(alg));
        });
        assert_eq!(err(d.decrypt_compact(&bad)), Error::AlgorithmNotAllowed, "{alg}");
    }
}

#[test]
fn enc_not_accepted() {
    let k = &keys().kw128;
    let token = encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, b"x");
    let d = Decrypter::new(
        k.decrypting_key(JweAlgorithm::A128Kw).unwrap(),
        &[JweEncryption::A256Gcm, JweEncryption::A128CbcHs256],
    );
    assert_eq!(err(d.decrypt_compact(&token)), Error::AlgorithmNotAllowed);
    let none = Decrypter::new(k.decrypting_key(JweAlgorithm::A128Kw).unwrap(), &[]);
    assert_eq!(err(none.decrypt_compact(&token)), Error::AlgorithmNotAllowed);
    // A dir key whose JWK names A128GCM is not used for A256GCM content.
    let named =
        Jwk::from_json(format!(r#"{{"kty":"oct","alg":"A128GCM","k":"{}"}}"#, b64([3u8; 16])).as_bytes()).unwrap();
    let key = named.decrypting_key(JweAlgorithm::Dir).unwrap();
    assert_eq!(key.content_encryption(), Some(JweEncryption::A128Gcm));
    let token = craft_gcm(&[3; 16], r#"{"alg":"dir","enc":"A256GCM"}"#, b"x");
    let d = Decrypter::new(key, &[JweEncryption::A128Gcm, JweEncryption::A256Gcm]);
    assert_eq!(err(d.decrypt_compact(&token)), Error::NoMatchingKey);
}

#[test]
fn unknown_alg_or_enc() {
    let k = &keys().kw128;
    let token = encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, b"x");
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    for alg in ["none", "A128kw", "A512KW", "ECDH-1PU", "HS256", ""] {
        let bad = with_header(&token, |h| {
            h.insert("alg".into(), json!(alg));
        });
        assert_eq!(err(d.decrypt_compact(&bad)), Error::UnsupportedAlgorithm, "alg {alg:?}");
    }
    for enc in ["A128GCM ", "A512GCM", "A128CBC-HS257", "XC20P", "none"] {
        let bad = with_header(&token, |h| {
            h.insert("enc".into(), json!(enc));
        });
        assert_eq!(err(d.decrypt_compact(&bad)), Error::UnsupportedAlgorithm, "enc {enc:?}");
    }
    for member in ["alg", "enc"] {
        let bad = with_header(&token, |h| {
            h.remove(member);
        });
        assert_eq!(err(d.decrypt_compact(&bad)), Error::MissingAlgorithm, "no {member}");
        let bad = with_header(&token, |h| {
            h.insert(member.into(), json!(["A128KW"]));
        });
        let e = err(d.decrypt_compact(&bad));
        assert!(matches!(e, Error::Json(Part::ProtectedHeader, JsonError::WrongType { .. })), "{member}: {e:?}");
    }
}

#[test]
fn two_keys_matching_one_recipient_is_ambiguous() {
    let a = Jwk::from_secret(Secret::new(vec![1; 16])).unwrap();
    let b = Jwk::from_secret(Secret::new(vec![2; 16])).unwrap();
    let token = encrypt(&a, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, b"x");
    let d = Decrypter::with_keys(
        vec![a.decrypting_key(JweAlgorithm::A128Kw).unwrap(), b.decrypting_key(JweAlgorithm::A128Kw).unwrap()],
        &[JweEncryption::A128Gcm],
    );
    assert_eq!(err(d.decrypt_compact(&token)), Error::AmbiguousKey);
}

#[test]
fn kid_names_another_key() {
    let k = &keys().p256; // generated keys carry a kid
    let d = decrypter(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm);
    let token = encrypt(k, JweAlgorithm::EcdhEs, JweEncryption::A128Gcm, b"x");
    assert_eq!(header_of(&token)["kid"], k.kid().unwrap());
    let bad = with_header(&token, |h| {
        h.insert("kid".into(), json!("someone else"));
    });
    assert_eq!(err(d.decrypt_compact(&bad)), Error::NoMatchingKey);
}

// ----------------------------------------------------------- structure

#[test]
fn duplicate_header_members() {
    let (key, jwk) = dir_key(16);
    let d = decrypter(&jwk, JweAlgorithm::Dir, JweEncryption::A128Gcm);
    for raw in [
        r#"{"alg":"dir","enc":"A128GCM","enc":"A128GCM"}"#,
        r#"{"alg":"dir","alg":"dir","enc":"A128GCM"}"#,
        r#"{"alg":"dir","enc":"A128GCM","x":{"a":1,"a":2}}"#,
    ] {
        // A valid tag over the duplicated header: refused all the same.
        let token = craft_gcm(&key, raw, b"x");
        assert_eq!(
            err(d.decrypt_compact(&token)),
            Error::Json(Part::ProtectedHeader, JsonError::DuplicateMember),
            "{raw}"
        );
    }
    // In the JSON serialization, anywhere in the document.
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let doc = serde_json::to_string(&general(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm)).unwrap();
    let iv = format!(r#""iv":{}"#, serde_json::to_string(&serde_json::from_str::<Value>(&doc).unwrap()["iv"]).unwrap());
    let dup_iv = doc.replacen(&iv, &format!("{iv},{iv}"), 1);
    let dup_shared = doc.replacen('{', r#"{"unprotected":{"x":1,"x":2},"#, 1);
    let dup_recipient = doc.replacen(r#""header":{"#, r#""header":{"y":1,"y":1,"#, 1);
    for bad in [dup_iv, dup_shared, dup_recipient] {
        assert_ne!(bad, doc);
        assert_eq!(
            err(d.decrypt_json(bad.as_bytes())),
            Error::Json(Part::Serialization, JsonError::DuplicateMember),
            "{bad}"
        );
    }
}

#[test]
fn conflicting_names_across_headers() {
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let doc = general(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    // enc is protected: also in the shared or the recipient header.
    let mut a = doc.clone();
    a["unprotected"] = json!({"enc": "A128GCM"});
    let mut b = doc.clone();
    b["recipients"][0]["header"]["enc"] = json!("A128GCM");
    // The same extension name in the shared and the recipient header.
    let mut c = doc.clone();
    c["unprotected"] = json!({"x-name": 1});
    c["recipients"][0]["header"]["x-name"] = json!(1);
    let mut flat = flattened(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    flat["unprotected"] = json!({"alg": "A128KW"});
    for bad in [a, b, c, flat] {
        assert_eq!(err(d.decrypt_json(&json_bytes(&bad))), Error::Header(HeaderError::Conflict), "{bad}");
    }
}

#[test]
fn crit_honoured() {
    let (key, jwk) = dir_key(16);
    let d = decrypter(&jwk, JweAlgorithm::Dir, JweEncryption::A128Gcm);
    let with_ext = r#"{"alg":"dir","enc":"A128GCM","crit":["x-ext"],"x-ext":true}"#;
    let token = craft_gcm(&key, with_ext, b"critical");
    assert_eq!(err(d.clone().decrypt_compact(&token)), Error::Header(HeaderError::Crit));
    assert_eq!(d.clone().allow_crit("x-ext").decrypt_compact(&token).unwrap().plaintext(), b"critical");
    for raw in [
        r#"{"alg":"dir","enc":"A128GCM","crit":["x-ext"]}"#,
        r#"{"alg":"dir","enc":"A128GCM","crit":[],"x-ext":1}"#,
        r#"{"alg":"dir","enc":"A128GCM","crit":["alg"]}"#,
        r#"{"alg":"dir","enc":"A128GCM","crit":["x-ext","x-ext"],"x-ext":1}"#,
        r#"{"alg":"dir","enc":"A128GCM","crit":"x-ext","x-ext":1}"#,
        r#"{"alg":"dir","enc":"A128GCM","crit":[1],"x-ext":1}"#,
    ] {
        let token = craft_gcm(&key, raw, b"x");
        assert_eq!(
            err(d.clone().allow_crit("x-ext").decrypt_compact(&token)),
            Error::Header(HeaderError::Crit),
            "{raw}"
        );
    }
    // crit in an unprotected header.
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm).allow_crit("x-ext");
    let mut doc = flattened(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    doc["unprotected"] = json!({"crit": ["x-ext"], "x-ext": 1});
    assert_eq!(err(d.decrypt_json(&json_bytes(&doc))), Error::Header(HeaderError::Crit));
}

#[test]
fn wrong_segment_count() {
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let token = encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, b"x");
    let s = segments(&token);
    for bad in [
        s[..1].join("."),
        s[..3].join("."),
        s[..4].join("."),
        format!("{token}."),
        format!("{token}.{}", s[4]),
        String::new(),
    ] {
        assert_eq!(err(d.decrypt_compact(&bad)), Error::Malformed(Part::Serialization), "{bad}");
    }
}

#[test]
fn padding_whitespace_and_non_canonical_base64url() {
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let token = encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, b"some plaintext");
    d.decrypt_compact(&token).unwrap();
    let parts = [Part::ProtectedHeader, Part::EncryptedKey, Part::Iv, Part::Ciphertext, Part::Tag];
    let s = segments(&token);
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (i, part) in parts.into_iter().enumerate() {
        let seg = &s[i];
        let mid = seg.len() / 2;
        // The last character with a trailing bit set: same length, not canonical.
        let last = *seg.as_bytes().last().unwrap();
        let idx = ALPHABET.iter().position(|&c| c == last).unwrap();
        let non_canonical = format!("{}{}", &seg[..seg.len() - 1], ALPHABET[idx ^ 1] as char);
        let variants = [
            format!("{seg}="),
            format!("{seg}=="),
            format!(" {seg}"),
            format!("{seg}\n"),
            format!("{}\t{}", &seg[..mid], &seg[mid..]),
            format!("{}+{}", &seg[..mid], &seg[mid + 1..]),
            format!("{}/{}", &seg[..mid], &seg[mid + 1..]),
        ];
        let mut variants = variants.to_vec();
        if !seg.len().is_multiple_of(4) {
            variants.push(non_canonical);
        }
        for v in variants {
            let bad = with_segment(&token, i, &v);
            assert_eq!(err(d.decrypt_compact(&bad)), Error::Malformed(part), "{part:?}: {v:?}");
        }
    }
    // The JSON serializations: aad, iv, ciphertext, tag, encrypted_key, protected.
    let mut doc = flattened(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    doc["aad"] = json!(b64(b"extra"));
    for (member, part) in [
        ("aad", Part::Aad),
        ("iv", Part::Iv),
        ("ciphertext", Part::Ciphertext),
        ("tag", Part::Tag),
        ("encrypted_key", Part::EncryptedKey),
        ("protected", Part::ProtectedHeader),
    ] {
        let mut bad = doc.clone();
        bad[member] = json!(format!("{}=", doc[member].as_str().unwrap()));
        assert_eq!(err(d.decrypt_json(&json_bytes(&bad))), Error::Malformed(part), "{member}");
    }
}

#[test]
fn json_serialization_shape() {
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let doc = general(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let flat = flattened(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    d.decrypt_json(&json_bytes(&doc)).unwrap();
    d.decrypt_json(&json_bytes(&flat)).unwrap();
    let malformed =
        |v: &Value, part: Part| assert_eq!(err(d.decrypt_json(&json_bytes(v))), Error::Malformed(part), "{v}");

    for (member, part) in [("iv", Part::Iv), ("ciphertext", Part::Ciphertext), ("tag", Part::Tag)] {
        let mut bad = doc.clone();
        bad.as_object_mut().unwrap().remove(member);
        malformed(&bad, part);
    }
    for recipients in [json!([]), json!({}), json!("r"), json!([1]), json!([[]])] {
        let mut bad = doc.clone();
        bad["recipients"] = recipients;
        malformed(&bad, Part::Serialization);
    }
    // recipients together with flattened members.
    let mut bad = doc.clone();
    bad["header"] = json!({"alg": "A128KW"});
    malformed(&bad, Part::Serialization);
    let mut bad = doc.clone();
    bad["encrypted_key"] = flat["encrypted_key"].clone();
    malformed(&bad, Part::Serialization);
    // Headers that are not objects.
    let mut bad = doc.clone();
    bad["unprotected"] = json!("shared");
    malformed(&bad, Part::SharedHeader);
    let mut bad = doc.clone();
    bad["recipients"][0]["header"] = json!(["alg"]);
    malformed(&bad, Part::RecipientHeader);
    let mut bad = flat.clone();
    bad["header"] = json!(1);
    malformed(&bad, Part::RecipientHeader);
    // Members of the wrong type.
    for member in ["protected", "iv", "aad"] {
        let mut bad = flat.clone();
        bad[member] = json!(1);
        assert!(
            matches!(
                err(d.decrypt_json(&json_bytes(&bad))),
                Error::Json(Part::Serialization, JsonError::WrongType { .. })
            ),
            "{member}"
        );
    }
    // Not a JSON object.
    assert_eq!(err(d.decrypt_json(b"[]")), Error::Json(Part::Serialization, JsonError::NotAnObject));
    assert_eq!(err(d.decrypt_json(b"{")), Error::Json(Part::Serialization, JsonError::Syntax));
    assert_eq!(err(d.decrypt_json(b"")), Error::Json(Part::Serialization, JsonError::Syntax));
    let text = serde_json::to_string(&flat).unwrap();
    assert_eq!(
        err(d.decrypt_json(format!("{text} {text}").as_bytes())),
        Error::Json(Part::Serialization, JsonError::Syntax)
    );
}

// --------------------------------------------------------------- limits

#[test]
fn token_size_limit() {
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let token = encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, &[b'a'; 2000]);
    let at = d.clone().limits(Limits { max_token_bytes: token.len(), ..Limits::DEFAULT });
    at.decrypt_compact(&token).unwrap();
    let under = d.clone().limits(Limits { max_token_bytes: token.len() - 1, ..Limits::DEFAULT });
    assert_eq!(err(under.decrypt_compact(&token)), Error::Limit(LimitKind::TokenSize));
    let doc = json_bytes(&general(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm));
    let under = d.clone().limits(Limits { max_token_bytes: doc.len() - 1, ..Limits::DEFAULT });
    assert_eq!(err(under.decrypt_json(&doc)), Error::Limit(LimitKind::TokenSize));
    // The default: 1 MiB.
    let huge = format!("{}.{}", token, "A".repeat(Limits::DEFAULT.max_token_bytes));
    assert_eq!(err(d.decrypt_compact(&huge)), Error::Limit(LimitKind::TokenSize));
}

#[test]
fn header_size_limit() {
    let k = &keys().kw128;
    let ek = k.encrypting_key(JweAlgorithm::A128Kw).unwrap();
    let big = JweBuilder::new(JweEncryption::A128Gcm)
        .header("x-pad", "p".repeat(Limits::DEFAULT.max_header_bytes))
        .unwrap()
        .recipient(&ek);
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    assert_eq!(err(d.decrypt_compact(&big.compact(b"x").unwrap())), Error::Limit(LimitKind::HeaderSize));
    assert_eq!(err(d.decrypt_json(big.general(b"x").unwrap().as_bytes())), Error::Limit(LimitKind::HeaderSize));
    let raised = d.limits(Limits { max_header_bytes: 2 * Limits::DEFAULT.max_header_bytes, ..Limits::DEFAULT });
    assert_eq!(raised.decrypt_compact(&big.compact(b"x").unwrap()).unwrap().plaintext(), b"x");
}

fn nested(depth: usize) -> JotValue {
    (0..depth).fold(JotValue::from(1i64), |v, _| JotValue::from(vec![v]))
}

#[test]
fn json_depth_limit() {
    let k = &keys().kw128;
    let ek = k.encrypting_key(JweAlgorithm::A128Kw).unwrap();
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let max = Limits::DEFAULT.max_json_depth;
    // The header object is depth 1: `max - 1` nested arrays fit.
    let fits = JweBuilder::new(JweEncryption::A128Gcm).header("x-deep", nested(max - 1)).unwrap().recipient(&ek);
    d.decrypt_compact(&fits.compact(b"x").unwrap()).unwrap();
    let deep = JweBuilder::new(JweEncryption::A128Gcm).header("x-deep", nested(max)).unwrap().recipient(&ek);
    let token = deep.compact(b"x").unwrap();
    assert_eq!(err(d.decrypt_compact(&token)), Error::Limit(LimitKind::JsonDepth));
    let raised = d.clone().limits(Limits { max_json_depth: max + 1, ..Limits::DEFAULT });
    assert_eq!(raised.decrypt_compact(&token).unwrap().plaintext(), b"x");
    // In the JSON document (a shared unprotected member).
    let deep = JweBuilder::new(JweEncryption::A128Gcm).unprotected("x-deep", nested(max)).unwrap().recipient(&ek);
    assert_eq!(err(d.decrypt_json(deep.general(b"x").unwrap().as_bytes())), Error::Limit(LimitKind::JsonDepth));
    // Far deeper than any parser recursion limit.
    let raw = format!(r#"{{"alg":"A128KW","enc":"A128GCM","x":{}1{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
    let token = with_raw_header(&encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, b"x"), &raw);
    let unlimited = d.limits(Limits { max_header_bytes: 1 << 20, ..Limits::DEFAULT });
    assert_eq!(err(unlimited.decrypt_compact(&token)), Error::Limit(LimitKind::JsonDepth));
}

#[test]
fn recipient_count_limit() {
    let k = &keys().kw128;
    let ek = k.encrypting_key(JweAlgorithm::A128Kw).unwrap();
    let mut builder = JweBuilder::new(JweEncryption::A128Gcm);
    for _ in 0..3 {
        builder = builder.recipient(&ek);
    }
    let doc = builder.general(b"x").unwrap();
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    d.decrypt_json(doc.as_bytes()).unwrap();
    let two = d.limits(Limits { max_recipients: 2, ..Limits::DEFAULT });
    // The recipient count has a limit kind of its own.
    assert_eq!(err(two.decrypt_json(doc.as_bytes())), Error::Limit(LimitKind::Recipients));
}

// ----------------------------------------------- multi-recipient policy

/// RFC 7516 section 5.2 steps 4-12 (the JOSE Header union, its duplicate
/// check, understanding every parameter, the key) run per recipient, and
/// step 12 records whether "the CEK could be successfully determined for
/// this recipient or not". A recipient whose own header is unacceptable
/// (an algorithm jot does not implement, a name clash in its header) is
/// one whose CEK is not determined; it does not stop another recipient.
#[test]
fn unacceptable_header_of_another_recipient_does_not_block_ours() {
    let other = Jwk::from_secret(Secret::new(vec![9; 32])).unwrap();
    let ours = &keys().kw128;
    let (eo, eu) =
        (other.encrypting_key(JweAlgorithm::A256Kw).unwrap(), ours.encrypting_key(JweAlgorithm::A128Kw).unwrap());
    let text = JweBuilder::new(JweEncryption::A128Gcm).recipient(&eo).recipient(&eu).general(b"for both").unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let d = decrypter(ours, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    assert_eq!(d.decrypt_json(text.as_bytes()).unwrap().recipient_index(), 1);

    let mut unknown_alg = doc.clone();
    unknown_alg["recipients"][0]["header"]["alg"] = json!("ECDH-1PU+A128KW");
    let mut clash = doc.clone();
    clash["recipients"][0]["header"]["enc"] = json!("A128GCM");
    let mut zip_there = doc.clone();
    zip_there["recipients"][0]["header"]["zip"] = json!("DEF");
    for (what, bad) in [("unknown alg", unknown_alg), ("name clash", clash), ("zip", zip_there)] {
        let out = d.decrypt_json(&json_bytes(&bad)).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!((out.plaintext(), out.recipient_index()), (&b"for both"[..], 1), "{what}");
    }
    // When no recipient is acceptable, the first recipient's error is told.
    let mut both = doc.clone();
    both["recipients"][0]["header"]["alg"] = json!("ECDH-1PU+A128KW");
    both["recipients"][1]["header"]["enc"] = json!("A128GCM");
    assert_eq!(err(d.decrypt_json(&json_bytes(&both))), Error::UnsupportedAlgorithm);
}

// ----------------------------------------------------------- the types

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Decrypter>();
    check::<Decrypted>();
    check::<Header>();
    check::<Error>();
    check::<Limits>();
    check::<JweBuilder<'static>>();
}

#[test]
fn one_decrypter_serves_many_threads() {
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let tokens: Vec<String> =
        (0..8).map(|i| encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, &[i; 10])).collect();
    std::thread::scope(|s| {
        for (i, t) in tokens.iter().enumerate() {
            let d = &d;
            s.spawn(move || assert_eq!(d.decrypt_compact(t).unwrap().plaintext(), [u8::try_from(i).unwrap(); 10]));
        }
    });
}

#[test]
fn errors_do_not_echo_the_input() {
    let k = &keys().kw128;
    let d = decrypter(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm);
    let token = encrypt(k, JweAlgorithm::A128Kw, JweEncryption::A128Gcm, b"x");
    let marker = "SECRET-MARKER-7f3a";
    for bad in [
        with_header(&token, |h| {
            h.insert("alg".into(), json!(marker));
        }),
        with_header(&token, |h| {
            h.insert("kid".into(), json!(marker));
        }),
        with_segment(&token, 3, marker),
    ] {
        let e = err(d.decrypt_compact(&bad));
        assert!(!e.to_string().contains(marker) && !format!("{e:?}").contains(marker), "{e}");
    }
}
