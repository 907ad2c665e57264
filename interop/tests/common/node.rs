//! Whether a Node.js peer can run: `node` on PATH and the npm package
//! installed (`npm ci`) in its folder under interop/. When not, the test
//! says so loudly and passes, except under CI, where it fails.

use std::io::Write;
use std::path::Path;
use std::process::Command;

/// `dir`: the peer's folder (e.g. `interop/panva`); `package`: the npm
/// package that must be installed there; `peer`: its name in messages.
pub fn available(dir: &Path, package: &str, peer: &str, test: &str) -> bool {
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let installed = dir.join("node_modules").join(package).join("package.json").is_file();
    if node && installed {
        return true;
    }
    let why = if node {
        format!("{}/node_modules is missing (run `npm ci` there)", dir.display())
    } else {
        "`node` is not on PATH".to_owned()
    };
    assert!(std::env::var_os("CI").is_none(), "{peer} interop cannot run under CI: {why}");
    // Straight to stderr, past the test harness's capture, so the skip shows
    // in a plain `cargo test` run.
    let _ =
        writeln!(std::io::stderr(), "\n**********\nSKIPPED {test}: {peer} interop did not run: {why}\n**********\n");
    false
}
