//! `jot jwe`: encrypt and decrypt.

use jot_jwt::jwe::{Decrypter, JweBuilder, Limits};
use jot_jwt::jwk::Jwk;

use crate::cli::{JweDecryptArgs, JweEncryptArgs, Serialization};
use crate::error::{CliError, Result, key_error};
use crate::{io, parse};

/// The recipient key: from --key, or the PBES2 password from --password-file.
fn recipient_jwk(key: Option<&std::path::Path>, password: Option<&std::path::Path>) -> Result<Vec<Jwk>> {
    match (key, password) {
        (_, Some(p)) => {
            let secret = jot_jwt::jwk::Jwk::from_secret(io::read_password(p)?.into()).map_err(key_error)?;
            Ok(vec![secret])
        }
        (Some(k), None) => io::read_keys(k, "--key"),
        (None, None) => Err(CliError::usage("give --key or --password-file")),
    }
}

pub fn encrypt(args: &JweEncryptArgs) -> Result<()> {
    let alg = parse::jwe_alg(&args.alg)?;
    let enc = parse::jwe_enc(&args.enc)?;
    if alg.is_pbes2() != args.password_file.is_some() {
        return Err(CliError::usage("PBES2 takes --password-file; other algorithms take --key"));
    }
    let mut keys = recipient_jwk(args.key.as_deref(), args.password_file.as_deref())?;
    if keys.len() != 1 {
        return Err(CliError::usage("expected one key, found a JWK Set"));
    }
    let mut jwk = keys.remove(0);
    if let Some(kid) = &args.kid {
        jwk.set_kid(kid.clone());
    }
    let key = match jwk.to_public() {
        Some(public) => public.encrypting_key(alg),
        None => jwk.encrypting_key(alg),
    }
    .map_err(key_error)?;
    let plaintext = io::read_input(args.file.as_deref(), "the input file")?;
    let mut builder = JweBuilder::new(enc).recipient(&key);
    if args.zip {
        builder = builder.zip();
    }
    if let Some(p2c) = args.p2c {
        builder = builder.p2c(p2c);
    }
    if let Some(h) = &args.header {
        for (name, value) in parse::json_object(h, "--header")?.iter() {
            builder = builder.header(name, value.clone()).map_err(CliError::usage)?;
        }
    }
    let out = match args.format {
        Serialization::Compact => builder.compact(&plaintext),
        Serialization::Flattened => builder.flattened(&plaintext),
        Serialization::General => builder.general(&plaintext),
    }
    .map_err(|e| CliError::usage(format!("cannot encrypt: {e}")))?;
    io::write_line(&out)
}

pub fn decrypt(args: &JweDecryptArgs) -> Result<()> {
    let algs = args.alg.iter().map(|a| parse::jwe_alg(a)).collect::<Result<Vec<_>>>()?;
    let encs = args.enc.iter().map(|e| parse::jwe_enc(e)).collect::<Result<Vec<_>>>()?;
    let keys = recipient_jwk(args.key.as_deref(), args.password_file.as_deref())?;
    let bound: Vec<_> = keys.iter().flat_map(|k| algs.iter().filter_map(|&a| k.decrypting_key(a).ok())).collect();
    if bound.is_empty() {
        return Err(CliError::usage("no key can decrypt with the given --alg"));
    }
    let mut limits = Limits::DEFAULT;
    if let Some(p2c) = args.max_p2c {
        limits.max_p2c = p2c;
    }
    if let Some(z) = args.zip_limit {
        limits.max_decompressed_bytes = z;
    }
    // A terminal user decrypting a token asked to see it: compressed
    // content is accepted, with the cap above.
    let decrypter = Decrypter::with_keys(bound, &encs).limits(limits).allow_zip();
    let token = io::read_token(args.file.as_deref())?;
    let decrypted = if token.starts_with('{') {
        decrypter.decrypt_json(token.as_bytes())
    } else {
        decrypter.decrypt_compact(&token)
    }
    .map_err(CliError::rejected)?;
    io::write_raw(decrypted.plaintext())
}
