//! JWE decrypt and encrypt for the seven combinations of issue 8, jot
//! beside josekit, jwt-simple where it has the combination, and the
//! content decryption alone as the floor.
//!
//! The plaintext is the shared claims JSON. jot and josekit decrypt to
//! bytes; jwt-simple's JWE API only decrypts claims, so its entry also
//! parses and validates them (iss, aud, times), which the others do not.

use std::hint::black_box;

use jot_core::Secret;
use jot_core::alg::{Curve, JweAlgorithm, JweEncryption};
use jot_jwe::{Decrypter, JweBuilder};
use jot_jwk::{Jwk, KeySpec};
use jwt_simple::prelude as js;

use crate::fixtures::{CLAIMS_JSON, Claims, Entry, MakeOp, TokenOp, jot_name, make_op, token_op};
use crate::floor::{self, Sealed};
use crate::jwt::{jwt_simple_claims, jwt_simple_options};

/// The PBES2 iteration count of issue 8.
pub const P2C: u32 = 10_000;

/// One key management and content encryption combination, its key, and
/// the token jot made for it.
pub struct JweCase {
    /// The group name: `dir+A128GCM`, `ECDH-ES(X25519)+A256GCM`, ...
    pub label: &'static str,
    /// Key management.
    pub alg: JweAlgorithm,
    /// Content encryption.
    pub enc: JweEncryption,
    /// The recipient's private key (or shared secret, or password).
    pub private: Jwk,
    /// The recipient's public key (the secret again for symmetric ones).
    pub public: Jwk,
    /// A compact JWE of [`CLAIMS_JSON`] that jot made.
    pub token: String,
}

/// The seven combinations, each with a fresh key and token.
pub fn cases() -> Vec<JweCase> {
    use JweAlgorithm as A;
    use JweEncryption as E;
    [
        ("dir+A128GCM", A::Dir, E::A128Gcm, None),
        ("dir+A128CBC-HS256", A::Dir, E::A128CbcHs256, None),
        ("A256KW+A256GCM", A::A256Kw, E::A256Gcm, None),
        ("RSA-OAEP-256+A256GCM", A::RsaOaep256, E::A256Gcm, None),
        ("ECDH-ES+A256KW(P-256)+A256GCM", A::EcdhEsA256Kw, E::A256Gcm, Some(Curve::P256)),
        ("ECDH-ES(X25519)+A256GCM", A::EcdhEs, E::A256Gcm, Some(Curve::X25519)),
        ("PBES2-HS256+A128KW(p2c=10000)+A128GCM", A::Pbes2Hs256A128Kw, E::A128Gcm, None),
    ]
    .into_iter()
    .map(|(label, alg, enc, curve)| JweCase::generate(label, alg, enc, curve))
    .collect()
}

impl JweCase {
    fn generate(label: &'static str, alg: JweAlgorithm, enc: JweEncryption, curve: Option<Curve>) -> Self {
        let mut private = match (alg, curve) {
            (_, Some(Curve::X25519)) => {
                let mut k = Jwk::generate(KeySpec::Okp(Curve::X25519)).unwrap();
                k.set_alg(alg);
                k
            }
            (JweAlgorithm::Pbes2Hs256A128Kw, _) => {
                let mut k = Jwk::from_secret(Secret::from(b"correct horse battery staple".as_slice())).unwrap();
                k.set_alg(alg);
                k
            }
            _ => Jwk::generate_for_jwe(alg, Some(enc)).unwrap(),
        };
        let mut params = private.params().clone();
        params.kid = None;
        private.set_params(params).unwrap();
        let public = private.to_public().unwrap_or_else(|| private.clone());
        let ek = public.encrypting_key(alg).unwrap();
        let token = builder(alg, enc, &ek).compact(CLAIMS_JSON.as_bytes()).unwrap();
        Self { label, alg, enc, private, public, token }
    }

    /// The token's protected header segment (the AAD).
    pub fn aad(&self) -> &str {
        self.token.split('.').next().unwrap()
    }
}

fn builder<'k>(alg: JweAlgorithm, enc: JweEncryption, ek: &'k jot_jwk::EncryptingKey) -> JweBuilder<'k> {
    let b = JweBuilder::new(enc).recipient(ek);
    if alg == JweAlgorithm::Pbes2Hs256A128Kw { b.p2c(P2C) } else { b }
}

/// Every implementation's decrypt for a case, each run once on jot's token.
pub fn decrypters(c: &JweCase) -> Vec<Entry<TokenOp>> {
    let mut out = vec![jot_decrypter(c), josekit_decrypter(c)];
    out.extend(jwt_simple_decrypter(c));
    let sealed = if c.enc == JweEncryption::A128CbcHs256 {
        Sealed::cbc_hs256(c.aad().as_bytes(), CLAIMS_JSON.as_bytes())
    } else {
        Sealed::gcm(c.enc.key_len(), c.aad().as_bytes(), CLAIMS_JSON.as_bytes())
    };
    out.extend(floor::content_decrypters(sealed, c.enc == JweEncryption::A128CbcHs256));
    for e in &out {
        (e.run)(&c.token);
    }
    out
}

fn jot_decrypter(c: &JweCase) -> Entry<TokenOp> {
    let d = Decrypter::new(c.private.decrypting_key(c.alg).unwrap(), &[c.enc]);
    token_op(jot_name(false), move |t| {
        black_box(d.decrypt_compact(t).unwrap().into_plaintext());
    })
}

macro_rules! josekit_dispatch {
    ($alg:expr, $method:ident, $jwk:expr, $tr:ident) => {{
        use josekit::jwe;
        let jwk: &josekit::jwk::Jwk = $jwk;
        let b: Box<dyn jwe::$tr> = match $alg {
            JweAlgorithm::Dir => Box::new(jwe::Dir.$method(jwk).unwrap()),
            JweAlgorithm::A256Kw => Box::new(jwe::A256KW.$method(jwk).unwrap()),
            JweAlgorithm::RsaOaep256 => Box::new(jwe::RSA_OAEP_256.$method(jwk).unwrap()),
            JweAlgorithm::EcdhEs => Box::new(jwe::ECDH_ES.$method(jwk).unwrap()),
            JweAlgorithm::EcdhEsA256Kw => Box::new(jwe::ECDH_ES_A256KW.$method(jwk).unwrap()),
            JweAlgorithm::Pbes2Hs256A128Kw => {
                let mut e = jwe::PBES2_HS256_A128KW.$method(jwk).unwrap();
                e.set_p2c();
                Box::new(e)
            }
            other => panic!("not benchmarked: {other}"),
        };
        b
    }};
}

/// Sets the PBES2 count on josekit's encrypter; its decrypter reads it
/// from the header.
trait SetP2c {
    fn set_p2c(&mut self);
}

impl SetP2c for josekit::jwe::alg::pbes2_hmac_aeskw::Pbes2HmacAeskwJweEncrypter {
    fn set_p2c(&mut self) {
        self.set_iter_count(P2C as usize);
    }
}

impl SetP2c for josekit::jwe::alg::pbes2_hmac_aeskw::Pbes2HmacAeskwJweDecrypter {
    fn set_p2c(&mut self) {}
}

fn josekit_jwk(jwk: &Jwk) -> josekit::jwk::Jwk {
    let mut jk = josekit::jwk::Jwk::from_bytes(jwk.to_json()).unwrap();
    // jot writes a dir key's alg as its content encryption ("A128GCM", as
    // panva's jose requires); josekit accepts only "dir" there.
    if matches!(jwk.params().alg, Some(jot_jwk::JwkAlgorithm::Enc(_))) {
        jk.set_algorithm("dir");
    }
    jk
}

fn josekit_decrypter(c: &JweCase) -> Entry<TokenOp> {
    let d = josekit_dispatch!(c.alg, decrypter_from_jwk, &josekit_jwk(&c.private), JweDecrypter);
    token_op("josekit", move |t| {
        black_box(josekit::jwe::deserialize_compact(t, &*d).unwrap().0);
    })
}

fn jwt_simple_decrypter(c: &JweCase) -> Option<Entry<TokenOp>> {
    let opts = js::DecryptionOptions { claim_options: Some(jwt_simple_options()), ..Default::default() };
    match c.alg {
        JweAlgorithm::A256Kw => {
            let key = js::A256KWKey::from_bytes(&secret(&c.private)).unwrap();
            Some(token_op("jwt-simple", move |t| {
                black_box(key.decrypt_token::<crate::fixtures::Custom>(t, Some(opts.clone())).unwrap());
            }))
        }
        JweAlgorithm::EcdhEsA256Kw => {
            let key = js::EcdhEsA256KWDecryptionKey::from_bytes(&member(&c.private, "d")).unwrap();
            Some(token_op("jwt-simple", move |t| {
                black_box(key.decrypt_token::<crate::fixtures::Custom>(t, Some(opts.clone())).unwrap());
            }))
        }
        _ => None,
    }
}

fn member(jwk: &Jwk, name: &str) -> Vec<u8> {
    let v: serde_json::Value = serde_json::from_str(&jwk.to_json()).unwrap();
    jot_core::base64url::decode(v[name].as_str().unwrap()).unwrap()
}

fn secret(jwk: &Jwk) -> Vec<u8> {
    member(jwk, "k")
}

/// Every implementation's encrypt for a case; jot decrypts each output once.
pub fn encrypters(c: &JweCase) -> Vec<Entry<MakeOp>> {
    let mut out = vec![jot_encrypter(c), josekit_encrypter(c)];
    out.extend(jwt_simple_encrypter(c));
    let d = Decrypter::new(c.private.decrypting_key(c.alg).unwrap(), &[c.enc]);
    for e in &out {
        let token = (e.run)();
        let pt = d.decrypt_compact(&token).unwrap().into_plaintext();
        assert_eq!(serde_json::from_slice::<Claims>(&pt).unwrap(), Claims::sample(), "{} {}", e.name, c.label);
    }
    out
}

fn jot_encrypter(c: &JweCase) -> Entry<MakeOp> {
    let ek = c.public.encrypting_key(c.alg).unwrap();
    let (alg, enc) = (c.alg, c.enc);
    make_op(jot_name(false), move || builder(alg, enc, &ek).compact(CLAIMS_JSON.as_bytes()).unwrap())
}

fn josekit_encrypter(c: &JweCase) -> Entry<MakeOp> {
    let e = josekit_dispatch!(c.alg, encrypter_from_jwk, &josekit_jwk(&c.public), JweEncrypter);
    let mut header = josekit::jwe::JweHeader::new();
    header.set_content_encryption(c.enc.name());
    make_op("josekit", move || josekit::jwe::serialize_compact(CLAIMS_JSON.as_bytes(), &header, &*e).unwrap())
}

fn jwt_simple_encrypter(c: &JweCase) -> Option<Entry<MakeOp>> {
    let claims = jwt_simple_claims();
    match c.alg {
        JweAlgorithm::A256Kw => {
            let key = js::A256KWKey::from_bytes(&secret(&c.private)).unwrap();
            Some(make_op("jwt-simple", move || key.encrypt(claims.clone()).unwrap()))
        }
        JweAlgorithm::EcdhEsA256Kw => {
            let mut sec1 = vec![4u8];
            sec1.extend(member(&c.public, "x"));
            sec1.extend(member(&c.public, "y"));
            let key = js::EcdhEsA256KWEncryptionKey::from_bytes(&sec1).unwrap();
            Some(make_op("jwt-simple", move || key.encrypt(claims.clone()).unwrap()))
        }
        _ => None,
    }
}
