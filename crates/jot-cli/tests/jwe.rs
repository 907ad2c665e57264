//! `jot jwe encrypt` and `jot jwe decrypt`: every key management algorithm
//! (PBES2 through `--password-file`) with several content algorithms, all
//! six at least once, with and without `--zip`, in every serialization,
//! plaintext bytes exact; RSA1_5 only by name; then the rejections:
//! tampering, wrong keys, algorithms not accepted, PBES2 and zip limits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::sync::OnceLock;

use common::{
    BINARY_PAYLOAD, ENCS, JWE_KEY_ALGS, KeyPair, PBES2_ALGS, TempDir, compact_header, flip_char, json, member,
};

const PASSWORD: &str = "correct horse battery staple";

/// The keys of this file, generated once: one RSA key (no `alg`) for RSA1_5
/// and RSA-OAEP*, one key per AES key wrap algorithm, one `dir` key per
/// content algorithm, and ECDH keys on every curve.
struct Keys {
    rsa: KeyPair,
    oct: Vec<(&'static str, KeyPair)>,
    dir: Vec<(&'static str, KeyPair)>,
    ecdh: Vec<(&'static str, KeyPair)>,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        rsa: KeyPair::generate(&["--kty", "RSA"]),
        oct: JWE_KEY_ALGS
            .iter()
            .filter(|a| a.starts_with("A1") || a.starts_with("A2"))
            .map(|a| (*a, KeyPair::generate(&["--alg", a])))
            .collect(),
        dir: ENCS.iter().map(|e| (*e, KeyPair::generate(&["--alg", "dir", "--enc", e]))).collect(),
        ecdh: [("EC", "P-256"), ("EC", "P-384"), ("EC", "P-521"), ("OKP", "X25519")]
            .iter()
            .map(|(kty, crv)| (*crv, KeyPair::generate(&["--kty", kty, "--crv", crv])))
            .collect(),
    })
}

/// A directory with every key: `rsa.jwk`/`rsa.pub`, `<alg>.jwk` for AES key
/// wrap, `dir-<enc>.jwk`, `<crv>.jwk`/`<crv>.pub`, and `pw.txt`.
fn key_dir() -> TempDir {
    let k = keys();
    let dir = TempDir::new();
    dir.write("rsa.jwk", &k.rsa.private);
    dir.write("rsa.pub", &k.rsa.public);
    for (alg, pair) in &k.oct {
        dir.write(&format!("{alg}.jwk"), &pair.private);
    }
    for (enc, pair) in &k.dir {
        dir.write(&format!("dir-{enc}.jwk"), &pair.private);
    }
    for (crv, pair) in &k.ecdh {
        dir.write(&format!("{crv}.jwk"), &pair.private);
        dir.write(&format!("{crv}.pub"), &pair.public);
    }
    dir.write("pw.txt", format!("{PASSWORD}\n"));
    dir
}

/// The key arguments for encrypting and for decrypting with `alg` (`i`
/// picks the curve for ECDH-ES).
fn key_args(alg: &str, enc: &str, i: usize) -> (Vec<String>, Vec<String>) {
    let pair = |private: String, public: String| (vec!["--key".to_owned(), public], vec!["--key".to_owned(), private]);
    if alg == "dir" {
        pair(format!("dir-{enc}.jwk"), format!("dir-{enc}.jwk"))
    } else if alg.starts_with("RSA") {
        pair("rsa.jwk".to_owned(), "rsa.pub".to_owned())
    } else if alg.starts_with("ECDH") {
        let crv = keys().ecdh[i % 4].0;
        pair(format!("{crv}.jwk"), format!("{crv}.pub"))
    } else if alg.starts_with("PBES2") {
        let args = vec!["--password-file".to_owned(), "pw.txt".to_owned()];
        (args.clone(), args)
    } else {
        pair(format!("{alg}.jwk"), format!("{alg}.jwk"))
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Encrypts `plaintext` (from stdin or from FILE) and returns the token.
fn encrypt(dir: &TempDir, alg: &str, enc: &str, i: usize, extra: &[&str], plaintext: &[u8], from_file: bool) -> String {
    let (enc_key, _) = key_args(alg, enc, i);
    let mut args = vec!["jwe", "encrypt", "--alg", alg, "--enc", enc];
    args.extend(strs(&enc_key));
    if alg.starts_with("PBES2") && !extra.contains(&"--p2c") {
        args.extend(["--p2c", "1000"]);
    }
    args.extend_from_slice(extra);
    if from_file {
        args.push(dir.write("plaintext.bin", plaintext));
        dir.jot(&args).line()
    } else {
        dir.run(&args, plaintext).line()
    }
}

/// Decrypts `token` with the right key, accepting `alg` and `enc`.
fn decrypt(dir: &TempDir, alg: &str, enc: &str, i: usize, token: &str, from_file: bool) -> common::Output {
    let (_, dec_key) = key_args(alg, enc, i);
    let mut args = vec!["jwe", "decrypt", "--alg", alg, "--enc", enc];
    args.extend(strs(&dec_key));
    if from_file {
        args.push(dir.write("token.txt", token));
        dir.jot(&args)
    } else {
        dir.run(&args, token.as_bytes())
    }
}

#[test]
fn every_key_management_algorithm_round_trips() {
    let dir = key_dir();
    let algs: Vec<&str> = JWE_KEY_ALGS.iter().chain(PBES2_ALGS.iter()).copied().collect();
    let mut encs_seen = Vec::new();
    for (i, alg) in algs.iter().enumerate() {
        // dir: every content algorithm; the others: two, in rotation.
        let encs: Vec<&str> = if *alg == "dir" { ENCS.to_vec() } else { vec![ENCS[i % 6], ENCS[(i + 3) % 6]] };
        for (j, enc) in encs.iter().enumerate() {
            for zip in [false, true] {
                let extra: &[&str] = if zip { &["--zip"] } else { &[] };
                let from_file = (i + j) % 2 == 0;
                let token = encrypt(&dir, alg, enc, i + j, extra, BINARY_PAYLOAD, from_file);
                assert_eq!(token.split('.').count(), 5, "{alg} {enc}");
                let header = compact_header(&token);
                assert_eq!(header["alg"], *alg);
                assert_eq!(header["enc"], *enc);
                assert_eq!(header.get("zip").is_some(), zip, "{header}");
                if zip {
                    assert_eq!(header["zip"], "DEF");
                }
                let out = decrypt(&dir, alg, enc, i + j, &token, !from_file);
                assert_eq!(out.ok(), BINARY_PAYLOAD, "{alg} {enc} zip={zip}");
                encs_seen.push(*enc);
            }
        }
    }
    for enc in ENCS {
        assert!(encs_seen.contains(&enc), "{enc} never ran");
    }
}

#[test]
fn every_content_algorithm_under_key_wrap_ecdh_and_rsa() {
    let dir = key_dir();
    for alg in ["A256KW", "ECDH-ES", "ECDH-ES+A128KW", "RSA-OAEP-256", "A192GCMKW"] {
        for (i, enc) in ENCS.iter().enumerate() {
            let token = encrypt(&dir, alg, enc, i, &[], BINARY_PAYLOAD, true);
            assert_eq!(decrypt(&dir, alg, enc, i, &token, false).ok(), BINARY_PAYLOAD, "{alg} {enc}");
        }
    }
}

#[test]
fn ecdh_es_on_every_curve() {
    let dir = key_dir();
    for i in 0..4 {
        for alg in ["ECDH-ES", "ECDH-ES+A192KW"] {
            let token = encrypt(&dir, alg, "A256GCM", i, &[], b"curve", false);
            let epk = &compact_header(&token)["epk"];
            assert_eq!(epk["crv"], keys().ecdh[i].0, "{alg}");
            assert!(epk.get("d").is_none());
            assert_eq!(decrypt(&dir, alg, "A256GCM", i, &token, false).ok(), b"curve");
        }
    }
}

#[test]
fn json_serializations_round_trip() {
    let dir = key_dir();
    for (i, alg) in ["A128KW", "ECDH-ES+A256KW", "RSA-OAEP", "dir", "PBES2-HS512+A256KW", "ECDH-ES"].iter().enumerate()
    {
        let enc = ENCS[i];
        for format in ["flattened", "general"] {
            let token = encrypt(&dir, alg, enc, i, &["--format", format, "--zip"], BINARY_PAYLOAD, true);
            let doc = json(&token);
            assert!(doc["ciphertext"].is_string(), "{token}");
            assert_eq!(doc.get("recipients").is_some(), format == "general", "{token}");
            assert_eq!(decrypt(&dir, alg, enc, i, &token, true).ok(), BINARY_PAYLOAD, "{alg} {format}");
            // Pretty-printed, with whitespace around it.
            let pretty = format!("\n  {}\n\n", serde_json::to_string_pretty(&doc).unwrap());
            assert_eq!(decrypt(&dir, alg, enc, i, &pretty, false).ok(), BINARY_PAYLOAD, "{alg} {format}");
        }
    }
}

#[test]
fn compact_tokens_are_trimmed_and_empty_plaintext_works() {
    let dir = key_dir();
    let token = encrypt(&dir, "A128KW", "A128GCM", 0, &[], b"", false);
    for wrapped in [format!("  {token}  "), format!("\r\n{token}\n\n"), format!("\t{token}\n")] {
        assert_eq!(decrypt(&dir, "A128KW", "A128GCM", 0, &wrapped, true).ok(), b"");
        assert_eq!(decrypt(&dir, "A128KW", "A128GCM", 0, &wrapped, false).ok(), b"");
    }
}

#[test]
fn rsa1_5_only_when_named() {
    let dir = key_dir();
    let token = encrypt(&dir, "RSA1_5", "A128CBC-HS256", 0, &[], b"legacy", false);
    let decrypt_with = |algs: &[&str], key: &str| {
        let mut args = vec!["jwe", "decrypt", "--key", key, "--enc", "A128CBC-HS256"];
        for a in algs {
            args.extend(["--alg", a]);
        }
        dir.run(&args, token.as_bytes())
    };
    assert_eq!(decrypt_with(&["RSA1_5"], "rsa.jwk").ok(), b"legacy");
    assert_eq!(decrypt_with(&["RSA-OAEP", "RSA1_5"], "rsa.jwk").ok(), b"legacy");
    // The key binds to RSA-OAEP*, so the decrypter exists, and it refuses
    // the token's RSA1_5: a rejection (1).
    for algs in [&["RSA-OAEP"][..], &["RSA-OAEP", "RSA-OAEP-256", "RSA-OAEP-384", "RSA-OAEP-512"]] {
        let line = decrypt_with(algs, "rsa.jwk").fails_without(1, &[&token, "legacy"]);
        assert!(line.contains("not allowed"), "{line}");
    }
    // A key whose own alg is RSA1_5 binds to nothing else: no usable key (2).
    let mut legacy = json(&keys().rsa.private);
    legacy["alg"] = "RSA1_5".into();
    dir.write("rsa1_5.jwk", legacy.to_string());
    decrypt_with(&["RSA-OAEP"], "rsa1_5.jwk").fails(2);
    assert_eq!(decrypt_with(&["RSA1_5"], "rsa1_5.jwk").ok(), b"legacy");
}

#[test]
fn pbes2_passwords_and_iteration_limits() {
    let dir = key_dir();
    // The password file's one trailing newline is not part of the password.
    dir.write("pw-bare.txt", PASSWORD);
    dir.write("pw-crlf.txt", format!("{PASSWORD}\r\n"));
    dir.write("wrong.txt", "correct horse battery stapler\n");
    for alg in PBES2_ALGS {
        let token = encrypt(&dir, alg, "A128GCM", 0, &["--p2c", "1200"], b"pbes2", false);
        let header = compact_header(&token);
        assert_eq!(header["p2c"], 1200);
        assert!(header["p2s"].is_string());
        let dec = |pw: &str, extra: &[&str]| {
            let mut args = vec!["jwe", "decrypt", "--password-file", pw, "--alg", alg, "--enc", "A128GCM"];
            args.extend_from_slice(extra);
            dir.run(&args, token.as_bytes())
        };
        for pw in ["pw.txt", "pw-bare.txt", "pw-crlf.txt"] {
            assert_eq!(dec(pw, &[]).ok(), b"pbes2", "{alg} {pw}");
        }
        dec("wrong.txt", &[]).fails_without(1, &[PASSWORD, &token, "pbes2"]);
        // A p2c above the accepted maximum is refused before any work.
        dec("pw.txt", &["--max-p2c", "1199"]).fails(1);
        assert_eq!(dec("pw.txt", &["--max-p2c", "1200"]).ok(), b"pbes2");
    }
    let pbes2 = ["jwe", "encrypt", "--alg", "PBES2-HS256+A128KW", "--enc", "A128GCM"];
    // PBES2 needs --password-file, and the others need --key.
    let mut args = pbes2.to_vec();
    args.extend(["--key", "A128KW.jwk"]);
    dir.run(&args, b"p").fails(2);
    dir.run(&["jwe", "encrypt", "--alg", "A128KW", "--enc", "A128GCM", "--password-file", "pw.txt"], b"p")
        .fails_without(2, &[PASSWORD]);
    // Not both, and not neither.
    let mut args = pbes2.to_vec();
    args.extend(["--key", "A128KW.jwk", "--password-file", "pw.txt"]);
    dir.run(&args, b"p").fails_without(2, &[PASSWORD]);
    dir.run(&pbes2, b"p").fails(2);
    // An empty or missing password file.
    dir.write("empty.txt", "\n");
    let mut args = pbes2.to_vec();
    args.extend(["--password-file", "empty.txt"]);
    dir.run(&args, b"p").fails(2);
    let mut args = pbes2.to_vec();
    args.extend(["--password-file", "missing.txt"]);
    dir.run(&args, b"p").fails(2);
}

#[test]
fn zip_compresses_and_the_limit_holds() {
    let dir = key_dir();
    let plaintext = vec![b'a'; 20_000];
    let plain = encrypt(&dir, "A256KW", "A256GCM", 0, &[], &plaintext, false);
    let zipped = encrypt(&dir, "A256KW", "A256GCM", 0, &["--zip"], &plaintext, false);
    assert!(zipped.len() * 10 < plain.len(), "{} vs {}", zipped.len(), plain.len());
    assert_eq!(decrypt(&dir, "A256KW", "A256GCM", 0, &zipped, false).ok(), plaintext.as_slice());
    let dec = |limit: &str| {
        dir.run(
            &["jwe", "decrypt", "--key", "A256KW.jwk", "--alg", "A256KW", "--enc", "A256GCM", "--zip-limit", limit],
            zipped.as_bytes(),
        )
    };
    dec("19999").fails(1);
    dec("100").fails(1);
    assert_eq!(dec("20000").ok(), plaintext.as_slice());
}

#[test]
fn kid_and_extra_header_members() {
    let dir = key_dir();
    let token = encrypt(&dir, "ECDH-ES+A128KW", "A128GCM", 0, &[], b"x", false);
    assert_eq!(compact_header(&token)["kid"], member(&keys().ecdh[0].1.private_json(), "kid"));
    let extra = ["--kid", "recipient-1", "--header", r#"{"cty":"text/plain","x-trace":[1,"two"]}"#];
    let token = encrypt(&dir, "A128KW", "A128GCM", 0, &extra, b"x", false);
    let header = compact_header(&token);
    assert_eq!(header["kid"], "recipient-1");
    assert_eq!(header["cty"], "text/plain");
    assert_eq!(header["x-trace"], serde_json::json!([1, "two"]));
    // The kid names the key: the key file's own kid must match it.
    decrypt(&dir, "A128KW", "A128GCM", 0, &token, false).fails(1);
    let mut renamed = json(&keys().oct.iter().find(|(a, _)| *a == "A128KW").unwrap().1.private);
    renamed["kid"] = "recipient-1".into();
    dir.write("renamed.jwk", renamed.to_string());
    let out =
        dir.run(&["jwe", "decrypt", "--key", "renamed.jwk", "--alg", "A128KW", "--enc", "A128GCM"], token.as_bytes());
    assert_eq!(out.ok(), b"x");

    for header in [r#"{"alg":"dir"}"#, r#"{"enc":"A256GCM"}"#, r#"{"zip":"DEF"}"#, r#"{"a":"#, "[]", r#"{"a":1,"a":1}"#]
    {
        let args = ["jwe", "encrypt", "--key", "A128KW.jwk", "--alg", "A128KW", "--enc", "A128GCM", "--header", header];
        dir.run(&args, b"secret plaintext").fails_without(2, &["secret plaintext"]);
    }
}

#[test]
fn tampered_tokens_are_rejected_with_exit_1() {
    let dir = key_dir();
    let plaintext = b"plaintext that must not leak";
    for (i, (alg, enc)) in [
        ("A128KW", "A128CBC-HS256"),
        ("dir", "A256GCM"),
        ("RSA-OAEP", "A192CBC-HS384"),
        ("ECDH-ES", "A128GCM"),
        ("ECDH-ES+A256KW", "A256CBC-HS512"),
        ("A256GCMKW", "A192GCM"),
        ("PBES2-HS256+A128KW", "A128GCM"),
    ]
    .iter()
    .enumerate()
    {
        let token = encrypt(&dir, alg, enc, i, &[], plaintext, false);
        let mut start = 0;
        for segment in token.split('.') {
            if !segment.is_empty() {
                // A character in the middle of each segment.
                let bad = flip_char(&token, start + segment.len() / 2);
                assert_ne!(bad, token);
                let out = decrypt(&dir, alg, enc, i, &bad, false);
                out.fails_without(1, &[&bad, &token, "plaintext that must not leak", PASSWORD]);
            }
            start += segment.len() + 1;
        }
        let segs: Vec<&str> = token.split('.').collect();
        for bad in [
            segs[..4].join("."),
            format!("{token}.x"),
            format!("{}.{}.{}.{}.", segs[0], segs[1], segs[2], segs[3]),
            format!("{}.{}.{}.{}.{}", segs[0], segs[1], segs[2], segs[3], segs[4].get(..segs[4].len() - 2).unwrap()),
        ] {
            decrypt(&dir, alg, enc, i, &bad, false).fails(1);
        }
    }
    // JSON with a changed ciphertext.
    let token = encrypt(&dir, "A128KW", "A128GCM", 0, &["--format", "flattened"], plaintext, false);
    let mut doc = json(&token);
    doc["ciphertext"] = flip_char(member(&doc, "ciphertext"), 2).into();
    decrypt(&dir, "A128KW", "A128GCM", 0, &doc.to_string(), false).fails(1);
}

#[test]
fn wrong_keys_and_unaccepted_algorithms_are_rejections() {
    let dir = key_dir();
    // Another key of the right kind.
    let other = KeyPair::generate(&["--alg", "A128KW"]);
    dir.write("other-a128kw.jwk", &other.private);
    let token = encrypt(&dir, "A128KW", "A128GCM", 0, &[], b"x", false);
    let other_k = member(&other.private_json(), "k").to_owned();
    let args = ["jwe", "decrypt", "--key", "other-a128kw.jwk", "--alg", "A128KW", "--enc", "A128GCM"];
    dir.run(&args, token.as_bytes()).fails_without(1, &[&other_k]);
    let other_ec = KeyPair::generate(&["--kty", "EC", "--crv", "P-256"]);
    dir.write("other-p256.jwk", &other_ec.private);
    let token = encrypt(&dir, "ECDH-ES+A128KW", "A128GCM", 0, &[], b"x", false);
    let args = ["jwe", "decrypt", "--key", "other-p256.jwk", "--alg", "ECDH-ES+A128KW", "--enc", "A128GCM"];
    dir.run(&args, token.as_bytes()).fails(1);
    // A P-384 key for a token made for a P-256 key.
    let args = ["jwe", "decrypt", "--key", "P-384.jwk", "--alg", "ECDH-ES+A128KW", "--enc", "A128GCM"];
    dir.run(&args, token.as_bytes()).fails(1);

    // The right key, but the token's enc or alg is not accepted.
    let token = encrypt(&dir, "RSA-OAEP-256", "A128GCM", 0, &[], b"x", false);
    let args =
        ["jwe", "decrypt", "--key", "rsa.jwk", "--alg", "RSA-OAEP-256", "--enc", "A256GCM", "--enc", "A128CBC-HS256"];
    dir.run(&args, token.as_bytes()).fails(1);
    let args = ["jwe", "decrypt", "--key", "rsa.jwk", "--alg", "RSA-OAEP", "--enc", "A128GCM"];
    dir.run(&args, token.as_bytes()).fails(1);
    let args = ["jwe", "decrypt", "--key", "rsa.jwk", "--alg", "RSA-OAEP", "--alg", "RSA-OAEP-256", "--enc", "A128GCM"];
    assert_eq!(dir.run(&args, token.as_bytes()).ok(), b"x");
}

#[test]
fn a_key_set_decrypts_by_alg_and_kid() {
    let dir = key_dir();
    let k = keys();
    let set = format!("{{\"keys\":[{},{},{}]}}", k.rsa.private, k.ecdh[0].1.private, k.ecdh[3].1.private);
    let set_file = dir.write("set.jwks", set);
    for (i, alg) in [(0, "ECDH-ES"), (3, "ECDH-ES+A128KW"), (0, "RSA-OAEP-512")] {
        let token = encrypt(&dir, alg, "A256GCM", i, &[], b"set", false);
        let args = [
            "jwe",
            "decrypt",
            "--key",
            set_file,
            "--alg",
            "ECDH-ES",
            "--alg",
            "ECDH-ES+A128KW",
            "--alg",
            "RSA-OAEP-512",
            "--enc",
            "A256GCM",
        ];
        assert_eq!(dir.run(&args, token.as_bytes()).ok(), b"set", "{alg}");
    }
    // A set cannot be an encryption recipient.
    let args = ["jwe", "encrypt", "--key", set_file, "--alg", "ECDH-ES", "--enc", "A256GCM"];
    dir.run(&args, b"x").fails(2);
}

#[test]
fn keys_that_do_not_fit_and_unknown_algorithms_exit_2() {
    let dir = key_dir();
    let k = keys();
    let mut secrets = common::private_values(&k.rsa.private_json());
    for (_, pair) in k.oct.iter().chain(&k.dir).chain(&k.ecdh) {
        secrets.extend(common::private_values(&pair.private_json()));
    }
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    dir.write("ed25519.jwk", KeyPair::generate(&["--alg", "EdDSA"]).private);
    for (key, alg, enc) in [
        ("A128KW.jwk", "A256KW", "A128GCM"),
        ("A128KW.jwk", "A128GCMKW", "A128GCM"),
        ("A128KW.jwk", "dir", "A128GCM"),
        ("dir-A128GCM.jwk", "dir", "A256GCM"),
        ("dir-A128GCM.jwk", "A128KW", "A128GCM"),
        ("P-256.jwk", "RSA-OAEP", "A128GCM"),
        ("rsa.jwk", "ECDH-ES", "A128GCM"),
        ("rsa.jwk", "A128KW", "A128GCM"),
        ("ed25519.jwk", "ECDH-ES", "A128GCM"),
        ("A128KW.jwk", "A128KW", "A128GCMX"),
        ("A128KW.jwk", "A128KWX", "A128GCM"),
        ("A128KW.jwk", "none", "A128GCM"),
        ("missing.jwk", "A128KW", "A128GCM"),
        ("pw.txt", "A128KW", "A128GCM"),
    ] {
        let enc_args = ["jwe", "encrypt", "--key", key, "--alg", alg, "--enc", enc];
        let enc_out = dir.run(&enc_args, b"secret plaintext");
        // A dir key of another size may still be refused only at encryption.
        enc_out.fails_without(2, &[&secrets[..], &["secret plaintext", PASSWORD]].concat());
        if alg == "dir" && key == "dir-A128GCM.jwk" {
            continue;
        }
        let token = encrypt(&dir, "A128KW", "A128GCM", 0, &[], b"secret plaintext", false);
        let dec_args = ["jwe", "decrypt", "--key", key, "--alg", alg, "--enc", enc];
        dir.run(&dec_args, token.as_bytes()).fails_without(2, &[&secrets[..], &[&token, PASSWORD]].concat());
    }
}

/// Issue 14: a `dir` key whose `alg` is `"dir"` (Wycheproof, josekit) and one
/// whose `alg` is the content encryption name (`jot key generate`, panva's
/// jose) both work; the enc-named form works for that enc only, and for no
/// other algorithm (exit 2: an unusable key).
#[test]
fn dir_keys_in_both_forms() {
    let dir = TempDir::new();
    // One 32-byte secret in three JWKs: A256GCM and A128CBC-HS256 both take
    // 32 bytes, so only the names tell them apart.
    let named = KeyPair::generate(&["--alg", "dir", "--enc", "A256GCM"]);
    let mut v = named.private_json();
    assert_eq!(v["alg"], "A256GCM");
    dir.write("named.jwk", v.to_string());
    v["alg"] = "dir".into();
    dir.write("dir-form.jwk", v.to_string());
    v["alg"] = "A128CBC-HS256".into();
    dir.write("cbc-named.jwk", v.to_string());
    let k = member(&v, "k").to_owned();

    // Every pair of forms, with the enc the names allow.
    for (enc_key, dec_key, enc) in [
        ("named.jwk", "named.jwk", "A256GCM"),
        ("named.jwk", "dir-form.jwk", "A256GCM"),
        ("dir-form.jwk", "named.jwk", "A256GCM"),
        ("dir-form.jwk", "dir-form.jwk", "A128CBC-HS256"),
        ("cbc-named.jwk", "dir-form.jwk", "A128CBC-HS256"),
        ("dir-form.jwk", "cbc-named.jwk", "A128CBC-HS256"),
    ] {
        let token = dir.run(&["jwe", "encrypt", "--key", enc_key, "--alg", "dir", "--enc", enc], b"both forms").line();
        assert_eq!(compact_header(&token)["enc"], enc);
        let out = dir.run(&["jwe", "decrypt", "--key", dec_key, "--alg", "dir", "--enc", enc], token.as_bytes());
        assert_eq!(out.ok(), b"both forms", "{enc_key} -> {dec_key} {enc}");
    }

    // The enc-named key with another enc of its size: refused when
    // encrypting and when decrypting.
    let line = dir
        .run(&["jwe", "encrypt", "--key", "named.jwk", "--alg", "dir", "--enc", "A128CBC-HS256"], b"x")
        .fails_without(2, &[&k]);
    assert!(line.contains("another content encryption"), "{line}");
    let cbc =
        dir.run(&["jwe", "encrypt", "--key", "dir-form.jwk", "--alg", "dir", "--enc", "A128CBC-HS256"], b"x").line();
    let dec = ["jwe", "decrypt", "--key", "named.jwk", "--alg", "dir"];
    // (The key finds no token it may open: rejected, as any token no key
    // matches.)
    dir.run(&[&dec[..], &["--enc", "A128CBC-HS256"]].concat(), cbc.as_bytes()).fails_without(1, &[&k, &cbc]);
    // Accepting both encs does not let the header choose the other one.
    let both = [&dec[..], &["--enc", "A256GCM", "--enc", "A128CBC-HS256"]].concat();
    dir.run(&both, cbc.as_bytes()).fails_without(1, &[&k, &cbc]);
    // And any other algorithm, JWE or JWS.
    for alg in ["A256KW", "A256GCMKW", "PBES2-HS256+A128KW"] {
        dir.run(&["jwe", "encrypt", "--key", "named.jwk", "--alg", alg, "--enc", "A256GCM"], b"x")
            .fails_without(2, &[&k]);
    }
    let kw = KeyPair::generate(&["--alg", "A256KW"]);
    dir.write("kw.jwk", &kw.private);
    let kw_token = dir.run(&["jwe", "encrypt", "--key", "kw.jwk", "--alg", "A256KW", "--enc", "A256GCM"], b"x").line();
    let dec = ["jwe", "decrypt", "--key", "named.jwk", "--alg", "A256KW", "--enc", "A256GCM"];
    dir.run(&dec, kw_token.as_bytes()).fails_without(2, &[&k]);
    for alg in ["HS256", "HS512"] {
        let line = dir.run(&["jws", "sign", "--key", "named.jwk", "--alg", alg], b"x").fails_without(2, &[&k]);
        assert!(line.contains("unusable key"), "{line}");
    }
}
