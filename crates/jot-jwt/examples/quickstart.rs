//! The jot quickstart: keys, a signed token, a nested (signed then
//! encrypted) token, and the tokens jot refuses, each printed.
//!
//! Run it with `cargo run -p jot-jwt --example quickstart`.

use std::time::Duration;

use jot_jwt::alg::{Curve, JweAlgorithm, JweEncryption, JwsAlgorithm, ShaAlg};
use jot_jwt::jwe::{Decrypter, JweBuilder};
use jot_jwt::jwk::KeySpec;
use jot_jwt::jwk::pem::DerFormat;
use jot_jwt::{FixedClock, Jwk, JwtBuilder, Validation};

/// What a refused token got: the error, or a loud note if it was accepted.
fn refused<T>(result: Result<T, jot_jwt::Error>) -> String {
    match result {
        Ok(_) => "ACCEPTED (this would be a bug)".to_owned(),
        Err(e) => e.to_string(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("== 1. Keys: one of every type, as a public JWK, PEM and RFC 9278 thumbprint URI\n");
    for (name, spec) in [
        ("RSA 2048", KeySpec::Rsa { bits: 2048 }),
        ("EC P-256", KeySpec::Ec(Curve::P256)),
        ("EC P-384", KeySpec::Ec(Curve::P384)),
        ("EC P-521", KeySpec::Ec(Curve::P521)),
        ("EC secp256k1", KeySpec::Ec(Curve::Secp256k1)),
        ("OKP Ed25519", KeySpec::Okp(Curve::Ed25519)),
        ("OKP X25519", KeySpec::Okp(Curve::X25519)),
    ] {
        let key = Jwk::generate(spec)?;
        let public = key.to_public().ok_or("asymmetric keys have a public part")?;
        println!(
            "-- {name}\n{}\n{}{}\n",
            public.to_json(),
            public.to_pem(DerFormat::Spki)?,
            key.thumbprint_uri(ShaAlg::Sha256)
        );
    }
    let secret = Jwk::generate(KeySpec::Oct { bytes: 32 })?;
    println!("-- oct 256-bit (secret: not printed)\n{}\n", secret.thumbprint_uri(ShaAlg::Sha256));

    println!("== 2. A signed JWT (ES256)\n");
    let idp = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
    let idp_public = idp.to_public().ok_or("EC keys have a public part")?;
    let signer = idp.signing_key(JwsAlgorithm::ES256)?;
    let token = JwtBuilder::new()
        .issuer("https://id.example.com")
        .subject("alice")
        .audience("orders-api")
        .expires_in(Duration::from_secs(600))
        .claim("scope", "orders:read")
        .sign(&signer)?;
    println!("token:    {token}");
    let validation = Validation::from_key(idp_public.verifying_key(JwsAlgorithm::ES256)?)
        .issuer("https://id.example.com")
        .audience("orders-api");
    let jwt = validation.verify_claims(&token)?;
    println!("verified: {}\n", jwt.claims().to_json());

    println!("== 3. A nested JWT: signed (ES256), then encrypted (ECDH-ES+A256KW, A256GCM)\n");
    let service = Jwk::generate_for_jwe(JweAlgorithm::EcdhEsA256Kw, None)?;
    let recipient =
        service.to_public().ok_or("EC keys have a public part")?.encrypting_key(JweAlgorithm::EcdhEsA256Kw)?;
    let nested = JwtBuilder::new()
        .issuer("https://id.example.com")
        .audience("orders-api")
        .subject("alice")
        .expires_in(Duration::from_secs(600))
        .claim("email", "alice@example.com")
        .sign_and_encrypt(&signer, JweBuilder::new(JweEncryption::A256Gcm).recipient(&recipient))?;
    println!("token:    {nested}");
    let decrypter = Decrypter::new(service.decrypting_key(JweAlgorithm::EcdhEsA256Kw)?, &[JweEncryption::A256Gcm]);
    let nested_validation = validation.clone().decrypt_with(decrypter);
    println!("verified: {}\n", nested_validation.verify_claims(&nested)?.claims().to_json());

    println!("== 4. Tokens jot refuses\n");
    let mut tampered = token.clone();
    let at = tampered.find('.').ok_or("a JWS has dots")? + 5;
    let flipped = if tampered.as_bytes().get(at) == Some(&b'A') { "B" } else { "A" };
    tampered.replace_range(at..=at, flipped);
    println!("tampered payload:      {}", refused(validation.verify_claims(&tampered)));
    let later = FixedClock(jot_jwt::SystemClock.now_secs() + 3600);
    println!("an hour later:         {}", refused(validation.clone().clock(later).verify_claims(&token)));
    let other_key = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
    // The forger even copies the genuine key's kid.
    let forged = JwtBuilder::new()
        .kid(idp.kid().unwrap_or_default())
        .issuer("https://id.example.com")
        .audience("orders-api")
        .expires_in(Duration::from_secs(600))
        .sign(&other_key.signing_key(JwsAlgorithm::ES256)?)?;
    println!("signed by another key: {}", refused(validation.verify_claims(&forged)));
    let none = jot_jwt::jws::dangerous::encode_unsecured(br#"{"sub":"mallory"}"#, Default::default());
    println!("alg none:              {}", refused(validation.verify_claims(&none)));
    println!("JWE, no decrypter set: {}", refused(validation.verify_claims(&nested)));
    Ok(())
}
