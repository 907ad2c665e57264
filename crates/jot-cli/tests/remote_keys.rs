//! `jot jwt verify --jwks-url` and `--oidc`: keys fetched from a server on
//! 127.0.0.1 (plain http, so `--allow-http-loopback`), discovery binding
//! the issuer, and the exit statuses: 0 verified, 1 rejected, 2 usage (an
//! http URL without the flag, refused before any request), 3 keys
//! unavailable (the server failing).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::{KeyPair, TempDir, json};

/// A server on 127.0.0.1 answering each path with a fixed status and JSON
/// body, counting the requests per path. It runs until the test ends.
struct Server {
    base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    total: Arc<AtomicUsize>,
}

impl Server {
    fn start(routes: Vec<(String, u16, String)>) -> Self {
        Self::start_with(TcpListener::bind("127.0.0.1:0").unwrap(), routes)
    }

    fn start_with(listener: TcpListener, routes: Vec<(String, u16, String)>) -> Self {
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let total = Arc::new(AtomicUsize::new(0));
        let (h, t) = (Arc::clone(&hits), Arc::clone(&total));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                // Headers until the blank line.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request_line.split(' ').nth(1).unwrap_or("").to_owned();
                t.fetch_add(1, Ordering::SeqCst);
                *h.lock().unwrap().entry(path.clone()).or_insert(0) += 1;
                let (status, body) = routes
                    .iter()
                    .find(|(p, _, _)| *p == path)
                    .map_or((404, String::from("{}")), |(_, s, b)| (*s, b.clone()));
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Self { base, hits, total }
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn key(kid: &str) -> KeyPair {
    KeyPair::generate(&["--alg", "ES256", "--kid", kid])
}

fn jwks(keys: &[&KeyPair]) -> String {
    serde_json::json!({ "keys": keys.iter().map(|k| json(&k.public)).collect::<Vec<_>>() }).to_string()
}

fn sign(dir: &TempDir, key: &KeyPair, extra: &[&str]) -> String {
    dir.write("signing.jwk", &key.private);
    let mut args = vec!["jwt", "sign", "--key", "signing.jwk", "--alg", "ES256", "--aud", "api", "--exp", "5m"];
    args.extend_from_slice(extra);
    dir.jot(&args).line()
}

#[test]
fn jwks_url_verifies_and_refuses() {
    let dir = TempDir::new();
    let (k1, k2) = (key("k1"), key("k2"));
    let server = Server::start(vec![("/jwks.json".into(), 200, jwks(&[&k1]))]);
    let url = format!("{}/jwks.json", server.base);
    let verify = |token: &str, extra: &[&str]| {
        dir.write("token.txt", token);
        let mut args = vec!["jwt", "verify", "--jwks-url", &url, "--alg", "ES256", "--aud", "api"];
        args.extend_from_slice(extra);
        args.push("token.txt");
        dir.jot(&args)
    };

    let good = sign(&dir, &k1, &[]);
    let claims = verify(&good, &["--allow-http-loopback"]).json();
    assert_eq!(claims["aud"], "api");
    assert_eq!(server.hits("/jwks.json"), 1);

    // A kid the set lacks: rejected (exit 1), after one more fetch.
    let unknown = sign(&dir, &k2, &[]);
    let line = verify(&unknown, &["--allow-http-loopback"]).fails(1);
    assert!(line.contains("no key"), "{line}");

    // Plain http without the flag: refused before any request.
    let before = server.total.load(Ordering::SeqCst);
    let line = verify(&good, &[]).fails(2);
    assert!(line.contains("http"), "{line}");
    assert_eq!(server.total.load(Ordering::SeqCst), before);

    // A server that fails: exit 3, keys unavailable.
    let missing = format!("{}/missing.json", server.base);
    dir.write("token.txt", &good);
    let line = dir
        .jot(&["jwt", "verify", "--jwks-url", &missing, "--allow-http-loopback", "--alg", "ES256", "token.txt"])
        .fails(3);
    assert!(line.contains("404"), "{line}");
}

#[test]
fn oidc_discovery_binds_the_issuer() {
    let dir = TempDir::new();
    let k1 = key("k1");
    // The issuer is the server's own base URL, known once it is bound.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let metadata = serde_json::json!({
        "issuer": issuer,
        "jwks_uri": format!("{issuer}/keys"),
        "id_token_signing_alg_values_supported": ["ES256"],
    })
    .to_string();
    let server = Server::start_with(
        listener,
        vec![("/.well-known/openid-configuration".into(), 200, metadata), ("/keys".into(), 200, jwks(&[&k1]))],
    );

    let good = sign(&dir, &k1, &["--iss", &issuer]);
    dir.write("token.txt", &good);
    let args = ["jwt", "verify", "--oidc", &issuer, "--allow-http-loopback", "--alg", "ES256", "--aud", "api"];
    let mut with_file = args.to_vec();
    with_file.push("token.txt");
    assert_eq!(dir.jot(&with_file).json()["iss"], issuer.as_str());
    assert_eq!(server.hits("/.well-known/openid-configuration"), 1);
    assert_eq!(server.hits("/keys"), 1);

    // Signed by the provider's key but naming another issuer: refused,
    // even when --iss names that other issuer too.
    let other = sign(&dir, &k1, &["--iss", "https://evil.example"]);
    dir.write("token.txt", &other);
    let mut widened = args.to_vec();
    widened.extend_from_slice(&["--iss", "https://evil.example", "token.txt"]);
    let line = dir.jot(&widened).fails(1);
    assert!(line.contains("issuer"), "{line}");
}
