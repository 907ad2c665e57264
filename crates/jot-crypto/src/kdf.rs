//! Key derivation: the Concat KDF of ECDH-ES (RFC 7518 section 4.6.2,
//! NIST SP 800-56A section 5.8.1) and PBKDF2 for PBES2 (RFC 7518
//! section 4.8, RFC 8018).
//!
//! The Concat KDF is built here on the provider's SHA-256; PBKDF2 is the
//! provider's (AWS-LC's, or RustCrypto's `pbkdf2`). Intermediate hash states
//! inside AWS-LC are not zeroized (it offers no hook); the outputs are, as
//! [`Secret`]s.

use core::num::NonZeroU32;

use jot_core::Secret;
use zeroize::Zeroizing;

use crate::{Error, ShaAlg, provider};

/// Derives `key_len` bytes with the Concat KDF over SHA-256, as ECDH-ES
/// does (RFC 7518 section 4.6.2).
///
/// `z` is the shared secret. `alg_id` is the AlgorithmID: the `enc` value
/// for direct key agreement, the `alg` value for ECDH-ES+A*KW. `apu` and
/// `apv` are the decoded PartyUInfo and PartyVInfo (empty if absent). Each
/// of the three is prefixed with its length as a 32-bit big-endian integer,
/// and SuppPubInfo is `key_len * 8` as a 32-bit big-endian integer.
///
/// A `key_len` of zero, or one whose bit length does not fit in 32 bits,
/// and an `alg_id`, `apu` or `apv` longer than `u32::MAX` bytes are
/// [`Error::InvalidLength`].
///
/// ```
/// use jot_crypto::kdf;
///
/// let z = [0x9e; 32];
/// let cek = kdf::concat_kdf(&z, b"A128GCM", b"Alice", b"Bob", 16)?;
/// assert_eq!(cek.len(), 16);
/// # Ok::<(), jot_crypto::Error>(())
/// ```
pub fn concat_kdf(z: &[u8], alg_id: &[u8], apu: &[u8], apv: &[u8], key_len: usize) -> Result<Secret, Error> {
    if key_len == 0 {
        return Err(Error::InvalidLength);
    }
    let key_bits = key_len.checked_mul(8).and_then(|bits| u32::try_from(bits).ok()).ok_or(Error::InvalidLength)?;
    let alg_id_len = len_prefix(alg_id)?;
    let apu_len = len_prefix(apu)?;
    let apv_len = len_prefix(apv)?;

    // Built in a Zeroizing buffer, so nothing is left behind if a later
    // step fails; the allocation then moves into the Secret.
    let mut out = Zeroizing::new(Vec::with_capacity(key_len));
    let mut counter: u32 = 1;
    while out.len() < key_len {
        let block = provider::sha2(
            ShaAlg::Sha256,
            &[&counter.to_be_bytes(), z, &alg_id_len, alg_id, &apu_len, apu, &apv_len, apv, &key_bits.to_be_bytes()],
        );
        let block = Zeroizing::new(block);
        let want = key_len.saturating_sub(out.len()).min(block.len);
        out.extend_from_slice(block.as_slice().get(..want).ok_or(Error::InvalidLength)?);
        // key_bits fits in 32 bits, so at most 2^29 / 32 rounds: no overflow.
        counter = counter.checked_add(1).ok_or(Error::InvalidLength)?;
    }
    Ok(Secret::new(core::mem::take(&mut *out)))
}

fn len_prefix(field: &[u8]) -> Result<[u8; 4], Error> {
    u32::try_from(field.len()).map(u32::to_be_bytes).map_err(|_| Error::InvalidLength)
}

/// PBKDF2 with HMAC-SHA-2 (RFC 8018 section 5.2): derives `out_len` bytes.
///
/// For PBES2 the caller passes `salt = UTF8(alg) || 0x00 || p2s` and
/// `iterations = p2c`; the cap on `p2c` is enforced in the JWE layer, not
/// here.
///
/// `iterations` of zero, an `out_len` of zero, or one above what PBKDF2
/// defines (`(2^32 - 1) * hash length`) are [`Error::InvalidLength`].
///
/// ```
/// use jot_crypto::{kdf, ShaAlg};
///
/// let key = kdf::pbkdf2(ShaAlg::Sha256, b"password", b"PBES2-HS256+A128KW\0salt", 1000, 16)?;
/// assert_eq!(key.len(), 16);
/// # Ok::<(), jot_crypto::Error>(())
/// ```
pub fn pbkdf2(alg: ShaAlg, password: &[u8], salt: &[u8], iterations: u32, out_len: usize) -> Result<Secret, Error> {
    let iterations = NonZeroU32::new(iterations).ok_or(Error::InvalidLength)?;
    let max_len =
        usize::try_from(u32::MAX).ok().and_then(|blocks| blocks.checked_mul(alg.output_len())).unwrap_or(usize::MAX);
    if out_len == 0 || out_len > max_len {
        return Err(Error::InvalidLength);
    }
    let mut out = Zeroizing::new(vec![0u8; out_len]);
    provider::pbkdf2::derive(alg, iterations, salt, password, &mut out);
    Ok(Secret::new(core::mem::take(&mut *out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn pbkdf2_rfc7914_kat() {
        // RFC 7914 section 11 (PBKDF2-HMAC-SHA256, c = 1).
        let dk = pbkdf2(ShaAlg::Sha256, b"passwd", b"salt", 1, 64).unwrap();
        assert_eq!(
            hex(dk.expose()),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc\
             49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
        );
    }

    #[test]
    fn pbkdf2_sha384_and_sha512_lengths() {
        for (alg, len) in [(ShaAlg::Sha384, 24), (ShaAlg::Sha512, 32), (ShaAlg::Sha512, 100)] {
            let dk = pbkdf2(alg, b"pw", b"salt", 2, len).unwrap();
            assert_eq!(dk.len(), len);
            // A different iteration count or hash gives a different key.
            assert_ne!(dk, pbkdf2(alg, b"pw", b"salt", 3, len).unwrap());
        }
        let a = pbkdf2(ShaAlg::Sha384, b"pw", b"s", 1, 32).unwrap();
        let b = pbkdf2(ShaAlg::Sha512, b"pw", b"s", 1, 32).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn pbkdf2_rejects_zero_iterations_and_length() {
        assert_eq!(pbkdf2(ShaAlg::Sha256, b"pw", b"salt", 0, 16), Err(Error::InvalidLength));
        assert_eq!(pbkdf2(ShaAlg::Sha256, b"pw", b"salt", 1, 0), Err(Error::InvalidLength));
    }

    #[test]
    fn concat_kdf_structure() {
        // Recompute the first round by hand: counter || Z || OtherInfo.
        let z = [1u8, 2, 3];
        let mut info = Vec::new();
        info.extend_from_slice(&1u32.to_be_bytes());
        info.extend_from_slice(&z);
        for field in [&b"A256GCM"[..], b"Alice", b""] {
            info.extend_from_slice(&(field.len() as u32).to_be_bytes());
            info.extend_from_slice(field);
        }
        info.extend_from_slice(&256u32.to_be_bytes());
        let expected = crate::hash::digest(ShaAlg::Sha256, &info);
        let got = concat_kdf(&z, b"A256GCM", b"Alice", b"", 32).unwrap();
        assert_eq!(got.expose(), expected.as_ref());
    }

    #[test]
    fn concat_kdf_multi_round_and_prefix_property() {
        // 64 bytes need two rounds; 48 bytes take a prefix of the second.
        let k64 = concat_kdf(b"z", b"alg", b"", b"", 64).unwrap();
        assert_eq!(k64.len(), 64);
        let k48 = concat_kdf(b"z", b"alg", b"", b"", 48).unwrap();
        assert_eq!(k48.len(), 48);
        // keydatalen is part of the input, so k48 is not a prefix of k64.
        assert_ne!(&k64.expose()[..48], k48.expose());
        // Each of alg_id, apu, apv is length-prefixed: moving bytes between
        // fields changes the output.
        let a = concat_kdf(b"z", b"ab", b"c", b"", 16).unwrap();
        let b = concat_kdf(b"z", b"a", b"bc", b"", 16).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn concat_kdf_rejects_zero_length() {
        assert_eq!(concat_kdf(b"z", b"A128GCM", b"", b"", 0), Err(Error::InvalidLength));
        assert_eq!(concat_kdf(b"z", b"A128GCM", b"", b"", usize::MAX), Err(Error::InvalidLength));
        assert_eq!(concat_kdf(b"z", b"A128GCM", b"", b"", (u32::MAX as usize) / 8 + 1), Err(Error::InvalidLength));
    }
}
