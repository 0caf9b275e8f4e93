//! The parameters of an action on the command line, all derived from
//! [`dondominio::meta::ActionInfo`]: flags (`--owner-contact-id`), their help, and the checks
//! the CLI adds before the client's own (unknown keys, enum spelling).

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, ArgMatches};
use dondominio::meta::{ActionInfo, WireParam, WireType};
use heck::ToKebabCase;

use crate::out::Failure;

/// The id of a parameter's clap argument: its wire key, marked so it cannot meet an option's id.
fn arg_id(p: &WireParam) -> String {
    format!("param:{}", p.name)
}

/// Whether the key is numbered (`alt_name_{n}`).
fn numbered(p: &WireParam) -> bool {
    p.name.contains("{n}")
}

/// The long flag of a parameter: the kebab-case of its wire key without the number
/// (`ownerContactID` -> `owner-contact-id`, `alt_name_{n}` -> `alt-name`); `param-` in front
/// when that would meet a call option or another parameter.
fn flags(info: &ActionInfo) -> Vec<(&'static WireParam, String)> {
    let mut taken: Vec<String> = crate::options::reserved().to_vec();
    let mut out = Vec::new();
    for p in info.params {
        let base = p.name.replace("{n}", "").to_kebab_case();
        let mut flag = base.clone();
        let mut i = 1;
        while taken.contains(&flag) {
            flag = if i == 1 {
                format!("param-{base}")
            } else {
                format!("param-{base}-{i}")
            };
            i += 1;
        }
        taken.push(flag.clone());
        out.push((p, flag));
    }
    out
}

/// A short name of a wire type, for `<VALUE>` in help.
fn value_name(ty: &WireType) -> String {
    match ty {
        WireType::String => "TEXT".into(),
        WireType::Integer => "INT".into(),
        WireType::Float => "NUMBER".into(),
        WireType::Boolean => "BOOL".into(),
        WireType::Date => "YYYY-MM-DD".into(),
        WireType::DateTime => "YYYY-MM-DD HH:MM:SS".into(),
        WireType::Json => "JSON".into(),
        WireType::Base64Json => "BASE64-JSON".into(),
        WireType::Enum(_) => "VALUE".into(),
        WireType::Csv(inner) => format!("{},...", value_name(inner)),
    }
}

/// The type in words, for the long help.
fn type_words(ty: &WireType) -> String {
    match ty {
        WireType::String => "text".into(),
        WireType::Integer => "whole number".into(),
        WireType::Float => "number".into(),
        WireType::Boolean => "boolean (true, false, 1 or 0)".into(),
        WireType::Date => "date (YYYY-MM-DD)".into(),
        WireType::DateTime => "date and time (YYYY-MM-DD HH:MM:SS)".into(),
        WireType::Json => "JSON text".into(),
        WireType::Base64Json => "base64 of JSON text".into(),
        WireType::Enum(values) => format!("one of {} (any case)", values.join(", ")),
        WireType::Csv(inner) => format!("comma-separated list of {}", type_words(inner)),
    }
}

/// The clap arguments of an action's parameters.
pub fn args(info: &ActionInfo) -> Vec<Arg> {
    flags(info)
        .into_iter()
        .map(|(p, flag)| {
            let mut short = String::new();
            if p.required {
                short.push_str("[required] ");
            }
            short.push_str(p.doc);
            let mut long = short.clone();
            long.push_str(&format!(
                "\n\nWire key `{}`; {}.",
                p.name,
                type_words(&p.ty)
            ));
            if numbered(p) {
                long.push_str(&format!(
                    " Repeat the flag for each item: the first value is sent as `{}`, the \
                     second as `{}`, and so on.",
                    p.name.replace("{n}", "1"),
                    p.name.replace("{n}", "2")
                ));
            }
            if !p.rust.is_empty() {
                long.push_str(&format!(" Rust: {}.", p.rust_path(None)));
            }
            // clap reads `{n}` in help as a line break: show numbered keys as `<n>`.
            let long = long.replace("{n}", "<n>");
            let mut arg = Arg::new(arg_id(p))
                .long(flag)
                .value_name(value_name(&p.ty))
                .help(short.replace("{n}", "<n>"))
                .long_help(long)
                .required(p.required)
                .action(if numbered(p) {
                    ArgAction::Append
                } else {
                    ArgAction::Set
                });
            if let WireType::Enum(values) = p.ty {
                arg = arg
                    .value_parser(PossibleValuesParser::new(values.iter().copied()))
                    .ignore_case(true);
            }
            arg
        })
        .collect()
}

/// The form pairs given by the parameter flags, in the action's parameter order.
pub fn pairs_from_matches(info: &ActionInfo, m: &ArgMatches) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for p in info.params {
        let Ok(Some(mut values)) = m.try_get_many::<String>(&arg_id(p)) else {
            continue;
        };
        if numbered(p) {
            for (i, v) in values.enumerate() {
                pairs.push((p.name.replace("{n}", &(i + 1).to_string()), v.clone()));
            }
        } else if let Some(v) = values.next_back() {
            pairs.push((p.name.to_owned(), v.clone()));
        }
    }
    pairs
}

/// `key=value` words of the `call` form as form pairs.
pub fn pairs_from_words(words: &[String]) -> Result<Vec<(String, String)>, Failure> {
    words
        .iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
            _ => Err(Failure::usage(format!("parameter `{w}` is not key=value"))),
        })
        .collect()
}

/// The known key closest to `key`, if one is close enough to be a likely typo.
fn suggestion(info: &ActionInfo, key: &str) -> Option<String> {
    let lower = key.to_lowercase();
    info.params
        .iter()
        .map(|p| p.name.replace("{n}", "1"))
        .map(|name| {
            let score = strsim::normalized_damerau_levenshtein(&lower, &name.to_lowercase());
            (score, name)
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// The spec's spelling of an enum value given in any case.
fn canonical(values: &[&'static str], v: &str) -> Option<&'static str> {
    values
        .iter()
        .find(|x| **x == v)
        .or_else(|| values.iter().find(|x| x.eq_ignore_ascii_case(v)))
        .copied()
}

/// `v` in the spelling the spec uses, or why it cannot be sent.
fn normalize_value(ty: &WireType, v: &str) -> Result<String, String> {
    match ty {
        WireType::Enum(values) => canonical(values, v).map(str::to_owned).ok_or_else(|| {
            format!(
                "`{v}` is not a valid value; valid values: {}",
                values.join(", ")
            )
        }),
        WireType::Csv(inner @ WireType::Enum(_)) => v
            .split(',')
            .map(|item| normalize_value(inner, item.trim()))
            .collect::<Result<Vec<_>, _>>()
            .map(|items| items.join(",")),
        _ => Ok(v.to_owned()),
    }
}

/// Refuses unknown keys (with a "did you mean") and the credentials, and puts enum values in
/// the spec's spelling.
pub fn normalize(
    info: &ActionInfo,
    pairs: Vec<(String, String)>,
) -> Result<Vec<(String, String)>, Failure> {
    let mut out = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        if k == "apiuser" || k == "apipasswd" {
            return Err(Failure::usage(format!(
                "`{k}` is not a parameter: the credentials come from {} and {}",
                dondominio::ENV_USER,
                dondominio::ENV_PASSWORD
            )));
        }
        let Some(p) = info.param(&k) else {
            let hint = match suggestion(info, &k) {
                Some(s) => format!("; did you mean `{s}`?"),
                None => String::new(),
            };
            return Err(Failure::usage(format!(
                "unknown parameter `{k}` for {}{hint} (`dondominio {} {} --help` lists them)",
                info.path, info.module, info.name
            )));
        };
        let v = normalize_value(&p.ty, &v)
            .map_err(|reason| Failure::usage(format!("{k}: {reason}")))?;
        out.push((k, v));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dondominio::Action;

    #[test]
    fn every_action_gets_distinct_flags() {
        for a in Action::all() {
            let f = flags(a.info());
            let mut names: Vec<&str> = f.iter().map(|(_, f)| f.as_str()).collect();
            names.sort_unstable();
            let n = names.len();
            names.dedup();
            assert_eq!(n, names.len(), "{a}");
            let reserved = crate::options::reserved();
            assert!(
                names.iter().all(|f| !reserved.iter().any(|r| r == f)),
                "{a}"
            );
        }
    }

    #[test]
    fn enum_values_take_the_spec_spelling() {
        let values: &[&'static str] = &["individual", "organization"];
        let ty = WireType::Enum(values);
        assert_eq!(
            normalize_value(&ty, "Individual").as_deref(),
            Ok("individual")
        );
        let e = normalize_value(&ty, "person").unwrap_err();
        assert!(e.contains("individual, organization"), "{e}");
        let csv = WireType::Csv(&WireType::Enum(&["a", "b"]));
        assert_eq!(normalize_value(&csv, "A, b").as_deref(), Ok("a,b"));
    }
}
