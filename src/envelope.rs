//! The JSON envelope every response comes in.

use serde_json::Value;

use crate::decode::{Cx, Decode};
use crate::{Error, ErrorCode};

/// A response envelope, with `responseData` left untyped.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
    pub fn parse(action: &str, status: u16, bytes: &[u8]) -> Result<Envelope, Error> {
        let body = String::from_utf8_lossy(bytes).into_owned();
        let http = |reason: String| Error::Http {
            action: action.to_owned(),
            status,
            reason,
            body: body.clone(),
        };
        let value: Value = serde_json::from_slice(bytes).map_err(|e| {
            http(if (200..300).contains(&status) {
                format!("the body is not JSON: {e}")
            } else {
                "the server did not answer with the API's JSON envelope".to_owned()
            })
        })?;
        let mut cx = Cx::new(false);
        let o = cx
            .object(&value)
            .map_err(|e| http(format!("the envelope is not a JSON object: {}", e.message)))?;
        let field = |e: crate::decode::DecodeError| {
            http(format!("bad envelope field `{}`: {}", e.path, e.message))
        };
        let success: bool = cx.req(o, "success").map_err(field)?;
        let code: i64 = cx
            .opt(o, "errorCode")
            .map_err(field)?
            .unwrap_or(if success { 0 } else { -1 });
        Ok(Envelope {
            success,
            error_code: ErrorCode::from_code(code),
            error_code_msg: cx
                .opt(o, "errorCodeMsg")
                .map_err(field)?
                .unwrap_or_default(),
            action: cx.opt(o, "action").map_err(field)?.unwrap_or_default(),
            version: cx.opt(o, "version").map_err(field)?.unwrap_or_default(),
            messages: cx.opt(o, "messages").map_err(field)?.unwrap_or_default(),
            response_data: o.get("responseData").cloned().unwrap_or(Value::Null),
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

impl Decode for Envelope {
    fn decode(v: &Value, _: &mut Cx) -> Result<Self, crate::decode::DecodeError> {
        let bytes = v.to_string();
        Envelope::parse("", 200, bytes.as_bytes()).map_err(|e| crate::decode::DecodeError {
            path: String::new(),
            message: e.to_string(),
        })
    }
}
