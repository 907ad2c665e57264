//! Reading the key the user pasted: JWK, JWK Set, PEM, or an HMAC secret
//! with an explicit encoding. Never a guess between them.

use jot_jwt::{Jwk, JwkSet, Secret, base64url};

use crate::error::Failure;

/// How the pasted key is written. The page has an explicit toggle: bytes
/// that "might be a key" are never guessed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyFormat {
    /// One JWK (RFC 7517).
    Jwk,
    /// A JWK Set (`{"keys": [...]}`); one key is selected by the token's
    /// header, and two matches are an error.
    JwkSet,
    /// PEM (SPKI, PKCS#8, SEC1, PKCS#1, or a certificate).
    Pem,
    /// An HMAC secret: the UTF-8 bytes of the text as typed.
    SecretText,
    /// An HMAC secret: unpadded, canonical base64url.
    SecretBase64url,
}

impl KeyFormat {
    /// Parses the page's name: `jwk`, `jwks`, `pem`, `text`, `base64url`.
    pub fn from_name(name: &str) -> Result<Self, Failure> {
        Ok(match name {
            "jwk" => Self::Jwk,
            "jwks" => Self::JwkSet,
            "pem" => Self::Pem,
            "text" => Self::SecretText,
            "base64url" => Self::SecretBase64url,
            _ => return Err(Failure::usage("key format must be one of jwk, jwks, pem, text, base64url")),
        })
    }

    /// The page's name of this format.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Jwk => "jwk",
            Self::JwkSet => "jwks",
            Self::Pem => "pem",
            Self::SecretText => "text",
            Self::SecretBase64url => "base64url",
        }
    }
}

/// A loaded key: one JWK or a set.
#[derive(Debug)]
pub(crate) enum Keys {
    One(Box<Jwk>),
    Set(JwkSet),
}

/// Whether a set holds symmetric keys (jot keeps secret and public key
/// sets apart: `from_secret_jwk_set` versus `from_jwk_set`).
pub(crate) fn is_secret_set(set: &JwkSet) -> bool {
    set.keys().iter().any(|k| k.key_type() == jot_jwt::alg::KeyType::Oct)
}

/// Loads a key with jot's importers (all checks of import apply).
pub(crate) fn load(text: &str, format: KeyFormat) -> Result<Keys, Failure> {
    Ok(match format {
        KeyFormat::Jwk => Keys::One(Box::new(Jwk::from_json(text.trim_ascii().as_bytes())?)),
        KeyFormat::JwkSet => Keys::Set(JwkSet::from_json(text.trim_ascii().as_bytes())?),
        KeyFormat::Pem => Keys::One(Box::new(Jwk::from_pem(text)?)),
        KeyFormat::SecretText => Keys::One(Box::new(Jwk::from_secret(Secret::from(text.as_bytes()))?)),
        KeyFormat::SecretBase64url => {
            Keys::One(Box::new(Jwk::from_secret(Secret::from(base64url::decode_secret(text.trim_ascii())?))?))
        }
    })
}
