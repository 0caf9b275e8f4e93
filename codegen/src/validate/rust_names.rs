//! The names the emitter will produce, collected once and checked once: every Rust type of a
//! module (`types` for types.yaml) is unique in it and does not hide a name the generated code
//! relies on; every `Action` variant is unique in the crate; no builder setter takes the name
//! of a builder method.
//!
//! The names are the ones the model assigned ([`crate::ir`], made by [`crate::names`]): the
//! walk below visits every generated type of the model construct by construct (definitions,
//! inline structs, discriminators, one_of structs, per-action types), so a new construct that
//! names a type adds its visit here, and the compile test of the odd specs
//! (`tests/odd_specs.rs`) catches a miss.

use std::collections::HashMap;

use super::Checker;
use crate::ir::{Action, AltBody, Field, Group, GroupBody, Module, Param, ParamKind, Shape};
use crate::names::valid_type_name;

/// Names the generated code uses unqualified: a generated type with one of them would hide it.
const PRELUDE: &[&str] = &[
    "String",
    "Vec",
    "Option",
    "Result",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "From",
    "Into",
    "IntoIterator",
    "Iterator",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "ToString",
    "ToOwned",
    "AsRef",
    "Extend",
    "PartialOrd",
    "Ord",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
];

/// Methods every request builder has; an optional parameter's setter may not take them.
const BUILDER_METHODS: &[&str] = &["params", "send"];

/// Where a generated name comes from.
#[derive(Clone)]
struct Origin {
    file: String,
    path: String,
    what: String,
}

struct Names<'c, 'a> {
    c: &'c mut Checker<'a>,
    /// (scope, Rust name) -> first origin.
    seen: HashMap<(String, String), Origin>,
    /// The module (or `types`) being walked.
    scope: String,
    file: String,
}

/// Runs every naming rule.
pub(super) fn check(c: &mut Checker) {
    let model = c.model;
    let mut n = Names {
        c,
        seen: HashMap::new(),
        scope: String::new(),
        file: String::new(),
    };
    n.definitions(None);
    for m in &model.modules {
        n.definitions(Some(&m.name));
        n.module(m);
    }
}

impl Names<'_, '_> {
    /// Records that `name` is generated in the current scope; a second origin is an error.
    fn add(&mut self, name: &str, path: &str, what: String) {
        let here = Origin {
            file: self.file.clone(),
            path: path.to_owned(),
            what,
        };
        self.c.at(&here.file, None);
        if !valid_type_name(name) {
            // A name built from a refused spec name; that name's rule already said why.
            if self.c.errors.is_empty() {
                let msg = format!(
                    "{} becomes `{name}`, which is not a usable Rust type name",
                    here.what
                );
                self.c.err(path, msg);
            }
            return;
        }
        if PRELUDE.contains(&name) {
            let msg = format!(
                "{} becomes `{name}`, which would hide the standard `{name}` the generated code uses",
                here.what
            );
            self.c.err(path, msg);
            return;
        }
        let key = (self.scope.clone(), name.to_owned());
        match self.seen.get(&key) {
            None => {
                self.seen.insert(key, here);
            }
            Some(first) => {
                let (line, col) = self
                    .c
                    .spec
                    .sources
                    .get(&first.file)
                    .and_then(|t| crate::error::locate(t, &first.path))
                    .unwrap_or((0, 0));
                let msg = format!(
                    "{} becomes the Rust type `{}::{name}`, which {} ({}:{line}:{col}: {}) \
                     already generates; rename one (`type_name:` names inline structs and \
                     discriminators)",
                    here.what, self.scope, first.what, first.file, first.path
                );
                self.c.err(path, msg);
            }
        }
    }

    /// Enums, structs and groups defined by `module` (`None`: types.yaml), in emit order.
    fn definitions(&mut self, module: Option<&str>) {
        let model = self.c.model;
        self.scope = module.unwrap_or("types").to_owned();
        let mine = |m: &Option<String>| m.as_deref() == module;
        for e in model.enums.values().filter(|e| mine(&e.home.module)) {
            self.file = e.file.clone();
            let what = format!("enum `{}`", e.name);
            self.add(&e.rust, &format!("enums.{}", e.name), what);
        }
        for s in model.structs.values().filter(|s| mine(&s.home.module)) {
            self.file = s.file.clone();
            let path = format!("structs.{}", s.name);
            self.add(&s.rust, &path, format!("struct `{}`", s.name));
            self.inline_structs(&s.fields, &format!("{path}.fields"));
        }
        for g in model.groups.values().filter(|g| mine(&g.home.module)) {
            self.file = g.file.clone();
            self.group(g, &format!("groups.{}", g.name));
        }
    }

    /// The inline structs of `object` fields.
    fn inline_structs(&mut self, fields: &[Field], path: &str) {
        for f in fields {
            let Some(inline) = &f.inline else { continue };
            let at = format!("{path}.{}", f.key);
            let what = format!("the inline struct of field `{}`", f.key);
            self.add(&inline.rust, &at, what);
            self.inline_structs(&inline.fields, &format!("{at}.fields"));
        }
    }

    /// A group: its struct or enum, the structs of its many-parameter alternatives, and the
    /// discriminators of its parameters.
    fn group(&mut self, g: &Group, path: &str) {
        self.add(&g.rust, path, format!("group `{}`", g.name));
        match &g.body {
            GroupBody::Params { params, builder } => {
                self.builder(&g.name, builder.as_deref(), params, path);
                self.discriminators(params, &format!("{path}.params"));
            }
            GroupBody::OneOf(alts) => {
                for alt in alts {
                    let AltBody::Struct(sub) = &alt.body else {
                        continue;
                    };
                    let vp = format!("{path}.one_of.{}", alt.name);
                    let what = format!("the struct of one_of variant `{}`", alt.name);
                    self.add(&sub.rust, &vp, what);
                    if let GroupBody::Params { params, builder } = &sub.body {
                        self.builder(&sub.name, builder.as_deref(), params, &vp);
                        self.discriminators(params, &format!("{vp}.params"));
                    }
                }
            }
        }
    }

    /// The builder of a group with many required parameters, and no parameter whose setter
    /// would be its `build` method.
    fn builder(&mut self, name: &str, builder: Option<&str>, ps: &[Param], path: &str) {
        let Some(builder) = builder else {
            return;
        };
        self.add(builder, path, format!("the builder of `{name}`"));
        for p in ps.iter().filter(|p| p.rust == "build") {
            self.c.at(&self.file.clone(), None);
            self.c.err(
                &format!("{path}.params.{}", p.key),
                format!(
                    "parameter `{}` gives the builder setter `build`, which the builder of \
                     `{name}` already has as a method: give it another `rust:` name",
                    p.key
                ),
            );
        }
    }

    /// The enums of discriminator parameters.
    fn discriminators(&mut self, params: &[Param], path: &str) {
        for p in params {
            let ParamKind::Switch(sw) = &p.kind else {
                continue;
            };
            let at = format!("{path}.{}", p.key);
            self.add(&sw.rust, &at, format!("discriminator `{}`", p.key));
            for case in &sw.cases {
                let sub = format!("{at}.variants.{}.params", case.value);
                self.discriminators(&case.params, &sub);
            }
        }
    }

    /// The per-action types of a module, its API struct, and the crate-wide `Action` variants.
    fn module(&mut self, m: &Module) {
        self.scope = m.name.clone();
        self.file = format!("{}.yaml", m.name);
        let what = format!("the API struct of module `{}`", m.name);
        self.add(&m.api, "", what);
        for a in &m.actions {
            self.file = a.file.clone();
            self.action(a);
        }
        // The module's API has a method per action (two actions with one method name are
        // refused above) and one per family, its sub-client: a family may not take an
        // action's method name.
        let mut methods: HashMap<&str, String> = HashMap::new();
        for a in &m.actions {
            methods.entry(&a.names.method).or_insert_with(|| {
                format!("the method of `{}` ({}: {})", a.path, a.file, a.spec_path)
            });
        }
        for fam in &m.families {
            self.file = fam.spec_file.clone();
            let path = format!("families.{}", fam.name);
            let what = format!("the API struct of family `{}`", fam.name);
            self.add(&fam.api, &path, what);
            self.c.at(&fam.spec_file, None);
            if let Some(first) = methods.get(fam.method.as_str()) {
                let msg = format!(
                    "family `{}` gives the module's API the method `{}::{}`, which is \
                     already {first}; rename the family or the action",
                    fam.name, m.api, fam.method
                );
                self.c.err(&path, msg);
            }
        }
        for a in &m.actions {
            self.scope = "crate::Action".into();
            self.file = a.file.clone();
            let what = format!("the `Action` variant of `{}`", a.path);
            self.add(&a.names.variant, &a.spec_path, what);
            self.scope = m.name.clone();
        }
    }

    fn action(&mut self, a: &Action) {
        let at = a.spec_path.as_str();
        let what = |kind: &str| format!("the {kind} type of action `{}`", a.name);
        self.add(&a.names.params, at, what("parameters"));
        self.add(&a.names.request, at, what("request builder"));
        self.add(&a.names.response, at, what("response"));
        if let Shape::Variants {
            selector: Some(sel),
            ..
        } = &a.response.shape
        {
            if let Some(plain) = &sel.plain {
                let what = format!(
                    "the struct of the response of `{}` without its selector",
                    a.name
                );
                self.add(&plain.struct_rust, &format!("{at}.response"), what);
            }
        }
        self.response(a, &format!("{at}.response"));
        self.discriminators(&a.params, &format!("{at}.params"));
        self.setters(a, at);
    }

    /// The inline structs of a response, and for variant responses one struct per variant.
    fn response(&mut self, a: &Action, path: &str) {
        match &a.response.shape {
            Shape::Fields(fields) => self.inline_structs(fields, &format!("{path}.fields")),
            Shape::Variants {
                common, variants, ..
            } => {
                // An inline common field that every variant redefines (the items of a listing
                // whose variants add fields to each item) is generated once, for the answer
                // without the selector.
                let redefined = |f: &Field| {
                    variants
                        .iter()
                        .all(|v| v.own.iter().any(|o| o.key == f.key))
                };
                let inline = common.iter().filter(|f| f.inline.is_some());
                let (once, refused): (Vec<Field>, Vec<Field>) =
                    inline.cloned().partition(redefined);
                for f in &refused {
                    self.c.at(&self.file.clone(), None);
                    self.c.err(
                        &format!("{path}.fields.{}", f.key),
                        "a common field of a variant response cannot be an inline `object`: \
                         its struct would be generated once per variant; make it a named struct",
                    );
                }
                for v in variants {
                    let vp = format!("{path}.variants.{}", v.value);
                    let what = format!("the struct of response variant `{}`", v.value);
                    self.add(&v.struct_rust, &vp, what);
                    self.inline_structs(&v.own, &format!("{vp}.fields"));
                }
                self.inline_structs(&once, &format!("{path}.fields"));
            }
            Shape::Family { .. } | Shape::Whole { .. } => {}
        }
    }

    /// Setters of the request builder (optional and numbered parameters) beside its methods.
    fn setters(&mut self, a: &Action, at: &str) {
        // An optional selector's setter has one more per variant, `<setter>_<variant>`.
        if let Shape::Variants {
            selector: Some(sel),
            variants,
            ..
        } = &a.response.shape
        {
            for v in variants {
                let Some(name) = &v.setter else {
                    continue;
                };
                if let Some(p) = a.params.iter().find(|p| &p.rust == name) {
                    self.c.at(&self.file.clone(), None);
                    self.c.err(
                        &format!("{at}.params.{}", p.key),
                        format!(
                            "parameter `{}` gives the setter `{name}`, which the selector \
                             `{}` already gives for its variant `{}`",
                            p.key, sel.key, v.value
                        ),
                    );
                }
            }
        }
        for p in &a.params {
            if p.required && !p.numbered() {
                continue;
            }
            let setter = &p.rust;
            let taken = BUILDER_METHODS.contains(&setter.as_str())
                || (a.paged.is_some() && setter == "items");
            if taken {
                self.c.at(&self.file.clone(), None);
                self.c.err(
                    &format!("{at}.params.{}", p.key),
                    format!(
                        "parameter `{}` gives the builder setter `{setter}`, which the \
                         request builder already has as a method",
                        p.key
                    ),
                );
            }
        }
    }
}
