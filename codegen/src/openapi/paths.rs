//! `paths` and `tags`: one `POST /{module}/{action}/` per action.

use serde_json::{json, Map, Value};

use super::components::{reference, Schemas};
use super::source::{ActionView, Api};
use super::{errors, first_sentence, request, response, NameClash, Options};
use crate::model::Kind;
use crate::names::camel;

/// The name of `a` in schema names (`DomainCheck`).
fn op_name(a: &ActionView) -> String {
    format!("{}{}", camel(&a.module), camel(&a.name))
}

/// The tag of an entity family (`service/dns`).
fn family_tag(module: &str, family: &str) -> String {
    format!("{module}/{family}")
}

/// A tag per module and per entity family, with their descriptions.
pub fn tags(api: &Api) -> Value {
    let mut tags = Vec::new();
    for m in &api.modules {
        tags.push(json!({ "name": m.name, "description": m.doc.trim() }));
        for (f, doc) in &m.families {
            tags.push(json!({ "name": family_tag(&m.name, f), "description": doc.trim() }));
        }
    }
    Value::Array(tags)
}

/// Every path of the document; adds the request and response schemas to `schemas`.
pub fn paths(api: &Api, options: &Options, schemas: &mut Schemas) -> Result<Value, NameClash> {
    let mut paths = Map::new();
    for a in &api.actions {
        let op = operation(api, a, options, schemas)?;
        paths.insert(format!("/{}/{}/", a.module, a.name), json!({ "post": op }));
    }
    Ok(Value::Object(paths))
}

fn operation(
    api: &Api,
    a: &ActionView,
    options: &Options,
    schemas: &mut Schemas,
) -> Result<Value, NameClash> {
    let op = op_name(a);
    let path = format!("{}/{}", a.module, a.name);
    let name = format!("{op}Request");
    let body = schemas.add(&name, &path, request::body(api, a, &name))?;
    let content: Map<String, Value> = options
        .media
        .types()
        .iter()
        .map(|m| (m.to_string(), json!({ "schema": body.clone() })))
        .collect();
    let mut tags = vec![json!(a.module)];
    if let Some(f) = &a.family {
        tags.push(json!(family_tag(&a.module, f)));
    }
    let mut o = json!({
        "operationId": format!("{}{}", a.module, camel(&a.name)),
        "summary": first_sentence(&a.doc),
        "tags": tags,
        "security": [],
        "x-dondominio-kind": a.kind.as_str(),
        "x-dondominio-retry": a.kind == Kind::Read,
        "requestBody": { "required": true, "content": content },
        "responses": {
            "200": response::ok_answer(a, &op, options.values, schemas)?,
            "4XX": {
                "description": "The request was refused before the API read it (too large, too slow, \
                                wrong method): the error envelope.",
                "content": { "application/json": { "schema": reference(errors::ENVELOPE) } },
            },
        },
    });
    if first_sentence(&a.doc) != a.doc.trim() {
        o["description"] = json!(a.doc.trim());
    }
    if let Some(items) = &a.paged {
        o["x-dondominio-paged"] =
            json!({ "items": items, "page": "page", "pageLength": "pageLength" });
    }
    if let Some((action, with)) = &a.wraps {
        let with: Map<String, Value> = with.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        o["x-dondominio-wraps"] = json!({ "action": action, "with": with });
    }
    Ok(o)
}
