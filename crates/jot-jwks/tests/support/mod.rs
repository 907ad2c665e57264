//! Test support: a scripted HTTP/1.1 server on 127.0.0.1 with fault
//! injection, and keys, tokens and remote sets made with jot itself.
//!
//! The server is hand-rolled on tokio's `TcpListener` so that the faults the
//! tests need (a body trickled slower than the fetch timeout, a body longer
//! than its cap with or without `Content-Length`, a redirect, a wrong content
//! type) are exactly what goes on the wire. Each connection serves one
//! request and closes (`Connection: close`), so a request count is a count
//! of fetches.

// Each test binary uses part of this module; and these are test helpers,
// which fail the test (panic) rather than return errors, as the `#[test]`
// functions that call them may.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use jot_jwks::{RemoteJwkSet, RemoteJwkSetBuilder};
use jot_jwt::alg::JwsAlgorithm;
use jot_jwt::json::Object;
use jot_jwt::jwk::JwkAlgorithm;
use jot_jwt::{Jwk, JwkSet, Jwt, JwtBuilder, Validation};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// The longest any single awaited step of a test may take before the test
/// fails instead of hanging (generous: the machine is shared and slow).
pub const HANG: Duration = Duration::from_secs(20);

/// How the body of a response is framed on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// `Content-Length` set to the body's true length.
    Length,
    /// `Content-Length` set to a length the caller chose (a lie, or a
    /// declaration with no body behind it).
    DeclaredLength(usize),
    /// `Transfer-Encoding: chunked`: no length is known up front.
    Chunked,
}

/// One scripted response.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Headers besides the framing ones.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// How the body is framed.
    pub framing: Framing,
    /// A wait before the status line is sent.
    pub head_delay: Duration,
    /// A wait after the headers, before the body.
    pub body_delay: Duration,
    /// Send the body in pieces of this many bytes, with this wait between
    /// them.
    pub trickle: Option<(usize, Duration)>,
    /// When set: sent as `ETag`, and a request whose `If-None-Match` holds
    /// it is answered `304 Not Modified` (with the same headers, no body).
    pub etag: Option<String>,
}

impl Reply {
    /// A 200 with a JSON body of `application/json`.
    pub fn json(body: impl Into<String>) -> Self {
        Self::status(200).header("Content-Type", "application/json").body(body.into().into_bytes())
    }

    /// An empty response with `status`.
    pub fn status(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            framing: Framing::Length,
            head_delay: Duration::ZERO,
            body_delay: Duration::ZERO,
            trickle: None,
            etag: None,
        }
    }

    /// Replaces the status code.
    pub fn status_code(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Removes every header named `name`.
    pub fn without_header(mut self, name: &str) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self
    }

    /// Replaces the body.
    pub fn body(mut self, body: Vec<u8>) -> Self {
        self.body = body;
        self
    }

    /// Sets the framing.
    pub fn framing(mut self, framing: Framing) -> Self {
        self.framing = framing;
        self
    }

    /// Waits before answering at all.
    pub fn head_delay(mut self, delay: Duration) -> Self {
        self.head_delay = delay;
        self
    }

    /// Waits between the headers and the body.
    pub fn body_delay(mut self, delay: Duration) -> Self {
        self.body_delay = delay;
        self
    }

    /// Sends the body `chunk` bytes at a time, `every` apart.
    pub fn trickle(mut self, chunk: usize, every: Duration) -> Self {
        self.trickle = Some((chunk.max(1), every));
        self
    }

    /// Serves an `ETag` and answers a matching `If-None-Match` with 304.
    pub fn etag(mut self, etag: &str) -> Self {
        self.etag = Some(etag.to_owned());
        self
    }
}

/// A request the server saw.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The request target as sent.
    pub path: String,
    /// The headers, names lowercased, in order.
    pub headers: Vec<(String, String)>,
}

impl Seen {
    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Script {
    routes: HashMap<String, Reply>,
    seen: Vec<Seen>,
}

/// The scripted server. Routes can be changed while it runs; it stops (and
/// drops every open connection) when dropped.
pub struct TestServer {
    addr: SocketAddr,
    script: Arc<Mutex<Script>>,
    accept: tokio::task::AbortHandle,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // The accept task owns the connection tasks (a JoinSet): aborting it
        // drops them too.
        self.accept.abort();
    }
}

impl TestServer {
    /// Binds 127.0.0.1 on a free port and starts serving (every path 404
    /// until routed).
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let script = Arc::new(Mutex::new(Script::default()));
        let shared = Arc::clone(&script);
        let accept = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            loop {
                tokio::select! {
                    accepted = listener.accept() => {
                        let Ok((stream, _)) = accepted else { continue };
                        connections.spawn(serve(stream, Arc::clone(&shared)));
                    }
                    // Reap finished connections so the set stays small.
                    Some(_) = connections.join_next(), if !connections.is_empty() => {}
                }
            }
        });
        Self { addr, script, accept: accept.abort_handle() }
    }

    /// `http://127.0.0.1:port`, without a trailing slash.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:port{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    /// Serves `reply` at `path` from now on (replacing what was there).
    pub fn route(&self, path: &str, reply: Reply) {
        self.lock().routes.insert(path.to_owned(), reply);
    }

    /// Requests seen for `path` so far.
    pub fn hits(&self, path: &str) -> usize {
        self.lock().seen.iter().filter(|s| s.path == path).count()
    }

    /// Requests seen for any path so far.
    pub fn total_hits(&self) -> usize {
        self.lock().seen.len()
    }

    /// Every request seen for `path`, oldest first.
    pub fn seen(&self, path: &str) -> Vec<Seen> {
        self.lock().seen.iter().filter(|s| s.path == path).cloned().collect()
    }

    fn lock(&self) -> MutexGuard<'_, Script> {
        self.script.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Serves one request on `stream` and closes it.
async fn serve(mut stream: TcpStream, script: Arc<Mutex<Script>>) {
    let Some(seen) = read_head(&mut stream).await else { return };
    let reply = {
        let mut script = script.lock().unwrap_or_else(PoisonError::into_inner);
        let reply = script.routes.get(&seen.path).cloned();
        script.seen.push(seen.clone());
        reply
    };
    let reply =
        reply.unwrap_or_else(|| Reply::status(404).header("Content-Type", "text/plain").body(b"no route".to_vec()));
    let _ = write_reply(&mut stream, &reply, &seen).await;
    let _ = stream.shutdown().await;
}

/// Reads a request head (request line and headers), at most 16 KiB.
async fn read_head(stream: &mut TcpStream) -> Option<Seen> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    let end = loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        if buf.len() > 16 * 1024 {
            return None;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = std::str::from_utf8(&buf[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let _method = request_line.next()?;
    let path = request_line.next()?.to_owned();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Some(Seen { path, headers })
}

async fn write_reply(stream: &mut TcpStream, reply: &Reply, seen: &Seen) -> std::io::Result<()> {
    tokio::time::sleep(reply.head_delay).await;
    let not_modified = reply.etag.is_some() && seen.header("if-none-match") == reply.etag.as_deref();
    let status = if not_modified { 304 } else { reply.status };
    let mut head = format!("HTTP/1.1 {status} {}\r\nConnection: close\r\n", reason(status));
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(etag) = &reply.etag {
        head.push_str(&format!("ETag: {etag}\r\n"));
    }
    if not_modified {
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await?;
        return stream.flush().await;
    }
    match reply.framing {
        Framing::Length => head.push_str(&format!("Content-Length: {}\r\n", reply.body.len())),
        Framing::DeclaredLength(n) => head.push_str(&format!("Content-Length: {n}\r\n")),
        Framing::Chunked => head.push_str("Transfer-Encoding: chunked\r\n"),
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.flush().await?;
    tokio::time::sleep(reply.body_delay).await;
    let (piece, every) = reply.trickle.unwrap_or((reply.body.len().max(1), Duration::ZERO));
    for (i, part) in reply.body.chunks(piece).enumerate() {
        if i > 0 {
            tokio::time::sleep(every).await;
        }
        if reply.framing == Framing::Chunked {
            stream.write_all(format!("{:x}\r\n", part.len()).as_bytes()).await?;
            stream.write_all(part).await?;
            stream.write_all(b"\r\n").await?;
        } else {
            stream.write_all(part).await?;
        }
        stream.flush().await?;
    }
    if reply.framing == Framing::Chunked {
        stream.write_all(b"0\r\n\r\n").await?;
    }
    stream.flush().await
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

// ---- keys, sets and tokens, made with jot ----

/// A fresh ES256 key pair carrying `kid`.
pub fn es256(kid: &str) -> Jwk {
    let mut key = Jwk::generate_for_jws(JwsAlgorithm::ES256).expect("generate ES256");
    key.set_kid(kid);
    key
}

/// A fresh key pair for `alg` carrying `kid`.
pub fn key_for(alg: JwsAlgorithm, kid: &str) -> Jwk {
    let mut key = Jwk::generate_for_jws(alg).expect("generate");
    key.set_kid(kid);
    key
}

/// The published JWK Set (public parts) of `keys`.
pub fn set_json(keys: &[&Jwk]) -> String {
    JwkSet::from_keys(keys.iter().map(|k| k.to_public().expect("public part")).collect()).to_json()
}

/// A JWT signed by `key` (its own `alg` and `kid`), valid for 5 minutes.
pub fn token(key: &Jwk) -> String {
    token_with(key, JwtBuilder::new())
}

/// A JWT signed by `key`, from a builder the caller set up.
pub fn token_with(key: &Jwk, builder: JwtBuilder) -> String {
    let alg = match key.alg() {
        Some(JwkAlgorithm::Jws(alg)) => *alg,
        other => panic!("a generated key names its JWS algorithm, not {other:?}"),
    };
    builder
        .subject("alice")
        .expires_in(Duration::from_secs(300))
        .sign(&key.signing_key(alg).expect("signing key"))
        .expect("sign")
}

/// A JWT signed by `key` whose header names `kid` instead of the key's.
pub fn token_kid(key: &Jwk, kid: &str) -> String {
    token_with(key, JwtBuilder::new().kid(kid))
}

// ---- remote sets with short timings ----

/// A builder for `url` accepting ES256 over loopback http, with timings
/// short enough for tests: fetch timeout 2 s, cooldown 1 s, freshness 60 s,
/// no refresh ahead to speak of (1 ms), stale-if-error 60 s.
pub fn remote(url: &str) -> RemoteJwkSetBuilder {
    short_timings(RemoteJwkSet::builder(url))
}

/// The short timings of [`remote`] applied to any builder.
pub fn short_timings(builder: RemoteJwkSetBuilder) -> RemoteJwkSetBuilder {
    builder
        .algorithms(&[JwsAlgorithm::ES256])
        .allow_http_loopback()
        .timeout(Duration::from_secs(2))
        .connect_timeout(Duration::from_secs(2))
        .cooldown(Duration::from_secs(1))
        .ttl(Duration::from_secs(60))
        .ttl_bounds(Duration::from_secs(1), Duration::from_secs(3600))
        .refresh_ahead(Duration::from_millis(1))
        .stale_if_error(Duration::from_secs(60))
}

/// Verifies `token` with the remote set through jot-jwt, failing the test
/// rather than hanging.
pub async fn verify(jwks: &RemoteJwkSet, token: &str) -> Result<Jwt<Object>, jot_jwt::Error> {
    verify_with(&Validation::from_remote(jwks.clone()), token).await
}

/// Verifies `token` with a validation the caller built.
pub async fn verify_with(validation: &Validation, token: &str) -> Result<Jwt<Object>, jot_jwt::Error> {
    bounded(validation.verify_async::<Object>(token)).await
}

/// Awaits `fut`, failing the test after [`HANG`].
pub async fn bounded<F: Future>(fut: F) -> F::Output {
    tokio::time::timeout(HANG, fut).await.expect("the step hung past its bound")
}

/// Polls `cond` every 20 ms until it holds, failing the test after [`HANG`].
pub async fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + HANG;
    while !cond() {
        assert!(tokio::time::Instant::now() < deadline, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The key source error inside a jot-jwt error, or a test failure.
pub fn key_source(err: jot_jwt::Error) -> jot_jwks::Error {
    match err {
        jot_jwt::Error::KeySource(e) => e,
        other => panic!("expected a KeySource error, got {other:?}"),
    }
}

/// The fetch error inside `Unavailable`, or a test failure.
pub fn unavailable_cause(err: jot_jwt::Error) -> jot_jwks::Error {
    let e = key_source(err);
    assert!(e.is_unavailable(), "{e:?} should be a key source outage");
    match e {
        jot_jwks::Error::Unavailable(inner) => *inner,
        other => panic!("expected Unavailable(..), got {other:?}"),
    }
}
