//! `jot`: JOSE keys, signatures, encryption and tokens from a terminal.
//!
//! The command names, flags and exit statuses are a contract (see
//! `cli.rs`): 0 success, 1 the token was rejected (or, for `inspect`, is
//! not a token), 2 bad usage or an unusable key, 3 remote keys
//! unavailable. Errors are one line on stderr beginning `error:`, naming
//! the argument they are about.
#![forbid(unsafe_code)]

mod cli;
mod cmd;
mod error;
mod escape;
mod io;
mod parse;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command, JweCommand, JwsCommand, JwtCommand, KeyCommand};

fn main() -> ExitCode {
    // `jot` alone: the help, as a first step (clig.dev).
    if std::env::args_os().len() <= 1 {
        let _ = <Cli as clap::CommandFactory>::command().print_help();
        return ExitCode::SUCCESS;
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are successes; clap prints them itself.
            if !e.use_stderr() {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            // A group command without its subcommand: clap renders the help
            // (whose first line is the group's description) as the error.
            if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                eprintln!("error: a subcommand is required (see --help)");
                return ExitCode::from(2);
            }
            // Usage errors: one line, as every other error.
            eprintln!("error: {}", escape::text(&error::clap_line(&e)));
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &cli.output {
        io::set_output(path);
    }
    let result = match &cli.command {
        Command::Key(KeyCommand::Generate(a)) => cmd::key::generate(a),
        Command::Key(KeyCommand::Public { file }) => cmd::key::public(file.as_deref()),
        Command::Key(KeyCommand::Thumbprint { hash, uri, file }) => cmd::key::thumbprint(*hash, *uri, file.as_deref()),
        Command::Key(KeyCommand::Convert { to, public, file }) => cmd::key::convert(*to, *public, file.as_deref()),
        Command::Jws(JwsCommand::Sign(a)) => cmd::jws::sign(a),
        Command::Jws(JwsCommand::Verify(a)) => cmd::jws::verify(a),
        Command::Jwe(JweCommand::Encrypt(a)) => cmd::jwe::encrypt(a),
        Command::Jwe(JweCommand::Decrypt(a)) => cmd::jwe::decrypt(a),
        Command::Jwt(JwtCommand::Sign(a)) => cmd::jwt::sign(a),
        Command::Jwt(JwtCommand::Verify(a)) => cmd::jwt::verify(a),
        Command::Inspect { file } => cmd::inspect::inspect(file.as_deref()),
        Command::Serve(a) => cmd::serve::serve(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: messages never carry the token or key material, and
            // what they do carry from a file (a path, a kid) cannot drive
            // the terminal.
            let line = escape::text(&e.to_string().replace('\n', " "));
            eprintln!("error: {line}");
            ExitCode::from(e.exit_code())
        }
    }
}
