//! The loose scalar forms: text, numbers, booleans, dates, and JSON kept as is.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
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

/// Parses `YYYY-MM-DD` by hand: the common case, without a format string to interpret.
fn fast_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let y = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)
}

/// Parses `HH:MM:SS` by hand.
fn fast_time(b: &[u8]) -> Option<NaiveTime> {
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveTime::from_hms_opt(num(0..2)?, num(3..5)?, num(6..8)?)
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    fast_date(s.as_bytes())
        .or_else(|| parse_datetime(s).map(|d| d.date()))
        .or_else(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() == 19 && (b[10] == b' ' || b[10] == b'T') {
        if let (Some(d), Some(t)) = (fast_date(&b[..10]), fast_time(&b[11..])) {
            return Some(d.and_time(t));
        }
    }
    if let Some(d) = fast_date(b) {
        return Some(d.and_time(NaiveTime::MIN));
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

/// A `YYYY-MM-DD` date (a date and time is cut to its date).
impl<'de> Lenient<'de> for NaiveDate {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NaiveDate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date (YYYY-MM-DD)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
                parse_date(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
    fn empty() -> Self {
        NaiveDate::default()
    }
}

/// A `YYYY-MM-DD HH:MM:SS` date and time (also with `T`, or a date alone at midnight).
impl<'de> Lenient<'de> for NaiveDateTime {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NaiveDateTime;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date and time (YYYY-MM-DD HH:MM:SS)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDateTime, E> {
                parse_datetime(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
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
    s.collect_str(&v.format("%Y-%m-%d %H:%M:%S"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_by_hand_and_by_format() {
        assert_eq!(
            parse_date("2031-05-14"),
            NaiveDate::from_ymd_opt(2031, 5, 14)
        );
        assert_eq!(
            parse_date(" 2031-05-14 10:11:12"),
            NaiveDate::from_ymd_opt(2031, 5, 14)
        );
        assert_eq!(parse_date("2031-02-30"), None);
        assert_eq!(parse_date("20x1-05-14"), None);
        let dt = parse_datetime("2031-05-14T10:11:12").unwrap();
        assert_eq!(dt.to_string(), "2031-05-14 10:11:12");
        assert_eq!(
            parse_datetime("2031-05-14").unwrap().to_string(),
            "2031-05-14 00:00:00"
        );
        assert_eq!(parse_datetime("2031-05-14 25:00:00"), None);
    }
}
