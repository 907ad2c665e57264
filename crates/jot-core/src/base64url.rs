//! Strict base64url without padding (RFC 7515 section 2).
//!
//! Only the canonical encoding is accepted: padding characters, whitespace,
//! characters outside the URL-safe alphabet and non-zero trailing bits are all
//! errors, so every byte string has exactly one accepted encoding.
//!
//! Two decoders with exactly the same rules (a proptest holds them
//! together): [`decode`], [`decode_to_slice`] and [`check`] are table-driven
//! and fast, for the public segments of a token on the hot path;
//! [`decode_secret`] runs in constant time with respect to the data
//! (`base64ct`), for key material such as a JWK's `d` or `k`. Encoding is
//! constant-time.

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::Error;

/// Decodes canonical unpadded base64url into a new vector.
///
/// ```
/// assert_eq!(jot_jwt::base64url::decode("AQAB").unwrap(), [1, 0, 1]);
/// assert!(jot_jwt::base64url::decode("AQAB ").is_err());
/// ```
pub fn decode(input: impl AsRef<[u8]>) -> Result<Vec<u8>, Error> {
    let input = input.as_ref();
    let mut out = vec![0u8; decoded_len_max(input.len())];
    let len = decode_to_slice(input, &mut out)?.len();
    out.truncate(len);
    Ok(out)
}

/// Decodes key material: the same rules as [`decode`], in constant time
/// with respect to the data (no table lookups or branches on secret
/// characters).
///
/// ```
/// assert_eq!(jot_jwt::base64url::decode_secret("AQAB").unwrap(), [1, 0, 1]);
/// ```
pub fn decode_secret(input: impl AsRef<[u8]>) -> Result<Vec<u8>, Error> {
    let input = input.as_ref();
    if input.len() % 4 == 1 {
        return Err(Error::Base64);
    }
    let mut out = vec![0u8; decoded_len_max(input.len())];
    let len = Base64UrlUnpadded::decode(input, &mut out).map_err(|_| Error::Base64)?.len();
    out.truncate(len);
    Ok(out)
}

/// Each byte's 6-bit value in the URL-safe alphabet, or `INVALID`.
const INVALID: u8 = 0xff;
// Evaluated at compile time: an out-of-range index would fail the build.
#[allow(clippy::indexing_slicing)]
const TABLE: [u8; 256] = {
    let mut t = [INVALID; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// The 6-bit value of an alphabet character, or `INVALID`.
fn value(c: u8) -> u8 {
    TABLE.get(usize::from(c)).copied().unwrap_or(INVALID)
}

/// [`TABLE`] shifted to a block position (`shift` 18, 12, 6 or 0), with an
/// invalid character setting the top byte: a block of four characters
/// decodes with four lookups and three ORs.
// Evaluated at compile time: an out-of-range index would fail the build.
#[allow(clippy::indexing_slicing)]
const fn shifted(shift: u32) -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = if TABLE[i] == INVALID { 0xff00_0000 } else { (TABLE[i] as u32) << shift };
        i += 1;
    }
    t
}

static SHIFTED: [[u32; 256]; 4] = [shifted(18), shifted(12), shifted(6), shifted(0)];

/// One block of four characters as 24 bits. The top byte is set if one is not in the alphabet.
#[inline(always)]
fn block([a, b, c, d]: [u8; 4]) -> u32 {
    let [t0, t1, t2, t3] = &SHIFTED;
    // A `u8` index into a 256-entry table: the bounds checks fold away.
    let at = |t: &[u32; 256], c: u8| t.get(usize::from(c)).copied().unwrap_or(0xff00_0000);
    at(t0, a) | at(t1, b) | at(t2, c) | at(t3, d)
}

/// Decodes `input` into `out` (which holds `decoded_len_max(input.len())`
/// bytes) and returns the length written; variable time, for public data.
fn decode_public(input: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    let (blocks, rest) = input.as_chunks::<4>();
    let (outs, tail) = out.split_at_mut_checked(blocks.len() * 3).ok_or(Error::BufferTooSmall)?;
    // No branch per block: an invalid character is remembered and the
    // whole input refused at the end.
    let mut invalid = 0;
    for (&chars, o) in blocks.iter().zip(outs.as_chunks_mut::<3>().0) {
        let n = block(chars);
        invalid |= n;
        let [_, n0, n1, n2] = n.to_be_bytes();
        *o = [n0, n1, n2];
    }
    if invalid & 0xff00_0000 != 0 {
        return Err(Error::Base64);
    }
    let full = blocks.len() * 3;
    let mut n = 0u32;
    for (shift, &ch) in [18, 12, 6].iter().zip(rest) {
        let v = value(ch);
        if v == INVALID {
            return Err(Error::Base64);
        }
        n |= u32::from(v) << shift;
    }
    let [_, n0, n1, _] = n.to_be_bytes();
    match (rest.len(), tail) {
        (0, _) => Ok(full),
        // Two characters carry 12 bits for one byte: the low 4 must be zero.
        (2, [x, ..]) if n1 == 0 => {
            *x = n0;
            Ok(full + 1)
        }
        // Three characters carry 18 bits for two bytes: the low 2 must be zero.
        (3, [x, y, ..]) if n & 0xff == 0 => {
            (*x, *y) = (n0, n1);
            Ok(full + 2)
        }
        _ => Err(Error::Base64),
    }
}

/// Decodes canonical unpadded base64url into the caller's buffer and returns
/// the decoded prefix of it. Allocates nothing: this is the hot-path API.
///
/// The buffer must hold at least [`decoded_len_max`] of the input length;
/// otherwise [`Error::BufferTooSmall`].
///
/// ```
/// let mut buf = [0u8; 64];
/// let sig = jot_jwt::base64url::decode_to_slice(b"aGVsbG8", &mut buf).unwrap();
/// assert_eq!(sig, b"hello");
/// ```
pub fn decode_to_slice<'a>(input: &[u8], out: &'a mut [u8]) -> Result<&'a [u8], Error> {
    // A length of 1 mod 4 can never be valid unpadded base64.
    if input.len() % 4 == 1 {
        return Err(Error::Base64);
    }
    let len = decoded_len_max(input.len());
    let out = out.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    let written = decode_public(input, out)?;
    out.get(..written).ok_or(Error::Base64)
}

/// Checks that `input` is canonical unpadded base64url, under exactly the
/// rules of [`decode`], without keeping the bytes: it decodes through a
/// stack buffer, so it allocates nothing whatever the length.
///
/// ```
/// assert!(jot_jwt::base64url::check(b"aGVsbG8").is_ok());
/// assert!(jot_jwt::base64url::check(b"aGVsbG9").is_err()); // stray bits
/// ```
pub fn check(input: &[u8]) -> Result<(), Error> {
    if input.len() % 4 == 1 {
        return Err(Error::Base64);
    }
    // Every character in the alphabet, and the trailing-bits rule on the
    // last (partial) block.
    // Branch-free: an alphabet value is below 64, `INVALID` is not.
    if input.iter().fold(0, |acc, &c| acc | value(c)) & 0xc0 != 0 {
        return Err(Error::Base64);
    }
    let last = input.len() - input.len() % 4;
    let mut buf = [0u8; 3];
    decode_public(input.get(last..).unwrap_or_default(), &mut buf).map(drop)
}

/// The exact number of bytes that `encoded_len` characters of unpadded
/// base64url decode to (for lengths that can be valid).
pub const fn decoded_len_max(encoded_len: usize) -> usize {
    // (n / 4) * 3 <= 3/4 n and the remainder adds at most 2: no overflow.
    (encoded_len / 4) * 3 + (encoded_len % 4) * 3 / 4
}

/// The number of characters the unpadded encoding of `len` bytes takes.
///
/// Saturates at `usize::MAX` instead of overflowing, so a limit set near
/// `usize::MAX` (no limit) compares as "anything goes", never wraps to a
/// small bound or panics.
pub const fn encoded_len(len: usize) -> usize {
    (len / 3).saturating_mul(4).saturating_add((len % 3 * 4).div_ceil(3))
}

/// Encodes bytes as unpadded base64url.
///
/// ```
/// assert_eq!(jot_jwt::base64url::encode(b"hi"), "aGk");
/// ```
pub fn encode(input: impl AsRef<[u8]>) -> String {
    Base64UrlUnpadded::encode_string(input.as_ref())
}

/// The URL-safe alphabet, by 6-bit value.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The unpadded base64url encoding of public data; see
/// [`encode_public_into`].
pub fn encode_public(input: &[u8]) -> String {
    let mut out = String::new();
    encode_public_into(input, &mut out);
    out
}

/// Appends the unpadded base64url encoding of `input` to `out`, by table
/// lookup: variable time, for public data only (headers, payloads,
/// signatures, ciphertexts). Secrets go through [`encode`] or
/// [`encode_into`], which are constant time.
///
/// ```
/// let mut out = String::from("x.");
/// jot_jwt::base64url::encode_public_into(b"hello", &mut out);
/// assert_eq!(out, "x.aGVsbG8");
/// ```
pub fn encode_public_into(input: &[u8], out: &mut String) {
    // Input bytes per round (a multiple of 3): 256 characters on the stack,
    // checked as ASCII and appended, so nothing is zeroed first and only
    // the new text is checked.
    const CHUNK: usize = 192;
    // `n & 63` is below 64: the lookup cannot miss.
    let at = |n: u32| ALPHABET.get((n & 63) as usize).copied().unwrap_or(b'A');
    out.reserve(encoded_len(input.len()));
    let mut buf = [0u8; CHUNK / 3 * 4];
    for chunk in input.chunks(CHUNK) {
        let (blocks, rest) = chunk.as_chunks::<3>();
        let (quads, _) = buf.as_chunks_mut::<4>();
        for (&[a, b, c], quad) in blocks.iter().zip(quads.iter_mut()) {
            let n = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
            *quad = [at(n >> 18), at(n >> 12), at(n >> 6), at(n)];
        }
        let done = blocks.len() * 4;
        let len = match (rest, buf.get_mut(done..)) {
            (&[a], Some([x, y, ..])) => {
                let n = u32::from(a) << 16;
                (*x, *y) = (at(n >> 18), at(n >> 12));
                done + 2
            }
            (&[a, b], Some([x, y, z, ..])) => {
                let n = u32::from(a) << 16 | u32::from(b) << 8;
                (*x, *y, *z) = (at(n >> 18), at(n >> 12), at(n >> 6));
                done + 3
            }
            _ => done,
        };
        // Every byte written is ASCII.
        out.push_str(core::str::from_utf8(buf.get(..len).unwrap_or_default()).unwrap_or_default());
    }
}

/// Appends the unpadded base64url encoding of `input` to `out`.
pub fn encode_into(input: &[u8], out: &mut String) {
    let start = out.len();
    let len = encoded_len(input.len());
    // base64ct writes into a byte buffer; encode there and append.
    let mut buf = vec![0u8; len];
    if let Ok(s) = Base64UrlUnpadded::encode(input, &mut buf) {
        out.push_str(s);
    }
    debug_assert_eq!(out.len(), start + len);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rejects_padding_whitespace_and_other_alphabets() {
        for bad in ["aGk=", "aGk==", " aGk", "aGk\n", "a Gk", "aG+k", "aG/k", "a", "aGk.", "\u{e9}"] {
            assert_eq!(decode(bad), Err(Error::Base64), "{bad:?}");
        }
    }

    #[test]
    fn every_two_and_three_character_tail() {
        // Exhaustive over the alphabet: the trailing-bits rule, both decoders.
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for &a in alphabet {
            for &b in alphabet {
                let two = [b'Q', b'U', b'F', b'B', a, b];
                assert_eq!(decode(two), decode_secret(two));
                for &c in alphabet {
                    let three = [a, b, c];
                    assert_eq!(decode(three), decode_secret(three));
                }
            }
        }
    }

    #[test]
    fn rejects_non_canonical_trailing_bits() {
        // "aGk" is canonical for "hi"; "aGl" has the same 16 data bits plus a set stray bit.
        assert_eq!(decode("aGk").unwrap(), b"hi");
        assert_eq!(decode("aGl"), Err(Error::Base64));
        assert_eq!(decode("AB"), Err(Error::Base64));
        assert_eq!(decode("AA").unwrap(), [0]);
    }

    #[test]
    fn small_buffer_is_an_error_not_a_panic() {
        let mut buf = [0u8; 2];
        assert_eq!(decode_to_slice(b"aGVsbG8", &mut buf), Err(Error::BufferTooSmall));
    }

    #[test]
    fn public_encoder_matches_the_constant_time_one_at_every_length() {
        let bytes: Vec<u8> = (0..=255u8).rev().chain(0..=255).collect();
        for len in 0..bytes.len() {
            let mut out = String::from("prefix");
            encode_public_into(&bytes[..len], &mut out);
            assert_eq!(out, format!("prefix{}", encode(&bytes[..len])));
        }
    }

    #[test]
    fn empty_is_empty() {
        assert_eq!(decode("").unwrap(), b"");
        assert_eq!(encode(b""), "");
    }

    proptest! {
        #[test]
        fn round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let s = encode(&bytes);
            prop_assert_eq!(s.len(), encoded_len(bytes.len()));
            prop_assert_eq!(decoded_len_max(s.len()), bytes.len());
            prop_assert_eq!(decode(&s).unwrap(), bytes.clone());
            let mut out = String::from("x");
            encode_into(&bytes, &mut out);
            prop_assert_eq!(&out[1..], s.as_str());
        }

        #[test]
        fn decode_never_panics(s in ".{0,64}") {
            let _ = decode(&s);
        }

        /// `check` says yes exactly when `decode` does, across the chunk
        /// boundaries, with one stray character or stray bits anywhere.
        #[test]
        fn check_agrees_with_decode(
            bytes in proptest::collection::vec(any::<u8>(), 0..1200),
            at in any::<prop::sample::Index>(),
            with in prop_oneof![Just(None), Just(Some(b'=')), Just(Some(b'+')), Just(Some(b'l')), Just(Some(b'A'))],
            truncate in any::<bool>(),
        ) {
            let mut s = encode(&bytes).into_bytes();
            if let (Some(c), false) = (with, s.is_empty()) {
                let i = at.index(s.len());
                s[i] = c;
            }
            if truncate {
                s.pop();
            }
            prop_assert_eq!(check(&s).is_ok(), decode(&s).is_ok());
            prop_assert_eq!(decode(&s), decode_secret(&s));
        }

        /// The table decoder and the constant-time one (base64ct) agree on
        /// arbitrary bytes and on near-base64 strings.
        #[test]
        fn fast_and_constant_time_decoders_agree(
            raw in proptest::collection::vec(any::<u8>(), 0..24),
            text in "[A-Za-z0-9_=+/ -]{0,24}",
        ) {
            prop_assert_eq!(decode(&raw), decode_secret(&raw));
            prop_assert_eq!(decode(&text), decode_secret(&text));
            prop_assert_eq!(check(text.as_bytes()).is_ok(), decode_secret(&text).is_ok());
        }
    }

    #[test]
    fn check_at_chunk_edges() {
        for len in [0, 1, 2, 3, 383, 384, 385, 386, 767, 768, 769, 1000] {
            let s = encode(vec![0xa5; len]);
            assert!(check(s.as_bytes()).is_ok(), "{len}");
            let mut bad = s.clone().into_bytes();
            if let Some(last) = bad.last_mut() {
                *last = b'=';
                assert!(check(&bad).is_err(), "{len}");
            }
        }
    }
}
