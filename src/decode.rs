//! Lenient decoding of the API's loosely typed JSON, with the path of any failing field.
//!
//! The API is PHP: numbers arrive as strings (`"57"`), booleans as `1`/`"0"`, lists as
//! comma-separated text, an empty object as `[]`, an absent date as `""`. Generated types decode
//! all of these. In strict mode (used by the tests) a field or enum value the spec does not
//! know is an error instead of being kept.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::{Map, Value};

/// A field that could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Slash path of the field under `responseData`, such as `domains/0/tsExpir`.
    pub path: String,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "responseData: {}", self.message)
        } else {
            write!(f, "responseData/{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decoding state: strictness and the path of the value being decoded.
#[derive(Debug, Clone, Default)]
pub struct Cx {
    strict: bool,
    path: Vec<String>,
}

static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);

impl Cx {
    /// A context; `strict` refuses unknown fields and enum values.
    pub fn new(strict: bool) -> Self {
        Cx {
            strict,
            path: Vec::new(),
        }
    }

    /// Whether unknown fields and values are errors.
    pub fn strict(&self) -> bool {
        self.strict
    }

    /// An error at the current path.
    pub fn error(&self, message: impl Into<String>) -> DecodeError {
        DecodeError {
            path: self.path.join("/"),
            message: message.into(),
        }
    }

    fn expected(&self, what: &str, v: &Value) -> DecodeError {
        let shown = v.to_string();
        let shown = match shown.char_indices().nth(40) {
            Some((cut, _)) => format!("{}...", &shown[..cut]),
            None => shown,
        };
        self.error(format!("expected {what}, got {shown}"))
    }

    /// The value as an object; PHP's `[]` counts as an empty object.
    pub fn object<'v>(&self, v: &'v Value) -> Result<&'v Map<String, Value>, DecodeError> {
        match v {
            Value::Object(o) => Ok(o),
            Value::Array(a) if a.is_empty() => Ok(&EMPTY),
            other => Err(self.expected("an object", other)),
        }
    }

    /// The value as text; numbers and booleans are turned into text.
    pub fn text(&self, v: &Value) -> Result<String, DecodeError> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(self.expected("text", other)),
        }
    }

    fn nested<T>(
        &mut self,
        seg: String,
        f: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        self.path.push(seg);
        let out = f(self);
        self.path.pop();
        out
    }

    /// A field that must be present.
    pub fn req<T: Decode>(&mut self, o: &Map<String, Value>, key: &str) -> Result<T, DecodeError> {
        match o.get(key) {
            Some(v) if !v.is_null() => self.nested(key.to_owned(), |cx| T::decode(v, cx)),
            _ => self.nested(key.to_owned(), |cx| Err(cx.error("missing field"))),
        }
    }

    /// A field that may be missing, `null`, or an empty marker (`""`, `[]`) for non-text types.
    pub fn opt<T: Decode>(
        &mut self,
        o: &Map<String, Value>,
        key: &str,
    ) -> Result<Option<T>, DecodeError> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) if T::is_absent(v) => Ok(None),
            Some(v) => self.nested(key.to_owned(), |cx| T::decode(v, cx)).map(Some),
        }
    }

    /// The fields not in `known`: kept, or in strict mode an error naming the first.
    pub fn extra(
        &mut self,
        o: &Map<String, Value>,
        known: &[&str],
    ) -> Result<BTreeMap<String, Value>, DecodeError> {
        let mut out = BTreeMap::new();
        for (k, v) in o {
            if !known.contains(&k.as_str()) {
                if self.strict {
                    return self.nested(k.clone(), |cx| Err(cx.error("field not in the spec")));
                }
                out.insert(k.clone(), v.clone());
            }
        }
        Ok(out)
    }

    /// Reports an enum value the spec does not list: an error in strict mode.
    pub fn unknown_value(&self, enum_name: &str, value: &str) -> Result<(), DecodeError> {
        if self.strict {
            Err(self.error(format!(
                "`{value}` is not a value of {enum_name} in the spec"
            )))
        } else {
            Ok(())
        }
    }
}

/// A type decoded from the API's JSON.
pub trait Decode: Sized {
    /// Decodes `v`; errors carry the path in `cx`.
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError>;

    /// Whether `v` means "absent" for an optional field of this type (`""` and `[]` for most).
    fn is_absent(v: &Value) -> bool {
        matches!(v, Value::String(s) if s.is_empty())
            || matches!(v, Value::Array(a) if a.is_empty())
    }
}

/// The `responseData` of an action, possibly in one of several variants.
pub trait ResponseData: Sized {
    /// The variant names, empty when the response has a single shape.
    const VARIANTS: &'static [&'static str];
    /// Decodes `responseData` in the given variant (the default one when `None`).
    fn decode_data(v: &Value, cx: &mut Cx, variant: Option<&str>) -> Result<Self, DecodeError>;
}

impl Decode for String {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        cx.text(v)
    }
    fn is_absent(_: &Value) -> bool {
        false
    }
}

impl Decode for i64 {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        match v {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                        .map(|f| f as i64)
                })
                .ok_or_else(|| cx.expected("a whole number", v)),
            Value::String(s) => s
                .trim()
                .parse()
                .map_err(|_| cx.expected("a whole number", v)),
            Value::Bool(b) => Ok(i64::from(*b)),
            other => Err(cx.expected("a whole number", other)),
        }
    }
}

impl Decode for f64 {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        match v {
            Value::Number(n) => n.as_f64().ok_or_else(|| cx.expected("a number", v)),
            Value::String(s) => s.trim().parse().map_err(|_| cx.expected("a number", v)),
            other => Err(cx.expected("a number", other)),
        }
    }
}

impl Decode for bool {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        match v {
            Value::Bool(b) => Ok(*b),
            Value::Number(n) if n.as_i64() == Some(0) => Ok(false),
            Value::Number(n) if n.as_i64() == Some(1) => Ok(true),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => Ok(true),
                "false" | "0" | "no" | "off" | "" => Ok(false),
                _ => Err(cx.expected("a boolean", v)),
            },
            other => Err(cx.expected("a boolean", other)),
        }
    }
}

impl Decode for chrono::NaiveDate {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        let s = cx.text(v)?;
        let s = s.trim();
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .or_else(|_| {
                chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").map(|d| d.date())
            })
            .map_err(|_| cx.expected("a date (YYYY-MM-DD)", v))
    }
}

impl Decode for chrono::NaiveDateTime {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        let s = cx.text(v)?;
        let s = s.trim();
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
            .or_else(|_| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map(|d| d.and_time(chrono::NaiveTime::MIN))
            })
            .map_err(|_| cx.expected("a date and time (YYYY-MM-DD HH:MM:SS)", v))
    }
}

impl Decode for Value {
    fn decode(v: &Value, _: &mut Cx) -> Result<Self, DecodeError> {
        Ok(v.clone())
    }
    fn is_absent(_: &Value) -> bool {
        false
    }
}

/// Lists accept a JSON array, or comma-separated text (`"1,2,3"`; `""` is empty).
impl<T: Decode> Decode for Vec<T> {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| cx.nested(i.to_string(), |cx| T::decode(item, cx)))
                .collect(),
            Value::String(s) if s.trim().is_empty() => Ok(Vec::new()),
            Value::String(s) => s
                .split(',')
                .enumerate()
                .map(|(i, item)| {
                    let item = Value::String(item.trim().to_owned());
                    cx.nested(i.to_string(), |cx| T::decode(&item, cx))
                })
                .collect(),
            Value::Object(o) => o
                .iter()
                .map(|(k, item)| cx.nested(k.clone(), |cx| T::decode(item, cx)))
                .collect(),
            other => Err(cx.expected("a list", other)),
        }
    }
    fn is_absent(v: &Value) -> bool {
        matches!(v, Value::String(s) if s.is_empty())
    }
}

/// Maps with free keys; `[]` is an empty map.
impl<T: Decode> Decode for BTreeMap<String, T> {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        let o = cx.object(v)?;
        o.iter()
            .map(|(k, item)| {
                cx.nested(k.clone(), |cx| T::decode(item, cx))
                    .map(|t| (k.clone(), t))
            })
            .collect()
    }
}
