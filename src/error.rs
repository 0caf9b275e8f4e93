//! The error type of the client.

use std::time::Duration;

use crate::url_rules::UrlRule;
use crate::ErrorCode;

/// Everything that can go wrong with a call.
///
/// No variant ever contains the API password: requests carry it in the body only, and bodies
/// of requests are never stored here.
///
/// Text that came from the server (messages, bodies, a redirect's `Location`) is kept raw in
/// the fields; `Display` escapes control characters (see [`crate::sanitize::one_line`]), so a
/// displayed error is safe to print to a terminal.
///
/// `Debug` is the variant's name and the `Display` text (`Api("domain/renew: API error 1100:
/// ...")`): what `fn main() -> Result<(), Box<dyn std::error::Error>>` prints on an error stays
/// one readable line, without the raw response body (read that with [`Error::body`]).
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
    /// A builder's `build()` was called before every required parameter was set
    /// (`ContactData::builder()...build()`).
    Incomplete {
        /// The type being built, such as `ContactData`.
        item: &'static str,
        /// Each missing parameter: the builder setter to call and the parameter's wire key
        /// (sent after the prefix of where the value is used), such as `("first_name",
        /// "FirstName")`.
        missing: Vec<(&'static str, &'static str)>,
    },
    /// A billable action ([`crate::meta::Kind::Billable`]) was refused before sending: the
    /// client was built with [`crate::ClientBuilder::allow_billable`]`(false)` (allow one call
    /// with [`crate::Client::allowing_billable`]).
    BillableRefused {
        /// `module/action`.
        action: String,
    },
    /// The client could not be set up.
    Config(String),
    /// The base URL breaks a rule; refused by [`crate::ClientBuilder::build`] before any
    /// request is sent.
    BaseUrl {
        /// The URL as given, with any user name and password replaced by `***`.
        url: String,
        /// The rule it breaks.
        rule: UrlRule,
    },
    /// [`crate::ClientBuilder::build`] was called without credentials, or with an empty user
    /// name or password.
    MissingCredentials,
    /// The server answered with a redirect (3xx). Redirects are never followed: the request
    /// body holds the password, and it goes to the configured host only.
    Redirect {
        /// `module/action`.
        action: String,
        /// HTTP status code (301, 302, 303, 307, 308...).
        status: u16,
        /// The `Location` the server named, raw (at most 2048 bytes), if any.
        location: Option<String>,
    },
    /// The response body is larger than [`crate::ClientBuilder::max_response_bytes`]; reading
    /// stopped at the cap (or before reading, on a `Content-Length` above it).
    TooLarge {
        /// `module/action`.
        action: String,
        /// The cap in bytes.
        limit: u64,
        /// The `Content-Length` the server announced, if any.
        content_length: Option<u64>,
    },
    /// No answer within the call's time: the deadline
    /// ([`crate::ClientBuilder::deadline`]) passed, or the last allowed attempt timed out
    /// ([`crate::ClientBuilder::timeout`]).
    Timeout {
        /// `module/action`.
        action: String,
        /// Time from the start of the call to giving up.
        elapsed: Duration,
        /// Attempts started.
        attempts: u32,
    },
    /// A paged listing walked [`crate::paging::MAX_PAGES`] pages without an empty page and
    /// without reaching the total the responses gave: the walk stopped there.
    TooManyPages {
        /// `module/action`.
        action: String,
        /// Pages fetched.
        pages: u64,
    },
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
            | Error::Invalid { action, .. }
            | Error::BillableRefused { action }
            | Error::Redirect { action, .. }
            | Error::TooLarge { action, .. }
            | Error::Timeout { action, .. }
            | Error::TooManyPages { action, .. } => Some(action),
            Error::Config(_)
            | Error::BaseUrl { .. }
            | Error::MissingCredentials
            | Error::Incomplete { .. } => None,
        }
    }

    /// The API's error code, for [`Error::Api`].
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Error::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Whether the call ran out of time: [`Error::Timeout`], or a transport timeout.
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => source.is_timeout(),
            _ => false,
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

impl Error {
    /// The variant's name, for `Debug`.
    fn variant(&self) -> &'static str {
        match self {
            Error::Api { .. } => "Api",
            Error::Transport { .. } => "Transport",
            Error::Http { .. } => "Http",
            Error::Decode { .. } => "Decode",
            Error::Invalid { .. } => "Invalid",
            Error::Incomplete { .. } => "Incomplete",
            Error::BillableRefused { .. } => "BillableRefused",
            Error::Config(_) => "Config",
            Error::BaseUrl { .. } => "BaseUrl",
            Error::MissingCredentials => "MissingCredentials",
            Error::Redirect { .. } => "Redirect",
            Error::TooLarge { .. } => "TooLarge",
            Error::Timeout { .. } => "Timeout",
            Error::TooManyPages { .. } => "TooManyPages",
        }
    }
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple(self.variant())
            .field(&self.to_string())
            .finish()
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Server text may hold terminal escapes: format first, then escape the whole line.
        let mut raw = String::new();
        self.write_raw(&mut raw)?;
        f.write_str(&crate::sanitize::one_line(&raw))
    }
}

impl Error {
    fn write_raw(&self, f: &mut String) -> std::fmt::Result {
        use std::fmt::Write;
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
            Error::Incomplete { item, missing } => {
                let list: Vec<String> = missing
                    .iter()
                    .map(|(setter, wire)| format!("`{setter}` (wire key `{wire}`)"))
                    .collect();
                write!(
                    f,
                    "{item} cannot be built: required parameter{} not set: {}",
                    if missing.len() == 1 { "" } else { "s" },
                    list.join(", ")
                )
            }
            Error::TooManyPages { action, pages } => write!(
                f,
                "{action}: stopped after {pages} pages without reaching the end of the listing"
            ),
            Error::BillableRefused { action } => write!(
                f,
                "{action}: request refused before sending: it costs money and this client does \
                 not allow billable actions (ClientBuilder::allow_billable)"
            ),
            Error::Config(m) => write!(f, "configuration error: {m}"),
            Error::BaseUrl { url, rule } => {
                write!(f, "configuration error: base URL `{url}` refused: {rule}")
            }
            Error::MissingCredentials => write!(
                f,
                "configuration error: no credentials (a non-empty user name and password are required)"
            ),
            Error::Redirect {
                action,
                status,
                location,
            } => {
                write!(f, "{action}: the server answered with a redirect (HTTP {status})")?;
                match location {
                    Some(l) => write!(f, " to `{l}`")?,
                    None => write!(f, " without a Location")?,
                }
                write!(f, "; redirects are never followed")
            }
            Error::TooLarge {
                action,
                limit,
                content_length,
            } => {
                write!(f, "{action}: the response is larger than the cap of {limit} bytes")?;
                if let Some(len) = content_length {
                    write!(f, " (Content-Length: {len})")?;
                }
                Ok(())
            }
            Error::Timeout {
                action,
                elapsed,
                attempts,
            } => write!(
                f,
                "{action}: timed out: no answer after {:.1} s ({attempts} attempt{})",
                elapsed.as_secs_f64(),
                if *attempts == 1 { "" } else { "s" }
            ),
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
