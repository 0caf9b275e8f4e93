//! The generator behind the `dondominio` crate: it loads a spec folder (`spec/<version>/`),
//! validates it, and turns it into Rust source. It also dumps a spec as JSON and compares two
//! spec versions (`ddspec`).
//!
//! Data flows one way: YAML -> [`load()`] (which validates, see [`validate`]) -> the checked
//! [`Model`] -> [`generate()`] -> formatted Rust.

#![warn(missing_docs)]

pub mod compile;
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
pub mod spec;
pub mod ty;
pub mod validate;
pub mod wire;

use std::path::{Path, PathBuf};

pub use emit::{generate, generate_with, GeneratedFile, Options};
pub use error::{SpecError, SpecErrors};
pub use ir::Model;
pub use load::{load, LoadOptions, Spec};

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

/// What the build script writes: the files of [`generate_with`], from one [`load()`] of the
/// spec folder `dir` for the modules `options.modules`. The response examples' JSON is not
/// checked here (it never shapes the generated code; `ddspec check` and the codegen tests check
/// it), which saves the build parsing every example. With some modules only, a problem in the
/// file of a module left out is not reported; the files generated are the same as from the
/// whole spec.
pub fn build_files(dir: &Path, options: &Options) -> Result<Vec<GeneratedFile>, SpecErrors> {
    let load_options = LoadOptions {
        modules: options.modules.clone(),
        examples: false,
        trust_compiled: true,
    };
    generate_with(&load(dir, &load_options)?, options)
}
