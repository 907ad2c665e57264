//! The work one JWE can cause is bounded per token, not per recipient
//! (issue 14): PBES2 iterations summed over the recipients tried, key
//! management operations counted, the recipient count and every
//! unprotected header held to their limits, and limits near `usize::MAX`
//! that never overflow.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use jot_core::alg::{JweAlgorithm, JweEncryption};
use jot_core::{LimitKind, Secret};
use jot_jwe::{Decrypter, Error, JweBuilder, Limits};
use jot_jwk::{EncryptingKey, Jwk};
use jot_test_support::{json_bytes, load};
use serde_json::{Value, json};

const ENC: JweEncryption = JweEncryption::A128Gcm;
const PBES2: JweAlgorithm = JweAlgorithm::Pbes2Hs256A128Kw;

fn password(text: &str) -> Jwk {
    Jwk::from_secret(Secret::new(text.as_bytes().to_vec())).unwrap()
}

/// A general JWE to `keys`, in order, none with a `kid`.
fn general(keys: &[EncryptingKey], p2c: u32) -> String {
    let mut builder = JweBuilder::new(ENC).p2c(p2c);
    for k in keys {
        builder = builder.recipient(k);
    }
    builder.general(b"secret").unwrap()
}

fn strip_kids(doc: &str) -> String {
    let mut v: Value = serde_json::from_str(doc).unwrap();
    for r in v["recipients"].as_array_mut().unwrap() {
        if let Some(h) = r.get_mut("header").and_then(Value::as_object_mut) {
            h.remove("kid");
        }
    }
    v.to_string()
}

/// Sixteen PBES2 recipients at the cap, none for this password: the old
/// per-recipient cap let that cost 16 derivations. Now the second
/// recipient would pass the token's allowance and is refused before it
/// derives.
#[test]
fn pbes2_iterations_are_summed_over_the_token() {
    let others: Vec<Jwk> = (0..16).map(|i| password(&format!("other password {i:02}"))).collect();
    let eks: Vec<EncryptingKey> = others.iter().map(|k| k.encrypting_key(PBES2).unwrap()).collect();
    let mine = password("my own password, long enough");
    let d = Decrypter::new(mine.decrypting_key(PBES2).unwrap(), &[ENC]);

    let doc = general(&eks, 10_000);
    assert_eq!(d.decrypt_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::Pbes2Count));
    // 2,500 each: four derivations fit (10,000 in all), the fifth does not.
    let doc = general(&eks, 2_500);
    let d_many = d.clone().limits(Limits { max_key_unwraps: 16, ..Limits::DEFAULT });
    assert_eq!(d_many.decrypt_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::Pbes2Count));

    // The recipient for this password, after three others at 2,500: within
    // the allowance, it decrypts; after four, it is out of reach.
    let my_ek = mine.encrypting_key(PBES2).unwrap();
    let mut keys: Vec<EncryptingKey> = eks[..3].to_vec();
    keys.push(my_ek.clone());
    assert_eq!(d.decrypt_json(general(&keys, 2_500).as_bytes()).unwrap().recipient_index(), 3);
    keys.insert(0, eks[3].clone());
    assert_eq!(d_many.decrypt_json(general(&keys, 2_500).as_bytes()).unwrap_err(), Error::Limit(LimitKind::Pbes2Count));
    // A single recipient may still use the whole allowance.
    assert_eq!(d.decrypt_json(general(&[my_ek], 10_000).as_bytes()).unwrap().plaintext(), b"secret");
}

fn rsa_ours() -> Jwk {
    Jwk::from_json(&json_bytes(&load("rfc/rfc7516-a1-rsa-oaep-a256gcm.json")["jwk"])).unwrap()
}

fn rsa_other() -> Jwk {
    let pem = std::fs::read_to_string(jot_test_support::vectors_dir().join("pem/rsa-2048-spki.pem")).unwrap();
    Jwk::from_pem(&pem).unwrap()
}

/// Sixteen RSA-OAEP recipients without a `kid`: the decrypter's key is
/// selected for each, and each would cost a private-key operation. After
/// `max_key_unwraps` (4) the token is refused.
#[test]
fn rsa_private_operations_are_counted_per_token() {
    let alg = JweAlgorithm::RsaOaep256;
    let ours = rsa_ours();
    let other = rsa_other().encrypting_key(alg).unwrap();
    let mine = ours.to_public().unwrap().encrypting_key(alg).unwrap();
    let d = Decrypter::new(ours.decrypting_key(alg).unwrap(), &[ENC]);

    let doc = strip_kids(&general(&vec![other.clone(); 16], 1));
    assert_eq!(d.decrypt_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::KeyUnwraps));

    // Ours fifth: out of reach by default, reached with a limit of 5.
    let mut keys = vec![other.clone(); 4];
    keys.push(mine.clone());
    let doc = strip_kids(&general(&keys, 1));
    assert_eq!(d.decrypt_json(doc.as_bytes()).unwrap_err(), Error::Limit(LimitKind::KeyUnwraps));
    let five = d.clone().limits(Limits { max_key_unwraps: 5, ..Limits::DEFAULT });
    assert_eq!(five.decrypt_json(doc.as_bytes()).unwrap().recipient_index(), 4);
    // Ours fourth: within the default.
    keys.remove(0);
    let doc = strip_kids(&general(&keys, 1));
    assert_eq!(d.decrypt_json(doc.as_bytes()).unwrap().recipient_index(), 3);
    // Recipients whose kid names another key cost nothing.
    let mut other_jwk = rsa_other();
    other_jwk.set_kid("someone else");
    let named = other_jwk.encrypting_key(alg).unwrap();
    let mut ours_named = ours.clone();
    ours_named.set_kid("me");
    let d_named = Decrypter::new(ours_named.decrypting_key(alg).unwrap(), &[ENC]);
    let mut keys = vec![named; 15];
    keys.push(ours_named.to_public().unwrap().encrypting_key(alg).unwrap());
    assert_eq!(d_named.decrypt_json(general(&keys, 1).as_bytes()).unwrap().recipient_index(), 15);
    // A zero limit decrypts nothing, and says why.
    let none = d.limits(Limits { max_key_unwraps: 0, ..Limits::DEFAULT });
    let compact = JweBuilder::new(ENC).recipient(&mine).compact(b"x").unwrap();
    assert_eq!(none.decrypt_compact(&compact).unwrap_err(), Error::Limit(LimitKind::KeyUnwraps));
}

/// The shared `unprotected` header and each recipient's `header` are held
/// to `max_header_bytes`, as the protected header is.
#[test]
fn unprotected_headers_are_held_to_the_header_limit() {
    let key = Jwk::from_secret(Secret::new(vec![7; 16])).unwrap();
    let ek = key.encrypting_key(JweAlgorithm::A128Kw).unwrap();
    let d = Decrypter::new(key.decrypting_key(JweAlgorithm::A128Kw).unwrap(), &[ENC]);
    let doc = JweBuilder::new(ENC).recipient(&ek).recipient(&ek).general(b"x").unwrap();
    let base: Value = serde_json::from_str(&doc).unwrap();
    d.decrypt_json(doc.as_bytes()).unwrap();
    let big = "x".repeat(9 * 1024);

    let mut shared = base.clone();
    shared["unprotected"] = json!({ "x-big": big });
    assert_eq!(d.decrypt_json(shared.to_string().as_bytes()).unwrap_err(), Error::Limit(LimitKind::HeaderSize));
    // In the second recipient's header: the whole document is refused,
    // even though the first recipient would decrypt.
    let mut recipient = base.clone();
    recipient["recipients"][1]["header"]["x-big"] = json!(big);
    assert_eq!(d.decrypt_json(recipient.to_string().as_bytes()).unwrap_err(), Error::Limit(LimitKind::HeaderSize));
    // Flattened: the `header` member.
    let flat: Value = serde_json::from_str(&JweBuilder::new(ENC).recipient(&ek).flattened(b"x").unwrap()).unwrap();
    let mut flat_big = flat.clone();
    flat_big["header"]["x-big"] = json!(big);
    assert_eq!(d.decrypt_json(flat_big.to_string().as_bytes()).unwrap_err(), Error::Limit(LimitKind::HeaderSize));
    // Under the limit, the same extra member is fine.
    let mut small = base;
    small["unprotected"] = json!({ "x-small": "y" });
    d.decrypt_json(small.to_string().as_bytes()).unwrap();
    // And a raised limit lets the big ones through.
    let raised = d.limits(Limits { max_header_bytes: 16 * 1024, ..Limits::DEFAULT });
    raised.decrypt_json(shared.to_string().as_bytes()).unwrap();
    raised.decrypt_json(flat_big.to_string().as_bytes()).unwrap();
}

/// Every limit at `usize::MAX` (or `u32::MAX`): genuine tokens decrypt and
/// malformed ones get their error; nothing overflows or panics.
#[test]
fn limits_near_the_maximum_never_overflow() {
    let key = Jwk::from_secret(Secret::new(vec![7; 16])).unwrap();
    let ek = key.encrypting_key(JweAlgorithm::A128Kw).unwrap();
    let unlimited = Limits {
        max_token_bytes: usize::MAX,
        max_header_bytes: usize::MAX,
        max_json_depth: usize::MAX,
        max_recipients: usize::MAX,
        max_p2c: u32::MAX,
        max_key_unwraps: usize::MAX,
        max_decompressed_bytes: usize::MAX,
    };
    for limits in [unlimited, Limits { max_header_bytes: usize::MAX - 1, ..unlimited }] {
        let d = Decrypter::new(key.decrypting_key(JweAlgorithm::A128Kw).unwrap(), &[ENC]).limits(limits).allow_zip();
        let compact = JweBuilder::new(ENC).recipient(&ek).zip().compact(b"x").unwrap();
        assert_eq!(d.decrypt_compact(&compact).unwrap().plaintext(), b"x");
        let general = JweBuilder::new(ENC).recipient(&ek).recipient(&ek).general(b"x").unwrap();
        assert_eq!(d.decrypt_json(general.as_bytes()).unwrap().plaintext(), b"x");
        for bad in ["", ".", "....", "a.b.c.d.e", "!!!!.b.c.d.e", &format!("{}.x", compact)] {
            assert!(d.decrypt_compact(bad).is_err(), "{bad}");
        }
        let deep = format!(r#"{{"unprotected":{}1{}}}"#, "[".repeat(1_000), "]".repeat(1_000));
        assert!(d.decrypt_json(deep.as_bytes()).is_err());
    }
}
