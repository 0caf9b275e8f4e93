//! Typed async bindings for the DonDominio / MrDomain registrar API (the "Simple-POST" API).
//!
//! Everything API-specific (actions, parameters, response types, error codes) is generated at
//! build time from the YAML spec in `spec/`; this crate adds the runtime: the [`Client`], the
//! lenient decoding of the API's loosely typed JSON, errors and paging.
//!
//! ```no_run
//! # async fn run() -> Result<(), dondominio::Error> {
//! let client = dondominio::Client::from_env()?;
//! let info = client.domain().getinfo("example.com").await?;
//! println!("{info:?}");
//! # Ok(())
//! # }
//! ```
//!
//! Each module of the API is a Cargo feature (`tool`, `account`, `domain`, `contact`,
//! `service`, `ssl`, `user`; all on by default).

#![warn(missing_docs)]

mod client;
pub mod decode;
pub mod entity;
mod envelope;
mod error;
pub mod meta;
pub mod paging;
mod retry;
pub mod sanitize;
mod url_rules;
pub mod wire;

pub use client::{
    Client, ClientBuilder, Credentials, Request, DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES,
    ENV_PASSWORD, ENV_USER,
};
pub use envelope::Envelope;
pub use error::Error;
pub use url_rules::UrlRule;

/// A boxed future, as returned by `IntoFuture` of the request builders.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

#[allow(clippy::all)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}
pub use generated::*;

/// How [`decode_response`] decodes.
#[derive(Debug, Clone, Default)]
pub struct DecodeOptions {
    /// Refuse fields and enum values the spec does not know.
    pub strict: bool,
    /// The response variant (such as `contact` for `domain/getinfo`); without it, the first
    /// variant that decodes wins, starting with the default one.
    pub variant: Option<String>,
}

/// Decodes a captured response body (the full envelope) of `action` into its typed response.
pub fn decode_response(
    action: Action,
    body: &[u8],
    options: &DecodeOptions,
) -> Result<AnyResponse, Error> {
    let info = action.info();
    let envelope = Envelope::parse(info.path, 200, body)?.into_success(info.path)?;
    let to_error = |e: decode::DecodeError| Error::decode(info.path, e, envelope.body.clone());
    let data = &envelope.response_data;
    let try_variant =
        |v: Option<&str>| decode_any(action, data, &mut decode::Cx::new(options.strict), v);
    if let Some(v) = &options.variant {
        if !info.variants.contains(&v.as_str()) {
            return Err(Error::Invalid {
                action: info.path.to_owned(),
                param: "variant".into(),
                reason: if info.variants.is_empty() {
                    "this action's response has no variants".into()
                } else {
                    format!("`{v}` is not one of {}", info.variants.join(", "))
                },
            });
        }
        return try_variant(Some(v)).map_err(to_error);
    }
    if info.variants.is_empty() {
        return try_variant(None).map_err(to_error);
    }
    let default = info.selector.and_then(|s| s.default);
    let order = default.into_iter().chain(
        info.variants
            .iter()
            .copied()
            .filter(|v| Some(*v) != default),
    );
    let mut first_error = None;
    for v in order {
        match try_variant(Some(v)) {
            Ok(r) => return Ok(r),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(to_error(first_error.unwrap_or_else(|| {
        decode::DecodeError {
            path: String::new(),
            message: "no variant".into(),
        }
    })))
}
