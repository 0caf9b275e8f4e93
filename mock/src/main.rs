//! `dondominio-mock`: runs the mock API until interrupted.
//!
//! ```text
//! dondominio-mock [--addr 127.0.0.1:8080] [--user USER --password PASSWORD]
//! ```
//! Without `--user`/`--password` it accepts `mock` / `mock`.

use std::process::ExitCode;

use dondominio_mock::{MockCredentials, MockServer};

fn main() -> ExitCode {
    let mut addr = "127.0.0.1:0".to_owned();
    let mut creds = MockCredentials {
        user: "mock".into(),
        password: "mock".into(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next();
        match (a.as_str(), value) {
            ("--addr", Some(v)) => addr = v,
            ("--user", Some(v)) => creds.user = v,
            ("--password", Some(v)) => creds.password = v,
            _ => {
                eprintln!(
                    "usage: dondominio-mock [--addr HOST:PORT] [--user USER --password PASSWORD]"
                );
                return ExitCode::from(2);
            }
        }
    }
    match MockServer::start_on(&addr, creds) {
        Ok(server) => {
            println!("{}", server.url());
            loop {
                std::thread::park();
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
