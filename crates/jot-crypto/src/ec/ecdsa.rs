//! ECDSA per curve, each on the fastest vetted implementation measured
//! (issue 8; figures in BENCHMARKS.md, "Backend choices in jot-crypto"):
//! AWS-LC for P-256, P-384 and P-521 verification, k256 for secp256k1.
//! P-256 signing stays on ring.
//!
//! ring 0.17 has no pre-parsed ECDSA public key: `UnparsedPublicKey`
//! decodes the SEC1 point on each call. AWS-LC's key is parsed once and kept
//! in the handle; ring remains the fallback should AWS-LC refuse a point the
//! curve crate accepted.

use p521::ecdsa::signature::{Signer as _, Verifier as _};
use ring::signature::{ECDSA_P256_SHA256_FIXED, ECDSA_P384_SHA384_FIXED, EcdsaKeyPair, UnparsedPublicKey};

use super::public::{EcPublicKey, Point};
use crate::Error;

pub(super) fn verify(key: &EcPublicKey, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
    let ok = match &key.point {
        Point::P256 => match key.parsed() {
            Some(parsed) => parsed.verify_sig(msg, sig).is_ok(),
            None => UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, key.sec1()).verify(msg, sig).is_ok(),
        },
        Point::P384 => match key.parsed() {
            Some(parsed) => parsed.verify_sig(msg, sig).is_ok(),
            None => UnparsedPublicKey::new(&ECDSA_P384_SHA384_FIXED, key.sec1()).verify(msg, sig).is_ok(),
        },
        Point::P521(vk) => match key.parsed() {
            Some(parsed) => parsed.verify_sig(msg, sig).is_ok(),
            // `from_slice` refuses r or s outside [1, n-1].
            None => p521::ecdsa::Signature::from_slice(sig).is_ok_and(|sig| vk.verify(msg, &sig).is_ok()),
        },
        Point::Secp256k1(vk) => secp256k1_verify(vk, msg, sig),
    };
    if ok { Ok(()) } else { Err(Error::InvalidSignature) }
}

/// k256 refuses high-S signatures (a Bitcoin rule). (r, s) and (r, n - s)
/// verify alike, so normalizing first accepts exactly the valid ECDSA
/// signatures, which is what JOSE asks for.
fn secp256k1_verify(vk: &k256::ecdsa::VerifyingKey, msg: &[u8], sig: &[u8]) -> bool {
    k256::ecdsa::Signature::from_slice(sig).is_ok_and(|sig| vk.verify(msg, &sig.normalize_s()).is_ok())
}

pub(super) fn sign_ring(pair: &EcdsaKeyPair, msg: &[u8]) -> Result<Vec<u8>, Error> {
    // ring hedges its nonce with the message and key; it fails only if the
    // system RNG does.
    let sig = pair.sign(&ring::rand::SystemRandom::new(), msg).map_err(|_| Error::Random)?;
    Ok(sig.as_ref().to_vec())
}

pub(super) fn sign_awslc(pair: &aws_lc_rs::signature::EcdsaKeyPair, msg: &[u8]) -> Result<Vec<u8>, Error> {
    // AWS-LC fails here only if its RNG does.
    let sig = pair.sign(&aws_lc_rs::rand::SystemRandom::new(), msg).map_err(|_| Error::Random)?;
    Ok(sig.as_ref().to_vec())
}

/// Deterministic (RFC 6979) signing with SHA-256; k256 emits low-S.
pub(super) fn sign_k256(key: &k256::ecdsa::SigningKey, msg: &[u8]) -> Result<Vec<u8>, Error> {
    let sig: k256::ecdsa::Signature = key.try_sign(msg).map_err(|_| Error::Unsupported)?;
    Ok(sig.to_bytes().to_vec())
}
