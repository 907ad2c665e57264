//! # A guide to using jot well
//!
//! Four questions every deployment answers, with jot's answer to each.
//!
//! ## Which algorithm?
//!
//! | algorithm | pick it when | keys | cost here (verify) |
//! | --- | --- | --- | --- |
//! | `EdDSA` (Ed25519) | you control both ends: small keys, fast signing, no nonce to get wrong | 32-byte keys | ~40 µs |
//! | `ES256` (P-256) | the common choice of identity providers after RS256; FIPS-approved | 32-byte keys, 64-byte signatures | ~65 µs |
//! | `RS256` | you need to interoperate with everything (every provider and library speaks it) | 2048-bit keys at least; signing is slow | ~20 µs |
//! | `HS256` | the issuer and the verifier are the same party | one shared secret of 32 random bytes or more | ~1 µs |
//! | `ML-DSA-44/65/87` | signatures must resist a future quantum computer (RFC 9964, FIPS 204) and both ends support it | `AKP` keys: 1312-2592-byte public keys, 2420-4627-byte signatures | not measured yet |
//!
//! With an HMAC secret, anyone who can verify a token can also forge one: use
//! it only inside one service (a session token it issues to itself), never
//! between parties. A public-key algorithm lets any number of services verify
//! while only the issuer signs. Figures: `benches/run.sh` (BENCHMARKS.md).
//!
//! ## Rotating keys: `kid` and a JWK Set
//!
//! The issuer signs with a key that has a `kid` and publishes the public half
//! of every key in use as a JWK Set. Verifiers build their validation from the
//! set (or fetch it, with the `remote` feature): the token's `kid` selects the
//! key, and the key's algorithm is fixed when it is bound, so nothing in the
//! token can choose another. To rotate: publish the new key, wait until every
//! verifier has fetched the set (a cache lifetime), sign with the new key,
//! and remove the old one once the last token it signed has expired.
//!
//! ```
//! use std::time::Duration;
//! use jot_jwt::alg::JwsAlgorithm;
//! use jot_jwt::{Jwk, JwkSet, JwtBuilder, Validation};
//!
//! let mut old = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
//! old.set_kid("2026-11");
//! let mut new = Jwk::generate_for_jws(JwsAlgorithm::ES256)?;
//! new.set_kid("2026-12");
//!
//! // Published while both are in use (only public halves).
//! let published = JwkSet::from_keys(vec![old.to_public().unwrap(), new.to_public().unwrap()]);
//! let validation = Validation::from_jwk_set(&published, &[JwsAlgorithm::ES256])?.audience("api");
//!
//! for key in [&old, &new] {
//!     let token = JwtBuilder::new()
//!         .audience("api")
//!         .expires_in(Duration::from_secs(60))
//!         .sign(&key.signing_key(JwsAlgorithm::ES256)?)?; // the header carries the key's kid
//!     validation.verify_claims(&token)?;
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A set that holds an HMAC secret beside public keys is refused
//! ([`Validation::from_jwk_set`](crate::Validation::from_jwk_set)); two members with the same `kid` make that
//! `kid` select nothing.
//!
//! ## Confidential claims: nested JWTs
//!
//! A JWT is signed, not encrypted: anyone holding it can read its claims.
//! When the claims are confidential, sign them and then encrypt the signed
//! token to the recipient (RFC 7519 section 11.2). The recipient decrypts with
//! its own key and verifies the signature inside; a token that is only
//! encrypted is refused unless [`Validation::allow_unsigned_jwe`](crate::Validation::allow_unsigned_jwe) says so.
//!
//! ```
//! use std::time::Duration;
//! use jot_jwt::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
//! use jot_jwt::jwe::{Decrypter, JweBuilder};
//! use jot_jwt::{Jwk, JwtBuilder, Validation};
//!
//! let issuer = Jwk::generate_for_jws(JwsAlgorithm::EdDSA)?;
//! let recipient = Jwk::generate_for_jwe(JweAlgorithm::EcdhEsA256Kw, None)?;
//!
//! let encrypt_to = recipient.to_public().unwrap().encrypting_key(JweAlgorithm::EcdhEsA256Kw)?;
//! let token = JwtBuilder::new()
//!     .subject("alice")
//!     .claim("salary", 100_000_i64)
//!     .expires_in(Duration::from_secs(60))
//!     .sign_and_encrypt(
//!         &issuer.signing_key(JwsAlgorithm::EdDSA)?,
//!         JweBuilder::new(JweEncryption::A256Gcm).recipient(&encrypt_to),
//!     )?;
//!
//! let validation = Validation::from_key(issuer.to_public().unwrap().verifying_key(JwsAlgorithm::EdDSA)?)
//!     .decrypt_with(Decrypter::new(
//!         recipient.decrypting_key(JweAlgorithm::EcdhEsA256Kw)?,
//!         &[JweEncryption::A256Gcm],
//!     ));
//! let jwt = validation.verify_claims(&token)?;
//! assert_eq!(jwt.registered().sub.as_deref(), Some("alice"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## What each `Validation` rule protects against
//!
//! | rule | default | the attack it stops |
//! | --- | --- | --- |
//! | keys bound to one algorithm; no default algorithm | always | `alg: none`, and algorithm confusion (an RSA public key used as an HMAC secret) |
//! | `exp` required | on ([`Validation::without_exp`](crate::Validation::without_exp) opts out) | a stolen token that works forever |
//! | a token with `aud` refused unless an audience is configured | on ([`Validation::any_audience`](crate::Validation::any_audience) opts out) | a token issued for another service replayed at this one |
//! | issuer, audience, subject | off until set; an empty list accepts nothing | tokens from another issuer sharing keys |
//! | leeway | 60 s | (not an attack: clocks that differ slightly) |
//! | `typ` | off; [`Validation::typ`](crate::Validation::typ) (`at+jwt` for RFC 9068 access tokens) | one kind of JWT (an ID token) accepted as another (an access token), RFC 8725 section 3.11 |
//! | `max_age` | off | a token issued long ago (also refuses an `iat` in the future) |
//! | strict parsing | always | duplicate members read differently by two parsers, non-canonical base64url, oversized or deeply nested input |
//! | `crit` | refused unless allowed | an extension the verifier does not understand, silently ignored |
//!
//! See also the crate's other examples: [`Validation`](crate::Validation), [`JwtBuilder`](crate::JwtBuilder),
//! and [`Error`](crate::Error) for what a service answers to each failure.
