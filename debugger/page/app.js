// jot debugger: the page's logic. jot does the work (jot_wasm.js, the
// wasm-bindgen glue, and jot_wasm_bytes.js, the module itself); this file
// only moves text between the page and jot. Everything that came from a
// token or a key is written with textContent, never as HTML.
"use strict";

(function () {
  const JWS_ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    "ES256", "ES384", "ES512", "ES256K", "EdDSA", "Ed25519", "ML-DSA-44", "ML-DSA-65", "ML-DSA-87"];
  const JWE_ALGS = ["dir", "RSA-OAEP", "RSA-OAEP-256", "RSA-OAEP-384", "RSA-OAEP-512", "RSA1_5",
    "A128KW", "A192KW", "A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW",
    "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW",
    "PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"];
  const ENCS = ["A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"];
  // How a pasted key is written: chosen explicitly, never guessed (the
  // values are jot-wasm's KeyFormat names).
  const KEY_FORMATS = [["jwk", "a JWK"], ["jwks", "a JWK Set"], ["pem", "PEM"], ["text", "a secret (text)"],
    ["base64url", "a secret (base64url)"]];

  const $ = (id) => document.getElementById(id);
  let jot = null;
  let inspected = null; // the last inspect answer
  let lastCommand = "";

  const now = () => Date.now() / 1000;
  const call = (fn, ...args) => JSON.parse(fn(...args));

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  function add(parent, tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (className) el.className = className;
    parent.appendChild(el);
    return el;
  }

  function fillSelect(select, values, placeholder) {
    const keep = select.value;
    clear(select);
    if (placeholder) add(select, "option", placeholder).value = "";
    for (const v of values) add(select, "option", v).value = v;
    if (values.includes(keep)) select.value = keep;
  }

  // The key format choices, in the fieldset whose id is `name`.
  function addKeyFormats(name) {
    const fieldset = $(name);
    KEY_FORMATS.forEach(([value, text], i) => {
      const label = add(fieldset, "label");
      const input = add(label, "input");
      input.type = "radio";
      input.name = name;
      input.value = value;
      input.checked = i === 0;
      label.append(` ${text}`);
    });
  }

  function radio(name) {
    const checked = document.querySelector(`input[name="${name}"]:checked`);
    return checked ? checked.value : "";
  }

  function relative(seconds) {
    const a = Math.abs(seconds);
    let t;
    if (a < 60) t = `${a} s`;
    else if (a < 3600) t = `${Math.floor(a / 60)} min`;
    else if (a < 86400) t = `${(a / 3600).toFixed(1)} h`;
    else if (a < 365 * 86400) t = `${(a / 86400).toFixed(1)} d`;
    else t = `${(a / (365.25 * 86400)).toFixed(1)} y`;
    return seconds >= 0 ? `in ${t}` : `${t} ago`;
  }

  function showTimes(times) {
    const table = $("times");
    const body = table.tBodies[0];
    clear(body);
    const names = times ? Object.keys(times) : [];
    table.hidden = names.length === 0;
    for (const name of names) {
      const t = times[name];
      const row = add(body, "tr");
      add(row, "td", name);
      add(row, "td", t.utc);
      add(row, "td", relative(t.relative_seconds), t.relative_seconds < 0 && name === "exp" ? "past" : "");
    }
  }

  function setStatus(kind, text) {
    const s = $("status");
    s.className = `badge ${kind}`;
    s.textContent = text;
  }

  function setError(el, error) {
    el.hidden = !error;
    el.textContent = error ? `${error.kind}: ${error.message}` : "";
  }

  function setCommand(command) {
    lastCommand = command || "";
    $("command").textContent = lastCommand;
  }

  function resetVerification() {
    setStatus("unverified", "UNVERIFIED");
    setError($("verify-error"), null);
    $("result").hidden = true;
    clear($("result-body"));
  }

  // ---- Debug tab -------------------------------------------------------

  function renderSegments(answer, token) {
    const box = $("segments");
    clear(box);
    if (!answer || !answer.ok || answer.segments.length === 0) {
      if (token) add(box, "span", answer && answer.ok ? `(${answer.kind}: JSON serialization)` : token);
      return;
    }
    answer.segments.forEach((seg, i) => {
      if (i > 0) add(box, "span", ".", "dot");
      const span = add(box, "span", seg.text, `seg-${seg.role}`);
      span.title = seg.role;
    });
  }

  function renderHeaders(answer) {
    const box = $("headers");
    clear(box);
    if (!answer) return;
    if (!answer.ok) {
      add(box, "p", `${answer.error.kind}: ${answer.error.message}`, "error");
      return;
    }
    for (const h of answer.headers) {
      const block = add(box, "div", undefined, "header-block");
      if (answer.headers.length > 1) add(block, "h3", h.role);
      add(block, "pre", h.pretty, "json");
    }
  }

  function renderPayload(answer) {
    const pre = $("payload");
    clear(pre);
    showTimes(null);
    if (!answer || !answer.ok) return;
    if (answer.kind.startsWith("jwe")) {
      $("payload-title").textContent = "Payload";
      pre.textContent = answer.nested
        ? "(encrypted: a nested JWT; decrypt it with the key, then give the inner key to verify it)"
        : "(encrypted: decrypt it with the key)";
      return;
    }
    $("payload-title").textContent = "Payload (not verified)";
    const p = answer.payload;
    if (!p) return;
    if (p.pretty !== undefined) pre.textContent = p.pretty;
    else pre.textContent = `${p.text}\n\n(not JSON: ${p.not_json})`;
    showTimes(p.times);
  }

  function chooseAlgorithms(answer) {
    const jwe = !!(answer && answer.ok && answer.kind.startsWith("jwe"));
    fillSelect($("alg"), jwe ? JWE_ALGS : JWS_ALGS, "— choose —");
    $("enc-label").hidden = !jwe;
    $("inner").hidden = !(answer && answer.ok && answer.nested);
    const hint = $("alg-hint");
    if (answer && answer.ok && answer.alg) {
      const enc = jwe && answer.enc ? ` and enc "${answer.enc}"` : "";
      hint.textContent = `The header says alg "${answer.alg}"${enc}. jot takes the algorithm from you, never from the token.`;
    } else {
      hint.textContent = "";
    }
  }

  function runLint() {
    const token = $("token").value.trim();
    const list = $("lints");
    clear(list);
    if (!token) return;
    const key = $("key").value;
    const answer = call(jot.lint, token, key.trim() ? key : "", radio("key-format"), now());
    if (!answer.ok) {
      add(list, "li", `${answer.error.kind}: ${answer.error.message}`, "error");
      return;
    }
    if (answer.parse_error) {
      const li = add(list, "li", undefined, "error");
      add(li, "span", "parse", "id");
      add(li, "span", `${answer.parse_error.kind}: ${answer.parse_error.message}`);
    }
    for (const f of answer.findings) {
      const li = add(list, "li", undefined, f.severity);
      li.dataset.id = f.id;
      add(li, "span", f.id, "id");
      add(li, "span", f.message);
    }
    if (answer.findings.length === 0 && !answer.parse_error) add(list, "li", "No findings.", "info");
  }

  function onToken() {
    resetVerification();
    const token = $("token").value.trim();
    inspected = token ? call(jot.inspect, token, now()) : null;
    renderSegments(inspected, token);
    renderHeaders(inspected);
    renderPayload(inspected);
    chooseAlgorithms(inspected);
    setCommand(inspected && inspected.ok ? inspected.command : "");
    runLint();
  }

  function onKey() {
    resetVerification();
    runLint();
  }

  function verify() {
    resetVerification();
    const token = $("token").value.trim();
    if (!token) return;
    // Nothing to ask jot yet: say what is missing (the token is not rejected).
    const nested = !$("inner").hidden;
    const innerKey = nested ? $("inner-key").value : "";
    const missing = !$("key").value.trim() ? "paste the key to verify or decrypt with"
      : !$("alg").value ? "choose the algorithm you accept"
        : !$("enc-label").hidden && !$("enc").value ? "choose the content encryption you accept"
          : innerKey.trim() && !$("inner-alg").value ? "choose the inner algorithm you accept" : "";
    if (missing) {
      setError($("verify-error"), { kind: "usage", message: missing });
      return;
    }
    const answer = call(jot.verify, token, $("key").value, radio("key-format"), $("alg").value,
      $("enc-label").hidden ? "" : $("enc").value,
      innerKey.trim() ? innerKey : "", radio("inner-key-format"), $("inner-alg").value, now());
    setCommand(answer.command || lastCommand);
    if (!answer.ok) {
      setStatus("rejected", "REJECTED");
      setError($("verify-error"), answer.error);
      return;
    }
    const result = $("result");
    const body = $("result-body");
    if (answer.verified) {
      setStatus("verified", answer.decrypted ? "VERIFIED (decrypted, signature verified)" : "VERIFIED");
      result.hidden = false;
      if (answer.claims) {
        $("result-title").textContent = "Verified claims";
        body.textContent = answer.claims.pretty;
        showTimes(answer.claims.times);
      } else {
        $("result-title").textContent = "Verified payload";
        body.textContent = answer.payload;
      }
    } else if (answer.decrypted) {
      setStatus("decrypted", answer.nested ? "DECRYPTED — inner signature NOT verified" : "DECRYPTED");
      result.hidden = false;
      $("result-title").textContent = answer.nested ? "Decrypted (the inner JWT, not verified)" : "Decrypted plaintext";
      body.textContent = answer.note ? `${answer.plaintext}\n\n(${answer.note})` : answer.plaintext;
    }
  }

  async function copy(text, pre) {
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
    } catch (_) {
      // The browser refused the clipboard: select the text instead.
      const range = document.createRange();
      range.selectNodeContents(pre);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
  }

  // ---- Encode tab ------------------------------------------------------

  let encoded = null;

  function make() {
    const answer = call(jot.encode, $("claims").value, $("encode-alg").value, now());
    setError($("encode-error"), answer.ok ? null : answer.error);
    encoded = answer.ok ? answer : null;
    $("encoded").textContent = answer.ok ? answer.token : "";
    $("encode-command").textContent = answer.ok ? answer.command : "";
    $("private-jwk").textContent = answer.ok ? answer.private_jwk : "";
    $("public-jwk").textContent = answer.ok ? (answer.public_jwk || "(none: an HMAC key is the secret itself)") : "";
  }

  function openInDebugger() {
    if (!encoded) return;
    showTab("debug");
    $("token").value = encoded.token;
    document.querySelector('input[name="key-format"][value="jwk"]').checked = true;
    $("key").value = encoded.public_jwk || encoded.private_jwk;
    onToken();
    $("alg").value = encoded.alg;
    verify();
  }

  function showTab(name) {
    for (const tab of ["debug", "encode"]) {
      $(tab).hidden = tab !== name;
      $(`tab-${tab}`).classList.toggle("active", tab === name);
    }
  }

  // ---- Start -----------------------------------------------------------

  function wire() {
    addKeyFormats("key-format");
    addKeyFormats("inner-key-format");
    fillSelect($("alg"), JWS_ALGS, "— choose —");
    fillSelect($("enc"), ENCS, "— choose —");
    fillSelect($("inner-alg"), JWS_ALGS, "— choose —");
    fillSelect($("encode-alg"), JWS_ALGS.filter((a) => a !== "Ed25519"));
    $("encode-alg").value = "ES256";
    const t = Math.floor(now());
    $("claims").value = JSON.stringify({ sub: "alice", aud: "api", iat: t, exp: t + 3600 }, null, 2);

    $("token").addEventListener("input", onToken);
    $("key").addEventListener("input", onKey);
    for (const r of document.querySelectorAll('input[name="key-format"]')) r.addEventListener("change", onKey);
    for (const id of ["alg", "enc", "inner-alg", "inner-key"]) $(id).addEventListener("input", resetVerification);
    $("verify").addEventListener("click", verify);
    $("copy-command").addEventListener("click", () => copy(lastCommand, $("command")));
    $("make").addEventListener("click", make);
    $("open-in-debugger").addEventListener("click", openInDebugger);
    $("copy-encode-command").addEventListener("click", () => copy(encoded && encoded.command, $("encode-command")));
    $("tab-debug").addEventListener("click", () => showTab("debug"));
    $("tab-encode").addEventListener("click", () => showTab("encode"));
  }

  async function start() {
    const loading = $("loading");
    try {
      // The module is in the page's own script (connect-src 'none' forbids
      // fetching it, and a page opened from disk could not).
      const text = atob(self.JOT_WASM_BASE64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      delete self.JOT_WASM_BASE64;
      await wasm_bindgen({ module_or_path: bytes });
      jot = wasm_bindgen;
      wire();
      loading.textContent = `Ready: jot runs in this page (${Math.round(bytes.length / 1024)} KiB of WebAssembly).`;
      document.body.dataset.ready = "true";
    } catch (e) {
      loading.textContent = `jot failed to load: ${e}`;
      loading.classList.add("failed");
      document.body.dataset.ready = "failed";
    }
  }

  start();
})();
