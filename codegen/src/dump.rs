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
    pub version: String,
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
pub fn dump(spec: &Spec) -> Dump {
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
                field_paths(spec, "", &response_fields(spec, r), &mut fields, 0);
                for v in r.variants.iter().flat_map(|v| v.values()) {
                    field_paths(spec, "", &v.fields, &mut fields, 0);
                }
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

/// Pushes the slash paths of `fields` under `prefix`, expanding inline and named structs.
pub fn field_paths(
    spec: &Spec,
    prefix: &str,
    fields: &Named<Field>,
    out: &mut Vec<String>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    for (key, f) in fields.iter() {
        let path = format!("{prefix}{key}");
        out.push(path.clone());
        let Ok(ty) = Ty::parse(&f.ty) else { continue };
        let below = match &ty {
            Ty::Map(_) => format!("{path}/{{key}}/"),
            _ => format!("{path}/"),
        };
        match ty.leaf() {
            Ty::Object => {
                if let Some(sub) = &f.fields {
                    field_paths(spec, &below, sub, out, depth + 1);
                }
            }
            Ty::Named(n) => {
                if let Some(s) = spec.structs.get(n) {
                    field_paths(spec, &below, &s.def.fields, out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// The top-level fields of a response as the tools see them: a `type: S` or `type: list<S>`
/// response shows the fields of `S` (like the items of any list field, without an index).
pub fn response_fields(spec: &Spec, r: &crate::model::Response) -> Named<Field> {
    let Some(text) = &r.ty else {
        return r.fields.clone();
    };
    let name = match Ty::parse(text) {
        Ok(Ty::Named(n)) => n,
        Ok(Ty::List(inner)) => match *inner {
            Ty::Named(n) => n,
            _ => return Named::default(),
        },
        _ => return Named::default(),
    };
    spec.structs
        .get(&name)
        .map(|s| s.def.fields.clone())
        .unwrap_or_default()
}
