//! Interop with panva's `jose` (npm), run by Node.js from `interop/panva/`
//! (`jose.mjs`; `jose` pinned in `package.json` and `package-lock.json`).
//!
//! - JWE `dir` + A256GCM, both directions, with a key jot generated: jot
//!   writes a `dir` key as `"alg":"A256GCM"`, the only form jose accepts
//!   (it refuses `"alg":"dir"`, which this test pins too).
//! - A signed JWT (ES256) both directions, with issuer and audience checked
//!   on the receiving side.
//!
//! Needs `node` on PATH and `npm ci` run in `interop/panva` (`.ci/run` does
//! it). Without them the tests print a loud SKIPPED line and pass, except
//! under CI (`CI` set), where a missing prerequisite fails them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use jot_jwt::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_jwt::base64url;
use jot_jwt::jwe::{Decrypter, JweBuilder};
use jot_jwt::{Jwk, JwtBuilder, Validation};
use serde_json::{Value, json};

const ISS: &str = "https://issuer.example";
const AUD: &str = "api";

fn panva_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("panva")
}

/// Whether jose can run here; if not, says so loudly (and fails under CI).
fn available(test: &str) -> bool {
    common::node::available(&panva_dir(), "jose", "panva jose", test)
}

/// Runs one request through `jose.mjs`; returns its `ok` member, or panics
/// with jose's error.
fn jose(request: &Value) -> Value {
    try_jose(request).unwrap_or_else(|e| panic!("jose refused {}: {e}", request["op"]))
}

/// Runs one request through `jose.mjs`; jose's error as `Err`.
fn try_jose(request: &Value) -> Result<Value, String> {
    let mut child = Command::new("node")
        .arg("jose.mjs")
        .current_dir(panva_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed: {}", String::from_utf8_lossy(&out.stderr));
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    match (answer.get("ok"), answer.get("error")) {
        (Some(ok), _) => Ok(ok.clone()),
        (None, Some(e)) => Err(e.as_str().unwrap_or_default().to_owned()),
        _ => panic!("no answer: {answer}"),
    }
}

fn json_of(jwk: &Jwk) -> Value {
    serde_json::from_str(&jwk.to_json()).unwrap()
}

#[test]
fn dir_a256gcm_both_directions_with_a_jot_generated_key() {
    if !available("dir_a256gcm_both_directions_with_a_jot_generated_key") {
        return;
    }
    let enc = JweEncryption::A256Gcm;
    let jwk = Jwk::generate_for_jwe(JweAlgorithm::Dir, Some(enc)).unwrap();
    let jwk_json = json_of(&jwk);
    assert_eq!(jwk_json["alg"], "A256GCM", "jot writes the form jose accepts");
    let all_bytes: Vec<u8> = (0..=255).collect();
    for plaintext in [&b""[..], b"hello from jot", &all_bytes] {
        // jot encrypts, jose decrypts.
        let token =
            JweBuilder::new(enc).recipient(&jwk.encrypting_key(JweAlgorithm::Dir).unwrap()).compact(plaintext).unwrap();
        let opened = jose(&json!({"op": "decrypt", "jwk": jwk_json, "token": token, "enc": "A256GCM"}));
        assert_eq!(base64url::decode(opened["plaintext"].as_str().unwrap()).unwrap(), plaintext);
        assert_eq!(opened["header"]["alg"], "dir");

        // jose encrypts with the same key, jot decrypts.
        let sealed = jose(&json!({
            "op": "encrypt", "jwk": jwk_json, "enc": "A256GCM", "plaintext": base64url::encode(plaintext),
        }));
        let token = sealed["token"].as_str().unwrap();
        let decrypter = Decrypter::new(jwk.decrypting_key(JweAlgorithm::Dir).unwrap(), &[enc]);
        assert_eq!(decrypter.decrypt_compact(token).unwrap().plaintext(), plaintext);
    }

    // The disagreement this form settles: jose refuses the same key written
    // as "alg":"dir" (the form of Wycheproof, Rooterberg and josekit), in
    // both directions; jot reads both.
    let mut dir_form = jwk_json.clone();
    dir_form["alg"] = "dir".into();
    let e = try_jose(&json!({"op": "encrypt", "jwk": dir_form, "enc": "A256GCM", "plaintext": ""})).unwrap_err();
    assert!(e.contains("\"alg\" must be \"A256GCM\""), "{e}");
    let token = JweBuilder::new(enc).recipient(&jwk.encrypting_key(JweAlgorithm::Dir).unwrap()).compact(b"x").unwrap();
    try_jose(&json!({"op": "decrypt", "jwk": dir_form, "token": token, "enc": "A256GCM"})).unwrap_err();
    let jot_dir_form = Jwk::from_json(dir_form.to_string().as_bytes()).unwrap();
    let decrypter = Decrypter::new(jot_dir_form.decrypting_key(JweAlgorithm::Dir).unwrap(), &[enc]);
    assert_eq!(decrypter.decrypt_compact(&token).unwrap().plaintext(), b"x");

    // jose's token to the key: only A256GCM content is accepted by jot for
    // an A256GCM-named key, even when the caller accepts more.
    let sealed = jose(&json!({"op": "encrypt", "jwk": jwk_json, "enc": "A256GCM", "plaintext": "eA"}));
    let wide = Decrypter::new(
        jwk.decrypting_key(JweAlgorithm::Dir).unwrap(),
        &[JweEncryption::A128CbcHs256, JweEncryption::A256Gcm],
    );
    assert_eq!(wide.decrypt_compact(sealed["token"].as_str().unwrap()).unwrap().plaintext(), b"x");
}

#[test]
fn signed_jwt_es256_both_directions() {
    if !available("signed_jwt_es256_both_directions") {
        return;
    }
    let alg = JwsAlgorithm::ES256;
    let jot_key = Jwk::generate_for_jws(alg).unwrap();
    let public = jot_key.to_public().unwrap();

    // jot signs, jose verifies (iss, aud, exp and the signature).
    let token = JwtBuilder::new()
        .issuer(ISS)
        .subject("alice")
        .audience(AUD)
        .expires_in(Duration::from_secs(300))
        .claim("scope", "read")
        .sign(&jot_key.signing_key(alg).unwrap())
        .unwrap();
    let verified =
        jose(&json!({"op": "verify_jwt", "jwk": json_of(&public), "token": token, "issuer": ISS, "audience": AUD}));
    assert_eq!(verified["payload"]["sub"], "alice");
    assert_eq!(verified["payload"]["scope"], "read");
    assert_eq!(verified["header"]["alg"], "ES256");
    // A tampered signature (its first character: the last one also holds
    // padding bits) is refused by jose.
    let at = token.rfind('.').unwrap() + 1;
    let first = if token[at..].starts_with('A') { "B" } else { "A" };
    let bad = format!("{}{first}{}", &token[..at], &token[at + 1..]);
    try_jose(&json!({"op": "verify_jwt", "jwk": json_of(&public), "token": bad, "issuer": ISS, "audience": AUD}))
        .unwrap_err();

    // jose signs with jot's private JWK, jot validates.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let claims = json!({"iss": ISS, "sub": "bob", "aud": AUD, "iat": now, "exp": now + 300, "scope": "write"});
    let signed = jose(&json!({"op": "sign_jwt", "jwk": json_of(&jot_key), "claims": claims}));
    let token = signed["token"].as_str().unwrap();
    let jwt = Validation::from_key(public.verifying_key(alg).unwrap())
        .issuer(ISS)
        .audience(AUD)
        .verify_claims(token)
        .unwrap();
    assert_eq!(jwt.registered().sub.as_deref(), Some("bob"));
    assert_eq!(jwt.claims().get("scope").and_then(|v| v.as_str()), Some("write"));
    // jot refuses it for another audience.
    assert!(Validation::from_key(public.verifying_key(alg).unwrap()).audience("other").verify_claims(token).is_err());
}
