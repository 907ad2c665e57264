//! One bounded HTTP GET: status 200 (or 304 to a revalidation), a JSON
//! content type, a capped body, and the caching headers.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, ETAG, HeaderMap, IF_NONE_MATCH};
use reqwest::{Client, StatusCode, Url};

use crate::Error;

/// What a GET brought back.
#[derive(Debug)]
pub(crate) enum Fetched {
    /// 304 to an `If-None-Match`: the document the caller holds is current.
    NotModified { max_age: Option<Duration> },
    /// 200 with a JSON body within the cap.
    Body { bytes: Vec<u8>, etag: Option<String>, max_age: Option<Duration> },
}

/// An HTTP client that follows no redirect and holds every request to the
/// connect and whole-fetch timeouts.
pub(crate) fn client(connect_timeout: Duration, timeout: Duration) -> Result<Client, Error> {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(connect_timeout)
        .timeout(timeout)
        .https_only(false) // the URL policy decides, per URL, before any request
        .user_agent(concat!("jot-jwks/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::Connect(Arc::from(e.to_string())))
}

/// GETs `url`. `etag` (the one of the document held) makes it a
/// revalidation, to which 304 is an answer. The body is read in chunks and
/// abandoned as soon as it passes `max_body`.
pub(crate) async fn get(
    client: &Client,
    url: &Url,
    accept: &'static str,
    etag: Option<&str>,
    max_body: usize,
) -> Result<Fetched, Error> {
    let mut request = client.get(url.clone()).header(ACCEPT, accept);
    if let Some(etag) = etag {
        request = request.header(IF_NONE_MATCH, etag);
    }
    let mut response = request.send().await.map_err(transport)?;
    let status = response.status();
    let headers = response.headers();
    let max_age = max_age(headers);
    if status == StatusCode::NOT_MODIFIED && etag.is_some() {
        return Ok(Fetched::NotModified { max_age });
    }
    if status != StatusCode::OK {
        return Err(Error::Status(status.as_u16()));
    }
    if !is_json(headers) {
        return Err(Error::ContentType);
    }
    let declared = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > max_body as u64) {
        return Err(Error::BodyTooLarge { max: max_body });
    }
    let etag = headers.get(ETAG).and_then(|v| v.to_str().ok()).filter(|v| v.len() <= 256).map(str::to_owned);
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(transport)? {
        if bytes.len().saturating_add(chunk.len()) > max_body {
            return Err(Error::BodyTooLarge { max: max_body });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Fetched::Body { bytes, etag, max_age })
}

fn transport(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout
    } else {
        // reqwest's text names the URL and the cause, never the body.
        Error::Connect(Arc::from(e.without_url().to_string()))
    }
}

/// `application/json`, or any `application/<name>+json`
/// (`application/jwk-set+json`), parameters aside.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The `max-age` of `Cache-Control`; `no-cache` and `no-store` read as 0
/// (the caller clamps it to its minimum).
fn max_age(headers: &HeaderMap) -> Option<Duration> {
    let mut age = None;
    for value in headers.get_all(CACHE_CONTROL) {
        let Ok(value) = value.to_str() else { continue };
        for directive in value.split(',') {
            let directive = directive.trim();
            let (name, arg) = directive.split_once('=').unwrap_or((directive, ""));
            let name = name.trim().to_ascii_lowercase();
            match name.as_str() {
                "no-cache" | "no-store" => return Some(Duration::ZERO),
                "max-age" => {
                    let arg = arg.trim().trim_matches('"');
                    // Overlong numbers saturate; junk is ignored.
                    if !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit()) {
                        age = Some(Duration::from_secs(arg.parse::<u64>().unwrap_or(u64::MAX)));
                    }
                }
                _ => {}
            }
        }
    }
    age
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn headers(pairs: &[(reqwest::header::HeaderName, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(name, HeaderValue::from_static(value));
        }
        h
    }

    #[test]
    fn json_content_types() {
        for ok in ["application/json", "application/jwk-set+json", "Application/JSON; charset=utf-8"] {
            assert!(is_json(&headers(&[(CONTENT_TYPE, ok)])), "{ok}");
        }
        for bad in ["text/html", "application/jsonp", "text/json+x", "application/octet-stream"] {
            assert!(!is_json(&headers(&[(CONTENT_TYPE, bad)])), "{bad}");
        }
        assert!(!is_json(&HeaderMap::new()));
    }

    #[test]
    fn cache_control_max_age() {
        assert_eq!(max_age(&headers(&[(CACHE_CONTROL, "public, max-age=600")])), Some(Duration::from_secs(600)));
        assert_eq!(max_age(&headers(&[(CACHE_CONTROL, "max-age=\"60\"")])), Some(Duration::from_secs(60)));
        assert_eq!(max_age(&headers(&[(CACHE_CONTROL, "no-store")])), Some(Duration::ZERO));
        assert_eq!(max_age(&headers(&[(CACHE_CONTROL, "max-age=-5")])), None);
        assert_eq!(
            max_age(&headers(&[(CACHE_CONTROL, "max-age=99999999999999999999999")])),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(max_age(&HeaderMap::new()), None);
    }
}
