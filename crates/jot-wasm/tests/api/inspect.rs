use jot_jwt::{CoreError, jws};

use super::{a1, compact, huge, parse, text};

fn inspect(token: &str, now: f64) -> serde_json::Value {
    parse(&jot_wasm::inspect(token, now))
}

#[test]
fn compact_jws_segments_headers_claims_and_times() {
    let (token, _, now) = a1();
    #[allow(clippy::cast_precision_loss)]
    let v = inspect(&token, now as f64);
    assert_eq!(v["ok"], true);
    assert_eq!(v["verified"], false);
    assert_eq!(v["kind"], "jws-compact");
    assert_eq!(v["alg"], "HS256");
    let roles: Vec<_> = v["segments"].as_array().unwrap().iter().map(|s| s["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["header", "payload", "signature"]);
    let texts: Vec<_> = v["segments"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(texts.join("."), token);
    assert_eq!(v["headers"][0]["role"], "protected");
    // In the token's member order (RFC 7515 A.1 writes typ first), not by name.
    assert_eq!(v["headers"][0]["pretty"], "{\n  \"typ\": \"JWT\",\n  \"alg\": \"HS256\"\n}");
    assert_eq!(
        v["payload"]["pretty"],
        "{\n  \"iss\": \"joe\",\n  \"exp\": 1300819380,\n  \"http://example.com/is_root\": true\n}"
    );
    assert_eq!(v["payload"]["json"]["iss"], "joe");
    let exp = &v["payload"]["times"]["exp"];
    assert_eq!(exp["value"], 1_300_819_380);
    assert_eq!(exp["utc"], "2011-03-22T18:43:00Z");
    assert_eq!(exp["relative_seconds"], 80);
    assert_eq!(v["command"], "jot inspect token.txt");
}

#[test]
fn whitespace_around_a_pasted_token_is_ignored() {
    let (token, _, _) = a1();
    assert_eq!(inspect(&format!("  {token}\n"), 0.0)["kind"], "jws-compact");
}

#[test]
fn json_serializations() {
    let v = inspect(&text("rfc/rfc7515-a7-flattened-json.json", "/json_serialization"), 0.0);
    assert_eq!(v["kind"], "jws-json-flattened");
    assert_eq!(v["alg"], "ES256");
    assert_eq!(v["payload"]["json"]["iss"], "joe");
    let v = inspect(&text("rfc/rfc7515-a6-general-json.json", "/json_serialization"), 0.0);
    assert_eq!(v["kind"], "jws-json-general");
    assert_eq!(v["headers"][0]["role"], "protected (signature 0)");
    assert!(v["headers"].as_array().unwrap().len() >= 2);
    let v = inspect(&text("rfc7520/6.nesting_signatures_and_encryption.json", "/encrypt/output/json"), 0.0);
    assert_eq!(v["kind"], "jwe-json-general");
    assert_eq!(v["nested"], true);
    assert!(v["payload"].is_null());
}

#[test]
fn compact_jwe_and_nested() {
    let v = inspect(&text("rfc/rfc7516-a3-a128kw-a128cbc-hs256.json", "/compact"), 0.0);
    assert_eq!(v["kind"], "jwe-compact");
    assert_eq!(v["nested"], false);
    assert_eq!(v["enc"], "A128CBC-HS256");
    let roles: Vec<_> = v["segments"].as_array().unwrap().iter().map(|s| s["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["header", "encrypted_key", "iv", "ciphertext", "tag"]);
    let v = inspect(&text("rfc7520/6.nesting_signatures_and_encryption.json", "/encrypt/output/compact"), 0.0);
    assert_eq!(v["nested"], true);
}

#[test]
fn unsecured_and_ml_dsa_tokens_are_shown() {
    let v = inspect(&text("rfc/rfc7515-a5-none.json", "/compact"), 0.0);
    assert_eq!((v["ok"].clone(), v["alg"].clone(), v["verified"].clone()), (true.into(), "none".into(), false.into()));
    let v = inspect(&text("ml-dsa/ML_DSA_44.jose.json", "/jws"), 0.0);
    assert_eq!(v["alg"], "ML-DSA-44");
}

#[test]
fn malformed_input_gets_jots_error() {
    let (token, _, _) = a1();
    // Truncated: two segments.
    let truncated = token.rsplit_once('.').unwrap().0;
    let e = jws::Error::Malformed(jws::Part::Serialization);
    let v = inspect(truncated, 0.0);
    assert_eq!(v["error"]["message"], jot_jwt::Error::from(e).to_string());
    assert_eq!(v["error"]["kind"], "malformed");
    // Padding in the header segment.
    let (h, rest) = token.split_once('.').unwrap();
    let v = inspect(&format!("{h}=.{rest}"), 0.0);
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "malformed");
    // Duplicate header members.
    let dup = compact(r#"{"alg":"HS256","alg":"none"}"#, "{}", "c2ln");
    let v = inspect(&dup, 0.0);
    assert_eq!(v["error"]["kind"], "duplicate_member");
    // A JWE header that is not base64url.
    let v = inspect("e!.a.b.c.d", 0.0);
    super::assert_failure(&v, "base64", &CoreError::Base64.to_string());
    // JSON with duplicate names.
    let v = inspect(r#"{"payload":"e30","payload":"e30","signature":""}"#, 0.0);
    assert_eq!(v["error"]["kind"], "duplicate_member");
    for garbage in [String::new(), "garbage".into(), huge(), "{".into(), "....".into(), "\u{0}".into()] {
        let v = inspect(&garbage, f64::NAN);
        assert_eq!(v["ok"], false, "{v}");
        assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[test]
fn payload_that_is_not_json_is_text() {
    let token = compact(r#"{"alg":"HS256"}"#, "hello", "c2ln");
    let v = inspect(&token, 0.0);
    assert_eq!(v["payload"]["text"], "hello");
    assert!(v["payload"]["json"].is_null());
    // Duplicate claims are reported by jot's parser, not hidden.
    let token = compact(r#"{"alg":"HS256"}"#, r#"{"sub":"a","sub":"b"}"#, "c2ln");
    let v = inspect(&token, 0.0);
    assert_eq!(v["payload"]["not_json"], CoreError::Json(jot_jwt::json::JsonError::DuplicateMember).to_string());
}
