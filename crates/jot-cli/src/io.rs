//! Reading inputs (files or stdin) and keys; writing outputs.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use jot_jwt::json::{JsonLimits, parse_object};
use jot_jwt::jwk::{Jwk, JwkSet};

use crate::error::{CliError, Result};

/// Largest input read from a file or stdin (tokens, payloads, keys).
const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// Reads FILE, or stdin when FILE is absent or `-`, exactly. `what` names
/// the argument in errors (`--key`, `the token file`).
pub fn read_input(path: Option<&Path>, what: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    match path {
        Some(p) if p != Path::new("-") => {
            let file = std::fs::File::open(p).map_err(|e| open_error(what, p, &e))?;
            file.take(MAX_INPUT + 1).read_to_end(&mut buf)
        }
        _ => std::io::stdin().lock().take(MAX_INPUT + 1).read_to_end(&mut buf),
    }
    .map_err(|e| CliError::usage(format!("{what}: cannot read: {e}")))?;
    if buf.len() as u64 > MAX_INPUT {
        return Err(CliError::usage(format!("{what}: larger than 64 MiB")));
    }
    Ok(buf)
}

/// A FILE that cannot be opened, named by its argument. Its name is shown
/// only when something exists there: a name that names nothing may be a
/// token, a key or a password given in place of a file name, and errors
/// never echo those. A name shaped like a compact token gets a hint.
fn open_error(what: &str, path: &Path, e: &std::io::Error) -> CliError {
    if path.symlink_metadata().is_ok() {
        CliError::usage(format!("{what}: cannot read {}: {e}", path.display()))
    } else if path.to_str().is_some_and(looks_like_token) {
        CliError::usage(format!(
            "{what}: expects a file name, and this looks like a token (not shown): put the token in a file, or pass it on stdin"
        ))
    } else {
        CliError::usage(format!("{what}: cannot read the file (name not shown): {e}"))
    }
}

/// A compact JWS or JWE: base64url segments joined by two or four dots.
fn looks_like_token(s: &str) -> bool {
    let dots = s.bytes().filter(|&b| b == b'.').count();
    (dots == 2 || dots == 4)
        && s.len() >= 16
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Reads a token: surrounding whitespace trimmed, UTF-8.
pub fn read_token(path: Option<&Path>) -> Result<String> {
    let bytes = read_input(path, "the token file")?;
    let text = String::from_utf8(bytes).map_err(|_| CliError::malformed("not UTF-8"))?;
    Ok(text.trim().to_owned())
}

/// Reads a file that must exist (a key or password file).
pub fn read_file(path: &Path, what: &str) -> Result<Vec<u8>> {
    read_input(Some(path), what)
}

/// The keys of a key file to sign, verify, encrypt or decrypt with: a JWK,
/// a JWK Set, or one PEM block. A JWK Set keeps the library's set rules
/// when its keys are bound one by one: secrets or key pairs, never both,
/// and a kid names one member.
pub fn read_keys(path: &Path, what: &str) -> Result<Vec<Jwk>> {
    let bytes = read_file(path, what)?;
    parse_keys_with(&bytes, true).map_err(|e| CliError::usage(format!("{what} ({}): {e}", path.display())))
}

/// Parses key bytes: a JWK, a JWK Set, or one PEM block (for `key public`,
/// which may publish a set of local key pairs and secrets, dropping the
/// secrets).
pub fn parse_keys(bytes: &[u8]) -> std::result::Result<Vec<Jwk>, String> {
    parse_keys_with(bytes, false)
}

fn parse_keys_with(bytes: &[u8], set_rules: bool) -> std::result::Result<Vec<Jwk>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "key file is not UTF-8".to_owned())?;
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        let jwk_error = match Jwk::from_json(trimmed.as_bytes()) {
            Ok(jwk) => return Ok(vec![jwk]),
            Err(e) => e,
        };
        // Without a "keys" member it was meant as one JWK: say what is wrong
        // with it, not that "keys" is missing.
        if !parse_object(trimmed.as_bytes(), &JsonLimits::DEFAULT).is_ok_and(|o| o.contains_key("keys")) {
            return Err(format!("not a usable JWK: {jwk_error}"));
        }
        let set = JwkSet::from_json(trimmed.as_bytes()).map_err(|e| format!("not a usable JWK Set: {e}"))?;
        if set.keys().is_empty() {
            return Err("the JWK Set holds no usable key".to_owned());
        }
        if set_rules && set.check_public().is_err() && set.check_secrets().is_err() {
            return Err("the JWK Set mixes symmetric (oct) and asymmetric keys".to_owned());
        }
        if set_rules && set.ambiguous_kids().next().is_some() {
            return Err("two members of the JWK Set share a kid, so selection by it is ambiguous".to_owned());
        }
        Ok(set.keys().to_vec())
    } else if trimmed.starts_with("-----BEGIN") {
        Jwk::from_pem(trimmed).map(|k| vec![k]).map_err(|e| format!("not a usable PEM key: {e}"))
    } else {
        Err("expected a JWK, a JWK Set or a PEM key".to_owned())
    }
}

/// Exactly one key from a key file.
pub fn read_one_key(path: &Path, what: &str) -> Result<Jwk> {
    let mut keys = read_keys(path, what)?;
    match keys.len() {
        1 => Ok(keys.remove(0)),
        _ => Err(CliError::usage(format!(
            "{what} ({}): expected one key, found a set of {}",
            path.display(),
            keys.len()
        ))),
    }
}

/// A password file's contents, without one trailing newline.
pub fn read_password(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = read_file(path, "--password-file")?;
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    if bytes.is_empty() {
        return Err(CliError::usage("the password file is empty"));
    }
    Ok(bytes)
}

/// Where output goes: stdout, or the `-o/--output` file.
static OUTPUT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Sends the output to `path` instead of stdout (`-o/--output`).
pub fn set_output(path: &Path) {
    let _ = OUTPUT.set(path.to_path_buf());
}

/// Writes bytes to stdout (or the output file) exactly. A closed pipe
/// (`jot ... | head -c 10`) ends the command quietly.
pub fn write_raw(bytes: &[u8]) -> Result<()> {
    if let Some(path) = OUTPUT.get() {
        return write_file(path, bytes);
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.map_err(|e| CliError::usage(format!("cannot write output: {e}"))),
    }
}

/// Writes the output file, readable by its owner only (mode 0600 on Unix,
/// also when the file existed with wider permissions).
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |e: std::io::Error| CliError::usage(format!("--output ({}): cannot write: {e}", path.display()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path).map_err(fail)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600)).map_err(fail)?;
        (&file).write_all(bytes).map_err(fail)
    }
    #[cfg(not(unix))]
    {
        let mut file = options.open(path).map_err(fail)?;
        file.write_all(bytes).map_err(fail)
    }
}

/// Writes a line of text.
pub fn write_line(text: &str) -> Result<()> {
    write_raw(format!("{text}\n").as_bytes())
}

/// Writes JSON: pretty on a terminal, one line otherwise.
pub fn write_json(json: &str) -> Result<()> {
    if OUTPUT.get().is_none()
        && std::io::stdout().is_terminal()
        && let Ok(v) = serde_json::from_str::<serde_json::Value>(json)
        && let Ok(pretty) = serde_json::to_string_pretty(&v)
    {
        return write_line(&pretty);
    }
    write_line(json)
}

/// Whether stderr/stdout is a terminal (for colour).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}
