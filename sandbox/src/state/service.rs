//! Hosting services (and DNS-only zones) with their entities: FTP accounts, databases,
//! subdomains, redirections, mailboxes, aliases and DNS records.

use chrono::NaiveDate;
use dondominio::service::redirect::RedirectType;
use dondominio::service::{DnsRecordType, ServiceProductKey, ServiceRenewalMode, ServiceStatus};
use serde::{Deserialize, Serialize};

fn default_renewal() -> ServiceRenewalMode {
    ServiceRenewalMode::Autorenew
}

/// The PHP version of a new web hosting.
pub fn default_php() -> String {
    "default".into()
}

/// A hosting service of the account (or a DNS-only zone, see the module documentation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Service {
    /// Service name (a domain name).
    pub name: String,
    /// Plan (`dns`, kept as `Unknown`, for a DNS-only zone).
    pub productkey: ServiceProductKey,
    /// Where the service is in its life.
    pub status: ServiceStatus,
    /// Day it was created.
    pub ts_create: NaiveDate,
    /// Day it expires.
    pub ts_expir: NaiveDate,
    /// What happens when it expires.
    #[serde(default = "default_renewal")]
    pub renewal_mode: ServiceRenewalMode,
    /// A zone kept for a domain of the account without a hosting service.
    #[serde(default)]
    pub dns_only: bool,
    /// The PHP version chosen (one of [`PHP_VERSIONS`](crate::actions::service::PHP_VERSIONS)).
    #[serde(default = "default_php")]
    pub php_version: String,
    /// Whether parking is on.
    #[serde(default)]
    pub parking: bool,
    /// FTP accounts.
    #[serde(default)]
    pub ftp: Vec<FtpUser>,
    /// Databases.
    #[serde(default)]
    pub ddbb: Vec<Database>,
    /// Subdomains.
    #[serde(default)]
    pub subdomains: Vec<Subdomain>,
    /// HTTP redirections.
    #[serde(default)]
    pub redirects: Vec<Redirect>,
    /// Mailboxes.
    #[serde(default)]
    pub mailboxes: Vec<Mailbox>,
    /// Mail aliases.
    #[serde(default)]
    pub aliases: Vec<MailAlias>,
    /// DNS records of the zone.
    #[serde(default)]
    pub dns: Vec<DnsRecord>,
    /// The zone as it was before the last `dnssetzone` / `dnsdeleteall`, for `dnsrestore`.
    #[serde(default)]
    pub dns_backup: Option<Vec<DnsRecord>>,
}

/// An FTP account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FtpUser {
    /// Entity ID.
    pub id: String,
    /// User name.
    pub name: String,
    /// Directory it opens in.
    pub ftp_path: String,
    /// Password.
    pub password: String,
    /// Disk quota in bytes.
    pub quota: i64,
}

/// A database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Database {
    /// Entity ID.
    pub id: String,
    /// Database name (chosen by the system).
    pub name: String,
    /// User name (chosen by the system).
    pub user: String,
    /// Password.
    pub password: String,
    /// Whether it accepts connections from outside.
    #[serde(default)]
    pub external_access: bool,
}

/// A subdomain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Subdomain {
    /// Entity ID.
    pub id: String,
    /// Full host name.
    pub name: String,
    /// Directory it serves.
    pub ftp_path: String,
    /// Its certificate, if one is installed.
    #[serde(default)]
    pub ssl: Option<SubdomainSsl>,
}

/// A certificate installed on a subdomain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SubdomainSsl {
    /// Directory served over HTTPS.
    pub ftp_path: String,
    /// Certificate, PEM.
    pub cert: String,
    /// Private key, PEM.
    pub key: String,
    /// Chain, PEM.
    pub chain: String,
}

/// An HTTP redirection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Redirect {
    /// Entity ID.
    pub id: String,
    /// Address redirected (under the service's domain).
    pub origin: String,
    /// Where it sends the visitor.
    pub destination: String,
    /// Permanent, temporary or framed.
    #[serde(rename = "type")]
    pub kind: RedirectType,
}

/// A mailbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Mailbox {
    /// Entity ID.
    pub id: String,
    /// Full address.
    pub name: String,
    /// Password.
    pub password: String,
    /// Bytes used.
    #[serde(default)]
    pub usage: i64,
}

/// A mail alias (forwarder).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MailAlias {
    /// Entity ID.
    pub id: String,
    /// Full address of the alias.
    pub name: String,
    /// Addresses it forwards to.
    pub target: Vec<String>,
}

/// A DNS record of a zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DnsRecord {
    /// Entity ID.
    pub id: String,
    /// Full host name.
    pub name: String,
    /// The record type, which says the format of the value.
    #[serde(rename = "type")]
    pub kind: DnsRecordType,
    /// Time to live in seconds; `None` for the zone default.
    #[serde(default)]
    pub ttl: Option<i64>,
    /// Priority (MX and SRV only).
    #[serde(default)]
    pub priority: Option<i64>,
    /// Value in the format of its type.
    pub value: String,
}
