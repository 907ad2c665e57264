//! ML-DSA (FIPS 204) with RustCrypto's `ml-dsa`: keys expanded from the
//! seed (zeroized on drop), hedged signing with randomness from the
//! operating system (`getrandom`), empty context, as RFC 9964 has it.
//! Lengths were checked by `ml_dsa` before anything gets here.

use getrandom::SysRng;
use jot_core::alg::MlDsaLevel;
use ml_dsa::{
    EncodedSignature, EncodedVerifyingKey, ExpandedSigningKey, MlDsa44, MlDsa65, MlDsa87, MlDsaParams, Signature,
    VerifyingKey,
};

use crate::{Error, KeyRejected};

/// A decoded ML-DSA public key of one parameter set.
pub(crate) enum PublicKey {
    L44(VerifyingKey<MlDsa44>),
    L65(VerifyingKey<MlDsa65>),
    L87(VerifyingKey<MlDsa87>),
}

fn decode_public<P: MlDsaParams>(bytes: &[u8]) -> Result<VerifyingKey<P>, KeyRejected> {
    let enc = EncodedVerifyingKey::<P>::try_from(bytes).map_err(|_| KeyRejected::InvalidLength)?;
    Ok(VerifyingKey::decode(&enc))
}

fn verify_with<P: MlDsaParams>(key: &VerifyingKey<P>, msg: &[u8], sig: &[u8]) -> bool {
    let Ok(enc) = EncodedSignature::<P>::try_from(sig) else { return false };
    // An encoding that is out of range (a hint or `z` coefficient) is no
    // signature: decoding refuses it, so it never verifies.
    Signature::<P>::decode(&enc).is_some_and(|sig| key.verify_with_context(msg, &[], &sig))
}

impl PublicKey {
    /// Decodes a raw public key of exactly `level.public_key_len()` bytes
    /// (every such string is a valid encoding).
    pub(crate) fn from_bytes(level: MlDsaLevel, bytes: &[u8]) -> Result<Self, KeyRejected> {
        Ok(match level {
            MlDsaLevel::MlDsa44 => Self::L44(decode_public(bytes)?),
            MlDsaLevel::MlDsa65 => Self::L65(decode_public(bytes)?),
            MlDsaLevel::MlDsa87 => Self::L87(decode_public(bytes)?),
        })
    }

    /// ML-DSA.Verify with an empty context.
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        match self {
            Self::L44(k) => verify_with(k, msg, sig),
            Self::L65(k) => verify_with(k, msg, sig),
            Self::L87(k) => verify_with(k, msg, sig),
        }
    }
}

/// An ML-DSA signing key expanded from its seed (the seed itself is kept
/// by `ml_dsa`); `ml-dsa` zeroizes the expanded key on drop (its `zeroize`
/// feature). Boxed: an expanded key holds its polynomials inline (up to
/// 47 KB for ML-DSA-87).
pub(crate) enum PrivateKey {
    L44(Box<ExpandedSigningKey<MlDsa44>>),
    L65(Box<ExpandedSigningKey<MlDsa65>>),
    L87(Box<ExpandedSigningKey<MlDsa87>>),
}

fn expand<P: MlDsaParams>(seed: &[u8; 32]) -> (Box<ExpandedSigningKey<P>>, Vec<u8>) {
    let seed = zeroize::Zeroizing::new(ml_dsa::Seed::from(*seed));
    let key = Box::new(ExpandedSigningKey::<P>::from_seed(&seed));
    let public = key.verifying_key().encode().to_vec();
    (key, public)
}

fn sign_with<P: MlDsaParams>(key: &ExpandedSigningKey<P>, msg: &[u8]) -> Result<Vec<u8>, Error> {
    // Fails only when the randomness does (or, with negligible probability,
    // when rejection sampling runs out of nonces): `sign_randomized`
    // returns that as an error where the crate's deterministic `Signer`
    // would panic.
    let sig = key.sign_randomized(msg, &[], &mut SysRng).map_err(|_| Error::Random)?;
    Ok(sig.encode().to_vec())
}

impl PrivateKey {
    /// ML-DSA.KeyGen_internal from the 32-byte seed: the key and its
    /// encoded public key.
    pub(crate) fn from_seed(level: MlDsaLevel, seed: &[u8; 32]) -> Result<(Self, Vec<u8>), KeyRejected> {
        Ok(match level {
            MlDsaLevel::MlDsa44 => {
                let (k, public) = expand(seed);
                (Self::L44(k), public)
            }
            MlDsaLevel::MlDsa65 => {
                let (k, public) = expand(seed);
                (Self::L65(k), public)
            }
            MlDsaLevel::MlDsa87 => {
                let (k, public) = expand(seed);
                (Self::L87(k), public)
            }
        })
    }

    /// Hedged ML-DSA.Sign with an empty context.
    pub(crate) fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, Error> {
        match self {
            Self::L44(k) => sign_with(k, msg),
            Self::L65(k) => sign_with(k, msg),
            Self::L87(k) => sign_with(k, msg),
        }
    }
}
