//! An OpenAPI 3.1 description of the API (`ddspec openapi`), emitted from the checked spec, for
//! the tools of other languages: client generators, linters, fuzzers.
//!
//! What the document says, and where it is built:
//!
//! - [`paths`]: one `POST /{module}/{action}/` per action, its `operationId`, tags (module, and
//!   entity family), `x-dondominio-kind` and `x-dondominio-retry`;
//! - [`request`]: the form body (urlencoded and multipart), every key typed, with the presence
//!   rules of the spec as JSON Schema (`required`, `anyOf`, `if`/`then`, `patternProperties`);
//! - [`response`]: the success envelope with the typed `responseData` (the API's loose PHP
//!   forms accepted, as the lenient decoder accepts them);
//! - [`errors`]: the error envelope with every error code;
//! - [`components`]: enums and structs shared by several actions, and only the ones used.
//!
//! The spec is read in one place, [`source`].

pub mod components;
pub mod errors;
pub mod paths;
pub mod request;
pub mod response;
pub mod source;
pub mod yaml;

use serde_json::{json, Map, Value};

use crate::ir::Model;

/// The media types of request bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Media {
    /// `application/x-www-form-urlencoded` and `multipart/form-data`, as the API takes both.
    #[default]
    Both,
    /// `application/x-www-form-urlencoded` only: openapi-python-client 0.29 generates code that
    /// fails on import when a body has two media types.
    UrlEncoded,
    /// `multipart/form-data` only.
    Multipart,
}

impl Media {
    /// Parses `both`, `urlencoded` or `multipart`.
    pub fn parse(s: &str) -> Option<Media> {
        match s {
            "both" => Some(Media::Both),
            "urlencoded" => Some(Media::UrlEncoded),
            "multipart" => Some(Media::Multipart),
            _ => None,
        }
    }

    /// The media types it stands for.
    pub fn types(self) -> &'static [&'static str] {
        match self {
            Media::Both => &[request::URLENCODED, request::MULTIPART],
            Media::UrlEncoded => &[request::URLENCODED],
            Media::Multipart => &[request::MULTIPART],
        }
    }
}

/// Which forms of response values the schemas accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Values {
    /// Every form the crate's lenient decoder reads (numbers as text, `[]` for `{}`, enum
    /// values the spec does not list, missing fields that are not identifying): the document
    /// fits the real API's answers.
    #[default]
    Lenient,
    /// Only the canonical form, the one the sandbox sends (the generated types' `Serialize`):
    /// every field the spec does not mark optional present, a number as a number, an enum one
    /// of its values. Simpler types for client generators, and a closer check of the sandbox.
    Canonical,
}

impl Values {
    /// Parses `lenient` or `canonical`.
    pub fn parse(s: &str) -> Option<Values> {
        match s {
            "lenient" => Some(Values::Lenient),
            "canonical" => Some(Values::Canonical),
            _ => None,
        }
    }
}

/// How the document is shaped.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The media types of request bodies.
    pub media: Media,
    /// The forms of response values.
    pub values: Values,
    /// Leave the presence rules out of request bodies (the keys, their types and the keys
    /// required in every request stay): schemathesis 4.32 cannot generate from the rules of
    /// the largest forms (`domain/create`, four contacts each given by ID or in full).
    pub no_rules: bool,
}

/// What the API says about credentials, in the document's `x-dondominio-credentials`.
pub const CREDENTIALS_NOTE: &str = "Every call carries the account's credentials as the form \
fields apiuser and apipasswd, in the POST body. OpenAPI security schemes describe headers, \
queries and cookies only, not form fields, so the document declares no scheme (security: []) \
and lists both fields as required in every request body instead. Never put the password in a \
URL or a log.";

/// A component name given twice: two definitions would need the same schema name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameClash {
    /// The component name (`DomainGetinfoStatus`).
    pub name: String,
    /// What wanted it the second time.
    pub by: String,
}

impl std::fmt::Display for NameClash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "openapi: the schema name `{}` is needed twice (the second time by {}); rename one \
             of the spec's types",
            self.name, self.by
        )
    }
}

impl std::error::Error for NameClash {}

/// The OpenAPI document of `model` as JSON.
pub fn document(model: &Model, options: &Options) -> Result<Value, NameClash> {
    let api = source::Api::of(model);
    let mut schemas = components::Schemas::new(&api, options.values);
    let paths = paths::paths(&api, options, &mut schemas)?;
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "DonDominio / MrDomain API",
            "version": api.version,
            "summary": "The registrar's Simple-POST API, from the dondominio spec.",
            "description": format!(
                "Generated by `ddspec openapi` from the machine-readable spec of the vendor's manual \
                 (version {}). Every call is a POST of a form (urlencoded or multipart) to \
                 /{{module}}/{{action}}/; every answer is a JSON envelope: success, errorCode, \
                 errorCodeMsg, action, version and responseData. An API error is HTTP 200 with \
                 success=false. Numbers may arrive as strings, an empty object as [], an absent \
                 date as \"\": the schemas accept those forms.",
                api.version
            ),
            "license": { "name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0" },
        },
        "servers": [
            { "url": api.base_url, "description": "The registrar's API." },
            {
                "url": "http://127.0.0.1:{port}",
                "description": "A local dondominio-sandbox (its first line of output gives the port).",
                "variables": { "port": { "default": "8080" } }
            }
        ],
        "security": [],
        "x-dondominio-credentials": {
            "fields": ["apiuser", "apipasswd"],
            "in": "form body",
            "note": CREDENTIALS_NOTE,
        },
        "tags": paths::tags(&api),
        "paths": paths,
        "components": { "schemas": schemas.finish() },
    });
    prune_unused(&mut doc);
    Ok(doc)
}

/// The document of the spec folder `dir` as JSON, for build scripts (the sandbox serves it):
/// each file read from its compiled form when that is fresh, the spec validated otherwise
/// (examples left out, as for the generated Rust).
pub fn build_json(dir: &std::path::Path, options: &Options) -> Result<String, String> {
    let load_options = crate::LoadOptions {
        examples: false,
        trust_compiled: true,
        ..crate::LoadOptions::default()
    };
    let model = crate::load(dir, &load_options).map_err(|e| e.to_string())?;
    let doc = document(&model, options).map_err(|e| e.to_string())?;
    Ok(to_json(&doc))
}

/// The document as YAML.
pub fn to_yaml(doc: &Value) -> String {
    yaml::to_yaml(doc)
}

/// The document as pretty JSON, with a final newline.
pub fn to_json(doc: &Value) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Drops the component schemas nothing refers to (from the paths, directly or through other
/// components): the enums and structs of actions left out of a version.
fn prune_unused(doc: &mut Value) {
    let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
    else {
        return;
    };
    let mut used = std::collections::BTreeSet::new();
    let mut todo = Vec::new();
    refs(doc.get("paths").unwrap_or(&Value::Null), &mut todo);
    while let Some(name) = todo.pop() {
        if used.insert(name.clone()) {
            if let Some(s) = schemas.get(&name) {
                refs(s, &mut todo);
            }
        }
    }
    let kept: Map<String, Value> = schemas
        .into_iter()
        .filter(|(k, _)| used.contains(k))
        .collect();
    if let Some(s) = doc.pointer_mut("/components/schemas") {
        *s = Value::Object(kept);
    }
}

/// The component names `v` refers to.
fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => {
                        if let Some(n) = r.strip_prefix(components::PREFIX) {
                            out.push(n.to_owned());
                        }
                    }
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// The first sentence of `doc` (for `summary`).
pub(crate) fn first_sentence(doc: &str) -> String {
    let doc = doc.trim();
    let end = doc
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .next()
        .unwrap_or(doc.len());
    doc[..end].trim().to_owned()
}
