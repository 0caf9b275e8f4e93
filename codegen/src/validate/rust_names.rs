//! The names the emitter will produce, collected once and checked once: every Rust type of a
//! module (`types` for types.yaml) is unique in it and does not hide a name the generated code
//! relies on; every `Action` variant is unique in the crate; no builder setter takes the name
//! of a builder method.
//!
//! The walk below follows `emit/` construct by construct (definitions, inline structs,
//! discriminators, one_of structs, per-action types); a change to how the emitter names things
//! belongs here too, and the compile test of the odd specs (`tests/odd_specs.rs`) catches a miss.

use std::collections::HashMap;

use super::Checker;
use crate::load::{ActionDef, Module};
use crate::model::{Field, GroupDef, Named, Param, Response};
use crate::names::{camel, snake, valid_type_name};

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
    let spec = c.spec;
    let mut n = Names {
        c,
        seen: HashMap::new(),
        scope: String::new(),
        file: String::new(),
    };
    n.definitions(None);
    for m in &spec.modules {
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
        let spec = self.c.spec;
        self.scope = module.unwrap_or("types").to_owned();
        for (name, d) in spec
            .enums
            .iter()
            .filter(|(_, d)| d.module.as_deref() == module)
        {
            self.file = d.file.clone();
            self.add(
                &camel(name),
                &format!("enums.{name}"),
                format!("enum `{name}`"),
            );
        }
        for (name, d) in spec
            .structs
            .iter()
            .filter(|(_, d)| d.module.as_deref() == module)
        {
            self.file = d.file.clone();
            let path = format!("structs.{name}");
            self.add(&camel(name), &path, format!("struct `{name}`"));
            self.inline_structs(name, &d.def.fields, &format!("{path}.fields"));
        }
        for (name, d) in spec
            .groups
            .iter()
            .filter(|(_, d)| d.module.as_deref() == module)
        {
            self.file = d.file.clone();
            self.group(name, &d.def, &format!("groups.{name}"));
        }
    }

    /// The inline structs of `object` fields, named `type_name` or context + field name.
    fn inline_structs(&mut self, ctx: &str, fields: &Named<Field>, path: &str) {
        for (key, f) in fields.iter() {
            let Some(sub) = &f.fields else { continue };
            if !f.ty.ty().is_some_and(|t| t.has_object()) {
                continue;
            }
            let inline = f
                .type_name
                .clone()
                .unwrap_or_else(|| format!("{ctx}{}", camel(key)));
            let at = format!("{path}.{key}");
            self.add(
                &camel(&inline),
                &at,
                format!("the inline struct of field `{key}`"),
            );
            self.inline_structs(&inline, sub, &format!("{at}.fields"));
        }
    }

    /// A group: its struct or enum, the structs of its many-parameter alternatives, and the
    /// discriminators of its parameters.
    fn group(&mut self, name: &str, g: &GroupDef, path: &str) {
        self.add(&camel(name), path, format!("group `{name}`"));
        if let Some(ps) = &g.params {
            self.builder(name, ps, path);
            self.discriminators(name, ps, &format!("{path}.params"));
        }
        for (v, alt) in g.one_of.iter().flat_map(|a| a.iter()) {
            let Some(ps) = &alt.params else { continue };
            if ps.len() == 1 {
                continue;
            }
            let sname = format!("{name}{}", camel(v));
            let vp = format!("{path}.one_of.{v}");
            self.add(
                &camel(&sname),
                &vp,
                format!("the struct of one_of variant `{v}`"),
            );
            self.builder(&sname, ps, &vp);
            self.discriminators(&sname, ps, &format!("{vp}.params"));
        }
    }

    /// The builder of a group with many required parameters: `<Group>Builder`, and no
    /// parameter whose setter would be its `build` method.
    fn builder(&mut self, name: &str, ps: &Named<Param>, path: &str) {
        if !crate::model::wants_builder(ps) {
            return;
        }
        self.add(
            &format!("{}Builder", camel(name)),
            path,
            format!("the builder of `{name}`"),
        );
        for (key, p) in ps.iter() {
            if p.rust_name(key) == "build" {
                self.c.at(&self.file.clone(), None);
                self.c.err(
                    &format!("{path}.params.{key}"),
                    format!(
                        "parameter `{key}` gives the builder setter `build`, which the builder \
                         of `{name}` already has as a method: give it another `rust:` name"
                    ),
                );
            }
        }
    }

    /// The enums of discriminator parameters, named `type_name` or context + parameter name.
    fn discriminators(&mut self, ctx: &str, params: &Named<Param>, path: &str) {
        for (key, p) in params.iter() {
            let Some(vs) = &p.variants else { continue };
            let name = p
                .type_name
                .clone()
                .unwrap_or_else(|| format!("{ctx}{}", camel(key)));
            let at = format!("{path}.{key}");
            self.add(&camel(&name), &at, format!("discriminator `{key}`"));
            for (v, def) in vs.iter() {
                let sub = format!("{name}{}", camel(v));
                self.discriminators(&sub, &def.params, &format!("{at}.variants.{v}.params"));
            }
        }
    }

    /// The per-action types of a module, its API struct, and the crate-wide `Action` variants.
    fn module(&mut self, m: &Module) {
        self.scope = m.name.clone();
        self.file = format!("{}.yaml", m.name);
        self.add(
            &camel(&format!("{}_api", m.name)),
            "",
            format!("the API struct of module `{}`", m.name),
        );
        for (name, def) in &m.actions {
            self.file = def.file.clone();
            self.action(name, def);
        }
        // The module's API has a method per action (two actions with one method name are
        // refused above) and one per family, its sub-client: a family may not take an
        // action's method name.
        let api = camel(&format!("{}_api", m.name));
        let mut methods: HashMap<String, String> = HashMap::new();
        for (name, def) in &m.actions {
            methods.entry(snake(name)).or_insert_with(|| {
                format!(
                    "the method of `{}/{name}` ({}: {})",
                    m.name, def.file, def.path
                )
            });
        }
        for (fam, def) in &m.families {
            self.file = def.file.clone();
            let path = format!("families.{fam}");
            self.add(
                &camel(&format!("{fam}_api")),
                &path,
                format!("the API struct of family `{fam}`"),
            );
            self.c.at(&def.file, None);
            if let Some(first) = methods.get(&snake(fam)) {
                let msg = format!(
                    "family `{fam}` gives the module's API the method `{api}::{}`, which is \
                     already {first}; rename the family or the action",
                    snake(fam)
                );
                self.c.err(&path, msg);
            }
        }
        for (name, def) in &m.actions {
            self.scope = "crate::Action".into();
            self.file = def.file.clone();
            let what = format!("the `Action` variant of `{}/{name}`", m.name);
            self.add(&camel(&format!("{}_{name}", m.name)), &def.path, what);
            self.scope = m.name.clone();
        }
    }

    fn action(&mut self, name: &str, def: &ActionDef) {
        let a = &def.action;
        let base = camel(name);
        let at = def.path.as_str();
        let what = |kind: &str| format!("the {kind} type of action `{name}`");
        self.add(&format!("{base}Params"), at, what("parameters"));
        self.add(&format!("{base}Request"), at, what("request builder"));
        self.add(&camel(&format!("{base}Response")), at, what("response"));
        if let Some(r) = &a.response {
            let implied = a.family.as_ref().is_some_and(|f| f.implied_response);
            if !implied && r.ty.is_none() {
                self.response(&base, r, &format!("{at}.response"));
            }
        }
        self.discriminators(&base, &a.params, &format!("{at}.params"));
        self.setters(a, at);
    }

    /// The inline structs of a response, and for variant responses one struct per variant.
    fn response(&mut self, base: &str, r: &Response, path: &str) {
        let Some(vs) = &r.variants else {
            self.inline_structs(base, &r.fields, &format!("{path}.fields"));
            return;
        };
        for (key, f) in r.fields.iter() {
            if f.fields.is_some() {
                self.c.at(&self.file.clone(), None);
                self.c.err(
                    &format!("{path}.fields.{key}"),
                    "a common field of a variant response cannot be an inline `object`: its \
                     struct would be generated once per variant; make it a named struct",
                );
            }
        }
        for (v, vr) in vs.iter() {
            let vp = format!("{path}.variants.{v}");
            self.add(
                &camel(&format!("{base}{}", camel(v))),
                &vp,
                format!("the struct of response variant `{v}`"),
            );
            self.inline_structs(base, &vr.fields, &format!("{vp}.fields"));
        }
    }

    /// Setters of the request builder (optional and numbered parameters) beside its methods.
    fn setters(&mut self, a: &crate::model::Action, at: &str) {
        for (key, p) in a.params.iter() {
            if p.required && !p.numbered {
                continue;
            }
            let setter = p.rust_name(key);
            let taken = BUILDER_METHODS.contains(&setter.as_str())
                || (a.paged.is_some() && setter == "items");
            if taken {
                self.c.at(&self.file.clone(), None);
                self.c.err(
                    &format!("{at}.params.{key}"),
                    format!(
                        "parameter `{key}` gives the builder setter `{setter}`, which the \
                         request builder already has as a method"
                    ),
                );
            }
        }
    }
}
