//! The static description of each action (`dondominio::meta::ActionInfo`): wire parameters,
//! presence rules, variants and examples, used by the client, the sandbox and the CLI.
//!
//! A third of the generated code is this table, all data: it is written as Rust text directly
//! (string literals through `str`'s `Debug`, which is valid Rust), not as tokens. Building,
//! printing and freeing a token per item cost the unoptimized build script more than the rest of
//! the module's code; the snapshots parse the text into tokens and pretty-print it as before.

use std::fmt::Write;

use crate::ir::{Model, Module, Shape};
use crate::model::Kind;
use crate::names::ident;
use crate::wire::{Rule, Wire, WireTy};

/// A Rust string literal of `s`.
struct Lit<'a>(&'a str);

impl std::fmt::Display for Lit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

/// `&["a", "b"]`.
fn strs<S: AsRef<str>>(out: &mut String, items: &[S]) {
    out.push_str("&[");
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{}", Lit(s.as_ref()));
    }
    out.push(']');
}

fn wire_ty(out: &mut String, t: &WireTy) {
    let simple = match t {
        WireTy::String => "String",
        WireTy::Integer => "Integer",
        WireTy::Float => "Float",
        WireTy::Boolean => "Boolean",
        WireTy::Date => "Date",
        WireTy::DateTime => "DateTime",
        WireTy::Json => "Json",
        WireTy::Base64Json => "Base64Json",
        WireTy::Enum(v) | WireTy::Switch(v) => {
            out.push_str("crate::meta::WireType::Enum(");
            strs(out, v);
            out.push(')');
            return;
        }
        WireTy::Csv(t) => {
            out.push_str("crate::meta::WireType::Csv(&");
            wire_ty(out, t);
            out.push(')');
            return;
        }
    };
    out.push_str("crate::meta::WireType::");
    out.push_str(simple);
}

fn rules(out: &mut String, rs: &[Rule]) {
    out.push_str("&[");
    for (i, r) in rs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        rule(out, r);
    }
    out.push(']');
}

fn rule(out: &mut String, r: &Rule) {
    match r {
        Rule::Required(n) => {
            let _ = write!(out, "crate::meta::Rule::Required({})", Lit(n));
        }
        Rule::RequiredIf { name, when } => {
            let _ = write!(
                out,
                "crate::meta::Rule::RequiredIf {{ name: {}, when: &[",
                Lit(name)
            );
            for (i, (k, v)) in when.iter().enumerate() {
                let sep = if i > 0 { ", " } else { "" };
                let _ = write!(out, "{sep}({}, {})", Lit(k), Lit(v));
            }
            out.push_str("] }");
        }
        Rule::Group {
            members,
            required,
            rules: rs,
        } => {
            out.push_str("crate::meta::Rule::Group { members: ");
            strs(out, members);
            let _ = write!(out, ", required: {required}, rules: ");
            rules(out, rs);
            out.push_str(" }");
        }
        Rule::OneOf { required, alts } => {
            let _ = write!(
                out,
                "crate::meta::Rule::OneOf {{ required: {required}, alts: &["
            );
            for (i, a) in alts.iter().enumerate() {
                let sep = if i > 0 { ", " } else { "" };
                let _ = write!(
                    out,
                    "{sep}crate::meta::Alt {{ name: {}, members: ",
                    Lit(&a.name)
                );
                strs(out, &a.members);
                out.push_str(", rules: ");
                rules(out, &a.rules);
                out.push_str(" }");
            }
            out.push_str("] }");
        }
        Rule::Switch {
            param,
            required,
            cases,
        } => {
            let _ = write!(
                out,
                "crate::meta::Rule::Switch {{ param: {}, required: {required}, cases: &[",
                Lit(param)
            );
            for (i, (v, rs)) in cases.iter().enumerate() {
                let sep = if i > 0 { ", " } else { "" };
                let _ = write!(out, "{sep}crate::meta::Case {{ value: {}, rules: ", Lit(v));
                rules(out, rs);
                out.push_str(" }");
            }
            out.push_str("] }");
        }
        Rule::Numbered { members, rules: rs } => {
            out.push_str("crate::meta::Rule::Numbered { members: ");
            strs(out, members);
            out.push_str(", rules: ");
            rules(out, rs);
            out.push_str(" }");
        }
    }
}

/// `pub(crate) static ACTIONS` of one module, as Rust text.
pub(crate) fn module_actions(model: &Model, m: &Module) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(
        "/// The description of every action of this module, in spec order.\n\
         pub(crate) static ACTIONS: &[crate::meta::ActionInfo] = &[\n",
    );
    for a in &m.actions {
        let variant = ident(&a.names.variant);
        let kind = match a.kind {
            Kind::Read => "Read",
            Kind::Write => "Write",
            Kind::Billable => "Billable",
        };
        let _ = write!(
            out,
            "crate::meta::ActionInfo {{ action: crate::Action::{variant}, module: {}, name: {}, \
             path: {}, kind: crate::meta::Kind::{kind}, doc: {}, params: &[",
            Lit(&a.module),
            Lit(&a.name),
            Lit(&a.path),
            Lit(a.doc.trim()),
        );
        let wire = Wire::of_action(model, a);
        for (i, p) in wire.params.iter().enumerate() {
            let sep = if i > 0 { ", " } else { "" };
            let _ = write!(
                out,
                "{sep}crate::meta::WireParam {{ name: {}, ty: ",
                Lit(&p.name)
            );
            wire_ty(&mut out, &p.ty);
            let _ = write!(
                out,
                ", required: {}, doc: {}, rust: ",
                p.required,
                Lit(&p.doc)
            );
            strs(&mut out, &p.rust);
            match &p.default {
                Some(d) => {
                    let _ = write!(out, ", default: Some({})", Lit(d));
                }
                None => out.push_str(", default: None"),
            }
            out.push_str(" }");
        }
        out.push_str("], rules: ");
        rules(&mut out, &wire.rules);
        out.push_str(", selector: ");
        let (selector, variants): (_, Vec<&str>) = match &a.response.shape {
            Shape::Variants {
                selector, variants, ..
            } => (
                selector.as_ref(),
                variants.iter().map(|v| v.value.as_str()).collect(),
            ),
            _ => (None, Vec::new()),
        };
        match selector {
            Some(sel) => {
                let _ = write!(
                    out,
                    "Some(crate::meta::Selector {{ param: {}, default: ",
                    Lit(&sel.key)
                );
                match &sel.default {
                    Some(d) => {
                        let _ = write!(out, "Some({})", Lit(d));
                    }
                    None => out.push_str("None"),
                }
                out.push_str(" })");
            }
            None => out.push_str("None"),
        }
        out.push_str(", variants: ");
        strs(&mut out, &variants);
        let _ = write!(out, ", paged: {}, paged_items: ", a.paged.is_some());
        match &a.paged {
            Some(p) => {
                let _ = write!(out, "Some({})", Lit(&p.items));
            }
            None => out.push_str("None"),
        }
        out.push_str(", examples: &[");
        for (i, e) in a.examples.iter().enumerate() {
            let sep = if i > 0 { ", " } else { "" };
            let _ = write!(out, "{sep}crate::meta::Example {{ variant: ");
            match &e.variant {
                Some(v) => {
                    let _ = write!(out, "Some({})", Lit(v));
                }
                None => out.push_str("None"),
            }
            let _ = write!(out, ", json: {} }}", Lit(e.json.trim()));
        }
        out.push_str("] },\n");
    }
    out.push_str("];\n");
    out
}
