//! Raw DEFLATE (RFC 1951, no zlib or gzip header) for JWE `"zip": "DEF"`
//! (RFC 7516 section 4.1.3), via `miniz_oxide`.
//!
//! [`inflate`] enforces its output cap while it decompresses: output goes
//! through a fixed 32 KiB window and is appended to the result only while
//! the total stays within the cap, so a "zip bomb" fails after at most one
//! window of work beyond the cap and nothing larger than the cap is ever
//! allocated.

use jot_core::LimitKind;
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, TINFL_LZ_DICT_SIZE, decompress};

use crate::error::Error;

/// The compression level used by [`deflate`] (zlib's default: a good
/// ratio for JSON at modest cost).
const LEVEL: u8 = 6;

/// Compresses `data` as a raw DEFLATE stream.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(data, LEVEL)
}

/// Decompresses a raw DEFLATE stream, refusing to produce more than
/// `max_len` bytes.
///
/// Output beyond `max_len` is [`Error::Limit`]`(`[`LimitKind::DecompressedSize`]`)`,
/// detected as soon as it is produced. A malformed or truncated stream, or
/// any bytes after the final block, is [`Error::Decompression`].
pub(crate) fn inflate(data: &[u8], max_len: usize) -> Result<Vec<u8>, Error> {
    // Wrapping mode: `window` is the 32 KiB history the decompressor needs
    // for back-references, reused round after round.
    let mut decomp = Box::<DecompressorOxide>::default();
    let mut window = vec![0u8; TINFL_LZ_DICT_SIZE];
    let mut win_pos = 0usize;
    // A first guess at the size; growth below never exceeds `max_len`.
    let mut out: Vec<u8> = Vec::with_capacity(data.len().saturating_mul(4).min(max_len));
    let mut input = data;

    loop {
        // No flags: raw DEFLATE, the whole input is present, wrapping window.
        let (status, consumed, written) = decompress(&mut decomp, input, &mut window, win_pos, 0);
        input = input.get(consumed..).ok_or(Error::Decompression)?;
        let end = win_pos.checked_add(written).ok_or(Error::Decompression)?;
        let produced = window.get(win_pos..end).ok_or(Error::Decompression)?;
        append_capped(&mut out, produced, max_len)?;
        win_pos = end % TINFL_LZ_DICT_SIZE;

        match status {
            TINFLStatus::Done => {
                return if input.is_empty() { Ok(out) } else { Err(Error::Decompression) };
            }
            // The window is full; it has been drained into `out`, go on.
            // (A round without progress would loop forever: refuse it.)
            TINFLStatus::HasMoreOutput if consumed > 0 || written > 0 => {}
            // Failed, FailedCannotMakeProgress (truncated), NeedsMoreInput,
            // BadParam, Adler32Mismatch: all malformed input to us.
            _ => return Err(Error::Decompression),
        }
    }
}

/// Appends `chunk` to `out` unless that would take it past `max_len`;
/// grows the allocation by doubling but never beyond `max_len`.
fn append_capped(out: &mut Vec<u8>, chunk: &[u8], max_len: usize) -> Result<(), Error> {
    let needed = out.len().checked_add(chunk.len()).filter(|&n| n <= max_len);
    let Some(needed) = needed else {
        return Err(Error::Limit(LimitKind::DecompressedSize));
    };
    if needed > out.capacity() {
        let target = out.capacity().saturating_mul(2).max(needed).min(max_len);
        out.reserve_exact(target.saturating_sub(out.len()));
    }
    out.extend_from_slice(chunk);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LIMIT: Error = Error::Limit(LimitKind::DecompressedSize);

    #[test]
    fn round_trip() {
        for data in [&b""[..], b"a", b"hello hello hello hello", &[0u8; 100_000]] {
            let packed = deflate(data);
            assert_eq!(inflate(&packed, data.len()).unwrap(), data);
        }
    }

    #[test]
    fn output_exactly_at_the_cap_is_accepted() {
        let data = vec![7u8; 70_000]; // more than two windows
        let packed = deflate(&data);
        assert_eq!(inflate(&packed, 70_000).unwrap(), data);
        assert_eq!(inflate(&packed, 69_999), Err(LIMIT));
        assert_eq!(inflate(&packed, 0), Err(LIMIT));
        assert_eq!(inflate(&deflate(b""), 0).unwrap(), b"");
    }

    #[test]
    fn capacity_never_exceeds_the_cap() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 7) as u8).collect();
        let packed = deflate(&data);
        let out = inflate(&packed, 200_000).unwrap();
        assert_eq!(out, data);
        assert!(out.capacity() <= 200_000, "{}", out.capacity());
    }

    #[test]
    fn zip_bomb_fails_fast_under_a_small_cap() {
        let bomb = deflate(&vec![0u8; 10 * 1024 * 1024]);
        assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
        let start = std::time::Instant::now();
        assert_eq!(inflate(&bomb, 4096), Err(LIMIT));
        // Generous bound: the point is that it stops after one window,
        // not that it is fast on a loaded machine.
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn truncated_stream_is_invalid() {
        let packed = deflate(b"some text that compresses, some text that compresses");
        for cut in [0, 1, packed.len() / 2, packed.len() - 1] {
            assert_eq!(inflate(&packed[..cut], 1 << 20), Err(Error::Decompression), "{cut}");
        }
    }

    #[test]
    fn trailing_garbage_is_invalid() {
        let mut packed = deflate(b"payload payload payload");
        packed.push(0);
        assert_eq!(inflate(&packed, 1 << 20), Err(Error::Decompression));
        let mut twice = deflate(b"one");
        twice.extend_from_slice(&deflate(b"two"));
        assert_eq!(inflate(&twice, 1 << 20), Err(Error::Decompression));
    }

    #[test]
    fn malformed_streams_are_invalid() {
        // Reserved block type 0b11.
        assert_eq!(inflate(&[0x07, 0x00], 1 << 20), Err(Error::Decompression));
        // Stored block whose LEN and NLEN disagree.
        assert_eq!(inflate(&[0x01, 0x05, 0x00, 0x00, 0x00], 1 << 20), Err(Error::Decompression));
        // A zlib-wrapped stream is not raw DEFLATE.
        let zlib = miniz_oxide::deflate::compress_to_vec_zlib(b"hello", 6);
        assert!(inflate(&zlib, 1 << 20).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn prop_round_trip(data in proptest::collection::vec(0u8..4, 0..5000)) {
            let packed = deflate(&data);
            prop_assert_eq!(inflate(&packed, data.len()).unwrap(), data.clone());
            if !data.is_empty() {
                prop_assert_eq!(inflate(&packed, data.len() - 1), Err(LIMIT));
            }
        }

        #[test]
        fn prop_arbitrary_input_never_panics(data in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = inflate(&data, 4096);
        }
    }
}
