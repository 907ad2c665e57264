//! `jot key`: generate (every JWS and JWE algorithm, every key type, curve
//! and size, `--kid`, `--use`), public (JWK and JWK Set), thumbprint (RFC
//! 7638 and RFC 9278 values, every hash) and convert (JWK to PEM and back).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::sync::OnceLock;

use common::{ENCS, JWE_KEY_ALGS, JWS_ALGS, KeyPair, PBES2_ALGS, TempDir, b64d, jot, json, member, private_values};
use serde_json::Value;

/// One RSA key for the whole file (RSA generation is the slow part).
fn rsa() -> &'static KeyPair {
    static KEY: OnceLock<KeyPair> = OnceLock::new();
    KEY.get_or_init(|| KeyPair::generate(&["--kty", "RSA"]))
}

fn generate(args: &[&str]) -> Value {
    let mut full = vec!["key", "generate"];
    full.extend_from_slice(args);
    jot(&full, b"").json()
}

fn thumbprint(jwk: &str, extra: &[&str]) -> String {
    let mut args = vec!["key", "thumbprint"];
    args.extend_from_slice(extra);
    jot(&args, jwk.as_bytes()).line()
}

/// The members that carry key material (not alg, kid, use, key_ops).
fn material(jwk: &Value) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = jwk
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !["alg", "kid", "use", "key_ops"].contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn generate_for_every_jws_algorithm() {
    for alg in JWS_ALGS {
        let jwk = generate(&["--alg", alg]);
        assert_eq!(jwk["alg"], alg);
        assert_eq!(jwk["use"], "sig", "{alg}");
        let (kty, crv) = match alg {
            "HS256" | "HS384" | "HS512" => ("oct", None),
            "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" => ("RSA", None),
            "ES256" => ("EC", Some("P-256")),
            "ES384" => ("EC", Some("P-384")),
            "ES512" => ("EC", Some("P-521")),
            "ES256K" => ("EC", Some("secp256k1")),
            "ML-DSA-44" | "ML-DSA-65" | "ML-DSA-87" => ("AKP", None),
            _ => ("OKP", Some("Ed25519")),
        };
        assert_eq!(jwk["kty"], kty, "{alg}");
        if let Some(crv) = crv {
            assert_eq!(jwk["crv"], crv, "{alg}");
        }
        match kty {
            "oct" => {
                let bits: usize = alg[2..].parse().unwrap();
                assert_eq!(b64d(member(&jwk, "k")).len(), bits / 8, "{alg}");
            }
            "RSA" => assert!(b64d(member(&jwk, "n")).len() >= 256, "{alg}"),
            "AKP" => assert_eq!(b64d(member(&jwk, "priv")).len(), 32, "{alg}"),
            _ => assert!(jwk["d"].is_string(), "{alg}"),
        }
        // The default kid is the SHA-256 thumbprint.
        assert_eq!(member(&jwk, "kid"), thumbprint(&jwk.to_string(), &[]), "{alg}");
    }
}

#[test]
fn generate_for_every_jwe_algorithm() {
    for alg in JWE_KEY_ALGS {
        if alg == "dir" {
            continue;
        }
        let jwk = generate(&["--alg", alg]);
        assert_eq!(jwk["alg"], alg);
        assert_eq!(jwk["use"], "enc", "{alg}");
        let kty = member(&jwk, "kty");
        match alg {
            a if a.starts_with("RSA") => assert_eq!(kty, "RSA"),
            a if a.starts_with("ECDH-ES") => assert!(kty == "EC" || kty == "OKP", "{alg}: {kty}"),
            a => {
                assert_eq!(kty, "oct");
                let bits: usize = a[1..4].parse().unwrap();
                assert_eq!(b64d(member(&jwk, "k")).len(), bits / 8, "{alg}");
            }
        }
    }
}

#[test]
fn generate_dir_is_sized_by_enc() {
    for (enc, len) in ENCS.iter().zip([32, 48, 64, 16, 24, 32]) {
        let jwk = generate(&["--alg", "dir", "--enc", enc]);
        // The content encryption name, as panva's jose requires (it refuses
        // "alg":"dir"); jot binds the key to dir with that enc only.
        assert_eq!(jwk["alg"], *enc);
        assert_eq!(jwk["use"], "enc");
        assert_eq!(jwk["kty"], "oct");
        assert_eq!(b64d(member(&jwk, "k")).len(), len, "{enc}");
    }
    let line = jot(&["key", "generate", "--alg", "dir"], b"").fails(2);
    assert!(line.contains("--enc"), "{line}");
    jot(&["key", "generate", "--alg", "dir", "--enc", "A64GCM"], b"").fails(2);
}

#[test]
fn generate_pbes2_is_refused_with_a_pointer_to_the_password_file() {
    for alg in PBES2_ALGS {
        let line = jot(&["key", "generate", "--alg", alg], b"").fails(2);
        assert!(line.contains("PBES2") && line.contains("--password-file"), "{line}");
    }
}

#[test]
fn generate_by_key_type() {
    let jwk = json(&rsa().private);
    assert_eq!(jwk["kty"], "RSA");
    assert_eq!(b64d(member(&jwk, "n")).len(), 256, "the default is 2048 bits");
    assert!(jwk.get("alg").is_none(), "--kty binds no algorithm");

    let jwk = generate(&["--kty", "RSA", "--bits", "3072"]);
    assert_eq!(b64d(member(&jwk, "n")).len(), 384);

    for (crv, len) in [("P-256", 32), ("P-384", 48), ("P-521", 66), ("secp256k1", 32)] {
        let jwk = generate(&["--kty", "EC", "--crv", crv]);
        assert_eq!(jwk["kty"], "EC");
        assert_eq!(jwk["crv"], crv);
        assert_eq!(b64d(member(&jwk, "x")).len(), len, "{crv}");
        assert_eq!(b64d(member(&jwk, "d")).len(), len, "{crv}");
    }
    assert_eq!(generate(&["--kty", "EC"])["crv"], "P-256");

    for crv in ["Ed25519", "X25519"] {
        let jwk = generate(&["--kty", "OKP", "--crv", crv]);
        assert_eq!(jwk["kty"], "OKP");
        assert_eq!(jwk["crv"], crv);
        assert_eq!(b64d(member(&jwk, "x")).len(), 32);
    }
    assert_eq!(generate(&["--kty", "OKP"])["crv"], "Ed25519");

    assert_eq!(b64d(member(&generate(&["--kty", "oct"]), "k")).len(), 32);
    assert_eq!(b64d(member(&generate(&["--kty", "oct", "--bits", "384"]), "k")).len(), 48);
}

#[test]
fn generate_refuses_bad_key_types_sizes_and_curves() {
    for args in [
        &["--kty", "RSA", "--bits", "1024"][..],
        &["--kty", "oct", "--bits", "12"],
        &["--kty", "EC", "--crv", "Ed25519"],
        &["--kty", "EC", "--crv", "P-255"],
        &["--kty", "OKP", "--crv", "P-256"],
        &["--kty", "DSA"],
        &["--alg", "none"],
        &["--alg", "HS1"],
        &["--alg", "ES256", "--kty", "EC"],
        &["--alg", "ES256", "--crv", "P-384"],
        &[],
    ] {
        let mut full = vec!["key", "generate"];
        full.extend_from_slice(args);
        jot(&full, b"").fails(2);
    }
}

#[test]
fn generate_kid_and_use() {
    let jwk = generate(&["--alg", "ES256", "--kid", "my key"]);
    assert_eq!(jwk["kid"], "my key");
    let jwk = generate(&["--kty", "EC", "--crv", "P-384", "--kid", "k2", "--use", "enc"]);
    assert_eq!(jwk["kid"], "k2");
    assert_eq!(jwk["use"], "enc");
    let jwk = generate(&["--kty", "OKP", "--use", "sig"]);
    assert_eq!(jwk["use"], "sig");
    let jwk = generate(&["--alg", "A128KW", "--use", "enc"]);
    assert_eq!(jwk["use"], "enc");
    // A use that contradicts the algorithm would make a key nothing accepts.
    jot(&["key", "generate", "--alg", "ES256", "--use", "enc"], b"").fails(2);
    jot(&["key", "generate", "--alg", "ECDH-ES", "--use", "sig"], b"").fails(2);
    jot(&["key", "generate", "--alg", "ES256", "--use", "both"], b"").fails(2);
}

#[test]
fn public_of_each_key_type() {
    let dir = TempDir::new();
    for pair in [
        rsa().clone(),
        KeyPair::generate(&["--alg", "ES384", "--kid", "e"]),
        KeyPair::generate(&["--kty", "OKP", "--crv", "Ed25519"]),
        KeyPair::generate(&["--kty", "OKP", "--crv", "X25519"]),
        KeyPair::generate(&["--kty", "EC", "--crv", "secp256k1"]),
    ] {
        let private = pair.private_json();
        // From stdin (KeyPair::generate) and from FILE.
        let file = dir.write("key.jwk", &pair.private);
        let public = dir.jot(&["key", "public", file]).json();
        assert_eq!(public, json(&pair.public));
        for m in ["d", "p", "q", "dp", "dq", "qi"] {
            assert!(public.get(m).is_none(), "{m} in {public}");
        }
        for (name, value) in private.as_object().unwrap() {
            if !["d", "p", "q", "dp", "dq", "qi"].contains(&name.as_str()) {
                assert_eq!(&public[name], value, "{name}");
            }
        }
        // The public key of a public key is itself.
        assert_eq!(jot(&["key", "public"], pair.public.as_bytes()).json(), public);
    }
}

#[test]
fn public_of_a_jwk_set() {
    let es = KeyPair::generate(&["--alg", "ES256", "--kid", "a"]);
    let ed = KeyPair::generate(&["--alg", "EdDSA", "--kid", "b"]);
    let set = format!("{{\"keys\":[{},{}]}}", es.private, ed.private);
    let out = jot(&["key", "public"], set.as_bytes()).json();
    let keys = out["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], json(&es.public));
    assert_eq!(keys[1], json(&ed.public));
    assert!(!out.to_string().contains(member(&es.private_json(), "d")));

    // A symmetric key in a set has no public part: it is left out.
    let hs = generate(&["--alg", "HS256"]);
    let set = format!("{{\"keys\":[{},{}]}}", es.private, hs);
    let out = jot(&["key", "public"], set.as_bytes()).json();
    assert_eq!(out["keys"].as_array().unwrap().as_slice(), &[json(&es.public)]);
    assert!(!out.to_string().contains(member(&hs, "k")));
}

#[test]
fn public_of_a_jwk_whose_kid_is_keys_is_a_jwk() {
    // The word "keys" inside a single JWK does not make it a JWK Set.
    let pair = KeyPair::generate(&["--alg", "ES256", "--kid", "keys"]);
    let public = json(&pair.public);
    assert_eq!(public["kid"], "keys");
    assert!(public.get("keys").is_none(), "{public}");
    assert!(public.get("d").is_none());
}

#[test]
fn public_of_a_symmetric_key_exits_2() {
    for args in [&["--alg", "HS512"][..], &["--alg", "dir", "--enc", "A256GCM"], &["--kty", "oct"]] {
        let jwk = generate(args);
        let k = member(&jwk, "k").to_owned();
        let line = jot(&["key", "public"], jwk.to_string().as_bytes()).fails_without(2, &[&k]);
        assert!(line.contains("symmetric"), "{line}");
    }
}

#[test]
fn thumbprint_matches_rfc_7638() {
    let vector = json(
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors/rfc/rfc7638-3.1-thumbprint.json")).unwrap(),
    );
    let jwk = vector["jwk"].to_string();
    let expected = member(&vector, "thumbprint_b64u");
    assert_eq!(expected, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    assert_eq!(thumbprint(&jwk, &[]), expected);
    assert_eq!(thumbprint(&jwk, &["--hash", "sha256"]), expected);
    let digest: Vec<u8> =
        vector["digest_octets"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect();
    assert_eq!(b64d(&thumbprint(&jwk, &[])), digest);

    // RFC 9278: the thumbprint URI of the same key.
    let uri = json(
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors/rfc/rfc9278-thumbprint-uri.json")).unwrap(),
    );
    assert_eq!(thumbprint(&uri["jwk"].to_string(), &["--uri"]), member(&uri, "uri"));
    assert_eq!(thumbprint(&jwk, &["--uri"]), format!("urn:ietf:params:oauth:jwk-thumbprint:sha-256:{expected}"));

    // From FILE too.
    let dir = TempDir::new();
    let file = dir.write("rfc7638.jwk", &jwk);
    assert_eq!(dir.jot(&["key", "thumbprint", file]).line(), expected);
}

#[test]
fn thumbprint_every_hash() {
    let pair = KeyPair::generate(&["--alg", "ES256"]);
    for (hash, name, len) in [("sha256", "sha-256", 32), ("sha384", "sha-384", 48), ("sha512", "sha-512", 64)] {
        let tp = thumbprint(&pair.private, &["--hash", hash]);
        assert_eq!(b64d(&tp).len(), len, "{hash}");
        // Private members do not count: the public key has the same thumbprint.
        assert_eq!(thumbprint(&pair.public, &["--hash", hash]), tp);
        assert_eq!(
            thumbprint(&pair.private, &["--hash", hash, "--uri"]),
            format!("urn:ietf:params:oauth:jwk-thumbprint:{name}:{tp}")
        );
    }
    jot(&["key", "thumbprint", "--hash", "md5"], pair.private.as_bytes()).fails(2);
    // A JWK Set of one key names that key; of two, no key in particular.
    let one = format!("{{\"keys\":[{}]}}", pair.public);
    assert_eq!(thumbprint(&one, &[]), thumbprint(&pair.public, &[]));
    let other = KeyPair::generate(&["--alg", "ES256"]);
    let two = format!("{{\"keys\":[{},{}]}}", pair.public, other.public);
    jot(&["key", "thumbprint"], two.as_bytes()).fails(2);
    jot(&["key", "convert", "--to", "pem"], two.as_bytes()).fails(2);
    // A symmetric key has a thumbprint, and the error-free output is not its k.
    let hs = generate(&["--alg", "HS256"]);
    let tp = thumbprint(&hs.to_string(), &[]);
    assert_eq!(tp, member(&hs, "kid"));
    assert_ne!(tp, member(&hs, "k"));
}

#[test]
fn convert_jwk_to_pem_and_back() {
    let dir = TempDir::new();
    for pair in [
        rsa().clone(),
        KeyPair::generate(&["--kty", "EC", "--crv", "P-256"]),
        KeyPair::generate(&["--kty", "EC", "--crv", "P-384"]),
        KeyPair::generate(&["--kty", "EC", "--crv", "P-521"]),
        KeyPair::generate(&["--kty", "OKP", "--crv", "Ed25519"]),
        KeyPair::generate(&["--kty", "OKP", "--crv", "X25519"]),
    ] {
        let private = pair.private_json();
        let file = dir.write("key.jwk", &pair.private);
        let pem = dir.jot(&["key", "convert", "--to", "pem", file]).text();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
        assert!(pem.trim_end().ends_with("-----END PRIVATE KEY-----"), "{pem}");
        // PEM -> JWK gives the same key (PEM carries no kid, alg or use).
        let back = jot(&["key", "convert", "--to", "jwk"], pem.as_bytes()).json();
        assert_eq!(material(&back), material(&private), "{}", private["kty"]);
        // And the same thumbprint, from a PEM file.
        let pem_file = dir.write("key.pem", &pem);
        assert_eq!(dir.jot(&["key", "thumbprint", pem_file]).line(), thumbprint(&pair.private, &[]));

        // --public: SPKI, then back to the public JWK.
        let spki = dir.jot(&["key", "convert", "--to", "pem", "--public", file]).text();
        assert!(spki.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{spki}");
        for v in private_values(&private) {
            assert!(!spki.contains(&v));
        }
        let public = jot(&["key", "convert", "--to", "jwk"], spki.as_bytes()).json();
        assert_eq!(material(&public), material(&json(&pair.public)));
        // --public from a private PEM, and PEM from a public JWK.
        assert_eq!(jot(&["key", "convert", "--to", "jwk", "--public"], pem.as_bytes()).json(), public);
        assert_eq!(jot(&["key", "convert", "--to", "pem"], pair.public.as_bytes()).text(), spki);
        // JWK -> JWK keeps every member.
        assert_eq!(dir.jot(&["key", "convert", "--to", "jwk", file]).json(), private);
    }
}

#[test]
fn convert_refuses_what_pem_cannot_hold() {
    let hs = generate(&["--alg", "HS256"]);
    let k = member(&hs, "k").to_owned();
    jot(&["key", "convert", "--to", "pem"], hs.to_string().as_bytes()).fails_without(2, &[&k]);
    jot(&["key", "convert", "--to", "pem", "--public"], hs.to_string().as_bytes()).fails_without(2, &[&k]);
    jot(&["key", "convert", "--to", "der"], hs.to_string().as_bytes()).fails_without(2, &[&k]);
    jot(&["key", "convert", "--to", "jwk"], b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").fails(2);
    jot(&["key", "convert", "--to", "jwk"], b"").fails(2);
}

/// ML-DSA (RFC 9964): `--alg ML-DSA-65` makes an AKP key bound to that
/// algorithm; the public key, thumbprint (alg, kty, pub) and a sign and
/// verify round trip work; PEM is refused by name; `--kty AKP` without an
/// algorithm is a usage error.
#[test]
fn ml_dsa_akp_keys() {
    let dir = TempDir::new();
    let private = dir.jot(&["key", "generate", "--alg", "ML-DSA-65"]).json();
    assert_eq!(
        (member(&private, "kty"), member(&private, "alg"), member(&private, "use")),
        ("AKP", "ML-DSA-65", "sig")
    );
    assert_eq!(b64d(member(&private, "pub")).len(), 1952);
    assert_eq!(b64d(member(&private, "priv")).len(), 32);
    let private_text = private.to_string();
    dir.write("ml.jwk", &private_text);
    let public = dir.jot(&["key", "public", "ml.jwk"]).json();
    assert!(public.get("priv").is_none());
    dir.write("ml.pub", public.to_string());
    assert_eq!(thumbprint(&public.to_string(), &[]), member(&private, "kid"));
    dir.write("payload.txt", "hello");
    let token = dir.jot(&["jws", "sign", "--key", "ml.jwk", "--alg", "ML-DSA-65", "payload.txt"]).line();
    dir.write("token.txt", &token);
    assert_eq!(dir.jot(&["jws", "verify", "--key", "ml.pub", "--alg", "ML-DSA-65", "token.txt"]).ok(), b"hello");
    // The key is for ML-DSA-65 only.
    dir.jot(&["jws", "verify", "--key", "ml.pub", "--alg", "ML-DSA-44", "token.txt"]).fails(2);
    let err = dir.jot(&["key", "convert", "--to", "pem", "ml.jwk"]).fails_without(2, &[member(&private, "priv")]);
    assert!(err.contains("PEM"), "{err}");
    let err = jot(&["key", "generate", "--kty", "AKP"], b"").fails(2);
    assert!(err.contains("--alg ML-DSA-44"), "{err}");
}
