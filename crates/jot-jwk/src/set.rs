//! JWK Sets (RFC 7517 section 5) and key selection.

use std::collections::HashMap;

use jot_core::JsonError;
use jot_core::alg::{Curve, JweAlgorithm, JwsAlgorithm, KeyType};
use jot_core::json::{self, JsonLimits, Value};

use crate::bind::DECRYPT_OPS;
use crate::params::{JwkAlgorithm, KeyOp, KeyUse};
use crate::{Error, Jwk};

/// A member of a set that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedKey {
    /// Position in the `keys` array.
    pub index: usize,
    /// Why it was skipped (an unknown `kty`, say).
    pub reason: Error,
}

/// A JWK Set. Members whose `kty` jot does not understand, or that fail the
/// checks, are skipped and recorded (RFC 7517 section 5 says to ignore
/// them), never fatal and never used.
///
/// ```
/// use jot_jwk::{JwkSet, KeySelector};
/// use jot_core::alg::JwsAlgorithm;
/// let set = JwkSet::from_json(br#"{"keys":[
///   {"kty":"oct","kid":"a","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"},
///   {"kty":"future-kty","kid":"b"}
/// ]}"#)?;
/// assert_eq!(set.keys().len(), 1);
/// assert_eq!(set.skipped().len(), 1);
/// let key = set.select(&KeySelector::for_jws(JwsAlgorithm::HS256).kid("a"))?;
/// assert_eq!(key.kid(), Some("a"));
/// # Ok::<(), jot_jwk::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JwkSet {
    keys: Vec<Jwk>,
    skipped: Vec<SkippedKey>,
    /// Positions in `keys` by `kid`, so selection by `kid` (the common case:
    /// the token names its key) does not scan the set. std's hasher is keyed
    /// per process, so a token's `kid` cannot aim at one bucket.
    by_kid: HashMap<String, Vec<usize>>,
}

/// What a key must match to be selected from a set. Every field set must
/// match; selection must then find exactly one key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeySelector {
    /// The `kid` must be equal.
    pub kid: Option<String>,
    /// The key must be usable with this algorithm: its type, curve and size
    /// fit, its own `alg`, if any, is this one, and its `use`/`key_ops` permit
    /// verifying (JWS) or decrypting (JWE).
    pub alg: Option<JwkAlgorithm>,
    /// The key type must be equal.
    pub kty: Option<KeyType>,
    /// The curve must be equal.
    pub crv: Option<Curve>,
    /// The key's `use`, if any, must be this one.
    pub key_use: Option<KeyUse>,
    /// The key's `key_ops`, if any, must include this one.
    pub key_op: Option<KeyOp>,
}

impl KeySelector {
    /// Keys that can verify with a JWS algorithm.
    pub fn for_jws(alg: JwsAlgorithm) -> Self {
        Self { alg: Some(alg.into()), key_use: Some(KeyUse::Sig), ..Self::default() }
    }

    /// Keys that can decrypt with a JWE key management algorithm.
    pub fn for_jwe(alg: JweAlgorithm) -> Self {
        Self { alg: Some(alg.into()), key_use: Some(KeyUse::Enc), ..Self::default() }
    }

    /// Also requires this `kid`.
    pub fn kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Whether a key matches.
    pub fn matches(&self, jwk: &Jwk) -> bool {
        if self.kid.as_deref().is_some_and(|kid| jwk.kid() != Some(kid)) {
            return false;
        }
        if self.kty.is_some_and(|kty| jwk.key_type() != kty) {
            return false;
        }
        if self.crv.is_some_and(|crv| jwk.curve() != Some(crv)) {
            return false;
        }
        if let Some(u) = &self.key_use
            && jwk.key_use().is_some_and(|ku| ku != u)
        {
            return false;
        }
        if let Some(op) = &self.key_op
            && jwk.key_ops().is_some_and(|ops| !ops.contains(op))
        {
            return false;
        }
        match &self.alg {
            None => true,
            // The binding checks without building a handle.
            Some(JwkAlgorithm::Jws(a)) => jwk.check_jws(*a, KeyOp::Verify).is_ok(),
            Some(JwkAlgorithm::Jwe(a)) => jwk.check_jwe(*a, &DECRYPT_OPS).is_ok(),
            Some(other) => jwk.alg() == Some(other),
        }
    }
}

impl JwkSet {
    /// Parses a JWK Set under the strict JSON rules. A malformed document
    /// (bad JSON, duplicate members, `keys` missing or not an array of
    /// objects) is an error; a member key that fails its checks is skipped.
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        Self::from_json_with_limits(json, &JsonLimits { max_bytes: 1024 * 1024, ..JsonLimits::DEFAULT })
    }

    /// As [`JwkSet::from_json`], with the caller's JSON limits.
    pub fn from_json_with_limits(json: &[u8], limits: &JsonLimits) -> Result<Self, Error> {
        let obj = json::parse_object(json, limits)?;
        let members = obj.get_array("keys")?.ok_or(JsonError::Missing { member: "keys" })?;
        let mut set = Self::default();
        for (index, member) in members.iter().enumerate() {
            let Value::Object(o) = member else {
                return Err(Error::Json(JsonError::WrongType { member: "keys" }));
            };
            match Jwk::from_object(o) {
                Ok(jwk) => set.push(jwk),
                Err(reason) => set.skipped.push(SkippedKey { index, reason }),
            }
        }
        Ok(set)
    }

    /// A set of the given keys.
    pub fn from_keys(keys: Vec<Jwk>) -> Self {
        let mut set = Self::default();
        for jwk in keys {
            set.push(jwk);
        }
        set
    }

    /// The usable keys.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The members that were skipped, and why.
    pub fn skipped(&self) -> &[SkippedKey] {
        &self.skipped
    }

    /// Adds a key.
    pub fn push(&mut self, jwk: Jwk) {
        if let Some(kid) = jwk.kid() {
            self.by_kid.entry(kid.to_owned()).or_default().push(self.keys.len());
        }
        self.keys.push(jwk);
    }

    /// Selects exactly one key: none is [`Error::NoMatchingKey`], two or more
    /// is [`Error::AmbiguousKey`] (never "try each").
    pub fn select(&self, selector: &KeySelector) -> Result<&Jwk, Error> {
        // With a `kid`, only the keys carrying it can match.
        match &selector.kid {
            Some(kid) => {
                let indices = self.by_kid.get(kid.as_str()).map_or(&[][..], Vec::as_slice);
                exactly_one(indices.iter().filter_map(|&i| self.keys.get(i)), selector)
            }
            None => exactly_one(self.keys.iter(), selector),
        }
    }

    /// Every key matching the selector.
    pub fn filter<'a>(&'a self, selector: &'a KeySelector) -> impl Iterator<Item = &'a Jwk> + 'a {
        self.keys.iter().filter(move |k| selector.matches(k))
    }

    /// The set with every key's public part (`oct` keys dropped), for
    /// publishing.
    pub fn to_public(&self) -> Self {
        Self::from_keys(self.keys.iter().filter_map(Jwk::to_public).collect())
    }

    /// The set as JSON (`{"keys":[...]}`), private members included.
    pub fn to_json(&self) -> String {
        let mut obj = json::Object::new();
        obj.insert("keys", self.keys.iter().map(|k| Value::from(k.to_object())).collect::<Vec<_>>());
        obj.to_json()
    }
}

/// The one key of `candidates` that matches.
fn exactly_one<'a>(candidates: impl Iterator<Item = &'a Jwk>, selector: &KeySelector) -> Result<&'a Jwk, Error> {
    let mut found = None;
    for jwk in candidates.filter(|k| selector.matches(k)) {
        if found.is_some() {
            return Err(Error::AmbiguousKey);
        }
        found = Some(jwk);
    }
    found.ok_or(Error::NoMatchingKey)
}
