//! The sandbox simulates the newest API only: its actions are written against the response
//! types `dondominio` generates from the newest spec version.
//!
//! `dondominio`'s build script can build an older or another spec instead
//! (`DONDOMINIO_SPEC_VERSION`, `DONDOMINIO_SPEC_DIR`; CI runs the client's own tests on the old
//! spec that way). The sandbox is a dev-dependency of `dondominio` (its doc examples run
//! against it), so it is compiled then too, where it cannot compile: when those variables pick
//! a spec other than the newest, this script sets the cfg `dondominio_sandbox_off`, under which
//! the library is empty (and the binary, the tests and the benches are not supported).
//!
//! It also writes the OpenAPI document of the newest spec to `OUT_DIR/openapi.json`, which the
//! sandbox serves at `GET /_sandbox/openapi.json`.

use std::path::{Path, PathBuf};

const VERSION_ENV: &str = "DONDOMINIO_SPEC_VERSION";
const DIR_ENV: &str = "DONDOMINIO_SPEC_DIR";
const OFF: &str = "dondominio_sandbox_off";

fn main() {
    println!("cargo::rustc-check-cfg=cfg({OFF})");
    println!("cargo::rerun-if-env-changed={VERSION_ENV}");
    println!("cargo::rerun-if-env-changed={DIR_ENV}");
    println!("cargo::rerun-if-changed=build.rs");
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    if specs.is_dir() {
        // A new version folder changes which one is the newest.
        println!("cargo::rerun-if-changed={}", specs.display());
    }
    write_openapi(&specs);
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let picked: Option<PathBuf> = match (var(DIR_ENV), var(VERSION_ENV)) {
        (Some(dir), _) => Some(PathBuf::from(dir)),
        (None, Some(version)) => Some(specs.join(version)),
        (None, None) => None,
    };
    let Some(picked) = picked else {
        return;
    };
    let newest = dondominio_codegen::newest_version(&specs).ok();
    let same = newest.is_some_and(|n| match (n.canonicalize(), picked.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    });
    if !same {
        println!("cargo::rustc-cfg={OFF}");
    }
}

/// Writes the OpenAPI document of the newest spec under `specs` to `OUT_DIR/openapi.json` (an
/// empty object when there is no spec folder, as in a packaged crate).
fn write_openapi(specs: &Path) {
    let Some(out) = std::env::var_os("OUT_DIR") else {
        panic!("sandbox: cargo did not set OUT_DIR");
    };
    let out = PathBuf::from(out).join("openapi.json");
    if !specs.is_dir() {
        std::fs::write(&out, "{}\n")
            .unwrap_or_else(|e| panic!("sandbox: cannot write {}: {e}", out.display()));
        return;
    }
    let newest = match dondominio_codegen::newest_version(specs) {
        Ok(d) => d,
        Err(e) => panic!("sandbox: cannot find the newest spec for the OpenAPI document: {e}"),
    };
    let options = dondominio_codegen::openapi::Options::default();
    match dondominio_codegen::openapi::build_json(&newest, &options) {
        Ok(json) => std::fs::write(&out, json)
            .unwrap_or_else(|e| panic!("sandbox: cannot write {}: {e}", out.display())),
        Err(e) => panic!("sandbox: the OpenAPI document of {}: {e}", newest.display()),
    }
}
