//! The API errors the sandbox answers with: a code of the manual and a message.

use dondominio::meta::Violation;
use dondominio::ErrorCode;

/// A refusal, answered as an error envelope (`success: false`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The `errorCode`.
    pub code: ErrorCode,
    /// The entry of `messages` that says what was wrong.
    pub message: String,
}

impl ApiError {
    /// An error with `code` (a number of the manual's table) and a message.
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        ApiError {
            code: ErrorCode::from_code(code),
            message: message.into(),
        }
    }

    /// 101: a required parameter is missing.
    pub fn missing(param: &str) -> Self {
        Self::new(101, format!("missing required parameter `{param}`"))
    }

    /// 105: a parameter has a value that is not valid.
    pub fn invalid(param: &str, why: impl std::fmt::Display) -> Self {
        Self::new(105, format!("invalid value for `{param}`: {why}"))
    }
}

/// A request that breaks the spec's rules: 101 for a missing key, 105 for a wrong value, with
/// a message that names the wire key only (the Rust path of the client's own errors is no
/// business of a client in another language).
impl From<Violation> for ApiError {
    fn from(v: Violation) -> Self {
        match v {
            Violation::Missing { param, .. } => ApiError::missing(&param),
            Violation::Invalid { param, reason, .. } => ApiError::invalid(&param, reason),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error {}: {}", self.code.code(), self.message)
    }
}

impl std::error::Error for ApiError {}

/// What every action handler returns: the `responseData`, or a refusal.
pub type Outcome = Result<serde_json::Value, ApiError>;
