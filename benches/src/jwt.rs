//! JWT verify (signature, then exp/nbf, iss and aud with each library's
//! default leeway, then the claims into a typed struct) and JWT sign (a
//! typed struct in, a compact token out), per implementation.
//!
//! A peer without the algorithm has no entry. The floor of a verify is the
//! raw primitive's signature check on the token's own signing input (see
//! [`floor::signature_verifiers`]).

use std::hint::black_box;

use jot_core::alg::JwsAlgorithm;
use jot_jwt::{JwtBuilder, Validation};
use jwt_simple::prelude as js;
use jwt_simple::prelude::{ECDSAP256KeyPairLike as _, ECDSAP256PublicKeyLike as _};
use jwt_simple::prelude::{ECDSAP256kKeyPairLike as _, ECDSAP256kPublicKeyLike as _};
use jwt_simple::prelude::{ECDSAP384KeyPairLike as _, ECDSAP384PublicKeyLike as _};
use jwt_simple::prelude::{EdDSAKeyPairLike as _, EdDSAPublicKeyLike as _, MACLike as _};
use jwt_simple::prelude::{RSAKeyPairLike as _, RSAPublicKeyLike as _};

use crate::fixtures::{
    AUD, BorrowedClaims, Claims, Custom, Entry, ISS, MakeOp, SigKey, TokenOp, jot_name, make_op, token_op,
};
use crate::floor;
use crate::peers::{Backend, jsonwebtoken_backend};

/// jot's validation for a key: bound to its algorithm, requiring the issuer
/// and audience (exp required and nbf checked by default; leeway 60 s).
pub fn jot_validation(k: &SigKey) -> Validation {
    Validation::from_key(k.public.verifying_key(k.alg).unwrap()).issuer(ISS).audience(AUD)
}

/// Every implementation's JWT verify for the key's algorithm, each checked
/// once on the shared token before it is returned.
pub fn verifiers(k: &SigKey) -> Vec<Entry<TokenOp>> {
    let mut out = vec![jot(k), jot_borrowed(k)];
    for backend in [Backend::AwsLc, Backend::RustCrypto] {
        out.extend(jsonwebtoken(k, backend));
    }
    out.push(josekit(k));
    out.extend(jwt_simple(k));
    out.extend(floor::signature_verifiers(k));
    for e in &out {
        (e.run)(&k.token);
    }
    out
}

fn jot(k: &SigKey) -> Entry<TokenOp> {
    let v = jot_validation(k);
    token_op(jot_name(false), move |t| {
        black_box(v.verify::<Claims>(t).unwrap().into_claims());
    })
}

/// jot into a struct that borrows from the decoded claims, the buffer kept
/// from one call to the next (one per thread).
fn jot_borrowed(k: &SigKey) -> Entry<TokenOp> {
    thread_local!(static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) });
    let v = jot_validation(k);
    token_op(jot_name(true), move |t| {
        BUF.with_borrow_mut(|buf| {
            black_box(v.verify_into::<BorrowedClaims<'_>>(t, buf).unwrap());
        });
    })
}

/// jsonwebtoken's name for an algorithm; `None` where it has none
/// (ES512, ES256K).
pub fn jsonwebtoken_alg(alg: JwsAlgorithm) -> Option<jsonwebtoken::Algorithm> {
    use jsonwebtoken::Algorithm as A;
    Some(match alg {
        JwsAlgorithm::HS256 => A::HS256,
        JwsAlgorithm::RS256 => A::RS256,
        JwsAlgorithm::PS256 => A::PS256,
        JwsAlgorithm::ES256 => A::ES256,
        JwsAlgorithm::ES384 => A::ES384,
        JwsAlgorithm::EdDSA => A::EdDSA,
        _ => return None,
    })
}

fn jsonwebtoken_decoding_key(k: &SigKey) -> jsonwebtoken::DecodingKey {
    use jsonwebtoken::DecodingKey as D;
    match k.alg {
        JwsAlgorithm::HS256 => D::from_secret(&k.public_bytes("k")).unwrap(),
        JwsAlgorithm::RS256 | JwsAlgorithm::PS256 => {
            D::from_rsa_components(k.public_str("n"), k.public_str("e")).unwrap()
        }
        JwsAlgorithm::EdDSA => D::from_ed_components(k.public_str("x")).unwrap(),
        _ => D::from_ec_components(k.public_str("x"), k.public_str("y")).unwrap(),
    }
}

/// jsonwebtoken's verify for one backend, or `None` for an algorithm it
/// lacks.
pub fn jsonwebtoken(k: &SigKey, backend: Backend) -> Option<Entry<TokenOp>> {
    let alg = jsonwebtoken_alg(k.alg)?;
    let key = jsonwebtoken_decoding_key(k);
    let mut v = jsonwebtoken::Validation::new(alg);
    v.set_issuer(&[ISS]);
    v.set_audience(&[AUD]);
    // Off by default in jsonwebtoken; the others check nbf.
    v.validate_nbf = true;
    Some(token_op(backend.name(), move |t| {
        jsonwebtoken_backend(backend);
        black_box(jsonwebtoken::decode::<Claims>(t, &key, &v).unwrap().claims);
    }))
}

fn josekit_verifier(k: &SigKey) -> Box<dyn josekit::jws::JwsVerifier> {
    use josekit::jws;
    let jwk = josekit::jwk::Jwk::from_bytes(k.public.to_json()).unwrap();
    match k.alg {
        JwsAlgorithm::HS256 => Box::new(jws::HS256.verifier_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::RS256 => Box::new(jws::RS256.verifier_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::PS256 => Box::new(jws::PS256.verifier_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::ES256 => Box::new(jws::ES256.verifier_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::ES384 => Box::new(jws::ES384.verifier_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::ES512 => Box::new(jws::ES512.verifier_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::ES256K => Box::new(jws::ES256K.verifier_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::EdDSA => Box::new(jws::EdDSA.verifier_from_jwk(&jwk).unwrap()),
        other => panic!("no josekit verifier for {other}"),
    }
}

/// josekit: decode with the verifier, validate with a
/// `JwtPayloadValidator` (exp, nbf, iss, aud against the clock), and move
/// the claims map into the typed struct.
pub fn josekit(k: &SigKey) -> Entry<TokenOp> {
    let verifier = josekit_verifier(k);
    let mut validator = josekit::jwt::JwtPayloadValidator::new();
    validator.set_issuer(ISS);
    validator.set_audience(AUD);
    token_op("josekit", move |t| {
        let (payload, _header) = josekit::jwt::decode_with_verifier(t, &*verifier).unwrap();
        validator.validate(&payload).unwrap();
        let map: serde_json::Map<String, serde_json::Value> = payload.into();
        black_box(serde_json::from_value::<Claims>(serde_json::Value::Object(map)).unwrap());
    })
}

/// jwt-simple's verification options: the issuer and audience required,
/// the default time tolerance.
pub fn jwt_simple_options() -> js::VerificationOptions {
    js::VerificationOptions {
        allowed_issuers: Some(js::HashSet::from([ISS.to_owned()])),
        allowed_audiences: Some(js::HashSet::from([AUD.to_owned()])),
        ..Default::default()
    }
}

/// jwt-simple: `verify_token` into `JWTClaims<Custom>` (its typed claims:
/// registered claims as fields, private ones flattened). It takes the
/// options by value, so each call clones them, as a caller must.
pub fn jwt_simple(k: &SigKey) -> Option<Entry<TokenOp>> {
    let o = jwt_simple_options();
    macro_rules! entry {
        ($key:expr) => {{
            let key = $key;
            Some(token_op("jwt-simple", move |t| {
                black_box(key.verify_token::<Custom>(t, Some(o.clone())).unwrap());
            }))
        }};
    }
    match k.alg {
        JwsAlgorithm::HS256 => entry!(js::HS256Key::from_bytes(&k.public_bytes("k"))),
        JwsAlgorithm::RS256 => {
            entry!(js::RS256PublicKey::from_components(&k.public_bytes("n"), &k.public_bytes("e")).unwrap())
        }
        JwsAlgorithm::PS256 => {
            entry!(js::PS256PublicKey::from_components(&k.public_bytes("n"), &k.public_bytes("e")).unwrap())
        }
        JwsAlgorithm::ES256 => entry!(js::ES256PublicKey::from_bytes(&k.sec1()).unwrap()),
        JwsAlgorithm::ES384 => entry!(js::ES384PublicKey::from_bytes(&k.sec1()).unwrap()),
        JwsAlgorithm::ES256K => entry!(js::ES256kPublicKey::from_bytes(&k.sec1()).unwrap()),
        JwsAlgorithm::EdDSA => entry!(js::Ed25519PublicKey::from_bytes(&k.public_bytes("x")).unwrap()),
        _ => None,
    }
}

/// Every implementation's JWT sign for the key's algorithm (floor: none),
/// each checked once: jot must verify what it makes.
pub fn signers(k: &SigKey) -> Vec<Entry<MakeOp>> {
    let mut out = vec![jot_signer(k)];
    for backend in [Backend::AwsLc, Backend::RustCrypto] {
        out.extend(jsonwebtoken_signer(k, backend));
    }
    out.push(josekit_signer(k));
    out.extend(jwt_simple_signer(k));
    let v = jot_validation(k);
    for e in &out {
        let token = (e.run)();
        assert_eq!(v.verify::<Claims>(&token).unwrap().into_claims(), Claims::sample(), "{} {}", e.name, k.alg);
    }
    out
}

fn jot_signer(k: &SigKey) -> Entry<MakeOp> {
    let signer = k.private.signing_key(k.alg).unwrap();
    let claims = Claims::sample();
    make_op(jot_name(false), move || JwtBuilder::new().claims(&claims).unwrap().sign(&signer).unwrap())
}

fn jsonwebtoken_signer(k: &SigKey, backend: Backend) -> Option<Entry<MakeOp>> {
    use jsonwebtoken::EncodingKey as E;
    let alg = jsonwebtoken_alg(k.alg)?;
    let key = match k.alg {
        JwsAlgorithm::HS256 => E::from_secret(&k.private_bytes("k")).unwrap(),
        JwsAlgorithm::RS256 | JwsAlgorithm::PS256 => E::from_rsa_der(&k.private_der()),
        JwsAlgorithm::EdDSA => E::from_ed_der(&k.private_der()),
        _ => E::from_ec_der(&k.private_der()),
    };
    let header = jsonwebtoken::Header::new(alg);
    let claims = Claims::sample();
    Some(make_op(backend.name(), move || {
        jsonwebtoken_backend(backend);
        jsonwebtoken::encode(&header, &claims, &key).unwrap()
    }))
}

fn josekit_signer(k: &SigKey) -> Entry<MakeOp> {
    use josekit::jws;
    let jwk = josekit::jwk::Jwk::from_bytes(k.private.to_json()).unwrap();
    let signer: Box<dyn jws::JwsSigner> = match k.alg {
        JwsAlgorithm::HS256 => Box::new(jws::HS256.signer_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::RS256 => Box::new(jws::RS256.signer_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::PS256 => Box::new(jws::PS256.signer_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::ES256 => Box::new(jws::ES256.signer_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::ES384 => Box::new(jws::ES384.signer_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::ES512 => Box::new(jws::ES512.signer_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::ES256K => Box::new(jws::ES256K.signer_from_jwk(&jwk).unwrap()),
        JwsAlgorithm::EdDSA => Box::new(jws::EdDSA.signer_from_jwk(&jwk).unwrap()),
        other => panic!("no josekit signer for {other}"),
    };
    let mut header = jws::JwsHeader::new();
    header.set_token_type("JWT");
    let claims = Claims::sample();
    make_op("josekit", move || {
        let serde_json::Value::Object(map) = serde_json::to_value(&claims).unwrap() else { panic!("an object") };
        let payload = josekit::jwt::JwtPayload::from_map(map).unwrap();
        josekit::jwt::encode_with_signer(&payload, &header, &*signer).unwrap()
    })
}

/// The shared claims as jwt-simple's `JWTClaims<Custom>`.
pub fn jwt_simple_claims() -> js::JWTClaims<Custom> {
    let c = Claims::sample();
    let mut claims =
        js::Claims::with_custom_claims(Custom { name: c.name, admin: c.admin }, js::Duration::from_secs(60));
    claims.issued_at = Some(js::UnixTimeStamp::from_secs(c.iat));
    claims.expires_at = Some(js::UnixTimeStamp::from_secs(c.exp));
    claims.invalid_before = Some(js::UnixTimeStamp::from_secs(c.nbf));
    claims.issuer = Some(c.iss);
    claims.subject = Some(c.sub);
    claims.audiences = Some(js::Audiences::AsString(c.aud));
    claims
}

fn jwt_simple_signer(k: &SigKey) -> Option<Entry<MakeOp>> {
    let claims = jwt_simple_claims();
    macro_rules! entry {
        ($key:expr, $method:ident) => {{
            let key = $key;
            Some(make_op("jwt-simple", move || key.$method(claims.clone()).unwrap()))
        }};
    }
    match k.alg {
        JwsAlgorithm::HS256 => entry!(js::HS256Key::from_bytes(&k.private_bytes("k")), authenticate),
        JwsAlgorithm::RS256 => entry!(js::RS256KeyPair::from_der(&k.private_der()).unwrap(), sign),
        JwsAlgorithm::PS256 => entry!(js::PS256KeyPair::from_der(&k.private_der()).unwrap(), sign),
        JwsAlgorithm::ES256 => entry!(js::ES256KeyPair::from_bytes(&k.private_bytes("d")).unwrap(), sign),
        JwsAlgorithm::ES384 => entry!(js::ES384KeyPair::from_bytes(&k.private_bytes("d")).unwrap(), sign),
        JwsAlgorithm::ES256K => entry!(js::ES256kKeyPair::from_bytes(&k.private_bytes("d")).unwrap(), sign),
        JwsAlgorithm::EdDSA => {
            let mut sk = k.private_bytes("d");
            sk.extend(k.public_bytes("x"));
            entry!(js::Ed25519KeyPair::from_bytes(&sk).unwrap(), sign)
        }
        _ => None,
    }
}

/// Compact JWS verification (header and signature; the payload is decoded
/// but not parsed), for counting allocations: jot's
/// `Verifier::verify_compact`, jsonwebtoken's `decode_header` plus
/// `crypto::verify`, and josekit's `jws::deserialize_compact`. jwt-simple
/// has no JWS API apart from JWT verification.
pub fn jws_verifiers(k: &SigKey) -> Vec<Entry<TokenOp>> {
    let verifier = jot_jws::Verifier::new(k.public.verifying_key(k.alg).unwrap());
    let mut out = vec![token_op("jot", move |t| {
        black_box(verifier.verify_compact(t).unwrap());
    })];
    for backend in [Backend::AwsLc, Backend::RustCrypto] {
        if let Some(alg) = jsonwebtoken_alg(k.alg) {
            let key = jsonwebtoken_decoding_key(k);
            out.push(token_op(backend.name(), move |t| {
                jsonwebtoken_backend(backend);
                let header = jsonwebtoken::decode_header(t).unwrap();
                assert_eq!(header.alg, alg);
                let (message, signature) = t.rsplit_once('.').unwrap();
                assert!(jsonwebtoken::crypto::verify(signature, message.as_bytes(), &key, alg).unwrap());
                let payload = message.split_once('.').unwrap().1;
                black_box(jot_core::base64url::decode(payload).unwrap());
            }));
        }
    }
    let verifier = josekit_verifier(k);
    out.push(token_op("josekit", move |t| {
        black_box(josekit::jws::deserialize_compact(t, &*verifier).unwrap());
    }));
    out.extend(floor::signature_verifiers(k));
    for e in &out {
        (e.run)(&k.token);
    }
    out
}
