//! External users of the account and their permissions over domains.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Ctx;
use crate::error::Outcome;
use crate::params::Params;
use crate::state::Account;

/// An external user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct User {
    /// Login name.
    pub username: String,
    /// `enabled` or `disabled`.
    pub status: String,
}

/// Runs a `user/*` action.
pub fn run(_name: &str, _p: &Params, _a: &mut Account, cx: &Ctx) -> Outcome {
    Err(super::not_simulated(cx.info.action))
}

/// Adds the demo data of this module to a seeded account.
pub fn demo(_a: &mut Account, _today: NaiveDate) {}
