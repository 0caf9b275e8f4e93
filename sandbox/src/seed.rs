//! What accounts start with: the built-in price catalogue, the demo data set, and users'
//! own seed files (YAML or JSON).
//!
//! A seed file:
//!
//! ```yaml
//! catalog:            # optional: replaces the built-in catalogue's zones, serviceProducts
//!                     # (plans) and sslProducts; a section left out stays built-in
//!   zones:
//!     com: { tldtop: com, create: 10.0, renew: 12.0, transfer: 10.0 }
//! accounts:
//!   alice:
//!     password: alice-secret
//!     data:            # optional: the account's data, same shape as the state file
//!       balance: 250
//!       contacts:
//!         SBX-1: { type: individual, firstName: Alice, lastName: Doe, identNumber: "12345678Z",
//!                  email: alice@example.org, phone: "+34.600000000", address: Main St 1,
//!                  postalCode: "08001", city: Barcelona, state: Barcelona, country: ES }
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use dondominio::ssl::SslValidationType;
use dondominio::types::{
    ContactType, ContactVerification, DomainStatus, OwnerVerification, RenewalMode,
};
use serde::Deserialize;

use crate::actions;
use crate::state::{
    add_years, shift, Account, AccountSlot, Catalog, Contact, Domain, HistoryEntry, SslProduct,
    World, ZonePrice,
};

/// The account the sandbox creates when none is given.
pub const DEFAULT_USER: &str = "sandbox";
/// Its password.
pub const DEFAULT_PASSWORD: &str = "sandbox";

/// A seed file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedFile {
    /// Replaces the built-in catalogue when present.
    #[serde(default)]
    pub catalog: Option<Catalog>,
    /// Accounts by user name.
    #[serde(default)]
    pub accounts: BTreeMap<String, SeedAccount>,
}

/// One account of a seed file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedAccount {
    /// Its `apipasswd`.
    pub password: String,
    /// Its data; empty when absent.
    #[serde(default)]
    pub data: Account,
}

impl SeedFile {
    /// Reads a seed file: JSON when it ends in `.json`, YAML otherwise (YAML also reads JSON).
    /// Errors name the file and the place in it.
    pub fn load(path: &Path) -> Result<SeedFile, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the seed file {}: {e}", path.display()))?;
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json {
            serde_json::from_str(&text).map_err(|e| {
                format!(
                    "{}:{}:{}: not a sandbox seed: {e}",
                    path.display(),
                    e.line(),
                    e.column()
                )
            })
        } else {
            serde_yaml::from_str(&text).map_err(|e| {
                let at = e
                    .location()
                    .map(|l| format!(":{}:{}", l.line(), l.column()))
                    .unwrap_or_default();
                format!("{}{at}: not a sandbox seed: {e}", path.display())
            })
        }
    }
}

/// Builds the starting world: every `(user, password)` of `accounts` gets the demo data set
/// (or nothing with `empty`), then the seed file's accounts are added (replacing an account of
/// the same name). Without any account, the default one is created.
pub fn world(
    accounts: &[(String, String)],
    empty: bool,
    seed: Option<SeedFile>,
    today: NaiveDate,
) -> World {
    let mut world = World {
        catalog: catalog(),
        accounts: BTreeMap::new(),
    };
    let mut add = |user: &str, password: &str, data: Account| {
        world.accounts.insert(
            user.to_owned(),
            AccountSlot {
                password: password.to_owned(),
                clock_offset_days: 0,
                seed: data.clone(),
                state: data,
            },
        );
    };
    let seeded = seed.as_ref().is_some_and(|s| !s.accounts.is_empty());
    let defaults = [(DEFAULT_USER.to_owned(), DEFAULT_PASSWORD.to_owned())];
    let given: &[(String, String)] = if accounts.is_empty() && !seeded {
        &defaults
    } else {
        accounts
    };
    for (user, password) in given {
        let data = if empty {
            Account::default()
        } else {
            demo(today)
        };
        add(user, password, data);
    }
    if let Some(seed) = seed {
        for (user, account) in seed.accounts {
            add(&user, &account.password, account.data);
        }
        if let Some(catalog) = seed.catalog {
            world.catalog = catalog;
        }
    }
    world
}

/// The built-in catalogue: a few zones, the hosting plans and SSL products, with prices.
pub fn catalog() -> Catalog {
    let zone = |tldtop: &str, create: f64, renew: f64, transfer: f64| ZonePrice {
        tldtop: tldtop.to_owned(),
        create,
        renew,
        transfer,
        authcodereq: true,
        years: (1..=10).collect(),
    };
    let zones = [
        ("com", zone("com", 9.95, 11.95, 9.95)),
        ("net", zone("net", 11.50, 13.50, 11.50)),
        ("org", zone("org", 10.95, 12.95, 10.95)),
        ("info", zone("info", 4.95, 19.95, 14.95)),
        ("es", zone("es", 6.95, 8.95, 0.0)),
        ("com.es", zone("es", 6.95, 8.95, 0.0)),
        ("eu", zone("eu", 5.95, 7.95, 5.95)),
        ("io", zone("io", 39.00, 45.00, 39.00)),
        ("dev", zone("dev", 14.00, 16.00, 14.00)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let service_products = [
        ("redir", 0.0),
        ("mini", 12.0),
        ("mail", 18.0),
        ("mailplus", 30.0),
        ("mailpro", 48.0),
        ("basic", 60.0),
        ("professional", 120.0),
        ("advanced", 180.0),
        ("corporate", 300.0),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let ssl = |name: &str, kind: &str, multi: bool, wildcard: bool, price: f64| SslProduct {
        name: name.to_owned(),
        brand: "Sectigo".into(),
        validation_type: SslValidationType::from_wire(kind),
        multi_domain: multi,
        wildcard,
        trial: false,
        num_domains: if multi { 3 } else { 1 },
        san_max_domains: multi.then_some(250),
        san_price: multi.then_some(25.0),
        price,
    };
    let ssl_products = [
        (1, ssl("PositiveSSL", "dv", false, false, 9.95)),
        (2, ssl("PositiveSSL Wildcard", "dv", false, true, 89.0)),
        (3, ssl("PositiveSSL Multi-Domain", "dv", true, false, 45.0)),
        (4, ssl("InstantSSL", "ov", false, false, 49.0)),
        (5, ssl("EV SSL", "ev", false, false, 149.0)),
        (
            6,
            SslProduct {
                brand: "DonDominio".into(),
                trial: true,
                ..ssl("DonDominio Trial SSL", "dv", false, false, 0.0)
            },
        ),
    ]
    .into_iter()
    .collect();
    Catalog {
        zones,
        service_products,
        ssl_products,
    }
}

/// The demo data set: a balance, two contacts, a few domains (among them `example.com`, with
/// a hosting service and DNS records), an external user and an SSL certificate.
pub fn demo(today: NaiveDate) -> Account {
    let mut a = Account {
        client_name: "Sandbox Demo S.L.".into(),
        balance: 1000.0,
        threshold: 50.0,
        ..Account::default()
    };
    let person = Contact {
        kind: ContactType::Individual,
        first_name: "Jane".into(),
        last_name: "Doe".into(),
        org_name: String::new(),
        org_type: String::new(),
        ident_number: "12345678Z".into(),
        email: "jane@example.com".into(),
        phone: "+34.931234567".into(),
        fax: String::new(),
        address: "Carrer de Mallorca 1".into(),
        postal_code: "08001".into(),
        city: "Barcelona".into(),
        state: "Barcelona".into(),
        country: "ES".into(),
        verification: ContactVerification::Verified,
        daaccepted: true,
    };
    let company = Contact {
        kind: ContactType::Organization,
        first_name: "John".into(),
        last_name: "Smith".into(),
        org_name: "Example Widgets Ltd".into(),
        org_type: String::new(),
        ident_number: "GB123456789".into(),
        email: "hostmaster@example.net".into(),
        phone: "+44.2071234567".into(),
        address: "1 Example Street".into(),
        postal_code: "EC1A 1AA".into(),
        city: "London".into(),
        state: "London".into(),
        country: "GB".into(),
        verification: ContactVerification::Inprocess,
        daaccepted: false,
        fax: String::new(),
    };
    a.contacts.insert("SBX-1001".into(), person);
    a.contacts.insert("SBX-1002".into(), company);
    a.next_id = 1002;
    let domains = [
        (
            "example.com",
            "SBX-1001",
            -400,
            2,
            "ns1.example.com,ns2.example.com",
        ),
        ("example.net", "SBX-1002", -200, 2, ""),
        // Expires in about a month: the one to renew.
        ("example.org", "SBX-1001", -330, 1, ""),
        ("example.es", "SBX-1001", -700, 3, ""),
        ("example.dev", "SBX-1002", -20, 1, ""),
    ];
    for (name, owner, created_days_ago, years, ns) in domains {
        let id = a.new_id();
        let created = shift(today, created_days_ago);
        let nameservers: Vec<String> = if ns.is_empty() {
            actions::domain::DEFAULT_NS
                .iter()
                .map(|s| (*s).to_owned())
                .collect()
        } else {
            ns.split(',').map(str::to_owned).collect()
        };
        a.domains.insert(
            name.to_owned(),
            Domain {
                id,
                name: name.to_owned(),
                status: DomainStatus::Active,
                ts_create: created,
                ts_expir: add_years(created, years),
                pending_until: None,
                renewal_mode: RenewalMode::Autorenew,
                modify_block: false,
                transfer_block: name == "example.com",
                whois_privacy: false,
                view_whois: true,
                authcode: format!("Demo-{id}-Auth!"),
                tag: (name == "example.com").then(|| "demo,web".to_owned()),
                owner: owner.into(),
                admin: owner.into(),
                tech: owner.into(),
                billing: owner.into(),
                ownerverification: OwnerVerification::Verified,
                nameservers,
                gluerecords: Vec::new(),
                dnssec_active: false,
                dnssec: Vec::new(),
                transfer_status: None,
                history: crate::state::List::unit(HistoryEntry {
                    ts: created.and_time(chrono::NaiveTime::MIN),
                    ip: "127.0.0.1".into(),
                    title: "Registration".into(),
                    message: format!("registered for {years} year(s)"),
                }),
            },
        );
    }
    if let Some(d) = a.domains.get_mut("example.com") {
        d.gluerecords.push(crate::state::GlueRecord {
            name: "ns1.example.com".into(),
            ipv4: "192.0.2.53".into(),
            ipv6: None,
        });
    }
    actions::service::demo(&mut a, today);
    actions::user::demo(&mut a, today);
    actions::ssl::demo(&mut a, today);
    a
}
