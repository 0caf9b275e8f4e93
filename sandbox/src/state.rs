//! The sandbox's state: plain data, serializable, with no behaviour beyond look-ups and the
//! passing of time. What each action does to it lives in [`crate::actions`].
//!
//! Enumerated values (domain status, renewal mode...) are kept as their wire text, so a state
//! file stays readable and a value the spec does not list survives a round trip.
//!
//! The collections of an account are persistent maps ([`Map`], [`List`]): cloning an account
//! costs O(1) whatever its size (the clone shares every node until one side changes), so a
//! request works on a copy that a failure simply drops, and the changes of a request are the
//! maps' difference, found without visiting the parts both sides share.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::actions::service::Service;
use crate::actions::ssl::Certificate;
use crate::actions::user::User;

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

/// A contact of the account (the whois data of domains).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Contact {
    /// `individual` or `organization`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Organisation name, empty for a person.
    #[serde(default)]
    pub org_name: String,
    /// Spanish organisation type code, or empty.
    #[serde(default)]
    pub org_type: String,
    /// Tax or identity number.
    pub ident_number: String,
    /// E-mail address.
    pub email: String,
    /// Phone, `+CC.NNNN`.
    pub phone: String,
    /// Fax, `+CC.NNNN` or empty.
    #[serde(default)]
    pub fax: String,
    /// Street address.
    pub address: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// State or province.
    pub state: String,
    /// ISO country code.
    pub country: String,
    /// Verification state of the data (`verified`, `inprocess`...).
    #[serde(default = "default_verification")]
    pub verification: String,
    /// Whether the contact accepted the designated-agent terms.
    #[serde(default)]
    pub daaccepted: bool,
}

fn default_verification() -> String {
    "verified".into()
}

impl Contact {
    /// The name shown in listings: the organisation, or the person.
    pub fn display_name(&self) -> String {
        if self.kind == "organization" && !self.org_name.is_empty() {
            self.org_name.clone()
        } else {
            format!("{} {}", self.first_name, self.last_name)
        }
    }
}

/// A domain of the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Domain {
    /// Numeric identifier (`domainID`).
    pub id: i64,
    /// Full name, such as `example.com`.
    pub name: String,
    /// Wire value of the domain status (`active`, `transfer-pending`...).
    pub status: String,
    /// Day of registration (or of the transfer request).
    pub ts_create: NaiveDate,
    /// Day the registration ends.
    pub ts_expir: NaiveDate,
    /// Day a pending registration or transfer completes, while it is pending.
    #[serde(default)]
    pub pending_until: Option<NaiveDate>,
    /// `autorenew`, `manual` or `letexpire`.
    #[serde(default = "default_renewal")]
    pub renewal_mode: String,
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
    #[serde(default = "yes")]
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
    /// Wire value of the owner's verification state.
    #[serde(default = "default_verification")]
    pub ownerverification: String,
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
    /// Wire value of the transfer status while a transfer runs.
    #[serde(default)]
    pub transfer_status: Option<String>,
    /// What happened to the domain, oldest first (only ever added to: the store appends).
    #[serde(default)]
    pub history: List<HistoryEntry>,
}

fn default_renewal() -> String {
    "autorenew".into()
}

fn yes() -> bool {
    true
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

/// Prices and products, shared by every account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Catalog {
    /// Zones (TLDs) on sale, by TLD without the dot.
    pub zones: BTreeMap<String, ZonePrice>,
    /// Hosting plans by product key, with the yearly price.
    pub service_products: BTreeMap<String, f64>,
    /// SSL products by product ID.
    pub ssl_products: BTreeMap<i64, SslProduct>,
}

/// What a zone costs per year for each operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ZonePrice {
    /// The top-level zone (`es` for `com.es`).
    pub tldtop: String,
    /// Registration price per year.
    pub create: f64,
    /// Renewal price per year.
    pub renew: f64,
    /// Transfer price (includes one year).
    pub transfer: f64,
    /// Whether transfers need an authcode.
    #[serde(default = "yes")]
    pub authcodereq: bool,
    /// The periods (years) the zone accepts.
    #[serde(default = "default_years")]
    pub years: Vec<i64>,
}

fn default_years() -> Vec<i64> {
    (1..=10).collect()
}

/// An SSL product of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SslProduct {
    /// Product name.
    pub name: String,
    /// Certificate authority brand.
    pub brand: String,
    /// `dv`, `ov` or `ev`.
    pub validation_type: String,
    /// Whether it covers several names.
    #[serde(default)]
    pub multi_domain: bool,
    /// Whether it is a wildcard certificate.
    #[serde(default)]
    pub wildcard: bool,
    /// Whether it is a free trial.
    #[serde(default)]
    pub trial: bool,
    /// Names included.
    #[serde(default = "one")]
    pub num_domains: i64,
    /// Most names a multi-domain certificate can hold.
    #[serde(default)]
    pub san_max_domains: Option<i64>,
    /// Price of each extra name.
    #[serde(default)]
    pub san_price: Option<f64>,
    /// Price per year.
    pub price: f64,
}

fn one() -> i64 {
    1
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
