//! What a newcomer meets first (issue 19): `jot` alone prints the help; a
//! mistyped command gets the nearest one; errors say which argument they
//! are about, and a token given where a file belongs gets a hint (without
//! being echoed); `jwt sign` wants `--exp` or `--no-exp`; a token with an
//! `aud` says how to accept it; `--bits 1024` names the minimum; `inspect`
//! never says "rejected" (it verifies nothing).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{KeyPair, TempDir, jot};

fn signed(dir: &TempDir, extra: &[&str]) -> String {
    let key = KeyPair::generate(&["--alg", "ES256"]);
    dir.write("es.jwk", &key.private);
    dir.write("es.pub", &key.public);
    let mut args = vec!["jwt", "sign", "--key", "es.jwk", "--alg", "ES256"];
    args.extend_from_slice(extra);
    dir.jot(&args).line()
}

#[test]
fn jot_alone_prints_the_help() {
    let text = jot(&[], b"").text();
    assert!(text.contains("Usage: jot [OPTIONS] <COMMAND>"), "{text}");
    assert!(text.contains("jwt"), "{text}");
}

#[test]
fn a_mistyped_command_gets_the_nearest() {
    let line = jot(&["jwt", "verfy"], b"").fails(2);
    assert!(line.contains("did you mean 'verify'?"), "{line}");
    let line = jot(&["inspekt"], b"").fails(2);
    assert!(line.contains("did you mean 'inspect'?"), "{line}");
}

#[test]
fn jwt_sign_wants_exp_or_no_exp() {
    let dir = TempDir::new();
    signed(&dir, &["--exp", "5m"]);
    let line = dir.jot(&["jwt", "sign", "--key", "es.jwk", "--alg", "ES256"]).fails(2);
    assert!(line.contains("--exp") && line.contains("--no-exp"), "{line}");
    let token = dir.jot(&["jwt", "sign", "--key", "es.jwk", "--alg", "ES256", "--no-exp"]).line();
    dir.write("t", &token);
    let claims = dir.jot(&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "--no-exp", "t"]).json();
    assert!(claims.get("exp").is_none(), "{claims}");
    dir.jot(&["jwt", "sign", "--key", "es.jwk", "--alg", "ES256", "--no-exp", "--exp", "5m"]).fails(2);
}

#[test]
fn a_token_with_an_audience_says_how_to_accept_it() {
    let dir = TempDir::new();
    let token = signed(&dir, &["--aud", "api", "--exp", "5m"]);
    dir.write("t", &token);
    let line = dir.jot(&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "t"]).fails(1);
    assert!(line.contains("--aud") && line.contains("--any-audience"), "{line}");
    let claims = dir.jot(&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "--any-audience", "t"]).json();
    assert_eq!(claims["aud"], "api");
    // A wrong --aud is refused plainly.
    let line = dir.jot(&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "--aud", "other", "t"]).fails(1);
    assert!(!line.contains("--any-audience"), "{line}");
    dir.jot(&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", "--aud", "api", "--any-audience", "t"]).fails(2);
}

#[test]
fn rsa_bits_name_the_minimum() {
    for bits in ["1024", "512", "2047"] {
        let line = jot(&["key", "generate", "--kty", "RSA", "--bits", bits], b"").fails(2);
        assert!(line.contains("at least 2048"), "{line}");
    }
    let line = jot(&["key", "generate", "--kty", "RSA", "--bits", "5000"], b"").fails(2);
    assert!(line.contains("2048, 3072 or 4096"), "{line}");
}

#[test]
fn errors_name_their_argument_and_hint_at_tokens() {
    let dir = TempDir::new();
    let token = signed(&dir, &["--exp", "5m"]);
    // A token where --key belongs, and where the token file belongs.
    let line = dir.jot(&["jwt", "verify", "--key", &token, "--alg", "ES256", "t"]).fails_without(2, &[&token]);
    assert!(line.starts_with("error: --key: ") && line.contains("looks like a token"), "{line}");
    let line = dir.jot(&["jwt", "verify", "--key", "es.pub", "--alg", "ES256", &token]).fails_without(2, &[&token]);
    assert!(line.starts_with("error: the token file: ") && line.contains("looks like a token"), "{line}");
    // A missing key file: the argument is named, the name is not echoed.
    let line =
        dir.jot(&["jwt", "verify", "--key", "nothere.jwk", "--alg", "ES256", "t"]).fails_without(2, &["nothere"]);
    assert!(line.starts_with("error: --key: "), "{line}");
    // A key file that is not a key: named with its argument.
    dir.write("junk.jwk", "not a key");
    let line = dir.jot(&["jws", "sign", "--key", "junk.jwk", "--alg", "ES256"]).fails(2);
    assert!(line.starts_with("error: --key (junk.jwk): "), "{line}");
}

#[test]
fn inspect_never_says_rejected() {
    for input in [&b"abc"[..], b"a.b", b"a.!!.c", b"\xff\xfe"] {
        let line = jot(&["inspect"], input).fails(1);
        assert!(!line.contains("rejected"), "{line}");
        assert!(line.starts_with("error: cannot decode the token: "), "{line}");
    }
}

#[test]
fn output_files_are_private() {
    let dir = TempDir::new();
    dir.jot(&["key", "generate", "--alg", "ES256", "-o", "new.jwk"]).ok();
    assert!(String::from_utf8(dir.read("new.jwk")).unwrap().contains("\"d\""));
    // An existing file with wider permissions is narrowed.
    dir.write("token.txt", "old");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path().join("token.txt"), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    dir.jot(&["jwt", "sign", "--key", "new.jwk", "--alg", "ES256", "--exp", "5m", "--output", "token.txt"]).ok();
    assert_eq!(String::from_utf8(dir.read("token.txt")).unwrap().matches('.').count(), 2);
    #[cfg(unix)]
    for name in ["new.jwk", "token.txt"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{name}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let dir = TempDir::new();
    dir.jot(&["key", "generate", "--alg", "HS256", "-o", "hs.jwk"]).ok();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jot"))
        .args(["jws", "sign", "--key", "hs.jwk", "--alg", "HS256"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before jot writes.
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&[b'x'; 1 << 16]).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
