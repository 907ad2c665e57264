//! JOSE identifiers, generated from one table.
//!
//! Every identifier jot knows is listed once in the `identifiers!` invocation
//! below; the enums, their names, parsing and serde support all come from it.
//! Each identifier is its own value (as in `ring`), so a caller cannot
//! assemble a weak combination and no enum has a `Default`.
//!
//! `none` is not a JWS algorithm here: parsing `"none"` as a
//! [`JwsAlgorithm`] fails. Unsecured JWS lives behind an explicitly dangerous
//! API in jot-jws.

use core::fmt;
use core::str::FromStr;

use crate::{Error, IdentifierKind};

macro_rules! identifiers {
    ($(
        $(#[$enum_meta:meta])*
        enum $name:ident ($kind:ident) {
            $( $(#[$meta:meta])* $variant:ident = $text:literal, )+
        }
    )+) => {$(
        $(#[$enum_meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$meta])* #[doc = concat!("`", $text, "`")] $variant, )+
        }

        impl $name {
            /// Every identifier of this kind, in table order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The registered name, as it appears in a header or JWK.
            pub const fn name(self) -> &'static str {
                match self { $(Self::$variant => $text,)+ }
            }

            /// Looks up a registered name (exact, case-sensitive match).
            pub fn from_name(name: &str) -> Result<Self, Error> {
                match name {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(Error::UnknownIdentifier(IdentifierKind::$kind)),
                }
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::from_name(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a registered ", stringify!($name), " name"))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        // Do not echo the value: it came from untrusted input.
                        $name::from_name(v).map_err(|_| E::custom(concat!("unknown ", stringify!($name))))
                    }
                }
                d.deserialize_str(V)
            }
        }
    )+};
}

identifiers! {
    /// A JWS signature or MAC algorithm (RFC 7518 section 3, RFC 8037,
    /// RFC 8812, RFC 9864). `none` is deliberately absent.
    enum JwsAlgorithm (JwsAlgorithm) {
        HS256 = "HS256",
        HS384 = "HS384",
        HS512 = "HS512",
        RS256 = "RS256",
        RS384 = "RS384",
        RS512 = "RS512",
        PS256 = "PS256",
        PS384 = "PS384",
        PS512 = "PS512",
        ES256 = "ES256",
        ES384 = "ES384",
        ES512 = "ES512",
        ES256K = "ES256K",
        /// Polymorphic EdDSA (RFC 8037); jot uses it with Ed25519 keys only.
        EdDSA = "EdDSA",
        /// Fully specified Ed25519 (RFC 9864).
        Ed25519 = "Ed25519",
    }

    /// A JWE key management algorithm (RFC 7518 section 4).
    enum JweAlgorithm (JweAlgorithm) {
        Dir = "dir",
        /// Legacy; never in a default set.
        Rsa1_5 = "RSA1_5",
        RsaOaep = "RSA-OAEP",
        RsaOaep256 = "RSA-OAEP-256",
        RsaOaep384 = "RSA-OAEP-384",
        RsaOaep512 = "RSA-OAEP-512",
        A128Kw = "A128KW",
        A192Kw = "A192KW",
        A256Kw = "A256KW",
        A128GcmKw = "A128GCMKW",
        A192GcmKw = "A192GCMKW",
        A256GcmKw = "A256GCMKW",
        EcdhEs = "ECDH-ES",
        EcdhEsA128Kw = "ECDH-ES+A128KW",
        EcdhEsA192Kw = "ECDH-ES+A192KW",
        EcdhEsA256Kw = "ECDH-ES+A256KW",
        Pbes2Hs256A128Kw = "PBES2-HS256+A128KW",
        Pbes2Hs384A192Kw = "PBES2-HS384+A192KW",
        Pbes2Hs512A256Kw = "PBES2-HS512+A256KW",
    }

    /// A JWE content encryption algorithm (RFC 7518 section 5).
    enum JweEncryption (JweEncryption) {
        A128CbcHs256 = "A128CBC-HS256",
        A192CbcHs384 = "A192CBC-HS384",
        A256CbcHs512 = "A256CBC-HS512",
        A128Gcm = "A128GCM",
        A192Gcm = "A192GCM",
        A256Gcm = "A256GCM",
    }

    /// A JWE compression algorithm (RFC 7516 section 4.1.3).
    enum Compression (Compression) {
        /// Raw DEFLATE (RFC 1951).
        Deflate = "DEF",
    }

    /// A JWK key type (RFC 7518 section 6.1, RFC 8037).
    enum KeyType (KeyType) {
        Ec = "EC",
        Rsa = "RSA",
        Oct = "oct",
        Okp = "OKP",
    }

    /// A named curve (RFC 7518 section 6.2.1.1, RFC 8037, RFC 8812).
    enum Curve (Curve) {
        P256 = "P-256",
        P384 = "P-384",
        P521 = "P-521",
        Secp256k1 = "secp256k1",
        Ed25519 = "Ed25519",
        Ed448 = "Ed448",
        X25519 = "X25519",
        X448 = "X448",
    }
}

/// A SHA-2 hash function as used by the JOSE algorithms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShaAlg {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl ShaAlg {
    /// The digest length in bytes.
    pub const fn output_len(self) -> usize {
        match self {
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }
}

/// The family of key a JWS algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JwsFamily {
    /// HMAC with the given hash; an `oct` key of at least the hash size.
    Hmac(ShaAlg),
    /// RSASSA-PKCS1-v1_5 with the given hash.
    RsaPkcs1(ShaAlg),
    /// RSASSA-PSS with the given hash (MGF1 with the same hash, salt = hash size).
    RsaPss(ShaAlg),
    /// ECDSA on the given curve with its JOSE hash.
    Ecdsa(Curve),
    /// EdDSA on the given curve.
    EdDsa(Curve),
}

impl JwsAlgorithm {
    /// What kind of key and primitive the algorithm needs.
    pub const fn family(self) -> JwsFamily {
        use JwsFamily::*;
        match self {
            Self::HS256 => Hmac(ShaAlg::Sha256),
            Self::HS384 => Hmac(ShaAlg::Sha384),
            Self::HS512 => Hmac(ShaAlg::Sha512),
            Self::RS256 => RsaPkcs1(ShaAlg::Sha256),
            Self::RS384 => RsaPkcs1(ShaAlg::Sha384),
            Self::RS512 => RsaPkcs1(ShaAlg::Sha512),
            Self::PS256 => RsaPss(ShaAlg::Sha256),
            Self::PS384 => RsaPss(ShaAlg::Sha384),
            Self::PS512 => RsaPss(ShaAlg::Sha512),
            Self::ES256 => Ecdsa(Curve::P256),
            Self::ES384 => Ecdsa(Curve::P384),
            Self::ES512 => Ecdsa(Curve::P521),
            Self::ES256K => Ecdsa(Curve::Secp256k1),
            Self::EdDSA | Self::Ed25519 => EdDsa(Curve::Ed25519),
        }
    }

    /// The key type this algorithm needs.
    pub const fn key_type(self) -> KeyType {
        match self.family() {
            JwsFamily::Hmac(_) => KeyType::Oct,
            JwsFamily::RsaPkcs1(_) | JwsFamily::RsaPss(_) => KeyType::Rsa,
            JwsFamily::Ecdsa(_) => KeyType::Ec,
            JwsFamily::EdDsa(_) => KeyType::Okp,
        }
    }
}

impl JweEncryption {
    /// The content encryption key length in bytes.
    pub const fn key_len(self) -> usize {
        match self {
            Self::A128Gcm => 16,
            Self::A192Gcm => 24,
            Self::A256Gcm | Self::A128CbcHs256 => 32,
            Self::A192CbcHs384 => 48,
            Self::A256CbcHs512 => 64,
        }
    }
}

impl JweAlgorithm {
    /// The key type a recipient key for this algorithm has, or `None` for
    /// PBES2 (which takes a password, not a JWK).
    pub const fn key_type(self) -> Option<KeyType> {
        match self {
            Self::Dir
            | Self::A128Kw
            | Self::A192Kw
            | Self::A256Kw
            | Self::A128GcmKw
            | Self::A192GcmKw
            | Self::A256GcmKw => Some(KeyType::Oct),
            Self::Rsa1_5 | Self::RsaOaep | Self::RsaOaep256 | Self::RsaOaep384 | Self::RsaOaep512 => Some(KeyType::Rsa),
            // ECDH-ES takes EC keys (P-256, P-384, P-521) or OKP keys (X25519).
            Self::EcdhEs | Self::EcdhEsA128Kw | Self::EcdhEsA192Kw | Self::EcdhEsA256Kw => None,
            Self::Pbes2Hs256A128Kw | Self::Pbes2Hs384A192Kw | Self::Pbes2Hs512A256Kw => None,
        }
    }

    /// The AES key length in bytes for the A*KW and A*GCMKW algorithms, and for
    /// the key-wrapping step of ECDH-ES+A*KW and PBES2.
    pub const fn wrap_key_len(self) -> Option<usize> {
        match self {
            Self::A128Kw | Self::A128GcmKw | Self::EcdhEsA128Kw | Self::Pbes2Hs256A128Kw => Some(16),
            Self::A192Kw | Self::A192GcmKw | Self::EcdhEsA192Kw | Self::Pbes2Hs384A192Kw => Some(24),
            Self::A256Kw | Self::A256GcmKw | Self::EcdhEsA256Kw | Self::Pbes2Hs512A256Kw => Some(32),
            _ => None,
        }
    }

    /// Whether the algorithm is ECDH-ES based.
    pub const fn is_ecdh(self) -> bool {
        matches!(self, Self::EcdhEs | Self::EcdhEsA128Kw | Self::EcdhEsA192Kw | Self::EcdhEsA256Kw)
    }

    /// Whether the algorithm is PBES2 based.
    pub const fn is_pbes2(self) -> bool {
        matches!(self, Self::Pbes2Hs256A128Kw | Self::Pbes2Hs384A192Kw | Self::Pbes2Hs512A256Kw)
    }
}

impl Curve {
    /// The key type that carries this curve.
    pub const fn key_type(self) -> KeyType {
        match self {
            Self::P256 | Self::P384 | Self::P521 | Self::Secp256k1 => KeyType::Ec,
            Self::Ed25519 | Self::Ed448 | Self::X25519 | Self::X448 => KeyType::Okp,
        }
    }

    /// The length in bytes of a coordinate, scalar or OKP key on this curve.
    pub const fn coordinate_len(self) -> usize {
        match self {
            Self::P256 | Self::Secp256k1 | Self::Ed25519 | Self::X25519 => 32,
            Self::P384 => 48,
            Self::P521 => 66,
            Self::Ed448 => 57,
            Self::X448 => 56,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in JwsAlgorithm::ALL {
            assert_eq!(JwsAlgorithm::from_name(a.name()), Ok(*a));
        }
        for a in JweAlgorithm::ALL {
            assert_eq!(JweAlgorithm::from_name(a.name()), Ok(*a));
        }
        for a in JweEncryption::ALL {
            assert_eq!(a.name().parse::<JweEncryption>(), Ok(*a));
        }
        for c in Curve::ALL {
            assert_eq!(c.name().parse::<Curve>(), Ok(*c));
        }
        assert_eq!(JwsAlgorithm::ALL.len(), 15);
        assert_eq!(JweAlgorithm::ALL.len(), 19);
        assert_eq!(JweEncryption::ALL.len(), 6);
        assert_eq!(Curve::ALL.len(), 8);
        assert_eq!(KeyType::ALL.len(), 4);
    }

    #[test]
    fn none_and_near_misses_are_not_algorithms() {
        for bad in ["none", "None", "NONE", "hs256", "HS256 ", "", "RS1", "ES256k"] {
            assert_eq!(
                JwsAlgorithm::from_name(bad),
                Err(Error::UnknownIdentifier(IdentifierKind::JwsAlgorithm)),
                "{bad:?}"
            );
        }
        assert!("rsa".parse::<KeyType>().is_err());
        assert!("OCT".parse::<KeyType>().is_err());
    }

    #[test]
    fn serde_uses_registered_names() {
        let j = serde_json::to_string(&JweAlgorithm::EcdhEsA128Kw).unwrap();
        assert_eq!(j, "\"ECDH-ES+A128KW\"");
        let a: JweEncryption = serde_json::from_str("\"A256CBC-HS512\"").unwrap();
        assert_eq!(a, JweEncryption::A256CbcHs512);
        assert!(serde_json::from_str::<JwsAlgorithm>("\"none\"").is_err());
        assert!(serde_json::from_str::<JwsAlgorithm>("1").is_err());
    }

    #[test]
    fn metadata() {
        assert_eq!(JwsAlgorithm::ES512.family(), JwsFamily::Ecdsa(Curve::P521));
        assert_eq!(JwsAlgorithm::PS384.key_type(), KeyType::Rsa);
        assert_eq!(JweEncryption::A192CbcHs384.key_len(), 48);
        assert_eq!(JweAlgorithm::Pbes2Hs384A192Kw.wrap_key_len(), Some(24));
        assert_eq!(Curve::P521.coordinate_len(), 66);
    }
}
