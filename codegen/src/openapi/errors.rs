//! The error envelope: `success: false` with every error code of the spec and its meaning.

use serde_json::{json, Value};

use super::source::Api;

/// Component name of the error envelope.
pub const ENVELOPE: &str = "ErrorEnvelope";

/// The error envelope's schema.
pub fn envelope(api: &Api) -> Value {
    let codes: Vec<Value> = api
        .errors
        .iter()
        .filter(|e| e.code != 0)
        .map(|e| json!({ "const": e.code, "title": e.name, "description": e.doc }))
        .collect();
    json!({
        "title": ENVELOPE,
        "description": "The answer to a call that failed: HTTP 200 (or a 4XX status) with success=false, \
                        the error code and the API's message.",
        "type": "object",
        "required": ["success", "errorCode"],
        "properties": {
            "success": { "const": false },
            "errorCode": {
                "description": "Why the call failed; the codes of the spec, each with its meaning.",
                "oneOf": codes,
            },
            "errorCodeMsg": { "type": "string", "description": "The API's message (untrusted text)." },
            "action": { "type": "string", "description": "module/action that was called." },
            "version": { "type": "string", "description": "API version that answered." },
            "messages": messages(),
            "responseData": { "description": "Usually empty; some errors carry details." },
        },
    })
}

/// `messages`: extra text of the API, as a list, one text or an object of texts.
pub fn messages() -> Value {
    json!({
        "description": "Extra text from the API (untrusted): a list, one text, or an object of texts.",
        "type": ["array", "string", "object"],
    })
}
