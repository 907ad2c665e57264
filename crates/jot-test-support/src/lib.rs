//! Shared helpers for the data-driven tests: vector files are read from the
//! workspace's `vectors/` folder, never pasted into code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

pub mod tamper;

use std::path::PathBuf;

use serde_json::Value;

/// The workspace `vectors/` folder.
pub fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../vectors")
}

/// Reads and parses a JSON vector file relative to `vectors/`.
pub fn load(rel: &str) -> Value {
    let path = vectors_dir().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Hex field of a JSON object (panics if absent: the vector file is broken).
pub fn hex_field(v: &Value, name: &str) -> Vec<u8> {
    hex::decode(v[name].as_str().unwrap_or_else(|| panic!("missing hex field {name}"))).unwrap()
}

/// Outcome expected by a Wycheproof test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Valid,
    Invalid,
    /// Either outcome is allowed.
    Acceptable,
}

pub fn expect(test: &Value) -> Expect {
    match test["result"].as_str().unwrap() {
        "valid" => Expect::Valid,
        "invalid" => Expect::Invalid,
        "acceptable" => Expect::Acceptable,
        other => panic!("unknown result {other}"),
    }
}

/// Counts Wycheproof outcomes for one file and fails the test at the end if
/// any test disagreed with its expected result.
pub struct Tally {
    file: String,
    total: usize,
    passed: usize,
    failures: Vec<String>,
}

impl Tally {
    pub fn new(file: &str) -> Self {
        Self { file: file.to_owned(), total: 0, passed: 0, failures: Vec::new() }
    }

    /// Records one test: `ok` is whether the implementation succeeded.
    pub fn record(&mut self, test: &Value, ok: bool) {
        self.total += 1;
        let exp = expect(test);
        let good = match exp {
            Expect::Valid => ok,
            Expect::Invalid => !ok,
            Expect::Acceptable => true,
        };
        if good {
            self.passed += 1;
        } else {
            self.failures.push(format!(
                "tcId {} ({:?}, {}): got {}",
                test["tcId"],
                exp,
                test["comment"].as_str().unwrap_or(""),
                if ok { "success" } else { "failure" }
            ));
        }
    }

    /// Prints `wycheproof FILE: passed P / total T` and asserts no failures.
    pub fn finish(self) {
        println!("wycheproof {}: passed {} / total {}", self.file, self.passed, self.total);
        assert!(self.total > 0, "{}: no tests ran", self.file);
        assert!(
            self.failures.is_empty(),
            "{}: {} failures:\n{}",
            self.file,
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

/// Iterates `(group, test)` pairs of a Wycheproof file.
pub fn wycheproof_tests(file: &Value) -> Vec<(&Value, &Value)> {
    let mut out = Vec::new();
    for g in file["testGroups"].as_array().unwrap() {
        for t in g["tests"].as_array().unwrap() {
            out.push((g, t));
        }
    }
    out
}

/// The member at `pointer` (RFC 6901) of the vector file `rel`: a string
/// as is, anything else as its JSON text (a JWK object, say). Panics if
/// absent: the vector file is broken.
pub fn vector_text(rel: &str, pointer: &str) -> String {
    match load(rel).pointer(pointer) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => panic!("{rel}: no {pointer}"),
    }
}

/// Serializes a JSON value from a vector file (a JWK object, say) to bytes.
pub fn json_bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

/// A string field of a vector object (panics if absent: the vector file is
/// broken).
pub fn str_field<'a>(v: &'a Value, name: &str) -> &'a str {
    v[name].as_str().unwrap_or_else(|| panic!("vector field {name} missing"))
}
