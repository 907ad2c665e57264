//! The contract around the commands: `--help` (with an example) on every
//! command and `--version`; usage errors exit 2 with one `error:` line;
//! unreadable and unusable key files exit 2 for every command that reads a
//! key; and no error line echoes a token, a payload, a password or a
//! private key member, even when one is given where a file name belongs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::sync::OnceLock;

use common::{KeyPair, TempDir, jot, json, member, private_values};

const COMMANDS: [&[&str]; 16] = [
    &[],
    &["key"],
    &["key", "generate"],
    &["key", "public"],
    &["key", "thumbprint"],
    &["key", "convert"],
    &["jws"],
    &["jws", "sign"],
    &["jws", "verify"],
    &["jwe"],
    &["jwe", "encrypt"],
    &["jwe", "decrypt"],
    &["jwt"],
    &["jwt", "sign"],
    &["jwt", "verify"],
    &["inspect"],
];

/// An ES256 key pair, an HS256 key and an RSA key, generated once.
fn keys() -> &'static (KeyPair, KeyPair, KeyPair) {
    static KEYS: OnceLock<(KeyPair, KeyPair, KeyPair)> = OnceLock::new();
    KEYS.get_or_init(|| {
        (
            KeyPair::generate(&["--alg", "ES256"]),
            KeyPair::generate(&["--alg", "HS256"]),
            KeyPair::generate(&["--kty", "RSA"]),
        )
    })
}

fn key_dir() -> TempDir {
    let (es, hs, rsa) = keys();
    let dir = TempDir::new();
    dir.write("es.jwk", &es.private);
    dir.write("es.pub", &es.public);
    dir.write("hs.jwk", &hs.private);
    dir.write("rsa.jwk", &rsa.private);
    dir
}

/// Every private value of the keys above.
fn secrets() -> Vec<String> {
    let (es, hs, rsa) = keys();
    [es, hs, rsa].iter().flat_map(|k| private_values(&k.private_json())).collect()
}

#[test]
fn help_on_every_command_has_an_example() {
    for cmd in COMMANDS {
        for flag in ["--help", "-h"] {
            let mut args = cmd.to_vec();
            args.push(flag);
            let out = jot(&args, b"");
            let text = out.text();
            assert!(text.contains("Example"), "jot {args:?} has no example:\n{text}");
            assert!(text.contains("Usage: jot"), "{text}");
        }
        // `jot help COMMAND` too.
        let mut args = vec!["help"];
        args.extend_from_slice(cmd);
        assert!(jot(&args, b"").text().contains("Example"), "jot {args:?}");
    }
}

#[test]
fn help_documents_the_exit_statuses() {
    let text = jot(&["--help"], b"").text();
    assert!(text.contains("Exit status: 0 success; 1"), "{text}");
}

#[test]
fn version() {
    let expected = format!("jot {}\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(jot(&["--version"], b"").text(), expected);
    assert_eq!(jot(&["-V"], b"").text(), expected);
    for cmd in &COMMANDS[1..] {
        let mut args = cmd.to_vec();
        args.push("--version");
        let text = jot(&args, b"").text();
        assert!(text.contains(env!("CARGO_PKG_VERSION")), "jot {args:?}: {text}");
    }
}

#[test]
fn bad_usage_exits_2_with_one_line() {
    let dir = key_dir();
    for args in [
        &["key"][..],
        &["jws"],
        &["jwe"],
        &["jwt"],
        &["frobnicate"],
        &["--frobnicate"],
        &["key", "generate", "--alg"],
        &["key", "generate", "--alg", "ES256", "--kty", "EC"],
        &["key", "generate", "--kty", "RSA", "--bits", "many"],
        &["key", "thumbprint", "--hash", "sha1", "es.jwk"],
        &["key", "convert", "es.jwk"],
        &["key", "convert", "--to", "der", "es.jwk"],
        &["key", "public", "es.jwk", "es.pub"],
        &["jws", "sign", "--alg", "ES256"],
        &["jws", "sign", "--key", "es.jwk"],
        &["jws", "sign", "--key", "es.jwk", "--alg", "ES256", "--format", "compactish"],
        &["jws", "sign", "--key", "es.jwk", "--alg", "ES256", "--fromat", "compact"],
        &["jws", "verify", "--key", "es.pub"],
        &["jws", "verify", "--alg", "ES256"],
        &["jwe", "encrypt", "--key", "hs.jwk", "--alg", "A128KW"],
        &["jwe", "encrypt", "--key", "hs.jwk", "--enc", "A128GCM"],
        &["jwe", "encrypt", "--alg", "A128KW", "--enc", "A128GCM"],
        &["jwe", "encrypt", "--key", "hs.jwk", "--alg", "A128KW", "--enc", "A128GCM", "--p2c", "-1"],
        &["jwe", "decrypt", "--key", "hs.jwk", "--alg", "A128KW"],
        &["jwe", "decrypt", "--key", "hs.jwk", "--enc", "A128GCM"],
        &["jwe", "decrypt", "--key", "hs.jwk", "--alg", "A128KW", "--enc", "A128GCM", "--zip-limit", "big"],
        &["jwt", "sign", "--key", "es.jwk"],
        &["jwt", "verify", "--key", "es.pub"],
        &["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "--leeway", "1m"],
        &["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "--now", "1.5"],
        &["inspect", "a", "b"],
    ] {
        let line = dir.jot(args).fails(2);
        assert!(line.ends_with("(see --help)"), "jot {args:?}: {line}");
        assert!(!line.contains("For more information"), "jot {args:?}: {line}");
    }
    // A group without its subcommand says that, not the group's description.
    let line = jot(&["jwe"], b"").fails(2);
    assert!(line.contains("subcommand"), "{line}");
}

#[test]
fn unsupported_algorithms_exit_2() {
    let dir = key_dir();
    let token = dir.run(&["jws", "sign", "--key", "es.jwk", "--alg", "ES256"], b"p").line();
    for (args, stdin) in [
        (&["key", "generate", "--alg", "XS256"][..], &b""[..]),
        (&["key", "generate", "--alg", "none"], b""),
        (&["key", "generate", "--alg", "es256"], b""),
        (&["key", "generate", "--alg", "dir", "--enc", "A128CTR"], b""),
        (&["jws", "sign", "--key", "es.jwk", "--alg", "ES256 "], b"p"),
        (&["jws", "verify", "--key", "es.pub", "--alg", "ES999"], token.as_bytes()),
        (&["jwe", "encrypt", "--key", "hs.jwk", "--alg", "A128KW", "--enc", "A128CTR"], b"p"),
        (&["jwe", "encrypt", "--key", "hs.jwk", "--alg", "RSA-OAEP-1024", "--enc", "A128GCM"], b"p"),
        (&["jwe", "decrypt", "--key", "hs.jwk", "--alg", "A128KW", "--enc", "A128GCM", "--enc", "chacha"], b"x"),
        (&["jwt", "sign", "--key", "es.jwk", "--alg", "HS1", "--exp", "1h"], b""),
        (&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "--alg", "XX"], token.as_bytes()),
    ] {
        let line = dir.run(args, stdin).fails_without(2, &[&token]);
        assert!(line.contains("unsupported"), "jot {args:?}: {line}");
    }
}

/// Every command that reads a key file, with `{}` for the key file.
fn key_commands() -> Vec<(Vec<&'static str>, &'static [u8])> {
    vec![
        (vec!["jws", "sign", "--key", "{}", "--alg", "HS256"], b"secret payload"),
        (vec!["jws", "verify", "--key", "{}", "--alg", "HS256"], b"a.b.c"),
        (vec!["jwe", "encrypt", "--key", "{}", "--alg", "A128KW", "--enc", "A128GCM"], b"secret payload"),
        (vec!["jwe", "decrypt", "--key", "{}", "--alg", "A128KW", "--enc", "A128GCM"], b"a.b.c.d.e"),
        (vec!["jwt", "sign", "--key", "{}", "--alg", "HS256", "--exp", "1h"], b""),
        (vec!["jwt", "verify", "--key", "{}", "--alg", "HS256"], b"a.b.c"),
        (vec!["key", "public", "{}"], b""),
        (vec!["key", "thumbprint", "{}"], b""),
        (vec!["key", "convert", "--to", "pem", "{}"], b""),
    ]
}

#[test]
fn unreadable_or_unusable_key_files_exit_2() {
    let dir = key_dir();
    let hs = keys().1.private_json();
    let k = member(&hs, "k").to_owned();
    let es = keys().0.private_json();
    let d = member(&es, "d").to_owned();
    let mut bad_base64 = hs.clone();
    bad_base64["k"] = format!("{k}!").into();
    let mut es_bad_d = es.clone();
    es_bad_d["d"] = format!("{d}A").into();
    let mut es_bad_point = es.clone();
    es_bad_point["y"] = es["x"].clone();
    let mut unknown_kty = hs.clone();
    unknown_kty["kty"] = "OCT".into();
    let mut set_of_bad = serde_json::json!({"keys": [bad_base64.clone()]});
    set_of_bad["keys"][0]["kid"] = "bad".into();
    dir.write("bad-base64.jwk", bad_base64.to_string());
    dir.write("bad-d.jwk", es_bad_d.to_string());
    dir.write("bad-point.jwk", es_bad_point.to_string());
    dir.write("unknown-kty.jwk", unknown_kty.to_string());
    dir.write("set-of-bad.jwks", set_of_bad.to_string());
    dir.write("empty.jwk", "");
    dir.write("text.jwk", "hello");
    dir.write("binary.jwk", b"\xff\xfe\x00");
    dir.write("truncated.jwk", &keys().1.private[..20]);
    dir.write("array.jwk", format!("[{}]", keys().1.private));
    dir.write("empty-set.jwks", r#"{"keys":[]}"#);
    dir.write("bad.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    dir.write("dup.jwk", format!(r#"{{"kty":"oct","k":"{k}","k":"{k}"}}"#));
    std::fs::create_dir(dir.path().join("a-directory")).unwrap();
    let mut secrets = secrets();
    secrets.push(format!("{k}!"));
    secrets.push(format!("{d}A"));
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    for file in [
        "missing.jwk",
        "a-directory",
        "bad-base64.jwk",
        "bad-d.jwk",
        "bad-point.jwk",
        "unknown-kty.jwk",
        "set-of-bad.jwks",
        "empty.jwk",
        "text.jwk",
        "binary.jwk",
        "truncated.jwk",
        "array.jwk",
        "empty-set.jwks",
        "bad.pem",
        "dup.jwk",
    ] {
        for (args, stdin) in key_commands() {
            let args: Vec<&str> = args.iter().map(|a| if *a == "{}" { file } else { a }).collect();
            dir.run(&args, stdin).fails_without(2, &[&secrets[..], &["secret payload"]].concat());
        }
    }
    // A key in a JWK that is wrong says which member, not its value.
    let line = dir.jot(&["key", "public", "bad-base64.jwk"]).fails(2);
    assert!(line.contains("\"k\""), "{line}");
    assert!(!line.contains("\"keys\""), "{line}");
}

#[test]
fn secrets_given_in_place_of_a_file_name_are_not_echoed() {
    let dir = key_dir();
    let (es, hs, _) = keys();
    let token = dir.run(&["jws", "sign", "--key", "es.jwk", "--alg", "ES256"], b"secret payload").line();
    let long_token = dir.run(&["jws", "sign", "--key", "es.jwk", "--alg", "ES256"], &[b'x'; 400]).line();
    let all = [secrets(), vec![token.clone(), long_token.clone()]].concat();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    // A token where FILE belongs.
    for t in [&token, &long_token] {
        for cmd in [
            &["jws", "verify", "--key", "es.pub", "--alg", "ES256"][..],
            &["jwt", "verify", "--key", "es.pub", "--alg", "ES256"],
            &["inspect"],
        ] {
            let mut args = cmd.to_vec();
            args.push(t);
            dir.jot(&args).fails_without(2, &all);
        }
    }
    // A key where --key belongs.
    for key in [&es.private, &hs.private] {
        dir.run(&["jws", "sign", "--key", key, "--alg", "ES256"], b"x").fails_without(2, &all);
        dir.run(&["jws", "verify", "--key", key, "--alg", "ES256"], token.as_bytes()).fails_without(2, &all);
        dir.run(&["key", "public", key], b"").fails_without(2, &all);
        dir.run(&["key", "thumbprint", key], b"").fails_without(2, &all);
    }
    // A password where --password-file belongs.
    let password = "hunter2-is-my-password";
    let args = ["jwe", "encrypt", "--password-file", password, "--alg", "PBES2-HS256+A128KW", "--enc", "A128GCM"];
    dir.run(&args, b"x").fails_without(2, &[password]);
    // A payload where --payload belongs.
    let args = ["jws", "verify", "--key", "es.pub", "--alg", "ES256", "--payload", "secret payload"];
    dir.run(&args, token.as_bytes()).fails_without(2, &["secret payload", &token]);
    // A name that does exist is named.
    let line = dir.jot(&["jws", "verify", "--key", "es.pub", "--alg", "ES256", "."]).fails(2);
    assert!(line.starts_with("error: the token file: cannot read"), "{line}");
}

#[test]
fn bad_tokens_exit_1_without_echoing_them() {
    let dir = key_dir();
    let (_, hs, _) = keys();
    let token = dir.run(&["jws", "sign", "--key", "hs.jwk", "--alg", "HS256"], b"secret payload").line();
    let payload_b64 = token.split('.').nth(1).unwrap().to_owned();
    let k = member(&hs.private_json(), "k").to_owned();
    let mut bad = token.clone();
    bad.push('A');
    for (args, stdin, code) in [
        (&["jws", "verify", "--key", "hs.jwk", "--alg", "HS256"][..], bad.clone(), 1),
        (&["jwt", "verify", "--key", "hs.jwk", "--alg", "HS256"], bad.clone(), 1),
        // (No exp: the claims are rejected.)
        (&["jwt", "verify", "--key", "hs.jwk", "--alg", "HS256"], token.clone(), 1),
        // (An HS256 key does not bind to dir: an unusable key.)
        (&["jwe", "decrypt", "--key", "hs.jwk", "--alg", "dir", "--enc", "A128CBC-HS256"], token.clone(), 2),
        (&["jws", "verify", "--key", "hs.jwk", "--alg", "HS256"], format!("{{\"payload\":\"{payload_b64}\"}}"), 1),
        (&["jws", "verify", "--key", "hs.jwk", "--alg", "HS256"], format!("{token}.{token}"), 1),
    ] {
        dir.run(args, stdin.as_bytes()).fails_without(code, &[&token, &bad, "secret payload", &payload_b64, &k]);
    }
    // A token that is not UTF-8.
    dir.run(&["jws", "verify", "--key", "hs.jwk", "--alg", "HS256"], b"\xff.\xfe.\xfd").fails(1);
    // The key's own kid may appear in a message; its k never does.
    let line = dir.run(&["jws", "verify", "--key", "hs.jwk", "--alg", "HS256"], bad.as_bytes()).fails(1);
    assert!(line.starts_with("error: token rejected: "), "{line}");
}

#[test]
fn stdout_is_empty_on_failure_and_json_is_one_line_on_a_pipe() {
    let dir = key_dir();
    let out = dir.jot(&["key", "generate", "--alg", "ES512"]);
    let text = out.text();
    assert_eq!(text.matches('\n').count(), 1);
    assert!(json(&text).is_object());
    // Failures write nothing to stdout (checked by `fails`).
    dir.run(&["jws", "verify", "--key", "es.pub", "--alg", "ES256"], b"x.y.z").fails(1);
}

/// A key file holding a JWK Set that mixes secrets with key pairs, or whose
/// members share a kid, is refused as the library refuses it (issue 14).
#[test]
fn mixed_and_ambiguous_key_sets_are_refused() {
    let (es, hs, _) = keys();
    let dir = TempDir::new();
    dir.write("es.jwk", &es.private);
    let token = dir.jot(&["jwt", "sign", "--key", "es.jwk", "--alg", "ES256", "--exp", "1h"]).line();
    dir.write("token", &token);
    let es_public = json(&es.public);
    dir.write("mixed.jwks", serde_json::json!({ "keys": [es_public.clone(), json(&hs.private)] }).to_string());
    let other = json(&KeyPair::generate(&["--alg", "ES256"]).public);
    let (mut a, mut b) = (es_public.clone(), other);
    a["kid"] = "same".into();
    b["kid"] = "same".into();
    dir.write("dup-kid.jwks", serde_json::json!({ "keys": [a, b] }).to_string());
    for (file, says) in [("mixed.jwks", "mixes"), ("dup-kid.jwks", "share a kid")] {
        let line = dir
            .jot(&["jwt", "verify", "--key", file, "--alg", "ES256", "token"])
            .fails_without(2, &[member(&json(&hs.private), "k")]);
        assert!(line.contains(says) && line.contains(file), "{line}");
    }
    dir.write("public.jwks", serde_json::json!({ "keys": [es_public] }).to_string());
    dir.jot(&["jwt", "verify", "--key", "public.jwks", "--alg", "ES256", "token"]).ok();
}
