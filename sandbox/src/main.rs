//! `dondominio-sandbox`: serves the sandbox until SIGINT or SIGTERM.
//!
//! ```text
//! dondominio-sandbox [--addr HOST:PORT] [--account USER:PASSWORD]... [--empty] [--seed FILE] [--state FILE]
//! ```
//! The first line on stdout is the base URL (`http://127.0.0.1:PORT`).

// Under an older spec the library is empty (see its docs): say why instead of a page of
// unresolved imports.
#[cfg(dondominio_sandbox_off)]
compile_error!(
    "dondominio-sandbox simulates the newest API only: build it without \
     DONDOMINIO_SPEC_VERSION / DONDOMINIO_SPEC_DIR picking another spec"
);

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use dondominio_sandbox::{http, SandboxBuilder, DEFAULT_PASSWORD, DEFAULT_USER};

/// A stateful sandbox of the DonDominio API for tests and any client.
#[derive(Parser)]
#[command(name = "dondominio-sandbox", version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: String,
    /// An account as USER:PASSWORD (repeatable). Without any, the account
    /// `sandbox` / `sandbox` is created.
    #[arg(long = "account", value_name = "USER:PASSWORD")]
    accounts: Vec<String>,
    /// Start the accounts without the demo data set.
    #[arg(long)]
    empty: bool,
    /// Add the accounts of a seed file (YAML or JSON).
    #[arg(long, value_name = "FILE")]
    seed: Option<PathBuf>,
    /// Keep the state in FILE, a SQLite database: loaded when it exists (the JSON state
    /// file of an older sandbox is migrated), and every change committed to it before its
    /// answer is sent.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut builder = SandboxBuilder::default().addr(args.addr.clone());
    for account in &args.accounts {
        let Some((user, password)) = account
            .split_once(':')
            .filter(|(u, p)| !u.is_empty() && !p.is_empty())
        else {
            eprintln!(
                "dondominio-sandbox: --account takes USER:PASSWORD, got `{}`",
                account.split(':').next().unwrap_or("")
            );
            return ExitCode::from(2);
        };
        builder = builder.account(user, password);
    }
    if args.empty {
        builder = builder.empty();
    }
    if let Some(seed) = args.seed {
        builder = builder.seed_file(seed);
    }
    if let Some(state) = args.state.clone() {
        builder = builder.state_file(state);
    }
    let engine = match builder.open() {
        Ok(started) => {
            if let (Some(backup), Some(state)) = (&started.migrated, &args.state) {
                eprintln!(
                    "dondominio-sandbox: {} held the JSON state of an older sandbox: it is now a \
                     SQLite database with the same content; the JSON is kept as {}",
                    state.display(),
                    backup.display()
                );
            }
            Arc::new(started.engine)
        }
        Err(e) => {
            eprintln!("dondominio-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dondominio-sandbox: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&args.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("dondominio-sandbox: cannot listen on {}: {e}", args.addr);
                return ExitCode::FAILURE;
            }
        };
        let url = match listener.local_addr() {
            Ok(a) => format!("http://{a}"),
            Err(e) => {
                eprintln!("dondominio-sandbox: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut out = std::io::stdout();
        let _ = writeln!(out, "{url}");
        let _ = out.flush();
        if args.accounts.is_empty() {
            eprintln!(
                "dondominio-sandbox: account `{DEFAULT_USER}`, password `{DEFAULT_PASSWORD}`"
            );
        }
        let (stop, stopped) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            wait_for_signal().await;
            let _ = stop.send(true);
        });
        dondominio_sandbox::serve(listener, http::router(engine), stopped).await;
        ExitCode::SUCCESS
    })
}

/// SIGINT or SIGTERM (Ctrl-C elsewhere).
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) {
            (Ok(mut int), Ok(mut term)) => {
                tokio::select! {
                    _ = int.recv() => {}
                    _ = term.recv() => {}
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
