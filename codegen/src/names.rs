//! Rust names for spec names: UpperCamelCase types and variants, snake_case fields.
//!
//! Every conversion escapes the same way, so the validator and the emitter agree on the name:
//! a leading digit gets a letter in front (`2fa` -> `n2fa` / `N2fa`), a keyword that cannot be
//! a raw identifier gets `_` after it (`self` -> `self_`), any other keyword is raw (`r#type`).
//! The identifier builders never panic: a name the validator refuses is still turned into some
//! identifier, so a bug elsewhere shows up as an error in the generated code, not a crash.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Words that are keywords in Rust 2021 (strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Whether `s` is a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The snake_case Rust name of a wire name (`domainID` -> `domain_id`), before raw escaping.
pub fn snake(wire: &str) -> String {
    let s = wire.replace(['-', '.', ' '], "_").to_snake_case();
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{s}")
    } else {
        s
    };
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else {
        s
    }
}

/// The UpperCamelCase Rust name of a spec name (`register-init` -> `RegisterInit`, `301` ->
/// `N301`, `self` -> `Self_`).
pub fn camel(name: &str) -> String {
    let s = name
        .replace(['-', '.', ' ', '/'], "_")
        .to_upper_camel_case();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{s}")
    } else if s == "Self" {
        "Self_".to_owned()
    } else {
        s
    }
}

/// The Rust name of a field or parameter: its `rust:` name, or the wire name in snake_case.
pub fn member_name(wire: &str, rust: Option<&str>) -> String {
    rust.map_or_else(|| snake(wire), str::to_owned)
}

/// Whether the snake_case name of `wire` is a keyword, so that it would need `r#` without a
/// `rust:` name.
pub fn needs_raw(wire: &str) -> bool {
    is_keyword(&snake(wire))
}

/// Whether `s` is a snake_case identifier that is not a keyword: lower-case ASCII letters,
/// digits and `_`, starting with a letter.
pub fn valid_member_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !is_keyword(s)
}

/// The Rust variant name of an enum value: its `rust:` name, or the value in UpperCamelCase.
pub fn variant_name(value: &str, rust: Option<&str>) -> String {
    rust.map_or_else(|| camel(value), str::to_owned)
}

/// Whether `s` can be used as a Rust identifier (possibly raw).
pub fn valid_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !NOT_RAW.contains(&s)
}

/// Whether `s` is usable as the name of a Rust type: an identifier, not a keyword.
pub fn valid_type_name(s: &str) -> bool {
    valid_ident(s) && !is_keyword(s)
}

/// `s` with every character an identifier cannot hold replaced, for names the validator
/// refuses (so that building an identifier never panics).
fn sanitize(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "x_");
    }
    if NOT_RAW.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// An identifier, raw when it is a keyword (`type` -> `r#type`).
pub fn ident(s: &str) -> Ident {
    if !valid_ident(s) {
        return Ident::new(&sanitize(s), Span::call_site());
    }
    if is_keyword(s) {
        Ident::new_raw(s, Span::call_site())
    } else {
        Ident::new(s, Span::call_site())
    }
}

/// The text of an identifier without its `r#`.
pub fn unraw(id: &Ident) -> String {
    let s = id.to_string();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}

/// The field identifier of a wire name.
pub fn field_ident(wire: &str) -> Ident {
    ident(&snake(wire))
}

/// The type identifier of a spec name.
pub fn type_ident(name: &str) -> Ident {
    ident(&camel(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_names() {
        assert_eq!(snake("domainID"), "domain_id");
        assert_eq!(snake("tsExpir"), "ts_expir");
        assert_eq!(snake("ownerContact"), "owner_contact");
        assert_eq!(snake("alt_name"), "alt_name");
        assert_eq!(camel("register-init"), "RegisterInit");
        assert_eq!(camel("AAAA"), "Aaaa");
        assert_eq!(field_ident("type").to_string(), "r#type");
    }

    #[test]
    fn escapes_digits_and_keywords_that_cannot_be_raw() {
        assert_eq!(snake("2fa"), "n2fa");
        assert_eq!(camel("301"), "N301");
        assert_eq!(camel("1.0"), "N10");
        assert_eq!(camel("self"), "Self_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(field_ident("Self").to_string(), "self_");
        assert_eq!(field_ident("crate").to_string(), "crate_");
    }

    #[test]
    fn never_panics_on_names_the_validator_refuses() {
        for bad in ["", "-", " ", "a b", "ü", "Self", "_", "1", "a-b", "é-1"] {
            let _ = type_ident(bad);
            let _ = field_ident(bad);
            let _ = ident(bad);
        }
        assert_eq!(ident("").to_string(), "x_");
        assert_eq!(type_ident("Self").to_string(), "Self_");
        assert_eq!(ident("Self").to_string(), "Self_");
    }
}
