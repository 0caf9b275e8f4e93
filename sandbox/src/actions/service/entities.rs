//! The entity families of a service (`ftp*`, `ddbb*`, `subdomain*`, `redirect*`, `mail*`,
//! `mailalias*`, `dns*`): one generic driver for list/getinfo/create/update/delete, and one
//! [`Family`] implementation per family with its own validation.
//!
//! - list: `filter` keeps the entities whose name (origin for redirections; name or value for
//!   DNS records) contains the text, ignoring case; DNS lists also take `filterType` and
//!   `filterValue` (exact); then `page` / `pageLength`.
//! - getinfo, update, delete: `entityID` must name an entity of that family in that service
//!   (4002).
//! - create: one more than the plan allows is 4003; wrong data is 4004 (5 on update).

use dondominio::entity::{Entities, EntityPage, NoData};
use dondominio::service as api;
use dondominio::service::redirect::RedirectType;

use super::{zone_or_hosting, zone_or_hosting_mut, Plan, Service};
use crate::actions::{not_simulated, page, respond, Ctx};
use crate::error::{ApiError, Outcome};
use crate::params::{is_domain_name, Params};
use crate::state::{
    Account, Database, DnsRecord, FtpUser, MailAlias, Mailbox, Redirect, Subdomain, SubdomainSsl,
};

/// The entity ID for identifier `n`.
pub fn entity_id(n: i64) -> String {
    format!("SRV-{n}")
}

/// One family of entities: where they live in a [`Service`], how they are shown, made and
/// changed.
pub trait Family: Clone + Sized {
    /// The generated type that shows one entity.
    type Api: dondominio::entity::Entity;
    /// What the family holds, for messages (`FTP account`).
    const WHAT: &'static str;
    /// Whether a DNS-only zone has this family (only DNS records).
    const DNS: bool = false;
    /// The entities of a service.
    fn items(s: &Service) -> &Vec<Self>;
    /// The entities of a service, to change them.
    fn items_mut(s: &mut Service) -> &mut Vec<Self>;
    /// How many the plan allows.
    fn limit(plan: &Plan) -> usize;
    /// The entity's ID.
    fn id(&self) -> &str;
    /// The text `filter` looks in.
    fn label(&self) -> &str;
    /// Whether the entity passes the list's filters.
    fn matches(&self, p: &Params) -> bool {
        p.get("filter").is_none_or(|f| {
            self.label()
                .to_ascii_lowercase()
                .contains(&f.trim().to_ascii_lowercase())
        })
    }
    /// The entity as the API shows it.
    fn api(&self, s: &Service) -> Self::Api;
    /// A new entity from the request (validated; 4004 when wrong).
    fn create(p: &Params, s: &Service, id: String) -> Result<Self, ApiError>;
    /// The entity changed by the request (validated; 4005 when wrong).
    fn update(&self, p: &Params, s: &Service) -> Result<Self, ApiError>;
    /// The list answer for one page of entities.
    fn list(p: &Params, s: &Service, items: Vec<Self>) -> Outcome {
        let all = items.iter().map(|e| e.api(s)).collect();
        let (items, query_info) = page(p, all)?;
        respond(EntityPage {
            query_info,
            items,
            extra: Default::default(),
        })
    }
}

/// Runs an entity action (`ftplist`, `dnscreate`...).
pub fn run(name: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    // `mailalias` before `mail`: the longer prefix first.
    for family in [
        "mailalias",
        "mail",
        "ftp",
        "ddbb",
        "subdomain",
        "redirect",
        "dns",
    ] {
        if let Some(op) = name.strip_prefix(family) {
            return match family {
                "mailalias" => drive::<MailAlias>(op, p, a, cx),
                "mail" => drive::<Mailbox>(op, p, a, cx),
                "ftp" => drive::<FtpUser>(op, p, a, cx),
                "ddbb" => drive::<Database>(op, p, a, cx),
                "subdomain" => drive::<Subdomain>(op, p, a, cx),
                "redirect" => drive::<Redirect>(op, p, a, cx),
                _ => drive::<DnsRecord>(op, p, a, cx),
            };
        }
    }
    Err(not_simulated(cx.info.action))
}

fn position<F: Family>(items: &[F], p: &Params) -> Result<usize, ApiError> {
    let id = p.req("entityID")?.trim();
    items.iter().position(|e| e.id() == id).ok_or_else(|| {
        ApiError::new(
            4002,
            format!("{} `{id}` not found in this service", F::WHAT),
        )
    })
}

fn drive<F: Family>(op: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    match op {
        "list" => {
            let s = zone_or_hosting(p, a, F::DNS)?;
            let items = F::items(&s)
                .iter()
                .filter(|e| e.matches(p))
                .cloned()
                .collect();
            F::list(p, &s, items)
        }
        "getinfo" => {
            let s = zone_or_hosting(p, a, F::DNS)?;
            let items = F::items(&s);
            let e = items.get(position(items, p)?).map(|e| e.api(&s));
            respond(Entities {
                items: e.into_iter().collect(),
                extra: Default::default(),
            })
        }
        "create" => {
            let id = entity_id(a.new_id());
            let s = zone_or_hosting_mut(p, a, F::DNS, 4004)?;
            let limit = F::limit(&s.plan());
            if F::items(s).len() >= limit {
                return Err(ApiError::new(
                    4003,
                    format!("plan `{}` allows {limit} of: {}", s.productkey, F::WHAT),
                ));
            }
            let e = F::create(p, s, id)?;
            let shown = e.api(s);
            F::items_mut(s).push(e);
            respond(Entities {
                items: vec![shown],
                extra: Default::default(),
            })
        }
        "update" => {
            let s = zone_or_hosting_mut(p, a, F::DNS, 4005)?;
            let at = position(F::items(s), p)?;
            let old = F::items(s).get(at).cloned();
            let new = match old {
                Some(old) => old.update(p, s)?,
                None => return Err(ApiError::new(4002, format!("{} not found", F::WHAT))),
            };
            let shown = new.api(s);
            if let Some(slot) = F::items_mut(s).get_mut(at) {
                *slot = new;
            }
            respond(Entities {
                items: vec![shown],
                extra: Default::default(),
            })
        }
        "delete" => {
            let s = zone_or_hosting_mut(p, a, F::DNS, 4006)?;
            let at = position(F::items(s), p)?;
            F::items_mut(s).remove(at);
            respond(NoData::default())
        }
        _ => Err(not_simulated(cx.info.action)),
    }
}

// ---- shared validation --------------------------------------------------------------

/// An error of a create (4004) or update (4005) about `field`.
fn bad(code: i64, field: &str, why: impl std::fmt::Display) -> ApiError {
    ApiError::new(code, format!("`{field}`: {why}"))
}

/// A password: 8 to 64 characters without spaces, with a letter and a digit.
fn password(p: &Params, code: i64) -> Result<String, ApiError> {
    let pw = p.req("password")?;
    let ok = (8..=64).contains(&pw.chars().count())
        && !pw.chars().any(char::is_whitespace)
        && pw.chars().any(|c| c.is_ascii_alphabetic())
        && pw.chars().any(|c| c.is_ascii_digit());
    if ok {
        Ok(pw.to_owned())
    } else {
        Err(bad(
            code,
            "password",
            "8 to 64 characters without spaces, with at least a letter and a digit",
        ))
    }
}

/// A directory inside the hosting: no `..`, no backslashes or control characters.
fn path(p: &Params, key: &str, code: i64) -> Result<String, ApiError> {
    let v = p.req(key)?.trim();
    let ok = v.len() <= 255
        && !v.split('/').any(|part| part == "..")
        && !v.chars().any(|c| c == '\\' || c.is_control());
    if ok {
        Ok(v.to_owned())
    } else {
        Err(bad(
            code,
            key,
            "a directory inside the hosting, without `..`",
        ))
    }
}

/// `name@service`, from a local part or a full address of the service's domain.
fn address(p: &Params, s: &Service, code: i64) -> Result<String, ApiError> {
    let v = p.req("name")?.trim().to_ascii_lowercase();
    let (local, domain) = v.split_once('@').unwrap_or((v.as_str(), s.name.as_str()));
    if domain != s.name {
        return Err(bad(
            code,
            "name",
            format!("the address must be under `{}`", s.name),
        ));
    }
    if !is_local_part(local) {
        return Err(bad(code, "name", "not a valid mailbox name"));
    }
    Ok(format!("{local}@{domain}"))
}

fn is_local_part(local: &str) -> bool {
    (1..=64).contains(&local.len())
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._+-".contains(&b))
}

/// An e-mail address anywhere.
fn is_email(v: &str) -> bool {
    v.split_once('@')
        .is_some_and(|(local, domain)| is_local_part(local) && is_domain_name(domain))
}

/// Refuses an address already used by a mailbox or an alias of the service.
fn address_free(s: &Service, address: &str, code: i64) -> Result<(), ApiError> {
    let used = s.mailboxes.iter().any(|m| m.name == address)
        || s.aliases.iter().any(|m| m.name == address);
    if used {
        Err(bad(code, "name", format!("`{address}` already exists")))
    } else {
        Ok(())
    }
}

// ---- FTP ------------------------------------------------------------------------------

impl Family for FtpUser {
    type Api = api::ftp::FtpAccount;
    const WHAT: &'static str = "FTP account";
    fn items(s: &Service) -> &Vec<Self> {
        &s.ftp
    }
    fn items_mut(s: &mut Service) -> &mut Vec<Self> {
        &mut s.ftp
    }
    fn limit(plan: &Plan) -> usize {
        plan.ftp
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.name
    }
    fn api(&self, _: &Service) -> api::ftp::FtpAccount {
        api::ftp::FtpAccount::new(
            self.id.clone(),
            self.name.clone(),
            self.ftp_path.clone(),
            self.password.clone(),
            self.quota,
        )
    }
    fn create(p: &Params, s: &Service, id: String) -> Result<Self, ApiError> {
        let name = p.req("name")?.trim().to_ascii_lowercase();
        let ok = (3..=32).contains(&name.len())
            && name
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric())
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
        if !ok {
            return Err(bad(
                4004,
                "name",
                "3 to 32 letters, digits, dots, hyphens or underscores",
            ));
        }
        if s.ftp.iter().any(|f| f.name == name) {
            return Err(bad(4004, "name", format!("`{name}` already exists")));
        }
        Ok(FtpUser {
            id,
            name,
            ftp_path: path(p, "ftpPath", 4004)?,
            password: password(p, 4004)?,
            quota: s.plan().disk,
        })
    }
    fn update(&self, p: &Params, _: &Service) -> Result<Self, ApiError> {
        Ok(FtpUser {
            ftp_path: path(p, "ftpPath", 4005)?,
            password: password(p, 4005)?,
            ..self.clone()
        })
    }
}

// ---- databases -------------------------------------------------------------------------

impl Family for Database {
    type Api = api::ddbb::Database;
    const WHAT: &'static str = "database";
    fn items(s: &Service) -> &Vec<Self> {
        &s.ddbb
    }
    fn items_mut(s: &mut Service) -> &mut Vec<Self> {
        &mut s.ddbb
    }
    fn limit(plan: &Plan) -> usize {
        plan.ddbb
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.name
    }
    fn api(&self, _: &Service) -> api::ddbb::Database {
        api::ddbb::Database::new(
            self.id.clone(),
            self.name.clone(),
            self.user.clone(),
            self.password.clone(),
            self.external_access,
        )
    }
    fn create(p: &Params, _: &Service, id: String) -> Result<Self, ApiError> {
        let name = format!("ddb{}", id.trim_start_matches("SRV-"));
        Ok(Database {
            id,
            user: name.clone(),
            name,
            password: password(p, 4004)?,
            external_access: p.bool("externalAccess")?.unwrap_or(false),
        })
    }
    fn update(&self, p: &Params, _: &Service) -> Result<Self, ApiError> {
        Ok(Database {
            password: password(p, 4005)?,
            external_access: p.bool("externalAccess")?.unwrap_or(false),
            ..self.clone()
        })
    }
    fn list(p: &Params, _: &Service, items: Vec<Self>) -> Outcome {
        let all = items
            .into_iter()
            .map(|d| api::ddbb::DatabaseListItem {
                entity_id: d.id,
                name: d.name,
                user: d.user,
                password: d.password,
                external_access: Some(d.external_access),
                extra: Default::default(),
            })
            .collect();
        let (ddbb, query_info) = page(p, all)?;
        respond(api::ddbb::DdbblistResponse {
            query_info,
            ddbb,
            extra: Default::default(),
        })
    }
}

// ---- subdomains ------------------------------------------------------------------------

/// The certificate sent with `sslCert`, `sslKey`, `sslCertChain`, `sslPath`, if any.
fn subdomain_ssl(p: &Params, code: i64) -> Result<Option<SubdomainSsl>, ApiError> {
    if p.get("sslCert").is_none() {
        return Ok(None);
    }
    let pem = |key: &str, marker: &str| {
        let v = p.req(key)?.trim();
        if v.contains("-----BEGIN") && v.contains(marker) {
            Ok(v.to_owned())
        } else {
            Err(bad(code, key, format!("not a PEM block with {marker}")))
        }
    };
    Ok(Some(SubdomainSsl {
        cert: pem("sslCert", "CERTIFICATE-----")?,
        key: pem("sslKey", "PRIVATE KEY-----")?,
        chain: pem("sslCertChain", "CERTIFICATE-----")?,
        ftp_path: path(p, "sslPath", code)?,
    }))
}

impl Family for Subdomain {
    type Api = api::subdomain::Subdomain;
    const WHAT: &'static str = "subdomain";
    fn items(s: &Service) -> &Vec<Self> {
        &s.subdomains
    }
    fn items_mut(s: &mut Service) -> &mut Vec<Self> {
        &mut s.subdomains
    }
    fn limit(plan: &Plan) -> usize {
        plan.subdomain
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.name
    }
    fn api(&self, _: &Service) -> api::subdomain::Subdomain {
        let mut shown = api::subdomain::Subdomain::new(
            self.id.clone(),
            self.name.clone(),
            self.ftp_path.clone(),
        );
        shown.ssl = self.ssl.as_ref().map(|c| {
            Box::new(api::subdomain::SubdomainSsl::new(
                c.ftp_path.clone(),
                c.cert.clone(),
                c.key.clone(),
                c.chain.clone(),
            ))
        });
        shown
    }
    fn create(p: &Params, s: &Service, id: String) -> Result<Self, ApiError> {
        let v = p
            .req("name")?
            .trim()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let suffix = format!(".{}", s.name);
        let label = v.strip_suffix(&suffix).unwrap_or(&v);
        let name = format!("{label}{suffix}");
        if label.is_empty() || label.contains('*') || !is_domain_name(&name) {
            return Err(bad(4004, "name", "not a valid subdomain"));
        }
        if s.subdomains.iter().any(|d| d.name == name) {
            return Err(bad(4004, "name", format!("`{name}` already exists")));
        }
        Ok(Subdomain {
            id,
            name,
            ftp_path: path(p, "ftpPath", 4004)?,
            ssl: subdomain_ssl(p, 4004)?,
        })
    }
    fn update(&self, p: &Params, _: &Service) -> Result<Self, ApiError> {
        Ok(Subdomain {
            ftp_path: path(p, "ftpPath", 4005)?,
            ssl: subdomain_ssl(p, 4005)?.or_else(|| self.ssl.clone()),
            ..self.clone()
        })
    }
}

// ---- redirections ----------------------------------------------------------------------

/// An `http(s)` URL with a host, from `key` (a scheme-less origin gets `http://`).
fn web_url(p: &Params, key: &str, code: i64, add_scheme: bool) -> Result<url::Url, ApiError> {
    let v = p.req(key)?.trim();
    let text = if add_scheme && !v.contains("://") {
        format!("http://{v}")
    } else {
        v.to_owned()
    };
    match url::Url::parse(&text) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(u),
        _ => Err(bad(code, key, "not an http or https URL")),
    }
}

fn redirect_type(p: &Params, code: i64) -> Result<RedirectType, ApiError> {
    match RedirectType::from_wire(p.req("type")?) {
        RedirectType::Unknown(_) => Err(bad(code, "type", "301, 302 or frame")),
        known => Ok(known),
    }
}

fn destination(p: &Params, origin: &str, code: i64) -> Result<String, ApiError> {
    let d = web_url(p, "destination", code, false)?;
    if d.as_str().trim_end_matches('/') == origin.trim_end_matches('/') {
        return Err(bad(code, "destination", "redirects to itself"));
    }
    Ok(d.to_string())
}

impl Family for Redirect {
    type Api = api::redirect::Redirect;
    const WHAT: &'static str = "redirection";
    fn items(s: &Service) -> &Vec<Self> {
        &s.redirects
    }
    fn items_mut(s: &mut Service) -> &mut Vec<Self> {
        &mut s.redirects
    }
    fn limit(plan: &Plan) -> usize {
        plan.redirect
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.origin
    }
    fn api(&self, _: &Service) -> api::redirect::Redirect {
        api::redirect::Redirect::new(
            self.id.clone(),
            self.origin.clone(),
            self.destination.clone(),
            self.kind.clone(),
        )
    }
    fn create(p: &Params, s: &Service, id: String) -> Result<Self, ApiError> {
        let origin = web_url(p, "origin", 4004, true)?;
        let host = origin.host_str().unwrap_or_default();
        if host != s.name && !host.ends_with(&format!(".{}", s.name)) {
            return Err(bad(
                4004,
                "origin",
                format!("must be an address under `{}`", s.name),
            ));
        }
        let origin = origin.to_string();
        if s.redirects.iter().any(|r| r.origin == origin) {
            return Err(bad(
                4004,
                "origin",
                format!("`{origin}` is already redirected"),
            ));
        }
        Ok(Redirect {
            id,
            destination: destination(p, &origin, 4004)?,
            kind: redirect_type(p, 4004)?,
            origin,
        })
    }
    fn update(&self, p: &Params, _: &Service) -> Result<Self, ApiError> {
        Ok(Redirect {
            destination: destination(p, &self.origin, 4005)?,
            kind: redirect_type(p, 4005)?,
            ..self.clone()
        })
    }
    fn list(p: &Params, _: &Service, items: Vec<Self>) -> Outcome {
        let all = items
            .into_iter()
            .map(|r| api::redirect::RedirectListItem {
                entity_id: Some(r.id),
                origin: r.origin,
                destination: r.destination,
                kind: r.kind,
                extra: Default::default(),
            })
            .collect();
        let (redirect, query_info) = page(p, all)?;
        respond(api::redirect::RedirectlistResponse {
            query_info,
            redirect,
            extra: Default::default(),
        })
    }
}

// ---- mailboxes -------------------------------------------------------------------------

impl Family for Mailbox {
    type Api = api::mail::Mailbox;
    const WHAT: &'static str = "mailbox";
    fn items(s: &Service) -> &Vec<Self> {
        &s.mailboxes
    }
    fn items_mut(s: &mut Service) -> &mut Vec<Self> {
        &mut s.mailboxes
    }
    fn limit(plan: &Plan) -> usize {
        plan.email
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.name
    }
    fn api(&self, s: &Service) -> api::mail::Mailbox {
        api::mail::Mailbox::new(
            self.id.clone(),
            self.name.clone(),
            self.password.clone(),
            self.usage,
            s.plan().mailbox,
        )
    }
    fn create(p: &Params, s: &Service, id: String) -> Result<Self, ApiError> {
        let name = address(p, s, 4004)?;
        address_free(s, &name, 4004)?;
        Ok(Mailbox {
            id,
            name,
            password: password(p, 4004)?,
            usage: 0,
        })
    }
    fn update(&self, p: &Params, _: &Service) -> Result<Self, ApiError> {
        Ok(Mailbox {
            password: password(p, 4005)?,
            ..self.clone()
        })
    }
}

// ---- mail aliases ----------------------------------------------------------------------

/// Most addresses one alias forwards to.
pub const ALIAS_TARGETS_MAX: usize = 50;

fn targets(p: &Params, alias: &str, code: i64) -> Result<Vec<String>, ApiError> {
    let mut out: Vec<String> = Vec::new();
    for t in p.list("target").unwrap_or_default() {
        let t = t.to_ascii_lowercase();
        if !is_email(&t) {
            return Err(bad(
                code,
                "target",
                format!("`{t}` is not an e-mail address"),
            ));
        }
        if t == alias {
            return Err(bad(code, "target", "an alias cannot forward to itself"));
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.is_empty() {
        return Err(ApiError::missing("target"));
    }
    if out.len() > ALIAS_TARGETS_MAX {
        return Err(bad(
            code,
            "target",
            format!("at most {ALIAS_TARGETS_MAX} addresses"),
        ));
    }
    Ok(out)
}

impl Family for MailAlias {
    type Api = api::mailalias::MailAlias;
    const WHAT: &'static str = "mail alias";
    fn items(s: &Service) -> &Vec<Self> {
        &s.aliases
    }
    fn items_mut(s: &mut Service) -> &mut Vec<Self> {
        &mut s.aliases
    }
    fn limit(plan: &Plan) -> usize {
        plan.emailalias
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> &str {
        &self.name
    }
    fn api(&self, _: &Service) -> api::mailalias::MailAlias {
        api::mailalias::MailAlias::new(self.id.clone(), self.name.clone(), self.target.clone())
    }
    fn create(p: &Params, s: &Service, id: String) -> Result<Self, ApiError> {
        let name = address(p, s, 4004)?;
        address_free(s, &name, 4004)?;
        Ok(MailAlias {
            id,
            target: targets(p, &name, 4004)?,
            name,
        })
    }
    fn update(&self, p: &Params, _: &Service) -> Result<Self, ApiError> {
        Ok(MailAlias {
            target: targets(p, &self.name, 4005)?,
            ..self.clone()
        })
    }
}
