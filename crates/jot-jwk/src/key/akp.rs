//! Algorithm Key Pair material (RFC 9964): a key for the one algorithm its
//! `alg` names. jot implements AKP keys for ML-DSA-44, -65 and -87.

use core::fmt;

use jot_core::Secret;
use jot_core::alg::JwsAlgorithm;

/// An `AKP` key. Its `alg` is part of the key (RFC 9964 makes it
/// REQUIRED): the lengths of `pub` and `priv` follow from it, and the key
/// binds to that algorithm only. A [`Jwk`](crate::Jwk) holding it checks
/// that `alg` is an ML-DSA algorithm, that `pub` has its exact length,
/// that `priv` is a 32-byte seed and that the seed's public key is `pub`.
#[derive(Clone, PartialEq, Eq)]
pub struct AkpKey {
    /// The algorithm the key is for (the JWK `alg`): `ML-DSA-44`,
    /// `ML-DSA-65` or `ML-DSA-87`.
    pub alg: JwsAlgorithm,
    /// The raw public key (the JWK `pub`).
    pub public: Vec<u8>,
    /// The private key (the JWK `priv`): for ML-DSA, the 32-byte FIPS 204
    /// seed the key is expanded from.
    pub private: Option<Secret>,
}

impl fmt::Debug for AkpKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AkpKey")
            .field("alg", &self.alg)
            .field("private", &self.private.as_ref().map(|_| "***"))
            .finish()
    }
}
