#!/usr/bin/env python3
"""Makes constructed.json: RSA keys jot must refuse, with their reasons.

Run from this folder: `python3 make_constructed.py > constructed.json`.
Deterministic (seeded), so a rerun writes the same file. Standard library
only.

- `roca_2048`: a 2048-bit key whose primes have the shape Infineon's flawed
  generator used (CVE-2017-15361): p = k * M + (65537^a mod M), M the product
  of the first 126 primes (the paper's M for 2048-bit keys). Its modulus
  has the ROCA fingerprint; public and private forms must be refused.
- `roca_shaped_modulus_4096`: an odd 4096-bit number that is 65537^c modulo
  M (not a product of two primes): the fingerprint alone, on a size jot
  accepts.
- `composite_p`: a 2048-bit private key whose p is the product of two
  512-bit primes. n = p * q and every CRT value agree with d, so only a
  primality test refuses it.
- `mismatched_n`: a genuine key whose n is replaced by another odd 2048-bit
  number (p * q != n).
"""
import json
import random
from math import gcd

rng = random.Random(20171016)
E = 65537


def is_probable_prime(n, rounds=40):
    if n < 2:
        return False
    for p in SMALL_PRIMES[:50]:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        a = rng.randrange(2, n - 1)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def small_primes(count):
    out, c = [], 2
    while len(out) < count:
        if all(c % p for p in out if p * p <= c):
            out.append(c)
        c += 1
    return out


SMALL_PRIMES = small_primes(300)


def random_prime(bits):
    while True:
        c = rng.getrandbits(bits) | (1 << (bits - 1)) | 1
        if gcd(c - 1, E) == 1 and is_probable_prime(c):
            return c


def roca_prime(bits, m):
    """A prime k * M + (65537^a mod M) of `bits` bits."""
    k_bits = bits - m.bit_length()
    while True:
        a = rng.getrandbits(64)
        k = rng.getrandbits(k_bits) | (1 << (k_bits - 1))
        c = k * m + pow(E, a, m)
        if c.bit_length() == bits and gcd(c - 1, E) == 1 and is_probable_prime(c):
            return c


def b64u(n):
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    import base64
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def private_jwk(p, q, n=None):
    n = n if n is not None else p * q
    lam = (p - 1) * (q - 1) // gcd(p - 1, q - 1)
    d = pow(E, -1, lam)
    return {
        "kty": "RSA",
        "n": b64u(n),
        "e": b64u(E),
        "d": b64u(d),
        "p": b64u(p),
        "q": b64u(q),
        "dp": b64u(d % (p - 1)),
        "dq": b64u(d % (q - 1)),
        "qi": b64u(pow(q, -1, p)),
    }


def primorial(count):
    m = 1
    for p in SMALL_PRIMES[:count]:
        m *= p
    return m


m2048 = primorial(126)
while True:
    p, q = roca_prime(1024, m2048), roca_prime(1024, m2048)
    if (p * q).bit_length() == 2048:
        break
roca = private_jwk(p, q)

m_all = primorial(39)  # 2 * 3 * ... * 167: the detector's primes and 2
while True:
    c = rng.getrandbits(64)
    shaped = (rng.getrandbits(4096 - m_all.bit_length()) | 1 << (4095 - m_all.bit_length())) * m_all + pow(E, c, m_all)
    if shaped.bit_length() == 4096 and shaped % 2 == 1:
        break

while True:
    composite = random_prime(512) * random_prime(512)
    q2 = random_prime(1024)
    lam = (composite - 1) * (q2 - 1) // gcd(composite - 1, q2 - 1)
    if (composite * q2).bit_length() == 2048 and gcd(E, lam) == 1:
        break

p3, q3 = random_prime(1024), random_prime(1024)
while True:
    other = rng.getrandbits(2048) | (1 << 2047) | 1
    if other != p3 * q3:
        break

print(json.dumps({
    "source": "made by make_constructed.py in this folder (seed 20171016); see README.md",
    "roca_2048": {"jwk": roca, "public_jwk": {"kty": "RSA", "n": roca["n"], "e": roca["e"]}},
    "roca_shaped_modulus_4096": {"n_hex": format(shaped, "x")},
    "composite_p": {"jwk": private_jwk(composite, q2)},
    "mismatched_n": {"jwk": private_jwk(p3, q3, other)},
}, indent=1))
