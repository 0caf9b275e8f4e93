//! Typed async bindings for the DonDominio / MrDomain registrar API (the "Simple-POST" API).
//!
//! Every action of the API is a method (`client.domain().create(..)`), with the required
//! parameters as arguments and builder methods for the optional ones; every answer is a typed
//! response. Everything API-specific (actions, parameters, response types, error codes) is
//! generated at build time from a YAML spec of the vendor's manual; the crate adds the runtime:
//! the [`Client`], lenient decoding of the API's loosely typed JSON, errors, retries and paging.
//!
//! ```
//! use dondominio::Client;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = dondominio_sandbox::Sandbox::start()?;
//! # std::env::set_var("DONDOMINIO_API_USER", "sandbox");
//! # std::env::set_var("DONDOMINIO_API_PASSWD", "sandbox");
//! // DONDOMINIO_API_USER and DONDOMINIO_API_PASSWD hold the account's API credentials.
//! let client = Client::from_env()?;
//! # let client = dondominio::Client::builder().base_url(sandbox.url())
//! #     .credentials(dondominio::Credentials::from_env()?).build()?;
//! let answer = client.domain().check("my-new-name.com").await?;
//! if answer.domains[0].available {
//!     let created = client.domain().create("my-new-name.com", "SBX-1001").period(2).await?;
//!     println!("registered for {} {}", created.billing.total, created.billing.currency);
//! }
//! # Ok(()) }
//! ```
//!
//! # Where to start
//!
//! - The [`guide`]: [quick start](guide::quick_start), [credentials](guide::credentials),
//!   [errors](guide::errors), [strict and lenient decoding](guide::decoding),
//!   [paging](guide::paging), [retries, burst guard, deadline](guide::retries),
//!   [features](guide::features), [testing against the sandbox](guide::testing) and
//!   [the command line](guide::cli).
//! - One module per API module, each with its actions and examples: [`tool`], [`account`],
//!   [`domain`], [`contact`], [`service`], [`ssl`], [`user`]; the types they share are in
//!   [`types`].
//! - The runtime: [`Client`] and [`ClientBuilder`], [`Error`] and [`ErrorCode`], [`paging`],
//!   [`decode`] (the loose forms the API sends), [`meta`] (every action's parameters and kind).
//!
//! Each API module is a Cargo feature (`tool`, `account`, `domain`, `contact`, `service`,
//! `ssl`, `user`; all on by default): see [features](guide::features).

#![warn(missing_docs)]

mod client;
pub mod decode;
pub mod entity;
mod envelope;
mod error;
pub mod guide;
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
    Call, Client, ClientBuilder, Credentials, Preview, Request, Selected, DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES, ENV_BASE_URL, ENV_PASSWORD, ENV_USER,
};
/// The wire rules shared with the generator, the sandbox and the command line (date text,
/// repeated form keys), from the `dondominio-rules` crate.
pub use dondominio_rules as rules;
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
#[inline]
pub fn decode_response(
    action: Action,
    body: &[u8],
    options: &DecodeOptions,
) -> Result<AnyResponse, Error> {
    decode_response_with_report(action, body, options).map(decode::Decoded::into_value)
}

/// [`decode_response`], with the [`decode::Report`] of the fields a lenient decode filled in
/// (missing) or kept aside (unknown).
#[inline]
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
