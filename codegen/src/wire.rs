//! The wire view of an action's parameters: every form key it accepts, and the rules that say
//! which keys must be present. Shared by `ddspec dump`, the emitted metadata (used by the client
//! before sending and by the sandbox when receiving) and the differ.

use crate::load::Spec;
use crate::model::{Named, Param};
use crate::names::{camel, ident, type_ident};
use crate::ty::Ty;

/// What holds the fields of a parameter map in the generated Rust.
#[derive(Debug, Clone)]
enum Holder {
    /// The parameters of the action: method arguments and setters.
    Top,
    /// A struct (a plain group).
    Struct(String),
    /// A struct variant of an enum (a discriminator's case): `Enum::Variant { field }`.
    Variant(String),
    /// A tuple variant holding the only parameter (a one_of alternative with one key).
    Tuple(String),
}

/// Where a parameter map is walked: its wire affixes, whether its keys can be required
/// outright, and its place in the Rust types and in the docs.
#[derive(Debug, Clone)]
struct At {
    prefix: String,
    suffix: String,
    always: bool,
    depth: usize,
    /// Rust path of the container, outermost first.
    rust: Vec<String>,
    holder: Holder,
    /// The Rust name that discriminators without `type_name` are named after.
    ctx: String,
    /// Docs of the enclosing groups, joined with `: `.
    doc: String,
}

impl At {
    /// The Rust path of the field called `name` in Rust (see [`Param::rust_name`]) of this
    /// container.
    fn rust_of(&self, name: &str) -> Vec<String> {
        let f = ident(name).to_string();
        let seg = match &self.holder {
            Holder::Top => f,
            Holder::Struct(s) => format!("{s}::{f}"),
            Holder::Variant(v) => format!("{v} {{ {f} }}"),
            Holder::Tuple(v) => v.clone(),
        };
        let mut r = self.rust.clone();
        r.push(seg);
        r
    }

    /// `doc` after the docs of the enclosing groups.
    fn doc_of(&self, doc: &str) -> String {
        let doc = doc.trim();
        if self.doc.is_empty() {
            doc.to_owned()
        } else {
            format!("{}: {doc}", self.doc)
        }
    }

    /// The docs of the enclosing groups and `doc`, as the context of a nested map.
    fn inner_doc(&self, doc: &str) -> String {
        // Only the first clause: the context, not the group's whole story.
        let doc = doc.trim();
        let cut = [";", " (", ". "]
            .iter()
            .filter_map(|sep| doc.find(sep))
            .min()
            .unwrap_or(doc.len());
        let doc = doc[..cut].trim_end_matches('.');
        match (self.doc.is_empty(), doc.is_empty()) {
            (_, true) => self.doc.clone(),
            (true, false) => doc.to_owned(),
            (false, false) => format!("{}: {doc}", self.doc),
        }
    }
}

/// One form key an action accepts. Numbered keys contain `{n}`.
#[derive(Debug, Clone, PartialEq)]
pub struct WireParam {
    /// The form key (numbered keys contain `{n}`).
    pub name: String,
    /// The check its value must pass.
    pub ty: WireTy,
    /// Required in every request (not only under a condition or in one alternative).
    pub required: bool,
    /// What it means: its own `doc`, after the docs of the groups it is sent in
    /// (`Holder of the domain: Given name.`).
    pub doc: String,
    /// Where it lives in the generated Rust, outermost first: the method argument or setter,
    /// then each enum variant and struct field on the way (`owner_contact`, `Contact::Data`,
    /// `ContactData::first_name`). Numbered keys show the list as `alt_names[{n}]`.
    pub rust: Vec<String>,
    /// The Rust name of the parameter itself (its `rust:` name, or its key in snake_case).
    pub rust_name: String,
    /// The value the API assumes when the key is not sent (the spec's `default`).
    pub default: Option<String>,
}

/// The value check of a form key.
#[derive(Debug, Clone, PartialEq)]
pub enum WireTy {
    /// Any text.
    String,
    /// A whole number.
    Integer,
    /// A decimal number.
    Float,
    /// A boolean.
    Boolean,
    /// A `YYYY-MM-DD` date.
    Date,
    /// A `YYYY-MM-DD HH:MM:SS` date and time.
    DateTime,
    /// JSON text.
    Json,
    /// Base64-encoded JSON.
    Base64Json,
    /// One of these values.
    Enum(Vec<String>),
    /// Comma-separated values of the inner check.
    Csv(Box<WireTy>),
    /// The value names a variant of a discriminator.
    Switch(Vec<String>),
}

/// Which keys must be present; mirrors `dondominio::meta::Rule`.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// This key must be present.
    Required(String),
    /// This key must be present when the keys in `when` have these values.
    RequiredIf {
        /// The key.
        name: String,
        /// Keys and the values that make it required.
        when: Vec<(String, String)>,
    },
    /// A group of keys: its rules apply when it is required or any member is present.
    Group {
        /// The keys of the group.
        members: Vec<String>,
        /// Whether it must be given.
        required: bool,
        /// Rules inside the group.
        rules: Vec<Rule>,
    },
    /// Alternatives: the first whose members appear is checked; one must appear when required.
    OneOf {
        /// Whether it must be given.
        required: bool,
        /// The alternatives.
        alts: Vec<Alt>,
    },
    /// The value of `param` chooses which case's rules apply.
    Switch {
        /// The discriminator key.
        param: String,
        /// Whether it must be given.
        required: bool,
        /// Rules per value of the discriminator.
        cases: Vec<(String, Vec<Rule>)>,
    },
    /// Numbered keys (`{n}` = 1, 2, ...): the rules apply to each number in use.
    Numbered {
        /// The keys of the group.
        members: Vec<String>,
        /// Rules inside the group.
        rules: Vec<Rule>,
    },
}

/// One alternative of a one-of group.
#[derive(Debug, Clone, PartialEq)]
pub struct Alt {
    /// Name of the alternative.
    pub name: String,
    /// Its keys.
    pub members: Vec<String>,
    /// Its rules.
    pub rules: Vec<Rule>,
}

/// The wire view of one parameter list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Wire {
    /// Every form key, groups expanded.
    pub params: Vec<WireParam>,
    /// Which keys must be present.
    pub rules: Vec<Rule>,
}

impl Wire {
    /// Builds the wire view of `params` (an action's). Unknown types become `String`; the
    /// validator reports them. The Rust paths of discriminators without a `type_name` lack the
    /// action's name: use [`Wire::of_action`] where they matter.
    pub fn of(spec: &Spec, params: &Named<Param>) -> Wire {
        Wire::of_action(spec, "", params)
    }

    /// [`Wire::of`] for the parameters of action `action` (its name inside the module, such as
    /// `update`), which names the Rust types generated for its discriminators.
    pub fn of_action(spec: &Spec, action: &str, params: &Named<Param>) -> Wire {
        let mut w = Wire::default();
        let at = At {
            prefix: String::new(),
            suffix: String::new(),
            always: true,
            depth: 0,
            rust: Vec::new(),
            holder: Holder::Top,
            ctx: camel(action),
            doc: String::new(),
        };
        let rules = walk(spec, params, &at, &mut w.params);
        w.rules = rules;
        let mut seen = std::collections::HashSet::new();
        w.params.retain(|p| seen.insert(p.name.clone()));
        w
    }
}

fn wire_ty(spec: &Spec, ty: &Ty) -> WireTy {
    match ty {
        Ty::String | Ty::Object => WireTy::String,
        Ty::Integer => WireTy::Integer,
        Ty::Float => WireTy::Float,
        Ty::Boolean => WireTy::Boolean,
        Ty::Date => WireTy::Date,
        Ty::DateTime => WireTy::DateTime,
        Ty::Json | Ty::Map(_) | Ty::List(_) => WireTy::Json,
        Ty::Base64Json(_) => WireTy::Base64Json,
        Ty::Csv(t) => WireTy::Csv(Box::new(wire_ty(spec, t))),
        Ty::Named(n) => match spec.enums.get(n) {
            Some(e) => WireTy::Enum(e.def.values.keys().cloned().collect()),
            None => WireTy::String,
        },
    }
}

/// Walks a parameter map at `at`, pushing its keys and returning its rules. Below an optional
/// container (`at.always` false) keys are never required outright.
fn walk(spec: &Spec, params: &Named<Param>, at: &At, out: &mut Vec<WireParam>) -> Vec<Rule> {
    let mut rules = Vec::new();
    if at.depth > 8 {
        return rules; // a group cycle; the validator reports it
    }
    let (prefix, suffix) = (at.prefix.as_str(), at.suffix.as_str());
    for (key, p) in params.iter() {
        let wire = format!("{prefix}{key}{suffix}");
        if let Some(ty) = &p.ty {
            let ty = ty.ty().map(|t| wire_ty(spec, t)).unwrap_or(WireTy::String);
            out.push(WireParam {
                name: wire.clone(),
                ty,
                required: at.always && p.required,
                doc: at.doc_of(&p.doc),
                rust: at.rust_of(&p.rust_name(key)),
                rust_name: p.rust_name(key),
                default: p.default.as_ref().map(|d| d.0.clone()),
            });
            if p.required {
                rules.push(Rule::Required(wire));
            } else if let Some(when) = &p.required_if {
                let when = when
                    .iter()
                    .map(|(k, v)| (format!("{prefix}{k}{suffix}"), v.0.clone()))
                    .collect();
                rules.push(Rule::RequiredIf { name: wire, when });
            }
        } else if let Some(group) = &p.group {
            let Some(g) = spec.groups.get(group) else {
                continue;
            };
            let mut inner = at.clone();
            inner.prefix = format!("{prefix}{}", p.prefix.as_deref().unwrap_or(key));
            inner.rust = at.rust_of(&p.rust_name(key));
            inner.doc = at.inner_doc(&p.doc);
            inner.ctx = group.clone();
            if p.numbered {
                if let Some(last) = inner.rust.last_mut() {
                    last.push_str("[{n}]");
                }
                inner.suffix = "_{n}".into();
                inner.always = false;
                let start = out.len();
                let rs = group_rules(spec, group, &g.def, &inner, out);
                let members = out[start..].iter().map(|w| w.name.clone()).collect();
                rules.push(Rule::Numbered {
                    members,
                    rules: rs.flatten(),
                });
            } else {
                inner.always = at.always && p.required;
                let start = out.len();
                let rs = group_rules(spec, group, &g.def, &inner, out);
                let members = out[start..].iter().map(|w| w.name.clone()).collect();
                match rs {
                    GroupRules::Plain(rules_) => rules.push(Rule::Group {
                        members,
                        required: p.required,
                        rules: rules_,
                    }),
                    GroupRules::OneOf(alts) => rules.push(Rule::OneOf {
                        required: p.required,
                        alts,
                    }),
                }
            }
        } else if let Some(variants) = &p.variants {
            let names: Vec<String> = variants.keys().cloned().collect();
            out.push(WireParam {
                name: wire.clone(),
                ty: WireTy::Switch(names),
                required: at.always && p.required,
                doc: at.doc_of(&p.doc),
                rust: at.rust_of(&p.rust_name(key)),
                rust_name: p.rust_name(key),
                default: p.default.as_ref().map(|d| d.0.clone()),
            });
            // The generated enum: its `type_name`, or the container's name and the key.
            let enum_name = p
                .type_name
                .clone()
                .unwrap_or_else(|| format!("{}{}", at.ctx, camel(key)));
            let enum_id = type_ident(&enum_name).to_string();
            let cases = variants
                .iter()
                .map(|(v, def)| {
                    let vid = type_ident(&camel(v)).to_string();
                    let mut inner = at.clone();
                    inner.always = false;
                    inner.depth = at.depth + 1;
                    inner.rust = at.rust_of(&p.rust_name(key));
                    inner.holder = Holder::Variant(format!("{enum_id}::{vid}"));
                    inner.ctx = format!("{enum_name}{}", camel(v));
                    (v.clone(), walk(spec, &def.params, &inner, out))
                })
                .collect();
            rules.push(Rule::Switch {
                param: wire,
                required: p.required,
                cases,
            });
        }
    }
    rules
}

enum GroupRules {
    Plain(Vec<Rule>),
    OneOf(Vec<Alt>),
}

impl GroupRules {
    fn flatten(self) -> Vec<Rule> {
        match self {
            GroupRules::Plain(r) => r,
            GroupRules::OneOf(alts) => vec![Rule::OneOf {
                required: true,
                alts,
            }],
        }
    }
}

fn group_rules(
    spec: &Spec,
    name: &str,
    g: &crate::model::GroupDef,
    at: &At,
    out: &mut Vec<WireParam>,
) -> GroupRules {
    let gid = type_ident(name).to_string();
    if let Some(alts) = &g.one_of {
        let alts = alts
            .iter()
            .map(|(vname, v)| {
                let vid = type_ident(&camel(vname)).to_string();
                let mut inner = at.clone();
                inner.always = false;
                inner.depth = at.depth + 1;
                inner.rust.push(format!("{gid}::{vid}"));
                let start = out.len();
                let rules = if let Some(params) = &v.params {
                    // One key: a tuple variant; more: a struct named after the group and variant.
                    let sname = format!("{name}{}", camel(vname));
                    if params.len() == 1 {
                        inner.rust.pop();
                        inner.holder = Holder::Tuple(format!("{gid}::{vid}"));
                    } else {
                        inner.holder = Holder::Struct(type_ident(&sname).to_string());
                    }
                    inner.ctx = sname;
                    walk(spec, params, &inner, out)
                } else if let Some((iname, ig)) = v
                    .group
                    .as_ref()
                    .and_then(|n| spec.groups.get(n).map(|g| (n, g)))
                {
                    group_rules(spec, iname, &ig.def, &inner, out).flatten()
                } else {
                    Vec::new()
                };
                let members = out[start..].iter().map(|w| w.name.clone()).collect();
                Alt {
                    name: vname.clone(),
                    members,
                    rules,
                }
            })
            .collect();
        GroupRules::OneOf(alts)
    } else {
        let params = g.params.clone().unwrap_or_default();
        let mut inner = at.clone();
        inner.depth = at.depth + 1;
        inner.holder = Holder::Struct(gid);
        inner.ctx = name.to_owned();
        GroupRules::Plain(walk(spec, &params, &inner, out))
    }
}
