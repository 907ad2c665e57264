//! Key resolvers: how a verifier finds the key for a token.

use jot_core::alg::{JwsAlgorithm, KeyType};
use jot_jwk::{Jwk, VerifyingKey};

use crate::{Error, Header};

/// Finds the verifying key for a token, for callers whose keys are not
/// known up front (a key store, a KMS, a cache of fetched key sets).
///
/// **Nothing in the token has been verified when `resolve` is called.** The
/// header may be forged: use it only to look a key up among keys you
/// already trust, never to build or fetch a key. The key returned is bound
/// to one algorithm; the verifier rejects the token if the header's `alg`
/// differs, so a resolver cannot be talked into algorithm confusion.
pub trait KeyResolver: Send + Sync {
    /// Returns the key for this (unverified) header.
    fn resolve(&self, header: &Header) -> Result<VerifyingKey, Error>;
}

/// A resolver that accepts a key embedded in the header's `jwk` member only
/// when it is one of the public keys the caller pinned, and then verifies
/// with the pinned copy. A key the attacker embeds is never used.
///
/// ```
/// use jot_jwt::alg::{JwsAlgorithm, KeyType};
/// use jot_jwt::jwk::Jwk;
/// use jot_jwt::jws::{EmbeddedJwkResolver, JwsBuilder, Verifier};
///
/// let key = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
/// let public = key.to_public().unwrap();
/// let signer = key.signing_key(JwsAlgorithm::ES256)?;
/// let token = JwsBuilder::new(&signer).header("jwk", public.to_object())?.compact(b"hi")?;
///
/// let resolver = EmbeddedJwkResolver::new(vec![public], &[JwsAlgorithm::ES256])?;
/// let verifier = Verifier::with_resolver(resolver);
/// assert_eq!(verifier.verify_compact(&token)?.payload(), b"hi");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct EmbeddedJwkResolver {
    pinned: Vec<Jwk>,
    /// The key types of the pinned keys: an embedded key of another type
    /// is refused unparsed.
    ktys: Vec<KeyType>,
    algs: Vec<JwsAlgorithm>,
}

impl EmbeddedJwkResolver {
    /// Pins public keys and the algorithms accepted with them. Private or
    /// symmetric keys are refused: an embedded key is public by nature.
    ///
    /// A header `jwk` whose `kty` is not that of a pinned key, or that holds
    /// a private member, is refused before it is parsed
    /// ([`jot_jwk::Error::KeyTypeMismatch`],
    /// [`jot_jwk::Error::PrivateMember`]).
    pub fn new(pinned: Vec<Jwk>, algs: &[JwsAlgorithm]) -> Result<Self, Error> {
        if pinned.iter().any(Jwk::is_private) {
            return Err(Error::ApiMisuse("pinned embedded keys must be public"));
        }
        let mut ktys: Vec<KeyType> = pinned.iter().map(Jwk::key_type).collect();
        ktys.dedup();
        Ok(Self { pinned, ktys, algs: algs.to_vec() })
    }
}

impl KeyResolver for EmbeddedJwkResolver {
    fn resolve(&self, header: &Header) -> Result<VerifyingKey, Error> {
        let alg = header.alg().ok_or(Error::MissingAlgorithm)?;
        if !self.algs.contains(&alg) {
            return Err(Error::AlgorithmNotAllowed);
        }
        let embedded = header.jwk().ok_or(Error::NoMatchingKey)?;
        // Only the key types pinned, and never a private member: judged
        // from the member names before anything is decoded or checked.
        let embedded = Jwk::public_from_token(embedded, &self.ktys)?;
        let pinned = self.pinned.iter().find(|p| p.key() == embedded.key()).ok_or(Error::NoMatchingKey)?;
        Ok(pinned.verifying_key(alg)?)
    }
}
