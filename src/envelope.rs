//! The JSON envelope every response comes in.

use serde_json::Value;

use crate::decode::Lenient;
use crate::{Error, ErrorCode};

/// A response envelope, with `responseData` left untyped.
///
/// It serializes under the wire names (`errorCode`, `responseData`...), so what it writes reads
/// like the API's own answer (without the raw body).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    /// Whether the call worked.
    pub success: bool,
    /// `errorCode`: 0 on success.
    #[serde(serialize_with = "ser_code")]
    pub error_code: ErrorCode,
    /// `errorCodeMsg`: the API's text for the code.
    pub error_code_msg: String,
    /// `action` as the API echoes it (`domain/check`).
    pub action: String,
    /// `version`: the API version that answered.
    pub version: String,
    /// `messages`: extra text from the API.
    pub messages: Vec<String>,
    /// `responseData`, untyped.
    pub response_data: Value,
    /// The raw body.
    #[serde(skip)]
    pub body: String,
}

fn ser_code<S: serde::Serializer>(c: &ErrorCode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(c.code())
}

impl Envelope {
    /// Parses a response body of `action` received with HTTP `status`.
    ///
    /// The envelope's own fields are read however loosely typed they arrive: `errorCode` as a
    /// number or numeric text, `errorCodeMsg` and `messages` as text, numbers, lists or objects
    /// (kept as compact JSON text), so the API's error is never lost to a decode error.
    pub fn parse(action: &str, status: u16, bytes: &[u8]) -> Result<Envelope, Error> {
        let body = String::from_utf8_lossy(bytes).into_owned();
        let http = |reason: String, body: String| Error::Http {
            action: action.to_owned(),
            status,
            reason,
            body,
        };
        let value: Value = match serde_json::from_slice(bytes) {
            Ok(v) => v,
            Err(e) => {
                let reason = if (200..300).contains(&status) {
                    format!("the body is not JSON: {e}")
                } else {
                    "the server did not answer with the API's JSON envelope".to_owned()
                };
                return Err(http(reason, body));
            }
        };
        let Value::Object(mut o) = value else {
            return Err(http("the envelope is not a JSON object".to_owned(), body));
        };
        let success = match o.get("success").map(<bool as Lenient>::lenient) {
            Some(Ok(b)) => b,
            Some(Err(e)) => {
                return Err(http(format!("bad envelope field `success`: {e}"), body));
            }
            None => {
                return Err(http(
                    "bad envelope field `success`: missing field".to_owned(),
                    body,
                ))
            }
        };
        let mut error_code_msg = o.get("errorCodeMsg").map(text).unwrap_or_default();
        let code = match o.get("errorCode") {
            None | Some(Value::Null) => {
                if success {
                    0
                } else {
                    -1
                }
            }
            Some(v) => match <i64 as Lenient>::lenient(v) {
                Ok(c) => c,
                Err(_) => {
                    // A code that is no number: keep its text with the message.
                    let raw = text(v);
                    error_code_msg = if error_code_msg.is_empty() {
                        format!("(errorCode {raw})")
                    } else {
                        format!("{error_code_msg} (errorCode {raw})")
                    };
                    -1
                }
            },
        };
        Ok(Envelope {
            success,
            error_code: ErrorCode::from_code(code),
            error_code_msg,
            action: o.get("action").map(text).unwrap_or_default(),
            version: o.get("version").map(text).unwrap_or_default(),
            messages: o.get("messages").map(messages).unwrap_or_default(),
            response_data: o.remove("responseData").unwrap_or(Value::Null),
            body,
        })
    }

    /// The envelope itself when `success` is true, else the API error it reports.
    pub fn into_success(self, action: &str) -> Result<Envelope, Error> {
        if self.success {
            Ok(self)
        } else {
            Err(Error::Api {
                action: action.to_owned(),
                code: self.error_code,
                message: self.error_code_msg,
                messages: self.messages,
                body: self.body,
            })
        }
    }
}

/// A loosely typed envelope value as text: strings as they are, `null` as nothing, lists of
/// texts joined with `; `, anything else as compact JSON.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) if items.iter().all(|i| !i.is_array() && !i.is_object()) => items
            .iter()
            .map(text)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// `messages`: a list, or one message, or an object of messages; empty ones are dropped.
fn messages(v: &Value) -> Vec<String> {
    let items: Vec<&Value> = match v {
        Value::Array(items) => items.iter().collect(),
        Value::Object(o) => o.values().collect(),
        other => vec![other],
    };
    items
        .into_iter()
        .map(text)
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_error_fields_keep_the_code_and_the_message() {
        let body = br#"{"success": "0", "errorCode": "101", "errorCodeMsg": {"en": "bad"},
            "messages": "one message"}"#;
        let e = Envelope::parse("x/y", 200, body).unwrap();
        assert!(!e.success);
        assert_eq!(e.error_code.code(), 101);
        assert_eq!(e.error_code_msg, r#"{"en":"bad"}"#);
        assert_eq!(e.messages, ["one message"]);

        let body = br#"{"success": false, "errorCode": "E-12", "errorCodeMsg": 42,
            "messages": [{"text": "a"}, "b", null]}"#;
        let e = Envelope::parse("x/y", 200, body).unwrap();
        assert_eq!(e.error_code.code(), -1);
        assert_eq!(e.error_code_msg, "42 (errorCode E-12)");
        assert_eq!(e.messages, [r#"{"text":"a"}"#, "b"]);

        let body = br#"{"success": false, "errorCode": 2001, "errorCodeMsg": ["a", "b"]}"#;
        let e = Envelope::parse("x/y", 200, body).unwrap();
        assert_eq!(e.error_code_msg, "a; b");
    }

    #[test]
    fn serializes_under_the_wire_names() {
        let body = br#"{"success": true, "errorCode": 0, "errorCodeMsg": "", "action": "x/y",
            "version": "1.0.20", "messages": ["ok"], "responseData": {"a": 1}}"#;
        let e = Envelope::parse("x/y", 200, body).unwrap();
        let written = serde_json::to_value(&e).unwrap();
        let read: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert_eq!(written, read);
    }
}
