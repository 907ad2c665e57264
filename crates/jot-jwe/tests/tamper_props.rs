//! Tampering as a property: a JWE over a proptest-generated plaintext and
//! extra protected header members, for a representative set of key
//! management and content algorithms, fails to decrypt once any one
//! character is replaced: anywhere in the compact serialization
//! (separators included), or inside the `protected`, `encrypted_key`,
//! `iv`, `ciphertext`, `tag` or `aad` value of the flattened JSON
//! serialization (keeping the JSON well-formed). The replacement is another
//! base64url character, any other ASCII character, or a character outside
//! base64url; positions favour the last character of a segment, whose
//! unused low bits a lax decoder would ignore. `tamper.rs` changes decoded
//! bytes (re-encoded canonically) of fixed tokens and checks the error for
//! each header member.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jot_core::alg::{Curve, JweAlgorithm, JweEncryption};
use jot_core::json::Value as JotValue;
use jot_core::{Secret, base64url};
use jot_jwe::{Decrypter, Error, JweBuilder, Part};
use jot_jwk::{Jwk, KeySpec};
use jot_test_support::tamper::{
    BASE64URL, Position, Replacement, any_replacement, json_replacement, position, replace_at, same_to_a_lax_decoder,
    string_member_range,
};
use jot_test_support::{json_bytes, load};
use proptest::prelude::*;

/// A low PBES2 count keeps the PBES2 cases fast.
const P2C: u32 = 1000;

/// One key management and content algorithm pair, with its key.
struct Case {
    name: &'static str,
    alg: JweAlgorithm,
    enc: JweEncryption,
    jwk: Jwk,
}

impl Case {
    fn decrypter(&self) -> Decrypter {
        Decrypter::new(self.jwk.decrypting_key(self.alg).unwrap(), &[self.enc])
    }

    /// `json: None` gives a compact JWE; `Some(aad)` a flattened JSON one,
    /// with that `aad` unless it is empty.
    fn encrypt(&self, plaintext: &[u8], extras: &BTreeMap<String, JotValue>, json: Option<&[u8]>) -> String {
        let public = self.jwk.to_public().unwrap_or_else(|| self.jwk.clone());
        let ek = public.encrypting_key(self.alg).unwrap();
        let builder = JweBuilder::new(self.enc).recipient(&ek).p2c(P2C);
        let builder = extras.iter().fold(builder, |b, (name, value)| b.header(name, value.clone()).unwrap());
        match json {
            None => builder.compact(plaintext).unwrap(),
            Some([]) => builder.flattened(plaintext).unwrap(),
            Some(aad) => builder.aad(aad).flattened(plaintext).unwrap(),
        }
    }
}

/// The representative set, keys made once. The RSA key is the RFC 7516
/// A.1 key, as in `tamper.rs` (no key generation).
fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        use JweAlgorithm as A;
        use JweEncryption as E;
        let rsa = Jwk::from_json(&json_bytes(&load("rfc/rfc7516-a1-rsa-oaep-a256gcm.json")["jwk"])).unwrap();
        let dir = |enc| Jwk::generate_for_jwe(A::Dir, Some(enc)).unwrap();
        let case = |name, alg, enc, jwk| Case { name, alg, enc, jwk };
        vec![
            case("dir+A128GCM", A::Dir, E::A128Gcm, dir(E::A128Gcm)),
            case("dir+A128CBC-HS256", A::Dir, E::A128CbcHs256, dir(E::A128CbcHs256)),
            case("A128KW+A256GCM", A::A128Kw, E::A256Gcm, Jwk::generate_for_jwe(A::A128Kw, None).unwrap()),
            case("RSA-OAEP-256+A128GCM", A::RsaOaep256, E::A128Gcm, rsa),
            case("ECDH-ES P-256+A256GCM", A::EcdhEs, E::A256Gcm, Jwk::generate(KeySpec::Ec(Curve::P256)).unwrap()),
            case(
                "ECDH-ES+A128KW X25519+A128CBC-HS256",
                A::EcdhEsA128Kw,
                E::A128CbcHs256,
                Jwk::generate(KeySpec::Okp(Curve::X25519)).unwrap(),
            ),
            case(
                "PBES2-HS256+A128KW+A256CBC-HS512",
                A::Pbes2Hs256A128Kw,
                E::A256CbcHs512,
                Jwk::from_secret(Secret::new(b"a password, tampered with".to_vec())).unwrap(),
            ),
        ]
    })
}

/// The compact segment (or JSON member) each part is, for the error check.
const PARTS: [(&str, Part); 6] = [
    ("protected", Part::ProtectedHeader),
    ("encrypted_key", Part::EncryptedKey),
    ("iv", Part::Iv),
    ("ciphertext", Part::Ciphertext),
    ("tag", Part::Tag),
    ("aad", Part::Aad),
];

/// A change to anything but the protected header that is still canonical
/// base64url leaves a valid structure: the one opaque `DecryptionFailed`.
/// One that no longer decodes is malformed. (A changed header may fail in
/// many typed ways; any error will do.)
fn check_error(err: &Error, part: Part, changed: &str, what: &str) {
    if part == Part::ProtectedHeader || !changed.bytes().all(|b| BASE64URL.contains(&b)) {
        return;
    }
    if base64url::decode(changed).is_ok() {
        assert_eq!(err, &Error::DecryptionFailed, "{what}");
    } else {
        assert_eq!(err, &Error::Malformed(part), "{what}");
    }
}

/// Counts of what the changes exercised.
#[derive(Default)]
struct Tally {
    tried: usize,
    /// Non-canonical spellings of a segment's bytes (a lax decoder would
    /// read the original bytes).
    non_canonical: usize,
}

/// One compact token per case; each change must make decryption fail.
fn compact_case(plaintext: &[u8], extras: &BTreeMap<String, JotValue>, changes: &[(Position, Replacement)]) -> Tally {
    let mut tally = Tally::default();
    for case in cases() {
        let token = case.encrypt(plaintext, extras, None);
        let d = case.decrypter();
        assert_eq!(d.decrypt_compact(&token).unwrap().plaintext(), plaintext, "{}", case.name);
        for &(position, replacement) in changes {
            let pos = position.resolve(&token);
            let with = replacement.char_for(token.as_bytes()[pos]);
            let tampered = replace_at(&token, pos, with);
            let what = format!("{}: {with:?} at {pos} of {token}", case.name);
            let err = d.decrypt_compact(&tampered).map(drop).expect_err(&what);
            tally.tried += 1;
            let (old, new): (Vec<&str>, Vec<&str>) = (token.split('.').collect(), tampered.split('.').collect());
            if new.len() == 5 {
                let seg = (0..5).find(|&i| old[i] != new[i]).unwrap();
                tally.non_canonical += usize::from(same_to_a_lax_decoder(old[seg], new[seg]));
                check_error(&err, PARTS[seg].1, new[seg], &what);
            }
        }
    }
    tally
}

/// One flattened JSON JWE per case (with `aad` when it is not empty);
/// `changes` pick a member among the non-empty ones (modulo their
/// number), a position in its value and a replacement.
fn flattened_case(
    plaintext: &[u8],
    extras: &BTreeMap<String, JotValue>,
    aad: &[u8],
    changes: &[(usize, Position, Replacement)],
) -> Tally {
    let mut tally = Tally::default();
    for case in cases() {
        let doc = case.encrypt(plaintext, extras, Some(aad));
        let d = case.decrypter();
        assert_eq!(d.decrypt_json(doc.as_bytes()).unwrap().plaintext(), plaintext, "{}", case.name);
        let members: Vec<(&str, Part, _)> = PARTS
            .iter()
            .filter_map(|&(name, part)| Some((name, part, string_member_range(&doc, name)?)))
            .filter(|(_, _, range)| !range.is_empty())
            .collect();
        assert_eq!(members.iter().any(|m| m.0 == "aad"), !aad.is_empty(), "{}", case.name);
        for &(member, position, replacement) in changes {
            assert!(replacement.is_json_safe());
            let (name, part, range) = &members[member % members.len()];
            let value = &doc[range.clone()];
            let pos = range.start + position.resolve(value);
            let with = replacement.char_for(doc.as_bytes()[pos]);
            let tampered = replace_at(&doc, pos, with);
            let what = format!("{}: {with:?} at {} of {name} in {doc}", case.name, pos - range.start);
            let err = d.decrypt_json(tampered.as_bytes()).map(drop).expect_err(&what);
            tally.tried += 1;
            let changed = &tampered[range.start..range.end + with.len_utf8() - 1];
            tally.non_canonical += usize::from(same_to_a_lax_decoder(value, changed));
            check_error(&err, *part, changed, &what);
        }
    }
    tally
}

fn header_value() -> impl Strategy<Value = JotValue> {
    prop_oneof![
        "\\PC{0,12}".prop_map(|s| JotValue::from(s.as_str())),
        any::<i64>().prop_map(JotValue::from),
        any::<bool>().prop_map(JotValue::from),
    ]
}

fn extras() -> impl Strategy<Value = BTreeMap<String, JotValue>> {
    proptest::collection::btree_map("x-[a-z0-9]{1,8}", header_value(), 0..4)
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..max)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn compact_one_character_changed_fails(
        plaintext in bytes(200),
        extras in extras(),
        changes in proptest::collection::vec((position(), any_replacement()), 8),
    ) {
        let tally = compact_case(&plaintext, &extras, &changes);
        prop_assert_eq!(tally.tried, 8 * cases().len());
    }

    #[test]
    fn flattened_json_one_character_changed_fails(
        plaintext in bytes(200),
        extras in extras(),
        aad in bytes(40),
        changes in proptest::collection::vec((any::<usize>(), position(), json_replacement()), 8),
    ) {
        let tally = flattened_case(&plaintext, &extras, &aad, &changes);
        prop_assert_eq!(tally.tried, 8 * cases().len());
    }
}

/// Not left to chance: at the last character of each non-empty segment of
/// a token of every case, every one of the 63 other base64url characters.
/// Where a segment's length leaves unused low bits, some of these are
/// non-canonical spellings of the same bytes; all must fail.
#[test]
fn every_other_base64url_character_at_each_segment_end() {
    let changes: Vec<(Position, Replacement)> =
        (0..5).flat_map(|seg| (0..63).map(move |n| (Position::EndOfSegment(seg), Replacement::Base64url(n)))).collect();
    let mut non_canonical = 0;
    // Plaintexts whose ciphertexts cover every length remainder mod 3
    // under GCM (CBC pads to 16 bytes: 1 mod 3).
    for plaintext in [&b"a"[..], b"ab", b"abc"] {
        let tally = compact_case(plaintext, &BTreeMap::new(), &changes);
        assert_eq!(tally.tried, changes.len() * cases().len());
        non_canonical += tally.non_canonical;
    }
    // At least the 16-byte tags (A128GCM, A256GCM, A128CBC-HS256: 4 unused
    // bits, 15 non-canonical spellings each) of every plaintext.
    assert!(non_canonical >= 3 * 4 * 15, "{non_canonical}");
    // And the same in the flattened JSON serialization, at the end of each
    // member value, with an AAD of each length remainder.
    let mut non_canonical = 0;
    for aad in [&b"x"[..], b"xy", b"xyz"] {
        let changes: Vec<(usize, Position, Replacement)> = (0..6)
            .flat_map(|m| (0..63).map(move |n| (m, Position::EndOfSegment(0), Replacement::Base64url(n))))
            .collect();
        let tally = flattened_case(b"json", &BTreeMap::new(), aad, &changes);
        non_canonical += tally.non_canonical;
    }
    assert!(non_canonical >= 3 * 4 * 15, "{non_canonical}");
}
