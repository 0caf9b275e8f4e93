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
pub mod ir;
pub mod load;
pub mod model;
pub mod names;
pub mod ty;
pub mod validate;
pub mod wire;

use std::path::{Path, PathBuf};

pub use emit::{generate, generate_with, GeneratedFile, Options};
pub use error::{SpecError, SpecErrors};
pub use ir::Model;
pub use load::{load, Spec};
pub use validate::validate;

/// Loads and validates the spec folder `dir`: its checked model.
pub fn check(dir: &Path) -> Result<Model, SpecErrors> {
    validate(load(dir)?)
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
    let model = if loaded.all_compiled() {
        Model::build(&loaded.spec)
    } else {
        validate::validate_with(loaded.spec, false)?
    };
    generate_with(&model, options)
}
