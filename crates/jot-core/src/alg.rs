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
    /// RFC 8812, RFC 9864, RFC 9964). `none` is deliberately absent.
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
        /// ML-DSA-44 (FIPS 204, pure, empty context; RFC 9964), with an
        /// `AKP` key whose `alg` is `ML-DSA-44`.
        MlDsa44 = "ML-DSA-44",
        /// ML-DSA-65 (FIPS 204, pure, empty context; RFC 9964), with an
        /// `AKP` key whose `alg` is `ML-DSA-65`.
        MlDsa65 = "ML-DSA-65",
        /// ML-DSA-87 (FIPS 204, pure, empty context; RFC 9964), with an
        /// `AKP` key whose `alg` is `ML-DSA-87`.
        MlDsa87 = "ML-DSA-87",
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

    /// A JWK key type (RFC 7518 section 6.1, RFC 8037, RFC 9964).
    enum KeyType (KeyType) {
        Ec = "EC",
        Rsa = "RSA",
        Oct = "oct",
        Okp = "OKP",
        /// Algorithm Key Pair (RFC 9964): a key bound to the one algorithm
        /// its required `alg` names (ML-DSA here), with `pub` and `priv`.
        Akp = "AKP",
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

/// An ML-DSA parameter set (FIPS 204 section 4), as the JOSE algorithms
/// `ML-DSA-44`, `ML-DSA-65` and `ML-DSA-87` name them (RFC 9964).
///
/// ```
/// use jot_jwt::alg::{JwsAlgorithm, JwsFamily, MlDsaLevel};
/// assert_eq!(JwsAlgorithm::MlDsa65.family(), JwsFamily::MlDsa(MlDsaLevel::MlDsa65));
/// assert_eq!(MlDsaLevel::MlDsa65.signature_len(), 3309);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MlDsaLevel {
    /// ML-DSA-44 (NIST security category 2).
    MlDsa44,
    /// ML-DSA-65 (NIST security category 3).
    MlDsa65,
    /// ML-DSA-87 (NIST security category 5).
    MlDsa87,
}

impl MlDsaLevel {
    /// Every parameter set, smallest first.
    pub const ALL: &'static [Self] = &[Self::MlDsa44, Self::MlDsa65, Self::MlDsa87];

    /// Length of the private key seed (FIPS 204's `ξ`, the AKP `priv`) in
    /// bytes: 32 for every parameter set.
    pub const SEED_LEN: usize = 32;

    /// Length of the encoded public key (the AKP `pub`) in bytes.
    pub const fn public_key_len(self) -> usize {
        match self {
            Self::MlDsa44 => 1312,
            Self::MlDsa65 => 1952,
            Self::MlDsa87 => 2592,
        }
    }

    /// Length of a signature in bytes (every signature has exactly this
    /// length).
    pub const fn signature_len(self) -> usize {
        match self {
            Self::MlDsa44 => 2420,
            Self::MlDsa65 => 3309,
            Self::MlDsa87 => 4627,
        }
    }

    /// The JWS algorithm of this parameter set.
    pub const fn jws_algorithm(self) -> JwsAlgorithm {
        match self {
            Self::MlDsa44 => JwsAlgorithm::MlDsa44,
            Self::MlDsa65 => JwsAlgorithm::MlDsa65,
            Self::MlDsa87 => JwsAlgorithm::MlDsa87,
        }
    }

    /// The registered name (`ML-DSA-44`, ...).
    pub const fn name(self) -> &'static str {
        self.jws_algorithm().name()
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
    /// ML-DSA with the given parameter set; an `AKP` key whose `alg` is
    /// this algorithm.
    MlDsa(MlDsaLevel),
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
            Self::MlDsa44 => MlDsa(MlDsaLevel::MlDsa44),
            Self::MlDsa65 => MlDsa(MlDsaLevel::MlDsa65),
            Self::MlDsa87 => MlDsa(MlDsaLevel::MlDsa87),
        }
    }

    /// The key type this algorithm needs.
    pub const fn key_type(self) -> KeyType {
        match self.family() {
            JwsFamily::Hmac(_) => KeyType::Oct,
            JwsFamily::RsaPkcs1(_) | JwsFamily::RsaPss(_) => KeyType::Rsa,
            JwsFamily::Ecdsa(_) => KeyType::Ec,
            JwsFamily::EdDsa(_) => KeyType::Okp,
            JwsFamily::MlDsa(_) => KeyType::Akp,
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

/// An RSA encryption padding of JWA (RFC 7518 sections 4.2 and 4.3).
///
/// OAEP uses MGF1 with the same hash as the label hash. jot-crypto takes
/// this type as it is (`jot_crypto::rsa::RsaEncryption`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RsaEncryption {
    /// RSAES-PKCS1-v1_5 (`RSA1_5`). Legacy.
    Pkcs1v15,
    /// RSAES-OAEP with SHA-1 and MGF1-SHA-1 (`RSA-OAEP`).
    OaepSha1,
    /// RSAES-OAEP with SHA-256 and MGF1-SHA-256 (`RSA-OAEP-256`).
    OaepSha256,
    /// RSAES-OAEP with SHA-384 and MGF1-SHA-384 (`RSA-OAEP-384`).
    OaepSha384,
    /// RSAES-OAEP with SHA-512 and MGF1-SHA-512 (`RSA-OAEP-512`).
    OaepSha512,
}

impl RsaEncryption {
    /// Every padding, for tests and tables.
    pub const ALL: &'static [Self] =
        &[Self::Pkcs1v15, Self::OaepSha1, Self::OaepSha256, Self::OaepSha384, Self::OaepSha512];
}

/// What a JWE key management algorithm does to determine the content
/// encryption key, with its parameters. Lengths are AES key lengths in
/// bytes (16, 24 or 32).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JweFamily {
    /// `dir`: the shared symmetric key is the CEK.
    Direct,
    /// AES Key Wrap (RFC 3394) with a key of this length.
    AesKw(usize),
    /// AES-GCM key encryption with a key of this length (`iv`, `tag` in the
    /// header).
    AesGcmKw(usize),
    /// RSA encryption of the CEK with this padding.
    Rsa(RsaEncryption),
    /// ECDH-ES with the Concat KDF: `None` uses the agreed key as the CEK;
    /// `Some(len)` derives a key of `len` bytes that AES-wraps the CEK.
    EcdhEs(Option<usize>),
    /// PBES2: PBKDF2 with HMAC of this hash derives a key of this length
    /// that AES-wraps the CEK.
    Pbes2(ShaAlg, usize),
}

impl JweAlgorithm {
    /// How the algorithm determines the CEK, and with what parameters.
    pub const fn family(self) -> JweFamily {
        use JweFamily::*;
        match self {
            Self::Dir => Direct,
            Self::Rsa1_5 => Rsa(RsaEncryption::Pkcs1v15),
            Self::RsaOaep => Rsa(RsaEncryption::OaepSha1),
            Self::RsaOaep256 => Rsa(RsaEncryption::OaepSha256),
            Self::RsaOaep384 => Rsa(RsaEncryption::OaepSha384),
            Self::RsaOaep512 => Rsa(RsaEncryption::OaepSha512),
            Self::A128Kw => AesKw(16),
            Self::A192Kw => AesKw(24),
            Self::A256Kw => AesKw(32),
            Self::A128GcmKw => AesGcmKw(16),
            Self::A192GcmKw => AesGcmKw(24),
            Self::A256GcmKw => AesGcmKw(32),
            Self::EcdhEs => EcdhEs(None),
            Self::EcdhEsA128Kw => EcdhEs(Some(16)),
            Self::EcdhEsA192Kw => EcdhEs(Some(24)),
            Self::EcdhEsA256Kw => EcdhEs(Some(32)),
            Self::Pbes2Hs256A128Kw => Pbes2(ShaAlg::Sha256, 16),
            Self::Pbes2Hs384A192Kw => Pbes2(ShaAlg::Sha384, 24),
            Self::Pbes2Hs512A256Kw => Pbes2(ShaAlg::Sha512, 32),
        }
    }

    /// The key type a recipient key for this algorithm has, or `None` for
    /// ECDH-ES (EC keys on P-256, P-384 or P-521, or OKP keys on X25519) and
    /// PBES2 (a password, held in an `oct` JWK).
    pub const fn key_type(self) -> Option<KeyType> {
        match self.family() {
            JweFamily::Direct | JweFamily::AesKw(_) | JweFamily::AesGcmKw(_) => Some(KeyType::Oct),
            JweFamily::Rsa(_) => Some(KeyType::Rsa),
            JweFamily::EcdhEs(_) | JweFamily::Pbes2(..) => None,
        }
    }

    /// Whether the algorithm is ECDH-ES based.
    pub const fn is_ecdh(self) -> bool {
        matches!(self.family(), JweFamily::EcdhEs(_))
    }

    /// Whether the algorithm is PBES2 based.
    pub const fn is_pbes2(self) -> bool {
        matches!(self.family(), JweFamily::Pbes2(..))
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
        assert_eq!(JwsAlgorithm::ALL.len(), 18);
        assert_eq!(JweAlgorithm::ALL.len(), 19);
        assert_eq!(JweEncryption::ALL.len(), 6);
        assert_eq!(Curve::ALL.len(), 8);
        assert_eq!(KeyType::ALL.len(), 5);
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
        assert_eq!(JweAlgorithm::Pbes2Hs384A192Kw.family(), JweFamily::Pbes2(ShaAlg::Sha384, 24));
        assert_eq!(Curve::P521.coordinate_len(), 66);
    }

    /// RFC 9964's names, key type and FIPS 204's sizes, and the level read
    /// back from the name.
    #[test]
    fn ml_dsa_metadata() {
        let sizes = [(1312, 2420), (1952, 3309), (2592, 4627)];
        for (&level, (pk, sig)) in MlDsaLevel::ALL.iter().zip(sizes) {
            let alg = level.jws_algorithm();
            assert_eq!(alg.family(), JwsFamily::MlDsa(level));
            assert_eq!(alg.key_type(), KeyType::Akp);
            assert_eq!(alg.name(), level.name());
            assert!(alg.name().starts_with("ML-DSA-"));
            assert_eq!((level.public_key_len(), level.signature_len()), (pk, sig), "{alg}");
        }
        assert_eq!(KeyType::from_name("AKP"), Ok(KeyType::Akp));
        for bad in ["ML-DSA", "ML-DSA-128", "ml-dsa-44", "MLDSA44"] {
            assert!(JwsAlgorithm::from_name(bad).is_err(), "{bad}");
        }
    }

    /// Each JWE algorithm's family, read back from its registered name: the
    /// table in `family()` and the names cannot drift apart.
    #[test]
    fn jwe_family_agrees_with_name() {
        fn sha(bits: &str) -> ShaAlg {
            match bits {
                "256" => ShaAlg::Sha256,
                "384" => ShaAlg::Sha384,
                "512" => ShaAlg::Sha512,
                other => panic!("no SHA-2 with {other} bits"),
            }
        }
        // "A128KW" -> 16, from the digits after the leading `A`.
        fn aes_len(kw: &str) -> usize {
            let bits: usize =
                kw.trim_start_matches('A').trim_end_matches("GCMKW").trim_end_matches("KW").parse().unwrap();
            bits / 8
        }
        for &alg in JweAlgorithm::ALL {
            let name = alg.name();
            let expected = if name == "dir" {
                JweFamily::Direct
            } else if name == "RSA1_5" {
                JweFamily::Rsa(RsaEncryption::Pkcs1v15)
            } else if let Some(rest) = name.strip_prefix("RSA-OAEP") {
                JweFamily::Rsa(match rest {
                    "" => RsaEncryption::OaepSha1,
                    "-256" => RsaEncryption::OaepSha256,
                    "-384" => RsaEncryption::OaepSha384,
                    "-512" => RsaEncryption::OaepSha512,
                    other => panic!("RSA-OAEP{other}"),
                })
            } else if name == "ECDH-ES" {
                JweFamily::EcdhEs(None)
            } else if let Some(kw) = name.strip_prefix("ECDH-ES+") {
                JweFamily::EcdhEs(Some(aes_len(kw)))
            } else if let Some(rest) = name.strip_prefix("PBES2-HS") {
                let (bits, kw) = rest.split_once('+').unwrap();
                JweFamily::Pbes2(sha(bits), aes_len(kw))
            } else if name.ends_with("GCMKW") {
                JweFamily::AesGcmKw(aes_len(name))
            } else if name.ends_with("KW") {
                JweFamily::AesKw(aes_len(name))
            } else {
                panic!("{name} has no family rule in this test")
            };
            assert_eq!(alg.family(), expected, "{name}");
            let kty = if name.starts_with("RSA") {
                Some(KeyType::Rsa)
            } else if name.starts_with("ECDH-ES") || name.starts_with("PBES2-") {
                None
            } else {
                Some(KeyType::Oct)
            };
            assert_eq!(alg.key_type(), kty, "{name}");
            assert_eq!(alg.is_ecdh(), name.starts_with("ECDH-ES"), "{name}");
            assert_eq!(alg.is_pbes2(), name.starts_with("PBES2-"), "{name}");
        }
        // PBES2's wrap length follows its hash (RFC 7518 section 4.8).
        for &alg in JweAlgorithm::ALL {
            if let JweFamily::Pbes2(h, len) = alg.family() {
                assert_eq!(h.output_len(), len * 2, "{alg}");
            }
        }
    }
}
