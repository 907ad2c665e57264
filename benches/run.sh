#!/usr/bin/env bash
# Runs every jot benchmark beside the peer crates and the raw primitives in
# one `cargo bench` run (oxitoken from its own crate, benches/oxitoken),
# then prints markdown: the machine, one table
# per benchmark family (medians, and for jot the ratios jot / fastest peer
# and jot / floor), the 1- and 2-thread throughput, and the heap
# allocations per verify. The output is what BENCHMARKS.md holds.
#
#   benches/run.sh                          # everything (about 25 minutes on 2 cores)
#   benches/run.sh jwt_verify/HS256         # a criterion filter (a regex)
#   benches/run.sh jwe_ --measurement-time 10
#
# A full run (no arguments) then builds the benches a second time on the
# pure-Rust provider (`--no-default-features --features rust-crypto,peers`)
# and runs jot's own JWT and JWE entries there, as `jot-rust-crypto`: a
# column beside AWS-LC's `jot` in the same tables.
#
# Arguments go to criterion after `--`. Unless given, `--warm-up-time 1
# --measurement-time 3` keep a full run short. cargo's own output goes to
# target/bench-run.log. Only results written by this run are reported.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
log="$root/target/bench-run.log"
mkdir -p target/criterion
marker=$(mktemp "$root/target/criterion/.run-XXXXXX")
trap 'rm -f "$marker"' EXIT

full_run=$(( $# == 0 ))
args=("$@")
has() { local a; for a in "${args[@]+"${args[@]}"}"; do [[ $a == "$1" ]] && return 0; done; return 1; }
has --warm-up-time || args+=(--warm-up-time 1)
has --measurement-time || args+=(--measurement-time 3)

echo "## Machine"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates benches 2>/dev/null || echo ' (with uncommitted changes)')"
echo "- cpus (nproc): $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "- $(rustc --version)"
echo "- load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- criterion options: ${args[*]}"
echo

# The jwt bench writes its keys and tokens here for oxitoken (below).
export JOT_BENCH_FIXTURES="$root/target/bench-fixtures"
rm -rf "$JOT_BENCH_FIXTURES"

echo "running: cargo bench -p jot-benches --features peers -- ${args[*]} (log: $log)" >&2
cargo bench -p jot-benches --features peers -- "${args[@]}" >"$log" 2>&1 || {
    echo "cargo bench failed; the end of $log:" >&2
    tail -30 "$log" >&2
    exit 1
}

# oxitoken cannot share jot's Cargo graph (benches/oxitoken/Cargo.toml says
# why): its own crate, on the tokens the jwt bench just wrote, results into
# the same criterion directory.
if compgen -G "$JOT_BENCH_FIXTURES/*.json" >/dev/null; then
    echo "running: (cd benches/oxitoken && cargo bench -- ${args[*]}) (log: $log)" >&2
    (cd benches/oxitoken && CARGO_TARGET_DIR="$root/target/oxitoken" CRITERION_HOME="$root/target/criterion" \
        cargo bench --locked -- "${args[@]}") >>"$log" 2>&1 || {
        echo "cargo bench (oxitoken) failed; the end of $log:" >&2
        tail -30 "$log" >&2
        exit 1
    }
fi

if (( full_run )); then
    echo "running: cargo bench -p jot-benches --no-default-features --features rust-crypto,peers --bench jwt --bench jwe -- ${args[*]} 'jot(-borrowed)?-rust-crypto' (log: $log)" >&2
    cargo bench -p jot-benches --no-default-features --features rust-crypto,peers --bench jwt --bench jwe \
        -- "${args[@]}" 'jot(-borrowed)?-rust-crypto' >>"$log" 2>&1 || {
        echo "cargo bench (rust-crypto) failed; the end of $log:" >&2
        tail -30 "$log" >&2
        exit 1
    }
fi

python3 - "$root/target/criterion" "$marker" <<'PY'
import json, os, sys
from collections import OrderedDict

base, marker = sys.argv[1], sys.argv[2]
since = os.path.getmtime(marker)

# (group, implementation) -> median in ns, for results this run wrote.
results = OrderedDict()
for dirpath, _, files in os.walk(base):
    if os.path.basename(dirpath) != "new" or "estimates.json" not in files:
        continue
    est = os.path.join(dirpath, "estimates.json")
    if os.path.getmtime(est) < since:
        continue
    with open(os.path.join(dirpath, "benchmark.json")) as f:
        meta = json.load(f)
    with open(est) as f:
        median = json.load(f)["median"]["point_estimate"]
    impl = meta["function_id"] or ""
    if meta.get("value_str"):
        impl = f"{impl}/{meta['value_str']}" if impl else meta["value_str"]
    results[(meta["group_id"], impl)] = median

def fmt(ns):
    if ns is None:
        return ""
    for unit, scale in (("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"

def is_floor(name):
    return name.startswith("floor")

def is_peer(name):
    return not name.startswith("jot") and name not in ("key-only", "roca-check-only") and not is_floor(name)

order = ["jot", "jot-borrowed", "jot-rust-crypto", "jot-borrowed-rust-crypto", "key-only", "roca-check-only",
         "jsonwebtoken", "jsonwebtoken-awslc", "jsonwebtoken-rustcrypto", "josekit", "jwt-simple", "oxitoken",
         "floor", "floor-aws-lc-1.14", "floor-ring", "floor-dalek", "floor-p521", "floor-k256", "floor-aes-gcm"]
def impl_key(name):
    return (order.index(name) if name in order else len(order), name)

family_order = ["parse", "jws_verify", "jwt_verify", "jwt_sign", "jwe_decrypt", "jwe_encrypt", "jwk_set",
                "remote_jwks", "key_load", "throughput"]
case_order = ["HS256", "RS256", "PS256", "ES256", "ES384", "ES512", "ES256K", "EdDSA",
              "dir+A128GCM", "dir+A128CBC-HS256", "A256KW+A256GCM", "RSA-OAEP-256+A256GCM",
              "ECDH-ES+A256KW(P-256)+A256GCM", "ECDH-ES(X25519)+A256GCM",
              "PBES2-HS256+A128KW(p2c=10000)+A128GCM", "select", "parse", "verify_ES256"]
def rank(order, name):
    return (order.index(name) if name in order else len(order), name)

grouped = {}
for (group, impl), ns in results.items():
    family, _, case = group.partition("/")
    grouped.setdefault(family, {}).setdefault(case, {})[impl] = ns
families = OrderedDict()
for family in sorted(grouped, key=lambda f: rank(family_order, f)):
    cases = grouped[family]
    families[family] = OrderedDict((c, cases[c]) for c in sorted(cases, key=lambda c: rank(case_order, c)))

notes = {
    "parse": "Split the compact form and decode the header. jot has no header-only API: "
             "`jws::dangerous::decode_unverified_compact` also base64url-decodes the payload.",
    "jws_verify": "jot's compact JWS verify (header, key selection, signature; claims not parsed) beside the "
                  "same bound key's verify on the same signing input (key-only): the difference is the JWS layer.",
    "jwt_verify": "Signature, exp/nbf, iss and aud (each library's default leeway), claims into a typed struct; "
                  "the same token bytes for every implementation. floor: the signature check alone on the same "
                  "signing input with AWS-LC, the primitive jot-crypto's default provider calls, keys parsed once; "
                  "floor-<name>: another implementation of the same primitive (ring, which jot no longer uses; "
                  "dalek, p521, k256: the rust-crypto provider's; aws-lc-1.14: the aws-lc-rs oxitoken is built with, "
                  "see benches/oxitoken/Cargo.toml). jot-rust-crypto: jot built on the pure-Rust provider, in the "
                  "same run.",
    "jwt_sign": "The typed claims in, a compact token out, keys parsed once. No floor.",
    "jwe_decrypt": "Compact JWE to plaintext (jwt-simple: to validated claims, its only API). floor: AES-GCM "
                   "(AWS-LC, as jot-crypto; floor-aes-gcm: RustCrypto's) or A128CBC-HS256 (AWS-LC HMAC + AES-CBC) "
                   "opening the same plaintext and AAD: the content decryption alone, without key management.",
    "jwe_encrypt": "The claims JSON to a compact JWE (jwt-simple: from its claims type). No floor.",
    "jwk_set": "A set of 100 EC P-256 public keys; the last kid is asked for. verify_ES256: kid lookup plus "
               "JWT verify as each library's docs show it.",
    "remote_jwks": "A JWT verify (as jwt_verify) through a warm remote JWK Set (jot-jwks, fetched once from "
                   "127.0.0.1) beside the same set loaded locally. remote-async: verify_async polled on a "
                   "current-thread runtime; remote-sync: verify on the set as last fetched.",
    "key_load": "An RSA-2048 JWK loaded into a key that can verify (public) or sign (private). jot checks the "
                "modulus for the ROCA fingerprint (roca-check-only: that test alone) and p and q for primality "
                "(Baillie-PSW) once here, never per verify. jsonwebtoken's DecodingKey defers all parsing to "
                "verify; josekit builds an OpenSSL key.",
}

for family, cases in families.items():
    if family == "throughput":
        continue
    if family == "remote_jwks":
        print(f"## {family}\n")
        print(notes[family] + "\n")
        impls = ["local", "remote-async", "remote-sync"]
        print("| case | " + " | ".join(impls) + " | remote-async / local | remote-sync / local |")
        print("| --- |" + " ---: |" * (len(impls) + 2))
        for case, row in cases.items():
            local = row.get("local")
            ratios = [f"{row[i] / local:.3f}" if local and row.get(i) else "" for i in impls[1:]]
            print("| " + " | ".join([case] + [fmt(row.get(i)) for i in impls] + ratios) + " |")
        print()
        continue
    impls = sorted({i for c in cases.values() for i in c}, key=impl_key)
    has_floor = any(is_floor(i) for i in impls)
    key_only = "key-only" in impls
    print(f"## {family}\n")
    if family in notes:
        print(notes[family] + "\n")
    rc = "jot-rust-crypto" in impls
    head = (["case"] + impls + ["jot / fastest peer"] + (["jot / floor"] if has_floor else [])
            + (["jot / key-only"] if key_only else []) + (["jot-rust-crypto / jot"] if rc else []))
    print("| " + " | ".join(head) + " |")
    print("| --- |" + " ---: |" * (len(head) - 1))
    for case, row in cases.items():
        cells = [case or family] + [fmt(row.get(i)) for i in impls]
        jot = row.get("jot")
        peers = {i: ns for i, ns in row.items() if is_peer(i)}
        if jot and peers:
            fastest = min(peers, key=peers.get)
            cells.append(f"{jot / peers[fastest]:.2f} ({fastest})")
        else:
            cells.append("")
        if has_floor:
            cells.append(f"{jot / row['floor']:.2f}" if jot and row.get("floor") else "")
        if key_only:
            cells.append(f"{jot / row['key-only']:.2f}" if jot and row.get("key-only") else "")
        if rc:
            cells.append(f"{row['jot-rust-crypto'] / jot:.2f}" if jot and row.get("jot-rust-crypto") else "")
        print("| " + " | ".join(cells) + " |")
    print()

if "throughput" in families:
    print("## throughput\n")
    print("Time per JWT verify (as jwt_verify) with 1 and 2 threads sharing one verifier: N verifications "
          "split across the threads, wall time / N. Perfect scaling halves the time; the floor shows what "
          "the (shared) machine allows.\n")
    print("| alg | implementation | 1 thread | 2 threads | speed-up |")
    print("| --- | --- | ---: | ---: | ---: |")
    for case, row in families["throughput"].items():
        names = sorted({i.rsplit("/", 1)[0] for i in row}, key=impl_key)
        for name in names:
            one, two = row.get(f"{name}/1"), row.get(f"{name}/2")
            speedup = f"{one / two:.2f}x" if one and two else ""
            print(f"| {case} | {name} | {fmt(one)} | {fmt(two)} | {speedup} |")
    print()
PY

echo "running: cargo bench -p jot-benches --features peers --bench alloc_count" >&2
echo "## Heap allocations per operation"
echo
echo "Counted by a global allocator wrapping the system's (a realloc counts as one), over 1000 calls"
echo "after a warm-up. JWS compact verify: header and signature checked, payload decoded, claims not"
echo "parsed (jsonwebtoken: decode_header + crypto::verify + payload decode; josekit: jws::deserialize_compact)."
echo
cargo bench -p jot-benches --features peers --bench alloc_count 2>>"$log"
