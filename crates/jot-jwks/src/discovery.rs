//! OpenID Connect Discovery 1.0 and RFC 8414 authorization server
//! metadata: where the metadata document is, and what of it is trusted.

use std::time::Instant;

use jot_core::alg::JwsAlgorithm;
use jot_core::json::{self, JsonLimits};
use reqwest::Url;

use crate::config::DiscoveryKind;
use crate::{Error, url_policy};

/// What a metadata document said that jot uses.
#[derive(Clone, Debug)]
pub(crate) struct Metadata {
    /// The `jwks_uri`, held to the URL rules.
    pub(crate) jwks_uri: Url,
    /// The caller's algorithms that the provider also advertises (all of
    /// the caller's when the document advertises none).
    pub(crate) algorithms: Vec<JwsAlgorithm>,
    /// When the document was fetched.
    pub(crate) fetched_at: Instant,
}

const OIDC_SUFFIX: &str = "/.well-known/openid-configuration";
const OAUTH_PREFIX: &str = "/.well-known/oauth-authorization-server";
pub(crate) const ACCEPT: &str = "application/json";

/// The metadata document's URL for `issuer`.
///
/// OpenID Connect appends `/.well-known/openid-configuration` to the issuer
/// (a trailing `/` removed first); RFC 8414 section 3 inserts
/// `/.well-known/oauth-authorization-server` between the host and the
/// issuer's path.
pub(crate) fn metadata_url(issuer: &Url, kind: DiscoveryKind) -> Url {
    let mut url = issuer.clone();
    let path = issuer.path().trim_end_matches('/');
    let new_path = match kind {
        DiscoveryKind::OpenIdConnect => format!("{path}{OIDC_SUFFIX}"),
        DiscoveryKind::OAuth => format!("{OAUTH_PREFIX}{path}"),
    };
    url.set_path(&new_path);
    url.set_query(None);
    url
}

/// Checks a metadata document: its `issuer` must be exactly `issuer` (the
/// configured string, byte for byte), its `jwks_uri` must pass the URL
/// rules, and the advertised algorithms narrow the caller's.
pub(crate) fn parse(
    body: &[u8],
    issuer: &str,
    caller_algs: &[JwsAlgorithm],
    allow_http_loopback: bool,
    max_body: usize,
) -> Result<Metadata, Error> {
    let limits = JsonLimits { max_bytes: max_body, max_depth: 16 };
    let doc = json::parse_object(body, &limits).map_err(|_| Error::InvalidMetadata("not a JSON object"))?;
    let stated = doc
        .get_str("issuer")
        .map_err(|_| Error::InvalidMetadata("issuer is not a string"))?
        .ok_or(Error::InvalidMetadata("issuer is missing"))?;
    if stated != issuer {
        return Err(Error::IssuerMismatch);
    }
    let jwks_uri = doc
        .get_str("jwks_uri")
        .map_err(|_| Error::InvalidMetadata("jwks_uri is not a string"))?
        .ok_or(Error::InvalidMetadata("jwks_uri is missing"))?;
    let jwks_uri = url_policy::check(jwks_uri, allow_http_loopback)?;
    let advertised = doc
        .get_str_array("id_token_signing_alg_values_supported")
        .map_err(|_| Error::InvalidMetadata("id_token_signing_alg_values_supported is not an array of strings"))?;
    let algorithms = match advertised {
        None => caller_algs.to_vec(),
        Some(names) => caller_algs.iter().copied().filter(|alg| names.contains(&alg.name())).collect(),
    };
    if algorithms.is_empty() {
        return Err(Error::NoCommonAlgorithm);
    }
    Ok(Metadata { jwks_uri, algorithms, fetched_at: Instant::now() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn metadata_urls() {
        let cases = [
            ("https://id.example", DiscoveryKind::OpenIdConnect, "https://id.example/.well-known/openid-configuration"),
            (
                "https://id.example/tenant/",
                DiscoveryKind::OpenIdConnect,
                "https://id.example/tenant/.well-known/openid-configuration",
            ),
            ("https://id.example", DiscoveryKind::OAuth, "https://id.example/.well-known/oauth-authorization-server"),
            (
                "https://id.example/issuer1",
                DiscoveryKind::OAuth,
                "https://id.example/.well-known/oauth-authorization-server/issuer1",
            ),
        ];
        for (issuer, kind, expected) in cases {
            assert_eq!(metadata_url(&url(issuer), kind).as_str(), expected, "{issuer}");
        }
    }

    #[test]
    fn issuer_must_match_exactly() {
        let algs = [JwsAlgorithm::RS256];
        let doc = br#"{"issuer":"https://id.example/","jwks_uri":"https://id.example/jwks"}"#;
        assert_eq!(parse(doc, "https://id.example", &algs, false, 4096).unwrap_err(), Error::IssuerMismatch);
        assert!(parse(doc, "https://id.example/", &algs, false, 4096).is_ok());
        let doc = br#"{"jwks_uri":"https://id.example/jwks"}"#;
        assert!(matches!(parse(doc, "https://id.example", &algs, false, 4096), Err(Error::InvalidMetadata(_))));
    }

    #[test]
    fn jwks_uri_is_held_to_the_url_rules() {
        let algs = [JwsAlgorithm::RS256];
        for jwks in ["http://id.example/jwks", "file:///etc/passwd", "http://169.254.169.254/"] {
            let doc = format!(r#"{{"issuer":"https://id.example","jwks_uri":"{jwks}"}}"#);
            let err = parse(doc.as_bytes(), "https://id.example", &algs, true, 4096).unwrap_err();
            assert!(matches!(err, Error::InsecureUrl(_)), "{jwks}: {err:?}");
        }
    }

    #[test]
    fn advertised_algorithms_narrow_and_never_widen() {
        let doc = br#"{"issuer":"https://id.example","jwks_uri":"https://id.example/jwks",
            "id_token_signing_alg_values_supported":["RS256","ES256","none","HS256"]}"#;
        let m = parse(doc, "https://id.example", &[JwsAlgorithm::ES256, JwsAlgorithm::EdDSA], false, 4096).unwrap();
        assert_eq!(m.algorithms, vec![JwsAlgorithm::ES256]);
        let err = parse(doc, "https://id.example", &[JwsAlgorithm::EdDSA], false, 4096).unwrap_err();
        assert_eq!(err, Error::NoCommonAlgorithm);
    }
}
