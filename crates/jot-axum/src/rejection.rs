//! [`Rejection`]: why a request was refused, and its RFC 6750 answer.

use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER, WWW_AUTHENTICATE};
use http::{Response, StatusCode};

/// Why a request was refused. Each maps to the answer RFC 6750 section 3
/// gives (see [`Rejection::status`]); no description ever contains the
/// token or anything else the request sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rejection {
    /// No credentials: 401 with a challenge and no error code.
    Missing,
    /// A malformed request (two `Authorization` headers, another scheme
    /// where Bearer is required, malformed credentials, a token in the URL
    /// or in two places): 400 `invalid_request`.
    InvalidRequest(&'static str),
    /// The token is malformed, forged, expired or meant for another
    /// audience: 401 `invalid_token`. The description names the kind of
    /// failure only.
    InvalidToken(&'static str),
    /// The token lacks a required scope: 403 `insufficient_scope`, with the
    /// scopes the route requires.
    InsufficientScope(String),
    /// The claims check hook refused the token: 403 `insufficient_scope`
    /// with the hook's description.
    Forbidden(&'static str),
    /// The key source is unavailable (a remote set failing with no stale
    /// keys): 503 with `Retry-After` and no challenge.
    Unavailable {
        /// Seconds for `Retry-After`.
        retry_after: u64,
    },
    /// The extractor ran on a route the layer does not protect: 500 (a
    /// configuration error of the service, not the client's).
    NotConfigured,
}

impl Rejection {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Missing | Self::InvalidToken(_) => StatusCode::UNAUTHORIZED,
            Self::InvalidRequest(_) => StatusCode::BAD_REQUEST,
            Self::InsufficientScope(_) | Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::NotConfigured => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The RFC 6750 error code, when the answer has one.
    pub fn error_code(&self) -> Option<&'static str> {
        match self {
            Self::InvalidRequest(_) => Some("invalid_request"),
            Self::InvalidToken(_) => Some("invalid_token"),
            Self::InsufficientScope(_) | Self::Forbidden(_) => Some("insufficient_scope"),
            Self::Missing | Self::Unavailable { .. } | Self::NotConfigured => None,
        }
    }

    /// A description for people, fixed per kind of failure.
    pub fn error_description(&self) -> Option<&str> {
        match self {
            Self::InvalidRequest(d) | Self::InvalidToken(d) | Self::Forbidden(d) => Some(d),
            Self::InsufficientScope(_) => Some("the token lacks a required scope"),
            Self::Unavailable { .. } => Some("the keys that verify tokens are unavailable"),
            Self::NotConfigured => Some("authentication is not configured for this route"),
            Self::Missing => None,
        }
    }

    /// The `WWW-Authenticate` challenge, when the answer carries one (every
    /// 400, 401 and 403; not 503 or 500).
    pub fn challenge(&self, realm: &str) -> Option<String> {
        if matches!(self, Self::Unavailable { .. } | Self::NotConfigured) {
            return None;
        }
        // Every value is held to quoted-string text here (the crate's own
        // are already; a caller's own `Rejection` may not be).
        let mut value = format!("Bearer realm=\"{}\"", attribute(realm));
        if let Some(code) = self.error_code() {
            value.push_str(&format!(", error=\"{code}\""));
        }
        if let Some(d) = self.error_description().filter(|_| !matches!(self, Self::Missing)) {
            value.push_str(&format!(", error_description=\"{}\"", attribute(d)));
        }
        if let Self::InsufficientScope(scope) = self {
            value.push_str(&format!(", scope=\"{}\"", attribute(scope)));
        }
        Some(value)
    }

    /// The default response body: a JSON object with `error` and
    /// `error_description` (empty for [`Rejection::Missing`]).
    pub fn default_body(&self) -> (&'static str, Bytes) {
        let Some(code) = self.error_code().or(match self {
            Self::Unavailable { .. } => Some("temporarily_unavailable"),
            Self::NotConfigured => Some("server_error"),
            _ => None,
        }) else {
            return ("text/plain; charset=utf-8", Bytes::new());
        };
        let description = attribute(self.error_description().unwrap_or_default());
        let json = format!(r#"{{"error":"{code}","error_description":"{description}"}}"#);
        ("application/json", Bytes::from(json))
    }

    /// The whole answer: status, challenge, `Retry-After`, and the body
    /// `body` gives.
    pub(crate) fn response<B: From<Bytes>>(&self, realm: &str, body: &BodyFn) -> Response<B> {
        let (content_type, bytes) = body(self);
        let mut response = Response::new(B::from(bytes));
        *response.status_mut() = self.status();
        let headers = response.headers_mut();
        if let Some(challenge) = self.challenge(realm).and_then(|c| HeaderValue::try_from(c).ok()) {
            headers.insert(WWW_AUTHENTICATE, challenge);
        }
        if let Self::Unavailable { retry_after } = self {
            headers.insert(RETRY_AFTER, HeaderValue::from(*retry_after));
        }
        if let Ok(ct) = HeaderValue::try_from(content_type) {
            headers.insert(CONTENT_TYPE, ct);
        }
        response
    }
}

impl core::fmt::Display for Rejection {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match (self.error_code(), self.error_description()) {
            (Some(code), Some(d)) => write!(f, "{code}: {d}"),
            (None, Some(d)) => f.write_str(d),
            _ => f.write_str("no credentials"),
        }
    }
}

impl std::error::Error for Rejection {}

/// Makes the response body of a rejection: its content type and bytes.
pub type BodyFn = dyn Fn(&Rejection) -> (&'static str, Bytes) + Send + Sync;

/// `s` with every character a quoted-string attribute (or a JSON string
/// without escapes) cannot hold replaced by `?`.
fn attribute(s: &str) -> std::borrow::Cow<'_, str> {
    if is_attribute_text(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        s.chars().map(|c| if c.is_ascii() && is_attribute_text(c.encode_utf8(&mut [0; 4])) { c } else { '?' }).collect()
    }
}

/// Whether `s` may stand inside an RFC 6750 quoted-string attribute
/// (`%x20-21 / %x23-5B / %x5D-7E`: printable ASCII without `"` and `\`).
pub(crate) fn is_attribute_text(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_follow_rfc_6750() {
        assert_eq!(Rejection::Missing.challenge("api").as_deref(), Some(r#"Bearer realm="api""#));
        assert_eq!(
            Rejection::InvalidToken("the token has expired").challenge("api").as_deref(),
            Some(r#"Bearer realm="api", error="invalid_token", error_description="the token has expired""#)
        );
        assert_eq!(
            Rejection::InsufficientScope("orders:read orders:write".into()).challenge("api").as_deref(),
            Some(
                r#"Bearer realm="api", error="insufficient_scope", error_description="the token lacks a required scope", scope="orders:read orders:write""#
            )
        );
        assert_eq!(Rejection::Unavailable { retry_after: 30 }.challenge("api"), None);
        assert_eq!(Rejection::Unavailable { retry_after: 30 }.status(), StatusCode::SERVICE_UNAVAILABLE);
    }

    #[test]
    fn a_callers_own_rejection_cannot_break_the_header() {
        let r = Rejection::InsufficientScope("a\"b\\c\nd é".into());
        let challenge = r.challenge("re\"alm").unwrap();
        assert_eq!(challenge.matches('"').count(), 8, "{challenge}");
        assert!(!challenge.contains('\\') && !challenge.contains('\n'), "{challenge}");
        assert!(HeaderValue::try_from(challenge).is_ok());
        let (_, body) = Rejection::InvalidRequest("say \"hi\"").default_body();
        assert_eq!(&body[..], br#"{"error":"invalid_request","error_description":"say ?hi?"}"#);
    }

    #[test]
    fn attribute_text() {
        assert!(is_attribute_text("orders:read https://api.example/x!"));
        for bad in ["a\"b", "a\\b", "a\nb", "é", "\u{7f}"] {
            assert!(!is_attribute_text(bad), "{bad:?}");
        }
    }
}
