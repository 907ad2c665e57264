//! Which URLs a key set or a discovery document may be fetched from.

use std::net::IpAddr;
use std::sync::Arc;

use reqwest::Url;

use crate::Error;

/// Parses `url` and holds it to the rules: `https` only; `http` only when
/// `allow_http_loopback` is set and the host is a loopback address
/// (`127.0.0.0/8`, `::1`, or `localhost`); no user name or password in
/// the URL; no fragment.
pub(crate) fn check(url: &str, allow_http_loopback: bool) -> Result<Url, Error> {
    let parsed = Url::parse(url).map_err(|e| refuse(format!("does not parse: {e}")))?;
    check_parsed(parsed, allow_http_loopback)
}

pub(crate) fn check_parsed(url: Url, allow_http_loopback: bool) -> Result<Url, Error> {
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("credentials in a URL are refused".into()));
    }
    if url.fragment().is_some() {
        return Err(refuse("a fragment is refused".into()));
    }
    match url.scheme() {
        "https" if url.host().is_some() => Ok(url),
        "http" if allow_http_loopback && is_loopback(&url) => Ok(url),
        "http" if allow_http_loopback => Err(refuse("plain http is allowed only for a loopback host".into())),
        "http" => Err(refuse("plain http is refused (https only; allow_http_loopback for local tests)".into())),
        other => Err(refuse(format!("scheme {other:?} is refused (https only)"))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

fn refuse(why: String) -> Error {
    Error::InsecureUrl(Arc::from(why))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_accepted_and_everything_else_refused() {
        assert!(check("https://id.example/jwks", false).is_ok());
        for url in [
            "http://id.example/jwks",
            "http://127.0.0.1/jwks",
            "file:///etc/passwd",
            "ftp://id.example/jwks",
            "https://user:pw@id.example/jwks",
            "https://id.example/jwks#frag",
            "data:application/json,{}",
            "not a url",
        ] {
            assert!(matches!(check(url, false), Err(Error::InsecureUrl(_))), "{url}");
        }
    }

    #[test]
    fn http_only_for_loopback_and_only_when_allowed() {
        for url in ["http://127.0.0.1:8080/jwks", "http://127.9.9.9/x", "http://[::1]:3000/", "http://localhost/x"] {
            assert!(check(url, true).is_ok(), "{url}");
            assert!(check(url, false).is_err(), "{url}");
        }
        for url in ["http://10.0.0.1/jwks", "http://169.254.169.254/latest", "http://localhost.example/x", "file:///x"]
        {
            assert!(check(url, true).is_err(), "{url}");
        }
    }
}
