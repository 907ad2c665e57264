//! [`Key`] to DER, one function per format.
//!
//! The output is what OpenSSL writes: PKCS#8 v1 (no public key; RFC 8410's
//! v2 form is read but not written, since older readers refuse it), SEC1
//! `ECPrivateKey` with the named curve and the public point, uncompressed
//! points in `SubjectPublicKeyInfo`. Intermediate DER that holds private
//! material is zeroized when dropped.

use der::Encode;
use der::asn1::{BitStringRef, OctetStringRef, UintRef};
use jot_core::alg::Curve;
use jot_crypto::KeyRejected;
use pkcs1::{RsaPrivateKey, RsaPublicKey};
use pkcs8::PrivateKeyInfoRef;
use spki::SubjectPublicKeyInfoRef;
use zeroize::Zeroizing;

use super::oid::{KeyAlgorithm, curve_oid};
use super::{malformed, unsupported_format};
use crate::Error;
use crate::key::{EcKey, Key, OkpKey, RsaKey};

/// `SubjectPublicKeyInfo` of the public part of an RSA, EC or OKP key.
pub(super) fn spki(key: &Key) -> Result<Vec<u8>, Error> {
    let (algorithm, public) = match key {
        Key::Rsa(k) => (KeyAlgorithm::Rsa, pkcs1_public(k)?),
        Key::Ec(k) => (KeyAlgorithm::Ec(k.crv), uncompressed_point(k)?),
        Key::Okp(k) => {
            fixed_len(k.crv, &k.x)?;
            (KeyAlgorithm::Okp(k.crv), k.x.clone())
        }
        Key::Oct(_) => return Err(unsupported_format()),
        // ML-DSA in SPKI (RFC 9881) is not implemented: JWK only.
        Key::Akp(_) => return Err(super::unsupported()),
    };
    let spki = SubjectPublicKeyInfoRef {
        algorithm: algorithm.identifier()?,
        subject_public_key: BitStringRef::from_bytes(&public).map_err(|_| malformed())?,
    };
    spki.to_der().map_err(|_| malformed())
}

/// PKCS#8 v1 `PrivateKeyInfo` of a private RSA, EC or OKP key.
pub(super) fn pkcs8(key: &Key) -> Result<Vec<u8>, Error> {
    let (algorithm, private) = match key {
        Key::Rsa(k) => (KeyAlgorithm::Rsa, pkcs1_private(k)?),
        // RFC 5915 section 3: the curve is in the AlgorithmIdentifier, so the
        // inner ECPrivateKey leaves it out (as OpenSSL does).
        Key::Ec(k) => (KeyAlgorithm::Ec(k.crv), ec_private(k, false)?),
        Key::Okp(k) => (KeyAlgorithm::Okp(k.crv), curve_private(k)?),
        Key::Oct(_) => return Err(unsupported_format()),
        Key::Akp(_) => return Err(super::unsupported()),
    };
    let info = PrivateKeyInfoRef {
        algorithm: algorithm.identifier()?,
        private_key: OctetStringRef::new(&private).map_err(|_| malformed())?,
        public_key: None,
    };
    info.to_der().map_err(|_| malformed())
}

/// PKCS#1 `RSAPublicKey` of an RSA key's public part.
pub(super) fn pkcs1_public(key: &RsaKey) -> Result<Vec<u8>, Error> {
    RsaPublicKey { modulus: uint(&key.n)?, public_exponent: uint(&key.e)? }.to_der().map_err(|_| malformed())
}

/// PKCS#1 `RSAPrivateKey` (two-prime, version 0) of a private RSA key.
pub(super) fn pkcs1_private(key: &RsaKey) -> Result<Zeroizing<Vec<u8>>, Error> {
    let private = key.private.as_ref().ok_or_else(unsupported_format)?;
    let der = RsaPrivateKey {
        modulus: uint(&key.n)?,
        public_exponent: uint(&key.e)?,
        private_exponent: uint(private.d.expose())?,
        prime1: uint(private.p.expose())?,
        prime2: uint(private.q.expose())?,
        exponent1: uint(private.dp.expose())?,
        exponent2: uint(private.dq.expose())?,
        coefficient: uint(private.qi.expose())?,
        other_prime_infos: None,
    }
    .to_der()
    .map_err(|_| malformed())?;
    Ok(Zeroizing::new(der))
}

/// SEC1 `ECPrivateKey` with the public point, and the named curve if
/// `with_curve`.
pub(super) fn ec_private(key: &EcKey, with_curve: bool) -> Result<Zeroizing<Vec<u8>>, Error> {
    let d = key.d.as_ref().ok_or_else(unsupported_format)?;
    fixed_len(key.crv, d.expose())?;
    let point = uncompressed_point(key)?;
    let parameters = if with_curve { Some(sec1::EcParameters::NamedCurve(*curve_oid(key.crv)?)) } else { None };
    let der = sec1::EcPrivateKey { private_key: d.expose(), parameters, public_key: Some(&point) }
        .to_der()
        .map_err(|_| malformed())?;
    Ok(Zeroizing::new(der))
}

/// RFC 8410 section 7 `CurvePrivateKey` (an OCTET STRING) of a private OKP
/// key.
fn curve_private(key: &OkpKey) -> Result<Zeroizing<Vec<u8>>, Error> {
    let d = key.d.as_ref().ok_or_else(unsupported_format)?;
    fixed_len(key.crv, d.expose())?;
    let der = OctetStringRef::new(d.expose()).map_err(|_| malformed())?.to_der().map_err(|_| malformed())?;
    Ok(Zeroizing::new(der))
}

/// The SEC1 uncompressed encoding `04 || x || y` of an EC public point.
fn uncompressed_point(key: &EcKey) -> Result<Vec<u8>, Error> {
    fixed_len(key.crv, &key.x)?;
    fixed_len(key.crv, &key.y)?;
    let mut point = Vec::with_capacity(1 + 2 * key.crv.coordinate_len());
    point.push(0x04);
    point.extend_from_slice(&key.x);
    point.extend_from_slice(&key.y);
    Ok(point)
}

/// Coordinates, scalars and OKP keys have the curve's exact length; anything
/// else would write a structure no reader accepts.
fn fixed_len(crv: Curve, bytes: &[u8]) -> Result<(), Error> {
    if bytes.len() == crv.coordinate_len() { Ok(()) } else { Err(Error::Key(KeyRejected::InvalidLength)) }
}

/// A JWK big-endian integer as an unsigned DER INTEGER (the sign octet is
/// added by the encoder). An empty value has no DER form.
fn uint(bytes: &[u8]) -> Result<UintRef<'_>, Error> {
    if bytes.is_empty() {
        return Err(Error::Key(KeyRejected::InvalidComponent));
    }
    UintRef::new(bytes).map_err(|_| malformed())
}
