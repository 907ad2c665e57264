#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use super::*;
use crate::{Error, KeyRejected};

fn rejected(r: KeyRejected) -> Error {
    Error::KeyRejected(r)
}

/// The group order n, big-endian, coordinate-length bytes.
fn order(curve: Curve) -> Vec<u8> {
    // SEC 2 and FIPS 186-4 D.1.2.
    let hex = match curve {
        Curve::P256 => "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
        Curve::P384 => {
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
        }
        Curve::P521 => {
            "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
        }
        Curve::Secp256k1 => "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        _ => unreachable!(),
    };
    let full = hex::decode(hex).unwrap();
    assert_eq!(full.len(), curve.coordinate_len());
    full
}

#[test]
fn handles_are_send_sync_clone() {
    fn check<T: Send + Sync + Clone>() {}
    check::<EcPublicKey>();
    check::<EcPrivateKey>();
}

#[test]
fn sign_verify_every_curve() {
    for &curve in CURVES {
        let key = EcPrivateKey::generate(curve).unwrap();
        let public = key.public_key();
        assert_eq!(key.curve(), curve);
        assert_eq!(public.x().len(), curve.coordinate_len());
        assert_eq!(public.y().len(), curve.coordinate_len());
        let sig = key.sign_ecdsa(b"payload").unwrap();
        assert_eq!(sig.len(), 2 * curve.coordinate_len(), "{curve}");
        public.verify_ecdsa(b"payload", &sig).unwrap();

        assert_eq!(public.verify_ecdsa(b"payloaD", &sig), Err(Error::InvalidSignature));
        for i in [0, sig.len() / 2, sig.len() - 1] {
            let mut bad = sig.clone();
            bad[i] ^= 1;
            assert_eq!(public.verify_ecdsa(b"payload", &bad), Err(Error::InvalidSignature), "{curve} byte {i}");
        }
        assert_eq!(public.verify_ecdsa(b"payload", &sig[1..]), Err(Error::InvalidSignature));
        let mut long = sig.clone();
        long.push(0);
        assert_eq!(public.verify_ecdsa(b"payload", &long), Err(Error::InvalidSignature));

        // r or s out of [1, n-1].
        let half = curve.coordinate_len();
        let n = order(curve);
        let zero = vec![0u8; half];
        let (r0, s0) = sig.split_at(half);
        for (r, s) in [(&zero[..], s0), (r0, &zero[..]), (&n[..], s0), (r0, &n[..])] {
            let forged = [r, s].concat();
            assert_eq!(public.verify_ecdsa(b"payload", &forged), Err(Error::InvalidSignature));
        }

        // Another key does not verify it.
        let other = EcPrivateKey::generate(curve).unwrap();
        assert_eq!(other.public_key().verify_ecdsa(b"payload", &sig), Err(Error::InvalidSignature));
    }
}

#[test]
fn secp256k1_accepts_high_s() {
    let key = EcPrivateKey::generate(Curve::Secp256k1).unwrap();
    let sig = key.sign_ecdsa(b"m").unwrap();
    // (r, n - s) is the same signature with the other S.
    let n = crypto_bigint::U256::from_be_slice(&order(Curve::Secp256k1));
    let s = crypto_bigint::U256::from_be_slice(&sig[32..]);
    let mut high = sig[..32].to_vec();
    high.extend_from_slice(&n.wrapping_sub(&s).to_be_bytes());
    assert_ne!(high, sig);
    key.public_key().verify_ecdsa(b"m", &high).unwrap();
}

#[test]
fn ecdh_agrees_both_ways() {
    for curve in [Curve::P256, Curve::P384, Curve::P521] {
        let a = EcPrivateKey::generate(curve).unwrap();
        let b = EcPrivateKey::generate(curve).unwrap();
        let z1 = a.ecdh(b.public_key()).unwrap();
        let z2 = b.ecdh(a.public_key()).unwrap();
        assert_eq!(z1, z2);
        assert_eq!(z1.len(), curve.coordinate_len());
        let c = EcPrivateKey::generate(curve).unwrap();
        assert_ne!(a.ecdh(c.public_key()).unwrap(), z1);
    }
}

#[test]
fn ecdh_refuses_other_curves_and_secp256k1() {
    let a = EcPrivateKey::generate(Curve::P256).unwrap();
    let b = EcPrivateKey::generate(Curve::P384).unwrap();
    assert_eq!(a.ecdh(b.public_key()), Err(rejected(KeyRejected::UnsupportedCurve)));
    let k = EcPrivateKey::generate(Curve::Secp256k1).unwrap();
    assert_eq!(k.ecdh(k.public_key()), Err(Error::Unsupported));
    assert_eq!(a.ecdh(k.public_key()), Err(rejected(KeyRejected::UnsupportedCurve)));
}

#[test]
fn scalar_and_coordinates_round_trip() {
    for &curve in CURVES {
        let key = EcPrivateKey::generate(curve).unwrap();
        let d = key.scalar();
        assert_eq!(d.len(), curve.coordinate_len());
        let public = EcPublicKey::from_coordinates(curve, key.public_key().x(), key.public_key().y()).unwrap();
        assert_eq!(&public, key.public_key());
        let again = EcPrivateKey::from_scalar(curve, d.expose(), Some(&public)).unwrap();
        assert_eq!(again.public_key(), key.public_key());
        let sec1 = public.to_sec1_uncompressed();
        assert_eq!(sec1[0], 4);
        assert_eq!(EcPublicKey::from_sec1(curve, &sec1).unwrap(), public);
        // Compressed form decodes to the same point.
        let mut compressed = vec![2 | (public.y()[curve.coordinate_len() - 1] & 1)];
        compressed.extend_from_slice(public.x());
        assert_eq!(EcPublicKey::from_sec1(curve, &compressed).unwrap(), public);
    }
}

#[test]
fn debug_hides_private_material() {
    let key = EcPrivateKey::generate(Curve::P256).unwrap();
    let dbg = format!("{key:?} {key:#?}");
    assert!(dbg.contains("***"));
    let d = key.scalar();
    let hex: String = d.expose()[..4].iter().map(|b| format!("{b:02x}")).collect();
    assert!(!dbg.contains(&hex));
}

// ---- load-time rejections, one per rule ----

#[test]
fn rejects_point_off_curve() {
    for &curve in CURVES {
        let key = EcPrivateKey::generate(curve).unwrap();
        let mut y = key.public_key().y().to_vec();
        *y.last_mut().unwrap() ^= 1;
        assert_eq!(
            EcPublicKey::from_coordinates(curve, key.public_key().x(), &y),
            Err(rejected(KeyRejected::NotOnCurve)),
            "{curve}"
        );
        // Coordinates at or above the field prime.
        let ff = vec![0xff; curve.coordinate_len()];
        assert_eq!(EcPublicKey::from_coordinates(curve, &ff, &ff), Err(rejected(KeyRejected::NotOnCurve)));
        let zero = vec![0; curve.coordinate_len()];
        assert_eq!(EcPublicKey::from_coordinates(curve, &zero, &zero), Err(rejected(KeyRejected::NotOnCurve)));
    }
    // A valid P-256 point is not a P-384 point.
    let p256 = EcPrivateKey::generate(Curve::P256).unwrap();
    let mut x = vec![0; 16];
    x.extend_from_slice(p256.public_key().x());
    let mut y = vec![0; 16];
    y.extend_from_slice(p256.public_key().y());
    assert_eq!(EcPublicKey::from_coordinates(Curve::P384, &x, &y), Err(rejected(KeyRejected::NotOnCurve)));
}

#[test]
fn rejects_wrong_coordinate_length() {
    let key = EcPrivateKey::generate(Curve::P256).unwrap();
    let (x, y) = (key.public_key().x(), key.public_key().y());
    let mut padded = vec![0];
    padded.extend_from_slice(x);
    assert_eq!(EcPublicKey::from_coordinates(Curve::P256, &padded, y), Err(rejected(KeyRejected::InvalidLength)));
    assert_eq!(EcPublicKey::from_coordinates(Curve::P256, x, &y[1..]), Err(rejected(KeyRejected::InvalidLength)));
    let sec1 = key.public_key().to_sec1_uncompressed();
    assert_eq!(EcPublicKey::from_sec1(Curve::P256, &sec1[..64]), Err(rejected(KeyRejected::InvalidLength)));
    assert_eq!(EcPublicKey::from_sec1(Curve::P256, &[]), Err(rejected(KeyRejected::InvalidLength)));
    assert_eq!(EcPublicKey::from_sec1(Curve::P256, &[0]), Err(rejected(KeyRejected::InvalidComponent)));
    let mut hybrid = sec1.clone();
    hybrid[0] = 6;
    assert_eq!(EcPublicKey::from_sec1(Curve::P256, &hybrid), Err(rejected(KeyRejected::InvalidComponent)));
    let d = key.scalar();
    assert_eq!(
        EcPrivateKey::from_scalar(Curve::P256, &d.expose()[1..], None).unwrap_err(),
        rejected(KeyRejected::InvalidLength)
    );
}

#[test]
fn rejects_scalar_zero_and_order() {
    for &curve in CURVES {
        let zero = vec![0; curve.coordinate_len()];
        assert_eq!(EcPrivateKey::from_scalar(curve, &zero, None).unwrap_err(), rejected(KeyRejected::InvalidScalar));
        let n = order(curve);
        assert_eq!(EcPrivateKey::from_scalar(curve, &n, None).unwrap_err(), rejected(KeyRejected::InvalidScalar));
        let mut n_minus_1 = n.clone();
        *n_minus_1.last_mut().unwrap() -= 1;
        EcPrivateKey::from_scalar(curve, &n_minus_1, None).unwrap();
    }
}

#[test]
fn rejects_mismatched_public_key() {
    for &curve in CURVES {
        let a = EcPrivateKey::generate(curve).unwrap();
        let b = EcPrivateKey::generate(curve).unwrap();
        assert_eq!(
            EcPrivateKey::from_scalar(curve, a.scalar().expose(), Some(b.public_key())).unwrap_err(),
            rejected(KeyRejected::Inconsistent)
        );
    }
}

#[test]
fn rejects_unsupported_curves() {
    for curve in [Curve::Ed25519, Curve::X25519, Curve::Ed448, Curve::X448] {
        assert_eq!(
            EcPublicKey::from_coordinates(curve, &[1; 32], &[1; 32]),
            Err(rejected(KeyRejected::UnsupportedCurve))
        );
        assert_eq!(EcPrivateKey::generate(curve).unwrap_err(), rejected(KeyRejected::UnsupportedCurve));
    }
}
