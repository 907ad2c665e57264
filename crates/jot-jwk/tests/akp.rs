//! AKP keys (RFC 9964) for ML-DSA-44/65/87: RFC 9964's example keys from
//! `vectors/ml-dsa/`, and every rule an AKP JWK is held to, each with its
//! malicious form and the exact error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JwsAlgorithm, KeyType, MlDsaLevel, ShaAlg};
use jot_core::json::{JsonLimits, Object, Value, parse_object};
use jot_core::{JsonError, base64std, base64url};
use jot_crypto::KeyRejected;
use jot_jwk::key::Key;
use jot_jwk::pem::DerFormat;
use jot_jwk::{EncodingError, Error, Jwk, JwkSet, KeySelector, KeySpec};
use jot_test_support::{json_bytes, load};
use serde_json::Value as Json;

const ML_DSA: [JwsAlgorithm; 3] = [JwsAlgorithm::MlDsa44, JwsAlgorithm::MlDsa65, JwsAlgorithm::MlDsa87];

/// RFC 9964's example for `alg`: the file as JSON.
fn example(alg: JwsAlgorithm) -> Json {
    load(&format!("ml-dsa/{}.jose.json", alg.name().replace('-', "_")))
}

/// A JWK object from JSON value `v` with `edit` applied.
fn object(v: &Json, edit: impl FnOnce(&mut serde_json::Map<String, Json>)) -> Object {
    let mut v = v.clone();
    edit(v.as_object_mut().unwrap());
    parse_object(&json_bytes(&v), &JsonLimits::DEFAULT).unwrap()
}

fn parse(v: &Json, edit: impl FnOnce(&mut serde_json::Map<String, Json>)) -> Result<Jwk, Error> {
    Jwk::from_object(&object(v, edit))
}

#[test]
fn rfc_9964_example_keys() {
    for alg in ML_DSA {
        let ex = example(alg);
        let jwk_json = &ex["jwk"];
        let private = Jwk::from_json(&json_bytes(jwk_json)).unwrap();
        assert_eq!(private.key_type(), KeyType::Akp);
        assert!(private.is_private());
        assert_eq!(private.alg(), Some(&alg.into()));
        // RFC 7638 with RFC 9964's members (alg, kty, pub): the example's kid.
        let kid = jwk_json["kid"].as_str().unwrap();
        assert_eq!(private.thumbprint_b64(ShaAlg::Sha256), kid, "{alg}");
        let public = private.to_public().unwrap();
        assert!(!public.is_private());
        assert_eq!(public.thumbprint_b64(ShaAlg::Sha256), kid);
        // `priv` expands to `pub` (the load checks it; so does the key
        // rebuilt from the seed alone).
        let Key::Akp(akp) = private.key() else { panic!("an AKP key") };
        assert_eq!(akp.alg, alg);
        assert_eq!(
            akp.public.len(),
            match alg.family() {
                jot_core::alg::JwsFamily::MlDsa(level) => level.public_key_len(),
                _ => unreachable!(),
            }
        );
        assert_eq!(base64url::encode(akp.private.as_ref().unwrap().expose()), jwk_json["priv"].as_str().unwrap());
        // Written out and read back: the same members, character for character.
        let written: Json = serde_json::from_str(&private.to_json()).unwrap();
        assert_eq!(&written, jwk_json, "{alg}");
        let public_written: Json = serde_json::from_str(&public.to_json()).unwrap();
        let mut expected = jwk_json.clone();
        expected.as_object_mut().unwrap().remove("priv");
        assert_eq!(public_written, expected);
        assert_eq!(Jwk::from_json(public.to_json().as_bytes()).unwrap(), public);
        // The example signature verifies with the key bound to its alg.
        let token = ex["jws"].as_str().unwrap();
        let (input, sig) = token.rsplit_once('.').unwrap();
        let sig = base64url::decode(sig).unwrap();
        public.verifying_key(alg).unwrap().verify(input.as_bytes(), &sig).unwrap();
        private.verifying_key(alg).unwrap().verify(input.as_bytes(), &sig).unwrap();
    }
}

#[test]
fn priv_must_expand_to_pub() {
    // RFC 9964's all-zero seed beside another key's `pub` of the right
    // length: the key would sign as one key and publish another.
    for alg in ML_DSA {
        let ex = example(alg);
        let other = Jwk::generate_for_jws(alg).unwrap();
        let Key::Akp(other) = other.key() else { unreachable!() };
        let forged = base64url::encode(&other.public);
        assert_eq!(
            parse(&ex["jwk"], |o| {
                o.insert("pub".into(), forged.into());
                o.remove("kid");
            }),
            Err(Error::Key(KeyRejected::Inconsistent)),
            "{alg}"
        );
        // One bit of `pub` flipped.
        let mut public = base64url::decode(ex["jwk"]["pub"].as_str().unwrap()).unwrap();
        public[100] ^= 1;
        assert_eq!(
            parse(&ex["jwk"], |o| {
                o.insert("pub".into(), base64url::encode(&public).into());
            }),
            Err(Error::Key(KeyRejected::Inconsistent))
        );
        // The same `pub` alone is a fine public key (of someone).
        parse(&ex["jwk"], |o| {
            o.insert("pub".into(), base64url::encode(&public).into());
            o.remove("priv");
        })
        .unwrap();
    }
}

#[test]
fn lengths_are_exact() {
    for alg in ML_DSA {
        let ex = example(alg);
        let jwk = &ex["jwk"];
        let public = base64url::decode(jwk["pub"].as_str().unwrap()).unwrap();
        for bad in [&public[..public.len() - 1], &[public.as_slice(), &[0]].concat(), &[][..]] {
            assert_eq!(
                parse(jwk, |o| {
                    o.insert("pub".into(), base64url::encode(bad).into());
                    o.remove("priv");
                }),
                Err(Error::Key(KeyRejected::InvalidLength)),
                "{alg}: pub of {} bytes",
                bad.len()
            );
        }
        for len in [0, 16, 31, 33, 64] {
            assert_eq!(
                parse(jwk, |o| {
                    o.insert("priv".into(), base64url::encode(vec![0u8; len]).into());
                }),
                Err(Error::Key(KeyRejected::InvalidLength)),
                "{alg}: priv of {len} bytes"
            );
        }
    }
    // Another level's `pub` under this level's `alg`: a length error, never
    // read as the other level.
    let pub65 = example(JwsAlgorithm::MlDsa65)["jwk"]["pub"].clone();
    assert_eq!(
        parse(&example(JwsAlgorithm::MlDsa44)["jwk"], |o| {
            o.insert("pub".into(), pub65);
            o.remove("priv");
        }),
        Err(Error::Key(KeyRejected::InvalidLength))
    );
}

#[test]
fn alg_is_required_and_ml_dsa() {
    let jwk = example(JwsAlgorithm::MlDsa44)["jwk"].clone();
    assert_eq!(
        parse(&jwk, |o| {
            o.remove("alg");
        }),
        Err(Error::Json(JsonError::Missing { member: "alg" }))
    );
    assert!(matches!(
        parse(&jwk, |o| {
            o.insert("alg".into(), 44.into());
        }),
        Err(Error::Json(_))
    ));
    // Another AKP algorithm jot does not implement.
    for other in ["ML-KEM-768", "SLH-DSA-SHA2-128s", "ML-DSA-1024", "ml-dsa-44"] {
        assert_eq!(
            parse(&jwk, |o| {
                o.insert("alg".into(), other.into());
            }),
            Err(Error::UnsupportedAlgorithm),
            "{other}"
        );
    }
    // A known algorithm of another key type.
    for other in ["ES256", "EdDSA", "HS256", "RSA-OAEP", "A128GCM"] {
        assert_eq!(
            parse(&jwk, |o| {
                o.insert("alg".into(), other.into());
            }),
            Err(Error::KeyTypeMismatch),
            "{other}"
        );
    }
    // Another ML-DSA level: the lengths no longer fit.
    assert_eq!(
        parse(&jwk, |o| {
            o.insert("alg".into(), "ML-DSA-65".into());
        }),
        Err(Error::Key(KeyRejected::InvalidLength))
    );
    // Required members and members of other key types.
    assert_eq!(
        parse(&jwk, |o| {
            o.remove("pub");
        }),
        Err(Error::Json(JsonError::Missing { member: "pub" }))
    );
    for (member, value) in [("x", "AA"), ("d", "AA"), ("crv", "Ed25519"), ("k", "AA"), ("n", "AA")] {
        assert!(
            matches!(
                parse(&jwk, |o| {
                    o.insert(member.into(), value.into());
                }),
                Err(Error::UnexpectedMember { .. })
            ),
            "{member}"
        );
    }
    // `pub` and `priv` are AKP material, refused on other key types.
    let okp = br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","pub":"AA"}"#;
    assert_eq!(Jwk::from_json(okp), Err(Error::UnexpectedMember { member: "pub" }));
    // Not base64url.
    assert_eq!(
        parse(&jwk, |o| {
            o.insert("priv".into(), "AAAA=".into());
        }),
        Err(Error::Base64 { member: "priv" })
    );
}

#[test]
fn bound_to_its_own_algorithm_only() {
    for alg in ML_DSA {
        let private = Jwk::from_json(&json_bytes(&example(alg)["jwk"])).unwrap();
        let public = private.to_public().unwrap();
        private.signing_key(alg).unwrap();
        public.verifying_key(alg).unwrap();
        for &other in JwsAlgorithm::ALL.iter().filter(|&&a| a != alg) {
            assert_eq!(public.verifying_key(other).unwrap_err(), Error::AlgorithmMismatch, "{alg} as {other}");
            assert_eq!(private.signing_key(other).unwrap_err(), Error::AlgorithmMismatch, "{alg} as {other}");
        }
        assert_eq!(public.signing_key(alg).unwrap_err(), Error::NotPrivate);
        // No JWE use.
        assert!(public.encrypting_key(jot_core::alg::JweAlgorithm::EcdhEs).is_err());
    }
    // Another key type is not an AKP key for ML-DSA.
    let ed = Jwk::generate(KeySpec::Okp(jot_core::alg::Curve::Ed25519)).unwrap();
    assert_eq!(ed.verifying_key(JwsAlgorithm::MlDsa44).unwrap_err(), Error::KeyTypeMismatch);
}

#[test]
fn alg_stays_the_keys() {
    let mut jwk = Jwk::generate_for_jws(JwsAlgorithm::MlDsa44).unwrap();
    // Parameters naming another alg, or none, are refused.
    let mut params = jwk.params().clone();
    params.alg = Some(JwsAlgorithm::MlDsa65.into());
    assert_eq!(jwk.set_params(params.clone()), Err(Error::AlgorithmMismatch));
    params.alg = None;
    assert_eq!(jwk.set_params(params), Err(Error::Json(JsonError::Missing { member: "alg" })));
    assert_eq!(
        Jwk::from_key(jwk.key().clone(), Default::default()),
        Err(Error::Json(JsonError::Missing { member: "alg" }))
    );
    // `set_alg` does not check; the key is still written and bound as the
    // key's own algorithm.
    jwk.set_alg(JwsAlgorithm::MlDsa65);
    assert!(jwk.to_json().contains(r#""alg":"ML-DSA-44""#));
    assert_eq!(jwk.verifying_key(JwsAlgorithm::MlDsa65).unwrap_err(), Error::AlgorithmMismatch);
    Jwk::from_json(jwk.to_json().as_bytes()).unwrap();
}

#[test]
fn generated_keys() {
    for alg in ML_DSA {
        let jwk = Jwk::generate_for_jws(alg).unwrap();
        let Key::Akp(akp) = jwk.key() else { panic!("an AKP key") };
        let jot_core::alg::JwsFamily::MlDsa(level) = alg.family() else { unreachable!() };
        assert_eq!((akp.alg, akp.public.len()), (alg, level.public_key_len()));
        assert_eq!(akp.private.as_ref().unwrap().len(), MlDsaLevel::SEED_LEN);
        assert_eq!(jwk.kid(), Some(jwk.thumbprint_b64(ShaAlg::Sha256).as_str()));
        let json: Json = serde_json::from_str(&jwk.to_json()).unwrap();
        assert_eq!(
            (json["kty"].as_str(), json["alg"].as_str(), json["use"].as_str()),
            (Some("AKP"), Some(alg.name()), Some("sig"))
        );
        assert_eq!(Jwk::from_json(jwk.to_json().as_bytes()).unwrap(), jwk);
        let sig = jwk.signing_key(alg).unwrap().sign(b"payload").unwrap();
        assert_eq!(sig.len(), level.signature_len());
        jwk.to_public().unwrap().verifying_key(alg).unwrap().verify(b"payload", &sig).unwrap();
        // KeySpec::Akp makes the same kind of key.
        let plain = Jwk::generate(KeySpec::Akp(alg)).unwrap();
        assert_eq!(plain.alg(), Some(&alg.into()));
    }
    assert_eq!(Jwk::generate(KeySpec::Akp(JwsAlgorithm::ES256)).unwrap_err(), Error::KeyTypeMismatch);
}

#[test]
fn debug_redacts_priv() {
    let jwk = Jwk::generate_for_jws(JwsAlgorithm::MlDsa65).unwrap();
    let Key::Akp(akp) = jwk.key() else { unreachable!() };
    let seed = base64url::encode(akp.private.as_ref().unwrap().expose());
    let seed_hex = hex::encode(akp.private.as_ref().unwrap().expose());
    for dbg in [
        format!("{jwk:?}"),
        format!("{:?}", jwk.key()),
        format!("{akp:?}"),
        format!("{:?}", jwk.signing_key(JwsAlgorithm::MlDsa65).unwrap()),
    ] {
        assert!(!dbg.contains(&seed) && !dbg.contains(&seed_hex[..16]), "{dbg}");
    }
    assert!(format!("{akp:?}").contains("***"));
}

/// An ML-DSA-44 SubjectPublicKeyInfo (RFC 9881: id-ml-dsa-44,
/// 2.16.840.1.101.3.4.3.17, no parameters) around RFC 9964's example key.
fn ml_dsa_44_spki() -> Vec<u8> {
    let public = base64url::decode(example(JwsAlgorithm::MlDsa44)["jwk"]["pub"].as_str().unwrap()).unwrap();
    let alg = [0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11];
    let bits_len = public.len() + 1;
    let mut bits = vec![0x03, 0x82, (bits_len >> 8) as u8, bits_len as u8, 0x00];
    bits.extend_from_slice(&public);
    let body_len = alg.len() + bits.len();
    let mut der = vec![0x30, 0x82, (body_len >> 8) as u8, body_len as u8];
    der.extend_from_slice(&alg);
    der.extend_from_slice(&bits);
    der
}

#[test]
fn no_pem_or_der_for_akp() {
    let unsupported = Error::Encoding(EncodingError::UnsupportedAlgorithm);
    let private = Jwk::from_json(&json_bytes(&example(JwsAlgorithm::MlDsa44)["jwk"])).unwrap();
    let public = private.to_public().unwrap();
    for format in [DerFormat::Spki, DerFormat::Pkcs8, DerFormat::Pkcs1Public, DerFormat::Sec1, DerFormat::Certificate] {
        assert_eq!(private.to_pem(format).unwrap_err(), unsupported, "{format:?}");
        assert_eq!(public.to_der(format).unwrap_err(), unsupported, "{format:?}");
    }
    // Reading: an ML-DSA SPKI is an algorithm jot does not read in DER.
    let der = ml_dsa_44_spki();
    assert_eq!(Jwk::from_der(&der, DerFormat::Spki).unwrap_err(), unsupported);
    let b64 = base64std::encode(&der);
    let lines: Vec<&str> = b64.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
    let pem = format!("-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n", lines.join("\n"));
    assert_eq!(Jwk::from_pem(&pem).unwrap_err(), unsupported);
}

#[test]
fn tokens_cannot_carry_priv() {
    let jwk = &example(JwsAlgorithm::MlDsa44)["jwk"];
    let obj = object(jwk, |_| {});
    assert_eq!(Jwk::public_from_token(&obj, &[KeyType::Akp]), Err(Error::PrivateMember { member: "priv" }));
    let public = object(jwk, |o| {
        o.remove("priv");
    });
    assert_eq!(Jwk::public_from_token(&public, &[KeyType::Ec, KeyType::Okp]), Err(Error::KeyTypeMismatch));
    assert!(!Jwk::public_from_token(&public, &[KeyType::Akp]).unwrap().is_private());
}

#[test]
fn key_sets_select_by_alg() {
    let mut keys: Vec<Value> = Vec::new();
    for alg in ML_DSA {
        let public = Jwk::from_json(&json_bytes(&example(alg)["jwk"])).unwrap().to_public().unwrap();
        keys.push(public.to_object().into());
    }
    keys.push(Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap().to_public().unwrap().to_object().into());
    // An AKP key for an algorithm jot does not implement is skipped.
    keys.push(
        parse_object(br#"{"kty":"AKP","alg":"ML-KEM-768","pub":"AA","kid":"kem"}"#, &JsonLimits::DEFAULT)
            .unwrap()
            .into(),
    );
    let mut doc = Object::new();
    doc.insert("keys", keys);
    let set = JwkSet::from_json(doc.to_json().as_bytes()).unwrap();
    assert_eq!(set.keys().len(), 4);
    assert_eq!(set.skipped().len(), 1);
    assert_eq!(set.skipped()[0].reason, Error::UnsupportedAlgorithm);
    set.check_public().unwrap();
    for alg in ML_DSA {
        let kid = example(alg)["jwk"]["kid"].as_str().unwrap().to_owned();
        let key = set.select(&KeySelector::for_jws(alg)).unwrap();
        assert_eq!(key.kid(), Some(kid.as_str()));
        assert_eq!(set.select(&KeySelector::for_jws(alg).kid(&kid)).unwrap().kid(), Some(kid.as_str()));
        // A kid naming one level's key selects nothing for another level.
        for other in ML_DSA.into_iter().filter(|&o| o != alg) {
            assert_eq!(set.select(&KeySelector::for_jws(other).kid(&kid)).unwrap_err(), Error::NoMatchingKey);
        }
    }
}
