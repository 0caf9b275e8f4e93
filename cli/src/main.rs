//! `dondominio`: call the DonDominio API from the shell, or decode captured responses.
//!
//! Without credentials in `DONDOMINIO_API_USER` / `DONDOMINIO_API_PASSWD`, `call` starts the
//! embedded mock server and says so on stderr.

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use dondominio::{decode_response, Action, Client, Credentials, DecodeOptions, Error};
use dondominio_mock::{MockCredentials, MockServer};

/// Command line for the DonDominio / MrDomain API.
#[derive(Parser)]
#[command(name = "dondominio", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Call an action and print its typed response as JSON.
    Call {
        /// The action, such as `domain/check`.
        action: String,
        /// Parameters as `key=value`, with the API's wire names (`domain=example.com`).
        params: Vec<String>,
        /// Refuse response fields and values the spec does not know.
        #[arg(long)]
        strict: bool,
        /// API address (default: the production API, or the embedded mock without credentials).
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Decode a captured response envelope (a file, or `-` for stdin) and print it as JSON.
    Decode {
        /// The action the response belongs to, such as `domain/getinfo`.
        action: String,
        /// The file holding the full response body, or `-` for stdin.
        file: String,
        /// Refuse fields and enum values the spec does not know.
        #[arg(long)]
        strict: bool,
        /// For variant responses (infoType): the variant to decode as.
        #[arg(long)]
        variant: Option<String>,
    },
    /// List every action with its kind (read, write, billable).
    Actions,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Call {
            action,
            params,
            strict,
            base_url,
        } => call(&action, &params, strict, base_url),
        Command::Decode {
            action,
            file,
            strict,
            variant,
        } => decode(&action, &file, strict, variant),
        Command::Actions => {
            for a in Action::all() {
                let info = a.info();
                println!("{:<40} {:<9} {}", info.path, info.kind.as_str(), info.doc);
            }
            ExitCode::SUCCESS
        }
    }
}

fn action_named(name: &str) -> Result<Action, ExitCode> {
    Action::from_name(name).ok_or_else(|| {
        eprintln!("unknown action `{name}`; `dondominio actions` lists them");
        ExitCode::from(2)
    })
}

fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot print the response as JSON: {e}");
            ExitCode::from(1)
        }
    }
}

fn report(e: &Error) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(1)
}

fn call(name: &str, raw: &[String], strict: bool, base_url: Option<String>) -> ExitCode {
    let action = match action_named(name) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let mut params = Vec::new();
    for p in raw {
        match p.split_once('=') {
            Some((k, v)) if !k.is_empty() => params.push((k.to_owned(), v.to_owned())),
            _ => {
                eprintln!("parameter `{p}` is not key=value");
                return ExitCode::from(2);
            }
        }
    }
    let mut _mock = None;
    let (credentials, base_url) = match Credentials::from_env() {
        Ok(c) => (c, base_url),
        Err(_) => {
            let creds = MockCredentials {
                user: "mock".into(),
                password: "mock".into(),
            };
            let server = match MockServer::start(creds) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(1);
                }
            };
            eprintln!(
                "note: DONDOMINIO_API_USER / DONDOMINIO_API_PASSWD are not set: using the embedded mock at {}",
                server.url()
            );
            let url = server.url();
            _mock = Some(server);
            (Credentials::new("mock", "mock"), Some(url))
        }
    };
    let mut builder = Client::builder().credentials(credentials).strict(strict);
    if let Some(url) = base_url {
        builder = builder.base_url(url);
    }
    let client = match builder.build() {
        Ok(c) => c,
        Err(e) => return report(&e),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let envelope = match runtime.block_on(client.call_raw(action, &params)) {
        Ok(e) => e,
        Err(e) => return report(&e),
    };
    let info = action.info();
    let variant = info.selector.and_then(|s| {
        params
            .iter()
            .find(|(k, _)| k == s.param)
            .map(|(_, v)| v.clone())
            .or(s.default.map(str::to_owned))
    });
    let options = DecodeOptions {
        strict,
        variant: variant.filter(|v| info.variants.contains(&v.as_str())),
    };
    match decode_response(action, envelope.body.as_bytes(), &options) {
        Ok(r) => print_json(&r),
        Err(e) => report(&e),
    }
}

fn decode(name: &str, file: &str, strict: bool, variant: Option<String>) -> ExitCode {
    let action = match action_named(name) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let mut body = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut body).map(|_| ())
    } else {
        std::fs::read(file).map(|b| body = b)
    };
    if let Err(e) = read {
        eprintln!("cannot read {file}: {e}");
        return ExitCode::from(2);
    }
    match decode_response(action, &body, &DecodeOptions { strict, variant }) {
        Ok(r) => print_json(&r),
        Err(Error::Decode { path, message, .. }) => {
            eprintln!("{name}: field `{path}` failed: {message}");
            ExitCode::from(1)
        }
        Err(e) => report(&e),
    }
}
