//! The public key of an X.509 certificate.

use der::Decode;
use der::referenced::OwnedToRef;
use x509_cert::Certificate;

use super::decode::spki_key;
use super::malformed;
use crate::Error;
use crate::key::Key;

/// The subject public key of a DER certificate (RFC 5280 section
/// 4.1.2.7). The certificate must parse as X.509; nothing else about it is
/// checked (see [`super::certificate_public_key`]).
pub(super) fn public_key(der: &[u8]) -> Result<Key, Error> {
    let cert = Certificate::from_der(der).map_err(|_| malformed())?;
    spki_key(&cert.tbs_certificate().subject_public_key_info().owned_to_ref())
}
