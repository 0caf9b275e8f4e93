//! The guide: how to use the crate, one topic per page.
//!
//! Read in order, the pages take you from a first call to testing your own code:
//!
//! 1. [`quick_start`]: a client and a first call.
//! 2. [`credentials`]: where the user name and password come from; the client builder.
//! 3. [`errors`]: what can fail, and how to match the API's error codes.
//! 4. [`decoding`]: strict and lenient decoding, and the report of what a lenient decode
//!    filled in or kept aside.
//! 5. [`paging`]: walking every page of a listing as a stream.
//! 6. [`retries`]: which calls are retried, the burst guard, the deadline and the response
//!    size cap.
//! 7. [`features`]: one Cargo feature per API module.
//! 8. [`testing`]: testing your own code against the sandbox (a stateful server of the API on
//!    loopback), with scripted faults and a clock.
//! 9. [`cli`]: the `dondominio` command line.
//!
//! Every API module has its own page with an example ([`tool`](crate::tool),
//! [`account`](crate::account), [`domain`](crate::domain), [`contact`](crate::contact),
//! [`service`](crate::service), [`ssl`](crate::ssl), [`user`](crate::user)), and so do the
//! main methods of each (such as [`DomainApi::check`](crate::domain::DomainApi::check)).
//!
//! The examples run as tests against the sandbox: the lines hidden in them start one and point
//! the client at it; the lines shown are what you write against the real API.

#[doc = include_str!("../docs/guide/quick_start.md")]
pub mod quick_start {}

#[doc = include_str!("../docs/guide/credentials.md")]
pub mod credentials {}

#[doc = include_str!("../docs/guide/errors.md")]
pub mod errors {}

#[doc = include_str!("../docs/guide/decoding.md")]
pub mod decoding {}

#[doc = include_str!("../docs/guide/paging.md")]
pub mod paging {}

#[doc = include_str!("../docs/guide/retries.md")]
pub mod retries {}

#[doc = include_str!("../docs/guide/features.md")]
pub mod features {}

#[doc = include_str!("../docs/guide/testing.md")]
pub mod testing {}

#[doc = include_str!("../docs/guide/cli.md")]
pub mod cli {}
