//! Response schemas: the success envelope of each action, with its typed `responseData`.
//!
//! Values accept the loose forms the lenient decoder of the crate accepts, so the document fits
//! the real API's answers as well as the sandbox's: a number as a numeric string, a boolean as
//! `1`/`0` or a text such as `"yes"`, an empty object as `[]`, an absent date as `""`, a comma
//! list as a text or an array, and the placeholders of a number field (`"-"`). With
//! [`Values::Canonical`] only the canonical forms remain, the ones the sandbox sends.

use serde_json::{json, Map, Value};

use super::components::{reference, Schemas};
use super::errors;
use super::source::{ActionView, Body, FieldView, Shape};
use super::{NameClash, Values};

/// A whole number sent as text (also `"7.0"`).
pub const INTEGER_TEXT: &str = r"^\s*[-+]?[0-9]+(\.0*)?\s*$";
/// A decimal number sent as text.
pub const NUMBER_TEXT: &str = r"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$";
/// The texts the lenient decoder reads as a boolean (any case; `""` is false).
pub const BOOLEAN_TEXT: &str = r"^\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy][Ee][Ss]|[Nn][Oo]|[Oo][Nn]|[Oo][Ff][Ff]|1|0)?\s*$";
/// A date, or a date and time (cut to its date).
pub const DATE_TEXT: &str = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}:[0-9]{2})?\s*$";

/// `[]`: how PHP sends an empty object.
fn empty_array() -> Value {
    json!({ "type": "array", "items": {}, "maxItems": 0 })
}

/// `""`: how the API sends an absent date.
fn empty_text() -> Value {
    json!({ "type": "string", "maxLength": 0 })
}

fn one(mut alts: Vec<Value>) -> Value {
    if alts.contains(&json!({})) {
        return json!({});
    }
    if alts.len() == 1 {
        alts.remove(0)
    } else {
        json!({ "anyOf": alts })
    }
}

/// The schema of a value of `shape` (with the loose forms when `values` is lenient).
pub fn schema(shape: &Shape, values: Values) -> Value {
    one(alternatives(shape, values))
}

fn alternatives(shape: &Shape, values: Values) -> Vec<Value> {
    let mut alts = all_forms(shape, values);
    if values == Values::Canonical {
        // The first form is the canonical one; `""` stays for absent dates.
        let empty = empty_text();
        let keep_empty = matches!(shape, Shape::Date | Shape::DateTime);
        let first = alts.remove(0);
        alts.retain(|a| keep_empty && *a == empty);
        alts.insert(0, first);
    }
    alts
}

fn all_forms(shape: &Shape, values: Values) -> Vec<Value> {
    let schema = |s: &Shape| schema(s, values);
    match shape {
        Shape::String => vec![
            json!({ "type": "string" }),
            json!({ "type": "number" }),
            json!({ "type": "boolean" }),
        ],
        Shape::Integer => vec![
            json!({ "type": "integer" }),
            json!({ "type": "string", "pattern": INTEGER_TEXT }),
            json!({ "type": "boolean" }),
        ],
        Shape::Float => vec![
            json!({ "type": "number" }),
            json!({ "type": "string", "pattern": NUMBER_TEXT }),
        ],
        Shape::Boolean => vec![
            json!({ "type": "boolean" }),
            json!({ "enum": [0, 1] }),
            json!({ "type": "string", "pattern": BOOLEAN_TEXT }),
        ],
        Shape::Date => vec![
            json!({ "type": "string", "format": "date" }),
            json!({ "type": "string", "pattern": DATE_TEXT }),
            empty_text(),
        ],
        Shape::DateTime => vec![
            json!({
                "type": "string",
                "pattern": DATE_TEXT,
                "description": "YYYY-MM-DD HH:MM:SS (also with T, or a date alone at midnight).",
            }),
            empty_text(),
        ],
        Shape::Json => vec![json!({})],
        Shape::Enum(name) => vec![
            reference(name),
            json!({ "type": "string", "description": "A value the spec does not list." }),
        ],
        Shape::Struct(name) => vec![reference(name), empty_array()],
        Shape::Object(fields) => vec![object(fields, values), empty_array()],
        Shape::List(item) => vec![json!({ "type": "array", "items": schema(item) })],
        Shape::Csv(item) => vec![
            json!({ "type": "array", "items": schema(item) }),
            json!({ "type": "string", "description": "Comma-separated values." }),
        ],
        Shape::Map(value) => vec![
            json!({ "type": "object", "additionalProperties": schema(value) }),
            empty_array(),
        ],
        Shape::Base64Json(inner) => vec![json!({
            "type": "string",
            "contentEncoding": "base64",
            "contentMediaType": "application/json",
            "contentSchema": schema(inner),
        })],
    }
}

/// The schema of one field: its value, its placeholders, `null` when optional.
pub fn field(f: &FieldView, values: Values) -> Value {
    // A number field with placeholders takes a numeric text in every decoding mode.
    let values = if f.placeholders.is_empty() {
        values
    } else {
        Values::Lenient
    };
    let mut alts = alternatives(&f.shape, values);
    if !f.placeholders.is_empty() {
        alts.push(json!({ "enum": f.placeholders, "description": "No number." }));
    }
    if f.optional || !f.placeholders.is_empty() {
        alts.push(json!({ "type": "null" }));
    }
    let mut s = one(alts);
    if !f.doc.is_empty() {
        s["description"] = json!(f.doc.trim());
    }
    s
}

/// An object of `fields`; the non-optional ones are required. Keys the spec does not list are
/// allowed (the crate keeps them).
pub fn object(fields: &[FieldView], values: Values) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|f| (f.key.clone(), field(f, values)))
        .collect();
    // The lenient decoder fills a missing field with its empty value, unless it identifies what
    // the answer is about.
    // A variant may redefine a common field: its own definition (the last one) decides, and a
    // key is listed once (JSON Schema wants `required` without repeats).
    let mut required: Vec<&str> = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let last = !fields[i + 1..].iter().any(|g| g.key == f.key);
        if last
            && !f.optional
            && f.placeholders.is_empty()
            && (values == Values::Canonical || f.identifying)
        {
            required.push(f.key.as_str());
        }
    }
    let mut s = json!({ "type": "object", "properties": properties });
    if !required.is_empty() {
        s["required"] = json!(required);
    }
    s
}

/// The schema of `responseData` for `a`; the response variants become components named
/// `{op}{Variant}`.
fn data(
    a: &ActionView,
    op: &str,
    values: Values,
    schemas: &mut Schemas,
) -> Result<Value, NameClash> {
    let Some(r) = &a.response else {
        return Ok(json!({
            "description": "Empty: an object without keys, or [].",
            "anyOf": [{ "type": "object", "maxProperties": 0 }, empty_array()],
        }));
    };
    let common = match &r.body {
        Body::Whole { item, array: false } => return Ok(reference(item)),
        Body::Whole { item, array: true } => {
            return Ok(json!({ "type": "array", "items": reference(item) }))
        }
        Body::Fields(f) => f,
    };
    if r.variants.is_empty() {
        return Ok(schema(&Shape::Object(common.clone()), values));
    }
    let mut alts = Vec::new();
    for v in &r.variants {
        let fields: Vec<FieldView> = common.iter().chain(&v.fields).cloned().collect();
        let mut s = object(&fields, values);
        let name = format!("{op}{}", crate::names::camel(&v.value));
        s["title"] = json!(name);
        s["description"] = json!(format!(
            "{} ({}={}.)",
            v.doc.trim().trim_end_matches('.'),
            r.selector.as_deref().unwrap_or("variant"),
            v.value
        ));
        alts.push(schemas.add(&name, &format!("{}/{}", a.module, a.name), s)?);
    }
    Ok(json!({
        "description": format!(
            "One shape per value of the request's {}.",
            r.selector.as_deref().unwrap_or("selector")
        ),
        "anyOf": alts,
    }))
}

/// The 200 answer of `a`: its success envelope (component `{op}Response`) or the error envelope,
/// with the spec's examples.
pub fn ok_answer(
    a: &ActionView,
    op: &str,
    values: Values,
    schemas: &mut Schemas,
) -> Result<Value, NameClash> {
    let path = format!("{}/{}", a.module, a.name);
    let envelope = json!({
        "title": format!("{op}Response"),
        "description": format!("The answer of {path} when it worked."),
        "type": "object",
        "required": ["success", "errorCode", "responseData"],
        "properties": {
            "success": { "const": true },
            "errorCode": { "const": 0 },
            "errorCodeMsg": { "type": "string", "description": "The API's message (untrusted text)." },
            "action": { "type": "string", "description": "module/action that was called." },
            "version": { "type": "string", "description": "API version that answered." },
            "messages": errors::messages(),
            "responseData": data(a, op, values, schemas)?,
        },
    });
    let success = schemas.add(&format!("{op}Response"), &path, envelope)?;
    let mut content = json!({
        "schema": { "oneOf": [success, reference(errors::ENVELOPE)] },
    });
    let examples: Map<String, Value> = a
        .examples
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let value = e.json.clone()?;
            let name = format!("{}{}", e.variant.as_deref().unwrap_or("example"), i + 1);
            let mut ex = json!({ "summary": format!("From the manual ({name})"), "value": value });
            if let Some(d) = &e.doc {
                ex["description"] = json!(d.trim());
            }
            Some((name, ex))
        })
        .collect();
    if !examples.is_empty() {
        content["examples"] = Value::Object(examples);
    }
    Ok(json!({
        "description": "The envelope: success=true with responseData, or success=false with the error code.",
        "content": { "application/json": content },
    }))
}
