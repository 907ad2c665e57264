//! The CSPRNG of the provider (AWS-LC's, seeded by the operating system;
//! with `rust-crypto`, the operating system's through `getrandom`).

use jot_core::Secret;

use crate::Error;

/// Fills `buf` with random bytes.
pub fn fill(buf: &mut [u8]) -> Result<(), Error> {
    crate::provider::fill_random(buf)
}

/// `len` random bytes.
pub fn bytes(len: usize) -> Result<Vec<u8>, Error> {
    let mut v = vec![0u8; len];
    fill(&mut v)?;
    Ok(v)
}

/// A random secret of `len` bytes (a CEK, an `oct` key).
pub fn secret(len: usize) -> Result<Secret, Error> {
    bytes(len).map(Secret::new)
}

/// A fixed-size random array (IVs, salts).
pub fn array<const N: usize>() -> Result<[u8; N], Error> {
    let mut a = [0u8; N];
    fill(&mut a)?;
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn produces_distinct_output() {
        let a: [u8; 32] = array().unwrap();
        let b: [u8; 32] = array().unwrap();
        assert_ne!(a, b);
        assert_eq!(secret(17).unwrap().len(), 17);
    }
}
