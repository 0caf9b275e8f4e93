//! Where each generated item lives: a module's entity families get a submodule each
//! (`service::dns`), holding the family's actions and the types only that family uses.
//!
//! The choice is made by reachability, for every spec alike: a type defined by a module goes
//! into a family's submodule when every action that reaches it (through parameters, groups,
//! response fields and nested structs) belongs to that one family. Anything else (shared by
//! two families, used by an ordinary action, or by no action at all) stays in the module.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Action, Field, GroupDef, Named, Param};
use crate::spec::Spec;
use crate::ty::{Ty, TypeExpr};

/// Who uses a type: an ordinary action of a module, or an action of one of its families.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct User {
    module: String,
    family: Option<String>,
}

/// The family submodule of each type that has one, by type name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    family_of: BTreeMap<String, String>,
}

impl Layout {
    /// Computes the layout of `spec`.
    pub(crate) fn of(spec: &Spec) -> Layout {
        let mut users: BTreeMap<String, BTreeSet<User>> = BTreeMap::new();
        for (m, _, def) in spec.actions() {
            let user = User {
                module: m.name.clone(),
                family: def.action.family.as_ref().map(|f| f.family.clone()),
            };
            let mut seen = BTreeSet::new();
            action_refs(spec, &def.action, &mut seen);
            for t in seen {
                users.entry(t).or_default().insert(user.clone());
            }
        }
        let mut family_of = BTreeMap::new();
        for (name, set) in users {
            let Some(owner) = defining_module(spec, &name) else {
                continue;
            };
            let mut families = set.iter().map(|u| (&u.module, &u.family));
            let Some((m, Some(fam))) = families.next() else {
                continue;
            };
            if *m == owner && families.all(|(m2, f2)| *m2 == owner && f2.as_ref() == Some(fam)) {
                family_of.insert(name, fam.clone());
            }
        }
        Layout { family_of }
    }

    /// The family submodule that holds type `name`, if any.
    pub(crate) fn family_of(&self, name: &str) -> Option<&str> {
        self.family_of.get(name).map(String::as_str)
    }
}

/// The module (not `types.yaml`) that defines type `name`.
fn defining_module(spec: &Spec, name: &str) -> Option<String> {
    spec.enums
        .get(name)
        .map(|d| d.module.clone())
        .or_else(|| spec.structs.get(name).map(|d| d.module.clone()))
        .or_else(|| spec.groups.get(name).map(|d| d.module.clone()))
        .flatten()
}

/// Every named type an action reaches, directly or through other types.
fn action_refs(spec: &Spec, a: &Action, seen: &mut BTreeSet<String>) {
    let mut direct = Vec::new();
    param_refs(&a.params, &mut direct);
    if let Some(r) = &a.response {
        field_refs(&r.fields, &mut direct);
        for v in r.variants.iter().flat_map(|v| v.values()) {
            field_refs(&v.fields, &mut direct);
        }
        if let Some(w) = r.whole_type() {
            direct.push(w.item);
        }
    }
    if let Some(f) = &a.family {
        direct.push(f.entity.clone());
    }
    let mut stack = direct;
    while let Some(t) = stack.pop() {
        if !seen.insert(t.clone()) {
            continue;
        }
        if let Some(s) = spec.structs.get(&t) {
            field_refs(&s.def.fields, &mut stack);
        } else if let Some(g) = spec.groups.get(&t) {
            group_refs(&g.def, &mut stack);
        }
    }
}

fn ty_refs(ty: &TypeExpr, out: &mut Vec<String>) {
    if let Some(Ty::Named(n)) = ty.ty().map(Ty::leaf) {
        out.push(n.clone());
    }
}

fn field_refs(fields: &Named<Field>, out: &mut Vec<String>) {
    for f in fields.values() {
        ty_refs(&f.ty, out);
        if let Some(sub) = &f.fields {
            field_refs(sub, out);
        }
    }
}

fn param_refs(params: &Named<Param>, out: &mut Vec<String>) {
    for p in params.values() {
        if let Some(t) = &p.ty {
            ty_refs(t, out);
        }
        out.extend(p.group.iter().cloned());
        for v in p.variants.iter().flat_map(|v| v.values()) {
            param_refs(&v.params, out);
        }
    }
}

fn group_refs(g: &GroupDef, out: &mut Vec<String>) {
    if let Some(ps) = &g.params {
        param_refs(ps, out);
    }
    for alt in g.one_of.iter().flat_map(|a| a.values()) {
        if let Some(ps) = &alt.params {
            param_refs(ps, out);
        }
        out.extend(alt.group.iter().cloned());
    }
}
