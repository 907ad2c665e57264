#!/usr/bin/env python3
"""Writes the fuzz seed corpora into fuzz/seeds/<target>/ from the files in
vectors/ (tokens, JSON serializations, keys, PEM/DER). Run from fuzz/:
python3 seeds.py. The seeds are committed; this script shows where they
came from."""
import hashlib, json, os, pathlib

root = pathlib.Path(__file__).resolve().parent
vec = root.parent / "vectors"
out = root / "seeds"

# The debugger's API (jot-wasm) takes any token in any serialization.
TOKEN_TARGETS = ("jws_compact", "jwe_compact", "jws_json", "jwe_json")

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    for t in (target, "debugger") if target in TOKEN_TARGETS else (target,):
        d = out / t
        d.mkdir(parents=True, exist_ok=True)
        (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)

def walk_outputs(obj, kind):
    """Yields (form, value) for every 'output' member found."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "output" and isinstance(v, dict):
                for form, val in v.items():
                    yield form, val
            else:
                yield from walk_outputs(v, kind)
    elif isinstance(obj, list):
        for v in obj:
            yield from walk_outputs(v, kind)

for path in sorted(vec.rglob("*.json")):
    if "wycheproof" in path.parts:
        continue
    data = json.loads(path.read_text())
    rel = str(path.relative_to(vec))
    is_jwe = "jwe" in rel or "rfc7516" in rel or "6.nesting" in rel or "ecdh-es" in rel
    for form, val in walk_outputs(data, None):
        if form == "compact" and isinstance(val, str):
            put("jwe_compact" if val.count(".") == 4 else "jws_compact", val)
            put("jwt", val)
        elif form in ("json", "json_flat"):
            put("jwe_json" if is_jwe else "jws_json", json.dumps(val))
    for key in ("compact", "compact_detached"):
        if isinstance(data.get(key), str):
            v = data[key]
            put("jwe_compact" if v.count(".") == 4 else "jws_compact", v)
            put("jwt", v)
    for key in ("json_serialization", "json_flattened"):
        if key in data:
            v = data[key] if isinstance(data[key], str) else json.dumps(data[key])
            put("jwe_json" if is_jwe else "jws_json", v)
    if "jwks" in data:
        put("jwk_set", json.dumps(data["jwks"]))
    if "jwk" in data:
        put("jwk_set", json.dumps({"keys": [data["jwk"]]}))
    if path.parent.name == "jwk":
        put("jwk_set", json.dumps({"keys": [data]}))

for path in sorted((vec / "pem").glob("*")):
    if path.suffix in (".pem", ".der", ".crt"):
        put("pem_der", path.read_bytes())
