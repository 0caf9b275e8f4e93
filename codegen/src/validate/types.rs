//! Rules for the type definitions: enums, structs with their fields, groups.

use super::Checker;
use crate::model::{EnumDef, Field, FromDef, GroupDef, GroupVariant, Named};
use crate::names::{
    camel, is_keyword, needs_raw, snake, valid_member_name, valid_type_name, variant_name,
};
use crate::ty::Ty;

/// A name written where a Rust type name is made from it (a definition or a `type_name`): an
/// UpperCamelCase identifier, which type expressions can name and Rust can take as is.
pub(super) fn type_name(c: &mut Checker, path: &str, name: &str) {
    let upper = name.starts_with(|ch: char| ch.is_ascii_uppercase());
    let plain = name
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || ch == '_');
    if upper && plain && valid_type_name(name) {
        return;
    }
    let hint = camel(name);
    let hint = if valid_type_name(&hint) && !hint.is_empty() {
        format!("; did you mean `{hint}`?")
    } else {
        String::new()
    };
    c.err(
        path,
        format!(
            "`{name}` is not a usable type name: it must start with an upper-case letter and \
             hold only ASCII letters, digits and `_`{hint}"
        ),
    );
}

/// Every enum: documented, a usable name, values that become distinct usable variants.
pub(super) fn enums(c: &mut Checker) {
    let spec = c.spec;
    for (name, d) in &spec.enums {
        c.at(&d.file, d.module.as_deref());
        enum_def(c, name, &d.def);
    }
}

fn enum_def(c: &mut Checker, name: &str, def: &EnumDef) {
    let path = format!("enums.{name}");
    c.doc(&path, &def.doc);
    c.manual(&path, def.manual.as_deref());
    if def.values.is_empty() {
        c.err(
            &format!("{path}.values"),
            "an enum needs at least one value",
        );
    }
    let keys: Vec<(String, String)> = def
        .values
        .iter()
        .map(|(k, v)| (k.clone(), variant_name(k, v.rust())))
        .collect();
    for (k, rust) in &keys {
        if rust == "Unknown" {
            c.err(
                &format!("{path}.values.{k}"),
                "the variant `Unknown` is reserved: give this value another `rust:` name",
            );
        }
    }
    c.names(&format!("{path}.values"), keys, "value");
    for (k, v) in def.values.iter() {
        c.doc(&format!("{path}.values.{k}"), v.doc());
    }
    type_name(c, &path, name);
}

/// Every struct: documented, a usable name, sound fields.
pub(super) fn structs(c: &mut Checker) {
    let spec = c.spec;
    for (name, d) in &spec.structs {
        c.at(&d.file, d.module.as_deref());
        let path = format!("structs.{name}");
        c.doc(&path, &d.def.doc);
        c.manual(&path, d.def.manual.as_deref());
        type_name(c, &path, name);
        fields(c, &format!("{path}.fields"), &d.def.fields);
    }
}

/// The fields of a struct or a response: usable distinct Rust names, then each field.
pub(super) fn fields(c: &mut Checker, path: &str, fields: &Named<Field>) {
    let mut keys: Vec<(String, String)> = fields
        .iter()
        .map(|(k, f)| (k.clone(), f.rust_name(k)))
        .collect();
    keys.push(("(kept unknown fields)".into(), "extra".into()));
    c.names(path, keys, "field");
    for (k, f) in fields.iter() {
        member_name(c, &format!("{path}.{k}"), "field", k, f.rust.as_deref());
        field(c, &format!("{path}.{k}"), f);
    }
}

/// `placeholders` are for `integer` and `float` fields only, and each is a text that is not a
/// number (else it would be ambiguous).
fn placeholders(c: &mut Checker, p: &str, f: &Field, ty: &Ty) {
    if f.placeholders.is_empty() {
        return;
    }
    let at = format!("{p}.placeholders");
    if !matches!(ty, Ty::Integer | Ty::Float) {
        c.err(
            &at,
            format!(
                "`placeholders` is only for `integer` and `float` fields (this one is `{}`)",
                f.ty
            ),
        );
        return;
    }
    for t in &f.placeholders {
        if t.trim().parse::<f64>().is_ok() {
            c.err(
                &at,
                format!("placeholder `{t}` is a number: a placeholder stands for no number"),
            );
        }
    }
}

/// The Rust name of a field or parameter: a wire name that would be a raw identifier
/// (`type` -> `r#type`) needs a `rust:` name, and a `rust:` name is a snake_case identifier
/// that is not a keyword.
pub(super) fn member_name(c: &mut Checker, at: &str, what: &str, key: &str, rust: Option<&str>) {
    match rust {
        None if needs_raw(key) => c.err(
            at,
            format!(
                "{what} `{key}` would be the raw identifier `r#{}` in Rust: give it a `rust:` name \
                 (a snake_case word that is not a keyword, such as `kind` for `type`)",
                snake(key)
            ),
        ),
        None => {}
        Some(r) if is_keyword(r) => c.err(
            &format!("{at}.rust"),
            format!("the Rust name `{r}` of {what} `{key}` is a Rust keyword"),
        ),
        Some(r) if !valid_member_name(r) => c.err(
            &format!("{at}.rust"),
            format!(
                "the Rust name `{r}` of {what} `{key}` is not a snake_case identifier: lower-case \
                 ASCII letters, digits and `_`, starting with a letter"
            ),
        ),
        Some(_) => {}
    }
}

/// One field: documented, a known type, `fields` exactly for inline objects, a usable `type_name`.
fn field(c: &mut Checker, p: &str, f: &Field) {
    c.doc(p, &f.doc);
    if let Some(t) = &f.type_name {
        type_name(c, &format!("{p}.type_name"), t);
    }
    let Some(ty) = c.ty(&format!("{p}.type"), &f.ty, false) else {
        return;
    };
    placeholders(c, p, f, ty);
    match (&f.fields, ty.has_object()) {
        (None, true) => c.err(p, "an `object` field needs `fields`"),
        (Some(_), false) => c.err(p, "`fields` is only for `object` or `list<object>`"),
        (Some(sub), true) => fields(c, &format!("{p}.fields"), sub),
        (None, false) => {}
    }
    if f.type_name.is_some() && !ty.has_object() {
        c.err(
            &format!("{p}.type_name"),
            "`type_name` names an inline struct: it is only for `object` or `list<object>`",
        );
    }
}

/// Every group: documented, a usable name, and either plain parameters or alternatives.
pub(super) fn groups(c: &mut Checker) {
    let spec = c.spec;
    for (name, d) in &spec.groups {
        c.at(&d.file, d.module.as_deref());
        group(c, name, &d.def);
    }
}

fn group(c: &mut Checker, name: &str, g: &GroupDef) {
    let path = format!("groups.{name}");
    c.doc(&path, &g.doc);
    c.manual(&path, g.manual.as_deref());
    type_name(c, &path, name);
    for (i, f) in g.from.iter().enumerate() {
        group_from(c, &format!("{path}.from[{i}]"), name, g, f);
    }
    match (&g.params, &g.one_of) {
        (Some(ps), None) => super::params::params(c, &format!("{path}.params"), ps),
        (None, Some(alts)) => {
            if alts.is_empty() {
                c.err(
                    &format!("{path}.one_of"),
                    "a one_of group needs at least one variant",
                );
            }
            let keys = alts.keys().map(|k| (k.clone(), camel(k))).collect();
            c.names(&format!("{path}.one_of"), keys, "variant");
            for (v, alt) in alts.iter() {
                one_of_variant(c, &format!("{path}.one_of.{v}"), alt);
            }
        }
        _ => c.err(&path, "a group needs exactly one of `params` or `one_of`"),
    }
}

/// A `from:` entry of a group: the source exists and has a struct of its own, the group is
/// visible where the source is defined, every required parameter gets a required field of the
/// same type (matched by key ignoring case, or named under `fields`), every field named exists.
fn group_from(c: &mut Checker, at: &str, name: &str, g: &GroupDef, f: &FromDef) {
    // Partial load: a response of a module left unread, or a struct not found (it may be
    // defined in an unread module's file), cannot be checked; nor is it generated: its `From`
    // impl lives in that module's file.
    if crate::spec::source_unread(c.spec, f) {
        return;
    }
    let src = match crate::convert::source(c.spec, f) {
        Ok(s) => s,
        Err(e) => return c.err(at, e),
    };
    let owner = c.spec.groups.get(name).and_then(|d| d.module.clone());
    if owner.is_some() && owner != src.module {
        c.err(
            at,
            format!(
                "group `{name}` is defined in module `{}` but {} is not: a group converted from \
                 another module's type belongs in types.yaml",
                owner.as_deref().unwrap_or("types"),
                src.shown
            ),
        );
    }
    if let Err(errors) = crate::convert::pairs(g, f, &src) {
        for e in errors {
            c.err(at, e);
        }
    }
}

/// One alternative of a one_of group: its own parameters, or a plain group that exists.
fn one_of_variant(c: &mut Checker, vp: &str, alt: &GroupVariant) {
    c.doc(vp, &alt.doc);
    match (&alt.params, &alt.group) {
        (Some(ps), None) => {
            if ps.is_empty() {
                c.err(
                    &format!("{vp}.params"),
                    "a one_of variant needs at least one parameter",
                );
            }
            if let (1, Some((k, p))) = (ps.len(), ps.iter().next()) {
                if p.variants.is_some() {
                    c.err(
                        &format!("{vp}.params.{k}"),
                        "a one_of variant with a single parameter becomes a tuple variant, \
                         which cannot hold a discriminator: add a parameter or use a group",
                    );
                }
            }
            super::params::params(c, &format!("{vp}.params"), ps);
        }
        (None, Some(inner)) => match c.spec.groups.get(inner) {
            Some(d) if d.def.one_of.is_none() => {}
            Some(_) => c.err(
                vp,
                format!("`{inner}` must be a plain group (with `params`)"),
            ),
            None => {
                let hint = super::did_you_mean(inner, c.spec.groups.keys().map(String::as_str));
                c.err(vp, format!("unknown group `{inner}`{hint}"))
            }
        },
        _ => c.err(
            vp,
            "a one_of variant needs exactly one of `params` or `group`",
        ),
    }
}
