//! Key generation for every key type and curve, and the JSON and PEM round
//! trips of generated keys.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{Curve, JweAlgorithm, JweEncryption, JwsAlgorithm, ShaAlg};
use jot_jwk::pem::DerFormat;
use jot_jwk::{Error, Jwk, KeySpec};

#[test]
fn every_jws_algorithm_generates_signs_and_verifies() {
    for &alg in JwsAlgorithm::ALL {
        let jwk = Jwk::generate_for_jws(alg).unwrap();
        assert_eq!(jwk.kid(), Some(jwk.thumbprint_b64(ShaAlg::Sha256).as_str()));
        let sig = jwk.signing_key(alg).unwrap().sign(b"message").unwrap();
        let verifier = match jwk.to_public() {
            Some(public) => public.verifying_key(alg).unwrap(),
            None => jwk.verifying_key(alg).unwrap(),
        };
        verifier.verify(b"message", &sig).unwrap();
        assert!(verifier.verify(b"messagf", &sig).is_err(), "{alg}");
        let again = Jwk::from_json(jwk.to_json().as_bytes()).unwrap();
        assert_eq!(again, jwk, "{alg}");
    }
}

#[test]
fn every_jwe_algorithm_generates() {
    for &alg in JweAlgorithm::ALL {
        let result = Jwk::generate_for_jwe(alg, Some(JweEncryption::A256Gcm));
        if alg.is_pbes2() {
            assert_eq!(result.unwrap_err(), Error::KeyTypeMismatch);
            continue;
        }
        let jwk = result.unwrap();
        jwk.decrypting_key(alg).unwrap();
        match jwk.to_public() {
            Some(p) => p.encrypting_key(alg).unwrap(),
            None => jwk.encrypting_key(alg).unwrap(),
        };
    }
    assert_eq!(Jwk::generate_for_jwe(JweAlgorithm::Dir, None).unwrap_err(), Error::KeyLength);
}

#[test]
fn pem_der_round_trips_for_every_kty_and_curve() {
    let specs = [
        KeySpec::Rsa { bits: 2048 },
        KeySpec::Ec(Curve::P256),
        KeySpec::Ec(Curve::P384),
        KeySpec::Ec(Curve::P521),
        KeySpec::Ec(Curve::Secp256k1),
        KeySpec::Okp(Curve::Ed25519),
        KeySpec::Okp(Curve::X25519),
    ];
    for spec in specs {
        let jwk = Jwk::generate(spec).unwrap();
        let public = jwk.to_public().unwrap();
        let mut formats = vec![DerFormat::Pkcs8];
        match spec {
            KeySpec::Rsa { .. } => formats.push(DerFormat::Pkcs1Private),
            KeySpec::Ec(_) => formats.push(DerFormat::Sec1),
            _ => {}
        }
        for format in formats {
            let pem = jwk.to_pem(format).unwrap();
            let der = jwk.to_der(format).unwrap();
            let from_pem = Jwk::from_pem(&pem).unwrap();
            let from_der = Jwk::from_der(&der, format).unwrap();
            assert_eq!(from_pem.key(), jwk.key(), "{spec:?} {format:?}");
            assert_eq!(from_der.key(), jwk.key(), "{spec:?} {format:?}");
        }
        let mut public_formats = vec![DerFormat::Spki];
        if matches!(spec, KeySpec::Rsa { .. }) {
            public_formats.push(DerFormat::Pkcs1Public);
        }
        for format in public_formats {
            let pem = public.to_pem(format).unwrap();
            assert_eq!(Jwk::from_pem(&pem).unwrap().key(), public.key(), "{spec:?} {format:?}");
            let der = jwk.to_der(format).unwrap();
            assert_eq!(Jwk::from_der(&der, format).unwrap().key(), public.key(), "{spec:?} {format:?}");
        }
    }
}

#[test]
fn unsupported_generation() {
    assert_eq!(Jwk::generate(KeySpec::Okp(Curve::Ed448)).unwrap_err(), Error::UnsupportedCurve);
    assert_eq!(Jwk::generate(KeySpec::Oct { bytes: 8 }).unwrap_err(), Error::KeyLength);
    assert!(Jwk::generate(KeySpec::Rsa { bits: 1024 }).is_err());
}
