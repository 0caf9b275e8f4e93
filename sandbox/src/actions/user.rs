//! External users of the account and their permissions over domains.
//!
//! Rules the manual does not spell out, chosen here:
//! - a user name has 3 to 32 characters: lower-case ASCII letters, digits, `.`, `_` and `-`,
//!   starting with a letter, and is not the account's own API user (3501 otherwise);
//! - a password has 8 to 64 characters with a lower-case letter, an upper-case letter and a
//!   digit, and no spaces (3501 on create, 3502 on update);
//! - the permissions not sent with `user/adddomain` take the values of the manual's example:
//!   `write`, except `domain_transferblock` (`disabled`) and `domain_authcode` (`read`);
//!   `user/updatedomain` changes only the permissions sent;
//! - `domain_authcode` can never be `write` (105, as the manual says);
//! - a user's domains are only those still in the account: a domain that left it no longer
//!   shows in the user's answers.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dondominio::user as api;
use dondominio::user::{UserDomainPermissions, UserPermission, UserPermissionLevel, UserStatus};

use super::{page, respond, to_i64, Ctx};
use crate::error::{ApiError, Outcome};
use crate::params::Params;
use crate::state::{Account, User};

/// The level a permission has when it is not set.
pub fn default_level(permission: &str) -> UserPermissionLevel {
    match permission {
        "domain_transferblock" => UserPermissionLevel::Disabled,
        "domain_authcode" => UserPermissionLevel::Read,
        _ => UserPermissionLevel::Write,
    }
}

/// Runs a `user/*` action.
pub fn run(name: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    match name {
        "create" => {
            let username = p.req("username")?.trim().to_owned();
            check_username(&username, cx)?;
            if a.users.contains_key(&username) {
                return Err(ApiError::new(
                    3501,
                    format!("there is already a user `{username}`"),
                ));
            }
            let password = p.req("password")?;
            check_password(password).map_err(|why| ApiError::new(3501, why))?;
            let user = User {
                username: username.clone(),
                status: UserStatus::Enabled,
                password: password.to_owned(),
                last_login: None,
                domains: BTreeMap::new(),
            };
            let answer = api::CreateResponse {
                username: user.username.clone(),
                status: user.status.clone(),
                last_login: None,
                num_domains: 0,
                extra: Default::default(),
            };
            a.users.insert(username, user);
            respond(answer)
        }
        "list" => list(p, a),
        "getinfo" => {
            let user = find(p, a)?;
            respond(info(user, a))
        }
        "updatestatus" => {
            let status = UserStatus::from_wire(p.req("status")?);
            find_mut(p, a)?.status = status;
            respond(info(find(p, a)?, a))
        }
        "updatepassword" => {
            let password = p.req("password")?.to_owned();
            check_password(&password).map_err(|why| ApiError::new(3502, why))?;
            find_mut(p, a)?.password = password;
            respond(info(find(p, a)?, a))
        }
        "adddomain" | "updatedomain" | "deletedomain" => {
            let domain = domain_name(p, a)?;
            let grants = if name == "deletedomain" {
                BTreeMap::new()
            } else {
                grants(p)?
            };
            let user = find_mut(p, a)?;
            let held = user.domains.contains_key(&domain);
            match name {
                "adddomain" if held => {
                    return Err(ApiError::new(
                        3502,
                        format!(
                            "user `{}` already has `{domain}`; change it with user/updatedomain",
                            user.username
                        ),
                    ))
                }
                "adddomain" => {
                    user.domains.insert(domain, grants);
                }
                _ if !held => {
                    return Err(ApiError::new(
                        3502,
                        format!("user `{}` has no access to `{domain}`", user.username),
                    ))
                }
                "updatedomain" => {
                    user.domains.entry(domain).or_default().extend(grants);
                }
                _ => {
                    user.domains.remove(&domain);
                }
            }
            respond(info(find(p, a)?, a))
        }
        "delete" => {
            let username = find(p, a)?.username.clone();
            a.users.remove(&username);
            respond(api::DeleteResponse {
                extra: Default::default(),
            })
        }
        _ => Err(super::not_simulated(cx.info.action)),
    }
}

/// `domainName`, a domain of the account (2008 when it has no such domain).
fn domain_name(p: &Params, a: &Account) -> Result<String, ApiError> {
    let name = p.req("domainName")?.trim().to_ascii_lowercase();
    if a.domains.contains_key(&name) {
        Ok(name)
    } else {
        Err(ApiError::new(2008, format!("domain `{name}` not found")))
    }
}

/// The permission parameters sent (their levels are known good from the spec's checks).
fn grants(p: &Params) -> Result<BTreeMap<String, UserPermissionLevel>, ApiError> {
    let mut out = BTreeMap::new();
    for permission in UserPermission::VALUES {
        if let Some(level) = p.get(permission) {
            if *permission == "domain_authcode" && level == "write" {
                return Err(ApiError::invalid(
                    permission,
                    "the transfer code can only be read, never written",
                ));
            }
            out.insert(
                (*permission).to_owned(),
                UserPermissionLevel::from_wire(level),
            );
        }
    }
    Ok(out)
}

fn check_username(name: &str, cx: &Ctx) -> Result<(), ApiError> {
    let bad = |why: &str| ApiError::new(3501, format!("user name `{name}`: {why}"));
    if !(3..=32).contains(&name.len()) {
        return Err(bad("must have 3 to 32 characters"));
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(bad("must start with a lower-case letter"));
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
    {
        return Err(bad(
            "may hold only lower-case letters, digits, `.`, `_` and `-`",
        ));
    }
    if name == cx.user {
        return Err(bad("is the account's own user"));
    }
    Ok(())
}

/// The password rules; the reason when it is too weak (never the password itself).
fn check_password(password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    let ok = (8..=64).contains(&chars)
        && password.chars().any(|c| c.is_ascii_lowercase())
        && password.chars().any(|c| c.is_ascii_uppercase())
        && password.chars().any(|c| c.is_ascii_digit())
        && !password.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(
            "the password must have 8 to 64 characters, with a lower-case letter, \
             an upper-case letter and a digit, and no spaces"
                .into(),
        )
    }
}

/// The user named by `username`, or 3500.
fn find<'a>(p: &Params, a: &'a Account) -> Result<&'a User, ApiError> {
    let name = p.req("username")?.trim();
    a.users
        .get(name)
        .ok_or_else(|| ApiError::new(3500, format!("there is no user `{name}`")))
}

fn find_mut<'a>(p: &Params, a: &'a mut Account) -> Result<&'a mut User, ApiError> {
    let name = p.req("username")?.trim();
    a.users
        .get_mut(name)
        .ok_or_else(|| ApiError::new(3500, format!("there is no user `{name}`")))
}

/// The user's domains that are still in the account.
fn domains<'a>(
    u: &'a User,
    a: &Account,
) -> Vec<(&'a String, &'a BTreeMap<String, UserPermissionLevel>)> {
    u.domains
        .iter()
        .filter(|(d, _)| a.domains.contains_key(*d))
        .collect()
}

fn permissions(set: &BTreeMap<String, UserPermissionLevel>) -> UserDomainPermissions {
    let level = |k: &str| set.get(k).cloned().unwrap_or_else(|| default_level(k));
    UserDomainPermissions {
        domain_ownercontacts: level("domain_ownercontacts"),
        domain_contacts: level("domain_contacts"),
        domain_dns: level("domain_dns"),
        domain_gluerecords: level("domain_gluerecords"),
        domain_dnssec: level("domain_dnssec"),
        domain_transferblock: level("domain_transferblock"),
        domain_authcode: level("domain_authcode"),
        domain_others: level("domain_others"),
        service_ftp: level("service_ftp"),
        service_subdomains: level("service_subdomains"),
        service_redirects: level("service_redirects"),
        service_parking: level("service_parking"),
        service_dnszone: level("service_dnszone"),
        service_ddbb: level("service_ddbb"),
        servicemail_accounts: level("servicemail_accounts"),
        servicemail_alias: level("servicemail_alias"),
        extra: Default::default(),
    }
}

/// The user with its permissions, as getinfo and the update actions answer.
fn info(u: &User, a: &Account) -> api::UserInfo {
    let domains: BTreeMap<String, UserDomainPermissions> = domains(u, a)
        .into_iter()
        .map(|(d, set)| (d.clone(), permissions(set)))
        .collect();
    api::UserInfo {
        username: u.username.clone(),
        status: u.status.clone(),
        last_login: u.last_login,
        num_domains: to_i64(domains.len()),
        domains,
        extra: Default::default(),
    }
}

fn list(p: &Params, a: &Account) -> Outcome {
    let text = p.get("username").map(str::to_ascii_lowercase);
    let domain = p.get("domainName").map(|d| d.trim().to_ascii_lowercase());
    let status = p.get("status");
    let items: Vec<api::UserSummary> = a
        .users
        .values()
        .filter(|u| {
            text.as_deref().is_none_or(|t| u.username.contains(t))
                && status.is_none_or(|s| s == u.status.as_str())
                && domain
                    .as_deref()
                    .is_none_or(|d| u.domains.contains_key(d) && a.domains.contains_key(d))
        })
        .map(|u| api::UserSummary {
            username: u.username.clone(),
            status: u.status.clone(),
            last_login: u.last_login,
            num_domains: to_i64(domains(u, a).len()),
            extra: Default::default(),
        })
        .collect();
    let (users, query_info) = page(p, items)?;
    respond(api::ListResponse {
        query_info,
        users,
        extra: Default::default(),
    })
}

/// Adds the demo data of this module to a seeded account: the enabled external user
/// `webmaster` (password `Webmaster1`), with access to `example.com` (DNS and services
/// writable, contacts readable, the transfer lock and code hidden).
pub fn demo(a: &mut Account, today: NaiveDate) {
    let set: BTreeMap<String, UserPermissionLevel> = [
        ("domain_ownercontacts", UserPermissionLevel::Read),
        ("domain_contacts", UserPermissionLevel::Read),
        ("domain_transferblock", UserPermissionLevel::Disabled),
        ("domain_authcode", UserPermissionLevel::Disabled),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let user = User {
        username: "webmaster".into(),
        status: UserStatus::Enabled,
        password: "Webmaster1".into(),
        last_login: Some(crate::state::shift(today, -3)),
        domains: [("example.com".to_owned(), set)].into_iter().collect(),
    };
    a.users.insert(user.username.clone(), user);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_user_survives_a_state_file() -> Result<(), serde_json::Error> {
        let mut a = Account::default();
        demo(
            &mut a,
            NaiveDate::from_ymd_opt(2026, 1, 31).unwrap_or_default(),
        );
        let text = serde_json::to_string(&a)?;
        assert_eq!(serde_json::from_str::<Account>(&text)?, a);
        Ok(())
    }

    #[test]
    fn passwords() {
        assert!(check_password("Secret123").is_ok());
        assert!(check_password("secret123").is_err());
        assert!(check_password("SECRET123").is_err());
        assert!(check_password("Secretabc").is_err());
        assert!(check_password("Se1").is_err());
        assert!(check_password(&format!("Aa1{}", "x".repeat(62))).is_err());
    }

    #[test]
    fn unset_permissions_take_the_defaults() {
        let p = permissions(&BTreeMap::new());
        assert_eq!(p.domain_dns, UserPermissionLevel::Write);
        assert_eq!(p.domain_transferblock, UserPermissionLevel::Disabled);
        assert_eq!(p.domain_authcode, UserPermissionLevel::Read);
    }
}
