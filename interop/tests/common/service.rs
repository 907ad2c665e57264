//! jot-axum's example service (`crates/jot-axum/examples/service/app.rs`,
//! the very same router) served on loopback, and what a test reads from its
//! answers. Used by `axum_service.rs` and `axum_load.rs`.

use std::collections::BTreeMap;

use axum::Router;

#[path = "../../../crates/jot-axum/examples/service/app.rs"]
pub mod app;

/// The resource the service is: the `aud` of its tokens.
pub const AUDIENCE: &str = "urn:jot:orders-api";
/// Another resource of the same provider.
pub const OTHER_AUDIENCE: &str = "urn:jot:other-api";

/// Serves `router` on `127.0.0.1:<port the OS chooses>` in a task of the
/// current runtime (it stops with the runtime); returns its base URL.
pub async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

/// The test's HTTP client for the service (no proxy, no redirects).
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .unwrap()
}

/// What the service answered.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    /// `WWW-Authenticate`, when sent.
    pub challenge: Option<String>,
    pub body: String,
}

impl Answer {
    /// The verdict the answer carries: status, RFC 6750 error code and
    /// `scope` attribute.
    pub fn verdict(&self) -> Verdict {
        let params = self.challenge.as_deref().map(challenge_params).unwrap_or_default();
        Verdict {
            status: self.status,
            error: params.get("error").cloned(),
            scope: params.get("scope").cloned(),
            challenged: self.challenge.is_some(),
        }
    }

    /// An attribute of the Bearer challenge.
    pub fn param(&self, name: &str) -> Option<String> {
        self.challenge.as_deref().map(challenge_params).and_then(|p| p.get(name).cloned())
    }
}

/// An answer's verdict, compared with the expected one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub status: u16,
    pub error: Option<String>,
    pub scope: Option<String>,
    /// Whether `WWW-Authenticate` was sent.
    pub challenged: bool,
}

impl Verdict {
    pub fn ok() -> Self {
        Self { status: 200, error: None, scope: None, challenged: false }
    }
    /// 401 with a challenge and no error code (no credentials).
    pub fn challenge() -> Self {
        Self { status: 401, error: None, scope: None, challenged: true }
    }
    pub fn error(status: u16, error: &str) -> Self {
        Self { status, error: Some(error.to_owned()), scope: None, challenged: true }
    }
    pub fn insufficient_scope(scope: &str) -> Self {
        Self { status: 403, error: Some("insufficient_scope".into()), scope: Some(scope.into()), challenged: true }
    }
}

/// Sends a request; `authorization` is the whole header value.
pub async fn send(http: &reqwest::Client, method: reqwest::Method, url: &str, authorization: Option<&str>) -> Answer {
    let mut request = http.request(method, url);
    if let Some(value) = authorization {
        request = request.header(reqwest::header::AUTHORIZATION, value);
    }
    let response = request.send().await.unwrap_or_else(|e| panic!("{url}: {e}"));
    let status = response.status().as_u16();
    let challenge = response
        .headers()
        .get(reqwest::header::WWW_AUTHENTICATE)
        .map(|v| v.to_str().expect("WWW-Authenticate is visible ASCII").to_owned());
    let body = response.text().await.unwrap();
    Answer { status, challenge, body }
}

/// GET `url` with `Authorization: Bearer <token>`, or without credentials.
pub async fn get(http: &reqwest::Client, url: &str, token: Option<&str>) -> Answer {
    let authorization = token.map(|t| format!("Bearer {t}"));
    send(http, reqwest::Method::GET, url, authorization.as_deref()).await
}

/// The attributes of a `Bearer` challenge (RFC 6750 section 3: `Bearer`,
/// then `name="value"` pairs separated by commas; jot-axum's values hold no
/// `"` or `\`). Panics on anything else.
pub fn challenge_params(challenge: &str) -> BTreeMap<String, String> {
    let rest = challenge.strip_prefix("Bearer ").unwrap_or_else(|| panic!("not a Bearer challenge: {challenge}"));
    let mut params = BTreeMap::new();
    let mut rest = rest.trim_start();
    while !rest.is_empty() {
        let (name, after) = rest.split_once("=\"").unwrap_or_else(|| panic!("bad challenge: {challenge}"));
        let (value, after) = after.split_once('"').unwrap_or_else(|| panic!("bad challenge: {challenge}"));
        assert!(params.insert(name.trim().to_owned(), value.to_owned()).is_none(), "repeated {name}: {challenge}");
        rest = after.trim_start().strip_prefix(',').unwrap_or(after).trim_start();
    }
    params
}

/// The token with one character in the middle of its signature changed
/// (still canonical base64url, so the refusal is the signature's).
pub fn tamper_signature(token: &str) -> String {
    let sig_start = token.rfind('.').unwrap() + 1;
    let at = sig_start + (token.len() - sig_start) / 2;
    let mut bytes = token.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

/// The token with its header replaced by one naming a kid nobody published.
pub fn with_unknown_kid(token: &str) -> String {
    let header = jot_jwt::base64url::encode(br#"{"alg":"RS256","typ":"at+jwt","kid":"rs256-999"}"#);
    let rest = &token[token.find('.').unwrap()..];
    format!("{header}{rest}")
}
