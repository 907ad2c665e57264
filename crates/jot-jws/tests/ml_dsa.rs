//! ML-DSA JWS (RFC 9964): the RFC's example tokens from `vectors/ml-dsa/`
//! verify with their public AKP keys, and each tampered form is refused
//! with its exact error; sign-verify round trips for every level. Runs on
//! whichever provider the build has (CI runs both).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JwsAlgorithm, ShaAlg};
use jot_core::base64url;
use jot_jwk::{Jwk, JwkSet};
use jot_jws::{Error, JwsBuilder, Part, Verifier};
use jot_test_support::{json_bytes, load};
use serde_json::Value;

const ML_DSA: [JwsAlgorithm; 3] = [JwsAlgorithm::MlDsa44, JwsAlgorithm::MlDsa65, JwsAlgorithm::MlDsa87];

struct Example {
    alg: JwsAlgorithm,
    private: Jwk,
    public: Jwk,
    token: String,
}

fn example(alg: JwsAlgorithm) -> Example {
    let v: Value = load(&format!("ml-dsa/{}.jose.json", alg.name().replace('-', "_")));
    let private = Jwk::from_json(&json_bytes(&v["jwk"])).unwrap();
    let public = private.to_public().unwrap();
    Example { alg, private, public, token: v["jws"].as_str().unwrap().to_owned() }
}

/// The token with its protected header replaced by `header` (JSON).
fn with_header(token: &str, header: &str) -> String {
    let (_, rest) = token.split_once('.').unwrap();
    format!("{}.{rest}", base64url::encode(header))
}

/// The token with its signature replaced.
fn with_signature(token: &str, sig: &[u8]) -> String {
    let (input, _) = token.rsplit_once('.').unwrap();
    format!("{input}.{}", base64url::encode(sig))
}

fn signature(token: &str) -> Vec<u8> {
    base64url::decode(token.rsplit_once('.').unwrap().1).unwrap()
}

#[test]
fn rfc_9964_examples_verify() {
    for alg in ML_DSA {
        let ex = example(alg);
        let kid = ex.public.kid().unwrap().to_owned();
        assert_eq!(ex.public.thumbprint_b64(ShaAlg::Sha256), kid);
        let verifier = Verifier::new(ex.public.verifying_key(alg).unwrap());
        let verified = verifier.verify_compact(&ex.token).unwrap();
        assert_eq!(verified.alg(), alg);
        assert_eq!(verified.kid(), Some(kid.as_str()));
        assert_eq!(verified.payload(), "It’s a dangerous business, Frodo, going out your door.".as_bytes());
        // Decoding into a buffer, and from a published JWK Set.
        let mut buf = Vec::new();
        verifier.verify_compact_into(&ex.token, &mut buf).unwrap();
        let set = JwkSet::from_keys(vec![ex.public.clone()]);
        Verifier::from_jwk_set(&set, &[alg]).unwrap().verify_compact(&ex.token).unwrap();
        Verifier::from_jwk_set(&set, JwsAlgorithm::ALL).unwrap().verify_compact(&ex.token).unwrap();
    }
}

#[test]
fn tampered_examples_are_refused() {
    for alg in ML_DSA {
        let ex = example(alg);
        let verifier = Verifier::new(ex.public.verifying_key(alg).unwrap());
        let sig = signature(&ex.token);
        // One byte of the signature flipped, anywhere.
        for i in [0, 1, sig.len() / 2, sig.len() - 1] {
            let mut bad = sig.clone();
            bad[i] ^= 0x80;
            assert_eq!(
                verifier.verify_compact(&with_signature(&ex.token, &bad)).unwrap_err(),
                Error::InvalidSignature,
                "{alg}: byte {i}"
            );
        }
        // Truncated, extended, empty. Longer than ML-DSA-87's 4627 bytes is
        // no signature of any algorithm: malformed before any key is used.
        for bad in [&sig[..sig.len() - 1], &sig[..2420.min(sig.len() - 1)], &[sig.as_slice(), &[0]].concat(), &[][..]] {
            let expected = if bad.len() > 4627 { Error::Malformed(Part::Signature) } else { Error::InvalidSignature };
            assert_eq!(
                verifier.verify_compact(&with_signature(&ex.token, bad)).unwrap_err(),
                expected,
                "{alg}: {} bytes",
                bad.len()
            );
        }
        // Payload changed.
        let (header, rest) = ex.token.split_once('.').unwrap();
        let (_, sig_b64) = rest.split_once('.').unwrap();
        let changed = format!("{header}.{}.{sig_b64}", base64url::encode("It's a dangerous business"));
        assert_eq!(verifier.verify_compact(&changed).unwrap_err(), Error::InvalidSignature);
        // Re-labelled with another ML-DSA level or another algorithm: the
        // verifier has no key for it.
        let kid = ex.public.kid().unwrap();
        for &other in JwsAlgorithm::ALL.iter().filter(|&&a| a != alg) {
            let relabelled = with_header(&ex.token, &format!(r#"{{"alg":"{}","kid":"{kid}"}}"#, other.name()));
            assert_eq!(
                verifier.verify_compact(&relabelled).unwrap_err(),
                Error::AlgorithmNotAllowed,
                "{alg} as {other}"
            );
        }
        // `none` is never accepted.
        let none = with_header(&ex.token, r#"{"alg":"none"}"#);
        assert_eq!(verifier.verify_compact(&none).unwrap_err(), Error::Unsecured);
        // A signature longer than any algorithm's is malformed.
        let huge = with_signature(&ex.token, &vec![0u8; 4628]);
        assert_eq!(verifier.verify_compact(&huge).unwrap_err(), Error::Malformed(Part::Signature));
    }
}

#[test]
fn wrong_level_keys_are_refused() {
    let examples: Vec<Example> = ML_DSA.into_iter().map(example).collect();
    for ex in &examples {
        for other in examples.iter().filter(|o| o.alg != ex.alg) {
            // A verifier holding another level's key only: no key for the alg.
            let verifier = Verifier::new(other.public.verifying_key(other.alg).unwrap());
            assert_eq!(verifier.verify_compact(&ex.token).unwrap_err(), Error::AlgorithmNotAllowed);
            // A verifier holding both: the token relabelled as the other
            // level meets that level's key and fails as a signature.
            let both = Verifier::with_keys(vec![
                ex.public.verifying_key(ex.alg).unwrap(),
                other.public.verifying_key(other.alg).unwrap(),
            ]);
            both.verify_compact(&ex.token).unwrap();
            let relabelled = with_header(&ex.token, &format!(r#"{{"alg":"{}"}}"#, other.alg.name()));
            assert_eq!(both.verify_compact(&relabelled).unwrap_err(), Error::InvalidSignature);
            // The same kid, another level's token alg: no matching key.
            let kid = ex.public.kid().unwrap();
            let relabelled = with_header(&ex.token, &format!(r#"{{"alg":"{}","kid":"{kid}"}}"#, other.alg.name()));
            assert_eq!(both.verify_compact(&relabelled).unwrap_err(), Error::NoMatchingKey);
        }
    }
}

#[test]
fn round_trip_every_level() {
    for alg in ML_DSA {
        // RFC 9964's key signs anew (hedged: not the example's bytes).
        let ex = example(alg);
        let signer = ex.private.signing_key(alg).unwrap();
        let token = JwsBuilder::new(&signer).kid(ex.private.kid()).compact(b"round trip").unwrap();
        assert_ne!(token, JwsBuilder::new(&signer).kid(ex.private.kid()).compact(b"round trip").unwrap());
        let verifier = Verifier::new(ex.public.verifying_key(alg).unwrap());
        assert_eq!(verifier.verify_compact(&token).unwrap().payload(), b"round trip");
        // A generated key, detached and unencoded payloads too.
        let key = Jwk::generate_for_jws(alg).unwrap();
        let signer = key.signing_key(alg).unwrap();
        let verifier = Verifier::new(key.to_public().unwrap().verifying_key(alg).unwrap());
        // No kid, so a stranger's key is tried and fails as a signature.
        let token = JwsBuilder::new(&signer).kid(None).compact(b"payload").unwrap();
        assert_eq!(verifier.verify_compact(&token).unwrap().payload(), b"payload");
        let detached = JwsBuilder::new(&signer).compact_detached(b"detached").unwrap();
        assert_eq!(verifier.verify_compact_detached(&detached, b"detached").unwrap().payload(), b"detached");
        // Another key of the same level does not verify it.
        let stranger = Jwk::generate_for_jws(alg).unwrap().to_public().unwrap();
        assert_eq!(
            Verifier::new(stranger.verifying_key(alg).unwrap()).verify_compact(&token).unwrap_err(),
            Error::InvalidSignature
        );
    }
}
