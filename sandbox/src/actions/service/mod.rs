//! Hosting services and their entities (FTP, databases, subdomains, redirects, mailboxes,
//! aliases, DNS records).
//!
//! A [`Service`] holds its plan, dates and settings, and its entities in creation order; each
//! entity has an ID (`SRV-<n>`, from [`Account::new_id`]) that is unique in the account.
//!
//! - Billable actions charge `catalog.service_products[productkey]` per year: `create` and
//!   `renew` for the whole period, `upgrade` the difference of the yearly prices for the days
//!   left until `tsExpir`. 1100 when the balance is short.
//! - Time: a service is `active`, `renewable` in its last [`RENEWABLE_DAYS`] days, and
//!   `inactive` once `tsExpir` has passed (nothing is renewed on its own; `renew` brings it
//!   back). An inactive service can still be read and renewed, but its entities cannot change.
//! - Limits: each plan ([`plan`]) allows a number of FTP accounts, databases, subdomains,
//!   redirections, mailboxes, aliases and DNS records; one more is 4003.
//!
//! DNS-only zones: a domain of the account can be managed through `service/dns*` under its own
//! name without a hosting service (as DNS-01 ACME hooks and DDNS updaters do). Such a zone is
//! kept in `Account::services` as a [`Service`] with `dnsOnly: true` (plan key `dns`), created
//! on its first change; until then its records are the [default zone](dns::default_zone).
//! `service/list`, `service/getinfo` and `domain/getinfo` do not show it; the other families
//! and service actions answer 4001 for it. It follows the domain: its dates are the domain's,
//! and it goes when the domain leaves the account. Contracting a hosting service with the same
//! name turns it into that service, keeping its records.

pub mod dns;
pub mod entities;

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;
use dondominio::service::{
    self as api, ServicePhp, ServiceProductKey, ServiceRenewalMode, ServiceStatus,
};

use super::{charge, page, respond, round_cents, Ctx};
use crate::error::{ApiError, Outcome};
use crate::params::{is_domain_name, Params};
use crate::state::{add_years, shift, Account};

pub use crate::state::service::{
    Database, DnsRecord, FtpUser, MailAlias, Mailbox, Redirect, Service, Subdomain, SubdomainSsl,
};

/// Days before `tsExpir` during which a service is `renewable`.
pub const RENEWABLE_DAYS: i64 = 30;
/// Longest period of a `create` or `renew`, and how far ahead `tsExpir` may go, in years.
pub const MAX_YEARS: i64 = 10;
/// The plan key stored for a DNS-only zone.
pub const DNS_ONLY_PLAN: &str = "dns";
/// PHP versions a web hosting may choose (`php/available`).
pub const PHP_VERSIONS: [&str; 7] = ["default", "8.0", "7.4", "7.3", "7.2", "7.1", "7.0"];

impl Service {
    /// A new service of plan `productkey` with the default zone.
    pub fn new(name: &str, productkey: &str, created: NaiveDate, expires: NaiveDate) -> Self {
        Service {
            name: name.to_owned(),
            productkey: ServiceProductKey::from_wire(productkey),
            status: ServiceStatus::Active,
            ts_create: created,
            ts_expir: expires,
            renewal_mode: ServiceRenewalMode::Autorenew,
            dns_only: false,
            php_version: crate::state::service::default_php(),
            parking: false,
            ftp: Vec::new(),
            ddbb: Vec::new(),
            subdomains: Vec::new(),
            redirects: Vec::new(),
            mailboxes: Vec::new(),
            aliases: Vec::new(),
            dns: dns::default_zone(name),
            dns_backup: None,
        }
    }

    /// The DNS-only zone of a domain, with the default records.
    pub fn dns_only(name: &str, created: NaiveDate, expires: NaiveDate) -> Self {
        Service {
            dns_only: true,
            ..Service::new(name, DNS_ONLY_PLAN, created, expires)
        }
    }

    /// The limits of its plan.
    pub fn plan(&self) -> Plan {
        plan(self.productkey.as_str())
    }
}

/// What a plan allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Readable type, such as `Basic Hosting Service`.
    pub label: &'static str,
    /// Whether it hosts web sites (PHP, web builder).
    pub web: bool,
    /// Most FTP accounts.
    pub ftp: usize,
    /// Most databases.
    pub ddbb: usize,
    /// Most subdomains.
    pub subdomain: usize,
    /// Most HTTP redirections.
    pub redirect: usize,
    /// Most mailboxes.
    pub email: usize,
    /// Most mail aliases.
    pub emailalias: usize,
    /// Most DNS records.
    pub dns: usize,
    /// Web disk space in bytes.
    pub disk: i64,
    /// Capacity of each mailbox in bytes.
    pub mailbox: i64,
}

const GIB: i64 = 1024 * 1024 * 1024;
const MIB: i64 = 1024 * 1024;

/// The limits of a plan by its product key (an unknown key gets the basic plan's).
pub fn plan(productkey: &str) -> Plan {
    let p = |label, web, ftp, ddbb, subdomain, redirect, email, emailalias, disk_gib| Plan {
        label,
        web,
        ftp,
        ddbb,
        subdomain,
        redirect,
        email,
        emailalias,
        dns: 500,
        disk: disk_gib * GIB,
        mailbox: if email > 0 { 5 * GIB } else { 0 },
    };
    match productkey {
        "redir" => p("Redirection Service", false, 0, 0, 0, 25, 0, 10, 0),
        "mini" => p("Mini Hosting Service", true, 1, 1, 5, 10, 5, 10, 1),
        "mail" => p("Mail Hosting Service", false, 0, 0, 0, 0, 10, 50, 0),
        "mailplus" => p("Mail Plus Hosting Service", false, 0, 0, 0, 0, 25, 100, 0),
        "mailpro" => p("Mail Pro Hosting Service", false, 0, 0, 0, 0, 100, 250, 0),
        "professional" => p(
            "Professional Hosting Service",
            true,
            50,
            20,
            50,
            100,
            100,
            200,
            20,
        ),
        "advanced" => p(
            "Advanced Hosting Service",
            true,
            100,
            50,
            100,
            250,
            250,
            500,
            50,
        ),
        "corporate" => p(
            "Corporate Hosting Service",
            true,
            250,
            100,
            250,
            500,
            500,
            1000,
            100,
        ),
        DNS_ONLY_PLAN => p("DNS Zone", false, 0, 0, 0, 0, 0, 0, 0),
        _ => p("Basic Hosting Service", true, 10, 5, 10, 25, 25, 50, 5),
    }
}

/// The state a service has on `today`, from its expiry date.
pub fn status_on(ts_expir: NaiveDate, today: NaiveDate) -> ServiceStatus {
    if today > ts_expir {
        ServiceStatus::Inactive
    } else if (ts_expir - today).num_days() <= RENEWABLE_DAYS {
        ServiceStatus::Renewable
    } else {
        ServiceStatus::Active
    }
}

/// Runs a `service/*` action.
pub fn run(name: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    match name {
        "list" => list(p, a),
        "getinfo" => getinfo(p, a),
        "create" => create(p, a, cx),
        "renew" => renew(p, a, cx),
        "upgrade" => upgrade(p, a, cx),
        "update" => update(p, a),
        "parkinggetinfo" => {
            let s = hosting(p, a)?;
            respond(api::ParkinggetinfoResponse {
                parking: api::ServiceParking::new(s.parking),
                extra: Default::default(),
            })
        }
        "parkingupdate" => parking_update(p, a),
        "webconstructorlogin" => webconstructor(p, a, cx),
        "dnsrestore" | "dnssetzone" | "dnsdeleteall" => dns::zone_action(name, p, a, cx),
        _ => entities::run(name, p, a, cx),
    }
}

/// The `serviceName` parameter, normalized (lower case, no final dot).
pub fn service_name(p: &Params) -> Result<String, ApiError> {
    Ok(p.req("serviceName")?
        .trim()
        .trim_end_matches('.')
        .to_ascii_lowercase())
}

fn not_found(name: &str) -> ApiError {
    ApiError::new(4001, format!("service `{name}` not found"))
}

/// The hosting service named by `serviceName` (4001 when there is none, or only a DNS-only
/// zone).
pub fn hosting<'a>(p: &Params, a: &'a Account) -> Result<&'a Service, ApiError> {
    let name = service_name(p)?;
    a.services
        .get(&name)
        .filter(|s| !s.dns_only)
        .ok_or_else(|| not_found(&name))
}

/// The service or zone named by `serviceName` for reading. With `dns`, a domain of the account
/// without a stored zone gives its default DNS-only zone.
pub fn zone_or_hosting<'a>(
    p: &Params,
    a: &'a Account,
    dns: bool,
) -> Result<Cow<'a, Service>, ApiError> {
    let name = service_name(p)?;
    match a.services.get(&name) {
        Some(s) if dns || !s.dns_only => Ok(Cow::Borrowed(s)),
        Some(_) => Err(not_found(&name)),
        None if dns => a
            .domains
            .get(&name)
            .map(|d| Cow::Owned(Service::dns_only(&name, d.ts_create, d.ts_expir)))
            .ok_or_else(|| not_found(&name)),
        None => Err(not_found(&name)),
    }
}

/// Like [`zone_or_hosting`], for changing it: a DNS-only zone is stored on first use.
/// `code` is the error for an inactive (expired) service.
pub fn zone_or_hosting_mut<'a>(
    p: &Params,
    a: &'a mut Account,
    dns: bool,
    code: i64,
) -> Result<&'a mut Service, ApiError> {
    let name = service_name(p)?;
    if dns && !a.services.contains_key(&name) {
        let d = a.domains.get(&name).ok_or_else(|| not_found(&name))?;
        let zone = Service::dns_only(&name, d.ts_create, d.ts_expir);
        a.services.insert(name.clone(), zone);
    }
    let s = a
        .services
        .get_mut(&name)
        .filter(|s| dns || !s.dns_only)
        .ok_or_else(|| not_found(&name))?;
    if s.status == ServiceStatus::Inactive {
        return Err(ApiError::new(
            code,
            format!("service `{name}` has expired; renew it first"),
        ));
    }
    Ok(s)
}

/// A service as the listing and the billable actions show it.
pub fn summary(s: &Service) -> api::ServiceSummary {
    api::ServiceSummary {
        name: s.name.clone(),
        kind: s.plan().label.to_owned(),
        productkey: Some(s.productkey.clone()),
        status: s.status.clone(),
        ts_expir: s.ts_expir,
        extra: Default::default(),
    }
}

fn list(p: &Params, a: &Account) -> Outcome {
    let lower = |k: &str| p.get(k).map(|v| v.trim().to_ascii_lowercase());
    let name = lower("name");
    let word = lower("word");
    let tld = lower("tld").map(|t| t.trim_start_matches('.').to_owned());
    let renewable = p.bool("renewable")?;
    let status = p.get("status");
    let items = a
        .services
        .values()
        .filter(|s| !s.dns_only)
        .filter(|s| name.as_ref().is_none_or(|n| &s.name == n))
        .filter(|s| word.as_ref().is_none_or(|w| s.name.contains(w.as_str())))
        .filter(|s| {
            tld.as_ref()
                .is_none_or(|t| s.name.ends_with(&format!(".{t}")))
        })
        .filter(|s| renewable.is_none_or(|r| (s.status == ServiceStatus::Renewable) == r))
        .filter(|s| status.is_none_or(|st| s.status.as_str() == st))
        .map(summary)
        .collect();
    let (services, query_info) = page(p, items)?;
    respond(api::ListResponse {
        query_info,
        services,
        extra: Default::default(),
    })
}

/// The PHP setup of a service as `getinfo` and `update` show it.
pub fn php_info(s: &Service) -> ServicePhp {
    let name = if s.php_version == "default" {
        "Default version (PHP 7.4)".to_owned()
    } else {
        format!("PHP {}", s.php_version)
    };
    ServicePhp::new(
        s.plan().web,
        s.php_version.clone(),
        name,
        PHP_VERSIONS.iter().map(|v| (*v).to_owned()).collect(),
    )
}

fn count(n: usize) -> i64 {
    super::to_i64(n)
}

fn resources(s: &Service) -> api::ServiceResources {
    let plan = s.plan();
    let r = |value: i64, max: i64, unit: &str| api::ServiceResource::new(value, max, unit.into());
    // Made-up but steady usage: a few megabytes per site and per database.
    let sites = count(1 + s.subdomains.len());
    let web = if plan.web { 1 } else { 0 };
    api::ServiceResources {
        ftpusage: r(web * sites * 4 * MIB, plan.disk, "bytes"),
        ftpfiles: r(web * sites * 120, web * 100_000, "files"),
        webtraffic: r(0, plan.disk * 10, "bytes"),
        ftp: r(count(s.ftp.len()), count(plan.ftp), ""),
        ddbb: r(count(s.ddbb.len()), count(plan.ddbb), ""),
        ddbbusage: r(
            count(s.ddbb.len()) * MIB,
            count(plan.ddbb) * 100 * MIB,
            "bytes",
        ),
        subdomain: r(count(s.subdomains.len()), count(plan.subdomain), ""),
        email: r(count(s.mailboxes.len()), count(plan.email), ""),
        emailalias: r(count(s.aliases.len()), count(plan.emailalias), ""),
        extra: Default::default(),
    }
}

fn server_info(s: &Service) -> api::ServiceServerInfo {
    let n = &s.name;
    api::ServiceServerInfo {
        ftp_server: format!("ftp.{n}"),
        ftp_absolute_path: format!("/var/www/{n}/"),
        ftp_web_server: format!("https://webftp.sandbox.invalid/?ftpserver={n}"),
        smtp_server: format!("smtp.{n}"),
        pop3_server: format!("pop3.{n}"),
        imap_server: format!("imap.{n}"),
        webmail: format!("https://webmail.{n}/"),
        ddbb_server: format!("mysql.{n}"),
        php_my_admin: format!("https://phpmyadmin.sandbox.invalid/?server={n}"),
        extra: Default::default(),
    }
}

/// The five fields every `getinfo` answer starts with, plus the variant's own.
macro_rules! info {
    ($ty:ident, $s:expr, $field:ident : $value:expr) => {
        api::$ty {
            name: $s.name.clone(),
            kind: $s.plan().label.to_owned(),
            productkey: Some($s.productkey.clone()),
            status: $s.status.clone(),
            ts_expir: $s.ts_expir,
            $field: $value,
            extra: Default::default(),
        }
    };
}

fn getinfo(p: &Params, a: &Account) -> Outcome {
    let s = hosting(p, a)?;
    let answer = match p.get("infoType").unwrap_or("status") {
        "status" => api::GetinfoResponse::Status(api::GetinfoStatus {
            name: s.name.clone(),
            kind: s.plan().label.to_owned(),
            productkey: Some(s.productkey.clone()),
            status: s.status.clone(),
            ts_expir: s.ts_expir,
            ts_create: s.ts_create,
            renewable: s.status == ServiceStatus::Renewable,
            renewal_mode: Some(s.renewal_mode.clone()),
            extra: Default::default(),
        }),
        "resources" => {
            api::GetinfoResponse::Resources(info!(GetinfoResources, s, resources: resources(s)))
        }
        "serverinfo" => api::GetinfoResponse::Serverinfo(
            info!(GetinfoServerinfo, s, serverinfo: server_info(s)),
        ),
        "php" => api::GetinfoResponse::Php(info!(GetinfoPhp, s, php: php_info(s))),
        "logerror" => {
            let log = if s.plan().web {
                format!(
                    "[{} 00:00:00.000000] [autoindex:error] [pid 1] [client 192.0.2.1:1024] \
                     AH01276: Cannot serve directory /var/www/{}/public/: No matching \
                     DirectoryIndex found (sandbox)\n",
                    s.ts_create.format("%a %b %d %Y"),
                    s.name
                )
            } else {
                String::new()
            };
            api::GetinfoResponse::Logerror(info!(GetinfoLogerror, s, log_error: log))
        }
        other => return Err(ApiError::invalid("infoType", format!("unknown `{other}`"))),
    };
    respond(answer)
}

/// `period`: whole years from 1 to [`MAX_YEARS`] (default 1).
fn years(p: &Params) -> Result<i64, ApiError> {
    let years = p.int("period")?.unwrap_or(1);
    if (1..=MAX_YEARS).contains(&years) {
        Ok(years)
    } else {
        Err(ApiError::invalid(
            "period",
            format!("must be from 1 to {MAX_YEARS} years"),
        ))
    }
}

fn yearly_price(cx: &Ctx, productkey: &str, code: i64) -> Result<f64, ApiError> {
    cx.catalog
        .service_products
        .get(productkey)
        .copied()
        .ok_or_else(|| ApiError::new(code, format!("plan `{productkey}` is not on sale")))
}

fn create(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let name = service_name(p)?;
    if !is_domain_name(&name) {
        return Err(ApiError::new(
            4007,
            format!("`{name}` is not a valid domain name for a service"),
        ));
    }
    let key = p.req("productkey")?;
    let price = yearly_price(cx, key, 4007)?;
    let period = years(p)?;
    let existing = a.services.get(&name).cloned();
    if existing.as_ref().is_some_and(|s| !s.dns_only) {
        return Err(ApiError::new(
            4007,
            format!("the account already has a service `{name}`"),
        ));
    }
    let billing = charge(a, price * period as f64)?;
    let expires = add_years(cx.today, period);
    let mut s = Service::new(&name, key, cx.today, expires);
    s.status = status_on(expires, cx.today);
    if let Some(zone) = existing {
        // A DNS-only zone becomes the hosting's zone: its records stay.
        s.dns = zone.dns;
        s.dns_backup = zone.dns_backup;
    }
    let services = vec![summary(&s)];
    a.services.insert(name, s);
    respond(api::CreateResponse {
        billing,
        services,
        extra: Default::default(),
    })
}

fn renew(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let s = hosting(p, a)?;
    let period = years(p)?;
    let price = yearly_price(cx, s.productkey.as_str(), 4009)?;
    let from = s.ts_expir.max(cx.today);
    let expires = add_years(from, period);
    if expires > add_years(cx.today, MAX_YEARS) {
        return Err(ApiError::new(
            4009,
            format!(
                "`{}` cannot be renewed beyond {MAX_YEARS} years from today",
                s.name
            ),
        ));
    }
    let name = s.name.clone();
    let billing = charge(a, price * period as f64)?;
    let s = a.services.get_mut(&name).ok_or_else(|| not_found(&name))?;
    s.ts_expir = expires;
    s.status = status_on(expires, cx.today);
    let services = vec![summary(s)];
    respond(api::RenewResponse {
        billing,
        services,
        extra: Default::default(),
    })
}

fn upgrade(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let s = hosting(p, a)?;
    let key = p.req("productkey")?;
    let refuse = |why: String| Err(ApiError::new(4008, why));
    if s.status == ServiceStatus::Inactive {
        return refuse(format!("`{}` has expired; renew it first", s.name));
    }
    let old = yearly_price(cx, s.productkey.as_str(), 4008)?;
    let new = yearly_price(cx, key, 4008)?;
    if key == s.productkey.as_str() || new <= old {
        return refuse(format!(
            "`{key}` is not a higher plan than `{}`",
            s.productkey
        ));
    }
    let target = plan(key);
    let fits = [
        (s.ftp.len(), target.ftp, "FTP accounts"),
        (s.ddbb.len(), target.ddbb, "databases"),
        (s.subdomains.len(), target.subdomain, "subdomains"),
        (s.redirects.len(), target.redirect, "redirections"),
        (s.mailboxes.len(), target.email, "mailboxes"),
        (s.aliases.len(), target.emailalias, "mail aliases"),
        (s.dns.len(), target.dns, "DNS records"),
    ];
    if let Some((have, max, what)) = fits.iter().find(|(have, max, _)| have > max) {
        return refuse(format!(
            "the service has {have} {what}; plan `{key}` allows {max}"
        ));
    }
    // The difference of the yearly prices, for the days left.
    let days_left = (s.ts_expir - cx.today).num_days().max(0) as f64;
    let amount = round_cents((new - old) * days_left / 365.0);
    let name = s.name.clone();
    let billing = charge(a, amount)?;
    let s = a.services.get_mut(&name).ok_or_else(|| not_found(&name))?;
    s.productkey = ServiceProductKey::from_wire(key);
    let services = vec![summary(s)];
    respond(api::UpgradeResponse {
        billing,
        services,
        extra: Default::default(),
    })
}

fn update(p: &Params, a: &mut Account) -> Outcome {
    let name = hosting(p, a)?.name.clone();
    let kind = p.req("updateType")?;
    let web = hosting(p, a)?.plan().web;
    let s = a.services.get_mut(&name).ok_or_else(|| not_found(&name))?;
    match kind {
        "renewalMode" => {
            let mode = p.req("renewalMode")?;
            if !matches!(mode, "autorenew" | "manual") {
                return Err(ApiError::invalid("renewalMode", "autorenew or manual"));
            }
            s.renewal_mode = ServiceRenewalMode::from_wire(mode);
        }
        "phpversion" => {
            let version = p.req("phpversion")?.trim();
            if !web {
                return Err(ApiError::invalid(
                    "phpversion",
                    format!("plan `{}` has no web hosting", s.productkey),
                ));
            }
            if !PHP_VERSIONS.contains(&version) {
                return Err(ApiError::invalid(
                    "phpversion",
                    format!("one of {}", PHP_VERSIONS.join(", ")),
                ));
            }
            s.php_version = version.to_owned();
        }
        other => {
            return Err(ApiError::invalid(
                "updateType",
                format!("unknown `{other}`"),
            ))
        }
    }
    respond(api::UpdateResponse {
        name: s.name.clone(),
        kind: s.plan().label.to_owned(),
        productkey: s.productkey.clone(),
        status: s.status.clone(),
        ts_expir: s.ts_expir,
        php: (kind == "phpversion").then(|| Box::new(php_info(s))),
        extra: Default::default(),
    })
}

fn parking_update(p: &Params, a: &mut Account) -> Outcome {
    let enabled = p
        .bool("enabled")?
        .ok_or_else(|| ApiError::missing("enabled"))?;
    let s = zone_or_hosting_mut(p, a, false, 4010)?;
    s.parking = enabled;
    respond(api::ParkingupdateResponse {
        parking: api::ServiceParking::new(s.parking),
        extra: Default::default(),
    })
}

fn webconstructor(p: &Params, a: &Account, cx: &Ctx) -> Outcome {
    let s = hosting(p, a)?;
    if !s.plan().web {
        return Err(ApiError::new(
            10001,
            format!("plan `{}` has no web hosting", s.productkey),
        ));
    }
    let sub = p.req("subdomain")?.trim().to_ascii_lowercase();
    let host = if sub == s.name || sub.ends_with(&format!(".{}", s.name)) {
        sub.clone()
    } else {
        format!("{sub}.{}", s.name)
    };
    if !is_domain_name(&host) {
        return Err(ApiError::invalid("subdomain", "not a host name"));
    }
    let lang = p
        .get("loginlang")
        .unwrap_or("en")
        .trim()
        .to_ascii_lowercase();
    if lang.len() != 2 || !lang.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(ApiError::invalid("loginlang", "a two-letter language code"));
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&host, cx.user, cx.now).hash(&mut h);
    let login_url = format!(
        "https://webconstructor.sandbox.invalid/{lang}/?site={host}&login_hash={:016x}",
        h.finish()
    );
    respond(api::WebconstructorloginResponse {
        webconstructor: api::WebConstructorLogin {
            login_url,
            extra: Default::default(),
        },
        extra: Default::default(),
    })
}

/// The hosting service linked to a domain, as `domain/getinfo` shows it (DNS-only zones are
/// not services).
pub fn domain_service(a: &Account, domain: &str) -> Option<dondominio::domain::DomainService> {
    let s = a.services.get(domain).filter(|s| !s.dns_only)?;
    let mut status = s.status.as_str().to_owned();
    if let Some(first) = status.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    Some(dondominio::domain::DomainService {
        name: s.name.clone(),
        kind: s.plan().label.into(),
        productkey: s.productkey.as_str().to_owned(),
        status,
        ts_expir: s.ts_expir,
        extra: Default::default(),
    })
}

/// Lets time act on the services (status from the dates; DNS-only zones follow their domain
/// and go with it); true when something changed.
pub fn tick(a: &mut Account, today: NaiveDate) -> bool {
    let mut changed = false;
    let names: Vec<String> = a.services.keys().cloned().collect();
    for name in names {
        let Some(s) = a.services.get(&name) else {
            continue;
        };
        if s.dns_only {
            if !a.domains.contains_key(&name) {
                a.services.remove(&name);
                changed = true;
            } else if let Some(d) = a.domains.get(&s.name) {
                if (s.ts_create, s.ts_expir) != (d.ts_create, d.ts_expir) {
                    let mut s = s.clone();
                    s.ts_create = d.ts_create;
                    s.ts_expir = d.ts_expir;
                    a.services.insert(name, s);
                    changed = true;
                }
            }
            continue;
        }
        let status = status_on(s.ts_expir, today);
        if s.status != status {
            let mut s = s.clone();
            s.status = status;
            a.services.insert(name, s);
            changed = true;
        }
    }
    changed
}

/// Adds the demo data of this module to a seeded account: a professional hosting
/// `example.com` (default zone, one FTP account, a database, a subdomain, a redirection, a
/// mailbox and an alias) and a DNS-only zone for `example.net`.
pub fn demo(a: &mut Account, today: NaiveDate) {
    let created = shift(today, -400);
    let mut s = Service::new(
        "example.com",
        "professional",
        created,
        add_years(created, 2),
    );
    s.status = status_on(s.ts_expir, today);
    let mut id = || entities::entity_id(a.new_id());
    s.ftp.push(FtpUser {
        id: id(),
        name: "webmaster".into(),
        ftp_path: "/public".into(),
        password: "Demo-ftp-2024".into(),
        quota: s.plan().disk,
    });
    s.ddbb.push(Database {
        id: id(),
        name: "ddb1001".into(),
        user: "ddb1001".into(),
        password: "Demo-db-2024".into(),
        external_access: false,
    });
    s.subdomains.push(Subdomain {
        id: id(),
        name: "blog.example.com".into(),
        ftp_path: "/blog".into(),
        ssl: None,
    });
    s.redirects.push(Redirect {
        id: id(),
        origin: "http://shop.example.com/".into(),
        destination: "https://example.org/shop".into(),
        kind: api::redirect::RedirectType::Permanent,
    });
    s.mailboxes.push(Mailbox {
        id: id(),
        name: "info@example.com".into(),
        password: "Demo-mail-2024".into(),
        usage: 1_123_234,
    });
    s.aliases.push(MailAlias {
        id: id(),
        name: "sales@example.com".into(),
        target: vec!["info@example.com".into(), "jane@example.org".into()],
    });
    a.services.insert(s.name.clone(), s);
    if let Some(d) = a.domains.get("example.net") {
        let mut zone = Service::dns_only("example.net", d.ts_create, d.ts_expir);
        zone.dns.push(DnsRecord {
            id: entities::entity_id(a.new_id()),
            name: "home.example.net".into(),
            kind: api::DnsRecordType::A,
            ttl: Some(300),
            priority: None,
            value: "198.51.100.7".into(),
        });
        a.services.insert(zone.name.clone(), zone);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_state_survives_a_round_trip() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap_or_default();
        let a = crate::seed::demo(today);
        let json = serde_json::to_string(&a.services).unwrap_or_default();
        let back: crate::state::Map<String, Service> =
            serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, a.services);
        assert!(back.get("example.net").is_some_and(|s| s.dns_only));
        assert!(back.get("example.com").is_some_and(|s| s.dns.len() == 4));
    }

    #[test]
    fn status_follows_the_dates() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default();
        assert_eq!(status_on(day(31), day(1)), ServiceStatus::Renewable);
        assert_eq!(status_on(day(31), day(31)), ServiceStatus::Renewable);
        assert_eq!(status_on(day(30), day(31)), ServiceStatus::Inactive);
        assert_eq!(
            status_on(add_years(day(1), 1), day(1)),
            ServiceStatus::Active
        );
    }
}
