//! The error envelope: `success: false` with every error code of the spec and its meaning.

use serde_json::{json, Value};

use super::source::Api;

/// Component name of the error envelope.
pub const ENVELOPE: &str = "ErrorEnvelope";

/// The error envelope's schema.
pub fn envelope(api: &Api) -> Value {
    // An integer enum, not a `oneOf` of `const`s: openapi-python-client 0.29 generates code
    // that tries only the first `const`. The names and meanings go in `x-enumNames` (read by
    // openapi-generator and NSwag), `x-enumDescriptions` and the description.
    let errors: Vec<_> = api.errors.iter().filter(|e| e.code != 0).collect();
    let codes: Vec<i64> = errors.iter().map(|e| e.code).collect();
    let names: Vec<&str> = errors.iter().map(|e| e.name.as_str()).collect();
    let meanings: serde_json::Map<String, Value> = errors
        .iter()
        .map(|e| (e.code.to_string(), json!(e.doc.trim())))
        .collect();
    let list: Vec<String> = errors
        .iter()
        .map(|e| format!("- `{}` {}: {}", e.code, e.name, e.doc.trim()))
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
                "description": format!("Why the call failed:\n\n{}", list.join("\n")),
                "type": "integer",
                "enum": codes,
                "x-enumNames": names,
                "x-enumDescriptions": meanings,
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
        "anyOf": [
            { "type": "array", "items": {} },
            { "type": "string" },
            { "type": "object" },
        ],
    })
}
