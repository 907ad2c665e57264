//! Issuing: [`JwtBuilder`] signs a claims set, and nests it in a JWE when
//! asked (RFC 7519 section 11.2).

use std::time::Duration;

use jot_core::alg::JweFamily;
use jot_core::json::{self, JsonLimits, Object, Value};
use jot_jwe::JweBuilder;
use jot_jws::{JwsBuilder, Signer};
use serde::Serialize;

use crate::Error;
use crate::claims::NumericDate;
use crate::clock::{Clock, SystemClock};

/// Builds and signs a JWT. `typ` defaults to `JWT`; `iat` is set to now
/// unless the caller sets it.
///
/// ```
/// use jot_jwt::alg::{JweAlgorithm, JweEncryption, JwsAlgorithm};
/// use jot_jwt::{Jwk, JwtBuilder, jwe::JweBuilder};
/// use std::time::Duration;
///
/// let signing = Jwk::generate_for_jws(JwsAlgorithm::EdDSA)?;
/// let encryption = Jwk::generate_for_jwe(JweAlgorithm::EcdhEsA256Kw, None)?;
/// let recipient = encryption.to_public().unwrap().encrypting_key(JweAlgorithm::EcdhEsA256Kw)?;
///
/// // Signed, then encrypted: the JWE carries cty "JWT".
/// let token = JwtBuilder::new()
///     .subject("alice")
///     .expires_in(Duration::from_secs(60))
///     .claim("role", "admin")
///     .sign_and_encrypt(
///         &signing.signing_key(JwsAlgorithm::EdDSA)?,
///         JweBuilder::new(JweEncryption::A256Gcm).recipient(&recipient),
///     )?;
/// assert_eq!(token.split('.').count(), 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct JwtBuilder {
    /// Claims set by the builder's methods.
    claims: Object,
    /// The values given to [`claims`](Self::claims), serialized once and
    /// merged into one JSON object's text (empty when there are none).
    custom: String,
    typ: Option<String>,
    cty: Option<String>,
    kid: Option<String>,
    header: Object,
    now: i64,
    iat: bool,
}

impl Default for JwtBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl JwtBuilder {
    /// A builder using the system clock.
    pub fn new() -> Self {
        Self::with_clock(&SystemClock)
    }

    /// A builder whose "now" comes from the given clock.
    pub fn with_clock(clock: &dyn Clock) -> Self {
        Self {
            claims: Object::new(),
            custom: String::new(),
            typ: Some("JWT".to_owned()),
            cty: None,
            kid: None,
            header: Object::new(),
            now: clock.now(),
            iat: true,
        }
    }

    /// `iss`
    pub fn issuer(mut self, iss: impl Into<String>) -> Self {
        self.claims.insert("iss", iss.into());
        self
    }

    /// `sub`
    pub fn subject(mut self, sub: impl Into<String>) -> Self {
        self.claims.insert("sub", sub.into());
        self
    }

    /// `aud` as one string.
    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.claims.insert("aud", aud.into());
        self
    }

    /// `aud` as an array of strings (an array even of one).
    pub fn audiences<S: Into<String>>(mut self, aud: impl IntoIterator<Item = S>) -> Self {
        self.claims.insert("aud", aud.into_iter().map(|a| Value::from(a.into())).collect::<Vec<_>>());
        self
    }

    /// `exp` at an absolute NumericDate (seconds).
    pub fn expires_at(mut self, exp: i64) -> Self {
        self.claims.insert("exp", NumericDate::from_secs(exp).to_value());
        self
    }

    /// `exp` relative to now.
    pub fn expires_in(self, d: Duration) -> Self {
        let exp = self.now.saturating_add(i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        self.expires_at(exp)
    }

    /// `nbf` at an absolute NumericDate (seconds).
    pub fn not_before(mut self, nbf: i64) -> Self {
        self.claims.insert("nbf", NumericDate::from_secs(nbf).to_value());
        self
    }

    /// `iat` at an absolute NumericDate (default: now).
    pub fn issued_at(mut self, iat: i64) -> Self {
        self.claims.insert("iat", NumericDate::from_secs(iat).to_value());
        self
    }

    /// Leaves `iat` out: no automatic one, and any set by
    /// [`issued_at`](Self::issued_at) removed (an `iat` member of a value
    /// given to [`claims`](Self::claims) stays).
    pub fn without_iat(mut self) -> Self {
        self.iat = false;
        self.claims.remove("iat");
        self
    }

    /// `jti`
    pub fn jwt_id(mut self, jti: impl Into<String>) -> Self {
        self.claims.insert("jti", jti.into());
        self
    }

    /// Any claim.
    pub fn claim(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.claims.insert(name, value);
        self
    }

    /// Adds the members of a serializable value (a struct of the caller's
    /// claims); it must serialize to a JSON object. The value is serialized
    /// once, here, and its members go into the token as serialized.
    ///
    /// A claim may be named once: signing fails with [`Error::ApiMisuse`]
    /// if a member of the value is also set by a builder method (`iat`
    /// included, unless it is the automatic one, which the value's `iat`
    /// replaces) or by another value, or if the value's own members repeat.
    pub fn claims<T: Serialize>(mut self, value: &T) -> Result<Self, Error> {
        let not_object = Error::ApiMisuse("claims must serialize to an object");
        let text = json::to_string(value).map_err(|_| not_object.clone())?;
        // serde_json writes no whitespace: an object starts with '{'.
        let members = match text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            Some(members) => members,
            None => return Err(not_object),
        };
        if self.custom.is_empty() {
            self.custom = text;
        } else if !members.is_empty() {
            self.custom.pop();
            if self.custom.len() > 1 {
                self.custom.push(',');
            }
            self.custom.push_str(members);
            self.custom.push('}');
        }
        Ok(self)
    }

    /// `typ` in the JWS header (default `JWT`). Use e.g. `at+jwt` for
    /// RFC 9068 access tokens.
    pub fn typ(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// Leaves `typ` out of the JWS header.
    pub fn without_typ(mut self) -> Self {
        self.typ = None;
        self
    }

    /// `cty` in the JWS header.
    pub fn cty(mut self, cty: impl Into<String>) -> Self {
        self.cty = Some(cty.into());
        self
    }

    /// `kid` in the JWS header (default: the signer's).
    pub fn kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Another protected JWS header parameter.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.header.insert(name, value);
        self
    }

    /// The claims document: the builder's claims, the members of the values
    /// given to [`claims`](Self::claims), and `iat` unless set or left out.
    fn payload(&self) -> Result<String, Error> {
        let mut auto_iat = self.iat && !self.claims.contains_key("iat");
        if !self.custom.is_empty() {
            // The caller's members, checked under the rules a verifier
            // applies (jot never issues what it would refuse), and each name
            // given once.
            let mut twice = false;
            json::__private::scan_object(self.custom.as_bytes(), &JsonLimits::DEFAULT, |name, _| {
                let name = name.to_cow();
                twice |= self.claims.contains_key(&name);
                auto_iat &= name != "iat";
            })
            .map_err(|_| {
                Error::ApiMisuse("claims must serialize to an object within the default JSON limits, each member once")
            })?;
            if twice {
                return Err(Error::ApiMisuse("a claim is set both by a builder method and by claims()"));
            }
        }
        let builder_claims = self.claims.to_json();
        let mut out = String::with_capacity(builder_claims.len() + self.custom.len() + 32);
        out.push_str(builder_claims.strip_suffix('}').unwrap_or_default());
        let mut append = |members: &str| {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(members);
        };
        if let Some(members) = self.custom.strip_prefix('{').and_then(|t| t.strip_suffix('}'))
            && !members.is_empty()
        {
            append(members);
        }
        if auto_iat {
            append(&format!("\"iat\":{}", NumericDate::from_secs(self.now).to_value().to_json()));
        }
        out.push('}');
        Ok(out)
    }

    /// Signs: a compact JWS whose payload is the claims.
    pub fn sign(&self, signer: &dyn Signer) -> Result<String, Error> {
        let mut jws = JwsBuilder::new(signer);
        if let Some(t) = &self.typ {
            jws = jws.typ(t);
        }
        if let Some(c) = &self.cty {
            jws = jws.cty(c);
        }
        if let Some(k) = &self.kid {
            jws = jws.kid(Some(k));
        }
        for (k, v) in self.header.iter() {
            jws = jws.header(k, v.clone())?;
        }
        Ok(jws.compact(self.payload()?.as_bytes())?)
    }

    /// Encrypts without signing: a compact JWE whose plaintext is the
    /// claims, with no JWS inside, for a recipient that accepts it with
    /// [`Validation::allow_unsigned_jwe`](crate::Validation::allow_unsigned_jwe).
    ///
    /// The JWE proves its sender only through a shared key, so only
    /// symmetric key management (`dir`, AES key wrap, AES-GCM key wrap,
    /// PBES2) is allowed: a recipient using RSA or ECDH-ES fails with
    /// [`Error::ApiMisuse`], as a verifier refuses such a token whatever
    /// it allows. The builder's `typ` goes into the JWE's protected header;
    /// `cty`, `kid` and [`header`](Self::header) are JWS header parameters
    /// and fail with [`Error::ApiMisuse`] here rather than being dropped
    /// (the recipient key's `kid` is the JWE's).
    ///
    /// ```
    /// use jot_jwt::alg::{JweAlgorithm, JweEncryption};
    /// use jot_jwt::jwe::{Decrypter, JweBuilder};
    /// use jot_jwt::{Jwk, JwtBuilder, Validation};
    /// use std::time::Duration;
    ///
    /// let key = Jwk::generate_for_jwe(JweAlgorithm::A256Kw, None)?;
    /// let token = JwtBuilder::new()
    ///     .subject("alice")
    ///     .expires_in(Duration::from_secs(60))
    ///     .encrypt(JweBuilder::new(JweEncryption::A256Gcm).recipient(&key.encrypting_key(JweAlgorithm::A256Kw)?))?;
    ///
    /// let decrypter = Decrypter::new(key.decrypting_key(JweAlgorithm::A256Kw)?, &[JweEncryption::A256Gcm]);
    /// let validation = Validation::claims_only().decrypt_with(decrypter);
    /// // Refused unless unsigned JWE is allowed by name.
    /// assert!(validation.verify_claims(&token).is_err());
    /// let jwt = validation.allow_unsigned_jwe().verify_claims(&token)?;
    /// assert_eq!(jwt.registered().sub.as_deref(), Some("alice"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn encrypt(&self, jwe: JweBuilder<'_>) -> Result<String, Error> {
        if jwe.recipient_algorithms().any(|a| matches!(a.family(), JweFamily::Rsa(_) | JweFamily::EcdhEs(_))) {
            return Err(Error::ApiMisuse("an unsigned JWT is encrypted with symmetric key management only"));
        }
        if self.cty.is_some() || self.kid.is_some() || !self.header.is_empty() {
            return Err(Error::ApiMisuse("cty, kid and header parameters are for a signed JWT"));
        }
        let jwe = match &self.typ {
            Some(t) => jwe.typ(t),
            None => jwe,
        };
        Ok(jwe.compact(self.payload()?.as_bytes())?)
    }

    /// Signs, then encrypts the signed JWT with the given JWE builder (its
    /// recipients and content algorithm), setting `cty: "JWT"` on the JWE
    /// (RFC 7519 section 5.2).
    pub fn sign_and_encrypt(&self, signer: &dyn Signer, jwe: JweBuilder<'_>) -> Result<String, Error> {
        let signed = self.sign(signer)?;
        Ok(jwe.cty("JWT").compact(signed.as_bytes())?)
    }
}
