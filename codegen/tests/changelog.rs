//! `docs/changes-1.0.4-to-1.0.20.md` is the `ddspec diff --format markdown` report between the
//! two specs; this test fails when it drifts. Regenerate it with
//! `UPDATE_CHANGELOG=1 cargo test -p dondominio-codegen --test changelog`.

use std::path::Path;

#[test]
fn the_committed_changelog_matches_the_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let old = dondominio_codegen::load(&root.join("spec/1.0.4"), &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let new = dondominio_codegen::load(&root.join("spec/1.0.20"), &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let findings = dondominio_codegen::diff::diff(&old, &new);
    let report = dondominio_codegen::diff::to_markdown(&old.version, &new.version, &findings);
    let path = root.join("docs/changes-1.0.4-to-1.0.20.md");
    if std::env::var_os("UPDATE_CHANGELOG").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &report).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == report,
        "{} is out of date with the specs: run UPDATE_CHANGELOG=1 cargo test -p dondominio-codegen --test changelog",
        path.display()
    );
}
