//! `jot key`: generate, public, thumbprint, convert.

use std::path::Path;

use jot_jwt::alg::{Curve, JweAlgorithm, JwsAlgorithm, ShaAlg};
use jot_jwt::jwk::pem::DerFormat;
use jot_jwt::jwk::{Jwk, JwkSet, KeySpec, KeyUse};

use crate::cli::{Format, GenerateArgs, Hash, Use};
use crate::error::{CliError, Result, key_error};
use crate::io;
use crate::parse;

pub fn generate(args: &GenerateArgs) -> Result<()> {
    let mut jwk = match (&args.alg, &args.kty) {
        (Some(alg), _) => {
            if let Ok(a) = JwsAlgorithm::from_name(alg) {
                Jwk::generate_for_jws(a).map_err(key_error)?
            } else if let Ok(a) = JweAlgorithm::from_name(alg) {
                if a.is_pbes2() {
                    return Err(CliError::usage("PBES2 takes a password (--password-file), not a generated key"));
                }
                let enc = args.enc.as_deref().map(parse::jwe_enc).transpose()?;
                if a == JweAlgorithm::Dir && enc.is_none() {
                    return Err(CliError::usage("--alg dir needs --enc to size the key"));
                }
                Jwk::generate_for_jwe(a, enc).map_err(key_error)?
            } else {
                return Err(CliError::usage("unsupported algorithm (--alg)"));
            }
        }
        (None, Some(kty)) => Jwk::generate(spec(kty, args.crv.as_deref(), args.bits)?).map_err(key_error)?,
        (None, None) => return Err(CliError::usage("give --alg or --kty")),
    };
    if let Some(kid) = &args.kid {
        jwk.set_kid(kid.clone());
    }
    if let Some(u) = args.key_use {
        let mut params = jwk.params().clone();
        let key_use = match u {
            Use::Sig => KeyUse::Sig,
            Use::Enc => KeyUse::Enc,
        };
        // --alg already set the use; another one would make a key that no
        // operation accepts.
        if params.key_use.as_ref().is_some_and(|set| *set != key_use) {
            return Err(CliError::usage("--use contradicts --alg (a signing or an encryption algorithm)"));
        }
        params.key_use = Some(key_use);
        jwk.set_params(params).map_err(key_error)?;
    }
    io::write_json(&jwk.to_json())
}

/// The largest `oct` key `--kty oct --bits` makes (1 KiB; the largest any
/// algorithm takes is 512 bits).
const MAX_OCT_BITS: usize = 8192;

fn spec(kty: &str, crv: Option<&str>, bits: Option<usize>) -> Result<KeySpec> {
    Ok(match kty {
        "RSA" => match bits.unwrap_or(2048) {
            bits @ (2048 | 3072 | 4096) => KeySpec::Rsa { bits },
            b if b < 2048 => return Err(CliError::usage("--bits for RSA must be at least 2048 (2048, 3072 or 4096)")),
            _ => return Err(CliError::usage("--bits for RSA must be 2048, 3072 or 4096")),
        },
        "EC" => KeySpec::Ec(crv.map(parse::curve).transpose()?.unwrap_or(Curve::P256)),
        "OKP" => KeySpec::Okp(crv.map(parse::curve).transpose()?.unwrap_or(Curve::Ed25519)),
        "oct" => {
            let bits = bits.unwrap_or(256);
            if !bits.is_multiple_of(8) {
                return Err(CliError::usage("--bits for oct must be a multiple of 8"));
            }
            // A size from the command line is allocated as it is: a huge one
            // would abort the process (out of memory), not fail.
            if bits > MAX_OCT_BITS {
                return Err(CliError::usage(format!("--bits for oct must be at most {MAX_OCT_BITS}")));
            }
            KeySpec::Oct { bytes: bits / 8 }
        }
        // RFC 9964: an AKP key is for one algorithm, named when it is made.
        "AKP" => {
            return Err(CliError::usage(
                "an AKP key is for one algorithm: give --alg ML-DSA-44, ML-DSA-65 or ML-DSA-87",
            ));
        }
        _ => return Err(CliError::usage("unsupported key type (--kty): RSA, EC, OKP or oct (AKP: use --alg)")),
    })
}

pub fn public(file: Option<&Path>) -> Result<()> {
    let bytes = io::read_input(file, "the key file")?;
    let keys = io::parse_keys(&bytes).map_err(CliError::usage)?;
    // A JWK Set is JSON that is not one JWK (as `parse_keys` decides), not
    // any text that happens to hold the word "keys" (a kid, say).
    let text = std::str::from_utf8(&bytes).map(str::trim).unwrap_or_default();
    let is_set = text.starts_with('{') && Jwk::from_json(text.as_bytes()).is_err();
    if is_set {
        return io::write_json(&JwkSet::from_keys(keys).to_public().to_json());
    }
    let jwk = keys.first().ok_or_else(|| CliError::usage("no key"))?;
    let public = jwk.to_public().ok_or_else(|| CliError::usage("a symmetric (oct) key has no public part"))?;
    io::write_json(&public.to_json())
}

fn one_key(file: Option<&Path>) -> Result<Jwk> {
    let bytes = io::read_input(file, "the key file")?;
    let mut keys = io::parse_keys(&bytes).map_err(CliError::usage)?;
    if keys.len() != 1 {
        return Err(CliError::usage("expected one key, found a JWK Set"));
    }
    Ok(keys.remove(0))
}

pub fn thumbprint(hash: Hash, uri: bool, file: Option<&Path>) -> Result<()> {
    let jwk = one_key(file)?;
    let sha = match hash {
        Hash::Sha256 => ShaAlg::Sha256,
        Hash::Sha384 => ShaAlg::Sha384,
        Hash::Sha512 => ShaAlg::Sha512,
    };
    io::write_line(&if uri { jwk.thumbprint_uri(sha) } else { jwk.thumbprint_b64(sha) })
}

pub fn convert(to: Format, public: bool, file: Option<&Path>) -> Result<()> {
    let mut jwk = one_key(file)?;
    if public {
        jwk = jwk.to_public().ok_or_else(|| CliError::usage("a symmetric (oct) key has no public part"))?;
    }
    match to {
        Format::Jwk => io::write_json(&jwk.to_json()),
        Format::Pem => {
            let format = if jwk.is_private() { DerFormat::Pkcs8 } else { DerFormat::Spki };
            let pem = jwk.to_pem(format).map_err(|e| CliError::usage(format!("cannot write PEM: {e}")))?;
            io::write_raw(pem.as_bytes())
        }
    }
}
