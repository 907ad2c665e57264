//! The command line, as a contract: these names, flags and exit statuses
//! are what other implementations' test suites drive.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// jot: JOSE keys, signatures, encryption and tokens from a terminal.
///
/// Exit status: 0 success; 1 the token was rejected (signature,
/// decryption, claims); 2 bad usage, an unreadable or unusable key, or an
/// unsupported algorithm.
#[derive(Parser, Debug)]
#[command(
    name = "jot",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "Exit status: 0 success; 1 the token was rejected (signature, decryption, claims); 2 bad usage, an\nunreadable or unusable key, or an unsupported algorithm.\n\nExample:\n  jot key generate --alg ES256 > es256.jwk\n  printf 'hello' | jot jws sign --key es256.jwk --alg ES256 | jot inspect"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
    #[command(after_help = "Example:\n  jot inspect token.txt\n  echo \"$TOKEN\" | jot inspect")]
    Inspect {
        /// The token (default: stdin).
        file: Option<PathBuf>,
    },
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
    /// The size in bits (RSA: 2048, 3072, 4096; oct: a multiple of 8).
    #[arg(long)]
    pub bits: Option<usize>,
    /// For --alg dir: the content encryption algorithm that sizes the key.
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
    #[arg(long)]
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
    #[arg(long)]
    pub max_p2c: Option<u32>,
    /// The largest decompressed plaintext accepted, in bytes.
    #[arg(long)]
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
        after_help = "Example:\n  jot jwt verify --key es256.pub.jwk --alg ES256 --iss https://id.example --aud api token.txt"
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
    #[arg(long)]
    pub exp: Option<String>,
    /// nbf: a duration from now or an absolute NumericDate.
    #[arg(long)]
    pub nbf: Option<String>,
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
pub struct JwtVerifyArgs {
    /// The verifying key: a JWK, a JWK Set or PEM.
    #[arg(long)]
    pub key: PathBuf,
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
    #[arg(long)]
    pub leeway: Option<u64>,
    /// A claim that must be present (iss, sub, aud, exp, nbf, iat, jti).
    #[arg(long)]
    pub require: Vec<String>,
    /// Reject tokens whose iat is older than this duration (30s, 15m, 1h, 7d).
    #[arg(long)]
    pub max_age: Option<String>,
    /// The required typ (case-insensitive; "application/" ignored).
    #[arg(long)]
    pub typ: Option<String>,
    /// Accept tokens without exp.
    #[arg(long)]
    pub no_exp: bool,
    /// Check the claims as of this NumericDate instead of now.
    #[arg(long)]
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
