//! JWT interop with josekit: signed JWTs and nested (signed, then
//! encrypted; RFC 7519 section 5.2 `cty: "JWT"`) JWTs, both directions,
//! with jot's claim validation on the receiving side.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use josekit::jwk::Jwk as JkJwk;
use josekit::jws::{self as jkjws, JwsHeader};
use josekit::jwt::{self as jkjwt, JwtPayload};
use jot_jwt::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_jwt::jwe::{Decrypter, JweBuilder};
use jot_jwt::{Jwk, JwtBuilder, Validation};

const ISS: &str = "https://issuer.example";
const AUD: &str = "api";

fn jk_payload() -> JwtPayload {
    let mut p = JwtPayload::new();
    p.set_issuer(ISS);
    p.set_subject("alice");
    p.set_audience(vec![AUD]);
    let now = SystemTime::now();
    p.set_issued_at(&now);
    p.set_expires_at(&(now + Duration::from_secs(300)));
    p.set_claim("scope", Some("read".into())).unwrap();
    p
}

fn check_jk_payload(p: &JwtPayload) {
    assert_eq!(p.issuer(), Some(ISS));
    assert_eq!(p.subject(), Some("alice"));
    assert_eq!(p.audience(), Some(vec![AUD]));
    assert!(p.expires_at().unwrap() > SystemTime::now());
    assert_eq!(p.claim("scope"), Some(&"read".into()));
}

fn jot_builder() -> JwtBuilder {
    JwtBuilder::new()
        .issuer(ISS)
        .subject("alice")
        .audience(AUD)
        .expires_in(Duration::from_secs(300))
        .claim("scope", "read")
}

#[test]
fn signed_jwt_both_directions() {
    let alg = JwsAlgorithm::ES256;
    // josekit signs, jot validates.
    let jk = JkJwk::generate_ec_key(josekit::jwk::P_256).unwrap();
    let mut header = JwsHeader::new();
    header.set_token_type("JWT");
    let token = jkjwt::encode_with_signer(&jk_payload(), &header, &jkjws::ES256.signer_from_jwk(&jk).unwrap()).unwrap();
    let public = Jwk::from_json(jk.to_public_key().unwrap().to_string().as_bytes()).unwrap();
    let jwt = Validation::from_key(public.verifying_key(alg).unwrap())
        .issuer(ISS)
        .audience(AUD)
        .verify_claims(&token)
        .unwrap();
    assert_eq!(jwt.registered().sub.as_deref(), Some("alice"));
    assert_eq!(jwt.claims().get("scope").and_then(|v| v.as_str()), Some("read"));

    // jot signs, josekit verifies.
    let jot = Jwk::generate_for_jws(alg).unwrap();
    let token = jot_builder().sign(&jot.signing_key(alg).unwrap()).unwrap();
    let jk_public = JkJwk::from_bytes(jot.to_public().unwrap().to_json().as_bytes()).unwrap();
    let (p, h) = jkjwt::decode_with_verifier(&token, &jkjws::ES256.verifier_from_jwk(&jk_public).unwrap()).unwrap();
    check_jk_payload(&p);
    assert_eq!(h.claim("typ"), Some(&"JWT".into()));
}

#[test]
fn nested_jwt_both_directions() {
    let (sig_alg, kw, enc) = (JwsAlgorithm::EdDSA, JweAlgorithm::RsaOaep256, JweEncryption::A256Gcm);
    let jk_sig = JkJwk::generate_ed_key(josekit::jwk::Ed25519).unwrap();
    let mut jk_enc = JkJwk::generate_rsa_key(2048).unwrap();
    jk_enc.set_algorithm("RSA-OAEP-256");
    let jot_sig = Jwk::from_json(jk_sig.to_string().as_bytes()).unwrap();
    let jot_enc = Jwk::from_json(jk_enc.to_string().as_bytes()).unwrap();

    // josekit signs and encrypts (cty: JWT), jot decrypts and validates.
    let mut header = JwsHeader::new();
    header.set_token_type("JWT");
    let inner =
        jkjwt::encode_with_signer(&jk_payload(), &header, &jkjws::EdDSA.signer_from_jwk(&jk_sig).unwrap()).unwrap();
    let mut jwe_header = josekit::jwe::JweHeader::new();
    jwe_header.set_content_encryption(enc.to_string());
    jwe_header.set_content_type("JWT");
    let encrypter = josekit::jwe::RSA_OAEP_256.encrypter_from_jwk(&jk_enc.to_public_key().unwrap()).unwrap();
    let token = josekit::jwe::serialize_compact(inner.as_bytes(), &jwe_header, &encrypter).unwrap();
    let validation = Validation::from_key(jot_sig.to_public().unwrap().verifying_key(sig_alg).unwrap())
        .issuer(ISS)
        .audience(AUD)
        .decrypt_with(Decrypter::new(jot_enc.decrypting_key(kw).unwrap(), &[enc]));
    let jwt = validation.verify_claims(&token).unwrap_or_else(|e| panic!("nested josekit->jot: {e}"));
    assert_eq!(jwt.registered().sub.as_deref(), Some("alice"));

    // jot signs and encrypts, josekit decrypts then verifies.
    let enc_key = jot_enc.to_public().unwrap().encrypting_key(kw).unwrap();
    let token = jot_builder()
        .sign_and_encrypt(&jot_sig.signing_key(sig_alg).unwrap(), JweBuilder::new(enc).recipient(&enc_key))
        .unwrap();
    let decrypter = josekit::jwe::RSA_OAEP_256.decrypter_from_jwk(&jk_enc).unwrap();
    let (inner, h) = josekit::jwe::deserialize_compact(&token, &decrypter).unwrap();
    assert_eq!(h.content_type(), Some("JWT"));
    let inner = String::from_utf8(inner).unwrap();
    let (p, _) =
        jkjwt::decode_with_verifier(&inner, &jkjws::EdDSA.verifier_from_jwk(&jk_sig.to_public_key().unwrap()).unwrap())
            .unwrap();
    check_jk_payload(&p);
}

/// Generated claims: a subject, an audience list containing `api`, and
/// private claims of several JSON types.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
struct Private {
    sub: String,
    #[serde(deserialize_with = "one_or_many")]
    aud: Vec<String>,
    note: String,
    count: i64,
    flag: bool,
    tags: Vec<String>,
}

/// RFC 7519 4.1.3: `aud` is one string or an array of them (josekit writes a
/// one-element list as a string).
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Aud {
        One(String),
        Many(Vec<String>),
    }
    Ok(match serde::Deserialize::deserialize(d)? {
        Aud::One(s) => vec![s],
        Aud::Many(v) => v,
    })
}

fn private_claims() -> impl Strategy<Value = Private> {
    (
        "\\PC{0,40}",
        proptest::collection::vec("[ -~]{1,12}", 0..3),
        "\\PC{0,60}",
        -(1i64 << 53)..(1i64 << 53),
        any::<bool>(),
        proptest::collection::vec("\\PC{0,8}", 0..4),
    )
        .prop_map(|(sub, mut aud, note, count, flag, tags)| {
            aud.push(AUD.to_owned());
            Private { sub, aud, note, count, flag, tags }
        })
}

/// Both directions with generated claims, HS256 and ES256: josekit's
/// encoder output validates in jot into the same typed claims, and jot's
/// output decodes in josekit to the same members.
#[test]
fn generated_claims_both_directions() {
    use proptest::test_runner::{Config, TestRunner};
    let ec = JkJwk::generate_ec_key(josekit::jwk::P_256).unwrap();
    let mut hs = JkJwk::generate_oct_key(32).unwrap();
    hs.set_algorithm("HS256");
    let mut runner = TestRunner::new(Config { cases: 32, failure_persistence: None, ..Config::default() });
    runner
        .run(&private_claims(), |c| {
            for (alg, jk) in [(JwsAlgorithm::HS256, &hs), (JwsAlgorithm::ES256, &ec)] {
                let jot_key = Jwk::from_json(jk.to_string().as_bytes()).unwrap();
                let public = jot_key.to_public().unwrap_or_else(|| jot_key.clone());
                let (signer, verifier): (Box<dyn jkjws::JwsSigner>, Box<dyn jkjws::JwsVerifier>) = match alg {
                    JwsAlgorithm::HS256 => (
                        Box::new(jkjws::HS256.signer_from_jwk(jk).unwrap()),
                        Box::new(jkjws::HS256.verifier_from_jwk(jk).unwrap()),
                    ),
                    _ => (
                        Box::new(jkjws::ES256.signer_from_jwk(jk).unwrap()),
                        Box::new(jkjws::ES256.verifier_from_jwk(&jk.to_public_key().unwrap()).unwrap()),
                    ),
                };
                let validation = Validation::from_key(public.verifying_key(alg).unwrap()).issuer(ISS).audience(AUD);

                // josekit -> jot
                let mut p = jk_payload();
                p.set_subject(&c.sub);
                p.set_audience(c.aud.iter().map(String::as_str).collect());
                p.set_claim("note", Some(c.note.clone().into())).unwrap();
                p.set_claim("count", Some(c.count.into())).unwrap();
                p.set_claim("flag", Some(c.flag.into())).unwrap();
                p.set_claim("tags", Some(serde_json::to_value(&c.tags).unwrap())).unwrap();
                let mut header = JwsHeader::new();
                header.set_token_type("JWT");
                let token = jkjwt::encode_with_signer(&p, &header, &*signer).unwrap();
                let got = validation.verify::<Private>(&token).unwrap_or_else(|e| panic!("{alg} josekit->jot: {e}"));
                prop_assert_eq!(got.claims(), &c);

                // jot -> josekit
                let aud: Vec<&str> = c.aud.iter().map(String::as_str).collect();
                let token = JwtBuilder::new()
                    .issuer(ISS)
                    .subject(&c.sub)
                    .audiences(&c.aud)
                    .expires_in(Duration::from_secs(300))
                    .claim("note", c.note.as_str())
                    .claim("count", c.count)
                    .claim("flag", c.flag)
                    .claims(&serde_json::json!({ "tags": c.tags }))
                    .unwrap()
                    .sign(&jot_key.signing_key(alg).unwrap())
                    .unwrap();
                let (p, _) = jkjwt::decode_with_verifier(&token, &*verifier).unwrap();
                prop_assert_eq!(p.subject(), Some(c.sub.as_str()));
                prop_assert_eq!(p.audience(), Some(aud.clone()));
                prop_assert_eq!(p.claim("note"), Some(&c.note.clone().into()));
                prop_assert_eq!(p.claim("count"), Some(&c.count.into()));
                prop_assert_eq!(p.claim("flag"), Some(&c.flag.into()));
                prop_assert_eq!(p.claim("tags"), Some(&serde_json::to_value(&c.tags).unwrap()));
                // The same token validates in jot too.
                prop_assert_eq!(validation.verify::<Private>(&token).unwrap().into_claims(), c.clone());
            }
            Ok(())
        })
        .unwrap();
}
