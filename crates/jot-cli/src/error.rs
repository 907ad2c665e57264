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
    /// The input is not a token at all (`inspect`, which verifies nothing,
    /// so nothing was rejected): exit 1.
    Malformed(String),
    /// The remote key set could not be fetched (network, provider, limits):
    /// exit 3.
    Unavailable(String),
}

impl CliError {
    pub fn usage(msg: impl fmt::Display) -> Self {
        Self::Usage(msg.to_string())
    }

    pub fn rejected(msg: impl fmt::Display) -> Self {
        Self::Rejected(msg.to_string())
    }

    pub fn malformed(msg: impl fmt::Display) -> Self {
        Self::Malformed(msg.to_string())
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Rejected(_) | Self::Malformed(_) => 1,
            Self::Usage(_) => 2,
            Self::Unavailable(_) => 3,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rejected(m) => write!(f, "token rejected: {m}"),
            Self::Usage(m) => f.write_str(m),
            Self::Malformed(m) => write!(f, "cannot decode the token: {m}"),
            Self::Unavailable(m) => write!(f, "keys unavailable: {m}"),
        }
    }
}

// The flag parsers (`parse.rs`) return `CliError` to clap, which keeps it
// as the source of its own error.
impl std::error::Error for CliError {}

pub type Result<T> = std::result::Result<T, CliError>;

/// The one `error:` line (without the `error: ` prefix) for a command line
/// clap refused. A refused flag value or a stray positional argument is
/// never repeated, since it may be a token or a secret typed in the wrong
/// place, or text that breaks the terminal: the line names the flag and
/// says what its value must be. Misspelled flags and subcommands, which
/// look like names, are repeated so the user sees the typo.
pub fn clap_line(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};

    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    match e.kind() {
        // (An empty InvalidValue is clap's "a value is required": nothing to
        // hide, and clap's text says it best.)
        ErrorKind::InvalidValue if context(ContextKind::InvalidValue) == Some("") => {}
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let flag = context(ContextKind::InvalidArg).unwrap_or("an argument");
            let why = match (std::error::Error::source(e), e.get(ContextKind::ValidValue)) {
                (Some(source), _) => format!(": {source}"),
                (None, Some(ContextValue::Strings(valid))) => format!(" [possible values: {}]", valid.join(", ")),
                _ => String::new(),
            };
            return format!("invalid value for {flag}{why} (see --help)");
        }
        ErrorKind::UnknownArgument if !context(ContextKind::InvalidArg).is_some_and(looks_like_flag) => {
            return "unexpected argument (not shown) (see --help)".to_owned();
        }
        ErrorKind::InvalidSubcommand if !context(ContextKind::InvalidSubcommand).is_some_and(looks_like_name) => {
            return "unrecognized subcommand (not shown) (see --help)".to_owned();
        }
        ErrorKind::InvalidSubcommand => {
            if let (Some(typed), Some(ContextValue::Strings(near))) =
                (context(ContextKind::InvalidSubcommand), e.get(ContextKind::SuggestedSubcommand))
                && let Some(first) = near.first()
            {
                return format!("unrecognized subcommand '{typed}': did you mean '{first}'? (see --help)");
            }
        }
        _ => {}
    }
    let rendered = e.to_string();
    let line = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("tip:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let line = line.strip_prefix("error: ").unwrap_or(&line);
    format!("{line} (see --help)")
}

/// `--name` or `-n`: what a mistyped flag looks like (not a token, a key
/// or a value).
fn looks_like_flag(arg: &str) -> bool {
    let name = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-')).unwrap_or("");
    looks_like_name(name)
}

/// A short lowercase ASCII word, as subcommands and flags are named.
fn looks_like_name(word: &str) -> bool {
    (1..=32).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !word.starts_with('-')
}

/// Maps a key-binding failure (the key cannot be used as asked).
pub fn key_error(e: jot_jwt::jwk::Error) -> CliError {
    CliError::usage(format!("unusable key: {e}"))
}
