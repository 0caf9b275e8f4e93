//! Rust names for spec names: UpperCamelCase types and variants, snake_case fields.

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

/// The snake_case Rust name of a wire name (`domainID` -> `domain_id`), before keyword escaping.
pub fn snake(wire: &str) -> String {
    let s = wire.replace(['-', '.', ' '], "_").to_snake_case();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{s}")
    } else {
        s
    }
}

/// The UpperCamelCase Rust name of a spec name (`register-init` -> `RegisterInit`).
pub fn camel(name: &str) -> String {
    name.replace(['-', '.', ' ', '/'], "_")
        .to_upper_camel_case()
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

/// An identifier, raw when it is a keyword (`type` -> `r#type`).
pub fn ident(s: &str) -> Ident {
    if is_keyword(s) && !NOT_RAW.contains(&s) {
        Ident::new_raw(s, Span::call_site())
    } else {
        Ident::new(s, Span::call_site())
    }
}

/// The field identifier of a wire name.
pub fn field_ident(wire: &str) -> Ident {
    ident(&snake(wire))
}

/// The type identifier of a spec name.
pub fn type_ident(name: &str) -> Ident {
    Ident::new(&camel(name), Span::call_site())
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
}
