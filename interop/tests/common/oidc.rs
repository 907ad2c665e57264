//! panva's oidc-provider (`interop/oidc/provider.mjs`, run by Node.js) as a
//! test's identity provider, and a client of the test's own (not jot's) for
//! its token and control endpoints. Used by `oidc_provider.rs`,
//! `axum_service.rs` and `axum_load.rs`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// The client `provider.mjs` registers (client_secret_basic).
pub const CLIENT_ID: &str = "jot-interop";
pub const CLIENT_SECRET: &str = "jot-interop-client-secret-not-a-real-secret-0123456789";
/// The access token lifetime `provider.mjs` starts with (see `Client::set_ttl`).
pub const TOKEN_TTL: i64 = 300;

fn oidc_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oidc")
}

/// Whether oidc-provider can run here; if not, says so loudly (and fails
/// under CI).
pub fn available(test: &str) -> bool {
    super::node::available(&oidc_dir(), "oidc-provider", "oidc-provider", test)
}

/// The running provider; killed when dropped (a failed assertion included).
pub struct Provider {
    child: Child,
    /// Held open: `provider.mjs` exits when its stdin closes, so it dies
    /// with this process even if `drop` never runs.
    _stdin: ChildStdin,
    pub issuer: String,
}

impl Provider {
    /// Starts `provider.mjs` on a port the OS chooses, its first signing
    /// key of algorithm `alg`.
    pub fn start(alg: &str) -> Self {
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .arg("0")
            .arg(alg)
            .current_dir(oidc_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node provider.mjs");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        // The provider's own output, shown with a failing test's output.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("[oidc-provider] {line}");
            }
        });
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
            if let Some(first) = lines.next() {
                let _ = tx.send(first);
            }
            for line in lines {
                eprintln!("[oidc-provider] {line}");
            }
        });
        // Guard first, so that a provider that never answers is killed too.
        let mut provider = Self { child, _stdin: stdin, issuer: String::new() };
        let issuer = rx.recv_timeout(Duration::from_secs(20)).expect("provider.mjs printed no issuer");
        assert!(issuer.starts_with("http://127.0.0.1:"), "{issuer}");
        provider.issuer = issuer;
        provider
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A token endpoint answer.
#[derive(Debug)]
pub struct Token {
    pub access_token: String,
    pub expires_in: i64,
    /// The granted scope, when the answer names one.
    pub scope: Option<String>,
}

/// An HTTP client for the provider's token endpoint and control endpoints.
pub struct Client {
    pub http: reqwest::Client,
    issuer: String,
    token_endpoint: String,
}

impl Client {
    pub async fn new(issuer: &str) -> Self {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).no_proxy().build().unwrap();
        let doc = get_json(&http, &format!("{issuer}/.well-known/openid-configuration")).await;
        assert_eq!(doc["issuer"], issuer);
        let token_endpoint = doc["token_endpoint"].as_str().unwrap().to_owned();
        Self { http, issuer: issuer.to_owned(), token_endpoint }
    }

    /// A client credentials access token for `resource` with scope `read`
    /// and the provider's starting lifetime.
    pub async fn token(&self, resource: &str) -> String {
        let token = self.token_with(resource, Some("read")).await;
        assert_eq!(token.expires_in, TOKEN_TTL);
        token.access_token
    }

    /// A client credentials access token for `resource`, asking for `scope`
    /// (space-separated) or none.
    pub async fn token_with(&self, resource: &str, scope: Option<&str>) -> Token {
        let mut body = format!("grant_type=client_credentials&resource={}", form_encode(resource));
        if let Some(scope) = scope {
            body.push_str(&format!("&scope={}", form_encode(scope)));
        }
        let response = self
            .http
            .post(&self.token_endpoint)
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let answer: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        assert_eq!(status, 200, "token endpoint: {answer}");
        assert_eq!(answer["token_type"], "Bearer");
        Token {
            access_token: answer["access_token"].as_str().unwrap().to_owned(),
            expires_in: answer["expires_in"].as_i64().unwrap(),
            scope: answer["scope"].as_str().map(str::to_owned),
        }
    }

    /// Rotates the provider's signing key to a new `alg` key; returns the
    /// new `kid` and the published kids (newest first).
    pub async fn rotate(&self, alg: &str) -> (String, Vec<String>) {
        let url = format!("{}/__rotate?alg={alg}", self.issuer);
        let response = self.http.post(url).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let answer: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        let kids = answer["kids"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_owned()).collect();
        (answer["kid"].as_str().unwrap().to_owned(), kids)
    }

    /// Sets the lifetime of the access tokens the provider issues from now on.
    pub async fn set_ttl(&self, seconds: u32) {
        let url = format!("{}/__ttl?seconds={seconds}", self.issuer);
        let response = self.http.post(url).send().await.unwrap();
        assert_eq!(response.status(), 200);
    }
}

pub async fn get_json(http: &reqwest::Client, url: &str) -> Value {
    let response = http.get(url).send().await.unwrap();
    assert_eq!(response.status(), 200, "{url}");
    serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
}

/// application/x-www-form-urlencoded for a value (unreserved characters
/// kept, everything else percent-encoded).
pub fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The kid in a compact token's header, read without verifying (to name
/// which key the provider signed with).
pub fn kid_of(token: &str) -> String {
    let header = token.split('.').next().unwrap();
    let header: Value = serde_json::from_slice(&jot_jwt::base64url::decode(header).unwrap()).unwrap();
    header["kid"].as_str().unwrap().to_owned()
}
