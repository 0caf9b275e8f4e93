//! Domains of an account, with their glue records, DS records and history, and the domains
//! that left it.

use chrono::{NaiveDate, NaiveDateTime};
use dondominio::types::{DomainStatus, OwnerVerification, RenewalMode, TransferStatus};
use serde::{Deserialize, Serialize};

/// A domain of the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Domain {
    /// Numeric identifier (`domainID`).
    pub id: i64,
    /// Full name, such as `example.com`.
    pub name: String,
    /// Where the domain is in its life (registration, transfer, expiry).
    pub status: DomainStatus,
    /// Day of registration (or of the transfer request).
    pub ts_create: NaiveDate,
    /// Day the registration ends.
    pub ts_expir: NaiveDate,
    /// Day a pending registration or transfer completes, while it is pending.
    #[serde(default)]
    pub pending_until: Option<NaiveDate>,
    /// What happens when it expires.
    #[serde(default = "default_renewal")]
    pub renewal_mode: RenewalMode,
    /// Whether changes are blocked.
    #[serde(default)]
    pub modify_block: bool,
    /// Whether transfers away are blocked.
    #[serde(default)]
    pub transfer_block: bool,
    /// Whether the whois data is hidden.
    #[serde(default)]
    pub whois_privacy: bool,
    /// Whether the owner's whois data is public.
    #[serde(default = "super::yes")]
    pub view_whois: bool,
    /// The transfer code.
    pub authcode: String,
    /// Free label.
    #[serde(default)]
    pub tag: Option<String>,
    /// Contact IDs of owner, admin, tech and billing contacts.
    pub owner: String,
    /// Administrative contact ID.
    pub admin: String,
    /// Technical contact ID.
    pub tech: String,
    /// Billing contact ID.
    pub billing: String,
    /// The verification state of the owner's data.
    #[serde(default = "default_verification")]
    pub ownerverification: OwnerVerification,
    /// Name servers in order.
    pub nameservers: Vec<String>,
    /// Glue records (name servers under the domain).
    #[serde(default)]
    pub gluerecords: Vec<GlueRecord>,
    /// Whether DNSSEC is on.
    #[serde(default)]
    pub dnssec_active: bool,
    /// DS records.
    #[serde(default)]
    pub dnssec: Vec<DsRecord>,
    /// Where a running transfer is; `None` when no transfer runs.
    #[serde(default)]
    pub transfer_status: Option<TransferStatus>,
    /// What happened to the domain, oldest first (only ever added to: the store appends).
    #[serde(default)]
    pub history: super::List<HistoryEntry>,
}

fn default_renewal() -> RenewalMode {
    RenewalMode::Autorenew
}

fn default_verification() -> OwnerVerification {
    OwnerVerification::Verified
}

impl Domain {
    /// The TLD (`com` for `example.com`).
    pub fn tld(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(&self.name)
    }

    /// Whether the domain uses the registrar's parking name servers.
    pub fn default_ns(&self) -> bool {
        self.nameservers
            .iter()
            .eq(crate::actions::domain::DEFAULT_NS.iter())
    }
}

/// A glue record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlueRecord {
    /// Host name under the domain.
    pub name: String,
    /// IPv4 address.
    pub ipv4: String,
    /// IPv6 address, if any.
    #[serde(default)]
    pub ipv6: Option<String>,
}

/// A DNSSEC DS record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DsRecord {
    /// Key tag.
    pub keytag: i64,
    /// Algorithm number.
    pub algorithm: i64,
    /// Digest type number.
    pub digesttype: i64,
    /// The digest.
    pub digest: String,
}

/// One line of a domain's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// When it happened.
    pub ts: NaiveDateTime,
    /// Address the change came from.
    pub ip: String,
    /// Short title.
    pub title: String,
    /// What changed.
    pub message: String,
}

/// A domain that left the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeletedDomain {
    /// Its name.
    pub name: String,
    /// The day it was deleted.
    pub ts_deleted: NaiveDate,
    /// Why.
    pub info: String,
}
