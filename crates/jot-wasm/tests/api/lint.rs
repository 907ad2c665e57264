use jot_wasm::KeyFormat;
use serde_json::Value;

use super::{a1, compact, huge, parse, text};

/// The finding ids for a token (and a key).
fn ids(token: &str, key: Option<(&str, KeyFormat)>, now: f64) -> Vec<String> {
    let v = parse(&jot_wasm::lint(token, key, now));
    assert_eq!(v["ok"], true, "{v}");
    v["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_owned()).collect()
}

fn has(token: &str, key: Option<(&str, KeyFormat)>, id: &str) -> bool {
    ids(token, key, 1_300_819_300.0).iter().any(|i| i == id)
}

/// A token with exactly this header and these claims.
fn token(header: &str, claims: &str) -> String {
    compact(header, claims, "c2ln")
}

const GOOD_HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const GOOD_CLAIMS: &str = r#"{"iat":1300819300,"exp":1300820200}"#;

#[test]
fn a_clean_token_has_no_findings() {
    assert_eq!(ids(&token(GOOD_HEADER, GOOD_CLAIMS), None, 1_300_819_300.0), Vec::<String>::new());
}

#[test]
fn alg_none() {
    assert!(has(&text("rfc/rfc7515-a5-none.json", "/compact"), None, "alg-none"));
    assert!(!has(&token(GOOD_HEADER, GOOD_CLAIMS), None, "alg-none"));
}

#[test]
fn hmac_secret_shorter_than_the_hash() {
    let t = token(GOOD_HEADER, GOOD_CLAIMS);
    assert!(has(&t, Some(("secret", KeyFormat::SecretText)), "hmac-short"));
    assert!(has(&t, Some((r#"{"kty":"oct","k":"c2VjcmV0"}"#, KeyFormat::Jwk)), "hmac-short"));
    let (_, key, _) = a1();
    assert!(!has(&t, Some((&key, KeyFormat::Jwk)), "hmac-short"));
    let hs512 = token(r#"{"alg":"HS512","typ":"JWT"}"#, GOOD_CLAIMS);
    let k48 = "x".repeat(48);
    assert!(has(&hs512, Some((&k48, KeyFormat::SecretText)), "hmac-short"));
    assert!(!has(&t, Some((&k48, KeyFormat::SecretText)), "hmac-short"));
}

#[test]
fn rsa_modulus_under_2048_bits() {
    let t = token(r#"{"alg":"RS256","typ":"JWT"}"#, GOOD_CLAIMS);
    // 1024 bits: 128 bytes of modulus.
    let small = format!(r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#, jot_jwt::base64url::encode([0xC5u8; 128]));
    assert!(has(&t, Some((&small, KeyFormat::Jwk)), "rsa-small"));
    let big = text("rfc/rfc7515-a2-rs256.json", "/jwk");
    assert!(!has(&t, Some((&big, KeyFormat::Jwk)), "rsa-small"));
    // PEM: jot's importer speaks; a 2048-bit key passes.
    let pem = std::fs::read_to_string(jot_test_support::vectors_dir().join("pem/rsa-2048-spki.pem")).unwrap();
    assert!(!has(&t, Some((&pem, KeyFormat::Pem)), "rsa-small"));
    assert!(!has(&t, Some((&pem, KeyFormat::Pem)), "key-unreadable"));
    let three = std::fs::read_to_string(jot_test_support::vectors_dir().join("pem/rsa-3prime-pkcs8.pem")).unwrap();
    assert!(has(&t, Some((&three, KeyFormat::Pem)), "key-unreadable"));
    let set = format!(r#"{{"keys":[{small}]}}"#);
    assert!(has(&t, Some((&set, KeyFormat::JwkSet)), "rsa-small"));
}

#[test]
fn missing_or_long_exp() {
    assert!(has(&token(GOOD_HEADER, r#"{"sub":"a"}"#), None, "exp-missing"));
    assert!(!has(&token(GOOD_HEADER, GOOD_CLAIMS), None, "exp-missing"));
    // exp - iat: two days.
    assert!(has(&token(GOOD_HEADER, r#"{"iat":0,"exp":172800}"#), None, "exp-long"));
    // No iat: exp - now.
    assert!(has(&token(GOOD_HEADER, r#"{"exp":1400000000}"#), None, "exp-long"));
    assert!(!has(&token(GOOD_HEADER, r#"{"exp":1300820000}"#), None, "exp-long"));
}

#[test]
fn crit_present() {
    assert!(has(&text("rfc/rfc7515-e-crit-negative.json", "/compact"), None, "crit"));
    assert!(!has(&token(GOOD_HEADER, GOOD_CLAIMS), None, "crit"));
}

#[test]
fn typ_missing_at_jwt_and_unexpected() {
    assert!(has(&text("rfc/rfc7515-a3-es256.json", "/compact"), None, "typ-missing"));
    assert!(!has(&token(GOOD_HEADER, GOOD_CLAIMS), None, "typ-missing"));
    assert!(has(&token(r#"{"alg":"ES256","typ":"at+jwt"}"#, GOOD_CLAIMS), None, "typ-at-jwt"));
    assert!(has(&token(r#"{"alg":"ES256","typ":"JOSE"}"#, GOOD_CLAIMS), None, "typ-unexpected"));
    assert!(!has(&token(r#"{"alg":"ES256","typ":"application/at+jwt"}"#, GOOD_CLAIMS), None, "typ-unexpected"));
}

#[test]
fn duplicate_members_in_header_or_claims() {
    assert!(has(&token(r#"{"alg":"HS256","alg":"none"}"#, GOOD_CLAIMS), None, "duplicate-member"));
    assert!(has(&token(GOOD_HEADER, r#"{"exp":1,"exp":2}"#), None, "duplicate-member"));
    assert!(has(r#"{"payload":"e30","payload":"e30"}"#, None, "duplicate-member"));
    assert!(!has(&token(GOOD_HEADER, GOOD_CLAIMS), None, "duplicate-member"));
}

#[test]
fn padding_and_non_canonical_base64url() {
    let t = token(GOOD_HEADER, GOOD_CLAIMS);
    let (h, rest) = t.split_once('.').unwrap();
    let v = parse(&jot_wasm::lint(&format!("{h}=.{rest}"), None, 0.0));
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["id"] == "base64url").unwrap();
    assert_eq!(f["message"], format!("header: {} (it has '=' padding)", jot_jwt::CoreError::Base64));
    // Non-canonical: "QR" sets trailing bits that "QQ" (one byte, 0x41)
    // leaves zero; jot's decoder refuses it.
    assert!(has(&format!("{h}.{}.QR", rest.split_once('.').unwrap().0), None, "base64url"));
    assert!(!has(&t, None, "base64url"));
}

#[test]
fn header_urls_and_embedded_keys() {
    let t = token(
        r#"{"alg":"RS256","typ":"JWT","jku":"https://evil.example/k","x5u":"https://evil.example/c","jwk":{}}"#,
        GOOD_CLAIMS,
    );
    for id in ["jku", "x5u", "jwk"] {
        assert!(has(&t, None, id), "{id}");
        assert!(!has(&token(GOOD_HEADER, GOOD_CLAIMS), None, id), "{id}");
    }
}

#[test]
fn garbage_still_answers() {
    for garbage in [String::new(), huge(), "....".into(), "{".into()] {
        let v: Value = parse(&jot_wasm::lint(&garbage, Some(("{", KeyFormat::Jwk)), f64::INFINITY));
        assert_eq!(v["ok"], true, "{v}");
        assert!(v["parse_error"]["message"].is_string(), "{v}");
    }
    let v = parse(&jot_wasm::lint(&token(GOOD_HEADER, GOOD_CLAIMS), Some(("{", KeyFormat::Jwk)), 0.0));
    assert_eq!(v["findings"][0]["id"], "key-unreadable");
}
