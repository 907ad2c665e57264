//! PEM armour (RFC 7468): labels, and the base64 body between the
//! boundaries.

use pem_rfc7468::LineEnding;
use zeroize::Zeroizing;

use super::DerFormat;
use crate::{EncodingError, Error};

/// The label each format is written with (RFC 7468 and the traditional
/// OpenSSL labels for PKCS#1 and SEC1).
pub(super) fn label(format: DerFormat) -> &'static str {
    match format {
        DerFormat::Spki => "PUBLIC KEY",
        DerFormat::Pkcs8 => "PRIVATE KEY",
        DerFormat::Pkcs1Public => "RSA PUBLIC KEY",
        DerFormat::Pkcs1Private => "RSA PRIVATE KEY",
        DerFormat::Sec1 => "EC PRIVATE KEY",
        DerFormat::Certificate => "CERTIFICATE",
    }
}

/// The format a label names. `ENCRYPTED PRIVATE KEY` is refused like any
/// other label jot does not read: jot takes no passwords for PEM.
fn format_of(label: &str) -> Result<DerFormat, Error> {
    [
        DerFormat::Spki,
        DerFormat::Pkcs8,
        DerFormat::Pkcs1Public,
        DerFormat::Pkcs1Private,
        DerFormat::Sec1,
        DerFormat::Certificate,
    ]
    .into_iter()
    .find(|format| self::label(*format) == label)
    .ok_or(Error::Encoding(EncodingError::UnsupportedPemLabel))
}

/// Decodes one PEM block: its format, and the DER (zeroized on drop, as it
/// may be a private key).
///
/// Text before the block is ignored (RFC 7468 section 2 allows explanatory
/// text there); after the block only whitespace may follow, so a file with
/// two blocks is refused rather than half read. Headers (the legacy
/// `Proc-Type: 4,ENCRYPTED` form) are refused as malformed. Lines may be of
/// any one width, not just 64.
pub(super) fn decode(pem: &str) -> Result<(DerFormat, Zeroizing<Vec<u8>>), Error> {
    let bad = || Error::Encoding(EncodingError::Pem);
    // pem-rfc7468 takes at most one line ending after the END boundary.
    let pem = pem.trim_end().as_bytes();
    let format = format_of(pem_rfc7468::decode_label(pem).map_err(|_| bad())?)?;
    let mut decoder = pem_rfc7468::Decoder::new_detect_wrap(pem).map_err(|_| bad())?;
    // Sized up front so the buffer never reallocates, leaving copies behind.
    let mut der = Zeroizing::new(vec![0; decoder.remaining_len()]);
    decoder.decode(&mut der).map_err(|_| bad())?;
    if !decoder.is_finished() {
        return Err(bad());
    }
    Ok((format, der))
}

/// Wraps DER in PEM armour with the format's label, 64-character lines and
/// LF line endings.
pub(super) fn encode(format: DerFormat, der: &[u8]) -> Result<String, Error> {
    pem_rfc7468::encode_string(label(format), LineEnding::LF, der).map_err(|_| Error::Encoding(EncodingError::Pem))
}
