//! Finding the access token in a request (RFC 6750 section 2): the
//! `Authorization: Bearer` header only. A token in the URL query is refused
//! (section 2.3 says it SHOULD NOT be used: URLs end up in logs), and so is
//! a token sent two ways.

use http::header::AUTHORIZATION;
use http::{HeaderMap, Uri};

use crate::Rejection;

/// The token of a request: `Ok(None)` when there are no credentials.
pub(crate) fn bearer_token<'r>(headers: &'r HeaderMap, uri: &Uri) -> Result<Option<&'r str>, Rejection> {
    let in_query = uri.query().is_some_and(has_access_token_param);
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return if in_query {
            Err(Rejection::InvalidRequest("access tokens in the URL are not accepted"))
        } else {
            Ok(None)
        };
    };
    if values.next().is_some() {
        return Err(Rejection::InvalidRequest("more than one Authorization header"));
    }
    if in_query {
        return Err(Rejection::InvalidRequest("the token was sent in more than one way"));
    }
    let value = value.to_str().map_err(|_| Rejection::InvalidRequest("malformed Authorization header"))?;
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(Rejection::InvalidRequest("the Bearer scheme is required"));
    }
    // RFC 6750 2.1: one space, then b64token; nothing else.
    if !is_b64token(token) {
        return Err(Rejection::InvalidRequest("malformed Bearer credentials"));
    }
    Ok(Some(token))
}

/// `b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`
fn is_b64token(token: &str) -> bool {
    let body = token.trim_end_matches('=');
    !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/'))
}

/// Whether the query has an `access_token` parameter (its name as sent or
/// percent-encoded).
fn has_access_token_param(query: &str) -> bool {
    query.split('&').any(|pair| {
        let name = pair.split_once('=').map_or(pair, |(n, _)| n);
        name == "access_token" || percent_decoded_eq(name, "access_token")
    })
}

fn percent_decoded_eq(encoded: &str, want: &str) -> bool {
    let mut out = Vec::with_capacity(encoded.len());
    let mut bytes = encoded.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hex = [bytes.next(), bytes.next()];
            let [Some(h), Some(l)] = hex else { return false };
            let Ok(v) = u8::from_str_radix(&String::from_utf8_lossy(&[h, l]), 16) else { return false };
            out.push(v);
        } else {
            out.push(b);
        }
    }
    out == want.as_bytes()
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    fn headers(values: &[&'static str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(AUTHORIZATION, HeaderValue::from_static(v));
        }
        h
    }

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    #[test]
    fn the_bearer_header() {
        let plain = uri("/orders");
        assert_eq!(bearer_token(&headers(&["Bearer abc.def-_~+/="]), &plain), Ok(Some("abc.def-_~+/=")));
        assert_eq!(bearer_token(&headers(&["bearer abc"]), &plain), Ok(Some("abc")));
        assert_eq!(bearer_token(&HeaderMap::new(), &plain), Ok(None));
        for bad in [
            "Basic dXNlcjpwdw==",
            "Bearer",
            "Bearer ",
            "Bearer  abc",
            "Bearer a b",
            "Bearer a\"b",
            "Bearerabc",
            "Bearer ===",
        ] {
            assert!(matches!(bearer_token(&headers(&[bad]), &plain), Err(Rejection::InvalidRequest(_))), "{bad:?}");
        }
        assert_eq!(
            bearer_token(&headers(&["Bearer a", "Bearer b"]), &plain),
            Err(Rejection::InvalidRequest("more than one Authorization header"))
        );
    }

    #[test]
    fn tokens_in_the_url_are_refused() {
        for q in ["/o?access_token=abc", "/o?x=1&access_token=abc", "/o?access%5Ftoken=abc", "/o?access_token"] {
            assert!(matches!(bearer_token(&HeaderMap::new(), &uri(q)), Err(Rejection::InvalidRequest(_))), "{q}");
            assert_eq!(
                bearer_token(&headers(&["Bearer abc"]), &uri(q)),
                Err(Rejection::InvalidRequest("the token was sent in more than one way")),
                "{q}"
            );
        }
        assert_eq!(bearer_token(&HeaderMap::new(), &uri("/o?not_access_token=1&access_tokens=2")), Ok(None));
    }
}
