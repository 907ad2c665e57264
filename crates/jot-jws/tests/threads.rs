//! One verifier serves every thread: `Verifier` and the types around it
//! are `Send + Sync` (checked at compile time), and verifying from several
//! threads sharing one verifier works.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::Arc;

use jot_core::alg::JwsAlgorithm;
use jot_jwk::{Jwk, SigningKey, VerifyingKey};
use jot_jws::{EmbeddedJwkResolver, Error, Header, JwsBuilder, Limits, Verified, Verifier};

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<Verifier>();
    assert_send_sync::<Verified<'static>>();
    assert_send_sync::<Header>();
    assert_send_sync::<Error>();
    assert_send_sync::<Limits>();
    assert_send_sync::<EmbeddedJwkResolver>();
    assert_send_sync::<JwsBuilder<'static>>();
    assert_send_sync::<VerifyingKey>();
    assert_send_sync::<SigningKey>();
}

#[test]
fn one_verifier_shared_by_threads() {
    let ec = Jwk::generate_for_jws(JwsAlgorithm::ES256).unwrap();
    let hs = Jwk::generate_for_jws(JwsAlgorithm::HS256).unwrap();
    let verifier = Arc::new(Verifier::with_keys(vec![
        ec.to_public().unwrap().verifying_key(JwsAlgorithm::ES256).unwrap(),
        hs.verifying_key(JwsAlgorithm::HS256).unwrap(),
    ]));
    let (ec_signer, hs_signer) =
        (ec.signing_key(JwsAlgorithm::ES256).unwrap(), hs.signing_key(JwsAlgorithm::HS256).unwrap());
    let tokens: Arc<Vec<(String, String)>> = Arc::new(
        (0..40)
            .map(|i| {
                let payload = format!("payload {i}");
                let signer: &SigningKey = if i % 2 == 0 { &ec_signer } else { &hs_signer };
                (JwsBuilder::new(signer).compact(payload.as_bytes()).unwrap(), payload)
            })
            .collect(),
    );
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let (verifier, tokens) = (Arc::clone(&verifier), Arc::clone(&tokens));
            std::thread::spawn(move || {
                for round in 0..5 {
                    for (i, (token, payload)) in tokens.iter().enumerate() {
                        if (i + t + round) % 3 == 0 {
                            // A forged copy fails while others verify.
                            let mut forged = token.clone();
                            let last = forged.pop().unwrap();
                            forged.push(if last == 'A' { 'B' } else { 'A' });
                            assert!(verifier.verify_compact(&forged).is_err());
                        }
                        let verified = verifier.verify_compact(token).unwrap();
                        assert_eq!(verified.payload(), payload.as_bytes());
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }

    // Scoped threads borrowing the verifier directly.
    let verifier = Verifier::new(ec.to_public().unwrap().verifying_key(JwsAlgorithm::ES256).unwrap());
    let token = JwsBuilder::new(&ec_signer).compact(b"shared").unwrap();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| assert_eq!(verifier.verify_compact(&token).unwrap().payload(), b"shared"));
        }
    });
}
