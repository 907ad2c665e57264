//! Tampering: one byte of any segment of a valid token of each algorithm
//! family makes decryption fail. Where the change leaves the header as it
//! was (the encrypted key, IV, ciphertext, tag, or a header value that only
//! the AAD covers), the error is the one opaque `DecryptionFailed`; where it
//! changes what the header says, the typed error for that member.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::OnceLock;

use jot_core::alg::{Curve, JweAlgorithm, JweEncryption};
use jot_core::{LimitKind, Secret, base64url};
use jot_jwe::{Decrypter, Error, HeaderError, JweBuilder, Limits, Part};
use jot_jwk::{Jwk, KeySpec};
use jot_test_support::{json_bytes, load};
use serde_json::{Map, Value};

const PLAINTEXT: &[u8] = b"attack at dawn; bring the second key";
const P2C: u32 = 1000;

struct Family {
    name: &'static str,
    alg: JweAlgorithm,
    enc: JweEncryption,
    jwk: Jwk,
}

impl Family {
    fn decrypter(&self) -> Decrypter {
        Decrypter::new(self.jwk.decrypting_key(self.alg).unwrap(), &[self.enc])
    }

    /// A fresh compact token with a free-text `typ` and extension member
    /// that only the AAD protects.
    fn token(&self) -> String {
        let public = self.jwk.to_public().unwrap_or_else(|| self.jwk.clone());
        let ek = public.encrypting_key(self.alg).unwrap();
        JweBuilder::new(self.enc)
            .typ("JWT")
            .header("x-note", "only the AAD guards this")
            .unwrap()
            .recipient(&ek)
            .p2c(P2C)
            .compact(PLAINTEXT)
            .unwrap()
    }
}

/// One token per algorithm family, keys made once. The RSA key is the
/// RFC 7516 A.1 key (no key generation).
fn families() -> &'static [Family] {
    static F: OnceLock<Vec<Family>> = OnceLock::new();
    F.get_or_init(|| {
        let rsa = Jwk::from_json(&json_bytes(&load("rfc/rfc7516-a1-rsa-oaep-a256gcm.json")["jwk"])).unwrap();
        let gen_jwe = |alg, enc| Jwk::generate_for_jwe(alg, enc).unwrap();
        let f = |name, alg, enc, jwk| Family { name, alg, enc, jwk };
        use JweAlgorithm as A;
        use JweEncryption as E;
        vec![
            f("dir+GCM", A::Dir, E::A128Gcm, gen_jwe(A::Dir, Some(E::A128Gcm))),
            f("dir+CBC", A::Dir, E::A256CbcHs512, gen_jwe(A::Dir, Some(E::A256CbcHs512))),
            f("A128KW+CBC", A::A128Kw, E::A128CbcHs256, gen_jwe(A::A128Kw, None)),
            f("A256KW+GCM", A::A256Kw, E::A256Gcm, gen_jwe(A::A256Kw, None)),
            f("A192GCMKW", A::A192GcmKw, E::A192CbcHs384, gen_jwe(A::A192GcmKw, None)),
            f("RSA-OAEP-256", A::RsaOaep256, E::A192Gcm, rsa.clone()),
            f("RSA1_5", A::Rsa1_5, E::A128CbcHs256, rsa),
            f("ECDH-ES P-256", A::EcdhEs, E::A128CbcHs256, Jwk::generate(KeySpec::Ec(Curve::P256)).unwrap()),
            f(
                "ECDH-ES+A192KW X25519",
                A::EcdhEsA192Kw,
                E::A128Gcm,
                Jwk::generate(KeySpec::Okp(Curve::X25519)).unwrap(),
            ),
            f(
                "PBES2",
                A::Pbes2Hs256A128Kw,
                E::A256Gcm,
                Jwk::from_secret(Secret::new(b"tamper-proof password".to_vec())).unwrap(),
            ),
        ]
    })
}

fn decode(token: &str) -> Vec<Vec<u8>> {
    token.split('.').map(|s| base64url::decode(s).unwrap()).collect()
}

fn encode(segments: &[Vec<u8>]) -> String {
    segments.iter().map(base64url::encode).collect::<Vec<_>>().join(".")
}

fn object(bytes: &[u8]) -> Option<Map<String, Value>> {
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    }
}

fn decodes_to_len(v: &Value, at_least: usize) -> bool {
    v.as_str().and_then(|s| base64url::decode(s).ok()).is_some_and(|b| b.len() >= at_least)
}

/// What decrypting must give when the protected header was changed from
/// `orig` to `tampered` (one byte). `None`: any error will do (the header
/// is no longer the same set of members).
fn expected_for_header(f: &Family, orig: &Map<String, Value>, tampered: &[u8]) -> Option<Result<(), Error>> {
    // The strict parser's verdict (syntax, duplicate names) comes first.
    match jot_core::json::parse_object(tampered, &jot_core::json::JsonLimits::DEFAULT) {
        Ok(_) => {}
        Err(jot_core::Error::Json(e)) => return Some(Err(Error::Json(Part::ProtectedHeader, e))),
        Err(e) => panic!("{e:?}"),
    }
    let new = object(tampered).unwrap();
    if new.len() != orig.len() || new.keys().any(|k| !orig.contains_key(k)) {
        return None;
    }
    let changed: Vec<&String> = orig.keys().filter(|k| orig[*k] != new[*k]).collect();
    assert_eq!(changed.len(), 1, "one byte changes one member");
    let (name, value) = (changed[0].as_str(), &new[changed[0].as_str()]);
    let failed = Err(Error::DecryptionFailed);
    Some(match name {
        // Only the AAD covers these: the content step fails.
        "typ" | "x-note" => failed,
        "kid" => Err(Error::NoMatchingKey),
        "alg" | "enc" => {
            let known = JweAlgorithm::from_name(value.as_str().unwrap()).is_ok()
                || JweEncryption::from_name(value.as_str().unwrap()).is_ok();
            if known { Err(Error::AlgorithmNotAllowed) } else { Err(Error::UnsupportedAlgorithm) }
        }
        "p2s" if decodes_to_len(value, 8) => failed,
        "p2s" => Err(Error::Header(HeaderError::InvalidP2s)),
        "p2c" => match value.as_u64() {
            Some(0) | None => Err(Error::Header(HeaderError::InvalidP2c)),
            Some(n) if n > u64::from(Limits::DEFAULT.max_p2c) => Err(Error::Limit(LimitKind::Pbes2Count)),
            Some(_) => failed,
        },
        "iv" | "tag" if decodes_to_len(value, 1) => failed,
        "iv" | "tag" => Err(Error::Header(HeaderError::MissingKeyWrapParameter)),
        // A changed X25519 public value is another valid point: the derived
        // key differs. A changed EC coordinate leaves the curve.
        "epk" => {
            let old = &orig["epk"];
            let okp_x_only = old["kty"] == "OKP"
                && value["kty"] == old["kty"]
                && value["crv"] == old["crv"]
                && value
                    .get("x")
                    .and_then(Value::as_str)
                    .and_then(|x| base64url::decode(x).ok())
                    .is_some_and(|x| x.len() == 32);
            if okp_x_only { failed } else { Err(Error::Header(HeaderError::InvalidEpk)) }
        }
        other => panic!("{}: unexpected member {other} changed", f.name),
    })
}

#[test]
fn every_byte_of_the_protected_header() {
    for f in families() {
        let token = f.token();
        let d = f.decrypter();
        assert_eq!(d.decrypt_compact(&token).unwrap().plaintext(), PLAINTEXT, "{}", f.name);
        let segs = decode(&token);
        let orig = object(&segs[0]).unwrap();
        let (mut opaque, mut typed, mut any) = (0, 0, 0);
        for i in 0..segs[0].len() {
            let mut t = segs.clone();
            t[0][i] ^= 0x01;
            let got = d.decrypt_compact(&encode(&t)).map(|_| ());
            match expected_for_header(f, &orig, &t[0]) {
                Some(want) => {
                    assert_eq!(got, want, "{} header byte {i} ({:?})", f.name, String::from_utf8_lossy(&t[0]));
                    if want == Err(Error::DecryptionFailed) {
                        opaque += 1;
                    } else {
                        typed += 1;
                    }
                }
                None => {
                    assert!(got.is_err(), "{} header byte {i}", f.name);
                    any += 1;
                }
            }
        }
        // The free-text members guarantee some opaque failures.
        assert!(opaque >= "JWTonly the AAD guards this".len(), "{}: {opaque} {typed} {any}", f.name);
    }
}

#[test]
fn every_byte_of_the_encrypted_key_iv_ciphertext_and_tag() {
    for f in families() {
        let token = f.token();
        let d = f.decrypter();
        let segs = decode(&token);
        let mut tried = 0;
        for (s, part) in [(1, "encrypted key"), (2, "iv"), (3, "ciphertext"), (4, "tag")] {
            for i in 0..segs[s].len() {
                for mask in [0x01, 0x80] {
                    let mut t = segs.clone();
                    t[s][i] ^= mask;
                    let got = d.decrypt_compact(&encode(&t)).map(|_| ());
                    assert_eq!(got, Err(Error::DecryptionFailed), "{} {part} byte {i} ^ {mask:#x}", f.name);
                    tried += 1;
                }
            }
        }
        assert!(tried > 0);
    }
}

#[test]
fn shortened_and_lengthened_segments() {
    for f in families() {
        let token = f.token();
        let d = f.decrypter();
        let segs = decode(&token);
        for s in 1..5 {
            if !segs[s].is_empty() {
                let mut t = segs.clone();
                t[s].pop();
                assert_eq!(
                    d.decrypt_compact(&encode(&t)).unwrap_err(),
                    Error::DecryptionFailed,
                    "{} seg {s} -1",
                    f.name
                );
                let mut t = segs.clone();
                t[s].clear();
                assert_eq!(
                    d.decrypt_compact(&encode(&t)).unwrap_err(),
                    Error::DecryptionFailed,
                    "{} seg {s} empty",
                    f.name
                );
            }
            let mut t = segs.clone();
            t[s].push(0);
            let got = d.decrypt_compact(&encode(&t)).unwrap_err();
            if s == 1 && segs[1].is_empty() {
                // dir and ECDH-ES: RFC 7516 5.2 step 10, the encrypted key
                // must be empty; this is structure, not a crypto result.
                assert_eq!(got, Error::Malformed(Part::EncryptedKey), "{}", f.name);
            } else {
                assert_eq!(got, Error::DecryptionFailed, "{} seg {s} +1", f.name);
            }
        }
    }
}

#[test]
fn segments_swapped_between_two_tokens() {
    for f in families() {
        let d = f.decrypter();
        let (a, b) = (decode(&f.token()), decode(&f.token()));
        // Each segment of token a with the rest of token b.
        for s in 0..5 {
            if a[s] == b[s] {
                continue; // identical headers, or empty encrypted keys
            }
            let mut t = b.clone();
            t[s] = a[s].clone();
            assert_eq!(d.decrypt_compact(&encode(&t)).unwrap_err(), Error::DecryptionFailed, "{} seg {s}", f.name);
        }
    }
}

/// A header re-serialized with the same members and values (here, in
/// another order) is a different AAD: decryption fails.
#[test]
fn reordered_header_is_a_different_aad() {
    for f in families() {
        let segs = decode(&f.token());
        let orig = object(&segs[0]).unwrap();
        let mut reversed = String::from("{");
        for (i, (k, v)) in orig.iter().rev().enumerate() {
            if i > 0 {
                reversed.push(',');
            }
            reversed.push_str(&format!("{}:{}", Value::String(k.clone()), v));
        }
        reversed.push('}');
        assert_eq!(object(reversed.as_bytes()).unwrap(), orig);
        let mut t = segs.clone();
        t[0] = reversed.into_bytes();
        if t[0] == segs[0] {
            continue;
        }
        assert_eq!(f.decrypter().decrypt_compact(&encode(&t)).unwrap_err(), Error::DecryptionFailed, "{}", f.name);
    }
}

/// The JSON serializations: every protected or authenticated member.
#[test]
fn json_members_tampered() {
    for f in families() {
        let public = f.jwk.to_public().unwrap_or_else(|| f.jwk.clone());
        let ek = public.encrypting_key(f.alg).unwrap();
        let builder = JweBuilder::new(f.enc)
            .recipient(&ek)
            .p2c(P2C)
            .aad(b"authenticated, not encrypted")
            .unprotected("x-shared", "not authenticated")
            .unwrap();
        let d = f.decrypter();
        for (form, text) in [("flattened", builder.flattened(PLAINTEXT)), ("general", builder.general(PLAINTEXT))] {
            let doc: Value = serde_json::from_str(&text.unwrap()).unwrap();
            assert_eq!(d.decrypt_json(&json_bytes(&doc)).unwrap().plaintext(), PLAINTEXT);
            let ek_path: &[&str] =
                if form == "general" { &["recipients", "0", "encrypted_key"] } else { &["encrypted_key"] };
            let mut paths: Vec<&[&str]> = vec![&["protected"], &["aad"], &["iv"], &["ciphertext"], &["tag"]];
            if pointer(&doc, ek_path).is_some() {
                paths.push(ek_path);
            }
            for path in paths {
                let bytes = base64url::decode(pointer(&doc, path).unwrap().as_str().unwrap()).unwrap();
                for i in [0, bytes.len() / 2, bytes.len() - 1] {
                    let mut b = bytes.clone();
                    b[i] ^= 0x01;
                    if path == ["protected"] && object(&b).is_none() {
                        continue; // the JSON error is covered for compact
                    }
                    let mut t = doc.clone();
                    *pointer_mut(&mut t, path) = Value::String(base64url::encode(&b));
                    let got = d.decrypt_json(&json_bytes(&t)).map(|_| ());
                    if path == ["protected"] {
                        assert!(got.is_err(), "{} {form} {path:?} byte {i}", f.name);
                    } else {
                        assert_eq!(got, Err(Error::DecryptionFailed), "{} {form} {path:?} byte {i}", f.name);
                    }
                }
            }
            // Dropping the AAD or the protected header fails too.
            for member in ["aad", "protected"] {
                let mut t = doc.clone();
                t.as_object_mut().unwrap().remove(member);
                let got = d.decrypt_json(&json_bytes(&t)).map(|_| ());
                if member == "aad" {
                    assert_eq!(got, Err(Error::DecryptionFailed), "{} {form} without aad", f.name);
                } else {
                    assert!(got.is_err(), "{} {form} without protected", f.name);
                }
            }
            // The shared unprotected header is not integrity protected
            // (RFC 7516 section 7.2.1): changing it changes only what is
            // reported.
            let mut t = doc.clone();
            t["unprotected"]["x-shared"] = Value::String("changed in transit".into());
            let out = d.decrypt_json(&json_bytes(&t)).unwrap();
            assert_eq!(out.plaintext(), PLAINTEXT);
            assert_eq!(out.header().get("x-shared").and_then(|v| v.as_str()), Some("changed in transit"));
        }
    }
}

fn pointer<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, p| match p.parse::<usize>() {
        Ok(i) => v.get(i),
        Err(_) => v.get(*p),
    })
}

fn pointer_mut<'a>(v: &'a mut Value, path: &[&str]) -> &'a mut Value {
    path.iter().fold(v, |v, p| match p.parse::<usize>() {
        Ok(i) => &mut v[i],
        Err(_) => &mut v[*p],
    })
}

/// The RFC vectors, tampered: one byte of each segment of each compact
/// example in RFC 7516 and RFC 7520 section 5.
#[test]
fn rfc_vectors_tampered() {
    let mut cases: Vec<(String, Jwk, JweAlgorithm, JweEncryption, bool)> = Vec::new();
    for name in ["rfc7516-a1-rsa-oaep-a256gcm", "rfc7516-a2-rsa1_5-a128cbc-hs256", "rfc7516-a3-a128kw-a128cbc-hs256"] {
        let v = load(&format!("rfc/{name}.json"));
        let jwk = Jwk::from_json(&json_bytes(&v["jwk"])).unwrap();
        let alg = JweAlgorithm::from_name(v["alg"].as_str().unwrap()).unwrap();
        let enc = JweEncryption::from_name(v["enc"].as_str().unwrap()).unwrap();
        cases.push((v["compact"].as_str().unwrap().to_owned(), jwk, alg, enc, false));
    }
    let dir = jot_test_support::vectors_dir().join("rfc7520/jwe");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    files.sort();
    for file in files {
        let v = load(&format!("rfc7520/jwe/{}", file.to_str().unwrap()));
        let input = &v["input"];
        let Some(compact) = v["output"]["compact"].as_str() else { continue };
        let jwk = match input.get("pwd") {
            Some(p) => Jwk::from_secret(Secret::new(p.as_str().unwrap().as_bytes().to_vec())).unwrap(),
            None => Jwk::from_json(&json_bytes(&input["key"])).unwrap(),
        };
        let alg = JweAlgorithm::from_name(input["alg"].as_str().unwrap()).unwrap();
        let enc = JweEncryption::from_name(input["enc"].as_str().unwrap()).unwrap();
        cases.push((compact.to_owned(), jwk, alg, enc, input.get("zip").is_some()));
    }
    assert_eq!(cases.len(), 3 + 9);
    for (compact, jwk, alg, enc, zip) in cases {
        let mut d = Decrypter::new(jwk.decrypting_key(alg).unwrap(), &[enc]);
        if zip {
            d = d.allow_zip();
        }
        d.decrypt_compact(&compact).unwrap();
        let segs = decode(&compact);
        for s in 1..5 {
            for i in [0, segs[s].len() / 2, segs[s].len().saturating_sub(1)] {
                if segs[s].is_empty() {
                    continue;
                }
                let mut t = segs.clone();
                t[s][i] ^= 0x01;
                assert_eq!(
                    d.decrypt_compact(&encode(&t)).unwrap_err(),
                    Error::DecryptionFailed,
                    "{alg:?} seg {s} byte {i}"
                );
            }
        }
        // A header with one more member, otherwise the same.
        let mut header = object(&segs[0]).unwrap();
        header.insert("x-added".into(), Value::Bool(true));
        let mut t = segs.clone();
        t[0] = serde_json::to_vec(&header).unwrap();
        assert_eq!(d.decrypt_compact(&encode(&t)).unwrap_err(), Error::DecryptionFailed, "{alg:?} header");
    }
}
