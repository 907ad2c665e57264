//! `jot jws`: sign and verify.

use jot_jwt::jws::{JwsBuilder, Verifier, sign_general};

use crate::cli::{JwsSignArgs, JwsVerifyArgs, Serialization};
use crate::error::{CliError, Result, key_error};
use crate::{io, parse};

pub fn sign(args: &JwsSignArgs) -> Result<()> {
    let alg = parse::jws_alg(&args.alg)?;
    let jwk = io::read_one_key(&args.key, "--key")?;
    let signer = jwk.signing_key(alg).map_err(key_error)?;
    let payload = io::read_input(args.file.as_deref(), "the payload file")?;
    let mut builder = JwsBuilder::new(&signer);
    if let Some(kid) = &args.kid {
        builder = builder.kid(Some(kid));
    }
    if let Some(h) = &args.header {
        for (name, value) in parse::json_object(h, "--header")?.iter() {
            builder = builder.header(name, value.clone()).map_err(CliError::usage)?;
        }
    }
    if args.unencoded {
        builder = builder.unencoded_payload();
    }
    let usage = |e: jot_jwt::jws::Error| CliError::usage(format!("cannot sign: {e}"));
    let out = match (args.format, args.detached) {
        (Serialization::Compact, false) => builder.compact(&payload),
        (Serialization::Compact, true) => builder.compact_detached(&payload),
        (Serialization::Flattened, false) => builder.flattened(&payload),
        (Serialization::Flattened, true) => builder.flattened_detached(&payload),
        (Serialization::General, false) => sign_general(&payload, &[builder]),
        (Serialization::General, true) => jot_jwt::jws::sign_general_detached(&payload, &[builder]),
    }
    .map_err(usage)?;
    io::write_line(&out)
}

pub fn verify(args: &JwsVerifyArgs) -> Result<()> {
    let algs = args.alg.iter().map(|a| parse::jws_alg(a)).collect::<Result<Vec<_>>>()?;
    let keys = io::read_keys(&args.key, "--key")?;
    let bound: Vec<_> = keys.iter().flat_map(|k| algs.iter().filter_map(|&a| k.verifying_key(a).ok())).collect();
    if bound.is_empty() {
        return Err(CliError::usage("no key in the key file can verify with the given --alg"));
    }
    let mut verifier = Verifier::with_keys(bound);
    for c in &args.crit {
        verifier = verifier.allow_crit(c.clone());
    }
    let token = io::read_token(args.file.as_deref())?;
    let detached = args.payload.as_deref().map(|p| io::read_file(p, "--payload")).transpose()?;
    let payload = if token.starts_with('{') {
        match &detached {
            Some(p) => verifier.verify_json_detached(token.as_bytes(), p),
            None => verifier.verify_json(token.as_bytes()),
        }
        .map(|v| v.payload().to_vec())
    } else {
        match &detached {
            Some(p) => verifier.verify_compact_detached(&token, p).map(|v| v.payload().to_vec()),
            None => verifier.verify_compact(&token).map(|v| v.payload().to_vec()),
        }
    }
    .map_err(CliError::rejected)?;
    io::write_raw(&payload)
}
