//! DER to [`Key`], one function per format.
//!
//! Only what the DER structure needs is checked here (tags, lengths, OIDs,
//! parameters, and that duplicated fields agree); sizes, exponents and the
//! consistency of private and public parts are the JWK checks' business.
//! The exception is a public point, which is decoded by jot-crypto and so
//! must be on the curve.

use der::asn1::{AnyRef, OctetStringRef, UintRef};
use der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};
use jot_core::Secret;
use jot_core::alg::Curve;
use pkcs1::{RsaPrivateKeyRef, RsaPublicKeyRef};
use pkcs8::PrivateKeyInfoRef;
use spki::SubjectPublicKeyInfoRef;

use super::oid::{KeyAlgorithm, curve_from_oid};
use super::public::{self, Coordinates};
use super::{malformed, unsupported};
use crate::Error;
use crate::key::{EcKey, Key, OkpKey, RsaKey, RsaPrivate};

/// `SubjectPublicKeyInfo` (RFC 5280 section 4.1.2.7).
pub(super) fn spki(der: &[u8]) -> Result<Key, Error> {
    spki_key(&SubjectPublicKeyInfoRef::from_der(der).map_err(|_| malformed())?)
}

/// The key of a decoded `SubjectPublicKeyInfo` (also used for certificates).
pub(super) fn spki_key(spki: &SubjectPublicKeyInfoRef<'_>) -> Result<Key, Error> {
    let algorithm = KeyAlgorithm::from_identifier(&spki.algorithm)?;
    // Every key type here stores whole octets in the BIT STRING.
    let bits = spki.subject_public_key.as_bytes().ok_or_else(malformed)?;
    match algorithm {
        // RFC 3279 section 2.3.1: the BIT STRING holds an RSAPublicKey.
        KeyAlgorithm::Rsa => pkcs1_public(bits),
        // RFC 5480 section 2.2: the BIT STRING is the SEC1 point.
        KeyAlgorithm::Ec(crv) => {
            let Coordinates { x, y } = public::ec_point(crv, bits)?;
            Ok(Key::Ec(EcKey { crv, x, y, d: None }))
        }
        // RFC 8410 section 4: the BIT STRING is the raw public key.
        KeyAlgorithm::Okp(crv) => Ok(Key::Okp(OkpKey { crv, x: bits.to_vec(), d: None })),
    }
}

/// PKCS#1 `RSAPublicKey` (RFC 8017 appendix A.1.1).
pub(super) fn pkcs1_public(der: &[u8]) -> Result<Key, Error> {
    let key = RsaPublicKeyRef::from_der(der).map_err(|_| malformed())?;
    Ok(Key::Rsa(RsaKey {
        n: key.modulus.as_bytes().to_vec(),
        e: key.public_exponent.as_bytes().to_vec(),
        private: None,
    }))
}

/// PKCS#1 `RSAPrivateKey` (RFC 8017 appendix A.1.2), two-prime only.
pub(super) fn pkcs1_private(der: &[u8]) -> Result<Key, Error> {
    let key = RsaPrivateKeyRef::from_der(der).map_err(|_| malformed())?;
    // The decoder has already checked that version 1 ("multi") and
    // otherPrimeInfos come together.
    if key.other_prime_infos.is_some() {
        return Err(Error::MultiPrimeRsa);
    }
    // `UintRef` has dropped DER's sign octet and any leading zeros, which is
    // the JWK form (RFC 7518 section 6.3).
    let secret = |v: UintRef<'_>| Secret::from(v.as_bytes());
    Ok(Key::Rsa(RsaKey {
        n: key.modulus.as_bytes().to_vec(),
        e: key.public_exponent.as_bytes().to_vec(),
        private: Some(RsaPrivate {
            d: secret(key.private_exponent),
            p: secret(key.prime1),
            q: secret(key.prime2),
            dp: secret(key.exponent1),
            dq: secret(key.exponent2),
            qi: secret(key.coefficient),
        }),
    }))
}

/// PKCS#8 `PrivateKeyInfo` (RFC 5208), or v2 `OneAsymmetricKey` (RFC 5958)
/// with the public key.
pub(super) fn pkcs8(der: &[u8]) -> Result<Key, Error> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(|_| malformed())?;
    let algorithm = KeyAlgorithm::from_identifier(&info.algorithm)?;
    let private = info.private_key.as_bytes();
    let public = match info.public_key {
        Some(bits) => Some(bits.as_bytes().ok_or_else(malformed)?),
        None => None,
    };
    match algorithm {
        KeyAlgorithm::Rsa => {
            let key = pkcs1_private(private)?;
            if let (Some(public), Key::Rsa(rsa)) = (public, &key) {
                // The v2 public key repeats n and e; two different keys in
                // one structure is malformed, whichever one is right.
                let stated = RsaPublicKeyRef::from_der(public).map_err(|_| malformed())?;
                if stated.modulus.as_bytes() != rsa.n.as_slice()
                    || stated.public_exponent.as_bytes() != rsa.e.as_slice()
                {
                    return Err(malformed());
                }
            }
            Ok(key)
        }
        // RFC 5915 section 3: the private key is a SEC1 ECPrivateKey; the
        // curve is the AlgorithmIdentifier's.
        KeyAlgorithm::Ec(crv) => ec_private(private, Some(crv), public),
        KeyAlgorithm::Okp(crv) => {
            // RFC 8410 section 7: CurvePrivateKey ::= OCTET STRING, inside
            // the PrivateKey OCTET STRING.
            let d = <&OctetStringRef>::from_der(private).map_err(|_| malformed())?.as_bytes();
            let x = match public {
                Some(x) => x.to_vec(),
                None => public::okp_public(crv, d)?,
            };
            Ok(Key::Okp(OkpKey { crv, x, d: Some(Secret::from(d)) }))
        }
    }
}

/// SEC1 `ECPrivateKey` on its own (RFC 5915 section 3), which must name its
/// curve.
pub(super) fn sec1(der: &[u8]) -> Result<Key, Error> {
    ec_private(der, None, None)
}

/// SEC1 `ECPrivateKey`. `outer_curve` and `outer_public` come from the
/// PKCS#8 wrapper, if any; where both levels state a value they must agree.
fn ec_private(der: &[u8], outer_curve: Option<Curve>, outer_public: Option<&[u8]>) -> Result<Key, Error> {
    let key = sec1::EcPrivateKey::from_der(der)
        .map_err(|_| if has_explicit_parameters(der) { unsupported() } else { malformed() })?;
    let inner_curve = match key.parameters.and_then(sec1::EcParameters::named_curve) {
        Some(oid) => Some(curve_from_oid(oid)?),
        None => None,
    };
    let crv = agree(outer_curve, inner_curve)?.ok_or_else(malformed)?;
    let d = scalar(crv, key.private_key)?;
    let Coordinates { x, y } = match agree(outer_public, key.public_key)? {
        Some(point) => public::ec_point(crv, point)?,
        None => public::ec_public(crv, d.expose())?,
    };
    Ok(Key::Ec(EcKey { crv, x, y, d: Some(d) }))
}

/// The value stated at either level; both must agree where both state one.
fn agree<T: PartialEq>(outer: Option<T>, inner: Option<T>) -> Result<Option<T>, Error> {
    match (outer, inner) {
        (Some(a), Some(b)) if a != b => Err(malformed()),
        (Some(a), _) => Ok(Some(a)),
        (None, b) => Ok(b),
    }
}

/// The private scalar at the curve's fixed length (RFC 7518 section 6.2.2.1).
/// SEC1 fixes the length too, but some encoders drop leading zero octets;
/// those are put back. A longer value is accepted only if the extra octets
/// are zeros.
fn scalar(crv: Curve, mut bytes: &[u8]) -> Result<Secret, Error> {
    let len = crv.coordinate_len();
    while bytes.len() > len {
        match bytes.split_first() {
            Some((0, rest)) => bytes = rest,
            _ => return Err(malformed()),
        }
    }
    let pad = len.checked_sub(bytes.len()).ok_or_else(malformed)?;
    let mut d = vec![0; len];
    d.get_mut(pad..).ok_or_else(malformed)?.copy_from_slice(bytes);
    Ok(Secret::new(d))
}

/// Whether a SEC1 `ECPrivateKey` that the sec1 crate refused (it reads only
/// `namedCurve`) carries explicit curve parameters or `implicitCurve`, so
/// that it is reported as unsupported, not malformed.
fn has_explicit_parameters(der: &[u8]) -> bool {
    let Ok(mut reader) = SliceReader::new(der) else {
        return false;
    };
    reader
        .sequence(|r| {
            let _version = u8::decode(r)?;
            let _private_key = <&OctetStringRef>::decode(r)?;
            let parameters = der::asn1::ContextSpecific::<AnyRef<'_>>::decode_explicit(r, TagNumber(0))?;
            // The public key may follow; it does not matter here.
            let rest = r.remaining_len();
            r.drain(rest)?;
            // `specifiedCurve` is a SEQUENCE, `implicitCurve` a NULL.
            Ok::<_, der::Error>(parameters.is_some_and(|p| matches!(p.value.tag(), Tag::Sequence | Tag::Null)))
        })
        .unwrap_or(false)
}
