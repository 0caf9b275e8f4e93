//! The docs of the built crate are for users: the spec's notes on the manual and its section
//! references stay in the spec and the snapshots, never in the code rustdoc reads. Checked on
//! the files the build script wrote (whatever spec version this build uses).

use std::path::Path;

/// Every generated file of this build, by name.
fn generated_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("OUT_DIR"));
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("the build script's output folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&p).expect("a generated file");
            (name, text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn no_generated_doc_speaks_of_the_manual() {
    let files = generated_files();
    assert!(
        files.iter().any(|(n, _)| n == "api.rs") && files.len() > 3,
        "the generated files were not found: {:?}",
        files.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    for (name, text) in &files {
        for banned in ["Note on the manual", "@maintainer", "(manual ", "Manual: "] {
            assert!(!text.contains(banned), "{name} holds `{banned}`");
        }
    }
}

#[cfg(feature = "service")]
#[test]
fn each_service_family_has_its_own_file() {
    let files = generated_files();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for family in [
        "ftp",
        "ddbb",
        "subdomain",
        "redirect",
        "mail",
        "mailalias",
        "dns",
    ] {
        let file = format!("service.{family}.rs");
        assert!(names.contains(&file.as_str()), "no {file} among {names:?}");
    }
}
