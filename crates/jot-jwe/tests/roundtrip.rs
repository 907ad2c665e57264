//! Round trips: every key management algorithm (ECDH-ES on every curve) ×
//! every content algorithm, with and without DEFLATE, in the compact,
//! flattened and general serializations (the JSON ones also with `aad` and
//! a shared unprotected header), over proptest-generated plaintexts and
//! headers; multi-recipient JWEs mixing algorithms; and the builder's
//! refusals.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::OnceLock;

use jot_core::Secret;
use jot_core::alg::{Compression, Curve, JweAlgorithm, JweEncryption, JweFamily};
use jot_core::base64url;
use jot_core::json::Value as JotValue;
use jot_jwe::{Decrypter, Error, JweBuilder};
use jot_jwk::{Jwk, KeySpec};
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::Value;

const PBES2_COUNT: u32 = 1000;

/// One recipient key for a key management algorithm. `only_enc` is set
/// for `dir`, whose key is sized for one content algorithm.
struct KeyCase {
    alg: JweAlgorithm,
    only_enc: Option<JweEncryption>,
    /// For ECDH-ES, the key's curve.
    curve: Option<Curve>,
    label: String,
    jwk: Jwk,
}

impl KeyCase {
    /// Encrypts with the public part where there is one.
    fn public(&self) -> Jwk {
        self.jwk.to_public().unwrap_or_else(|| self.jwk.clone())
    }
}

/// Every algorithm with its keys, generated once per test binary (RSA key
/// generation is slow).
fn key_cases() -> &'static [KeyCase] {
    static CASES: OnceLock<Vec<KeyCase>> = OnceLock::new();
    CASES.get_or_init(|| {
        let rsa = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
        let curves: Vec<(Curve, Jwk)> = [Curve::P256, Curve::P384, Curve::P521]
            .into_iter()
            .map(|c| (c, Jwk::generate(KeySpec::Ec(c)).unwrap()))
            .chain([(Curve::X25519, Jwk::generate(KeySpec::Okp(Curve::X25519)).unwrap())])
            .collect();
        let password = Jwk::from_secret(Secret::new(b"correct horse battery staple".to_vec())).unwrap();
        let mut cases = Vec::new();
        for &alg in JweAlgorithm::ALL {
            let mut push =
                |only_enc, curve, label: String, jwk: Jwk| cases.push(KeyCase { alg, only_enc, curve, label, jwk });
            match alg.family() {
                JweFamily::Direct => {
                    for &enc in JweEncryption::ALL {
                        push(
                            Some(enc),
                            None,
                            format!("dir/{}", enc.name()),
                            Jwk::generate_for_jwe(alg, Some(enc)).unwrap(),
                        );
                    }
                }
                JweFamily::EcdhEs(_) => {
                    for (crv, jwk) in &curves {
                        push(None, Some(*crv), format!("{}/{}", alg.name(), crv.name()), jwk.clone());
                    }
                }
                JweFamily::Pbes2(..) => push(None, None, alg.name().to_owned(), password.clone()),
                JweFamily::Rsa(_) => push(None, None, alg.name().to_owned(), rsa.clone()),
                JweFamily::AesKw(_) | JweFamily::AesGcmKw(_) => {
                    push(None, None, alg.name().to_owned(), Jwk::generate_for_jwe(alg, None).unwrap())
                }
            }
        }
        cases
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Symmetric,
    Rsa,
    Ecdh,
    Pbes2,
}

fn family(alg: JweAlgorithm) -> Family {
    match alg.family() {
        JweFamily::EcdhEs(_) => Family::Ecdh,
        JweFamily::Pbes2(..) => Family::Pbes2,
        JweFamily::Rsa(_) => Family::Rsa,
        JweFamily::Direct | JweFamily::AesKw(_) | JweFamily::AesGcmKw(_) => Family::Symmetric,
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// One key, one content algorithm, one zip choice: five serializations,
/// each decrypted and checked.
fn roundtrip(case: &KeyCase, enc: JweEncryption, zip: bool, plaintext: &[u8], aad: &[u8]) {
    let what = format!("{} + {} zip={zip}", case.label, enc.name());
    let public = case.public();
    let ek = public.encrypting_key(case.alg).unwrap();
    let mut decrypter = Decrypter::new(case.jwk.decrypting_key(case.alg).unwrap(), &[enc]);
    if zip {
        decrypter = decrypter.allow_zip();
    }
    let base = || {
        let b = JweBuilder::new(enc).recipient(&ek).p2c(PBES2_COUNT);
        if zip { b.zip() } else { b }
    };
    let extras = || base().aad(aad).unprotected("x-shared", "shared value").unwrap();

    let check = |out: jot_jwe::Decrypted, form: &str| {
        assert_eq!(out.plaintext(), plaintext, "{what} {form}");
        let h = out.header();
        assert_eq!((h.alg(), h.enc()), (case.alg, enc), "{what} {form}");
        assert_eq!(h.zip(), zip.then_some(Compression::Deflate), "{what} {form}");
        assert_eq!(out.recipient_index(), 0);
        assert_eq!(out.kid(), case.jwk.kid());
        assert_eq!(h.kid(), case.jwk.kid());
        h.clone()
    };

    let compact = base().compact(plaintext).unwrap();
    assert_eq!(compact.split('.').count(), 5);
    let h = check(decrypter.decrypt_compact(&compact).unwrap(), "compact");
    assert!(h.shared_unprotected().is_empty() && h.recipient_unprotected().is_empty());
    // Every parameter is protected in the compact form.
    let protected = json(&String::from_utf8(base64url::decode(compact.split('.').next().unwrap()).unwrap()).unwrap());
    assert_eq!(protected["alg"], case.alg.name());
    assert_eq!(protected["enc"], enc.name());
    assert_eq!(protected.get("zip").is_some(), zip);

    for (form, text) in [("flattened", base().flattened(plaintext)), ("general", base().general(plaintext))] {
        let text = text.unwrap();
        let doc = json(&text);
        assert_eq!(doc.get("recipients").is_some(), form == "general");
        assert!(doc.get("aad").is_none() && doc.get("unprotected").is_none());
        check(decrypter.decrypt_json(text.as_bytes()).unwrap(), form);
    }
    for (form, text) in [("flattened+aad", extras().flattened(plaintext)), ("general+aad", extras().general(plaintext))]
    {
        let text = text.unwrap();
        let doc = json(&text);
        assert_eq!(doc["aad"], base64url::encode(aad));
        assert_eq!(doc["unprotected"]["x-shared"], "shared value");
        let h = check(decrypter.decrypt_json(text.as_bytes()).unwrap(), form);
        assert_eq!(h.shared_unprotected().get("x-shared"), Some(&JotValue::from("shared value")));
        assert_eq!(h.get("x-shared").and_then(JotValue::as_str), Some("shared value"));
        // The AAD is authenticated.
        let mut other = doc.clone();
        other["aad"] = Value::String(base64url::encode([aad, b"!"].concat()));
        assert_eq!(decrypter.decrypt_json(&serde_json::to_vec(&other).unwrap()).unwrap_err(), Error::DecryptionFailed);
    }
}

/// ECDH-ES on P-384 and P-521 is an order of magnitude slower than on
/// P-256 and X25519; those two curves get their own, non-proptest test.
fn slow_curve(case: &KeyCase) -> bool {
    matches!(case.curve, Some(Curve::P384 | Curve::P521))
}

fn run_family(fam: Family, plaintext: &[u8], aad: &[u8]) {
    let mut ran = 0;
    for case in key_cases().iter().filter(|c| family(c.alg) == fam && !slow_curve(c)) {
        for &enc in JweEncryption::ALL {
            if case.only_enc.is_some_and(|e| e != enc) {
                continue;
            }
            for zip in [false, true] {
                roundtrip(case, enc, zip, plaintext, aad);
                ran += 1;
            }
        }
    }
    assert!(ran > 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn symmetric_algorithms(plaintext in vec(any::<u8>(), 0..400), aad in vec(any::<u8>(), 0..40)) {
        run_family(Family::Symmetric, &plaintext, &aad);
    }

    #[test]
    fn rsa_algorithms(plaintext in vec(any::<u8>(), 0..400), aad in vec(any::<u8>(), 0..40)) {
        run_family(Family::Rsa, &plaintext, &aad);
    }

    #[test]
    fn ecdh_algorithms_on_p256_and_x25519(plaintext in vec(any::<u8>(), 0..400), aad in vec(any::<u8>(), 0..40)) {
        run_family(Family::Ecdh, &plaintext, &aad);
    }

    #[test]
    fn pbes2_algorithms(plaintext in vec(any::<u8>(), 0..400), aad in vec(any::<u8>(), 0..40)) {
        run_family(Family::Pbes2, &plaintext, &aad);
    }

    /// Header parameters set by the caller come back as they went in.
    #[test]
    fn caller_header_parameters(
        typ in "[ -~]{0,24}",
        cty in "\\PC{0,16}",
        name in "x-[a-z]{1,8}",
        value in any::<i64>(),
        shared in "\\PC{0,16}",
    ) {
        let case = key_cases().iter().find(|c| c.alg == JweAlgorithm::A256Kw).unwrap();
        let ek = case.jwk.encrypting_key(case.alg).unwrap();
        let d = Decrypter::new(case.jwk.decrypting_key(case.alg).unwrap(), &[JweEncryption::A256Gcm]);
        let builder = JweBuilder::new(JweEncryption::A256Gcm).typ(&typ).cty(&cty).recipient(&ek);
        let builder = builder.header(&name, value).unwrap();
        let out = d.decrypt_compact(&builder.compact(b"headers").unwrap()).unwrap();
        prop_assert_eq!(out.header().typ(), Some(typ.as_str()));
        prop_assert_eq!(out.header().cty(), Some(cty.as_str()));
        prop_assert_eq!(out.header().protected().get(&name), Some(&JotValue::from(value)));

        let builder = builder.unprotected("x-shared-param", shared.as_str()).unwrap();
        let out = d.decrypt_json(builder.general(b"headers").unwrap().as_bytes()).unwrap();
        prop_assert_eq!(out.header().protected().get(&name), Some(&JotValue::from(value)));
        prop_assert_eq!(out.header().shared_unprotected().get("x-shared-param"), Some(&JotValue::from(shared.as_str())));
    }
}

#[test]
fn ecdh_algorithms_on_p384_and_p521() {
    let plaintext = b"ECDH-ES on the larger NIST curves";
    for case in key_cases().iter().filter(|c| slow_curve(c)) {
        for &enc in JweEncryption::ALL {
            roundtrip(case, enc, enc == JweEncryption::A192CbcHs384, plaintext, b"aad");
        }
    }
}

#[test]
fn every_algorithm_and_every_enc_is_covered() {
    for &alg in JweAlgorithm::ALL {
        for &enc in JweEncryption::ALL {
            assert!(
                key_cases().iter().any(|c| c.alg == alg && c.only_enc.is_none_or(|e| e == enc)),
                "{alg:?} + {enc:?}"
            );
        }
    }
}

#[test]
fn larger_plaintexts_and_compressible_ones() {
    let case = key_cases().iter().find(|c| c.alg == JweAlgorithm::A128GcmKw).unwrap();
    let random = jot_crypto::rand::bytes(100_000).unwrap();
    let text = "all work and no play makes jot a dull crate. ".repeat(3000);
    for enc in [JweEncryption::A256CbcHs512, JweEncryption::A128Gcm] {
        roundtrip(case, enc, true, &random, b"");
        roundtrip(case, enc, true, text.as_bytes(), b"aad");
        roundtrip(case, enc, false, text.as_bytes(), b"");
    }
    // DEFLATE really compresses.
    let ek = case.jwk.encrypting_key(case.alg).unwrap();
    let zipped = JweBuilder::new(JweEncryption::A128Gcm).recipient(&ek).zip().compact(text.as_bytes()).unwrap();
    assert!(zipped.len() < text.len() / 10);
}

/// A general JWE to recipients of every family at once: each key, on its
/// own, decrypts its own recipient.
#[test]
fn multi_recipient_general_mixing_algorithms() {
    let algs = [
        ("A256KW", JweAlgorithm::A256Kw),
        ("RSA-OAEP-256", JweAlgorithm::RsaOaep256),
        ("ECDH-ES+A128KW/P-384", JweAlgorithm::EcdhEsA128Kw),
        ("PBES2-HS384+A192KW", JweAlgorithm::Pbes2Hs384A192Kw),
        ("A128GCMKW", JweAlgorithm::A128GcmKw),
        ("ECDH-ES+A256KW/X25519", JweAlgorithm::EcdhEsA256Kw),
        ("RSA1_5", JweAlgorithm::Rsa1_5),
        ("A192KW", JweAlgorithm::A192Kw),
    ];
    let cases: Vec<&KeyCase> =
        algs.iter().map(|(label, _)| key_cases().iter().find(|c| c.label == *label).unwrap()).collect();
    let publics: Vec<Jwk> = cases.iter().map(|c| c.public()).collect();
    let eks: Vec<_> = cases.iter().zip(&publics).map(|(c, p)| p.encrypting_key(c.alg).unwrap()).collect();
    for enc in [JweEncryption::A192CbcHs384, JweEncryption::A256Gcm] {
        let mut builder =
            JweBuilder::new(enc).p2c(PBES2_COUNT).aad(b"to everyone").unprotected("x-note", "hi").unwrap();
        for (i, ek) in eks.iter().enumerate() {
            let mut extra = jot_core::json::Object::new();
            extra.insert("x-index", i64::try_from(i).unwrap());
            builder = builder.recipient_with_header(ek, extra);
        }
        let text = builder.general(b"one message, eight recipients").unwrap();
        let doc = json(&text);
        let recipients = doc["recipients"].as_array().unwrap();
        assert_eq!(recipients.len(), algs.len());
        for (i, ((_, alg), case)) in algs.iter().zip(&cases).enumerate() {
            assert_eq!(recipients[i]["header"]["alg"], alg.name());
            let out =
                Decrypter::new(case.jwk.decrypting_key(*alg).unwrap(), &[enc]).decrypt_json(text.as_bytes()).unwrap();
            assert_eq!(out.plaintext(), b"one message, eight recipients");
            assert_eq!(out.recipient_index(), i, "{alg:?}");
            assert_eq!(out.header().alg(), *alg);
            assert_eq!(
                out.header().recipient_unprotected().get("x-index"),
                Some(&JotValue::from(i64::try_from(i).unwrap()))
            );
            assert_eq!(out.header().get("x-note").and_then(JotValue::as_str), Some("hi"));
        }
        // All keys at once: the first recipient wins.
        let all = cases.iter().map(|c| c.jwk.decrypting_key(c.alg).unwrap()).collect();
        let out = Decrypter::with_keys(all, &[enc]).decrypt_json(text.as_bytes()).unwrap();
        assert_eq!(out.recipient_index(), 0);
        // A key for none of them.
        let stranger = Jwk::generate_for_jwe(JweAlgorithm::A256Kw, None).unwrap();
        let d = Decrypter::new(stranger.decrypting_key(JweAlgorithm::A256Kw).unwrap(), &[enc]);
        assert_eq!(d.decrypt_json(text.as_bytes()).unwrap_err(), Error::NoMatchingKey);
    }
}

/// Two recipients with the same algorithm and no kid: the right key is
/// found whichever recipient it belongs to.
#[test]
fn same_algorithm_recipients_without_kid() {
    let a = Jwk::from_secret(jot_crypto::rand::secret(16).unwrap()).unwrap();
    let b = Jwk::from_secret(jot_crypto::rand::secret(16).unwrap()).unwrap();
    let (ea, eb) = (a.encrypting_key(JweAlgorithm::A128Kw).unwrap(), b.encrypting_key(JweAlgorithm::A128Kw).unwrap());
    let text = JweBuilder::new(JweEncryption::A128Gcm).recipient(&ea).recipient(&eb).general(b"x").unwrap();
    for (i, key) in [a, b].iter().enumerate() {
        let d = Decrypter::new(key.decrypting_key(JweAlgorithm::A128Kw).unwrap(), &[JweEncryption::A128Gcm]);
        let out = d.decrypt_json(text.as_bytes()).unwrap();
        assert_eq!((out.plaintext(), out.recipient_index()), (&b"x"[..], i));
    }
}

#[test]
fn fresh_cek_and_iv_every_time() {
    let case = key_cases().iter().find(|c| c.label == "dir/A128GCM").unwrap();
    let ek = case.jwk.encrypting_key(JweAlgorithm::Dir).unwrap();
    let builder = JweBuilder::new(JweEncryption::A128Gcm).recipient(&ek);
    let (t1, t2) = (builder.compact(b"same").unwrap(), builder.compact(b"same").unwrap());
    assert_ne!(t1.split('.').nth(2), t2.split('.').nth(2), "IVs differ");
    assert_ne!(t1, t2);
    let case = key_cases().iter().find(|c| c.alg == JweAlgorithm::A128Kw).unwrap();
    let ek = case.jwk.encrypting_key(JweAlgorithm::A128Kw).unwrap();
    let builder = JweBuilder::new(JweEncryption::A128Gcm).recipient(&ek);
    let (t1, t2) = (builder.compact(b"same").unwrap(), builder.compact(b"same").unwrap());
    assert_ne!(t1.split('.').nth(1), t2.split('.').nth(1), "CEKs differ");
}

#[test]
fn builder_refuses_inconsistent_requests() {
    let kw = Jwk::generate_for_jwe(JweAlgorithm::A128Kw, None).unwrap();
    let kw = kw.encrypting_key(JweAlgorithm::A128Kw).unwrap();
    let dir = Jwk::generate_for_jwe(JweAlgorithm::Dir, Some(JweEncryption::A128Gcm)).unwrap();
    let dir = dir.encrypting_key(JweAlgorithm::Dir).unwrap();
    let misuse = |r: Result<String, Error>| assert!(matches!(r, Err(Error::ApiMisuse(_))), "{r:?}");

    misuse(JweBuilder::new(JweEncryption::A128Gcm).compact(b"no recipient"));
    misuse(JweBuilder::new(JweEncryption::A128Gcm).general(b"no recipient"));
    misuse(JweBuilder::new(JweEncryption::A128Gcm).recipient(&kw).recipient(&kw).compact(b"two"));
    misuse(JweBuilder::new(JweEncryption::A128Gcm).recipient(&kw).recipient(&kw).flattened(b"two"));
    misuse(JweBuilder::new(JweEncryption::A128Gcm).recipient(&kw).aad(b"aad").compact(b"aad"));
    misuse(JweBuilder::new(JweEncryption::A128Gcm).recipient(&kw).unprotected("x", "y").unwrap().compact(b"shared"));
    // dir and ECDH-ES fix the CEK, so they allow only one recipient.
    misuse(JweBuilder::new(JweEncryption::A128Gcm).recipient(&dir).recipient(&kw).general(b"dir and more"));
    misuse(JweBuilder::new(JweEncryption::A128Gcm).recipient(&kw).recipient(&dir).general(b"more and dir"));
    // A dir key sized for A128GCM cannot encrypt A256GCM.
    let r = JweBuilder::new(JweEncryption::A256Gcm).recipient(&dir).compact(b"wrong size");
    assert!(matches!(r, Err(Error::Key(_)) | Err(Error::ApiMisuse(_))), "{r:?}");
    // Parameters the builder owns cannot be set by the caller.
    for name in ["alg", "enc", "zip", "epk", "iv", "tag", "p2s", "p2c", "crit"] {
        assert!(matches!(JweBuilder::new(JweEncryption::A128Gcm).header(name, "x"), Err(Error::ApiMisuse(_))));
        assert!(matches!(JweBuilder::new(JweEncryption::A128Gcm).unprotected(name, "x"), Err(Error::ApiMisuse(_))));
    }
    // A name is protected or shared, not both.
    let b = JweBuilder::new(JweEncryption::A128Gcm).header("x-a", "1").unwrap();
    assert!(matches!(b.unprotected("x-a", "2"), Err(Error::ApiMisuse(_))));
    let b = JweBuilder::new(JweEncryption::A128Gcm).unprotected("x-b", "1").unwrap();
    assert!(matches!(b.header("x-b", "2"), Err(Error::ApiMisuse(_))));
    // PBES2 with a count of zero.
    let pwd = Jwk::from_secret(Secret::new(b"password".to_vec())).unwrap();
    let pwd = pwd.encrypting_key(JweAlgorithm::Pbes2Hs256A128Kw).unwrap();
    misuse(JweBuilder::new(JweEncryption::A128Gcm).recipient(&pwd).p2c(0).compact(b"p2c 0"));
}

#[test]
fn pbes2_default_count_is_the_default_limit() {
    assert_eq!(jot_jwe::DEFAULT_P2C, jot_jwe::Limits::DEFAULT.max_p2c);
    let pwd = Jwk::from_secret(Secret::new(b"password".to_vec())).unwrap();
    let ek = pwd.encrypting_key(JweAlgorithm::Pbes2Hs256A128Kw).unwrap();
    let token = JweBuilder::new(JweEncryption::A128Gcm).recipient(&ek).compact(b"default p2c").unwrap();
    let header = json(&String::from_utf8(base64url::decode(token.split('.').next().unwrap()).unwrap()).unwrap());
    assert_eq!(header["p2c"], u64::from(jot_jwe::DEFAULT_P2C));
    let d = Decrypter::new(pwd.decrypting_key(JweAlgorithm::Pbes2Hs256A128Kw).unwrap(), &[JweEncryption::A128Gcm]);
    assert_eq!(d.decrypt_compact(&token).unwrap().plaintext(), b"default p2c");
}
