//! Whole responses: the envelope read in one pass with `responseData` decoded in place, and
//! the choice of a response variant.

use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::{empty_map, DecodeError, Decoded, Key, Lenient, Mode, Report, Scope, L};
use crate::{Envelope, Error};

/// The `responseData` of an action, possibly in one of several variants.
pub trait ResponseData: Sized + serde::Serialize {
    /// The variant names, empty when the response has a single shape.
    const VARIANTS: &'static [&'static str];
    /// The request parameter choosing the variant (`infoType`), for variant responses.
    const SELECTOR: Option<&'static str> = None;
    /// Decodes `responseData` in the given variant (the first one when `None`).
    fn deserialize_variant<'de, D: Deserializer<'de>>(
        d: D,
        variant: Option<&str>,
    ) -> Result<Self, D::Error>;
}

/// Runs one `serde_json` decode in a scope of `mode`, turning its error into a [`DecodeError`]
/// with the path of the failing field.
fn run<R>(
    mode: Mode,
    f: impl FnOnce() -> Result<R, serde_json::Error>,
) -> Result<(R, Report), DecodeError> {
    let scope = Scope::enter(mode);
    match f() {
        Ok(v) => Ok((v, scope.report())),
        Err(e) => Err(DecodeError {
            path: scope.error_path(),
            message: message_of(&e),
        }),
    }
}

/// The error's text without serde_json's position suffix (the path says where).
fn message_of(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(t) if e.line() > 0 => t.to_owned(),
        _ => text,
    }
}

/// Decodes a whole JSON document as `T` in `mode`, with the report of what was worked around.
/// Errors name the path of the failing field from the document's root.
pub fn from_slice<'de, T: de::Deserialize<'de>>(
    bytes: &'de [u8],
    mode: Mode,
) -> Result<Decoded<T>, DecodeError> {
    run(mode, || serde_json::from_slice(bytes)).map(|(value, report)| Decoded { value, report })
}

/// [`from_slice`] from an already parsed JSON value.
pub fn from_value<'de, T: de::Deserialize<'de>>(
    value: &'de Value,
    mode: Mode,
) -> Result<Decoded<T>, DecodeError> {
    run(mode, || T::deserialize(value)).map(|(value, report)| Decoded { value, report })
}

/// Decodes `responseData` in one variant.
struct DataSeed<'v, T> {
    variant: Option<&'v str>,
    _t: PhantomData<T>,
}

impl<'de, T: ResponseData> DeserializeSeed<'de> for DataSeed<'_, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize_variant(d, self.variant)
    }
}

/// The envelope read in one pass: only `success` and `responseData` matter on success; the
/// rest is skipped without being built (an error answer is read again as an [`Envelope`]).
struct EnvelopeSeed<'v, T>(DataSeed<'v, T>);

struct Parsed<T> {
    success: bool,
    data: Option<T>,
}

impl<'de, T: ResponseData> DeserializeSeed<'de> for EnvelopeSeed<'_, T> {
    type Value = Parsed<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Parsed<T>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: ResponseData> Visitor<'de> for EnvelopeSeed<'_, T> {
    type Value = Parsed<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the API's JSON envelope")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed<T>, A::Error> {
        let mut success = None;
        let mut data = None;
        let mut seed = Some(self.0);
        while let Some(k) = map.next_key::<Key<'de>>()? {
            match k.as_str() {
                "success" => success = Some(map.next_value::<L<bool>>()?.0),
                "responseData" if success != Some(false) => match seed.take() {
                    Some(s) => data = Some(map.next_value_seed(s)?),
                    None => return Err(de::Error::duplicate_field("responseData")),
                },
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        let success = success.ok_or_else(|| de::Error::missing_field("success"))?;
        if success && data.is_none() {
            // No `responseData` at all: decode the type from nothing (empty structs pass).
            if let Some(s) = seed {
                data = Some(s.deserialize(empty_map::<A::Error>())?);
            }
        }
        Ok(Parsed { success, data })
    }
}

/// Decodes a response body of `action` (HTTP `status`) into `T`, in one pass over the bytes.
///
/// `variant` chooses the shape of a variant response; without it, the variant is picked as
/// [`decode_response_of`] does.
pub fn decode_body<T: ResponseData>(
    action: &str,
    status: u16,
    body: &[u8],
    mode: Mode,
    variant: Option<&str>,
) -> Result<Decoded<T>, Error> {
    if variant.is_none() && !T::VARIANTS.is_empty() {
        return decode_response_of(action, status, body, mode, None);
    }
    let seed = EnvelopeSeed(DataSeed::<T> {
        variant,
        _t: PhantomData,
    });
    let result = run(mode, || {
        let mut de = serde_json::Deserializer::from_slice(body);
        let parsed = seed.deserialize(&mut de)?;
        de.end()?;
        Ok(parsed)
    });
    match result {
        Ok((
            Parsed {
                success: true,
                data: Some(value),
            },
            report,
        )) => Ok(finish(action, value, report)),
        Ok(_) => Err(envelope_error(action, status, body, None)),
        Err(e) => Err(envelope_error(action, status, body, Some(e))),
    }
}

/// The error for a body that did not decode: the envelope's own problem (not JSON, not an
/// envelope, `success: false`) when it has one, else the decode error `e`.
#[cold]
fn envelope_error(action: &str, status: u16, body: &[u8], e: Option<DecodeError>) -> Error {
    let envelope = match Envelope::parse(action, status, body).and_then(|e| e.into_success(action))
    {
        Ok(envelope) => envelope,
        Err(err) => return err,
    };
    let e = e.unwrap_or_else(|| DecodeError {
        path: String::new(),
        message: "no responseData".into(),
    });
    Error::decode(action, e, envelope.body)
}

fn finish<T>(action: &str, value: T, report: Report) -> Decoded<T> {
    if !report.missing.is_empty() {
        tracing::warn!(
            action,
            missing = ?report.missing,
            "the response lacks fields the spec lists; they hold empty values"
        );
    }
    Decoded { value, report }
}

/// Decodes a response body of `action` into `T`; for a variant response without a `variant`,
/// picks the variant the response names (its selector echoed in `responseData`), or else the one
/// that fits best (see [`select_variant`]).
pub fn decode_response_of<T: ResponseData>(
    action: &str,
    status: u16,
    body: &[u8],
    mode: Mode,
    variant: Option<&str>,
) -> Result<Decoded<T>, Error> {
    if variant.is_some() || T::VARIANTS.is_empty() {
        return decode_body(action, status, body, mode, variant);
    }
    let envelope = Envelope::parse(action, status, body)?.into_success(action)?;
    let data = &envelope.response_data;
    let chosen = select_variant::<T>(data);
    match run(mode, || T::deserialize_variant(data, chosen)) {
        Ok((value, report)) => Ok(finish(action, value, report)),
        Err(e) => Err(Error::decode(action, e, envelope.body)),
    }
}

/// The variant `data` is in: the one its selector key names (`"infoType": "contact"`), else the
/// closest one. Each variant is tried leniently and scored by its misfit: the fields it found
/// missing or unknown (up to the error, for a variant that fails). The lowest misfit wins; on a
/// tie a variant that decodes beats one that fails, then the deeper error, then spec order. So a
/// response of one variant with one bad value is still recognised as that variant, and its error
/// is the one reported.
pub fn select_variant<T: ResponseData>(data: &Value) -> Option<&'static str> {
    if let Some(named) = T::SELECTOR
        .and_then(|s| data.get(s))
        .and_then(Value::as_str)
        .and_then(|v| T::VARIANTS.iter().find(|x| **x == v))
    {
        return Some(named);
    }
    // (misfit, failed, deeper error first), variant
    type Score = (usize, bool, std::cmp::Reverse<usize>);
    let mut best: Option<(Score, &'static str)> = None;
    for v in T::VARIANTS {
        let scope = Scope::enter(Mode::Lenient);
        let result = T::deserialize_variant(data, Some(v));
        let path = if result.is_err() {
            scope.error_path()
        } else {
            String::new()
        };
        let report = scope.report();
        drop(scope);
        let depth = if path.is_empty() {
            0
        } else {
            path.split('/').count()
        };
        let score = (
            report.missing.len() + report.unknown.len(),
            result.is_err(),
            std::cmp::Reverse(depth),
        );
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, v));
        }
    }
    best.map(|(_, v)| v)
}

/// The `Deserialize` of a variant response: buffers the value, picks the variant with
/// [`select_variant`], and decodes it in the current mode.
pub fn variant_from_value<'de, T: ResponseData, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let value = <Value as Lenient>::lenient(d)?;
    let chosen = select_variant::<T>(&value);
    T::deserialize_variant(&value, chosen).map_err(de::Error::custom)
}

impl<T> Decoded<T> {
    /// The decoded value changed by `f`, with the same report.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Decoded<U> {
        Decoded {
            value: f(self.value),
            report: self.report,
        }
    }
}
