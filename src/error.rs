//! The error type of the client.

use crate::ErrorCode;

/// Everything that can go wrong with a call.
///
/// No variant ever contains the API password: requests carry it in the body only, and bodies
/// of requests are never stored here.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with `success: false`.
    Api {
        /// `module/action`.
        action: String,
        /// The envelope's `errorCode`.
        code: ErrorCode,
        /// The envelope's `errorCodeMsg`.
        message: String,
        /// The envelope's `messages`.
        messages: Vec<String>,
        /// The raw response body.
        body: String,
    },
    /// The request never got a usable HTTP answer (connection, TLS, timeout...).
    Transport {
        /// `module/action`.
        action: String,
        /// The underlying error.
        source: reqwest::Error,
    },
    /// The server answered with an HTTP status other than success, or a body that is not the
    /// API's JSON envelope.
    Http {
        /// `module/action`.
        action: String,
        /// HTTP status code.
        status: u16,
        /// Why the body was not accepted.
        reason: String,
        /// The raw response body.
        body: String,
    },
    /// The envelope was fine but `responseData` does not match the spec.
    Decode {
        /// `module/action`.
        action: String,
        /// Slash path of the failing field under `responseData`.
        path: String,
        /// What was wrong.
        message: String,
        /// The raw response body.
        body: String,
    },
    /// The request was refused before sending: a required parameter is missing or a value is
    /// malformed.
    Invalid {
        /// `module/action`.
        action: String,
        /// The parameter at fault.
        param: String,
        /// What was wrong.
        reason: String,
    },
    /// The client could not be set up (credentials, base URL...).
    Config(String),
}

impl Error {
    /// The `Decode` error of `action` for a decoding failure of the response `body`.
    pub(crate) fn decode(action: &str, e: crate::decode::DecodeError, body: String) -> Error {
        Error::Decode {
            action: action.to_owned(),
            path: e.path,
            message: e.message,
            body,
        }
    }

    /// The action the error belongs to, when there is one.
    pub fn action(&self) -> Option<&str> {
        match self {
            Error::Api { action, .. }
            | Error::Transport { action, .. }
            | Error::Http { action, .. }
            | Error::Decode { action, .. }
            | Error::Invalid { action, .. } => Some(action),
            Error::Config(_) => None,
        }
    }

    /// The API's error code, for [`Error::Api`].
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Error::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The raw response body, when a response was received.
    pub fn body(&self) -> Option<&str> {
        match self {
            Error::Api { body, .. } | Error::Http { body, .. } | Error::Decode { body, .. } => {
                Some(body)
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Api {
                action,
                code,
                message,
                messages,
                ..
            } => {
                write!(f, "{action}: API error {}: {message}", code.code())?;
                if !messages.is_empty() {
                    write!(f, " ({})", messages.join("; "))?;
                }
                Ok(())
            }
            Error::Transport { action, source } => {
                write!(
                    f,
                    "{action}: transport error: {}",
                    source.without_url_display()
                )
            }
            Error::Http {
                action,
                status,
                reason,
                ..
            } => write!(f, "{action}: HTTP {status}: {reason}"),
            Error::Decode {
                action,
                path,
                message,
                ..
            } => {
                write!(f, "{action}: cannot decode responseData/{path}: {message}")
            }
            Error::Invalid {
                action,
                param,
                reason,
            } => {
                write!(
                    f,
                    "{action}: request refused before sending: `{param}`: {reason}"
                )
            }
            Error::Config(m) => write!(f, "configuration error: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } => Some(source),
            _ => None,
        }
    }
}

trait WithoutUrl {
    fn without_url_display(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_display(&self) -> String {
        // The URL holds no secret, but the error's own text is enough and stays short.
        let mut s = if self.is_timeout() {
            "timed out".to_owned()
        } else if self.is_connect() {
            "could not connect".to_owned()
        } else {
            "request failed".to_owned()
        };
        let mut src = std::error::Error::source(self);
        while let Some(e) = src {
            s.push_str(": ");
            s.push_str(&e.to_string());
            src = e.source();
        }
        s
    }
}
