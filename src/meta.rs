//! The static description of every action, generated from the spec: which form keys it takes,
//! which must be present, and the examples of its response.
//!
//! The client checks a request against it before sending; the sandbox checks what it receives
//! against the same description, so both refuse the same requests.

use std::collections::HashMap;

/// Whether an action only reads, changes state, or costs money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Only reads; the client may retry it after a transport failure.
    Read,
    /// Changes state; never retried automatically.
    Write,
    /// Costs money; never retried automatically.
    Billable,
}

impl Kind {
    /// `read`, `write` or `billable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Read => "read",
            Kind::Write => "write",
            Kind::Billable => "billable",
        }
    }
}

/// The static description of one action.
#[derive(Debug)]
pub struct ActionInfo {
    /// The action as an enum value.
    pub action: crate::Action,
    /// Module name, such as `domain`.
    pub module: &'static str,
    /// Action name inside the module, such as `create`.
    pub name: &'static str,
    /// `module/action`.
    pub path: &'static str,
    /// Read, write or billable.
    pub kind: Kind,
    /// What the action does.
    pub doc: &'static str,
    /// Every form key the action accepts.
    pub params: &'static [WireParam],
    /// Which keys must be present.
    pub rules: &'static [Rule],
    /// The parameter that chooses the shape of the response, if any.
    pub selector: Option<Selector>,
    /// The response variants (values of the selector), empty when the response has one shape.
    pub variants: &'static [&'static str],
    /// Whether the action is a paged listing.
    pub paged: bool,
    /// For a paged listing, the `responseData` key of the list its pages fill (`domains`).
    pub paged_items: Option<&'static str>,
    /// The documented response examples, as full envelopes.
    pub examples: &'static [Example],
}

/// The parameter that chooses a response variant.
#[derive(Debug, Clone, Copy)]
pub struct Selector {
    /// Wire name, such as `infoType`.
    pub param: &'static str,
    /// The variant used when the parameter is not sent.
    pub default: Option<&'static str>,
}

/// A response example.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// The response variant it shows, for variant responses.
    pub variant: Option<&'static str>,
    /// The full envelope, as JSON.
    pub json: &'static str,
}

/// One form key an action accepts.
#[derive(Debug, Clone, Copy)]
pub struct WireParam {
    /// The key; numbered keys contain `{n}` (`alt_name_{n}`).
    pub name: &'static str,
    /// What its value must look like.
    pub ty: WireType,
    /// Whether every request must carry it.
    pub required: bool,
    /// What it means (for group members, after the docs of the groups it is sent in).
    pub doc: &'static str,
    /// Where it lives in the Rust API, outermost first: the method argument or setter, then the
    /// enum variants and struct fields on the way, such as `["owner_contact", "Contact::Data",
    /// "ContactData::first_name"]`. Numbered keys show their list as `alt_names[{n}]`.
    pub rust: &'static [&'static str],
    /// The value the API assumes when the key is not sent (`"100"` for the `pageLength` of
    /// `account/zones`), as the spec gives it.
    pub default: Option<&'static str>,
}

impl WireParam {
    /// The Rust path as text: `` `owner_contact` → `Contact::Data` → `ContactData::first_name` ``,
    /// with `{n}` replaced by the list index of number `n` (`alt_name_2` is `alt_names[1]`).
    pub fn rust_path(&self, n: Option<usize>) -> String {
        self.rust
            .iter()
            .map(|seg| match n {
                Some(n) => format!("`{}`", seg.replace("{n}", &n.saturating_sub(1).to_string())),
                None => format!("`{seg}`"),
            })
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

/// What a form value must look like.
#[derive(Debug, Clone, Copy)]
pub enum WireType {
    /// Any text.
    String,
    /// A whole number.
    Integer,
    /// A number.
    Float,
    /// `true`, `false`, `1` or `0`.
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD HH:MM:SS`.
    DateTime,
    /// JSON text.
    Json,
    /// Base64 of JSON text.
    Base64Json,
    /// One of these values.
    Enum(&'static [&'static str]),
    /// A comma-separated list of values of this type.
    Csv(&'static WireType),
}

/// A presence rule.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// The key must be present.
    Required(&'static str),
    /// The key must be present when all the `when` keys have these values.
    RequiredIf {
        /// The key.
        name: &'static str,
        /// `(key, value)` conditions.
        when: &'static [(&'static str, &'static str)],
    },
    /// A group of keys: its rules apply when it is required or any member is present.
    Group {
        /// Every key of the group.
        members: &'static [&'static str],
        /// Whether the group must be given.
        required: bool,
        /// Its rules.
        rules: &'static [Rule],
    },
    /// Alternatives: the first whose members appear is checked.
    OneOf {
        /// Whether one alternative must be given.
        required: bool,
        /// The alternatives.
        alts: &'static [Alt],
    },
    /// A discriminator key whose value picks the rules to apply.
    Switch {
        /// The key, such as `updateType`.
        param: &'static str,
        /// Whether it must be present.
        required: bool,
        /// The accepted values and their rules.
        cases: &'static [Case],
    },
    /// Numbered keys (`{n}` = 1, 2, ...): the rules apply to each number in use.
    Numbered {
        /// The keys, with `{n}`.
        members: &'static [&'static str],
        /// Their rules, with `{n}`.
        rules: &'static [Rule],
    },
}

/// One alternative of [`Rule::OneOf`].
#[derive(Debug, Clone, Copy)]
pub struct Alt {
    /// Its name in the spec.
    pub name: &'static str,
    /// Its keys.
    pub members: &'static [&'static str],
    /// Its rules.
    pub rules: &'static [Rule],
}

/// One value of [`Rule::Switch`].
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// The discriminator value.
    pub value: &'static str,
    /// The rules that apply with it.
    pub rules: &'static [Rule],
}

/// Why a request does not satisfy its action's description.
///
/// Its `Display` names the wire key and, when the key is known, where it lives in the Rust API:
/// ``missing required parameter `ownerContactFirstName` (Rust: `owner_contact` → `Contact::Data`
/// → `ContactData::first_name`)``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A required key is absent (the API answers code 101).
    Missing {
        /// The key, or the alternatives joined by ` or `.
        param: String,
        /// Where the key lives in the Rust API (see [`WireParam::rust_path`]); empty when the
        /// key is not in the description.
        rust: String,
    },
    /// A value does not have the expected form (the API answers code 105).
    Invalid {
        /// The key.
        param: String,
        /// What was expected.
        reason: String,
        /// Where the key lives in the Rust API; empty when unknown.
        rust: String,
    },
}

impl Violation {
    /// The wire key at fault.
    pub fn param(&self) -> &str {
        match self {
            Violation::Missing { param, .. } | Violation::Invalid { param, .. } => param,
        }
    }

    /// What is wrong, with the Rust path when known, without the key.
    pub fn reason(&self) -> String {
        let (reason, rust) = match self {
            Violation::Missing { rust, .. } => ("missing required parameter", rust),
            Violation::Invalid { reason, rust, .. } => (reason.as_str(), rust),
        };
        if rust.is_empty() {
            reason.to_owned()
        } else {
            format!("{reason} (Rust: {rust})")
        }
    }

    /// The client's error for this violation of `action`'s description.
    pub fn into_error(self, action: &str) -> crate::Error {
        crate::Error::Invalid {
            action: action.to_owned(),
            param: self.param().to_owned(),
            reason: self.reason(),
        }
    }

    fn with_rust(mut self, info: &ActionInfo) -> Self {
        let (Violation::Missing { param, rust } | Violation::Invalid { param, rust, .. }) =
            &mut self;
        if rust.is_empty() {
            *rust = info.rust_path_of(param);
        }
        self
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rust = |rust: &str| {
            if rust.is_empty() {
                String::new()
            } else {
                format!(" (Rust: {rust})")
            }
        };
        match self {
            Violation::Missing { param, rust: r } => {
                write!(f, "missing required parameter `{param}`{}", rust(r))
            }
            Violation::Invalid {
                param,
                reason,
                rust: r,
            } => {
                write!(f, "invalid value for `{param}`{}: {reason}", rust(r))
            }
        }
    }
}

impl ActionInfo {
    /// The description of a form key, numbered keys matched by their pattern.
    pub fn param(&self, key: &str) -> Option<&'static WireParam> {
        self.params.iter().find(|p| {
            p.name == key
                || p.name.split_once("{n}").is_some_and(|(head, tail)| {
                    key.len() > head.len() + tail.len()
                        && key.starts_with(head)
                        && key.ends_with(tail)
                        && key[head.len()..key.len() - tail.len()]
                            .bytes()
                            .all(|b| b.is_ascii_digit())
                })
        })
    }

    /// The Rust path of a form key (numbered keys with their index), or of the part that
    /// alternatives joined by ` or ` share; empty when unknown.
    pub fn rust_path_of(&self, key: &str) -> String {
        let paths: Vec<(&'static WireParam, Option<usize>)> = key
            .split(" or ")
            .filter_map(|k| self.param(k).map(|p| (p, number_in(p.name, k))))
            .collect();
        match paths.as_slice() {
            [] => String::new(),
            [(p, n)] => p.rust_path(*n),
            [(first, n), rest @ ..] => {
                // The segments every alternative shares: the field holding the choice.
                let mut len = first.rust.len();
                for (p, _) in rest {
                    len = len.min(
                        first
                            .rust
                            .iter()
                            .zip(p.rust)
                            .take_while(|(a, b)| a == b)
                            .count(),
                    );
                }
                let shared = WireParam {
                    rust: first.rust.get(..len).unwrap_or_default(),
                    ..**first
                };
                shared.rust_path(*n)
            }
        }
    }

    /// Checks form pairs: value forms first, then presence. Unknown keys are let through, as
    /// the API ignores them.
    pub fn check(&self, pairs: &[(String, String)]) -> Result<(), Violation> {
        self.check_pairs(pairs).map_err(|v| v.with_rust(self))
    }

    fn check_pairs(&self, pairs: &[(String, String)]) -> Result<(), Violation> {
        // Each key's value that counts (crate::rules::form): the last non-empty one.
        let form: HashMap<&str, &str> = pairs
            .iter()
            .filter_map(|(k, _)| Some((k.as_str(), dondominio_rules::form::last_value(pairs, k)?)))
            .collect();
        for (k, v) in pairs {
            if let Some(p) = self.param(k) {
                check_value(&p.ty, v).map_err(|reason| Violation::Invalid {
                    param: k.clone(),
                    reason,
                    rust: String::new(),
                })?;
            }
        }
        check_rules(self.rules, &form, None)
    }

    /// The example for a response variant (or the first example).
    pub fn example(&self, variant: Option<&str>) -> Option<&'static Example> {
        variant
            .and_then(|v| self.examples.iter().find(|e| e.variant == Some(v)))
            .or_else(|| self.examples.first())
    }
}

fn check_value(ty: &WireType, v: &str) -> Result<(), String> {
    let ok = match ty {
        WireType::String | WireType::Json => true,
        WireType::Integer => v.trim().parse::<i64>().is_ok(),
        WireType::Float => v.trim().parse::<f64>().is_ok(),
        WireType::Boolean => matches!(v, "true" | "false" | "1" | "0"),
        // One grammar for both (crate::rules::date): a date, or a date and time.
        WireType::Date | WireType::DateTime => dondominio_rules::date::date_time(v).is_some(),
        WireType::Base64Json => {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD
                .decode(v)
                .ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .is_some()
        }
        WireType::Enum(values) => values.contains(&v),
        WireType::Csv(inner) => {
            return v
                .split(',')
                .try_for_each(|item| check_value(inner, item.trim()));
        }
    };
    if ok {
        Ok(())
    } else {
        Err(match ty {
            WireType::Enum(values) => format!("`{v}` is not one of {}", values.join(", ")),
            other => format!("`{v}` is not a valid {}", type_name(other)),
        })
    }
}

fn type_name(ty: &WireType) -> &'static str {
    match ty {
        WireType::String => "string",
        WireType::Integer => "integer",
        WireType::Float => "number",
        WireType::Boolean => "boolean (true/false/1/0)",
        WireType::Date => "date (YYYY-MM-DD)",
        WireType::DateTime => "date and time (YYYY-MM-DD HH:MM:SS)",
        WireType::Json => "JSON value",
        WireType::Base64Json => "base64-encoded JSON",
        WireType::Enum(_) => "value",
        WireType::Csv(_) => "list",
    }
}

/// The number `n` of `key` when `pattern` is a numbered key (`alt_name_{n}`, `alt_name_2`).
fn number_in(pattern: &str, key: &str) -> Option<usize> {
    let (head, tail) = pattern.split_once("{n}")?;
    key.strip_prefix(head)?.strip_suffix(tail)?.parse().ok()
}

fn key(name: &str, n: Option<usize>) -> String {
    match n {
        Some(n) => name.replace("{n}", &n.to_string()),
        None => name.to_owned(),
    }
}

fn present(form: &HashMap<&str, &str>, name: &str, n: Option<usize>) -> bool {
    form.get(key(name, n).as_str())
        .is_some_and(|v| !v.is_empty())
}

fn check_rules(
    rules: &[Rule],
    form: &HashMap<&str, &str>,
    n: Option<usize>,
) -> Result<(), Violation> {
    for rule in rules {
        match rule {
            Rule::Required(name) => {
                if !present(form, name, n) {
                    return Err(Violation::Missing {
                        param: key(name, n),
                        rust: String::new(),
                    });
                }
            }
            Rule::RequiredIf { name, when } => {
                let applies = when.iter().all(|(k, v)| {
                    form.get(key(k, n).as_str())
                        .is_some_and(|got| got.eq_ignore_ascii_case(v))
                });
                if applies && !present(form, name, n) {
                    return Err(Violation::Missing {
                        param: key(name, n),
                        rust: String::new(),
                    });
                }
            }
            Rule::Group {
                members,
                required,
                rules,
            } => {
                if *required || members.iter().any(|m| present(form, m, n)) {
                    check_rules(rules, form, n)?;
                }
            }
            Rule::OneOf { required, alts } => {
                match alts
                    .iter()
                    .find(|a| a.members.iter().any(|m| present(form, m, n)))
                {
                    Some(alt) => check_rules(alt.rules, form, n)?,
                    None if *required => {
                        let names: Vec<String> = alts
                            .iter()
                            .filter_map(|a| a.members.first().map(|m| key(m, n)))
                            .collect();
                        return Err(Violation::Missing {
                            param: names.join(" or "),
                            rust: String::new(),
                        });
                    }
                    None => {}
                }
            }
            Rule::Switch {
                param,
                required,
                cases,
            } => match form.get(key(param, n).as_str()) {
                Some(v) if !v.is_empty() => match cases.iter().find(|c| c.value == *v) {
                    Some(case) => check_rules(case.rules, form, n)?,
                    None => {
                        let values: Vec<&str> = cases.iter().map(|c| c.value).collect();
                        return Err(Violation::Invalid {
                            param: key(param, n),
                            reason: format!("`{v}` is not one of {}", values.join(", ")),
                            rust: String::new(),
                        });
                    }
                },
                _ if *required => {
                    return Err(Violation::Missing {
                        param: key(param, n),
                        rust: String::new(),
                    })
                }
                _ => {}
            },
            Rule::Numbered { members, rules } => {
                let mut i = 1;
                while members.iter().any(|m| present(form, m, Some(i))) {
                    check_rules(rules, form, Some(i))?;
                    i += 1;
                }
            }
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "domain"))]
mod tests {
    use crate::Action;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_missing_group_member_names_the_wire_key_and_the_rust_path() {
        let info = Action::DomainCreate.info();
        let v = info
            .check(&pairs(&[
                ("domain", "example.com"),
                ("ownerContactType", "individual"),
            ]))
            .unwrap_err();
        assert_eq!(
            v.to_string(),
            "missing required parameter `ownerContactFirstName` (Rust: `owner_contact` → \
             `Contact::Data` → `ContactData::first_name`)"
        );
        let e = v.into_error(info.path).to_string();
        assert!(e.contains("`ownerContactFirstName`"), "{e}");
        assert!(e.contains("`ContactData::first_name`"), "{e}");
    }

    #[test]
    fn missing_alternatives_name_the_field_that_holds_the_choice() {
        let info = Action::DomainCreate.info();
        let v = info
            .check(&pairs(&[("domain", "example.com")]))
            .unwrap_err();
        let text = v.to_string();
        assert!(
            text.contains("ownerContactID or ownerContactType"),
            "{text}"
        );
        assert!(text.ends_with("(Rust: `owner_contact`)"), "{text}");
    }
}
