//! A WebDriver (W3C) client for Debian's chromium and chromium-driver,
//! over a raw HTTP/1.1 connection: the few commands the debugger's browser
//! test needs, and Chrome's performance log (the browser's own record of
//! every network request the page made).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::TempDir;

/// The W3C element reference key.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Where the browser and its driver are: JOT_CHROMIUM / JOT_CHROMEDRIVER,
/// else Debian's paths. `None` when either is missing.
pub fn binaries() -> Option<(PathBuf, PathBuf)> {
    let find = |var: &str, path: &str| {
        let p = std::env::var_os(var).map_or_else(|| PathBuf::from(path), PathBuf::from);
        p.is_file().then_some(p)
    };
    Some((find("JOT_CHROMIUM", "/usr/bin/chromium")?, find("JOT_CHROMEDRIVER", "/usr/bin/chromedriver")?))
}

/// A chromedriver process and one headless chromium session; both end on
/// drop.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: TempDir,
}

impl Browser {
    pub fn start(chromium: &Path, chromedriver: &Path) -> Self {
        let port = TcpListener::bind(("127.0.0.1", 0)).unwrap().local_addr().unwrap().port();
        let mut driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // "ChromeDriver was started successfully on port N."
        let mut out = BufReader::new(driver.stdout.take().unwrap());
        let mut line = String::new();
        while out.read_line(&mut line).unwrap() > 0 && !line.contains("started successfully") {
            line.clear();
        }
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let profile = TempDir::new();
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1400,1800",
        ]
        .iter()
        .map(|a| (*a).to_owned())
        .chain([format!("--user-data-dir={}", profile.path().display())])
        .collect::<Vec<_>>();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
            "goog:loggingPrefs": {"performance": "ALL", "browser": "ALL"},
        }}});
        let mut browser = Self { driver, port, session: String::new(), _profile: profile };
        let v = browser.http("POST", "/session", Some(&caps));
        browser.session = v["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {v}")).to_owned();
        browser
    }

    /// One WebDriver command; returns its `value`, panicking on an error.
    fn http(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        )
        .unwrap();
        // chromedriver keeps the connection open whatever the request says:
        // read the head, then Content-Length bytes (it always sends one).
        let mut raw = Vec::new();
        let mut buf = [0u8; 16 * 1024];
        let end = loop {
            if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break end;
            }
            let n = s.read(&mut buf).unwrap();
            assert!(n > 0, "chromedriver closed the connection");
            raw.extend_from_slice(&buf[..n]);
        };
        let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
        let mut payload = raw[end + 4..].to_vec();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .unwrap_or_else(|| panic!("chromedriver: no Content-Length: {head}"))
            .trim()
            .parse()
            .unwrap();
        while payload.len() < length {
            let n = s.read(&mut buf).unwrap();
            assert!(n > 0, "chromedriver closed the connection");
            payload.extend_from_slice(&buf[..n]);
        }
        let v: Value = serde_json::from_slice(&payload).unwrap_or_else(|e| panic!("chromedriver: {e}"));
        let status = head.split(' ').nth(1).unwrap_or_default();
        assert_eq!(status, "200", "{method} {path}: {v}");
        v["value"].clone()
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    pub fn go(&self, url: &str) {
        self.http("POST", &self.session_path("/url"), Some(&json!({ "url": url })));
    }

    /// Runs `script` (a function body; `arguments` are `args`).
    pub fn run(&self, script: &str, args: &[Value]) -> Value {
        self.http("POST", &self.session_path("/execute/sync"), Some(&json!({ "script": script, "args": args })))
    }

    /// Runs `script` whose last argument is the callback to answer with.
    pub fn run_async(&self, script: &str, args: &[Value]) -> Value {
        self.http("POST", &self.session_path("/execute/async"), Some(&json!({ "script": script, "args": args })))
    }

    fn element(&self, css: &str) -> String {
        let v =
            self.http("POST", &self.session_path("/element"), Some(&json!({"using": "css selector", "value": css})));
        v[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}: {v}")).to_owned()
    }

    /// Grants the page a permission (`clipboard-read`, say).
    pub fn grant(&self, permission: &str) {
        let body = json!({ "descriptor": { "name": permission }, "state": "granted" });
        self.http("POST", &self.session_path("/permissions"), Some(&body));
    }

    /// Clicks the element `css`, as a user would.
    pub fn click(&self, css: &str) {
        let e = self.element(css);
        self.http("POST", &self.session_path(&format!("/element/{e}/click")), Some(&json!({})));
    }

    /// Types `text` into the element `css`, key by key.
    pub fn type_text(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.http("POST", &self.session_path(&format!("/element/{e}/value")), Some(&json!({ "text": text })));
    }

    /// The rendered text of the element `css`.
    pub fn text(&self, css: &str) -> String {
        let e = self.element(css);
        self.http("GET", &self.session_path(&format!("/element/{e}/text")), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits (30 s at most) until `script` returns `true`.
    pub fn wait_for(&self, script: &str, what: &str) {
        let start = Instant::now();
        while self.run(script, &[]) != Value::Bool(true) {
            assert!(start.elapsed() < Duration::from_secs(30), "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A PNG of the viewport, written to `path`.
    pub fn screenshot(&self, path: &Path) {
        use base64ct::{Base64, Encoding};
        let v = self.http("GET", &self.session_path("/screenshot"), None);
        let png = Base64::decode_vec(v.as_str().unwrap()).unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }

    /// The entries of a Chrome log (`performance`, `browser`) since the
    /// last read, each entry's `message` parsed.
    pub fn log(&self, kind: &str) -> Vec<Value> {
        let v = self.http("POST", &self.session_path("/se/log"), Some(&json!({ "type": kind })));
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let m = e["message"].as_str().unwrap_or_default();
                serde_json::from_str(m).unwrap_or_else(|_| Value::String(m.to_owned()))
            })
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = self.session_path("");
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.http("DELETE", &path, None)));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
