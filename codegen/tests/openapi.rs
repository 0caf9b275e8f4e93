//! The OpenAPI documents (`ddspec openapi`): the committed `docs/openapi/<version>.yaml` match
//! the specs, and every action, form key and response field path of `ddspec dump` is in them.
//! Regenerate the committed files with
//! `UPDATE_OPENAPI=1 cargo test -p dondominio-codegen --test openapi`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dondominio_codegen::openapi::{self, Options};
use serde_json::Value;

const VERSIONS: [&str; 2] = ["1.0.20", "1.0.4"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn spec(version: &str) -> dondominio_codegen::Model {
    dondominio_codegen::load(&root().join("spec").join(version), &Default::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_committed_documents_match_the_specs() {
    for version in VERSIONS {
        let doc = openapi::document(&spec(version), &Options::default()).unwrap();
        let text = openapi::to_yaml(&doc);
        let path = root().join(format!("docs/openapi/{version}.yaml"));
        if std::env::var_os("UPDATE_OPENAPI").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{} is out of date with the spec: run UPDATE_OPENAPI=1 cargo test -p dondominio-codegen --test openapi",
            path.display()
        );
        // The YAML reads back as the document.
        let back: Value = serde_yaml::from_str(&committed).unwrap();
        assert_eq!(
            back,
            doc,
            "{} does not read back as the document",
            path.display()
        );
    }
}

/// Follows a `$ref` to a component.
fn resolve<'a>(doc: &'a Value, s: &'a Value) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => doc
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("dangling $ref {r}")),
        None => s,
    }
}

/// Every property path a schema describes, as `ddspec dump` writes response fields: slash
/// paths, list items without an index, map values under `{key}/`.
fn field_paths(doc: &Value, s: &Value, prefix: &str, out: &mut BTreeSet<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    let s = resolve(doc, s);
    for k in ["anyOf", "oneOf", "allOf"] {
        for alt in s.get(k).and_then(Value::as_array).into_iter().flatten() {
            field_paths(doc, alt, prefix, out, depth + 1);
        }
    }
    if let Some(props) = s.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            let path = format!("{prefix}{k}");
            out.insert(path.clone());
            field_paths(doc, v, &format!("{path}/"), out, depth + 1);
        }
    }
    if let Some(items) = s.get("items") {
        field_paths(doc, items, prefix, out, depth + 1);
    }
    if let Some(values) = s.get("additionalProperties").filter(|v| v.is_object()) {
        field_paths(doc, values, &format!("{prefix}{{key}}/"), out, depth + 1);
    }
}

#[test]
fn every_action_key_and_field_of_the_dump_is_in_the_document() {
    for (version, want_actions) in [("1.0.20", 106), ("1.0.4", 78)] {
        let spec = spec(version);
        let dump = dondominio_codegen::dump::dump(&spec);
        let doc = openapi::document(&spec, &Options::default()).unwrap();
        let (mut actions, mut params, mut fields) = ((0, 0), (0, 0), (0, 0));
        let mut missing = Vec::new();
        for a in &dump.actions {
            actions.1 += 1;
            let path = format!("/{}/", a.name);
            let Some(op) = doc["paths"].get(&path).and_then(|p| p.get("post")) else {
                missing.push(format!("{}: no path {path}", a.name));
                params.1 += a.params.len();
                fields.1 += a.fields.len();
                continue;
            };
            actions.0 += 1;
            let media = &op["requestBody"]["content"];
            for m in ["application/x-www-form-urlencoded", "multipart/form-data"] {
                assert!(media.get(m).is_some(), "{}: no {m} body", a.name);
            }
            let body = resolve(&doc, &media["application/x-www-form-urlencoded"]["schema"]);
            let props = body["properties"].as_object().unwrap();
            let patterns: Vec<regex::Regex> = body
                .get("patternProperties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(p, _)| regex::Regex::new(p).unwrap())
                .collect();
            for p in ["apiuser", "apipasswd"] {
                assert!(props.contains_key(p), "{}: no {p}", a.name);
            }
            for p in &a.params {
                params.1 += 1;
                let found = if p.contains("{n}") {
                    let (one, two) = (p.replace("{n}", "1"), p.replace("{n}", "12"));
                    patterns
                        .iter()
                        .any(|r| r.is_match(&one) && r.is_match(&two))
                        && !patterns.iter().any(|r| r.is_match(&p.replace("{n}", "0")))
                } else {
                    props.contains_key(p)
                };
                if found {
                    params.0 += 1;
                } else {
                    missing.push(format!("{}: form key {p}", a.name));
                }
            }
            let answer = &op["responses"]["200"]["content"]["application/json"]["schema"];
            let success = resolve(&doc, &answer["oneOf"][0]);
            let mut have = BTreeSet::new();
            field_paths(
                &doc,
                &success["properties"]["responseData"],
                "",
                &mut have,
                0,
            );
            for f in &a.fields {
                fields.1 += 1;
                if have.contains(f) {
                    fields.0 += 1;
                } else {
                    missing.push(format!("{}: response field {f}", a.name));
                }
            }
        }
        println!(
            "{version}: actions {}/{}, form keys {}/{}, response fields {}/{}",
            actions.0, actions.1, params.0, params.1, fields.0, fields.1
        );
        assert!(
            missing.is_empty(),
            "{version}: not in the document:\n{}",
            missing.join("\n")
        );
        assert_eq!(actions, (want_actions, want_actions), "{version}");
        assert!(params.1 > 0 && fields.1 > 0);
    }
}
