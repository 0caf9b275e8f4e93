//! `ddspec`: check, dump and compare spec folders.
//!
//! ```text
//! ddspec check <spec-dir>      validate; exit 1 with every problem found
//! ddspec dump <spec-dir>       print the spec as JSON (actions, wire parameters, response fields)
//! ddspec compile <spec-dir>    validate, then write <spec-dir>/compiled/ (the build reads it)
//! ddspec diff [--format text|markdown|json] [--fail-on ERR|WARN|INFO] <old-dir> <new-dir>
//! ddspec diff --list-rules
//! ddspec openapi [--format yaml|json] [--media both|urlencoded|multipart] [--values lenient|canonical] [--no-rules] <spec-dir>
//! ```
//!
//! `openapi` prints the OpenAPI 3.1 document of the spec (YAML by default); `--media urlencoded`
//! gives each request body one media type, for openapi-python-client; `--values canonical` keeps
//! only the value forms the sandbox sends (simpler generated types; the default also accepts
//! the real API's loose PHP forms); `--no-rules` leaves the presence rules out of request
//! bodies (for schemathesis, which cannot generate from the largest ones).
//!
//! `check`, `dump` and `diff` read the YAML only; `compile` writes the compiled form of each
//! YAML file (`compiled/<name>.json`, see `spec/README.md`) and removes stale ones.
//!
//! Exit codes: 0 success; 1 the spec has problems (check, dump, compile: every problem is
//! printed, one per line, `file:line:col: path: message`) or a finding at or above `--fail-on`
//! exists (diff); 2 the tool could not run (bad usage, a spec folder or file that cannot be
//! read, an invalid spec given to diff).

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  ddspec check <spec-dir>
  ddspec dump <spec-dir>
  ddspec compile <spec-dir>
  ddspec diff [--format text|markdown|json] [--fail-on ERR|WARN|INFO] <old-dir> <new-dir>
  ddspec diff --list-rules
  ddspec openapi [--format yaml|json] [--media both|urlencoded|multipart] [--values lenient|canonical] [--no-rules] <spec-dir>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") if args.len() == 2 => match checked(&args[1]) {
            Ok(spec) => {
                let n = spec.actions().count();
                println!("{}: spec {} is valid ({n} actions)", args[1], spec.version);
                ExitCode::SUCCESS
            }
            Err(code) => code,
        },
        Some("dump") if args.len() == 2 => match checked(&args[1]) {
            Ok(spec) => {
                let d = dondominio_codegen::dump::dump(&spec);
                match serde_json::to_string_pretty(&d) {
                    Ok(s) => {
                        println!("{s}");
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("ddspec: cannot write JSON: {e}");
                        ExitCode::from(2)
                    }
                }
            }
            Err(code) => code,
        },
        Some("compile") if args.len() == 2 => compile(&args[1]),
        Some("diff") => diff(&args[1..]),
        Some("openapi") => openapi(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Reads, loads and validates a spec folder; on failure prints every problem and gives the
/// exit code: 2 when it cannot be read, 1 when it is read but has problems.
fn checked(dir: &str) -> Result<dondominio_codegen::Model, ExitCode> {
    use dondominio_codegen::load;
    let sources = load::read_sources(Path::new(dir)).map_err(|e| {
        eprintln!("{e}");
        eprintln!("{dir}: cannot read the spec");
        ExitCode::from(2)
    })?;
    let spec = load::load_sources(sources);
    spec.map_err(|e| {
        eprintln!("{e}");
        eprintln!("{dir}: {} problem(s)", e.0.len());
        ExitCode::from(1)
    })
}

/// Writes the compiled files of a spec folder; exit 1 with every problem of an invalid spec, 2
/// when it cannot be read.
fn compile(dir: &str) -> ExitCode {
    if let Err(e) = dondominio_codegen::load::read_sources(Path::new(dir)) {
        eprintln!("{e}");
        eprintln!("{dir}: cannot read the spec");
        return ExitCode::from(2);
    }
    match dondominio_codegen::compile::write(Path::new(dir)) {
        Ok(written) => {
            println!("{dir}: wrote {} compiled file(s)", written.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            eprintln!("{dir}: {} problem(s); nothing written", e.0.len());
            ExitCode::from(1)
        }
    }
}

fn diff(args: &[String]) -> ExitCode {
    use dondominio_codegen::diff::{self, Level};
    let mut format = "text".to_owned();
    let mut fail_on: Option<Level> = None;
    let mut dirs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--list-rules" => {
                print!("{}", diff::rules_text());
                return ExitCode::SUCCESS;
            }
            "--format" => match it.next().map(String::as_str) {
                Some(f @ ("text" | "markdown" | "json")) => format = f.to_owned(),
                other => {
                    eprintln!("ddspec diff: --format takes text, markdown or json (got {other:?})");
                    return ExitCode::from(2);
                }
            },
            "--fail-on" => match it.next().and_then(|l| Level::parse(l)) {
                Some(l) => fail_on = Some(l),
                None => {
                    eprintln!("ddspec diff: --fail-on takes ERR, WARN or INFO");
                    return ExitCode::from(2);
                }
            },
            other if other.starts_with("--") => {
                eprintln!("ddspec diff: unknown option {other}\n{USAGE}");
                return ExitCode::from(2);
            }
            dir => dirs.push(dir.to_owned()),
        }
    }
    let [old_dir, new_dir] = dirs.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let load = |d: &str| {
        let model = dondominio_codegen::load::read_sources(Path::new(d))
            .and_then(dondominio_codegen::load::load_sources);
        model.map_err(|e| {
            eprintln!("ddspec diff: cannot use the spec in {d}:\n{e}");
            ExitCode::from(2)
        })
    };
    let old = match load(old_dir) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let new = match load(new_dir) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let findings = diff::diff(&old, &new);
    match format.as_str() {
        "markdown" => print!(
            "{}",
            diff::to_markdown(&old.version, &new.version, &findings)
        ),
        "json" => match serde_json::to_string_pretty(&findings) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("ddspec diff: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        },
        _ => print!("{}", diff::to_text(&old.version, &new.version, &findings)),
    }
    match fail_on {
        Some(level) if findings.iter().any(|f| f.level >= level) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// `ddspec openapi`: the OpenAPI document on stdout.
fn openapi(args: &[String]) -> ExitCode {
    use dondominio_codegen::openapi::{self, Media, Options, Values};
    let mut json = false;
    let mut options = Options::default();
    let mut dirs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => match it.next().map(String::as_str) {
                Some("yaml") => json = false,
                Some("json") => json = true,
                other => {
                    eprintln!("ddspec openapi: --format takes yaml or json (got {other:?})");
                    return ExitCode::from(2);
                }
            },
            "--media" => match it.next().and_then(|m| Media::parse(m)) {
                Some(m) => options.media = m,
                None => {
                    eprintln!("ddspec openapi: --media takes both, urlencoded or multipart");
                    return ExitCode::from(2);
                }
            },
            "--values" => match it.next().and_then(|m| Values::parse(m)) {
                Some(v) => options.values = v,
                None => {
                    eprintln!("ddspec openapi: --values takes lenient or canonical");
                    return ExitCode::from(2);
                }
            },
            "--no-rules" => options.no_rules = true,
            other if other.starts_with("--") => {
                eprintln!("ddspec openapi: unknown option {other}\n{USAGE}");
                return ExitCode::from(2);
            }
            dir => dirs.push(dir.to_owned()),
        }
    }
    let [dir] = dirs.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let spec = match checked(dir) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match openapi::document(&spec, &options) {
        Ok(doc) if json => print!("{}", openapi::to_json(&doc)),
        Ok(doc) => print!("{}", openapi::to_yaml(&doc)),
        Err(e) => {
            eprintln!("{dir}: {e}");
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
