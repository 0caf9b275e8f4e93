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

/// The date and time crate the response types use (`chrono::NaiveDate`...), re-exported so
/// that users name the same version without matching it by hand.
pub use chrono;
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
    /// Refuse fields and enum values the spec does not know, and missing fields.
    pub strict: bool,
    /// The response variant (such as `contact` for `domain/getinfo`); without it, the variant
    /// the response names (its selector echoed in `responseData`) or else the one that fits
    /// best (see [`decode::select_variant`]).
    pub variant: Option<String>,
}

/// Decodes a captured response body (the full envelope) of `action` into its typed response.
pub fn decode_response(
    action: Action,
    body: &[u8],
    options: &DecodeOptions,
) -> Result<AnyResponse, Error> {
    decode_response_with_report(action, body, options).map(decode::Decoded::into_value)
}

/// [`decode_response`], with the [`decode::Report`] of the fields a lenient decode filled in
/// (missing) or kept aside (unknown).
pub fn decode_response_with_report(
    action: Action,
    body: &[u8],
    options: &DecodeOptions,
) -> Result<decode::Decoded<AnyResponse>, Error> {
    let info = action.info();
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
    }
    decode_any(
        action,
        body,
        decode::Mode::strict(options.strict),
        options.variant.as_deref(),
    )
}
