#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use super::*;
use crate::{Error, KeyRejected};

fn rejected(r: KeyRejected) -> Error {
    Error::KeyRejected(r)
}

#[test]
fn handles_are_send_sync_clone() {
    fn check<T: Send + Sync + Clone>() {}
    check::<Ed25519PublicKey>();
    check::<Ed25519PrivateKey>();
    check::<X25519PublicKey>();
    check::<X25519PrivateKey>();
}

#[test]
fn ed25519_round_trip_and_tampering() {
    let key = Ed25519PrivateKey::generate().unwrap();
    let sig = key.sign(b"payload");
    assert_eq!(sig.len(), ED25519_SIGNATURE_LEN);
    assert_eq!(sig, key.sign(b"payload"), "deterministic");
    let public = key.public_key();
    public.verify(b"payload", &sig).unwrap();
    assert_eq!(public.verify(b"payloaD", &sig), Err(Error::InvalidSignature));
    for i in [0, 31, 32, 63] {
        let mut bad = sig.clone();
        bad[i] ^= 0x10;
        assert_eq!(public.verify(b"payload", &bad), Err(Error::InvalidSignature), "byte {i}");
    }
    assert_eq!(public.verify(b"payload", &sig[..63]), Err(Error::InvalidSignature));
    assert_eq!(public.verify(b"payload", &[sig.as_slice(), &[0]].concat()), Err(Error::InvalidSignature));
    let other = Ed25519PrivateKey::generate().unwrap();
    assert_eq!(other.public_key().verify(b"payload", &sig), Err(Error::InvalidSignature));
}

/// The group order L, little-endian.
const ED25519_ORDER: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// The signature with `S + L` for `S`: the same value mod L, not canonical.
fn with_s_plus_order(sig: &[u8]) -> Vec<u8> {
    let mut out = sig.to_vec();
    let mut carry = 0u16;
    for (b, l) in out[32..].iter_mut().zip(ED25519_ORDER) {
        let sum = u16::from(*b) + u16::from(l) + carry;
        *b = sum as u8;
        carry = sum >> 8;
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// The provider's verdicts on genuine, tampered and malleated
    /// signatures (S + L, a message one byte longer).
    #[test]
    fn ed25519_verdicts(
        msg in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
        at in 0usize..64,
        flip in 1u8..=255,
    ) {
        let key = Ed25519PrivateKey::generate().unwrap();
        let public = Ed25519PublicKey::from_bytes(key.public_key().as_bytes()).unwrap();
        let sig = key.sign(&msg);
        let mut tampered = sig.clone();
        tampered[at] ^= flip;
        let mut other_msg = msg.clone();
        other_msg.push(flip);
        for (m, s, valid) in [
            (&msg, &sig, true),
            (&msg, &tampered, false),
            (&msg, &with_s_plus_order(&sig), false),
            (&other_msg, &sig, false),
        ] {
            proptest::prop_assert_eq!(public.verify(m, s).is_ok(), valid);
        }
    }
}

#[test]
fn ed25519_seed_round_trip() {
    let key = Ed25519PrivateKey::generate().unwrap();
    let seed = key.seed();
    let public = Ed25519PublicKey::from_bytes(key.public_key().as_bytes()).unwrap();
    let again = Ed25519PrivateKey::from_seed(seed.expose(), Some(&public)).unwrap();
    assert_eq!(again.sign(b"m"), key.sign(b"m"));
}

#[test]
fn ed25519_rejections() {
    let key = Ed25519PrivateKey::generate().unwrap();
    let other = Ed25519PrivateKey::generate().unwrap();
    assert_eq!(
        Ed25519PrivateKey::from_seed(key.seed().expose(), Some(other.public_key())).unwrap_err(),
        rejected(KeyRejected::Inconsistent)
    );
    assert_eq!(Ed25519PrivateKey::from_seed(&[1; 31], None).unwrap_err(), rejected(KeyRejected::InvalidLength));
    assert_eq!(Ed25519PublicKey::from_bytes(&[1; 33]).unwrap_err(), rejected(KeyRejected::InvalidLength));
    // y = 2 is not the y coordinate of any point.
    let mut not_a_point = [0u8; 32];
    not_a_point[0] = 2;
    assert_eq!(Ed25519PublicKey::from_bytes(&not_a_point).unwrap_err(), rejected(KeyRejected::NotOnCurve));
    // y = -1 (order 2) and y = 1 (identity) have small order.
    let mut minus_one = [0xff; 32];
    minus_one[0] = 0xec;
    minus_one[31] = 0x7f;
    assert_eq!(Ed25519PublicKey::from_bytes(&minus_one).unwrap_err(), rejected(KeyRejected::Weak));
}

#[test]
fn x25519_agrees_both_ways() {
    let a = X25519PrivateKey::generate().unwrap();
    let b = X25519PrivateKey::generate().unwrap();
    let z = a.diffie_hellman(b.public_key()).unwrap();
    assert_eq!(z, b.diffie_hellman(a.public_key()).unwrap());
    assert_eq!(z.len(), KEY_LEN);
    let again = X25519PrivateKey::from_bytes(a.secret_bytes().expose(), Some(a.public_key())).unwrap();
    assert_eq!(again.diffie_hellman(b.public_key()).unwrap(), z);
}

#[test]
fn x25519_rejections() {
    let a = X25519PrivateKey::generate().unwrap();
    let zero = X25519PublicKey::from_bytes(&[0; 32]).unwrap();
    assert_eq!(a.diffie_hellman(&zero), Err(rejected(KeyRejected::Weak)));
    // u = 1 has order 4: also an all-zero result.
    let mut one = [0u8; 32];
    one[0] = 1;
    assert_eq!(a.diffie_hellman(&X25519PublicKey::from_bytes(&one).unwrap()), Err(rejected(KeyRejected::Weak)));
    assert_eq!(X25519PublicKey::from_bytes(&[9; 31]).unwrap_err(), rejected(KeyRejected::InvalidLength));
    assert_eq!(X25519PrivateKey::from_bytes(&[9; 33], None).unwrap_err(), rejected(KeyRejected::InvalidLength));
    let b = X25519PrivateKey::generate().unwrap();
    assert_eq!(
        X25519PrivateKey::from_bytes(a.secret_bytes().expose(), Some(b.public_key())).unwrap_err(),
        rejected(KeyRejected::Inconsistent)
    );
}

#[test]
fn debug_hides_private_material() {
    let ed = Ed25519PrivateKey::generate().unwrap();
    let x = X25519PrivateKey::generate().unwrap();
    for (dbg, secret) in [(format!("{ed:?}{ed:#?}"), ed.seed()), (format!("{x:?}{x:#?}"), x.secret_bytes())] {
        assert!(dbg.contains("***"));
        let hex: String = secret.expose()[..4].iter().map(|b| format!("{b:02x}")).collect();
        assert!(!dbg.contains(&hex), "{dbg}");
    }
}
