//! `from:` of a plain group: which response shape converts into the group, and which field
//! feeds each parameter. Shared by the validator (which reports every problem) and the emitter
//! (which only runs on a valid spec).

use crate::model::{Field, FromDef, GroupDef, Named, Param};
use crate::spec::Spec;
use crate::ty::{Ty, TypeExpr};

/// What a `from:` entry converts from.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// The module whose file holds the source type (`None`: types.yaml).
    pub module: Option<String>,
    /// The Rust type name of the source (`ContactInfo`, `GetinfoResponse`).
    pub type_name: String,
    /// Its fields.
    pub fields: &'a Named<Field>,
    /// How the spec names it, for messages (`struct ContactInfo`, `contact/getinfo`).
    pub shown: String,
}

/// How one parameter of the group is filled.
#[derive(Debug, Clone)]
pub struct Pair<'a> {
    /// The parameter's key.
    pub key: &'a str,
    /// The parameter.
    pub param: &'a Param,
    /// The field's key and the field feeding it; `None` for an optional parameter left unset.
    pub field: Option<(&'a str, &'a Field)>,
}

/// The source of `f`, or why it cannot be used.
pub fn source<'a>(spec: &'a Spec, f: &FromDef) -> Result<Source<'a>, String> {
    match (&f.struct_, &f.response) {
        (Some(s), None) => {
            let d = spec.structs.get(s).ok_or_else(|| {
                format!(
                    "unknown struct `{s}`{}",
                    crate::error::did_you_mean(s, spec.structs.keys().map(String::as_str))
                )
            })?;
            Ok(Source {
                module: d.module.clone(),
                type_name: crate::names::camel(s),
                fields: &d.def.fields,
                shown: format!("struct `{s}`"),
            })
        }
        (None, Some(path)) => {
            let (module, action) = path
                .split_once('/')
                .ok_or_else(|| format!("`{path}` is not of the form `module/action`"))?;
            let a = spec
                .module(module)
                .and_then(|m| m.actions.get(action))
                .ok_or_else(|| format!("unknown action `{path}`"))?;
            let r = a.action.response.as_ref();
            let plain =
                r.filter(|r| r.variants.is_none() && r.ty.is_none() && a.action.family.is_none());
            let r = plain.ok_or_else(|| {
                format!("`{path}` has no response struct of its own (plain `fields`, no variants)")
            })?;
            Ok(Source {
                module: Some(module.to_owned()),
                type_name: format!("{}Response", crate::names::camel(action)),
                fields: &r.fields,
                shown: format!("`{path}`"),
            })
        }
        _ => Err("a `from` entry needs exactly one of `struct` or `response`".into()),
    }
}

/// Whether a field of type `field` can fill a parameter of type `param` (the same Rust type).
fn same_type(param: &TypeExpr, field: &TypeExpr) -> bool {
    match (param.ty(), field.ty()) {
        (Some(p), Some(f)) => match (p, f) {
            (Ty::Csv(a), Ty::List(b) | Ty::Csv(b)) => a == b,
            (p, f) => p == f,
        },
        _ => false,
    }
}

/// The field of each parameter of `g`, or every reason the conversion cannot be made.
pub fn pairs<'a>(
    g: &'a GroupDef,
    f: &'a FromDef,
    src: &Source<'a>,
) -> Result<Vec<Pair<'a>>, Vec<String>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let Some(params) = &g.params else {
        return Err(vec![
            "`from` is only for plain groups (with `params`)".into()
        ]);
    };
    for (pk, fk) in f.fields.iter() {
        if !params.contains_key(pk) {
            errors.push(format!(
                "`fields` names `{pk}`, which is not a parameter of the group"
            ));
        }
        if !src.fields.contains_key(fk) {
            errors.push(format!(
                "`fields` maps `{pk}` to `{fk}`, which is not a field of {}",
                src.shown
            ));
        }
    }
    for (key, p) in params.iter() {
        let field = match f.fields.get(key) {
            Some(fk) => src.fields.get_key_value(fk),
            None => src.fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)),
        }
        .map(|(k, v)| (k.as_str(), v));
        let Some(pt) = &p.ty else {
            if p.required {
                errors.push(format!(
                    "required parameter `{key}` is a group or discriminator, which no field can fill"
                ));
            }
            out.push(Pair {
                key,
                param: p,
                field: None,
            });
            continue;
        };
        match field {
            None if p.required => errors.push(format!(
                "required parameter `{key}` has no field in {} (same key ignoring case, or name it under `fields`)",
                src.shown
            )),
            None => {}
            Some((fk, fd)) => {
                if !same_type(pt, &fd.ty) || !fd.placeholders.is_empty() {
                    errors.push(format!(
                        "parameter `{key}` is `{pt}` but field `{fk}` of {} is `{}`",
                        src.shown, fd.ty
                    ));
                } else if p.required && fd.optional {
                    errors.push(format!(
                        "required parameter `{key}` would come from field `{fk}`, which is optional"
                    ));
                }
            }
        }
        out.push(Pair {
            key,
            param: p,
            field,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
