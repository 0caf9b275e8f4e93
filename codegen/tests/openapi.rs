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

/// The schema at `pointer` of `doc`, a `$ref` followed.
fn at<'a>(doc: &'a Value, pointer: &str) -> &'a Value {
    resolve(
        doc,
        doc.pointer(pointer)
            .unwrap_or_else(|| panic!("no {pointer}")),
    )
}

#[test]
fn the_constructs_of_the_spec_are_json_schema() {
    let doc = openapi::document(&spec("1.0.20"), &Options::default()).unwrap();
    let body = |path: &str| {
        let p = format!(
            "/paths/{}/post/requestBody/content/multipart~1form-data/schema",
            path.replace('/', "~1")
        );
        at(&doc, &p).clone()
    };
    let create = body("/domain/create/");
    let text = create.to_string();
    // Contact ID or data: an anyOf of the two, the data's required keys inside.
    let owner = create["allOf"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r.to_string().contains("ownerContactID"))
        .expect("a rule on the owner contact");
    let titles: Vec<&str> = owner["anyOf"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["title"].as_str())
        .collect();
    assert_eq!(titles, ["Id", "Data"], "{owner}");
    assert!(
        owner.to_string().contains("ownerContactFirstName"),
        "{owner}"
    );
    // required_if: OrgName when the type is organization.
    let org = r#""if":{"required":["ownerContactType"],"properties":{"ownerContactType":{"const":"organization"}}},"then":{"required":["ownerContactOrgName"]"#;
    assert!(text.contains(org), "{text}");
    assert_eq!(create["required"][0], "apiuser");
    assert_eq!(create["properties"]["apipasswd"]["writeOnly"], true);
    // Discriminated request: one if/then per updateType value.
    let update = body("/domain/update/").to_string();
    assert!(
        update.contains(r#""updateType":{"const":"nameservers"}"#),
        "{update}"
    );
    // Base64 JSON, numbered keys, comma lists of an enum.
    let zone = body("/service/dnssetzone/");
    assert_eq!(
        zone["properties"]["dnsZoneData"]["contentEncoding"],
        "base64"
    );
    assert_eq!(
        zone["properties"]["dnsZoneData"]["contentSchema"]["type"],
        "array"
    );
    let ssl = body("/ssl/create/");
    assert!(
        ssl["patternProperties"]
            .get(r"^alt_name_[1-9][0-9]*$")
            .is_some(),
        "{}",
        ssl["patternProperties"]
    );
    // Kinds, retries, and the error envelope with its codes.
    let op = &doc["paths"]["/domain/create/"]["post"];
    assert_eq!(
        (
            op["x-dondominio-kind"].as_str(),
            op["x-dondominio-retry"].as_bool()
        ),
        (Some("billable"), Some(false))
    );
    let hello = &doc["paths"]["/tool/hello/"]["post"];
    assert_eq!(hello["x-dondominio-retry"], true);
    let codes = at(
        &doc,
        "/components/schemas/ErrorEnvelope/properties/errorCode",
    );
    assert!(codes["enum"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!(201)));
    assert_eq!(
        codes["x-enumDescriptions"]["201"],
        "The credentials were rejected."
    );
    // Variant responses as their own schemas.
    assert!(doc["components"]["schemas"]
        .get("DomainGetinfoStatus")
        .is_some());
}

#[test]
fn the_options_change_what_they_say() {
    let spec = spec("1.0.20");
    let one = openapi::document(
        &spec,
        &Options {
            media: openapi::Media::UrlEncoded,
            ..Options::default()
        },
    )
    .unwrap();
    let content = &one["paths"]["/tool/hello/"]["post"]["requestBody"]["content"];
    assert_eq!(content.as_object().unwrap().len(), 1, "{content}");
    let lenient = openapi::document(&spec, &Options::default()).unwrap();
    let canonical = openapi::document(
        &spec,
        &Options {
            values: openapi::Values::Canonical,
            ..Options::default()
        },
    )
    .unwrap();
    let price = "/components/schemas/DomainCheckResponse/properties/responseData";
    assert!(
        lenient
            .pointer(price)
            .unwrap()
            .to_string()
            .contains("pattern"),
        "numbers as text, lenient"
    );
    assert!(
        !canonical
            .pointer(price)
            .unwrap()
            .to_string()
            .contains(r#""pattern""#),
        "canonical has no text numbers"
    );
    let no_rules = openapi::document(
        &spec,
        &Options {
            no_rules: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(no_rules["components"]["schemas"]["DomainCreateRequest"]
        .get("allOf")
        .is_none());
    assert!(lenient["components"]["schemas"]["DomainCreateRequest"]
        .get("allOf")
        .is_some());
}
