//! Every doc example an application can read compiles in an application
//! that depends only on jot-jwt: code blocks in the doc comments of the
//! crates jot-jwt re-exports (jot-core's public modules, jot-jwk, jot-jws,
//! jot-jwe, jot-jwks) and of jot-jwt itself name items through `jot_jwt::...`,
//! never through the crate that defines them. Those crates take jot-jwt as a
//! dev-dependency so that their doctests compile as written.
//!
//! The files exempted are jot-core's internals, hidden from the docs
//! (`#[doc(hidden)]`) and not reachable from jot-jwt: their examples can only
//! name `jot_core`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};

/// Crates whose names an example must not use.
const INNER: [&str; 6] = ["jot_core", "jot_crypto", "jot_jwk", "jot_jws", "jot_jwe", "jot_jwks"];

/// The crates whose docs a jot-jwt user reads.
const CRATES: [&str; 6] = ["jot-core", "jot-jwk", "jot-jws", "jot-jwe", "jot-jwks", "jot-jwt"];

/// Hidden internals (relative to `crates/`): not reachable from jot-jwt.
const EXEMPT: [&str; 6] = [
    "jot-core/src/base64std.rs",
    "jot-core/src/compact.rs",
    "jot-core/src/header.rs",
    "jot-core/src/json/de.rs",
    "jot-core/src/json/mismatch.rs",
    "jot-core/src/json/scan.rs",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The inner crate names `line` uses as identifiers (`jot_jwk` is not found
/// in `jot_jwks`).
fn inner_names(line: &str) -> Vec<&'static str> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    INNER
        .into_iter()
        .filter(|name| {
            line.match_indices(name).any(|(at, _)| {
                let before = line[..at].chars().next_back();
                let after = line[at + name.len()..].chars().next();
                !before.is_some_and(ident) && !after.is_some_and(ident)
            })
        })
        .collect()
}

/// `file:line: text` for each line of a doc-comment code block in `text`
/// that names an inner crate.
fn violations(file: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_code = false;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let Some(doc) = trimmed.strip_prefix("///").or_else(|| trimmed.strip_prefix("//!")) else {
            in_code = false;
            continue;
        };
        if doc.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code && !inner_names(doc).is_empty() {
            found.push(format!("{file}:{}: {}", n + 1, doc.trim()));
        }
    }
    found
}

#[test]
fn doc_examples_use_jot_jwt_paths() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in CRATES {
        rust_files(&crates.join(krate).join("src"), &mut files);
    }
    assert!(files.len() > 40, "the crates' sources were not found");
    let mut found = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&crates).unwrap().to_string_lossy().replace('\\', "/");
        if EXEMPT.contains(&rel.as_str()) {
            continue;
        }
        found.extend(violations(&rel, &fs::read_to_string(path).unwrap()));
    }
    assert!(
        found.is_empty(),
        "doc examples must use jot_jwt::... paths (an application depends on jot-jwt only):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_what_it_must() {
    let text = "/// Prose may name [`jot_jwk::Jwk`].\n///\n/// ```\n/// use jot_jwt::jwks::RemoteJwkSet;\n/// use jot_jwk::Jwk;\n/// ```\nfn f() {}\n//! ```\n//! let _ = jot_core::base64url::encode(b\"\");\n//! ```\n";
    assert_eq!(
        violations("f.rs", text),
        ["f.rs:5: use jot_jwk::Jwk;", "f.rs:9: let _ = jot_core::base64url::encode(b\"\");"]
    );
}
