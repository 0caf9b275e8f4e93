//! The rules of the DonDominio wire that more than one part of the project applies, each
//! written once: the generator's spec checker (`dondominio-codegen`), the client
//! (`dondominio`, which re-exports this crate as `dondominio::rules`), the sandbox and the
//! command line all call these functions instead of keeping their own copy.
//!
//! - [`date`]: which texts are dates and dates with a time, and what they mean.
//! - [`form`]: which value of a form key counts when the key is sent more than once.
//!
//! The crate is small and has no dependency on the client, so the generator (which the
//! client's build script runs) can depend on it too.

#![warn(missing_docs)]

pub mod date;
pub mod form;
