//! Failures as the page shows them: jot's own message (its `Display`, never
//! rewritten) and a stable `kind` the page and the tests can match on.

use jot_jwt::json::JsonError;
use jot_jwt::{CoreError, Error};
use serde_json::{Value, json};

/// A failure of one API call: a stable kind and jot's exact message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// A stable, snake_case name of what went wrong (see [`Failure::kind`]).
    pub kind: &'static str,
    /// jot's error text (the `Display` of the jot error), unchanged.
    pub message: String,
}

impl Failure {
    /// A failure with a kind of this crate's own (bad arguments to the API).
    pub fn usage(message: impl Into<String>) -> Self {
        Self { kind: "usage", message: message.into() }
    }

    /// The JSON answer for this failure: `{"ok": false, "error": {...}}`
    /// (crate-private: serde_json types stay out of the public API).
    pub(crate) fn to_json(&self) -> Value {
        json!({ "ok": false, "verified": false, "error": { "kind": self.kind, "message": self.message } })
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Self { kind: jwt_kind(&e), message: e.to_string() }
    }
}

impl From<jot_jwt::jws::Error> for Failure {
    fn from(e: jot_jwt::jws::Error) -> Self {
        Self::from(Error::from(e))
    }
}

impl From<jot_jwt::jwe::Error> for Failure {
    fn from(e: jot_jwt::jwe::Error) -> Self {
        Self::from(Error::from(e))
    }
}

impl From<jot_jwt::jwk::Error> for Failure {
    fn from(e: jot_jwt::jwk::Error) -> Self {
        Self { kind: jwk_kind(&e), message: e.to_string() }
    }
}

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Self { kind: core_kind(&e), message: e.to_string() }
    }
}

fn json_kind(e: &JsonError) -> &'static str {
    match e {
        JsonError::DuplicateMember => "duplicate_member",
        _ => "json",
    }
}

fn core_kind(e: &CoreError) -> &'static str {
    match e {
        CoreError::Base64 => "base64",
        CoreError::Json(j) => json_kind(j),
        CoreError::UnknownIdentifier(_) => "unsupported_algorithm",
        CoreError::Limit(_) => "limit",
        _ => "other",
    }
}

fn jwk_kind(e: &jot_jwt::jwk::Error) -> &'static str {
    use jot_jwt::jwk::Error as E;
    match e {
        E::Json(j) => json_kind(j),
        E::Limit(_) => "limit",
        E::SecretTooShort { .. } | E::KeyLength => "key_too_short",
        E::NoMatchingKey => "no_matching_key",
        E::AmbiguousKey => "ambiguous_key",
        E::AlgorithmMismatch | E::KeyTypeMismatch | E::CurveMismatch => "key_mismatch",
        E::NotPrivate => "not_private",
        _ => "key",
    }
}

fn jws_kind(e: &jot_jwt::jws::Error) -> &'static str {
    use jot_jwt::jws::Error as E;
    match e {
        E::Malformed(_) => "malformed",
        E::Json(_, j) => json_kind(j),
        E::Limit(_) => "limit",
        E::MissingAlgorithm => "missing_algorithm",
        E::Unsecured => "unsecured",
        E::UnsupportedAlgorithm => "unsupported_algorithm",
        E::AlgorithmNotAllowed => "algorithm_not_allowed",
        E::Crit(_) => "crit",
        E::HeaderConflict => "header_conflict",
        E::NoMatchingKey => "no_matching_key",
        E::AmbiguousKey => "ambiguous_key",
        E::InvalidSignature => "invalid_signature",
        E::Key(k) => jwk_kind(k),
        _ => "other",
    }
}

fn jwe_kind(e: &jot_jwt::jwe::Error) -> &'static str {
    use jot_jwt::jwe::Error as E;
    match e {
        E::Malformed(_) => "malformed",
        E::Json(_, j) => json_kind(j),
        E::Limit(_) => "limit",
        E::MissingAlgorithm => "missing_algorithm",
        E::UnsupportedAlgorithm => "unsupported_algorithm",
        E::AlgorithmNotAllowed => "algorithm_not_allowed",
        E::Header(_) => "header",
        E::NoMatchingKey => "no_matching_key",
        E::AmbiguousKey => "ambiguous_key",
        E::DecryptionFailed => "decryption_failed",
        E::Decompression => "decompression",
        E::Key(k) => jwk_kind(k),
        _ => "other",
    }
}

/// The stable kind of a jot-jwt error (nested JWS, JWE and JWK errors
/// are looked through).
fn jwt_kind(e: &Error) -> &'static str {
    match e {
        Error::NotCompact => "not_compact",
        Error::UnencodedPayload => "unencoded_payload",
        Error::Jws(j) => jws_kind(j),
        Error::Jwe(j) => jwe_kind(j),
        Error::UnexpectedJwe => "unexpected_jwe",
        Error::UnsignedJwe => "unsigned_jwe",
        Error::Claims(j) => json_kind(j),
        Error::Limit(_) => "limit",
        Error::InvalidClaimType(_) => "invalid_claim_type",
        Error::MissingClaim(_) => "missing_claim",
        Error::Expired => "expired",
        Error::NotYetValid => "not_yet_valid",
        Error::IssuedInFuture => "issued_in_future",
        Error::TooOld => "too_old",
        Error::InvalidIssuer => "invalid_issuer",
        Error::InvalidAudience => "invalid_audience",
        Error::InvalidSubject => "invalid_subject",
        Error::InvalidType => "invalid_type",
        _ => "other",
    }
}
