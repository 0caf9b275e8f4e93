//! Odd but valid specs generate Rust that compiles.
//!
//! One combined spec is built: a copy of `spec/1.0.20` plus the extra module
//! `fixtures/odd/extra.yaml` (keywords, leading digits, dots and dashes in wire names; numeric
//! and dotted enum values; deep containers; every construct of the format). It must pass
//! `check`, and the `dondominio` crate built from it (`DONDOMINIO_SPEC_DIR`, see `build.rs`)
//! must pass `cargo check`. The extra module has no Cargo feature of its own, so its `cfg` is
//! switched on for the crate alone (`cargo rustc -- --cfg feature="extra"`).
//!
//! The build uses its own target dir inside the repo (`target/spec-check`), so it does not
//! wait on the lock of the build running this test.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Writes the combined odd spec under `target/spec-check/odd-spec` and returns its path.
fn odd_spec() -> PathBuf {
    let target = repo().join("target/spec-check");
    let dir = target.join("odd-spec");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(repo().join("spec/1.0.20")).unwrap() {
        let entry = entry.unwrap();
        // The YAML files only: `compiled/` is a folder, and a copy is edited.
        if entry.path().is_dir() {
            continue;
        }
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/odd/extra.yaml");
    std::fs::copy(fixture, dir.join("extra.yaml")).unwrap();
    let api = std::fs::read_to_string(dir.join("api.yaml")).unwrap();
    let anchor = "\nerrors:\n";
    assert!(api.contains(anchor));
    let api = api.replacen(anchor, "\n  extra: Odd but valid names.\nerrors:\n", 1);
    std::fs::write(dir.join("api.yaml"), api).unwrap();
    dir.canonicalize().unwrap()
}

#[test]
fn odd_but_valid_specs_generate_rust_that_compiles() {
    let dir = odd_spec();
    let spec =
        dondominio_codegen::load(&dir, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(spec.module("extra").is_some_and(|m| m.actions.len() == 9));
    // `generate` parses every file it writes; the samples file (used by the mock tests) too.
    let files = dondominio_codegen::generate(&spec).unwrap_or_else(|e| panic!("{e}"));
    // Each family gets a submodule file with the types only it uses; shared and unused types
    // stay in the module.
    let file = |name: &str| {
        files
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let (extra, alpha, beta) = (
        file("extra.rs"),
        file("extra.alpha.rs"),
        file("extra.beta.rs"),
    );
    for (f, defined, absent) in [
        (
            extra,
            &["pub struct Common", "pub struct Lonely", "pub mod alpha"][..],
            &[
                "pub enum Shade",
                "pub struct AlphaItem",
                "pub struct BetaOpts",
            ][..],
        ),
        (
            alpha,
            &[
                "pub enum Shade",
                "pub struct AlphaItem",
                "pub struct AlphalistParams",
                "pub struct AlphaApi",
            ],
            &["pub struct Common", "pub struct BetaItem"],
        ),
        (
            beta,
            &[
                "pub struct BetaItem",
                "pub struct BetaOpts",
                "pub enum BetacreateMode",
                "pub fn create(",
            ],
            &["pub struct Common", "pub enum Shade"],
        ),
    ] {
        for d in defined {
            assert!(f.code.contains(d), "{} lacks `{d}`", f.name);
        }
        for a in absent {
            assert!(!f.code.contains(a), "{} has `{a}`", f.name);
        }
    }
    assert!(
        extra.code.contains("alpha::Shade"),
        "Lonely names the alpha submodule's enum"
    );
    for name in [
        "pub fn r#match(",
        "pub fn n2fa(",
        "pub fn get_info(",
        "N10",
        "Missing",
        "pub kind: String",
        "pub loop_time: Option<MatchLoop>",
    ] {
        assert!(extra.code.contains(name), "extra.rs lacks {name}");
    }

    let out = Command::new(env!("CARGO"))
        .current_dir(repo())
        .env("DONDOMINIO_SPEC_DIR", &dir)
        .env("CARGO_TARGET_DIR", repo().join("target/spec-check"))
        .args([
            "rustc",
            "-q",
            "-p",
            "dondominio",
            "--lib",
            "--profile",
            "check",
            "--",
            "--cfg",
            "feature=\"extra\"",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the crate built from the odd spec does not compile:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The extra module really was compiled (its `cfg` was on): its types are in the metadata.
    let deps = repo().join("target/spec-check/debug/deps");
    let newest = std::fs::read_dir(&deps)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("libdondominio-") && name.ends_with(".rmeta")
        })
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .expect("no rmeta of dondominio");
    let meta = std::fs::read(newest).unwrap();
    assert!(
        meta.windows(b"N2faParams".len())
            .any(|w| w == b"N2faParams"),
        "the extra module was not compiled"
    );
}
