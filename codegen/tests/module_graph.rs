//! The codegen's modules import each other in one direction only: reading the code, each
//! top-level module (`load`, `ir`, `emit`...) uses only modules that do not use it back, so
//! the data flows YAML -> load -> validate -> model -> emitters without a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level module of a source file (`ir/build.rs` -> `ir`); `None` for the crate root
/// and the binaries.
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    if first == "lib.rs" || first == "bin" {
        return None;
    }
    Some(first.trim_end_matches(".rs").to_owned())
}

/// Every `crate::<module>` a file's code (not its comments) names.
fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                out.insert(name);
            }
        }
        // `use super::x` inside a module stays inside it; `crate::` covers the rest.
    }
    out
}

fn walk(dir: &Path, root: &Path, graph: &mut BTreeMap<String, BTreeSet<String>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, root, graph);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap();
        let Some(module) = module_of(rel) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let used = graph.entry(module.clone()).or_default();
        used.extend(uses(&text).into_iter().filter(|u| *u != module));
    }
}

/// A circle through `at`, if there is one (the modules on it, in order).
fn circle(
    graph: &BTreeMap<String, BTreeSet<String>>,
    at: &str,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(i) = path.iter().position(|m| m == at) {
        let mut c = path[i..].to_vec();
        c.push(at.to_owned());
        return Some(c);
    }
    if done.contains(at) {
        return None;
    }
    path.push(at.to_owned());
    for next in graph.get(at).into_iter().flatten() {
        if let Some(c) = circle(graph, next, path, done) {
            return Some(c);
        }
    }
    path.pop();
    done.insert(at.to_owned());
    None
}

#[test]
fn no_module_imports_in_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    walk(&root, &root, &mut graph);
    assert!(graph.len() > 10, "too few modules read: {graph:?}");
    // The ones the issue named: the loader and the compiled cache, the model and its consumers.
    assert!(graph["load"].contains("compiled"));
    assert!(!graph["compiled"].contains("load"));
    assert!(graph["emit"].contains("ir"));
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        if let Some(c) = circle(&graph, m, &mut Vec::new(), &mut done) {
            panic!("modules import in a circle: {}", c.join(" -> "));
        }
    }
}
