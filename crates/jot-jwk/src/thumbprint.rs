//! JWK thumbprints (RFC 7638, RFC 8037 section 2 for OKP, RFC 9964 for
//! AKP) and thumbprint URIs (RFC 9278).

use jot_core::alg::ShaAlg;
use jot_core::base64url;

use crate::Jwk;
use crate::key::Key;

impl Jwk {
    /// The RFC 7638 canonical JSON: the required members of the key type,
    /// in lexicographic order, without whitespace. Every value is base64url
    /// or a registered name, so nothing needs escaping.
    pub fn thumbprint_input(&self) -> String {
        let b = |bytes: &[u8]| base64url::encode(bytes);
        match &self.key {
            Key::Rsa(k) => format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, b(&k.e), b(&k.n)),
            Key::Ec(k) => {
                format!(r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#, k.crv.name(), b(&k.x), b(&k.y))
            }
            Key::Okp(k) => format!(r#"{{"crv":"{}","kty":"OKP","x":"{}"}}"#, k.crv.name(), b(&k.x)),
            Key::Oct(k) => format!(r#"{{"k":"{}","kty":"oct"}}"#, b(k.k.expose())),
            // RFC 9964: `alg`, `kty` and `pub`.
            Key::Akp(k) => format!(r#"{{"alg":"{}","kty":"AKP","pub":"{}"}}"#, k.alg.name(), b(&k.public)),
        }
    }

    /// The RFC 7638 thumbprint with the given hash.
    ///
    /// ```
    /// # use jot_jwt::jwk::Jwk;
    /// # use jot_jwt::alg::ShaAlg;
    /// let jwk = Jwk::from_json(br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)?;
    /// assert_eq!(jwk.thumbprint_b64(ShaAlg::Sha256), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    /// # Ok::<(), jot_jwt::jwk::Error>(())
    /// ```
    pub fn thumbprint(&self, hash: ShaAlg) -> Vec<u8> {
        jot_crypto::hash::digest(hash, self.thumbprint_input().as_bytes()).as_ref().to_vec()
    }

    /// The thumbprint, base64url-encoded.
    pub fn thumbprint_b64(&self, hash: ShaAlg) -> String {
        base64url::encode(self.thumbprint(hash))
    }

    /// The RFC 9278 thumbprint URI, e.g.
    /// `urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs`.
    pub fn thumbprint_uri(&self, hash: ShaAlg) -> String {
        let name = match hash {
            ShaAlg::Sha256 => "sha-256",
            ShaAlg::Sha384 => "sha-384",
            ShaAlg::Sha512 => "sha-512",
        };
        format!("urn:ietf:params:oauth:jwk-thumbprint:{name}:{}", self.thumbprint_b64(hash))
    }
}
