//! `jot jwt`: sign and verify.

use jot_jwt::json::Value;
use jot_jwt::jwe::{Decrypter, JweBuilder};
use jot_jwt::jwks::RemoteJwkSet;
use jot_jwt::{Claim, Clock, FixedClock, JwtBuilder, SystemClock, Validation};

use crate::cli::{JwtSignArgs, JwtVerifyArgs};
use crate::error::{CliError, Result, key_error};
use crate::{io, parse};

pub fn sign(args: &JwtSignArgs) -> Result<()> {
    let alg = parse::jws_alg(&args.alg)?;
    let jwk = io::read_one_key(&args.key, "--key")?;
    let signer = jwk.signing_key(alg).map_err(key_error)?;
    let now = SystemClock.now();
    let mut b = JwtBuilder::new().without_iat();
    if let Some(c) = &args.claims {
        for (name, value) in parse::json_object(c, "--claims")?.iter() {
            b = b.claim(name, value.clone());
        }
    }
    if let Some(v) = &args.iss {
        b = b.issuer(v);
    }
    if let Some(v) = &args.sub {
        b = b.subject(v);
    }
    match args.aud.as_slice() {
        [] => {}
        [one] => b = b.audience(one),
        many => b = b.audiences(many),
    }
    match (args.exp, args.no_exp) {
        (Some(v), _) => b = b.expires_at(v.resolve(now, "--exp")?),
        (None, true) => {}
        (None, false) => {
            return Err(CliError::usage(
                "a token without exp never expires: give --exp (15m, 1h, 7d), or --no-exp to issue one anyway",
            ));
        }
    }
    if let Some(v) = args.nbf {
        b = b.not_before(v.resolve(now, "--nbf")?);
    }
    if args.iat {
        b = b.issued_at(now);
    }
    if let Some(v) = &args.jti {
        b = b.jwt_id(v);
    }
    if let Some(t) = &args.typ {
        b = b.typ(t);
    }
    if let Some(k) = &args.kid {
        b = b.kid(k);
    }
    let usage = |e: jot_jwt::Error| CliError::usage(format!("cannot issue: {e}"));
    let token = match (&args.encrypt_key, &args.key_alg, &args.enc) {
        (Some(path), Some(key_alg), Some(enc)) => {
            let key_alg = parse::jwe_alg(key_alg)?;
            let enc = parse::jwe_enc(enc)?;
            let recipient = io::read_one_key(path, "--encrypt-key")?;
            let key = match recipient.to_public() {
                Some(p) => p.encrypting_key(key_alg),
                None => recipient.encrypting_key(key_alg),
            }
            .map_err(key_error)?;
            b.sign_and_encrypt(&signer, JweBuilder::new(enc).recipient(&key)).map_err(usage)?
        }
        _ => b.sign(&signer).map_err(usage)?,
    };
    io::write_line(&token)
}

fn claim(name: &str) -> Result<Claim> {
    Ok(match name {
        "iss" => Claim::Iss,
        "sub" => Claim::Sub,
        "aud" => Claim::Aud,
        "exp" => Claim::Exp,
        "nbf" => Claim::Nbf,
        "iat" => Claim::Iat,
        "jti" => Claim::Jti,
        _ => return Err(CliError::usage("--require takes iss, sub, aud, exp, nbf, iat or jti")),
    })
}

pub fn verify(args: &JwtVerifyArgs) -> Result<()> {
    let algs = args.alg.iter().map(|a| parse::jws_alg(a)).collect::<Result<Vec<_>>>()?;
    let mut v = match (&args.key, &args.jwks_url, &args.oidc) {
        (Some(path), None, None) => {
            let keys = io::read_keys(path, "--key")?;
            let bound: Vec<_> =
                keys.iter().flat_map(|k| algs.iter().filter_map(|&a| k.verifying_key(a).ok())).collect();
            if bound.is_empty() {
                return Err(CliError::usage("no key in the key file can verify with the given --alg"));
            }
            Validation::from_keys(bound)
        }
        (None, Some(url), None) => Validation::from_remote(remote::build(RemoteJwkSet::builder(url), &algs, args)?),
        (None, None, Some(issuer)) => {
            Validation::from_remote(remote::build(RemoteJwkSet::discover(issuer), &algs, args)?)
        }
        _ => return Err(CliError::usage("give one of --key, --jwks-url or --oidc")),
    };
    if !args.iss.is_empty() {
        v = v.issuers(args.iss.iter().cloned());
    }
    if !args.aud.is_empty() {
        v = v.audiences(args.aud.iter().cloned());
    }
    if args.any_audience {
        v = v.any_audience();
    }
    if let Some(s) = &args.sub {
        v = v.subject(s.clone());
    }
    if let Some(l) = args.leeway {
        v = v.leeway(l);
    }
    for r in &args.require {
        v = v.require(claim(r)?);
    }
    if let Some(age) = args.max_age {
        v = v.max_age(age);
    }
    if let Some(t) = &args.typ {
        v = v.typ(t.clone());
    }
    if args.no_exp {
        v = v.without_exp();
    }
    if let Some(now) = args.now {
        v = v.clock(FixedClock(now));
    }
    if let Some(path) = &args.decrypt_key {
        let key_algs = args.key_alg.iter().map(|a| parse::jwe_alg(a)).collect::<Result<Vec<_>>>()?;
        let encs = args.enc.iter().map(|e| parse::jwe_enc(e)).collect::<Result<Vec<_>>>()?;
        let dkeys = io::read_keys(path, "--decrypt-key")?;
        let bound: Vec<_> =
            dkeys.iter().flat_map(|k| key_algs.iter().filter_map(|&a| k.decrypting_key(a).ok())).collect();
        if bound.is_empty() {
            return Err(CliError::usage("no key in --decrypt-key can decrypt with the given --key-alg"));
        }
        v = v.decrypt_with(Decrypter::with_keys(bound, &encs));
    }
    let token = io::read_token(args.file.as_deref())?;
    let jwt = match if args.key.is_some() { v.verify_claims(&token) } else { remote::verify(&v, &token)? } {
        Ok(jwt) => jwt,
        Err(jot_jwt::Error::InvalidAudience) if args.aud.is_empty() => {
            return Err(CliError::rejected(
                "the token has an audience (aud) and none is accepted: give --aud with the audience this service is, or --any-audience",
            ));
        }
        Err(e) => return Err(CliError::rejected(e)),
    };
    io::write_line(&Value::from(jwt.into_claims()).to_json())
}

/// `--jwks-url` and `--oidc`: the keys fetched by jot-jwks, on a runtime
/// that lives for one verification.
mod remote {
    use jot_jwt::alg::JwsAlgorithm;
    use jot_jwt::json::Object;
    use jot_jwt::jwks::{RemoteJwkSet, RemoteJwkSetBuilder};
    use jot_jwt::{Error, Jwt, Validation};

    use crate::cli::JwtVerifyArgs;
    use crate::error::{CliError, Result};

    pub fn build(builder: RemoteJwkSetBuilder, algs: &[JwsAlgorithm], args: &JwtVerifyArgs) -> Result<RemoteJwkSet> {
        let mut builder = builder.algorithms(algs);
        if args.allow_http_loopback {
            builder = builder.allow_http_loopback();
        }
        builder.build().map_err(CliError::usage)
    }

    /// Verifies with the remote keys: a failure of the key source is
    /// `Unavailable` (exit 3); the token's own failures are returned.
    pub fn verify(v: &Validation, token: &str) -> Result<std::result::Result<Jwt<Object>, Error>> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| CliError::usage(format!("cannot start the HTTP runtime: {e}")))?;
        match runtime.block_on(v.verify_async::<Object>(token)) {
            Err(Error::KeySource(e)) if e.is_unavailable() => Err(CliError::Unavailable(e.to_string())),
            other => Ok(other),
        }
    }
}
