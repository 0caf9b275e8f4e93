//! Generates the bindings from the newest spec version into `OUT_DIR`.
//!
//! `DONDOMINIO_SPEC_VERSION=1.0.4` builds an older version instead: CI uses it to run the
//! client's tests (strict examples, loose values, runtime) against the old spec too; users never
//! need it.
//!
//! `DONDOMINIO_SPEC_DIR=/abs/path/to/spec-folder` builds any spec folder instead (it wins over
//! the version): the codegen tests use it to prove that odd but valid specs compile.
//!
//! The script re-runs only when the spec folder it builds changes (a file edited, added or
//! removed), not for another version's files: adding a newer version folder is noticed on the
//! next re-run, so touch `build.rs` (or `cargo clean -p dondominio`) after adding one.
//!
//! With some module features off, only `api.yaml`, `types.yaml` and the files of the enabled
//! modules are read and checked (`dondominio_codegen::LoadOptions::modules`); the code generated
//! is the same as from the whole spec. A mistake in the file of a module whose feature is off
//! is then not reported: that file is not used. The default features (every module) read and
//! check the whole spec, as `ddspec check` does.
//!
//! Each spec file is read from its compiled form (`spec/<version>/compiled/<name>.json`, written
//! by `ddspec compile`, see `spec/README.md`) when that was made from exactly the YAML text next
//! to it, which parses about six times cheaper than the YAML unoptimized; otherwise from the
//! YAML. When every file read came from a compiled file, validation is skipped: `ddspec compile`
//! validated that content with the same codegen version. The generated code is the same either
//! way.
//!
//! The hand-written pages of `docs/modules/` and `docs/actions/` (module docs and the runnable
//! examples of the main methods) are written for the newest API: they are included only when
//! the newest version is built.

use std::path::Path;

/// Picks a spec version other than the newest.
const VERSION_ENV: &str = "DONDOMINIO_SPEC_VERSION";
/// Picks a spec folder anywhere (an absolute path).
const DIR_ENV: &str = "DONDOMINIO_SPEC_DIR";

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    println!("cargo:rerun-if-env-changed={VERSION_ENV}");
    println!("cargo:rerun-if-env-changed={DIR_ENV}");
    // Adding or removing a page changes the generated code (the file contents themselves are
    // tracked by rustc through `include_str!`).
    println!("cargo:rerun-if-changed=docs/modules");
    println!("cargo:rerun-if-changed=docs/actions");
    let dir = match (std::env::var(DIR_ENV), std::env::var(VERSION_ENV)) {
        (Ok(d), _) if !d.is_empty() => {
            let dir = std::path::PathBuf::from(&d);
            if !dir.is_absolute() || !dir.join("api.yaml").is_file() {
                fail(&format!(
                    "{DIR_ENV}={d}: not an absolute path to a spec folder (with api.yaml)"
                ));
            }
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
    watch(&dir);
    // One load and validation, of the enabled modules' files only; plain
    // tokens (rustc does not need them pretty, and formatting costs a re-parse).
    // A spec folder given by path is generated whole: it may hold modules that have no Cargo
    // feature of this crate (the codegen tests switch their `cfg` on by hand).
    let whole = std::env::var(DIR_ENV).is_ok_and(|d| !d.is_empty());
    let newest = dondominio_codegen::newest_version(&root).ok();
    let is_newest = newest.is_some_and(|n| same_dir(&n, &dir));
    let options = dondominio_codegen::Options {
        modules: (!whole).then(enabled_features),
        pretty: false,
        docs: is_newest.then(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")),
    };
    let files = match dondominio_codegen::build_files(&dir, &options) {
        Ok(f) => f,
        Err(e) => fail(&format!("spec {} has problems:\n{e}", dir.display())),
    };
    let out = std::env::var_os("OUT_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| fail("OUT_DIR is not set"));
    for f in files {
        if let Err(e) = std::fs::write(out.join(&f.name), f.code) {
            fail(&format!("cannot write {}: {e}", f.name));
        }
    }
}

/// Re-run when a file of the spec folder `dir` changes, or one is added or removed (the
/// folder's own timestamp); the other versions' files are not watched.
fn watch(dir: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        println!("cargo:rerun-if-changed={}", e.path().display());
    }
}

/// The crate's enabled features (`CARGO_FEATURE_DOMAIN` -> `domain`): one per API module.
fn enabled_features() -> Vec<String> {
    std::env::vars_os()
        .filter_map(|(k, _)| {
            k.to_str()?
                .strip_prefix("CARGO_FEATURE_")
                .map(|f| f.to_ascii_lowercase().replace('_', "-"))
        })
        .collect()
}

/// Whether two paths name the same folder.
fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn fail(msg: &str) -> ! {
    for line in msg.lines() {
        println!("cargo:warning={line}");
    }
    eprintln!("{msg}");
    std::process::exit(1);
}
