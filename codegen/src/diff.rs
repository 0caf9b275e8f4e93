//! `ddspec diff OLD NEW`: what changed between two spec versions, and how badly it breaks
//! clients. Levels follow the direction of the change: narrowing what a request accepts or
//! removing what a response promises is an error (ERR); changes that may break some clients are
//! warnings (WARN); widening is information (INFO). Breaks of the generated Rust API count too,
//! even where the wire is unchanged.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::ir::{Action, Model, Shape};
use crate::model::Kind;
use crate::ty::Ty;
use crate::wire::{Wire, WireParam, WireTy};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Level {
    /// A widening or neutral change.
    #[serde(rename = "INFO")]
    Info,
    /// May break some clients.
    #[serde(rename = "WARN")]
    Warn,
    /// Breaks clients.
    #[serde(rename = "ERR")]
    Err,
}

impl Level {
    /// `INFO`, `WARN` or `ERR`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "INFO",
            Level::Warn => "WARN",
            Level::Err => "ERR",
        }
    }
    /// Parses `ERR`, `WARN` or `INFO` (any case).
    pub fn parse(s: &str) -> Option<Level> {
        match s.to_ascii_uppercase().as_str() {
            "INFO" => Some(Level::Info),
            "WARN" => Some(Level::Warn),
            "ERR" | "ERROR" => Some(Level::Err),
            _ => None,
        }
    }
}

/// Every rule: stable id, level, what it detects.
pub const RULES: &[(&str, Level, &str)] = &[
    ("action-added", Level::Info, "a new action"),
    ("action-removed", Level::Err, "an action no longer exists"),
    (
        "action-moved",
        Level::Err,
        "an action moved to another module",
    ),
    (
        "action-kind-changed",
        Level::Warn,
        "an action changed between read and write",
    ),
    (
        "action-became-billable",
        Level::Err,
        "an action now costs money",
    ),
    (
        "action-no-longer-billable",
        Level::Info,
        "an action no longer costs money",
    ),
    (
        "response-shape-changed",
        Level::Err,
        "responseData changed between an object and an array",
    ),
    (
        "param-added-optional",
        Level::Info,
        "a new optional request parameter",
    ),
    (
        "param-added-required",
        Level::Err,
        "a new required request parameter",
    ),
    (
        "param-removed",
        Level::Warn,
        "a request parameter is no longer accepted",
    ),
    (
        "param-became-required",
        Level::Err,
        "an optional request parameter became required",
    ),
    (
        "param-became-optional",
        Level::Info,
        "a required request parameter became optional",
    ),
    (
        "param-type-changed",
        Level::Err,
        "a request parameter changed type",
    ),
    (
        "param-rust-name-changed",
        Level::Err,
        "a request parameter has a new Rust name (`rust:`)",
    ),
    (
        "request-enum-value-added",
        Level::Info,
        "a request parameter accepts a new value",
    ),
    (
        "request-enum-value-removed",
        Level::Err,
        "a request parameter no longer accepts a value",
    ),
    (
        "response-enum-value-added",
        Level::Warn,
        "a response field may hold a new value",
    ),
    (
        "response-enum-value-removed",
        Level::Info,
        "a response field no longer holds a value",
    ),
    ("response-field-added", Level::Info, "a new response field"),
    (
        "response-field-removed",
        Level::Err,
        "a response field is gone",
    ),
    (
        "response-field-type-changed",
        Level::Err,
        "a response field changed type",
    ),
    (
        "response-field-rust-name-changed",
        Level::Err,
        "a response field has a new Rust name (`rust:`)",
    ),
    (
        "response-field-became-optional",
        Level::Err,
        "a response field may now be absent",
    ),
    (
        "response-field-became-required",
        Level::Info,
        "a response field is now always present",
    ),
    ("error-code-added", Level::Info, "a new error code"),
    (
        "error-code-removed",
        Level::Warn,
        "an error code is no longer listed",
    ),
    (
        "rust-type-added",
        Level::Info,
        "the generated Rust API has a new type",
    ),
    (
        "rust-type-removed",
        Level::Err,
        "a type of the generated Rust API is gone or renamed",
    ),
];

/// The level of a rule.
pub fn level_of(rule: &str) -> Level {
    RULES
        .iter()
        .find(|(id, _, _)| *id == rule)
        .map_or(Level::Warn, |r| r.1)
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id, such as `param-became-required`.
    pub rule: &'static str,
    /// Its level.
    pub level: Level,
    /// `module/action`, when the finding belongs to one.
    pub action: Option<String>,
    /// Where: `param:period`, `field:domains/tsExpir`, `error:2010`, `type:domain::CreateParams`.
    pub location: String,
    /// The old value, when there is one.
    pub old: Option<String>,
    /// The new value, when there is one.
    pub new: Option<String>,
    /// A sentence for people.
    pub message: String,
}

struct Out(Vec<Finding>);

impl Out {
    fn add(
        &mut self,
        rule: &'static str,
        action: Option<&str>,
        location: String,
        old: Option<String>,
        new: Option<String>,
        message: String,
    ) {
        self.0.push(Finding {
            rule,
            level: level_of(rule),
            action: action.map(str::to_owned),
            location,
            old,
            new,
            message,
        });
    }
}

/// A response field flattened: (type, optional, enum values when an enum, Rust name).
type FieldInfo = (String, bool, Option<Vec<String>>, String);

/// Response fields by path.
type FieldMap = BTreeMap<String, FieldInfo>;

/// A type with named structs shown as `object` and enums as `enum` (their content is compared
/// field by field and value by value).
fn shape_of(spec: &Model, t: &Ty) -> String {
    match t {
        Ty::Named(n) if spec.structs.contains_key(n) => "object".into(),
        Ty::Named(n) if spec.enums.contains_key(n) => "enum".into(),
        Ty::List(i) => format!("list<{}>", shape_of(spec, i)),
        Ty::Csv(i) => format!("list<{}>", shape_of(spec, i)),
        Ty::Map(i) => format!("map<{}>", shape_of(spec, i)),
        Ty::Base64Json(i) => format!("base64json<{}>", shape_of(spec, i)),
        other => other.to_string(),
    }
}

fn wire_shape(t: &WireTy) -> String {
    match t {
        WireTy::String => "string".into(),
        WireTy::Integer => "integer".into(),
        WireTy::Float => "float".into(),
        WireTy::Boolean => "boolean".into(),
        WireTy::Date => "date".into(),
        WireTy::DateTime => "datetime".into(),
        WireTy::Json => "json".into(),
        WireTy::Base64Json => "base64json".into(),
        WireTy::Enum(_) | WireTy::Switch(_) => "enum".into(),
        WireTy::Csv(i) => format!("csv<{}>", wire_shape(i)),
    }
}

fn wire_values(t: &WireTy) -> Option<&Vec<String>> {
    match t {
        WireTy::Enum(v) | WireTy::Switch(v) => Some(v),
        WireTy::Csv(i) => wire_values(i),
        _ => None,
    }
}

fn action_fields(model: &Model, a: &Action) -> FieldMap {
    let mut out = FieldMap::new();
    crate::dump::visit_response_fields(model, &a.response, &mut |path, f| {
        let values = match f.ty.leaf() {
            Ty::Named(n) => model
                .enums
                .get(n)
                .map(|e| e.values.iter().map(|v| v.value.clone()).collect()),
            _ => None,
        };
        // Compare shapes, not names: a renamed struct with the same fields is the same on the wire.
        let mut shape = shape_of(model, &f.ty);
        if !f.placeholders.is_empty() {
            // `Option<T>` in Rust, and texts besides numbers on the wire.
            shape.push_str(&format!(" or {:?}", f.placeholders));
        }
        out.insert(path.to_owned(), (shape, f.optional, values, f.rust.clone()));
    });
    out
}

/// Public type names of the generated Rust, as `module::Type`.
fn rust_types(files: &[crate::GeneratedFile]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in files {
        let module = crate::emit::rust_module_of_file(&f.name);
        for line in f.code.lines() {
            for kw in ["pub struct ", "pub enum ", "pub type "] {
                if let Some(rest) = line.strip_prefix(kw) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.insert(format!("{module}::{name}"));
                }
            }
        }
    }
    out
}

/// Whether `responseData` is a JSON array (`response: { type: list<S> }`).
fn response_is_array(a: &Action) -> bool {
    matches!(a.response.shape, Shape::Whole { array: true, .. })
}

fn kind_str(k: Kind) -> String {
    k.as_str().to_owned()
}

/// Every action of a spec by `module/name`, with its module and definition.
type ActionIndex<'m> = BTreeMap<String, (String, &'m Action)>;

fn index(s: &Model) -> ActionIndex<'_> {
    s.actions()
        .map(|a| (a.path.clone(), (a.module.clone(), a)))
        .collect()
}

/// The action name of a `module/name` path.
fn short(path: &str) -> String {
    path.split_once('/')
        .map(|(_, n)| n.to_owned())
        .unwrap_or_default()
}

/// Compares two checked specs.
pub fn diff(old: &Model, new: &Model) -> Vec<Finding> {
    let mut out = Out(Vec::new());
    let olds = index(old);
    let news = index(new);
    removed_or_moved_actions(&olds, &news, &mut out);
    added_actions(&olds, &news, &mut out);
    for (path, (_, oa)) in &olds {
        if let Some((_, na)) = news.get(path) {
            let cx = ActionCx {
                path,
                old,
                new,
                oa,
                na,
            };
            cx.compare(&mut out);
        }
    }
    error_codes(old, new, &mut out);
    rust_types_changed(old, new, &olds, &news, &mut out);
    let mut v = out.0;
    v.sort_by(|a, b| {
        (a.action.is_none(), &a.action, b.level, a.rule, &a.location).cmp(&(
            b.action.is_none(),
            &b.action,
            a.level,
            b.rule,
            &b.location,
        ))
    });
    v
}

/// `action-removed`, or `action-moved` when an action of the same name appears in another module.
fn removed_or_moved_actions(olds: &ActionIndex, news: &ActionIndex, out: &mut Out) {
    for (path, (module, _)) in olds {
        if news.contains_key(path) {
            continue;
        }
        let moved = news
            .iter()
            .find(|(p, (m, _))| short(p) == short(path) && m != module && !olds.contains_key(*p));
        match moved {
            Some((to, _)) => out.add(
                "action-moved",
                Some(path),
                format!("action:{path}"),
                Some(path.clone()),
                Some(to.clone()),
                format!("`{path}` moved to `{to}`"),
            ),
            None => out.add(
                "action-removed",
                Some(path),
                format!("action:{path}"),
                Some(path.clone()),
                None,
                format!("`{path}` was removed"),
            ),
        }
    }
}

/// `action-added`, unless the action moved from another module.
fn added_actions(olds: &ActionIndex, news: &ActionIndex, out: &mut Out) {
    for (path, (module, _)) in news {
        if olds.contains_key(path) {
            continue;
        }
        let moved = olds
            .iter()
            .any(|(p, (m, _))| short(p) == short(path) && m != module && !news.contains_key(p));
        if !moved {
            out.add(
                "action-added",
                Some(path),
                format!("action:{path}"),
                None,
                Some(path.clone()),
                format!("`{path}` was added"),
            );
        }
    }
}

/// One action present in both specs.
struct ActionCx<'a> {
    path: &'a str,
    old: &'a Model,
    new: &'a Model,
    oa: &'a Action,
    na: &'a Action,
}

impl ActionCx<'_> {
    fn compare(&self, out: &mut Out) {
        self.kind(out);
        self.response_shape(out);
        self.params(out);
        self.fields(out);
    }

    fn act(&self) -> Option<&str> {
        Some(self.path)
    }

    /// `action-became-billable`, `action-no-longer-billable`, `action-kind-changed`.
    fn kind(&self, out: &mut Out) {
        let (oa, na, path) = (self.oa, self.na, self.path);
        if oa.kind == na.kind {
            return;
        }
        let rule = if na.kind == Kind::Billable {
            "action-became-billable"
        } else if oa.kind == Kind::Billable {
            "action-no-longer-billable"
        } else {
            "action-kind-changed"
        };
        out.add(
            rule,
            self.act(),
            "kind".into(),
            Some(kind_str(oa.kind)),
            Some(kind_str(na.kind)),
            format!(
                "`{path}` is now {} (was {})",
                na.kind.as_str(),
                oa.kind.as_str()
            ),
        );
    }

    /// `response-shape-changed`: `responseData` between an object and an array.
    fn response_shape(&self, out: &mut Out) {
        let (o_arr, n_arr) = (response_is_array(self.oa), response_is_array(self.na));
        if o_arr == n_arr {
            return;
        }
        let shape = |arr: bool| if arr { "array" } else { "object" }.to_owned();
        out.add(
            "response-shape-changed",
            self.act(),
            "responseData".into(),
            Some(shape(o_arr)),
            Some(shape(n_arr)),
            format!(
                "`responseData` is now an {} (was an {})",
                shape(n_arr),
                shape(o_arr)
            ),
        );
    }

    /// Every wire parameter: removed, changed, added.
    fn params(&self, out: &mut Out) {
        let ow = Wire::of_action(self.old, self.oa);
        let nw = Wire::of_action(self.new, self.na);
        for op in &ow.params {
            match nw.params.iter().find(|p| p.name == op.name) {
                None => out.add(
                    "param-removed",
                    self.act(),
                    format!("param:{}", op.name),
                    Some(op.name.clone()),
                    None,
                    format!("parameter `{}` is no longer accepted", op.name),
                ),
                Some(np) => self.param_changed(op, np, out),
            }
        }
        for np in &nw.params {
            if !ow.params.iter().any(|p| p.name == np.name) {
                self.param_added(np, out);
            }
        }
    }

    /// `param-type-changed`, `param-became-required`, `param-became-optional`, enum values.
    fn param_changed(&self, op: &WireParam, np: &WireParam, out: &mut Out) {
        let act = self.act();
        let (os, ns) = (wire_shape(&op.ty), wire_shape(&np.ty));
        if os != ns {
            out.add(
                "param-type-changed",
                act,
                format!("param:{}", op.name),
                Some(os.clone()),
                Some(ns.clone()),
                format!("parameter `{}` changed from {os} to {ns}", op.name),
            );
        }
        if op.rust_name != np.rust_name {
            out.add(
                "param-rust-name-changed",
                act,
                format!("param:{}", op.name),
                Some(op.rust_name.clone()),
                Some(np.rust_name.clone()),
                format!(
                    "parameter `{}` is now `{}` in Rust (was `{}`)",
                    op.name, np.rust_name, op.rust_name
                ),
            );
        }
        if !op.required && np.required {
            out.add(
                "param-became-required",
                act,
                format!("param:{}", op.name),
                None,
                None,
                format!("parameter `{}` is now required", op.name),
            );
        }
        if op.required && !np.required {
            out.add(
                "param-became-optional",
                act,
                format!("param:{}", op.name),
                None,
                None,
                format!("parameter `{}` is now optional", op.name),
            );
        }
        if let (Some(ov), Some(nv)) = (wire_values(&op.ty), wire_values(&np.ty)) {
            self.request_values(&op.name, ov, nv, out);
        }
    }

    /// `request-enum-value-removed`, `request-enum-value-added`.
    fn request_values(&self, name: &str, ov: &[String], nv: &[String], out: &mut Out) {
        for v in ov.iter().filter(|v| !nv.contains(v)) {
            out.add(
                "request-enum-value-removed",
                self.act(),
                format!("param:{name}"),
                Some(v.clone()),
                None,
                format!("parameter `{name}` no longer accepts `{v}`"),
            );
        }
        for v in nv.iter().filter(|v| !ov.contains(v)) {
            out.add(
                "request-enum-value-added",
                self.act(),
                format!("param:{name}"),
                None,
                Some(v.clone()),
                format!("parameter `{name}` accepts `{v}`"),
            );
        }
    }

    /// `param-added-required`, `param-added-optional`.
    fn param_added(&self, np: &WireParam, out: &mut Out) {
        let rule = if np.required {
            "param-added-required"
        } else {
            "param-added-optional"
        };
        let what = if np.required { "required" } else { "optional" };
        out.add(
            rule,
            self.act(),
            format!("param:{}", np.name),
            None,
            Some(np.name.clone()),
            format!("new {what} parameter `{}`", np.name),
        );
    }

    /// Every response field: removed, changed, added.
    fn fields(&self, out: &mut Out) {
        let of = action_fields(self.old, self.oa);
        let nf = action_fields(self.new, self.na);
        for (fp, old) in &of {
            match nf.get(fp) {
                None => self.field_removed(fp, &old.0, &of, &nf, out),
                Some(new) => self.field_changed(fp, old, new, out),
            }
        }
        for (fp, (nty, _, _, _)) in &nf {
            if !of.contains_key(fp) {
                self.field_added(fp, nty, &of, &nf, out);
            }
        }
    }

    /// `response-field-removed`, only at the top of a removed subtree.
    fn field_removed(&self, fp: &str, oty: &str, of: &FieldMap, nf: &FieldMap, out: &mut Out) {
        let parent_gone = fp.rsplit_once('/').is_some_and(|(parent, _)| {
            of.contains_key(parent.trim_end_matches("/{key}"))
                && !nf.contains_key(parent.trim_end_matches("/{key}"))
        });
        if !parent_gone {
            out.add(
                "response-field-removed",
                self.act(),
                format!("field:{fp}"),
                Some(oty.to_owned()),
                None,
                format!("response field `{fp}` was removed"),
            );
        }
    }

    /// `response-field-type-changed`, `-became-optional`, `-became-required`, enum values.
    fn field_changed(&self, fp: &str, old: &FieldInfo, new: &FieldInfo, out: &mut Out) {
        let act = self.act();
        let ((oty, oopt, ovals, orust), (nty, nopt, nvals, nrust)) = (old, new);
        if orust != nrust {
            out.add(
                "response-field-rust-name-changed",
                act,
                format!("field:{fp}"),
                Some(orust.clone()),
                Some(nrust.clone()),
                format!("response field `{fp}` is now `{nrust}` in Rust (was `{orust}`)"),
            );
        }
        if oty != nty {
            out.add(
                "response-field-type-changed",
                act,
                format!("field:{fp}"),
                Some(oty.clone()),
                Some(nty.clone()),
                format!("response field `{fp}` changed from {oty} to {nty}"),
            );
        }
        if !oopt && *nopt {
            out.add(
                "response-field-became-optional",
                act,
                format!("field:{fp}"),
                None,
                None,
                format!("response field `{fp}` may now be absent"),
            );
        }
        if *oopt && !nopt {
            out.add(
                "response-field-became-required",
                act,
                format!("field:{fp}"),
                None,
                None,
                format!("response field `{fp}` is now always present"),
            );
        }
        if let (Some(ov), Some(nv)) = (ovals, nvals) {
            self.response_values(fp, ov, nv, out);
        }
    }

    /// `response-enum-value-removed`, `response-enum-value-added`.
    fn response_values(&self, fp: &str, ov: &[String], nv: &[String], out: &mut Out) {
        for v in ov.iter().filter(|v| !nv.contains(v)) {
            out.add(
                "response-enum-value-removed",
                self.act(),
                format!("field:{fp}"),
                Some(v.clone()),
                None,
                format!("response field `{fp}` no longer holds `{v}`"),
            );
        }
        for v in nv.iter().filter(|v| !ov.contains(v)) {
            out.add(
                "response-enum-value-added",
                self.act(),
                format!("field:{fp}"),
                None,
                Some(v.clone()),
                format!("response field `{fp}` may hold `{v}`"),
            );
        }
    }

    /// `response-field-added`, only at the top of a new subtree.
    fn field_added(&self, fp: &str, nty: &str, of: &FieldMap, nf: &FieldMap, out: &mut Out) {
        let parent_new = fp.rsplit_once('/').is_some_and(|(parent, _)| {
            let parent = parent.trim_end_matches("/{key}");
            nf.contains_key(parent) && !of.contains_key(parent)
        });
        if !parent_new {
            out.add(
                "response-field-added",
                self.act(),
                format!("field:{fp}"),
                None,
                Some(nty.to_owned()),
                format!("new response field `{fp}`"),
            );
        }
    }
}

/// `error-code-removed`, `error-code-added`.
fn error_codes(old: &Model, new: &Model, out: &mut Out) {
    let codes = |s: &Model| -> BTreeMap<i64, String> {
        s.errors.iter().map(|e| (e.code, e.name.clone())).collect()
    };
    let (oc, nc) = (codes(old), codes(new));
    for (code, name) in &oc {
        if !nc.contains_key(code) {
            out.add(
                "error-code-removed",
                None,
                format!("error:{code}"),
                Some(name.clone()),
                None,
                format!("error code {code} ({name}) is no longer listed"),
            );
        }
    }
    for (code, name) in &nc {
        if !oc.contains_key(code) {
            out.add(
                "error-code-added",
                None,
                format!("error:{code}"),
                None,
                Some(name.clone()),
                format!("new error code {code} ({name})"),
            );
        }
    }
}

/// `rust-type-removed`, `rust-type-added`: public types of the generated Rust, except those of
/// added or removed actions and modules (already reported as such).
fn rust_types_changed(
    old: &Model,
    new: &Model,
    olds: &ActionIndex,
    news: &ActionIndex,
    out: &mut Out,
) {
    let (Ok(of), Ok(nf)) = (crate::generate(old), crate::generate(new)) else {
        return;
    };
    let (ot, nt) = (rust_types(&of), rust_types(&nf));
    let module_of = |t: &str| t.split("::").next().unwrap_or("").to_owned();
    let new_modules: BTreeSet<String> = new.modules.iter().map(|m| m.name.clone()).collect();
    let old_modules: BTreeSet<String> = old.modules.iter().map(|m| m.name.clone()).collect();
    let gone_or_new: Vec<(String, String)> = olds
        .keys()
        .filter(|p| !news.contains_key(*p))
        .chain(news.keys().filter(|p| !olds.contains_key(*p)))
        .filter_map(|p| {
            p.split_once('/')
                .map(|(m, n)| (m.to_owned(), crate::names::action_base(n)))
        })
        .collect();
    // The types of an action are named after it, in its module or a family submodule of it.
    let own = |t: &str| {
        let name = t.rsplit("::").next().unwrap_or(t);
        gone_or_new
            .iter()
            .any(|(m, prefix)| module_of(t) == *m && name.starts_with(prefix.as_str()))
    };
    for t in ot.difference(&nt).filter(|t| !own(t)) {
        let m = module_of(t);
        if m == "types" || m == "api" || new_modules.contains(&m) {
            out.add(
                "rust-type-removed",
                None,
                format!("type:{t}"),
                Some(t.clone()),
                None,
                format!("Rust type `{t}` is gone (removed or renamed)"),
            );
        }
    }
    for t in nt.difference(&ot).filter(|t| !own(t)) {
        let m = module_of(t);
        if m == "types" || m == "api" || old_modules.contains(&m) {
            out.add(
                "rust-type-added",
                None,
                format!("type:{t}"),
                None,
                Some(t.clone()),
                format!("new Rust type `{t}`"),
            );
        }
    }
}

fn counts(findings: &[Finding]) -> String {
    let n = |l: Level| findings.iter().filter(|f| f.level == l).count();
    format!(
        "{} ERR, {} WARN, {} INFO",
        n(Level::Err),
        n(Level::Warn),
        n(Level::Info)
    )
}

fn group(findings: &[Finding]) -> BTreeMap<(String, String), Vec<&Finding>> {
    let mut g: BTreeMap<(String, String), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        let (module, action) = match &f.action {
            Some(a) => {
                let (m, n) = a.split_once('/').unwrap_or((a, ""));
                (m.to_owned(), n.to_owned())
            }
            None if f.rule.starts_with("error-code") => {
                ("(API)".to_owned(), "error codes".to_owned())
            }
            None => ("(API)".to_owned(), "generated Rust types".to_owned()),
        };
        g.entry((module, action)).or_default().push(f);
    }
    g
}

/// Plain text, grouped by module and action.
pub fn to_text(old: &str, new: &str, findings: &[Finding]) -> String {
    let mut s = format!("Changes from {old} to {new}: {}\n", counts(findings));
    let mut last_module = String::new();
    for ((module, action), fs) in group(findings) {
        if module != last_module {
            s.push_str(&format!("\n{module}\n"));
            last_module = module.clone();
        }
        s.push_str(&format!("  {action}\n"));
        for f in fs {
            s.push_str(&format!(
                "    {:<4} {:<30} {}\n",
                f.level.as_str(),
                f.rule,
                f.message
            ));
        }
    }
    s
}

/// A changelog in Markdown.
pub fn to_markdown(old: &str, new: &str, findings: &[Finding]) -> String {
    let mut s = format!("# API changes from {old} to {new}\n\n");
    s.push_str(&format!(
        "Generated by `ddspec diff`; {}.\n\n",
        counts(findings)
    ));
    s.push_str(
        "Levels: **ERR** breaks clients, **WARN** may break some, **INFO** widens or adds.\n",
    );
    let mut last_module = String::new();
    for ((module, action), fs) in group(findings) {
        if module != last_module {
            s.push_str(&format!("\n## {module}\n"));
            last_module = module.clone();
        }
        s.push_str(&format!("\n### {action}\n\n"));
        for f in fs {
            s.push_str(&format!(
                "- **{}** `{}`: {}\n",
                f.level.as_str(),
                f.rule,
                f.message.replace('|', "\\|")
            ));
        }
    }
    s
}

/// The rules with their levels, one per line.
pub fn rules_text() -> String {
    RULES
        .iter()
        .map(|(id, level, doc)| format!("{:<4} {id:<30} {doc}\n", level.as_str()))
        .collect()
}
