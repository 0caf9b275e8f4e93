//! The compiled form of the spec files (`spec/<ver>/compiled/`, `ddspec compile`): committed
//! up to date, read back as the same model, used by the build only when fresh, and never
//! changing what the build generates.

use std::path::{Path, PathBuf};

use dondominio_codegen::model::{ApiFile, SpecFile};
use dondominio_codegen::{build_files, compile, compiled, load, Options};

fn spec_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// Every version folder of `spec/`.
fn versions() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(spec_root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("api.yaml").is_file())
        .collect();
    v.sort();
    assert!(v.len() >= 2, "spec/1.0.4 and spec/1.0.20 at least");
    v
}

/// A fresh copy of the spec folder `from` in the test's temp dir, its `compiled/` folder too
/// when `with_compiled`.
fn copy(from: &Path, name: &str, with_compiled: bool) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("compiled-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(compiled::COMPILED_DIR)).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    if with_compiled {
        for entry in std::fs::read_dir(from.join(compiled::COMPILED_DIR)).unwrap() {
            let p = entry.unwrap().path();
            let to = dir
                .join(compiled::COMPILED_DIR)
                .join(p.file_name().unwrap());
            std::fs::copy(&p, to).unwrap();
        }
    } else {
        std::fs::remove_dir_all(dir.join(compiled::COMPILED_DIR)).unwrap();
    }
    dir
}

fn replace(dir: &Path, file: &str, old: &str, new: &str) {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    assert!(text.contains(old), "`{old}` is not in {file}");
    std::fs::write(dir.join(file), text.replacen(old, new, 1)).unwrap();
}

/// The build's options for `modules` (`None`: all, as a folder given by path).
fn options(modules: Option<&[&str]>) -> Options {
    Options {
        modules: modules.map(|m| m.iter().map(|s| (*s).to_owned()).collect()),
        pretty: false,
        docs: None,
    }
}

/// What `build_files` writes, as `(name, code)`.
fn built(dir: &Path, options: &Options) -> Vec<(String, String)> {
    build_files(dir, options)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .into_iter()
        .map(|f| (f.name, f.code))
        .collect()
}

/// The files `load` took from their compiled form.
fn from_compiled(dir: &Path) -> Vec<String> {
    load::load(dir, &load::LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .compiled
}

#[test]
fn compiled_files_are_fresh() {
    for dir in versions() {
        let problems = compile::stale(&dir).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            problems.is_empty(),
            "{}\nrun `cargo run -p dondominio-codegen --bin ddspec -- compile spec/{}`",
            problems.join("\n"),
            dir.file_name().unwrap().to_string_lossy()
        );
    }
}

#[test]
fn the_model_survives_the_json_round_trip() {
    for dir in versions() {
        let sources = load::read_sources(&dir).unwrap_or_else(|e| panic!("{e}"));
        for (file, yaml) in &sources.files {
            if file == "api.yaml" {
                let model: ApiFile = serde_yaml::from_str(yaml).unwrap();
                let json = serde_json::to_string(&model).unwrap();
                let back: ApiFile = serde_json::from_str(&json).unwrap();
                assert_eq!(model, back, "{}/{file}", dir.display());
                let read: ApiFile = compiled::read(&dir, file, yaml).expect("a fresh file");
                assert_eq!(model, read, "{}/{file}", dir.display());
            } else {
                let model: SpecFile = serde_yaml::from_str(yaml).unwrap();
                let json = serde_json::to_string(&model).unwrap();
                let back: SpecFile = serde_json::from_str(&json).unwrap();
                assert_eq!(model, back, "{}/{file}", dir.display());
                let read: SpecFile = compiled::read(&dir, file, yaml).expect("a fresh file");
                assert_eq!(model, read, "{}/{file}", dir.display());
            }
        }
    }
}

#[test]
fn the_build_gives_the_same_files_with_and_without_compiled_files() {
    let all: Vec<&str> = vec![
        "tool", "account", "domain", "contact", "service", "ssl", "user",
    ];
    for dir in versions() {
        let version = dir.file_name().unwrap().to_string_lossy().into_owned();
        let bare = copy(&dir, &format!("bare-{version}"), false);
        let sources = load::read_sources(&dir).unwrap_or_else(|e| panic!("{e}"));
        let every: Vec<&str> = sources.files.keys().map(String::as_str).collect();
        assert_eq!(from_compiled(&dir), every, "{version}: every file compiled");
        assert!(from_compiled(&bare).is_empty());
        for modules in [None, Some(&all[..]), Some(&["tool"][..]), Some(&[][..])] {
            let options = options(modules);
            assert_eq!(
                built(&dir, &options),
                built(&bare, &options),
                "{version}, modules {modules:?}"
            );
        }
    }
}

#[test]
fn an_edited_file_is_read_from_yaml_and_checked() {
    let real = spec_root().join("1.0.20");
    let dir = copy(&real, "edited-error", true);
    replace(
        &dir,
        "tool.yaml",
        "type: SuggestsLanguage,",
        "type: SuggestsLanguag,",
    );
    for modules in [None, Some(&["tool"][..])] {
        let err = build_files(&dir, &options(modules)).expect_err("an unknown type");
        let e = err
            .0
            .iter()
            .find(|e| e.message.contains("SuggestsLanguag"))
            .unwrap_or_else(|| panic!("{err}"));
        assert_eq!(e.file, "tool.yaml", "{err}");
        assert_eq!(e.line, Some(71), "{err}");
        assert_eq!(
            e.path, "actions.domainsuggests.params.language.type",
            "{err}"
        );
    }

    let dir = copy(&real, "edited-valid", true);
    replace(
        &dir,
        "tool.yaml",
        "Address the call came from.",
        "Address the call was made from.",
    );
    let bare = copy(&dir, "edited-valid-bare", false);
    // The edited file is read from its YAML, the others from their compiled form.
    let used = from_compiled(&dir);
    assert!(!used.iter().any(|f| f == "tool.yaml"), "{used:?}");
    assert!(used.iter().any(|f| f == "domain.yaml"), "{used:?}");
    let options = options(None);
    let out = built(&dir, &options);
    assert!(out
        .iter()
        .any(|(_, c)| c.contains("Address the call was made from.")));
    assert_eq!(out, built(&bare, &options));
}

#[test]
fn a_corrupted_compiled_file_falls_back_to_the_yaml() {
    let real = spec_root().join("1.0.20");
    let dir = copy(&real, "corrupted", true);
    let folder = dir.join(compiled::COMPILED_DIR);
    std::fs::write(folder.join("tool.json"), "{ \"hash\": \"0\", \"content\": ").unwrap();
    let domain = std::fs::read_to_string(folder.join("domain.json")).unwrap();
    let hash = compiled::hash(
        "domain.yaml",
        &std::fs::read_to_string(dir.join("domain.yaml")).unwrap(),
    );
    assert!(domain.contains(&hash));
    std::fs::write(
        folder.join("domain.json"),
        domain.replacen(&hash, "0123456789abcdef", 1),
    )
    .unwrap();
    let used = from_compiled(&dir);
    assert!(
        !used.iter().any(|f| f == "tool.yaml" || f == "domain.yaml"),
        "{used:?}"
    );
    assert!(used.iter().any(|f| f == "ssl.yaml"), "{used:?}");
    let bare = copy(&real, "corrupted-bare", false);
    for modules in [None, Some(&["tool", "domain"][..])] {
        let options = options(modules);
        assert_eq!(built(&dir, &options), built(&bare, &options));
    }
}

#[test]
fn compile_refuses_an_invalid_spec_and_removes_orphans() {
    let real = spec_root().join("1.0.20");
    let dir = copy(&real, "compile", true);
    let folder = dir.join(compiled::COMPILED_DIR);
    std::fs::write(folder.join("gone.json"), "{}").unwrap();
    let written = compile::write(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written.len(), 10);
    assert!(!folder.join("gone.json").exists());
    assert!(compile::stale(&dir).unwrap().is_empty());

    replace(
        &dir,
        "tool.yaml",
        "type: SuggestsLanguage,",
        "type: SuggestsLanguag,",
    );
    let before = std::fs::read_to_string(folder.join("tool.json")).unwrap();
    let err = compile::write(&dir).expect_err("an invalid spec");
    assert!(err.0.iter().any(|e| e.file == "tool.yaml"), "{err}");
    assert_eq!(
        std::fs::read_to_string(folder.join("tool.json")).unwrap(),
        before
    );
    assert_eq!(
        compile::stale(&dir).map_err(|e| e.to_string()),
        Err(err.to_string())
    );
}
