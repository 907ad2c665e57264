//! `jot jwt sign` and `jot jwt verify`: every signature algorithm, every
//! claim flag, nested JWTs (`--encrypt-key`/`--decrypt-key`), and the claim
//! rules at the command line: `aud` refused without `--aud` (RFC 7519
//! 4.1.3), `exp` required unless `--no-exp`, `nbf`, leeway, `--max-age`,
//! `--typ`, `--require`; `alg: none`, tampering and wrong keys exit 1.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::sync::OnceLock;

use common::{JWS_ALGS, KeyPair, TempDir, b64d, b64e, compact_header, flip_char, json, member};
use jot_jwt::json::Object;
use serde_json::json as j;

/// An absolute `exp` well in the future; `--now` values are around it.
const EXP: i64 = 2_000_000_000;

/// One RSA key for RS*/PS* and RSA-OAEP; one key per other algorithm; and
/// encryption keys for nested JWTs.
struct Keys {
    rsa: KeyPair,
    sig: Vec<(&'static str, KeyPair)>,
    p256: KeyPair,
    a256kw: KeyPair,
    dir: KeyPair,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        rsa: KeyPair::generate(&["--kty", "RSA"]),
        sig: JWS_ALGS
            .iter()
            .filter(|a| !a.starts_with("RS") && !a.starts_with("PS"))
            .map(|a| (*a, KeyPair::generate(&["--alg", a])))
            .collect(),
        p256: KeyPair::generate(&["--kty", "EC", "--crv", "P-256"]),
        a256kw: KeyPair::generate(&["--alg", "A256KW"]),
        dir: KeyPair::generate(&["--alg", "dir", "--enc", "A256CBC-HS512"]),
    })
}

fn sig_key(alg: &str) -> &'static KeyPair {
    let k = keys();
    if alg.starts_with("RS") || alg.starts_with("PS") {
        return &k.rsa;
    }
    &k.sig.iter().find(|(a, _)| *a == alg).unwrap().1
}

/// `<alg>.jwk` and `<alg>.pub` for every algorithm, plus the encryption
/// keys `rsa.jwk`/`rsa.pub`, `p256.jwk`/`p256.pub`, `a256kw.jwk`, `dir.jwk`.
fn key_dir() -> TempDir {
    let dir = TempDir::new();
    for alg in JWS_ALGS {
        dir.write(&format!("{alg}.jwk"), &sig_key(alg).private);
        dir.write(&format!("{alg}.pub"), &sig_key(alg).public);
    }
    let k = keys();
    dir.write("rsa.jwk", &k.rsa.private);
    dir.write("rsa.pub", &k.rsa.public);
    dir.write("p256.jwk", &k.p256.private);
    dir.write("p256.pub", &k.p256.public);
    dir.write("a256kw.jwk", &k.a256kw.private);
    dir.write("dir.jwk", &k.dir.private);
    dir
}

/// `jot jwt sign --key ES256.jwk --alg ES256 ARGS`.
fn sign(dir: &TempDir, args: &[&str]) -> String {
    let mut full = vec!["jwt", "sign", "--key", "ES256.jwk", "--alg", "ES256"];
    full.extend_from_slice(args);
    dir.jot(&full).line()
}

/// `jot jwt verify --key ES256.pub --alg ES256 ARGS` with the token on stdin.
fn verify(dir: &TempDir, token: &str, args: &[&str]) -> common::Output {
    let mut full = vec!["jwt", "verify", "--key", "ES256.pub", "--alg", "ES256"];
    full.extend_from_slice(args);
    dir.run(&full, token.as_bytes())
}

fn claims(token: &str) -> serde_json::Value {
    json(b64d(token.split('.').nth(1).unwrap()))
}

#[test]
fn every_algorithm_round_trips() {
    let dir = key_dir();
    for alg in JWS_ALGS {
        let args = [
            "jwt",
            "sign",
            "--key",
            &format!("{alg}.jwk"),
            "--alg",
            alg,
            "--claims",
            r#"{"role":"admin","n":[1,2.5,{"deep":null}],"name":"Zoë"}"#,
            "--iss",
            "https://id.example",
            "--sub",
            "alice",
            "--aud",
            "api",
            "--exp",
            "1h",
            "--iat",
            "--jti",
            "id-1",
        ];
        let token = dir.jot(&args).line();
        assert_eq!(token.split('.').count(), 3);
        let header = compact_header(&token);
        assert_eq!(header["alg"], alg);
        assert_eq!(header["typ"], "JWT");
        let file = dir.write("token.jwt", format!("{token}\n"));
        let verify_args = [
            "jwt",
            "verify",
            "--key",
            &format!("{alg}.pub"),
            "--alg",
            alg,
            "--iss",
            "https://id.example",
            "--aud",
            "api",
            "--sub",
            "alice",
            file,
        ];
        let out = dir.jot(&verify_args).json();
        let (exp, iat) = (out["exp"].as_i64().unwrap(), out["iat"].as_i64().unwrap());
        assert_eq!(exp - iat, 3600, "{alg}");
        assert_eq!(
            out,
            j!({"role":"admin","n":[1,2.5,{"deep":null}],"name":"Zoë","iss":"https://id.example","sub":"alice",
                "aud":"api","exp":exp,"iat":iat,"jti":"id-1"}),
            "{alg}"
        );
        // The same from stdin, with whitespace around the token.
        let mut stdin_args = verify_args.to_vec();
        stdin_args.pop();
        assert_eq!(dir.run(&stdin_args, format!("\n  {token}\r\n\n").as_bytes()).json(), out);
    }
}

#[test]
fn claim_flags() {
    let dir = key_dir();
    // Several --aud make an array; absolute NumericDates pass through.
    let token = sign(&dir, &["--aud", "a", "--aud", "b", "--exp", "2000000000", "--nbf", "1500000000"]);
    assert_eq!(claims(&token), j!({"aud":["a","b"],"exp":EXP,"nbf":1_500_000_000}));
    // Durations are from now.
    let token = sign(&dir, &["--exp", "7d", "--nbf", "30s", "--iat"]);
    let c = claims(&token);
    let iat = c["iat"].as_i64().unwrap();
    assert_eq!(c["exp"].as_i64().unwrap() - iat, 7 * 86_400);
    assert_eq!(c["nbf"].as_i64().unwrap() - iat, 30);
    // Flags replace members of --claims.
    let token = sign(&dir, &["--claims", r#"{"iss":"a","sub":"s","exp":5,"x":true}"#, "--iss", "b", "--exp", "15m"]);
    let c = claims(&token);
    assert_eq!(c["iss"], "b");
    assert_eq!(c["sub"], "s");
    assert_eq!(c["x"], true);
    assert!(c["exp"].as_i64().unwrap() > 1_000_000);
    // No iat unless asked for.
    assert!(claims(&sign(&dir, &["--exp", "1h"])).get("iat").is_none());
    // typ and kid in the header.
    let header = compact_header(&sign(&dir, &["--exp", "1h"]));
    assert_eq!(header["kid"], member(&sig_key("ES256").private_json(), "kid"));
    let header = compact_header(&sign(&dir, &["--exp", "1h", "--typ", "at+jwt", "--kid", "k-7"]));
    assert_eq!(header["typ"], "at+jwt");
    assert_eq!(header["kid"], "k-7");
}

#[test]
fn bad_claim_flags_exit_2() {
    let dir = key_dir();
    for args in [
        &["--claims", "[1]"][..],
        &["--claims", r#"{"a":"#],
        &["--claims", r#"{"a":1,"a":2}"#],
        &["--claims", "null"],
        &["--exp", "soon"],
        &["--exp", "1w"],
        &["--exp", "-5m"],
        &["--nbf", "1.5h"],
        &["--iat", "now"],
        &["--aud"],
    ] {
        let mut full = vec!["jwt", "sign", "--key", "ES256.jwk", "--alg", "ES256"];
        full.extend_from_slice(args);
        dir.jot(&full).fails(2);
    }
    let token = sign(&dir, &["--exp", "1h"]);
    for args in [&["--require", "role"][..], &["--max-age", "1y"], &["--leeway", "-1"], &["--now", "tomorrow"]] {
        verify(&dir, &token, args).fails_without(2, &[&token]);
    }
}

#[test]
fn audience_rules() {
    let dir = key_dir();
    let token = sign(&dir, &["--aud", "api", "--exp", "1h"]);
    // RFC 7519 4.1.3: a token with aud is refused by a verifier that names none.
    let line = verify(&dir, &token, &[]).fails_without(1, &[&token]);
    assert!(line.contains("audience"), "{line}");
    verify(&dir, &token, &["--aud", "other"]).fails(1);
    verify(&dir, &token, &["--aud", "API"]).fails(1);
    assert_eq!(verify(&dir, &token, &["--aud", "api"]).json()["aud"], "api");
    assert_eq!(verify(&dir, &token, &["--aud", "x", "--aud", "api"]).json()["aud"], "api");
    // An array: one match is enough.
    let token = sign(&dir, &["--aud", "a", "--aud", "b", "--exp", "1h"]);
    verify(&dir, &token, &[]).fails(1);
    verify(&dir, &token, &["--aud", "c"]).fails(1);
    assert_eq!(verify(&dir, &token, &["--aud", "b"]).json()["aud"], j!(["a", "b"]));
    // --aud makes aud required.
    let token = sign(&dir, &["--exp", "1h"]);
    verify(&dir, &token, &["--aud", "api"]).fails(1);
    verify(&dir, &token, &[]).ok();
}

#[test]
fn exp_nbf_and_leeway() {
    let dir = key_dir();
    // exp is required unless --no-exp.
    let no_exp = sign(&dir, &["--sub", "s", "--no-exp"]);
    let line = verify(&dir, &no_exp, &[]).fails(1);
    assert!(line.contains("exp"), "{line}");
    assert_eq!(verify(&dir, &no_exp, &["--no-exp"]).json(), j!({"sub":"s"}));

    let token = sign(&dir, &["--exp", "2000000000"]);
    let at = |now: i64, extra: &[&str]| {
        let now = now.to_string();
        let mut args = vec!["--now", now.as_str()];
        args.extend_from_slice(extra);
        verify(&dir, &token, &args)
    };
    at(EXP - 1000, &[]).ok();
    // The default leeway is 60 seconds.
    at(EXP + 30, &[]).ok();
    let line = at(EXP + 120, &[]).fails_without(1, &[&token]);
    assert!(line.contains("expired"), "{line}");
    at(EXP + 100_000, &[]).fails(1);
    at(EXP + 120, &["--leeway", "600"]).ok();
    at(EXP + 30, &["--leeway", "0"]).fails(1);
    // --no-exp does not excuse an exp that has passed.
    at(EXP + 120, &["--no-exp"]).fails(1);
    // Without --now, "now" is the system clock: an exp in the past fails.
    let expired = sign(&dir, &["--exp", "1000000000"]);
    verify(&dir, &expired, &[]).fails(1);

    let token = sign(&dir, &["--exp", "2000000000", "--nbf", "1900000000"]);
    let at = |now: i64, extra: &[&str]| {
        let now = now.to_string();
        let mut args = vec!["--now", now.as_str()];
        args.extend_from_slice(extra);
        verify(&dir, &token, &args)
    };
    at(1_900_000_100, &[]).ok();
    at(1_899_999_990, &[]).ok();
    let line = at(1_899_000_000, &[]).fails(1);
    assert!(line.contains("not yet valid"), "{line}");
    at(1_899_999_000, &["--leeway", "2000"]).ok();
    // An nbf in the real future.
    verify(&dir, &sign(&dir, &["--exp", "2h", "--nbf", "1h"]), &[]).fails(1);
}

#[test]
fn issuer_subject_required_claims_age_and_typ() {
    let dir = key_dir();
    let token = sign(&dir, &["--iss", "https://id.example", "--sub", "alice", "--exp", "2000000000", "--iat"]);
    verify(&dir, &token, &["--iss", "https://id.example"]).ok();
    verify(&dir, &token, &["--iss", "https://other.example", "--iss", "https://id.example"]).ok();
    let line = verify(&dir, &token, &["--iss", "https://evil.example"]).fails_without(1, &[&token]);
    assert!(line.contains("issuer"), "{line}");
    verify(&dir, &token, &["--iss", "https://id.example/"]).fails(1);
    verify(&dir, &token, &["--sub", "alice"]).ok();
    verify(&dir, &token, &["--sub", "bob"]).fails(1);
    // --iss makes iss required.
    verify(&dir, &sign(&dir, &["--exp", "1h"]), &["--iss", "https://id.example"]).fails(1);

    // --require.
    verify(&dir, &token, &["--require", "iat", "--require", "sub", "--require", "iss", "--require", "exp"]).ok();
    for claim in ["jti", "aud", "nbf"] {
        let line = verify(&dir, &token, &["--require", claim]).fails(1);
        assert!(line.contains(claim), "{line}");
    }
    verify(&dir, &sign(&dir, &["--exp", "1h", "--jti", "j"]), &["--require", "jti"]).ok();

    // --max-age: iat was a moment ago.
    verify(&dir, &token, &["--max-age", "1h"]).ok();
    let iat = claims(&token)["iat"].as_i64().unwrap();
    let later = (iat + 7200).to_string();
    verify(&dir, &token, &["--max-age", "1h", "--now", &later]).fails(1);
    verify(&dir, &token, &["--max-age", "3h", "--now", &later]).ok();
    // --max-age needs an iat.
    verify(&dir, &sign(&dir, &["--exp", "1h"]), &["--max-age", "1h"]).fails(1);

    // --typ: case-insensitive, "application/" ignored.
    let at = sign(&dir, &["--exp", "1h", "--typ", "at+jwt"]);
    verify(&dir, &at, &["--typ", "at+jwt"]).ok();
    verify(&dir, &at, &["--typ", "application/AT+JWT"]).ok();
    verify(&dir, &at, &["--typ", "JWT"]).fails(1);
    verify(&dir, &sign(&dir, &["--exp", "1h"]), &["--typ", "at+jwt"]).fails(1);
}

#[test]
fn output_is_one_line_of_json() {
    let dir = key_dir();
    let token = sign(&dir, &["--claims", r#"{"text":"line one\nline two","u":"é"}"#, "--exp", "1h"]);
    let out = verify(&dir, &token, &[]);
    let text = out.text();
    assert_eq!(text.matches('\n').count(), 1, "{text:?}");
    assert_eq!(json(&text)["text"], "line one\nline two");
}

#[test]
fn nested_jwts_round_trip() {
    let dir = key_dir();
    for (sig_alg, enc_key, dec_key, key_alg, enc) in [
        ("ES256", "rsa.pub", "rsa.jwk", "RSA-OAEP-256", "A256GCM"),
        ("EdDSA", "p256.pub", "p256.jwk", "ECDH-ES+A128KW", "A128CBC-HS256"),
        ("HS256", "p256.jwk", "p256.jwk", "ECDH-ES", "A192GCM"),
        ("PS256", "a256kw.jwk", "a256kw.jwk", "A256KW", "A192CBC-HS384"),
        ("ES384", "dir.jwk", "dir.jwk", "dir", "A256CBC-HS512"),
        ("RS512", "rsa.pub", "rsa.jwk", "RSA-OAEP", "A128GCM"),
    ] {
        let (private, public) = (format!("{sig_alg}.jwk"), format!("{sig_alg}.pub"));
        let sign_args = [
            "jwt",
            "sign",
            "--key",
            &private,
            "--alg",
            sig_alg,
            "--sub",
            "nested",
            "--aud",
            "api",
            "--exp",
            "1h",
            "--encrypt-key",
            enc_key,
            "--key-alg",
            key_alg,
            "--enc",
            enc,
        ];
        let token = dir.jot(&sign_args).line();
        assert_eq!(token.split('.').count(), 5, "{sig_alg} {key_alg}");
        let header = compact_header(&token);
        assert_eq!(header["alg"], key_alg);
        assert_eq!(header["enc"], enc);
        assert_eq!(header["cty"], "JWT");
        let base = ["jwt", "verify", "--key", &public, "--alg", sig_alg, "--aud", "api"];
        let mut args = base.to_vec();
        args.extend(["--decrypt-key", dec_key, "--key-alg", key_alg, "--enc", enc]);
        let out = dir.run(&args, token.as_bytes()).json();
        assert_eq!(out["sub"], "nested");
        assert_eq!(out["aud"], "api");
        // Without --decrypt-key, an encrypted token is a rejection.
        dir.run(&base, token.as_bytes()).fails_without(1, &[&token]);
        // Key management or content algorithms not accepted.
        let mut args = base.to_vec();
        args.extend(["--decrypt-key", dec_key, "--key-alg", key_alg, "--enc", "A128GCM", "--enc", "A256GCM"]);
        if enc != "A128GCM" && enc != "A256GCM" {
            dir.run(&args, token.as_bytes()).fails(1);
        }
    }

    // The wrong decryption key.
    let token = dir
        .jot(&[
            "jwt",
            "sign",
            "--key",
            "ES256.jwk",
            "--alg",
            "ES256",
            "--exp",
            "1h",
            "--encrypt-key",
            "p256.pub",
            "--key-alg",
            "ECDH-ES",
            "--enc",
            "A256GCM",
        ])
        .line();
    dir.write("other.jwk", KeyPair::generate(&["--kty", "EC"]).private);
    let args = [
        "jwt",
        "verify",
        "--key",
        "ES256.pub",
        "--alg",
        "ES256",
        "--decrypt-key",
        "other.jwk",
        "--key-alg",
        "ECDH-ES",
        "--enc",
        "A256GCM",
    ];
    dir.run(&args, token.as_bytes()).fails(1);
    // The inner signature is still checked: another signing key fails.
    let args = [
        "jwt",
        "verify",
        "--key",
        "ES384.pub",
        "--alg",
        "ES384",
        "--decrypt-key",
        "p256.jwk",
        "--key-alg",
        "ECDH-ES",
        "--enc",
        "A256GCM",
    ];
    dir.run(&args, token.as_bytes()).fails(1);
    // A plain signed JWT is still accepted when --decrypt-key is given.
    let plain = sign(&dir, &["--exp", "1h"]);
    let args = [
        "jwt",
        "verify",
        "--key",
        "ES256.pub",
        "--alg",
        "ES256",
        "--decrypt-key",
        "p256.jwk",
        "--key-alg",
        "ECDH-ES",
        "--enc",
        "A256GCM",
    ];
    dir.run(&args, plain.as_bytes()).ok();
}

#[test]
fn nested_flags_come_together() {
    let dir = key_dir();
    for extra in [
        &["--encrypt-key", "p256.pub"][..],
        &["--encrypt-key", "p256.pub", "--key-alg", "ECDH-ES"],
        &["--encrypt-key", "p256.pub", "--enc", "A128GCM"],
        &["--key-alg", "ECDH-ES", "--enc", "A128GCM"],
        &["--encrypt-key", "p256.pub", "--key-alg", "ECDH-ES", "--enc", "A1GCM"],
        &["--encrypt-key", "p256.pub", "--key-alg", "RSA-OAEP", "--enc", "A128GCM"],
        &["--encrypt-key", "missing.jwk", "--key-alg", "ECDH-ES", "--enc", "A128GCM"],
    ] {
        let mut args = vec!["jwt", "sign", "--key", "ES256.jwk", "--alg", "ES256", "--exp", "1h"];
        args.extend_from_slice(extra);
        dir.jot(&args).fails(2);
    }
    let token = sign(&dir, &["--exp", "1h"]);
    for extra in [
        &["--decrypt-key", "p256.jwk"][..],
        &["--key-alg", "ECDH-ES", "--enc", "A128GCM"],
        &["--decrypt-key", "p256.jwk", "--key-alg", "RSA-OAEP", "--enc", "A128GCM"],
        &["--decrypt-key", "p256.jwk", "--key-alg", "ECDH-ES", "--enc", "nope"],
    ] {
        verify(&dir, &token, extra).fails(2);
    }
}

#[test]
fn alg_none_tampering_and_wrong_keys_are_rejections() {
    let dir = key_dir();
    let mut claims_obj = Object::new();
    claims_obj.insert("sub", "admin");
    claims_obj.insert("exp", EXP);
    let unsecured = format!("{}.{}.", b64e(br#"{"alg":"none","typ":"JWT"}"#), b64e(claims_obj.to_json().as_bytes()));
    for alg in ["HS256", "ES256", "RS256"] {
        let args = ["jwt", "verify", "--key", &format!("{alg}.pub"), "--alg", alg];
        dir.run(&args, unsecured.as_bytes()).fails_without(1, &[&unsecured]);
    }
    // The library's own unsecured encoding, too.
    let forged = jot_jwt::jws::dangerous::encode_unsecured(claims_obj.to_json().as_bytes(), Object::new());
    verify(&dir, &forged, &[]).fails(1);
    // --alg none is not an algorithm.
    dir.run(&["jwt", "verify", "--key", "HS256.jwk", "--alg", "none"], unsecured.as_bytes()).fails(2);
    dir.jot(&["jwt", "sign", "--key", "HS256.jwk", "--alg", "none", "--exp", "1h"]).fails(2);

    // A claim changed, the signature kept.
    let token = sign(&dir, &["--sub", "alice", "--exp", "1h"]);
    let segs: Vec<&str> = token.split('.').collect();
    let mut c = claims(&token);
    c["sub"] = "admin".into();
    let forged = format!("{}.{}.{}", segs[0], b64e(c.to_string().as_bytes()), segs[2]);
    verify(&dir, &forged, &[]).fails_without(1, &[&forged, &token]);
    for index in [3, segs[0].len() + 4, token.len() - 4] {
        verify(&dir, &flip_char(&token, index), &[]).fails(1);
    }
    // A JSON serialization is not a JWT.
    let flattened = dir
        .run(
            &["jws", "sign", "--key", "ES256.jwk", "--alg", "ES256", "--format", "flattened"],
            c.to_string().as_bytes(),
        )
        .line();
    verify(&dir, &flattened, &[]).fails(1);
    // The wrong key.
    dir.write("other.pub", KeyPair::generate(&["--alg", "ES256"]).public);
    dir.run(&["jwt", "verify", "--key", "other.pub", "--alg", "ES256"], token.as_bytes()).fails(1);
    // HS256 with a public key as the secret (algorithm confusion): the RSA
    // key does not bind to HS256 at all.
    let hs = KeyPair::generate(&["--kty", "oct", "--bits", "256"]);
    dir.write("hs.jwk", &hs.private);
    let hs_token = dir.jot(&["jwt", "sign", "--key", "hs.jwk", "--alg", "HS256", "--exp", "1h"]).line();
    dir.run(&["jwt", "verify", "--key", "RS256.pub", "--alg", "HS256"], hs_token.as_bytes()).fails(2);
    // An HS256 token offered to an RS256 verifier.
    dir.run(&["jwt", "verify", "--key", "RS256.pub", "--alg", "RS256"], hs_token.as_bytes()).fails(1);
}

#[test]
fn keys_that_do_not_fit_exit_2() {
    let dir = key_dir();
    let secrets: Vec<String> =
        JWS_ALGS.iter().flat_map(|a| common::private_values(&sig_key(a).private_json())).collect();
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let token = sign(&dir, &["--exp", "1h"]);
    for (key, alg) in [("ES256.jwk", "ES384"), ("HS256.jwk", "ES256"), ("EdDSA.jwk", "HS256"), ("RS256.jwk", "EdDSA")] {
        dir.jot(&["jwt", "sign", "--key", key, "--alg", alg, "--exp", "1h"]).fails_without(2, &secrets);
        let mut s = secrets.clone();
        s.push(&token);
        dir.run(&["jwt", "verify", "--key", key, "--alg", alg], token.as_bytes()).fails_without(2, &s);
    }
    dir.jot(&["jwt", "sign", "--key", "ES256.pub", "--alg", "ES256", "--exp", "1h"]).fails(2);
    dir.jot(&["jwt", "sign", "--key", "missing.jwk", "--alg", "ES256", "--exp", "1h"]).fails(2);
    dir.jot(&["jwt", "sign", "--alg", "ES256", "--exp", "1h"]).fails(2);
    dir.run(&["jwt", "verify", "--key", "ES256.pub"], token.as_bytes()).fails(2);
    dir.run(&["jwt", "verify", "--key", "ES256.pub", "--alg", "ES257"], token.as_bytes()).fails(2);
}
