//! Tools: the connection test, IDN conversion, name suggestions from the state, the
//! reference tables, and the DNS look-ups of the outside world (answered with the spec's
//! example carrying the request's names).

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
            set_text(&mut data, "query", p.req("query")?);
            if let Some(ns) = p.get("nameserver") {
                set_text(&mut data, "nameserver", ns);
            }
            if let Some(t) = p.get("type") {
                set_text(&mut data, "type", t);
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
