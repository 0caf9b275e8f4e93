//! Each rule of `ddspec diff` has a fixture that triggers it (and, reversed, its opposite); a
//! spec compared with itself, or with a change of wording only, gives no finding.
//!
//! A fixture in `fixtures/diff/` lists text patches applied to the `fixtures/mini` spec to make
//! the NEW spec, and the rules expected (`expect`, and `reverse` for NEW -> OLD).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dondominio_codegen::diff::{diff, RULES};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    expect: Vec<String>,
    #[serde(default)]
    reverse: Vec<String>,
    patches: Vec<Patch>,
}

#[derive(Deserialize)]
struct Patch {
    file: String,
    find: String,
    replace: String,
}

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

fn patched(name: &str, fixture: &Fixture) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ddspec-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(mini()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    for p in &fixture.patches {
        let path = dir.join(&p.file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(&p.find),
            "{name}: patch text not found in {}: {:?}",
            p.file,
            p.find
        );
        std::fs::write(&path, text.replacen(&p.find, &p.replace, 1)).unwrap();
    }
    dir
}

fn rules_of(old: &Path, new: &Path) -> BTreeSet<String> {
    let old = dondominio_codegen::load(old, &Default::default()).unwrap();
    let new = dondominio_codegen::load(new, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    diff(&old, &new)
        .into_iter()
        .map(|f| f.rule.to_owned())
        .collect()
}

#[test]
fn a_spec_compared_with_itself_has_no_findings() {
    assert!(rules_of(&mini(), &mini()).is_empty());
}

#[test]
fn every_rule_is_triggered_by_its_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff");
    let mut covered = BTreeSet::new();
    let mut paths: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let fixture: Fixture =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let new = patched(&name, &fixture);
        let forward = rules_of(&mini(), &new);
        let expect: BTreeSet<String> = fixture.expect.iter().cloned().collect();
        assert_eq!(forward, expect, "{name}: OLD -> NEW");
        if !fixture.reverse.is_empty() {
            let backward = rules_of(&new, &mini());
            let expect: BTreeSet<String> = fixture.reverse.iter().cloned().collect();
            assert_eq!(backward, expect, "{name}: NEW -> OLD");
        }
        covered.extend(fixture.expect);
        covered.extend(fixture.reverse);
        std::fs::remove_dir_all(&new).unwrap();
    }
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.0)
        .filter(|r| !covered.contains(*r))
        .collect();
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
}
