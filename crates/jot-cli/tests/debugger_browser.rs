//! The offline debugger page in a real browser: Debian's chromium, driven
//! headless over WebDriver by chromium-driver. The page is the one
//! debugger/build.sh built (target/debugger/, or JOT_DEBUGGER_DIR), served
//! by `jot serve` and then opened from disk. Tokens and keys come from
//! `vectors/`; the test checks what the page shows (verified, rejected
//! with jot's reason, lints), that the browser made no network request
//! after the page loaded (Chrome's own request log) and that the CSP
//! forbids one, and writes screenshots to target/debugger-screenshots/.
//!
//! Without chromium, chromium-driver or a built page the test says so
//! loudly and passes; under CI (`.ci/run` installs all three) it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::TempDir;
use common::server::Server;
use common::webdriver::{self, Browser};
use jot_test_support::{load, vector_text as text};
use serde_json::json;

/// The workspace's target folder.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"), PathBuf::from)
}

/// The built page, if it is there and built from the current sources.
fn page_dir() -> Result<PathBuf, String> {
    // debugger/build.sh writes target/debugger/ in the repository, whatever
    // CARGO_TARGET_DIR says (as `jot serve`'s default --dir assumes).
    let repo_page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debugger");
    let dir = std::env::var_os("JOT_DEBUGGER_DIR").map_or(repo_page, PathBuf::from);
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../debugger/page");
    for name in ["index.html", "app.js", "style.css"] {
        let built = std::fs::read(dir.join(name))
            .map_err(|_| format!("no built page in {} (run debugger/build.sh)", dir.display()))?;
        // A page built from older sources would test the wrong thing.
        if built != std::fs::read(src.join(name)).unwrap() {
            return Err(format!("{} is older than debugger/page/{name} (run debugger/build.sh)", dir.display()));
        }
    }
    for name in ["jot_wasm.js", "jot_wasm_bytes.js"] {
        if !dir.join(name).is_file() {
            return Err(format!("{} has no {name} (run debugger/build.sh)", dir.display()));
        }
    }
    Ok(dir.canonicalize().unwrap())
}

/// Unpadded base64url.
fn b64(bytes: &[u8]) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::encode_string(bytes)
}

/// The public members of an RSA JWK from a vector.
fn rsa_public(rel: &str, pointer: &str) -> String {
    let key = load(rel).pointer(pointer).unwrap().clone();
    json!({ "kty": "RSA", "n": key["n"], "e": key["e"] }).to_string()
}

const RS256: &str = "rfc7520/jws/4_1.rsa_v15_signature.json";
const RSA_OAEP: &str = "rfc7520/jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json";
const NESTED: &str = "rfc7520/6.nesting_signatures_and_encryption.json";
const HS256: &str = "rfc/rfc7515-a1-hs256.json";
const NONE: &str = "rfc/rfc7515-a5-none.json";

/// The page in the browser, with the actions a user takes.
struct Page<'b> {
    browser: &'b Browser,
    shots: PathBuf,
}

impl Page<'_> {
    fn open(&self, url: &str) {
        self.browser.go(url);
        self.browser.wait_for("return document.body.dataset.ready !== undefined", "the page to load jot");
        assert_eq!(self.browser.run("return document.body.dataset.ready", &[]), "true", "{}", self.text("#loading"));
        let ready_ms = self.browser.run("return Math.round(performance.now())", &[]);
        let _ = writeln!(std::io::stderr(), "{url}: jot ready {ready_ms} ms after navigation");
        // For this origin: the test reads back what "Copy" wrote.
        self.browser.grant("clipboard-read");
        self.browser.grant("clipboard-write");
    }

    /// Pastes `value` into the text box `css` (an `input` event, as a paste).
    fn paste(&self, css: &str, value: &str) {
        self.browser.run(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1];
             e.dispatchEvent(new Event('input', { bubbles: true }));",
            &[json!(css), json!(value)],
        );
    }

    /// Chooses `value` in the select `css`.
    fn choose(&self, css: &str, value: &str) {
        let set = self.browser.run(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1];
             e.dispatchEvent(new Event('input', { bubbles: true })); return e.value;",
            &[json!(css), json!(value)],
        );
        assert_eq!(set, value, "{css} has no option {value}");
    }

    fn text(&self, css: &str) -> String {
        self.browser.text(css)
    }

    /// Pastes a token and a key, chooses the algorithm(s), clicks Verify;
    /// returns the status badge.
    fn verify(&self, token: &str, key: &str, format: &str, alg: &str, enc: Option<&str>) -> String {
        self.paste("#token", token);
        self.browser.click(&format!("input[name='key-format'][value='{format}']"));
        self.paste("#key", key);
        self.choose("#alg", alg);
        if let Some(enc) = enc {
            self.choose("#enc", enc);
        }
        self.browser.click("#verify");
        self.text("#status")
    }

    /// The ids of the lint panel's findings.
    fn lints(&self) -> Vec<String> {
        let v =
            self.browser.run("return [...document.querySelectorAll('#lints li[data-id]')].map(l => l.dataset.id)", &[]);
        v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
    }

    fn screenshot(&self, name: &str) {
        self.browser.screenshot(&self.shots.join(format!("{name}.png")));
    }
}

/// The URLs asked for since the last read by documents other than the
/// browser's own (chrome:// pages such as the first tab's): Chrome's
/// performance log, Network.requestWillBeSent.
fn requests(browser: &Browser) -> Vec<String> {
    browser
        .log("performance")
        .iter()
        .filter(|e| e["message"]["method"] == "Network.requestWillBeSent")
        .map(|e| &e["message"]["params"])
        .filter(|p| !p["documentURL"].as_str().unwrap_or_default().starts_with("chrome://"))
        .map(|p| p["request"]["url"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Every scenario on one page (served or from disk).
fn scenarios(page: &Page<'_>, cli: &TempDir, shot_prefix: &str) {
    let b = page.browser;
    page.screenshot(&format!("{shot_prefix}01-loaded"));

    // A compact JWS from RFC 7520 4.1, typed in key by key: coloured
    // segments, the header and payload, UNVERIFIED.
    let token = text(RS256, "/output/compact");
    b.type_text("#token", &token);
    assert_eq!(page.text("#status"), "UNVERIFIED");
    let roles = b.run("return [...document.querySelectorAll('#segments span[title]')].map(s => s.className)", &[]);
    assert_eq!(roles, json!(["seg-header", "seg-payload", "seg-signature"]));
    assert!(page.text("#headers").contains("bilbo.baggins@hobbiton.example"));
    assert!(page.text("#payload").contains("dangerous business"));
    assert!(page.text("#alg-hint").contains("\"RS256\""));
    assert!(page.lints().contains(&"typ-missing".to_owned()), "{:?}", page.lints());

    // Without a key or an algorithm, the page says which is missing.
    page.paste("#key", "");
    b.click("#verify");
    assert_eq!(page.text("#status"), "UNVERIFIED");
    assert_eq!(page.text("#verify-error"), "usage: paste the key to verify or decrypt with");

    // Verified with the public key and the algorithm the user accepts.
    let key = rsa_public(RS256, "/input/key");
    assert_eq!(page.verify(&token, &key, "jwk", "RS256", None), "VERIFIED");
    assert!(page.text("#result-body").contains("dangerous business"));
    assert_eq!(page.text("#command"), "jot jws verify --key key.jwk --alg RS256 token.txt");
    // "Copy as a jot command" puts it on the clipboard.
    b.click("#copy-command");
    let clipboard = b.run_async(
        "const done = arguments[arguments.length - 1];
         navigator.clipboard.readText().then(done, e => done('no clipboard: ' + e));",
        &[],
    );
    assert_eq!(clipboard, "jot jws verify --key key.jwk --alg RS256 token.txt");
    page.screenshot(&format!("{shot_prefix}02-verified"));

    // A flipped signature character: rejected, with jot's reason.
    let mut tampered = token.clone().into_bytes();
    let last = tampered.len() - 2;
    tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    assert_eq!(page.verify(&tampered, &key, "jwk", "RS256", None), "REJECTED");
    assert!(page.text("#verify-error").starts_with("invalid_signature: "), "{}", page.text("#verify-error"));
    page.screenshot(&format!("{shot_prefix}03-rejected"));
    // The token cannot choose the algorithm: PS256 accepted, RS256 in it.
    assert_eq!(page.verify(&token, &key, "jwk", "PS256", None), "REJECTED");
    assert!(page.text("#verify-error").starts_with("algorithm_not_allowed: "), "{}", page.text("#verify-error"));

    // RFC 7515 A.1: a JWT that expired in 2011.
    let jwt = text(HS256, "/compact");
    let hs_key = text(HS256, "/jwk");
    assert_eq!(page.verify(&jwt, &hs_key, "jwk", "HS256", None), "REJECTED");
    assert!(page.text("#verify-error").starts_with("expired: "), "{}", page.text("#verify-error"));
    assert!(page.text("#times").contains("2011-03-22T18:43:00Z"), "{}", page.text("#times"));
    assert!(page.text("#times").contains(" y ago"), "{}", page.text("#times"));
    // A.1 says typ JWT; RFC 7520 4.1 (first above) says no typ.
    assert!(!page.lints().contains(&"typ-missing".to_owned()), "{:?}", page.lints());
    // A short HMAC secret: linted, and refused by jot.
    assert_eq!(page.verify(&jwt, "secret", "text", "HS256", None), "REJECTED");
    assert!(page.text("#verify-error").starts_with("key_too_short: "), "{}", page.text("#verify-error"));
    assert!(page.lints().contains(&"hmac-short".to_owned()), "{:?}", page.lints());

    // Padding in a segment, and a header with `alg` twice: linted (jot
    // refuses both).
    page.paste("#token", &jwt.replacen('.', "=.", 1));
    assert!(page.lints().contains(&"base64url".to_owned()), "{:?}", page.lints());
    let payload = jwt.split('.').nth(1).unwrap();
    let twice = format!("{}.{payload}.c2ln", b64(br#"{"alg":"HS256","alg":"none"}"#));
    page.paste("#token", &twice);
    assert!(page.lints().contains(&"duplicate-member".to_owned()), "{:?}", page.lints());

    // RFC 7515 A.5: alg none, linted and never verified.
    let none = text(NONE, "/compact");
    assert_eq!(page.verify(&none, &hs_key, "jwk", "HS256", None), "REJECTED");
    assert!(page.text("#verify-error").starts_with("unsecured: "), "{}", page.text("#verify-error"));
    assert!(page.lints().contains(&"alg-none".to_owned()), "{:?}", page.lints());
    page.screenshot(&format!("{shot_prefix}04-alg-none"));

    // JWE, compact and flattened JSON (RFC 7520 5.2): decrypted.
    let jwe = text(RSA_OAEP, "/output/compact");
    let jwe_key = text(RSA_OAEP, "/input/key");
    assert_eq!(page.verify(&jwe, &jwe_key, "jwk", "RSA-OAEP", Some("A256GCM")), "DECRYPTED");
    let plaintext = text(RSA_OAEP, "/input/plaintext");
    assert!(page.text("#result-body").starts_with(&plaintext[..40]), "{}", page.text("#result-body"));
    let roles = b.run("return document.querySelectorAll('#segments span[title]').length", &[]);
    assert_eq!(roles, json!(5));
    let flat = text(RSA_OAEP, "/output/json_flat");
    assert_eq!(page.verify(&flat, &jwe_key, "jwk", "RSA-OAEP", Some("A256GCM")), "DECRYPTED");
    // The wrong content encryption: refused, not guessed.
    assert_eq!(page.verify(&jwe, &jwe_key, "jwk", "RSA-OAEP", Some("A128GCM")), "REJECTED");

    // A nested JWT (signed, then encrypted) made now by the jot CLI with
    // RFC 7520 6's keys: decrypted alone, then verified with the inner key.
    let sign_key = text(NESTED, "/sign/input/key");
    let enc_key = text(NESTED, "/encrypt/input/key");
    cli.write("sign.jwk", &sign_key);
    cli.write("enc.jwk", &enc_key);
    let nested = cli
        .jot(&[
            "jwt",
            "sign",
            "--key",
            "sign.jwk",
            "--alg",
            "PS256",
            "--sub",
            "frodo",
            "--exp",
            "1h",
            "--encrypt-key",
            "enc.jwk",
            "--key-alg",
            "RSA-OAEP",
            "--enc",
            "A128GCM",
        ])
        .line();
    assert_eq!(
        page.verify(&nested, &enc_key, "jwk", "RSA-OAEP", Some("A128GCM")),
        "DECRYPTED — inner signature NOT verified"
    );
    b.click("input[name='inner-key-format'][value='jwk']");
    page.paste("#inner-key", &rsa_public(NESTED, "/sign/input/key"));
    page.choose("#inner-alg", "");
    b.click("#verify");
    assert_eq!(page.text("#verify-error"), "usage: choose the inner algorithm you accept");
    page.choose("#inner-alg", "PS256");
    b.click("#verify");
    assert_eq!(page.text("#status"), "VERIFIED (decrypted, signature verified)");
    assert!(page.text("#result-body").contains("frodo"));
    page.screenshot(&format!("{shot_prefix}05-nested"));
    // The inner key of the wrong signer: rejected.
    page.paste("#inner-key", &rsa_public(RS256, "/input/key"));
    b.click("#verify");
    assert_eq!(page.text("#status"), "REJECTED");

    // The encoder: a fresh ES256 token, opened in the debugger, verifies.
    b.click("#tab-encode");
    page.choose("#encode-alg", "ES256");
    b.click("#make");
    let made = page.text("#encoded");
    assert_eq!(made.matches('.').count(), 2, "{made}");
    assert!(page.text("#encode-command").starts_with("jot key generate --alg ES256"));
    page.screenshot(&format!("{shot_prefix}06-encode"));
    b.click("#open-in-debugger");
    assert_eq!(page.text("#status"), "VERIFIED");
    assert!(page.text("#result-body").contains("alice"));

    // Nothing kept: no storage, no cookie, no token in the address.
    let kept = b.run(
        "return [localStorage.length, sessionStorage.length, document.cookie, location.search, location.hash]",
        &[],
    );
    assert_eq!(kept, json!([0, 0, "", "", ""]));
}

/// Makes a token with each algorithm the Encode tab offers, opens it in
/// the debugger, and expects VERIFIED.
fn every_algorithm(page: &Page<'_>) {
    let b = page.browser;
    b.click("#tab-encode");
    let algs = b.run("return [...document.querySelectorAll('#encode-alg option')].map(o => o.value)", &[]);
    let algs: Vec<String> = algs.as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_owned()).collect();
    assert_eq!(algs.len(), 17, "{algs:?}");
    for alg in &algs {
        b.click("#tab-encode");
        page.choose("#encode-alg", alg);
        b.click("#make");
        assert_eq!(page.text("#encode-error"), "", "{alg}");
        b.click("#open-in-debugger");
        assert_eq!(page.text("#status"), "VERIFIED", "{alg}: {}", page.text("#verify-error"));
    }
}

#[test]
fn the_debugger_page_in_chromium() {
    let ready = match (webdriver::binaries(), page_dir()) {
        (Some(bins), Ok(dir)) => Some((bins, dir)),
        (None, _) => {
            skip("chromium or chromedriver is not installed (Debian: chromium chromium-driver)");
            None
        }
        (_, Err(why)) => {
            skip(&why);
            None
        }
    };
    let Some(((chromium, chromedriver), dir)) = ready else { return };
    let shots = target_dir().join("debugger-screenshots");
    let _ = std::fs::remove_dir_all(&shots);
    let cli = TempDir::new();
    let browser = Browser::start(&chromium, &chromedriver);
    let page = Page { browser: &browser, shots: shots.clone() };

    // Served by `jot serve`. (The first tab's own requests are read off.)
    browser.go("about:blank");
    requests(&browser);
    let server = Server::start(&dir);
    page.open(&server.url());
    // What the page loaded: its own files, from its own origin, and nothing else.
    let loaded: BTreeSet<String> = requests(&browser).into_iter().collect();
    let expected: BTreeSet<String> = ["", "style.css", "jot_wasm.js", "jot_wasm_bytes.js", "app.js"]
        .iter()
        .map(|f| format!("{}{f}", server.url()))
        .collect();
    assert_eq!(loaded, expected);
    scenarios(&page, &cli, "");
    // After load, through every scenario: not one request.
    assert_eq!(requests(&browser), Vec::<String>::new(), "the page made network requests after load");
    // And the policy forbids one, even to its own origin.
    let probe = browser.run_async(
        "const done = arguments[arguments.length - 1];
         let violation = null;
         document.addEventListener('securitypolicyviolation', e => { violation = e.effectiveDirective; });
         fetch('/index.html').then(() => done('fetched'), () => setTimeout(() => done('blocked:' + violation), 100));",
        &[],
    );
    assert_eq!(probe, "blocked:connect-src");

    // Every algorithm of the encoder, in the browser's WebAssembly: a key
    // generated from the browser's randomness, a token signed, verified.
    every_algorithm(&page);
    drop(server);

    // Opened from disk: the same page, no server at all.
    page.open(&format!("file://{}/index.html", dir.display()));
    let loaded = requests(&browser);
    assert!(loaded.iter().all(|u| u.starts_with("file://")), "{loaded:?}");
    scenarios(&page, &cli, "file-");
    assert_eq!(requests(&browser), Vec::<String>::new(), "the page made requests after load (from disk)");

    let _ = writeln!(std::io::stderr(), "screenshots: {}", shots.display());
}

fn skip(why: &str) {
    assert!(std::env::var_os("CI").is_none(), "the debugger's browser test cannot run under CI: {why}");
    let _ = writeln!(std::io::stderr(), "\n**********\nSKIPPED the_debugger_page_in_chromium: {why}\n**********\n");
}
