//! The wire view of an action's parameters: every form key it accepts, and the rules that say
//! which keys must be present. Shared by `ddspec dump`, the emitted metadata (used by the client
//! before sending and by the mock when receiving) and the differ.

use crate::load::Spec;
use crate::model::{Named, Param};
use crate::ty::Ty;

/// One form key an action accepts. Numbered keys contain `{n}`.
#[derive(Debug, Clone, PartialEq)]
pub struct WireParam {
    /// The form key (numbered keys contain `{n}`).
    pub name: String,
    /// The check its value must pass.
    pub ty: WireTy,
    /// Required in every request (not only under a condition or in one alternative).
    pub required: bool,
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
    /// validator reports them.
    pub fn of(spec: &Spec, params: &Named<Param>) -> Wire {
        let mut w = Wire::default();
        let rules = walk(spec, params, "", "", true, &mut w.params, 0);
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

/// Walks a parameter map under `prefix`/`suffix`, pushing its keys and returning its rules.
/// `always` is false below an optional container: its keys are then never required outright.
fn walk(
    spec: &Spec,
    params: &Named<Param>,
    prefix: &str,
    suffix: &str,
    always: bool,
    out: &mut Vec<WireParam>,
    depth: usize,
) -> Vec<Rule> {
    let mut rules = Vec::new();
    if depth > 8 {
        return rules; // a group cycle; the validator reports it
    }
    for (key, p) in params.iter() {
        let wire = format!("{prefix}{key}{suffix}");
        if let Some(ty) = &p.ty {
            let ty = Ty::parse(ty)
                .map(|t| wire_ty(spec, &t))
                .unwrap_or(WireTy::String);
            out.push(WireParam {
                name: wire.clone(),
                ty,
                required: always && p.required,
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
            let gprefix = format!("{prefix}{}", p.prefix.as_deref().unwrap_or(key));
            let Some(g) = spec.groups.get(group) else {
                continue;
            };
            if p.numbered {
                let start = out.len();
                let inner = group_rules(spec, &g.def, &gprefix, "_{n}", false, out, depth);
                let members = out[start..].iter().map(|w| w.name.clone()).collect();
                rules.push(Rule::Numbered {
                    members,
                    rules: inner.flatten(),
                });
            } else {
                let start = out.len();
                let inner = group_rules(
                    spec,
                    &g.def,
                    &gprefix,
                    suffix,
                    always && p.required,
                    out,
                    depth,
                );
                let members = out[start..].iter().map(|w| w.name.clone()).collect();
                match inner {
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
                required: always && p.required,
            });
            let cases = variants
                .iter()
                .map(|(v, def)| {
                    (
                        v.clone(),
                        walk(spec, &def.params, prefix, suffix, false, out, depth + 1),
                    )
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
    g: &crate::model::GroupDef,
    prefix: &str,
    suffix: &str,
    always: bool,
    out: &mut Vec<WireParam>,
    depth: usize,
) -> GroupRules {
    if let Some(alts) = &g.one_of {
        let alts = alts
            .iter()
            .map(|(name, v)| {
                let start = out.len();
                let rules = if let Some(params) = &v.params {
                    walk(spec, params, prefix, suffix, false, out, depth + 1)
                } else if let Some(inner) = v.group.as_ref().and_then(|n| spec.groups.get(n)) {
                    group_rules(spec, &inner.def, prefix, suffix, false, out, depth + 1).flatten()
                } else {
                    Vec::new()
                };
                let members = out[start..].iter().map(|w| w.name.clone()).collect();
                Alt {
                    name: name.clone(),
                    members,
                    rules,
                }
            })
            .collect();
        GroupRules::OneOf(alts)
    } else {
        let params = g.params.clone().unwrap_or_default();
        GroupRules::Plain(walk(spec, &params, prefix, suffix, always, out, depth + 1))
    }
}
