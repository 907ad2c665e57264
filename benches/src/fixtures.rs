//! The token shape, the keys and the tokens every implementation shares.

use jot_core::alg::JwsAlgorithm;
use jot_jwk::Jwk;
use jot_jwk::pem::DerFormat;
use jot_jws::JwsBuilder;
use serde::{Deserialize, Serialize};

/// The issuer every validation requires.
pub const ISS: &str = "https://issuer.example";
/// The audience every validation requires.
pub const AUD: &str = "api";

/// The claims of every token, in a fixed member order (`exp` far in the
/// future, `iat` and `nbf` in the past).
pub const CLAIMS_JSON: &str = r#"{"sub":"1234567890","iss":"https://issuer.example","aud":"api","exp":4102444800,"iat":1700000000,"nbf":1700000000,"name":"Jane Doe","admin":true}"#;

/// The typed claims every implementation verifies into (owned strings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// `sub`
    pub sub: String,
    /// `iss`
    pub iss: String,
    /// `aud` (one string)
    pub aud: String,
    /// `exp`
    pub exp: u64,
    /// `iat`
    pub iat: u64,
    /// `nbf`
    pub nbf: u64,
    /// A private claim.
    pub name: String,
    /// A private claim.
    pub admin: bool,
}

/// The same claims borrowed from the decoded token (jot's
/// `Validation::verify_into`; the peers have no borrowing API).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct BorrowedClaims<'a> {
    /// `sub`
    pub sub: &'a str,
    /// `iss`
    pub iss: &'a str,
    /// `aud` (one string)
    pub aud: &'a str,
    /// `exp`
    pub exp: u64,
    /// `iat`
    pub iat: u64,
    /// `nbf`
    pub nbf: u64,
    /// A private claim.
    pub name: &'a str,
    /// A private claim.
    pub admin: bool,
}

impl Claims {
    /// The claims of [`CLAIMS_JSON`].
    pub fn sample() -> Self {
        serde_json::from_str(CLAIMS_JSON).unwrap()
    }
}

/// The private claims alone, for peers whose claims type holds the
/// registered ones itself (jwt-simple's `JWTClaims<T>`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Custom {
    /// A private claim.
    pub name: String,
    /// A private claim.
    pub admin: bool,
}

/// The signature algorithms of issue 8, in table order.
pub const JWS_ALGS: [JwsAlgorithm; 8] = [
    JwsAlgorithm::HS256,
    JwsAlgorithm::RS256,
    JwsAlgorithm::PS256,
    JwsAlgorithm::ES256,
    JwsAlgorithm::ES384,
    JwsAlgorithm::ES512,
    JwsAlgorithm::ES256K,
    JwsAlgorithm::EdDSA,
];

/// One signing key in every form the implementations take.
pub struct SigKey {
    /// The algorithm.
    pub alg: JwsAlgorithm,
    /// The private JWK (no `kid`, so headers are just `alg` and `typ`).
    pub private: Jwk,
    /// The public JWK (for HMAC, the same secret).
    pub public: Jwk,
    /// The public JWK's members (`k` for HMAC), as base64url strings.
    pub public_members: serde_json::Map<String, serde_json::Value>,
    /// The private JWK's members.
    pub private_members: serde_json::Map<String, serde_json::Value>,
    /// The token jot made: header `{"alg":..,"typ":"JWT"}`, payload
    /// [`CLAIMS_JSON`].
    pub token: String,
}

impl SigKey {
    /// Generates a key for `alg` and signs the shared token with it.
    pub fn generate(alg: JwsAlgorithm) -> Self {
        let mut private = Jwk::generate_for_jws(alg).unwrap();
        let mut params = private.params().clone();
        params.kid = None;
        private.set_params(params).unwrap();
        let public = private.to_public().unwrap_or_else(|| private.clone());
        let token =
            JwsBuilder::new(&private.signing_key(alg).unwrap()).typ("JWT").compact(CLAIMS_JSON.as_bytes()).unwrap();
        Self { alg, public_members: members(&public), private_members: members(&private), private, public, token }
    }

    /// A public member decoded from base64url (`n`, `e`, `x`, `y`, `k`).
    pub fn public_bytes(&self, name: &str) -> Vec<u8> {
        b64(&self.public_members, name)
    }

    /// A private member decoded from base64url (`d`, `k`).
    pub fn private_bytes(&self, name: &str) -> Vec<u8> {
        b64(&self.private_members, name)
    }

    /// A public member as base64url text.
    pub fn public_str(&self, name: &str) -> &str {
        self.public_members[name].as_str().unwrap()
    }

    /// The uncompressed SEC1 point `04 || x || y` of an EC key.
    pub fn sec1(&self) -> Vec<u8> {
        let mut out = vec![4u8];
        out.extend(self.public_bytes("x"));
        out.extend(self.public_bytes("y"));
        out
    }

    /// The private key as DER: PKCS#1 for RSA, PKCS#8 otherwise.
    pub fn private_der(&self) -> Vec<u8> {
        let format = if self.private_members.contains_key("n") { DerFormat::Pkcs1Private } else { DerFormat::Pkcs8 };
        self.private.to_der(format).unwrap()
    }

    /// The signing input and the decoded signature of the token.
    pub fn signing_input_and_signature(&self) -> (Vec<u8>, Vec<u8>) {
        let (input, sig) = self.token.rsplit_once('.').unwrap();
        (input.as_bytes().to_vec(), jot_core::base64url::decode(sig).unwrap())
    }
}

fn members(jwk: &Jwk) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::from_str(&jwk.to_json()).unwrap() {
        serde_json::Value::Object(m) => m,
        _ => panic!("a JWK is an object"),
    }
}

fn b64(m: &serde_json::Map<String, serde_json::Value>, name: &str) -> Vec<u8> {
    jot_core::base64url::decode(m[name].as_str().unwrap()).unwrap()
}

/// jot's name in the tables: `jot` (or `jot-borrowed`) on AWS-LC, the
/// default provider, and `jot-rust-crypto` (`jot-borrowed-rust-crypto`)
/// when the benches are built with `--no-default-features --features
/// rust-crypto,peers` (benches/run.sh's second pass).
pub fn jot_name(borrowed: bool) -> &'static str {
    match (jot_crypto::PROVIDER == "rust-crypto", borrowed) {
        (false, false) => "jot",
        (false, true) => "jot-borrowed",
        (true, false) => "jot-rust-crypto",
        (true, true) => "jot-borrowed-rust-crypto",
    }
}

/// A benchmarked implementation of one operation: its table name and the
/// closure a benchmark times.
pub struct Entry<F: ?Sized> {
    /// `jot`, `jsonwebtoken-awslc`, `jsonwebtoken-rustcrypto`, `josekit`,
    /// `jwt-simple`, `floor`, or `floor-<primitive>` for a second floor.
    pub name: &'static str,
    /// One operation.
    pub run: Box<F>,
}

/// An operation on a token (verify, decrypt, parse), shareable across
/// threads.
pub type TokenOp = dyn Fn(&str) + Send + Sync;

/// An operation that makes a token (sign, encrypt).
pub type MakeOp = dyn Fn() -> String + Send + Sync;

/// Boxes a token operation.
pub fn token_op(name: &'static str, f: impl Fn(&str) + Send + Sync + 'static) -> Entry<TokenOp> {
    Entry { name, run: Box::new(f) }
}

/// Boxes a making operation.
pub fn make_op(name: &'static str, f: impl Fn() -> String + Send + Sync + 'static) -> Entry<MakeOp> {
    Entry { name, run: Box::new(f) }
}
