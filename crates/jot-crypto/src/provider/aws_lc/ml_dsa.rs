//! ML-DSA (FIPS 204) on AWS-LC, through `aws-lc-rs`'s stable PQDSA API.
//! Lengths were checked by `ml_dsa` before anything gets here; AWS-LC
//! signs hedged (fresh randomness in every signature) with an empty
//! context, which is RFC 9964's pure ML-DSA.

use aws_lc_rs::signature::{
    KeyPair as _, ML_DSA_44, ML_DSA_44_SIGNING, ML_DSA_65, ML_DSA_65_SIGNING, ML_DSA_87, ML_DSA_87_SIGNING,
    ParsedPublicKey, PqdsaKeyPair, PqdsaSigningAlgorithm, PqdsaVerificationAlgorithm,
};
use jot_core::alg::MlDsaLevel;

use crate::{Error, KeyRejected};

fn verification(level: MlDsaLevel) -> &'static PqdsaVerificationAlgorithm {
    match level {
        MlDsaLevel::MlDsa44 => &ML_DSA_44,
        MlDsaLevel::MlDsa65 => &ML_DSA_65,
        MlDsaLevel::MlDsa87 => &ML_DSA_87,
    }
}

fn signing(level: MlDsaLevel) -> &'static PqdsaSigningAlgorithm {
    match level {
        MlDsaLevel::MlDsa44 => &ML_DSA_44_SIGNING,
        MlDsaLevel::MlDsa65 => &ML_DSA_65_SIGNING,
        MlDsaLevel::MlDsa87 => &ML_DSA_87_SIGNING,
    }
}

/// A parsed ML-DSA public key.
pub(crate) struct PublicKey(ParsedPublicKey);

impl PublicKey {
    /// Parses a raw public key of exactly `level.public_key_len()` bytes.
    pub(crate) fn from_bytes(level: MlDsaLevel, bytes: &[u8]) -> Result<Self, KeyRejected> {
        ParsedPublicKey::new(verification(level), bytes).map(Self).map_err(|_| KeyRejected::InvalidComponent)
    }

    /// ML-DSA.Verify with an empty context.
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        self.0.verify_sig(msg, sig).is_ok()
    }
}

/// An ML-DSA key pair expanded from its seed.
pub(crate) struct PrivateKey {
    pair: PqdsaKeyPair,
    signature_len: usize,
}

impl PrivateKey {
    /// ML-DSA.KeyGen_internal from the 32-byte seed: the key pair and its
    /// encoded public key.
    pub(crate) fn from_seed(level: MlDsaLevel, seed: &[u8; 32]) -> Result<(Self, Vec<u8>), KeyRejected> {
        let pair = PqdsaKeyPair::from_seed(signing(level), seed).map_err(|_| KeyRejected::InvalidComponent)?;
        let public = pair.public_key().as_ref().to_vec();
        Ok((Self { pair, signature_len: level.signature_len() }, public))
    }

    /// Hedged ML-DSA.Sign with an empty context. AWS-LC fails only when
    /// its randomness does (the buffer has the signature's length), as
    /// ECDSA signing does.
    pub(crate) fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, Error> {
        let mut sig = vec![0u8; self.signature_len];
        let len = self.pair.sign(msg, &mut sig).map_err(|_| Error::Random)?;
        sig.truncate(len);
        Ok(sig)
    }
}
