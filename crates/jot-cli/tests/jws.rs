//! `jot jws sign` and `jot jws verify`: every algorithm in every
//! serialization (compact, flattened, general), detached and unencoded
//! payloads, payload bytes exact; then the rejections: tampering, a wrong
//! key, an algorithm not accepted, `alg: none`, `crit`, and keys that do not
//! fit the algorithm.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::sync::OnceLock;

use common::{BINARY_PAYLOAD, JWS_ALGS, KeyPair, TempDir, b64d, b64e, compact_header, flip_char, json, member};
use jot_jwt::json::Object;

/// One RSA key (no `alg` member) serves RS256..PS512; other algorithms get
/// a key generated for them, once per test binary.
fn key_for(alg: &str) -> &'static KeyPair {
    static RSA: OnceLock<KeyPair> = OnceLock::new();
    static OTHERS: OnceLock<Vec<(&'static str, KeyPair)>> = OnceLock::new();
    if alg.starts_with("RS") || alg.starts_with("PS") {
        return RSA.get_or_init(|| KeyPair::generate(&["--kty", "RSA"]));
    }
    let others = OTHERS.get_or_init(|| {
        JWS_ALGS
            .iter()
            .filter(|a| !a.starts_with("RS") && !a.starts_with("PS"))
            .map(|a| (*a, KeyPair::generate(&["--alg", a])))
            .collect()
    });
    &others.iter().find(|(a, _)| *a == alg).unwrap().1
}

/// A directory holding `<alg>.jwk` (private) and `<alg>.pub` (public) for
/// every algorithm.
fn key_dir() -> TempDir {
    let dir = TempDir::new();
    for alg in JWS_ALGS {
        let pair = key_for(alg);
        dir.write(&format!("{alg}.jwk"), &pair.private);
        dir.write(&format!("{alg}.pub"), &pair.public);
    }
    dir
}

#[test]
fn every_algorithm_round_trips_in_every_serialization() {
    let dir = key_dir();
    let payload = dir.write("payload.bin", BINARY_PAYLOAD);
    for alg in JWS_ALGS {
        let (private, public) = (format!("{alg}.jwk"), format!("{alg}.pub"));
        for format in ["compact", "flattened", "general"] {
            let token = dir.jot(&["jws", "sign", "--key", &private, "--alg", alg, "--format", format, payload]).line();
            let header = match format {
                "compact" => {
                    assert_eq!(token.split('.').count(), 3);
                    compact_header(&token)
                }
                "flattened" => json(b64d(member(&json(&token), "protected"))),
                _ => {
                    let doc = json(&token);
                    assert_eq!(doc["signatures"].as_array().unwrap().len(), 1);
                    json(b64d(member(&doc["signatures"][0], "protected")))
                }
            };
            assert_eq!(header["alg"], alg, "{alg} {format}");
            dir.write("token", &token);
            // The token from FILE and from stdin, verified with the public key.
            let out = dir.jot(&["jws", "verify", "--key", &public, "--alg", alg, "token"]);
            assert_eq!(out.ok(), BINARY_PAYLOAD, "{alg} {format}");
            let out = dir.run(&["jws", "verify", "--key", &public, "--alg", alg], token.as_bytes());
            assert_eq!(out.ok(), BINARY_PAYLOAD, "{alg} {format}");
        }
        // The payload from stdin; a private key verifies as well.
        let token = dir.run(&["jws", "sign", "--key", &private, "--alg", alg], BINARY_PAYLOAD).line();
        let out = dir.run(&["jws", "verify", "--key", &private, "--alg", alg], token.as_bytes());
        assert_eq!(out.ok(), BINARY_PAYLOAD, "{alg} stdin");
    }
}

#[test]
fn every_algorithm_round_trips_detached() {
    let dir = key_dir();
    let payload = dir.write("payload.bin", BINARY_PAYLOAD);
    let other = dir.write("other.bin", b"another payload\n");
    for alg in JWS_ALGS {
        let (private, public) = (format!("{alg}.jwk"), format!("{alg}.pub"));
        for format in ["compact", "flattened", "general"] {
            let args = ["jws", "sign", "--key", &private, "--alg", alg, "--format", format, "--detached", payload];
            let token = dir.jot(&args).line();
            assert!(!token.contains(&b64e(BINARY_PAYLOAD)), "{alg} {format}: the payload is in the token");
            if format == "compact" {
                assert!(token.contains(".."), "{token}");
            } else {
                assert!(json(&token).get("payload").is_none(), "{token}");
            }
            let tok = dir.write("token", &token);
            let verify = ["jws", "verify", "--key", &public, "--alg", alg, "--payload", payload, tok];
            assert_eq!(dir.jot(&verify).ok(), BINARY_PAYLOAD, "{alg} {format}");
            // Another payload, or none, is a rejection.
            dir.jot(&["jws", "verify", "--key", &public, "--alg", alg, "--payload", other, tok]).fails(1);
            dir.jot(&["jws", "verify", "--key", &public, "--alg", alg, tok]).fails(1);
        }
    }
    // An attached token offered with --payload is refused too.
    let token = dir.jot(&["jws", "sign", "--key", "ES256.jwk", "--alg", "ES256", payload]).line();
    let tok = dir.write("token", &token);
    dir.jot(&["jws", "verify", "--key", "ES256.pub", "--alg", "ES256", "--payload", payload, tok]).fails(1);
}

#[test]
fn unencoded_payloads_round_trip() {
    let dir = key_dir();
    let text: &[u8] = b"{\"amount\": \"$10\"} \xc3\xa9\n";
    let dotted: &[u8] = b"$.02";
    let text_file = dir.write("text.txt", text);
    let dotted_file = dir.write("dotted.txt", dotted);
    for alg in ["HS256", "RS256", "PS384", "ES256", "ES256K", "EdDSA", "Ed25519"] {
        let (private, public) = (format!("{alg}.jwk"), format!("{alg}.pub"));
        for format in ["compact", "flattened", "general"] {
            for (file, bytes) in [(text_file, text), (dotted_file, dotted)] {
                let sign = ["jws", "sign", "--key", &private, "--alg", alg, "--format", format, "--unencoded", file];
                if format == "compact" && bytes.contains(&b'.') {
                    // A dot cannot travel in an unencoded compact payload.
                    dir.jot(&sign).fails(2);
                    continue;
                }
                // (An unencoded compact payload may hold a newline: take the text.)
                let token = dir.jot(&sign).text().strip_suffix('\n').unwrap().to_owned();
                let header = if format == "compact" {
                    compact_header(&token)
                } else if format == "flattened" {
                    json(b64d(member(&json(&token), "protected")))
                } else {
                    json(b64d(member(&json(&token)["signatures"][0], "protected")))
                };
                assert_eq!(header["b64"], false);
                assert_eq!(header["crit"], serde_json::json!(["b64"]));
                let tok = dir.write("token", &token);
                let out = dir.jot(&["jws", "verify", "--key", &public, "--alg", alg, tok]);
                assert_eq!(out.ok(), bytes, "{alg} {format}");

                // Detached and unencoded (RFC 7797 section 4.2).
                let mut sign = sign.to_vec();
                sign.insert(8, "--detached");
                let token = dir.jot(&sign).line();
                assert!(!token.contains("amount"), "{token}");
                let tok = dir.write("token", &token);
                let out = dir.jot(&["jws", "verify", "--key", &public, "--alg", alg, "--payload", file, tok]);
                assert_eq!(out.ok(), bytes, "{alg} {format} detached");
            }
        }
    }
    // Bytes that are not UTF-8 cannot be carried unencoded in JSON.
    let bin = dir.write("bin", BINARY_PAYLOAD);
    dir.jot(&["jws", "sign", "--key", "ES256.jwk", "--alg", "ES256", "--format", "flattened", "--unencoded", bin])
        .fails(2);
}

#[test]
fn empty_payload_round_trips() {
    let dir = key_dir();
    for alg in ["HS512", "ES384", "EdDSA"] {
        let token = dir.run(&["jws", "sign", "--key", &format!("{alg}.jwk"), "--alg", alg], b"").line();
        assert_eq!(token.split('.').nth(1), Some(""));
        let out = dir.run(&["jws", "verify", "--key", &format!("{alg}.pub"), "--alg", alg], token.as_bytes());
        assert_eq!(out.ok(), b"");
    }
}

#[test]
fn kid_and_extra_header_members() {
    let dir = key_dir();
    let token = dir.run(&["jws", "sign", "--key", "ES256.jwk", "--alg", "ES256"], b"x").line();
    assert_eq!(compact_header(&token)["kid"], member(&key_for("ES256").private_json(), "kid"));

    let args = [
        "jws",
        "sign",
        "--key",
        "ES256.jwk",
        "--alg",
        "ES256",
        "--kid",
        "other-kid",
        "--header",
        r#"{"typ":"example+jws","cty":"text/plain","x-custom":[1,{"a":true}]}"#,
    ];
    let token = dir.run(&args, b"x").line();
    let header = compact_header(&token);
    assert_eq!(header["alg"], "ES256");
    assert_eq!(header["kid"], "other-kid");
    assert_eq!(header["typ"], "example+jws");
    assert_eq!(header["cty"], "text/plain");
    assert_eq!(header["x-custom"], serde_json::json!([1, {"a": true}]));
    // The kid names the key: the key file's kid must match it.
    dir.run(&["jws", "verify", "--key", "ES256.pub", "--alg", "ES256"], token.as_bytes()).fails(1);
    let mut renamed = json(&key_for("ES256").public);
    renamed["kid"] = "other-kid".into();
    dir.write("renamed.pub", renamed.to_string());
    let out = dir.run(&["jws", "verify", "--key", "renamed.pub", "--alg", "ES256"], token.as_bytes());
    assert_eq!(out.ok(), b"x");
}

#[test]
fn header_that_the_signer_owns_or_that_is_not_an_object_exits_2() {
    let dir = key_dir();
    for header in [
        r#"{"alg":"HS256"}"#,
        r#"{"crit":["x"],"x":1}"#,
        r#"{"b64":false}"#,
        r#"{"a":"#,
        "[1,2]",
        r#""text""#,
        r#"{"a":1,"a":2}"#,
        "",
    ] {
        let args = ["jws", "sign", "--key", "ES256.jwk", "--alg", "ES256", "--header", header];
        let line = dir.run(&args, b"secret payload").fails_without(2, &["secret payload"]);
        assert!(line.contains("header") || line.contains("alg"), "{header}: {line}");
    }
}

#[test]
fn several_accepted_algorithms_and_a_key_set() {
    let dir = key_dir();
    let set =
        format!("{{\"keys\":[{},{},{}]}}", key_for("ES256").public, key_for("EdDSA").public, key_for("RS256").public);
    let set_file = dir.write("set.jwks", set);
    for alg in ["ES256", "EdDSA", "RS256", "PS512"] {
        let token = dir.run(&["jws", "sign", "--key", &format!("{alg}.jwk"), "--alg", alg], b"many").line();
        let args = ["jws", "verify", "--key", set_file, "--alg", "ES256", "--alg", "EdDSA", "--alg", "RS256", "--alg"];
        let mut args = args.to_vec();
        args.push("PS512");
        assert_eq!(dir.run(&args, token.as_bytes()).ok(), b"many", "{alg}");
        // An algorithm left out of the accepted list is a rejection.
        let args = ["jws", "verify", "--key", set_file, "--alg", "ES384", "--alg", "PS256", "--alg", "Ed25519"];
        // (The RSA key binds to PS256, so the verifier has a key: exit 1.)
        dir.run(&args, token.as_bytes()).fails(1);
    }
}

#[test]
fn tampered_tokens_are_rejected_with_exit_1() {
    let dir = key_dir();
    let payload = b"the payload must not leak";
    for alg in ["HS256", "RS256", "PS256", "ES256", "ES512", "ES256K", "EdDSA"] {
        let public = format!("{alg}.pub");
        let token = dir.run(&["jws", "sign", "--key", &format!("{alg}.jwk"), "--alg", alg], payload).line();
        let dots: Vec<usize> = token.match_indices('.').map(|(i, _)| i).collect();
        // One character in the header, the payload, the signature.
        for index in [5, dots[0] + 3, dots[1] + 3, token.len() - 3] {
            let bad = flip_char(&token, index);
            assert_ne!(bad, token);
            let out = dir.run(&["jws", "verify", "--key", &public, "--alg", alg], bad.as_bytes());
            out.fails_without(1, &[&bad, &token[dots[1] + 1..], "the payload must not leak", &b64e(payload)]);
        }
        // Segments dropped, added, or swapped.
        let segs: Vec<&str> = token.split('.').collect();
        for bad in [
            format!("{}.{}", segs[0], segs[1]),
            format!("{token}.x"),
            format!("{}.{}.{}", segs[0], b64e(b"other"), segs[2]),
            format!("{}.{}.", segs[0], segs[1]),
            "not a token".to_owned(),
            String::new(),
        ] {
            dir.run(&["jws", "verify", "--key", &public, "--alg", alg], bad.as_bytes()).fails(1);
        }
    }
    // A JSON serialization with a changed payload.
    let token =
        dir.run(&["jws", "sign", "--key", "ES256.jwk", "--alg", "ES256", "--format", "flattened"], payload).line();
    let mut doc = json(&token);
    doc["payload"] = b64e(b"changed").into();
    let bad = doc.to_string();
    dir.run(&["jws", "verify", "--key", "ES256.pub", "--alg", "ES256"], bad.as_bytes()).fails_without(1, &[&bad]);
}

#[test]
fn a_wrong_key_or_an_unaccepted_algorithm_is_a_rejection() {
    let dir = key_dir();
    // Another key of the same kind.
    dir.write("other-es256.pub", KeyPair::generate(&["--alg", "ES256"]).public);
    let token = dir.run(&["jws", "sign", "--key", "ES256.jwk", "--alg", "ES256"], b"p").line();
    dir.run(&["jws", "verify", "--key", "other-es256.pub", "--alg", "ES256"], token.as_bytes()).fails(1);
    let other_hs = KeyPair::generate(&["--alg", "HS256"]);
    let hs_k = member(&other_hs.private_json(), "k").to_owned();
    dir.write("other-hs256.jwk", &other_hs.private);
    let token = dir.run(&["jws", "sign", "--key", "HS256.jwk", "--alg", "HS256"], b"p").line();
    dir.run(&["jws", "verify", "--key", "other-hs256.jwk", "--alg", "HS256"], token.as_bytes())
        .fails_without(1, &[&hs_k]);

    // The same key, a header alg the verifier did not ask for.
    dir.write("oct512.jwk", KeyPair::generate(&["--kty", "oct", "--bits", "512"]).private);
    let token = dir.run(&["jws", "sign", "--key", "oct512.jwk", "--alg", "HS256"], b"p").line();
    dir.run(&["jws", "verify", "--key", "oct512.jwk", "--alg", "HS512"], token.as_bytes()).fails(1);
    assert_eq!(dir.run(&["jws", "verify", "--key", "oct512.jwk", "--alg", "HS256"], token.as_bytes()).ok(), b"p");
    let token = dir.run(&["jws", "sign", "--key", "RS256.jwk", "--alg", "RS256"], b"p").line();
    dir.run(&["jws", "verify", "--key", "RS256.pub", "--alg", "PS256"], token.as_bytes()).fails(1);
    dir.run(&["jws", "verify", "--key", "RS256.pub", "--alg", "RS384"], token.as_bytes()).fails(1);
}

#[test]
fn alg_none_is_rejected() {
    let dir = key_dir();
    let unsecured = jot_jwt::jws::dangerous::encode_unsecured(b"forged", Object::new());
    assert!(unsecured.ends_with('.'));
    for alg in ["HS256", "ES256", "RS256"] {
        let out = dir.run(&["jws", "verify", "--key", &format!("{alg}.pub"), "--alg", alg], unsecured.as_bytes());
        out.fails_without(1, &[&unsecured, "forged"]);
    }
    // A signed header with the signature stripped.
    let token = dir.run(&["jws", "sign", "--key", "HS256.jwk", "--alg", "HS256"], b"p").line();
    let stripped = format!("{}.", &token[..token.rfind('.').unwrap()]);
    dir.run(&["jws", "verify", "--key", "HS256.jwk", "--alg", "HS256"], stripped.as_bytes()).fails(1);
    // `none` is not an algorithm jot knows, for signing or verifying.
    dir.run(&["jws", "verify", "--key", "HS256.jwk", "--alg", "none"], unsecured.as_bytes()).fails(2);
    dir.run(&["jws", "verify", "--key", "HS256.jwk", "--alg", "HS256", "--alg", "none"], unsecured.as_bytes()).fails(2);
    dir.run(&["jws", "sign", "--key", "HS256.jwk", "--alg", "none"], b"p").fails(2);
}

#[test]
fn crit_extensions_need_crit() {
    let dir = key_dir();
    let jwk = jot_jwt::Jwk::from_json(key_for("ES256").private.as_bytes()).unwrap();
    let signer = jwk.signing_key(jot_jwt::alg::JwsAlgorithm::ES256).unwrap();
    let token =
        jot_jwt::jws::JwsBuilder::new(&signer).critical("example.com/policy", "v1").unwrap().compact(b"crit").unwrap();
    assert_eq!(compact_header(&token)["crit"], serde_json::json!(["example.com/policy"]));
    let verify = ["jws", "verify", "--key", "ES256.pub", "--alg", "ES256"];
    dir.run(&verify, token.as_bytes()).fails(1);
    let mut args = verify.to_vec();
    args.extend(["--crit", "example.com/other"]);
    dir.run(&args, token.as_bytes()).fails(1);
    args.extend(["--crit", "example.com/policy"]);
    assert_eq!(dir.run(&args, token.as_bytes()).ok(), b"crit");
}

#[test]
fn keys_that_do_not_fit_the_algorithm_exit_2() {
    let dir = key_dir();
    let token = dir.run(&["jws", "sign", "--key", "ES256.jwk", "--alg", "ES256"], b"p").line();
    let secrets: Vec<String> =
        JWS_ALGS.iter().flat_map(|a| common::private_values(&key_for(a).private_json())).collect();
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    for (key, alg) in [
        ("ES256.jwk", "ES384"),
        ("ES256.jwk", "RS256"),
        ("ES256.jwk", "HS256"),
        ("ES256.jwk", "EdDSA"),
        ("RS256.jwk", "ES256"),
        ("RS256.jwk", "HS256"),
        ("HS256.jwk", "HS512"),
        ("HS256.jwk", "RS256"),
        ("EdDSA.jwk", "ES256"),
        ("ES256K.jwk", "ES256"),
    ] {
        let line = dir.run(&["jws", "sign", "--key", key, "--alg", alg], b"p").fails_without(2, &secrets);
        assert!(line.contains("key"), "{line}");
        let mut verify_secrets = secrets.clone();
        verify_secrets.push(&token);
        dir.run(&["jws", "verify", "--key", key, "--alg", alg], token.as_bytes()).fails_without(2, &verify_secrets);
    }
    // A public key cannot sign.
    for alg in ["ES256", "RS256", "EdDSA"] {
        dir.run(&["jws", "sign", "--key", &format!("{alg}.pub"), "--alg", alg], b"p").fails(2);
    }
    // A key set cannot sign: which key would it be?
    let set = format!("{{\"keys\":[{},{}]}}", key_for("ES256").private, key_for("ES384").private);
    let set_file = dir.write("set.jwks", set);
    dir.run(&["jws", "sign", "--key", set_file, "--alg", "ES256"], b"p").fails_without(2, &secrets);
}

#[test]
fn tokens_are_trimmed_and_json_is_recognised() {
    let dir = key_dir();
    let compact = dir.run(&["jws", "sign", "--key", "EdDSA.jwk", "--alg", "EdDSA"], BINARY_PAYLOAD).line();
    let flattened = dir
        .run(&["jws", "sign", "--key", "EdDSA.jwk", "--alg", "EdDSA", "--format", "flattened"], BINARY_PAYLOAD)
        .line();
    let general =
        dir.run(&["jws", "sign", "--key", "EdDSA.jwk", "--alg", "EdDSA", "--format", "general"], BINARY_PAYLOAD).line();
    let pretty = serde_json::to_string_pretty(&json(&general)).unwrap();
    for token in [&compact, &flattened, &general, &pretty] {
        for wrapped in [token.clone(), format!("\n\n  {token}\r\n\t \n"), format!("{token}\n")] {
            let file = dir.write("token", &wrapped);
            assert_eq!(dir.jot(&["jws", "verify", "--key", "EdDSA.pub", "--alg", "EdDSA", file]).ok(), BINARY_PAYLOAD);
            let out = dir.run(&["jws", "verify", "--key", "EdDSA.pub", "--alg", "EdDSA", "-"], wrapped.as_bytes());
            assert_eq!(out.ok(), BINARY_PAYLOAD);
        }
    }
    // Whitespace inside a compact token is not trimmed away.
    let (a, b) = compact.split_at(20);
    dir.run(&["jws", "verify", "--key", "EdDSA.pub", "--alg", "EdDSA"], format!("{a} {b}").as_bytes()).fails(1);
}
