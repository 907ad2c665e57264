//! Writes josekit-made keys and tokens to `vectors/josekit/` (or the folder
//! given as the only argument): `jws.json`, `jwe.json` and `jwt.json`. Keys
//! are freshly generated on every run, so the files change each time; the set
//! of algorithm combinations is fixed. The committed files are the fixed set
//! jot's own tests read (`crates/jot-jwt/tests/josekit_vectors.rs`).
#![allow(deprecated)] // RSA1_5 is deprecated in josekit; generated on purpose.

use std::error::Error;
use std::path::PathBuf;

use josekit::jwe::{self, JweDecrypter, JweEncrypter, JweHeader, JweHeaderSet};
use josekit::jwk::Jwk;
use josekit::jws::{self, JwsHeader, JwsHeaderSet, JwsSigner, JwsVerifier};
use josekit::jwt::{self, JwtPayload};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

type Res<T> = Result<T, Box<dyn Error>>;

const JWS_ALGS: [&str; 14] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    "ES256K", "EdDSA",
];

const ENCS: [&str; 6] = ["A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM"];

fn jws_key(alg: &str) -> Res<Jwk> {
    use josekit::jwk::{Ed25519, P_256, P_384, P_521, Secp256k1};
    let mut jwk = match alg {
        "HS256" => Jwk::generate_oct_key(32)?,
        "HS384" => Jwk::generate_oct_key(48)?,
        "HS512" => Jwk::generate_oct_key(64)?,
        "ES256" => Jwk::generate_ec_key(P_256)?,
        "ES384" => Jwk::generate_ec_key(P_384)?,
        "ES512" => Jwk::generate_ec_key(P_521)?,
        "ES256K" => Jwk::generate_ec_key(Secp256k1)?,
        "EdDSA" => Jwk::generate_ed_key(Ed25519)?,
        _ => Jwk::generate_rsa_key(2048)?,
    };
    jwk.set_algorithm(alg);
    Ok(jwk)
}

fn jws_signer(alg: &str, jwk: &Jwk) -> Res<(Box<dyn JwsSigner>, Box<dyn JwsVerifier>)> {
    macro_rules! pair {
        ($a:expr) => {{
            let public = if jwk.key_type() == "oct" { jwk.clone() } else { jwk.to_public_key()? };
            (
                Box::new($a.signer_from_jwk(jwk)?) as Box<dyn JwsSigner>,
                Box::new($a.verifier_from_jwk(&public)?) as Box<dyn JwsVerifier>,
            )
        }};
    }
    Ok(match alg {
        "HS256" => pair!(jws::HS256),
        "HS384" => pair!(jws::HS384),
        "HS512" => pair!(jws::HS512),
        "RS256" => pair!(jws::RS256),
        "RS384" => pair!(jws::RS384),
        "RS512" => pair!(jws::RS512),
        "PS256" => pair!(jws::PS256),
        "PS384" => pair!(jws::PS384),
        "PS512" => pair!(jws::PS512),
        "ES256" => pair!(jws::ES256),
        "ES384" => pair!(jws::ES384),
        "ES512" => pair!(jws::ES512),
        "ES256K" => pair!(jws::ES256K),
        "EdDSA" => pair!(jws::EdDSA),
        other => return Err(format!("unknown JWS alg {other}").into()),
    })
}

/// (alg, curve) for every JWE key management algorithm josekit has.
fn jwe_cases() -> Vec<(&'static str, Option<&'static str>)> {
    let mut out: Vec<_> = [
        "dir",
        "A128KW",
        "A192KW",
        "A256KW",
        "A128GCMKW",
        "A192GCMKW",
        "A256GCMKW",
        "RSA1_5",
        "RSA-OAEP",
        "RSA-OAEP-256",
        "RSA-OAEP-384",
        "RSA-OAEP-512",
        "PBES2-HS256+A128KW",
        "PBES2-HS384+A192KW",
        "PBES2-HS512+A256KW",
    ]
    .into_iter()
    .map(|a| (a, None))
    .collect();
    for alg in ["ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"] {
        for crv in ["P-256", "P-384", "P-521", "X25519"] {
            out.push((alg, Some(crv)));
        }
    }
    out
}

fn enc_key_len(enc: &str) -> u8 {
    match enc {
        "A128GCM" => 16,
        "A192GCM" => 24,
        "A256GCM" | "A128CBC-HS256" => 32,
        "A192CBC-HS384" => 48,
        _ => 64,
    }
}

fn jwe_key(alg: &str, crv: Option<&str>, enc: &str) -> Res<Jwk> {
    use josekit::jwk::{P_256, P_384, P_521, X25519};
    let mut jwk = match (alg, crv) {
        (_, Some("P-256")) => Jwk::generate_ec_key(P_256)?,
        (_, Some("P-384")) => Jwk::generate_ec_key(P_384)?,
        (_, Some("P-521")) => Jwk::generate_ec_key(P_521)?,
        (_, Some("X25519")) => Jwk::generate_ecx_key(X25519)?,
        ("dir", _) => Jwk::generate_oct_key(enc_key_len(enc))?,
        ("A128KW" | "A128GCMKW", _) => Jwk::generate_oct_key(16)?,
        ("A192KW" | "A192GCMKW", _) => Jwk::generate_oct_key(24)?,
        ("A256KW" | "A256GCMKW", _) => Jwk::generate_oct_key(32)?,
        (a, _) if a.starts_with("PBES2") => Jwk::generate_oct_key(16)?,
        _ => Jwk::generate_rsa_key(2048)?,
    };
    jwk.set_algorithm(alg);
    Ok(jwk)
}

fn jwe_pair(alg: &str, jwk: &Jwk) -> Res<(Box<dyn JweEncrypter>, Box<dyn JweDecrypter>)> {
    macro_rules! pair {
        ($a:expr) => {{
            let public = if jwk.key_type() == "oct" { jwk.clone() } else { jwk.to_public_key()? };
            (
                Box::new($a.encrypter_from_jwk(&public)?) as Box<dyn JweEncrypter>,
                Box::new($a.decrypter_from_jwk(jwk)?) as Box<dyn JweDecrypter>,
            )
        }};
    }
    Ok(match alg {
        "dir" => pair!(jwe::Dir),
        "A128KW" => pair!(jwe::A128KW),
        "A192KW" => pair!(jwe::A192KW),
        "A256KW" => pair!(jwe::A256KW),
        "A128GCMKW" => pair!(jwe::A128GCMKW),
        "A192GCMKW" => pair!(jwe::A192GCMKW),
        "A256GCMKW" => pair!(jwe::A256GCMKW),
        "RSA1_5" => pair!(jwe::RSA1_5),
        "RSA-OAEP" => pair!(jwe::RSA_OAEP),
        "RSA-OAEP-256" => pair!(jwe::RSA_OAEP_256),
        "RSA-OAEP-384" => pair!(jwe::RSA_OAEP_384),
        "RSA-OAEP-512" => pair!(jwe::RSA_OAEP_512),
        "PBES2-HS256+A128KW" => pair!(jwe::PBES2_HS256_A128KW),
        "PBES2-HS384+A192KW" => pair!(jwe::PBES2_HS384_A192KW),
        "PBES2-HS512+A256KW" => pair!(jwe::PBES2_HS512_A256KW),
        "ECDH-ES" => pair!(jwe::ECDH_ES),
        "ECDH-ES+A128KW" => pair!(jwe::ECDH_ES_A128KW),
        "ECDH-ES+A192KW" => pair!(jwe::ECDH_ES_A192KW),
        "ECDH-ES+A256KW" => pair!(jwe::ECDH_ES_A256KW),
        other => return Err(format!("unknown JWE alg {other}").into()),
    })
}

fn jwk_value(jwk: &Jwk) -> Value {
    Value::Object(jwk.as_ref().clone())
}

/// The RFC 7638 SHA-256 thumbprint of a josekit key, computed here from its
/// JSON members (not by jot): the required public members, sorted by name
/// (serde_json's map is ordered), no whitespace.
fn thumbprint(jwk: &Jwk) -> Res<String> {
    use base64ct::Encoding;
    let names: &[&str] = match jwk.key_type() {
        "RSA" => &["e", "kty", "n"],
        "EC" => &["crv", "kty", "x", "y"],
        "OKP" => &["crv", "kty", "x"],
        "oct" => &["k", "kty"],
        other => return Err(format!("kty {other}").into()),
    };
    let members = jwk.as_ref();
    let mut required = Map::new();
    for &n in names {
        let v = members.get(n).ok_or_else(|| format!("missing {n}"))?;
        required.insert(n.to_owned(), v.clone());
    }
    let input = serde_json::to_string(&required)?;
    Ok(base64ct::Base64UrlUnpadded::encode_string(&Sha256::digest(input.as_bytes())))
}

fn gen_jws() -> Res<Value> {
    let mut out = Vec::new();
    for alg in JWS_ALGS {
        let jwk = jws_key(alg)?;
        let (signer, verifier) = jws_signer(alg, &jwk)?;
        let payload = format!("{{\"iss\":\"josekit\",\"alg\":\"{alg}\"}}");
        let mut header = JwsHeader::new();
        header.set_token_type("JWT");
        let compact = jws::serialize_compact(payload.as_bytes(), &header, &*signer)?;
        let mut hs = JwsHeaderSet::new();
        hs.set_token_type("JWT", true);
        let flattened = jws::serialize_flattened_json(payload.as_bytes(), &hs, &*signer)?;
        // Self-check before writing.
        if jws::deserialize_compact(&compact, &*verifier)?.0 != payload.as_bytes()
            || jws::deserialize_json(&flattened, &*verifier)?.0 != payload.as_bytes()
        {
            return Err(format!("{alg}: josekit does not verify its own token").into());
        }
        let flattened: Value = serde_json::from_str(&flattened)?;
        out.push(json!({ "alg": alg, "jwk": jwk_value(&jwk), "thumbprint": thumbprint(&jwk)?, "payload": payload, "compact": compact, "flattened": flattened }));
    }
    Ok(Value::Array(out))
}

fn gen_jwe() -> Res<Value> {
    let mut out = Vec::new();
    for (alg, crv) in jwe_cases() {
        let mut shared = None;
        for enc in ENCS {
            // One key per case; `dir` needs one per content algorithm.
            let jwk = match (&shared, alg) {
                (Some(k), a) if a != "dir" => Clone::clone(k),
                _ => jwe_key(alg, crv, enc)?,
            };
            shared = Some(jwk.clone());
            let (encrypter, decrypter) = jwe_pair(alg, &jwk)?;
            let plaintext = format!("josekit {alg} {enc}");
            let mut header = JweHeader::new();
            header.set_content_encryption(enc);
            let compact = jwe::serialize_compact(plaintext.as_bytes(), &header, &*encrypter)?;
            let mut hs = JweHeaderSet::new();
            hs.set_content_encryption(enc, true);
            let flattened = jwe::serialize_flattened_json(plaintext.as_bytes(), Some(&hs), None, None, &*encrypter)?;
            if jwe::deserialize_compact(&compact, &*decrypter)?.0 != plaintext.as_bytes()
                || jwe::deserialize_json(&flattened, &*decrypter)?.0 != plaintext.as_bytes()
            {
                return Err(format!("{alg} {enc}: josekit does not decrypt its own token").into());
            }
            let flattened: Value = serde_json::from_str(&flattened)?;
            out.push(json!({ "alg": alg, "crv": crv, "enc": enc, "jwk": jwk_value(&jwk), "thumbprint": thumbprint(&jwk)?, "plaintext": plaintext, "compact": compact, "flattened": flattened }));
        }
    }
    Ok(Value::Array(out))
}

/// Issued-at of every JWT vector; `exp` is a day later, so a reader checks
/// them with a fixed clock.
const IAT: u64 = 1_767_225_600; // 2026-01-01T00:00:00Z

fn jwt_payload(alg: &str) -> Res<JwtPayload> {
    use std::time::{Duration, UNIX_EPOCH};
    let mut p = JwtPayload::new();
    p.set_issuer("https://josekit.example");
    p.set_subject(format!("subject of {alg}"));
    p.set_audience(vec!["jot"]);
    p.set_issued_at(&(UNIX_EPOCH + Duration::from_secs(IAT)));
    p.set_not_before(&(UNIX_EPOCH + Duration::from_secs(IAT)));
    p.set_expires_at(&(UNIX_EPOCH + Duration::from_secs(IAT + 86_400)));
    p.set_claim("name", Some(json!("Ada Lovelace")))?;
    p.set_claim("admin", Some(json!(true)))?;
    Ok(p)
}

/// Signed JWTs (one per JWS algorithm) and nested JWTs (signed with ES256,
/// then encrypted, `cty: JWT`) for a few key management algorithms.
fn gen_jwt() -> Res<Value> {
    let mut out = Vec::new();
    for alg in JWS_ALGS {
        let jwk = jws_key(alg)?;
        let (signer, verifier) = jws_signer(alg, &jwk)?;
        let payload = jwt_payload(alg)?;
        let mut header = JwsHeader::new();
        header.set_token_type("JWT");
        let token = jwt::encode_with_signer(&payload, &header, &*signer)?;
        jwt::decode_with_verifier(&token, &*verifier)?;
        out.push(json!({ "kind": "signed", "alg": alg, "jwk": jwk_value(&jwk), "claims": Value::Object(payload.claims_set().clone()), "token": token }));
    }
    let inner_alg = "ES256";
    let inner_key = jws_key(inner_alg)?;
    let (signer, verifier) = jws_signer(inner_alg, &inner_key)?;
    for (alg, crv, enc) in [
        ("RSA-OAEP-256", None, "A256GCM"),
        ("ECDH-ES", Some("X25519"), "A256GCM"),
        ("ECDH-ES+A128KW", Some("P-256"), "A128CBC-HS256"),
        ("A256KW", None, "A256GCM"),
    ] {
        let payload = jwt_payload(alg)?;
        let mut header = JwsHeader::new();
        header.set_token_type("JWT");
        let signed = jwt::encode_with_signer(&payload, &header, &*signer)?;
        let outer_key = jwe_key(alg, crv, enc)?;
        let (encrypter, decrypter) = jwe_pair(alg, &outer_key)?;
        let mut jh = JweHeader::new();
        jh.set_content_encryption(enc);
        jh.set_content_type("JWT");
        let token = jwe::serialize_compact(signed.as_bytes(), &jh, &*encrypter)?;
        let inner = jwe::deserialize_compact(&token, &*decrypter)?.0;
        jwt::decode_with_verifier(&inner, &*verifier)?;
        out.push(json!({
            "kind": "nested", "alg": inner_alg, "jwk": jwk_value(&inner_key),
            "jwe_alg": alg, "enc": enc, "jwe_jwk": jwk_value(&outer_key),
            "claims": Value::Object(payload.claims_set().clone()), "token": token,
        }));
    }
    Ok(Value::Array(out))
}

fn main() -> Res<()> {
    let dir = match std::env::args_os().nth(1) {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../vectors/josekit"),
    };
    std::fs::create_dir_all(&dir)?;
    let meta = json!({ "generator": "interop/src/bin/gen_vectors.rs", "library": "josekit 0.10.3 (OpenSSL)" });
    for (name, vectors) in [("jws.json", gen_jws()?), ("jwe.json", gen_jwe()?), ("jwt.json", gen_jwt()?)] {
        let doc = json!({ "meta": meta, "vectors": vectors });
        std::fs::write(dir.join(name), serde_json::to_string_pretty(&doc)? + "\n")?;
        println!("wrote {}", dir.join(name).display());
    }
    Ok(())
}
