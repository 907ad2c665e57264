//! JWK Sets (RFC 7517 section 5) and key selection.

use std::collections::{HashMap, HashSet};

use jot_core::JsonError;
use jot_core::alg::{Curve, JweAlgorithm, JwsAlgorithm, KeyType};
use jot_core::json::{self, JsonLimits, Object, Value};

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
    /// Its `kid`, when it has one that is a string. A skipped member still
    /// makes its `kid` ambiguous: selection by a `kid` that two members carry
    /// fails, even when only one of them is usable.
    pub kid: Option<String>,
}

/// Whether a member is a secret or (part of) a key pair, as a set's
/// composition is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Symmetric,
    Asymmetric,
}

/// A JWK Set. Members whose `kty` jot does not understand, or that fail the
/// checks, are skipped and recorded (RFC 7517 section 5 says to ignore
/// them), never fatal and never used.
///
/// A `kid` that two members carry (usable or skipped) selects nothing:
/// selection by it is [`Error::AmbiguousKey`]. A set holding both `oct` and
/// asymmetric keys is refused by [`JwkSet::check_public`] and
/// [`JwkSet::check_secrets`], which the verifiers and decrypters built from a
/// set call.
///
/// ```
/// use jot_jwt::jwk::{JwkSet, KeySelector};
/// use jot_jwt::alg::JwsAlgorithm;
/// let set = JwkSet::from_json(br#"{"keys":[
///   {"kty":"oct","kid":"a","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"},
///   {"kty":"future-kty","kid":"b"}
/// ]}"#)?;
/// assert_eq!(set.keys().len(), 1);
/// assert_eq!(set.skipped().len(), 1);
/// let key = set.select(&KeySelector::for_jws(JwsAlgorithm::HS256).kid("a"))?;
/// assert_eq!(key.kid(), Some("a"));
/// # Ok::<(), jot_jwt::jwk::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JwkSet {
    keys: Vec<Jwk>,
    skipped: Vec<SkippedKey>,
    /// Positions in `keys` by `kid`, so selection by `kid` (the common case:
    /// the token names its key) does not scan the set. std's hasher is keyed
    /// per process, so a token's `kid` cannot aim at one bucket.
    by_kid: HashMap<String, Vec<usize>>,
    /// Every `kid` seen on a member, usable or skipped.
    all_kids: HashSet<String>,
    /// The `kid`s seen on two or more members.
    ambiguous_kids: HashSet<String>,
    /// How many members (usable or skipped, when their `kty` could be read)
    /// are secrets and how many are key pairs or public keys.
    symmetric: usize,
    asymmetric: usize,
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
        Self::from_object(&json::parse_object(json, limits)?)
    }

    /// A JWK Set from a JSON object already parsed (by a caller that looks
    /// at the document first, to count its `keys`, say); the rules of
    /// [`JwkSet::from_json`].
    pub fn from_object(obj: &Object) -> Result<Self, Error> {
        let members = obj.get_array("keys")?.ok_or(JsonError::Missing { member: "keys" })?;
        let mut set = Self::default();
        for (index, member) in members.iter().enumerate() {
            let Value::Object(o) = member else {
                return Err(Error::Json(JsonError::WrongType { member: "keys" }));
            };
            match Jwk::from_object(o) {
                Ok(jwk) => set.push(jwk),
                Err(reason) => {
                    // Only what the member says of itself: never used, but
                    // counted, so a bad member cannot hide a clash.
                    let kid = o.get("kid").and_then(Value::as_str).map(str::to_owned);
                    if let Some(kid) = &kid {
                        set.note_kid(kid);
                    }
                    match o.get("kty").and_then(Value::as_str) {
                        Some("oct") => set.note_kind(Kind::Symmetric),
                        Some("RSA" | "EC" | "OKP" | "AKP") => set.note_kind(Kind::Asymmetric),
                        _ => {}
                    }
                    set.skipped.push(SkippedKey { index, reason, kid });
                }
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
            self.note_kid(kid);
            self.by_kid.entry(kid.to_owned()).or_default().push(self.keys.len());
        }
        self.note_kind(if jwk.key_type() == KeyType::Oct { Kind::Symmetric } else { Kind::Asymmetric });
        self.keys.push(jwk);
    }

    fn note_kid(&mut self, kid: &str) {
        if !self.all_kids.insert(kid.to_owned()) {
            self.ambiguous_kids.insert(kid.to_owned());
        }
    }

    fn note_kind(&mut self, kind: Kind) {
        match kind {
            Kind::Symmetric => self.symmetric += 1,
            Kind::Asymmetric => self.asymmetric += 1,
        }
    }

    /// Whether two or more members (usable or skipped) carry this `kid`:
    /// selection by it then fails with [`Error::AmbiguousKey`].
    pub fn is_ambiguous_kid(&self, kid: &str) -> bool {
        self.ambiguous_kids.contains(kid)
    }

    /// The `kid`s that two or more members carry.
    pub fn ambiguous_kids(&self) -> impl Iterator<Item = &str> {
        self.ambiguous_kids.iter().map(String::as_str)
    }

    /// Checks that this is a set of public or private asymmetric keys, as a
    /// published JWK Set is: any `oct` member (usable or skipped) makes it
    /// [`Error::MixedKeySet`] beside asymmetric keys, or
    /// [`Error::SymmetricKeySet`] alone.
    ///
    /// ```
    /// use jot_jwt::jwk::{Error, JwkSet};
    /// let mixed = JwkSet::from_json(br#"{"keys":[
    ///   {"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"},
    ///   {"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
    /// ]}"#)?;
    /// assert_eq!(mixed.check_public(), Err(Error::MixedKeySet));
    /// # Ok::<(), jot_jwt::jwk::Error>(())
    /// ```
    pub fn check_public(&self) -> Result<(), Error> {
        match (self.symmetric, self.asymmetric) {
            (0, _) => Ok(()),
            (_, 0) => Err(Error::SymmetricKeySet),
            _ => Err(Error::MixedKeySet),
        }
    }

    /// Checks that this is a set of symmetric (`oct`) keys only, the local
    /// secrets case: asymmetric members make it [`Error::MixedKeySet`]
    /// beside secrets, or [`Error::AsymmetricKeySet`] alone.
    pub fn check_secrets(&self) -> Result<(), Error> {
        match (self.symmetric, self.asymmetric) {
            (_, 0) => Ok(()),
            (0, _) => Err(Error::AsymmetricKeySet),
            _ => Err(Error::MixedKeySet),
        }
    }

    /// Selects exactly one key: none is [`Error::NoMatchingKey`], two or more
    /// is [`Error::AmbiguousKey`] (never "try each"), and so is a `kid` that
    /// two members of the set carry, whatever else they are.
    pub fn select(&self, selector: &KeySelector) -> Result<&Jwk, Error> {
        // With a `kid`, only the keys carrying it can match.
        match &selector.kid {
            Some(kid) if self.is_ambiguous_kid(kid) => Err(Error::AmbiguousKey),
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
