//! The state file across the move to typed state: a file written before the state was typed
//! with the client's enums (every enum a string) loads, reads back byte for byte, and its
//! values come out as the enum variants; the seed format of the documentation still reads.

use dondominio::service::redirect::RedirectType;
use dondominio::service::DnsRecordType;
use dondominio::ssl::{SslStatus, SslValidationMethod};
use dondominio::types::{ContactType, DomainStatus, RenewalMode, TransferStatus};
use dondominio::user::{UserPermissionLevel, UserStatus};
use dondominio_sandbox::{SeedFile, World};

/// Written by the sandbox of the commit before the typed state (`--state`, the demo data set
/// plus a DNS record and a transfer in progress).
const OLD_STATE: &str = include_str!("data/state-with-string-enums.json");

#[test]
fn an_old_state_file_reads_back_unchanged() {
    let world: World = serde_json::from_str(OLD_STATE).expect("the old state file loads");
    let again = serde_json::to_string_pretty(&world).expect("encodes");
    assert_eq!(again, OLD_STATE, "the state file format changed");
}

#[test]
fn an_old_state_file_comes_out_typed() {
    let world: World = serde_json::from_str(OLD_STATE).expect("the old state file loads");
    let a = &world.accounts["sandbox"].state;
    assert_eq!(a.contacts["SBX-1002"].kind, ContactType::Organization);
    let d = &a.domains["example.com"];
    assert_eq!(d.status, DomainStatus::Active);
    assert_eq!(d.renewal_mode, RenewalMode::Autorenew);
    let t = &a.domains["taken-x.com"];
    assert_eq!(t.status, DomainStatus::TransferPending);
    assert_eq!(t.transfer_status, Some(TransferStatus::PendingRegistry));
    let s = &a.services["example.com"];
    assert!(s
        .dns
        .iter()
        .any(|r| r.kind == DnsRecordType::Txt && r.name == "_acme.example.com"));
    assert_eq!(s.redirects[0].kind, RedirectType::Permanent);
    let u = &a.users["webmaster"];
    assert_eq!(u.status, UserStatus::Enabled);
    assert_eq!(
        u.domains["example.com"]["domain_authcode"],
        UserPermissionLevel::Disabled
    );
    let c = a.certificates.values().next().expect("a certificate");
    assert_eq!(c.status, SslStatus::Valid);
    assert!(c
        .validation
        .values()
        .all(|v| v.method == SslValidationMethod::Dns));
}

#[test]
fn a_value_the_spec_does_not_list_survives_a_round_trip() {
    let text = OLD_STATE.replacen("\"status\": \"active\"", "\"status\": \"on-hold\"", 1);
    assert_ne!(text, OLD_STATE);
    let world: World = serde_json::from_str(&text).expect("loads");
    assert_eq!(serde_json::to_string_pretty(&world).expect("encodes"), text);
}

#[test]
fn the_seed_example_of_the_documentation_reads() {
    // The example of `sandbox/src/seed.rs`, as a user writes it.
    let yaml = r#"
catalog:
  zones:
    com: { tldtop: com, create: 10.0, renew: 12.0, transfer: 10.0 }
accounts:
  alice:
    password: alice-secret
    data:
      balance: 250
      contacts:
        SBX-1: { type: individual, firstName: Alice, lastName: Doe, identNumber: "12345678Z",
                 email: alice@example.org, phone: "+34.600000000", address: Main St 1,
                 postalCode: "08001", city: Barcelona, state: Barcelona, country: ES }
"#;
    let seed: SeedFile = serde_yaml::from_str(yaml).expect("the seed reads");
    let alice = &seed.accounts["alice"].data;
    assert_eq!(alice.contacts["SBX-1"].kind, ContactType::Individual);
    assert_eq!(alice.balance, 250.0);
    // The catalogue's zones are the seed's; the sections it leaves out stay built-in.
    let catalog = seed.catalog.expect("a catalogue");
    assert_eq!(catalog.zones.keys().collect::<Vec<_>>(), ["com"]);
    assert!(catalog.service_products.contains_key("professional"));
    assert!(!catalog.ssl_products.is_empty());
}
