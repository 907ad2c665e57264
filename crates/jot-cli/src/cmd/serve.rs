//! `jot serve`: the offline debugger page (debugger/, built into
//! target/debugger/ by debugger/build.sh) over HTTP on 127.0.0.1.
//!
//! A static server with nothing to configure and little to attack: the
//! page's files are read into memory at start (so a request can name only
//! one of them: no path is ever joined to a request), only GET and HEAD,
//! one bounded request per connection, a Host check against DNS rebinding,
//! and the page's Content-Security-Policy as a header.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::cli::ServeArgs;
use crate::error::{CliError, Result};

/// The policy of `debugger/page/index.html`'s meta element, plus what only
/// a header can say (`frame-ancestors`). `'wasm-unsafe-eval'` lets
/// WebAssembly compile; `connect-src 'none'` forbids every fetch.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; \
     form-action 'none'; frame-ancestors 'none'";

/// Longest request head (request line and headers).
const MAX_HEAD: usize = 8 * 1024;
/// Connections handled at once; more are closed unanswered.
const MAX_CONNECTIONS: usize = 32;
/// Most files, and bytes, the page may have.
const MAX_FILES: usize = 64;
const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;
/// How long a client may take to send its request, or to read the answer.
const READ_TIMEOUT: Duration = Duration::from_secs(5);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// One file of the page.
struct File {
    content_type: &'static str,
    body: Vec<u8>,
}

/// The page: file name (no directories) to contents.
struct Page(HashMap<String, File>);

fn content_type(name: &str) -> Option<&'static str> {
    Some(match name.rsplit_once('.')?.1 {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

impl Page {
    /// Reads the regular files of `dir` whose names are plain (ASCII
    /// letters, digits, `_`, `-`, `.`) with a known type. Subdirectories,
    /// symbolic links and other files are not served.
    fn load(dir: &Path) -> Result<Self> {
        let not_built = || {
            CliError::usage(format!(
                "--dir: no debugger page in {} (index.html missing): build it with debugger/build.sh, or give --dir",
                dir.display()
            ))
        };
        let entries = std::fs::read_dir(dir).map_err(|_| not_built())?;
        let mut files = HashMap::new();
        let mut total = 0u64;
        for entry in entries {
            let entry = entry.map_err(|e| CliError::usage(format!("--dir: cannot read {}: {e}", dir.display())))?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else { continue };
            let plain =
                name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b)) && !name.starts_with('.');
            let Some(content_type) = content_type(&name).filter(|_| plain) else { continue };
            // DirEntry::metadata does not follow a symbolic link: a link
            // is not a regular file, so nothing outside the folder is served.
            let meta = entry.metadata().map_err(|e| CliError::usage(format!("--dir: {name}: {e}")))?;
            if !meta.file_type().is_file() {
                continue;
            }
            let too_big =
                || CliError::usage(format!("--dir: {} holds more than a page (64 files, 64 MiB)", dir.display()));
            if files.len() >= MAX_FILES {
                return Err(too_big());
            }
            // Read with a bound (the file may have grown since it was listed).
            let mut body = Vec::new();
            std::fs::File::open(entry.path())
                .and_then(|f| f.take(MAX_PAGE_BYTES + 1).read_to_end(&mut body))
                .map_err(|e| CliError::usage(format!("--dir: {name}: {e}")))?;
            total = total.saturating_add(body.len() as u64);
            if total > MAX_PAGE_BYTES {
                return Err(too_big());
            }
            files.insert(name, File { content_type, body });
        }
        if !files.contains_key("index.html") {
            return Err(not_built());
        }
        Ok(Self(files))
    }
}

/// Runs the server until the process is stopped.
pub fn serve(args: &ServeArgs) -> Result<()> {
    let page = Arc::new(Page::load(&args.dir)?);
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, args.port))
        .map_err(|e| CliError::usage(format!("--port: cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
    let port = listener.local_addr().map_err(|e| CliError::usage(format!("--port: {e}")))?.port();
    {
        let mut out = std::io::stdout().lock();
        // The folder's name is shown as the errors show it: no control
        // characters reach the terminal.
        let dir = crate::escape::text(&args.dir.display().to_string());
        // A closed stdout is no reason to stop serving.
        let _ = writeln!(out, "jot debugger: http://127.0.0.1:{port}/ (serving {dir}; Ctrl-C to stop)");
        let _ = out.flush();
    }
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if active.fetch_add(1, Ordering::AcqRel) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::AcqRel);
            continue;
        }
        let (page, active) = (Arc::clone(&page), Arc::clone(&active));
        std::thread::spawn(move || {
            let _ = handle(stream, &page, port);
            active.fetch_sub(1, Ordering::AcqRel);
        });
    }
    Ok(())
}

/// Reads the request head: up to the blank line, within MAX_HEAD bytes.
fn read_head(stream: &mut TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    let start = std::time::Instant::now();
    loop {
        // The whole head within READ_TIMEOUT, not each read: a byte every
        // few seconds does not hold a connection open.
        if start.elapsed() > READ_TIMEOUT {
            return Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "request head too slow"));
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        head.extend_from_slice(buf.get(..n).unwrap_or_default());
        let end = head.windows(4).position(|w| w == b"\r\n\r\n");
        if end.unwrap_or(head.len()) > MAX_HEAD {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "request head too large"));
        }
        if let Some(end) = end {
            head.truncate(end);
            return Ok(Some(head));
        }
    }
}

/// The answer to one request head: status, reason and the file, if any.
fn route<'p>(head: &[u8], page: &'p Page, port: u16) -> (u16, &'static str, Option<&'p File>) {
    let Ok(head) = std::str::from_utf8(head) else { return (400, "Bad Request", None) };
    let mut lines = head.split("\r\n");
    let mut parts = lines.next().unwrap_or_default().split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return (400, "Bad Request", None);
    };
    if !version.starts_with("HTTP/1.") {
        return (505, "HTTP Version Not Supported", None);
    }
    // Exactly one Host, naming this server: a page on another name (DNS
    // rebinding) gets nothing.
    let hosts: Vec<&str> = lines
        .filter_map(|l| l.split_once(':'))
        .filter(|(name, _)| name.trim().eq_ignore_ascii_case("host"))
        .map(|(_, value)| value.trim())
        .collect();
    let ours = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !matches!(hosts.as_slice(), [host] if ours.iter().any(|o| o.eq_ignore_ascii_case(host))) {
        return (421, "Misdirected Request", None);
    }
    if method != "GET" && method != "HEAD" {
        return (405, "Method Not Allowed", None);
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let name = match path {
        "/" => "index.html",
        _ => match path.strip_prefix('/') {
            Some(name) => name,
            None => return (400, "Bad Request", None),
        },
    };
    match page.0.get(name) {
        Some(file) => (200, "OK", Some(file)),
        None => (404, "Not Found", None),
    }
}

fn handle(mut stream: TcpStream, page: &Page, port: u16) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let (status, reason, file, head_only) = match read_head(&mut stream) {
        Ok(Some(head)) => {
            let (status, reason, file) = route(&head, page, port);
            (status, reason, file, head.starts_with(b"HEAD "))
        }
        Ok(None) => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => (431, "Request Header Fields Too Large", None, false),
        Err(e) => return Err(e),
    };
    let (content_type, body): (&str, &[u8]) = match file {
        Some(f) => (f.content_type, &f.body),
        None => ("text/plain; charset=utf-8", reason.as_bytes()),
    };
    let allow = if status == 405 { "Allow: GET, HEAD\r\n" } else { "" };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{allow}\
         Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\nX-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\nCache-Control: no-store\r\nCross-Origin-Opener-Policy: same-origin\r\n\
         Cross-Origin-Resource-Policy: same-origin\r\nX-Frame-Options: DENY\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}
