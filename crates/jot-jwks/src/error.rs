//! The error type of jot-jwks.

use core::fmt;
use std::sync::Arc;

/// Why a remote key set or a discovery document could not be used.
///
/// Every failure of a fetch is typed; none echoes the body the server sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The URL is not `https` (plain `http` is allowed only for a loopback
    /// host, and only with
    /// [`allow_http_loopback`](crate::RemoteJwkSetBuilder::allow_http_loopback)),
    /// carries credentials, or does not parse.
    InsecureUrl(Arc<str>),
    /// The connection or the whole fetch took longer than its timeout.
    Timeout,
    /// The connection failed (DNS, TCP, TLS).
    Connect(Arc<str>),
    /// The server answered with a status other than 200 (or 304 to a
    /// revalidation). Redirects are never followed: a 3xx is this error.
    Status(u16),
    /// The response's `Content-Type` is missing or is not JSON.
    ContentType,
    /// The body is larger than the cap.
    BodyTooLarge {
        /// The cap, in bytes.
        max: usize,
    },
    /// The JWK Set has more members than the cap.
    TooManyKeys {
        /// The cap.
        max: usize,
    },
    /// The body is not a JWK Set jot accepts (bad JSON, `keys` missing, an
    /// `oct` key in a published set).
    InvalidKeySet(jot_jwk::Error),
    /// The published set holds a private key (a `d`, or RSA's private
    /// members): the provider is leaking its signing keys. The whole set is
    /// refused.
    PrivateKeyPublished,
    /// The discovery document is not valid metadata (bad JSON, a required
    /// member missing or of the wrong type).
    InvalidMetadata(&'static str),
    /// The discovery document's `issuer` is not exactly the configured
    /// issuer.
    IssuerMismatch,
    /// None of the caller's algorithms is among those the provider
    /// advertises.
    NoCommonAlgorithm,
    /// No key in the current set matches the token (`kid` and algorithm),
    /// and a refresh was not attempted because one ran within the cooldown.
    NoMatchingKey,
    /// No key set is available: the first fetch failed, or the last good
    /// set is older than the stale-if-error window. Carries the last fetch
    /// error.
    Unavailable(Box<Error>),
    /// No usable set has been fetched: a synchronous caller asked before
    /// the first fetch, or after the set outlived its stale-if-error window
    /// with no fetch tried since (an asynchronous caller fetches).
    NotFetched,
    /// A waiting caller's deadline passed before the fetch in flight ended.
    WaitTimeout,
    /// The builder was given contradictory or empty settings.
    Config(&'static str),
}

impl Error {
    /// Whether the failure is the key source's (a service answers 503),
    /// rather than the token's (401).
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            Self::Unavailable(_)
                | Self::NotFetched
                | Self::WaitTimeout
                | Self::Timeout
                | Self::Connect(_)
                | Self::Status(_)
                | Self::ContentType
                | Self::BodyTooLarge { .. }
                | Self::TooManyKeys { .. }
                | Self::InvalidKeySet(_)
                | Self::PrivateKeyPublished
                | Self::InvalidMetadata(_)
                | Self::IssuerMismatch
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InsecureUrl(why) => write!(f, "URL refused: {why}"),
            Self::Timeout => f.write_str("fetch timed out"),
            Self::Connect(why) => write!(f, "connection failed: {why}"),
            Self::Status(code) if (300..400).contains(code) => {
                write!(f, "server answered {code} (redirects are not followed)")
            }
            Self::Status(code) => write!(f, "server answered {code}, not 200"),
            Self::ContentType => f.write_str("response is not JSON (Content-Type)"),
            Self::BodyTooLarge { max } => write!(f, "response body exceeds {max} bytes"),
            Self::TooManyKeys { max } => write!(f, "JWK Set has more than {max} keys"),
            Self::InvalidKeySet(e) => write!(f, "JWK Set refused: {e}"),
            Self::PrivateKeyPublished => f.write_str("JWK Set refused: it publishes a private key"),
            Self::InvalidMetadata(what) => write!(f, "discovery document refused: {what}"),
            Self::IssuerMismatch => f.write_str("discovery document's issuer is not the configured issuer"),
            Self::NoCommonAlgorithm => f.write_str("the provider advertises none of the accepted algorithms"),
            Self::NoMatchingKey => f.write_str("no key in the remote set matches the token (refresh cooling down)"),
            Self::Unavailable(last) => write!(f, "remote key set unavailable: {last}"),
            Self::NotFetched => f.write_str("the remote key set has not been fetched yet"),
            Self::WaitTimeout => f.write_str("timed out waiting for the key set fetch in flight"),
            Self::Config(what) => write!(f, "remote key set configuration: {what}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidKeySet(e) => Some(e),
            Self::Unavailable(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

impl From<jot_jwk::Error> for Error {
    fn from(e: jot_jwk::Error) -> Self {
        Self::InvalidKeySet(e)
    }
}
