//! `dondominio`: call the DonDominio API from the shell, or decode captured responses.
//!
//! Every module and action is a subcommand built at run time from the spec's metadata
//! ([`dondominio::meta::ActionInfo`]), so the command line always matches the client. Without
//! credentials in `DONDOMINIO_API_USER` / `DONDOMINIO_API_PASSWD`, calls go to an embedded
//! server started on loopback, and the command says so on stderr.

mod options;
mod out;
mod params;
mod run;

use std::io::Read;
use std::process::ExitCode;

use clap::{value_parser, Arg, ArgMatches, Args, Command, FromArgMatches};
use dondominio::meta::Kind;
use dondominio::{decode_response, Action, DecodeOptions, Error};

use options::{Options, Strict};
use out::Failure;

fn main() -> ExitCode {
    let result = match cli().try_get_matches() {
        Ok(m) => dispatch(&m),
        Err(e) => {
            // Help and version go to stdout, usage errors to stderr; a closed pipe is not an
            // error worth reporting.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if let Some(m) = f.message {
                out::stderr(&format!("error: {m}"));
            }
            ExitCode::from(f.code)
        }
    }
}

/// The whole command line: the fixed commands, then one subcommand per module and action.
fn cli() -> Command {
    let mut root = Command::new("dondominio")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Command line for the DonDominio / MrDomain API")
        .long_about(
            "Command line for the DonDominio / MrDomain API.\n\nEvery action is a subcommand \
             (`dondominio domain check --domain example.com`); `call` takes the wire keys \
             instead (`dondominio call domain/check domain=example.com`). Credentials come from \
             DONDOMINIO_API_USER and DONDOMINIO_API_PASSWD; without them, calls go to an \
             embedded test server.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Options::augment_args(Command::new("call"))
                .about("Call an action with wire keys (`key=value`) and print its response")
                .arg(
                    Arg::new("action")
                        .required(true)
                        .value_name("MODULE/ACTION")
                        .help("The action, such as `domain/check`"),
                )
                .arg(
                    Arg::new("params")
                        .num_args(0..)
                        .value_name("KEY=VALUE")
                        .help(
                            "Parameters with the API's wire keys (`domain=example.com`, \
                             `alt_name_2=b.example.com`)",
                        ),
                ),
        )
        .subcommand(
            Strict::augment_args(Command::new("decode"))
                .about("Decode a captured response envelope (a file, or `-` for stdin) and print it as JSON")
                .arg(Arg::new("action").required(true).value_name("MODULE/ACTION").help("The action the response belongs to, such as `domain/getinfo`"))
                .arg(Arg::new("file").required(true).help("The file holding the full response body, or `-` for stdin"))
                .arg(Arg::new("variant").long("variant").value_name("VARIANT").help("For variant responses (infoType): the variant to decode as")),
        )
        .subcommand(Command::new("actions").about("List every action with its kind (read, write, billable)"))
        .subcommand(
            Command::new("completions")
                .about("Print a shell completion script (bash, zsh, fish, elvish, powershell)")
                .arg(Arg::new("shell").required(true).value_parser(value_parser!(clap_complete::Shell))),
        );
    let mut modules: Vec<&'static str> = Vec::new();
    for a in Action::all() {
        if !modules.contains(&a.info().module) {
            modules.push(a.info().module);
        }
    }
    for module in modules {
        let actions: Vec<Command> = Action::all()
            .into_iter()
            .map(Action::info)
            .filter(|i| i.module == module)
            .map(|info| {
                let kind = match info.kind {
                    Kind::Read => "read-only".to_owned(),
                    Kind::Write => "changes state".to_owned(),
                    Kind::Billable => {
                        "costs money: asks for confirmation on a terminal, needs --yes otherwise"
                            .to_owned()
                    }
                };
                let mut about = format!("{} ({kind})", info.doc.trim());
                if info.paged {
                    about.push_str(" Paged: --all walks every page.");
                }
                Options::augment_args(Command::new(info.name))
                    .about(about)
                    .after_help(
                        "Some parameters are needed only with certain others (a contact given \
                         in full, a TLD's extra data); that is checked before anything is sent. \
                         `--help` shows each parameter's wire key and Rust name.",
                    )
                    .args(params::args(info))
            })
            .collect();
        root = root.subcommand(
            Command::new(module)
                .about(format!("Actions of the `{module}` module"))
                .subcommand_required(true)
                .arg_required_else_help(true)
                .subcommands(actions),
        );
    }
    root
}

fn dispatch(m: &ArgMatches) -> Result<(), Failure> {
    match m.subcommand() {
        Some(("call", sub)) => {
            let name = sub.get_one::<String>("action").map_or("", String::as_str);
            let action = action_named(name)?;
            let words: Vec<String> = sub
                .get_many::<String>("params")
                .map(|v| v.cloned().collect())
                .unwrap_or_default();
            let pairs = params::pairs_from_words(&words)?;
            run::call(action, pairs, &options_of(sub)?)
        }
        Some(("decode", sub)) => decode(
            sub.get_one::<String>("action").map_or("", String::as_str),
            sub.get_one::<String>("file").map_or("-", String::as_str),
            Strict::from_arg_matches(sub)
                .map_err(|e| Failure::usage(e.to_string()))?
                .strict,
            sub.get_one::<String>("variant").cloned(),
        ),
        Some(("actions", _)) => {
            let mut text = String::new();
            for a in Action::all() {
                let info = a.info();
                text.push_str(&format!(
                    "{:<40} {:<9} {}\n",
                    info.path,
                    info.kind.as_str(),
                    info.doc.trim()
                ));
            }
            out::stdout(&text)
        }
        Some(("completions", sub)) => {
            let Some(shell) = sub.get_one::<clap_complete::Shell>("shell").copied() else {
                return Err(Failure::usage("name a shell"));
            };
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cli(), "dondominio", &mut buf);
            out::stdout(&String::from_utf8_lossy(&buf))
        }
        Some((module, sub)) => {
            let Some((name, am)) = sub.subcommand() else {
                return Err(Failure::usage(format!("name an action of `{module}`")));
            };
            let action = action_named(&format!("{module}/{name}"))?;
            let pairs = params::pairs_from_matches(action.info(), am);
            run::call(action, pairs, &options_of(am)?)
        }
        None => Err(Failure::usage(
            "name a command; `dondominio --help` lists them",
        )),
    }
}

/// The call options of a `call` or action subcommand's matches.
fn options_of(m: &ArgMatches) -> Result<Options, Failure> {
    Options::from_arg_matches(m).map_err(|e| Failure::usage(e.to_string()))
}

fn action_named(name: &str) -> Result<Action, Failure> {
    Action::from_name(name).ok_or_else(|| {
        Failure::usage(format!(
            "unknown action `{}`; `dondominio actions` lists them",
            out::sanitize(name)
        ))
    })
}

fn decode(name: &str, file: &str, strict: bool, variant: Option<String>) -> Result<(), Failure> {
    let action = action_named(name)?;
    let mut body = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut body).map(|_| ())
    } else {
        std::fs::read(file).map(|b| body = b)
    };
    read.map_err(|e| Failure::usage(format!("cannot read {file}: {e}")))?;
    match decode_response(action, &body, &DecodeOptions { strict, variant }) {
        Ok(r) => out::stdout(&out::json(&r)?),
        Err(Error::Decode { path, message, .. }) => Err(Failure::failed(format!(
            "{name}: field `{}` failed: {}",
            out::sanitize(&path),
            out::sanitize(&message)
        ))),
        Err(e) => Err(Failure::failed(out::sanitize(&e.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        super::cli().debug_assert();
    }
}
