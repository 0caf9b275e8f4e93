//! The loose scalar forms: text, numbers, booleans, dates, and JSON kept as is.

use chrono::{NaiveDate, NaiveDateTime};
use dondominio_rules::date::{date, date_time, DATE_TIME_FORMAT};
use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde_json::Value;

use super::Lenient;

/// Visitor methods that turn numbers and booleans into the text-based `visit_str`.
macro_rules! scalars_as_text {
    () => {
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            self.visit_str(if v { "true" } else { "false" })
        }
    };
}

/// Text; numbers and booleans are turned into text.
impl<'de> Lenient<'de> for String {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = String;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_owned())
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
                Ok(v)
            }
            scalars_as_text!();
        }
        d.deserialize_any(V)
    }
    fn empty() -> Self {
        String::new()
    }
    const TEXT: bool = true;
}

/// A whole number: a JSON number, a numeric string, a float without fraction, a boolean.
impl<'de> Lenient<'de> for i64 {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = i64;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
                Ok(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
                i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    Ok(v as i64)
                } else {
                    Err(E::invalid_value(Unexpected::Float(v), &self))
                }
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<i64, E> {
                Ok(i64::from(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
                let t = v.trim();
                t.parse::<i64>()
                    .or_else(|_| match t.parse::<f64>() {
                        Ok(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
                        _ => Err(()),
                    })
                    .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
    fn empty() -> Self {
        0
    }
}

/// A decimal number: a JSON number or a numeric string.
impl<'de> Lenient<'de> for f64 {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = f64;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
                Ok(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
                Ok(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
                Ok(v)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
                v.trim()
                    .parse()
                    .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
    fn empty() -> Self {
        0.0
    }
}

/// A boolean: `true`/`false`, `1`/`0`, and their texts (`"yes"`, `"on"`...; `""` is false).
impl<'de> Lenient<'de> for bool {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = bool;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
                Ok(v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
                match v {
                    0 => Ok(false),
                    1 => Ok(true),
                    _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
                match v {
                    0 => Ok(false),
                    1 => Ok(true),
                    _ => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
                let t = v.trim();
                let is = |w: &str| t.eq_ignore_ascii_case(w);
                if is("true") || is("1") || is("yes") || is("on") {
                    Ok(true)
                } else if is("false") || is("0") || is("no") || is("off") || t.is_empty() {
                    Ok(false)
                } else {
                    Err(E::invalid_value(Unexpected::Str(v), &self))
                }
            }
        }
        d.deserialize_any(V)
    }
    fn empty() -> Self {
        false
    }
}

/// A `YYYY-MM-DD` date (a date and time is cut to its date), read by
/// [`rules::date`](crate::rules::date) as everywhere else.
impl<'de> Lenient<'de> for NaiveDate {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NaiveDate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date (YYYY-MM-DD)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
                date(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
    fn empty() -> Self {
        NaiveDate::default()
    }
}

/// A `YYYY-MM-DD HH:MM:SS` date and time (also with `T`, or a date alone at midnight), read by
/// [`rules::date`](crate::rules::date) as everywhere else.
impl<'de> Lenient<'de> for NaiveDateTime {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NaiveDateTime;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date and time (YYYY-MM-DD HH:MM:SS)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDateTime, E> {
                date_time(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
    fn empty() -> Self {
        NaiveDateTime::default()
    }
}

/// Any JSON, kept as sent.
impl<'de> Lenient<'de> for Value {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de::Deserialize::deserialize(d)
    }
    fn empty() -> Self {
        Value::Null
    }
    const TEXT: bool = true;
    const LIST: bool = true;
}

/// Writes a date and time as the API does: `YYYY-MM-DD HH:MM:SS`.
pub fn ser_datetime<S: serde::Serializer>(v: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&v.format(DATE_TIME_FORMAT))
}

/// [`ser_datetime`] for an optional field (skipped when `None` by the generated code).
pub fn ser_opt_datetime<S: serde::Serializer>(
    v: &Option<NaiveDateTime>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => ser_datetime(v, s),
        None => s.serialize_none(),
    }
}
