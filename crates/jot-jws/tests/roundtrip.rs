//! Round trips for every `JwsAlgorithm::ALL` entry in every serialization
//! (compact, flattened, general), attached and detached, with `b64` true and
//! false, over proptest-generated payloads and extra header members. Keys
//! are generated once per algorithm (one RSA key serves all six RSA
//! algorithms).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jot_core::alg::{Curve, JwsAlgorithm, JwsFamily, ShaAlg};
use jot_core::json::Value as JotValue;
use jot_jwk::{Jwk, KeySpec, SigningKey, VerifyingKey};
use jot_jws::{Error, JwsBuilder, Verified, Verifier, sign_general, sign_general_detached};
use proptest::prelude::*;

/// One private key per algorithm, generated once for the whole file.
fn key(alg: JwsAlgorithm) -> &'static Jwk {
    static KEYS: OnceLock<Vec<(JwsAlgorithm, Jwk)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let rsa = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
        let ed25519 = Jwk::generate(KeySpec::Okp(Curve::Ed25519)).unwrap();
        let mut by_curve: BTreeMap<&str, Jwk> = BTreeMap::new();
        let mut by_hash: BTreeMap<usize, Jwk> = BTreeMap::new();
        JwsAlgorithm::ALL
            .iter()
            .map(|&alg| {
                let jwk = match alg.family() {
                    JwsFamily::RsaPkcs1(_) | JwsFamily::RsaPss(_) => rsa.clone(),
                    JwsFamily::EdDsa(_) => ed25519.clone(),
                    // An AKP key is for its one algorithm.
                    JwsFamily::MlDsa(_) => Jwk::generate_for_jws(alg).unwrap(),
                    JwsFamily::Ecdsa(c) => {
                        by_curve.entry(c.name()).or_insert_with(|| Jwk::generate(KeySpec::Ec(c)).unwrap()).clone()
                    }
                    JwsFamily::Hmac(h) => by_hash
                        .entry(h.output_len())
                        .or_insert_with(|| Jwk::generate(KeySpec::Oct { bytes: h.output_len() }).unwrap())
                        .clone(),
                };
                (alg, jwk)
            })
            .collect()
    });
    &keys.iter().find(|(a, _)| *a == alg).unwrap().1
}

fn signer(alg: JwsAlgorithm) -> SigningKey {
    key(alg).signing_key(alg).unwrap()
}

fn verifying(alg: JwsAlgorithm) -> VerifyingKey {
    let k = key(alg);
    k.to_public().unwrap_or_else(|| k.clone()).verifying_key(alg).unwrap()
}

/// The second signer of the general forms: a different algorithm family.
fn other(alg: JwsAlgorithm) -> JwsAlgorithm {
    if alg == JwsAlgorithm::Ed25519 { JwsAlgorithm::HS256 } else { JwsAlgorithm::Ed25519 }
}

#[derive(Clone, Debug)]
enum Member {
    Str(String),
    Int(i64),
    Bool(bool),
}

impl From<&Member> for JotValue {
    fn from(m: &Member) -> Self {
        match m {
            Member::Str(s) => JotValue::from(s.as_str()),
            Member::Int(i) => JotValue::from(*i),
            Member::Bool(b) => JotValue::from(*b),
        }
    }
}

fn member() -> impl Strategy<Value = Member> {
    prop_oneof![
        "\\PC{0,12}".prop_map(Member::Str),
        any::<i64>().prop_map(Member::Int),
        any::<bool>().prop_map(Member::Bool),
    ]
}

/// Extra protected (`x-…`) and unprotected (`u-…`) members: disjoint names.
fn extras() -> impl Strategy<Value = (BTreeMap<String, Member>, BTreeMap<String, Member>)> {
    (
        proptest::collection::btree_map("x-[a-z0-9]{1,8}", member(), 0..4),
        proptest::collection::btree_map("u-[a-z0-9]{1,8}", member(), 0..3),
    )
}

struct Case<'a> {
    payload: &'a [u8],
    protected: &'a BTreeMap<String, Member>,
    unprotected: &'a BTreeMap<String, Member>,
    b64: bool,
}

impl Case<'_> {
    fn builder<'s>(&self, signer: &'s SigningKey, with_unprotected: bool) -> JwsBuilder<'s> {
        let mut b = JwsBuilder::new(signer);
        for (name, value) in self.protected {
            b = b.header(name, JotValue::from(value)).unwrap();
        }
        if with_unprotected {
            for (name, value) in self.unprotected {
                b = b.unprotected(name, JotValue::from(value)).unwrap();
            }
        }
        if !self.b64 {
            b = b.unencoded_payload();
        }
        b
    }

    fn check(&self, alg: JwsAlgorithm, verified: &Verified<'_>, index: usize, with_unprotected: bool, form: &str) {
        assert_eq!(verified.payload(), self.payload, "{alg} {form}");
        assert_eq!(verified.alg(), alg, "{alg} {form}");
        assert_eq!(verified.signature_index(), index, "{alg} {form}");
        assert_eq!(verified.kid(), key(alg).kid(), "{alg} {form}");
        let header = verified.header();
        assert_eq!(header.b64(), self.b64, "{alg} {form}");
        assert_eq!(header.kid(), key(alg).kid(), "{alg} {form}");
        for (name, value) in self.protected {
            assert_eq!(header.protected().get(name), Some(&JotValue::from(value)), "{alg} {form} {name}");
        }
        for (name, value) in self.unprotected {
            let got = header.unprotected().get(name);
            assert_eq!(got, with_unprotected.then(|| JotValue::from(value)).as_ref(), "{alg} {form} {name}");
        }
    }

    /// Every form for one algorithm.
    fn run(&self, alg: JwsAlgorithm) {
        let signer = signer(alg);
        let verifier = Verifier::new(verifying(alg));
        let utf8 = core::str::from_utf8(self.payload).is_ok();
        let compact_ok = self.b64 || (utf8 && !self.payload.contains(&b'.'));

        // Compact.
        let builder = self.builder(&signer, false);
        if compact_ok {
            let token = builder.compact(self.payload).unwrap();
            assert_eq!(token.split('.').count(), 3);
            self.check(alg, &verifier.verify_compact(&token).unwrap(), 0, false, "compact");
        } else {
            assert_eq!(builder.compact(self.payload).unwrap_err(), Error::UnencodedPayload, "{alg}");
        }
        // Compact, detached. An unencoded detached payload is any octets
        // (RFC 7797 section 5.1); only the attached forms need UTF-8.
        let token = builder.compact_detached(self.payload).unwrap();
        assert_eq!(token.split('.').nth(1), Some(""));
        let verified = verifier.verify_compact_detached(&token, self.payload).unwrap();
        self.check(alg, &verified, 0, false, "compact detached");

        // Flattened JSON, with the unprotected members.
        let builder = self.builder(&signer, true);
        if self.b64 || utf8 {
            let doc = builder.flattened(self.payload).unwrap();
            self.check(alg, &verifier.verify_json(doc.as_bytes()).unwrap(), 0, true, "flattened");
            self.check(alg, &verifier.verify_json_all(doc.as_bytes()).unwrap()[0], 0, true, "flattened all");
        } else {
            assert_eq!(builder.flattened(self.payload).unwrap_err(), Error::UnencodedPayload, "{alg}");
        }
        let doc = builder.flattened_detached(self.payload).unwrap();
        let verified = verifier.verify_json_detached(doc.as_bytes(), self.payload).unwrap();
        self.check(alg, &verified, 0, true, "flattened detached");

        // General JSON with a second signer of another family.
        let second_alg = other(alg);
        let second = self::signer(second_alg);
        let builders = [self.builder(&signer, true), self.builder(&second, false)];
        let both = Verifier::with_keys(vec![verifying(alg), verifying(second_alg)]);
        if self.b64 || utf8 {
            let doc = sign_general(self.payload, &builders).unwrap();
            self.check(alg, &verifier.verify_json(doc.as_bytes()).unwrap(), 0, true, "general");
            let all = both.verify_json_all(doc.as_bytes()).unwrap();
            assert_eq!(all.len(), 2);
            self.check(alg, &all[0], 0, true, "general all");
            self.check(second_alg, &all[1], 1, false, "general all");
            // The second signature alone.
            let verified = Verifier::new(verifying(second_alg)).verify_json(doc.as_bytes()).unwrap();
            self.check(second_alg, &verified, 1, false, "general second");
        } else {
            assert_eq!(sign_general(self.payload, &builders).unwrap_err(), Error::UnencodedPayload, "{alg}");
        }
        let doc = sign_general_detached(self.payload, &builders).unwrap();
        let verified = verifier.verify_json_detached(doc.as_bytes(), self.payload).unwrap();
        self.check(alg, &verified, 0, true, "general detached");
        let all_detached = Verifier::new(verifying(second_alg)).verify_json_detached(doc.as_bytes(), self.payload);
        self.check(second_alg, &all_detached.unwrap(), 1, false, "general detached second");
    }
}

fn run_all(payload: &[u8], protected: &BTreeMap<String, Member>, unprotected: &BTreeMap<String, Member>) {
    for b64 in [true, false] {
        let case = Case { payload, protected, unprotected, b64 };
        for &alg in JwsAlgorithm::ALL {
            case.run(alg);
        }
    }
}

#[test]
fn every_algorithm_every_form_once() {
    // A fixed case, so every combination runs even if proptest's cases are
    // reduced.
    let protected = BTreeMap::from([("x-n".to_owned(), Member::Int(7)), ("x-s".to_owned(), Member::Str("é".into()))]);
    let unprotected = BTreeMap::from([("u-b".to_owned(), Member::Bool(true))]);
    run_all(b"", &protected, &unprotected);
    run_all(b"hello, world", &protected, &unprotected);
    run_all("it\u{2019}s a payload with \"quotes\" and \\ and \n".as_bytes(), &protected, &unprotected);
    // Not UTF-8, with a '.': only detached when unencoded.
    run_all(b"\xff\x00.\x80", &protected, &unprotected);
}

#[test]
fn keys_cover_every_algorithm() {
    // RFC 7518's thirteen, EdDSA and Ed25519, ML-DSA-44/65/87 (RFC 9964).
    assert_eq!(JwsAlgorithm::ALL.len(), 18);
    for &alg in JwsAlgorithm::ALL {
        let jwk = key(alg);
        match alg.family() {
            JwsFamily::Hmac(h) => assert!(
                matches!(h, ShaAlg::Sha256 | ShaAlg::Sha384 | ShaAlg::Sha512)
                    && jwk.verifying_key(alg).is_ok()
                    && jwk.to_public().is_none()
            ),
            _ => assert!(jwk.to_public().is_some()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn binary_payloads_round_trip(payload in proptest::collection::vec(any::<u8>(), 0..300), (p, u) in extras()) {
        run_all(&payload, &p, &u);
    }

    #[test]
    fn text_payloads_round_trip(payload in "\\PC{0,80}", (p, u) in extras()) {
        run_all(payload.as_bytes(), &p, &u);
    }

    #[test]
    fn dotless_text_payloads_round_trip_unencoded_compact(payload in "[^.]{0,80}", (p, u) in extras()) {
        // The b64:false compact form is exercised on every case here.
        run_all(payload.as_bytes(), &p, &u);
    }
}
