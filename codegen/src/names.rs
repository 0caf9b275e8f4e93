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

/// The words of an ASCII name, split the way `heck` 0.5 splits them (so the names stay what
/// `heck` gave): at every character that is not a letter or digit, between a lowercase letter
/// (or the digits after it) and an uppercase one, and before the last capital of a run followed
/// by a lowercase letter (`HTTPServer` -> `HTTP`, `Server`). `heck` itself is slow in the build
/// script's debug build, where the emitter converts thousands of names.
/// (Plain index loops: iterator adapters are what make `heck` slow unoptimized.)
fn ascii_words(s: &str, mut word: impl FnMut(&str)) {
    const BOUNDARY: u8 = 0;
    const LOWER: u8 = 1;
    const UPPER: u8 = 2;
    let b = s.as_bytes();
    let mut start = 0;
    while start <= b.len() {
        let mut end = start;
        while end < b.len() && b[end].is_ascii_alphanumeric() {
            end += 1;
        }
        // One run of letters and digits: b[start..end].
        let mut init = start;
        let mut mode = BOUNDARY;
        let mut i = start;
        while i < end {
            let c = b[i];
            if i + 1 == end {
                word(&s[init..end]);
                break;
            }
            let next = b[i + 1];
            let next_mode = if c.is_ascii_lowercase() {
                LOWER
            } else if c.is_ascii_uppercase() {
                UPPER
            } else {
                mode
            };
            if next_mode == LOWER && next.is_ascii_uppercase() {
                word(&s[init..=i]);
                init = i + 1;
                mode = BOUNDARY;
            } else if mode == UPPER && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&s[init..i]);
                init = i;
                mode = BOUNDARY;
            } else {
                mode = next_mode;
            }
            i += 1;
        }
        start = end + 1;
    }
}

/// `heck`'s snake_case of `s` (after `-`, `.` and ` ` became `_`), fast for ASCII names.
fn to_snake(s: &str) -> String {
    if !s.is_ascii() {
        return s.replace(['-', '.', ' '], "_").to_snake_case();
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut first = true;
    ascii_words(s, |w| {
        if !first {
            out.push('_');
        }
        first = false;
        for &c in w.as_bytes() {
            out.push(c.to_ascii_lowercase() as char);
        }
    });
    out
}

/// `heck`'s UpperCamelCase of `s` (after `-`, `.`, ` ` and `/` became `_`), fast for ASCII
/// names.
fn to_upper_camel(s: &str) -> String {
    if !s.is_ascii() {
        return s.replace(['-', '.', ' ', '/'], "_").to_upper_camel_case();
    }
    let mut out = String::with_capacity(s.len());
    ascii_words(s, |w| {
        let b = w.as_bytes();
        if let Some((first, rest)) = b.split_first() {
            out.push(first.to_ascii_uppercase() as char);
            for &c in rest {
                out.push(c.to_ascii_lowercase() as char);
            }
        }
    });
    out
}

/// The snake_case Rust name of a wire name (`domainID` -> `domain_id`), before raw escaping.
pub fn snake(wire: &str) -> String {
    // Every character other than a letter or digit separates words, so `-`, `.` and ` ` act
    // as `_` in ASCII names.
    let s = to_snake(wire);
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
    let s = to_upper_camel(name);
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

// The generated names. Each name the generated code gives a spec item is made here, and only
// here: the model (`crate::ir`) stores the result, validation (`validate/rust_names.rs`)
// checks the same results for collisions, and the emitters read them from the model.

/// The name of the inline struct of field `key` inside the type named `ctx` (the context's own
/// name, as given to [`camel`]): its `type_name:`, or the context's name then the key.
pub fn inline_struct(ctx: &str, key: &str, type_name: Option<&str>) -> String {
    type_name.map_or_else(|| format!("{ctx}{}", camel(key)), str::to_owned)
}

/// The name of the enum of discriminator `key` inside the type named `ctx`: its `type_name:`,
/// or the context's name then the key (the same rule as [`inline_struct`]).
pub fn discriminator(ctx: &str, key: &str, type_name: Option<&str>) -> String {
    inline_struct(ctx, key, type_name)
}

/// The name of the struct of one_of alternative `variant` of group `group` with several
/// parameters, and the context of the types inside a discriminator's case: `GroupVariant`.
pub fn member_of(outer: &str, variant: &str) -> String {
    format!("{outer}{}", camel(variant))
}

/// The Rust name of the builder of the type with Rust name `rust`.
pub fn builder(rust: &str) -> String {
    format!("{rust}Builder")
}

/// The Rust name of a module's API struct (`domain` -> `DomainApi`).
pub fn module_api(module: &str) -> String {
    camel(&format!("{module}_api"))
}

/// The Rust name of a family's API struct (`dns` -> `DnsApi`).
pub fn family_api(family: &str) -> String {
    camel(&format!("{family}_api"))
}

/// The generated file of a module (`domain.rs`).
pub fn module_file(module: &str) -> String {
    format!("{module}.rs")
}

/// The generated file of a family's submodule (`service.dns.rs`).
pub fn family_file(module: &str, family: &str) -> String {
    format!("{module}.{family}.rs")
}

/// The variant of the crate's `Action` enum for `module/action` (`DomainCreate`).
pub fn action_variant(module: &str, action: &str) -> String {
    camel(&format!("{module}_{action}"))
}

/// The context name of an action's own types (`create` -> `Create`): its discriminators and
/// inline structs are named after it.
pub fn action_base(action: &str) -> String {
    camel(action)
}

/// The parameters struct of an action with base name `base` ([`action_base`]).
pub fn action_params(base: &str) -> String {
    format!("{base}Params")
}

/// The request builder alias of an action with base name `base`.
pub fn action_request(base: &str) -> String {
    format!("{base}Request")
}

/// The response type of an action with base name `base`.
pub fn action_response(base: &str) -> String {
    camel(&format!("{base}Response"))
}

/// The struct of response variant `variant` of an action with base name `base`.
pub fn response_variant(base: &str, variant: &str) -> String {
    camel(&member_of(base, variant))
}

/// The struct of the answer of an action with base name `base` to the request without its
/// selector: the common fields alone (`ListPlain`).
pub fn response_plain(base: &str) -> String {
    camel(&format!("{base}Plain"))
}

/// The variant of the response enum holding [`response_plain`].
pub fn plain_variant() -> String {
    "Plain".to_owned()
}

/// The request builder's method that sets the selector, whose setter is `setter`, to
/// `variant` (`info_type` and `status` -> `info_type_status`).
pub fn selector_setter(setter: &str, variant: &str) -> String {
    format!("{setter}_{}", snake(variant))
}

/// The method of an action (or a family operation) on its API struct (`getinfo`).
pub fn method(action: &str) -> String {
    snake(action)
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

    proptest::proptest! {
        /// The ASCII fast paths give exactly what `heck` gives.
        #[test]
        fn ascii_conversions_match_heck(s in "[a-zA-Z0-9_ ./-]{0,16}") {
            proptest::prop_assert_eq!(to_snake(&s), s.replace(['-', '.', ' '], "_").to_snake_case());
            proptest::prop_assert_eq!(
                to_upper_camel(&s),
                s.replace(['-', '.', ' ', '/'], "_").to_upper_camel_case()
            );
        }
    }

    #[test]
    fn ascii_conversions_match_heck_on_tricky_names() {
        for s in [
            "HTTPServer",
            "domainID",
            "getInfo",
            "ABC",
            "aB",
            "Ab",
            "a1B",
            "A1b",
            "AB1c",
            "1aB",
            "x__y",
            "_a",
            "a_",
            "dnssecEntry2",
            "tsExpir",
            "IPv6",
            "ipv4Addr",
            "XMLHttpRequest",
        ] {
            assert_eq!(to_snake(s), s.to_snake_case(), "{s}");
            assert_eq!(to_upper_camel(s), s.to_upper_camel_case(), "{s}");
        }
    }
}
