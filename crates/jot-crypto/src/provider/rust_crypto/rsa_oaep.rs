//! EME-OAEP decoding (RFC 8017 section 7.1.2), constant time.
//!
//! The `rsa` crate 0.10 decodes OAEP without checking that the first octet
//! `Y` of the encoded message is zero (its own test `decrypt_ignores_first_octet`
//! pins that), which RFC 8017 requires and Wycheproof tests ("First byte is
//! 1"). So the private operation stays in the `rsa` crate (blinded, with its
//! fault check) and the padding is checked here, every check folded into
//! one secret flag before the single, detail-free error.

use getrandom::SysRng;
use jot_core::Secret;
use rsa::BoxedUint;
use rsa::hazmat::rsa_decrypt_and_check;
use rsa::sha2::digest::Digest;
use rsa::traits::PublicKeyParts;
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

use crate::Error;

/// RSAES-OAEP-DECRYPT with hash `D` for the label hash and MGF1.
pub(crate) fn decrypt<D: Digest>(key: &rsa::PrivateKey, ct: &[u8], label: &[u8]) -> Result<Secret, Error> {
    let k = key.size();
    let h_len = <D as Digest>::output_size();
    // Public checks (RFC 8017 7.1.2 step 1).
    if ct.len() != k || k < 2 * h_len + 2 {
        return Err(Error::DecryptionFailed);
    }
    let c = BoxedUint::from_be_slice(ct, key.n_bits_precision()).map_err(|_| Error::DecryptionFailed)?;
    // Refuses c >= n; blinded with the system RNG; checks m^e = c.
    let m = Zeroizing::new(rsa_decrypt_and_check(key, Some(&mut SysRng), &c).map_err(|e| match e {
        rsa::Error::Rng => Error::Random,
        _ => Error::DecryptionFailed,
    })?);
    let full = Zeroizing::new(m.to_be_bytes());
    let start = full.len().checked_sub(k).ok_or(Error::DecryptionFailed)?;
    let mut em = Zeroizing::new(full.get(start..).ok_or(Error::DecryptionFailed)?.to_vec());
    unpad::<D>(&mut em, label).map(|range| Secret::new(range.to_vec())).ok_or(Error::DecryptionFailed)
}

/// Checks and strips the padding of `em` (k bytes), returning the message.
/// Timing depends only on the lengths, not on where or whether it fails.
fn unpad<'a, D: Digest>(em: &'a mut [u8], label: &[u8]) -> Option<&'a [u8]> {
    let h_len = <D as Digest>::output_size();
    let (y, rest) = em.split_first_mut()?;
    let y_is_zero = y.ct_eq(&0);
    if rest.len() < 2 * h_len + 1 {
        return None;
    }
    let (seed, db) = rest.split_at_mut(h_len);
    // seed = maskedSeed ^ MGF(maskedDB); DB = maskedDB ^ MGF(seed).
    mgf1_xor::<D>(db, seed);
    mgf1_xor::<D>(seed, db);

    let l_hash = D::digest(label);
    let (db_hash, ps_m) = db.split_at(h_len);
    let mut good = y_is_zero & db_hash.ct_eq(l_hash.as_slice());

    // PS (zeros), then 0x01, then M: find the first non-zero octet; it must
    // be 0x01.
    let mut looking = Choice::from(1);
    let mut index = 0u32;
    let mut bad = Choice::from(0);
    for (i, b) in ps_m.iter().enumerate() {
        let is_zero = b.ct_eq(&0);
        let is_one = b.ct_eq(&1);
        let i = u32::try_from(i).ok()?;
        index.conditional_assign(&i, looking & is_one);
        bad |= looking & !is_zero & !is_one;
        looking &= !is_one;
    }
    good &= !looking & !bad;
    if !bool::from(good) {
        return None;
    }
    let msg_start = usize::try_from(index).ok()?.checked_add(1)?;
    ps_m.get(msg_start..)
}

/// `out ^= MGF1(seed, out.len())` (RFC 8017 appendix B.2.1).
fn mgf1_xor<D: Digest>(seed: &[u8], out: &mut [u8]) {
    let h_len = <D as Digest>::output_size();
    for (counter, chunk) in (0u32..).zip(out.chunks_mut(h_len)) {
        let mask = D::new().chain_update(seed).chain_update(counter.to_be_bytes()).finalize();
        for (o, m) in chunk.iter_mut().zip(mask.iter()) {
            *o ^= m;
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use rsa::sha2::Sha256;

    use super::*;

    /// Builds EM = Y || maskedSeed || maskedDB for `msg` by RFC 8017 7.1.1.
    fn encode(y: u8, label: &[u8], ps_len: usize, sep: u8, msg: &[u8]) -> Vec<u8> {
        let mut db = Sha256::digest(label).to_vec();
        db.extend(std::iter::repeat_n(0, ps_len));
        db.push(sep);
        db.extend_from_slice(msg);
        let mut seed = vec![0x5a; 32];
        mgf1_xor::<Sha256>(&seed, &mut db);
        mgf1_xor::<Sha256>(&db, &mut seed);
        [vec![y], seed, db].concat()
    }

    #[test]
    fn unpad_accepts_only_well_formed() {
        let mut em = encode(0, b"", 10, 1, b"msg");
        assert_eq!(unpad::<Sha256>(&mut em, b""), Some(&b"msg"[..]));
        let mut em = encode(0, b"", 0, 1, b"");
        assert_eq!(unpad::<Sha256>(&mut em, b""), Some(&b""[..]));
        let mut em = encode(0, b"L", 3, 1, b"m");
        assert_eq!(unpad::<Sha256>(&mut em, b"L"), Some(&b"m"[..]));
        for (y, label, sep) in [(1, &b""[..], 1), (0, b"other", 1), (0, b"", 2), (0x80, b"", 1)] {
            let mut em = encode(y, b"", 4, sep, b"m");
            assert_eq!(unpad::<Sha256>(&mut em, label), None, "y={y} sep={sep}");
        }
        // No separator at all.
        let mut em = encode(0, b"", 8, 0, b"");
        assert_eq!(unpad::<Sha256>(&mut em, b""), None);
        // Too short for two hashes.
        assert_eq!(unpad::<Sha256>(&mut [0u8; 60], b""), None);
    }
}
