//! The floor: raw primitives called directly on the same bytes, with keys
//! parsed once. Nothing a JOSE library does can cost less than these.

use std::hint::black_box;

use aws_lc_rs::signature as asig;
use jot_core::alg::JwsAlgorithm;
use ring::signature as rsig;

use crate::fixtures::{Entry, SigKey, TokenOp, token_op};

/// The signature check alone on the token's signing input: `floor` is
/// AWS-LC, the primitive jot-crypto's default provider calls for every
/// algorithm, and `floor-<name>` an alternative beside it (ring, which jot
/// no longer uses; ed25519-dalek, p521 and k256, which the `rust-crypto`
/// provider uses). Keys are parsed once, as jot-crypto keeps them. The closures ignore the
/// token they are given (the signing input and signature are decoded once,
/// here).
pub fn signature_verifiers(k: &SigKey) -> Vec<Entry<TokenOp>> {
    let (msg, sig) = k.signing_input_and_signature();
    let (m2, s2) = (msg.clone(), sig.clone());
    match k.alg {
        JwsAlgorithm::HS256 => {
            let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &k.public_bytes("k"));
            let ring_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &k.public_bytes("k"));
            vec![
                token_op("floor", move |_| aws_lc_rs::hmac::verify(&key, black_box(&msg), black_box(&sig)).unwrap()),
                token_op("floor-ring", move |_| ring::hmac::verify(&ring_key, black_box(&m2), black_box(&s2)).unwrap()),
            ]
        }
        JwsAlgorithm::RS256 | JwsAlgorithm::PS256 => {
            let (aws, ring) = if k.alg == JwsAlgorithm::RS256 {
                (&asig::RSA_PKCS1_2048_8192_SHA256, &rsig::RSA_PKCS1_2048_8192_SHA256)
            } else {
                (&asig::RSA_PSS_2048_8192_SHA256, &rsig::RSA_PSS_2048_8192_SHA256)
            };
            let der = k.public.to_der(jot_jwk::pem::DerFormat::Pkcs1Public).unwrap();
            let aws_key = asig::ParsedPublicKey::new(aws, der).unwrap();
            let ring_key = rsig::RsaPublicKeyComponents { n: k.public_bytes("n"), e: k.public_bytes("e") };
            vec![
                token_op("floor", move |_| aws_key.verify_sig(black_box(&msg), black_box(&sig)).unwrap()),
                token_op("floor-ring", move |_| ring_key.verify(ring, black_box(&m2), black_box(&s2)).unwrap()),
            ]
        }
        JwsAlgorithm::ES256 => {
            let ring_key = rsig::UnparsedPublicKey::new(&rsig::ECDSA_P256_SHA256_FIXED, k.sec1());
            let aws_key = asig::ParsedPublicKey::new(&asig::ECDSA_P256_SHA256_FIXED, k.sec1()).unwrap();
            vec![
                token_op("floor", move |_| aws_key.verify_sig(black_box(&msg), black_box(&sig)).unwrap()),
                token_op("floor-ring", move |_| ring_key.verify(black_box(&m2), black_box(&s2)).unwrap()),
            ]
        }
        JwsAlgorithm::ES384 => {
            let aws_key = asig::ParsedPublicKey::new(&asig::ECDSA_P384_SHA384_FIXED, k.sec1()).unwrap();
            let ring_key = rsig::UnparsedPublicKey::new(&rsig::ECDSA_P384_SHA384_FIXED, k.sec1());
            vec![
                token_op("floor", move |_| aws_key.verify_sig(black_box(&msg), black_box(&sig)).unwrap()),
                token_op("floor-ring", move |_| ring_key.verify(black_box(&m2), black_box(&s2)).unwrap()),
            ]
        }
        JwsAlgorithm::ES512 => {
            use p521::ecdsa::signature::Verifier as _;
            let aws_key = asig::ParsedPublicKey::new(&asig::ECDSA_P521_SHA512_FIXED, k.sec1()).unwrap();
            let key = p521::ecdsa::VerifyingKey::from_sec1_bytes(&k.sec1()).unwrap();
            vec![
                token_op("floor", move |_| aws_key.verify_sig(black_box(&msg), black_box(&sig)).unwrap()),
                token_op("floor-p521", move |_| {
                    let sig = p521::ecdsa::Signature::from_slice(black_box(&s2)).unwrap();
                    key.verify(black_box(&m2), &sig).unwrap();
                }),
            ]
        }
        JwsAlgorithm::ES256K => {
            use k256::ecdsa::signature::Verifier as _;
            let aws_key = asig::ParsedPublicKey::new(&asig::ECDSA_P256K1_SHA256_FIXED, k.sec1()).unwrap();
            let key = k256::ecdsa::VerifyingKey::from_sec1_bytes(&k.sec1()).unwrap();
            vec![
                token_op("floor", move |_| aws_key.verify_sig(black_box(&msg), black_box(&sig)).unwrap()),
                token_op("floor-k256", move |_| {
                    // k256 refuses high-S; JOSE does not (as in jot-crypto on rust-crypto).
                    let sig = k256::ecdsa::Signature::from_slice(black_box(&s2)).unwrap().normalize_s();
                    key.verify(black_box(&m2), &sig).unwrap();
                }),
            ]
        }
        JwsAlgorithm::EdDSA => {
            let x: [u8; 32] = k.public_bytes("x").try_into().unwrap();
            let dalek = ed25519_dalek::VerifyingKey::from_bytes(&x).unwrap();
            let ring_key = rsig::UnparsedPublicKey::new(&rsig::ED25519, x.to_vec());
            let aws_key = asig::ParsedPublicKey::new(&asig::ED25519, x).unwrap();
            let (m3, s3) = (msg.clone(), sig.clone());
            vec![
                token_op("floor", move |_| aws_key.verify_sig(black_box(&msg), black_box(&sig)).unwrap()),
                token_op("floor-ring", move |_| ring_key.verify(black_box(&m2), black_box(&s2)).unwrap()),
                token_op("floor-dalek", move |_| dalek_verify(&dalek, black_box(&m3), black_box(&s3))),
            ]
        }
        other => panic!("no floor for {other}"),
    }
}

/// ed25519-dalek's verify (jot-crypto's Ed25519 verifier before AWS-LC),
/// kept out of line: inlined into the benchmark's closure the same call
/// once measured 39 µs against 30 µs (code layout, not work).
#[inline(never)]
fn dalek_verify(key: &ed25519_dalek::VerifyingKey, msg: &[u8], sig: &[u8]) {
    use ed25519_dalek::Verifier as _;
    let sig = ed25519_dalek::Signature::from_slice(sig).unwrap();
    key.verify(msg, &sig).unwrap();
}

/// The header's fields, borrowed from the decoded bytes.
#[derive(serde::Deserialize)]
struct HeaderRef<'a> {
    #[serde(borrow)]
    alg: &'a str,
    #[serde(borrow)]
    typ: Option<&'a str>,
}

/// Parse floor: split off the first segment, base64url-decode it into a
/// stack buffer (base64ct) and parse it with serde_json into borrowed
/// fields.
pub fn parse_header() -> Entry<TokenOp> {
    use base64ct::Encoding as _;
    token_op("floor", |t| {
        let (header, _) = t.split_once('.').unwrap();
        let mut buf = [0u8; 256];
        let bytes = base64ct::Base64UrlUnpadded::decode(header, &mut buf).unwrap();
        let h: HeaderRef<'_> = serde_json::from_slice(bytes).unwrap();
        black_box((h.alg, h.typ));
    })
}

/// A content encryption the floor can open: the same plaintext and AAD as
/// a JWE's, under a key the floor knows.
pub struct Sealed {
    /// The CEK (16 or 32 bytes for AES-GCM; 32 for A128CBC-HS256).
    pub key: Vec<u8>,
    /// The IV.
    pub iv: Vec<u8>,
    /// The AAD: the JWE's protected header, base64url.
    pub aad: Vec<u8>,
    /// The ciphertext.
    pub ciphertext: Vec<u8>,
    /// The tag.
    pub tag: Vec<u8>,
}

impl Sealed {
    /// Seals `plaintext` with AES-GCM under a fixed key of `key_len` bytes.
    pub fn gcm(key_len: usize, aad: &[u8], plaintext: &[u8]) -> Self {
        use aws_lc_rs::aead;
        let key = vec![0x42; key_len];
        let iv = vec![7u8; 12];
        let alg = if key_len == 16 { &aead::AES_128_GCM } else { &aead::AES_256_GCM };
        let k = aead::LessSafeKey::new(aead::UnboundKey::new(alg, &key).unwrap());
        let mut buf = plaintext.to_vec();
        let nonce = aead::Nonce::try_assume_unique_for_key(&iv).unwrap();
        let tag = k.seal_in_place_separate_tag(nonce, aead::Aad::from(aad), &mut buf).unwrap();
        Self { key, iv, aad: aad.to_vec(), ciphertext: buf, tag: tag.as_ref().to_vec() }
    }

    /// Seals `plaintext` with A128CBC-HS256 (RFC 7518 section 5.2.2.1)
    /// under a fixed key.
    pub fn cbc_hs256(aad: &[u8], plaintext: &[u8]) -> Self {
        use aws_lc_rs::cipher::{AES_128, EncryptionContext, PaddedBlockEncryptingKey, UnboundCipherKey};
        let key = vec![0x42; 32];
        let iv = [7u8; 16];
        let enc = PaddedBlockEncryptingKey::cbc_pkcs7(UnboundCipherKey::new(&AES_128, &key[16..]).unwrap()).unwrap();
        let mut ciphertext = plaintext.to_vec();
        enc.less_safe_encrypt(&mut ciphertext, EncryptionContext::Iv128(iv.into())).unwrap();
        let tag = cbc_tag(&key[..16], aad, &iv, &ciphertext);
        Self { key, iv: iv.to_vec(), aad: aad.to_vec(), ciphertext, tag }
    }
}

fn cbc_tag(mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    use aws_lc_rs::hmac;
    let key = hmac::Key::new(hmac::HMAC_SHA256, mac_key);
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(aad);
    ctx.update(iv);
    ctx.update(ciphertext);
    ctx.update(&(aad.len() as u64 * 8).to_be_bytes());
    ctx.sign().as_ref()[..16].to_vec()
}

/// Content decryption floors: AWS-LC's AES-GCM (what jot-crypto's default
/// provider uses) and RustCrypto's aes-gcm (the `rust-crypto` provider's),
/// each opening a copy of the ciphertext; for A128CBC-HS256, AWS-LC's
/// HMAC-SHA-256 then its AES-CBC (as jot-crypto does).
pub fn content_decrypters(s: Sealed, cbc: bool) -> Vec<Entry<TokenOp>> {
    use aws_lc_rs::aead;
    if cbc {
        return vec![token_op("floor", move |_| {
            use aws_lc_rs::cipher::{AES_128, DecryptionContext, PaddedBlockDecryptingKey, UnboundCipherKey};
            use subtle::ConstantTimeEq as _;
            let tag = cbc_tag(&s.key[..16], &s.aad, &s.iv, black_box(&s.ciphertext));
            assert!(bool::from(tag.ct_eq(&s.tag)));
            let dec =
                PaddedBlockDecryptingKey::cbc_pkcs7(UnboundCipherKey::new(&AES_128, &s.key[16..]).unwrap()).unwrap();
            let mut out = s.ciphertext.clone();
            let iv: [u8; 16] = s.iv.as_slice().try_into().unwrap();
            black_box(dec.decrypt(&mut out, DecryptionContext::Iv128(iv.into())).unwrap());
        })];
    }
    let alg = if s.key.len() == 16 { &aead::AES_128_GCM } else { &aead::AES_256_GCM };
    let aws_key = aead::LessSafeKey::new(aead::UnboundKey::new(alg, &s.key).unwrap());
    let s = std::sync::Arc::new(s);
    let s2 = s.clone();
    let aws_floor = token_op("floor", move |_| {
        let mut buf = black_box(&s.ciphertext).clone();
        let nonce = aead::Nonce::try_assume_unique_for_key(&s.iv).unwrap();
        aws_key.open_in_place_separate_tag(nonce, aead::Aad::from(&s.aad), &s.tag, &mut buf).unwrap();
        black_box(buf);
    });
    let rustcrypto_floor = if s2.key.len() == 16 {
        aes_gcm_floor::<aes_gcm::Aes128Gcm>(s2)
    } else {
        aes_gcm_floor::<aes_gcm::Aes256Gcm>(s2)
    };
    vec![aws_floor, rustcrypto_floor]
}

fn aes_gcm_floor<C>(s: std::sync::Arc<Sealed>) -> Entry<TokenOp>
where
    C: aes_gcm::KeyInit + aes_gcm::aead::AeadInOut + Send + Sync + 'static,
{
    let cipher = C::new_from_slice(&s.key).unwrap();
    token_op("floor-aes-gcm", move |_| {
        let mut buf = black_box(&s.ciphertext).clone();
        let nonce = aes_gcm::Nonce::<C::NonceSize>::try_from(s.iv.as_slice()).unwrap();
        let tag = aes_gcm::Tag::<C::TagSize>::try_from(s.tag.as_slice()).unwrap();
        cipher.decrypt_inout_detached(&nonce, &s.aad, buf.as_mut_slice().into(), &tag).unwrap();
        black_box(buf);
    })
}
