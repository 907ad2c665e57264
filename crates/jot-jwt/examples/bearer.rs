//! The bearer-token flow: an identity provider issues tokens at login and
//! publishes its keys as a JWK Set; a service checks
//! `Authorization: Bearer <token>` on a protected route. Midway the provider
//! rotates its signing key: tokens signed with either published key verify,
//! and the retired key stops working once it leaves the set.
//!
//! Run it with `cargo run -p jot-jwt --example bearer`.

use std::time::Duration;

use jot_jwt::alg::JwsAlgorithm;
use jot_jwt::jwk::SigningKey;
use jot_jwt::{Error, Jwk, JwkSet, JwtBuilder, Validation};

const ISSUER: &str = "https://id.example.com";
const AUDIENCE: &str = "orders-api";

/// The identity provider: its current signing key and the published set.
struct IdentityProvider {
    keys: Vec<Jwk>,
    current: SigningKey,
}

impl IdentityProvider {
    fn new() -> Result<Self, Box<dyn std::error::Error>> {
        let key = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
        let current = key.signing_key(JwsAlgorithm::ES256)?;
        Ok(Self { keys: vec![key], current })
    }

    /// Adds a new key and signs with it from now on; the old one stays
    /// published so tokens it signed keep verifying until they expire.
    fn rotate(&mut self) -> Result<(), Box<dyn std::error::Error>> {
        let key = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
        self.current = key.signing_key(JwsAlgorithm::ES256)?;
        self.keys.push(key);
        Ok(())
    }

    /// Stops publishing the oldest key.
    fn retire_oldest(&mut self) {
        self.keys.remove(0);
    }

    /// The JWK Set at its well-known URL: public keys only.
    fn jwks_json(&self) -> String {
        JwkSet::from_keys(self.keys.clone()).to_public().to_json()
    }

    /// Login: the user proved who they are; issue a 15-minute token.
    fn login(&self, user: &str) -> Result<String, Error> {
        JwtBuilder::new()
            .issuer(ISSUER)
            .subject(user)
            .audience(AUDIENCE)
            .expires_in(Duration::from_secs(15 * 60))
            .sign(&self.current)
    }
}

/// The service: built from the published set whenever it is fetched.
fn service(jwks_json: &str) -> Result<Validation, Box<dyn std::error::Error>> {
    let set = JwkSet::from_json(jwks_json.as_bytes())?;
    Ok(Validation::from_jwk_set(&set, &[JwsAlgorithm::ES256])?.issuer(ISSUER).audience(AUDIENCE))
}

/// The protected route: returns the caller's user id or refuses.
fn protected_route(validation: &Validation, authorization: &str) -> Result<String, Error> {
    let token = authorization.strip_prefix("Bearer ").ok_or(Error::NotCompact)?;
    let jwt = validation.verify_claims(token)?;
    Ok(jwt.registered().sub.clone().unwrap_or_default())
}

fn show(label: &str, result: Result<String, Error>) {
    match result {
        Ok(user) => println!("{label:<44} 200 OK, user {user}"),
        Err(e) => println!("{label:<44} 401 Unauthorized ({e})"),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut idp = IdentityProvider::new()?;
    let alice = idp.login("alice")?;
    println!("JWK Set: {}\n", idp.jwks_json());
    let validation = service(&idp.jwks_json())?;
    show("alice, before rotation", protected_route(&validation, &format!("Bearer {alice}")));

    idp.rotate()?;
    let bob = idp.login("bob")?;
    println!("\nrotated; JWK Set now holds two keys: {}\n", idp.jwks_json());
    let validation = service(&idp.jwks_json())?;
    show("alice (old key), after rotation", protected_route(&validation, &format!("Bearer {alice}")));
    show("bob (new key), after rotation", protected_route(&validation, &format!("Bearer {bob}")));
    show("no Bearer prefix", protected_route(&validation, &alice));

    idp.retire_oldest();
    let validation = service(&idp.jwks_json())?;
    println!("\nold key retired from the set\n");
    show("alice (old key), after retirement", protected_route(&validation, &format!("Bearer {alice}")));
    show("bob (new key), after retirement", protected_route(&validation, &format!("Bearer {bob}")));
    Ok(())
}
