//! Scopes granted by a token: `scope` (a space-separated string, RFC 8693
//! and RFC 9068) or `scp` (an array of strings, or one space-separated
//! string as Entra ID writes it).

use jot_jwt::json::{Object, Value};

/// Whether the claims grant every scope in `required`.
pub(crate) fn grants_all(claims: &Object, required: &[String]) -> bool {
    required.is_empty() || {
        let granted = granted(claims);
        required.iter().all(|r| granted.contains(&r.as_str()))
    }
}

fn granted(claims: &Object) -> Vec<&str> {
    let mut out = Vec::new();
    if let Some(Value::String(s)) = claims.get("scope") {
        out.extend(s.split(' ').filter(|s| !s.is_empty()));
    }
    match claims.get("scp") {
        Some(Value::String(s)) => out.extend(s.split(' ').filter(|s| !s.is_empty())),
        Some(Value::Array(items)) => out.extend(items.iter().filter_map(Value::as_str)),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use jot_jwt::json::{JsonLimits, parse_object};

    use super::*;

    fn claims(json: &str) -> Object {
        parse_object(json.as_bytes(), &JsonLimits::DEFAULT).unwrap()
    }

    #[test]
    fn scope_and_scp() {
        let need = |s: &[&str]| s.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(grants_all(&claims(r#"{"scope":"a b  c"}"#), &need(&["a", "c"])));
        assert!(grants_all(&claims(r#"{"scp":["a","b"]}"#), &need(&["b"])));
        assert!(grants_all(&claims(r#"{"scp":"a b"}"#), &need(&["a", "b"])));
        assert!(grants_all(&claims(r#"{}"#), &[]));
        assert!(!grants_all(&claims(r#"{"scope":"ab"}"#), &need(&["a"])));
        assert!(!grants_all(&claims(r#"{"scope":["a"]}"#), &need(&["a"])), "scope is a string, not an array");
        assert!(!grants_all(&claims(r#"{"scp":[1,"b"]}"#), &need(&["1"])));
        assert!(!grants_all(&claims(r#"{}"#), &need(&["a"])));
    }
}
