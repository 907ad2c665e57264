//! The [`Jwk`] type: validated key material plus its parameters.

use core::fmt;

use jot_core::alg::{Curve, KeyType};

use crate::Error;
use crate::checked::Checked;
use crate::key::Key;
use crate::params::{JwkAlgorithm, KeyOp, KeyUse, Parameters};

/// A JSON Web Key (RFC 7517), checked when it was made.
///
/// Every `Jwk` has passed the checks of [`Jwk::from_key`]: exact coordinate
/// and key lengths, the point on its curve, the private part matching the
/// public part, RSA at least 2048 bits with a sane exponent, `use` and
/// `key_ops` consistent, and the `x5c` certificate (if any) holding the same
/// key. The validated crypto handles are kept, so binding the key to an
/// algorithm later does not parse it again.
///
/// `Debug` never prints private members.
///
/// ```
/// use jot_jwt::jwk::Jwk;
/// let jwk = Jwk::from_json(br#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow","kid":"k1"}"#)?;
/// assert_eq!(jwk.kid(), Some("k1"));
/// assert!(jwk.is_private());
/// assert!(!format!("{jwk:?}").contains("AyM1"));
/// # Ok::<(), jot_jwt::jwk::Error>(())
/// ```
#[derive(Clone)]
pub struct Jwk {
    pub(crate) key: Key,
    pub(crate) params: Parameters,
    pub(crate) checked: Checked,
}

impl Jwk {
    /// Makes a JWK from key material and parameters, running every check.
    pub fn from_key(key: Key, params: Parameters) -> Result<Self, Error> {
        let checked = crate::validate::check_key(&key)?;
        crate::validate::check_params(&key, &params)?;
        Ok(Self { key, params, checked })
    }

    /// The key material.
    pub fn key(&self) -> &Key {
        &self.key
    }

    /// The parameters (`use`, `key_ops`, `alg`, `kid`, X.509 members, others).
    pub fn params(&self) -> &Parameters {
        &self.params
    }

    /// The key type.
    pub fn key_type(&self) -> KeyType {
        self.key.key_type()
    }

    /// The curve, for EC and OKP keys.
    pub fn curve(&self) -> Option<Curve> {
        self.key.curve()
    }

    /// `kid`, if present.
    pub fn kid(&self) -> Option<&str> {
        self.params.kid.as_deref()
    }

    /// `alg`, if present.
    pub fn alg(&self) -> Option<&JwkAlgorithm> {
        self.params.alg.as_ref()
    }

    /// `use`, if present.
    pub fn key_use(&self) -> Option<&KeyUse> {
        self.params.key_use.as_ref()
    }

    /// `key_ops`, if present.
    pub fn key_ops(&self) -> Option<&[KeyOp]> {
        self.params.key_ops.as_deref()
    }

    /// Whether the key holds private or secret material.
    pub fn is_private(&self) -> bool {
        self.key.is_private()
    }

    /// Sets `kid`.
    pub fn set_kid(&mut self, kid: impl Into<String>) {
        self.params.kid = Some(kid.into());
    }

    /// Sets `alg`.
    pub fn set_alg(&mut self, alg: impl Into<JwkAlgorithm>) {
        self.params.alg = Some(alg.into());
    }

    /// Replaces the parameters, re-running the parameter checks.
    pub fn set_params(&mut self, params: Parameters) -> Result<(), Error> {
        crate::validate::check_params(&self.key, &params)?;
        self.params = params;
        Ok(())
    }

    /// The public JWK: private members removed, every parameter kept.
    /// `None` for `oct` keys, which have no public part.
    ///
    /// `key_ops` entries that only a private key can perform (`sign`,
    /// `decrypt`, `unwrapKey`) are mapped to their public counterparts.
    pub fn to_public(&self) -> Option<Self> {
        let key = self.key.to_public()?;
        let checked = self.checked.to_public()?;
        let mut params = self.params.clone();
        if let Some(ops) = params.key_ops.take() {
            let mut public_ops: Vec<KeyOp> = Vec::new();
            for op in ops {
                let op = match op {
                    KeyOp::Sign => KeyOp::Verify,
                    KeyOp::Decrypt => KeyOp::Encrypt,
                    KeyOp::UnwrapKey => KeyOp::WrapKey,
                    other => other,
                };
                if !public_ops.contains(&op) {
                    public_ops.push(op);
                }
            }
            params.key_ops = Some(public_ops);
        }
        Some(Self { key, params, checked })
    }
}

impl PartialEq for Jwk {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.params == other.params
    }
}

impl fmt::Debug for Jwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jwk")
            .field("kty", &self.key.key_type())
            .field("crv", &self.key.curve())
            .field("kid", &self.params.kid)
            .field("alg", &self.params.alg)
            .field("use", &self.params.key_use)
            .field("private", &self.key.is_private())
            .finish()
    }
}
