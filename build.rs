//! Generates the bindings from the newest spec version into `OUT_DIR`.
//!
//! `DONDOMINIO_SPEC_VERSION=1.0.4` builds an older version instead: CI uses it to run the
//! client's tests (strict examples, loose values, runtime) against the old spec too; users never
//! need it.
//!
//! `DONDOMINIO_SPEC_DIR=/abs/path/to/spec-folder` builds any spec folder instead (it wins over
//! the version): the codegen tests use it to prove that odd but valid specs compile.

use std::path::Path;

/// Picks a spec version other than the newest.
const VERSION_ENV: &str = "DONDOMINIO_SPEC_VERSION";
/// Picks a spec folder anywhere (an absolute path).
const DIR_ENV: &str = "DONDOMINIO_SPEC_DIR";

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    println!("cargo:rerun-if-changed=spec");
    println!("cargo:rerun-if-env-changed={VERSION_ENV}");
    println!("cargo:rerun-if-env-changed={DIR_ENV}");
    let dir = match (std::env::var(DIR_ENV), std::env::var(VERSION_ENV)) {
        (Ok(d), _) if !d.is_empty() => {
            let dir = std::path::PathBuf::from(&d);
            if !dir.is_absolute() || !dir.join("api.yaml").is_file() {
                fail(&format!(
                    "{DIR_ENV}={d}: not an absolute path to a spec folder (with api.yaml)"
                ));
            }
            println!("cargo:rerun-if-changed={d}");
            dir
        }
        (_, v) => match v {
            Ok(v) if !v.is_empty() => {
                let dir = root.join(&v);
                if !dir.join("api.yaml").is_file() {
                    fail(&format!(
                        "{VERSION_ENV}={v}: there is no spec version {v} (no {})",
                        dir.join("api.yaml").display()
                    ));
                }
                dir
            }
            _ => match dondominio_codegen::newest_version(&root) {
                Ok(d) => d,
                Err(e) => fail(&e.to_string()),
            },
        },
    };
    let files = match dondominio_codegen::generate_dir(&dir) {
        Ok(f) => f,
        Err(e) => fail(&format!("spec {} has problems:\n{e}", dir.display())),
    };
    let samples = match dondominio_codegen::samples_dir(&dir) {
        Ok(s) => s,
        Err(e) => fail(&format!("spec {} has problems:\n{e}", dir.display())),
    };
    let out = std::env::var_os("OUT_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| fail("OUT_DIR is not set"));
    let samples = dondominio_codegen::GeneratedFile {
        name: "samples.rs".into(),
        code: samples,
    };
    for f in files.into_iter().chain([samples]) {
        if let Err(e) = std::fs::write(out.join(&f.name), f.code) {
            fail(&format!("cannot write {}: {e}", f.name));
        }
    }
}

fn fail(msg: &str) -> ! {
    for line in msg.lines() {
        println!("cargo:warning={line}");
    }
    eprintln!("{msg}");
    std::process::exit(1);
}
