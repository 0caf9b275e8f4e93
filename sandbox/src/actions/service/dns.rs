//! DNS records (the `dns*` family) and the whole-zone actions (`dnssetzone`, `dnsdeleteall`,
//! `dnsrestore`).
//!
//! Record names are kept in full (`www.example.com`); a request may give `@` (or nothing) for
//! the zone itself, a name relative to the zone (`_acme-challenge`, `www`) or a full name under
//! the zone. Values are checked by type: A an IPv4 address, AAAA an IPv6 address, CNAME / MX /
//! NS a host name, SRV `weight port target` (with a `_service._proto` name), CAA
//! `flag tag "value"`, TXT any printable text up to 4096 characters. TTL is from
//! [`TTL_MIN`] to [`TTL_MAX`] seconds (absent = the zone default, shown `-`); MX and SRV have a
//! priority from 0 to 65535, 10 when not given; other types have none. A CNAME cannot share
//! its name with another record nor sit at the zone apex; an identical record cannot be added
//! twice. Wrong data is 4004 on create and `dnssetzone`, 4005 on update.
//!
//! `dnssetzone` checks every record before it replaces the zone; `dnssetzone` and
//! `dnsdeleteall` keep the zone they replace, and `dnsrestore` puts that zone back (once), or
//! the [`default_zone`] when there is none kept.

use std::net::{Ipv4Addr, Ipv6Addr};

use base64::Engine;
use dondominio::service::{self as api, DnsRecordType};
use serde_json::Value;

use super::entities::{entity_id, Family};
use super::{zone_or_hosting_mut, Plan, Service};
use crate::actions::{not_simulated, respond, Ctx};
use crate::error::{ApiError, Outcome};
use crate::params::Params;
use crate::state::{Account, DnsRecord};

/// Shortest TTL accepted, in seconds.
pub const TTL_MIN: i64 = 60;
/// Longest TTL accepted (a week), in seconds.
pub const TTL_MAX: i64 = 604_800;
/// Priority of MX and SRV records when none is given.
pub const DEFAULT_PRIORITY: i64 = 10;
/// The address the default zone points at (TEST-NET-1, nothing real).
pub const DEFAULT_IPV4: &str = "192.0.2.10";
/// The mail server of the default zone (a reserved name, nothing real).
pub const DEFAULT_MX: &str = "mx.sandbox.invalid";

/// The records a new zone starts with: A at the apex, CNAME `www`, MX and an SPF TXT record.
/// Their IDs (`SRV-D1`...) are the same in every zone, so a DNS-only zone that was never
/// changed shows the same IDs as once it is stored.
pub fn default_zone(zone: &str) -> Vec<DnsRecord> {
    let rec =
        |i: usize, name: String, kind: DnsRecordType, priority: Option<i64>, value: String| {
            DnsRecord {
                id: format!("SRV-D{i}"),
                name,
                kind,
                ttl: None,
                priority,
                value,
            }
        };
    vec![
        rec(
            1,
            zone.to_owned(),
            DnsRecordType::A,
            None,
            DEFAULT_IPV4.to_owned(),
        ),
        rec(
            2,
            format!("www.{zone}"),
            DnsRecordType::Cname,
            None,
            zone.to_owned(),
        ),
        rec(
            3,
            zone.to_owned(),
            DnsRecordType::Mx,
            Some(DEFAULT_PRIORITY),
            DEFAULT_MX.to_owned(),
        ),
        rec(
            4,
            zone.to_owned(),
            DnsRecordType::Txt,
            None,
            "v=spf1 a mx ~all".to_owned(),
        ),
    ]
}

/// The full name of `name` in `zone` (`@` and empty for the apex), or why it is not one.
fn full_name(name: &str, zone: &str) -> Result<String, String> {
    let n = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let full = if n.is_empty() || n == "@" || n == zone {
        zone.to_owned()
    } else if let Some(rel) = n.strip_suffix(&format!(".{zone}")) {
        format!("{rel}.{zone}")
    } else {
        format!("{n}.{zone}")
    };
    let labels: Vec<&str> = full.split('.').collect();
    let ok = full.len() <= 253
        && labels.iter().enumerate().all(|(i, l)| {
            (i == 0 && *l == "*")
                || ((1..=63).contains(&l.len())
                    && l.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        });
    if ok {
        Ok(full)
    } else {
        Err(format!("`{name}` is not a host name in `{zone}`"))
    }
}

/// A host name as a record value (a final dot allowed).
fn is_target_host(v: &str) -> bool {
    let v = v.strip_suffix('.').unwrap_or(v);
    let labels: Vec<&str> = v.split('.').collect();
    v.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Checks a record's value, TTL and priority for its type; returns the record with the
/// priority it gets (10 for MX / SRV when absent, none for the other types).
fn check_record(mut r: DnsRecord, zone: &str) -> Result<DnsRecord, String> {
    if let Some(ttl) = r.ttl {
        if !(TTL_MIN..=TTL_MAX).contains(&ttl) {
            return Err(format!(
                "ttl {ttl} is out of range ({TTL_MIN} to {TTL_MAX} seconds)"
            ));
        }
    }
    let v = r.value.trim().to_owned();
    let kind = r.kind.clone();
    let value_ok = match kind {
        DnsRecordType::A => v.parse::<Ipv4Addr>().is_ok(),
        DnsRecordType::Aaaa => v.parse::<Ipv6Addr>().is_ok(),
        DnsRecordType::Cname | DnsRecordType::Mx | DnsRecordType::Ns => is_target_host(&v),
        DnsRecordType::Txt => {
            !v.is_empty() && v.chars().count() <= 4096 && !v.chars().any(char::is_control)
        }
        DnsRecordType::Srv => {
            let parts: Vec<&str> = v.split_whitespace().collect();
            let labels: Vec<&str> = r.name.split('.').collect();
            if !labels.iter().take(2).all(|l| l.starts_with('_')) {
                return Err(format!(
                    "an SRV record's name starts with `_service._proto`, not `{}`",
                    r.name
                ));
            }
            matches!(parts.as_slice(), [w, port, target]
                if w.parse::<u16>().is_ok() && port.parse::<u16>().is_ok()
                    && (*target == "." || is_target_host(target)))
        }
        DnsRecordType::Caa => {
            let mut parts = v.splitn(3, ' ');
            let flag = parts.next().unwrap_or_default();
            let tag = parts.next().unwrap_or_default();
            let value = parts.next().unwrap_or_default();
            flag.parse::<u8>().is_ok()
                && matches!(tag, "issue" | "issuewild" | "iodef")
                && value.len() >= 2
                && value.starts_with('"')
                && value.ends_with('"')
        }
        DnsRecordType::Unknown(_) => {
            return Err(format!("`{}` is not a record type", r.kind));
        }
    };
    if !value_ok {
        return Err(format!("`{v}` is not a valid {} value", r.kind));
    }
    if matches!(kind, DnsRecordType::Cname) && r.name == zone {
        return Err("a CNAME record cannot be at the zone apex".into());
    }
    if matches!(kind, DnsRecordType::Mx | DnsRecordType::Srv) {
        let pr = r.priority.unwrap_or(DEFAULT_PRIORITY);
        if !(0..=65535).contains(&pr) {
            return Err(format!("priority {pr} is out of range (0 to 65535)"));
        }
        r.priority = Some(pr);
    } else {
        r.priority = None;
    }
    r.value = v;
    Ok(r)
}

/// Refuses a record that clashes with `others`: an identical one, or a CNAME sharing a name.
fn check_clash<'a>(
    r: &DnsRecord,
    others: impl IntoIterator<Item = &'a DnsRecord>,
) -> Result<(), String> {
    for o in others {
        if o.name != r.name {
            continue;
        }
        // Host names and addresses compare without case; text (ACME tokens) with it.
        let same_value = if matches!(r.kind, DnsRecordType::Txt | DnsRecordType::Caa) {
            o.value == r.value
        } else {
            o.value.eq_ignore_ascii_case(&r.value)
        };
        if o.kind == r.kind && same_value {
            return Err(format!(
                "an identical {} record for `{}` exists",
                r.kind, r.name
            ));
        }
        if o.kind == DnsRecordType::Cname || r.kind == DnsRecordType::Cname {
            return Err(format!(
                "`{}` has a CNAME record, which cannot share its name with another record",
                r.name
            ));
        }
    }
    Ok(())
}

impl Family for DnsRecord {
    type Api = api::dns::DnsEntry;
    const WHAT: &'static str = "DNS record";
    const DNS: bool = true;
    fn items(s: &Service) -> &Vec<Self> {
        &s.dns
    }
    fn items_mut(s: &mut Service) -> &mut Vec<Self> {
        &mut s.dns
    }
    fn limit(plan: &Plan) -> usize {
        plan.dns
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.name
    }
    fn matches(&self, p: &Params) -> bool {
        let filter = p.get("filter").map(|f| f.trim().to_ascii_lowercase());
        filter
            .is_none_or(|f| self.name.contains(&f) || self.value.to_ascii_lowercase().contains(&f))
            && p.get("filterType").is_none_or(|t| self.kind.as_str() == t)
            && p.get("filterValue").is_none_or(|v| self.value == v.trim())
    }
    fn api(&self, _: &Service) -> api::dns::DnsEntry {
        api::dns::DnsEntry::new(
            self.id.clone(),
            self.name.clone(),
            self.kind.clone(),
            self.ttl,
            self.priority,
            self.value.clone(),
        )
    }
    fn create(p: &Params, s: &Service, id: String) -> Result<Self, ApiError> {
        let fail = |why: String| ApiError::new(4004, why);
        let r = DnsRecord {
            id,
            name: full_name(p.req("name")?, &s.name).map_err(fail)?,
            kind: DnsRecordType::from_wire(p.req("type")?),
            ttl: p.int("ttl")?,
            priority: p.int("priority")?,
            value: p.req("value")?.to_owned(),
        };
        let r = check_record(r, &s.name).map_err(fail)?;
        check_clash(&r, &s.dns).map_err(fail)?;
        Ok(r)
    }
    fn update(&self, p: &Params, s: &Service) -> Result<Self, ApiError> {
        let fail = |why: String| ApiError::new(4005, why);
        let r = DnsRecord {
            value: p.req("value")?.to_owned(),
            ttl: p.int("ttl")?.or(self.ttl),
            priority: p.int("priority")?.or(self.priority),
            ..self.clone()
        };
        let r = check_record(r, &s.name).map_err(fail)?;
        check_clash(&r, s.dns.iter().filter(|o| o.id != self.id)).map_err(fail)?;
        Ok(r)
    }
}

/// `ttl` / `priority` of a `dnsZoneData` record: a number, a numeric string, or `-` / empty /
/// absent for the default.
fn zone_number(o: &serde_json::Map<String, Value>, key: &str) -> Result<Option<i64>, String> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| format!("`{key}` is not a whole number")),
        Some(Value::String(s)) if s.trim().is_empty() || s.trim() == "-" => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("`{key}` is not a number or `-`")),
        Some(_) => Err(format!("`{key}` is not a number or `-`")),
    }
}

/// The records of `dnsZoneData` (base64 of a JSON list), checked for the zone; IDs unset.
fn zone_data(p: &Params, zone: &str) -> Result<Vec<DnsRecord>, ApiError> {
    let invalid = |why: String| ApiError::invalid("dnsZoneData", why);
    let raw = p.req("dnsZoneData")?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(raw.trim())
        .map_err(|e| invalid(format!("not base64: {e}")))?;
    let json: Value =
        serde_json::from_slice(&bytes).map_err(|e| invalid(format!("not JSON: {e}")))?;
    let list = json
        .as_array()
        .ok_or_else(|| invalid("not a JSON list of records".into()))?;
    let mut records: Vec<DnsRecord> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let n = i + 1;
        let o = item
            .as_object()
            .ok_or_else(|| invalid(format!("record {n} is not an object")))?;
        let text = |key: &str| {
            o.get(key)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| invalid(format!("record {n} has no text `{key}`")))
        };
        let fail = |why: String| ApiError::new(4004, format!("record {n}: {why}"));
        let r = DnsRecord {
            id: String::new(),
            name: full_name(&text("name")?, zone).map_err(fail)?,
            kind: DnsRecordType::from_wire(&text("type")?.trim().to_ascii_uppercase()),
            ttl: zone_number(o, "ttl").map_err(|e| invalid(format!("record {n}: {e}")))?,
            priority: zone_number(o, "priority")
                .map_err(|e| invalid(format!("record {n}: {e}")))?,
            value: text("value")?,
        };
        let r = check_record(r, zone).map_err(fail)?;
        check_clash(&r, &records).map_err(fail)?;
        records.push(r);
    }
    Ok(records)
}

/// Runs `dnssetzone`, `dnsdeleteall` or `dnsrestore`.
pub fn zone_action(name: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    match name {
        "dnssetzone" => {
            let zone = super::service_name(p)?;
            let mut records = zone_data(p, &zone)?;
            let limit = super::zone_or_hosting(p, a, true)?.plan().dns;
            if records.len() > limit {
                return Err(ApiError::new(
                    4003,
                    format!("the zone allows {limit} records"),
                ));
            }
            for r in &mut records {
                r.id = entity_id(a.new_id());
            }
            let s = zone_or_hosting_mut(p, a, true, 4004)?;
            s.dns_backup = Some(std::mem::replace(&mut s.dns, records));
            respond(api::DnssetzoneResponse {
                extra: Default::default(),
            })
        }
        "dnsdeleteall" => {
            let s = zone_or_hosting_mut(p, a, true, 4006)?;
            s.dns_backup = Some(std::mem::take(&mut s.dns));
            respond(api::DnsdeleteallResponse {
                extra: Default::default(),
            })
        }
        "dnsrestore" => {
            let s = zone_or_hosting_mut(p, a, true, 4005)?;
            s.dns = s.dns_backup.take().unwrap_or_else(|| default_zone(&s.name));
            respond(api::DnsrestoreResponse {
                extra: Default::default(),
            })
        }
        _ => Err(not_simulated(cx.info.action)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(name: &str, kind: &str, value: &str) -> DnsRecord {
        DnsRecord {
            id: String::new(),
            name: name.into(),
            kind: kind.into(),
            ttl: None,
            priority: None,
            value: value.into(),
        }
    }

    #[test]
    fn names_are_made_full() {
        let z = "example.com";
        assert_eq!(full_name("@", z).as_deref(), Ok("example.com"));
        assert_eq!(full_name("", z).as_deref(), Ok("example.com"));
        assert_eq!(full_name("www", z).as_deref(), Ok("www.example.com"));
        assert_eq!(
            full_name("_acme-challenge.example.com.", z).as_deref(),
            Ok("_acme-challenge.example.com")
        );
        assert_eq!(full_name("*.dev", z).as_deref(), Ok("*.dev.example.com"));
        assert!(full_name("a b", z).is_err());
        assert!(full_name("a.*", z).is_err());
        assert!(full_name(&"x".repeat(64), z).is_err());
    }

    #[test]
    fn values_are_checked_by_type() {
        let z = "example.com";
        assert!(check_record(rec(z, "A", "192.0.2.1"), z).is_ok());
        assert!(check_record(rec(z, "A", "192.0.2.256"), z).is_err());
        assert!(check_record(rec(z, "AAAA", "::1"), z).is_ok());
        assert!(
            check_record(rec(z, "MX", "mx.example.org."), z).is_ok_and(|r| r.priority == Some(10))
        );
        assert!(check_record(rec(z, "TXT", "a\nb"), z).is_err());
        assert!(check_record(rec(z, "CNAME", "example.org"), z).is_err());
        assert!(check_record(rec("www.example.com", "CNAME", "example.org"), z).is_ok());
        assert!(check_record(rec("_x._udp.example.com", "SRV", "0 53 ."), z).is_ok());
        assert!(check_record(rec(z, "CAA", "0 issuewild \";\""), z).is_ok());
        let mut r = rec(z, "A", "192.0.2.1");
        r.ttl = Some(59);
        assert!(check_record(r, z).is_err());
        let mut r = rec(z, "TXT", "x");
        r.priority = Some(5);
        assert!(check_record(r, z).is_ok_and(|r| r.priority.is_none()));
    }

    #[test]
    fn clashes() {
        let zone = default_zone("example.com");
        assert!(check_clash(&rec("www.example.com", "A", "192.0.2.1"), &zone).is_err());
        assert!(check_clash(&rec("example.com", "A", "192.0.2.10"), &zone).is_err());
        assert!(check_clash(&rec("example.com", "A", "192.0.2.11"), &zone).is_ok());
        assert!(check_clash(&rec("example.com", "TXT", "V=SPF1 A MX ~ALL"), &zone).is_ok());
    }
}
