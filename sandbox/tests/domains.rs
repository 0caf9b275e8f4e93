//! Domain workflows through the strict typed client: what a registration, renewal, transfer or
//! update does shows in later reads, costs what `account/zones` says, and a refused call
//! changes nothing.

mod common;

use common::{post, sandbox, PASSWORD, USER};
use dondominio::domain::UpdateKind;
use dondominio::types::{Contact, DomainStatus, RenewalMode};
use dondominio::{Error, ErrorCode};
use dondominio_sandbox::Sandbox;

fn code(e: &Error) -> i64 {
    e.code().map(ErrorCode::code).unwrap_or(-1)
}

fn owner() -> Contact {
    Contact::Id("SBX-1001".into())
}

#[tokio::test]
async fn a_registration_appears_costs_the_zone_price_and_renews() {
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    let balance = |s: &Sandbox| s.account(USER).expect("account").balance;
    let start = balance(&sandbox);

    let zones = client.account().zones().tld("com").await.expect("zones");
    let com = &zones.zones[0];
    let create_price = com.create.as_ref().expect("create price").price;
    let renew_price = com.renew.as_ref().expect("renew price").price;

    let check = client.domain().check("brand-new.com").await.expect("check");
    assert!(check.domains[0].available);
    let created = client
        .domain()
        .create("brand-new.com", owner())
        .period(2)
        .await
        .expect("create");
    assert_eq!(created.billing.total, create_price * 2.0);
    assert_eq!(created.domains[0].status, DomainStatus::Active);
    let after_create = balance(&sandbox);
    assert!((start - after_create - create_price * 2.0).abs() < 1e-9);

    // It shows everywhere a registered name shows.
    let check = client.domain().check("brand-new.com").await.expect("check");
    assert!(!check.domains[0].available, "a registered name is taken");
    let list = client
        .domain()
        .list()
        .word("brand-new")
        .await
        .expect("list");
    assert_eq!(list.domains.len(), 1);
    assert_eq!(list.query_info.total, 1);
    let expiry = list.domains[0].ts_expir;
    let again = client
        .domain()
        .create("brand-new.com", owner())
        .await
        .expect_err("a second registration is refused");
    assert_eq!(code(&again), 2010);

    // Renewal takes the current expiry date and moves it by the period.
    let wrong = client
        .domain()
        .renew("brand-new.com", expiry.pred_opt().expect("a day before"))
        .await
        .expect_err("a stale curExpDate is refused");
    assert_eq!(code(&wrong), 2100);
    assert_eq!(
        balance(&sandbox),
        after_create,
        "a refused renewal costs nothing"
    );
    let renewed = client
        .domain()
        .renew("brand-new.com", expiry)
        .period(3)
        .await
        .expect("renew");
    assert_eq!(renewed.domains[0].renew_period, 3);
    assert_eq!(
        renewed.domains[0].ts_expir,
        expiry
            .checked_add_months(chrono::Months::new(36))
            .expect("date")
    );
    assert!((after_create - balance(&sandbox) - renew_price * 3.0).abs() < 1e-9);
    let history = client
        .domain()
        .gethistory("brand-new.com")
        .await
        .expect("history");
    assert_eq!(history.history.len(), 2, "registration and renewal");
}

#[tokio::test]
async fn a_contact_read_back_registers_a_domain_as_its_owner() {
    use dondominio::domain::{DomainInfoType, GetinfoResponse};
    use dondominio::types::ContactData;

    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    let read = client
        .contact()
        .getinfo("SBX-1001")
        .await
        .expect("contact/getinfo");
    // The data form of a contact becomes its parameter form, then a `Contact` by `From`.
    let data = ContactData::from(read.clone());
    assert_eq!(data.kind, read.contact_type);
    assert_eq!(data.first_name, read.first_name);
    assert_eq!(data.email, read.email);
    assert_eq!(data.fax, Some(read.fax.clone()).filter(|f| !f.is_empty()));
    client
        .domain()
        .create("from-getinfo.com", data.clone())
        .await
        .expect("domain/create with the contact read back as owner");

    let info = client
        .domain()
        .getinfo("from-getinfo.com")
        .info_type(DomainInfoType::Contact)
        .await
        .expect("domain/getinfo");
    let GetinfoResponse::Contact(contacts) = info else {
        panic!("not the contact variant: {info:?}");
    };
    // The owner the domain got holds the same data, and converts back to the same input.
    let owner = contacts.contact_owner;
    assert_eq!(owner.first_name, read.first_name);
    assert_eq!(owner.ident_number, read.ident_number);
    assert_eq!(ContactData::from(owner), data);
}

#[tokio::test]
async fn a_short_balance_refuses_billable_calls_and_changes_nothing() {
    let sandbox = Sandbox::builder()
        .account("poor", "poor-pw")
        .empty()
        .start()
        .expect("sandbox");
    let client = sandbox.client("poor").expect("client");
    let before = sandbox.account("poor").expect("account");
    let inline = dondominio::types::ContactData {
        kind: dondominio::types::ContactType::Individual,
        first_name: "Ann".into(),
        last_name: "Lee".into(),
        org_name: None,
        org_type: None,
        ident_number: "X1234567".into(),
        email: "ann@example.org".into(),
        phone: "+34.600111222".into(),
        fax: None,
        address: "Street 1".into(),
        postal_code: "28001".into(),
        city: "Madrid".into(),
        state: "Madrid".into(),
        country: "ES".into(),
    };
    let err = client
        .domain()
        .create("cannot-pay.com", Contact::Data(inline))
        .await
        .expect_err("no money");
    assert_eq!(code(&err), 1100);
    assert_eq!(
        sandbox.account("poor").expect("account"),
        before,
        "not even the inline contact was kept"
    );
}

#[tokio::test]
async fn every_update_type_changes_what_getinfo_shows() {
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    let d = client.domain();
    d.update(
        "example.net",
        UpdateKind::Nameservers {
            nameservers: vec!["ns1.host.example".into(), "ns2.host.example".into()],
        },
    )
    .await
    .expect("nameservers");
    let ns = d.getnameservers("example.net").await.expect("ns");
    assert_eq!(ns.nameservers.len(), 2);
    assert_eq!(ns.nameservers[1].name, "ns2.host.example");
    assert!(!ns.default_ns);

    for kind in [
        UpdateKind::WhoisPrivacy {
            whois_privacy: true,
        },
        UpdateKind::ViewWhois { view_whois: false },
        UpdateKind::RenewalMode {
            renewal_mode: RenewalMode::Letexpire,
        },
        UpdateKind::Tag {
            tag: vec!["prod".into(), "eu".into()],
        },
        UpdateKind::TransferBlock {
            transfer_block: true,
        },
        UpdateKind::Contact {
            owner_contact: None,
            admin_contact: Some(Contact::Id("SBX-1002".into())),
            tech_contact: None,
            billing_contact: None,
        },
    ] {
        d.update("example.net", kind).await.expect("update");
    }
    // The default infoType is status: the answer is its own type.
    let status = d.getinfo("example.net").await.expect("getinfo");
    assert!(status.whois_privacy);
    assert_eq!(status.view_whois, Some(false));
    assert_eq!(status.renewal_mode, RenewalMode::Letexpire);
    assert_eq!(status.tag.as_deref(), Some("prod,eu"));
    assert!(status.transfer_block);
    let contacts = d
        .getinfo("example.net")
        .info_type(dondominio::domain::DomainInfoType::Contact)
        .await
        .expect("contacts");
    let dondominio::domain::GetinfoResponse::Contact(contacts) = contacts else {
        panic!("asked for contacts");
    };
    assert_eq!(contacts.contact_admin.contact_id, "SBX-1002");
    assert_eq!(
        contacts.contact_owner.contact_id, "SBX-1002",
        "the demo owner"
    );

    // The tag filter of domain/list sees the new tags.
    let tagged = d.list().tag("eu").await.expect("list");
    assert_eq!(tagged.domains.len(), 1);

    // With the modification block on, nothing else may change, and nothing does.
    d.update("example.net", UpdateKind::Block { block: true })
        .await
        .expect("block");
    let before = sandbox.account(USER).expect("account");
    let err = d
        .updatenameservers("example.net", ["a.example.org", "b.example.org"])
        .await
        .expect_err("blocked");
    assert_eq!(code(&err), 2202);
    assert_eq!(sandbox.account(USER).expect("account"), before);
    d.update("example.net", UpdateKind::Block { block: false })
        .await
        .expect("unblock");
    d.updatenameservers("example.net", ["a.example.org", "b.example.org"])
        .await
        .expect("now it may");
}

#[tokio::test]
async fn glue_records_and_dnssec_entries_come_and_go() {
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    let d = client.domain();
    let created = d
        .gluerecordcreate("example.org", "ns7", "192.0.2.7")
        .ipv6("2001:db8::7")
        .await
        .expect("glue create");
    assert!(created
        .gluerecords
        .iter()
        .any(|g| g.name == "ns7.example.org" && g.ipv6.as_deref() == Some("2001:db8::7")));
    d.gluerecordupdate("example.org", "ns7", "192.0.2.8")
        .await
        .expect("glue update");
    let glue = d.getgluerecords("example.org").await.expect("glue");
    assert_eq!(glue.gluerecords.len(), 1);
    assert_eq!(glue.gluerecords[0].ipv4, "192.0.2.8");
    let bad = d
        .gluerecordcreate("example.org", "ns8", "not-an-ip")
        .await
        .expect_err("bad address");
    assert_eq!(code(&bad), 105);
    d.gluerecorddelete("example.org", "ns7")
        .await
        .expect("glue delete");
    assert!(d
        .getgluerecords("example.org")
        .await
        .expect("glue")
        .gluerecords
        .is_empty());

    let ds = d
        .dnsseccreate("example.org", 12345, 13, 2, "ABCDEF0123")
        .await
        .expect("ds create");
    assert!(ds.dnssec.active);
    assert_eq!(ds.dnssec.entries[0].keytag, 12345);
    let gone = d
        .dnssecdelete("example.org", 12345, 13, 2, "ABCDEF0123")
        .await
        .expect("ds delete");
    assert!(!gone.dnssec.active);
    let missing = d
        .dnssecdelete("example.org", 12345, 13, 2, "ABCDEF0123")
        .await
        .expect_err("already gone");
    assert_eq!(code(&missing), 2200);
}

#[tokio::test]
async fn transfers_complete_and_registrations_expire_as_the_clock_moves() {
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    let d = client.domain();
    let free = d
        .checkfortransfer("taken-elsewhere.com")
        .await
        .expect("checkfortransfer");
    assert!(free.domains[0].transferavail);
    let t = d
        .transfer("taken-elsewhere.com", owner())
        .authcode("EPP-CODE")
        .await
        .expect("transfer");
    assert_eq!(t.domains[0].status, DomainStatus::TransferPending);
    sandbox.advance_clock(USER, 5).expect("clock");
    let info = d.list().domain("taken-elsewhere.com").await.expect("list");
    assert_eq!(info.domains[0].status, DomainStatus::Active);

    // example.org expires in about a month; a year later it has left the account.
    sandbox.advance_clock(USER, 40).expect("clock");
    let info = d.list().domain("example.org").await.expect("list");
    assert_eq!(info.domains[0].status, DomainStatus::ExpiredRenewgrace);
    sandbox.advance_clock(USER, 365).expect("clock");
    assert!(d
        .list()
        .domain("example.org")
        .await
        .expect("list")
        .domains
        .is_empty());
    let deleted = d.listdeleted().await.expect("listdeleted");
    assert!(deleted.domains.iter().any(|x| x.name == "example.org"));

    // The same over HTTP, for clients in any language.
    let moved = post(&sandbox.url(), "_sandbox/clock", &[("days", "1")]).await;
    assert_eq!(moved.code(), 0, "{}", moved.body);
    let wrong = post(
        &sandbox.url(),
        "_sandbox/clock",
        &[("apiuser", USER), ("apipasswd", "nope"), ("days", "1")],
    )
    .await;
    assert_eq!(wrong.code(), 201);
}

/// A listing called without `pageLength` pages by the action's default from the spec, not one
/// length for all: 100 zones for `account/zones`, 1000 domains for `domain/list`.
#[tokio::test]
async fn a_listing_without_page_length_uses_the_spec_default() {
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    let zones = client.account().zones().await.expect("zones");
    assert_eq!(zones.query_info.page, 1);
    assert_eq!(zones.query_info.page_length, 100);
    let domains = client.domain().list().await.expect("list");
    assert_eq!(domains.query_info.page_length, 1000);
    // An explicit length still wins.
    let one = client
        .account()
        .zones()
        .page_length(1)
        .await
        .expect("zones");
    assert_eq!(one.query_info.page_length, 1);
    assert_eq!(one.zones.len(), 1);
}

#[tokio::test]
async fn paging_is_consistent_across_pages() {
    let sandbox = Sandbox::builder()
        .account(USER, PASSWORD)
        .start()
        .expect("sandbox");
    let client = sandbox.client(USER).expect("client");
    for i in 0..22 {
        client
            .domain()
            .create(format!("paged-{i:02}.com"), owner())
            .await
            .expect("create");
    }
    let total = 27; // 22 + the 5 demo domains
    let mut seen = Vec::new();
    for page in 1..=3 {
        let p = client
            .domain()
            .list()
            .page(page)
            .page_length(10)
            .await
            .expect("page");
        assert_eq!(p.query_info.total, total);
        assert_eq!(p.query_info.page, page);
        assert_eq!(p.query_info.results, p.domains.len() as i64);
        seen.extend(p.domains.into_iter().map(|d| d.name));
    }
    assert_eq!(seen.len(), total as usize);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no domain on two pages");
    let beyond = client
        .domain()
        .list()
        .page(4)
        .page_length(10)
        .await
        .expect("page 4");
    assert!(beyond.domains.is_empty());
    assert_eq!(beyond.query_info.results, 0);

    use futures_util::StreamExt;
    let params = dondominio::domain::ListParams {
        page_length: Some(4),
        ..dondominio::domain::ListParams::new()
    };
    let streamed: Vec<_> = dondominio::paging::items(&client, params)
        .collect::<Vec<_>>()
        .await;
    assert_eq!(streamed.len(), total as usize);
}

#[tokio::test]
async fn accounts_never_see_each_other() {
    let sandbox = Sandbox::builder()
        .account("alice", "a-pw")
        .account("bob", "b-pw")
        .start()
        .expect("sandbox");
    let alice = sandbox.client("alice").expect("client");
    let bob = sandbox.client("bob").expect("client");
    alice
        .domain()
        .create("alices-own.com", owner())
        .await
        .expect("create");
    // Bob sees the name as taken, but cannot read, renew or change it.
    let check = bob.domain().check("alices-own.com").await.expect("check");
    assert!(!check.domains[0].available);
    let err = bob
        .domain()
        .getinfo("alices-own.com")
        .await
        .expect_err("not bob's");
    assert_eq!(code(&err), 2008);
    let err = bob
        .domain()
        .updatenameservers("alices-own.com", ["a.example.org", "b.example.org"])
        .await
        .expect_err("not bob's");
    assert_eq!(code(&err), 2008);
    let err = bob
        .domain()
        .transfer("alices-own.com", owner())
        .authcode("x")
        .await
        .expect_err("not transferable between accounts");
    assert_eq!(code(&err), 2005);
    // Both start with the demo data; a contact bob creates does not show for alice.
    let c = bob
        .contact()
        .create(dondominio::types::ContactData {
            kind: dondominio::types::ContactType::Individual,
            first_name: "Bob".into(),
            last_name: "Roe".into(),
            org_name: None,
            org_type: None,
            ident_number: "Y7654321".into(),
            email: "bob@example.org".into(),
            phone: "+34.600333444".into(),
            fax: None,
            address: "Street 2".into(),
            postal_code: "28002".into(),
            city: "Madrid".into(),
            state: "Madrid".into(),
            country: "ES".into(),
        })
        .await
        .expect("contact");
    let err = alice
        .contact()
        .getinfo(c.contact_id.clone())
        .await
        .expect_err("not alice's");
    assert_eq!(code(&err), 3001);
}

/// An action, its form, and the error code the API answers.
type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], i64);

#[tokio::test]
async fn the_api_refuses_what_the_real_api_refuses() {
    let sandbox = sandbox();
    let url = sandbox.url();
    let before = sandbox.account(USER).expect("account");
    let cases: &[Case] = &[
        ("domain/check", &[("domain", "not a name")], 2001),
        ("domain/check", &[("domain", "example.unknowntld")], 2002),
        ("domain/create", &[("domain", "x.com")], 101),
        (
            "domain/create",
            &[("domain", "x.com"), ("ownerContactID", "NOPE-1")],
            3001,
        ),
        (
            "domain/create",
            &[
                ("domain", "x.com"),
                ("ownerContactType", "individual"),
                ("ownerContactFirstName", "A"),
                ("ownerContactLastName", "B"),
                ("ownerContactIdentNumber", "1"),
                ("ownerContactEmail", "a@b.c"),
                ("ownerContactPhone", "600111222"),
                ("ownerContactAddress", "x"),
                ("ownerContactPostalCode", "1"),
                ("ownerContactCity", "x"),
                ("ownerContactState", "x"),
                ("ownerContactCountry", "ES"),
            ],
            3002,
        ),
        (
            "domain/create",
            &[
                ("domain", "x.com"),
                ("ownerContactID", "SBX-1001"),
                ("period", "11"),
            ],
            105,
        ),
        ("domain/getinfo", &[("domain", "nobody.com")], 2008),
        ("domain/getinfo", &[("domainID", "999999")], 2008),
        (
            "domain/getinfo",
            &[("domain", "example.com"), ("infoType", "bogus")],
            105,
        ),
        (
            "domain/getinfo",
            &[("domain", "example.com"), ("infoType", "authcode")],
            2201,
        ),
        ("contact/getinfo", &[("contactID", "SBX-0")], 3001),
        ("nosuch/action", &[], 102),
    ];
    for (path, form, want) in cases {
        let answer = post(&url, path, form).await;
        assert_eq!(answer.status, 200);
        assert_eq!(answer.code(), *want, "{path} {form:?}: {}", answer.body);
        assert_eq!(answer.json()["success"], false);
    }
    assert_eq!(
        sandbox.account(USER).expect("account"),
        before,
        "no refused call changed anything"
    );
}
