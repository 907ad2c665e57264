#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::OnceLock;

use super::*;
use crate::{Error, KeyRejected};

/// One generated key per test binary: RSA key generation is slow.
fn key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| RsaPrivateKey::generate(2048).unwrap())
}

/// A 2048-bit key with e = 3 (vectors/keys/rsa-2048-e3.json: no provider
/// generates one through jot's API).
fn key_e3() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| {
        let jwk: serde_json::Value =
            serde_json::from_str(include_str!("../../../../vectors/keys/rsa-2048-e3.json")).unwrap();
        let member = |name: &str| jot_core::base64url::decode(jwk[name].as_str().unwrap()).unwrap();
        let [n, e, d, p, q, dp, dq, qi] = ["n", "e", "d", "p", "q", "dp", "dq", "qi"].map(member);
        RsaPrivateKey::from_components(&RsaPrivateComponents {
            n: &n,
            e: &e,
            d: &d,
            p: &p,
            q: &q,
            dp: &dp,
            dq: &dq,
            qi: &qi,
        })
        .unwrap()
    })
}

fn components(x: &RsaPrivateExport) -> RsaPrivateComponents<'_> {
    RsaPrivateComponents {
        n: &x.n,
        e: &x.e,
        d: x.d.expose(),
        p: x.p.expose(),
        q: x.q.expose(),
        dp: x.dp.expose(),
        dq: x.dq.expose(),
        qi: x.qi.expose(),
    }
}

fn rejected(r: KeyRejected) -> Error {
    Error::KeyRejected(r)
}

#[test]
fn handles_are_send_sync_clone() {
    fn check<T: Send + Sync + Clone>() {}
    check::<RsaPublicKey>();
    check::<RsaPrivateKey>();
}

#[test]
fn sign_verify_every_scheme() {
    for k in [key(), key_e3()] {
        let public = k.public_key();
        for &scheme in RsaSignature::ALL {
            let sig = k.sign(scheme, b"payload").unwrap();
            assert_eq!(sig.len(), public.modulus_len());
            public.verify(scheme, b"payload", &sig).unwrap();

            assert_eq!(public.verify(scheme, b"payloaD", &sig), Err(Error::InvalidSignature));
            let mut bad = sig.clone();
            bad[17] ^= 1;
            assert_eq!(public.verify(scheme, b"payload", &bad), Err(Error::InvalidSignature));
            assert_eq!(public.verify(scheme, b"payload", &sig[1..]), Err(Error::InvalidSignature));
            let mut long = vec![0];
            long.extend_from_slice(&sig);
            assert_eq!(public.verify(scheme, b"payload", &long), Err(Error::InvalidSignature));
        }
    }
    assert_eq!(key_e3().public_key().e(), [3]);
}

#[test]
fn schemes_are_not_interchangeable() {
    let k = key();
    let sig = k.sign(RsaSignature::Pkcs1Sha256, b"m").unwrap();
    for &other in RsaSignature::ALL.iter().filter(|&&s| s != RsaSignature::Pkcs1Sha256) {
        assert_eq!(k.public_key().verify(other, b"m", &sig), Err(Error::InvalidSignature));
    }
    let sig = k.sign(RsaSignature::PssSha256, b"m").unwrap();
    assert_eq!(k.public_key().verify(RsaSignature::PssSha384, b"m", &sig), Err(Error::InvalidSignature));
}

#[test]
fn encrypt_decrypt_every_padding() {
    for k in [key(), key_e3()] {
        for &padding in RsaEncryption::ALL {
            let ct = k.public_key().encrypt(padding, b"0123456789abcdef").unwrap();
            assert_eq!(ct.len(), k.public_key().modulus_len());
            assert_eq!(k.decrypt(padding, &ct).unwrap().expose(), b"0123456789abcdef");
            assert_eq!(k.decrypt(padding, &ct[1..]), Err(Error::DecryptionFailed));
            let again = k.public_key().encrypt(padding, b"0123456789abcdef").unwrap();
            assert_ne!(ct, again, "encryption is randomized");
        }
    }
}

#[test]
fn oaep_failures_are_opaque_and_pkcs1_rejects_implicitly() {
    let k = key();
    for padding in [RsaEncryption::OaepSha1, RsaEncryption::OaepSha256, RsaEncryption::OaepSha512] {
        let mut ct = k.public_key().encrypt(padding, b"cek").unwrap();
        ct[100] ^= 0x40;
        assert_eq!(k.decrypt(padding, &ct), Err(Error::DecryptionFailed));
    }
    let ct = k.public_key().encrypt(RsaEncryption::OaepSha256, b"cek").unwrap();
    assert_eq!(k.decrypt(RsaEncryption::OaepSha1, &ct), Err(Error::DecryptionFailed));
    // An OAEP ciphertext is invalid PKCS#1 v1.5 padding: implicit rejection
    // yields a deterministic message that is not the plaintext.
    let a = k.decrypt(RsaEncryption::Pkcs1v15, &ct).unwrap();
    let b = k.decrypt(RsaEncryption::Pkcs1v15, &ct).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.expose(), b"cek");
    // Out of range (c >= n) fails outright.
    let n = k.public_key().n().to_vec();
    assert_eq!(k.decrypt(RsaEncryption::Pkcs1v15, &n), Err(Error::DecryptionFailed));
}

#[test]
fn oaep_label() {
    let k = key();
    let ct = k.public_key().encrypt_with_label(RsaEncryption::OaepSha256, b"m", b"label").unwrap();
    let got = k.decrypt_with_label(RsaEncryption::OaepSha256, &ct, b"label").unwrap();
    assert_eq!(got.expose(), b"m");
    assert_eq!(k.decrypt(RsaEncryption::OaepSha256, &ct), Err(Error::DecryptionFailed));
    assert_eq!(k.decrypt_with_label(RsaEncryption::Pkcs1v15, &ct, b"label"), Err(Error::Unsupported));
}

#[test]
fn export_round_trips() {
    let k = key();
    let x = k.export();
    assert_eq!(x.n, k.public_key().n());
    assert_eq!(x.e, [1, 0, 1]);
    for s in [&x.d, &x.p, &x.q, &x.dp, &x.dq, &x.qi] {
        assert_ne!(s.expose()[0], 0, "minimal encoding");
    }
    let again = RsaPrivateKey::from_components(&components(&x)).unwrap();
    assert_eq!(again.public_key(), k.public_key());
    let sig = again.sign(RsaSignature::Pkcs1Sha256, b"x").unwrap();
    assert_eq!(sig, k.sign(RsaSignature::Pkcs1Sha256, b"x").unwrap(), "PKCS#1 v1.5 is deterministic");
}

#[test]
fn private_components_may_be_zero_padded() {
    let x = key().export();
    let pad = |s: &jot_core::Secret| {
        let mut v = vec![0, 0];
        v.extend_from_slice(s.expose());
        v
    };
    let (d, dp, qi) = (pad(&x.d), pad(&x.dp), pad(&x.qi));
    let c = RsaPrivateComponents { d: &d, dp: &dp, qi: &qi, ..components(&x) };
    RsaPrivateKey::from_components(&c).unwrap();
}

#[test]
fn debug_hides_private_material() {
    let k = key();
    let dbg = format!("{k:?} {:?}", components(&k.export()));
    assert!(dbg.contains("***"), "{dbg}");
    let x = k.export();
    let d_hex: String = x.d.expose()[..4].iter().map(|b| format!("{b:02x}")).collect();
    assert!(!format!("{x:?}").contains(&d_hex));
    assert!(!format!("{k:#?}").contains(&d_hex));
}

#[test]
fn generate_only_standard_sizes() {
    assert_eq!(RsaPrivateKey::generate(1024).unwrap_err(), Error::Unsupported);
    assert_eq!(RsaPrivateKey::generate(2047).unwrap_err(), Error::Unsupported);
}

// ---- load-time rejections, one per rule ----

fn odd_modulus(bytes: usize) -> Vec<u8> {
    let mut n = vec![0xa7; bytes];
    n[bytes - 1] = 0x65;
    n
}

#[test]
fn rejects_1024_bit_modulus() {
    assert_eq!(RsaPublicKey::from_components(&odd_modulus(128), &[1, 0, 1]), Err(rejected(KeyRejected::TooSmall)));
    // 2047 bits: one bit short.
    let mut n = odd_modulus(256);
    n[0] = 0x7f;
    assert_eq!(RsaPublicKey::from_components(&n, &[1, 0, 1]), Err(rejected(KeyRejected::TooSmall)));
}

#[test]
fn rejects_oversized_modulus() {
    // 8192 bits is AWS-LC's limit, and jot's under either provider.
    assert_eq!(RsaPublicKey::from_components(&odd_modulus(1025), &[1, 0, 1]), Err(rejected(KeyRejected::TooLarge)));
    assert!(RsaPublicKey::from_components(&odd_modulus(1024), &[1, 0, 1]).is_ok());
}

#[test]
fn rejects_bad_exponents() {
    let n = odd_modulus(256);
    for e in [&[1][..], &[2], &[0x01, 0x00, 0x00], &[2, 0, 0, 0, 1], &[1, 2, 3, 4, 5, 7], &[0xff; 5]] {
        assert_eq!(RsaPublicKey::from_components(&n, e), Err(rejected(KeyRejected::InvalidExponent)), "{e:?}");
    }
    // Largest accepted: 2^33 - 1.
    assert!(RsaPublicKey::from_components(&n, &[1, 0xff, 0xff, 0xff, 0xff]).is_ok());
    assert!(RsaPublicKey::from_components(&n, &[3]).is_ok());
}

#[test]
fn rejects_non_minimal_or_malformed_components() {
    let n = odd_modulus(256);
    let mut padded = vec![0];
    padded.extend_from_slice(&n);
    assert_eq!(RsaPublicKey::from_components(&padded, &[1, 0, 1]), Err(rejected(KeyRejected::InvalidComponent)));
    assert_eq!(RsaPublicKey::from_components(&n, &[0, 1, 0, 1]), Err(rejected(KeyRejected::InvalidComponent)));
    assert_eq!(RsaPublicKey::from_components(&[], &[1, 0, 1]), Err(rejected(KeyRejected::InvalidComponent)));
    assert_eq!(RsaPublicKey::from_components(&n, &[]), Err(rejected(KeyRejected::InvalidComponent)));
    let mut even = n.clone();
    even[255] = 0x64;
    assert_eq!(RsaPublicKey::from_components(&even, &[1, 0, 1]), Err(rejected(KeyRejected::InvalidComponent)));
}

#[test]
fn rejects_mismatched_private_parts() {
    let x = key().export();
    let y = key_e3().export();
    let bump = |s: &jot_core::Secret| {
        let mut v = s.expose().to_vec();
        *v.last_mut().unwrap() ^= 2;
        v
    };
    let (d, p, dp, dq, qi) = (bump(&x.d), bump(&x.p), bump(&x.dp), bump(&x.dq), bump(&x.qi));
    let base = components(&x);
    let long_p = [base.n, base.n].concat();
    let cases = [
        RsaPrivateComponents { d: &d, ..base },
        RsaPrivateComponents { p: &p, ..base },
        RsaPrivateComponents { dp: &dp, ..base },
        RsaPrivateComponents { dq: &dq, ..base },
        RsaPrivateComponents { qi: &qi, ..base },
        // Swapped primes: qi no longer matches.
        RsaPrivateComponents { p: base.q, q: base.p, ..base },
        // Another key's private half.
        RsaPrivateComponents { n: base.n, e: base.e, ..components(&y) },
        RsaPrivateComponents { d: y.d.expose(), ..base },
        // d = n is out of range.
        RsaPrivateComponents { d: base.n, ..base },
        // A factor longer than n (refused before any arithmetic on it).
        RsaPrivateComponents { p: &long_p, ..base },
    ];
    for (i, c) in cases.iter().enumerate() {
        assert_eq!(RsaPrivateKey::from_components(c).unwrap_err(), rejected(KeyRejected::Inconsistent), "case {i}");
    }
    let zero = [0u8; 4];
    let c = RsaPrivateComponents { dq: &zero, ..base };
    assert_eq!(RsaPrivateKey::from_components(&c).unwrap_err(), rejected(KeyRejected::InvalidComponent));
    // The public checks apply to private keys too.
    let c = RsaPrivateComponents { e: &[1], ..base };
    assert_eq!(RsaPrivateKey::from_components(&c).unwrap_err(), rejected(KeyRejected::InvalidExponent));
}

#[test]
fn public_key_parts_match_the_export() {
    let k = key();
    assert_eq!(k.public_key().bits(), 2048);
    assert_eq!(k.export().n, k.public_key().n());
    assert_eq!(k.export().e, k.public_key().e());
}

#[test]
fn scheme_constructors_agree_with_hash_and_kind() {
    for &scheme in RsaSignature::ALL {
        let built = if scheme.is_pss() { RsaSignature::pss(scheme.hash()) } else { RsaSignature::pkcs1(scheme.hash()) };
        assert_eq!(built, scheme);
    }
}
