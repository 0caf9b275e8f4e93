//! The wire view of an action's parameters: every form key it accepts, and the rules that say
//! which keys must be present. Shared by `ddspec dump`, the emitted metadata (used by the client
//! before sending and by the sandbox when receiving) and the differ.

use crate::ir::{self, AltBody, GroupBody, Model, ParamKind};
use crate::names::ident;
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
    /// Docs of the enclosing groups, joined with `: `.
    doc: String,
}

impl At {
    /// The Rust path of the field called `name` in Rust ([`ir::Param::rust`]) of this
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
    /// Builds the wire view of the parameters of `action`.
    pub fn of_action(model: &Model, action: &ir::Action) -> Wire {
        let mut w = Wire::default();
        let at = At {
            prefix: String::new(),
            suffix: String::new(),
            always: true,
            depth: 0,
            rust: Vec::new(),
            holder: Holder::Top,
            doc: String::new(),
        };
        let rules = walk(model, &action.params, &at, &mut w.params);
        w.rules = rules;
        let mut seen = std::collections::HashSet::new();
        w.params.retain(|p| seen.insert(p.name.clone()));
        w
    }
}

fn wire_ty(model: &Model, ty: &Ty) -> WireTy {
    match ty {
        Ty::String | Ty::Object => WireTy::String,
        Ty::Integer => WireTy::Integer,
        Ty::Float => WireTy::Float,
        Ty::Boolean => WireTy::Boolean,
        Ty::Date => WireTy::Date,
        Ty::DateTime => WireTy::DateTime,
        Ty::Json | Ty::Map(_) | Ty::List(_) => WireTy::Json,
        Ty::Base64Json(_) => WireTy::Base64Json,
        Ty::Csv(t) => WireTy::Csv(Box::new(wire_ty(model, t))),
        Ty::Named(n) => match model.enums.get(n) {
            Some(e) => WireTy::Enum(e.values.iter().map(|v| v.value.clone()).collect()),
            None => WireTy::String,
        },
    }
}

/// The form key of a scalar or discriminator parameter `p` at `at`.
fn key_of(at: &At, p: &ir::Param, wire: &str, ty: WireTy) -> WireParam {
    WireParam {
        name: wire.to_owned(),
        ty,
        required: at.always && p.required,
        doc: at.doc_of(&p.doc),
        rust: at.rust_of(&p.rust),
        rust_name: p.rust.clone(),
        default: p.default.as_ref().map(|d| d.text.clone()),
    }
}

/// Walks a parameter list at `at`, pushing its keys and returning its rules. Below an optional
/// container (`at.always` false) keys are never required outright.
fn walk(model: &Model, params: &[ir::Param], at: &At, out: &mut Vec<WireParam>) -> Vec<Rule> {
    let mut rules = Vec::new();
    if at.depth > 8 {
        return rules; // a group cycle; the validator reports it
    }
    let (prefix, suffix) = (at.prefix.as_str(), at.suffix.as_str());
    for p in params {
        let wire = format!("{prefix}{}{suffix}", p.key);
        match &p.kind {
            ParamKind::Scalar(ty) => {
                out.push(key_of(at, p, &wire, wire_ty(model, ty)));
                if p.required {
                    rules.push(Rule::Required(wire));
                } else if !p.required_if.is_empty() {
                    let when = p
                        .required_if
                        .iter()
                        .map(|(k, v)| (format!("{prefix}{k}{suffix}"), v.clone()))
                        .collect();
                    rules.push(Rule::RequiredIf { name: wire, when });
                }
            }
            ParamKind::Group {
                group,
                prefix: gp,
                numbered,
            } => {
                let Some(g) = model.groups.get(group) else {
                    continue;
                };
                let mut inner = at.clone();
                inner.prefix = format!("{prefix}{gp}");
                inner.rust = at.rust_of(&p.rust);
                inner.doc = at.inner_doc(&p.doc);
                let start = out.len();
                if *numbered {
                    if let Some(last) = inner.rust.last_mut() {
                        last.push_str("[{n}]");
                    }
                    inner.suffix = "_{n}".into();
                    inner.always = false;
                    let rs = group_rules(model, g, &inner, out);
                    let members = out[start..].iter().map(|w| w.name.clone()).collect();
                    rules.push(Rule::Numbered {
                        members,
                        rules: rs.flatten(),
                    });
                    continue;
                }
                inner.always = at.always && p.required;
                let rs = group_rules(model, g, &inner, out);
                let members = out[start..].iter().map(|w| w.name.clone()).collect();
                rules.push(match rs {
                    GroupRules::Plain(rules_) => Rule::Group {
                        members,
                        required: p.required,
                        rules: rules_,
                    },
                    GroupRules::OneOf(alts) => Rule::OneOf {
                        required: p.required,
                        alts,
                    },
                });
            }
            ParamKind::Switch(sw) => {
                let names = sw.cases.iter().map(|c| c.value.clone()).collect();
                out.push(key_of(at, p, &wire, WireTy::Switch(names)));
                let enum_id = ident(&sw.rust).to_string();
                let cases = sw
                    .cases
                    .iter()
                    .map(|c| {
                        let mut inner = at.clone();
                        inner.always = false;
                        inner.depth = at.depth + 1;
                        inner.rust = at.rust_of(&p.rust);
                        inner.holder = Holder::Variant(format!("{enum_id}::{}", ident(&c.rust)));
                        (c.value.clone(), walk(model, &c.params, &inner, out))
                    })
                    .collect();
                rules.push(Rule::Switch {
                    param: wire,
                    required: p.required,
                    cases,
                });
            }
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

fn group_rules(model: &Model, g: &ir::Group, at: &At, out: &mut Vec<WireParam>) -> GroupRules {
    let gid = ident(&g.rust).to_string();
    let params = match &g.body {
        GroupBody::Params { params, .. } => params,
        GroupBody::OneOf(alts) => {
            let alts = alts
                .iter()
                .map(|alt| {
                    let variant = format!("{gid}::{}", ident(&alt.rust));
                    let mut inner = at.clone();
                    inner.always = false;
                    inner.depth = at.depth + 1;
                    let start = out.len();
                    let rules = match &alt.body {
                        // One key: a tuple variant; more: a struct named after the group and
                        // the alternative.
                        AltBody::Param(p) => {
                            inner.holder = Holder::Tuple(variant);
                            walk(model, std::slice::from_ref(&**p), &inner, out)
                        }
                        AltBody::Struct(s) => {
                            inner.rust.push(variant);
                            inner.holder = Holder::Struct(ident(&s.rust).to_string());
                            match &s.body {
                                GroupBody::Params { params, .. } => {
                                    walk(model, params, &inner, out)
                                }
                                GroupBody::OneOf(_) => Vec::new(),
                            }
                        }
                        AltBody::Group(n) => {
                            inner.rust.push(variant);
                            match model.groups.get(n) {
                                Some(ig) => group_rules(model, ig, &inner, out).flatten(),
                                None => Vec::new(),
                            }
                        }
                    };
                    let members = out[start..].iter().map(|w| w.name.clone()).collect();
                    Alt {
                        name: alt.name.clone(),
                        members,
                        rules,
                    }
                })
                .collect();
            return GroupRules::OneOf(alts);
        }
    };
    let mut inner = at.clone();
    inner.depth = at.depth + 1;
    inner.holder = Holder::Struct(gid);
    GroupRules::Plain(walk(model, params, &inner, out))
}
