//! Arbitrary `Authorization` values (zero, one or two headers; raw bytes,
//! Bearer-looking text, a valid token with one character changed) and
//! query strings: never a panic, never 5xx, never 200 without a valid
//! token, every challenge well formed, and nothing the request sent comes
//! back in the response.

// Helpers outside the `#[test]` functions fail the test as they do.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, Uri, header};
use axum::routing::get;
use jot_axum::{BearerAuth, VerifiedToken};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use support::*;

/// How one `Authorization` value is made.
#[derive(Clone, Debug)]
enum Auth {
    /// Any bytes.
    Raw(Vec<u8>),
    /// A scheme (Bearer in various spellings, or another) and printable text.
    Text(String, String),
    /// The valid token with the character at `at` (modulo its length)
    /// replaced by `with`.
    Mutated(usize, char),
    /// A prefix of the valid token, cut at `at` (modulo its length).
    Truncated(usize),
}

fn auth() -> impl Strategy<Value = Auth> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200).prop_map(Auth::Raw),
        (
            prop_oneof![
                Just("Bearer ".to_owned()),
                Just("bearer ".to_owned()),
                Just("Bearer".to_owned()),
                Just("Bearer  ".to_owned()),
                Just("Basic ".to_owned()),
                "[ -~]{0,10}",
            ],
            "[ -~]{0,160}",
        )
            .prop_map(|(s, t)| Auth::Text(s, t)),
        ("Bearer ".prop_map(|s: String| s), "[A-Za-z0-9_=.~+/-]{1,300}").prop_map(|(s, t)| Auth::Text(s, t)),
        (any::<usize>(), prop::char::range('!', '~')).prop_map(|(at, c)| Auth::Mutated(at, c)),
        any::<usize>().prop_map(Auth::Truncated),
    ]
}

fn query() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        6 => Just(None),
        2 => "[!-~]{0,80}".prop_map(Some),
        1 => "[A-Za-z0-9._~-]{0,80}".prop_map(|t| Some(format!("access_token={t}"))),
        1 => "[A-Za-z0-9._~-]{0,80}".prop_map(|t| Some(format!("x=1&access%5Ftoken={t}"))),
    ]
}

/// The bytes of one `Authorization` value; `None` when the case would
/// send the valid token itself.
fn value_of(auth: &Auth, valid: &str) -> Option<Vec<u8>> {
    match auth {
        Auth::Raw(bytes) => Some(bytes.clone()),
        Auth::Text(scheme, text) => Some(format!("{scheme}{text}").into_bytes()),
        Auth::Mutated(at, with) => {
            let at = at % valid.len();
            let mut token = valid.as_bytes().to_vec();
            if token[at] == *with as u8 {
                return None;
            }
            token[at] = *with as u8;
            Some([b"Bearer ".as_slice(), &token].concat())
        }
        Auth::Truncated(at) => Some(format!("Bearer {}", &valid[..at % valid.len()]).into_bytes()),
    }
}

/// Asserts that the response holds no 16-character window of `input`
/// (sampled along it, so the loop stays short).
fn assert_no_window(answer: &Answer, input: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(input);
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 16 {
        return Ok(());
    }
    let mut sent: Vec<String> =
        answer.headers.iter().map(|(_, v)| String::from_utf8_lossy(v.as_bytes()).into_owned()).collect();
    sent.push(String::from_utf8_lossy(&answer.body).into_owned());
    let step = (chars.len() / 32).max(1);
    let mut start = 0;
    while start + 16 <= chars.len() {
        let window: String = chars[start..start + 16].iter().collect();
        for value in &sent {
            prop_assert!(!value.contains(&window), "the response echoes {window:?}: {value:?}");
        }
        start += step;
    }
    Ok(())
}

#[test]
fn arbitrary_credentials_and_queries_are_refused_cleanly() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let key = es256("k1");
    let valid = token(&key);
    let app: Router = Router::new()
        .route("/orders", get(|t: VerifiedToken| async move { sub_of(&t) }))
        .route_layer(BearerAuth::new(validation(&key)).realm(REALM));

    // The harness itself: the valid token passes.
    let ok = rt.block_on(send(&app, bearer("/orders", &valid)));
    assert_eq!(ok.status, StatusCode::OK);

    let config = Config { cases: 600, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let headers = prop_oneof![
        1 => Just(Vec::new()),
        8 => auth().prop_map(|a| vec![a]),
        1 => prop::collection::vec(auth(), 2..=2),
    ];
    let strategy = (headers, query());
    runner
        .run(&strategy, |(auths, query)| {
            let mut values = Vec::new();
            for a in &auths {
                let Some(v) = value_of(a, &valid) else { return Ok(()) };
                values.push(v);
            }
            let uri = match &query {
                Some(q) => format!("/orders?{q}"),
                None => "/orders".to_owned(),
            };
            let Ok(uri) = uri.parse::<Uri>() else { return Ok(()) };
            let mut request = Request::builder().uri(uri).body(Body::empty()).unwrap();
            for v in &values {
                let Ok(v) = HeaderValue::from_bytes(v) else { return Ok(()) };
                request.headers_mut().append(header::AUTHORIZATION, v);
            }

            let answer = rt.block_on(send(&app, request));

            prop_assert!(!answer.status.is_server_error(), "{answer:?}");
            prop_assert!(
                answer.status == StatusCode::BAD_REQUEST || answer.status == StatusCode::UNAUTHORIZED,
                "{answer:?}"
            );
            // Every refusal carries one well-formed challenge in our realm.
            let challenge = answer.challenge().map(str::to_owned);
            prop_assert!(challenge.is_some(), "{answer:?}");
            let attrs = parse_challenge(&challenge.unwrap_or_default());
            prop_assert_eq!(attrs.get("realm").map(String::as_str), Some(REALM));
            if attrs.contains_key("error") {
                prop_assert!(attrs.contains_key("error_description"));
                prop_assert!(!attrs.contains_key("scope"));
            } else {
                prop_assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
                prop_assert!(values.is_empty(), "an error code is owed to {values:?}");
            }

            for v in &values {
                assert_no_window(&answer, v)?;
                // The credentials after the scheme, whole, when they are
                // long enough not to be a word of the answer by chance.
                if let Some(pos) = v.iter().position(|b| *b == b' ') {
                    assert_no_window(&answer, &v[pos + 1..])?;
                }
            }
            if let Some(q) = &query {
                assert_no_window(&answer, q.as_bytes())?;
            }
            Ok(())
        })
        .unwrap();
}
