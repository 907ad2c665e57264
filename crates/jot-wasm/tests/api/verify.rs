use jot_jwt::{Error, jwe, jwk, jws};
use jot_wasm::{KeyFormat, KeyInput, VerifyRequest};

use super::{a1, assert_failure, compact, huge, parse, text, verify};

const NESTED: &str = "rfc7520/6.nesting_signatures_and_encryption.json";

fn jwt_message(e: Error) -> String {
    e.to_string()
}

#[test]
fn hs256_jwk_verifies_with_claims_and_command() {
    let (token, key, now) = a1();
    let v = verify(&token, &key, KeyFormat::Jwk, "HS256", now);
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["verified"], true);
    assert_eq!(v["claims"]["json"]["iss"], "joe");
    // The verified claims in the token's member order.
    assert!(v["claims"]["pretty"].as_str().unwrap().starts_with("{\n  \"iss\": \"joe\",\n  \"exp\""), "{v}");
    assert_eq!(v["claims"]["times"]["exp"]["relative_seconds"], 80);
    assert_eq!(v["command"], "jot jwt verify --key key.jwk --alg HS256 --any-audience --now 1300819300 token.txt");
}

#[test]
fn hs256_secret_as_base64url_verifies() {
    let (token, _, now) = a1();
    let k = text("rfc/rfc7515-a1-hs256.json", "/jwk/k");
    let v = verify(&token, &k, KeyFormat::SecretBase64url, "HS256", now);
    assert_eq!(v["verified"], true, "{v}");
    // The same characters as text are other bytes: the signature fails.
    let v = verify(&token, &k, KeyFormat::SecretText, "HS256", now);
    assert_failure(&v, "invalid_signature", &jwt_message(jws::Error::InvalidSignature.into()));
}

#[test]
fn rs256_es256_and_jwk_set_verify() {
    for (rel, alg) in [("rfc/rfc7515-a2-rs256.json", "RS256"), ("rfc/rfc7515-a3-es256.json", "ES256")] {
        let v = verify(&text(rel, "/compact"), &text(rel, "/jwk"), KeyFormat::Jwk, alg, 1_300_819_300);
        assert_eq!(v["verified"], true, "{rel}: {v}");
    }
    let rel = "rfc/rfc7515-a3-es256.json";
    let set = format!(r#"{{"keys":[{}]}}"#, text(rel, "/jwk"));
    let v = verify(&text(rel, "/compact"), &set, KeyFormat::JwkSet, "ES256", 1_300_819_300);
    assert_eq!(v["verified"], true, "{v}");
    assert!(v["command"].as_str().unwrap().contains("--key keys.json"));
}

#[test]
fn flattened_json_jws_verifies_its_signature() {
    let rel = "rfc/rfc7515-a7-flattened-json.json";
    let v = verify(&text(rel, "/json_serialization"), &text(rel, "/jwk"), KeyFormat::Jwk, "ES256", 0);
    assert_eq!(v["verified"], true, "{v}");
    assert_eq!(v["claims_checked"], false);
    assert!(v["command"].as_str().unwrap().starts_with("jot jws verify --key key.jwk --alg ES256"));
}

#[test]
fn ml_dsa_vector_signature_verifies() {
    let rel = "ml-dsa/ML_DSA_44.jose.json";
    let v = verify(&text(rel, "/jws"), &text(rel, "/jwk"), KeyFormat::Jwk, "ML-DSA-44", 0);
    // The payload is text, not claims: the signature alone is verified.
    assert_eq!(v["verified"], true, "{v}");
    assert_eq!(v["claims_checked"], false);
    assert_eq!(v["payload"], "It\u{2019}s a dangerous business, Frodo, going out your door.");
    assert_eq!(v["command"], "jot jws verify --key key.jwk --alg ML-DSA-44 token.txt");
    // Another parameter set's key: refused.
    let other = text("ml-dsa/ML_DSA_65.jose.json", "/jwk");
    assert_eq!(verify(&text(rel, "/jws"), &other, KeyFormat::Jwk, "ML-DSA-44", 0)["ok"], false);
}

#[test]
fn expired_wrong_alg_wrong_key_none() {
    let (token, key, _) = a1();
    assert_failure(
        &verify(&token, &key, KeyFormat::Jwk, "HS256", 1_400_000_000),
        "expired",
        &jwt_message(Error::Expired),
    );
    // The user's algorithm, not the header's: HS384 refuses an HS256 token.
    let v = verify(&token, &key, KeyFormat::Jwk, "HS384", 1_300_819_300);
    assert_failure(&v, "algorithm_not_allowed", &jwt_message(jws::Error::AlgorithmNotAllowed.into()));
    // A rejection carries the command that reproduces it.
    assert_eq!(v["command"], "jot jwt verify --key key.jwk --alg HS384 --any-audience --now 1300819300 token.txt");
    // An RSA key for an HS256 token: the key cannot be bound to HS256.
    let rsa = text("rfc/rfc7515-a2-rs256.json", "/jwk");
    let v = verify(&token, &rsa, KeyFormat::Jwk, "HS256", 1_300_819_300);
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "key_mismatch", "{v}");
    // Another P-256 key (PEM) for the ES256 token: an invalid signature.
    let pem = std::fs::read_to_string(jot_test_support::vectors_dir().join("pem/ec-p256-spki.pem")).unwrap();
    let es = text("rfc/rfc7515-a3-es256.json", "/compact");
    let v = verify(&es, &pem, KeyFormat::Pem, "ES256", 1_300_819_300);
    assert_failure(&v, "invalid_signature", &jwt_message(jws::Error::InvalidSignature.into()));
    // alg none is never accepted, whatever the key.
    let none = text("rfc/rfc7515-a5-none.json", "/compact");
    let v = verify(&none, &key, KeyFormat::Jwk, "HS256", 1_300_819_300);
    assert_failure(&v, "unsecured", &jwt_message(jws::Error::Unsecured.into()));
    // "none" cannot even be asked for.
    let v = verify(&token, &key, KeyFormat::Jwk, "none", 1_300_819_300);
    assert_eq!(v["error"]["kind"], "unsupported_algorithm");
}

#[test]
fn hmac_secret_too_short_is_refused_with_jots_message() {
    let (token, _, now) = a1();
    let v = verify(&token, "secret", KeyFormat::SecretText, "HS256", now);
    let e = jwk::Error::SecretTooShort { min_bytes: 32 };
    assert_failure(&v, "key_too_short", &e.to_string());
}

#[test]
fn garbage_tokens_and_keys_get_typed_errors() {
    let (token, key, now) = a1();
    let truncated = token.rsplit_once('.').unwrap().0;
    let v = verify(truncated, &key, KeyFormat::Jwk, "HS256", now);
    assert_eq!(v["error"]["kind"], "not_compact", "{v}");
    assert_eq!(v["error"]["message"], jwt_message(Error::NotCompact));
    let (h, rest) = token.split_once('.').unwrap();
    let v = verify(&format!("{h}=.{rest}"), &key, KeyFormat::Jwk, "HS256", now);
    assert_eq!(v["error"]["kind"], "malformed", "{v}");
    let dup = compact(r#"{"alg":"HS256","alg":"HS256"}"#, r#"{"exp":1}"#, "c2ln");
    assert_eq!(verify(&dup, &key, KeyFormat::Jwk, "HS256", now)["error"]["kind"], "duplicate_member");
    assert_eq!(verify(&huge(), &key, KeyFormat::Jwk, "HS256", now)["ok"], false);
    assert_eq!(verify(&token, &huge(), KeyFormat::Jwk, "HS256", now)["ok"], false);
    assert_eq!(verify(&token, "{", KeyFormat::Jwk, "HS256", now)["error"]["kind"], "json");
    assert_eq!(verify(&token, "not pem", KeyFormat::Pem, "HS256", now)["ok"], false);
    assert_eq!(verify(&token, "a=", KeyFormat::SecretBase64url, "HS256", now)["error"]["kind"], "base64");
    assert_eq!(verify("{", &key, KeyFormat::Jwk, "HS256", now)["ok"], false);
}

fn nested_request<'a>(token: &'a str, key: &'a str, inner: Option<&'a str>, enc: Option<&'a str>) -> VerifyRequest<'a> {
    VerifyRequest {
        token,
        key: KeyInput { key, format: KeyFormat::Jwk, alg: "RSA-OAEP" },
        enc,
        inner: inner.map(|k| KeyInput { key: k, format: KeyFormat::Jwk, alg: "PS256" }),
        now: 1_300_819_300,
    }
}

#[test]
fn jwe_decrypts() {
    let rel = "rfc/rfc7516-a3-a128kw-a128cbc-hs256.json";
    let (token, key) = (text(rel, "/compact"), text(rel, "/jwk"));
    let req = VerifyRequest {
        token: &token,
        key: KeyInput { key: &key, format: KeyFormat::Jwk, alg: "A128KW" },
        enc: Some("A128CBC-HS256"),
        inner: None,
        now: 0,
    };
    let v = parse(&jot_wasm::verify(&req));
    assert_eq!((v["decrypted"].clone(), v["verified"].clone()), (true.into(), false.into()), "{v}");
    assert_eq!(v["plaintext"], text(rel, "/plaintext"));
    assert_eq!(v["command"], "jot jwe decrypt --key key.jwk --key-alg A128KW --enc A128CBC-HS256 token.txt");
    // Another content encryption algorithm than the token's is refused.
    let v = parse(&jot_wasm::verify(&VerifyRequest { enc: Some("A256GCM"), ..req }));
    assert_failure(&v, "algorithm_not_allowed", &jwt_message(jwe::Error::AlgorithmNotAllowed.into()));
    // No enc given: the caller must choose.
    let v = parse(&jot_wasm::verify(&VerifyRequest { enc: None, ..req }));
    assert_eq!(v["error"]["kind"], "usage");
    // One character of the ciphertext changed: one opaque failure.
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let first = if parts[3].starts_with('A') { "B" } else { "A" };
    parts[3].replace_range(..1, first);
    let tampered = parts.join(".");
    let v = parse(&jot_wasm::verify(&VerifyRequest { token: &tampered, ..req }));
    assert_failure(&v, "decryption_failed", &jwt_message(jwe::Error::DecryptionFailed.into()));
    // The wrong key: the same opaque failure.
    let wrong = r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#;
    let v = parse(&jot_wasm::verify(&VerifyRequest { key: KeyInput { key: wrong, ..req.key }, ..req }));
    assert_failure(&v, "decryption_failed", &jwt_message(jwe::Error::DecryptionFailed.into()));
}

#[test]
fn nested_jwt_decrypts_then_verifies() {
    let token = text(NESTED, "/encrypt/output/compact");
    let (outer, inner) = (text(NESTED, "/encrypt/input/key"), text(NESTED, "/sign/input/key"));
    let v = parse(&jot_wasm::verify(&nested_request(&token, &outer, Some(&inner), Some("A128GCM"))));
    assert_eq!(v["verified"], true, "{v}");
    assert_eq!(v["nested"], true);
    assert_eq!(v["claims"]["json"]["iss"], "hobbiton.example");
    assert_eq!(
        v["command"],
        "jot jwt verify --key verify-key.jwk --alg PS256 --decrypt-key decrypt-key.jwk --key-alg RSA-OAEP --enc A128GCM --any-audience --now 1300819300 token.txt"
    );
    // Without the inner key: decrypted, and the page is told what is missing.
    let v = parse(&jot_wasm::verify(&nested_request(&token, &outer, None, Some("A128GCM"))));
    assert_eq!(v["decrypted"], true, "{v}");
    assert_eq!(v["verified"], false);
    assert_eq!(v["needs_inner_key"], true);
    assert_eq!(v["plaintext"], text(NESTED, "/sign/output/compact"));
    // The inner key of another signer: an invalid signature after decryption.
    let other = text("rfc/rfc7515-a2-rs256.json", "/jwk");
    let v = parse(&jot_wasm::verify(&nested_request(&token, &outer, Some(&other), Some("A128GCM"))));
    assert_failure(&v, "invalid_signature", &jwt_message(jws::Error::InvalidSignature.into()));
    // Expired at a later now.
    let late = VerifyRequest { now: 1_400_000_000, ..nested_request(&token, &outer, Some(&inner), Some("A128GCM")) };
    assert_failure(&parse(&jot_wasm::verify(&late)), "expired", &jwt_message(Error::Expired));
}
