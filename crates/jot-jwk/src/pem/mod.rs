//! PEM and DER import and export of [`Key`] material.
//!
//! Formats ([`DerFormat`]):
//!
//! | format | PEM label | keys |
//! |---|---|---|
//! | [`Spki`](DerFormat::Spki) (RFC 5280, 3279, 5480, 8410) | `PUBLIC KEY` | RSA, EC, Ed25519, X25519 (public) |
//! | [`Pkcs8`](DerFormat::Pkcs8) (RFC 5208, 5958) | `PRIVATE KEY` | RSA, EC, Ed25519, X25519 (private) |
//! | [`Pkcs1Public`](DerFormat::Pkcs1Public) (RFC 8017) | `RSA PUBLIC KEY` | RSA (public) |
//! | [`Pkcs1Private`](DerFormat::Pkcs1Private) (RFC 8017) | `RSA PRIVATE KEY` | RSA (private, two-prime) |
//! | [`Sec1`](DerFormat::Sec1) (RFC 5915) | `EC PRIVATE KEY` | EC (private) |
//! | [`Certificate`](DerFormat::Certificate) (RFC 5280), read only | `CERTIFICATE` | the subject public key |
//!
//! EC keys are on P-256, P-384, P-521 or secp256k1 and name their curve
//! (`namedCurve`); explicit curve parameters are refused as unsupported, as
//! are Ed448 and X448 keys, which jot cannot use. Encrypted private keys are
//! not read: decrypt them first (`openssl pkcs8 -nocrypt`).
//!
//! Reading checks what the DER structure needs, and that a public point is on
//! its curve; a [`Key`] is not otherwise checked until it becomes a
//! [`Jwk`](crate::Jwk), which checks sizes, exponents and that private and
//! public parts belong together. When a private key comes without its public
//! part (SEC1 without `publicKey`, PKCS#8 v1 Ed25519 or X25519), the public
//! part is computed from it.
//!
//! Writing produces what OpenSSL produces: PKCS#8 v1, SEC1 with the curve
//! and public point, uncompressed points, 64-column PEM with LF line endings.
//!
//! Errors are [`Error::Encoding`] with an [`EncodingError`], except
//! [`Error::MultiPrimeRsa`] for a multi-prime RSA key and [`Error::Key`] for
//! a point off its curve (or, on export, a component of the wrong length).

mod armor;
mod cert;
mod decode;
mod encode;
mod oid;
mod public;

use zeroize::Zeroizing;

use crate::key::Key;
use crate::{EncodingError, Error};

/// The DER structures jot reads and writes. See the [module
/// documentation](self) for which keys each one holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DerFormat {
    /// X.509 `SubjectPublicKeyInfo`: a public key of any supported type
    /// (`PUBLIC KEY`).
    Spki,
    /// PKCS#8 `PrivateKeyInfo` or `OneAsymmetricKey`: a private key of any
    /// supported type, unencrypted (`PRIVATE KEY`).
    Pkcs8,
    /// PKCS#1 `RSAPublicKey` (`RSA PUBLIC KEY`).
    Pkcs1Public,
    /// PKCS#1 `RSAPrivateKey`, two-prime (`RSA PRIVATE KEY`).
    Pkcs1Private,
    /// SEC1 `ECPrivateKey` (`EC PRIVATE KEY`).
    Sec1,
    /// An X.509 certificate, read for its subject public key only
    /// (`CERTIFICATE`). See [`certificate_public_key`].
    Certificate,
}

/// Reads a key from DER in the given format.
///
/// The whole input must be one DER structure: trailing bytes are an error.
///
/// # Errors
///
/// [`EncodingError::Der`] for malformed DER or a structure that does not
/// fit the format, [`EncodingError::UnsupportedAlgorithm`] for a key type or
/// curve jot does not support (including explicit EC curve parameters),
/// [`Error::MultiPrimeRsa`] for a multi-prime RSA key, [`Error::Key`] for an
/// EC point that is not on its curve.
pub fn key_from_der(der: &[u8], format: DerFormat) -> Result<Key, Error> {
    match format {
        DerFormat::Spki => decode::spki(der),
        DerFormat::Pkcs8 => decode::pkcs8(der),
        DerFormat::Pkcs1Public => decode::pkcs1_public(der),
        DerFormat::Pkcs1Private => decode::pkcs1_private(der),
        DerFormat::Sec1 => decode::sec1(der),
        DerFormat::Certificate => cert::public_key(der),
    }
}

/// Reads a key from one PEM block; its label picks the format (`PUBLIC
/// KEY`, `PRIVATE KEY`, `RSA PUBLIC KEY`, `RSA PRIVATE KEY`, `EC PRIVATE
/// KEY`, `CERTIFICATE`).
///
/// Explanatory text before the block is ignored; after it, only whitespace
/// may follow. Base64 lines may be of any single width.
///
/// ```
/// use jot_jwt::alg::Curve;
/// use jot_jwt::jwk::key::Key;
/// use jot_jwt::jwk::pem::key_from_pem;
///
/// // RFC 8410 section 10.1.
/// let pem = "-----BEGIN PUBLIC KEY-----
/// MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
/// -----END PUBLIC KEY-----
/// ";
/// let Key::Okp(key) = key_from_pem(pem)? else { panic!("expected an OKP key") };
/// assert_eq!(key.crv, Curve::Ed25519);
/// assert_eq!(key.x.len(), 32);
/// assert!(key.d.is_none());
///
/// // Encrypted keys are not read.
/// let encrypted = pem.replace("PUBLIC KEY", "ENCRYPTED PRIVATE KEY");
/// assert!(key_from_pem(&encrypted).is_err());
/// # Ok::<(), jot_jwt::jwk::Error>(())
/// ```
///
/// # Errors
///
/// [`EncodingError::Pem`] for malformed armour (boundaries, base64,
/// headers, a second block or other trailing text),
/// [`EncodingError::UnsupportedPemLabel`] for any other label (including
/// `ENCRYPTED PRIVATE KEY`), then as [`key_from_der`].
pub fn key_from_pem(pem: &str) -> Result<Key, Error> {
    let (format, der) = armor::decode(pem)?;
    key_from_der(&der, format)
}

/// Writes a key as DER in the given format.
///
/// - [`Spki`](DerFormat::Spki): the public part of any RSA, EC or OKP key.
/// - [`Pkcs8`](DerFormat::Pkcs8): a private RSA, EC or OKP key, as PKCS#8
///   v1.
/// - [`Pkcs1Public`](DerFormat::Pkcs1Public): the public part of an RSA key.
/// - [`Pkcs1Private`](DerFormat::Pkcs1Private): a private RSA key.
/// - [`Sec1`](DerFormat::Sec1): a private EC key, with its curve and public
///   point.
///
/// The DER of a private key is private material: the caller should zeroize
/// it when done.
///
/// # Errors
///
/// [`EncodingError::UnsupportedFormat`] when the key cannot be written in
/// the format (a public key as PKCS#8, an EC key as PKCS#1, any `oct` key,
/// [`Certificate`](DerFormat::Certificate) always),
/// [`EncodingError::UnsupportedAlgorithm`] for Ed448 and X448 keys and for
/// `AKP` (ML-DSA) keys in any format (jot reads and writes those as JWKs
/// only),
/// [`Error::Key`] when a coordinate, scalar or OKP key does not have the
/// curve's length or an RSA integer is empty.
pub fn key_to_der(key: &Key, format: DerFormat) -> Result<Vec<u8>, Error> {
    match (format, key) {
        // Checked first: whatever the format, an AKP key has no DER here.
        (_, Key::Akp(_)) => Err(unsupported()),
        (DerFormat::Certificate, _) | (_, Key::Oct(_)) => Err(unsupported_format()),
        (DerFormat::Spki, _) => encode::spki(key),
        (DerFormat::Pkcs8, _) => encode::pkcs8(key),
        (DerFormat::Pkcs1Public, Key::Rsa(rsa)) => encode::pkcs1_public(rsa),
        (DerFormat::Pkcs1Private, Key::Rsa(rsa)) => Ok(encode::pkcs1_private(rsa)?.to_vec()),
        (DerFormat::Sec1, Key::Ec(ec)) => Ok(encode::ec_private(ec, true)?.to_vec()),
        (DerFormat::Pkcs1Public | DerFormat::Pkcs1Private | DerFormat::Sec1, _) => Err(unsupported_format()),
    }
}

/// Writes a key as PEM in the given format, with the format's label. See
/// [`key_to_der`] for what each format takes.
///
/// # Errors
///
/// As [`key_to_der`].
pub fn key_to_pem(key: &Key, format: DerFormat) -> Result<String, Error> {
    let der = Zeroizing::new(key_to_der(key, format)?);
    armor::encode(format, &der)
}

/// The subject public key of an X.509 certificate in DER, as for an `x5c`
/// entry (RFC 7517 section 4.7).
///
/// This reads the certificate and nothing more: it does **not** check the
/// signature, the chain to a trusted root, the validity period, key usage,
/// revocation or anything else. Trusting the key is the caller's decision.
///
/// # Errors
///
/// [`EncodingError::Der`] if the input is not an X.509 certificate, then as
/// [`key_from_der`] for its `SubjectPublicKeyInfo`.
pub fn certificate_public_key(cert_der: &[u8]) -> Result<Key, Error> {
    cert::public_key(cert_der)
}

/// Malformed DER, or DER that does not fit the expected structure. Errors
/// from the encoding crates are dropped: their messages may describe the
/// input.
fn malformed() -> Error {
    Error::Encoding(EncodingError::Der)
}

/// A key type or curve jot does not support.
fn unsupported() -> Error {
    Error::Encoding(EncodingError::UnsupportedAlgorithm)
}

/// A key that cannot be written in the requested format.
fn unsupported_format() -> Error {
    Error::Encoding(EncodingError::UnsupportedFormat)
}
