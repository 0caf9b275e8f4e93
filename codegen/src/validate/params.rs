//! Rules for request parameters: the four shapes, group uses and discriminators.

use super::Checker;
use crate::model::{Named, Param, ParamVariant};
use crate::names::camel;

/// A parameter map: usable distinct Rust names, then each parameter.
pub(super) fn params(c: &mut Checker, path: &str, params: &Named<Param>) {
    let keys = params
        .iter()
        .map(|(k, p)| (k.clone(), p.rust_name(k)))
        .collect();
    c.names(path, keys, "parameter");
    for (k, p) in params.iter() {
        super::types::member_name(c, &format!("{path}.{k}"), "parameter", k, p.rust.as_deref());
        param(c, &format!("{path}.{k}"), p);
    }
}

/// One parameter: documented, exactly one shape, and the keys that shape allows.
fn param(c: &mut Checker, at: &str, p: &Param) {
    c.doc(at, &p.doc);
    let shapes = [p.ty.is_some(), p.group.is_some(), p.variants.is_some()];
    if shapes.iter().filter(|s| **s).count() != 1 {
        c.err(
            at,
            "a parameter needs exactly one of `type`, `group` or `variants`",
        );
        return;
    }
    if let Some(t) = &p.ty {
        c.ty(&format!("{at}.type"), t, true);
    }
    shape_keys(c, at, p);
    if let Some(g) = &p.group {
        group_use(c, &format!("{at}.group"), g);
    }
    if let Some(vs) = &p.variants {
        discriminator(c, at, p, vs);
    }
}

/// Keys that only some shapes take.
fn shape_keys(c: &mut Checker, at: &str, p: &Param) {
    if p.prefix.is_some() && p.group.is_none() {
        c.err(at, "`prefix` is only for group parameters");
    }
    if p.numbered && p.group.is_none() {
        c.err(at, "`numbered` is only for group parameters");
    }
    if p.required && p.required_if.is_some() {
        c.err(at, "`required` and `required_if` exclude each other");
    }
    if p.required_if.is_some() && p.ty.is_none() {
        c.err(
            &format!("{at}.required_if"),
            "`required_if` is only for scalar parameters (with `type`)",
        );
    }
    if p.default.is_some() && p.group.is_some() {
        c.err(
            &format!("{at}.default"),
            "`default` is only for scalar parameters and discriminators",
        );
    }
    if p.type_name.is_some() && p.variants.is_none() {
        c.err(
            &format!("{at}.type_name"),
            "`type_name` of a parameter names a discriminator's enum: it is only for `variants`",
        );
    }
}

/// `group: G` names a group visible from here.
fn group_use(c: &mut Checker, at: &str, g: &str) {
    match c.spec.groups.get(g) {
        None => {
            let hint = super::did_you_mean(g, c.spec.groups.keys().map(String::as_str));
            c.err(at, format!("group `{g}` is not defined{hint}"));
        }
        Some(d) => {
            let owner = d.module.clone();
            c.visible(at, g, &owner);
        }
    }
}

/// A discriminator: at least one variant, usable distinct variant names, a usable `type_name`.
fn discriminator(c: &mut Checker, at: &str, p: &Param, vs: &Named<ParamVariant>) {
    if vs.is_empty() {
        c.err(at, "a discriminator needs at least one variant");
    }
    if let Some(t) = &p.type_name {
        super::types::type_name(c, &format!("{at}.type_name"), t);
    }
    let keys = vs.keys().map(|k| (k.clone(), camel(k))).collect();
    c.names(&format!("{at}.variants"), keys, "variant");
    for (v, def) in vs.iter() {
        let vp = format!("{at}.variants.{v}");
        c.doc(&vp, &def.doc);
        params(c, &format!("{vp}.params"), &def.params);
    }
}
