//! Encoding of request parameters into form pairs.

use base64::Engine;

/// The form pairs of a request, in the order they were set (credentials are added on sending).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pairs: Vec<(String, String)>,
}

impl Form {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `prefix + key + suffix = value` (prefixes name contact groups, suffixes number items).
    pub fn push(&mut self, prefix: &str, key: &str, suffix: &str, value: &(impl ToWire + ?Sized)) {
        self.pairs
            .push(([prefix, key, suffix].concat(), value.to_wire()));
    }

    /// Adds a pair as it is.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.pairs.push((key.into(), value.into()));
    }

    /// The pairs set so far.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The value of a key that counts: the last non-empty one, as the API reads a repeated
    /// key ([`rules::form::last_value`](crate::rules::form::last_value)).
    pub fn get(&self, key: &str) -> Option<&str> {
        dondominio_rules::form::last_value(&self.pairs, key)
    }

    /// The pairs, consumed.
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.pairs
    }
}

/// A value that can be sent as a form value.
pub trait ToWire {
    /// The text sent on the wire.
    fn to_wire(&self) -> String;
}

impl ToWire for str {
    fn to_wire(&self) -> String {
        self.to_owned()
    }
}
impl ToWire for &str {
    fn to_wire(&self) -> String {
        (*self).to_owned()
    }
}
impl ToWire for String {
    fn to_wire(&self) -> String {
        self.clone()
    }
}
impl ToWire for i64 {
    fn to_wire(&self) -> String {
        self.to_string()
    }
}
impl ToWire for f64 {
    fn to_wire(&self) -> String {
        self.to_string()
    }
}
impl ToWire for bool {
    fn to_wire(&self) -> String {
        if *self { "true" } else { "false" }.to_owned()
    }
}
impl ToWire for chrono::NaiveDate {
    fn to_wire(&self) -> String {
        self.format(dondominio_rules::date::DATE_FORMAT).to_string()
    }
}
impl ToWire for chrono::NaiveDateTime {
    fn to_wire(&self) -> String {
        self.format(dondominio_rules::date::DATE_TIME_FORMAT)
            .to_string()
    }
}
impl ToWire for serde_json::Value {
    fn to_wire(&self) -> String {
        self.to_string()
    }
}
/// Lists are sent comma-separated.
impl<T: ToWire> ToWire for Vec<T> {
    fn to_wire(&self) -> String {
        self.iter()
            .map(ToWire::to_wire)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A value sent as base64-encoded JSON (`dnsZoneData`).
pub struct Base64Json<'a, T: ?Sized>(pub &'a T);

impl<T: serde::Serialize + ?Sized> ToWire for Base64Json<'_, T> {
    fn to_wire(&self) -> String {
        // Serializing generated types (plain structs, strings, enums as text) cannot fail.
        let json = serde_json::to_vec(self.0).unwrap_or_default();
        base64::engine::general_purpose::STANDARD.encode(json)
    }
}
