//! Rules shared by JWS and JWE headers: the registered parameter names and
//! the `crit` check of RFC 7515 section 4.1.11 (RFC 7516 section 4.1.13).

use crate::json::{Object, Value};

/// Header parameter names registered by RFC 7515, RFC 7516 and RFC 7518.
/// `crit` must not list them.
pub const REGISTERED_NAMES: &[&str] = &[
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc", "zip", "epk", "apu",
    "apv", "iv", "tag", "p2s", "p2c",
];

/// Why a `crit` member was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CritViolation {
    /// `crit` is not an array of strings.
    WrongType,
    /// `crit` is an empty array.
    Empty,
    /// `crit` names a registered header parameter.
    RegisteredName,
    /// `crit` names the same parameter twice.
    Duplicate,
    /// `crit` names an extension that is not understood.
    Unknown,
    /// `crit` names a parameter the protected header does not contain.
    Missing,
}

/// Checks the protected header's `crit` and returns its entries (empty when
/// absent). Every entry must be understood: listed in `understood` (by the
/// library) or `allowed` (by the caller). Whether `crit` may appear outside
/// the protected header is the caller's check.
///
/// ```
/// use jot_core::header::{CritViolation, check_crit};
/// use jot_core::json::{JsonLimits, parse_object};
///
/// let h = parse_object(br#"{"alg":"HS256","crit":["exp"],"exp":1}"#, &JsonLimits::DEFAULT)?;
/// assert_eq!(check_crit(&h, &[], &[]), Err(CritViolation::Unknown));
/// assert_eq!(check_crit(&h, &[], &["exp".to_owned()]), Ok(vec!["exp"]));
/// # Ok::<(), jot_core::Error>(())
/// ```
pub fn check_crit<'a>(
    protected: &'a Object,
    understood: &[&str],
    allowed: &[String],
) -> Result<Vec<&'a str>, CritViolation> {
    let Some(value) = protected.get("crit") else { return Ok(Vec::new()) };
    let Value::Array(items) = value else { return Err(CritViolation::WrongType) };
    if items.is_empty() {
        return Err(CritViolation::Empty);
    }
    let mut names: Vec<&str> = Vec::with_capacity(items.len());
    for item in items {
        let name = item.as_str().ok_or(CritViolation::WrongType)?;
        if REGISTERED_NAMES.contains(&name) {
            return Err(CritViolation::RegisteredName);
        }
        if names.contains(&name) {
            return Err(CritViolation::Duplicate);
        }
        if !understood.contains(&name) && !allowed.iter().any(|a| a == name) {
            return Err(CritViolation::Unknown);
        }
        if !protected.contains_key(name) {
            return Err(CritViolation::Missing);
        }
        names.push(name);
    }
    Ok(names)
}
