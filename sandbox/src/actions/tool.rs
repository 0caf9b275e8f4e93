//! Tools: the connection test, IDN conversion, name suggestions from the state, the
//! reference tables, and the DNS look-ups of the outside world (answered with the spec's
//! example carrying the request's names). `tool/dig` on a name in one of the account's zones
//! answers from that zone's records instead (see [`dig_own_zone`]).

use std::collections::BTreeMap;

use dondominio::tool as api;
use dondominio::ErrorCode;

use super::{example_data, respond, set_text, Ctx};
use crate::error::{ApiError, Outcome};
use crate::params::{is_domain_name, Params};
use crate::state::Account;

/// Runs a `tool/*` action.
pub fn run(name: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    match name {
        "hello" => respond(api::HelloResponse {
            ip: "127.0.0.1".into(),
            lang: "en".into(),
            version: dondominio::API_VERSION.into(),
            extra: Default::default(),
        }),
        "idnconverter" => {
            let query = p.req("query")?;
            let punycode = idna::domain_to_ascii(query.trim()).map_err(|_| {
                ApiError::new(
                    ErrorCode::InvalidDomainName,
                    format!("`{query}` is not a valid internationalized name"),
                )
            })?;
            let (unicode, _) = idna::domain_to_unicode(&punycode);
            respond(api::IdnconverterResponse {
                query: query.to_owned(),
                unicode,
                punycode,
                extra: Default::default(),
            })
        }
        "domainsuggests" => {
            let query = p.req("query")?.trim().to_ascii_lowercase();
            let tlds = p
                .list("tlds")
                .unwrap_or_else(|| vec!["com".into(), "net".into()]);
            let mut suggests = BTreeMap::new();
            for word in [
                query.clone(),
                format!("{query}online"),
                format!("my{query}"),
            ] {
                let mut by_tld = BTreeMap::new();
                for tld in &tlds {
                    let name = format!("{word}.{tld}");
                    let free = is_domain_name(&name)
                        && !a.domains.contains_key(&name)
                        && !word.starts_with("taken");
                    by_tld.insert(tld.clone(), free);
                }
                suggests.insert(word, by_tld);
            }
            respond(api::DomainsuggestsResponse {
                query,
                suggests,
                extra: Default::default(),
            })
        }
        "gettable" => {
            // The spec has one example per table, in the order of the table types.
            let table = p.req("tableType")?;
            let index = api::TableType::VALUES
                .iter()
                .position(|v| *v == table)
                .unwrap_or(0);
            let example = cx.info.examples.get(index).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::ObjectActionNotImplemented,
                    format!("the sandbox has no `{table}` table"),
                )
            })?;
            let envelope: serde_json::Value = serde_json::from_str(example.json).map_err(|e| {
                ApiError::new(
                    ErrorCode::UndefinedError,
                    format!("the spec's example is not JSON: {e}"),
                )
            })?;
            Ok(envelope["responseData"].clone())
        }
        "dig" => {
            let mut data = example_data(cx, None)?;
            let query = p.req("query")?;
            set_text(&mut data, "query", query);
            if let Some(ns) = p.get("nameserver") {
                set_text(&mut data, "nameserver", ns);
            }
            if let Some(t) = p.get("type") {
                set_text(&mut data, "type", t);
            }
            if let Some(answer) = dig_own_zone(a, query, p.get("type").unwrap_or("A")) {
                set_text(&mut data, "result", &answer);
            }
            Ok(data)
        }
        "zonecheck" => {
            let mut data = example_data(cx, None)?;
            set_text(&mut data, "domain", p.req("domain")?);
            if let (Some(o), Some(ns)) = (data.as_object_mut(), p.list("nameservers")) {
                o.insert("nameservers".into(), ns.into());
            }
            Ok(data)
        }
        _ => Err(super::not_simulated(cx.info.action)),
    }
}

/// The answer of `tool/dig` for `query` when it lies in one of the account's zones (a hosting
/// service or DNS-only zone, or a domain of the account whose zone was never changed): the
/// records of that name and `kind` (`ANY`: every type) in dig's text format, `NXDOMAIN` when
/// the zone has no record of that name at all. `None` for a name outside the account's zones.
pub fn dig_own_zone(a: &Account, query: &str, kind: &str) -> Option<String> {
    use super::service::dns::default_zone;
    let name = query.trim().trim_end_matches('.').to_ascii_lowercase();
    let under = |zone: &str| name == zone || name.ends_with(&format!(".{zone}"));
    // The deepest zone holding the name (a zone may sit under another).
    let zone = a
        .services
        .keys()
        .chain(a.domains.keys())
        .map(|z| z.to_ascii_lowercase())
        .filter(|z| under(z))
        .max_by_key(String::len)?;
    let stored = a
        .services
        .iter()
        .find(|(z, _)| z.eq_ignore_ascii_case(&zone))
        .map(|(_, s)| s.dns.clone());
    let records = stored.unwrap_or_else(|| default_zone(&zone).into());
    let kind = kind.trim().to_ascii_uppercase();
    let at_name: Vec<_> = records
        .iter()
        .filter(|r| r.name.trim_end_matches('.').eq_ignore_ascii_case(&name))
        .collect();
    let answers: Vec<String> = at_name
        .iter()
        .filter(|r| kind == "ANY" || r.kind.as_str().eq_ignore_ascii_case(&kind))
        .map(|r| {
            let value = match (r.kind.as_str(), r.priority) {
                ("TXT", _) => format!("\"{}\"", r.value.replace('"', "\\\"")),
                (_, Some(prio)) => format!("{prio} {}", r.value),
                _ => r.value.clone(),
            };
            let ttl = r.ttl.unwrap_or(3600);
            format!("{name}.\t\t{ttl}\tIN\t{}\t{value}\n", r.kind.as_str())
        })
        .collect();
    let status = if at_name.is_empty() {
        "NXDOMAIN"
    } else {
        "NOERROR"
    };
    let mut text = format!(
        ";; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: {status}, id: 1\n\
         ;; flags: qr aa rd; QUERY: 1, ANSWER: {}, AUTHORITY: 0, ADDITIONAL: 0\n\n\
         ;; QUESTION SECTION:\n;{name}.\t\t\tIN\t{kind}\n\n",
        answers.len()
    );
    if !answers.is_empty() {
        text.push_str(";; ANSWER SECTION:\n");
        text.extend(answers);
        text.push('\n');
    }
    Some(text)
}
