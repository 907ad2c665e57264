use jot_wasm::KeyFormat;

use super::{assert_failure, parse, verify};

#[test]
fn encode_then_verify_with_the_public_key() {
    for alg in ["ES256", "EdDSA", "HS256", "PS256", "ML-DSA-44"] {
        let v = parse(&jot_wasm::encode(r#"{"sub":"alice","exp":2000}"#, alg, 1000.0));
        assert_eq!(v["ok"], true, "{alg}: {v}");
        let token = v["token"].as_str().unwrap();
        let key = if v["public_jwk"].is_null() {
            v["private_jwk"].as_str().unwrap()
        } else {
            v["public_jwk"].as_str().unwrap()
        };
        let checked = verify(token, key, KeyFormat::Jwk, alg, 1000);
        assert_eq!(checked["verified"], true, "{alg}: {checked}");
        assert_eq!(checked["claims"]["json"]["iat"], 1000, "{alg}");
        assert_eq!(
            v["command"],
            format!(
                "jot key generate --alg {alg} -o key.jwk && jot jwt sign --key key.jwk --alg {alg} --claims '{{\"sub\":\"alice\"}}' --exp 2000"
            )
        );
    }
}

#[test]
fn a_fresh_key_is_not_another() {
    let a = parse(&jot_wasm::encode(r#"{"exp":2000}"#, "ES256", 1000.0));
    let b = parse(&jot_wasm::encode(r#"{"exp":2000}"#, "ES256", 1000.0));
    let v = verify(a["token"].as_str().unwrap(), b["public_jwk"].as_str().unwrap(), KeyFormat::Jwk, "ES256", 1000);
    assert_eq!(v["ok"], false, "{v}");
}

#[test]
fn bad_claims_and_algorithms() {
    let dup = parse(&jot_wasm::encode(r#"{"sub":"a","sub":"b"}"#, "ES256", 0.0));
    assert_failure(
        &dup,
        "duplicate_member",
        &jot_jwt::CoreError::Json(jot_jwt::json::JsonError::DuplicateMember).to_string(),
    );
    assert_eq!(parse(&jot_wasm::encode("[1]", "ES256", 0.0))["ok"], false);
    assert_eq!(parse(&jot_wasm::encode("{}", "none", 0.0))["error"]["kind"], "unsupported_algorithm");
    assert_eq!(parse(&jot_wasm::encode(&super::huge(), "ES256", 0.0))["ok"], false);
    // Without exp the command says --no-exp (the CLI asks for a choice).
    let v = parse(&jot_wasm::encode("{}", "HS256", 0.0));
    assert!(v["command"].as_str().unwrap().ends_with("--alg HS256 --no-exp"), "{v}");
}
