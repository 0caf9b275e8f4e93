//! Reading the form parameters of a request that already passed the spec's checks
//! ([`dondominio::meta::ActionInfo::check`]): presence, value forms and enum values are known
//! good here, so these helpers only convert, and refuse what the spec cannot say (formats of
//! domain names, phones, countries; references to things that do not exist).

use chrono::NaiveDate;
use dondominio::meta::WireType;
use dondominio::types::{ContactType, ContactVerification};

use crate::error::ApiError;
use crate::state::{Account, Contact, Domain};

/// Form keys that are not parameters of the action: the credentials and the output switch.
const NOT_PARAMETERS: [&str; 3] = ["apiuser", "apipasswd", "output-format"];

/// The parameters of a request to the action `info` as the PHP API sees them, checked against
/// the spec: the same rules for every action, applied once here.
///
/// - A key sent twice counts once, with its last value (PHP's `$_POST`).
/// - A parameter of the action sent empty is the same as not sent (the PHP SDKs send an
///   optional argument left `null` as an empty field), so a required one sent empty is still
///   missing (101); a boolean sent empty is `false` (PHP writes `false` as an empty string).
/// - Credentials and `output-format` are removed; keys the action does not know are kept, as
///   the API ignores them.
///
/// Refusals name the wire keys only.
pub fn prepare(
    info: &'static dondominio::meta::ActionInfo,
    form: &[(String, String)],
) -> Result<Vec<(String, String)>, ApiError> {
    let mut seen = std::collections::HashSet::new();
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(form.len());
    for (key, value) in form.iter().rev() {
        if NOT_PARAMETERS.contains(&key.as_str()) || !seen.insert(key.as_str()) {
            continue;
        }
        let value = match info.param(key) {
            Some(p) if value.is_empty() => match p.ty {
                WireType::Boolean => "false".to_owned(),
                _ => continue,
            },
            _ => value.clone(),
        };
        pairs.push((key.clone(), value));
    }
    pairs.reverse();
    info.check(&pairs).map_err(ApiError::from)?;
    Ok(pairs)
}

/// The parameters of one request, credentials removed.
#[derive(Debug, Clone, Copy)]
pub struct Params<'a> {
    pairs: &'a [(String, String)],
    /// The action called: its parameters' defaults stand in for the keys not sent.
    info: &'static dondominio::meta::ActionInfo,
}

impl<'a> Params<'a> {
    /// Wraps the form pairs sent to the action `info`.
    pub fn new(pairs: &'a [(String, String)], info: &'static dondominio::meta::ActionInfo) -> Self {
        Params { pairs, info }
    }

    /// Every pair, in the order sent.
    pub fn pairs(&self) -> &'a [(String, String)] {
        self.pairs
    }

    /// The value of `key`, if sent and not empty (the last one wins, as in PHP).
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// The value of `key`, or 101.
    pub fn req(&self, key: &str) -> Result<&'a str, ApiError> {
        self.get(key).ok_or_else(|| ApiError::missing(key))
    }

    /// A whole number, if sent.
    pub fn int(&self, key: &str) -> Result<Option<i64>, ApiError> {
        self.get(key)
            .map(|v| {
                v.trim()
                    .parse()
                    .map_err(|_| ApiError::invalid(key, "not a whole number"))
            })
            .transpose()
    }

    /// A number, if sent.
    pub fn float(&self, key: &str) -> Result<Option<f64>, ApiError> {
        self.get(key)
            .map(|v| {
                v.trim()
                    .parse()
                    .map_err(|_| ApiError::invalid(key, "not a number"))
            })
            .transpose()
    }

    /// A boolean, if sent (`true`/`false`/`1`/`0`).
    pub fn bool(&self, key: &str) -> Result<Option<bool>, ApiError> {
        self.get(key)
            .map(|v| match v.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(ApiError::invalid(key, "not a boolean")),
            })
            .transpose()
    }

    /// A date `YYYY-MM-DD`, if sent.
    pub fn date(&self, key: &str) -> Result<Option<NaiveDate>, ApiError> {
        self.get(key)
            .map(|v| {
                NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
                    .map_err(|_| ApiError::invalid(key, "not a date (YYYY-MM-DD)"))
            })
            .transpose()
    }

    /// A comma-separated list, if sent (items trimmed, empty items dropped).
    pub fn list(&self, key: &str) -> Option<Vec<String>> {
        self.get(key).map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
    }

    /// `page` and `pageLength` (1-based page). A key not sent takes the action's default from
    /// the spec (`pageLength` is 100 for `account/zones`, 1000 for most listings); 1 and 1000
    /// when the spec gives none.
    pub fn paging(&self) -> Result<(usize, usize), ApiError> {
        let page = self.int("page")?.or(self.default_int("page")).unwrap_or(1);
        let length = self
            .int("pageLength")?
            .or(self.default_int("pageLength"))
            .unwrap_or(1000);
        if page < 1 {
            return Err(ApiError::invalid("page", "pages start at 1"));
        }
        if length < 1 {
            return Err(ApiError::invalid("pageLength", "must be at least 1"));
        }
        Ok((
            usize::try_from(page).unwrap_or(usize::MAX),
            usize::try_from(length).unwrap_or(usize::MAX),
        ))
    }

    /// The spec's default of the action's parameter `key`, when it is a whole number.
    fn default_int(&self, key: &str) -> Option<i64> {
        self.info
            .params
            .iter()
            .find(|p| p.name == key)
            .and_then(|p| p.default)
            .and_then(|d| d.parse().ok())
    }

    /// The domain named by `domain` or `domainID`: 2008 when the account has no such domain
    /// (also when another account has it: accounts never see each other).
    pub fn domain<'s>(&self, account: &'s Account) -> Result<&'s Domain, ApiError> {
        let name = self.domain_name(account)?;
        account
            .domains
            .get(&name)
            .ok_or_else(|| ApiError::new(2008, format!("domain `{name}` not found")))
    }

    /// The name of the domain named by `domain` or `domainID` (known to exist).
    pub fn domain_name(&self, account: &Account) -> Result<String, ApiError> {
        if let Some(name) = self.get("domain") {
            let name = name.trim().to_ascii_lowercase();
            return if account.domains.contains_key(&name) {
                Ok(name)
            } else {
                Err(ApiError::new(2008, format!("domain `{name}` not found")))
            };
        }
        let id = self
            .int("domainID")?
            .ok_or_else(|| ApiError::missing("domain or domainID"))?;
        account
            .domain_by_id(id)
            .map(|d| d.name.clone())
            .ok_or_else(|| ApiError::new(2008, format!("domain ID {id} not found")))
    }

    /// The contact given under `prefix` (`ownerContact`...): by ID, or as full data that
    /// becomes a new contact of the account. `None` when nothing is sent under the prefix.
    pub fn contact(&self, account: &mut Account, prefix: &str) -> Result<Option<String>, ApiError> {
        let key = |suffix: &str| format!("{prefix}{suffix}");
        if let Some(id) = self.get(&key("ID")) {
            return if account.contacts.contains_key(id) {
                Ok(Some(id.to_owned()))
            } else {
                Err(ApiError::new(
                    3001,
                    format!("contact `{id}` does not exist"),
                ))
            };
        }
        let Some(kind) = self.get(&key("Type")) else {
            return Ok(None);
        };
        let text = |suffix: &str| self.get(&key(suffix)).unwrap_or("").to_owned();
        let contact = Contact {
            kind: ContactType::from_wire(kind),
            first_name: text("FirstName"),
            last_name: text("LastName"),
            org_name: text("OrgName"),
            org_type: text("OrgType"),
            ident_number: text("IdentNumber"),
            email: text("Email"),
            phone: text("Phone"),
            fax: text("Fax"),
            address: text("Address"),
            postal_code: text("PostalCode"),
            city: text("City"),
            state: text("State"),
            country: text("Country").to_ascii_uppercase(),
            verification: ContactVerification::Inprocess,
            daaccepted: false,
        };
        check_contact(&contact, prefix)?;
        let id = format!("SBX-{}", account.new_id());
        account.contacts.insert(id.clone(), contact);
        Ok(Some(id))
    }
}

/// The format checks the API makes on contact data (3002 when the data is wrong).
pub fn check_contact(c: &Contact, prefix: &str) -> Result<(), ApiError> {
    let bad = |field: &str, why: &str| ApiError::new(3002, format!("`{prefix}{field}`: {why}"));
    for (field, value) in [
        ("FirstName", &c.first_name),
        ("LastName", &c.last_name),
        ("IdentNumber", &c.ident_number),
        ("Email", &c.email),
        ("Phone", &c.phone),
        ("Address", &c.address),
        ("PostalCode", &c.postal_code),
        ("City", &c.city),
        ("State", &c.state),
        ("Country", &c.country),
    ] {
        if value.trim().is_empty() {
            return Err(ApiError::missing(&format!("{prefix}{field}")));
        }
    }
    if c.kind == ContactType::Organization && c.org_name.trim().is_empty() {
        return Err(ApiError::missing(&format!("{prefix}OrgName")));
    }
    if !is_phone(&c.phone) {
        return Err(bad(
            "Phone",
            "must look like +CC.NUMBER (such as +34.931234567)",
        ));
    }
    if !c.fax.is_empty() && !is_phone(&c.fax) {
        return Err(bad(
            "Fax",
            "must look like +CC.NUMBER (such as +34.931234567)",
        ));
    }
    if !is_country(&c.country) {
        return Err(bad("Country", "must be a two-letter ISO country code"));
    }
    if !c.email.contains('@') || c.email.starts_with('@') || c.email.ends_with('@') {
        return Err(bad("Email", "not an e-mail address"));
    }
    Ok(())
}

/// `+CC.NUMBER`: a plus, 1 to 3 digits, a dot, 4 to 14 digits.
pub fn is_phone(v: &str) -> bool {
    let Some(rest) = v.strip_prefix('+') else {
        return false;
    };
    let Some((cc, number)) = rest.split_once('.') else {
        return false;
    };
    (1..=3).contains(&cc.len())
        && (4..=14).contains(&number.len())
        && cc.bytes().all(|b| b.is_ascii_digit())
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// Two ASCII letters.
pub fn is_country(v: &str) -> bool {
    v.len() == 2 && v.bytes().all(|b| b.is_ascii_alphabetic())
}

/// A registrable domain name: labels of letters, digits and inner hyphens (punycode `xn--`
/// allowed), at least two labels, 253 characters at most.
pub fn is_domain_name(v: &str) -> bool {
    let labels: Vec<&str> = v.split('.').collect();
    v.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// A host name for name servers and glue records (same rules as a domain name).
pub fn is_host_name(v: &str) -> bool {
    is_domain_name(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert!(is_phone("+34.931234567"));
        assert!(!is_phone("34.931234567"));
        assert!(!is_phone("+34931234567"));
        assert!(!is_phone("+34.12"));
        assert!(!is_phone("+3a.12345"));
    }

    #[test]
    fn domain_names() {
        assert!(is_domain_name("example.com"));
        assert!(is_domain_name("xn--bcher-kva.es"));
        assert!(!is_domain_name("example"));
        assert!(!is_domain_name("-bad.com"));
        assert!(!is_domain_name("bad_.com"));
        assert!(!is_domain_name("a..com"));
    }
}
