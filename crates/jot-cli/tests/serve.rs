//! `jot serve`: the debugger page over HTTP on 127.0.0.1, and the forms of
//! request it must refuse. The page itself is tested in a real browser by
//! tests/debugger_browser.rs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::path::Path;

use common::TempDir;
use common::server::Server;

/// The page's sources (debugger/page/) copied into a temporary folder,
/// beside files that must never be served; the second folder holds the
/// target of the folder's symbolic link, and must outlive the server.
fn page_dir() -> (TempDir, TempDir) {
    let dir = TempDir::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../debugger/page");
    for name in ["index.html", "style.css", "app.js"] {
        std::fs::copy(src.join(name), dir.path().join(name)).unwrap();
    }
    dir.write("notes.txt", "not a page file type");
    dir.write(".hidden.js", "hidden");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/inner.js"), "in a subfolder").unwrap();
    let outside = TempDir::new();
    std::fs::write(outside.path().join("secret.js"), "outside the page").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join("secret.js"), dir.path().join("link.js")).unwrap();
    (dir, outside)
}

/// The policy of the page's meta element.
fn meta_policy() -> String {
    let html =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../debugger/page/index.html")).unwrap();
    let start = html.find("http-equiv=\"Content-Security-Policy\" content=\"").unwrap();
    let rest = &html[start..];
    let rest = &rest[rest.find("content=\"").unwrap() + 9..];
    rest[..rest.find('"').unwrap()].to_owned()
}

#[test]
fn serves_the_page_with_its_security_headers() {
    let (dir, _outside) = page_dir();
    let server = Server::start(dir.path());
    let r = server.request("GET", "/");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, std::fs::read(dir.path().join("index.html")).unwrap());
    assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
    // The header policy is the page's meta policy plus what only a header
    // can say.
    let policy = r.header("content-security-policy");
    assert_eq!(policy, format!("{}; frame-ancestors 'none'", meta_policy()));
    assert!(policy.contains("connect-src 'none'"), "{policy}");
    assert_eq!(r.header("x-content-type-options"), "nosniff");
    assert_eq!(r.header("cache-control"), "no-store");
    assert_eq!(r.header("referrer-policy"), "no-referrer");
    assert_eq!(r.header("x-frame-options"), "DENY");
    let r = server.request("GET", "/app.js");
    assert_eq!((r.status, r.header("content-type")), (200, "text/javascript; charset=utf-8"));
    // A query is never needed by the page, and changes nothing.
    assert_eq!(server.request("GET", "/index.html?token=x").status, 200);
    // HEAD: the head alone.
    let r = server.request("HEAD", "/style.css");
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-length"), std::fs::metadata(dir.path().join("style.css")).unwrap().len().to_string());
}

#[test]
fn serves_nothing_but_the_page_files() {
    let (dir, _outside) = page_dir();
    let server = Server::start(dir.path());
    for target in [
        "/notes.txt",
        "/.hidden.js",
        "/sub/inner.js",
        "/link.js",
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/..%2fCargo.toml",
        "//etc/passwd",
        "/index.html/",
        "/INDEX.HTML",
        "/sub",
    ] {
        let r = server.request("GET", target);
        assert_eq!(r.status, 404, "{target}");
        assert_eq!(r.body, b"Not Found", "{target}");
    }
    // Not an origin-form target.
    assert_eq!(server.request("GET", "http://127.0.0.1/").status, 400);
    assert_eq!(server.request("GET", "*").status, 400);
}

#[test]
fn refuses_other_methods_hosts_and_malformed_requests() {
    let (dir, _outside) = page_dir();
    let server = Server::start(dir.path());
    let port = server.port;
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT"] {
        let r = server.request(method, "/");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), "GET, HEAD");
    }
    // DNS rebinding: a page on another name that resolves to 127.0.0.1.
    let host = |h: &str| server.raw(format!("GET / HTTP/1.1\r\n{h}\r\n").as_bytes()).status;
    assert_eq!(host(&format!("Host: evil.example:{port}\r\n")), 421);
    assert_eq!(host("Host: 127.0.0.1:1\r\n"), 421);
    assert_eq!(host(""), 421, "no Host");
    assert_eq!(host(&format!("Host: 127.0.0.1:{port}\r\nHost: evil.example\r\n")), 421, "two Hosts");
    assert_eq!(host(&format!("Host: localhost:{port}\r\n")), 200);
    // Malformed heads.
    assert_eq!(server.raw(format!("GET / HTTP/2.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes()).status, 505);
    assert_eq!(server.raw(b"GET /\r\n\r\n").status, 400);
    assert_eq!(server.raw(b"GET  / HTTP/1.1\r\n\r\n").status, 400);
    assert_eq!(server.raw(b"\xff\xfe / HTTP/1.1\r\n\r\n").status, 400);
    // An endless head is cut off at 8 KiB.
    let long = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX: {}\r\n\r\n", "a".repeat(9000));
    assert_eq!(server.raw(long.as_bytes()).status, 431);
}

#[test]
fn a_silent_client_does_not_hold_up_others() {
    let (dir, _outside) = page_dir();
    let server = Server::start(dir.path());
    // Connected, half a request, then nothing.
    let mut idle = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    idle.write_all(b"GET / HT").unwrap();
    assert_eq!(server.request("GET", "/").status, 200);
    drop(idle);
}

#[test]
fn without_a_built_page_it_says_how_to_build_one() {
    let dir = TempDir::new();
    let out = dir.jot(&["serve", "--port", "0", "--dir", "nothing-here"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("debugger/build.sh"), "{}", out.stderr);
    // A folder without index.html is not a page either.
    dir.write("app.js", "");
    let out = dir.jot(&["serve", "--port", "0", "--dir", "."]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("index.html missing"), "{}", out.stderr);
}

#[test]
fn a_folder_bigger_than_a_page_is_refused() {
    let dir = TempDir::new();
    dir.write("index.html", "<!doctype html>");
    for i in 0..64 {
        dir.write(&format!("f{i}.js"), "");
    }
    let out = dir.jot(&["serve", "--port", "0", "--dir", "."]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("holds more than a page"), "{}", out.stderr);
}

#[test]
fn a_port_in_use_is_a_usage_error() {
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (dir, _outside) = page_dir();
    let page = dir.path().to_str().unwrap();
    let out = TempDir::new().jot(&["serve", "--port", &port, "--dir", page]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("cannot listen on 127.0.0.1"), "{}", out.stderr);
}
