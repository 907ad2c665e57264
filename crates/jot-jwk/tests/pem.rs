#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! PEM and DER import and export (`jot_jwk::pem`).
//!
//! Key material comes from files: the RFC JWK vectors in `vectors/rfc/` and
//! `vectors/rfc7520/jwk/`, and the OpenSSL-made files in `vectors/pem/`
//! (see its README for the commands).

use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode};
use jot_core::Secret;
use jot_core::alg::Curve;
use jot_crypto::KeyRejected;
use jot_jwk::key::{EcKey, Key, OkpKey, RsaKey, RsaPrivate};
use jot_jwk::pem::{DerFormat, certificate_public_key, key_from_der, key_from_pem, key_to_der, key_to_pem};
use jot_jwk::{EncodingError, Error};
use jot_test_support::{load, vectors_dir};
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn b64(v: &Value, member: &str) -> Vec<u8> {
    jot_core::base64url::decode(v[member].as_str().unwrap_or_else(|| panic!("missing {member}"))).unwrap()
}

fn secret(v: &Value, member: &str) -> Secret {
    Secret::new(b64(v, member))
}

/// A JWK JSON object as plain key material (the JWK parser is tested
/// elsewhere; this only reads the members the key needs).
fn jwk_key(v: &Value) -> Key {
    let has_d = v.get("d").is_some();
    match v["kty"].as_str().unwrap() {
        "RSA" => Key::Rsa(RsaKey {
            n: b64(v, "n"),
            e: b64(v, "e"),
            private: has_d.then(|| RsaPrivate {
                d: secret(v, "d"),
                p: secret(v, "p"),
                q: secret(v, "q"),
                dp: secret(v, "dp"),
                dq: secret(v, "dq"),
                qi: secret(v, "qi"),
            }),
        }),
        "EC" => Key::Ec(EcKey {
            crv: v["crv"].as_str().unwrap().parse().unwrap(),
            x: b64(v, "x"),
            y: b64(v, "y"),
            d: has_d.then(|| secret(v, "d")),
        }),
        "OKP" => Key::Okp(OkpKey {
            crv: v["crv"].as_str().unwrap().parse().unwrap(),
            x: b64(v, "x"),
            d: has_d.then(|| secret(v, "d")),
        }),
        other => panic!("unexpected kty {other}"),
    }
}

fn pem_file(name: &str) -> String {
    let path = vectors_dir().join("pem").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn der_file(name: &str) -> Vec<u8> {
    let path = vectors_dir().join("pem").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn public(key: &Key) -> Key {
    key.to_public().unwrap()
}

fn enc(e: EncodingError) -> Error {
    Error::Encoding(e)
}

const ALL_FORMATS: [DerFormat; 6] = [
    DerFormat::Spki,
    DerFormat::Pkcs8,
    DerFormat::Pkcs1Public,
    DerFormat::Pkcs1Private,
    DerFormat::Sec1,
    DerFormat::Certificate,
];

/// The formats a key can be written in, and what reading each back gives.
fn writable(key: &Key) -> Vec<(DerFormat, Key)> {
    let mut out = vec![(DerFormat::Spki, public(key))];
    match key {
        Key::Rsa(_) => out.push((DerFormat::Pkcs1Public, public(key))),
        Key::Ec(_) | Key::Okp(_) | Key::Oct(_) | Key::Akp(_) => {}
    }
    if key.is_private() {
        out.push((DerFormat::Pkcs8, key.clone()));
        match key {
            Key::Rsa(_) => out.push((DerFormat::Pkcs1Private, key.clone())),
            Key::Ec(_) => out.push((DerFormat::Sec1, key.clone())),
            Key::Okp(_) | Key::Oct(_) | Key::Akp(_) => {}
        }
    }
    out
}

/// Key -> DER -> Key and Key -> PEM -> Key for every format that applies;
/// every other format is refused as unsupported.
fn round_trip(name: &str, key: &Key) {
    let formats = writable(key);
    for (format, expected) in &formats {
        let der = key_to_der(key, *format).unwrap_or_else(|e| panic!("{name} {format:?}: {e}"));
        assert_eq!(&key_from_der(&der, *format).unwrap(), expected, "{name} {format:?} DER");
        let pem = key_to_pem(key, *format).unwrap();
        assert_eq!(&key_from_pem(&pem).unwrap(), expected, "{name} {format:?} PEM");
    }
    for format in ALL_FORMATS {
        if !formats.iter().any(|(f, _)| *f == format) {
            assert_eq!(
                key_to_der(key, format),
                Err(enc(EncodingError::UnsupportedFormat)),
                "{name} {format:?} should be refused"
            );
            assert_eq!(key_to_pem(key, format), Err(enc(EncodingError::UnsupportedFormat)));
        }
    }
    if key.is_private() {
        round_trip(&format!("{name} (public)"), &public(key));
    }
}

/// Reads an OpenSSL file, writes the key back in the same format, and
/// expects OpenSSL's bytes exactly.
fn same_as_openssl(file: &str, format: DerFormat) -> Key {
    if file.ends_with(".der") {
        let der = der_file(file);
        let key = key_from_der(&der, format).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(key_to_der(&key, format).unwrap(), der, "{file}: re-encoded DER differs");
        key
    } else {
        let pem = pem_file(file);
        let key = key_from_pem(&pem).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(key_to_pem(&key, format).unwrap(), pem, "{file}: re-encoded PEM differs");
        key
    }
}

// ---------------------------------------------------------------------------
// Round trips of the RFC keys
// ---------------------------------------------------------------------------

#[test]
fn round_trip_rsa_rfc_keys() {
    let set = load("rfc/rfc7517-a2-private-keys.json");
    let rsa = set["jwks"]["keys"].as_array().unwrap().iter().find(|k| k["kty"] == "RSA").unwrap();
    round_trip("RFC 7517 A.2 RSA", &jwk_key(rsa));
    round_trip("RFC 7515 A.2 RSA", &jwk_key(&load("rfc/rfc7515-a2-rs256.json")["jwk"]));
    round_trip("RFC 7520 3.4 RSA", &jwk_key(&load("rfc7520/jwk/3_4.rsa_private_key.json")));
    round_trip("RFC 7520 3.3 RSA", &jwk_key(&load("rfc7520/jwk/3_3.rsa_public_key.json")));
}

#[test]
fn round_trip_ec_rfc_keys() {
    let set = load("rfc/rfc7517-a2-private-keys.json");
    let p256 = set["jwks"]["keys"].as_array().unwrap().iter().find(|k| k["kty"] == "EC").unwrap();
    let p256 = jwk_key(p256);
    assert_eq!(p256.curve(), Some(Curve::P256));
    round_trip("RFC 7517 A.2 P-256", &p256);

    let p521 = jwk_key(&load("rfc7520/jwk/3_2.ec_private_key.json"));
    assert_eq!(p521.curve(), Some(Curve::P521));
    round_trip("RFC 7520 3.2 P-521", &p521);
    round_trip("RFC 7520 3.1 P-521", &jwk_key(&load("rfc7520/jwk/3_1.ec_public_key.json")));
}

#[test]
fn round_trip_okp_rfc_keys() {
    let ed25519 = jwk_key(&load("rfc/rfc8037-a1-ed25519-private-key.json")["jwk"]);
    round_trip("RFC 8037 A.1 Ed25519", &ed25519);

    // RFC 8037 A.6 gives Bob's X25519 public key as a JWK and (from RFC 7748
    // section 6.1) his private key in hex.
    let a6 = load("rfc/rfc8037-a6-ecdh-es-x25519.json");
    let x25519 = Key::Okp(OkpKey {
        crv: Curve::X25519,
        x: b64(&a6["bob_public_jwk"], "x"),
        d: Some(Secret::new(jot_test_support::hex_field(&a6, "bob_private_key_hex"))),
    });
    round_trip("RFC 8037 A.6 X25519", &x25519);
}

#[test]
fn round_trip_openssl_keys_of_every_curve() {
    // P-384 and secp256k1 have no JWK file: their keys come from OpenSSL.
    for name in ["p256", "p384", "p521", "secp256k1"] {
        let key = key_from_pem(&pem_file(&format!("ec-{name}-pkcs8.pem"))).unwrap();
        round_trip(name, &key);
    }
    for name in ["rsa-2048", "ed25519", "x25519"] {
        round_trip(name, &key_from_pem(&pem_file(&format!("{name}-pkcs8.pem"))).unwrap());
    }
}

#[test]
fn round_trip_generated_keys() {
    use jot_crypto::ec::EcPrivateKey;
    use jot_crypto::okp::{Ed25519PrivateKey, X25519PrivateKey};
    for curve in [Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1] {
        let k = EcPrivateKey::generate(curve).unwrap();
        let key = Key::Ec(EcKey {
            crv: curve,
            x: k.public_key().x().to_vec(),
            y: k.public_key().y().to_vec(),
            d: Some(k.scalar()),
        });
        round_trip(&format!("generated {curve:?}"), &key);
    }
    let k = Ed25519PrivateKey::generate().unwrap();
    let key = Key::Okp(OkpKey { crv: Curve::Ed25519, x: k.public_key().as_bytes().to_vec(), d: Some(k.seed()) });
    round_trip("generated Ed25519", &key);
    let k = X25519PrivateKey::generate().unwrap();
    let key = Key::Okp(OkpKey { crv: Curve::X25519, x: k.public_key().as_bytes().to_vec(), d: Some(k.secret_bytes()) });
    round_trip("generated X25519", &key);
}

#[test]
fn derived_public_parts_match_the_stored_ones() {
    // A PKCS#8 v1 Ed25519/X25519 key and a SEC1 key without `publicKey` get
    // their public part computed; it must be the one the RFC states.
    let ed25519 = jwk_key(&load("rfc/rfc8037-a1-ed25519-private-key.json")["jwk"]);
    let Key::Okp(okp) = &ed25519 else { unreachable!() };
    let d = okp.d.as_ref().unwrap().expose();
    // PKCS#8 v1 without the public key, built here.
    let inner = OctetStringRef::new(d).unwrap().to_der().unwrap();
    let v1 = pkcs8::PrivateKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef { oid: ObjectIdentifier::new_unwrap("1.3.101.112"), parameters: None },
        private_key: OctetStringRef::new(&inner).unwrap(),
        public_key: None,
    }
    .to_der()
    .unwrap();
    assert_eq!(key_from_der(&v1, DerFormat::Pkcs8).unwrap(), ed25519);

    let p521 = jwk_key(&load("rfc7520/jwk/3_2.ec_private_key.json"));
    let Key::Ec(ec) = &p521 else { unreachable!() };
    let no_public = sec1::EcPrivateKey {
        private_key: ec.d.as_ref().unwrap().expose(),
        parameters: Some(sec1::EcParameters::NamedCurve(ObjectIdentifier::new_unwrap("1.3.132.0.35"))),
        public_key: None,
    }
    .to_der()
    .unwrap();
    assert_eq!(key_from_der(&no_public, DerFormat::Sec1).unwrap(), p521);
}

// ---------------------------------------------------------------------------
// Interop with OpenSSL
// ---------------------------------------------------------------------------

#[test]
fn openssl_rsa() {
    let private = same_as_openssl("rsa-2048-pkcs8.pem", DerFormat::Pkcs8);
    assert!(private.is_private());
    for (file, format) in [
        ("rsa-2048-pkcs8.der", DerFormat::Pkcs8),
        ("rsa-2048-pkcs1.pem", DerFormat::Pkcs1Private),
        ("rsa-2048-pkcs1.der", DerFormat::Pkcs1Private),
    ] {
        assert_eq!(same_as_openssl(file, format), private, "{file}");
    }
    for (file, format) in [
        ("rsa-2048-spki.pem", DerFormat::Spki),
        ("rsa-2048-spki.der", DerFormat::Spki),
        ("rsa-2048-pkcs1-public.pem", DerFormat::Pkcs1Public),
        ("rsa-2048-pkcs1-public.der", DerFormat::Pkcs1Public),
    ] {
        assert_eq!(same_as_openssl(file, format), public(&private), "{file}");
    }
    assert_eq!(key_from_pem(&pem_file("rsa-2048-cert.pem")).unwrap(), public(&private));
    assert_eq!(certificate_public_key(&der_file("rsa-2048-cert.der")).unwrap(), public(&private));
    assert_eq!(key_from_der(&der_file("rsa-2048-cert.der"), DerFormat::Certificate).unwrap(), public(&private));

    // JWK form: no leading zero octets (DER's sign octet is gone).
    let Key::Rsa(rsa) = &private else { unreachable!() };
    assert_eq!(rsa.n.len(), 256);
    assert_eq!(rsa.e, [1, 0, 1]);
    let p = rsa.private.as_ref().unwrap();
    for part in [&p.d, &p.p, &p.q, &p.dp, &p.dq, &p.qi] {
        assert_ne!(part.expose()[0], 0);
    }
}

#[test]
fn openssl_ec() {
    for (name, curve) in
        [("p256", Curve::P256), ("p384", Curve::P384), ("p521", Curve::P521), ("secp256k1", Curve::Secp256k1)]
    {
        let private = same_as_openssl(&format!("ec-{name}-pkcs8.pem"), DerFormat::Pkcs8);
        let Key::Ec(ec) = &private else { panic!("{name}: not EC") };
        assert_eq!(ec.crv, curve);
        // Fixed-length coordinates and scalar.
        let len = curve.coordinate_len();
        assert_eq!((ec.x.len(), ec.y.len(), ec.d.as_ref().unwrap().len()), (len, len, len), "{name}");

        for (file, format) in [
            (format!("ec-{name}-pkcs8.der"), DerFormat::Pkcs8),
            (format!("ec-{name}-sec1.pem"), DerFormat::Sec1),
            (format!("ec-{name}-sec1.der"), DerFormat::Sec1),
        ] {
            assert_eq!(same_as_openssl(&file, format), private, "{file}");
        }
        for file in [format!("ec-{name}-spki.pem"), format!("ec-{name}-spki.der")] {
            assert_eq!(same_as_openssl(&file, DerFormat::Spki), public(&private), "{file}");
        }
    }
}

#[test]
fn openssl_ec_variants() {
    let private = key_from_pem(&pem_file("ec-p256-pkcs8.pem")).unwrap();
    // Without the public key, the public point is derived from the scalar.
    assert_eq!(key_from_pem(&pem_file("ec-p256-sec1-no-public.pem")).unwrap(), private);
    // Compressed points decode to the same coordinates.
    assert_eq!(key_from_pem(&pem_file("ec-p256-sec1-compressed.pem")).unwrap(), private);
    assert_eq!(key_from_pem(&pem_file("ec-p256-spki-compressed.pem")).unwrap(), public(&private));
    // `openssl pkcs8 -topk8 -nocrypt` of the SEC1 file.
    assert_eq!(key_from_pem(&pem_file("ec-p256-topk8.pem")).unwrap(), private);
    // The certificate's key is the key file's.
    assert_eq!(key_from_pem(&pem_file("ec-p256-cert.pem")).unwrap(), public(&private));
}

#[test]
fn openssl_okp() {
    for name in ["ed25519", "x25519"] {
        // OpenSSL writes PKCS#8 v1: the public key is derived, and must equal
        // OpenSSL's `-pubout`.
        let private = same_as_openssl(&format!("{name}-pkcs8.pem"), DerFormat::Pkcs8);
        assert_eq!(same_as_openssl(&format!("{name}-pkcs8.der"), DerFormat::Pkcs8), private);
        for file in [format!("{name}-spki.pem"), format!("{name}-spki.der")] {
            assert_eq!(same_as_openssl(&file, DerFormat::Spki), public(&private), "{file}");
        }
    }
    let ed25519 = key_from_pem(&pem_file("ed25519-pkcs8.pem")).unwrap();
    assert_eq!(ed25519.curve(), Some(Curve::Ed25519));
    // PKCS#8 v2 (OneAsymmetricKey with the public key) of the same key.
    assert_eq!(key_from_der(&der_file("ed25519-pkcs8-v2.der"), DerFormat::Pkcs8).unwrap(), ed25519);
    // And its self-signed certificate.
    assert_eq!(key_from_pem(&pem_file("ed25519-cert.pem")).unwrap(), public(&ed25519));
}

#[test]
fn x5c_certificate_key_equals_the_jwk() {
    let v = load("rfc/rfc7517-b-x5c.json");
    let jwk = &v["jwk"];
    let cert = jot_core::base64std::decode(jwk["x5c"][0].as_str().unwrap()).unwrap();
    let Key::Rsa(rsa) = certificate_public_key(&cert).unwrap() else { panic!("not RSA") };
    assert_eq!(rsa.n, b64(jwk, "n"));
    assert_eq!(rsa.e, b64(jwk, "e"));
    assert!(rsa.private.is_none());
}

#[test]
fn wycheproof_ecdh_public_keys() {
    // Wycheproof's ECDH tests carry the peer key as a DER SubjectPublicKeyInfo,
    // including malformed DER, explicit curve parameters, points off the curve
    // and keys on other curves. Only the key import is checked here.
    let refused = [
        "InvalidAsn",
        "UnnamedCurve",
        "InvalidPublic",
        "InvalidEncoding",
        "InvalidCompressedPublic",
        "InvalidCurveAttack",
        "ModifiedPublicPoint",
    ];
    for (file, curve) in [
        ("wycheproof/ecdh_secp256r1_test.json", Curve::P256),
        ("wycheproof/ecdh_secp384r1_test.json", Curve::P384),
        ("wycheproof/ecdh_secp521r1_test.json", Curve::P521),
    ] {
        let v = load(file);
        let mut count = 0;
        for group in v["testGroups"].as_array().unwrap() {
            assert_eq!(group["encoding"], "asn");
            for test in group["tests"].as_array().unwrap() {
                count += 1;
                let id = &test["tcId"];
                let der = jot_test_support::hex_field(test, "public");
                let got = key_from_der(&der, DerFormat::Spki).map(|k| k.curve());
                let flags: Vec<&str> = test["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
                if test["result"] == "valid" || flags.contains(&"CompressedPublic") {
                    assert_eq!(got, Ok(Some(curve)), "{file} tcId {id}");
                } else if flags.contains(&"UnnamedCurve") {
                    assert_eq!(got, Err(enc(EncodingError::UnsupportedAlgorithm)), "{file} tcId {id}");
                } else if flags.contains(&"WrongCurve") || flags.contains(&"ModifiedGroup") {
                    // A key on another curve may be a valid key of that
                    // curve; it must not pass for one on this curve.
                    assert_ne!(got, Ok(Some(curve)), "{file} tcId {id}");
                } else if flags.iter().any(|f| refused.contains(f)) {
                    assert!(got.is_err(), "{file} tcId {id} {flags:?}: accepted");
                } else {
                    panic!("{file} tcId {id}: unclassified flags {flags:?}");
                }
            }
        }
        assert!(count > 400, "{file}: only {count} tests");
    }
}

// ---------------------------------------------------------------------------
// PEM armour
// ---------------------------------------------------------------------------

#[test]
fn pem_tolerates_surrounding_whitespace_text_before_and_other_line_forms() {
    let pem = pem_file("ec-p256-spki.pem");
    let key = key_from_pem(&pem).unwrap();
    // Explanatory text before the block (RFC 7468 section 5.2).
    assert_eq!(key_from_pem(&format!("Subject: test\n{pem}")).unwrap(), key);
    // Whitespace after it, and no final newline.
    assert_eq!(key_from_pem(&format!("{pem}\n\n  \t\n")).unwrap(), key);
    assert_eq!(key_from_pem(pem.trim_end()).unwrap(), key);
    // CRLF line endings.
    assert_eq!(key_from_pem(&pem.replace('\n', "\r\n")).unwrap(), key);
    // 76-column lines (MIME style) instead of 64.
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let lines: Vec<String> = body.as_bytes().chunks(76).map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
    let wide = format!("-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n", lines.join("\n"));
    assert_eq!(key_from_pem(&wide).unwrap(), key);
}

#[test]
fn pem_bad_armour() {
    let pem = pem_file("ec-p256-spki.pem");
    let bad = enc(EncodingError::Pem);
    // No END boundary.
    let no_end: String = pem.lines().filter(|l| !l.starts_with("-----END")).map(|l| format!("{l}\n")).collect();
    assert_eq!(key_from_pem(&no_end), Err(bad.clone()));
    // BEGIN and END labels differ.
    assert_eq!(key_from_pem(&pem.replace("END PUBLIC KEY", "END PRIVATE KEY")), Err(bad.clone()));
    // A character outside base64.
    let body_start = pem.find('\n').unwrap() + 1;
    let mut broken = pem.clone();
    broken.replace_range(body_start..=body_start, "*");
    assert_eq!(key_from_pem(&broken), Err(bad.clone()));
    // Text after the block.
    assert_eq!(key_from_pem(&format!("{pem}trailing text\n")), Err(bad.clone()));
    // Two blocks.
    assert_eq!(key_from_pem(&format!("{pem}{pem}")), Err(bad.clone()));
    // Nothing at all.
    assert_eq!(key_from_pem(""), Err(bad.clone()));
    assert_eq!(key_from_pem("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"), Err(bad.clone()));
    // Legacy encrypted key: RFC 1421 headers are not RFC 7468.
    assert_eq!(key_from_pem(&pem_file("ec-p256-sec1-legacy-encrypted.pem")), Err(bad));
}

#[test]
fn pem_unknown_label() {
    let pem = pem_file("ec-p256-spki.pem").replace("PUBLIC KEY", "DSA PUBLIC KEY");
    assert_eq!(key_from_pem(&pem), Err(enc(EncodingError::UnsupportedPemLabel)));
    let pem = pem_file("ec-p256-pkcs8.pem").replace("PRIVATE KEY", "OPENSSH PRIVATE KEY");
    assert_eq!(key_from_pem(&pem), Err(enc(EncodingError::UnsupportedPemLabel)));
}

#[test]
fn pem_encrypted_pkcs8_label() {
    assert_eq!(key_from_pem(&pem_file("ed25519-encrypted.pem")), Err(enc(EncodingError::UnsupportedPemLabel)));
}

#[test]
fn pem_label_that_does_not_fit_the_content() {
    // A PKCS#8 body under the PUBLIC KEY label.
    let pem = pem_file("ec-p256-pkcs8.pem").replace("PRIVATE KEY", "PUBLIC KEY");
    assert_eq!(key_from_pem(&pem), Err(enc(EncodingError::Der)));
}

// ---------------------------------------------------------------------------
// Malformed and refused DER
// ---------------------------------------------------------------------------

/// One valid DER file per format.
fn der_samples() -> Vec<(&'static str, DerFormat, Vec<u8>)> {
    let sec1_pem = key_from_pem(&pem_file("ec-p256-sec1.pem")).unwrap();
    vec![
        ("rsa spki", DerFormat::Spki, der_file("rsa-2048-spki.der")),
        ("ec spki", DerFormat::Spki, der_file("ec-p256-spki.der")),
        ("ed25519 spki", DerFormat::Spki, der_file("ed25519-spki.der")),
        ("rsa pkcs8", DerFormat::Pkcs8, der_file("rsa-2048-pkcs8.der")),
        ("ec pkcs8", DerFormat::Pkcs8, der_file("ec-p384-pkcs8.der")),
        ("x25519 pkcs8", DerFormat::Pkcs8, der_file("x25519-pkcs8.der")),
        ("ed25519 pkcs8 v2", DerFormat::Pkcs8, der_file("ed25519-pkcs8-v2.der")),
        ("pkcs1 public", DerFormat::Pkcs1Public, der_file("rsa-2048-pkcs1-public.der")),
        ("pkcs1 private", DerFormat::Pkcs1Private, der_file("rsa-2048-pkcs1.der")),
        ("sec1", DerFormat::Sec1, key_to_der(&sec1_pem, DerFormat::Sec1).unwrap()),
        ("certificate", DerFormat::Certificate, der_file("rsa-2048-cert.der")),
    ]
}

#[test]
fn der_truncated() {
    for (name, format, der) in der_samples() {
        assert!(key_from_der(&der, format).is_ok(), "{name}");
        for cut in [0, 1, 2, 10, der.len() / 2, der.len() - 1] {
            assert_eq!(key_from_der(&der[..cut], format), Err(enc(EncodingError::Der)), "{name} cut at {cut}");
        }
    }
}

#[test]
fn der_trailing_bytes() {
    for (name, format, der) in der_samples() {
        for extra in [&[0u8][..], &[0, 0], &[0x30, 0x00]] {
            let mut long = der.clone();
            long.extend_from_slice(extra);
            assert_eq!(key_from_der(&long, format), Err(enc(EncodingError::Der)), "{name} + {extra:?}");
        }
    }
}

#[test]
fn der_in_the_wrong_format() {
    let spki = der_file("rsa-2048-spki.der");
    for format in
        [DerFormat::Pkcs8, DerFormat::Pkcs1Public, DerFormat::Pkcs1Private, DerFormat::Sec1, DerFormat::Certificate]
    {
        assert_eq!(key_from_der(&spki, format), Err(enc(EncodingError::Der)), "{format:?}");
    }
}

#[test]
fn explicit_ec_curve_parameters() {
    for file in ["ec-p256-explicit-sec1.pem", "ec-p256-explicit-spki.pem", "ec-p256-explicit-pkcs8.pem"] {
        assert_eq!(key_from_pem(&pem_file(file)), Err(enc(EncodingError::UnsupportedAlgorithm)), "{file}");
    }
}

#[test]
fn unknown_or_unsupported_algorithm_oid() {
    for file in ["ed448-spki.pem", "ed448-pkcs8.pem", "x448-pkcs8.pem"] {
        assert_eq!(key_from_pem(&pem_file(file)), Err(enc(EncodingError::UnsupportedAlgorithm)), "{file}");
    }
    // An OID no one uses, in an otherwise valid SPKI.
    let der = der_file("ed25519-spki.der");
    let spki = spki::SubjectPublicKeyInfoRef::from_der(&der).unwrap();
    let odd = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef { oid: ObjectIdentifier::new_unwrap("1.2.3.4.5"), parameters: None },
        subject_public_key: spki.subject_public_key,
    }
    .to_der()
    .unwrap();
    assert_eq!(key_from_der(&odd, DerFormat::Spki), Err(enc(EncodingError::UnsupportedAlgorithm)));
    // A named curve jot does not support (brainpoolP256r1).
    let der = der_file("ec-p256-spki.der");
    let spki = spki::SubjectPublicKeyInfoRef::from_der(&der).unwrap();
    let brainpool = ObjectIdentifier::new_unwrap("1.3.36.3.3.2.8.1.1.7");
    let odd = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef { oid: spki.algorithm.oid, parameters: Some(AnyRef::from(&brainpool)) },
        subject_public_key: spki.subject_public_key,
    }
    .to_der()
    .unwrap();
    assert_eq!(key_from_der(&odd, DerFormat::Spki), Err(enc(EncodingError::UnsupportedAlgorithm)));
}

#[test]
fn algorithm_parameters_of_the_wrong_shape() {
    // RSA without its NULL parameters, Ed25519 with parameters.
    let der = der_file("rsa-2048-spki.der");
    let spki = spki::SubjectPublicKeyInfoRef::from_der(&der).unwrap();
    let no_null = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef { oid: spki.algorithm.oid, parameters: None },
        subject_public_key: spki.subject_public_key,
    }
    .to_der()
    .unwrap();
    assert_eq!(key_from_der(&no_null, DerFormat::Spki), Err(enc(EncodingError::Der)));

    let der = der_file("ed25519-spki.der");
    let spki = spki::SubjectPublicKeyInfoRef::from_der(&der).unwrap();
    let with_null = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef { oid: spki.algorithm.oid, parameters: Some(AnyRef::NULL) },
        subject_public_key: spki.subject_public_key,
    }
    .to_der()
    .unwrap();
    assert_eq!(key_from_der(&with_null, DerFormat::Spki), Err(enc(EncodingError::Der)));
}

#[test]
fn rsa_multi_prime() {
    // OpenSSL's three-prime key, as PKCS#1 (version 1, otherPrimeInfos) and
    // inside PKCS#8.
    assert_eq!(key_from_pem(&pem_file("rsa-3prime-pkcs1.pem")), Err(Error::MultiPrimeRsa));
    assert_eq!(key_from_pem(&pem_file("rsa-3prime-pkcs8.pem")), Err(Error::MultiPrimeRsa));
}

#[test]
fn sec1_curve_disagrees_with_pkcs8_algorithm() {
    // A P-256 PKCS#8 key whose inner ECPrivateKey claims P-384.
    let der = der_file("ec-p256-pkcs8.der");
    let info = pkcs8::PrivateKeyInfoRef::from_der(&der).unwrap();
    let inner = sec1::EcPrivateKey::from_der(info.private_key.as_bytes()).unwrap();
    assert!(inner.parameters.is_none(), "OpenSSL leaves the curve out of the inner key");
    let p384 = ObjectIdentifier::new_unwrap("1.3.132.0.34");
    let claims_p384 = sec1::EcPrivateKey { parameters: Some(sec1::EcParameters::NamedCurve(p384)), ..inner.clone() }
        .to_der()
        .unwrap();
    let wrapped = pkcs8::PrivateKeyInfoRef { private_key: OctetStringRef::new(&claims_p384).unwrap(), ..info.clone() }
        .to_der()
        .unwrap();
    assert_eq!(key_from_der(&wrapped, DerFormat::Pkcs8), Err(enc(EncodingError::Der)));

    // The same with the right curve is accepted.
    let p256 = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
    let claims_p256 =
        sec1::EcPrivateKey { parameters: Some(sec1::EcParameters::NamedCurve(p256)), ..inner }.to_der().unwrap();
    let wrapped =
        pkcs8::PrivateKeyInfoRef { private_key: OctetStringRef::new(&claims_p256).unwrap(), ..info }.to_der().unwrap();
    assert_eq!(key_from_der(&wrapped, DerFormat::Pkcs8).unwrap(), key_from_der(&der, DerFormat::Pkcs8).unwrap());
}

#[test]
fn sec1_without_curve_on_its_own() {
    let der = der_file("ec-p256-pkcs8.der");
    let info = pkcs8::PrivateKeyInfoRef::from_der(&der).unwrap();
    // The inner key of a PKCS#8 file has no curve: alone it cannot be read.
    assert_eq!(key_from_der(info.private_key.as_bytes(), DerFormat::Sec1), Err(enc(EncodingError::Der)));
}

#[test]
fn ec_public_point_off_the_curve() {
    let der = der_file("ec-p256-spki.der");
    let spki = spki::SubjectPublicKeyInfoRef::from_der(&der).unwrap();
    let mut point = spki.subject_public_key.as_bytes().unwrap().to_vec();
    let last = point.len() - 1;
    point[last] ^= 1; // y changed: (x, y') is not on P-256.
    let off = spki::SubjectPublicKeyInfoRef {
        algorithm: spki.algorithm,
        subject_public_key: BitStringRef::from_bytes(&point).unwrap(),
    }
    .to_der()
    .unwrap();
    assert_eq!(key_from_der(&off, DerFormat::Spki), Err(Error::Key(KeyRejected::NotOnCurve)));

    // The same point inside a SEC1 private key.
    let sec1_der = der_file("ec-p256-sec1.der");
    let sec1_key = sec1::EcPrivateKey::from_der(&sec1_der).unwrap();
    let off = sec1::EcPrivateKey { public_key: Some(&point), ..sec1_key }.to_der().unwrap();
    assert_eq!(key_from_der(&off, DerFormat::Sec1), Err(Error::Key(KeyRejected::NotOnCurve)));
}

// ---------------------------------------------------------------------------
// Export refusals
// ---------------------------------------------------------------------------

#[test]
fn export_refusals() {
    let ec = key_from_pem(&pem_file("ec-p256-pkcs8.pem")).unwrap();
    let rsa = key_from_pem(&pem_file("rsa-2048-pkcs8.pem")).unwrap();
    let unsupported = Err(enc(EncodingError::UnsupportedFormat));
    // Public keys as private formats.
    assert_eq!(key_to_der(&public(&ec), DerFormat::Pkcs8), unsupported);
    assert_eq!(key_to_der(&public(&ec), DerFormat::Sec1), unsupported);
    assert_eq!(key_to_der(&public(&rsa), DerFormat::Pkcs1Private), unsupported);
    // Key types a format does not hold.
    assert_eq!(key_to_der(&ec, DerFormat::Pkcs1Public), unsupported);
    assert_eq!(key_to_der(&rsa, DerFormat::Sec1), unsupported);
    // Certificates are never written; symmetric keys have no DER form.
    assert_eq!(key_to_der(&rsa, DerFormat::Certificate), unsupported);
    let oct = Key::Oct(jot_jwk::key::OctKey { k: Secret::new(vec![7; 32]) });
    for format in ALL_FORMATS {
        assert_eq!(key_to_der(&oct, format), unsupported);
    }
    // Ed448 keys are not written.
    let ed448 = Key::Okp(OkpKey { crv: Curve::Ed448, x: vec![1; 57], d: None });
    assert_eq!(key_to_der(&ed448, DerFormat::Spki), Err(enc(EncodingError::UnsupportedAlgorithm)));
    // A coordinate of the wrong length.
    let Key::Ec(mut short) = ec else { unreachable!() };
    short.x.remove(0);
    assert_eq!(key_to_der(&Key::Ec(short), DerFormat::Spki), Err(Error::Key(KeyRejected::InvalidLength)));
}

#[test]
fn errors_do_not_echo_input() {
    let pem = pem_file("ec-p256-pkcs8.pem");
    let body = pem.lines().nth(1).unwrap();
    for input in [pem.replace("PRIVATE KEY", "SECRET STUFF"), format!("{pem}{body}"), pem.replace('M', "*")] {
        let err = key_from_pem(&input).unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(&body[..16]) && !shown.contains("SECRET"), "{shown}");
    }
}
