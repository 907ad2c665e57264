//! The registered claims (RFC 7519 section 4.1), typed and read strictly:
//! a claim of the wrong type is an error, never "absent".

use core::fmt;

/// A registered claim name, for required-claim lists and errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// `iss`
    Iss,
    /// `sub`
    Sub,
    /// `aud`
    Aud,
    /// `exp`
    Exp,
    /// `nbf`
    Nbf,
    /// `iat`
    Iat,
    /// `jti`
    Jti,
}

impl Claim {
    /// The claim's name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Iss => "iss",
            Self::Sub => "sub",
            Self::Aud => "aud",
            Self::Exp => "exp",
            Self::Nbf => "nbf",
            Self::Iat => "iat",
            Self::Jti => "jti",
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `aud`: one string or an array of strings, nothing else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Audience {
    /// A single audience.
    One(String),
    /// Several audiences (possibly none: an empty array matches nothing).
    Many(Vec<String>),
}

impl Audience {
    /// Every audience value.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        let slice: &[String] = match self {
            Self::One(s) => core::slice::from_ref(s),
            Self::Many(v) => v,
        };
        slice.iter().map(String::as_str)
    }
}

/// The registered claims of a JWT: an owned copy of what validation read
/// (the one reader of registered claims, which checks each claim's type).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegisteredClaims {
    /// `iss`
    pub iss: Option<String>,
    /// `sub`
    pub sub: Option<String>,
    /// `aud`
    pub aud: Option<Audience>,
    /// `exp`
    pub exp: Option<NumericDate>,
    /// `nbf`
    pub nbf: Option<NumericDate>,
    /// `iat`
    pub iat: Option<NumericDate>,
    /// `jti`
    pub jti: Option<String>,
}

impl RegisteredClaims {
    /// Whether a claim is present.
    pub fn has(&self, claim: Claim) -> bool {
        match claim {
            Claim::Iss => self.iss.is_some(),
            Claim::Sub => self.sub.is_some(),
            Claim::Aud => self.aud.is_some(),
            Claim::Exp => self.exp.is_some(),
            Claim::Nbf => self.nbf.is_some(),
            Claim::Iat => self.iat.is_some(),
            Claim::Jti => self.jti.is_some(),
        }
    }
}

mod date;
mod view;

pub use date::NumericDate;
pub(crate) use date::whole_i64;

pub(crate) use view::{RegisteredView, StoredView};

#[cfg(test)]
mod tests;
