//! `components/schemas`: the spec's enums and structs (each once, referred to by `$ref`), the
//! error envelope, and the schemas the paths name (request bodies, response variants).

use serde_json::{json, Map, Value};

use super::source::{Api, EnumView};
use super::{NameClash, Values};

/// Where component schemas are referred to from.
pub const PREFIX: &str = "#/components/schemas/";

/// A `$ref` to the component `name`.
pub fn reference(name: &str) -> Value {
    json!({ "$ref": format!("{PREFIX}{name}") })
}

/// The component schemas being collected.
#[derive(Debug)]
pub struct Schemas {
    map: Map<String, Value>,
}

impl Schemas {
    /// Every enum and struct of `api`, and the error envelope.
    pub fn new(api: &Api, values: Values) -> Schemas {
        let mut map = Map::new();
        for e in &api.enums {
            map.insert(e.name.clone(), enum_schema(e));
        }
        for s in &api.structs {
            let mut schema = super::response::object(&s.fields, values);
            schema["title"] = json!(s.name);
            schema["description"] = json!(s.doc);
            map.insert(s.name.clone(), schema);
        }
        map.insert(
            super::errors::ENVELOPE.to_owned(),
            super::errors::envelope(api),
        );
        Schemas { map }
    }

    /// Adds the schema `name` (wanted by `by`, for the error message); refuses a name taken.
    pub fn add(&mut self, name: &str, by: &str, schema: Value) -> Result<Value, NameClash> {
        if self.map.contains_key(name) {
            return Err(NameClash {
                name: name.to_owned(),
                by: by.to_owned(),
            });
        }
        self.map.insert(name.to_owned(), schema);
        Ok(reference(name))
    }

    /// The schemas, in the order they were added.
    pub fn finish(self) -> Value {
        Value::Object(self.map)
    }
}

/// An enum: its values, with the meaning of each (`x-enumDescriptions`, which Redoc shows, and
/// in the description for every other tool).
fn enum_schema(e: &EnumView) -> Value {
    let values: Vec<&str> = e.values.iter().map(|(v, _)| v.as_str()).collect();
    let meanings: Map<String, Value> = e
        .values
        .iter()
        .map(|(v, d)| (v.clone(), json!(d)))
        .collect();
    let list: Vec<String> = e
        .values
        .iter()
        .map(|(v, d)| format!("- `{v}`: {d}"))
        .collect();
    json!({
        "title": e.name,
        "type": "string",
        "enum": values,
        "description": format!("{}\n\n{}", e.doc.trim(), list.join("\n")),
        "x-enumDescriptions": meanings,
    })
}
