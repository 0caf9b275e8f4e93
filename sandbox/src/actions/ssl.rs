//! SSL certificates: products, CSR tools, orders, validation, reissue and renewal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Ctx;
use crate::error::Outcome;
use crate::params::Params;
use crate::state::Account;

/// An SSL certificate of the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Certificate {
    /// Identifier.
    pub id: i64,
    /// Common name.
    pub common_name: String,
    /// Product ID of the catalogue.
    pub product_id: i64,
    /// State (`SslStatus` wire value).
    pub status: String,
}

/// Runs an `ssl/*` action.
pub fn run(_name: &str, _p: &Params, _a: &mut Account, cx: &Ctx) -> Outcome {
    Err(super::not_simulated(cx.info.action))
}

/// Lets time act on the certificates; true when something changed.
pub fn tick(_a: &mut Account, _today: NaiveDate) -> bool {
    false
}

/// Adds the demo data of this module to a seeded account.
pub fn demo(_a: &mut Account, _today: NaiveDate) {}
