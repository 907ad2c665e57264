//! "Copy as a `jot` command": the `jot` command line that does what the
//! page just did. Keys are named as files (`key.jwk`), never inlined: a
//! secret on a command line ends up in the shell history.

use jot_jwt::json::{Object, Value as JotValue};

use crate::key::KeyFormat;
use crate::verify::{Shape, VerifyRequest};

/// The file a key of this format is referred to by. The CLI reads JWK,
/// JWK Sets and PEM; a secret is first saved as an `oct` JWK.
pub const fn key_file(format: KeyFormat) -> &'static str {
    match format {
        KeyFormat::Jwk | KeyFormat::SecretText | KeyFormat::SecretBase64url => "key.jwk",
        KeyFormat::JwkSet => "keys.json",
        KeyFormat::Pem => "key.pem",
    }
}

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./+=:@,%".contains(&b));
    if plain { word.to_owned() } else { format!("'{}'", word.replace('\'', r"'\''")) }
}

/// `jot inspect token.txt`.
pub fn inspect() -> String {
    "jot inspect token.txt".to_owned()
}

fn key_args(out: &mut Vec<String>, flag: &str, file: &str) {
    out.extend([flag.to_owned(), file.to_owned()]);
}

/// The command that verifies (or decrypts) as [`verify`](crate::verify)
/// was asked to, for a token of this shape.
pub(crate) fn verify(req: &VerifyRequest<'_>, shape: Shape) -> String {
    let mut w: Vec<String> = vec!["jot".into()];
    let now = req.now.to_string();
    let file = if shape.is_json() { "token.json" } else { "token.txt" };
    match (shape.is_jwe(), req.inner.as_ref()) {
        (false, _) if shape != Shape::Jwt => {
            w.extend(["jws".into(), "verify".into()]);
            key_args(&mut w, "--key", key_file(req.key.format));
            w.extend(["--alg".into(), shell_quote(req.key.alg)]);
        }
        (false, _) => {
            w.extend(["jwt".into(), "verify".into()]);
            key_args(&mut w, "--key", key_file(req.key.format));
            w.extend(["--alg".into(), shell_quote(req.key.alg), "--any-audience".into(), "--now".into(), now]);
        }
        (true, Some(inner)) => {
            w.extend(["jwt".into(), "verify".into()]);
            key_args(&mut w, "--key", &format!("verify-{}", key_file(inner.format)));
            w.extend(["--alg".into(), shell_quote(inner.alg)]);
            key_args(&mut w, "--decrypt-key", &format!("decrypt-{}", key_file(req.key.format)));
            w.extend(["--key-alg".into(), shell_quote(req.key.alg)]);
            w.extend(["--enc".into(), shell_quote(req.enc.unwrap_or("ENC"))]);
            w.extend(["--any-audience".into(), "--now".into(), now]);
        }
        (true, None) => {
            w.extend(["jwe".into(), "decrypt".into()]);
            key_args(&mut w, "--key", key_file(req.key.format));
            w.extend(["--key-alg".into(), shell_quote(req.key.alg)]);
            w.extend(["--enc".into(), shell_quote(req.enc.unwrap_or("ENC"))]);
        }
    }
    w.push(file.into());
    w.join(" ")
}

/// The commands that make a key and sign these claims: `jot key generate`
/// then `jot jwt sign`. A numeric `exp` in the claims becomes `--exp`
/// (the CLI asks for `--exp` or `--no-exp` explicitly).
pub(crate) fn encode(alg: &str, claims: &Object) -> String {
    let mut rest = claims.clone();
    let exp = match rest.remove("exp") {
        Some(JotValue::Number(n)) if n.as_i64().is_some() => n.as_i64().map(|e| format!("--exp {e}")),
        Some(other) => {
            rest.insert("exp", other);
            None
        }
        None => None,
    };
    let alg = shell_quote(alg);
    let mut sign = format!("jot jwt sign --key key.jwk --alg {alg}");
    if !rest.is_empty() {
        sign.push_str(" --claims ");
        sign.push_str(&shell_quote(&JotValue::Object(rest).to_json()));
    }
    sign.push(' ');
    sign.push_str(exp.as_deref().unwrap_or("--no-exp"));
    format!("jot key generate --alg {alg} -o key.jwk && {sign}")
}
