//! One test per attack or malformed input: each feeds the malicious form to
//! a verifier and checks the exact error kind.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::OnceLock;

use jot_core::alg::{Curve, JwsAlgorithm};
use jot_core::{JsonError, LimitKind, Secret, base64url};
use jot_jwk::{Jwk, JwkSet, KeySpec, SigningKey, VerifyingKey};
use jot_jws::{
    CritError, EmbeddedJwkResolver, Error, Header, JwsBuilder, KeyResolver, Limits, Part, Verifier, sign_general,
};
use jot_test_support::{json_bytes, load, vectors_dir};
use serde_json::json;

// ---------------------------------------------------------------- helpers

fn b64(bytes: impl AsRef<[u8]>) -> String {
    base64url::encode(bytes)
}

/// The RFC 7515 A.1 HMAC key.
fn hmac_jwk() -> Jwk {
    Jwk::from_json(&json_bytes(&load("rfc/rfc7515-a1-hs256.json")["jwk"])).unwrap()
}

fn hmac_signer() -> SigningKey {
    hmac_jwk().signing_key(JwsAlgorithm::HS256).unwrap()
}

fn hmac_verifier() -> Verifier {
    Verifier::new(hmac_jwk().verifying_key(JwsAlgorithm::HS256).unwrap())
}

/// A compact JWS over exactly these header and payload segments, correctly
/// signed: the tests below are about what the verifier does with a token
/// whose signature is right.
fn sign_segments(signer: &SigningKey, header_seg: &str, payload_seg: &str) -> String {
    let input = format!("{header_seg}.{payload_seg}");
    format!("{input}.{}", b64(signer.sign(input.as_bytes()).unwrap()))
}

/// A compact JWS with this exact header text, correctly signed.
fn sign_header(signer: &SigningKey, header: &str, payload: &[u8]) -> String {
    sign_segments(signer, &b64(header), &b64(payload))
}

/// A flattened JSON JWS with these exact protected and unprotected
/// headers, correctly signed over the base64url payload.
fn flattened(
    signer: &SigningKey,
    protected: Option<&str>,
    header: Option<serde_json::Value>,
    payload: &[u8],
) -> String {
    let protected = protected.map(b64).unwrap_or_default();
    let payload = b64(payload);
    let sig = b64(signer.sign(format!("{protected}.{payload}").as_bytes()).unwrap());
    let mut doc = json!({ "payload": payload, "signature": sig });
    if !protected.is_empty() {
        doc["protected"] = protected.into();
    }
    if let Some(h) = header {
        doc["header"] = h;
    }
    doc.to_string()
}

fn with_segment(token: &str, i: usize, value: &str) -> String {
    let mut s: Vec<&str> = token.split('.').collect();
    s[i] = value;
    s.join(".")
}

fn segment(token: &str, i: usize) -> &str {
    token.split('.').nth(i).unwrap()
}

fn pem(name: &str) -> String {
    std::fs::read_to_string(vectors_dir().join("pem").join(name)).unwrap()
}

fn der(name: &str) -> Vec<u8> {
    std::fs::read(vectors_dir().join("pem").join(name)).unwrap()
}

fn generated(alg: JwsAlgorithm) -> &'static Jwk {
    static KEYS: OnceLock<Vec<(JwsAlgorithm, Jwk)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let rsa = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
        let mut v = vec![(JwsAlgorithm::RS256, rsa.clone()), (JwsAlgorithm::PS256, rsa)];
        for (alg, crv) in [
            (JwsAlgorithm::ES256, Curve::P256),
            (JwsAlgorithm::ES384, Curve::P384),
            (JwsAlgorithm::ES512, Curve::P521),
            (JwsAlgorithm::ES256K, Curve::Secp256k1),
        ] {
            v.push((alg, Jwk::generate(KeySpec::Ec(crv)).unwrap()));
        }
        v
    });
    &keys.iter().find(|(a, _)| *a == alg).unwrap().1
}

// ---------------------------------------------------------------- alg none

#[test]
fn alg_none_is_unsecured_and_other_casings_are_unsupported() {
    let verifier = hmac_verifier();
    let signer = hmac_signer();
    for (alg, want) in [
        ("none", Error::Unsecured),
        ("None", Error::UnsupportedAlgorithm),
        ("NONE", Error::UnsupportedAlgorithm),
        ("nOnE", Error::UnsupportedAlgorithm),
        ("none ", Error::UnsupportedAlgorithm),
        ("", Error::UnsupportedAlgorithm),
        ("hs256", Error::UnsupportedAlgorithm),
        ("HS256\u{0}", Error::UnsupportedAlgorithm),
    ] {
        let header = json!({ "alg": alg }).to_string();
        // Empty signature (the unsecured form) and a real HMAC.
        let unsigned = format!("{}.{}.", b64(&header), b64("payload"));
        assert_eq!(verifier.verify_compact(&unsigned).unwrap_err(), want, "{alg:?}");
        let signed = sign_header(&signer, &header, b"payload");
        assert_eq!(verifier.verify_compact(&signed).unwrap_err(), want, "{alg:?}");
        // In the unprotected header of the JSON serialization.
        let doc = flattened(&signer, None, Some(json!({ "alg": alg })), b"payload");
        assert_eq!(verifier.verify_json(doc.as_bytes()).unwrap_err(), want, "{alg:?}");
        assert_eq!(verifier.verify_json_all(doc.as_bytes()).unwrap_err(), want, "{alg:?}");
    }
    let no_alg = sign_header(&signer, r#"{"kid":"k"}"#, b"payload");
    assert_eq!(verifier.verify_compact(&no_alg).unwrap_err(), Error::MissingAlgorithm);
}

#[test]
fn general_jws_with_one_unsecured_signature_is_refused() {
    // A valid HS256 signature next to an alg:none one: the document is
    // refused as a whole rather than the none entry passed over.
    let signer = hmac_signer();
    let good: serde_json::Value = serde_json::from_str(&JwsBuilder::new(&signer).flattened(b"p").unwrap()).unwrap();
    for order in [[0, 1], [1, 0]] {
        let entries = [
            json!({ "protected": b64(r#"{"alg":"none"}"#), "signature": "" }),
            json!({ "protected": good["protected"], "signature": good["signature"] }),
        ];
        let doc =
            json!({ "payload": good["payload"], "signatures": [entries[order[0]].clone(), entries[order[1]].clone()] });
        let doc = doc.to_string();
        assert_eq!(hmac_verifier().verify_json(doc.as_bytes()).unwrap_err(), Error::Unsecured);
        assert_eq!(hmac_verifier().verify_json_all(doc.as_bytes()).unwrap_err(), Error::Unsecured);
    }
}

// ---------------------------------------------------------------- key confusion

/// The forms in which an attacker may hold the victim's public key.
fn public_key_forms(public: &Jwk, pem_name: &str, der_names: &[&str]) -> Vec<(String, Vec<u8>)> {
    let text = pem(pem_name);
    assert!(text.ends_with('\n'));
    let mut forms = vec![
        (format!("{pem_name} with newline"), text.clone().into_bytes()),
        (format!("{pem_name} without newline"), text.trim_end().as_bytes().to_vec()),
        ("JWK text".to_owned(), public.to_json().into_bytes()),
        ("JWK Set text".to_owned(), JwkSet::from_keys(vec![public.clone()]).to_json().into_bytes()),
    ];
    for name in der_names {
        forms.push(((*name).to_owned(), der(name)));
    }
    forms
}

#[test]
fn hmac_signed_with_the_rsa_public_key_is_refused() {
    let public = Jwk::from_pem(&pem("rsa-2048-spki.pem")).unwrap();
    assert!(!public.is_private());
    // An RSA key cannot be bound to HMAC at all.
    assert!(public.verifying_key(JwsAlgorithm::HS256).is_err());
    let set = JwkSet::from_keys(vec![public.clone()]);
    let verifiers = [
        ("RS256 key", Verifier::new(public.verifying_key(JwsAlgorithm::RS256).unwrap())),
        ("JWK Set [RS256, HS256]", Verifier::from_jwk_set(&set, &[JwsAlgorithm::RS256, JwsAlgorithm::HS256]).unwrap()),
        ("JWK Set, every algorithm", Verifier::from_jwk_set(&set, JwsAlgorithm::ALL).unwrap()),
    ];
    let forms = public_key_forms(&public, "rsa-2048-spki.pem", &["rsa-2048-spki.der", "rsa-2048-pkcs1-public.der"]);
    let mut forms = forms;
    forms.push(("PKCS#1 public PEM".to_owned(), pem("rsa-2048-pkcs1-public.pem").into_bytes()));
    for (form, secret) in &forms {
        let attacker = Jwk::from_secret(Secret::new(secret.clone())).unwrap();
        for alg in [JwsAlgorithm::HS256, JwsAlgorithm::HS384, JwsAlgorithm::HS512] {
            let token = JwsBuilder::new(&attacker.signing_key(alg).unwrap()).compact(b"admin").unwrap();
            for (name, verifier) in &verifiers {
                assert_eq!(
                    verifier.verify_compact(&token).unwrap_err(),
                    Error::AlgorithmNotAllowed,
                    "{form} {alg} {name}"
                );
            }
        }
    }
}

#[test]
fn hmac_signed_with_the_ec_public_key_is_refused() {
    let public = Jwk::from_pem(&pem("ec-p256-spki.pem")).unwrap();
    assert!(public.verifying_key(JwsAlgorithm::HS256).is_err());
    let set = JwkSet::from_keys(vec![public.clone()]);
    let verifiers = [
        ("ES256 key", Verifier::new(public.verifying_key(JwsAlgorithm::ES256).unwrap())),
        ("JWK Set [ES256, HS256]", Verifier::from_jwk_set(&set, &[JwsAlgorithm::ES256, JwsAlgorithm::HS256]).unwrap()),
        ("JWK Set, every algorithm", Verifier::from_jwk_set(&set, JwsAlgorithm::ALL).unwrap()),
    ];
    let mut forms = public_key_forms(&public, "ec-p256-spki.pem", &["ec-p256-spki.der"]);
    // The raw uncompressed point, as some libraries keep EC public keys.
    let jwk: serde_json::Value = serde_json::from_str(&public.to_json()).unwrap();
    let mut point = vec![4u8];
    point.extend(base64url::decode(jwk["x"].as_str().unwrap()).unwrap());
    point.extend(base64url::decode(jwk["y"].as_str().unwrap()).unwrap());
    forms.push(("uncompressed point".to_owned(), point));
    for (form, secret) in &forms {
        let attacker = Jwk::from_secret(Secret::new(secret.clone())).unwrap();
        let token = JwsBuilder::new(&attacker.signing_key(JwsAlgorithm::HS256).unwrap()).compact(b"admin").unwrap();
        for (name, verifier) in &verifiers {
            assert_eq!(verifier.verify_compact(&token).unwrap_err(), Error::AlgorithmNotAllowed, "{form} {name}");
        }
    }
}

/// A resolver that hands out a fixed key whatever the header says.
struct Fixed(VerifyingKey);

impl KeyResolver for Fixed {
    fn resolve(&self, _header: &Header) -> Result<VerifyingKey, Error> {
        Ok(self.0.clone())
    }
}

#[test]
fn a_resolver_cannot_be_talked_into_algorithm_confusion() {
    let public = Jwk::from_pem(&pem("rsa-2048-spki.pem")).unwrap();
    let verifier = Verifier::with_resolver(Fixed(public.verifying_key(JwsAlgorithm::RS256).unwrap()));
    let attacker = Jwk::from_secret(Secret::new(pem("rsa-2048-spki.pem").into_bytes())).unwrap();
    let token = JwsBuilder::new(&attacker.signing_key(JwsAlgorithm::HS256).unwrap()).compact(b"admin").unwrap();
    assert_eq!(verifier.verify_compact(&token).unwrap_err(), Error::AlgorithmNotAllowed);
    // RS256 and PS256 share the key but are not interchangeable.
    let rsa = generated(JwsAlgorithm::PS256);
    let ps = JwsBuilder::new(&rsa.signing_key(JwsAlgorithm::PS256).unwrap()).compact(b"x").unwrap();
    let rs_only = Verifier::new(rsa.verifying_key(JwsAlgorithm::RS256).unwrap());
    assert_eq!(rs_only.verify_compact(&ps).unwrap_err(), Error::AlgorithmNotAllowed);
    // The PS256 signature under an RS256 header is not a valid RS256 signature.
    let relabelled = with_segment(&ps, 0, &b64(r#"{"alg":"RS256"}"#));
    assert_eq!(rs_only.verify_compact(&relabelled).unwrap_err(), Error::InvalidSignature);
}

// ---------------------------------------------------------------- embedded keys

#[test]
fn embedded_jwk_signed_by_the_attacker_is_not_used() {
    let victim = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let victim_public = victim.to_public().unwrap();
    let attacker = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let attacker_public = attacker.to_public().unwrap();
    let attacker_signer = attacker.signing_key(JwsAlgorithm::ES256).unwrap();
    let plain = Verifier::new(victim_public.verifying_key(JwsAlgorithm::ES256).unwrap());

    // The attacker's own key embedded, with its kid, without a kid, and
    // with the victim's kid.
    let builder = JwsBuilder::new(&attacker_signer).header("jwk", attacker_public.to_object()).unwrap();
    let with_kid = builder.compact(b"evil").unwrap();
    assert_eq!(plain.verify_compact(&with_kid).unwrap_err(), Error::NoMatchingKey);
    let builder = builder.kid(None);
    let no_kid = builder.compact(b"evil").unwrap();
    assert_eq!(plain.verify_compact(&no_kid).unwrap_err(), Error::InvalidSignature);
    let spoofed = builder.kid(victim.kid()).compact(b"evil").unwrap();
    assert_eq!(plain.verify_compact(&spoofed).unwrap_err(), Error::InvalidSignature);

    // The resolver pins only the victim's key: the attacker's is no match.
    let resolver = || {
        Verifier::with_resolver(EmbeddedJwkResolver::new(vec![victim_public.clone()], &[JwsAlgorithm::ES256]).unwrap())
    };
    for token in [&with_kid, &no_kid, &spoofed] {
        assert_eq!(resolver().verify_compact(token).unwrap_err(), Error::NoMatchingKey);
    }
    // The victim's public key embedded, signed by the attacker: the pinned
    // key is used and the signature fails.
    let claimed = JwsBuilder::new(&attacker_signer).header("jwk", victim_public.to_object()).unwrap();
    let claimed = claimed.compact(b"evil").unwrap();
    assert_eq!(resolver().verify_compact(&claimed).unwrap_err(), Error::InvalidSignature);
    // The same in the unprotected header of a JSON serialization.
    let doc = JwsBuilder::new(&attacker_signer).unprotected("jwk", victim_public.to_object()).unwrap();
    let doc = doc.flattened(b"evil").unwrap();
    assert_eq!(resolver().verify_json(doc.as_bytes()).unwrap_err(), Error::InvalidSignature);
    // No embedded key at all.
    let bare = JwsBuilder::new(&attacker_signer).compact(b"evil").unwrap();
    assert_eq!(resolver().verify_compact(&bare).unwrap_err(), Error::NoMatchingKey);

    // Positive control: the victim's own token with its key embedded.
    let victim_signer = victim.signing_key(JwsAlgorithm::ES256).unwrap();
    let genuine = JwsBuilder::new(&victim_signer).header("jwk", victim_public.to_object()).unwrap().compact(b"ok");
    let genuine = genuine.unwrap();
    assert_eq!(resolver().verify_compact(&genuine).unwrap().payload(), b"ok");
    // An algorithm the resolver was not given.
    let es384 = Jwk::generate_for_jws(JwsAlgorithm::ES384).unwrap();
    let es384_signer = es384.signing_key(JwsAlgorithm::ES384).unwrap();
    let other = JwsBuilder::new(&es384_signer).header("jwk", es384.to_public().unwrap().to_object()).unwrap();
    let other = other.compact(b"x").unwrap();
    assert_eq!(resolver().verify_compact(&other).unwrap_err(), Error::AlgorithmNotAllowed);
}

#[test]
fn embedded_private_jwk_is_not_used() {
    let victim = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let victim_public = victim.to_public().unwrap();
    let attacker = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let resolver = || {
        Verifier::with_resolver(EmbeddedJwkResolver::new(vec![victim_public.clone()], &[JwsAlgorithm::ES256]).unwrap())
    };
    // The attacker's private key embedded (it holds d, so "it must be
    // genuine"): refused.
    let attacker_signer = attacker.signing_key(JwsAlgorithm::ES256).unwrap();
    let token = JwsBuilder::new(&attacker_signer).header("jwk", attacker.to_object()).unwrap().compact(b"evil");
    let token = token.unwrap();
    let private_member = Error::Key(jot_jwk::Error::PrivateMember { member: "d" });
    assert_eq!(resolver().verify_compact(&token).unwrap_err(), private_member);
    // Even the pinned key's own private form is not used.
    let victim_signer = victim.signing_key(JwsAlgorithm::ES256).unwrap();
    let leaked = JwsBuilder::new(&victim_signer).header("jwk", victim.to_object()).unwrap().compact(b"x").unwrap();
    assert_eq!(resolver().verify_compact(&leaked).unwrap_err(), private_member);
    // Refused from the member names alone, before anything is decoded: a
    // `d` that is not base64url, any private member, another key type (an
    // RSA private key with 8192-bit-sized members, a secret).
    let mut public = victim_public.to_object();
    let forged = |jwk: jot_core::json::Object| {
        JwsBuilder::new(&victim_signer).header("jwk", jwk).unwrap().compact(b"x").unwrap()
    };
    for member in ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] {
        let mut jwk = public.clone();
        jwk.insert(member, "!not base64url!");
        let expected = Error::Key(jot_jwk::Error::PrivateMember { member });
        assert_eq!(resolver().verify_compact(&forged(jwk)).unwrap_err(), expected, "{member}");
    }
    let big = "A".repeat(1366);
    let half = "A".repeat(683);
    let rsa: jot_core::json::Object = jot_core::json::parse_object(
        format!(
            r#"{{"kty":"RSA","n":"{big}","e":"AQAB","d":"{big}","p":"{half}","q":"{half}","dp":"{half}","dq":"{half}","qi":"{half}"}}"#
        )
        .as_bytes(),
        &jot_core::json::JsonLimits::DEFAULT,
    )
    .unwrap();
    let mismatch = Error::Key(jot_jwk::Error::KeyTypeMismatch);
    assert_eq!(resolver().verify_compact(&forged(rsa)).unwrap_err(), mismatch);
    assert_eq!(resolver().verify_compact(&forged(hmac_jwk().to_object())).unwrap_err(), mismatch);
    // The genuine public form still resolves.
    public.remove("kid");
    assert_eq!(resolver().verify_compact(&forged(public)).unwrap().payload(), b"x");
    // Pinning a private or symmetric key is a programming error.
    assert!(matches!(EmbeddedJwkResolver::new(vec![victim], &[JwsAlgorithm::ES256]), Err(Error::ApiMisuse(_))));
    assert!(matches!(EmbeddedJwkResolver::new(vec![hmac_jwk()], &[JwsAlgorithm::HS256]), Err(Error::ApiMisuse(_))));
}

#[test]
fn keys_named_by_url_or_certificate_are_not_used() {
    // jku, x5u and x5c pointing at the attacker's key change nothing: the
    // verifier uses the caller's key only (and fetches nothing).
    let victim = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let plain = Verifier::new(victim.to_public().unwrap().verifying_key(JwsAlgorithm::ES256).unwrap());
    let attacker = Jwk::from_pem(&pem("ec-p256-pkcs8.pem")).unwrap();
    let cert = pem("ec-p256-cert.pem");
    let cert_b64: String = cert.lines().filter(|l| !l.starts_with("-----")).collect();
    let signer = attacker.signing_key(JwsAlgorithm::ES256).unwrap();
    let builder = JwsBuilder::new(&signer)
        .kid(None)
        .header("jku", "https://attacker.example/jwks.json")
        .unwrap()
        .header("x5u", "https://attacker.example/cert.pem")
        .unwrap()
        .header("x5c", jot_core::json::Value::Array(vec![cert_b64.as_str().into()]))
        .unwrap();
    let token = builder.compact(b"evil").unwrap();
    let err = plain.verify_compact(&token).unwrap_err();
    assert_eq!(err, Error::InvalidSignature);
}

// ---------------------------------------------------------------- ECDSA

/// The group orders, big-endian at the signature's scalar length. Curve
/// constants (SEC 2, FIPS 186-4), not test vectors.
const ORDERS: [(JwsAlgorithm, &str); 4] = [
    (JwsAlgorithm::ES256, "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
    (
        JwsAlgorithm::ES384,
        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
    ),
    (
        JwsAlgorithm::ES512,
        "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
    ),
    (JwsAlgorithm::ES256K, "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"),
];

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn plus(x: &[u8], k: u8) -> Vec<u8> {
    let mut out = x.to_vec();
    let mut carry = u16::from(k);
    for b in out.iter_mut().rev() {
        let sum = u16::from(*b) + carry;
        *b = (sum & 0xff) as u8;
        carry = sum >> 8;
    }
    assert_eq!(carry, 0);
    out
}

fn der_integer(x: &[u8]) -> Vec<u8> {
    let mut body: Vec<u8> = x.iter().copied().skip_while(|&b| b == 0).collect();
    if body.first().is_none_or(|b| b & 0x80 != 0) {
        body.insert(0, 0);
    }
    let mut out = vec![0x02, u8::try_from(body.len()).unwrap()];
    out.extend(body);
    out
}

fn der_signature(r: &[u8], s: &[u8]) -> Vec<u8> {
    let mut body = der_integer(r);
    body.extend(der_integer(s));
    let len = u8::try_from(body.len()).unwrap();
    let mut out = if len < 0x80 { vec![0x30, len] } else { vec![0x30, 0x81, len] };
    out.extend(body);
    out
}

#[test]
fn ecdsa_out_of_range_and_misencoded_signatures_are_invalid() {
    for (alg, order) in ORDERS {
        let jwk = generated(alg);
        let n = unhex(order);
        let len = n.len();
        let token = JwsBuilder::new(&jwk.signing_key(alg).unwrap()).compact(b"payload").unwrap();
        let verifier = Verifier::new(jwk.to_public().unwrap().verifying_key(alg).unwrap());
        assert!(verifier.verify_compact(&token).is_ok());
        let sig = base64url::decode(segment(&token, 2)).unwrap();
        assert_eq!(sig.len(), 2 * len, "{alg}");
        let (r, s) = sig.split_at(len);
        let zero = vec![0u8; len];
        let ones = vec![0xffu8; len];
        let cat = |a: &[u8], b: &[u8]| [a, b].concat();
        let variants: Vec<(&str, Vec<u8>)> = vec![
            ("r = 0", cat(&zero, s)),
            ("s = 0", cat(r, &zero)),
            ("r = s = 0", vec![0; 2 * len]),
            ("r = n", cat(&n, s)),
            ("s = n", cat(r, &n)),
            ("r = s = n", cat(&n, &n)),
            ("r = n + 1", cat(&plus(&n, 1), s)),
            ("s = n + 1", cat(r, &plus(&n, 1))),
            ("r = all ones", cat(&ones, s)),
            ("s = all ones", cat(r, &ones)),
            ("r = 1, s = 1", cat(&plus(&zero, 1), &plus(&zero, 1))),
            ("DER", der_signature(r, s)),
            ("one byte short", sig[..sig.len() - 1].to_vec()),
            ("one byte long", cat(&sig, &[0])),
            ("leading zero", cat(&[0], &sig)),
            ("r only", r.to_vec()),
            ("empty", Vec::new()),
            ("s || r", cat(s, r)),
        ];
        for (what, bad) in variants {
            if bad == sig {
                continue;
            }
            let forged = with_segment(&token, 2, &b64(&bad));
            assert_eq!(verifier.verify_compact(&forged).unwrap_err(), Error::InvalidSignature, "{alg} {what}");
        }
        // A signature that is not base64url at all.
        let garbage = with_segment(&token, 2, "MEUCIQ+/==");
        assert_eq!(verifier.verify_compact(&garbage).unwrap_err(), Error::Malformed(Part::Signature), "{alg}");
    }
}

#[test]
fn ecdsa_r_equal_to_n_minus_one_is_refused() {
    // r = n - 1 is in range but not this signature's r.
    for (alg, order) in ORDERS {
        let jwk = generated(alg);
        let n = unhex(order);
        let mut n_minus_1 = n.clone();
        *n_minus_1.last_mut().unwrap() -= 1;
        let token = JwsBuilder::new(&jwk.signing_key(alg).unwrap()).compact(b"payload").unwrap();
        let sig = base64url::decode(segment(&token, 2)).unwrap();
        let forged = [n_minus_1.as_slice(), &sig[n.len()..]].concat();
        let verifier = Verifier::new(jwk.to_public().unwrap().verifying_key(alg).unwrap());
        let err = verifier.verify_compact(&with_segment(&token, 2, &b64(forged))).unwrap_err();
        assert_eq!(err, Error::InvalidSignature, "{alg}");
    }
}

#[test]
fn rsa_and_hmac_signatures_of_the_wrong_length_are_invalid() {
    for alg in [JwsAlgorithm::RS256, JwsAlgorithm::PS256] {
        let jwk = generated(alg);
        let token = JwsBuilder::new(&jwk.signing_key(alg).unwrap()).compact(b"payload").unwrap();
        let verifier = Verifier::new(jwk.to_public().unwrap().verifying_key(alg).unwrap());
        let sig = base64url::decode(segment(&token, 2)).unwrap();
        assert_eq!(sig.len(), 256);
        for (what, bad) in [
            ("one byte short", sig[..255].to_vec()),
            ("first byte dropped", sig[1..].to_vec()),
            ("leading zero", [&[0u8][..], &sig].concat()),
            ("trailing zero", [&sig[..], &[0u8]].concat()),
            ("empty", Vec::new()),
            ("all zero", vec![0; 256]),
        ] {
            let forged = with_segment(&token, 2, &b64(bad));
            assert_eq!(verifier.verify_compact(&forged).unwrap_err(), Error::InvalidSignature, "{alg} {what}");
        }
    }
    // A truncated HMAC is not accepted.
    let token = JwsBuilder::new(&hmac_signer()).compact(b"payload").unwrap();
    let sig = base64url::decode(segment(&token, 2)).unwrap();
    for cut in [0, 1, 16, 31] {
        let forged = with_segment(&token, 2, &b64(&sig[..cut]));
        assert_eq!(hmac_verifier().verify_compact(&forged).unwrap_err(), Error::InvalidSignature, "{cut}");
    }
    let forged = with_segment(&token, 2, &b64([&sig[..], &[0u8]].concat()));
    assert_eq!(hmac_verifier().verify_compact(&forged).unwrap_err(), Error::InvalidSignature);
}

// ---------------------------------------------------------------- crit

#[test]
fn crit_rules_of_rfc7515_section_4_1_11() {
    let signer = hmac_signer();
    let cases = [
        (r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, CritError::Unknown),
        (r#"{"alg":"HS256","crit":["http://example.com/ext"],"http://example.com/ext":true}"#, CritError::Unknown),
        (r#"{"alg":"HS256","crit":[]}"#, CritError::Empty),
        (r#"{"alg":"HS256","crit":["alg"]}"#, CritError::RegisteredName),
        (r#"{"alg":"HS256","kid":"k","crit":["kid"]}"#, CritError::RegisteredName),
        (r#"{"alg":"HS256","typ":"JWT","crit":["typ"]}"#, CritError::RegisteredName),
        (r#"{"alg":"HS256","crit":["crit"]}"#, CritError::RegisteredName),
        (r#"{"alg":"HS256","b64":true,"crit":["b64","b64"]}"#, CritError::Duplicate),
        (r#"{"alg":"HS256","crit":["b64"]}"#, CritError::Missing),
        (r#"{"alg":"HS256","crit":"b64","b64":true}"#, CritError::WrongType),
        (r#"{"alg":"HS256","crit":[1]}"#, CritError::WrongType),
        (r#"{"alg":"HS256","crit":null}"#, CritError::WrongType),
        (r#"{"alg":"HS256","crit":{"b64":true}}"#, CritError::WrongType),
    ];
    for (header, want) in cases {
        let token = sign_header(&signer, header, b"payload");
        assert_eq!(hmac_verifier().verify_compact(&token).unwrap_err(), Error::Crit(want), "{header}");
        let doc = flattened(&signer, Some(header), None, b"payload");
        assert_eq!(hmac_verifier().verify_json(doc.as_bytes()).unwrap_err(), Error::Crit(want), "{header}");
    }
}

#[test]
fn crit_allowed_by_the_verifier() {
    let signer = hmac_signer();
    let allowing = || hmac_verifier().allow_crit("exp");
    let token = sign_header(&signer, r#"{"alg":"HS256","crit":["exp"],"exp":1363284000}"#, b"payload");
    let verified = allowing().verify_compact(&token).unwrap();
    assert_eq!(verified.payload(), b"payload");
    assert_eq!(verified.header().crit(), Some(vec!["exp"]));
    // Allowed but absent, or named twice: still refused.
    let absent = sign_header(&signer, r#"{"alg":"HS256","crit":["exp"]}"#, b"payload");
    assert_eq!(allowing().verify_compact(&absent).unwrap_err(), Error::Crit(CritError::Missing));
    let twice = sign_header(&signer, r#"{"alg":"HS256","crit":["exp","exp"],"exp":1}"#, b"payload");
    assert_eq!(allowing().verify_compact(&twice).unwrap_err(), Error::Crit(CritError::Duplicate));
    // Allowing one extension does not allow another.
    let other = sign_header(&signer, r#"{"alg":"HS256","crit":["exp","nbf"],"exp":1,"nbf":1}"#, b"payload");
    assert_eq!(allowing().verify_compact(&other).unwrap_err(), Error::Crit(CritError::Unknown));
    // Allowing a registered name does not make crit:["alg"] acceptable.
    let registered = sign_header(&signer, r#"{"alg":"HS256","crit":["alg"]}"#, b"payload");
    let err = hmac_verifier().allow_crit("alg").verify_compact(&registered).unwrap_err();
    assert_eq!(err, Error::Crit(CritError::RegisteredName));
    // A member the verifier allows but which is not critical is just data.
    let plain = sign_header(&signer, r#"{"alg":"HS256","exp":1}"#, b"payload");
    assert!(allowing().verify_compact(&plain).is_ok());
}

#[test]
fn crit_in_the_unprotected_header_is_refused() {
    let signer = hmac_signer();
    let doc = flattened(&signer, Some(r#"{"alg":"HS256","exp":1}"#), Some(json!({ "crit": ["exp"] })), b"p");
    let err = hmac_verifier().allow_crit("exp").verify_json(doc.as_bytes()).unwrap_err();
    assert_eq!(err, Error::Crit(CritError::NotProtected));
    let doc = flattened(&signer, Some(r#"{"alg":"HS256"}"#), Some(json!({ "crit": ["exp"], "exp": 1 })), b"p");
    let err = hmac_verifier().allow_crit("exp").verify_json_all(doc.as_bytes()).unwrap_err();
    assert_eq!(err, Error::Crit(CritError::NotProtected));
    // Without a protected header at all.
    let doc = flattened(&signer, None, Some(json!({ "alg": "HS256", "crit": ["exp"], "exp": 1 })), b"p");
    let err = hmac_verifier().allow_crit("exp").verify_json(doc.as_bytes()).unwrap_err();
    assert_eq!(err, Error::Crit(CritError::NotProtected));
}

// ---------------------------------------------------------------- b64

#[test]
fn b64_rules_of_rfc7797_section_6() {
    let signer = hmac_signer();
    for (header, want) in [
        (r#"{"alg":"HS256","b64":false}"#, CritError::B64NotCritical),
        (r#"{"alg":"HS256","b64":true}"#, CritError::B64NotCritical),
        (r#"{"alg":"HS256","b64":"false","crit":["b64"]}"#, CritError::B64WrongType),
        (r#"{"alg":"HS256","b64":0,"crit":["b64"]}"#, CritError::B64WrongType),
        (r#"{"alg":"HS256","b64":null,"crit":["b64"]}"#, CritError::B64WrongType),
    ] {
        // The payload segment signed as is (b64 false) and encoded.
        for token in [sign_segments(&signer, &b64(header), "payload"), sign_header(&signer, header, b"payload")] {
            assert_eq!(hmac_verifier().verify_compact(&token).unwrap_err(), Error::Crit(want), "{header}");
        }
    }
    // In the unprotected header, with or without crit in the protected one.
    for protected in [r#"{"alg":"HS256"}"#, r#"{"alg":"HS256","crit":["b64"]}"#] {
        let doc = flattened(&signer, Some(protected), Some(json!({ "b64": false })), b"p");
        let err = hmac_verifier().verify_json(doc.as_bytes()).unwrap_err();
        assert_eq!(err, Error::Crit(CritError::B64NotProtected), "{protected}");
    }
}

#[test]
fn general_jws_signatures_disagreeing_on_b64_are_refused() {
    let signer = hmac_signer();
    let unencoded = JwsBuilder::new(&signer).unencoded_payload();
    let encoded = JwsBuilder::new(&signer);
    // The builder refuses to make one.
    assert_eq!(sign_general(b"abc", &[unencoded, encoded]).unwrap_err(), Error::Crit(CritError::B64Inconsistent));
    // Made by hand, with each signature valid for its own reading.
    let payload = "YWJj"; // read as-is by one signature, as base64url by the other
    let p1 = b64(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
    let p2 = b64(r#"{"alg":"HS256"}"#);
    let sig = |p: &str| b64(signer.sign(format!("{p}.{payload}").as_bytes()).unwrap());
    let doc = json!({
        "payload": payload,
        "signatures": [
            { "protected": p1, "signature": sig(&p1) },
            { "protected": p2, "signature": sig(&p2) },
        ],
    })
    .to_string();
    let want = Error::Crit(CritError::B64Inconsistent);
    assert_eq!(hmac_verifier().verify_json(doc.as_bytes()).unwrap_err(), want);
    assert_eq!(hmac_verifier().verify_json_all(doc.as_bytes()).unwrap_err(), want);
    assert_eq!(
        hmac_verifier().verify_json_detached(doc.replace(r#""payload":"YWJj","#, "").as_bytes(), b"abc").unwrap_err(),
        want
    );
}

// ---------------------------------------------------------------- JSON strictness

#[test]
fn duplicate_header_members_are_refused() {
    let signer = hmac_signer();
    let want = Error::Json(Part::ProtectedHeader, JsonError::DuplicateMember);
    for header in [
        r#"{"alg":"HS256","alg":"none"}"#,
        r#"{"alg":"none","alg":"HS256"}"#,
        r#"{"alg":"HS256","kid":"a","kid":"b"}"#,
        r#"{"alg":"HS256","jwk":{"kty":"oct","kty":"RSA"}}"#,
        r#"{"alg":"HS256","b64":true,"crit":["b64"],"b64":false}"#,
    ] {
        let token = sign_header(&signer, header, b"payload");
        assert_eq!(hmac_verifier().verify_compact(&token).unwrap_err(), want, "{header}");
        let doc = flattened(&signer, Some(header), None, b"payload");
        assert_eq!(hmac_verifier().verify_json(doc.as_bytes()).unwrap_err(), want, "{header}");
    }
}

#[test]
fn duplicate_members_in_the_json_serialization_are_refused() {
    let token = JwsBuilder::new(&hmac_signer()).compact(b"payload").unwrap();
    let (p, pl, s) = (segment(&token, 0), segment(&token, 1), segment(&token, 2));
    let want = Error::Json(Part::Serialization, JsonError::DuplicateMember);
    for doc in [
        format!(r#"{{"protected":"{p}","payload":"{pl}","payload":"{pl}","signature":"{s}"}}"#),
        format!(r#"{{"protected":"{p}","payload":"{pl}","signature":"{s}","signature":"{s}"}}"#),
        format!(r#"{{"protected":"{p}","protected":"{p}","payload":"{pl}","signature":"{s}"}}"#),
        format!(r#"{{"protected":"{p}","header":{{"kid":"a","kid":"b"}},"payload":"{pl}","signature":"{s}"}}"#),
        format!(r#"{{"payload":"{pl}","signatures":[{{"protected":"{p}","signature":"{s}"}}],"signatures":[]}}"#),
        format!(r#"{{"payload":"{pl}","signatures":[{{"protected":"{p}","signature":"{s}","signature":"{s}"}}]}}"#),
    ] {
        assert_eq!(hmac_verifier().verify_json(doc.as_bytes()).unwrap_err(), want, "{doc}");
        assert_eq!(hmac_verifier().verify_json_all(doc.as_bytes()).unwrap_err(), want, "{doc}");
    }
}

#[test]
fn wrong_json_types_in_registered_headers_are_errors() {
    let signer = hmac_signer();
    for (header, member) in [
        (r#"{"alg":1}"#, "alg"),
        (r#"{"alg":null}"#, "alg"),
        (r#"{"alg":["HS256"]}"#, "alg"),
        (r#"{"alg":"HS256","kid":1}"#, "kid"),
        (r#"{"alg":"HS256","kid":null}"#, "kid"),
        (r#"{"alg":"HS256","typ":true}"#, "typ"),
        (r#"{"alg":"HS256","cty":{}}"#, "cty"),
        (r#"{"alg":"HS256","jku":1}"#, "jku"),
        (r#"{"alg":"HS256","x5u":[]}"#, "x5u"),
        (r#"{"alg":"HS256","x5t":1}"#, "x5t"),
        (r#"{"alg":"HS256","x5t#S256":1}"#, "x5t#S256"),
        (r#"{"alg":"HS256","x5c":"MIIB"}"#, "x5c"),
        (r#"{"alg":"HS256","x5c":[1]}"#, "x5c"),
        (r#"{"alg":"HS256","jwk":"{}"}"#, "jwk"),
    ] {
        let want = Error::Json(Part::ProtectedHeader, JsonError::WrongType { member });
        let token = sign_header(&signer, header, b"payload");
        assert_eq!(hmac_verifier().verify_compact(&token).unwrap_err(), want, "{header}");
    }
    // The unprotected header.
    for (header, member) in [(json!({ "kid": 1 }), "kid"), (json!({ "typ": false }), "typ")] {
        let doc = flattened(&signer, Some(r#"{"alg":"HS256"}"#), Some(header.clone()), b"payload");
        let want = Error::Json(Part::UnprotectedHeader, JsonError::WrongType { member });
        assert_eq!(hmac_verifier().verify_json(doc.as_bytes()).unwrap_err(), want, "{header}");
    }
    let doc = flattened(&signer, None, Some(json!({ "alg": 256 })), b"payload");
    let want = Error::Json(Part::UnprotectedHeader, JsonError::WrongType { member: "alg" });
    assert_eq!(hmac_verifier().verify_json(doc.as_bytes()).unwrap_err(), want);
}

#[test]
fn headers_that_are_not_json_objects_are_refused() {
    let signer = hmac_signer();
    for (header, want) in [
        (&b"[]"[..], JsonError::NotAnObject),
        (b"\"alg\"", JsonError::NotAnObject),
        (b"{\"alg\":\"HS256\"", JsonError::Syntax),
        (b"{\"alg\":\"HS256\"} x", JsonError::Syntax),
        (b"{\"alg\":\"HS256\",}", JsonError::Syntax),
        (b"{\"alg\":\"HS\xff256\"}", JsonError::Syntax),
        (b"", JsonError::Syntax),
    ] {
        let token = sign_segments(&signer, &b64(header), &b64("payload"));
        let err = hmac_verifier().verify_compact(&token).unwrap_err();
        assert_eq!(err, Error::Json(Part::ProtectedHeader, want), "{}", String::from_utf8_lossy(header));
    }
}

// ---------------------------------------------------------------- shape

#[test]
fn compact_tokens_need_exactly_three_segments() {
    let token = JwsBuilder::new(&hmac_signer()).compact(b"payload").unwrap();
    let (h, p, s) = (segment(&token, 0), segment(&token, 1), segment(&token, 2));
    let want = Error::Malformed(Part::Serialization);
    for bad in [
        format!("{token}.{s}"),
        format!("{token}."),
        format!("{h}.{p}.{s}.{s}.{s}"),
        format!("{h}.{p}"),
        format!("{h}.{s}"),
        h.to_owned(),
        String::new(),
        ".".to_owned(),
        "...".to_owned(),
    ] {
        assert_eq!(hmac_verifier().verify_compact(&bad).unwrap_err(), want, "{bad}");
        assert_eq!(hmac_verifier().verify_compact_detached(&bad, b"payload").unwrap_err(), want, "{bad}");
    }
}

#[test]
fn padding_and_whitespace_in_a_segment_are_malformed() {
    let signer = hmac_signer();
    let token = JwsBuilder::new(&signer).compact(b"payload!").unwrap();
    let (h, p, s) = (segment(&token, 0), segment(&token, 1), segment(&token, 2));
    let spoil = |seg: &str, how: usize| -> String {
        let mid = seg.len() / 2;
        match how {
            0 => format!("{seg}="),
            1 => format!("{seg}=="),
            2 => format!("{} {}", &seg[..mid], &seg[mid..]),
            3 => format!("{}\n{}", &seg[..mid], &seg[mid..]),
            4 => format!("{seg}\n"),
            5 => format!("{}\r\n{}", &seg[..mid], &seg[mid..]),
            6 => format!(" {seg}"),
            7 => format!("{seg}\t"),
            _ => format!("{}+/{}", &seg[..mid], &seg[mid..]), // standard base64 alphabet
        }
    };
    for how in 0..9 {
        // Header and signature: spoiled in the token as it is.
        let bad = format!("{}.{p}.{s}", spoil(h, how));
        assert_eq!(hmac_verifier().verify_compact(&bad).unwrap_err(), Error::Malformed(Part::ProtectedHeader), "{how}");
        let bad = format!("{h}.{p}.{}", spoil(s, how));
        assert_eq!(hmac_verifier().verify_compact(&bad).unwrap_err(), Error::Malformed(Part::Signature), "{how}");
        // Payload: signed over the spoiled segment, so the signature is
        // right and only the payload encoding is wrong.
        let bad = sign_segments(&signer, h, &spoil(p, how));
        assert_eq!(hmac_verifier().verify_compact(&bad).unwrap_err(), Error::Malformed(Part::Payload), "{how}");
    }
    // Spoiled in a token as it is, the payload still fails: the signature
    // covers the segment as sent. (RFC 7515 section 5.2 leaves the order of
    // the decoding and signature steps open, so that error is
    // InvalidSignature here.)
    for how in 0..9 {
        assert!(hmac_verifier().verify_compact(&format!("{h}.{}.{s}", spoil(p, how))).is_err(), "{how}");
    }
    // Non-canonical base64url: the unused low bits of the last character set.
    let token = JwsBuilder::new(&signer).compact(b"$.02").unwrap();
    assert_eq!(segment(&token, 1), "JC4wMg");
    let bad = sign_segments(&signer, segment(&token, 0), "JC4wMh");
    assert_eq!(hmac_verifier().verify_compact(&bad).unwrap_err(), Error::Malformed(Part::Payload));
    // The same rules in the JSON serialization.
    let doc: serde_json::Value =
        serde_json::from_str(&JwsBuilder::new(&signer).flattened(b"payload!").unwrap()).unwrap();
    for (member, part) in
        [("protected", Part::ProtectedHeader), ("payload", Part::Payload), ("signature", Part::Signature)]
    {
        for how in [0, 2, 4] {
            let mut bad = doc.clone();
            bad[member] = spoil(doc[member].as_str().unwrap(), how).into();
            let bad = bad.to_string();
            assert_eq!(
                hmac_verifier().verify_json(bad.as_bytes()).unwrap_err(),
                Error::Malformed(part),
                "{member} {how}"
            );
        }
    }
}

#[test]
fn protected_and_unprotected_names_must_be_disjoint() {
    let signer = hmac_signer();
    for (protected, header) in [
        (r#"{"alg":"HS256","kid":"a"}"#, json!({ "kid": "a" })),
        (r#"{"alg":"HS256","kid":"a"}"#, json!({ "kid": "b" })),
        (r#"{"alg":"HS256"}"#, json!({ "alg": "HS256" })),
        (r#"{"alg":"HS256"}"#, json!({ "alg": "none" })),
        (r#"{"alg":"HS256","x-ext":1}"#, json!({ "x-ext": 2 })),
    ] {
        let doc = flattened(&signer, Some(protected), Some(header.clone()), b"payload");
        assert_eq!(hmac_verifier().verify_json(doc.as_bytes()).unwrap_err(), Error::HeaderConflict, "{header}");
        assert_eq!(hmac_verifier().verify_json_all(doc.as_bytes()).unwrap_err(), Error::HeaderConflict, "{header}");
    }
}

// ---------------------------------------------------------------- several signatures

#[test]
fn one_genuine_and_one_forged_signature() {
    let signer = hmac_signer();
    let doc =
        sign_general(b"payload", &[JwsBuilder::new(&signer).typ("a"), JwsBuilder::new(&signer).typ("b")]).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&doc).unwrap();
    for forged_index in [0, 1] {
        let mut forged = doc.clone();
        let sig = base64url::decode(doc["signatures"][forged_index]["signature"].as_str().unwrap()).unwrap();
        let mut bad = sig.clone();
        bad[0] ^= 1;
        forged["signatures"][forged_index]["signature"] = b64(bad).into();
        let forged = forged.to_string();
        let verified = hmac_verifier().verify_json(forged.as_bytes()).unwrap();
        assert_eq!(verified.signature_index(), 1 - forged_index);
        assert_eq!(verified.header().typ(), Some(["a", "b"][1 - forged_index]));
        assert_eq!(hmac_verifier().verify_json_all(forged.as_bytes()).unwrap_err(), Error::InvalidSignature);
    }
    // Both forged.
    let mut forged = doc.clone();
    for i in 0..2 {
        forged["signatures"][i]["signature"] = b64([0u8; 32]).into();
    }
    let forged = forged.to_string();
    assert_eq!(hmac_verifier().verify_json(forged.as_bytes()).unwrap_err(), Error::InvalidSignature);
}

// ---------------------------------------------------------------- key selection

fn hs_key(kid: Option<&str>) -> Jwk {
    let mut k = Jwk::generate(KeySpec::Oct { bytes: 32 }).unwrap();
    let mut params = k.params().clone();
    params.kid = kid.map(str::to_owned);
    k.set_params(params).unwrap();
    k
}

#[test]
fn two_matching_keys_are_ambiguous() {
    let (a, b) = (hs_key(None), hs_key(None));
    let verifier = || {
        Verifier::with_keys(vec![
            a.verifying_key(JwsAlgorithm::HS256).unwrap(),
            b.verifying_key(JwsAlgorithm::HS256).unwrap(),
        ])
    };
    // Even though only one of them would verify: no "try each".
    let token = JwsBuilder::new(&a.signing_key(JwsAlgorithm::HS256).unwrap()).compact(b"x").unwrap();
    assert_eq!(verifier().verify_compact(&token).unwrap_err(), Error::AmbiguousKey);
    let with_kid = JwsBuilder::new(&a.signing_key(JwsAlgorithm::HS256).unwrap()).kid(Some("k")).compact(b"x").unwrap();
    assert_eq!(verifier().verify_compact(&with_kid).unwrap_err(), Error::AmbiguousKey);
    let doc = JwsBuilder::new(&a.signing_key(JwsAlgorithm::HS256).unwrap()).flattened(b"x").unwrap();
    assert_eq!(verifier().verify_json(doc.as_bytes()).unwrap_err(), Error::AmbiguousKey);

    // Two keys with kids, a token without one.
    let (a, b) = (hs_key(Some("a")), hs_key(Some("b")));
    let keys = vec![a.verifying_key(JwsAlgorithm::HS256).unwrap(), b.verifying_key(JwsAlgorithm::HS256).unwrap()];
    let token = JwsBuilder::new(&a.signing_key(JwsAlgorithm::HS256).unwrap()).kid(None).compact(b"x").unwrap();
    assert_eq!(Verifier::with_keys(keys.clone()).verify_compact(&token).unwrap_err(), Error::AmbiguousKey);
    // With its kid, the one key is chosen.
    let token = JwsBuilder::new(&a.signing_key(JwsAlgorithm::HS256).unwrap()).compact(b"x").unwrap();
    assert_eq!(Verifier::with_keys(keys).verify_compact(&token).unwrap().kid(), Some("a"));

    // A JWK Set with the same kid twice.
    let (c, d) = (hs_key(Some("same")), hs_key(Some("same")));
    let set = JwkSet::from_keys(vec![c.clone(), d]);
    let token = JwsBuilder::new(&c.signing_key(JwsAlgorithm::HS256).unwrap()).compact(b"x").unwrap();
    let err = Verifier::from_secret_jwk_set(&set, &[JwsAlgorithm::HS256]).unwrap().verify_compact(&token).unwrap_err();
    assert_eq!(err, Error::AmbiguousKey);
}

#[test]
fn a_kid_matching_no_key_is_no_matching_key() {
    let a = hs_key(Some("a"));
    let verifier = Verifier::new(a.verifying_key(JwsAlgorithm::HS256).unwrap());
    let token = JwsBuilder::new(&a.signing_key(JwsAlgorithm::HS256).unwrap()).kid(Some("c")).compact(b"x").unwrap();
    assert_eq!(verifier.verify_compact(&token).unwrap_err(), Error::NoMatchingKey);
    let doc = JwsBuilder::new(&a.signing_key(JwsAlgorithm::HS256).unwrap()).kid(Some("c")).flattened(b"x").unwrap();
    assert_eq!(verifier.verify_json(doc.as_bytes()).unwrap_err(), Error::NoMatchingKey);
    assert_eq!(verifier.verify_json_all(doc.as_bytes()).unwrap_err(), Error::NoMatchingKey);
    // An algorithm no key has is AlgorithmNotAllowed, not NoMatchingKey.
    let hs384 = Jwk::generate_for_jws(JwsAlgorithm::HS384).unwrap();
    let token = JwsBuilder::new(&hs384.signing_key(JwsAlgorithm::HS384).unwrap()).kid(Some("a")).compact(b"x").unwrap();
    assert_eq!(verifier.verify_compact(&token).unwrap_err(), Error::AlgorithmNotAllowed);
    // A verifier with no keys accepts nothing.
    let empty = Verifier::with_keys(Vec::new());
    let token = JwsBuilder::new(&a.signing_key(JwsAlgorithm::HS256).unwrap()).compact(b"x").unwrap();
    assert_eq!(empty.verify_compact(&token).unwrap_err(), Error::AlgorithmNotAllowed);
    assert_eq!(
        Verifier::from_secret_jwk_set(&JwkSet::from_keys(vec![a]), &[]).unwrap().verify_compact(&token).unwrap_err(),
        Error::AlgorithmNotAllowed
    );
}

// ---------------------------------------------------------------- limits

fn limited(limits: Limits) -> Verifier {
    hmac_verifier().limits(limits)
}

#[test]
fn token_size_limit() {
    let signer = hmac_signer();
    let token = JwsBuilder::new(&signer).compact(&[b'a'; 100]).unwrap();
    let at = Limits { max_token_bytes: token.len(), ..Limits::DEFAULT };
    assert!(limited(at).verify_compact(&token).is_ok());
    let under = Limits { max_token_bytes: token.len() - 1, ..Limits::DEFAULT };
    assert_eq!(limited(under).verify_compact(&token).unwrap_err(), Error::Limit(LimitKind::TokenSize));
    let detached = JwsBuilder::new(&signer).compact_detached(&[b'a'; 100]).unwrap();
    let small = Limits { max_token_bytes: detached.len() - 1, ..Limits::DEFAULT };
    assert_eq!(
        limited(small).verify_compact_detached(&detached, &[b'a'; 100]).unwrap_err(),
        Error::Limit(LimitKind::TokenSize)
    );
    let doc = JwsBuilder::new(&signer).flattened(&[b'a'; 100]).unwrap();
    let at = Limits { max_token_bytes: doc.len(), ..Limits::DEFAULT };
    assert!(limited(at).verify_json(doc.as_bytes()).is_ok());
    let under = Limits { max_token_bytes: doc.len() - 1, ..Limits::DEFAULT };
    assert_eq!(limited(under).verify_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::TokenSize));
    assert_eq!(limited(under).verify_json_all(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::TokenSize));
    // The default refuses a very large token.
    let huge = format!("{}.{}.{}", segment(&token, 0), "A".repeat(2 * 1024 * 1024), segment(&token, 2));
    assert_eq!(hmac_verifier().verify_compact(&huge).unwrap_err(), Error::Limit(LimitKind::TokenSize));
}

#[test]
fn header_size_limit() {
    let signer = hmac_signer();
    let header = format!(r#"{{"alg":"HS256","x":"{}"}}"#, "y".repeat(40));
    let token = sign_header(&signer, &header, b"payload");
    let at = Limits { max_header_bytes: header.len(), ..Limits::DEFAULT };
    assert!(limited(at).verify_compact(&token).is_ok());
    let under = Limits { max_header_bytes: header.len() - 1, ..Limits::DEFAULT };
    assert_eq!(limited(under).verify_compact(&token).unwrap_err(), Error::Limit(LimitKind::HeaderSize));
    let doc = flattened(&signer, Some(&header), None, b"payload");
    assert_eq!(limited(under).verify_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::HeaderSize));
    // The unprotected header is bounded too.
    let doc = flattened(&signer, Some(r#"{"alg":"HS256"}"#), Some(json!({ "x": "y".repeat(100) })), b"payload");
    let small = Limits { max_header_bytes: 64, ..Limits::DEFAULT };
    assert_eq!(limited(small).verify_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::HeaderSize));
    assert!(hmac_verifier().verify_json(doc.as_bytes()).is_ok());
    // The default refuses a very large header.
    let big = sign_header(&signer, &format!(r#"{{"alg":"HS256","x":"{}"}}"#, "y".repeat(16 * 1024)), b"p");
    assert_eq!(hmac_verifier().verify_compact(&big).unwrap_err(), Error::Limit(LimitKind::HeaderSize));
}

#[test]
fn json_depth_limit() {
    let signer = hmac_signer();
    // Depth counts the header object itself: {"x":[[1]]} is depth 3.
    let header = |depth: usize| format!(r#"{{"alg":"HS256","x":{}1{}}}"#, "[".repeat(depth - 1), "]".repeat(depth - 1));
    let three = Limits { max_json_depth: 3, ..Limits::DEFAULT };
    assert!(limited(three).verify_compact(&sign_header(&signer, &header(3), b"p")).is_ok());
    let token = sign_header(&signer, &header(4), b"p");
    assert_eq!(limited(three).verify_compact(&token).unwrap_err(), Error::Limit(LimitKind::JsonDepth));
    // In the protected header of a JSON serialization.
    let doc = flattened(&signer, Some(&header(4)), None, b"p");
    assert_eq!(limited(three).verify_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::JsonDepth));
    // In the document (the unprotected header is part of it).
    let doc = flattened(&signer, Some(r#"{"alg":"HS256"}"#), Some(json!({ "x": [[[1]]] })), b"p");
    assert_eq!(limited(three).verify_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::JsonDepth));
    // The default refuses deep nesting (and does not overflow the stack).
    let deep = sign_header(&signer, &header(4_000), b"p");
    assert_eq!(hmac_verifier().verify_compact(&deep).unwrap_err(), Error::Limit(LimitKind::JsonDepth));
    let deep_doc = format!(r#"{{"payload":"","signature":"","header":{}1{}}}"#, "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(hmac_verifier().verify_json(deep_doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::JsonDepth));
}

#[test]
fn signature_count_limit() {
    let signer = hmac_signer();
    // Three distinct signatures (one repeated would be refused:
    // tests/signature_counting.rs).
    let builders: Vec<_> =
        (0..3).map(|i| JwsBuilder::new(&signer).header("n", i.to_string().as_str()).unwrap()).collect();
    let doc = sign_general(b"p", &builders).unwrap();
    let two = Limits { max_signatures: 2, ..Limits::DEFAULT };
    assert_eq!(limited(two).verify_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::Signatures));
    assert_eq!(limited(two).verify_json_all(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::Signatures));
    let three = Limits { max_signatures: 3, ..Limits::DEFAULT };
    assert_eq!(limited(three).verify_json_all(doc.as_bytes()).unwrap().len(), 3);
}

// ---------------------------------------------------------------- messages

#[test]
fn error_messages_never_echo_the_input() {
    let signer = hmac_signer();
    let secretish = "SeCrEtVaLuE";
    let tokens = [
        // Bad base64url in each part.
        format!("{}!.{}.{}", b64(r#"{"alg":"HS256"}"#), b64(secretish), b64(secretish)),
        format!("{}.{}.{}!", b64(r#"{"alg":"HS256"}"#), b64(secretish), b64(secretish)),
        sign_segments(&signer, &b64(r#"{"alg":"HS256"}"#), &format!("{}=", b64(secretish))),
        // Header values that are refused.
        sign_header(&signer, &format!(r#"{{"alg":"{secretish}"}}"#), b"x"),
        sign_header(&signer, &format!(r#"{{"alg":"HS256","kid":["{secretish}"]}}"#), b"x"),
        sign_header(&signer, &format!(r#"{{"alg":"HS256","crit":["{secretish}"],"{secretish}":1}}"#), b"x"),
        sign_header(&signer, &format!(r#"{{"alg":"HS256","{secretish}":1,"{secretish}":2}}"#), b"x"),
        sign_header(&signer, &format!(r#"{{"alg":"HS256","{secretish}"}}"#), b"x"),
        // Four segments, and a bad signature.
        format!("{}.{}.{}.{}", b64(r#"{"alg":"HS256"}"#), b64(secretish), b64(secretish), b64(secretish)),
        format!("{}.{}.{}", b64(r#"{"alg":"HS256"}"#), b64(secretish), b64([7u8; 32])),
    ];
    for token in &tokens {
        let err = hmac_verifier().verify_compact(token).unwrap_err();
        let (display, debug) = (err.to_string(), format!("{err:?}"));
        for seg in token.split('.').filter(|s| s.len() >= 4) {
            assert!(!display.contains(seg) && !debug.contains(seg), "{display} / {debug} echoes {seg}");
        }
        assert!(!display.contains(secretish) && !debug.contains(secretish), "{display} / {debug}");
        assert!(!display.contains(&b64(secretish)), "{display}");
    }
    let doc = format!(r#"{{"payload":"{secretish}!","signature":"{secretish}","header":{{"alg":"HS256"}}}}"#);
    let err = hmac_verifier().verify_json(doc.as_bytes()).unwrap_err();
    assert!(!err.to_string().contains(secretish) && !format!("{err:?}").contains(secretish), "{err}");
}

#[test]
fn the_unverified_decoder_parses_as_strictly() {
    // dangerous::decode_unverified_compact skips the signature, not the
    // parsing rules.
    let token = JwsBuilder::new(&hmac_signer()).compact(b"payload").unwrap();
    let (header, payload) = jot_jws::dangerous::decode_unverified_compact(&token).unwrap();
    assert_eq!(header.get_str("alg").unwrap(), Some("HS256"));
    assert_eq!(payload, b"payload");
    let dup = format!("{}.{}.", b64(r#"{"alg":"HS256","alg":"none"}"#), b64("x"));
    assert_eq!(
        jot_jws::dangerous::decode_unverified_compact(&dup).unwrap_err(),
        Error::Json(Part::ProtectedHeader, JsonError::DuplicateMember)
    );
    let four = format!("{token}.x");
    assert_eq!(
        jot_jws::dangerous::decode_unverified_compact(&four).unwrap_err(),
        Error::Malformed(Part::Serialization)
    );
    let padded = with_segment(&token, 1, &format!("{}=", segment(&token, 1)));
    assert_eq!(jot_jws::dangerous::decode_unverified_compact(&padded).unwrap_err(), Error::Malformed(Part::Payload));
}
