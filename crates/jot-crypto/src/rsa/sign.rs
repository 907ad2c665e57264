//! RSASSA-PKCS1-v1_5 and RSASSA-PSS: AWS-LC where it takes the key, ring
//! as a second verifier, the `rsa` crate for the rest.
//!
//! ring 0.17 has no pre-parsed RSA public key (its `UnparsedPublicKey` and
//! `RsaPublicKeyComponents` re-derive the Montgomery constants on each
//! call); AWS-LC's `ParsedPublicKey` is parsed once per key and scheme and
//! kept in the handle, and is the fastest of the three for both operations
//! (BENCHMARKS.md, "Backend choices in jot-crypto"). The `rsa` crate serves
//! only the keys neither
//! takes (moduli above 8192 bits for verification; sizes other than 2048,
//! 3072 and 4096 bits, or e < 65537, for signing).

use getrandom::SysRng;
use ring::signature::{self as rsig, RsaParameters, RsaPublicKeyComponents};
use rsa::sha2::{Sha256, Sha384, Sha512};
use rsa::{Pkcs1v15Sign, Pss};

use super::{RsaPublicKey, RsaSignature};
use crate::{Error, hash};

/// ring verifies moduli up to this size.
const RING_VERIFY_MAX_BITS: usize = 8192;

/// AWS-LC's `RSA_*_2048_8192_*` algorithms verify moduli up to this size.
pub(super) const AWSLC_VERIFY_MAX_BITS: usize = 8192;

fn ring_verify_params(scheme: RsaSignature) -> &'static RsaParameters {
    match scheme {
        RsaSignature::Pkcs1Sha256 => &rsig::RSA_PKCS1_2048_8192_SHA256,
        RsaSignature::Pkcs1Sha384 => &rsig::RSA_PKCS1_2048_8192_SHA384,
        RsaSignature::Pkcs1Sha512 => &rsig::RSA_PKCS1_2048_8192_SHA512,
        RsaSignature::PssSha256 => &rsig::RSA_PSS_2048_8192_SHA256,
        RsaSignature::PssSha384 => &rsig::RSA_PSS_2048_8192_SHA384,
        RsaSignature::PssSha512 => &rsig::RSA_PSS_2048_8192_SHA512,
    }
}

/// AWS-LC's verification algorithm for a scheme (the same 2048-8192-bit
/// bounds and PSS salt rule as ring's).
pub(super) fn awslc_params(scheme: RsaSignature) -> &'static aws_lc_rs::signature::RsaParameters {
    use aws_lc_rs::signature as a;
    match scheme {
        RsaSignature::Pkcs1Sha256 => &a::RSA_PKCS1_2048_8192_SHA256,
        RsaSignature::Pkcs1Sha384 => &a::RSA_PKCS1_2048_8192_SHA384,
        RsaSignature::Pkcs1Sha512 => &a::RSA_PKCS1_2048_8192_SHA512,
        RsaSignature::PssSha256 => &a::RSA_PSS_2048_8192_SHA256,
        RsaSignature::PssSha384 => &a::RSA_PSS_2048_8192_SHA384,
        RsaSignature::PssSha512 => &a::RSA_PSS_2048_8192_SHA512,
    }
}

pub(super) fn verify(key: &RsaPublicKey, scheme: RsaSignature, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
    if let Some(parsed) = key.parsed(scheme) {
        parsed.verify_sig(msg, sig).map_err(|_| Error::InvalidSignature)
    } else if key.bits() <= RING_VERIFY_MAX_BITS {
        let components = RsaPublicKeyComponents { n: key.n(), e: key.e() };
        components.verify(ring_verify_params(scheme), msg, sig).map_err(|_| Error::InvalidSignature)
    } else {
        verify_rustcrypto(key.rsa_key(), scheme, msg, sig)
    }
}

/// Verification with the `rsa` crate: keys above 8192 bits, and the unit
/// tests that check both backends agree.
pub(super) fn verify_rustcrypto(
    key: &rsa::PublicKey,
    scheme: RsaSignature,
    msg: &[u8],
    sig: &[u8],
) -> Result<(), Error> {
    let digest = hash::digest(scheme.hash(), msg);
    let digest = digest.as_ref();
    let result = match scheme {
        RsaSignature::Pkcs1Sha256 => key.verify(Pkcs1v15Sign::new::<Sha256>(), digest, sig),
        RsaSignature::Pkcs1Sha384 => key.verify(Pkcs1v15Sign::new::<Sha384>(), digest, sig),
        RsaSignature::Pkcs1Sha512 => key.verify(Pkcs1v15Sign::new::<Sha512>(), digest, sig),
        // `Pss::new` fixes the salt length to the hash length, which the
        // verifier then requires (RFC 7518 section 3.5).
        RsaSignature::PssSha256 => key.verify(Pss::<Sha256>::new(), digest, sig),
        RsaSignature::PssSha384 => key.verify(Pss::<Sha384>::new(), digest, sig),
        RsaSignature::PssSha512 => key.verify(Pss::<Sha512>::new(), digest, sig),
    };
    result.map_err(|_| Error::InvalidSignature)
}

pub(super) fn sign_awslc(
    pair: &aws_lc_rs::rsa::KeyPair,
    scheme: RsaSignature,
    msg: &[u8],
    modulus_len: usize,
) -> Result<Vec<u8>, Error> {
    use aws_lc_rs::signature as a;
    let encoding: &'static dyn a::RsaEncoding = match scheme {
        RsaSignature::Pkcs1Sha256 => &a::RSA_PKCS1_SHA256,
        RsaSignature::Pkcs1Sha384 => &a::RSA_PKCS1_SHA384,
        RsaSignature::Pkcs1Sha512 => &a::RSA_PKCS1_SHA512,
        RsaSignature::PssSha256 => &a::RSA_PSS_SHA256,
        RsaSignature::PssSha384 => &a::RSA_PSS_SHA384,
        RsaSignature::PssSha512 => &a::RSA_PSS_SHA512,
    };
    let mut sig = vec![0u8; modulus_len];
    // AWS-LC fails here only if its RNG (PSS salt, blinding) does.
    pair.sign(encoding, &aws_lc_rs::rand::SystemRandom::new(), msg, &mut sig).map_err(|_| Error::Random)?;
    Ok(sig)
}

/// Signing with the `rsa` crate: keys AWS-LC does not take (sizes other than
/// 2048, 3072 and 4096 bits, or e < 65537). Blinded, with the system RNG.
pub(super) fn sign_rustcrypto(key: &rsa::PrivateKey, scheme: RsaSignature, msg: &[u8]) -> Result<Vec<u8>, Error> {
    let digest = hash::digest(scheme.hash(), msg);
    let digest = digest.as_ref();
    let rng = &mut SysRng;
    let result = match scheme {
        RsaSignature::Pkcs1Sha256 => key.sign_with_rng(rng, Pkcs1v15Sign::new::<Sha256>(), digest),
        RsaSignature::Pkcs1Sha384 => key.sign_with_rng(rng, Pkcs1v15Sign::new::<Sha384>(), digest),
        RsaSignature::Pkcs1Sha512 => key.sign_with_rng(rng, Pkcs1v15Sign::new::<Sha512>(), digest),
        RsaSignature::PssSha256 => key.sign_with_rng(rng, Pss::<Sha256>::new(), digest),
        RsaSignature::PssSha384 => key.sign_with_rng(rng, Pss::<Sha384>::new(), digest),
        RsaSignature::PssSha512 => key.sign_with_rng(rng, Pss::<Sha512>::new(), digest),
    };
    result.map_err(|e| match e {
        rsa::Error::Rng => Error::Random,
        _ => Error::Unsupported,
    })
}
