//! Request bodies: every form key typed, and the spec's presence rules in JSON Schema terms.
//!
//! - keys required in every request are `required` (a required text is non-empty: the API reads
//!   an empty value as absent);
//! - one-of identifiers and contact alternatives (`domain` or `domainID`, `ownerContactID` or the
//!   contact's data) are an `anyOf` of the alternatives, each "its keys present, the keys of the
//!   earlier alternatives absent, and its own rules": the first alternative present is the one
//!   checked, as the API does (an earlier alternative of one required key needs no "absent",
//!   and a required key stands for "its keys present"; both keep the schemas small); an
//!   optional one applies once one of its keys is present;
//! - discriminated requests (`updateType`) and conditional requirements (`required_if`) are
//!   `if`/`then`; optional groups apply their rules once one of their keys is present;
//! - groups appear under the prefix of each use (`ownerContactFirstName`), numbered keys as
//!   `patternProperties` (`^alt_name_[1-9][0-9]*$`), comma lists as a text with a `pattern`,
//!   base64 JSON with `contentEncoding`, `contentMediaType` and `contentSchema`.

use serde_json::{json, Map, Value};

use super::components::reference;
use super::source::{ActionView, Api, FormKey, FormTy, Shape};
use super::Values;
use crate::wire::Rule;

/// `application/x-www-form-urlencoded`.
pub const URLENCODED: &str = "application/x-www-form-urlencoded";
/// `multipart/form-data`.
pub const MULTIPART: &str = "multipart/form-data";

/// What a numbered key holds in place of its number.
const NUMBER: &str = "{n}";

/// The request body schema of `a`, titled `name` (client generators name their types after it);
/// without the presence rules when `no_rules`.
pub fn body(api: &Api, a: &ActionView, name: &str, no_rules: bool) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "apiuser".into(),
        json!({ "type": "string", "minLength": 1, "description": "The account's API user name." }),
    );
    properties.insert(
        "apipasswd".into(),
        json!({
            "type": "string", "minLength": 1, "format": "password", "writeOnly": true,
            "description": "The account's API password (sent in the body only, never in a URL).",
        }),
    );
    let mut patterns = Map::new();
    let mut required = vec![json!("apiuser"), json!("apipasswd")];
    for k in &a.keys {
        let mut s = key_schema(api, k);
        if k.key.contains(NUMBER) {
            patterns.insert(numbered_pattern(&k.key), s);
            continue;
        }
        if k.required {
            required.push(json!(k.key));
            if s.get("type") == Some(&json!("string")) {
                s["minLength"] = json!(1);
            }
        } else if s.get("type") != Some(&json!("string")) || s.get("enum").is_some() {
            s = empty_allowed(s);
        }
        properties.insert(k.key.clone(), s);
    }
    let mut s = json!({
        "title": name,
        "description": format!("The form of {}/{}.", a.module, a.name),
        "type": "object",
        "properties": properties,
        "required": required,
    });
    if !patterns.is_empty() {
        let keys: Vec<&str> = a
            .keys
            .iter()
            .filter(|k| k.key.contains(NUMBER))
            .map(|k| k.key.as_str())
            .collect();
        s["patternProperties"] = Value::Object(patterns);
        s["x-dondominio-numbered"] = json!({
            "keys": keys,
            "note": "Numbered keys: {n} is 1, 2, 3... with no gap; the keys of one number go together.",
        });
    }
    let rules: Vec<Value> = a
        .rules
        .iter()
        .filter(|r| !matches!(r, Rule::Required(_)))
        .filter_map(|r| rule(a, r))
        .collect();
    if !rules.is_empty() && !no_rules {
        s["allOf"] = json!(rules);
    }
    s
}

/// `^alt_name_[1-9][0-9]*$` for `alt_name_{n}`.
fn numbered_pattern(key: &str) -> String {
    let (head, tail) = key.split_once(NUMBER).unwrap_or((key, ""));
    format!("^{}[1-9][0-9]*{}$", escape(head), escape(tail))
}

/// Escapes the characters that mean something in a regular expression.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\^$.|?*+()[]{}/-".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The schema of one form key's value.
/// An optional key also takes the empty text: the API reads it as a PHP form does, as not sent
/// (the PHP SDKs send an argument left `null` so; an empty boolean is false).
fn empty_allowed(mut s: Value) -> Value {
    let description = s.as_object_mut().and_then(|o| o.remove("description"));
    let mut out = json!({ "anyOf": [s, { "const": "", "description": "Empty: as if not sent." }] });
    if let Some(d) = description {
        out["description"] = d;
    }
    out
}

fn key_schema(api: &Api, k: &FormKey) -> Value {
    let mut s = match &k.ty {
        FormTy::Value(shape) => value(api, shape),
        FormTy::Switch(cases) => {
            let values: Vec<&str> = cases.iter().map(|(v, _)| v.as_str()).collect();
            let meanings: Map<String, Value> = cases
                .iter()
                .map(|(v, d)| (v.clone(), json!(d.trim())))
                .collect();
            json!({ "type": "string", "enum": values, "x-enumDescriptions": meanings })
        }
    };
    let mut doc = k.doc.trim().to_owned();
    if let FormTy::Switch(cases) = &k.ty {
        for (v, d) in cases {
            doc.push_str(&format!("\n- `{v}`: {}", d.trim()));
        }
    }
    s["description"] = json!(doc);
    if let Some(d) = &k.default {
        s["default"] = typed(&k.ty, d);
    }
    s
}

/// A default or `required_if` value as the JSON value of the key's type.
fn typed(ty: &FormTy, text: &str) -> Value {
    match ty {
        FormTy::Value(Shape::Integer) => text.parse::<i64>().map_or(json!(text), |n| json!(n)),
        FormTy::Value(Shape::Float) => text.parse::<f64>().map_or(json!(text), |n| json!(n)),
        FormTy::Value(Shape::Boolean) => match text {
            "true" | "1" => json!(true),
            "false" | "0" => json!(false),
            _ => json!(text),
        },
        _ => json!(text),
    }
}

/// The schema of a form value of `shape`.
fn value(api: &Api, shape: &Shape) -> Value {
    match shape {
        Shape::String => json!({ "type": "string" }),
        Shape::Integer => json!({ "type": "integer" }),
        Shape::Float => json!({ "type": "number" }),
        Shape::Boolean => json!({ "type": "boolean" }),
        Shape::Date => json!({ "type": "string", "format": "date" }),
        Shape::DateTime => json!({
            "type": "string",
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
        }),
        Shape::Enum(name) => reference(name),
        Shape::Csv(item) => {
            let mut s = json!({
                "type": "string",
                "x-dondominio-csv": value(api, item),
            });
            if let Some(one) = item_pattern(api, item) {
                s["pattern"] = json!(format!(r"^\s*{one}\s*(,\s*{one}\s*)*$"));
            }
            s
        }
        Shape::Base64Json(inner) => json!({
            "type": "string",
            "contentEncoding": "base64",
            "contentMediaType": "application/json",
            "contentSchema": super::response::schema(inner, Values::Canonical),
        }),
        Shape::Json => json!({ "type": "string", "contentMediaType": "application/json" }),
        other => json!({
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": super::response::schema(other, Values::Canonical),
        }),
    }
}

/// The regular expression of one item of a comma list, when it is narrower than any text.
fn item_pattern(api: &Api, item: &Shape) -> Option<String> {
    match item {
        Shape::Integer => Some("[-+]?[0-9]+".into()),
        Shape::Float => Some(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)".into()),
        Shape::Boolean => Some("(true|false|1|0)".into()),
        Shape::Date => Some("[0-9]{4}-[0-9]{2}-[0-9]{2}".into()),
        Shape::Enum(name) => {
            let e = api.enums.iter().find(|e| e.name == *name)?;
            let alts: Vec<String> = e.values.iter().map(|(v, _)| escape(v)).collect();
            Some(format!("({})", alts.join("|")))
        }
        _ => None,
    }
}

/// Key `k` is sent with a value (the API reads an empty value as absent).
fn present(k: &str) -> Value {
    json!({ "required": [k], "properties": { k: { "minLength": 1 } } })
}

/// One of `keys` is sent with a value; `None` when none can be named (numbered keys).
fn any_present(keys: &[String]) -> Option<Value> {
    let mut alts: Vec<Value> = Vec::new();
    for k in keys.iter().filter(|k| !k.contains(NUMBER)) {
        let p = present(k);
        if !alts.contains(&p) {
            alts.push(p);
        }
    }
    match alts.len() {
        0 => None,
        1 => alts.into_iter().next(),
        _ => Some(json!({ "anyOf": alts })),
    }
}

fn all(mut rules: Vec<Value>) -> Value {
    let mut seen = Vec::new();
    rules.retain(|r| {
        let new = !seen.contains(r);
        seen.push(r.clone());
        new
    });
    match rules.len() {
        0 => json!({}),
        1 => rules.into_iter().next().unwrap_or_default(),
        _ => json!({ "allOf": rules }),
    }
}

fn rules(a: &ActionView, rs: &[Rule]) -> Vec<Value> {
    rs.iter().filter_map(|r| rule(a, r)).collect()
}

/// Whether a one-of alternative holds whenever it is present: one key, required, nothing else.
fn self_evident(alt: &crate::wire::Alt) -> bool {
    let [only] = alt.members.as_slice() else {
        return false;
    };
    alt.rules
        .iter()
        .all(|r| matches!(r, Rule::Required(k) if k == only))
}

/// One presence rule as a schema; `None` when it says nothing JSON Schema can check (the rules
/// of numbered keys hold per number).
fn rule(a: &ActionView, r: &Rule) -> Option<Value> {
    match r {
        Rule::Required(k) if k.contains(NUMBER) => None,
        Rule::Required(k) => Some(present(k)),
        Rule::RequiredIf { name, when } => {
            if name.contains(NUMBER) {
                return None;
            }
            let mut props = Map::new();
            let mut keys = Vec::new();
            for (k, v) in when {
                let ty = a.keys.iter().find(|x| x.key == *k).map(|x| &x.ty);
                let v = ty.map_or(json!(v), |t| typed(t, v));
                props.insert(k.clone(), json!({ "const": v }));
                keys.push(json!(k));
            }
            Some(json!({
                "if": { "required": keys, "properties": props },
                "then": present(name),
            }))
        }
        Rule::Group {
            members,
            required,
            rules: inner,
        } => {
            let inner = rules(a, inner);
            if inner.is_empty() {
                return None;
            }
            if *required {
                return Some(all(inner));
            }
            Some(json!({ "if": any_present(members)?, "then": all(inner) }))
        }
        Rule::OneOf { required, alts } => {
            let mut branches = Vec::new();
            let mut earlier: Vec<String> = Vec::new();
            for alt in alts {
                let mut parts = Vec::new();
                // "One of its keys present" goes without saying when one of them is required
                // (and saying it costs schemathesis a branch per key).
                let requires_one = alt.rules.iter().any(
                    |r| matches!(r, Rule::Required(k) if alt.members.contains(k) && !k.contains(NUMBER)),
                );
                if !requires_one {
                    parts.push(any_present(&alt.members)?);
                }
                if let Some(e) = any_present(&earlier) {
                    parts.push(json!({ "not": e }));
                }
                parts.extend(rules(a, &alt.rules));
                let mut branch = all(parts);
                branch["title"] = json!(alt.name);
                branches.push(branch);
                // An alternative that holds as soon as it is present needs no "absent" in the
                // later ones: when it is the first present, its own branch holds already. (It
                // keeps the schema small enough for schemathesis to generate from.)
                if !self_evident(alt) {
                    earlier.extend(alt.members.iter().cloned());
                }
            }
            let one_of = json!({ "anyOf": branches });
            if *required {
                return Some(one_of);
            }
            // Optional: the alternatives apply once one of their keys is present.
            let all: Vec<String> = alts.iter().flat_map(|a| a.members.clone()).collect();
            Some(json!({ "if": any_present(&all)?, "then": one_of }))
        }
        Rule::Switch {
            param,
            required,
            cases,
        } => {
            let mut parts = Vec::new();
            if *required {
                parts.push(present(param));
            }
            for (value, inner) in cases {
                let inner = rules(a, inner);
                if inner.is_empty() {
                    continue;
                }
                parts.push(json!({
                    "if": { "required": [param], "properties": { param: { "const": value } } },
                    "then": all(inner),
                }));
            }
            (!parts.is_empty()).then(|| all(parts))
        }
        Rule::Numbered { .. } => None,
    }
}
