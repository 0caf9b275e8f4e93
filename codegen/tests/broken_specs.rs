//! Broken specs give clear errors naming file, line, column and spec path.
//!
//! Each fixture in `fixtures/broken/` replaces one file of the valid `fixtures/mini` spec; its
//! first lines say which file (`# replaces:`) and the start of the expected message (`# expect:`).

use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn header<'a>(text: &'a str, key: &str) -> &'a str {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("# {key}: ")))
        .unwrap_or_else(|| panic!("fixture lacks `# {key}:`"))
}

#[test]
fn the_mini_spec_is_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    dondominio_codegen::load(&dir, &Default::default()).unwrap();
}

#[test]
fn every_broken_fixture_reports_its_location() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root.join("broken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 8);
    let mut failures = Vec::new();
    for fixture in fixtures {
        let name = fixture.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&fixture).unwrap();
        let dir = std::env::temp_dir().join(format!("ddspec-broken-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&root.join("mini"), &dir);
        std::fs::write(dir.join(header(&text, "replaces")), &text).unwrap();
        let err = dondominio_codegen::load(&dir, &Default::default())
            .expect_err(&name)
            .to_string();
        let expect = header(&text, "expect");
        if !err.lines().any(|l| l.starts_with(expect)) {
            failures.push(format!(
                "{name}: expected a line starting with\n  {expect}\ngot:\n{err}"
            ));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
