//! The fast path and the tree path agree: same verdict, same error, same
//! header, on hand-picked and generated headers.

use proptest::prelude::*;

use super::*;
use crate::compact::decode_header;

/// Both paths over one header JSON text, under `policy`.
fn both(json: &str, allowed: &[String], policy: AlgPolicy) -> (Result<Header, Error>, Result<Header, Error>) {
    let b64 = base64url::encode(json);
    let limits = Limits::DEFAULT;
    let fast = check_compact(&b64, &limits, allowed, policy);
    let tree = decode_header(&b64, &limits).and_then(|o| Header::check(o, Object::new(), allowed, policy));
    (fast, tree)
}

fn agree(json: &str) {
    for policy in [AlgPolicy::Secured, AlgPolicy::Unsecured] {
        for allowed in [vec![], vec!["x-ext".to_owned()]] {
            let (fast, tree) = both(json, &allowed, policy);
            assert_eq!(fast, tree, "{json}");
            if let (Ok(f), Ok(t)) = (&fast, &tree) {
                assert_eq!((f.kid(), f.typ(), f.cty()), (t.kid(), t.typ(), t.cty()), "{json}");
                assert_eq!((f.alg(), f.b64(), f.x5c(), f.jwk()), (t.alg(), t.b64(), t.x5c(), t.jwk()), "{json}");
                assert_eq!((f.jku(), f.x5u(), f.x5t(), f.x5t_s256()), (t.jku(), t.x5u(), t.x5t(), t.x5t_s256()));
                assert_eq!(f.protected(), t.protected());
            }
        }
    }
}

const HEADERS: &[&str] = &[
    r#"{"alg":"HS256"}"#,
    r#"{"alg":"ES256","typ":"JWT","kid":"key-1"}"#,
    r#"{"alg":"ES256","typ":"JWT","kid":"k\u0031","cty":"\u004aWT"}"#,
    r#"{"\u0061lg":"RS256","k\u0069d":"x"}"#,
    r#"{"alg":"\u006eone"}"#,
    r#"{"alg":"none"}"#,
    r#"{"alg":"HS257"}"#,
    r#"{"alg":1}"#,
    r#"{"alg":null}"#,
    r#"{"typ":"JWT"}"#,
    r#"{}"#,
    r#"{"alg":"HS256","kid":7}"#,
    r#"{"alg":"HS256","typ":["JWT"]}"#,
    r#"{"alg":"HS256","cty":{}}"#,
    r#"{"alg":"HS256","jku":1,"kid":2}"#,
    r#"{"alg":"HS256","x5t#S256":false}"#,
    r#"{"alg":"HS256","x5c":["a","b"]}"#,
    r#"{"alg":"HS256","x5c":"a"}"#,
    r#"{"alg":"HS256","x5c":["a",1]}"#,
    r#"{"alg":"HS256","x5c":[]}"#,
    r#"{"alg":"HS256","jwk":{"kty":"oct"}}"#,
    r#"{"alg":"HS256","jwk":[]}"#,
    r#"{"alg":"HS256","jwk":{},"x5c":1,"kid":1}"#,
    r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#,
    r#"{"alg":"HS256","b64":false}"#,
    r#"{"alg":"HS256","crit":["x-ext"],"x-ext":1}"#,
    r#"{"alg":"HS256","crit":["x-other"],"x-other":1}"#,
    r#"{"alg":"HS256","\u0063rit":[]}"#,
    r#"{"alg":"HS256","alg":"HS256"}"#,
    r#"{"alg":"HS256","x":{"y":1,"y":2}}"#,
    r#"{"alg":"HS256","x-private":{"nested":[1,2,{"z":null}]}}"#,
    r#"["alg"]"#,
    r#"{"alg":"HS256""#,
    "not json",
];

#[test]
fn agree_on_hand_picked_headers() {
    for h in HEADERS {
        agree(h);
    }
}

#[test]
fn large_header_goes_to_the_heap_and_still_agrees() {
    let pad = "p".repeat(INLINE_HEADER_BYTES);
    agree(&format!(r#"{{"alg":"HS256","kid":"key","x-pad":"{pad}"}}"#));
    let (fast, _) = both(&format!(r#"{{"alg":"HS256","kid":"key","x-pad":"{pad}"}}"#), &[], AlgPolicy::Secured);
    assert_eq!(fast.unwrap().kid(), Some("key"));
}

#[test]
fn bad_base64_and_size_limit() {
    let limits = Limits::DEFAULT;
    assert_eq!(
        check_compact("e=", &limits, &[], AlgPolicy::Secured).unwrap_err(),
        Error::Malformed(Part::ProtectedHeader)
    );
    let huge = "A".repeat(base64url::encoded_len(limits.max_header_bytes) + 4);
    assert_eq!(check_compact(&huge, &limits, &[], AlgPolicy::Secured).unwrap_err(), LimitKind::HeaderSize.into());
}

fn member() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("alg"),
        Just("\\u0061lg"),
        Just("kid"),
        Just("typ"),
        Just("cty"),
        Just("jku"),
        Just("x5u"),
        Just("x5t"),
        Just("x5t#S256"),
        Just("x5c"),
        Just("jwk"),
        Just("crit"),
        Just("b64"),
        Just("x-ext"),
        Just("x-other"),
    ];
    let value = prop_oneof![
        Just("\"HS256\"".to_owned()),
        Just("\"ES256\"".to_owned()),
        Just("\"none\"".to_owned()),
        Just("\"\\u0048S256\"".to_owned()),
        Just("\"JWT\"".to_owned()),
        Just("[\"x-ext\"]".to_owned()),
        Just("[\"b64\"]".to_owned()),
        Just("[\"a\",\"b\"]".to_owned()),
        Just("[1]".to_owned()),
        Just("{}".to_owned()),
        Just("{\"k\":1}".to_owned()),
        Just("false".to_owned()),
        Just("1".to_owned()),
        Just("null".to_owned()),
        "\"[ -!#-\\[\\]-~]{0,6}\"",
    ];
    (name, value).prop_map(|(n, v)| format!("\"{n}\":{v}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn agree_on_generated_headers(members in proptest::collection::vec(member(), 0..6)) {
        agree(&format!("{{{}}}", members.join(",")));
    }
}

/// The fast path reads `kid`, `typ` and `cty` by fixed position in
/// `STRING_MEMBERS`: the positions must be theirs.
#[test]
fn fast_path_positions_of_kid_typ_and_cty() {
    assert_eq!(super::STRING_MEMBERS.get(super::KID), Some(&"kid"));
    assert_eq!(super::STRING_MEMBERS.get(super::TYP), Some(&"typ"));
    assert_eq!(super::STRING_MEMBERS.get(super::CTY), Some(&"cty"));
}
