//! The sandbox's state: plain data, serializable, with no behaviour beyond look-ups and the
//! passing of time. What each action does to it lives in [`crate::actions`].
//!
//! One file per resource: [`contact`], [`domain`], [`service`] (hosting services, their
//! entities and DNS records), [`ssl`], [`user`], and the shared price [`catalog`].
//!
//! Fields are typed with the client's generated types (`dondominio::types::DomainStatus`,
//! `dondominio::service::DnsRecordType`...), whose serialized form is their wire text: a state
//! file reads as before (`"status": "active"`), and a value the spec does not list is kept in
//! the enum's `Unknown` variant and survives a round trip.

pub mod catalog;
pub mod contact;
pub mod domain;
pub mod service;
pub mod ssl;
pub mod user;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub use catalog::{Catalog, SslProduct, ZonePrice};
pub use contact::Contact;
pub use domain::{DeletedDomain, Domain, DsRecord, GlueRecord, HistoryEntry};
pub use service::{
    Database, DnsRecord, FtpUser, MailAlias, Mailbox, Redirect, Service, Subdomain, SubdomainSsl,
};
pub use ssl::{Certificate, Dcv};
pub use user::User;

/// Everything the sandbox knows: the price catalogue, the clock and every account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct World {
    /// Prices and products, shared by every account.
    #[serde(default = "crate::seed::catalog")]
    pub catalog: Catalog,
    /// The accounts by API user name.
    #[serde(default)]
    pub accounts: BTreeMap<String, AccountSlot>,
}

/// One account: its password, the data it started from (for reset) and its current data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AccountSlot {
    /// The `apipasswd` the account accepts.
    pub password: String,
    /// Days the account's clock is ahead of the real date (moved by `/_sandbox/clock`); each
    /// account has its own, so tests sharing a sandbox do not move each other's time.
    #[serde(default)]
    pub clock_offset_days: i64,
    /// What `/_sandbox/reset` brings the account back to.
    pub seed: Account,
    /// The account as it is now.
    pub state: Account,
}

/// The data of one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Account {
    /// Name shown by `account/info`.
    #[serde(default = "default_client_name")]
    pub client_name: String,
    /// Money available for billable actions.
    #[serde(default)]
    pub balance: f64,
    /// Balance under which the registrar warns the customer.
    #[serde(default)]
    pub threshold: f64,
    /// Currency of the balance and of every price.
    #[serde(default = "default_currency")]
    pub currency: String,
    /// The next number handed out as an identifier (domains, entities, certificates).
    #[serde(default = "default_next_id")]
    pub next_id: i64,
    /// Contacts by ID.
    #[serde(default)]
    pub contacts: Map<String, Contact>,
    /// Domains by name.
    #[serde(default)]
    pub domains: Map<String, Domain>,
    /// Domains that have left the account (deleted after expiry), newest last.
    #[serde(default)]
    pub deleted_domains: List<DeletedDomain>,
    /// Hosting services by name.
    #[serde(default)]
    pub services: Map<String, Service>,
    /// External users by user name.
    #[serde(default)]
    pub users: Map<String, User>,
    /// SSL certificates by ID.
    #[serde(default)]
    pub certificates: Map<i64, Certificate>,
}

/// An ordered map with structural sharing: O(1) clone, O(log n) reads and writes, and a
/// difference between two versions that skips the nodes they share.
pub type Map<K, V> = imbl::OrdMap<K, V>;

/// A list with structural sharing (O(1) clone, cheap push at the end).
pub type List<T> = imbl::Vector<T>;

fn default_client_name() -> String {
    "Sandbox customer".into()
}

fn default_currency() -> String {
    "EUR".into()
}

fn default_next_id() -> i64 {
    1000
}

/// `true`, the serde default of flags that are on unless a file says otherwise.
fn yes() -> bool {
    true
}

/// `1`, the serde default of counts that start at one.
fn one() -> i64 {
    1
}

impl Default for Account {
    fn default() -> Self {
        Account {
            client_name: default_client_name(),
            balance: 0.0,
            threshold: 0.0,
            currency: default_currency(),
            next_id: default_next_id(),
            contacts: Map::new(),
            domains: Map::new(),
            deleted_domains: List::new(),
            services: Map::new(),
            users: Map::new(),
            certificates: Map::new(),
        }
    }
}

impl Account {
    /// Hands out a new identifier.
    pub fn new_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    /// The account without its collections (its balance, name, currency...), in O(1).
    pub fn without_collections(&self) -> Account {
        Account {
            contacts: Map::new(),
            domains: Map::new(),
            deleted_domains: List::new(),
            services: Map::new(),
            users: Map::new(),
            certificates: Map::new(),
            ..self.clone()
        }
    }

    /// Whether `other` holds the same data; what the two versions share is not compared, so
    /// this costs O(1) for a copy that nothing changed.
    pub fn same_as(&self, other: &Account) -> bool {
        self.without_collections() == other.without_collections()
            && self.contacts.diff(&other.contacts).next().is_none()
            && self.domains.diff(&other.domains).next().is_none()
            && self.services.diff(&other.services).next().is_none()
            && self.users.diff(&other.users).next().is_none()
            && self.certificates.diff(&other.certificates).next().is_none()
            && (self.deleted_domains.ptr_eq(&other.deleted_domains)
                || self.deleted_domains == other.deleted_domains)
    }

    /// The domain with this numeric ID.
    pub fn domain_by_id(&self, id: i64) -> Option<&Domain> {
        self.domains.values().find(|d| d.id == id)
    }
}

impl AccountSlot {
    /// The account's today: the real date moved by its clock offset.
    pub fn today(&self) -> NaiveDate {
        let real = chrono::Utc::now().date_naive();
        shift(real, self.clock_offset_days)
    }

    /// The sandbox's now, as a timestamp.
    pub fn now(&self) -> NaiveDateTime {
        // Whole seconds: the API's timestamps have no fractions.
        let real = chrono::Utc::now().naive_utc();
        let day = shift(real.date(), self.clock_offset_days);
        let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(
            chrono::Timelike::num_seconds_from_midnight(&real.time()),
            0,
        )
        .unwrap_or(chrono::NaiveTime::MIN);
        day.and_time(time)
    }
}

/// `day` moved by `days` (either way), saturating at the ends of the calendar.
pub fn shift(day: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        day.checked_add_days(Days::new(days.unsigned_abs()))
            .unwrap_or(NaiveDate::MAX)
    } else {
        day.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// `day` moved by whole years, keeping the day of the month where it exists.
pub fn add_years(day: NaiveDate, years: i64) -> NaiveDate {
    let months = chrono::Months::new(u32::try_from(years.clamp(0, 100) * 12).unwrap_or(0));
    day.checked_add_months(months).unwrap_or(NaiveDate::MAX)
}
