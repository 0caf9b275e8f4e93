//! The options of every call, declared once: the clap arguments (the `call` form and every
//! action subcommand flatten [`Options`]; `decode` flattens [`Strict`]), the struct they fill,
//! and the flag names a parameter flag must not take ([`reserved`]) all come from the derive
//! below, so the three cannot drift apart.

use std::sync::LazyLock;
use std::time::Duration;

use clap::{Args, Command, ValueEnum};

/// `--strict`, shared by the calls and `decode`.
#[derive(Args, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Strict {
    /// Refuse response fields and enum values the spec does not know
    #[arg(long)]
    pub strict: bool,
}

/// How a response is printed.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// JSON (the default)
    Json,
    /// A table: one row per item of a listing
    Table,
}

/// The call options as given.
#[derive(Args, Debug, Clone, Default, PartialEq)]
pub struct Options {
    #[command(flatten)]
    pub strict: Strict,
    /// API address (default: the production API); needs credentials
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    #[arg(long, value_name = "SECS", value_parser = parse_timeout, help = timeout_help())]
    pub timeout: Option<Duration>,
    /// Print the request (URL and form, password redacted) and send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Confirm an action that costs money without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// For paged listings: fetch every page and print all the items
    #[arg(long)]
    pub all: bool,
    /// json (default) or table (one row per item of a listing)
    #[arg(long, short = 'o', value_name = "FORMAT", value_enum)]
    pub output: Option<Output>,
}

/// The help of `--timeout`: the limit of the whole call (the client's deadline).
fn timeout_help() -> String {
    format!(
        "Limit of the whole call in seconds, retries and the waits between them included \
         (default {}); an attempt still running at the limit is cut off there",
        dondominio::DEFAULT_DEADLINE.as_secs()
    )
}

fn parse_timeout(s: &str) -> Result<Duration, String> {
    match s.parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs < 1e9 => {
            Ok(Duration::from_secs_f64(secs))
        }
        _ => Err(format!("`{s}` is not a positive number of seconds")),
    }
}

/// Every long flag of a call besides the parameters: [`Options`]' and clap's own (`help`,
/// `version`). A parameter whose flag would be one of these is renamed.
pub fn reserved() -> &'static [String] {
    static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut cmd = Options::augment_args(Command::new("call").version("0"));
        cmd.build();
        cmd.get_arguments()
            .filter_map(|a| a.get_long())
            .map(str::to_owned)
            .collect()
    });
    &NAMES
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::FromArgMatches;

    fn parse(args: &[&str]) -> Options {
        let cmd = Options::augment_args(Command::new("call"));
        let m = cmd
            .try_get_matches_from(std::iter::once("call").chain(args.iter().copied()))
            .unwrap();
        Options::from_arg_matches(&m).unwrap()
    }

    #[test]
    fn the_reserved_names_are_the_options_flags_and_clap_s_own() {
        let mut names: Vec<&str> = reserved().iter().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "all", "base-url", "dry-run", "help", "output", "strict", "timeout", "version",
                "yes"
            ]
        );
    }

    #[test]
    fn every_option_fills_its_field() {
        assert_eq!(parse(&[]), Options::default());
        let all = parse(&[
            "--strict",
            "--base-url",
            "http://127.0.0.1:1",
            "--timeout",
            "2.5",
            "--dry-run",
            "-y",
            "--all",
            "-o",
            "table",
        ]);
        assert_eq!(
            all,
            Options {
                strict: Strict { strict: true },
                base_url: Some("http://127.0.0.1:1".into()),
                timeout: Some(Duration::from_millis(2500)),
                dry_run: true,
                yes: true,
                all: true,
                output: Some(Output::Table),
            }
        );
        assert_eq!(parse(&["--output", "json"]).output, Some(Output::Json));
    }

    #[test]
    fn a_timeout_must_be_a_positive_number_of_seconds() {
        for bad in ["0", "-1", "soon", "inf", "NaN"] {
            assert!(parse_timeout(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_timeout("0.5"), Ok(Duration::from_millis(500)));
    }
}
