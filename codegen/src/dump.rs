//! `ddspec dump`: the spec as stable JSON, one entry per action with its wire parameters and
//! its response fields as slash paths under `responseData`.

use serde::Serialize;

use crate::ir::{Field, Model, Response, Shape};
use crate::ty::Ty;
use crate::wire::Wire;

/// The dump of a whole version.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Dump {
    /// The spec version.
    pub version: String,
    /// Every action, in module and spec order.
    pub actions: Vec<ActionDump>,
}

/// One action in the dump.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActionDump {
    /// `module/action`.
    pub name: String,
    /// `read`, `write` or `billable`.
    pub kind: String,
    /// Every form key the action accepts (groups expanded, numbered ones as `name_{n}`).
    pub params: Vec<String>,
    /// Every response field as a slash path (`billing/total`), variant fields included.
    pub fields: Vec<String>,
}

/// Builds the dump of `model`.
pub fn dump(model: &Model) -> Dump {
    let actions = model
        .actions()
        .map(|a| {
            let params = Wire::of_action(model, a)
                .params
                .into_iter()
                .map(|p| p.name)
                .collect();
            let mut fields = Vec::new();
            visit_response_fields(model, &a.response, &mut |path, _| {
                fields.push(path.to_owned())
            });
            let mut seen = std::collections::HashSet::new();
            fields.retain(|f| seen.insert(f.clone()));
            ActionDump {
                name: a.path.clone(),
                kind: a.kind.as_str().into(),
                params,
                fields,
            }
        })
        .collect();
    Dump {
        version: model.version.clone(),
        actions,
    }
}

/// Calls `visit(path, field)` for every field of the response `r`, variant fields included:
/// paths are slash paths under `responseData` (`billing/total`), inline and named structs are
/// expanded below their field, map values below `field/{key}/`.
pub fn visit_response_fields(model: &Model, r: &Response, visit: &mut dyn FnMut(&str, &Field)) {
    visit_fields(model, "", response_fields(model, r), visit, 0);
    if let Shape::Variants { variants, .. } = &r.shape {
        for v in variants {
            visit_fields(model, "", &v.own, visit, 0);
        }
    }
}

fn visit_fields(
    model: &Model,
    prefix: &str,
    fields: &[Field],
    visit: &mut dyn FnMut(&str, &Field),
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    for f in fields {
        let path = format!("{prefix}{}", f.key);
        visit(&path, f);
        let below = match &f.ty {
            Ty::Map(_) => format!("{path}/{{key}}/"),
            _ => format!("{path}/"),
        };
        match f.ty.leaf() {
            Ty::Object => {
                if let Some(inline) = &f.inline {
                    visit_fields(model, &below, &inline.fields, visit, depth + 1);
                }
            }
            Ty::Named(n) => {
                if let Some(s) = model.structs.get(n) {
                    visit_fields(model, &below, &s.fields, visit, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// The top-level fields of a response as the tools see them: a `type: S` or `type: list<S>`
/// response shows the fields of `S` (like the items of any list field, without an index), a
/// variant response its common fields.
pub fn response_fields<'m>(model: &'m Model, r: &'m Response) -> &'m [Field] {
    match &r.shape {
        Shape::Family { fields } | Shape::Fields(fields) => fields,
        Shape::Variants { common, .. } => common,
        Shape::Whole { item, .. } => model.structs.get(item).map_or(&[], |s| &s.fields),
    }
}
