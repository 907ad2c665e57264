//! The few DER structures RSA keys travel in between jot and a provider:
//! `RSAPublicKey` (RFC 8017 appendix A.1.1), its SubjectPublicKeyInfo
//! (RFC 5280), and reading the components back out of a PKCS#8
//! `PrivateKeyInfo` holding an `RSAPrivateKey` (RFC 5208, RFC 8017 A.1.2).

#![cfg_attr(not(any(feature = "aws-lc", feature = "fips")), allow(dead_code))]

use jot_core::Secret;

use super::RsaPrivateExport;

fn push_len(out: &mut Vec<u8>, l: usize) {
    match l {
        0..=0x7f => out.push(l as u8),
        0x80..=0xff => out.extend_from_slice(&[0x81, l as u8]),
        _ => out.extend_from_slice(&[0x82, (l >> 8) as u8, l as u8]),
    }
}

fn push_tlv(out: &mut Vec<u8>, tag: u8, value: &[u8]) {
    out.push(tag);
    push_len(out, value.len());
    out.extend_from_slice(value);
}

/// A positive INTEGER from minimal big-endian bytes: a leading zero octet
/// when the top bit is set.
fn push_integer(out: &mut Vec<u8>, v: &[u8]) {
    let pad = v.first().is_some_and(|b| b & 0x80 != 0);
    out.push(0x02);
    push_len(out, v.len() + usize::from(pad));
    if pad {
        out.push(0);
    }
    out.extend_from_slice(v);
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`
/// of minimal `n` and `e`.
pub(crate) fn rsa_public_key(n: &[u8], e: &[u8]) -> Vec<u8> {
    let mut body = Vec::with_capacity(n.len() + e.len() + 16);
    push_integer(&mut body, n);
    push_integer(&mut body, e);
    let mut out = Vec::with_capacity(body.len() + 4);
    push_tlv(&mut out, 0x30, &body);
    out
}

/// The SubjectPublicKeyInfo of an `RSAPublicKey` (algorithm rsaEncryption,
/// NULL parameters).
pub(crate) fn spki_rsa(rsa_public_key: &[u8]) -> Vec<u8> {
    // SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }
    const ALGORITHM: [u8; 15] =
        [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
    let mut bits = Vec::with_capacity(rsa_public_key.len() + 1);
    bits.push(0); // no unused bits
    bits.extend_from_slice(rsa_public_key);
    let mut body = Vec::with_capacity(bits.len() + ALGORITHM.len() + 4);
    body.extend_from_slice(&ALGORITHM);
    push_tlv(&mut body, 0x03, &bits);
    let mut out = Vec::with_capacity(body.len() + 4);
    push_tlv(&mut out, 0x30, &body);
    out
}

/// One TLV from the front of `input`: (tag, value, rest). Definite lengths
/// of up to three octets only, which is all an RSA key of jot's sizes uses.
fn read_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = match first {
        0..=0x7f => (usize::from(first), rest),
        0x81..=0x83 => {
            let n = usize::from(first & 0x7f);
            let (bytes, rest) = (rest.get(..n)?, rest.get(n..)?);
            (bytes.iter().fold(0usize, |acc, &b| (acc << 8) | usize::from(b)), rest)
        }
        _ => return None,
    };
    Some((tag, rest.get(..len)?, rest.get(len..)?))
}

/// An INTEGER's value without its leading zero octets (at least one octet).
fn read_uint(input: &[u8]) -> Option<(&[u8], &[u8])> {
    let (tag, value, rest) = read_tlv(input)?;
    if tag != 0x02 || value.first().is_some_and(|b| b & 0x80 != 0) {
        return None;
    }
    let start = value.iter().position(|&b| b != 0).unwrap_or(value.len().saturating_sub(1));
    Some((value.get(start..)?, rest))
}

/// The components of the `RSAPrivateKey` inside a PKCS#8 `PrivateKeyInfo`.
pub(crate) fn parse_pkcs8_rsa(pkcs8: &[u8]) -> Option<RsaPrivateExport> {
    let (0x30, info, _) = read_tlv(pkcs8)? else { return None };
    let (_version, info) = read_uint(info)?;
    let (0x30, _algorithm, info) = read_tlv(info)? else { return None };
    let (0x04, key, _) = read_tlv(info)? else { return None };
    let (0x30, key, _) = read_tlv(key)? else { return None };
    let (_version, key) = read_uint(key)?;
    let (n, key) = read_uint(key)?;
    let (e, key) = read_uint(key)?;
    let (d, key) = read_uint(key)?;
    let (p, key) = read_uint(key)?;
    let (q, key) = read_uint(key)?;
    let (dp, key) = read_uint(key)?;
    let (dq, key) = read_uint(key)?;
    let (qi, _) = read_uint(key)?;
    Some(RsaPrivateExport {
        n: n.to_vec(),
        e: e.to_vec(),
        d: Secret::from(d),
        p: Secret::from(p),
        q: Secret::from(q),
        dp: Secret::from(dp),
        dq: Secret::from(dq),
        qi: Secret::from(qi),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsa_public_key_encodes_lengths_and_sign_padding() {
        // Short form, and a leading zero when the top bit is set.
        assert_eq!(rsa_public_key(&[0x81], &[3]), [0x30, 0x07, 0x02, 0x02, 0x00, 0x81, 0x02, 0x01, 0x03]);
        // Long forms (0x81 and 0x82) for 2048- and 8192-bit moduli.
        let der = rsa_public_key(&[0xc5; 256], &[1, 0, 1]);
        assert_eq!(&der[..8], &[0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01]);
        let der = rsa_public_key(&[0x45; 200], &[1, 0, 1]);
        assert_eq!(&der[..6], &[0x30, 0x81, 0xd0, 0x02, 0x81, 0xc8]);
    }

    #[test]
    fn tlv_reader_refuses_truncation_and_indefinite_lengths() {
        assert_eq!(read_tlv(&[0x02, 0x01, 0x05]), Some((0x02, &[5u8][..], &[][..])));
        assert_eq!(read_tlv(&[0x02, 0x02, 0x05]), None);
        assert_eq!(read_tlv(&[0x30, 0x80, 0x00, 0x00]), None);
        assert_eq!(read_tlv(&[0x02, 0x84, 0, 0, 0, 1, 5]), None);
        assert_eq!(read_uint(&[0x02, 0x02, 0x00, 0x80]), Some((&[0x80u8][..], &[][..])));
        // A negative INTEGER is not a key component.
        assert_eq!(read_uint(&[0x02, 0x01, 0x80]), None);
        assert!(parse_pkcs8_rsa(&[0x30, 0x00]).is_none());
    }
}
