//! CLI errors and their exit statuses.

use std::fmt;

/// Why a command failed, which decides the exit status.
#[derive(Debug)]
pub enum CliError {
    /// The token was rejected (signature, decryption, claims): exit 1.
    Rejected(String),
    /// Bad usage, an unreadable or unusable key, an unsupported algorithm:
    /// exit 2.
    Usage(String),
}

impl CliError {
    pub fn usage(msg: impl fmt::Display) -> Self {
        Self::Usage(msg.to_string())
    }

    pub fn rejected(msg: impl fmt::Display) -> Self {
        Self::Rejected(msg.to_string())
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Rejected(_) => 1,
            Self::Usage(_) => 2,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rejected(m) => write!(f, "token rejected: {m}"),
            Self::Usage(m) => f.write_str(m),
        }
    }
}

pub type Result<T> = std::result::Result<T, CliError>;

/// Maps a key-binding failure (the key cannot be used as asked).
pub fn key_error(e: jot_jwt::jwk::Error) -> CliError {
    CliError::usage(format!("unusable key: {e}"))
}
