//! The Ed25519 public-key check both providers share, done once when a key
//! is loaded (AWS-LC would otherwise find a bad point only when it
//! verifies).
//!
//! RFC 8032 section 5.1.3 decoding: `y` below p, and `x^2 = (y^2 - 1) /
//! (d y^2 + 1)` solvable (Euler's criterion), with `x = 0` and the sign bit
//! set refused. The eight points of small order (which let a signer make
//! one signature verify for many messages) are refused by their `y`: 1,
//! p - 1, 0, and the two `y` of the order-8 points. Public values only, so
//! variable time is fine.

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Odd, U256};

use crate::KeyRejected;

/// p = 2^255 - 19.
const P: U256 = U256::from_be_hex("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed");
/// d = -121665 / 121666 mod p.
const D: U256 = U256::from_be_hex("52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3");
/// (p - 1) / 2, the exponent of Euler's criterion.
const HALF: U256 = U256::from_be_hex("3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff6");
/// p - 2, the exponent of inversion by Fermat's little theorem.
const P_MINUS_2: U256 = U256::from_be_hex("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeb");
/// The `y` of the order-8 points (the other is p minus it).
const Y8: U256 = U256::from_be_hex("05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826");

/// Checks a 32-byte Ed25519 public key encoding.
pub(super) fn check_public(x: &[u8; 32]) -> Result<(), KeyRejected> {
    let mut le = *x;
    let sign = le[31] >> 7;
    le[31] &= 0x7f;
    let y = U256::from_le_slice(&le);
    if y >= P {
        return Err(KeyRejected::NotOnCurve);
    }
    let p_minus = |v: &U256| P.wrapping_sub(v);
    if [U256::ZERO, U256::ONE, p_minus(&U256::ONE), Y8, p_minus(&Y8)].contains(&y) {
        return Err(KeyRejected::Weak);
    }
    let Some(p) = Odd::new(P).into_option() else { return Err(KeyRejected::NotOnCurve) };
    let params = FixedMontyParams::new_vartime(p);
    let y = FixedMontyForm::new(&y, &params);
    let one = FixedMontyForm::one(&params);
    let y2 = y * y;
    let u = y2 - one;
    let v = FixedMontyForm::new(&D, &params) * y2 + one;
    let w = u * v.pow_vartime(&P_MINUS_2);
    if w.retrieve() == U256::ZERO {
        // x = 0 (only for y = 1 or p - 1, refused above); its sign must be 0.
        return if sign == 0 { Ok(()) } else { Err(KeyRejected::NotOnCurve) };
    }
    if w.pow_vartime(&HALF).retrieve() == U256::ONE { Ok(()) } else { Err(KeyRejected::NotOnCurve) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_what_they_claim() {
        let two = U256::from_u8(2);
        assert_eq!(P.wrapping_sub(&two), P_MINUS_2);
        assert_eq!(P.wrapping_sub(&U256::ONE).shr_vartime(1), HALF);
        // d * 121666 = -121665 mod p.
        let p = Odd::new(P).unwrap();
        let params = FixedMontyParams::new_vartime(p);
        let d = FixedMontyForm::new(&D, &params) * FixedMontyForm::new(&U256::from_u32(121_666), &params);
        assert_eq!(d.retrieve(), P.wrapping_sub(&U256::from_u32(121_665)));
    }

    #[test]
    fn small_order_and_off_curve_points_are_refused() {
        let enc = |y: U256, sign: u8| {
            let mut b: [u8; 32] = y.to_le_bytes().as_ref().try_into().unwrap();
            b[31] |= sign << 7;
            b
        };
        for y in [U256::ZERO, U256::ONE, P.wrapping_sub(&U256::ONE), Y8, P.wrapping_sub(&Y8)] {
            assert_eq!(check_public(&enc(y, 0)), Err(KeyRejected::Weak), "{y}");
        }
        // y >= p: not canonical.
        assert_eq!(check_public(&enc(P, 0)), Err(KeyRejected::NotOnCurve));
        assert_eq!(check_public(&[0xff; 32]), Err(KeyRejected::NotOnCurve));
        // The RFC 8032 test 1 key decodes.
        let key = hex32("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assert_eq!(check_public(&key), Ok(()));
        // y = 2 has no x (2^2 - 1 over 4d + 1 is not a square mod p).
        assert_eq!(check_public(&enc(U256::from_u8(2), 0)), Err(KeyRejected::NotOnCurve));
    }

    fn hex32(s: &str) -> [u8; 32] {
        let v: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect();
        v.try_into().unwrap()
    }
}
