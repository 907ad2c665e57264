//! The common JWK parameters (RFC 7517 section 4): `use`, `key_ops`, `alg`,
//! `kid` and the X.509 members.

use core::fmt;

use jot_core::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
use jot_core::json::Object;

/// The intended use of a public key (`use`, RFC 7517 section 4.2).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum KeyUse {
    /// `sig`: signatures and MACs.
    Sig,
    /// `enc`: encryption.
    Enc,
    /// Another value (RFC 7517 allows them); a key with one is never bound
    /// for signing or encryption.
    Other(String),
}

impl KeyUse {
    /// Parses the member value.
    pub fn from_name(s: &str) -> Self {
        match s {
            "sig" => Self::Sig,
            "enc" => Self::Enc,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The member value.
    pub fn name(&self) -> &str {
        match self {
            Self::Sig => "sig",
            Self::Enc => "enc",
            Self::Other(s) => s,
        }
    }
}

/// A permitted operation (`key_ops`, RFC 7517 section 4.3).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum KeyOp {
    /// `sign`
    Sign,
    /// `verify`
    Verify,
    /// `encrypt`
    Encrypt,
    /// `decrypt`
    Decrypt,
    /// `wrapKey`
    WrapKey,
    /// `unwrapKey`
    UnwrapKey,
    /// `deriveKey`
    DeriveKey,
    /// `deriveBits`
    DeriveBits,
    /// Another value (RFC 7517 allows them); it permits nothing here.
    Other(String),
}

impl KeyOp {
    /// Parses one `key_ops` entry.
    pub fn from_name(s: &str) -> Self {
        match s {
            "sign" => Self::Sign,
            "verify" => Self::Verify,
            "encrypt" => Self::Encrypt,
            "decrypt" => Self::Decrypt,
            "wrapKey" => Self::WrapKey,
            "unwrapKey" => Self::UnwrapKey,
            "deriveKey" => Self::DeriveKey,
            "deriveBits" => Self::DeriveBits,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The entry's value.
    pub fn name(&self) -> &str {
        match self {
            Self::Sign => "sign",
            Self::Verify => "verify",
            Self::Encrypt => "encrypt",
            Self::Decrypt => "decrypt",
            Self::WrapKey => "wrapKey",
            Self::UnwrapKey => "unwrapKey",
            Self::DeriveKey => "deriveKey",
            Self::DeriveBits => "deriveBits",
            Self::Other(s) => s,
        }
    }

    /// The `use` value this operation belongs to, if it is a registered one.
    pub fn implied_use(&self) -> Option<KeyUse> {
        match self {
            Self::Sign | Self::Verify => Some(KeyUse::Sig),
            Self::Other(_) => None,
            _ => Some(KeyUse::Enc),
        }
    }
}

/// The algorithm a JWK names in its `alg` member: a JWS algorithm, a JWE key
/// management algorithm, a content encryption algorithm (seen on `dir` keys
/// in the wild), or a value jot does not know (kept, never usable).
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum JwkAlgorithm {
    /// A JWS algorithm.
    Jws(JwsAlgorithm),
    /// A JWE key management algorithm.
    Jwe(JweAlgorithm),
    /// A JWE content encryption algorithm.
    Enc(JweEncryption),
    /// Any other value.
    Other(String),
}

impl JwkAlgorithm {
    /// Classifies an `alg` value.
    pub fn from_name(s: &str) -> Self {
        if let Ok(a) = JwsAlgorithm::from_name(s) {
            Self::Jws(a)
        } else if let Ok(a) = JweAlgorithm::from_name(s) {
            Self::Jwe(a)
        } else if let Ok(e) = JweEncryption::from_name(s) {
            Self::Enc(e)
        } else {
            Self::Other(s.to_owned())
        }
    }

    /// The member value.
    pub fn name(&self) -> &str {
        match self {
            Self::Jws(a) => a.name(),
            Self::Jwe(a) => a.name(),
            Self::Enc(e) => e.name(),
            Self::Other(s) => s,
        }
    }
}

impl fmt::Debug for JwkAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<JwsAlgorithm> for JwkAlgorithm {
    fn from(a: JwsAlgorithm) -> Self {
        Self::Jws(a)
    }
}

impl From<JweAlgorithm> for JwkAlgorithm {
    fn from(a: JweAlgorithm) -> Self {
        Self::Jwe(a)
    }
}

/// A content encryption algorithm as a JWK's `alg`: the form of a `dir` key
/// that panva's `jose` requires (`"alg":"A256GCM"`).
impl From<JweEncryption> for JwkAlgorithm {
    fn from(e: JweEncryption) -> Self {
        Self::Enc(e)
    }
}

/// The parameters of a JWK other than its key material.
#[derive(Clone, Default, PartialEq, Debug)]
pub struct Parameters {
    /// `use`
    pub key_use: Option<KeyUse>,
    /// `key_ops` (no duplicates).
    pub key_ops: Option<Vec<KeyOp>>,
    /// `alg`
    pub alg: Option<JwkAlgorithm>,
    /// `kid`
    pub kid: Option<String>,
    /// `x5u` (never fetched).
    pub x5u: Option<String>,
    /// `x5c`: DER certificates, the first holding this key.
    pub x5c: Option<Vec<Vec<u8>>>,
    /// `x5t`: SHA-1 thumbprint of the first certificate.
    pub x5t: Option<Vec<u8>>,
    /// `x5t#S256`: SHA-256 thumbprint of the first certificate.
    pub x5t_s256: Option<Vec<u8>>,
    /// Members jot does not know, kept for a round trip.
    pub other: Object,
}

impl Parameters {
    /// Whether `use` and `key_ops` permit an operation: `use`, when present,
    /// must be the operation's use; `key_ops`, when present, must list one of
    /// `ops`.
    pub fn permits(&self, key_use: &KeyUse, ops: &[KeyOp]) -> bool {
        let use_ok = self.key_use.as_ref().is_none_or(|u| u == key_use);
        let ops_ok = self.key_ops.as_ref().is_none_or(|list| list.iter().any(|op| ops.contains(op)));
        use_ok && ops_ok
    }
}
