//! The jot tour: generates a key of every type and prints its public JWK,
//! its PEM and its RFC 7638 thumbprint (as an RFC 9278 URI).
//!
//! Run it with `cargo run -p jot-jwk --example tour`.

use jot_core::alg::{Curve, ShaAlg};
use jot_jwk::pem::DerFormat;
use jot_jwk::{Jwk, KeySpec};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let specs = [
        ("RSA 2048", KeySpec::Rsa { bits: 2048 }),
        ("EC P-256", KeySpec::Ec(Curve::P256)),
        ("EC P-384", KeySpec::Ec(Curve::P384)),
        ("EC P-521", KeySpec::Ec(Curve::P521)),
        ("EC secp256k1", KeySpec::Ec(Curve::Secp256k1)),
        ("OKP Ed25519", KeySpec::Okp(Curve::Ed25519)),
        ("OKP X25519", KeySpec::Okp(Curve::X25519)),
        ("oct 256-bit", KeySpec::Oct { bytes: 32 }),
    ];
    for (name, spec) in specs {
        let private = Jwk::generate(spec)?;
        println!("== {name}");
        match private.to_public() {
            Some(public) => {
                println!("public JWK:  {}", public.to_json());
                print!("{}", public.to_pem(DerFormat::Spki)?);
            }
            // A symmetric key has no public part: show only its shape.
            None => println!("secret JWK:  {{\"kty\":\"oct\",\"k\":\"<{} bytes, not printed>\"}}", 32),
        }
        println!("thumbprint:  {}", private.thumbprint_uri(ShaAlg::Sha256));
        println!();
    }
    Ok(())
}
