//! The producer's side of the RFCs: what `JwsBuilder` and `sign_general`
//! refuse to write (RFC 7515 section 4.1.11 for `crit`, RFC 7797 section 5
//! for unencoded payloads) and what they must be able to write.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::JwsAlgorithm;
use jot_core::base64url;
use jot_core::header::REGISTERED_NAMES;
use jot_jwk::{Jwk, SigningKey};
use jot_jws::{CritError, Error, JwsBuilder, Verifier, sign_general, sign_general_detached};
use jot_test_support::{json_bytes, load};

fn hmac_jwk() -> Jwk {
    Jwk::from_json(&json_bytes(&load("rfc/rfc7515-a1-hs256.json")["jwk"])).unwrap()
}

fn signer() -> SigningKey {
    hmac_jwk().signing_key(JwsAlgorithm::HS256).unwrap()
}

fn verifier() -> Verifier {
    Verifier::new(hmac_jwk().verifying_key(JwsAlgorithm::HS256).unwrap())
}

#[test]
fn general_builder_refuses_no_signers() {
    assert!(matches!(sign_general(b"p", &[]).unwrap_err(), Error::ApiMisuse(_)));
    assert!(matches!(sign_general_detached(b"p", &[]).unwrap_err(), Error::ApiMisuse(_)));
}

#[test]
fn builder_refuses_parameters_it_sets_itself() {
    let s = signer();
    for name in ["alg", "crit", "b64"] {
        assert!(matches!(JwsBuilder::new(&s).header(name, "x"), Err(Error::ApiMisuse(_))), "{name}");
        assert!(matches!(JwsBuilder::new(&s).unprotected(name, "x"), Err(Error::ApiMisuse(_))), "{name}");
        assert!(matches!(JwsBuilder::new(&s).critical(name, "x"), Err(Error::ApiMisuse(_))), "{name}");
    }
    // An unprotected parameter that is already protected.
    assert!(matches!(JwsBuilder::new(&s).typ("JWT").unprotected("typ", "x"), Err(Error::ApiMisuse(_))));
    // The compact form has no unprotected header.
    let with_unprotected = JwsBuilder::new(&s).unprotected("x-u", 1i64).unwrap();
    assert!(matches!(with_unprotected.compact(b"p"), Err(Error::ApiMisuse(_))));
    assert!(matches!(with_unprotected.compact_detached(b"p"), Err(Error::ApiMisuse(_))));
}

#[test]
fn critical_extensions_verify_only_where_allowed() {
    let s = signer();
    let doc = JwsBuilder::new(&s).critical("x-ext", 1i64).unwrap().flattened(b"p").unwrap();
    assert_eq!(verifier().verify_json(doc.as_bytes()).unwrap_err(), Error::Crit(CritError::Unknown));
    let verified = verifier().allow_crit("x-ext").verify_json(doc.as_bytes()).unwrap();
    assert_eq!(verified.header().crit(), Some(vec!["x-ext"]));
    // Together with b64: both listed once.
    let token = JwsBuilder::new(&s).critical("x-ext", 1i64).unwrap().critical("x-ext", 2i64).unwrap();
    let token = token.unencoded_payload().compact(b"p").unwrap();
    let verified = verifier().allow_crit("x-ext").verify_compact(&token).unwrap();
    assert_eq!(verified.header().crit(), Some(vec!["b64", "x-ext"]));
    assert_eq!(verified.header().get("x-ext"), Some(&2i64.into()));
}

#[test]
fn critical_refuses_registered_header_names() {
    // RFC 7515 section 4.1.11: producers MUST NOT list parameters defined
    // by RFC 7515 or RFC 7518 in crit. A builder that wrote one would make
    // tokens every conforming verifier (this one included) refuses.
    let s = signer();
    for &name in REGISTERED_NAMES {
        let built = JwsBuilder::new(&s).critical(name, "x");
        assert!(matches!(built, Err(Error::ApiMisuse(_))), "crit [{name}] was accepted");
    }
}

#[test]
fn unencoded_compact_payload_must_not_contain_a_period() {
    // RFC 7797 section 5.2.
    let s = signer();
    let builder = JwsBuilder::new(&s).unencoded_payload();
    assert_eq!(builder.compact(b"a.b").unwrap_err(), Error::UnencodedPayload);
    assert_eq!(builder.compact(b".").unwrap_err(), Error::UnencodedPayload);
    // Detached, or in the JSON serialization, it may.
    let token = builder.compact_detached(b"a.b").unwrap();
    assert_eq!(verifier().verify_compact_detached(&token, b"a.b").unwrap().payload(), b"a.b");
    let doc = builder.flattened(b"a.b").unwrap();
    assert_eq!(verifier().verify_json(doc.as_bytes()).unwrap().payload(), b"a.b");
}

#[test]
fn unencoded_attached_json_payload_must_be_a_json_string() {
    // RFC 7797 section 5.3: a non-detached unencoded payload is the content
    // of a JSON string, so it must be UTF-8.
    let s = signer();
    let builder = JwsBuilder::new(&s).unencoded_payload();
    for payload in [&b"\xff\xfe"[..], b"a\x80b"] {
        assert_eq!(builder.flattened(payload).unwrap_err(), Error::UnencodedPayload);
        assert_eq!(builder.compact(payload).unwrap_err(), Error::UnencodedPayload);
        assert_eq!(
            sign_general(payload, &[JwsBuilder::new(&s).unencoded_payload()]).unwrap_err(),
            Error::UnencodedPayload
        );
    }
    // Characters that need escaping in JSON are fine.
    let payload = "quote \" backslash \\ newline \n nul \u{0}".as_bytes();
    let doc = builder.flattened(payload).unwrap();
    assert_eq!(verifier().verify_json(doc.as_bytes()).unwrap().payload(), payload);
}

#[test]
fn unencoded_detached_payload_may_be_any_octets() {
    // RFC 7797 section 3: with b64 false the signing input is
    // ASCII(BASE64URL(UTF8(JWS Protected Header)) || '.') || JWS Payload, and
    // a JWS Payload is any octet sequence (RFC 7515 section 2). A detached
    // payload (RFC 7797 section 5.1, RFC 7515 appendix F) is not carried in
    // the serialization, so nothing restricts its octets: binary detached
    // content is the main use of the option.
    let s = signer();
    let payload: &[u8] = b"\xff\x00.binary\x80\xfe";
    let builder = JwsBuilder::new(&s).unencoded_payload();

    let token = builder.compact_detached(payload).unwrap();
    let header = base64url::decode(token.split('.').next().unwrap()).unwrap();
    assert_eq!(header, br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
    assert_eq!(token.split('.').nth(1), Some(""));
    // The signature is over the octets as they are.
    let mut input = token.split('.').next().unwrap().as_bytes().to_vec();
    input.push(b'.');
    input.extend_from_slice(payload);
    assert_eq!(token.split('.').nth(2).unwrap(), base64url::encode(s.sign(&input).unwrap()));
    assert_eq!(verifier().verify_compact_detached(&token, payload).unwrap().payload(), payload);

    let doc = builder.flattened_detached(payload).unwrap();
    assert_eq!(verifier().verify_json_detached(doc.as_bytes(), payload).unwrap().payload(), payload);
    let doc = sign_general_detached(payload, &[JwsBuilder::new(&s).unencoded_payload()]).unwrap();
    assert_eq!(verifier().verify_json_detached(doc.as_bytes(), payload).unwrap().payload(), payload);
}

#[test]
fn general_signers_must_agree_on_b64() {
    let s = signer();
    let mixed = [JwsBuilder::new(&s), JwsBuilder::new(&s).unencoded_payload()];
    assert_eq!(sign_general(b"p", &mixed).unwrap_err(), Error::Crit(CritError::B64Inconsistent));
    assert_eq!(sign_general_detached(b"p", &mixed).unwrap_err(), Error::Crit(CritError::B64Inconsistent));
}
