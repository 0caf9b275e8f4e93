//! Rules for values written in the spec: `default` values parse as their parameter's type, and
//! `required_if` conditions name parameters that exist, with values they can take.
//!
//! Conditions are resolved the way the wire sees them (see [`crate::wire`]): inside a group used
//! under a prefix, a key is looked up under the same prefix, so each use of a group is checked
//! against the action that uses it.

use std::collections::HashMap;

use super::{did_you_mean, Checker};
use crate::model::{Named, Param};
use crate::spec::Spec;
use crate::ty::Ty;
use crate::wire::{Wire, WireTy};

/// How deep groups may nest while walking; deeper means a cycle, reported by [`super::cycles`].
const MAX_GROUP_DEPTH: usize = 8;

/// Every `default` and every `required_if` of every action.
pub(super) fn check(c: &mut Checker) {
    let spec = c.spec;
    for (m, name, def) in spec.actions() {
        let wire = match c.model.module(&m.name).and_then(|m| m.action(name)) {
            Some(a) => Wire::of_action(c.model, a),
            None => Wire::default(),
        };
        let keys: HashMap<&str, &WireTy> = wire
            .params
            .iter()
            .map(|p| (p.name.as_str(), &p.ty))
            .collect();
        let mut walk = Walk {
            c: &mut *c,
            keys,
            action: format!("{}/{name}", m.name),
        };
        let at = Affix {
            prefix: String::new(),
            suffix: "",
        };
        walk.params(
            &def.file,
            &format!("{}.params", def.path),
            &def.action.params,
            &at,
            0,
        );
    }
}

/// What a parameter's key is wrapped in on the wire: the prefix of the group uses around it,
/// and `_{n}` inside a numbered group.
struct Affix {
    prefix: String,
    suffix: &'static str,
}

impl Affix {
    fn wire(&self, key: &str) -> String {
        format!("{}{key}{}", self.prefix, self.suffix)
    }
}

/// The walk over one action's parameters, groups included.
struct Walk<'c, 'a, 'w> {
    c: &'c mut Checker<'a>,
    /// Every form key of the action, with its check.
    keys: HashMap<&'w str, &'w WireTy>,
    action: String,
}

impl Walk<'_, '_, '_> {
    fn params(
        &mut self,
        file: &str,
        path: &str,
        params: &Named<Param>,
        affix: &Affix,
        depth: usize,
    ) {
        if depth > MAX_GROUP_DEPTH {
            return;
        }
        for (key, p) in params.iter() {
            let here = format!("{path}.{key}");
            self.c.at(file, None);
            if let Some(d) = &p.default {
                default(self.c, &format!("{here}.default"), p, &d.0);
            }
            if let Some(when) = &p.required_if {
                self.required_if(&format!("{here}.required_if"), when, params, affix);
            }
            if let Some(vs) = &p.variants {
                for (v, vd) in vs.iter() {
                    let vp = format!("{here}.variants.{v}.params");
                    self.params(file, &vp, &vd.params, affix, depth + 1);
                }
            }
            if let Some(g) = &p.group {
                let inner = Affix {
                    prefix: format!("{}{}", affix.prefix, p.prefix.as_deref().unwrap_or(key)),
                    suffix: if p.numbered { "_{n}" } else { affix.suffix },
                };
                self.group(g, &inner, depth + 1);
            }
        }
    }

    fn group(&mut self, name: &str, at: &Affix, depth: usize) {
        let spec: &Spec = self.c.spec;
        let Some(g) = spec.groups.get(name) else {
            return;
        };
        let base = format!("groups.{name}");
        if let Some(ps) = &g.def.params {
            self.params(&g.file, &format!("{base}.params"), ps, at, depth);
        }
        for (v, alt) in g.def.one_of.iter().flat_map(|a| a.iter()) {
            if let Some(ps) = &alt.params {
                let vp = format!("{base}.one_of.{v}.params");
                self.params(&g.file, &vp, ps, at, depth);
            }
            if let Some(inner) = &alt.group {
                self.group(inner, at, depth + 1);
            }
        }
    }

    /// Each condition names a form key of the action, under the parameter's own prefix, and a
    /// value that key can take.
    fn required_if(
        &mut self,
        at: &str,
        when: &Named<crate::model::Scalar>,
        siblings: &Named<Param>,
        affix: &Affix,
    ) {
        for (k, v) in when.iter() {
            let wire = affix.wire(k);
            let here = format!("{at}.{k}");
            match self.keys.get(wire.as_str()).copied() {
                None => {
                    let hint = did_you_mean(k, siblings.keys().map(String::as_str));
                    let seen_as = if wire == *k {
                        String::new()
                    } else {
                        format!(" (as `{wire}`)")
                    };
                    let msg = format!(
                        "`required_if` names `{k}`{seen_as}, which is not a parameter of `{}`{hint}",
                        self.action
                    );
                    self.c.err(&here, msg);
                }
                Some(ty) => {
                    if let Err(e) = value_fits(ty, &v.0) {
                        self.c.err(&here, format!("`required_if` on `{k}`: {e}"));
                    }
                }
            }
        }
    }
}

/// A `default` parses as the parameter's type (a discriminator's: one of its variants).
fn default(c: &mut Checker, at: &str, p: &Param, value: &str) {
    let result = if let Some(vs) = &p.variants {
        one_of(value, vs.keys())
    } else if let Some(ty) = p.ty.as_ref().and_then(|t| t.ty()) {
        ty_fits(c.spec, ty, value)
    } else {
        Ok(())
    };
    if let Err(e) = result {
        c.err(at, format!("the default {e}"));
    }
}

fn one_of<'v>(value: &str, values: impl Iterator<Item = &'v String>) -> Result<(), String> {
    let values: Vec<&str> = values.map(String::as_str).collect();
    if values.contains(&value) {
        return Ok(());
    }
    let hint = did_you_mean(value, values.iter().copied());
    Err(format!(
        "`{value}` is not one of the values ({}){hint}",
        values.join(", ")
    ))
}

/// Whether a text is a value of the type, as written in the spec.
fn ty_fits(spec: &Spec, ty: &Ty, value: &str) -> Result<(), String> {
    match ty {
        Ty::Integer => value
            .parse::<i64>()
            .map(drop)
            .map_err(|_| format!("`{value}` is not an integer")),
        Ty::Float => value
            .parse::<f64>()
            .map(drop)
            .map_err(|_| format!("`{value}` is not a number")),
        Ty::Boolean => match value {
            "true" | "false" | "1" | "0" => Ok(()),
            _ => Err(format!("`{value}` is not a boolean (true, false, 1 or 0)")),
        },
        Ty::Date if !crate::examples::is_date(value) => {
            Err(format!("`{value}` is not a YYYY-MM-DD date"))
        }
        Ty::DateTime if !crate::examples::is_datetime(value) => Err(format!(
            "`{value}` is not a YYYY-MM-DD HH:MM:SS date and time"
        )),
        Ty::Named(n) => match spec.enums.get(n) {
            Some(e) => one_of(value, e.def.values.keys()),
            None => Ok(()),
        },
        Ty::Csv(inner) => value
            .split(',')
            .try_for_each(|part| ty_fits(spec, inner, part.trim())),
        _ => Ok(()),
    }
}

/// Whether a `required_if` value is one the form key can take.
pub(super) fn value_fits(ty: &WireTy, value: &str) -> Result<(), String> {
    match ty {
        WireTy::Enum(values) | WireTy::Switch(values) => one_of(value, values.iter()),
        WireTy::Boolean => match value {
            "true" | "false" | "1" | "0" => Ok(()),
            _ => Err(format!("`{value}` is not a boolean (true, false, 1 or 0)")),
        },
        WireTy::Integer => value
            .parse::<i64>()
            .map(drop)
            .map_err(|_| format!("`{value}` is not an integer")),
        _ => Ok(()),
    }
}
