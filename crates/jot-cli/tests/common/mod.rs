//! Shared helpers for the `jot` integration tests: run the binary with
//! arguments and stdin bytes inside a temporary directory, and check its
//! exit status and its one-line error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

pub mod server;
pub mod webdriver;

/// Every JWS algorithm jot supports.
pub const JWS_ALGS: [&str; 18] = [
    "HS256",
    "HS384",
    "HS512",
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "ES256K",
    "EdDSA",
    "Ed25519",
    "ML-DSA-44",
    "ML-DSA-65",
    "ML-DSA-87",
];

/// Every JWE key management algorithm except PBES2 (which takes a password).
pub const JWE_KEY_ALGS: [&str; 16] = [
    "dir",
    "RSA1_5",
    "RSA-OAEP",
    "RSA-OAEP-256",
    "RSA-OAEP-384",
    "RSA-OAEP-512",
    "A128KW",
    "A192KW",
    "A256KW",
    "A128GCMKW",
    "A192GCMKW",
    "A256GCMKW",
    "ECDH-ES",
    "ECDH-ES+A128KW",
    "ECDH-ES+A192KW",
    "ECDH-ES+A256KW",
];

/// The PBES2 key management algorithms.
pub const PBES2_ALGS: [&str; 3] = ["PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"];

/// Every JWE content encryption algorithm.
pub const ENCS: [&str; 6] = ["A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM"];

/// A payload that must come back byte for byte: text, NUL, bytes that are
/// not UTF-8, a dot, and a trailing newline.
pub const BINARY_PAYLOAD: &[u8] = b"hello.world\x00\xff\xfe\x80 \r\n\t{\"a\":1}\n";

/// A directory under the system temp dir, removed on drop. `jot` runs with
/// it as its working directory, so file arguments are plain names.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("jot-cli-test-{}-{nanos}-{n}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        Self { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` to the file `name` in this directory; returns `name`.
    pub fn write<'a>(&self, name: &'a str, bytes: impl AsRef<[u8]>) -> &'a str {
        std::fs::write(self.path.join(name), bytes).unwrap();
        name
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path.join(name)).unwrap()
    }

    /// Runs `jot ARGS` in this directory with `stdin` as its standard input.
    pub fn run(&self, args: &[&str], stdin: &[u8]) -> Output {
        run_in(&self.path, args, stdin)
    }

    /// Runs `jot ARGS` with an empty stdin.
    pub fn jot(&self, args: &[&str]) -> Output {
        self.run(args, b"")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// What one run of `jot` produced.
pub struct Output {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Output {
    /// Asserts success (exit 0, nothing on stderr); returns stdout.
    pub fn ok(&self) -> &[u8] {
        assert_eq!(self.code, 0, "jot {:?} failed: {}", self.args, self.stderr);
        assert!(self.stderr.is_empty(), "jot {:?} wrote to stderr: {}", self.args, self.stderr);
        &self.stdout
    }

    /// Asserts success; returns stdout as text.
    pub fn text(&self) -> String {
        String::from_utf8(self.ok().to_vec()).unwrap()
    }

    /// Asserts success; returns stdout as text without the final newline.
    pub fn line(&self) -> String {
        let text = self.text();
        let line = text.strip_suffix('\n').unwrap_or_else(|| panic!("no final newline: {text:?}"));
        assert!(!line.contains('\n'), "more than one line: {text:?}");
        line.to_owned()
    }

    /// Asserts success; parses stdout as one line of JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.line()).unwrap()
    }

    /// Asserts the exit status `code`, an empty stdout and exactly one
    /// stderr line beginning `error:`; returns that line.
    pub fn fails(&self, code: i32) -> String {
        assert_eq!(
            self.code,
            code,
            "jot {:?}: expected exit {code}, got {}; stdout {:?}; stderr {}",
            self.args,
            self.code,
            String::from_utf8_lossy(&self.stdout),
            self.stderr
        );
        assert!(self.stdout.is_empty(), "jot {:?} failed but wrote to stdout", self.args);
        let line = self.stderr.strip_suffix('\n').unwrap_or_else(|| panic!("stderr not one line: {:?}", self.stderr));
        assert!(!line.contains('\n'), "stderr is more than one line: {:?}", self.stderr);
        assert!(line.starts_with("error: "), "stderr does not begin with `error: `: {line:?}");
        line.to_owned()
    }

    /// As `fails`, and the error line contains none of `secrets`.
    pub fn fails_without(&self, code: i32, secrets: &[&str]) -> String {
        let line = self.fails(code);
        for s in secrets {
            assert!(!s.is_empty());
            assert!(!line.contains(s), "the error line echoes {s:?}: {line}");
        }
        line
    }
}

/// Runs `jot ARGS` in `dir` with `stdin`.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jot"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // A writer thread, so a large stdin cannot deadlock against stdout.
    let writer = std::thread::spawn(move || {
        // jot may exit before reading stdin (a usage error): ignore EPIPE.
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Output {
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        code: out.status.code().expect("jot was killed by a signal"),
        stdout: out.stdout,
        stderr: String::from_utf8(out.stderr).expect("stderr is not UTF-8"),
    }
}

/// Runs `jot ARGS` in the system temp dir (for commands that read no file).
pub fn jot(args: &[&str], stdin: &[u8]) -> Output {
    run_in(&std::env::temp_dir(), args, stdin)
}

/// Parses JSON text.
pub fn json(text: impl AsRef<[u8]>) -> Value {
    serde_json::from_slice(text.as_ref()).unwrap()
}

/// A string member of a JSON object.
pub fn member<'a>(v: &'a Value, name: &str) -> &'a str {
    v[name].as_str().unwrap_or_else(|| panic!("no string member {name:?} in {v}"))
}

/// base64url without padding, decoded (test input is trusted).
pub fn b64d(s: &str) -> Vec<u8> {
    jot_jwt::base64url::decode(s).unwrap()
}

/// base64url without padding.
pub fn b64e(bytes: &[u8]) -> String {
    jot_jwt::base64url::encode(bytes)
}

/// The decoded protected header of a compact token.
pub fn compact_header(token: &str) -> Value {
    json(b64d(token.split('.').next().unwrap()))
}

/// The private members of a JWK whose values must never be printed in an
/// error (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`).
pub fn private_values(jwk: &Value) -> Vec<String> {
    ["d", "p", "q", "dp", "dq", "qi", "k", "priv"].iter().filter_map(|m| jwk[*m].as_str().map(str::to_owned)).collect()
}

/// Replaces one character of `token` at byte `index` with another base64url
/// character, so the token stays well-formed.
pub fn flip_char(token: &str, index: usize) -> String {
    let mut bytes = token.as_bytes().to_vec();
    bytes[index] = if bytes[index] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

/// A generated key: the private JWK text and its public JWK text (for oct
/// keys, the same key).
#[derive(Clone)]
pub struct KeyPair {
    pub private: String,
    pub public: String,
}

impl KeyPair {
    /// Runs `jot key generate ARGS` and `jot key public`.
    pub fn generate(args: &[&str]) -> Self {
        let mut full = vec!["key", "generate"];
        full.extend_from_slice(args);
        let private = jot(&full, b"").line();
        let v = json(&private);
        let public =
            if v["kty"] == "oct" { private.clone() } else { jot(&["key", "public"], private.as_bytes()).line() };
        Self { private, public }
    }

    pub fn private_json(&self) -> Value {
        json(&self.private)
    }
}
