//! Checks a loaded spec: references, names that collide once converted to Rust, variants and
//! their discriminators, examples. Each problem is a [`SpecError`] naming file, line and path.

use std::collections::HashMap;

use crate::error::{SpecError, SpecErrors};
use crate::load::Spec;
use crate::model::{Field, GroupDef, Named, Param};
use crate::names::{camel, is_keyword, snake, valid_ident};
use crate::ty::Ty;

struct Checker<'a> {
    spec: &'a Spec,
    errors: Vec<SpecError>,
    file: String,
    /// Module whose file is being checked; `None` for types.yaml.
    module: Option<String>,
}

impl Checker<'_> {
    fn err(&mut self, path: &str, msg: impl Into<String>) {
        let e = self.spec.error(&self.file, path, msg);
        self.errors.push(e);
    }

    fn doc(&mut self, path: &str, doc: &str) {
        if doc.trim().is_empty() {
            self.err(path, "`doc` is empty: every item needs a description");
        }
    }

    /// A named type is visible when defined in types.yaml or in the current module.
    fn visible(&mut self, path: &str, name: &str, owner: &Option<String>) {
        if owner.is_some() && *owner != self.module {
            let where_ = owner.as_deref().unwrap_or("types");
            self.err(
                path,
                format!(
                    "type `{name}` is defined in module `{where_}`; a type used by several modules belongs in types.yaml"
                ),
            );
        }
    }

    fn ty(&mut self, path: &str, text: &str, request: bool) -> Option<Ty> {
        let ty = match Ty::parse(text) {
            Ok(t) => t,
            Err(e) => {
                self.err(path, e);
                return None;
            }
        };
        if let Ty::Named(n) = ty.leaf() {
            if let Some(d) = self.spec.enums.get(n) {
                let owner = d.module.clone();
                self.visible(path, n, &owner);
            } else if let Some(d) = self.spec.structs.get(n) {
                let owner = d.module.clone();
                self.visible(path, n, &owner);
                if request && !matches!(ty, Ty::Base64Json(_)) {
                    self.err(
                        path,
                        format!("struct `{n}` can only be sent inside base64json<...>"),
                    );
                }
            } else if self.spec.groups.contains_key(n) {
                self.err(
                    path,
                    format!("`{n}` is a group: use `group: {n}` instead of `type`"),
                );
            } else {
                self.err(
                    path,
                    format!("unknown type `{n}` (not an enum or struct of this version)"),
                );
            }
        }
        if request && matches!(ty, Ty::Map(_) | Ty::Object) {
            self.err(
                path,
                format!("type `{text}` cannot be sent as a request parameter"),
            );
        }
        if !request && matches!(ty, Ty::Base64Json(_)) {
            self.err(path, "base64json is for request parameters only");
        }
        Some(ty)
    }

    fn names(&mut self, path: &str, keys: Vec<(String, String)>, what: &str) {
        let mut seen: HashMap<String, String> = HashMap::new();
        for (key, rust) in keys {
            if !valid_ident(&rust) {
                self.err(
                    &format!("{path}.{key}"),
                    format!("{what} `{key}` gives the Rust name `{rust}`, which is not a usable identifier"),
                );
            }
            if let Some(other) = seen.insert(rust.clone(), key.clone()) {
                self.err(
                    &format!("{path}.{key}"),
                    format!("{what} `{key}` and `{other}` both become `{rust}` in Rust"),
                );
            }
        }
    }

    fn fields(&mut self, path: &str, fields: &Named<Field>) {
        let mut keys: Vec<(String, String)> =
            fields.keys().map(|k| (k.clone(), snake(k))).collect();
        keys.push(("(kept unknown fields)".into(), "extra".into()));
        self.names(path, keys, "field");
        for (k, f) in fields.iter() {
            let p = format!("{path}.{k}");
            self.doc(&p, &f.doc);
            let Some(ty) = self.ty(&format!("{p}.type"), &f.ty, false) else {
                continue;
            };
            match (&f.fields, ty.has_object()) {
                (None, true) => self.err(&p, "an `object` field needs `fields`"),
                (Some(_), false) => self.err(&p, "`fields` is only for `object` or `list<object>`"),
                (Some(sub), true) => self.fields(&format!("{p}.fields"), sub),
                (None, false) => {}
            }
            if let Some(t) = &f.type_name {
                if !valid_ident(t) || is_keyword(t) {
                    self.err(
                        &format!("{p}.type_name"),
                        format!("`{t}` is not a usable type name"),
                    );
                }
            }
        }
    }

    fn params(&mut self, path: &str, params: &Named<Param>) {
        let keys = params.keys().map(|k| (k.clone(), snake(k))).collect();
        self.names(path, keys, "parameter");
        for (k, p) in params.iter() {
            let at = format!("{path}.{k}");
            self.doc(&at, &p.doc);
            let shapes = [p.ty.is_some(), p.group.is_some(), p.variants.is_some()];
            if shapes.iter().filter(|s| **s).count() != 1 {
                self.err(
                    &at,
                    "a parameter needs exactly one of `type`, `group` or `variants`",
                );
                continue;
            }
            if let Some(t) = &p.ty {
                self.ty(&format!("{at}.type"), t, true);
            }
            if p.prefix.is_some() && p.group.is_none() {
                self.err(&at, "`prefix` is only for group parameters");
            }
            if p.numbered && p.group.is_none() {
                self.err(&at, "`numbered` is only for group parameters");
            }
            if p.required && p.required_if.is_some() {
                self.err(&at, "`required` and `required_if` exclude each other");
            }
            if let Some(g) = &p.group {
                match self.spec.groups.get(g) {
                    None => self.err(&format!("{at}.group"), format!("unknown group `{g}`")),
                    Some(d) => {
                        let owner = d.module.clone();
                        self.visible(&format!("{at}.group"), g, &owner);
                    }
                }
            }
            if let Some(vs) = &p.variants {
                if vs.is_empty() {
                    self.err(&at, "a discriminator needs at least one variant");
                }
                let keys = vs.keys().map(|k| (k.clone(), camel(k))).collect();
                self.names(&format!("{at}.variants"), keys, "variant");
                for (v, def) in vs.iter() {
                    let vp = format!("{at}.variants.{v}");
                    self.doc(&vp, &def.doc);
                    self.params(&format!("{vp}.params"), &def.params);
                }
            }
        }
    }

    fn group(&mut self, name: &str, g: &GroupDef) {
        let path = format!("groups.{name}");
        self.doc(&path, &g.doc);
        match (&g.params, &g.one_of) {
            (Some(ps), None) => self.params(&format!("{path}.params"), ps),
            (None, Some(alts)) => {
                let keys = alts.keys().map(|k| (k.clone(), camel(k))).collect();
                self.names(&format!("{path}.one_of"), keys, "variant");
                for (v, alt) in alts.iter() {
                    let vp = format!("{path}.one_of.{v}");
                    self.doc(&vp, &alt.doc);
                    match (&alt.params, &alt.group) {
                        (Some(ps), None) => self.params(&format!("{vp}.params"), ps),
                        (None, Some(inner)) => match self.spec.groups.get(inner) {
                            Some(d) if d.def.one_of.is_none() => {}
                            Some(_) => self.err(
                                &vp,
                                format!("`{inner}` must be a plain group (with `params`)"),
                            ),
                            None => self.err(&vp, format!("unknown group `{inner}`")),
                        },
                        _ => self.err(
                            &vp,
                            "a one_of variant needs exactly one of `params` or `group`",
                        ),
                    }
                }
            }
            _ => self.err(&path, "a group needs exactly one of `params` or `one_of`"),
        }
    }
}

/// Checks `spec`; returns every problem found.
pub fn validate(spec: &Spec) -> Result<(), SpecErrors> {
    let mut c = Checker {
        spec,
        errors: Vec::new(),
        file: String::new(),
        module: None,
    };
    let keys = spec
        .api
        .errors
        .keys()
        .map(|k| (k.clone(), camel(k)))
        .collect();
    c.file = "api.yaml".into();
    c.names("errors", keys, "error code");
    let mut codes: HashMap<i64, String> = HashMap::new();
    for (name, e) in spec.api.errors.iter() {
        c.doc(&format!("errors.{name}"), &e.doc);
        if let Some(other) = codes.insert(e.code, name.clone()) {
            c.err(
                &format!("errors.{name}"),
                format!("code {} is also `{other}`", e.code),
            );
        }
    }
    if spec.api.errors.contains_key("Unknown") {
        c.err(
            "errors.Unknown",
            "`Unknown` is reserved for codes the spec does not list",
        );
    }
    for (name, d) in &spec.enums {
        c.file = d.file.clone();
        c.module = d.module.clone();
        let path = format!("enums.{name}");
        c.doc(&path, &d.def.doc);
        let keys: Vec<(String, String)> = d
            .def
            .values
            .iter()
            .map(|(k, v)| (k.clone(), crate::names::variant_name(k, v.rust())))
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
        for (k, v) in d.def.values.iter() {
            c.doc(&format!("{path}.values.{k}"), v.doc());
        }
        if !valid_ident(name) {
            c.err(&path, format!("`{name}` is not a usable type name"));
        }
    }
    for (name, d) in &spec.structs {
        c.file = d.file.clone();
        c.module = d.module.clone();
        c.doc(&format!("structs.{name}"), &d.def.doc);
        c.fields(&format!("structs.{name}.fields"), &d.def.fields);
    }
    for (name, d) in &spec.groups {
        c.file = d.file.clone();
        c.module = d.module.clone();
        c.group(name, &d.def);
    }
    for m in &spec.modules {
        let keys = m.actions.keys().map(|k| (k.clone(), snake(k))).collect();
        c.file = format!("{}.yaml", m.name);
        c.module = Some(m.name.clone());
        c.names("actions", keys, "action");
        let mut entities: HashMap<String, String> = HashMap::new();
        for (fam, d) in &m.families {
            c.file = d.file.clone();
            let at = format!("families.{fam}");
            c.doc(&at, &d.def.doc);
            match spec.structs.get(&d.def.entity) {
                None => c.err(
                    &format!("{at}.entity"),
                    format!("entity `{}` is not a struct", d.def.entity),
                ),
                Some(def) => {
                    let owner = def.module.clone();
                    c.visible(&format!("{at}.entity"), &d.def.entity, &owner);
                }
            }
            if let Some(other) = entities.insert(d.def.entity.clone(), fam.clone()) {
                c.err(
                    &format!("{at}.entity"),
                    format!(
                        "entity `{}` is also the entity of family `{other}`",
                        d.def.entity
                    ),
                );
            }
            if d.def.field.is_empty() {
                c.err(&format!("{at}.field"), "`field` is empty");
            }
        }
        for (name, def) in &m.actions {
            c.file = def.file.clone();
            let a = &def.action;
            let at = def.path.clone();
            c.doc(&at, &a.doc);
            c.params(&format!("{at}.params"), &a.params);
            if let Some(r) = &a.response {
                c.fields(&format!("{at}.response.fields"), &r.fields);
                if let Some(text) = &r.ty {
                    let tp = format!("{at}.response.type");
                    match r.whole_type() {
                        Some(w) if c.spec.structs.contains_key(&w.item) => {
                            c.ty(&tp, text, false);
                        }
                        _ => c.err(
                            &tp,
                            format!("a response `type` is a struct `S` or `list<S>`, not `{text}`"),
                        ),
                    }
                    if !r.fields.is_empty() || r.variants.is_some() {
                        c.err(
                            &tp,
                            "a response with a `type` has no `fields` or `variants` of its own",
                        );
                    }
                }
                match (&r.selector, &r.variants) {
                    (Some(sel), Some(vs)) => {
                        let values: Option<Vec<String>> = a.params.get(sel).and_then(|p| {
                            let t = Ty::parse(p.ty.as_deref()?).ok()?;
                            match t {
                                Ty::Named(n) => spec.enums.get(&n).map(|e| e.def.values.keys().cloned().collect()),
                                _ => None,
                            }
                        });
                        match values {
                            None => c.err(
                                &format!("{at}.response.selector"),
                                format!("selector `{sel}` must be a parameter of this action typed by an enum"),
                            ),
                            Some(values) => {
                                for v in vs.keys() {
                                    if !values.contains(v) {
                                        c.err(
                                            &format!("{at}.response.variants.{v}"),
                                            format!("variant `{v}` is not a value of the selector `{sel}`"),
                                        );
                                    }
                                }
                            }
                        }
                        let keys = vs.keys().map(|k| (k.clone(), camel(k))).collect();
                        c.names(&format!("{at}.response.variants"), keys, "variant");
                        for (v, vr) in vs.iter() {
                            let vp = format!("{at}.response.variants.{v}");
                            c.doc(&vp, &vr.doc);
                            let mut all = r.fields.clone();
                            for (k, f) in vr.fields.iter() {
                                if all.insert(k.clone(), f.clone()).is_some() {
                                    c.err(&format!("{vp}.fields.{k}"), format!("field `{k}` is already a common field"));
                                }
                            }
                            c.fields(&format!("{vp}.fields"), &vr.fields);
                        }
                    }
                    (None, Some(_)) => c.err(
                        &format!("{at}.response.variants"),
                        "variants without their discriminator: set `selector` to the parameter that chooses them",
                    ),
                    (Some(_), None) => c.err(&format!("{at}.response.selector"), "`selector` without `variants`"),
                    (None, None) => {}
                }
            }
            let variants: Vec<String> = a
                .response
                .as_ref()
                .and_then(|r| r.variants.as_ref())
                .map(|v| v.keys().cloned().collect())
                .unwrap_or_default();
            for (i, e) in a.examples.iter().enumerate() {
                let ep = format!("{at}.examples[{i}]");
                match serde_json::from_str::<serde_json::Value>(&e.json) {
                    Err(err) => c.err(&ep, format!("not valid JSON: {err}")),
                    Ok(v) => {
                        for key in ["success", "errorCode", "action", "responseData"] {
                            if v.get(key).is_none() {
                                c.err(&ep, format!("not a full envelope: no `{key}`"));
                            }
                        }
                        if let (Some(serde_json::Value::Bool(true)), Some(data)) =
                            (v.get("success"), v.get("responseData"))
                        {
                            let problems = crate::examples::check(
                                spec,
                                a.response.as_ref(),
                                e.variant.as_deref(),
                                data,
                            );
                            for p in problems {
                                c.err(&ep, format!("does not fit the response: {p}"));
                            }
                        }
                    }
                }
                match (&e.variant, variants.is_empty()) {
                    (Some(v), false) if !variants.contains(v) => {
                        c.err(&ep, format!("names the unknown variant `{v}`"))
                    }
                    (Some(_), true) => {
                        c.err(&ep, "has a variant but the response has none".to_owned())
                    }
                    (None, false) => c.err(&ep, "must name its `variant`"),
                    _ => {}
                }
            }
            if let Some(p) = &a.paged {
                let field = a.response.as_ref().and_then(|r| r.fields.get(&p.items));
                match field.map(|f| Ty::parse(&f.ty)) {
                    Some(Ok(Ty::List(_))) => {}
                    _ => c.err(
                        &format!("{at}.paged"),
                        format!("`{}` must be a list field of the response", p.items),
                    ),
                }
                if !a.params.contains_key("page") {
                    c.err(
                        &format!("{at}.paged"),
                        "a paged action needs a `page` parameter",
                    );
                }
            }
            if let Some(w) = &a.wraps {
                let target = w.action.trim_matches('/');
                let found = target
                    .split_once('/')
                    .and_then(|(m2, n2)| spec.module(m2).map(|mm| mm.actions.contains_key(n2)))
                    .unwrap_or(false);
                if !found {
                    c.err(
                        &format!("{at}.wraps"),
                        format!("wrapped action `{target}` does not exist"),
                    );
                }
            }
            let _ = name;
        }
    }
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(SpecErrors(c.errors))
    }
}
