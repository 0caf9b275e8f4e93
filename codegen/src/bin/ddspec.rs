//! `ddspec`: check, dump and compare spec folders.
//!
//! ```text
//! ddspec check <spec-dir>      validate; exit 1 with every problem found
//! ddspec dump <spec-dir>       print the spec as JSON (actions, wire parameters, response fields)
//! ```
//!
//! Exit codes: 0 success, 1 the spec has problems, 2 the tool could not run (bad usage, unreadable folder).

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  ddspec check <spec-dir>
  ddspec dump <spec-dir>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") if args.len() == 2 => match dondominio_codegen::check(Path::new(&args[1])) {
            Ok(spec) => {
                let n = spec.actions().count();
                println!("{}: spec {} is valid ({n} actions)", args[1], spec.version);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                eprintln!("{}: {} problem(s)", args[1], e.0.len());
                ExitCode::from(1)
            }
        },
        Some("dump") if args.len() == 2 => match dondominio_codegen::check(Path::new(&args[1])) {
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
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
        },
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
