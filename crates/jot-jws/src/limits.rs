//! Limits on what a verifier reads, with safe defaults.

use jot_core::json::JsonLimits;

/// Bounds on the input a verifier accepts. Every field has a safe default
/// ([`Limits::DEFAULT`]); raise them deliberately.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted token (compact) or JSON document, in bytes.
    pub max_token_bytes: usize,
    /// Largest accepted decoded header (protected or unprotected), in bytes.
    pub max_header_bytes: usize,
    /// Deepest accepted JSON nesting in a header or JSON serialization.
    pub max_json_depth: usize,
    /// Most signatures accepted in a general JWS.
    pub max_signatures: usize,
}

impl Limits {
    /// 1 MiB tokens, 8 KiB headers, depth 16, 16 signatures.
    pub const DEFAULT: Self =
        Self { max_token_bytes: 1024 * 1024, max_header_bytes: 8 * 1024, max_json_depth: 16, max_signatures: 16 };

    pub(crate) fn header_json(&self) -> JsonLimits {
        JsonLimits { max_bytes: self.max_header_bytes, max_depth: self.max_json_depth }
    }

    pub(crate) fn document_json(&self) -> JsonLimits {
        JsonLimits { max_bytes: self.max_token_bytes, max_depth: self.max_json_depth }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
