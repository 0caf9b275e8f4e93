//! Rules for `api.yaml`: the error codes.

use std::collections::HashMap;

use super::Checker;
use crate::names::camel;

/// Error code names become `ErrorCode` variants: usable, unique, `Unknown` reserved; each code
/// appears once and is documented.
pub(super) fn error_codes(c: &mut Checker) {
    let spec = c.spec;
    c.at("api.yaml", None);
    let keys = spec
        .api
        .errors
        .keys()
        .map(|k| (k.clone(), camel(k)))
        .collect();
    c.names("errors", keys, "error code");
    let mut codes: HashMap<i64, String> = HashMap::new();
    for (name, e) in spec.api.errors.iter() {
        c.doc(&format!("errors.{name}"), &e.doc);
        if let Some(other) = codes.insert(e.code, name.clone()) {
            c.err(
                &format!("errors.{name}"),
                format!("code {} is also `{other}`", e.code),
            );
        }
    }
    for (name, rust) in spec.api.errors.keys().map(|k| (k, camel(k))) {
        if rust == "Unknown" {
            c.err(
                &format!("errors.{name}"),
                "`Unknown` is reserved for codes the spec does not list",
            );
        }
    }
}
