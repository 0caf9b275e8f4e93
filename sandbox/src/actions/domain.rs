//! Domains: availability, registration, transfer, renewal, every `updateType`, glue records,
//! DNSSEC, history, and the passage of time (pending transfers complete, registrations expire).
//!
//! The outside world, for availability: a name is taken when any sandbox account holds it, or
//! when its first label starts with `taken` (such names are "registered at another registrar":
//! `domain/check` says taken, `domain/transfer` brings them in).

use std::net::{Ipv4Addr, Ipv6Addr};

use chrono::NaiveDate;
use dondominio::domain as api;
use dondominio::types::{DomainStatus, Nameserver, OwnerVerification, RenewalMode, TransferStatus};

use super::contact::contact_info;
use super::{charge, example_data, page, respond, set_text, Ctx};
use crate::error::{ApiError, Outcome};
use crate::params::{is_domain_name, is_host_name, Params};
use crate::state::{
    add_years, shift, Account, DeletedDomain, Domain, DsRecord, GlueRecord, HistoryEntry,
};

/// A response struct with the five fields every domain answer starts with, plus others.
macro_rules! common {
    ($m:ident :: $ty:ident, $d:expr $(, $field:ident : $value:expr)* $(,)?) => {
        $m::$ty {
            name: $d.name.clone(),
            status: $d.status.clone(),
            tld: $d.tld().to_owned(),
            ts_expir: $d.ts_expir,
            domain_id: $d.id,
            $($field: $value,)*
            extra: Default::default(),
        }
    };
}

/// The registrar's own name servers, given for `parking` / `default`.
pub const DEFAULT_NS: [&str; 2] = ["parking1.dondominio.com", "parking2.dondominio.com"];

/// Days a transfer stays pending before it completes.
pub const TRANSFER_DAYS: i64 = 5;
/// Days after expiry in each grace state: renew grace, then redemption, then pending delete.
pub const GRACE_DAYS: i64 = 30;
/// See [`GRACE_DAYS`].
pub const REDEMPTION_DAYS: i64 = 30;
/// See [`GRACE_DAYS`].
pub const PENDING_DELETE_DAYS: i64 = 5;

/// Runs a `domain/*` action.
pub fn run(name: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    match name {
        "check" => check(p, a, cx),
        "checkfortransfer" => checkfortransfer(p, a, cx),
        "create" => create(p, a, cx),
        "transfer" => transfer(p, a, cx),
        "transferrestart" => transferrestart(p, a, cx),
        "update" => update(p, a, cx, p.req("updateType")?),
        "updatenameservers" => update(p, a, cx, "nameservers"),
        "updatecontacts" => update(p, a, cx, "contact"),
        "gluerecordcreate" | "gluerecordupdate" | "gluerecorddelete" => glue(name, p, a, cx),
        "list" => list(p, a),
        "getinfo" => getinfo(p, a),
        "getauthcode" => {
            let d = p.domain(a)?;
            respond(common!(api::GetauthcodeResponse, d, authcode: d.authcode.clone()))
        }
        "getnameservers" => {
            let d = p.domain(a)?;
            respond(common!(api::GetnameserversResponse, d,
                default_ns: d.default_ns(), nameservers: nameservers(d)))
        }
        "getgluerecords" => {
            let d = p.domain(a)?;
            respond(common!(api::GetgluerecordsResponse, d, gluerecords: glue_records(d)))
        }
        "getdnssec" => {
            let d = p.domain(a)?;
            respond(common!(api::GetdnssecResponse, d, dnssec: dnssec(d)))
        }
        "dnsseccreate" | "dnssecdelete" => ds(name, p, a, cx),
        "renew" => renew(p, a, cx),
        "whois" => {
            let domain = p.req("domain")?.trim().to_ascii_lowercase();
            if !is_domain_name(&domain) {
                return Err(ApiError::new(
                    2001,
                    format!("`{domain}` is not a valid domain name"),
                ));
            }
            let mut data = example_data(cx, None)?;
            set_text(&mut data, "domain", &domain);
            Ok(data)
        }
        "resendverificationmail" => {
            let d = p.domain(a)?;
            respond(common!(api::ResendverificationmailResponse, d))
        }
        "gethistory" => {
            let d = p.domain(a)?;
            let entries = d
                .history
                .iter()
                .map(|h| api::DomainHistoryEntry {
                    ts: h.ts,
                    ip: h.ip.clone(),
                    user: None,
                    title: h.title.clone(),
                    message: h.message.clone(),
                    extra: Default::default(),
                })
                .collect();
            let (history, query_info) = page(p, entries)?;
            respond(api::GethistoryResponse {
                query_info,
                name: d.name.clone(),
                status: d.status.clone(),
                tld: d.tld().to_owned(),
                ts_expir: d.ts_expir,
                domain_id: Some(d.id),
                history,
                extra: Default::default(),
            })
        }
        "listdeleted" => {
            let deleted = a
                .deleted_domains
                .iter()
                .map(|d| api::DeletedDomain {
                    name: d.name.clone(),
                    tld: d.name.rsplit('.').next().unwrap_or("").to_owned(),
                    ts_deleted: d.ts_deleted,
                    info: d.info.clone(),
                    extra: Default::default(),
                })
                .collect();
            let (domains, query_info) = page(p, deleted)?;
            respond(api::ListdeletedResponse {
                query_info,
                domains,
                extra: Default::default(),
            })
        }
        _ => Err(super::not_simulated(cx.info.action)),
    }
}

/// Whether `name` is held outside this account (another account, or the outside world).
fn taken_elsewhere(name: &str, cx: &Ctx) -> bool {
    cx.others.contains(name)
        || name
            .split('.')
            .next()
            .is_some_and(|l| l.starts_with("taken"))
}

/// A domain name from a request: lower-cased, valid (2001), of a zone on sale (2002).
fn checked_name(raw: &str, cx: &Ctx) -> Result<(String, String), ApiError> {
    let name = raw.trim().trim_end_matches('.').to_ascii_lowercase();
    if !is_domain_name(&name) {
        return Err(ApiError::new(
            2001,
            format!("`{raw}` is not a valid domain name"),
        ));
    }
    let tld = zone_of(&name, cx)
        .ok_or_else(|| ApiError::new(2002, format!("the TLD of `{name}` is not offered")))?;
    Ok((name, tld))
}

/// The longest zone of the catalogue the name is in (`com.es` before `es`).
fn zone_of(name: &str, cx: &Ctx) -> Option<String> {
    let mut rest = name;
    while let Some((_, tail)) = rest.split_once('.') {
        if cx.catalog.zones.contains_key(tail) {
            return Some(tail.to_owned());
        }
        rest = tail;
    }
    None
}

fn check(p: &Params, a: &Account, cx: &Ctx) -> Outcome {
    let mut domains = Vec::new();
    for raw in p.list("domain").unwrap_or_default() {
        let (name, tld) = checked_name(&raw, cx)?;
        let price = cx.catalog.zones.get(&tld).map(|z| z.create).unwrap_or(0.0);
        domains.push(api::CheckedDomain {
            punycode: name.clone(),
            available: !a.domains.contains_key(&name) && !taken_elsewhere(&name, cx),
            name,
            tld,
            premium: false,
            price,
            currency: a.currency.clone(),
            extra: Default::default(),
        });
    }
    respond(api::CheckResponse {
        domains,
        extra: Default::default(),
    })
}

fn checkfortransfer(p: &Params, a: &Account, cx: &Ctx) -> Outcome {
    let mut domains = Vec::new();
    for raw in p.list("domain").unwrap_or_default() {
        let (name, tld) = checked_name(&raw, cx)?;
        let price = cx
            .catalog
            .zones
            .get(&tld)
            .map(|z| z.transfer)
            .unwrap_or(0.0);
        let (transferavail, why) = transferable(&name, a, cx);
        domains.push(api::TransferCheckedDomain {
            punycode: name.clone(),
            name,
            tld,
            transferavail,
            transfermsg: why.into_iter().collect(),
            price,
            currency: a.currency.clone(),
            extra: Default::default(),
        });
    }
    respond(api::CheckfortransferResponse {
        domains,
        extra: Default::default(),
    })
}

/// Whether the name can be transferred into the account, and why not.
fn transferable(name: &str, a: &Account, cx: &Ctx) -> (bool, Option<String>) {
    if a.domains.contains_key(name) {
        (false, Some("the domain is already in this account".into()))
    } else if cx.others.contains(name) {
        (
            false,
            Some("the domain is locked by its current holder".into()),
        )
    } else if !taken_elsewhere(name, cx) {
        (false, Some("the domain is not registered".into()))
    } else {
        (true, None)
    }
}

/// Name servers from a request: `parking`/`default`/absent gives the registrar's own; else
/// 2 to 7 host names.
fn ns_from(p: &Params, key: &str) -> Result<Option<Vec<String>>, ApiError> {
    let Some(list) = p.list(key) else {
        return Ok(None);
    };
    if list.len() == 1 && matches!(list[0].as_str(), "parking" | "default") {
        return Ok(Some(DEFAULT_NS.iter().map(|s| (*s).to_owned()).collect()));
    }
    if !(2..=7).contains(&list.len()) {
        return Err(ApiError::invalid(key, "give 2 to 7 name servers"));
    }
    let mut out = Vec::new();
    for ns in list {
        let ns = ns.trim_end_matches('.').to_ascii_lowercase();
        if !is_host_name(&ns) {
            return Err(ApiError::invalid(key, format!("`{ns}` is not a host name")));
        }
        out.push(ns);
    }
    Ok(Some(out))
}

/// Owner, admin, tech and billing from a request: admin defaults to the owner, tech and
/// billing to admin.
fn contacts_from(p: &Params, a: &mut Account) -> Result<[String; 4], ApiError> {
    let owner = p
        .contact(a, "ownerContact")?
        .ok_or_else(|| ApiError::missing("ownerContactID or ownerContactType"))?;
    let admin = p
        .contact(a, "adminContact")?
        .unwrap_or_else(|| owner.clone());
    let tech = p
        .contact(a, "techContact")?
        .unwrap_or_else(|| admin.clone());
    let billing = p
        .contact(a, "billingContact")?
        .unwrap_or_else(|| admin.clone());
    Ok([owner, admin, tech, billing])
}

/// A new domain record.
fn new_domain(
    a: &mut Account,
    name: &str,
    status: DomainStatus,
    cx: &Ctx,
    expires: NaiveDate,
) -> Domain {
    let id = a.new_id();
    Domain {
        id,
        name: name.to_owned(),
        status,
        ts_create: cx.today,
        ts_expir: expires,
        pending_until: None,
        renewal_mode: RenewalMode::Autorenew,
        modify_block: false,
        transfer_block: false,
        whois_privacy: false,
        view_whois: true,
        authcode: authcode_for(id, name),
        tag: None,
        owner: String::new(),
        admin: String::new(),
        tech: String::new(),
        billing: String::new(),
        ownerverification: OwnerVerification::Verified,
        nameservers: DEFAULT_NS.iter().map(|s| (*s).to_owned()).collect(),
        gluerecords: Vec::new(),
        dnssec_active: false,
        dnssec: Vec::new(),
        transfer_status: None,
        history: Default::default(),
    }
}

/// A stable, unguessable-looking transfer code.
fn authcode_for(id: i64, name: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes().chain(id.to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("Sb{h:014x}!")
}

fn history(d: &mut Domain, cx: &Ctx, title: &str, message: String) {
    d.history.push_back(HistoryEntry {
        ts: cx.now,
        ip: "127.0.0.1".into(),
        title: title.to_owned(),
        message,
    });
}

/// The registration period: `period` or 1, among the zone's periods (105 otherwise).
fn period(p: &Params, cx: &Ctx, tld: &str) -> Result<i64, ApiError> {
    let years = p.int("period")?.unwrap_or(1);
    let allowed = cx
        .catalog
        .zones
        .get(tld)
        .map(|z| z.years.as_slice())
        .unwrap_or(&[]);
    if !allowed.contains(&years) {
        return Err(ApiError::invalid(
            "period",
            format!("the zone `{tld}` takes {allowed:?} years"),
        ));
    }
    Ok(years)
}

fn create(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let (name, tld) = checked_name(p.req("domain")?, cx)?;
    if a.domains.contains_key(&name) || taken_elsewhere(&name, cx) {
        return Err(ApiError::new(
            2010,
            format!("`{name}` is already registered"),
        ));
    }
    let years = period(p, cx, &tld)?;
    let nameservers = ns_from(p, "nameservers")?;
    let [owner, admin, tech, billing] = contacts_from(p, a)?;
    let price = cx.catalog.zones.get(&tld).map(|z| z.create).unwrap_or(0.0);
    let bill = charge(a, price * years as f64)?;
    let mut d = new_domain(
        a,
        &name,
        DomainStatus::Active,
        cx,
        add_years(cx.today, years),
    );
    (d.owner, d.admin, d.tech, d.billing) = (owner, admin, tech, billing);
    if let Some(ns) = nameservers {
        d.nameservers = ns;
    }
    history(
        &mut d,
        cx,
        "Registration",
        format!("registered for {years} year(s)"),
    );
    let answer = api::CreatedDomain {
        name: d.name.clone(),
        status: d.status.clone(),
        tld: tld.clone(),
        ts_expir: Some(d.ts_expir),
        domain_id: d.id,
        period: years,
        in_promo: None,
        extra: Default::default(),
    };
    a.domains.insert(name, d);
    respond(api::CreateResponse {
        billing: bill,
        domains: vec![answer],
        extra: Default::default(),
    })
}

fn transfer(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let (name, tld) = checked_name(p.req("domain")?, cx)?;
    if let (false, Some(why)) = transferable(&name, a, cx) {
        return Err(ApiError::new(
            2005,
            format!("`{name}` cannot be transferred: {why}"),
        ));
    }
    let zone = cx.catalog.zones.get(&tld);
    if zone.is_some_and(|z| z.authcodereq) && p.get("authcode").is_none() {
        return Err(ApiError::missing("authcode"));
    }
    let keep_ns = p.get("nameservers") == Some("keepns");
    let nameservers = if keep_ns {
        None
    } else {
        ns_from(p, "nameservers")?
    };
    let [owner, admin, tech, billing] = contacts_from(p, a)?;
    let price = zone.map(|z| z.transfer).unwrap_or(0.0);
    let bill = charge(a, price)?;
    let mut d = new_domain(
        a,
        &name,
        DomainStatus::TransferPending,
        cx,
        add_years(cx.today, 1),
    );
    (d.owner, d.admin, d.tech, d.billing) = (owner, admin, tech, billing);
    d.pending_until = Some(shift(cx.today, TRANSFER_DAYS));
    d.transfer_status = Some(TransferStatus::PendingRegistry);
    if let Some(ns) = nameservers {
        d.nameservers = ns;
    }
    history(&mut d, cx, "Transfer", "transfer requested".into());
    let answer = api::TransferredDomain {
        name: d.name.clone(),
        status: d.status.clone(),
        tld: tld.clone(),
        ts_expir: Some(d.ts_expir),
        domain_id: d.id,
        period: Some(1),
        in_promo: None,
        extra: Default::default(),
    };
    a.domains.insert(name, d);
    respond(api::TransferResponse {
        billing: bill,
        domains: vec![answer],
        extra: Default::default(),
    })
}

fn transferrestart(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let name = p.domain_name(a)?;
    let d = a
        .domains
        .get_mut(&name)
        .ok_or_else(|| ApiError::new(2008, "domain not found"))?;
    if !matches!(
        d.status,
        DomainStatus::TransferInit | DomainStatus::TransferPending | DomainStatus::TransferCancel
    ) {
        return Err(ApiError::new(
            2012,
            format!("`{name}` has no transfer to restart"),
        ));
    }
    if let Some(code) = p.get("authcode") {
        d.authcode = code.to_owned();
    }
    d.status = DomainStatus::TransferPending;
    d.transfer_status = Some(TransferStatus::PendingRegistry);
    d.pending_until = Some(shift(cx.today, TRANSFER_DAYS));
    history(d, cx, "Transfer", "transfer restarted".into());
    respond(common!(api::TransferrestartResponse, d))
}

fn update(p: &Params, a: &mut Account, cx: &Ctx, kind: &str) -> Outcome {
    let name = p.domain_name(a)?;
    let blocked = a.domains.get(&name).is_some_and(|d| d.modify_block);
    if blocked && kind != "block" {
        return Err(ApiError::new(
            2202,
            format!("changes to `{name}` are blocked"),
        ));
    }
    let mut contacts = None;
    if kind == "contact" {
        let mut new = [None, None, None, None];
        for (slot, prefix) in new.iter_mut().zip([
            "ownerContact",
            "adminContact",
            "techContact",
            "billingContact",
        ]) {
            *slot = p.contact(a, prefix)?;
        }
        if new.iter().all(Option::is_none) {
            return Err(ApiError::missing(
                "ownerContact, adminContact, techContact or billingContact",
            ));
        }
        contacts = Some(new);
    }
    let nameservers = if kind == "nameservers" {
        ns_from(p, "nameservers")?
    } else {
        None
    };
    let d = a
        .domains
        .get_mut(&name)
        .ok_or_else(|| ApiError::new(2008, "domain not found"))?;
    if !matches!(
        d.status,
        DomainStatus::Active | DomainStatus::Renewed | DomainStatus::ExpiredRenewgrace
    ) && kind != "renewalMode"
    {
        return Err(ApiError::new(
            2201,
            format!("`{name}` is {} and cannot be changed", d.status),
        ));
    }
    let flag = |key: &str| -> Result<bool, ApiError> {
        p.bool(key)?.ok_or_else(|| ApiError::missing(key))
    };
    let message = match kind {
        "contact" => {
            let [owner, admin, tech, billing] = contacts.unwrap_or_default();
            for (slot, new) in [
                (&mut d.owner, owner),
                (&mut d.admin, admin),
                (&mut d.tech, tech),
                (&mut d.billing, billing),
            ] {
                if let Some(id) = new {
                    *slot = id;
                }
            }
            "contacts changed".to_owned()
        }
        "nameservers" => {
            d.nameservers = nameservers.ok_or_else(|| ApiError::missing("nameservers"))?;
            format!("name servers set to {}", d.nameservers.join(", "))
        }
        "transferBlock" => {
            d.transfer_block = flag("transferBlock")?;
            format!("transfer block {}", on_off(d.transfer_block))
        }
        "block" => {
            d.modify_block = flag("block")?;
            format!("modification block {}", on_off(d.modify_block))
        }
        "whoisPrivacy" => {
            d.whois_privacy = flag("whoisPrivacy")?;
            format!("whois privacy {}", on_off(d.whois_privacy))
        }
        "viewWhois" => {
            d.view_whois = flag("viewWhois")?;
            format!("whois visibility {}", on_off(d.view_whois))
        }
        "renewalMode" => {
            d.renewal_mode = RenewalMode::from_wire(p.req("renewalMode")?);
            format!("renewal mode set to {}", d.renewal_mode)
        }
        "tag" => {
            let tags = p.list("tag").unwrap_or_default();
            d.tag = (!tags.is_empty()).then(|| tags.join(","));
            format!("tags set to {}", d.tag.as_deref().unwrap_or(""))
        }
        other => {
            return Err(ApiError::invalid(
                "updateType",
                format!("`{other}` is not an update type"),
            ))
        }
    };
    history(d, cx, "Update", message);
    respond(common!(api::UpdateResponse, d))
}

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

fn glue(action: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let name = p.domain_name(a)?;
    let d = a
        .domains
        .get_mut(&name)
        .ok_or_else(|| ApiError::new(2008, "domain not found"))?;
    if d.modify_block {
        return Err(ApiError::new(
            2202,
            format!("changes to `{name}` are blocked"),
        ));
    }
    let host = p.req("name")?.trim_end_matches('.').to_ascii_lowercase();
    let host = if host.ends_with(&format!(".{name}")) {
        host
    } else {
        format!("{host}.{name}")
    };
    if !is_host_name(&host) {
        return Err(ApiError::invalid(
            "name",
            format!("`{host}` is not a host name"),
        ));
    }
    let existing = d.gluerecords.iter().position(|g| g.name == host);
    let ips = || -> Result<(String, Option<String>), ApiError> {
        let v4 = p.req("ipv4")?;
        v4.parse::<Ipv4Addr>()
            .map_err(|_| ApiError::invalid("ipv4", format!("`{v4}` is not an IPv4 address")))?;
        let v6 = p
            .get("ipv6")
            .map(|v6| {
                v6.parse::<Ipv6Addr>().map(|_| v6.to_owned()).map_err(|_| {
                    ApiError::invalid("ipv6", format!("`{v6}` is not an IPv6 address"))
                })
            })
            .transpose()?;
        Ok((v4.to_owned(), v6))
    };
    let (title, message, response) = match (action, existing) {
        ("gluerecordcreate", None) => {
            let (ipv4, ipv6) = ips()?;
            d.gluerecords.push(GlueRecord {
                name: host.clone(),
                ipv4,
                ipv6,
            });
            ("Glue record", format!("glue record {host} created"), 0)
        }
        ("gluerecordcreate", Some(_)) => {
            return Err(ApiError::new(
                2200,
                format!("the glue record `{host}` already exists"),
            ))
        }
        ("gluerecordupdate", Some(i)) => {
            let (ipv4, ipv6) = ips()?;
            d.gluerecords[i] = GlueRecord {
                name: host.clone(),
                ipv4,
                ipv6,
            };
            ("Glue record", format!("glue record {host} changed"), 1)
        }
        ("gluerecorddelete", Some(i)) => {
            d.gluerecords.remove(i);
            ("Glue record", format!("glue record {host} deleted"), 2)
        }
        _ => {
            return Err(ApiError::new(
                2200,
                format!("there is no glue record `{host}`"),
            ))
        }
    };
    history(d, cx, title, message);
    let records = glue_records(d);
    match response {
        0 => respond(common!(api::GluerecordcreateResponse, d, gluerecords: records)),
        1 => respond(common!(api::GluerecordupdateResponse, d, gluerecords: records)),
        _ => respond(common!(api::GluerecorddeleteResponse, d, gluerecords: records)),
    }
}

fn ds(action: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let name = p.domain_name(a)?;
    let d = a
        .domains
        .get_mut(&name)
        .ok_or_else(|| ApiError::new(2008, "domain not found"))?;
    if d.modify_block {
        return Err(ApiError::new(
            2202,
            format!("changes to `{name}` are blocked"),
        ));
    }
    let record = DsRecord {
        keytag: p
            .int("keytag")?
            .ok_or_else(|| ApiError::missing("keytag"))?,
        algorithm: p
            .int("algorithm")?
            .ok_or_else(|| ApiError::missing("algorithm"))?,
        digesttype: p
            .int("digesttype")?
            .ok_or_else(|| ApiError::missing("digesttype"))?,
        digest: p.req("digest")?.to_owned(),
    };
    if !record.digest.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::invalid("digest", "must be hexadecimal"));
    }
    let existing = d.dnssec.iter().position(|r| *r == record);
    match (action, existing) {
        ("dnsseccreate", None) => {
            d.dnssec.push(record);
            d.dnssec_active = true;
            history(d, cx, "DNSSEC", "DS record added".into());
            respond(common!(api::DnsseccreateResponse, d, dnssec: dnssec(d)))
        }
        ("dnsseccreate", Some(_)) => Err(ApiError::new(2200, "the DS record already exists")),
        (_, Some(i)) => {
            d.dnssec.remove(i);
            d.dnssec_active = !d.dnssec.is_empty();
            history(d, cx, "DNSSEC", "DS record removed".into());
            respond(common!(api::DnssecdeleteResponse, d, dnssec: dnssec(d)))
        }
        (_, None) => Err(ApiError::new(2200, "there is no such DS record")),
    }
}

/// Whether the domain may be renewed now.
fn renewable(d: &Domain) -> bool {
    matches!(
        d.status,
        DomainStatus::Active
            | DomainStatus::Renewed
            | DomainStatus::ExpiredRenewgrace
            | DomainStatus::ExpiredRedemption
    )
}

fn renew(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let name = p.domain_name(a)?;
    let (tld, current) = {
        let d = p.domain(a)?;
        if !renewable(d) {
            return Err(ApiError::new(
                2101,
                format!("`{name}` is {} and cannot be renewed", d.status),
            ));
        }
        (
            zone_of(&name, cx).unwrap_or_else(|| d.tld().to_owned()),
            d.ts_expir,
        )
    };
    let cur = p
        .date("curExpDate")?
        .ok_or_else(|| ApiError::missing("curExpDate"))?;
    if cur != current {
        return Err(ApiError::new(
            2100,
            format!("curExpDate {cur} is not the current expiry date of `{name}`"),
        ));
    }
    let years = period(p, cx, &tld)?;
    let price = cx.catalog.zones.get(&tld).map(|z| z.renew).unwrap_or(0.0);
    let bill = charge(a, price * years as f64)?;
    let d = a
        .domains
        .get_mut(&name)
        .ok_or_else(|| ApiError::new(2008, "domain not found"))?;
    d.ts_expir = add_years(current, years);
    d.status = DomainStatus::Active;
    history(
        d,
        cx,
        "Renewal",
        format!("renewed for {years} year(s) until {}", d.ts_expir),
    );
    let answer = api::RenewedDomain {
        name: d.name.clone(),
        status: d.status.clone(),
        tld: d.tld().to_owned(),
        domain_id: d.id,
        ts_expir: d.ts_expir,
        renew_period: years,
        in_promo: None,
        extra: Default::default(),
    };
    respond(api::RenewResponse {
        billing: bill,
        domains: vec![answer],
        extra: Default::default(),
    })
}

fn nameservers(d: &Domain) -> Vec<Nameserver> {
    d.nameservers
        .iter()
        .zip(1..)
        .map(|(ns, order)| Nameserver {
            order,
            name: ns.clone(),
            ipv4: d
                .gluerecords
                .iter()
                .find(|g| &g.name == ns)
                .map(|g| g.ipv4.clone()),
            extra: Default::default(),
        })
        .collect()
}

fn glue_records(d: &Domain) -> Vec<api::GlueRecord> {
    d.gluerecords
        .iter()
        .map(|g| api::GlueRecord {
            name: g.name.clone(),
            ipv4: g.ipv4.clone(),
            ipv6: g.ipv6.clone(),
            extra: Default::default(),
        })
        .collect()
}

fn dnssec(d: &Domain) -> api::DomainDnssec {
    api::DomainDnssec {
        active: d.dnssec_active,
        entries: d
            .dnssec
            .iter()
            .map(|r| api::DnssecEntry {
                keytag: r.keytag,
                algorithm: r.algorithm,
                digesttype: r.digesttype,
                digest: r.digest.clone(),
                extra: Default::default(),
            })
            .collect(),
        extra: Default::default(),
    }
}

fn service_of(d: &Domain, a: &Account) -> Option<api::DomainService> {
    super::service::domain_service(a, &d.name)
}

fn contact_of(a: &Account, id: &str) -> Result<dondominio::types::ContactInfo, ApiError> {
    a.contacts
        .get(id)
        .map(|c| contact_info(id, c))
        .ok_or_else(|| ApiError::new(3001, format!("contact `{id}` does not exist")))
}

fn list(p: &Params, a: &Account) -> Outcome {
    let word = p.get("word").map(str::to_ascii_lowercase);
    let tags = p.list("tag");
    let renewable_only = p.bool("renewable")?;
    let mut items = Vec::new();
    for d in a.domains.values() {
        let keep = p
            .get("domain")
            .is_none_or(|n| n.eq_ignore_ascii_case(&d.name))
            && word.as_deref().is_none_or(|w| d.name.contains(w))
            && p.get("tld")
                .is_none_or(|t| t.trim_start_matches('.').eq_ignore_ascii_case(d.tld()))
            && renewable_only.is_none_or(|r| renewable(d) == r)
            && p.get("owner").is_none_or(|o| o == d.owner)
            && tags.as_ref().is_none_or(|want| {
                let have: Vec<&str> = d.tag.as_deref().unwrap_or("").split(',').collect();
                want.iter().all(|t| have.contains(&t.as_str()))
            })
            && p.get("status").is_none_or(|s| s == d.status.as_str())
            && p.get("ownerverification")
                .is_none_or(|s| s == d.ownerverification.as_str());
        if keep {
            items.push(d);
        }
    }
    let (domains, query_info) = page(p, items)?;
    let info_type = p.get("infoType");
    let mut out = Vec::new();
    for d in domains {
        let mut item = api::ListedDomain {
            name: d.name.clone(),
            status: d.status.clone(),
            tld: d.tld().to_owned(),
            ts_expir: d.ts_expir,
            domain_id: d.id,
            ts_create: None,
            renewable: None,
            renewal_mode: None,
            modify_block: None,
            transfer_block: None,
            whois_privacy: None,
            view_whois: None,
            authcode_check: None,
            service_associated: None,
            tag: None,
            ownerverification: None,
            transfer_status: None,
            contact_owner: None,
            contact_admin: None,
            contact_tech: None,
            contact_billing: None,
            default_ns: None,
            nameservers: None,
            service: None,
            gluerecords: None,
            extra: Default::default(),
        };
        match info_type {
            Some("status") => {
                let s = status_info(d, a);
                item.ts_create = Some(s.ts_create);
                item.renewable = Some(s.renewable);
                item.renewal_mode = Some(s.renewal_mode);
                item.modify_block = Some(s.modify_block);
                item.transfer_block = Some(s.transfer_block);
                item.whois_privacy = Some(s.whois_privacy);
                item.view_whois = s.view_whois;
                item.authcode_check = Some(s.authcode_check);
                item.service_associated = Some(s.service_associated);
                item.tag = s.tag;
                item.ownerverification = Some(s.ownerverification);
                item.transfer_status = s.transfer_status;
            }
            Some("contact") => {
                item.contact_owner = Some(Box::new(contact_of(a, &d.owner)?));
                item.contact_admin = Some(Box::new(contact_of(a, &d.admin)?));
                item.contact_tech = Some(Box::new(contact_of(a, &d.tech)?));
                item.contact_billing = Some(Box::new(contact_of(a, &d.billing)?));
            }
            Some("nameservers") => {
                item.default_ns = Some(d.default_ns());
                item.nameservers = Some(nameservers(d));
            }
            Some("service") => item.service = service_of(d, a).map(Box::new),
            Some("gluerecords") => item.gluerecords = Some(glue_records(d)),
            _ => {}
        }
        out.push(item);
    }
    respond(api::ListResponse {
        query_info,
        domains: out,
        extra: Default::default(),
    })
}

fn status_info(d: &Domain, a: &Account) -> api::GetinfoStatus {
    common!(api::GetinfoStatus, d,
        ts_create: d.ts_create,
        renewable: renewable(d),
        renewal_mode: d.renewal_mode.clone(),
        modify_block: d.modify_block,
        transfer_block: d.transfer_block,
        whois_privacy: d.whois_privacy,
        view_whois: Some(d.view_whois),
        authcode_check: !d.transfer_block,
        service_associated: service_of(d, a).is_some(),
        tag: d.tag.clone(),
        ownerverification: d.ownerverification.clone(),
        transfer_status: d.transfer_status.clone(),
    )
}

fn getinfo(p: &Params, a: &Account) -> Outcome {
    let d = p.domain(a)?;
    match p.get("infoType").unwrap_or("status") {
        "status" => respond(status_info(d, a)),
        "contact" => respond(common!(api::GetinfoContact, d,
            contact_owner: contact_of(a, &d.owner)?,
            contact_admin: contact_of(a, &d.admin)?,
            contact_tech: contact_of(a, &d.tech)?,
            contact_billing: contact_of(a, &d.billing)?,
        )),
        "nameservers" => respond(common!(api::GetinfoNameservers, d,
            default_ns: d.default_ns(), nameservers: nameservers(d))),
        "authcode" => {
            if d.transfer_block {
                return Err(ApiError::new(
                    2201,
                    "the transfer block is on: turn it off to read the authcode",
                ));
            }
            respond(common!(api::GetinfoAuthcode, d, authcode: d.authcode.clone()))
        }
        "service" => {
            let service = service_of(d, a).ok_or_else(|| {
                ApiError::new(4001, format!("`{}` has no hosting service", d.name))
            })?;
            respond(common!(api::GetinfoService, d, service: service))
        }
        "gluerecords" => respond(common!(api::GetinfoGluerecords, d, gluerecords: glue_records(d))),
        "dnssec" => respond(common!(api::GetinfoDnssec, d, dnssec: dnssec(d))),
        other => Err(ApiError::invalid(
            "infoType",
            format!("`{other}` is not an information type"),
        )),
    }
}

/// Lets time act on the domains: pending transfers complete; expired domains go through
/// renew grace, redemption and pending delete, then leave the account. Only the domains that
/// change are written back (the others keep sharing their storage with earlier versions).
pub fn tick(a: &mut Account, today: NaiveDate) -> bool {
    let mut changed = Vec::new();
    let mut gone = Vec::new();
    for d in a.domains.values() {
        let mut next = d.clone();
        match tick_domain(&mut next, today) {
            Some(false) => {}
            Some(true) => changed.push(next),
            None => gone.push(d.name.clone()),
        }
    }
    let any = !changed.is_empty() || !gone.is_empty();
    for d in changed {
        a.domains.insert(d.name.clone(), d);
    }
    for name in gone {
        a.domains.remove(&name);
        a.deleted_domains.push_back(DeletedDomain {
            name,
            ts_deleted: today,
            info: "expired and not renewed".into(),
        });
    }
    any
}

/// Time's effect on one domain: `Some(true)` when it changed, `None` when it leaves the
/// account.
fn tick_domain(d: &mut Domain, today: NaiveDate) -> Option<bool> {
    let mut changed = false;
    if let Some(until) = d.pending_until.filter(|u| *u <= today) {
        d.pending_until = None;
        if matches!(
            d.status,
            DomainStatus::TransferInit
                | DomainStatus::TransferPending
                | DomainStatus::TransferCancel
                | DomainStatus::RegisterInit
                | DomainStatus::RegisterPending
                | DomainStatus::RegisterCancel
        ) {
            d.status = DomainStatus::Active;
            if d.transfer_status.is_some() {
                d.transfer_status = Some(TransferStatus::Completed);
            }
            d.history.push_back(HistoryEntry {
                ts: until.and_time(chrono::NaiveTime::MIN),
                ip: "127.0.0.1".into(),
                title: "Completed".into(),
                message: "the pending operation completed".into(),
            });
        }
        changed = true;
    }
    if !matches!(
        d.status,
        DomainStatus::Active
            | DomainStatus::Renewed
            | DomainStatus::ExpiredRenewgrace
            | DomainStatus::ExpiredRedemption
            | DomainStatus::ExpiredPendingdelete
    ) {
        return Some(changed);
    }
    let grace = shift(d.ts_expir, GRACE_DAYS);
    let redemption = shift(grace, REDEMPTION_DAYS);
    let delete = shift(redemption, PENDING_DELETE_DAYS);
    let status = if today <= d.ts_expir {
        d.status.clone()
    } else if today <= grace {
        DomainStatus::ExpiredRenewgrace
    } else if today <= redemption {
        DomainStatus::ExpiredRedemption
    } else if today <= delete {
        DomainStatus::ExpiredPendingdelete
    } else {
        return None;
    };
    if status != d.status {
        d.status = status;
        changed = true;
    }
    Some(changed)
}
