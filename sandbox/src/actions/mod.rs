//! What each action does: one module per API module, one place per resource.
//!
//! A handler gets the parameters (already checked against the spec), a copy of the account to
//! change and the context (clock, catalogue); it validates everything before it changes
//! anything, and answers with a generated response type of the `dondominio` crate, serialized.
//! The engine keeps the copy only when the handler succeeds.

pub mod account;
pub mod contact;
pub mod domain;
pub mod service;
pub mod ssl;
pub mod tool;
pub mod user;

use chrono::{NaiveDate, NaiveDateTime};
use dondominio::meta::ActionInfo;
use dondominio::types::{Billing, QueryInfo};
use dondominio::Action;
use serde::Serialize;
use serde_json::Value;

use crate::error::{ApiError, Outcome};
use crate::params::Params;
use crate::state::{Account, Catalog};

/// What a handler may read besides the account.
#[derive(Debug)]
pub struct Ctx<'a> {
    /// The action's description from the spec.
    pub info: &'static ActionInfo,
    /// The account's API user name.
    pub user: &'a str,
    /// The sandbox's today.
    pub today: NaiveDate,
    /// The sandbox's now.
    pub now: NaiveDateTime,
    /// Prices and products.
    pub catalog: &'a Catalog,
    /// The domain names other accounts hold, for the actions that ask whether a name is
    /// free (asked per name, nothing gathered in advance).
    pub others: crate::engine::Others<'a>,
}

/// Runs `action` on `account`.
pub fn run(action: Action, p: &Params, account: &mut Account, cx: &Ctx) -> Outcome {
    let name = cx.info.name;
    match cx.info.module {
        "tool" => tool::run(name, p, account, cx),
        "account" => account::run(name, p, account, cx),
        "domain" => domain::run(name, p, account, cx),
        "contact" => contact::run(name, p, account, cx),
        "service" => service::run(name, p, account, cx),
        "ssl" => ssl::run(name, p, account, cx),
        "user" => user::run(name, p, account, cx),
        _ => Err(not_simulated(action)),
    }
}

/// Lets time act on the account (pending states complete, registrations expire); true when
/// something changed.
pub fn tick(account: &mut Account, today: NaiveDate) -> bool {
    let domains = domain::tick(account, today);
    let services = service::tick(account, today);
    let certificates = ssl::tick(account, today);
    domains || services || certificates
}

/// 104 for an action the sandbox does not know (only reached when the spec grows).
pub fn not_simulated(action: Action) -> ApiError {
    ApiError::new(
        104,
        format!("the sandbox does not simulate `{}`", action.info().path),
    )
}

/// A response type as the `responseData` JSON.
pub fn respond<T: Serialize>(value: T) -> Outcome {
    serde_json::to_value(value)
        .map_err(|e| ApiError::new(1, format!("the sandbox could not encode its answer: {e}")))
}

/// One page of `items` and its `queryInfo`, from `page`/`pageLength`.
pub fn page<T>(p: &Params, items: Vec<T>) -> Result<(Vec<T>, QueryInfo), ApiError> {
    let (page, length) = p.paging()?;
    let total = items.len();
    let start = (page - 1).saturating_mul(length).min(total);
    let items: Vec<T> = items.into_iter().skip(start).take(length).collect();
    let info = QueryInfo {
        page: to_i64(page),
        page_length: to_i64(length),
        results: to_i64(items.len()),
        total: to_i64(total),
        extra: Default::default(),
    };
    Ok((items, info))
}

/// A count as the API's integer.
pub fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Takes `amount` from the balance, or 1100 when the balance does not cover it.
pub fn charge(account: &mut Account, amount: f64) -> Result<Billing, ApiError> {
    let amount = round_cents(amount);
    if account.balance + 1e-9 < amount {
        return Err(ApiError::new(
            1100,
            format!(
                "the balance ({:.2} {}) does not cover {:.2} {}",
                account.balance, account.currency, amount, account.currency
            ),
        ));
    }
    account.balance = round_cents(account.balance - amount);
    Ok(Billing {
        total: amount,
        currency: account.currency.clone(),
        extra: Default::default(),
    })
}

/// Money rounded to cents.
pub fn round_cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The `responseData` of the spec's example for this action (and variant), for actions whose
/// answer depends on the outside world (whois, DNS look-ups, CSR decoding).
pub fn example_data(cx: &Ctx, variant: Option<&str>) -> Result<Value, ApiError> {
    let example = cx
        .info
        .example(variant)
        .ok_or_else(|| ApiError::new(104, "the spec has no example of this answer"))?;
    let mut envelope: Value = serde_json::from_str(example.json)
        .map_err(|e| ApiError::new(1, format!("the spec's example is not JSON: {e}")))?;
    Ok(envelope
        .get_mut("responseData")
        .map(Value::take)
        .unwrap_or(Value::Null))
}

/// Sets `key` of a JSON object to text (used to put the request's names into an example).
pub fn set_text(data: &mut Value, key: &str, value: &str) {
    if let Some(o) = data.as_object_mut() {
        o.insert(key.to_owned(), Value::String(value.to_owned()));
    }
}
