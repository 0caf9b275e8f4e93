//! Decoding of the API's loosely typed JSON with serde, streaming from the bytes.
//!
//! The API is PHP: numbers arrive as strings (`"57"`), booleans as `1`/`"0"`, lists as
//! comma-separated text, an empty object as `[]`, an absent date as `""`. Every generated
//! response type implements [`serde::Deserialize`] and accepts all of these; its
//! [`serde::Serialize`] writes the canonical wire form, which decodes again to the same value.
//! `docs/serde.md` describes the whole plan.
//!
//! # Modes, paths and reports
//!
//! `Deserialize` has no room for options, so the mode lives in a *scoped thread-local*: decoding
//! is synchronous, and [`from_slice`] (used by the client and [`crate::decode_response`]) sets the
//! mode for the duration of one `serde_json` call and restores the previous state afterwards.
//! Outside such a scope (a plain `serde_json::from_str::<T>`) decoding is lenient.
//!
//! - **Lenient** (default): a field the spec does not know is kept in the type's `extra`; an
//!   enum value it does not list is kept in `Unknown`; a required field that is missing (or
//!   `null`) is filled with its empty value ([`Lenient::empty`]) and its path is *reported*
//!   ([`Report::missing`]), except identifying fields (see below), which stay required.
//! - **Strict**: each of those is an error naming the field path.
//!
//! Paths cost nothing while decoding succeeds: when an error passes through a field or a list
//! item on its way out, that level pushes its segment onto the thread-local error path, which
//! [`from_slice`] joins into `domains/0/tsExpir`. Reported fields get their path the same way:
//! a container notes how many entries the report had before decoding a nested value and
//! prefixes the new ones with its segment afterwards (only for types that contain structs).
//!
//! # Identifying fields
//!
//! A required response field is *identifying* when its key is `name` or `domainName`, or ends in
//! `ID` (`domainID`, `contactID`, `ID`...). Those name the thing a response is about, so a
//! response without them is not filled with an empty value: it is an error in both modes. The
//! generator applies the rule (`spec/README.md`, "Identifying fields").

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

mod body;
mod prim;

pub use body::{
    decode_body, decode_response_of, from_slice, from_value, select_variant, variant_from_value,
    ResponseData,
};
pub use prim::{ser_datetime, ser_opt_datetime};

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

/// How strictly to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Keep what the spec does not know, fill and report missing fields.
    #[default]
    Lenient,
    /// Unknown fields, unknown enum values and missing fields are errors.
    Strict,
}

impl Mode {
    /// `Strict` when `strict` is true.
    pub fn strict(strict: bool) -> Mode {
        if strict {
            Mode::Strict
        } else {
            Mode::Lenient
        }
    }
}

/// What a lenient decode had to work around, as slash paths under `responseData`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Fields the spec requires that the response lacked (or sent as `null`); they hold their
    /// empty value (`""`, `0`, `false`, an empty list...).
    pub missing: Vec<String>,
    /// Fields the spec does not describe, kept in the `extra` map of their struct.
    pub unknown: Vec<String>,
}

impl Report {
    /// Whether the response matched the spec exactly.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.unknown.is_empty()
    }
}

/// A decoded value with the [`Report`] of its decoding.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    /// The value.
    pub value: T,
    /// Missing and unknown fields met on the way.
    pub report: Report,
}

impl<T> Decoded<T> {
    /// The value, dropping the report.
    pub fn into_value(self) -> T {
        self.value
    }
}

/// Most segments kept for one error path, and most paths kept in one report: a bound for
/// values decoded outside a scope, where nobody takes them.
const MAX_PATH: usize = 64;
const MAX_REPORT: usize = 10_000;

struct State {
    strict: Cell<bool>,
    collect: Cell<bool>,
    missing: RefCell<Vec<String>>,
    unknown: RefCell<Vec<String>>,
    /// Segments of the failing field, innermost first.
    err_path: RefCell<Vec<String>>,
}

thread_local! {
    static STATE: State = const {
        State {
            strict: Cell::new(false),
            collect: Cell::new(false),
            missing: RefCell::new(Vec::new()),
            unknown: RefCell::new(Vec::new()),
            err_path: RefCell::new(Vec::new()),
        }
    };
}

/// One decoding scope: sets the mode on this thread and restores the previous state on drop.
pub(crate) struct Scope {
    strict: bool,
    collect: bool,
    missing: Vec<String>,
    unknown: Vec<String>,
    err_path: Vec<String>,
}

impl Scope {
    /// Enters `mode`, collecting a report.
    pub(crate) fn enter(mode: Mode) -> Scope {
        STATE.with(|s| Scope {
            strict: s.strict.replace(mode == Mode::Strict),
            collect: s.collect.replace(true),
            missing: s.missing.take(),
            unknown: s.unknown.take(),
            err_path: s.err_path.take(),
        })
    }

    /// The report collected so far.
    pub(crate) fn report(&self) -> Report {
        STATE.with(|s| Report {
            missing: s.missing.take(),
            unknown: s.unknown.take(),
        })
    }

    /// The path of the last error, joined with `/`.
    pub(crate) fn error_path(&self) -> String {
        STATE.with(|s| {
            let mut segs = s.err_path.take();
            segs.reverse();
            segs.join("/")
        })
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        STATE.with(|s| {
            s.strict.set(self.strict);
            s.collect.set(self.collect);
            s.missing.replace(std::mem::take(&mut self.missing));
            s.unknown.replace(std::mem::take(&mut self.unknown));
            s.err_path.replace(std::mem::take(&mut self.err_path));
        });
    }
}

/// Whether the current scope is strict.
pub fn is_strict() -> bool {
    STATE.with(|s| s.strict.get())
}

/// Notes that an error passes through `seg` on its way out.
fn push_err(seg: &str) {
    STATE.with(|s| {
        let mut p = s.err_path.borrow_mut();
        if p.len() < MAX_PATH {
            p.push(seg.to_owned());
        }
    });
}

/// Sizes of the report lists, when a report is being collected.
#[inline]
fn mark() -> Option<(usize, usize)> {
    STATE.with(|s| {
        s.collect
            .get()
            .then(|| (s.missing.borrow().len(), s.unknown.borrow().len()))
    })
}

/// Prefixes the report entries added since `mark` with `seg`.
#[inline]
fn prefix_since(mark: Option<(usize, usize)>, seg: &dyn std::fmt::Display) {
    let Some((m, u)) = mark else { return };
    STATE.with(|s| {
        for (list, from) in [(&s.missing, m), (&s.unknown, u)] {
            let mut list = list.borrow_mut();
            if list.len() > from {
                for p in &mut list[from..] {
                    *p = format!("{seg}/{p}");
                }
            }
        }
    });
}

fn record(list: fn(&State) -> &RefCell<Vec<String>>, key: &str) {
    STATE.with(|s| {
        if s.collect.get() {
            let mut l = list(s).borrow_mut();
            if l.len() < MAX_REPORT {
                l.push(key.to_owned());
            }
        }
    });
}

/// A type decoded leniently from the API's JSON.
///
/// Implemented for the field types of the generated structs; [`L`] turns it into a
/// `Deserialize`.
pub trait Lenient<'de>: Sized {
    /// Decodes from `d`, accepting the loose PHP forms.
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
    /// The value a missing field gets in lenient mode.
    fn empty() -> Self;
    /// `""` is a value of this type, not the absence of one (text).
    const TEXT: bool = false;
    /// `[]` is a value of this type, not the absence of one (lists, JSON).
    const LIST: bool = false;
    /// The type may contain structs, so reports from inside it need a path prefix.
    const NESTED: bool = false;
}

/// `T` decoded leniently, as a `Deserialize` type.
#[derive(Debug, Clone, PartialEq)]
pub struct L<T>(pub T);

impl<'de, T: Lenient<'de>> de::Deserialize<'de> for L<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::lenient(d).map(L)
    }
}

/// A map key, borrowed from the input when it has no escapes.
#[derive(Debug)]
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Unescaped into a new string.
    Owned(String),
}

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
    fn into_string(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_owned(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KV;
        impl<'de> Visitor<'de> for KV {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        d.deserialize_str(KV)
    }
}

/// Decodes `T` where `null` (and, when `markers` is set, the empty markers `""` and `[]` for
/// the types they do not belong to) means "no value".
struct OptSeed<T> {
    markers: bool,
    _t: PhantomData<T>,
}

impl<T> OptSeed<T> {
    fn new(markers: bool) -> Self {
        OptSeed {
            markers,
            _t: PhantomData,
        }
    }
}

impl<'de, T: Lenient<'de>> DeserializeSeed<'de> for OptSeed<T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Lenient<'de>> Visitor<'de> for OptSeed<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        self.deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<T>, E> {
        T::lenient(de::value::BoolDeserializer::<E>::new(v)).map(Some)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
        T::lenient(de::value::I64Deserializer::<E>::new(v)).map(Some)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
        T::lenient(de::value::U64Deserializer::<E>::new(v)).map(Some)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
        T::lenient(de::value::F64Deserializer::<E>::new(v)).map(Some)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Option<T>, E> {
        if self.markers && v.is_empty() && !T::TEXT {
            return Ok(None);
        }
        T::lenient(de::value::BorrowedStrDeserializer::<E>::new(v)).map(Some)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        if self.markers && v.is_empty() && !T::TEXT {
            return Ok(None);
        }
        T::lenient(de::value::StrDeserializer::<E>::new(v)).map(Some)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<T>, E> {
        if self.markers && v.is_empty() && !T::TEXT {
            return Ok(None);
        }
        T::lenient(de::value::StringDeserializer::<E>::new(v)).map(Some)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        if self.markers && !T::LIST {
            // `[]` is PHP's empty anything; a non-empty list is not a value of this type.
            return match seq.next_element::<de::IgnoredAny>()? {
                None => Ok(None),
                Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
            };
        }
        T::lenient(de::value::SeqAccessDeserializer::new(seq)).map(Some)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        T::lenient(de::value::MapAccessDeserializer::new(map)).map(Some)
    }
}

/// Reads the value of a required field: `None` when it is `null`. On error, the field's key
/// joins the error path.
#[inline]
pub fn field<'de, T: Lenient<'de>, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
) -> Result<Option<T>, A::Error> {
    read(map, key, false)
}

/// Reads the value of an optional field: `None` when it is `null`, or an empty marker (`""`
/// for non-text types, `[]` for non-list types).
#[inline]
pub fn opt_field<'de, T: Lenient<'de>, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
) -> Result<Option<T>, A::Error> {
    read(map, key, true)
}

#[inline]
fn read<'de, T: Lenient<'de>, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
    markers: bool,
) -> Result<Option<T>, A::Error> {
    let m = if T::NESTED { mark() } else { None };
    match map.next_value_seed(OptSeed::<T>::new(markers)) {
        Ok(v) => {
            if T::NESTED {
                prefix_since(m, &key);
            }
            Ok(v)
        }
        Err(e) => {
            push_err(key);
            Err(e)
        }
    }
}

/// Reads a number field whose placeholders (the API's `-` or `""` for "no number") mean
/// `None`: a JSON number or a numeric string gives `Some`, a placeholder or `null` gives
/// `None`, anything else is an error (in every mode) whose path names the field.
pub fn placeheld_field<'de, T: Lenient<'de>, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
    placeholders: &[&str],
) -> Result<Option<T>, A::Error> {
    let seed = Placeheld::<T> {
        placeholders,
        _t: PhantomData,
    };
    map.next_value_seed(seed).inspect_err(|_| push_err(key))
}

/// Writes a field with placeholders as the API does: the number, or `placeholder` for `None`.
pub fn ser_placeheld<T: serde::Serialize, S: serde::Serializer>(
    v: &Option<T>,
    placeholder: &str,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => v.serialize(s),
        None => s.serialize_str(placeholder),
    }
}

/// Decodes a number where the texts in `placeholders` (and `null`) mean "no number".
struct Placeheld<'p, T> {
    placeholders: &'p [&'p str],
    _t: PhantomData<T>,
}

impl<'de, T: Lenient<'de>> DeserializeSeed<'de> for Placeheld<'_, T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Lenient<'de>> Visitor<'de> for Placeheld<'_, T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a number or one of {:?}", self.placeholders)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        self.deserialize(d)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
        T::lenient(de::value::I64Deserializer::<E>::new(v)).map(Some)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
        T::lenient(de::value::U64Deserializer::<E>::new(v)).map(Some)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
        T::lenient(de::value::F64Deserializer::<E>::new(v)).map(Some)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        if self.placeholders.contains(&v) {
            return Ok(None);
        }
        T::lenient(de::value::StrDeserializer::<E>::new(v)).map(Some)
    }
}

/// The value of a required field that was missing or `null`: an error when strict or when the
/// field is identifying, else its empty value, reported.
#[cold]
pub fn missing<'de, T: Lenient<'de>, E: de::Error>(key: &str, identifying: bool) -> Result<T, E> {
    if identifying || is_strict() {
        push_err(key);
        return Err(E::custom(if identifying {
            "missing field (it identifies the item, so it is required in every mode)"
        } else {
            "missing field"
        }));
    }
    record(|s| &s.missing, key);
    Ok(T::empty())
}

/// A field the spec does not know: kept in `extra`, or an error when strict.
#[cold]
pub fn extra<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: Key<'de>,
    extra: &mut BTreeMap<String, Value>,
) -> Result<(), A::Error> {
    if is_strict() {
        push_err(key.as_str());
        return Err(de::Error::custom("field not in the spec"));
    }
    let value: Value = map.next_value()?;
    record(|s| &s.unknown, key.as_str());
    extra.insert(key.into_string(), value);
    Ok(())
}

/// An enum value the spec does not list: an error when strict.
#[cold]
pub fn unknown_value<E: de::Error>(enum_name: &str, value: &str) -> Result<(), E> {
    if is_strict() {
        Err(E::custom(format!(
            "`{value}` is not a value of {enum_name} in the spec"
        )))
    } else {
        Ok(())
    }
}

/// The text of an open enum's value: a string (borrowed when it can be), or a number or boolean
/// turned into text.
pub fn enum_text<'de, D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Key<'de>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("text")
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
            Ok(Key::Borrowed(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
            Ok(Key::Owned(v.to_owned()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
            Ok(Key::Owned(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key<'de>, E> {
            Ok(Key::Owned(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key<'de>, E> {
            Ok(Key::Owned(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Key<'de>, E> {
            Ok(Key::Owned(v.to_string()))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key<'de>, E> {
            Ok(Key::Owned(v.to_string()))
        }
    }
    d.deserialize_any(V)
}

/// Accepts only an empty list: PHP's `[]` for an empty object.
pub fn empty_seq<'de, A: SeqAccess<'de>>(
    mut seq: A,
    expected: &dyn de::Expected,
) -> Result<(), A::Error> {
    match seq.next_element::<de::IgnoredAny>()? {
        None => Ok(()),
        Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, expected)),
    }
}

/// A map with no entries, to decode a struct from PHP's `[]` or from nothing.
pub fn empty_map<'de, E: de::Error>(
) -> de::value::MapDeserializer<'de, std::iter::Empty<(&'de str, &'de str)>, E> {
    de::value::MapDeserializer::new(std::iter::empty())
}

/// The element seed of lists and maps: an error gains the item's segment, reports too.
struct Item<T>(PhantomData<T>);

impl<'de, T: Lenient<'de>> DeserializeSeed<'de> for Item<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::lenient(d)
    }
}

fn item<R, E>(
    nested: bool,
    seg: &dyn std::fmt::Display,
    f: impl FnOnce() -> Result<R, E>,
) -> Result<R, E> {
    let m = if nested { mark() } else { None };
    match f() {
        Ok(v) => {
            if nested {
                prefix_since(m, seg);
            }
            Ok(v)
        }
        Err(e) => {
            push_err(&seg.to_string());
            Err(e)
        }
    }
}

/// A boxed value decodes as the value (optional struct fields are boxed).
impl<'de, T: Lenient<'de>> Lenient<'de> for Box<T> {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::lenient(d).map(Box::new)
    }
    fn empty() -> Self {
        Box::new(T::empty())
    }
    const TEXT: bool = T::TEXT;
    const LIST: bool = T::LIST;
    const NESTED: bool = T::NESTED;
}

/// Lists accept a JSON array, comma-separated text (`"1,2,3"`; `""` is empty), or an object
/// (its values in order, as PHP writes arrays with gaps).
impl<'de, T: Lenient<'de>> Lenient<'de> for Vec<T> {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Lenient<'de>> Visitor<'de> for V<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                loop {
                    let i = out.len();
                    let next = item(T::NESTED, &i, || {
                        seq.next_element_seed(Item::<T>(PhantomData))
                    })?;
                    match next {
                        Some(v) => out.push(v),
                        None => return Ok(out),
                    }
                }
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Vec<T>, E> {
                if s.trim().is_empty() {
                    return Ok(Vec::new());
                }
                s.split(',')
                    .enumerate()
                    .map(|(i, part)| {
                        item(T::NESTED, &i, || {
                            T::lenient(de::value::StrDeserializer::<E>::new(part.trim()))
                        })
                    })
                    .collect()
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<Key<'de>>()? {
                    out.push(item(T::NESTED, &k.as_str(), || {
                        map.next_value_seed(Item::<T>(PhantomData))
                    })?);
                }
                Ok(out)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
    fn empty() -> Self {
        Vec::new()
    }
    const LIST: bool = true;
    const NESTED: bool = T::NESTED;
}

/// Maps with free keys; `[]` is an empty map.
impl<'de, T: Lenient<'de>> Lenient<'de> for BTreeMap<String, T> {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Lenient<'de>> Visitor<'de> for V<T> {
            type Value = BTreeMap<String, T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                empty_seq(seq, &self)?;
                Ok(BTreeMap::new())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(k) = map.next_key::<Key<'de>>()? {
                    let v = item(T::NESTED, &k.as_str(), || {
                        map.next_value_seed(Item::<T>(PhantomData))
                    })?;
                    out.insert(k.into_string(), v);
                }
                Ok(out)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
    fn empty() -> Self {
        BTreeMap::new()
    }
    const NESTED: bool = T::NESTED;
}
