//! `ddspec dump`: the spec as stable JSON, one entry per action with its wire parameters and
//! its response fields as slash paths under `responseData`.

use serde::Serialize;

use crate::load::Spec;
use crate::model::{Field, Named};
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

/// Builds the dump of `spec`.
pub fn dump(model: &crate::Model) -> Dump {
    let spec = &model.raw;
    let actions = spec
        .actions()
        .map(|(m, name, def)| {
            let a = &def.action;
            let params = Wire::of(spec, &a.params)
                .params
                .into_iter()
                .map(|p| p.name)
                .collect();
            let mut fields = Vec::new();
            if let Some(r) = &a.response {
                visit_response_fields(spec, r, &mut |path, _, _| fields.push(path.to_owned()));
            }
            let mut seen = std::collections::HashSet::new();
            fields.retain(|f| seen.insert(f.clone()));
            ActionDump {
                name: format!("{}/{name}", m.name),
                kind: a.kind.as_str().into(),
                params,
                fields,
            }
        })
        .collect();
    Dump {
        version: spec.version.clone(),
        actions,
    }
}

/// Calls `visit(path, field, type)` for every field of the response `r`, variant fields
/// included: paths are slash paths under `responseData` (`billing/total`), inline and named
/// structs are expanded below their field, map values below `field/{key}/`. The type is `None`
/// when the field's type does not parse (validation reports that).
pub fn visit_response_fields(
    spec: &Spec,
    r: &crate::model::Response,
    visit: &mut dyn FnMut(&str, &Field, Option<&Ty>),
) {
    visit_fields(spec, "", &response_fields(spec, r), visit, 0);
    for v in r.variants.iter().flat_map(|v| v.values()) {
        visit_fields(spec, "", &v.fields, visit, 0);
    }
}

fn visit_fields(
    spec: &Spec,
    prefix: &str,
    fields: &Named<Field>,
    visit: &mut dyn FnMut(&str, &Field, Option<&Ty>),
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    for (key, f) in fields.iter() {
        let path = format!("{prefix}{key}");
        let ty = f.ty.ty();
        visit(&path, f, ty);
        let Some(ty) = ty else { continue };
        let below = match &ty {
            Ty::Map(_) => format!("{path}/{{key}}/"),
            _ => format!("{path}/"),
        };
        match ty.leaf() {
            Ty::Object => {
                if let Some(sub) = &f.fields {
                    visit_fields(spec, &below, sub, visit, depth + 1);
                }
            }
            Ty::Named(n) => {
                if let Some(s) = spec.structs.get(n) {
                    visit_fields(spec, &below, &s.def.fields, visit, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// The top-level fields of a response as the tools see them: a `type: S` or `type: list<S>`
/// response shows the fields of `S` (like the items of any list field, without an index).
pub fn response_fields(spec: &Spec, r: &crate::model::Response) -> Named<Field> {
    if r.ty.is_none() {
        return r.fields.clone();
    }
    r.whole_type()
        .and_then(|w| spec.structs.get(&w.item))
        .map(|s| s.def.fields.clone())
        .unwrap_or_default()
}
