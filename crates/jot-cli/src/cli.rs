//! The command line, as a contract: these names, flags and exit statuses
//! are what other implementations' test suites drive.

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use crate::parse::{self, TimeArg};

/// jot: JOSE keys, signatures, encryption and tokens from a terminal.
///
/// Exit status: 0 success; 1 the token was rejected (signature,
/// decryption, claims) or, for inspect, is not a token; 2 bad usage, an
/// unreadable or unusable key, or an unsupported algorithm; 3 the remote
/// keys could not be fetched.
#[derive(Parser, Debug)]
#[command(
    name = "jot",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "Exit status: 0 success; 1 the token was rejected (signature, decryption, claims) or, for inspect,\nis not a token; 2 bad usage, an unreadable or unusable key, or an unsupported algorithm; 3 the remote\nkeys (--jwks-url, --oidc) could not be fetched.\n\nExample:\n  jot key generate --alg ES256 > es256.jwk\n  printf 'hello' | jot jws sign --key es256.jwk --alg ES256 | jot inspect"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Write the output to FILE (created with mode 0600: keys and tokens
    /// are secrets) instead of stdout.
    #[arg(short, long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Generate, publish, fingerprint and convert keys.
    #[command(
        subcommand,
        after_help = "Example:\n  jot key generate --alg ES256 > es256.jwk\n  jot key public es256.jwk"
    )]
    Key(KeyCommand),
    /// Sign and verify JWS.
    #[command(
        subcommand,
        after_help = "Example:\n  printf 'hello' | jot jws sign --key es256.jwk --alg ES256 > token.txt\n  jot jws verify --key es256.pub.jwk --alg ES256 token.txt"
    )]
    Jws(JwsCommand),
    /// Encrypt and decrypt JWE.
    #[command(
        subcommand,
        after_help = "Example:\n  printf 'secret' | jot jwe encrypt --key rsa.pub.jwk --alg RSA-OAEP-256 --enc A256GCM > token.txt\n  jot jwe decrypt --key rsa.jwk --alg RSA-OAEP-256 --enc A256GCM token.txt"
    )]
    Jwe(JweCommand),
    /// Issue and verify JWTs.
    #[command(
        subcommand,
        after_help = "Example:\n  jot jwt sign --key es256.jwk --alg ES256 --sub alice --aud api --exp 15m > token.txt\n  jot jwt verify --key es256.pub.jwk --alg ES256 --aud api token.txt"
    )]
    Jwt(JwtCommand),
    /// Show a JWS, JWE or JWT without verifying it.
    #[command(
        after_help = "Control and bidi characters from the token are shown as \\uXXXX (\\u001b for ESC), never raw.\n\nExample:\n  jot inspect token.txt\n  echo \"$TOKEN\" | jot inspect"
    )]
    Inspect {
        /// The token (default: stdin).
        file: Option<PathBuf>,
    },
    /// Serve the offline token debugger page on 127.0.0.1.
    #[command(
        after_help = "The page is jot compiled to WebAssembly: it makes no network request and stores nothing. Build it\nfirst with debugger/build.sh (it writes target/debugger/); the built index.html also works opened\nfrom disk.\n\nExample:\n  debugger/build.sh && jot serve\n  jot serve --port 0 --dir target/debugger"
    )]
    Serve(ServeArgs),
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The TCP port on 127.0.0.1 (0: any free port; the URL is printed).
    #[arg(long, value_name = "PORT", default_value_t = 7878)]
    pub port: u16,
    /// The built page (written by debugger/build.sh).
    #[arg(long, value_name = "DIR", default_value = "target/debugger")]
    pub dir: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
    /// Print a new private JWK.
    #[command(
        after_help = "Examples:\n  jot key generate --alg ES256 > es256.jwk\n  jot key generate --kty RSA --bits 3072 --use sig\n  jot key generate --alg dir --enc A256GCM"
    )]
    Generate(GenerateArgs),
    /// Print the public JWK (or JWK Set) of a private one.
    #[command(after_help = "Example:\n  jot key public es256.jwk > es256.pub.jwk")]
    Public {
        /// The key (default: stdin).
        file: Option<PathBuf>,
    },
    /// Print the RFC 7638 thumbprint of a key.
    #[command(after_help = "Example:\n  jot key thumbprint --uri es256.jwk")]
    Thumbprint {
        /// The hash function.
        #[arg(long, value_enum, default_value_t = Hash::Sha256)]
        hash: Hash,
        /// Print the RFC 9278 thumbprint URI.
        #[arg(long)]
        uri: bool,
        /// The key (default: stdin).
        file: Option<PathBuf>,
    },
    /// Convert between PEM and JWK.
    #[command(
        after_help = "Examples:\n  jot key convert --to pem es256.jwk\n  jot key convert --to pem --public es256.jwk\n  openssl genpkey -algorithm ed25519 | jot key convert --to jwk"
    )]
    Convert {
        /// The output format.
        #[arg(long, value_enum)]
        to: Format,
        /// Output only the public key.
        #[arg(long)]
        public: bool,
        /// The key (default: stdin).
        file: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// The algorithm the key is for (sets kty, size, "alg" and "use").
    #[arg(long, conflicts_with_all = ["kty", "crv", "bits"], required_unless_present = "kty")]
    pub alg: Option<String>,
    /// The key type: RSA, EC, OKP or oct.
    #[arg(long)]
    pub kty: Option<String>,
    /// The curve (EC: P-256, P-384, P-521, secp256k1; OKP: Ed25519, X25519).
    #[arg(long)]
    pub crv: Option<String>,
    /// The size in bits (RSA: 2048, 3072, 4096; oct: a multiple of 8, at
    /// most 8192).
    #[arg(long, value_parser = parse::unsigned::<usize>)]
    pub bits: Option<usize>,
    /// For --alg dir: the content encryption algorithm that sizes the key;
    /// the key's "alg" names it (as panva's jose requires), which binds the
    /// key to dir with that algorithm only.
    #[arg(long)]
    pub enc: Option<String>,
    /// The key ID (default: the SHA-256 thumbprint).
    #[arg(long)]
    pub kid: Option<String>,
    /// The intended use.
    #[arg(long = "use", value_enum)]
    pub key_use: Option<Use>,
}

#[derive(Subcommand, Debug)]
pub enum JwsCommand {
    /// Sign the payload bytes of FILE (or stdin) exactly; print the JWS.
    #[command(after_help = "Example:\n  printf 'hello' | jot jws sign --key es256.jwk --alg ES256")]
    Sign(JwsSignArgs),
    /// Verify a JWS; print the verified payload bytes exactly.
    #[command(after_help = "Example:\n  jot jws verify --key es256.pub.jwk --alg ES256 token.txt")]
    Verify(JwsVerifyArgs),
}

#[derive(Args, Debug)]
pub struct JwsSignArgs {
    /// The signing key (JWK or PEM).
    #[arg(long)]
    pub key: PathBuf,
    /// The algorithm.
    #[arg(long)]
    pub alg: String,
    /// The key ID to put in the header (default: the key's).
    #[arg(long)]
    pub kid: Option<String>,
    /// Extra protected header members, as a JSON object.
    #[arg(long)]
    pub header: Option<String>,
    /// The serialization.
    #[arg(long, value_enum, default_value_t = Serialization::Compact)]
    pub format: Serialization,
    /// Leave the payload out of the JWS (RFC 7515 appendix F).
    #[arg(long)]
    pub detached: bool,
    /// Do not base64url-encode the payload (RFC 7797, b64: false).
    #[arg(long)]
    pub unencoded: bool,
    /// The payload (default: stdin).
    pub file: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct JwsVerifyArgs {
    /// The verifying key: a JWK, a JWK Set or PEM.
    #[arg(long)]
    pub key: PathBuf,
    /// An accepted algorithm (repeat for several).
    #[arg(long, required = true)]
    pub alg: Vec<String>,
    /// The detached payload.
    #[arg(long)]
    pub payload: Option<PathBuf>,
    /// A critical header extension to accept (repeat for several).
    #[arg(long)]
    pub crit: Vec<String>,
    /// The token (default: stdin); a leading '{' means a JSON serialization.
    pub file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum JweCommand {
    /// Encrypt the bytes of FILE (or stdin); print the JWE.
    #[command(
        after_help = "Examples:\n  printf 'secret' | jot jwe encrypt --key rsa.pub.jwk --alg RSA-OAEP-256 --enc A256GCM\n  jot jwe encrypt --password-file pw.txt --alg PBES2-HS256+A128KW --enc A128GCM data.bin"
    )]
    Encrypt(JweEncryptArgs),
    /// Decrypt a JWE; print the plaintext bytes exactly.
    #[command(after_help = "Example:\n  jot jwe decrypt --key rsa.jwk --alg RSA-OAEP-256 --enc A256GCM token.txt")]
    Decrypt(JweDecryptArgs),
}

#[derive(Args, Debug)]
pub struct JweEncryptArgs {
    /// The recipient's key (JWK or PEM); for PBES2 use --password-file.
    #[arg(long, required_unless_present = "password_file")]
    pub key: Option<PathBuf>,
    /// The key management algorithm.
    #[arg(long)]
    pub alg: String,
    /// The content encryption algorithm.
    #[arg(long)]
    pub enc: String,
    /// Compress the plaintext (zip: DEF).
    #[arg(long)]
    pub zip: bool,
    /// The key ID to put in the header (default: the key's).
    #[arg(long)]
    pub kid: Option<String>,
    /// Extra protected header members, as a JSON object.
    #[arg(long)]
    pub header: Option<String>,
    /// The serialization.
    #[arg(long, value_enum, default_value_t = Serialization::Compact)]
    pub format: Serialization,
    /// The PBES2 iteration count.
    #[arg(long, value_parser = parse::unsigned::<u32>)]
    pub p2c: Option<u32>,
    /// A file holding the PBES2 password (replaces --key).
    #[arg(long, conflicts_with = "key")]
    pub password_file: Option<PathBuf>,
    /// The plaintext (default: stdin).
    pub file: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct JweDecryptArgs {
    /// The decryption key: a JWK, a JWK Set or PEM; for PBES2 use
    /// --password-file.
    #[arg(long, required_unless_present = "password_file")]
    pub key: Option<PathBuf>,
    /// An accepted key management algorithm (repeat for several). RSA1_5
    /// works only when named here.
    #[arg(long, required = true)]
    pub alg: Vec<String>,
    /// An accepted content encryption algorithm (repeat for several).
    #[arg(long, required = true)]
    pub enc: Vec<String>,
    /// The highest PBES2 iteration count accepted.
    #[arg(long, value_parser = parse::unsigned::<u32>)]
    pub max_p2c: Option<u32>,
    /// The largest decompressed plaintext accepted, in bytes.
    #[arg(long, value_parser = parse::unsigned::<usize>)]
    pub zip_limit: Option<usize>,
    /// A file holding the PBES2 password (replaces --key).
    #[arg(long, conflicts_with = "key")]
    pub password_file: Option<PathBuf>,
    /// The token (default: stdin); a leading '{' means a JSON serialization.
    pub file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum JwtCommand {
    /// Issue a JWT (optionally nested in a JWE).
    #[command(
        after_help = "Examples:\n  jot jwt sign --key es256.jwk --alg ES256 --iss https://id.example --sub alice --aud api --exp 15m --iat\n  jot jwt sign --key es256.jwk --alg ES256 --claims '{\"role\":\"admin\"}' --exp 1h \\\n      --encrypt-key svc.pub.jwk --key-alg ECDH-ES+A256KW --enc A256GCM"
    )]
    Sign(JwtSignArgs),
    /// Verify a JWT and its claims; print the claims as one line of JSON.
    #[command(
        after_help = "Examples:\n  jot jwt verify --key es256.pub.jwk --alg ES256 --iss https://id.example --aud api token.txt\n  jot jwt verify --oidc https://id.example --alg RS256 --aud api token.txt\n  jot jwt verify --jwks-url https://id.example/jwks.json --alg ES256 --aud api token.txt"
    )]
    Verify(JwtVerifyArgs),
}

#[derive(Args, Debug)]
pub struct JwtSignArgs {
    /// The signing key (JWK or PEM).
    #[arg(long)]
    pub key: PathBuf,
    /// The signature algorithm.
    #[arg(long)]
    pub alg: String,
    /// Claims as a JSON object (the flags below add to or replace them).
    #[arg(long)]
    pub claims: Option<String>,
    /// iss
    #[arg(long)]
    pub iss: Option<String>,
    /// sub
    #[arg(long)]
    pub sub: Option<String>,
    /// aud (repeat for an array)
    #[arg(long)]
    pub aud: Vec<String>,
    /// exp: a duration from now (30s, 15m, 1h, 7d) or an absolute NumericDate.
    #[arg(long, value_parser = parse::time_arg)]
    pub exp: Option<TimeArg>,
    /// nbf: a duration from now or an absolute NumericDate.
    #[arg(long, value_parser = parse::time_arg)]
    pub nbf: Option<TimeArg>,
    /// Issue a token without exp (one that never expires); without it,
    /// --exp is required.
    #[arg(long, conflicts_with = "exp")]
    pub no_exp: bool,
    /// Set iat to now.
    #[arg(long)]
    pub iat: bool,
    /// jti
    #[arg(long)]
    pub jti: Option<String>,
    /// typ in the header (default JWT).
    #[arg(long)]
    pub typ: Option<String>,
    /// kid in the header (default: the key's).
    #[arg(long)]
    pub kid: Option<String>,
    /// Encrypt the signed JWT to this key (nested JWT).
    #[arg(long, requires_all = ["key_alg", "enc"])]
    pub encrypt_key: Option<PathBuf>,
    /// The key management algorithm for --encrypt-key.
    #[arg(long, requires = "encrypt_key")]
    pub key_alg: Option<String>,
    /// The content encryption algorithm for --encrypt-key.
    #[arg(long, requires = "encrypt_key")]
    pub enc: Option<String>,
}

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("keys").required(true).args(["key", "jwks_url", "oidc"])))]
pub struct JwtVerifyArgs {
    /// The verifying key: a JWK, a JWK Set or PEM.
    #[arg(long)]
    pub key: Option<PathBuf>,
    /// Fetch the verifying keys from this JWK Set URL (https only).
    #[arg(long, value_name = "URL")]
    pub jwks_url: Option<String>,
    /// Find the keys through OpenID Connect discovery of this issuer
    /// (its /.well-known/openid-configuration); the token's iss must be it.
    #[arg(long, value_name = "ISSUER")]
    pub oidc: Option<String>,
    /// Allow plain http for --jwks-url or --oidc on a loopback host
    /// (127.0.0.1, ::1, localhost): for local tests only.
    #[arg(long)]
    pub allow_http_loopback: bool,
    /// An accepted signature algorithm (repeat for several).
    #[arg(long, required = true)]
    pub alg: Vec<String>,
    /// An accepted issuer (repeat for several; makes iss required).
    #[arg(long)]
    pub iss: Vec<String>,
    /// An accepted audience (repeat for several; makes aud required).
    #[arg(long)]
    pub aud: Vec<String>,
    /// The required subject.
    #[arg(long)]
    pub sub: Option<String>,
    /// Clock-skew leeway in seconds (default 60).
    #[arg(long, value_parser = parse::unsigned::<u64>)]
    pub leeway: Option<u64>,
    /// A claim that must be present (iss, sub, aud, exp, nbf, iat, jti).
    #[arg(long)]
    pub require: Vec<String>,
    /// Reject tokens whose iat is older than this duration (30s, 15m, 1h, 7d).
    #[arg(long, value_parser = parse::max_age)]
    pub max_age: Option<Duration>,
    /// The required typ (case-insensitive; "application/" ignored).
    #[arg(long)]
    pub typ: Option<String>,
    /// Accept tokens without exp.
    #[arg(long)]
    pub no_exp: bool,
    /// Accept a token whatever its aud (without it, a token with an aud is
    /// refused unless --aud names one of its audiences).
    #[arg(long, conflicts_with = "aud")]
    pub any_audience: bool,
    /// Check the claims as of this NumericDate instead of now.
    #[arg(long, value_parser = parse::numeric_date)]
    pub now: Option<i64>,
    /// The key that decrypts a nested JWT.
    #[arg(long, requires_all = ["key_alg", "enc"])]
    pub decrypt_key: Option<PathBuf>,
    /// An accepted key management algorithm for --decrypt-key.
    #[arg(long, requires = "decrypt_key")]
    pub key_alg: Vec<String>,
    /// An accepted content encryption algorithm for --decrypt-key.
    #[arg(long, requires = "decrypt_key")]
    pub enc: Vec<String>,
    /// The token (default: stdin).
    pub file: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jwk,
    Pem,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    Sig,
    Enc,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Serialization {
    Compact,
    Flattened,
    General,
}

#[cfg(test)]
mod tests {
    use clap::Parser;
    use clap::error::ErrorKind;
    use proptest::prelude::*;

    use super::Cli;
    use crate::error::clap_line;
    use crate::{escape, parse};

    /// Each duration and number flag, with the rest of a command line that
    /// clap accepts, and the flag's name as clap shows it.
    const FLAGS: [(&[&str], &str, &str); 9] = [
        (&["key", "generate", "--kty", "oct"], "--bits", "--bits <BITS>"),
        (&["jwe", "encrypt", "--key", "k", "--alg", "A128KW", "--enc", "A128GCM"], "--p2c", "--p2c <P2C>"),
        (&["jwe", "decrypt", "--key", "k", "--alg", "A128KW", "--enc", "A128GCM"], "--max-p2c", "--max-p2c <MAX_P2C>"),
        (
            &["jwe", "decrypt", "--key", "k", "--alg", "A128KW", "--enc", "A128GCM"],
            "--zip-limit",
            "--zip-limit <ZIP_LIMIT>",
        ),
        (&["jwt", "sign", "--key", "k", "--alg", "ES256"], "--exp", "--exp <EXP>"),
        (&["jwt", "sign", "--key", "k", "--alg", "ES256"], "--nbf", "--nbf <NBF>"),
        (&["jwt", "verify", "--key", "k", "--alg", "ES256"], "--leeway", "--leeway <LEEWAY>"),
        (&["jwt", "verify", "--key", "k", "--alg", "ES256"], "--max-age", "--max-age <MAX_AGE>"),
        (&["jwt", "verify", "--key", "k", "--alg", "ES256"], "--now", "--now <NOW>"),
    ];

    fn parse_with(base: &[&str], flag_args: &[&str]) -> Result<Cli, clap::Error> {
        let args = ["jot"].iter().chain(base).chain(flag_args).copied();
        Cli::try_parse_from(args)
    }

    /// What `main` prints for a refused command line.
    fn line(e: &clap::Error) -> String {
        escape::text(&clap_line(e))
    }

    #[test]
    fn the_issue_14_values_are_usage_errors_that_name_the_flag() {
        for (base, flag, shown) in FLAGS {
            for value in ["é", "€", "1é", "30€", "😀", "\u{1b}[31m", "1w", ""] {
                let e = parse_with(base, &[&format!("{flag}={value}")]).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::ValueValidation, "{flag}={value}");
                let l = line(&e);
                assert!(l.starts_with(&format!("invalid value for {shown}: ")), "{l}");
                assert!(l.ends_with("(see --help)"), "{l}");
                if !value.is_empty() {
                    assert!(!l.contains(value), "{l}");
                }
            }
            // A value that starts with '-' after a space is taken for a flag
            // by clap; it is not echoed either.
            let e = parse_with(base, &[flag, "-é"]).unwrap_err();
            assert_eq!(line(&e), "unexpected argument (not shown) (see --help)");
        }
        // Still named: a mistyped flag or subcommand.
        let e = Cli::try_parse_from(["jot", "key", "generate", "--alg", "ES256", "--fromat"]).unwrap_err();
        assert!(line(&e).contains("'--fromat'"), "{}", line(&e));
        let e = Cli::try_parse_from(["jot", "frobnicate"]).unwrap_err();
        assert!(line(&e).contains("'frobnicate'"), "{}", line(&e));
        // Not named: a stray positional, which may be a token.
        let e = Cli::try_parse_from(["jot", "inspect", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.sig"]).unwrap_err();
        assert_eq!(line(&e), "unexpected argument (not shown) (see --help)");
        let e = Cli::try_parse_from(["jot", "eyJhbGciOiJIUzI1NiJ9.e30.sig"]).unwrap_err();
        assert_eq!(line(&e), "unrecognized subcommand (not shown) (see --help)");
        // A ValueEnum value is not echoed; the possible values are listed.
        let e = Cli::try_parse_from(["jot", "key", "thumbprint", "--hash", "sha1"]).unwrap_err();
        assert_eq!(line(&e), "invalid value for --hash <HASH> [possible values: sha256, sha384, sha512] (see --help)");
        // A missing value says so.
        let e = Cli::try_parse_from(["jot", "jwt", "sign", "--key", "k", "--alg", "ES256", "--exp"]).unwrap_err();
        assert!(line(&e).contains("a value is required for '--exp <EXP>'"), "{}", line(&e));
    }

    fn any_flag_value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "\\PC{0,8}",
            "-?[0-9]{0,24}.",
            "[0-9]{1,6}[smhd].",
            "[0-9]{0,6}[\u{80}-\u{10ffff}]{1,3}",
        ]
    }

    proptest! {
        /// Every duration and number flag, through clap as `main` runs it:
        /// any value parses or is a usage error whose line names the flag
        /// and gives one of the parsers' fixed messages; nothing panics.
        #[test]
        fn every_duration_and_number_flag_is_total(value in any_flag_value()) {
            for (base, flag, shown) in FLAGS {
                match parse_with(base, &[&format!("{flag}={value}")]) {
                    Ok(_) => {}
                    Err(e) => {
                        prop_assert_eq!(e.kind(), ErrorKind::ValueValidation);
                        let l = line(&e);
                        let message = l
                            .strip_prefix(&format!("invalid value for {shown}: "))
                            .and_then(|rest| rest.strip_suffix(" (see --help)"));
                        prop_assert!(message.is_some_and(|m| parse::MESSAGES.contains(&m)), "{l}");
                    }
                }
                // After a space: clap may also take the value for a flag.
                if let Err(e) = parse_with(base, &[flag, &value]) {
                    let l = line(&e);
                    prop_assert!(!l.chars().any(escape::is_unsafe), "{l:?}");
                    prop_assert!(l.ends_with("(see --help)"), "{l}");
                }
            }
        }
    }
}
