//! Selecting the one bound key for a token: the rule JWS verification and
//! JWE decryption share, with one set of outcomes.

use jot_core::alg::{JweAlgorithm, JwsAlgorithm};

use crate::{DecryptingKey, VerifyingKey};

/// A key bound to one algorithm, as [`select_key`] sees it.
///
/// `use` and `key_ops` are not read here: a bound key exists only if its
/// JWK allowed that use when it was bound (a [`VerifyingKey`] is a key whose
/// `use` and `key_ops` permit verifying), so binding already selected by
/// them.
pub trait BoundKey {
    /// The kind of algorithm the key is bound to.
    type Alg: Copy + PartialEq;

    /// The algorithm the key is bound to.
    fn bound_alg(&self) -> Self::Alg;

    /// The key's `kid`, if it has one.
    fn bound_kid(&self) -> Option<&str>;
}

impl BoundKey for VerifyingKey {
    type Alg = JwsAlgorithm;

    fn bound_alg(&self) -> JwsAlgorithm {
        self.alg()
    }

    fn bound_kid(&self) -> Option<&str> {
        self.kid()
    }
}

impl BoundKey for DecryptingKey {
    type Alg = JweAlgorithm;

    fn bound_alg(&self) -> JweAlgorithm {
        self.alg()
    }

    fn bound_kid(&self) -> Option<&str> {
        self.kid()
    }
}

/// Why [`select_key`] found no single key. JWS verification and JWE
/// decryption report each outcome as their own error variant of the same
/// name, so both answer a token the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectError {
    /// No key is bound to the token's algorithm.
    AlgorithmNotAllowed,
    /// Keys have the algorithm, but none has the token's `kid` (or passes
    /// the caller's other test).
    NoMatchingKey,
    /// Two keys match, or the token's `kid` is one that two members of the
    /// key set the keys came from carried: never "try each".
    AmbiguousKey,
}

/// The one key for a token: bound to the token's `alg`, with the token's
/// `kid` when both the token and the key have one, and accepted by
/// `usable` (for instance a JWE key bound to another content encryption
/// algorithm is not).
///
/// A `kid` listed in `ambiguous_kids` (two members of the key set carried
/// it, usable or not) is [`SelectError::AmbiguousKey`] whatever the keys
/// are; then no key for `alg` is [`SelectError::AlgorithmNotAllowed`], no
/// key passing the rest is [`SelectError::NoMatchingKey`], and two are
/// [`SelectError::AmbiguousKey`].
///
/// ```
/// use jot_jwt::alg::JwsAlgorithm;
/// use jot_jwt::jwk::{Jwk, SelectError, select_key};
///
/// let mut a = Jwk::generate_for_jws(JwsAlgorithm::HS256)?;
/// a.set_kid("a");
/// let b = Jwk::generate_for_jws(JwsAlgorithm::HS256)?;
/// let keys = [a.verifying_key(JwsAlgorithm::HS256)?, b.verifying_key(JwsAlgorithm::HS256)?];
/// let none: [&str; 0] = [];
///
/// // A token naming kid "a": only the key without a kid could also match.
/// let picked = select_key(&keys[..1], JwsAlgorithm::HS256, Some("a"), &none, |_| true);
/// assert_eq!(picked.map(|k| k.kid()), Ok(Some("a")));
/// assert_eq!(select_key(&keys, JwsAlgorithm::HS256, None, &none, |_| true).err(), Some(SelectError::AmbiguousKey));
/// assert_eq!(select_key(&keys, JwsAlgorithm::HS384, None, &none, |_| true).err(), Some(SelectError::AlgorithmNotAllowed));
/// assert_eq!(select_key(&keys, JwsAlgorithm::HS256, Some("a"), &["a"], |_| true).err(), Some(SelectError::AmbiguousKey));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn select_key<'k, K: BoundKey, S: AsRef<str>>(
    keys: &'k [K],
    alg: K::Alg,
    kid: Option<&str>,
    ambiguous_kids: &[S],
    usable: impl Fn(&K) -> bool,
) -> Result<&'k K, SelectError> {
    if let Some(kid) = kid
        && ambiguous_kids.iter().any(|a| a.as_ref() == kid)
    {
        return Err(SelectError::AmbiguousKey);
    }
    let mut any_alg = false;
    let mut found = None;
    for key in keys.iter().filter(|k| k.bound_alg() == alg) {
        any_alg = true;
        if let (Some(want), Some(have)) = (kid, key.bound_kid())
            && want != have
        {
            continue;
        }
        if !usable(key) {
            continue;
        }
        if found.is_some() {
            return Err(SelectError::AmbiguousKey);
        }
        found = Some(key);
    }
    match found {
        Some(k) => Ok(k),
        None if any_alg => Err(SelectError::NoMatchingKey),
        None => Err(SelectError::AlgorithmNotAllowed),
    }
}
