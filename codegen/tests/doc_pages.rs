//! The hand-written doc pages: the generator includes `docs/modules/<module>.md` and
//! `docs/actions/<module>/<action>.md` where they exist, and nothing else.

use std::path::{Path, PathBuf};

use dondominio_codegen::{build_files, newest_version, GeneratedFile, Options};

fn spec() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    newest_version(&root).expect("a spec version")
}

/// The code of one file, without whitespace (the pretty-printer breaks long attributes).
fn file(files: &[GeneratedFile], name: &str) -> String {
    files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .code
        .split_whitespace()
        .collect()
}

#[test]
fn pages_are_included_where_they_exist_only() {
    let docs = std::env::temp_dir().join(format!("dondominio-doc-pages-{}", std::process::id()));
    std::fs::create_dir_all(docs.join("modules")).unwrap();
    std::fs::create_dir_all(docs.join("actions/account")).unwrap();
    std::fs::write(docs.join("modules/account.md"), "# Module page\n").unwrap();
    std::fs::write(docs.join("actions/account/info.md"), "# Method page\n").unwrap();
    let options = Options {
        docs: Some(docs.clone()),
        ..Default::default()
    };
    let files = build_files(&spec(), &options).expect("generate");
    std::fs::remove_dir_all(&docs).unwrap();

    let include =
        |rel: &str| format!("include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"),\"/docs/{rel}\"))");
    let api = file(&files, "api.rs");
    assert!(api.contains(&include("modules/account.md")));
    assert!(!api.contains(&include("modules/domain.md")));
    let account = file(&files, "account.rs");
    assert!(account.contains(&include("actions/account/info.md")));
    assert!(!account.contains(&include("actions/account/zones.md")));
    let includes: usize = files
        .iter()
        .map(|f| f.code.matches("include_str!").count())
        .sum();
    assert_eq!(includes, 2, "one module page and one method page");
}

#[test]
fn without_a_docs_folder_nothing_is_included() {
    let files = build_files(&spec(), &Options::default()).expect("generate");
    assert!(files.iter().all(|f| !f.code.contains("include_str!")));
}
