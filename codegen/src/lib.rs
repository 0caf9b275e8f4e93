//! The generator behind the `dondominio` crate: it loads a spec folder (`spec/<version>/`),
//! validates it, and turns it into Rust source. It also dumps a spec as JSON and compares two
//! spec versions (`ddspec`).
//!
//! Data flows one way: YAML -> [`load()`] -> [`validate()`] -> [`generate()`] -> formatted Rust.

#![warn(missing_docs)]

pub mod compiled;
pub mod convert;
pub mod diff;
pub mod dump;
pub mod emit;
pub mod error;
pub mod examples;
pub mod load;
pub mod model;
pub mod names;
pub mod openapi;
pub mod ty;
pub mod validate;
pub mod wire;

use std::path::{Path, PathBuf};

pub use emit::{generate, generate_with, GeneratedFile, Options};
pub use error::{SpecError, SpecErrors};
pub use load::{load, Spec};
pub use validate::validate;

/// Loads and validates the spec folder `dir`.
pub fn check(dir: &Path) -> Result<Spec, SpecErrors> {
    let spec = load(dir)?;
    validate(&spec)?;
    Ok(spec)
}

/// Loads, validates and generates the Rust files of the spec folder `dir`.
pub fn generate_dir(dir: &Path) -> Result<Vec<GeneratedFile>, SpecErrors> {
    let spec = check(dir)?;
    generate(&spec)
}

/// Compares version strings such as `1.0.4` and `1.0.20` numerically.
pub fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

/// The newest version folder under `root` (such as `spec/`), by version number.
pub fn newest_version(root: &Path) -> std::io::Result<PathBuf> {
    let mut best: Option<(Vec<u64>, PathBuf)> = None;
    for entry in std::fs::read_dir(root)? {
        let entry = entry?;
        if !entry.path().join("api.yaml").is_file() {
            continue;
        }
        let key = version_key(&entry.file_name().to_string_lossy());
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            best = Some((key, entry.path()));
        }
    }
    best.map(|(_, p)| p).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!(
                "no spec version folder (with api.yaml) under {}",
                root.display()
            ),
        )
    })
}

/// What the build script writes: the files of [`generate_with`], from one load and validation
/// of the spec folder `dir`. The response examples' JSON is not checked here (it never shapes
/// the generated code; `ddspec check` and the codegen tests check it), which saves the build
/// parsing every example.
///
/// With some modules only (`options.modules`), only their files are read and validated, with
/// api.yaml and types.yaml ([`load::load_modules`]); the files generated are the same as from
/// the whole spec. A problem in the file of a module left out is then not reported.
///
/// Each file is read from its compiled form (`compiled/`, [`compiled`]) when that is fresh.
pub fn build_files(dir: &Path, options: &Options) -> Result<Vec<GeneratedFile>, SpecErrors> {
    let loaded = load::load_for_build(dir, options.modules.as_deref())?;
    // Every file read came from a compiled file whose hash matches its YAML text and this
    // codegen version: `ddspec compile` wrote it only after validating the whole spec of that
    // content with this code, and a partial load checks a subset of that. Any file from YAML
    // (edited since, or never compiled) and the spec is validated as always.
    if !loaded.all_compiled() {
        validate::validate_with(&loaded.spec, false)?;
    }
    let mut spec = loaded.spec;
    drop_unread_sources(&mut spec);
    generate_with(&spec, options)
}

/// Drops the `from:` entries of groups whose source is in a module that was not read
/// ([`load::source_unread`]): their `From` impl goes into that module's file alone, which is
/// not generated, and the emitter would look the source up.
fn drop_unread_sources(spec: &mut Spec) {
    if spec.partial.is_none() {
        return;
    }
    let mut groups = std::mem::take(&mut spec.groups);
    for d in groups.values_mut() {
        d.def.from.retain(|f| !load::source_unread(spec, f));
    }
    spec.groups = groups;
}
