//! `ddspec compile`: writes the compiled form of each file of a spec folder
//! ([`crate::compiled`]) after loading and validating the whole spec from its YAML, and tells
//! whether the compiled files are up to date.

use std::path::{Path, PathBuf};

use crate::compiled;
use crate::error::SpecErrors;
use crate::model::{ApiFile, SpecFile};

/// The compiled files of the spec folder `dir` as `(path, text)`, in file order, after loading
/// and validating it (an invalid spec gives its errors and nothing).
pub fn compile(dir: &Path) -> Result<Vec<(PathBuf, String)>, SpecErrors> {
    let sources = crate::load::read_sources(dir)?;
    crate::load::load_sources(sources.clone())?;
    let mut out = Vec::new();
    for (file, yaml) in &sources.files {
        // Loading succeeded, so each file parses again the same way.
        let content = if file == "api.yaml" {
            crate::load::parse::<ApiFile>(file, yaml)
                .and_then(|c| compiled::text(file, yaml, &c).map_err(|m| io(file, m)))
        } else {
            crate::load::parse::<SpecFile>(file, yaml)
                .and_then(|c| compiled::text(file, yaml, &c).map_err(|m| io(file, m)))
        };
        out.push((compiled::path(dir, file), content?));
    }
    Ok(out)
}

fn io(file: &str, message: String) -> crate::SpecError {
    crate::SpecError {
        file: file.to_owned(),
        line: None,
        column: None,
        path: String::new(),
        message,
    }
}

/// Writes the compiled files of the spec folder `dir` into `dir/compiled/` and removes any other
/// file there; refuses (writing nothing) a spec that does not validate. Gives the paths written.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, SpecErrors> {
    let files = compile(dir)?;
    let folder = dir.join(compiled::COMPILED_DIR);
    std::fs::create_dir_all(&folder).map_err(|e| {
        io(
            &folder.display().to_string(),
            format!("cannot create the folder: {e}"),
        )
    })?;
    // Stale files: of a YAML file since removed, or renamed.
    if let Ok(listing) = std::fs::read_dir(&folder) {
        for e in listing.flatten() {
            let p = e.path();
            if !files.iter().any(|(f, _)| *f == p) {
                std::fs::remove_file(&p)
                    .map_err(|err| io(&p.display().to_string(), format!("cannot remove: {err}")))?;
            }
        }
    }
    let mut written = Vec::new();
    for (p, text) in files {
        std::fs::write(&p, text)
            .map_err(|e| io(&p.display().to_string(), format!("cannot write: {e}")))?;
        written.push(p);
    }
    Ok(written)
}

/// What is wrong with the compiled files of the spec folder `dir`: one line per compiled file
/// that is missing, differs from what [`write()`] would write, or has no YAML file. Empty when
/// they are up to date.
pub fn stale(dir: &Path) -> Result<Vec<String>, SpecErrors> {
    let files = compile(dir)?;
    let mut problems = Vec::new();
    for (p, text) in &files {
        match std::fs::read_to_string(p) {
            Ok(t) if t == *text => {}
            Ok(_) => problems.push(format!("{} is stale", p.display())),
            Err(_) => problems.push(format!("{} is missing", p.display())),
        }
    }
    if let Ok(listing) = std::fs::read_dir(dir.join(compiled::COMPILED_DIR)) {
        for e in listing.flatten() {
            let p = e.path();
            if !files.iter().any(|(f, _)| *f == p) {
                problems.push(format!("{} has no YAML file", p.display()));
            }
        }
    }
    Ok(problems)
}
