//! Issue 14: no argument makes `jot` panic. Duration and number flags given
//! non-ASCII, control characters or nonsense exit 2 with one `error:` line
//! that names the flag and never repeats the value (which panicked before:
//! `--exp 'é'` split a string inside a character and printed it back).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{KeyPair, TempDir};

fn key_dir() -> TempDir {
    let es = KeyPair::generate(&["--alg", "ES256"]);
    let dir = TempDir::new();
    dir.write("es.jwk", &es.private);
    dir.write("es.pub", &es.public);
    dir
}

/// Runs `jot ARGS`, which must fail with exit 2 and one `error:` line that
/// names `flag`; stderr never holds `value` nor a panic message.
fn refused(dir: &TempDir, args: &[&str], flag: &str, value: &str) {
    let out = dir.jot(args);
    assert!(!out.stderr.contains("panicked"), "jot {args:?} panicked: {}", out.stderr);
    let line = out.fails(2);
    assert!(!out.stderr.contains(value), "jot {args:?} echoes {value:?}: {}", out.stderr);
    assert!(line.contains(flag), "jot {args:?}: {line}");
    assert!(line.ends_with("(see --help)"), "jot {args:?}: {line}");
}

#[test]
fn jwt_sign_exp_with_a_multi_byte_character_exits_2_without_echo() {
    let dir = key_dir();
    refused(&dir, &["jwt", "sign", "--key", "es.jwk", "--alg", "ES256", "--exp", "é"], "--exp", "é");
    refused(&dir, &["jwt", "sign", "--key", "es.jwk", "--alg", "ES256", "--exp=é"], "--exp", "é");
}

#[test]
fn every_duration_and_number_flag_refuses_bad_values_without_echo() {
    let dir = key_dir();
    let token = dir.jot(&["jwt", "sign", "--key", "es.jwk", "--alg", "ES256", "--exp", "1h"]).line();
    dir.write("token.txt", &token);
    let commands: [(&[&str], &str); 9] = [
        (&["key", "generate", "--kty", "oct"], "--bits"),
        (&["jwe", "encrypt", "--key", "es.pub", "--alg", "ECDH-ES", "--enc", "A128GCM"], "--p2c"),
        (&["jwe", "decrypt", "--key", "es.jwk", "--alg", "ECDH-ES", "--enc", "A128GCM", "token.txt"], "--max-p2c"),
        (&["jwe", "decrypt", "--key", "es.jwk", "--alg", "ECDH-ES", "--enc", "A128GCM", "token.txt"], "--zip-limit"),
        (&["jwt", "sign", "--key", "es.jwk", "--alg", "ES256"], "--exp"),
        (&["jwt", "sign", "--key", "es.jwk", "--alg", "ES256"], "--nbf"),
        (&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "token.txt"], "--leeway"),
        (&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "token.txt"], "--max-age"),
        (&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "token.txt"], "--now"),
    ];
    for (base, flag) in commands {
        for value in ["é", "€", "1é", "30€", "7😀", "ab\u{1b}[31mcd", "\u{202e}12", "1.5x", "99999999999999999999999d"]
        {
            let with_space = [base, &[flag, value]].concat();
            refused(&dir, &with_space, flag, value);
            let joined = format!("{flag}={value}");
            let with_equals = [base, &[joined.as_str()]].concat();
            refused(&dir, &with_equals, flag, value);
        }
    }
}

/// A number that parses but is far too large to act on is refused, not
/// acted on: `--bits` for an oct key is allocated, and a huge one aborted
/// the process (out of memory) before.
#[test]
fn huge_key_sizes_are_refused_not_allocated() {
    let dir = TempDir::new();
    for bits in ["18446744073709551608", "99999999999999992", "8000000000", "8200"] {
        let line = dir.jot(&["key", "generate", "--kty", "oct", "--bits", bits]).fails(2);
        assert!(line.contains("at most 8192"), "{line}");
    }
    let jwk = dir.jot(&["key", "generate", "--kty", "oct", "--bits", "8192"]).json();
    assert_eq!(common::b64d(common::member(&jwk, "k")).len(), 1024);
    for bits in ["18446744073709551615", "99999999", "1024"] {
        dir.jot(&["key", "generate", "--kty", "RSA", "--bits", bits]).fails(2);
    }
}

#[test]
fn good_duration_and_number_values_still_work() {
    let dir = key_dir();
    let token = dir
        .jot(&["jwt", "sign", "--key", "es.jwk", "--alg", "ES256", "--exp", "15m", "--nbf", "1300819380", "--iat"])
        .line();
    dir.write("token.txt", &token);
    let claims = dir
        .jot(&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "--leeway", "0", "--max-age", "1h", "token.txt"])
        .json();
    assert_eq!(claims["nbf"], 1_300_819_380);
    // As of a time after exp, the same token is rejected (exit 1).
    dir.jot(&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "--now", "99999999999", "token.txt"]).fails(1);
    let bits = dir.jot(&["key", "generate", "--kty", "oct", "--bits", "384"]).json();
    assert_eq!(common::b64d(common::member(&bits, "k")).len(), 48);
}

/// An error line that carries text from outside (here a key file's name)
/// shows control characters escaped.
#[test]
fn error_lines_escape_control_characters() {
    let dir = TempDir::new();
    let name = dir.write("k\u{1b}[31m\u{202e}.jwk", "not a key");
    let out = dir.run(&["jws", "verify", "--key", name, "--alg", "ES256"], b"a.b.c");
    let line = out.fails(2);
    assert!(line.contains("k\\u001b[31m\\u202e.jwk"), "{line}");
    assert!(!out.stderr.contains('\u{1b}') && !out.stderr.contains('\u{202e}'), "{:?}", out.stderr);
}
