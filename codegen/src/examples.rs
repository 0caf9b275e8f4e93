//! Checks that each response example fits its action's declared response, the way the
//! runtime's strict decoder reads it: every key declared, every required field present, enum
//! values listed, dates well formed. It runs on every spec version, so the examples of an old
//! spec (which the crate does not build) stay honest fixtures too.
//!
//! The loose PHP typing the runtime accepts (numbers as strings, `""` or `[]` for an absent
//! optional value, `[]` for an empty object) is accepted here as well.

use serde_json::{Map, Value};

use crate::model::{Field, Named, Response};
use crate::spec::Spec;
use crate::ty::Ty;

/// The problems of one example's `responseData`, each with its slash path.
pub fn check(
    spec: &Spec,
    response: Option<&Response>,
    variant: Option<&str>,
    data: &Value,
) -> Vec<String> {
    let mut c = Check {
        spec,
        problems: Vec::new(),
    };
    let empty = Response::default();
    let r = response.unwrap_or(&empty);
    if let Some(text) = &r.ty {
        if let Some(ty) = text.ty() {
            c.value("", ty, None, data);
        }
        return c.problems;
    }
    let mut fields = r.fields.clone();
    if let (Some(vs), Some(v)) = (&r.variants, variant) {
        if let Some(vr) = vs.get(v) {
            for (k, f) in vr.fields.iter() {
                fields.insert(k.clone(), f.clone());
            }
        }
    }
    match data {
        Value::Null => {}
        _ => c.object("", &fields, data),
    }
    c.problems
}

struct Check<'a> {
    spec: &'a Spec,
    problems: Vec<String>,
}

fn join(path: &str, seg: &str) -> String {
    if path.is_empty() {
        seg.to_owned()
    } else {
        format!("{path}/{seg}")
    }
}

/// Whether `v` stands for "absent" in an optional field of type `ty` (as the runtime reads it).
fn absent(ty: &Ty, v: &Value) -> bool {
    match (ty, v) {
        (_, Value::Null) => true,
        (Ty::String | Ty::Json, _) => false,
        (_, Value::String(s)) => s.is_empty(),
        (_, Value::Array(a)) => a.is_empty(),
        _ => false,
    }
}

/// Whether `s` is a date text, as the runtime reads one (`dondominio_rules::date`).
pub(crate) fn is_date(s: &str) -> bool {
    dondominio_rules::date::date(s).is_some()
}

/// Whether `s` is a date-and-time text, as the runtime reads one (`dondominio_rules::date`).
pub(crate) fn is_datetime(s: &str) -> bool {
    dondominio_rules::date::date_time(s).is_some()
}

impl Check<'_> {
    fn problem(&mut self, path: &str, msg: impl std::fmt::Display) {
        let at = if path.is_empty() {
            "responseData".to_owned()
        } else {
            format!("responseData/{path}")
        };
        self.problems.push(format!("{at}: {msg}"));
    }

    fn object(&mut self, path: &str, fields: &Named<Field>, v: &Value) {
        let empty = Map::new();
        let o = match v {
            Value::Object(o) => o,
            Value::Array(a) if a.is_empty() => &empty,
            other => return self.problem(path, format!("expected an object, got {other}")),
        };
        for (key, f) in fields.iter() {
            let here = join(path, key);
            let Some(ty) = f.ty.ty() else { continue };
            match o.get(key) {
                None | Some(Value::Null) if !f.optional => self.problem(&here, "missing field"),
                Some(v) if f.optional && absent(ty, v) => {}
                // A placeholder (`-`) stands for no number, in required fields too.
                Some(Value::String(t)) if f.placeholders.contains(t) => {}
                Some(v) => self.value(&here, ty, f.fields.as_ref(), v),
                None => {}
            }
        }
        for key in o.keys() {
            if !fields.contains_key(key) {
                self.problem(&join(path, key), "field not in the spec");
            }
        }
    }

    /// One value of type `ty` (inline objects take their fields from `inline`).
    fn value(&mut self, path: &str, ty: &Ty, inline: Option<&Named<Field>>, v: &Value) {
        match ty {
            Ty::Object => match inline {
                Some(sub) => self.object(path, sub, v),
                None => self.problem(path, "inline object without fields"),
            },
            Ty::Named(n) => self.named(path, n, v),
            Ty::List(item) | Ty::Csv(item) => self.list(path, item, inline, v),
            Ty::Map(item) => self.map(path, item, inline, v),
            scalar => {
                if !scalar_fits(scalar, v) {
                    self.problem(path, format!("expected {ty}, got {v}"));
                }
            }
        }
    }

    /// A value of an enum (a listed value) or a named struct.
    fn named(&mut self, path: &str, n: &str, v: &Value) {
        if let Some(e) = self.spec.enums.get(n) {
            match text_of(v) {
                Some(t) if e.def.values.contains_key(&t) => {}
                Some(t) => self.problem(path, format!("`{t}` is not a value of {n}")),
                None => self.problem(path, format!("expected a value of {n}, got {v}")),
            }
        } else if let Some(s) = self.spec.structs.get(n) {
            let fields = s.def.fields.clone();
            self.object(path, &fields, v);
        }
    }

    /// A JSON array, or a comma-separated string, of items.
    fn list(&mut self, path: &str, item: &Ty, inline: Option<&Named<Field>>, v: &Value) {
        match v {
            Value::Array(items) => {
                for (i, item_v) in items.iter().enumerate() {
                    self.value(&join(path, &i.to_string()), item, inline, item_v);
                }
            }
            Value::String(s) if s.trim().is_empty() => {}
            Value::String(s) => {
                for (i, part) in s.split(',').enumerate() {
                    let part = Value::String(part.trim().to_owned());
                    self.value(&join(path, &i.to_string()), item, inline, &part);
                }
            }
            other => self.problem(path, format!("expected a list, got {other}")),
        }
    }

    /// A JSON object with free keys (`[]` when empty).
    fn map(&mut self, path: &str, item: &Ty, inline: Option<&Named<Field>>, v: &Value) {
        match v {
            Value::Object(o) => {
                for (k, item_v) in o {
                    self.value(&join(path, k), item, inline, item_v);
                }
            }
            Value::Array(a) if a.is_empty() => {}
            other => self.problem(path, format!("expected a map, got {other}")),
        }
    }
}

/// A scalar as text, the way the runtime reads numbers and booleans sent as strings.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether `v` is a value of the scalar type `ty`, with the runtime's loose PHP typing.
fn scalar_fits(ty: &Ty, v: &Value) -> bool {
    let text = text_of(v);
    match ty {
        Ty::String | Ty::Base64Json(_) => text.is_some(),
        Ty::Integer => match v {
            Value::Number(n) => {
                n.as_i64().is_some() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
            }
            Value::Bool(_) => true,
            _ => text.is_some_and(|t| t.parse::<i64>().is_ok()),
        },
        Ty::Float => !matches!(v, Value::Bool(_)) && text.is_some_and(|t| t.parse::<f64>().is_ok()),
        Ty::Boolean => match v {
            Value::Bool(_) => true,
            Value::Number(n) => matches!(n.as_i64(), Some(0 | 1)),
            Value::String(s) => matches!(
                s.trim().to_ascii_lowercase().as_str(),
                "true" | "1" | "yes" | "on" | "false" | "0" | "no" | "off" | ""
            ),
            _ => false,
        },
        Ty::Date => text.is_some_and(|t| is_date(&t)),
        Ty::DateTime => text.is_some_and(|t| is_datetime(&t)),
        _ => true,
    }
}
