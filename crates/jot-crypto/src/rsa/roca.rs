//! The ROCA fingerprint (CVE-2017-15361).
//!
//! Infineon's RSA library (smart cards, TPMs, 2012-2017) made primes of the
//! form `k * M + (65537^a mod M)`, with `M` a primorial, so their moduli can
//! be factored (Nemec et al., "The Return of Coppersmith's Attack", ACM CCS
//! 2017). Such a modulus `N` is `65537^c` modulo every small prime `p` that
//! divides `M`: `N mod p` lies in the subgroup of `(Z/pZ)*` that 65537
//! generates. The test the authors published (crocs-muni/roca, the
//! "moduli" detector) checks exactly this for the 38 odd primes up to 167;
//! a random modulus passes all 38 with negligible probability.
//!
//! The check reads only the public modulus and runs once, when a key is
//! loaded ([`super::RsaPublicKey::from_components`]), never per verify.

/// The primes the published detector tests.
const PRIMES: [u32; 38] = [
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109,
    113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
];

/// The generator the vulnerable library used.
const GENERATOR: u32 = 65537;

/// Whether the big-endian modulus `n` has the ROCA fingerprint: for every
/// prime `p` in the detector's list, `n mod p` is a power of 65537 modulo
/// `p`. Works on any length; key loading refuses such moduli with
/// [`crate::KeyRejected::RocaFingerprint`].
///
/// ```
/// use jot_crypto::rsa::has_roca_fingerprint;
/// // 65537^5 has the fingerprint by construction; 65537^5 + 2 does not.
/// let n: u128 = 65537u128.pow(5);
/// assert!(has_roca_fingerprint(&n.to_be_bytes()));
/// assert!(!has_roca_fingerprint(&(n + 2).to_be_bytes()));
/// ```
pub fn has_roca_fingerprint(n: &[u8]) -> bool {
    // Most moduli fail at the first few primes: `all` stops there.
    PRIMES.iter().all(|&p| in_generated_subgroup(remainder(n, p), p))
}

/// `n mod p` for a big-endian `n` (the running remainder stays below
/// `p * 256 + 256`, far from overflow).
fn remainder(n: &[u8], p: u32) -> u32 {
    n.iter().fold(0, |r, &b| (r * 256 + u32::from(b)) % p)
}

/// Whether `r` is a power of [`GENERATOR`] modulo the prime `p`. The powers
/// cycle back to 1 within `p - 1` steps (65537 is a prime other than `p`, so
/// it is a unit), and 0 is never reached.
fn in_generated_subgroup(r: u32, p: u32) -> bool {
    let g = GENERATOR % p;
    let mut x = 1;
    loop {
        if x == r {
            return true;
        }
        x = x * g % p;
        if x == 1 {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published detector's bit masks for the first primes (bit `r` set
    /// when `r` is in the subgroup): 6, 30, 126, 1026, 5658 for 3, 5, 7, 11,
    /// 13. The subgroups computed here give the same masks.
    #[test]
    fn subgroups_match_the_published_masks() {
        for (p, mask) in [(3u32, 6u64), (5, 30), (7, 126), (11, 1026), (13, 5658), (17, 107_286), (19, 199_410)] {
            let computed = (0..p).filter(|&r| in_generated_subgroup(r, p)).fold(0u64, |m, r| m | 1 << r);
            assert_eq!(computed, mask, "p = {p}");
        }
    }

    #[test]
    fn remainder_matches_u128_arithmetic() {
        for n in [0u128, 1, 255, 256, 65_537, u128::MAX, 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210] {
            for p in PRIMES {
                assert_eq!(u128::from(remainder(&n.to_be_bytes(), p)), n % u128::from(p));
            }
        }
    }
}
