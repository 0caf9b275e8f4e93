//! The generated Rust of every spec version, kept in `generated/<version>/` as insta snapshots:
//! a spec edit shows up in review as a Rust diff, and a stale snapshot fails here.
//!
//! The newest version is generated as the build script does, with the crate's `docs/` pages
//! included (`#[doc = include_str!(..)]` where a page exists).
//!
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always cargo test` after reading
//! the diff).

use std::path::Path;

#[test]
fn generated_code_matches_the_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut versions: Vec<_> = std::fs::read_dir(root.join("spec"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("api.yaml").is_file() && !p.is_symlink())
        .collect();
    versions.sort();
    assert!(!versions.is_empty(), "no spec version found");
    let newest = dondominio_codegen::newest_version(&root.join("spec")).unwrap();
    for dir in versions {
        let version = dir.file_name().unwrap().to_string_lossy().into_owned();
        let options = dondominio_codegen::Options {
            docs: (dir == newest).then(|| root.join("docs")),
            ..Default::default()
        };
        let files = dondominio_codegen::build_files(&dir, &options)
            .unwrap_or_else(|e| panic!("spec {version}:\n{e}"));
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(root.join("generated").join(&version));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| {
            for f in &files {
                insta::assert_snapshot!(f.name.trim_end_matches(".rs").to_owned(), f.code);
            }
        });
    }
}

/// Spec notes and manual references are for maintainers: the snapshots (pretty) show them as
/// plain `//` comments, the build's files (plain tokens) leave them out, and neither puts them
/// in a doc comment.
#[test]
fn maintainer_notes_are_comments_in_snapshots_and_absent_from_the_build() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = dondominio_codegen::load(&root.join("spec/1.0.20"), &Default::default()).unwrap();
    let pretty = dondominio_codegen::generate(&spec).unwrap();
    let plain = dondominio_codegen::generate_with(
        &spec,
        &dondominio_codegen::Options {
            modules: None,
            pretty: false,
            docs: None,
        },
    )
    .unwrap();
    let all = |files: &[dondominio_codegen::GeneratedFile]| {
        files.iter().map(|f| f.code.as_str()).collect::<String>()
    };
    // Without the notes' attributes, the build's files are still whole Rust.
    for f in &plain {
        if let Err(e) = syn::parse_file(&f.code) {
            panic!("{} does not parse: {e}", f.name);
        }
    }
    let (pretty, plain) = (all(&pretty), all(&plain));
    // A note of the spec (`Nameserver.ipv6`) and a manual reference (`DomainStatus`).
    assert!(pretty
        .contains("    // Note on the manual: The examples leave it out of the second record."));
    assert!(pretty.contains("\n// Manual: table 5.27.1\n"));
    for banned in ["Note on the manual", "Manual: table", "@maintainer"] {
        assert!(!plain.contains(banned), "the build's code holds `{banned}`");
    }
    for line in pretty.lines().map(str::trim_start) {
        assert!(
            !(line.starts_with("///")
                && (line.contains("Note on the manual") || line.contains("@maintainer"))),
            "a doc comment of the snapshots holds a maintainer note: {line}"
        );
    }
}
