//! The account: balance and currency, promotions, and the zones on sale with their prices
//! (the prices every billable action charges).

use dondominio::account as api;

use super::{page, respond, Ctx};
use crate::error::Outcome;
use crate::params::Params;
use crate::state::Account;

/// Handles `account/info`.
pub fn info(_p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    respond(api::InfoResponse {
        client_name: a.client_name.clone(),
        apiuser: cx.user.to_owned(),
        balance: a.balance,
        threshold: a.threshold,
        currency: a.currency.clone(),
        ip: "127.0.0.1".into(),
        extra: Default::default(),
    })
}

/// Handles `account/promos`.
pub fn promos(_p: &Params, _a: &mut Account, _cx: &Ctx) -> Outcome {
    respond(api::PromosResponse { items: Vec::new() })
}

/// Handles `account/zones`.
pub fn zones(p: &Params, _a: &mut Account, cx: &Ctx) -> Outcome {
    let zones: Vec<api::Zone> = cx
        .catalog
        .zones
        .iter()
        .filter(|(tld, z)| {
            p.get("tld")
                .is_none_or(|t| t.trim_start_matches('.') == tld.as_str())
                && p.get("tldtop")
                    .is_none_or(|t| t.trim_start_matches('.') == z.tldtop)
        })
        .map(|(tld, z)| {
            let op = |price: f64| {
                Some(Box::new(api::ZoneOperation {
                    price,
                    years: z.years.clone(),
                    in_promo: None,
                    extra: Default::default(),
                }))
            };
            api::Zone {
                tld: tld.clone(),
                tldtop: z.tldtop.clone(),
                authcodereq: z.authcodereq,
                requirements: None,
                create: op(z.create),
                renew: op(z.renew),
                transfer: op(z.transfer),
                extra: Default::default(),
            }
        })
        .collect();
    let (zones, query_info) = page(p, zones)?;
    respond(api::ZonesResponse {
        query_info,
        zones,
        extra: Default::default(),
    })
}
