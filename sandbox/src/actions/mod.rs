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
use dondominio::ErrorCode;
use serde::Serialize;
use serde_json::Value;

use crate::error::{ApiError, Outcome};
use crate::params::Params;
use crate::state::{
    Account, Catalog, Database, DnsRecord, FtpUser, MailAlias, Mailbox, Redirect, Subdomain,
};
use service::entities::{drive, Op};

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

/// Runs `action` on `a`: one arm per action of the spec, and no arm for "any other", so an
/// action added to the spec without a handler here does not compile.
///
/// ```compile_fail,E0004
/// // An `Action` match that forgets an action is refused by the compiler (E0004): the same
/// // holds for `run`, which lists every action.
/// fn handled(action: dondominio::Action) -> bool {
///     match action {
///         dondominio::Action::ToolHello => true,
///     }
/// }
/// ```
pub fn run(action: Action, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    use Action as A;
    match action {
        A::ToolHello
        | A::ToolIdnconverter
        | A::ToolDomainsuggests
        | A::ToolGettable
        | A::ToolDig
        | A::ToolZonecheck => tool::run(cx.info.name, p, a, cx),
        A::AccountInfo => account::info(p, a, cx),
        A::AccountPromos => account::promos(p, a, cx),
        A::AccountZones => account::zones(p, a, cx),
        A::DomainCheck => domain::check(p, a, cx),
        A::DomainCheckfortransfer => domain::checkfortransfer(p, a, cx),
        A::DomainCreate => domain::create(p, a, cx),
        A::DomainTransfer => domain::transfer(p, a, cx),
        A::DomainTransferrestart => domain::transferrestart(p, a, cx),
        A::DomainUpdate => domain::update(p, a, cx, p.req("updateType")?),
        A::DomainUpdatenameservers => domain::update(p, a, cx, "nameservers"),
        A::DomainUpdatecontacts => domain::update(p, a, cx, "contact"),
        A::DomainGluerecordcreate | A::DomainGluerecordupdate | A::DomainGluerecorddelete => {
            domain::glue(cx.info.name, p, a, cx)
        }
        A::DomainList => domain::list(p, a),
        A::DomainGetinfo => domain::getinfo(p, a),
        A::DomainGetauthcode => domain::getauthcode(p, a, cx),
        A::DomainGetnameservers => domain::getnameservers(p, a, cx),
        A::DomainGetgluerecords => domain::getgluerecords(p, a, cx),
        A::DomainGetdnssec => domain::getdnssec(p, a, cx),
        A::DomainDnsseccreate | A::DomainDnssecdelete => domain::ds(cx.info.name, p, a, cx),
        A::DomainRenew => domain::renew(p, a, cx),
        A::DomainWhois => domain::whois(p, a, cx),
        A::DomainResendverificationmail => domain::resendverificationmail(p, a, cx),
        A::DomainGethistory => domain::gethistory(p, a, cx),
        A::DomainListdeleted => domain::listdeleted(p, a, cx),
        A::ContactCreate => contact::create(p, a, cx),
        A::ContactList => contact::list(p, a),
        A::ContactGetinfo => contact::getinfo(p, a, cx),
        A::ContactResendverificationmail => contact::resendverificationmail(p, a, cx),
        A::ServiceFtplist => drive::<FtpUser>(Op::List, p, a, cx),
        A::ServiceFtpgetinfo => drive::<FtpUser>(Op::Getinfo, p, a, cx),
        A::ServiceFtpcreate => drive::<FtpUser>(Op::Create, p, a, cx),
        A::ServiceFtpupdate => drive::<FtpUser>(Op::Update, p, a, cx),
        A::ServiceFtpdelete => drive::<FtpUser>(Op::Delete, p, a, cx),
        A::ServiceDdbblist => drive::<Database>(Op::List, p, a, cx),
        A::ServiceDdbbgetinfo => drive::<Database>(Op::Getinfo, p, a, cx),
        A::ServiceDdbbcreate => drive::<Database>(Op::Create, p, a, cx),
        A::ServiceDdbbupdate => drive::<Database>(Op::Update, p, a, cx),
        A::ServiceDdbbdelete => drive::<Database>(Op::Delete, p, a, cx),
        A::ServiceSubdomainlist => drive::<Subdomain>(Op::List, p, a, cx),
        A::ServiceSubdomaingetinfo => drive::<Subdomain>(Op::Getinfo, p, a, cx),
        A::ServiceSubdomaincreate => drive::<Subdomain>(Op::Create, p, a, cx),
        A::ServiceSubdomainupdate => drive::<Subdomain>(Op::Update, p, a, cx),
        A::ServiceSubdomaindelete => drive::<Subdomain>(Op::Delete, p, a, cx),
        A::ServiceRedirectlist => drive::<Redirect>(Op::List, p, a, cx),
        A::ServiceRedirectgetinfo => drive::<Redirect>(Op::Getinfo, p, a, cx),
        A::ServiceRedirectcreate => drive::<Redirect>(Op::Create, p, a, cx),
        A::ServiceRedirectupdate => drive::<Redirect>(Op::Update, p, a, cx),
        A::ServiceRedirectdelete => drive::<Redirect>(Op::Delete, p, a, cx),
        A::ServiceMaillist => drive::<Mailbox>(Op::List, p, a, cx),
        A::ServiceMailgetinfo => drive::<Mailbox>(Op::Getinfo, p, a, cx),
        A::ServiceMailcreate => drive::<Mailbox>(Op::Create, p, a, cx),
        A::ServiceMailupdate => drive::<Mailbox>(Op::Update, p, a, cx),
        A::ServiceMaildelete => drive::<Mailbox>(Op::Delete, p, a, cx),
        A::ServiceMailaliaslist => drive::<MailAlias>(Op::List, p, a, cx),
        A::ServiceMailaliasgetinfo => drive::<MailAlias>(Op::Getinfo, p, a, cx),
        A::ServiceMailaliascreate => drive::<MailAlias>(Op::Create, p, a, cx),
        A::ServiceMailaliasupdate => drive::<MailAlias>(Op::Update, p, a, cx),
        A::ServiceMailaliasdelete => drive::<MailAlias>(Op::Delete, p, a, cx),
        A::ServiceDnslist => drive::<DnsRecord>(Op::List, p, a, cx),
        A::ServiceDnsgetinfo => drive::<DnsRecord>(Op::Getinfo, p, a, cx),
        A::ServiceDnscreate => drive::<DnsRecord>(Op::Create, p, a, cx),
        A::ServiceDnsupdate => drive::<DnsRecord>(Op::Update, p, a, cx),
        A::ServiceDnsdelete => drive::<DnsRecord>(Op::Delete, p, a, cx),
        A::ServiceList => service::list(p, a),
        A::ServiceGetinfo => service::getinfo(p, a),
        A::ServiceCreate => service::create(p, a, cx),
        A::ServiceRenew => service::renew(p, a, cx),
        A::ServiceUpgrade => service::upgrade(p, a, cx),
        A::ServiceUpdate => service::update(p, a),
        A::ServiceParkinggetinfo => service::parkinggetinfo(p, a, cx),
        A::ServiceParkingupdate => service::parking_update(p, a),
        A::ServiceWebconstructorlogin => service::webconstructor(p, a, cx),
        A::ServiceDnsrestore | A::ServiceDnssetzone | A::ServiceDnsdeleteall => {
            service::dns::zone_action(cx.info.name, p, a, cx)
        }
        A::SslCsrdecode => ssl::csrdecode(p, cx),
        A::SslCsrcreate => ssl::csrcreate(p, cx),
        A::SslProductlist => ssl::productlist(p, cx),
        A::SslProductgetinfo => ssl::productgetinfo(p, a, cx),
        A::SslList => ssl::list(p, a, cx),
        A::SslGetinfo => ssl::getinfo(p, a, cx),
        A::SslCreate => ssl::create(p, a, cx),
        A::SslRenew => ssl::renew(p, a, cx),
        A::SslReissue => ssl::reissue(p, a, cx),
        A::SslMultidomainaddsan => ssl::addsan(p, a, cx),
        A::SslGetvalidationemails => ssl::getvalidationemails(p, a, cx),
        A::SslChangevalidationmethod => ssl::changevalidationmethod(p, a, cx),
        A::SslResendvalidationmail => ssl::resendvalidationmail(p, a, cx),
        A::UserCreate => user::create(p, a, cx),
        A::UserList => user::list(p, a),
        A::UserGetinfo => user::getinfo(p, a, cx),
        A::UserUpdatestatus => user::updatestatus(p, a, cx),
        A::UserUpdatepassword => user::updatepassword(p, a, cx),
        A::UserAdddomain | A::UserUpdatedomain | A::UserDeletedomain => {
            user::domain_grants(p, a, cx)
        }
        A::UserDelete => user::delete(p, a, cx),
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
        ErrorCode::ObjectActionNotImplemented,
        format!("the sandbox does not simulate `{}`", action.info().path),
    )
}

/// A response type as the `responseData` JSON.
pub fn respond<T: Serialize>(value: T) -> Outcome {
    serde_json::to_value(value).map_err(|e| {
        ApiError::new(
            ErrorCode::UndefinedError,
            format!("the sandbox could not encode its answer: {e}"),
        )
    })
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
            ErrorCode::InsufficientBalance,
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
    let example = cx.info.example(variant).ok_or_else(|| {
        ApiError::new(
            ErrorCode::ObjectActionNotImplemented,
            "the spec has no example of this answer",
        )
    })?;
    let mut envelope: Value = serde_json::from_str(example.json).map_err(|e| {
        ApiError::new(
            ErrorCode::UndefinedError,
            format!("the spec's example is not JSON: {e}"),
        )
    })?;
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
