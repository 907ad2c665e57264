//! Object identifiers, and the `AlgorithmIdentifier` of each key type jot
//! reads and writes.

use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Tag, Tagged};
use jot_core::alg::Curve;
use spki::AlgorithmIdentifierRef;

use super::{malformed, unsupported};
use crate::Error;

/// `rsaEncryption` (RFC 8017 appendix A.1).
pub(super) static RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `id-ecPublicKey` (RFC 5480 section 2.1.1).
pub(super) static ID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `secp256r1`, P-256 (RFC 5480 section 2.1.1.1).
static SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// `secp384r1`, P-384 (RFC 5480 section 2.1.1.1).
static SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
/// `secp521r1`, P-521 (RFC 5480 section 2.1.1.1).
static SECP521R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
/// `secp256k1` (SEC 2 section A.2.1).
static SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
/// `id-X25519` (RFC 8410 section 3).
static ID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
/// `id-Ed25519` (RFC 8410 section 3).
static ID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// The key type (and curve) an `AlgorithmIdentifier` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum KeyAlgorithm {
    /// `rsaEncryption` with NULL parameters.
    Rsa,
    /// `id-ecPublicKey` with a named curve.
    Ec(Curve),
    /// `id-Ed25519` or `id-X25519`, without parameters.
    Okp(Curve),
}

impl KeyAlgorithm {
    /// Reads an `AlgorithmIdentifier`, checking the parameters each key type
    /// requires.
    pub(super) fn from_identifier(alg: &AlgorithmIdentifierRef<'_>) -> Result<Self, Error> {
        if alg.oid == RSA_ENCRYPTION {
            // RFC 3279 section 2.3.1: the parameters MUST be NULL.
            return match alg.parameters {
                Some(params) if params.is_null() => Ok(Self::Rsa),
                _ => Err(malformed()),
            };
        }
        if alg.oid == ID_EC_PUBLIC_KEY {
            // RFC 5480 section 2.1.1: the parameters MUST be present.
            return named_curve(alg.parameters.ok_or_else(malformed)?).map(Self::Ec);
        }
        let curve = if alg.oid == ID_ED25519 {
            Curve::Ed25519
        } else if alg.oid == ID_X25519 {
            Curve::X25519
        } else {
            // Ed448 and X448 (1.3.101.113, 1.3.101.111) land here too: jot
            // cannot check or use those keys, so it does not import them.
            // Likewise RSASSA-PSS, DSA and anything else.
            return Err(unsupported());
        };
        // RFC 8410 section 3: the parameters MUST be absent.
        if alg.parameters.is_some() {
            return Err(malformed());
        }
        Ok(Self::Okp(curve))
    }

    /// The `AlgorithmIdentifier` to write for a key of this type.
    pub(super) fn identifier(self) -> Result<AlgorithmIdentifierRef<'static>, Error> {
        Ok(match self {
            Self::Rsa => AlgorithmIdentifierRef { oid: RSA_ENCRYPTION, parameters: Some(AnyRef::NULL) },
            Self::Ec(curve) => {
                AlgorithmIdentifierRef { oid: ID_EC_PUBLIC_KEY, parameters: Some(AnyRef::from(curve_oid(curve)?)) }
            }
            Self::Okp(curve) => AlgorithmIdentifierRef { oid: okp_oid(curve)?, parameters: None },
        })
    }
}

/// Reads EC domain parameters (RFC 5480 section 2.1.1): only `namedCurve`.
fn named_curve(params: AnyRef<'_>) -> Result<Curve, Error> {
    match params.tag() {
        Tag::ObjectIdentifier => curve_from_oid(params.decode_as::<ObjectIdentifier>().map_err(|_| malformed())?),
        // `specifiedCurve` (explicit parameters) and `implicitCurve` (NULL):
        // RFC 5480 forbids both in PKIX, and a key that carries its own curve
        // invites invalid-curve attacks.
        Tag::Sequence | Tag::Null => Err(unsupported()),
        _ => Err(malformed()),
    }
}

/// The curve a `namedCurve` OID names, for the curves jot supports.
pub(super) fn curve_from_oid(oid: ObjectIdentifier) -> Result<Curve, Error> {
    if oid == SECP256R1 {
        Ok(Curve::P256)
    } else if oid == SECP384R1 {
        Ok(Curve::P384)
    } else if oid == SECP521R1 {
        Ok(Curve::P521)
    } else if oid == SECP256K1 {
        Ok(Curve::Secp256k1)
    } else {
        Err(unsupported())
    }
}

/// The `namedCurve` OID of an EC curve.
pub(super) fn curve_oid(curve: Curve) -> Result<&'static ObjectIdentifier, Error> {
    match curve {
        Curve::P256 => Ok(&SECP256R1),
        Curve::P384 => Ok(&SECP384R1),
        Curve::P521 => Ok(&SECP521R1),
        Curve::Secp256k1 => Ok(&SECP256K1),
        _ => Err(unsupported()),
    }
}

/// The algorithm OID of an OKP curve jot supports.
fn okp_oid(curve: Curve) -> Result<ObjectIdentifier, Error> {
    match curve {
        Curve::Ed25519 => Ok(ID_ED25519),
        Curve::X25519 => Ok(ID_X25519),
        // Ed448 and X448 are refused on export as on import.
        _ => Err(unsupported()),
    }
}
