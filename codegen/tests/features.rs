//! Every API module of every spec version is a Cargo feature of the `dondominio` crate, on by
//! default. The build script generates only the modules whose feature is on, so a module added
//! to the spec without its feature would be compiled out without a word: this test says so.

use std::path::Path;
use std::process::Command;

/// The `dondominio` package's features, as `cargo metadata` reads them from its manifest.
fn features() -> (Vec<String>, Vec<String>) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    let package = meta["packages"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "dondominio"))
        .expect("the dondominio package is in the workspace");
    let table = package["features"].as_object().expect("a features table");
    let names = table.keys().filter(|k| *k != "default").cloned().collect();
    let default = table["default"]
        .as_array()
        .expect("a default feature list")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    (names, default)
}

#[test]
fn every_spec_module_is_a_default_feature() {
    let (names, default) = features();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut versions = 0;
    for entry in std::fs::read_dir(&spec).expect("spec/ is readable") {
        let dir = entry.expect("a directory entry").path();
        if !dir.join("api.yaml").is_file() {
            continue;
        }
        versions += 1;
        let loaded =
            dondominio_codegen::load(&dir, &Default::default()).expect("the spec is valid");
        for m in &loaded.modules {
            assert!(
                names.contains(&m.name),
                "{}: module `{}` has no Cargo feature in the dondominio manifest",
                dir.display(),
                m.name
            );
            assert!(
                default.contains(&m.name),
                "{}: feature `{}` is not on by default",
                dir.display(),
                m.name
            );
        }
    }
    assert!(versions >= 2, "found {versions} spec versions");
    // The other way round: no feature names a module that no spec has.
    let newest = dondominio_codegen::newest_version(&spec).expect("a newest version");
    let loaded =
        dondominio_codegen::load(&newest, &Default::default()).expect("the newest spec is valid");
    for f in &names {
        assert!(
            loaded.modules.iter().any(|m| &m.name == f),
            "feature `{f}` names no module of the newest spec"
        );
    }
}
