//! The verifier: algorithm-bound keys (or a resolver), limits, and the
//! verify entry points for every serialization.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use jot_core::alg::JwsAlgorithm;
use jot_core::base64url;
use jot_jwk::{JwkSet, VerifyingKey};

use crate::header::{Header, HeaderMemo};
use crate::resolver::KeyResolver;
use crate::{Error, Limits};

/// A verified JWS: the payload, and the header of the signature that
/// verified.
#[derive(Clone, Debug)]
pub struct Verified<'a> {
    pub(crate) header: Header,
    pub(crate) payload: Payload<'a>,
    pub(crate) index: usize,
    pub(crate) alg: JwsAlgorithm,
    pub(crate) kid: Option<Arc<str>>,
}

impl<'a> Verified<'a> {
    /// The verified payload (a compact token's payload is decoded on the
    /// first call: verification itself only checks its encoding).
    pub fn payload(&self) -> &[u8] {
        self.payload.bytes()
    }

    /// The payload, owned.
    pub fn into_payload(self) -> Cow<'a, [u8]> {
        self.payload.into_cow()
    }

    /// The header and the payload, owned, without copying either.
    pub fn into_parts(self) -> (Header, Cow<'a, [u8]>) {
        (self.header, self.payload.into_cow())
    }

    /// The header alone (the payload is not decoded).
    pub fn into_header(self) -> Header {
        self.header
    }

    /// The header of the signature that verified (protected and
    /// unprotected parts; only the protected part is integrity-protected).
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The algorithm that verified.
    pub fn alg(&self) -> JwsAlgorithm {
        self.alg
    }

    /// The `kid` of the key that verified, if it has one.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The index of the signature that verified (0 for compact and
    /// flattened forms).
    pub fn signature_index(&self) -> usize {
        self.index
    }
}

/// A verified payload: bytes, or a compact token's payload segment whose
/// encoding was checked, decoded when first asked for. Verifying a compact
/// token therefore allocates nothing.
#[derive(Clone, Debug)]
pub(crate) enum Payload<'a> {
    Bytes(Cow<'a, [u8]>),
    Encoded(&'a str, OnceLock<Vec<u8>>),
}

impl<'a> Payload<'a> {
    /// A payload segment that passed [`base64url::check`].
    pub(crate) fn checked_segment(segment: &'a str) -> Self {
        Self::Encoded(segment, OnceLock::new())
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Self::Bytes(b) => b,
            // The segment passed `base64url::check`, which holds it to the
            // rules of `decode`: this decode cannot fail.
            Self::Encoded(segment, decoded) => decoded.get_or_init(|| base64url::decode(segment).unwrap_or_default()),
        }
    }

    fn into_cow(self) -> Cow<'a, [u8]> {
        match self {
            Self::Bytes(b) => b,
            Self::Encoded(segment, decoded) => {
                Cow::Owned(decoded.into_inner().unwrap_or_else(|| base64url::decode(segment).unwrap_or_default()))
            }
        }
    }
}

enum Keys {
    /// Bound keys, and the `kid`s that two members of the JWK Set they came
    /// from carried (selection by one of those is ambiguous).
    Bound(Vec<VerifyingKey>, Box<[Box<str>]>),
    Resolver(Box<dyn KeyResolver>),
}

/// Verifies JWS in every serialization with keys the caller chose.
///
/// A verifier holds algorithm-bound keys ([`VerifyingKey`], from
/// [`jot_jwk::Jwk::verifying_key`]) or a [`KeyResolver`]; there is no
/// default algorithm list, and the token's `alg` must be the selected key's.
/// It is `Send + Sync`: build it once and share it.
///
/// Key selection is [`jot_jwk::select_key`], shared with JWE decryption:
/// the keys whose algorithm is the header's `alg`, and whose `kid` equals
/// the header's `kid` when both have one, must be exactly one; none is
/// [`Error::NoMatchingKey`] (or [`Error::AlgorithmNotAllowed`] when no key
/// has that algorithm), two is [`Error::AmbiguousKey`].
///
/// ```
/// use jot_jwt::alg::JwsAlgorithm;
/// use jot_jwt::jwk::Jwk;
/// use jot_jwt::jws::{Error, JwsBuilder, Verifier};
///
/// let key = Jwk::generate_for_jws(JwsAlgorithm::EdDSA)?;
/// let token = JwsBuilder::new(&key.signing_key(JwsAlgorithm::EdDSA)?).compact(b"hello")?;
///
/// let verifier = Verifier::new(key.to_public().unwrap().verifying_key(JwsAlgorithm::EdDSA)?);
/// let verified = verifier.verify_compact(&token)?;
/// assert_eq!(verified.payload(), b"hello");
///
/// // Change one signature character (any change makes it fail).
/// let mut forged = token.clone();
/// let at = forged.len() - 10;
/// let with = if &forged[at..at + 1] == "A" { "B" } else { "A" };
/// forged.replace_range(at..at + 1, with);
/// assert_eq!(verifier.verify_compact(&forged).unwrap_err(), Error::InvalidSignature);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Verifier {
    keys: Keys,
    pub(crate) limits: Limits,
    pub(crate) allowed_crit: Vec<String>,
    /// Compact headers already checked under these limits and `crit` names.
    pub(crate) memo: HeaderMemo,
}

impl Verifier {
    /// A verifier with one key.
    pub fn new(key: VerifyingKey) -> Self {
        Self::with_keys(vec![key])
    }

    /// A verifier with several keys (each bound to its algorithm).
    pub fn with_keys(keys: Vec<VerifyingKey>) -> Self {
        Self::bound(keys, Box::default())
    }

    fn bound(keys: Vec<VerifyingKey>, ambiguous_kids: Box<[Box<str>]>) -> Self {
        Self {
            keys: Keys::Bound(keys, ambiguous_kids),
            limits: Limits::DEFAULT,
            allowed_crit: Vec::new(),
            memo: HeaderMemo::default(),
        }
    }

    /// A verifier over a published JWK Set (public keys) and the accepted
    /// algorithms: every key is bound now to every accepted algorithm it fits
    /// (kty, crv, size, its own `alg`, `use`, `key_ops`), so verification
    /// parses nothing.
    ///
    /// A set holding an `oct` key is refused: beside asymmetric keys it is
    /// [`jot_jwk::Error::MixedKeySet`], alone
    /// [`jot_jwk::Error::SymmetricKeySet`] (local secrets go through
    /// [`Verifier::from_secret_jwk_set`]). A token whose `kid` two members of
    /// the set carry, usable or not, gets [`Error::AmbiguousKey`].
    ///
    /// ```
    /// use jot_jwt::alg::JwsAlgorithm;
    /// use jot_jwt::jwk::{Jwk, JwkSet};
    /// use jot_jwt::jws::Verifier;
    ///
    /// let mut key = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
    /// key.set_kid("2026-12");
    /// let published = JwkSet::from_keys(vec![key.to_public().unwrap()]);
    /// let verifier = Verifier::from_jwk_set(&published, &[JwsAlgorithm::ES256])?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_jwk_set(set: &JwkSet, algs: &[JwsAlgorithm]) -> Result<Self, Error> {
        set.check_public()?;
        Ok(Self::bind_set(set, algs))
    }

    /// A verifier over a JWK Set of local HMAC secrets (`oct` keys only),
    /// named so that a reader sees secrets are meant. An asymmetric member
    /// is refused ([`jot_jwk::Error::MixedKeySet`] or
    /// [`jot_jwk::Error::AsymmetricKeySet`]).
    pub fn from_secret_jwk_set(set: &JwkSet, algs: &[JwsAlgorithm]) -> Result<Self, Error> {
        set.check_secrets()?;
        Ok(Self::bind_set(set, algs))
    }

    fn bind_set(set: &JwkSet, algs: &[JwsAlgorithm]) -> Self {
        let keys =
            set.keys().iter().flat_map(|jwk| algs.iter().filter_map(|&alg| jwk.verifying_key(alg).ok())).collect();
        Self::bound(keys, set.ambiguous_kids().map(Box::from).collect())
    }

    /// A verifier that asks the caller's resolver for each token's key. The
    /// resolver sees an unverified header; see [`KeyResolver`].
    pub fn with_resolver(resolver: impl KeyResolver + 'static) -> Self {
        Self {
            keys: Keys::Resolver(Box::new(resolver)),
            limits: Limits::DEFAULT,
            allowed_crit: Vec::new(),
            memo: HeaderMemo::default(),
        }
    }

    /// Replaces the limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        // Headers checked under the old limits are checked again.
        self.memo = HeaderMemo::default();
        self
    }

    /// Accepts a critical header extension (a `crit` entry) that the caller
    /// understands and will check itself.
    pub fn allow_crit(mut self, name: impl Into<String>) -> Self {
        self.allowed_crit.push(name.into());
        self.memo = HeaderMemo::default();
        self
    }

    /// Selects the key for a header and checks the signature.
    pub(crate) fn check_signature(
        &self,
        header: &Header,
        signing_input: &[u8],
        sig: &[u8],
    ) -> Result<SelectedKid, Error> {
        let alg = header.alg().ok_or(Error::MissingAlgorithm)?;
        match &self.keys {
            Keys::Bound(keys, ambiguous_kids) => {
                let key = jot_jwk::select_key(keys, alg, header.kid(), ambiguous_kids, |_| true)?;
                key.verify(signing_input, sig).map_err(|_| Error::InvalidSignature)?;
                Ok(SelectedKid(key.kid_shared().cloned()))
            }
            Keys::Resolver(r) => {
                let key = r.resolve(header)?;
                if key.alg() != alg {
                    return Err(Error::AlgorithmNotAllowed);
                }
                key.verify(signing_input, sig).map_err(|_| Error::InvalidSignature)?;
                Ok(SelectedKid(key.kid_shared().cloned()))
            }
        }
    }
}

/// The `kid` of the key that verified.
pub(crate) struct SelectedKid(pub(crate) Option<Arc<str>>);

impl core::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let keys = match &self.keys {
            Keys::Bound(k, _) => format!("{} keys", k.len()),
            Keys::Resolver(_) => "resolver".to_owned(),
        };
        f.debug_struct("Verifier").field("keys", &keys).field("limits", &self.limits).finish_non_exhaustive()
    }
}
