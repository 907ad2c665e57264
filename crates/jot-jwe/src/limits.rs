//! Limits on what a decrypter reads, with safe defaults.

use jot_core::LimitKind;
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
    /// Most recipients accepted in a general JWE
    /// ([`LimitKind::Recipients`](jot_core::LimitKind::Recipients)).
    pub max_recipients: usize,
    /// Most PBES2 iterations one token may cost, summed over the recipients
    /// tried: a recipient whose `p2c` would take the sum past it is refused
    /// before any key derivation
    /// ([`LimitKind::Pbes2Count`](jot_core::LimitKind::Pbes2Count)).
    pub max_p2c: u32,
    /// Most key-management operations one token may cause (key unwraps,
    /// RSA decryptions, ECDH agreements, PBES2 derivations), counted over
    /// the recipients a key was selected for; one more is
    /// [`LimitKind::KeyUnwraps`](jot_core::LimitKind::KeyUnwraps). Raise it
    /// for general JWEs whose many recipients share your algorithm and carry
    /// no `kid`.
    pub max_key_unwraps: usize,
    /// Largest decompressed plaintext (`zip: DEF`), enforced while inflating.
    pub max_decompressed_bytes: usize,
}

impl Limits {
    /// 1 MiB tokens, 8 KiB headers, depth 16, 16 recipients, 10,000 PBES2
    /// iterations and 4 key-management operations per token, 250 KB
    /// decompressed.
    pub const DEFAULT: Self = Self {
        max_token_bytes: 1024 * 1024,
        max_header_bytes: 8 * 1024,
        max_json_depth: 16,
        max_recipients: 16,
        max_p2c: 10_000,
        max_key_unwraps: 4,
        max_decompressed_bytes: 250_000,
    };

    pub(crate) fn header_json(&self) -> JsonLimits {
        JsonLimits { max_bytes: self.max_header_bytes, max_depth: self.max_json_depth }
    }

    pub(crate) fn document_json(&self) -> JsonLimits {
        JsonLimits { max_bytes: self.max_token_bytes, max_depth: self.max_json_depth }
    }
}

/// What is left of one token's key-management allowance while its
/// recipients are tried.
#[derive(Debug)]
pub(crate) struct Budget {
    unwraps: usize,
    p2c: u64,
}

impl Budget {
    pub(crate) fn new(limits: &Limits) -> Self {
        Self { unwraps: limits.max_key_unwraps, p2c: u64::from(limits.max_p2c) }
    }

    /// Takes one key-management operation.
    pub(crate) fn take_unwrap(&mut self) -> Result<(), LimitKind> {
        self.unwraps = self.unwraps.checked_sub(1).ok_or(LimitKind::KeyUnwraps)?;
        Ok(())
    }

    /// Takes `p2c` PBES2 iterations.
    pub(crate) fn take_p2c(&mut self, p2c: u64) -> Result<(), LimitKind> {
        self.p2c = self.p2c.checked_sub(p2c).ok_or(LimitKind::Pbes2Count)?;
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
