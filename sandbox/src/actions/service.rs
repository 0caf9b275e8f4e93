//! Hosting services and their entities (FTP, databases, subdomains, redirects, mailboxes,
//! aliases, DNS records).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Ctx;
use crate::error::Outcome;
use crate::params::Params;
use crate::state::Account;

/// A hosting service of the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Service {
    /// Service name (a domain name).
    pub name: String,
    /// Plan (`ServiceProductKey` wire value).
    pub productkey: String,
    /// State (`ServiceStatus` wire value).
    pub status: String,
    /// Day it was created.
    pub ts_create: NaiveDate,
    /// Day it expires.
    pub ts_expir: NaiveDate,
}

/// Runs a `service/*` action.
pub fn run(_name: &str, _p: &Params, _a: &mut Account, cx: &Ctx) -> Outcome {
    Err(super::not_simulated(cx.info.action))
}

/// The hosting service linked to a domain, as `domain/getinfo` shows it.
pub fn domain_service(a: &Account, domain: &str) -> Option<dondominio::domain::DomainService> {
    let s = a.services.get(domain)?;
    Some(dondominio::domain::DomainService {
        name: s.name.clone(),
        r#type: "Hosting".into(),
        productkey: s.productkey.clone(),
        status: s.status.clone(),
        ts_expir: s.ts_expir,
        extra: Default::default(),
    })
}

/// Lets time act on the services; true when something changed.
pub fn tick(_a: &mut Account, _today: NaiveDate) -> bool {
    false
}

/// Adds the demo data of this module to a seeded account.
pub fn demo(_a: &mut Account, _today: NaiveDate) {}
