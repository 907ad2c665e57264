//! Limits on what a decrypter reads, with safe defaults.

use jot_core::json::JsonLimits;

/// Bounds on the input a decrypter accepts. Every field has a safe default
/// ([`Limits::DEFAULT`]); raise them deliberately.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted token (compact) or JSON document, in bytes.
    pub max_token_bytes: usize,
    /// Largest accepted decoded header, in bytes.
    pub max_header_bytes: usize,
    /// Deepest accepted JSON nesting.
    pub max_json_depth: usize,
    /// Most recipients accepted in a general JWE.
    pub max_recipients: usize,
    /// Highest PBES2 iteration count (`p2c`) accepted; a larger one is
    /// refused before any key derivation.
    pub max_p2c: u32,
    /// Largest decompressed plaintext (`zip: DEF`), enforced while inflating.
    pub max_decompressed_bytes: usize,
}

impl Limits {
    /// 1 MiB tokens, 8 KiB headers, depth 16, 16 recipients, `p2c` at most
    /// 10,000, 250 KB decompressed.
    pub const DEFAULT: Self = Self {
        max_token_bytes: 1024 * 1024,
        max_header_bytes: 8 * 1024,
        max_json_depth: 16,
        max_recipients: 16,
        max_p2c: 10_000,
        max_decompressed_bytes: 250_000,
    };

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
