//! The generator behind the `dondominio` crate: it loads a spec folder (`spec/<version>/`),
//! validates it, and turns it into Rust source. It also dumps a spec as JSON and compares two
//! spec versions (`ddspec`).
//!
//! Data flows one way: YAML -> [`load()`] (which validates, see [`validate`]) -> the checked
//! [`Model`] -> [`generate()`] -> formatted Rust.
//!
//! # Map for maintainers
//!
//! | stage | module | what it does |
//! | --- | --- | --- |
//! | format | [`model`], [`ty`] | the YAML as serde types; type expressions parsed on reading ([`ty::TypeExpr`]) |
//! | reading | [`load`](mod@load), [`compiled`], [`spec`] | the one way in: files read (from the compiled cache when fresh), merged, families expanded |
//! | rules | [`validate`], [`examples`], [`convert`] | every rule, located; `validate/rust_names.rs` checks the model's names |
//! | model | [`ir`], [`names`] | the resolved model; every generated name is made in `names.rs` and stored in the model |
//! | consumers | [`emit`], [`wire`], [`dump`], [`diff`] | read the model only |
//!
//! Nothing imports in a circle (`tests/module_graph.rs`); only `ty.rs` parses type text, only
//! `names.rs` builds generated names.
//!
//! **Adding a spec construct** (a new key, a new kind of parameter or response):
//!
//! 1. `model.rs`: the serde field (with its doc, `skip_serializing_if`); bump
//!    [`compiled::COMPILED_FORMAT`] if the compiled JSON changes shape, and run `ddspec compile`
//!    on each spec version.
//! 2. `validate/<part>.rs`: one function per rule, each error naming its spec path; a case in
//!    `tests/spec_rules.rs` per message (the mutation test, `tests/mutations.rs`, then checks
//!    that every spec it accepts generates).
//! 3. `ir/mod.rs` and `ir/build.rs`: the resolved, typed form; a Rust name it needs gets a
//!    function in `names.rs`, its visit in `validate/rust_names.rs` (collisions), and nothing
//!    else builds it.
//! 4. The consumers that show it: `emit/` (Rust), `wire.rs` if it is on the wire (then the
//!    runtime's `src/meta.rs` and `emit/meta.rs` together), `diff.rs` for a rule of its own
//!    (listed in `diff::RULES`, a fixture in `tests/fixtures/diff/`). `dump` and `diff` read
//!    fields and parameters through the model and follow without change.
//! 5. `spec/README.md`: the key, in the section of its construct.
//!
//! Tests and snapshots: a construct no spec version uses yet changes no snapshot; add it to the
//! odd spec (`tests/fixtures/odd/`, which `tests/odd_specs.rs` compiles) so that the generated
//! code is compiled. Using it in `spec/<version>/` changes the snapshots of the modules that use
//! it (`generated/<version>/`): read each `.snap.new` diff before accepting it, and expect
//! `api.rs` to change too when an action, a module or an error code is added. A change to the
//! generator alone must leave every snapshot byte-identical (`tests/generated.rs`), as must the
//! build script's files for any feature set (`tests/partial_load.rs`).

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
pub mod openapi;
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
