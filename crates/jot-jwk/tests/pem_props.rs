//! PEM and DER as properties (`jot_jwk::pem`, `Jwk::{to,from}_{pem,der}`).
//!
//! Keys made by `Jwk::generate` of every kind jot can write (RSA 2048, EC
//! on P-256, P-384, P-521 and secp256k1, Ed25519, X25519) go out in every
//! format that holds them, private and public, as DER and as PEM, and come
//! back as the same JWK with the same RFC 7638 thumbprint; keys whose
//! coordinates or scalar start with a zero byte are sought out. And the
//! readers meet arbitrary bytes, mutated fixture files, and well-formed PEM
//! armour around random content: every outcome is a key or an error of a
//! documented kind, never a panic. `pem.rs` covers the fixed keys and
//! OpenSSL's files; `generate.rs` one generated key of each kind.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::OnceLock;

use jot_core::alg::{Curve, ShaAlg};
use jot_core::base64std;
use jot_jwk::key::Key;
use jot_jwk::pem::{DerFormat, key_from_der, key_from_pem};
use jot_jwk::{EncodingError, Error, Jwk, KeySpec};
use jot_test_support::vectors_dir;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

/// RSA key generation is slow: this many keys, made once.
const RSA_KEYS: usize = 2;

const ALL_FORMATS: [DerFormat; 6] = [
    DerFormat::Spki,
    DerFormat::Pkcs8,
    DerFormat::Pkcs1Public,
    DerFormat::Pkcs1Private,
    DerFormat::Sec1,
    DerFormat::Certificate,
];

const LABELS: [&str; 6] =
    ["PUBLIC KEY", "PRIVATE KEY", "RSA PUBLIC KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "CERTIFICATE"];

fn rsa_keys() -> &'static [Jwk] {
    static KEYS: OnceLock<Vec<Jwk>> = OnceLock::new();
    KEYS.get_or_init(|| (0..RSA_KEYS).map(|_| Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap()).collect())
}

/// The kind of key a case generates (RSA: one of the keys made once).
#[derive(Clone, Copy, Debug)]
enum Kind {
    Rsa(usize),
    Ec(Curve),
    Okp(Curve),
}

impl Kind {
    fn key(self) -> Jwk {
        match self {
            Self::Rsa(i) => rsa_keys()[i].clone(),
            Self::Ec(crv) => Jwk::generate(KeySpec::Ec(crv)).unwrap(),
            Self::Okp(crv) => Jwk::generate(KeySpec::Okp(crv)).unwrap(),
        }
    }
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        (0..RSA_KEYS).prop_map(Kind::Rsa),
        Just(Kind::Ec(Curve::P256)),
        Just(Kind::Ec(Curve::P384)),
        Just(Kind::Ec(Curve::P521)),
        Just(Kind::Ec(Curve::Secp256k1)),
        Just(Kind::Okp(Curve::Ed25519)),
        Just(Kind::Okp(Curve::X25519)),
    ]
}

/// The formats that hold a key's private and its public part.
fn formats(key: &Key) -> (Vec<DerFormat>, Vec<DerFormat>) {
    match key {
        Key::Rsa(_) => (vec![DerFormat::Pkcs8, DerFormat::Pkcs1Private], vec![DerFormat::Spki, DerFormat::Pkcs1Public]),
        Key::Ec(_) => (vec![DerFormat::Pkcs8, DerFormat::Sec1], vec![DerFormat::Spki]),
        Key::Okp(_) => (vec![DerFormat::Pkcs8], vec![DerFormat::Spki]),
        Key::Oct(_) => panic!("symmetric keys have no DER form"),
        Key::Akp(_) => panic!("AKP (ML-DSA) keys have no DER form in jot"),
    }
}

/// The DER inside a PEM block written by jot (one block, no headers).
fn pem_body(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64std::decode(body).unwrap()
}

/// A generated key written in every format that holds it (from the private
/// JWK, and the public formats also from the public JWK) and read back as
/// DER and as PEM: the same JWK once its `kid` (the generator's thumbprint)
/// is set again, and the same thumbprint. Returns how many reads it checked.
fn round_trip(jwk: &Jwk) -> usize {
    let kid = jwk.kid().unwrap().to_owned();
    assert_eq!(kid, jwk.thumbprint_b64(ShaAlg::Sha256));
    let public = jwk.to_public().unwrap();
    assert_eq!(public.thumbprint_input(), jwk.thumbprint_input());
    let (private_formats, public_formats) = formats(jwk.key());
    let writes = private_formats
        .iter()
        .map(|&f| (jwk, jwk, f))
        .chain(public_formats.iter().flat_map(|&f| [(jwk, &public, f), (&public, &public, f)]));
    let mut checked = 0;
    for (source, expected, format) in writes {
        let what = format!("{:?} {:?} {format:?}", jwk.key_type(), jwk.curve());
        let der = source.to_der(format).unwrap_or_else(|e| panic!("{what}: {e}"));
        let pem = source.to_pem(format).unwrap();
        assert_eq!(pem_body(&pem), der, "{what}: the PEM holds the DER");
        for (how, read) in [("DER", Jwk::from_der(&der, format)), ("PEM", Jwk::from_pem(&pem))] {
            let mut read = read.unwrap_or_else(|e| panic!("{what} {how}: {e}"));
            assert_eq!(read.kid(), None, "{what} {how}");
            assert_eq!(read.thumbprint_b64(ShaAlg::Sha256), kid, "{what} {how}");
            assert_eq!(read.thumbprint(ShaAlg::Sha512), jwk.thumbprint(ShaAlg::Sha512), "{what} {how}");
            assert_eq!(read.is_private(), expected.is_private(), "{what} {how}");
            read.set_kid(kid.clone());
            assert_eq!(&read, expected, "{what} {how}");
            assert_eq!(read.to_json(), expected.to_json(), "{what} {how}");
            checked += 1;
        }
    }
    checked
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_keys_round_trip_in_every_format(kind in kind()) {
        let jwk = kind.key();
        let reads = round_trip(&jwk);
        // (private formats + 2 x public formats) x (DER, PEM).
        let (private_formats, public_formats) = formats(jwk.key());
        prop_assert_eq!(reads, 2 * (private_formats.len() + 2 * public_formats.len()));
    }
}

/// Leading zero bytes are where fixed-length fields and minimal DER
/// integers part ways: generate EC keys until the scalar and each
/// coordinate has started with a zero byte at least once (about 1 in 256
/// keys each; half of all P-521 values, whose top byte holds one bit).
/// P-384 is left out: its key generation is some 30 times slower here
/// (about 250 keys would take seconds), and its encoding is the same code
/// with another length, which P-256 and P-521 already cover.
#[test]
fn ec_keys_with_leading_zero_bytes_round_trip() {
    for crv in [Curve::P256, Curve::P521, Curve::Secp256k1] {
        let mut seen = [false; 3]; // d, x, y
        let mut tries = 0;
        while !seen.iter().all(|&s| s) {
            tries += 1;
            assert!(tries <= 20_000, "{crv:?}: no leading zero in {tries} keys: {seen:?}");
            let jwk = Jwk::generate(KeySpec::Ec(crv)).unwrap();
            let Key::Ec(ec) = jwk.key() else { unreachable!() };
            let zero = [ec.d.as_ref().unwrap().expose()[0] == 0, ec.x[0] == 0, ec.y[0] == 0];
            if zero.iter().zip(&seen).any(|(&z, &s)| z && !s) {
                assert_eq!(round_trip(&jwk), 2 * (2 + 2), "{crv:?}");
                for (s, z) in seen.iter_mut().zip(zero) {
                    *s |= z;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The readers never panic
// ---------------------------------------------------------------------------

/// The errors `jot_jwk::pem` documents for reading.
fn documented(err: &Error) -> bool {
    matches!(err, Error::Encoding(_) | Error::MultiPrimeRsa | Error::Key(_))
}

/// Reads `der` in every format: a key or a documented error from
/// `key_from_der`, and `Jwk::from_der` agrees (the same error, or a key
/// that it checked and that writes and reads back unchanged). Returns how
/// many formats read a key.
fn read_der_every_format(der: &[u8]) -> usize {
    let mut keys = 0;
    for format in ALL_FORMATS {
        let what = format!("{format:?} {}", hex::encode(der));
        match key_from_der(der, format) {
            Err(e) => {
                assert!(documented(&e), "{what}: {e:?}");
                assert_eq!(Jwk::from_der(der, format).unwrap_err(), e, "{what}");
            }
            Ok(key) => {
                keys += 1;
                if let Ok(jwk) = Jwk::from_der(der, format) {
                    assert_eq!(jwk.key(), &key, "{what}");
                    let out = if jwk.is_private() { DerFormat::Pkcs8 } else { DerFormat::Spki };
                    let again = jwk.to_der(out).unwrap();
                    assert_eq!(Jwk::from_der(&again, out).unwrap().key(), &key, "{what}");
                }
            }
        }
    }
    keys
}

/// Reads a PEM text: a key or a documented error, and `Jwk::from_pem`
/// agrees when it is an error.
fn read_pem(pem: &str) -> Result<Key, Error> {
    let got = key_from_pem(pem);
    if let Err(e) = &got {
        assert!(documented(e), "{e:?}: {pem:?}");
        assert_eq!(&Jwk::from_pem(pem).unwrap_err(), e, "{pem:?}");
    }
    got
}

/// Every PEM fixture in `vectors/pem/` (keys of every format, certificates,
/// multi-prime RSA, explicit curves, Ed448, ...) as text and as the DER
/// inside it; RFC 1421 encrypted ones only as text.
fn fixtures() -> &'static [(String, Option<Vec<u8>>)] {
    static FIXTURES: OnceLock<Vec<(String, Option<Vec<u8>>)>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(vectors_dir().join("pem")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "pem") {
                let text = std::fs::read_to_string(&path).unwrap();
                let der = (!text.contains("Proc-Type:")).then(|| pem_body(&text));
                out.push((text, der));
            }
        }
        out.sort();
        assert!(out.len() >= 30, "{} PEM fixtures", out.len());
        out
    })
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(&LABELS[..]).prop_map(str::to_owned),
        1 => Just("ENCRYPTED PRIVATE KEY".to_owned()),
        1 => "[A-Z]{1,8}( [A-Z0-9]{1,8}){0,2}".prop_filter("a label jot reads", |l| !LABELS.contains(&l.as_str())),
    ]
}

/// `-----BEGIN label-----`, `body` in lines of 64, `-----END label-----`.
fn armour(label: &str, body: &str) -> String {
    let lines: Vec<&str> = body.as_bytes().chunks(64).map(|c| core::str::from_utf8(c).unwrap()).collect::<Vec<_>>();
    format!("-----BEGIN {label}-----\n{}\n-----END {label}-----\n", lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn der_readers_take_arbitrary_bytes(der in vec(any::<u8>(), 0..400)) {
        read_der_every_format(&der);
    }

    /// DER that starts as a real key or certificate, with a few bytes
    /// changed and perhaps cut short: the parsers get deep before failing.
    #[test]
    fn der_readers_take_mutated_fixtures(
        fixture in any::<Index>(),
        edits in vec((any::<Index>(), any::<u8>()), 1..4),
        cut in proptest::option::of(any::<Index>()),
    ) {
        let with_der: Vec<&Vec<u8>> = fixtures().iter().filter_map(|(_, der)| der.as_ref()).collect();
        let mut der = fixture.get(&with_der).to_vec();
        for (at, byte) in &edits {
            let i = at.index(der.len());
            der[i] = *byte;
        }
        if let Some(cut) = cut {
            der.truncate(cut.index(der.len()));
        }
        read_der_every_format(&der);
    }

    #[test]
    fn pem_reader_takes_arbitrary_text(text in any::<String>()) {
        prop_assert!(read_pem(&text).is_err());
    }

    /// One character of a fixture replaced by any character.
    #[test]
    fn pem_reader_takes_mutated_fixtures(fixture in any::<Index>(), at in any::<Index>(), with in any::<char>()) {
        let text = &fixture.get(fixtures()).0;
        let chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len());
        let changed: String = chars[..i].iter().chain([&with]).chain(&chars[i + 1..]).collect();
        // Whatever was read is a key jot can write out again.
        if let Ok(key) = read_pem(&changed)
            && let Ok(jwk) = Jwk::from_key(key.clone(), jot_jwk::Parameters::default())
        {
            let out = if jwk.is_private() { DerFormat::Pkcs8 } else { DerFormat::Spki };
            let again = Jwk::from_pem(&jwk.to_pem(out).unwrap()).unwrap();
            prop_assert_eq!(again.key(), &key);
        }
    }

    /// Well-formed armour around random bytes: never a PEM error; the label
    /// decides between a DER verdict and an unsupported label.
    #[test]
    fn pem_armour_around_random_der(label in label(), content in vec(any::<u8>(), 1..400)) {
        let pem = armour(&label, &base64std::encode(&content));
        match read_pem(&pem) {
            Err(Error::Encoding(EncodingError::Pem)) => prop_assert!(false, "well-formed armour refused: {pem}"),
            Err(Error::Encoding(EncodingError::UnsupportedPemLabel)) => {
                prop_assert!(!LABELS.contains(&label.as_str()), "{label}");
            }
            other => {
                prop_assert!(LABELS.contains(&label.as_str()), "{label}: {other:?}");
                // The same verdict as the DER read in the label's format.
                let format = ALL_FORMATS[LABELS.iter().position(|l| *l == label).unwrap()];
                prop_assert_eq!(other, key_from_der(&content, format));
            }
        }
    }

    /// Armour around characters that may or may not be valid base64.
    #[test]
    fn pem_armour_around_random_base64_characters(label in label(), body in "[A-Za-z0-9+/=]{0,300}") {
        let pem = armour(&label, &body);
        let got = read_pem(&pem);
        if base64std::decode(&body).is_err() {
            prop_assert!(got.is_err(), "{pem}");
        }
    }
}
