//! Type expressions of the spec (`list<Nameserver>`, `csv<string>`, `map<map<boolean>>`...).

use std::fmt;

/// A parsed type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A decimal number.
    Float,
    /// True or false.
    Boolean,
    /// A `YYYY-MM-DD` date.
    Date,
    /// A `YYYY-MM-DD HH:MM:SS` date and time.
    DateTime,
    /// Any JSON, kept as is.
    Json,
    /// An inline struct; its fields are given next to the type.
    Object,
    /// A type defined under `enums` or `structs`.
    Named(String),
    /// A JSON array of the inner type.
    List(Box<Ty>),
    /// A comma-separated list (an array in responses too).
    Csv(Box<Ty>),
    /// A JSON object from names to the inner type.
    Map(Box<Ty>),
    /// The inner type as JSON, Base64-encoded in one parameter.
    Base64Json(Box<Ty>),
}

/// The deepest nesting of containers a type expression may have (`list<list<string>>` is 2).
/// The API needs 2; the limit keeps the parser (and the code emitted from it) from recursing
/// without bound on a runaway expression.
pub const MAX_DEPTH: usize = 8;

impl Ty {
    /// Parses a type expression; the error says what was expected.
    pub fn parse(s: &str) -> Result<Ty, String> {
        let depth = s.matches('<').count();
        if depth > MAX_DEPTH {
            return Err(format!(
                "type expression nests {depth} containers; at most {MAX_DEPTH} are allowed"
            ));
        }
        Ty::parse_inner(s)
    }

    fn parse_inner(s: &str) -> Result<Ty, String> {
        let s = s.trim();
        if let Some(open) = s.find('<') {
            if !s.ends_with('>') {
                return Err(format!("type `{s}`: missing closing `>`"));
            }
            let head = &s[..open];
            let inner = Ty::parse_inner(&s[open + 1..s.len() - 1])?;
            let inner = Box::new(inner);
            return match head {
                "list" => Ok(Ty::List(inner)),
                "csv" => Ok(Ty::Csv(inner)),
                "map" => Ok(Ty::Map(inner)),
                "base64json" => Ok(Ty::Base64Json(inner)),
                _ => Err(format!(
                    "type `{s}`: unknown container `{head}` (expected list, csv, map or base64json)"
                )),
            };
        }
        Ok(match s {
            "string" => Ty::String,
            "integer" => Ty::Integer,
            "float" => Ty::Float,
            "boolean" => Ty::Boolean,
            "date" => Ty::Date,
            "datetime" => Ty::DateTime,
            "json" => Ty::Json,
            "object" => Ty::Object,
            "" => return Err("empty type".into()),
            name if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && name.starts_with(|c: char| c.is_ascii_uppercase()) =>
            {
                Ty::Named(name.to_owned())
            }
            other => {
                return Err(format!(
                "unknown type `{other}` (expected string, integer, float, boolean, date, datetime, \
                 json, object, a container, or the UpperCamelCase name of an enum or struct)"
            ))
            }
        })
    }

    /// The innermost element type of containers.
    pub fn leaf(&self) -> &Ty {
        match self {
            Ty::List(t) | Ty::Csv(t) | Ty::Map(t) | Ty::Base64Json(t) => t.leaf(),
            t => t,
        }
    }

    /// Whether an inline object is involved (needs `fields:`).
    pub fn has_object(&self) -> bool {
        matches!(self.leaf(), Ty::Object)
    }
}

/// A type expression as written in the spec, parsed once when the spec file is read: every
/// other part of the codegen reads the parsed [`Ty`] (or the parse error, which validation
/// reports) instead of parsing the text again. Serializes as its text (the compiled form of a
/// spec file), so reading it back parses the same text the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeExpr {
    text: String,
    parsed: Result<Ty, String>,
}

impl TypeExpr {
    /// Parses `text` ([`Ty::parse`]); a text that does not parse is kept with its error.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let parsed = Ty::parse(&text);
        TypeExpr { text, parsed }
    }

    /// The text as written in the spec.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The parsed type, or why the text is not a type expression.
    pub fn parsed(&self) -> Result<&Ty, &str> {
        self.parsed.as_ref().map_err(String::as_str)
    }

    /// The parsed type; `None` when the text does not parse (validation reports it).
    pub fn ty(&self) -> Option<&Ty> {
        self.parsed.as_ref().ok()
    }
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for TypeExpr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for TypeExpr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(TypeExpr::new)
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::String => f.write_str("string"),
            Ty::Integer => f.write_str("integer"),
            Ty::Float => f.write_str("float"),
            Ty::Boolean => f.write_str("boolean"),
            Ty::Date => f.write_str("date"),
            Ty::DateTime => f.write_str("datetime"),
            Ty::Json => f.write_str("json"),
            Ty::Object => f.write_str("object"),
            Ty::Named(n) => f.write_str(n),
            Ty::List(t) => write!(f, "list<{t}>"),
            Ty::Csv(t) => write!(f, "csv<{t}>"),
            Ty::Map(t) => write!(f, "map<{t}>"),
            Ty::Base64Json(t) => write!(f, "base64json<{t}>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Ty;

    #[test]
    fn parses_nested_containers() {
        assert_eq!(
            Ty::parse("map<map<boolean>>").unwrap(),
            Ty::Map(Box::new(Ty::Map(Box::new(Ty::Boolean))))
        );
        assert_eq!(
            Ty::parse("list<Nameserver>").unwrap().to_string(),
            "list<Nameserver>"
        );
        assert!(Ty::parse("lst<string>")
            .unwrap_err()
            .contains("unknown container"));
        assert!(Ty::parse("strng").unwrap_err().contains("unknown type"));
    }

    #[test]
    fn refuses_runaway_nesting_without_recursing() {
        let deep = format!("{}string{}", "list<".repeat(100_000), ">".repeat(100_000));
        assert!(Ty::parse(&deep).unwrap_err().contains("at most 8"));
        let ok = format!("{}string{}", "list<".repeat(8), ">".repeat(8));
        assert!(Ty::parse(&ok).is_ok());
    }
}
