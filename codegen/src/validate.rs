//! Checks a loaded spec before anything is emitted: everything the emitter assumes is proved
//! here, and each problem is a [`SpecError`] naming file, line, column and spec path.
//!
//! One submodule per part of the spec, one function per rule, so that the rule behind an
//! error message is one search away:
//!
//! | module | rules |
//! | --- | --- |
//! | `validate/api.rs` | error codes |
//! | `validate/types.rs` | enums, structs and their fields, groups, type names |
//! | `validate/params.rs` | request parameters, group uses, discriminators |
//! | `validate/actions.rs` | actions, families, responses, variants, examples, paging, wrappers |
//! | `validate/values.rs` | `default` values and `required_if` conditions |
//! | `validate/cycles.rs` | groups that include themselves, structs that contain themselves |
//! | `validate/rust_names.rs` | every name the model assigned: usable and unique |
//!
//! A spec loaded for some modules only ([`crate::load::LoadOptions::modules`], the build script
//! with some features off) is checked for what was read: rules that would need an unread
//! module's files (a group `from` its response, a `wraps` of its action) are skipped, and names
//! are compared across the modules read only. On a whole spec everything is checked.
//!
//! [`crate::load()`] runs this on the spec it loaded: the model is built from the spec (building
//! never fails), the rules read both (the wire rules and the Rust names read the model), and
//! the model is returned only when no rule found a problem.

mod actions;
mod api;
mod cycles;
mod params;
mod rust_names;
mod types;
mod values;

use std::collections::{HashMap, HashSet};

use crate::error::{did_you_mean, SpecError, SpecErrors};
use crate::ir::Model;
use crate::names::valid_ident;
use crate::spec::Spec;
use crate::ty::{Ty, TypeExpr};

/// Collects the problems of one spec; `file` and `module` say where the checks are.
struct Checker<'a> {
    spec: &'a Spec,
    /// The model built from `spec` (before it is known to be valid), for the rules that look
    /// at the wire view of an action.
    model: &'a Model,
    errors: Vec<SpecError>,
    /// Errors already reported, so a rule reached twice (a group used by several actions)
    /// reports once.
    seen: HashSet<(String, String, String)>,
    file: String,
    /// Module whose file is being checked; `None` for types.yaml.
    module: Option<String>,
    /// Whether response examples are parsed and fitted to their response.
    examples: bool,
}

impl<'a> Checker<'a> {
    fn new(spec: &'a Spec, model: &'a Model, examples: bool) -> Self {
        Checker {
            spec,
            model,
            errors: Vec::new(),
            seen: HashSet::new(),
            file: String::new(),
            module: None,
            examples,
        }
    }

    /// Sets the file (and its module) the following checks are about.
    fn at(&mut self, file: &str, module: Option<&str>) {
        self.file = file.to_owned();
        self.module = module.map(str::to_owned);
    }

    fn err(&mut self, path: &str, msg: impl Into<String>) {
        let msg = msg.into();
        let key = (self.file.clone(), path.to_owned(), msg.clone());
        if self.seen.insert(key) {
            let e = self.spec.error(&self.file, path, msg);
            self.errors.push(e);
        }
    }

    fn doc(&mut self, path: &str, doc: &str) {
        if doc.trim().is_empty() {
            self.err(path, "`doc` is empty: every item needs a description");
        }
        if doc.contains("(manual ") {
            self.err(
                path,
                "`doc` cites the manual: docs are for users; put the section in `manual:` \
                 (`manual: table 7.48.4`)",
            );
        }
    }

    /// A `manual:` reference, when there is one, names a section.
    fn manual(&mut self, path: &str, manual: Option<&str>) {
        if manual.is_some_and(|m| m.trim().is_empty()) {
            self.err(
                &format!("{path}.manual"),
                "`manual` is empty: name the section or table (`5.13`, `table 7.48.4`), or leave it out",
            );
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

    /// Every enum and struct name, for "did you mean".
    fn type_names(&self) -> impl Iterator<Item = &'a str> {
        let spec = self.spec;
        spec.enums
            .keys()
            .chain(spec.structs.keys())
            .map(String::as_str)
    }

    /// Parses a type expression and checks the names it uses.
    fn ty<'t>(&mut self, path: &str, expr: &'t TypeExpr, request: bool) -> Option<&'t Ty> {
        let ty = match expr.parsed() {
            Ok(t) => t,
            Err(e) => {
                self.err(path, e);
                return None;
            }
        };
        let text = expr.as_str();
        if let Ty::Named(n) = ty.leaf() {
            self.named_type(path, n, ty, request);
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

    /// The named type `n` at the leaf of `ty`: defined, visible, and sendable in a request.
    fn named_type(&mut self, path: &str, n: &str, ty: &Ty, request: bool) {
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
            let hint = did_you_mean(n, self.type_names());
            self.err(
                path,
                format!("unknown type `{n}` (not an enum or struct of this version){hint}"),
            );
        }
    }

    /// Keys of one map that become Rust names (`rust`): each usable, and no two the same.
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
}

/// Checks `spec` and returns its checked [`Model`], or every problem found.
pub(crate) fn validate(spec: Spec) -> Result<Model, SpecErrors> {
    validate_with(spec, true)
}

/// [`validate()`], checking the response examples' JSON only when `examples` is set. The build
/// script leaves them out: examples are copied into the generated code as text and never
/// shape it, and `ddspec check` and the codegen tests check them.
pub(crate) fn validate_with(spec: Spec, examples: bool) -> Result<Model, SpecErrors> {
    // Building never fails, and the model of a spec that does not validate is thrown away.
    let model = Model::build(&spec);
    check(&spec, &model, examples)?;
    Ok(model)
}

/// Every rule, on `spec` and its `model`.
fn check(spec: &Spec, model: &Model, examples: bool) -> Result<(), SpecErrors> {
    let mut c = Checker::new(spec, model, examples);
    api::error_codes(&mut c);
    types::enums(&mut c);
    types::structs(&mut c);
    types::groups(&mut c);
    for m in &spec.modules {
        actions::module(&mut c, m);
    }
    cycles::groups(&mut c);
    cycles::structs(&mut c);
    values::check(&mut c);
    // Names are checked last: the emitter's names are only worth comparing once each
    // definition is sound on its own.
    rust_names::check(&mut c);
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(SpecErrors(c.errors))
    }
}
