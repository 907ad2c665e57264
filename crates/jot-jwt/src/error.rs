//! The error type of jot-jwt.

use core::fmt;
use std::sync::Arc;

use jot_core::JsonError;
use jot_core::json::__private::Mismatch;

use crate::claims::Claim;

/// The error type of jot-jwt. Signature and decryption failures come from
/// jot-jws and jot-jwe unchanged (and carry no detail); claim failures say
/// which rule failed without echoing values.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Error {
    /// The token is not a compact JWS or JWE (a JSON serialization, or the
    /// wrong number of segments). A JWT is compact only.
    NotCompact,
    /// The JWS carries `b64: false`, which a JWT never does.
    UnencodedPayload,
    /// Verifying the signature failed.
    Jws(jot_jws::Error),
    /// Decrypting failed.
    Jwe(jot_jwe::Error),
    /// A JWE was offered where a signed JWT is expected (no decrypter was
    /// configured).
    UnexpectedJwe,
    /// A JWE whose content is not a signed JWT (`cty` not `JWT`) was
    /// offered, and the caller did not allow unsigned JWE, or its key
    /// management is public-key based (anyone with the public key can make
    /// one).
    UnsignedJwe,
    /// The claims are not a JSON object, or have duplicate members.
    Claims(JsonError),
    /// The claims exceed a size or depth limit.
    Limit(jot_core::LimitKind),
    /// A registered claim has the wrong JSON type (or a NumericDate is not a
    /// finite number).
    InvalidClaimType(Claim),
    /// A required claim is missing.
    MissingClaim(Claim),
    /// `exp` has passed (now >= exp + leeway).
    Expired,
    /// `nbf` is in the future (now < nbf - leeway).
    NotYetValid,
    /// `iat` is in the future beyond the leeway.
    IssuedInFuture,
    /// `iat` is older than the accepted maximum age.
    TooOld,
    /// `iss` is not an accepted issuer.
    InvalidIssuer,
    /// No `aud` value is an accepted audience.
    InvalidAudience,
    /// `sub` is not the expected subject.
    InvalidSubject,
    /// The header's `typ` is missing or not the expected one.
    InvalidType,
    /// The caller's claim type did not deserialize from the claims. Holds
    /// the name of the top-level member whose value the type refused (a
    /// member name, never its value; at most 64 characters), or `None`
    /// when the failure is not in one member: a member the type requires
    /// is missing, or the type read the claims whole (`#[serde(flatten)]`).
    CustomClaims(Option<Arc<str>>),
    /// The caller's own check rejected the claims.
    Rejected(Arc<dyn std::error::Error + Send + Sync>),
    /// The caller asked for something inconsistent.
    ApiMisuse(&'static str),
    /// The remote key set could not supply keys (feature `remote`): not
    /// fetched yet, the provider failing with no usable stale set, a fetch
    /// waited on too long. A service answers 503 to those for which
    /// [`jot_jwks::Error::is_unavailable`] holds.
    #[cfg(feature = "remote")]
    KeySource(jot_jwks::Error),
}

impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Jws(a), Self::Jws(b)) => a == b,
            (Self::Jwe(a), Self::Jwe(b)) => a == b,
            (Self::Claims(a), Self::Claims(b)) => a == b,
            (Self::Limit(a), Self::Limit(b)) => a == b,
            (Self::InvalidClaimType(a), Self::InvalidClaimType(b)) | (Self::MissingClaim(a), Self::MissingClaim(b)) => {
                a == b
            }
            (Self::CustomClaims(a), Self::CustomClaims(b)) => a == b,
            (Self::Rejected(a), Self::Rejected(b)) => a.to_string() == b.to_string(),
            (Self::ApiMisuse(a), Self::ApiMisuse(b)) => a == b,
            #[cfg(feature = "remote")]
            (Self::KeySource(a), Self::KeySource(b)) => a == b,
            _ => core::mem::discriminant(self) == core::mem::discriminant(other),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotCompact => f.write_str("a JWT must be a compact JWS or JWE"),
            Self::UnencodedPayload => f.write_str("a JWT payload must be base64url-encoded (b64: false refused)"),
            Self::Jws(e) => e.fmt(f),
            Self::Jwe(e) => e.fmt(f),
            Self::UnexpectedJwe => f.write_str("an encrypted token was offered where a signed JWT is expected"),
            Self::UnsignedJwe => f.write_str("encrypted token does not contain a signed JWT"),
            Self::Claims(e) => write!(f, "JWT claims: {e}"),
            Self::Limit(l) => write!(f, "JWT claims: {l}"),
            Self::InvalidClaimType(c) => write!(f, "claim \"{c}\" has the wrong type"),
            Self::MissingClaim(c) => write!(f, "required claim \"{c}\" is missing"),
            Self::Expired => f.write_str("token has expired"),
            Self::NotYetValid => f.write_str("token is not yet valid"),
            Self::IssuedInFuture => f.write_str("token was issued in the future"),
            Self::TooOld => f.write_str("token is older than the accepted maximum age"),
            Self::InvalidIssuer => f.write_str("issuer not accepted"),
            Self::InvalidAudience => f.write_str("audience not accepted"),
            Self::InvalidSubject => f.write_str("subject not accepted"),
            Self::InvalidType => f.write_str("token type (typ) not accepted"),
            Self::CustomClaims(None) => f.write_str("claims do not match the expected type"),
            // Debug formatting quotes the name and escapes control characters.
            Self::CustomClaims(Some(member)) => write!(f, "claims do not match the expected type: member {member:?}"),
            Self::Rejected(e) => write!(f, "claims rejected: {e}"),
            Self::ApiMisuse(what) => write!(f, "API misuse: {what}"),
            #[cfg(feature = "remote")]
            Self::KeySource(e) => write!(f, "key source: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Jws(e) => Some(e),
            Self::Jwe(e) => Some(e),
            Self::Rejected(e) => Some(e.as_ref()),
            #[cfg(feature = "remote")]
            Self::KeySource(e) => Some(e),
            _ => None,
        }
    }
}

/// The common questions about a failed verification, answered without a
/// `match` on nested error types. Any other question is a `match` on the
/// variants (the enum is `#[non_exhaustive]`: end with `_ =>`).
///
/// ```
/// use std::time::Duration;
/// use jot_jwt::alg::JwsAlgorithm;
/// use jot_jwt::{Error, FixedClock, Jwk, JwtBuilder, Validation};
///
/// let key = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
/// let public = key.to_public().expect("EC keys have a public part");
/// let signer = key.signing_key(JwsAlgorithm::ES256)?;
/// let validation = Validation::from_key(public.verifying_key(JwsAlgorithm::ES256)?).audience("orders-api");
///
/// // What a service answers: 401 for a bad token, 503 when its keys are
/// // unavailable (feature `remote`), with the reason kept for the log.
/// fn status(err: &Error) -> (u16, &'static str) {
///     if err.is_key_source_unavailable() {
///         (503, "keys unavailable")
///     } else if err.is_invalid_signature() {
///         (401, "bad signature")
///     } else if err.is_expired() {
///         (401, "expired")
///     } else if err.is_invalid_audience() {
///         (401, "wrong audience")
///     } else if err.is_no_matching_key() {
///         (401, "unknown key")
///     } else {
///         (401, "invalid token")
///     }
/// }
///
/// let expired = JwtBuilder::with_clock(&FixedClock(1_000_000))
///     .audience("orders-api")
///     .expires_in(Duration::from_secs(60))
///     .sign(&signer)?;
/// let err = validation.verify_claims(&expired).unwrap_err();
/// assert!(err.is_expired());
/// assert_eq!(status(&err), (401, "expired"));
///
/// let other = JwtBuilder::new().audience("billing-api").expires_in(Duration::from_secs(60)).sign(&signer)?;
/// assert!(validation.verify_claims(&other).unwrap_err().is_invalid_audience());
///
/// // Claims altered after signing: the signature is another token's.
/// let genuine = JwtBuilder::new().audience("orders-api").expires_in(Duration::from_secs(60)).sign(&signer)?;
/// let altered = JwtBuilder::new().audience("orders-api").subject("admin").expires_in(Duration::from_secs(60));
/// let altered = altered.sign(&signer)?;
/// let (signed_part, _) = altered.rsplit_once('.').unwrap();
/// let (_, signature) = genuine.rsplit_once('.').unwrap();
/// let forged = format!("{signed_part}.{signature}");
/// assert_eq!(status(&validation.verify_claims(&forged).unwrap_err()), (401, "bad signature"));
///
/// // A key the service does not have (another `kid`).
/// let stranger = Jwk::generate_for_jws(JwsAlgorithm::ES256)?.signing_key(JwsAlgorithm::ES256)?;
/// let unknown = JwtBuilder::new().audience("orders-api").expires_in(Duration::from_secs(60)).sign(&stranger)?;
/// assert!(validation.verify_claims(&unknown).unwrap_err().is_no_matching_key());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Error {
    /// The signature did not verify with the selected key (a forged or
    /// altered token, or one signed by another key under the same `kid`).
    pub fn is_invalid_signature(&self) -> bool {
        matches!(self, Self::Jws(jot_jws::Error::InvalidSignature))
    }

    /// `exp` has passed ([`Error::Expired`]).
    pub fn is_expired(&self) -> bool {
        matches!(self, Self::Expired)
    }

    /// No `aud` value is an accepted audience ([`Error::InvalidAudience`]).
    pub fn is_invalid_audience(&self) -> bool {
        matches!(self, Self::InvalidAudience)
    }

    /// No key of the caller's verifier or decrypter matches the token
    /// (its `kid` or algorithm): an unknown issuer's token, or a key the
    /// service does not have (yet).
    pub fn is_no_matching_key(&self) -> bool {
        matches!(self, Self::Jws(jot_jws::Error::NoMatchingKey) | Self::Jwe(jot_jwe::Error::NoMatchingKey))
    }

    /// The remote key set could not supply keys (feature `remote`; see
    /// `Error::KeySource`): the failure is the service's, not the
    /// token's, and the answer is 503 rather than 401. Always `false`
    /// without the feature.
    pub fn is_key_source_unavailable(&self) -> bool {
        #[cfg(feature = "remote")]
        if let Self::KeySource(e) = self {
            return e.is_unavailable();
        }
        false
    }

    /// [`Error::CustomClaims`] from where the claims stopped matching the
    /// caller's type.
    pub(crate) fn custom_claims(mismatch: &Mismatch<'_>) -> Self {
        /// A longer name is cut: it is there to point at the member, and an
        /// error message is no place for a long text from a token.
        const MAX_CHARS: usize = 64;
        Self::CustomClaims(mismatch.member().map(|m| m.chars().take(MAX_CHARS).collect::<String>().into()))
    }
}

impl From<jot_jws::Error> for Error {
    fn from(e: jot_jws::Error) -> Self {
        Self::Jws(e)
    }
}

impl From<jot_core::Error> for Error {
    /// Errors met reading the claims.
    fn from(e: jot_core::Error) -> Self {
        match e {
            jot_core::Error::Json(j) => Self::Claims(j),
            jot_core::Error::Limit(l) => Self::Limit(l),
            _ => Self::Claims(JsonError::Syntax),
        }
    }
}

impl From<jot_jwe::Error> for Error {
    fn from(e: jot_jwe::Error) -> Self {
        Self::Jwe(e)
    }
}
