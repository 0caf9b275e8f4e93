//! Rules for modules: module and action names, families, and each action (parameters,
//! response, variants, examples, paging, wrapper).

use std::collections::HashMap;

use serde_json::Value;

use super::{did_you_mean, Checker};
use crate::model::{Action, Example, Family, Response, ResponseVariant};
use crate::names::{camel, is_keyword, snake, valid_ident};
use crate::spec::{ActionDef, Def, Module};
use crate::ty::Ty;

/// Module names taken by the crate itself: its own modules and the generated root items, and
/// the methods of `Client` (each module is also a `Client` method).
const RESERVED_MODULES: &[&str] = &[
    "types",
    "client",
    "decode",
    "entity",
    "envelope",
    "error",
    "meta",
    "paging",
    "wire",
    "generated",
    "decode_response",
    "decode_any",
    "new",
    "from_env",
    "builder",
    "base_url",
    "execute",
    "call_raw",
    "send",
    "wait_turn",
];

/// One module: its name, its action names, its families, each action.
pub(super) fn module(c: &mut Checker, m: &Module) {
    module_name(c, &m.name);
    has_actions(c, m);
    c.at(&format!("{}.yaml", m.name), Some(&m.name));
    let keys = m.actions.keys().map(|k| (k.clone(), snake(k))).collect();
    c.names("actions", keys, "action");
    families(c, m);
    for (name, def) in &m.actions {
        c.at(&def.file, Some(&m.name));
        action_name(c, &def.path, name);
        action(c, def);
    }
}

/// A module name is a Rust module, a Cargo feature, a file name and a `Client` method as is.
fn module_name(c: &mut Checker, name: &str) {
    c.at("api.yaml", None);
    let plain = name.starts_with(|ch: char| ch.is_ascii_lowercase())
        && name
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
    let path = format!("modules.{name}");
    if !plain || is_keyword(name) {
        c.err(
            &path,
            format!(
                "module name `{name}` is used as a Rust module, a Cargo feature and a method as \
                 is: it must be a lower-case identifier (letters, digits, `_`), not a keyword"
            ),
        );
    } else if RESERVED_MODULES.contains(&name) {
        c.err(
            &path,
            format!("module name `{name}` is taken by the crate's own API"),
        );
    }
}

/// A module whose files define no action would vanish from the crate without a word.
fn has_actions(c: &mut Checker, m: &Module) {
    let has_file = c
        .spec
        .sources
        .keys()
        .any(|f| f != "api.yaml" && crate::spec::module_of_file(f) == m.name);
    if has_file && m.actions.is_empty() {
        c.at("api.yaml", None);
        c.err(
            &format!("modules.{}", m.name),
            format!(
                "module `{}` has no actions: its files define no `actions` or `families`",
                m.name
            ),
        );
    }
}

/// An action name is sent in the URL and becomes a method and a type-name prefix.
fn action_name(c: &mut Checker, path: &str, name: &str) {
    let wire_ok = !name.is_empty()
        && name
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-');
    if !wire_ok || !valid_ident(&camel(name)) {
        c.err(
            path,
            format!(
                "action name `{name}` cannot be a URL segment and a Rust name: use ASCII \
                 letters, digits, `_` or `-`"
            ),
        );
    }
}

/// Families of a module: an entity struct each, not shared, a non-empty field.
fn families(c: &mut Checker, m: &Module) {
    let mut entities: HashMap<String, String> = HashMap::new();
    for (fam, d) in &m.families {
        c.at(&d.file, Some(&m.name));
        family(c, fam, d);
        if let Some(other) = entities.insert(d.def.entity.clone(), fam.clone()) {
            c.err(
                &format!("families.{fam}.entity"),
                format!(
                    "entity `{}` is also the entity of family `{other}`",
                    d.def.entity
                ),
            );
        }
    }
}

fn family(c: &mut Checker, fam: &str, d: &Def<Family>) {
    let at = format!("families.{fam}");
    c.doc(&at, &d.def.doc);
    c.manual(&at, d.def.manual.as_deref());
    match c.spec.structs.get(&d.def.entity) {
        None => {
            let hint = did_you_mean(&d.def.entity, c.spec.structs.keys().map(String::as_str));
            c.err(
                &format!("{at}.entity"),
                format!("entity `{}` is not a struct{hint}", d.def.entity),
            )
        }
        Some(def) => {
            let owner = def.module.clone();
            c.visible(&format!("{at}.entity"), &d.def.entity, &owner);
        }
    }
    if d.def.field.is_empty() {
        c.err(&format!("{at}.field"), "`field` is empty");
    }
    if !c.spec.structs.contains_key("QueryInfo") && d.def.list.is_some() {
        c.err(
            &format!("{at}.list"),
            "a family's list returns `queryInfo: QueryInfo`: define the struct `QueryInfo`",
        );
    }
}

/// One action.
fn action(c: &mut Checker, def: &ActionDef) {
    let a = &def.action;
    let at = def.path.as_str();
    c.doc(at, &a.doc);
    c.manual(at, a.manual.as_deref());
    super::params::params(c, &format!("{at}.params"), &a.params);
    if let Some(r) = &a.response {
        response(c, at, a, r);
    }
    for (i, e) in a.examples.iter().enumerate() {
        example(c, &format!("{at}.examples[{i}]"), a, e);
    }
    paged(c, at, a);
    wraps(c, at, a);
}

/// A response: its fields, or a whole `type`, and variants with their selector.
fn response(c: &mut Checker, at: &str, a: &Action, r: &Response) {
    super::types::fields(c, &format!("{at}.response.fields"), &r.fields);
    if let Some(text) = &r.ty {
        whole_type(c, &format!("{at}.response.type"), text, r);
    }
    match (&r.selector, &r.variants) {
        (Some(sel), Some(vs)) => {
            selector(c, at, a, sel, vs.keys());
            let keys = vs.keys().map(|k| (k.clone(), camel(k))).collect();
            c.names(&format!("{at}.response.variants"), keys, "variant");
            let items = a.paged.as_ref().map(|p| p.items.as_str());
            for (v, vr) in vs.iter() {
                response_variant(c, &format!("{at}.response.variants.{v}"), r, vr, items);
            }
        }
        (None, Some(_)) => c.err(
            &format!("{at}.response.variants"),
            "variants without their discriminator: set `selector` to the parameter that chooses them",
        ),
        (Some(_), None) => c.err(
            &format!("{at}.response.selector"),
            "`selector` without `variants`",
        ),
        (None, None) => {}
    }
}

/// `response: { type: S }` or `list<S>`, and nothing else beside it.
fn whole_type(c: &mut Checker, tp: &str, text: &crate::ty::TypeExpr, r: &Response) {
    match r.whole_type() {
        Some(w) if c.spec.structs.contains_key(&w.item) => {
            c.ty(tp, text, false);
        }
        _ => c.err(
            tp,
            format!("a response `type` is a struct `S` or `list<S>`, not `{text}`"),
        ),
    }
    if !r.fields.is_empty() || r.variants.is_some() {
        c.err(
            tp,
            "a response with a `type` has no `fields` or `variants` of its own",
        );
    }
}

/// The selector is a parameter of the action typed by an enum whose values name the variants.
fn selector<'k>(
    c: &mut Checker,
    at: &str,
    a: &Action,
    sel: &str,
    variants: impl Iterator<Item = &'k String>,
) {
    let spec = c.spec;
    let values: Option<Vec<String>> =
        a.params.get(sel).and_then(|p| match p.ty.as_ref()?.ty()? {
            Ty::Named(n) => spec
                .enums
                .get(n)
                .map(|e| e.def.values.keys().cloned().collect()),
            _ => None,
        });
    let Some(values) = values else {
        let hint = did_you_mean(sel, a.params.keys().map(String::as_str));
        c.err(
            &format!("{at}.response.selector"),
            format!("selector `{sel}` must be a parameter of this action typed by an enum{hint}"),
        );
        return;
    };
    for v in variants {
        if !values.contains(v) {
            let hint = did_you_mean(v, values.iter().map(String::as_str));
            c.err(
                &format!("{at}.response.variants.{v}"),
                format!("variant `{v}` is not a value of the selector `{sel}`{hint}"),
            );
        }
    }
}

/// One response variant: documented, its own fields not repeating a common one, except the
/// items field of a listing (`items`), which a variant redefines when its items carry more
/// fields; it stays a list.
fn response_variant(
    c: &mut Checker,
    vp: &str,
    r: &Response,
    vr: &ResponseVariant,
    items: Option<&str>,
) {
    c.doc(vp, &vr.doc);
    for (k, f) in vr.fields.iter() {
        if items == Some(k.as_str()) {
            if !matches!(f.ty.ty(), Some(Ty::List(_))) {
                c.err(
                    &format!("{vp}.fields.{k}"),
                    format!("`{k}` is the listing's items: a variant redefines it as a list"),
                );
            }
        } else if r.fields.contains_key(k) {
            c.err(
                &format!("{vp}.fields.{k}"),
                format!("field `{k}` is already a common field"),
            );
        }
    }
    super::types::fields(c, &format!("{vp}.fields"), &vr.fields);
}

/// An example: a full envelope whose `responseData` fits the response, with a valid variant.
fn example(c: &mut Checker, ep: &str, a: &Action, e: &Example) {
    if c.examples {
        match serde_json::from_str::<Value>(&e.json) {
            Err(err) => c.err(ep, format!("not valid JSON: {err}")),
            Ok(v) => envelope(c, ep, a, e, &v),
        }
    }
    let variants: Vec<&String> = a
        .response
        .as_ref()
        .and_then(|r| r.variants.as_ref())
        .map(|v| v.keys().collect())
        .unwrap_or_default();
    match (&e.variant, variants.is_empty()) {
        (Some(v), false) if !variants.contains(&v) => {
            let hint = did_you_mean(v, variants.iter().map(|s| s.as_str()));
            c.err(ep, format!("names the unknown variant `{v}`{hint}"))
        }
        (Some(_), true) => c.err(ep, "has a variant but the response has none".to_owned()),
        // Without a variant, an example shows the answer to a request without the selector.
        (None, false) if !a.has_plain_variant() => c.err(ep, "must name its `variant`"),
        _ => {}
    }
}

fn envelope(c: &mut Checker, ep: &str, a: &Action, e: &Example, v: &Value) {
    for key in ["success", "errorCode", "action", "responseData"] {
        if v.get(key).is_none() {
            c.err(ep, format!("not a full envelope: no `{key}`"));
        }
    }
    if let (Some(Value::Bool(true)), Some(data)) = (v.get("success"), v.get("responseData")) {
        let problems =
            crate::examples::check(c.spec, a.response.as_ref(), e.variant.as_deref(), data);
        for p in problems {
            c.err(ep, format!("does not fit the response: {p}"));
        }
    }
}

/// `paged: { items: F }`: `F` is a list field of the response, and a `page` parameter exists.
fn paged(c: &mut Checker, at: &str, a: &Action) {
    let Some(p) = &a.paged else { return };
    let fields = a.response.as_ref().map(|r| &r.fields);
    let field = fields.and_then(|f| f.get(&p.items));
    if !matches!(field.map(|f| f.ty.ty()), Some(Some(Ty::List(_)))) {
        let hint = fields.map_or_else(String::new, |f| {
            did_you_mean(&p.items, f.keys().map(String::as_str))
        });
        c.err(
            &format!("{at}.paged"),
            format!("`{}` must be a list field of the response{hint}", p.items),
        );
    }
    if !a.params.contains_key("page") {
        c.err(
            &format!("{at}.paged"),
            "a paged action needs a `page` parameter",
        );
    } else if a
        .params
        .get("page")
        .and_then(|p| p.ty.as_ref())
        .map(|t| t.as_str())
        != Some("integer")
    {
        c.err(
            &format!("{at}.params.page"),
            "the `page` parameter of a paged action is an `integer`",
        );
    }
}

/// `wraps: { action: m/a, with: {...} }` names an existing action, and each fixed value is one
/// of its parameters with a value that parameter takes.
fn wraps(c: &mut Checker, at: &str, a: &Action) {
    let Some(w) = &a.wraps else { return };
    let target = w.action.trim_matches('/');
    let spec = c.spec;
    // Partial load: an action of a module left unread cannot be checked (the wrapper's code
    // only names it in a doc).
    if target
        .split_once('/')
        .is_some_and(|(m2, _)| spec.is_unloaded(m2))
    {
        return;
    }
    let wrapped = target
        .split_once('/')
        .and_then(|(m2, n2)| c.model.module(m2)?.action(n2));
    let Some(wrapped) = wrapped else {
        let all: Vec<String> = spec
            .actions()
            .map(|(m, n, _)| format!("{}/{n}", m.name))
            .collect();
        let hint = did_you_mean(target, all.iter().map(String::as_str));
        c.err(
            &format!("{at}.wraps"),
            format!("wrapped action `{target}` does not exist{hint}"),
        );
        return;
    };
    let wire = crate::wire::Wire::of_action(c.model, wrapped);
    for (k, v) in w.with.iter() {
        match wire.params.iter().find(|p| p.name == *k) {
            None => {
                let names = wire.params.iter().map(|p| p.name.as_str());
                let hint = did_you_mean(k, names);
                c.err(
                    &format!("{at}.wraps.with.{k}"),
                    format!("`{k}` is not a parameter of `{target}`{hint}"),
                );
            }
            Some(p) => {
                if let Err(e) = super::values::value_fits(&p.ty, &v.0) {
                    c.err(&format!("{at}.wraps.with.{k}"), format!("`{k}`: {e}"));
                }
            }
        }
    }
}
