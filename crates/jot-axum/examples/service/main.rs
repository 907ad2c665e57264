//! An axum service protected by jot-axum, configured from an issuer and an
//! audience (OpenID Connect discovery finds the keys):
//!
//! ```sh
//! cargo run -p jot-axum --example service -- \
//!     --issuer https://id.example.com --audience urn:example:orders [--listen 127.0.0.1:3000]
//! # or: ISSUER=... AUDIENCE=... LISTEN=... cargo run -p jot-axum --example service
//! curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3000/orders
//! ```
//!
//! `--allow-http-loopback` (or `ALLOW_HTTP_LOOPBACK=1`) accepts an
//! `http://127.0.0.1:...` issuer, for a local identity provider. The
//! routes are in `app.rs`.

mod app;

use std::process::ExitCode;

fn main() -> ExitCode {
    match settings() {
        Ok((settings, listen)) => match run(&settings, &listen) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("service: {e}");
                ExitCode::FAILURE
            }
        },
        Err(usage) => {
            eprintln!("{usage}\nusage: service --issuer URL --audience AUD [--listen ADDR] [--allow-http-loopback]");
            ExitCode::from(2)
        }
    }
}

#[tokio::main]
async fn run(settings: &app::Settings, listen: &str) -> Result<(), Box<dyn std::error::Error>> {
    let router = app::app(settings)?;
    let listener = tokio::net::TcpListener::bind(listen).await?;
    eprintln!("service: listening on http://{}, tokens from {}", listener.local_addr()?, settings.issuer);
    axum::serve(listener, router).await?;
    Ok(())
}

/// The settings and listen address from the command line, then the
/// environment (ISSUER, AUDIENCE, LISTEN, ALLOW_HTTP_LOOPBACK).
fn settings() -> Result<(app::Settings, String), String> {
    let mut issuer = std::env::var("ISSUER").ok();
    let mut audience = std::env::var("AUDIENCE").ok();
    let mut listen = std::env::var("LISTEN").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let mut loopback = std::env::var("ALLOW_HTTP_LOOPBACK").is_ok_and(|v| v == "1" || v == "true");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--issuer" => issuer = Some(value()?),
            "--audience" => audience = Some(value()?),
            "--listen" => listen = value()?,
            "--allow-http-loopback" => loopback = true,
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    let mut settings = app::Settings::new(issuer.ok_or("no issuer")?, audience.ok_or("no audience")?);
    settings.allow_http_loopback = loopback;
    Ok((settings, listen))
}
