//! JWK JSON: strict parsing into a [`Jwk`] and serialization back.

use jot_core::alg::{Curve, KeyType};
use jot_core::json::{self, JsonLimits, Object, Value};
use jot_core::{JsonError, Secret, base64std, base64url};

use crate::key::{AkpKey, EcKey, Key, OctKey, OkpKey, RsaKey, RsaPrivate};
use crate::params::{JwkAlgorithm, KeyOp, KeyUse, Parameters};
use crate::{Error, Jwk};

/// Key-material member names, by key type. A member of another key type's
/// material is refused rather than kept: `d` on an `oct` key, say, is more
/// likely a mix-up than an extension.
const RSA_MEMBERS: &[&str] = &["n", "e", "d", "p", "q", "dp", "dq", "qi", "oth"];
const EC_MEMBERS: &[&str] = &["crv", "x", "y", "d"];
const OKP_MEMBERS: &[&str] = &["crv", "x", "d"];
const OCT_MEMBERS: &[&str] = &["k"];
const AKP_MEMBERS: &[&str] = &["pub", "priv"];
const ALL_MATERIAL: &[&str] = &["n", "e", "d", "p", "q", "dp", "dq", "qi", "oth", "crv", "x", "y", "k", "pub", "priv"];
const COMMON: &[&str] = &["kty", "use", "key_ops", "alg", "kid", "x5u", "x5c", "x5t", "x5t#S256"];
/// Members only a private or secret key holds.
const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"];

impl Jwk {
    /// Parses a JWK from JSON under the strict rules (duplicate members
    /// rejected, size and depth bounded) and checks it.
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        let obj = json::parse_object(json, &JsonLimits::DEFAULT)?;
        Self::from_object(&obj)
    }

    /// Makes a public JWK from an object a token carries (an ECDH-ES `epk`,
    /// a JWS header's `jwk`): its `kty` must be one of `ktys`, else
    /// [`Error::KeyTypeMismatch`], and a private or secret member (`d`, `p`,
    /// `q`, `dp`, `dq`, `qi`, `oth`, `k`, `priv`) is [`Error::PrivateMember`]. Both
    /// are decided from the member names alone, before any member is decoded
    /// or any key is checked: a token cannot make jot validate a private key
    /// (an 8192-bit RSA key's CRT parameters, say) only to refuse it.
    ///
    /// ```
    /// use jot_jwt::alg::KeyType;
    /// use jot_jwt::json::{JsonLimits, parse_object};
    /// use jot_jwt::jwk::{Error, Jwk};
    /// // `d` is not even base64url: the member name alone refuses it.
    /// let epk = parse_object(br#"{"kty":"OKP","crv":"X25519","x":"AA","d":"!"}"#, &JsonLimits::DEFAULT)?;
    /// assert_eq!(Jwk::public_from_token(&epk, &[KeyType::Ec, KeyType::Okp]), Err(Error::PrivateMember { member: "d" }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn public_from_token(obj: &Object, ktys: &[KeyType]) -> Result<Self, Error> {
        let kty = obj.get_str("kty")?.ok_or(JsonError::Missing { member: "kty" })?;
        let kty = KeyType::from_name(kty).map_err(|_| Error::UnsupportedKeyType)?;
        if !ktys.contains(&kty) {
            return Err(Error::KeyTypeMismatch);
        }
        if let Some(member) = PRIVATE_MEMBERS.iter().find(|m| obj.contains_key(m)) {
            return Err(Error::PrivateMember { member });
        }
        let jwk = Self::from_object(obj)?;
        if jwk.is_private() {
            // Unreachable with the names above; kept so a future key type
            // with other private members cannot slip through.
            return Err(Error::PrivateMember { member: "d" });
        }
        Ok(jwk)
    }

    /// Makes a JWK from a parsed JSON object and checks it.
    pub fn from_object(obj: &Object) -> Result<Self, Error> {
        let kty = obj.get_str("kty")?.ok_or(JsonError::Missing { member: "kty" })?;
        let kty = KeyType::from_name(kty).map_err(|_| Error::UnsupportedKeyType)?;
        let allowed = match kty {
            KeyType::Rsa => RSA_MEMBERS,
            KeyType::Ec => EC_MEMBERS,
            KeyType::Okp => OKP_MEMBERS,
            KeyType::Akp => AKP_MEMBERS,
            _ => OCT_MEMBERS,
        };
        for (name, _) in obj.iter() {
            if let Some(member) = ALL_MATERIAL.iter().find(|m| **m == name)
                && !allowed.contains(member)
            {
                return Err(Error::UnexpectedMember { member });
            }
        }
        let key = match kty {
            KeyType::Rsa => Key::Rsa(rsa_key(obj)?),
            KeyType::Ec => {
                let crv = curve(obj)?;
                Key::Ec(EcKey { crv, x: required_bytes(obj, "x")?, y: required_bytes(obj, "y")?, d: secret(obj, "d")? })
            }
            KeyType::Okp => {
                let crv = curve(obj)?;
                Key::Okp(OkpKey { crv, x: required_bytes(obj, "x")?, d: secret(obj, "d")? })
            }
            KeyType::Akp => Key::Akp(akp_key(obj)?),
            _ => Key::Oct(OctKey { k: secret(obj, "k")?.ok_or(JsonError::Missing { member: "k" })? }),
        };
        Self::from_key(key, parameters(obj)?)
    }

    /// The JWK as a JSON object, private members included.
    pub fn to_object(&self) -> Object {
        let mut obj = self.params.other.clone();
        obj.insert("kty", self.key.key_type().name());
        match &self.key {
            Key::Rsa(k) => {
                obj.insert("n", base64url::encode(&k.n));
                obj.insert("e", base64url::encode(&k.e));
                if let Some(p) = &k.private {
                    for (name, v) in
                        [("d", &p.d), ("p", &p.p), ("q", &p.q), ("dp", &p.dp), ("dq", &p.dq), ("qi", &p.qi)]
                    {
                        obj.insert(name, base64url::encode(v.expose()));
                    }
                }
            }
            Key::Ec(k) => {
                obj.insert("crv", k.crv.name());
                obj.insert("x", base64url::encode(&k.x));
                obj.insert("y", base64url::encode(&k.y));
                if let Some(d) = &k.d {
                    obj.insert("d", base64url::encode(d.expose()));
                }
            }
            Key::Okp(k) => {
                obj.insert("crv", k.crv.name());
                obj.insert("x", base64url::encode(&k.x));
                if let Some(d) = &k.d {
                    obj.insert("d", base64url::encode(d.expose()));
                }
            }
            Key::Oct(k) => {
                obj.insert("k", base64url::encode(k.k.expose()));
            }
            Key::Akp(k) => {
                obj.insert("pub", base64url::encode(&k.public));
                if let Some(p) = &k.private {
                    obj.insert("priv", base64url::encode(p.expose()));
                }
            }
        }
        let p = &self.params;
        if let Some(u) = &p.key_use {
            obj.insert("use", u.name());
        }
        if let Some(ops) = &p.key_ops {
            obj.insert("key_ops", ops.iter().map(|o| Value::from(o.name())).collect::<Vec<_>>());
        }
        match (&self.key, &p.alg) {
            // An AKP key's `alg` is part of the key: written from it, so the
            // output is a key that reads back (`set_alg` does not check).
            (Key::Akp(k), _) => {
                obj.insert("alg", k.alg.name());
            }
            (_, Some(a)) => {
                obj.insert("alg", a.name());
            }
            (_, None) => {}
        }
        if let Some(k) = &p.kid {
            obj.insert("kid", k.as_str());
        }
        if let Some(u) = &p.x5u {
            obj.insert("x5u", u.as_str());
        }
        if let Some(c) = &p.x5c {
            obj.insert("x5c", c.iter().map(|der| Value::from(base64std::encode(der))).collect::<Vec<_>>());
        }
        if let Some(t) = &p.x5t {
            obj.insert("x5t", base64url::encode(t));
        }
        if let Some(t) = &p.x5t_s256 {
            obj.insert("x5t#S256", base64url::encode(t));
        }
        obj
    }

    /// The JWK as compact JSON, private members included.
    pub fn to_json(&self) -> String {
        self.to_object().to_json()
    }
}

impl serde::Serialize for Jwk {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_object().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Jwk {
    /// Deserializes under the strict JSON rules and runs every check.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Object(o) => Jwk::from_object(&o).map_err(serde::de::Error::custom),
            _ => Err(serde::de::Error::custom("a JWK must be a JSON object")),
        }
    }
}

fn curve(obj: &Object) -> Result<Curve, Error> {
    let crv = obj.get_str("crv")?.ok_or(JsonError::Missing { member: "crv" })?;
    Curve::from_name(crv).map_err(|_| Error::UnsupportedCurve)
}

fn bytes(obj: &Object, member: &'static str) -> Result<Option<Vec<u8>>, Error> {
    match obj.get_str(member)? {
        None => Ok(None),
        Some(s) => base64url::decode(s).map(Some).map_err(|_| Error::Base64 { member }),
    }
}

fn required_bytes(obj: &Object, member: &'static str) -> Result<Vec<u8>, Error> {
    bytes(obj, member)?.ok_or(Error::Json(JsonError::Missing { member }))
}

/// A private member: decoded in constant time with respect to its value.
fn secret(obj: &Object, member: &'static str) -> Result<Option<Secret>, Error> {
    match obj.get_str(member)? {
        None => Ok(None),
        Some(s) => base64url::decode_secret(s).map(|b| Some(Secret::new(b))).map_err(|_| Error::Base64 { member }),
    }
}

/// An AKP key (RFC 9964): `alg` is REQUIRED and part of the key; jot
/// implements the ML-DSA algorithms. Lengths are checked with the key.
fn akp_key(obj: &Object) -> Result<AkpKey, Error> {
    let alg = obj.get_str("alg")?.ok_or(JsonError::Missing { member: "alg" })?;
    let alg = match JwkAlgorithm::from_name(alg) {
        JwkAlgorithm::Jws(a) if a.key_type() == KeyType::Akp => a,
        // An algorithm jot does not know (another AKP algorithm, say
        // SLH-DSA or ML-KEM): a key it cannot use, skipped in a set.
        JwkAlgorithm::Other(_) => return Err(Error::UnsupportedAlgorithm),
        // A known algorithm with another key type (`ES256` on an AKP key).
        _ => return Err(Error::KeyTypeMismatch),
    };
    Ok(AkpKey { alg, public: required_bytes(obj, "pub")?, private: secret(obj, "priv")? })
}

fn rsa_key(obj: &Object) -> Result<RsaKey, Error> {
    if obj.contains_key("oth") {
        return Err(Error::MultiPrimeRsa);
    }
    let n = required_bytes(obj, "n")?;
    let e = required_bytes(obj, "e")?;
    let d = secret(obj, "d")?;
    let crt = [secret(obj, "p")?, secret(obj, "q")?, secret(obj, "dp")?, secret(obj, "dq")?, secret(obj, "qi")?];
    let private = match (d, crt) {
        (None, [None, None, None, None, None]) => None,
        (Some(d), [Some(p), Some(q), Some(dp), Some(dq), Some(qi)]) => Some(RsaPrivate { d, p, q, dp, dq, qi }),
        (Some(_), _) => return Err(Error::MissingCrtParameters),
        // CRT parameters without `d`.
        (None, _) => return Err(Error::Json(JsonError::Missing { member: "d" })),
    };
    Ok(RsaKey { n, e, private })
}

fn parameters(obj: &Object) -> Result<Parameters, Error> {
    let key_use = obj.get_str("use")?.map(KeyUse::from_name);
    let key_ops = obj.get_str_array("key_ops")?.map(|ops| ops.into_iter().map(KeyOp::from_name).collect());
    let alg = obj.get_str("alg")?.map(JwkAlgorithm::from_name);
    let kid = obj.get_str("kid")?.map(str::to_owned);
    let x5u = obj.get_str("x5u")?.map(str::to_owned);
    let x5c = match obj.get_str_array("x5c")? {
        None => None,
        Some(certs) => Some(
            certs
                .into_iter()
                .map(|c| base64std::decode(c).map_err(|_| Error::Base64 { member: "x5c" }))
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let x5t = bytes(obj, "x5t")?;
    let x5t_s256 = bytes(obj, "x5t#S256")?;
    let other = obj
        .iter()
        .filter(|(name, _)| !COMMON.contains(name) && !ALL_MATERIAL.contains(name))
        .map(|(name, v)| (name.to_owned(), v.clone()))
        .collect();
    Ok(Parameters { key_use, key_ops, alg, kid, x5u, x5c, x5t, x5t_s256, other })
}
