//! `jot inspect`: an UNVERIFIED view of JWS (compact and JSON), JWE
//! (compact and JSON), JWTs with readable times, and unsecured tokens; from
//! stdin or FILE, trimmed; what is not a token exits 1.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::sync::OnceLock;

use common::{BINARY_PAYLOAD, KeyPair, TempDir, b64e, jot};
use jot_jwt::json::Object;

const BANNER: &str = "UNVERIFIED: nothing below has been checked; do not trust it.";

/// An ES256 key, an RSA-OAEP key and an A128KW key.
fn key_dir() -> TempDir {
    static KEYS: OnceLock<(KeyPair, KeyPair, KeyPair)> = OnceLock::new();
    let (es, rsa, kw) = KEYS.get_or_init(|| {
        (
            KeyPair::generate(&["--alg", "ES256", "--kid", "es-1"]),
            KeyPair::generate(&["--alg", "RSA-OAEP-256"]),
            KeyPair::generate(&["--alg", "A128KW"]),
        )
    });
    let dir = TempDir::new();
    dir.write("es.jwk", &es.private);
    dir.write("rsa.pub", &rsa.public);
    dir.write("kw.jwk", &kw.private);
    dir
}

/// Runs `jot inspect` on `token` from stdin and from FILE (both must
/// agree), and returns the text.
fn inspect(dir: &TempDir, token: &str) -> String {
    let from_stdin = dir.run(&["inspect"], token.as_bytes()).text();
    let file = dir.write("token.txt", token);
    assert_eq!(dir.jot(&["inspect", file]).text(), from_stdin);
    assert!(from_stdin.starts_with(&format!("{BANNER}\n")), "{from_stdin}");
    assert!(!from_stdin.contains('\u{1b}'), "colour on a pipe: {from_stdin:?}");
    from_stdin
}

#[test]
fn a_jwt_shows_header_claims_and_times() {
    let dir = key_dir();
    let token = dir
        .jot(&[
            "jwt",
            "sign",
            "--key",
            "es.jwk",
            "--alg",
            "ES256",
            "--sub",
            "alice",
            "--exp",
            "1h",
            "--iat",
            "--nbf",
            "1300819380",
        ])
        .line();
    let out = inspect(&dir, &format!("  \n{token}\n\n"));
    assert!(out.contains("kind: JWS (compact)\n"), "{out}");
    assert!(out.contains("\"alg\": \"ES256\""), "{out}");
    assert!(out.contains("\"kid\": \"es-1\""), "{out}");
    assert!(out.contains("\"typ\": \"JWT\""), "{out}");
    assert!(out.contains("payload (JSON):"), "{out}");
    assert!(out.contains("\"sub\": \"alice\""), "{out}");
    assert!(out.contains("(expires in 1h)") || out.contains("(expires in 59m)"), "{out}");
    assert!(out.contains("nbf: 2011-03-22 18:43:00 UTC (valid since"), "{out}");
    assert!(out.contains("iat: "), "{out}");
    assert!(out.contains("signature: 64 bytes"), "{out}");

    let expired = dir.jot(&["jwt", "sign", "--key", "es.jwk", "--alg", "ES256", "--exp", "1000000000"]).line();
    let out = inspect(&dir, &expired);
    assert!(out.contains("exp: 2001-09-09 01:46:40 UTC (expired "), "{out}");
}

#[test]
fn a_jws_with_text_binary_or_unencoded_payload() {
    let dir = key_dir();
    let text = dir.run(&["jws", "sign", "--key", "es.jwk", "--alg", "ES256"], b"hello there").line();
    let out = inspect(&dir, &text);
    assert!(out.contains("payload (text):\nhello there"), "{out}");

    let binary = dir.run(&["jws", "sign", "--key", "es.jwk", "--alg", "ES256"], BINARY_PAYLOAD).line();
    let out = inspect(&dir, &binary);
    assert!(out.contains(&format!("payload: {} bytes of binary data", BINARY_PAYLOAD.len())), "{out}");

    let unencoded =
        dir.run(&["jws", "sign", "--key", "es.jwk", "--alg", "ES256", "--unencoded"], b"plain $ text").line();
    let out = inspect(&dir, &unencoded);
    assert!(out.contains("\"b64\": false"), "{out}");
    assert!(out.contains("payload (text):\nplain $ text"), "{out}");

    let detached = dir.run(&["jws", "sign", "--key", "es.jwk", "--alg", "ES256", "--detached"], b"gone").line();
    let out = inspect(&dir, &detached);
    assert!(out.contains("kind: JWS (compact)"), "{out}");
    assert!(!out.contains("gone"), "{out}");
}

#[test]
fn a_jwe_shows_its_header_and_not_its_content() {
    let dir = key_dir();
    let secret = b"the plaintext stays hidden";
    let token =
        dir.run(&["jwe", "encrypt", "--key", "rsa.pub", "--alg", "RSA-OAEP-256", "--enc", "A256GCM"], secret).line();
    let out = inspect(&dir, &token);
    assert!(out.contains("kind: JWE (compact); the content is encrypted"), "{out}");
    assert!(out.contains("\"alg\": \"RSA-OAEP-256\""), "{out}");
    assert!(out.contains("\"enc\": \"A256GCM\""), "{out}");
    assert!(out.contains("encrypted key: 256 bytes, iv: 12 bytes, ciphertext: 26 bytes, tag: 16 bytes"), "{out}");
    assert!(!out.contains("plaintext stays hidden"), "{out}");
    assert!(!out.contains(&b64e(secret)), "{out}");

    // A nested JWT is a JWE whose cty says so.
    let nested = dir
        .jot(&[
            "jwt",
            "sign",
            "--key",
            "es.jwk",
            "--alg",
            "ES256",
            "--exp",
            "1h",
            "--encrypt-key",
            "kw.jwk",
            "--key-alg",
            "A128KW",
            "--enc",
            "A128CBC-HS256",
        ])
        .line();
    let out = inspect(&dir, &nested);
    assert!(out.contains("kind: JWE (compact)"), "{out}");
    assert!(out.contains("\"cty\": \"JWT\""), "{out}");
    assert!(out.contains("encrypted key: 40 bytes, iv: 16 bytes"), "{out}");
}

#[test]
fn json_serializations_are_named() {
    let dir = key_dir();
    for (args, kind) in [
        (&["jws", "sign", "--key", "es.jwk", "--alg", "ES256", "--format", "flattened"][..], "JWS (flattened JSON)"),
        (&["jws", "sign", "--key", "es.jwk", "--alg", "ES256", "--format", "general"], "JWS (general JSON)"),
        (
            &["jwe", "encrypt", "--key", "kw.jwk", "--alg", "A128KW", "--enc", "A128GCM", "--format", "flattened"],
            "JWE (flattened JSON)",
        ),
        (
            &["jwe", "encrypt", "--key", "kw.jwk", "--alg", "A128KW", "--enc", "A128GCM", "--format", "general"],
            "JWE (general JSON)",
        ),
    ] {
        let token = dir.run(args, b"json").line();
        let out = inspect(&dir, &format!("\n {token}\n"));
        assert!(out.contains(&format!("kind: {kind}\n")), "{out}");
    }
}

#[test]
fn an_unsecured_token_says_so() {
    let dir = key_dir();
    let mut claims = Object::new();
    claims.insert("sub", "admin");
    let token = jot_jwt::jws::dangerous::encode_unsecured(claims.to_json().as_bytes(), Object::new());
    let out = inspect(&dir, &token);
    assert!(out.contains("kind: JWS (compact), UNSECURED (alg none)"), "{out}");
    assert!(out.contains("\"alg\": \"none\""), "{out}");
    assert!(out.contains("\"sub\": \"admin\""), "{out}");
    assert!(out.contains("signature: 0 bytes"), "{out}");
    // Inspecting is not verifying: jws verify still refuses it.
    dir.run(&["jws", "verify", "--key", "es.jwk", "--alg", "ES256"], token.as_bytes()).fails(1);
}

#[test]
fn what_is_not_a_token_exits_1() {
    let header = b64e(br#"{"alg":"ES256"}"#);
    for bad in [
        String::new(),
        "not a token".to_owned(),
        "a.b".to_owned(),
        "a.b.c.d".to_owned(),
        "a.b.c.d.e.f".to_owned(),
        "!!!.e30.".to_owned(),
        format!("{}.e30.", b64e(b"[1,2]")),
        format!("{}.e30.", b64e(br#"{"alg":"ES256","alg":"none"}"#)),
        format!("{header}.%%%.sig"),
        "{not json".to_owned(),
        "{\"payload\":\"e30\",\"payload\":\"e30\"}".to_owned(),
    ] {
        jot(&["inspect"], bad.as_bytes()).fails(1);
    }
    jot(&["inspect"], b"\xff\xfe").fails(1);
    // A missing FILE is a usage error.
    let dir = TempDir::new();
    dir.jot(&["inspect", "missing.txt"]).fails(2);
}

/// Whether `c` may reach a terminal from a token: no C0 control (but the
/// newlines `inspect` lays its output out with), DEL, C1 control, or bidi
/// embedding, override, isolate or mark.
fn terminal_unsafe(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_terminal_safe(out: &str) {
    let bad: Vec<char> = out.chars().filter(|&c| terminal_unsafe(c)).collect();
    assert!(bad.is_empty(), "raw {bad:?} in {out:?}");
}

/// Issue 14: escape sequences in a header or payload reach the terminal
/// only as `\uXXXX`: as JSON escapes (`"\u001b"`, which a pretty-printer
/// would otherwise turn back into the raw byte for C1 and bidi), as raw
/// characters inside JSON strings, and in payloads that are not JSON.
#[test]
fn control_and_bidi_characters_in_headers_and_payloads_are_escaped() {
    let dir = TempDir::new();
    // JSON escapes of ESC (CSI, OSC title with BEL), C1 CSI, DEL, RLO, LRI,
    // in member names and values.
    let escaped_header = r#"{"alg":"ES256","kid":"\u001b[31mred\u001b]0;pwned\u0007","x\u009b2J":"\u202eevil\u2066","d":"\u007f\u0085"}"#;
    let escaped_claims = r#"{"sub":"\u001b[2J\u009b31m\u202eadmin","exp":1300819380,"n":["\r\n\t\u200f"]}"#;
    let token = format!("{}.{}.{}", b64e(escaped_header.as_bytes()), b64e(escaped_claims.as_bytes()), b64e(b"sig"));
    let out = inspect(&dir, &token);
    assert_terminal_safe(&out);
    for shown in [
        r#""kid": "\u001b[31mred\u001b]0;pwned\u0007""#,
        r#""x\u009b2J": "\u202eevil\u2066""#,
        r#""d": "\u007f\u0085""#,
        r#""sub": "\u001b[2J\u009b31m\u202eadmin""#,
        r#""\r\n\t\u200f""#,
    ] {
        assert!(out.contains(shown), "{shown} not in {out}");
    }
    // The claims are still read as claims.
    assert!(out.contains("payload (JSON):"), "{out}");
    assert!(out.contains("exp: 2011-03-22 18:43:00 UTC"), "{out}");

    // The same characters raw inside JSON strings (JSON allows DEL, C1 and
    // bidi unescaped).
    let raw_header = "{\"alg\":\"ES256\",\"kid\":\"\u{9b}31m\u{7f}\u{202e}x\"}";
    let raw_claims = "{\"sub\":\"\u{85}\u{2067}y\u{9d}0;t\u{9c}\"}";
    let token = format!("{}.{}.", b64e(raw_header.as_bytes()), b64e(raw_claims.as_bytes()));
    let out = inspect(&dir, &token);
    assert_terminal_safe(&out);
    assert!(out.contains(r#""kid": "\u009b31m\u007f\u202ex""#), "{out}");
    assert!(out.contains(r#""sub": "\u0085\u2067y\u009d0;t\u009c""#), "{out}");

    // A payload that is not JSON: text with ESC sequences, a carriage
    // return that would overwrite the line, C1 and bidi; and one that looks
    // like JSON but holds a raw ESC (so it is not JSON).
    let text = "hello \u{1b}[31mred\u{1b}[0m\rUNVERIFIED? no: verified\n\u{9b}2J \u{202e}txt.exe";
    let token = format!("{}.{}.{}", b64e(br#"{"alg":"ES256"}"#), b64e(text.as_bytes()), b64e(b"sig"));
    let out = inspect(&dir, &token);
    assert_terminal_safe(&out);
    assert!(
        out.contains(
            "payload (text; 6 control or bidi characters shown as \\uXXXX):\nhello \\u001b[31mred\\u001b[0m\\u000dUNVERIFIED? no: verified\\u000a\\u009b2J \\u202etxt.exe\n"
        ),
        "{out}"
    );
    let not_json = "{\"sub\":\"\u{1b}[2Jadmin\"}";
    let token = format!("{}.{}.{}", b64e(br#"{"alg":"ES256"}"#), b64e(not_json.as_bytes()), b64e(b"sig"));
    let out = inspect(&dir, &token);
    assert_terminal_safe(&out);
    assert!(out.contains("{\"sub\":\"\\u001b[2Jadmin\"}"), "{out}");

    // An unencoded (b64: false) payload is the token's own text.
    let header = b64e(br#"{"alg":"ES256","b64":false,"crit":["b64"],"kid":"\u001b[5m"}"#);
    let out = inspect(&dir, &format!("{header}.\u{1b}[31mraw\u{202e}.{}", b64e(b"sig")));
    assert_terminal_safe(&out);
    assert!(out.contains("\\u001b[31mraw\\u202e"), "{out}");
    assert!(out.contains(r#""kid": "\u001b[5m""#), "{out}");

    // A JWE header, and the JSON serializations.
    let jwe_header = b64e(r#"{"alg":"dir","enc":"A128GCM","kid":"\u001b[8m\u202e"}"#.as_bytes());
    let out = inspect(&dir, &format!("{jwe_header}..{}.{}.{}", b64e(b"iv"), b64e(b"ct"), b64e(b"tag")));
    assert_terminal_safe(&out);
    assert!(out.contains(r#""kid": "\u001b[8m\u202e""#), "{out}");
    let json = format!(
        "{{\"payload\":\"{}\",\"protected\":\"{}\",\"header\":{{\"kid\":\"\\u001b[1m\u{9b}\u{2069}\"}},\"signature\":\"{}\"}}",
        b64e(b"x"),
        b64e(br#"{"alg":"ES256"}"#),
        b64e(b"sig")
    );
    let out = inspect(&dir, &json);
    assert_terminal_safe(&out);
    assert!(out.contains(r#""kid": "\u001b[1m\u009b\u2069""#), "{out}");
}

/// Printable text, non-ASCII included, is shown as it is, and a text payload
/// without control characters keeps its plain label.
#[test]
fn printable_text_is_not_escaped() {
    let dir = TempDir::new();
    let header = b64e(r#"{"alg":"ES256","kid":"clé-€-😀"}"#.as_bytes());
    let out = inspect(&dir, &format!("{header}.{}.{}", b64e("naïve text ✓".as_bytes()), b64e(b"sig")));
    assert!(out.contains(r#""kid": "clé-€-😀""#), "{out}");
    assert!(out.contains("payload (text):\nnaïve text ✓\n"), "{out}");
}
