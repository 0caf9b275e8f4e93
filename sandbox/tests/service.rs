//! The `service/*` actions of the sandbox, driven over HTTP through the strict typed client.

use std::future::Future;

use base64::Engine as _;
use chrono::NaiveDate;
use dondominio::service::redirect::RedirectType;
use dondominio::service::subdomain::SubdomainSslInput;
use dondominio::service::{
    DnsRecord, DnsRecordType, ServiceInfoType, ServiceProductKey, ServiceRenewalMode,
    ServiceStatus, ServiceUpdateKind,
};
use dondominio::Client;
use dondominio_sandbox::{Account, Sandbox};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const USER: &str = "u";

fn start() -> Result<(Sandbox, Client)> {
    let sandbox = Sandbox::builder().account(USER, "p").start()?;
    let client = sandbox.client(USER)?;
    Ok((sandbox, client))
}

fn block_on<T>(f: impl Future<Output = Result<T>>) -> Result<T> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(f)
}

fn account(sandbox: &Sandbox) -> Result<Account> {
    sandbox
        .account(USER)
        .ok_or_else(|| "the account is missing".into())
}

/// The API error code of a failed call (panics in the test when the call succeeded).
fn code<T: std::fmt::Debug>(r: std::result::Result<T, dondominio::Error>) -> i64 {
    match r {
        Ok(v) => panic!("expected an API error, got {v:?}"),
        Err(e) => e
            .code()
            .map(|c| c.code())
            .unwrap_or_else(|| panic!("not an API error: {e}")),
    }
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Asserts a call fails with `expected` and leaves the account as it was.
async fn refused<T: std::fmt::Debug>(
    sandbox: &Sandbox,
    expected: i64,
    call: impl std::future::IntoFuture<Output = std::result::Result<T, dondominio::Error>>,
) -> Result {
    let before = account(sandbox)?;
    assert_eq!(code(call.await), expected);
    assert_eq!(
        account(sandbox)?,
        before,
        "a refused call changed the state"
    );
    Ok(())
}

/// The hosting linked to `domain`, from `domain/getinfo` with infoType `service`.
async fn linked_service(
    client: &Client,
    domain: &str,
) -> std::result::Result<dondominio::domain::DomainService, dondominio::Error> {
    let info = client
        .domain()
        .getinfo(domain)
        .info_type(dondominio::domain::DomainInfoType::Service)
        .await?;
    match info {
        dondominio::domain::GetinfoResponse::Service(s) => Ok(s.service),
        other => panic!("not a service answer: {other:?}"),
    }
}

/// The DNS-01 workflow of an ACME client on `zone`.
async fn dns01(sandbox: &Sandbox, client: &Client, zone: &str) -> Result {
    let svc = client.service();
    let created = svc
        .dns()
        .create(zone, "_acme-challenge", DnsRecordType::Txt, "token-one")
        .ttl(60)
        .await?;
    let record = created.items.first().ok_or("no record answered")?.clone();
    assert_eq!(record.name, format!("_acme-challenge.{zone}"));
    assert_eq!(record.kind, DnsRecordType::Txt);
    assert_eq!(record.ttl, Some(60));
    assert_eq!(record.priority, None);
    let id = record.entity_id.clone();

    let listed = svc
        .dns()
        .list(zone)
        .filter("_acme-challenge")
        .filter_type(DnsRecordType::Txt)
        .await?;
    assert_eq!(listed.items, vec![record.clone()]);
    assert_eq!(listed.query_info.total, 1);
    let by_value = svc.dns().list(zone).filter_value("token-one").await?;
    assert_eq!(by_value.items.len(), 1);
    let got = svc.dns().getinfo(zone, &id).await?;
    assert_eq!(got.items, vec![record]);

    let updated = svc.dns().update(zone, &id, "token-two").await?;
    assert_eq!(updated.items[0].value, "token-two");
    assert_eq!(
        updated.items[0].ttl,
        Some(60),
        "an update without ttl keeps it"
    );
    assert_eq!(
        svc.dns().getinfo(zone, &id).await?.items[0].value,
        "token-two"
    );

    svc.dns().delete(zone, &id).await?;
    refused(sandbox, 4002, svc.dns().getinfo(zone, &id)).await?;
    refused(sandbox, 4002, svc.dns().delete(zone, &id)).await?;
    let after = svc.dns().list(zone).filter("_acme-challenge").await?;
    assert!(after.items.is_empty());
    assert_eq!(after.query_info.total, 0);
    Ok(())
}

#[test]
fn dns01_on_a_domain_without_hosting() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let zone = "example.org";
        let before = account(&sandbox)?;
        assert!(before.domains.contains_key(zone));
        assert!(!before.services.contains_key(zone));
        // Never changed: the default zone shows, nothing is stored.
        let default = client.service().dns().list(zone).await?;
        assert_eq!(default.query_info.total, 4);
        assert_eq!(account(&sandbox)?, before);

        dns01(&sandbox, &client, zone).await?;

        // The zone is kept as DNS-only: not a service anywhere else.
        let a = account(&sandbox)?;
        assert!(a.services.get(zone).is_some_and(|s| s.dns_only));
        let list = client.service().list().await?;
        assert!(list.services.iter().all(|s| s.name != zone));
        refused(&sandbox, 4001, client.service().getinfo(zone)).await?;
        refused(&sandbox, 4001, client.service().ftp().list(zone)).await?;
        refused(
            &sandbox,
            4001,
            client.service().mail().create(zone, "info", "Secret-123"),
        )
        .await?;
        refused(&sandbox, 4001, client.service().parkinggetinfo(zone)).await?;
        refused(&sandbox, 4001, client.service().renew(zone)).await?;
        let info = linked_service(&client, zone).await;
        assert_eq!(code(info), 4001, "a DNS-only zone is not a hosting service");

        // A name the account does not hold is not found, and nothing is stored.
        refused(
            &sandbox,
            4001,
            client.service().dns().create(
                "not-mine.com",
                "_acme-challenge",
                DnsRecordType::Txt,
                "x",
            ),
        )
        .await?;
        refused(&sandbox, 4001, client.service().dns().list("not-mine.com")).await?;

        // The demo's DNS-only zone of example.net has its own record.
        let net = client
            .service()
            .dns()
            .list("example.net")
            .filter_type(DnsRecordType::A)
            .await?;
        assert!(net.items.iter().any(|r| r.name == "home.example.net"));
        Ok(())
    })
}

#[test]
fn dns01_on_a_hosting_service() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let a = account(&sandbox)?;
        let s = a.services.get("example.com").ok_or("no demo hosting")?;
        assert!(!s.dns_only);
        dns01(&sandbox, &client, "example.com").await?;
        // A full name under the zone works as well as a relative one.
        let r = client
            .service()
            .dns()
            .create(
                "example.com",
                "_acme-challenge.example.com.",
                DnsRecordType::Txt,
                "t",
            )
            .await?;
        assert_eq!(r.items[0].name, "_acme-challenge.example.com");
        Ok(())
    })
}

#[test]
fn paging_is_consistent() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        for i in 0..7 {
            svc.dns()
                .create(
                    "example.com",
                    format!("host{i}"),
                    DnsRecordType::A,
                    format!("192.0.2.{i}"),
                )
                .await?;
        }
        let all = svc.dns().list("example.com").await?;
        let total = all.query_info.total;
        assert_eq!(total, 4 + 7);
        assert_eq!(all.query_info.results, total);
        assert_eq!(all.query_info.page_length, 1000);
        let mut seen = Vec::new();
        for page in 1..=4 {
            let r = svc
                .dns()
                .list("example.com")
                .page(page)
                .page_length(3)
                .await?;
            assert_eq!(r.query_info.page, page);
            assert_eq!(r.query_info.page_length, 3);
            assert_eq!(r.query_info.total, total);
            assert_eq!(r.query_info.results, r.items.len() as i64);
            assert_eq!(r.items.len(), if page < 4 { 3 } else { 2 });
            seen.extend(r.items);
        }
        assert_eq!(seen, all.items);
        let beyond = svc.dns().list("example.com").page(5).page_length(3).await?;
        assert!(beyond.items.is_empty());
        assert_eq!(beyond.query_info.total, total);
        refused(&sandbox, 105, svc.dns().list("example.com").page(0)).await?;

        // service/list pages and filters too.
        for name in ["alpha.com", "beta.com", "gamma.net"] {
            svc.create(name, ServiceProductKey::Mini).await?;
        }
        let first = svc.list().page_length(2).await?;
        assert_eq!(first.query_info.total, 4);
        assert_eq!(first.services.len(), 2);
        let second = svc.list().page_length(2).page(2).await?;
        assert_eq!(second.services.len(), 2);
        let names: Vec<_> = first
            .services
            .iter()
            .chain(&second.services)
            .map(|s| s.name.clone())
            .collect();
        assert_eq!(names, ["alpha.com", "beta.com", "example.com", "gamma.net"]);
        let by_tld = svc.list().tld("net").await?;
        assert_eq!(by_tld.services.len(), 1);
        let by_word = svc.list().word("ph").await?;
        assert_eq!(by_word.services[0].name, "alpha.com");
        let by_name = svc.list().name("beta.com").await?;
        assert_eq!(by_name.query_info.total, 1);
        assert_eq!(
            svc.list()
                .status(ServiceStatus::Active)
                .await?
                .query_info
                .total,
            4
        );
        assert_eq!(svc.list().renewable(true).await?.query_info.total, 0);
        let ftp = svc.ftp().list("example.com").page_length(1).await?;
        assert_eq!((ftp.items.len(), ftp.query_info.total), (1, 1));
        Ok(())
    })
}

#[test]
fn ftp_crud() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        let s = "example.com";
        let made = svc
            .ftp()
            .create(s, "deploy", "/public/app", "Deploy-123")
            .await?;
        let id = made.items[0].entity_id.clone();
        assert_eq!(made.items[0].name, "deploy");
        let list = svc.ftp().list(s).filter("depl").await?;
        assert_eq!(list.items, made.items);
        // The flat name of the action (hidden from the docs) is the same request.
        let flat = svc.ftplist(s).filter("depl").await?;
        assert_eq!(flat.items, list.items);
        assert_eq!(svc.ftp().getinfo(s, &id).await?.items, made.items);
        let up = svc.ftp().update(s, &id, "/public", "Other-456").await?;
        assert_eq!(up.items[0].ftp_path, "/public");
        assert_eq!(up.items[0].password, "Other-456");
        refused(
            &sandbox,
            4004,
            svc.ftp().create(s, "deploy", "/", "Deploy-123"),
        )
        .await?;
        refused(&sandbox, 4004, svc.ftp().create(s, "x2", "/", "Deploy-123")).await?;
        refused(
            &sandbox,
            4004,
            svc.ftp().create(s, "other", "/../etc", "Deploy-123"),
        )
        .await?;
        refused(&sandbox, 4004, svc.ftp().create(s, "other", "/", "short")).await?;
        refused(
            &sandbox,
            4005,
            svc.ftp().update(s, &id, "/", "nodigitshere"),
        )
        .await?;
        refused(
            &sandbox,
            4002,
            svc.ftp().update(s, "SRV-999999", "/", "Deploy-123"),
        )
        .await?;
        svc.ftp().delete(s, &id).await?;
        refused(&sandbox, 4002, svc.ftp().getinfo(s, &id)).await?;
        refused(&sandbox, 4001, svc.ftp().list("unknown.com")).await?;
        Ok(())
    })
}

#[test]
fn database_crud() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        let s = "example.com";
        let made = svc
            .ddbb()
            .create(s, "Db-secret-1")
            .external_access(true)
            .await?;
        let db = made.items[0].clone();
        assert!(db.external_access);
        assert!(db.name.starts_with("ddb"));
        let list = svc.ddbb().list(s).filter(&db.name).await?;
        assert_eq!(list.ddbb.len(), 1);
        assert_eq!(list.ddbb[0].entity_id, db.entity_id);
        assert_eq!(list.ddbb[0].external_access, Some(true));
        assert_eq!(
            svc.ddbb().getinfo(s, &db.entity_id).await?.items,
            vec![db.clone()]
        );
        let up = svc.ddbb().update(s, &db.entity_id, "Db-secret-2").await?;
        assert!(
            !up.items[0].external_access,
            "externalAccess defaults to false"
        );
        assert_eq!(up.items[0].password, "Db-secret-2");
        refused(&sandbox, 4004, svc.ddbb().create(s, "weak")).await?;
        svc.ddbb().delete(s, &db.entity_id).await?;
        refused(&sandbox, 4002, svc.ddbb().delete(s, &db.entity_id)).await?;
        Ok(())
    })
}

const CERT: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
const KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----";

#[test]
fn subdomain_crud() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        let s = "example.com";
        let made = svc.subdomain().create(s, "shop", "/shop").await?;
        let sub = made.items[0].clone();
        assert_eq!(sub.name, "shop.example.com");
        assert!(sub.ssl.is_none());
        let list = svc.subdomain().list(s).filter("shop").await?;
        assert_eq!(list.items, vec![sub.clone()]);
        assert_eq!(
            svc.subdomain().getinfo(s, &sub.entity_id).await?.items,
            vec![sub.clone()]
        );
        let up = svc
            .subdomain()
            .update(s, &sub.entity_id, "/shop2")
            .ssl(ssl_input(CERT, "/shop2")?)
            .await?;
        let ssl = up.items[0].ssl.clone().ok_or("no certificate")?;
        assert_eq!(ssl.ssl_cert, CERT);
        assert_eq!(up.items[0].ftp_path, "/shop2");
        refused(
            &sandbox,
            4004,
            svc.subdomain().create(s, "shop.example.com", "/x"),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.subdomain().create(s, "bad_label!", "/x"),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.subdomain()
                .create(s, "tls", "/x")
                .ssl(ssl_input("not a pem", "/x")?),
        )
        .await?;
        svc.subdomain().delete(s, &sub.entity_id).await?;
        refused(&sandbox, 4002, svc.subdomain().getinfo(s, &sub.entity_id)).await?;
        Ok(())
    })
}

#[test]
fn redirect_crud() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        let s = "example.com";
        let made = svc
            .redirect()
            .create(
                s,
                "http://old.example.com/page",
                "https://example.org/new",
                RedirectType::Permanent,
            )
            .await?;
        let r = made.items[0].clone();
        assert_eq!(r.kind, RedirectType::Permanent);
        let list = svc.redirect().list(s).filter("old.").await?;
        assert_eq!(list.redirect.len(), 1);
        assert_eq!(
            list.redirect[0].entity_id.as_deref(),
            Some(r.entity_id.as_str())
        );
        assert_eq!(
            svc.redirect().getinfo(s, &r.entity_id).await?.items,
            vec![r.clone()]
        );
        let up = svc
            .redirect()
            .update(s, &r.entity_id, "https://example.net/", RedirectType::Frame)
            .await?;
        assert_eq!(up.items[0].kind, RedirectType::Frame);
        assert_eq!(up.items[0].destination, "https://example.net/");
        refused(
            &sandbox,
            4004,
            svc.redirect().create(
                s,
                "http://a.example.com/",
                "not a url",
                RedirectType::Temporary,
            ),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.redirect().create(
                s,
                "http://a.example.com/",
                "ftp://example.org/",
                RedirectType::Temporary,
            ),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.redirect().create(
                s,
                "http://elsewhere.org/",
                "https://example.org/",
                RedirectType::Temporary,
            ),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.redirect().create(
                s,
                "http://old.example.com/page",
                "https://example.org/",
                RedirectType::Temporary,
            ),
        )
        .await?;
        refused(
            &sandbox,
            4005,
            svc.redirect().update(
                s,
                &r.entity_id,
                "mailto:x@example.org",
                RedirectType::Temporary,
            ),
        )
        .await?;
        svc.redirect().delete(s, &r.entity_id).await?;
        refused(&sandbox, 4002, svc.redirect().getinfo(s, &r.entity_id)).await?;
        Ok(())
    })
}

#[test]
fn mail_and_alias_crud() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        let s = "example.com";
        let made = svc.mail().create(s, "support", "Mail-pass-1").await?;
        let m = made.items[0].clone();
        assert_eq!(m.name, "support@example.com");
        assert!(m.quota_max > 0);
        assert_eq!(
            svc.mail().list(s).filter("support").await?.items,
            vec![m.clone()]
        );
        assert_eq!(
            svc.mail().getinfo(s, &m.entity_id).await?.items,
            vec![m.clone()]
        );
        let up = svc.mail().update(s, &m.entity_id, "Mail-pass-2").await?;
        assert_eq!(up.items[0].password, "Mail-pass-2");
        refused(
            &sandbox,
            4004,
            svc.mail().create(s, "support@example.com", "Mail-pass-1"),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.mail().create(s, "x@other.com", "Mail-pass-1"),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.mail().create(s, "bad address", "Mail-pass-1"),
        )
        .await?;

        let alias = svc
            .mailalias()
            .create(
                s,
                "team@example.com",
                ["support@example.com", "boss@example.org"],
            )
            .await?;
        let al = alias.items[0].clone();
        assert_eq!(al.target, ["support@example.com", "boss@example.org"]);
        assert_eq!(
            svc.mailalias().list(s).filter("team").await?.items,
            vec![al.clone()]
        );
        assert_eq!(
            svc.mailalias().getinfo(s, &al.entity_id).await?.items,
            vec![al.clone()]
        );
        let up = svc
            .mailalias()
            .update(s, &al.entity_id, ["ops@example.org"])
            .await?;
        assert_eq!(up.items[0].target, ["ops@example.org"]);
        refused(
            &sandbox,
            4004,
            svc.mailalias().create(s, "support", ["a@example.org"]),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.mailalias().create(s, "x", ["not-an-address"]),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.mailalias().create(s, "loop", ["loop@example.com"]),
        )
        .await?;
        refused(
            &sandbox,
            4005,
            svc.mailalias().update(s, &al.entity_id, ["nope"]),
        )
        .await?;
        svc.mailalias().delete(s, &al.entity_id).await?;
        svc.mail().delete(s, &m.entity_id).await?;
        refused(&sandbox, 4002, svc.mail().getinfo(s, &m.entity_id)).await?;
        refused(&sandbox, 4002, svc.mailalias().getinfo(s, &al.entity_id)).await?;
        Ok(())
    })
}

#[test]
fn dns_records_are_validated() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        let s = "example.com";
        let bad = [
            (DnsRecordType::A, "not-an-ip"),
            (DnsRecordType::A, "2001:db8::1"),
            (DnsRecordType::Aaaa, "192.0.2.1"),
            (DnsRecordType::Mx, "not a host"),
            (DnsRecordType::Cname, "-bad-.example.org"),
            (DnsRecordType::Srv, "10 5060 sip.example.com"),
            (DnsRecordType::Caa, "0 issue letsencrypt.org"),
        ];
        for (kind, value) in bad {
            refused(&sandbox, 4004, svc.dns().create(s, "host", kind, value)).await?;
        }
        // A type outside the spec's list (the typed client will not send it).
        let before = account(&sandbox)?;
        let form = [
            ("serviceName", s),
            ("name", "host"),
            ("type", "SPF"),
            ("value", "v=spf1"),
        ];
        let answer = post(&sandbox, "service/dnscreate", &form).await?;
        assert!(answer.contains("\"errorCode\":105"), "{answer}");
        assert_eq!(account(&sandbox)?, before);
        refused(
            &sandbox,
            4004,
            svc.dns()
                .create(s, "host", DnsRecordType::A, "192.0.2.1")
                .ttl(5),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.dns()
                .create(s, "bad name!", DnsRecordType::A, "192.0.2.1"),
        )
        .await?;
        // www is a CNAME in the default zone: nothing else may share its name.
        refused(
            &sandbox,
            4004,
            svc.dns().create(s, "www", DnsRecordType::A, "192.0.2.1"),
        )
        .await?;
        refused(
            &sandbox,
            4004,
            svc.dns()
                .create(s, "@", DnsRecordType::Cname, "other.example.org"),
        )
        .await?;
        // The default zone's A record: an identical one is refused.
        refused(
            &sandbox,
            4004,
            svc.dns().create(s, "@", DnsRecordType::A, "192.0.2.10"),
        )
        .await?;

        let mx = svc
            .dns()
            .create(s, "@", DnsRecordType::Mx, "mx2.example.org")
            .await?;
        assert_eq!(
            mx.items[0].priority,
            Some(10),
            "MX gets priority 10 by default"
        );
        let mx = svc
            .dns()
            .create(s, "@", DnsRecordType::Mx, "mx3.example.org")
            .priority(20)
            .await?;
        assert_eq!(mx.items[0].priority, Some(20));
        let srv = svc
            .dns()
            .create(
                s,
                "_sip._tcp",
                DnsRecordType::Srv,
                "10 5060 sip.example.com",
            )
            .priority(5)
            .await?;
        assert_eq!(srv.items[0].name, "_sip._tcp.example.com");
        let caa = svc
            .dns()
            .create(s, "@", DnsRecordType::Caa, "0 issue \"letsencrypt.org\"")
            .await?;
        assert_eq!(caa.items[0].priority, None);
        let aaaa = svc
            .dns()
            .create(s, "v6", DnsRecordType::Aaaa, "2001:db8::1")
            .ttl(3600)
            .await?;
        assert_eq!(aaaa.items[0].ttl, Some(3600));
        let id = aaaa.items[0].entity_id.clone();
        refused(&sandbox, 4005, svc.dns().update(s, &id, "192.0.2.1")).await?;
        refused(&sandbox, 4002, svc.dns().update(s, "SRV-1", "2001:db8::2")).await?;
        let wild = svc
            .dns()
            .create(s, "*", DnsRecordType::A, "192.0.2.99")
            .await?;
        assert_eq!(wild.items[0].name, "*.example.com");
        Ok(())
    })
}

#[test]
fn entity_limits_follow_the_plan() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        svc.create("tiny.com", ServiceProductKey::Mini).await?;
        svc.ftp()
            .create("tiny.com", "one", "/", "Ftp-pass-1")
            .await?;
        refused(
            &sandbox,
            4003,
            svc.ftp().create("tiny.com", "two", "/", "Ftp-pass-1"),
        )
        .await?;
        svc.ddbb().create("tiny.com", "Db-pass-1").await?;
        refused(&sandbox, 4003, svc.ddbb().create("tiny.com", "Db-pass-1")).await?;
        // A mail plan has no FTP or databases at all.
        svc.create("post.com", ServiceProductKey::Mail).await?;
        refused(
            &sandbox,
            4003,
            svc.ftp().create("post.com", "one", "/", "Ftp-pass-1"),
        )
        .await?;
        refused(&sandbox, 10001, svc.webconstructorlogin("post.com", "www")).await?;
        refused(
            &sandbox,
            105,
            svc.update(
                "post.com",
                ServiceUpdateKind::Phpversion {
                    phpversion: "8.0".into(),
                },
            ),
        )
        .await?;
        // Resources show the counts against the limits.
        let info = svc
            .getinfo("tiny.com")
            .info_type(ServiceInfoType::Resources)
            .await?;
        let dondominio::service::GetinfoResponse::Resources(r) = info else {
            return Err("not a resources answer".into());
        };
        assert_eq!((r.resources.ftp.value, r.resources.ftp.max), (1, 1));
        assert_eq!((r.resources.ddbb.value, r.resources.ddbb.max), (1, 1));
        Ok(())
    })
}

fn ssl_input(cert: &str, path: &str) -> std::result::Result<SubdomainSslInput, dondominio::Error> {
    SubdomainSslInput::builder()
        .ssl_cert(cert)
        .ssl_key(KEY)
        .ssl_cert_chain(CERT)
        .ssl_path(path)
        .build()
}

fn zone_record(
    name: &str,
    kind: DnsRecordType,
    ttl: Option<i64>,
    priority: Option<i64>,
    value: &str,
) -> DnsRecord {
    DnsRecord::new(name.into(), kind, ttl, priority, value.into())
}

#[test]
fn dnssetzone_then_dnsrestore() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        for zone in ["example.com", "example.es"] {
            let original = svc.dns().list(zone).await?.items;
            let new_zone = vec![
                zone_record("@", DnsRecordType::A, Some(300), None, "198.51.100.1"),
                zone_record("www", DnsRecordType::Cname, None, None, zone),
                zone_record("@", DnsRecordType::Mx, None, None, "mx.example.org"),
                zone_record(
                    "_dmarc",
                    DnsRecordType::Txt,
                    Some(3600),
                    None,
                    "v=DMARC1; p=none",
                ),
            ];
            svc.dnssetzone(zone, new_zone).await?;
            let now = svc.dns().list(zone).await?.items;
            assert_eq!(now.len(), 4);
            assert_eq!(now[0].value, "198.51.100.1");
            assert_eq!(now[0].ttl, Some(300));
            assert_eq!(now[2].priority, Some(10));
            assert_eq!(now[3].name, format!("_dmarc.{zone}"));

            // One bad record: the whole zone is refused, nothing changes.
            let bad = vec![
                zone_record("@", DnsRecordType::A, None, None, "198.51.100.2"),
                zone_record("@", DnsRecordType::Aaaa, None, None, "198.51.100.2"),
            ];
            refused(&sandbox, 4004, svc.dnssetzone(zone, bad)).await?;
            let clash = vec![
                zone_record("www", DnsRecordType::Cname, None, None, zone),
                zone_record("www", DnsRecordType::A, None, None, "198.51.100.2"),
            ];
            refused(&sandbox, 4004, svc.dnssetzone(zone, clash)).await?;
            assert_eq!(svc.dns().list(zone).await?.items, now);

            svc.dnsrestore(zone).await?;
            assert_eq!(
                svc.dns().list(zone).await?.items,
                original,
                "restore brings back the zone"
            );

            svc.dnsdeleteall(zone).await?;
            assert_eq!(svc.dns().list(zone).await?.query_info.total, 0);
            svc.dnsrestore(zone).await?;
            assert_eq!(svc.dns().list(zone).await?.items, original);
            // Nothing kept any more: the default zone.
            svc.dnsrestore(zone).await?;
            let default = svc.dns().list(zone).await?.items;
            assert_eq!(default.len(), 4);
            assert_eq!(default[0].value, "192.0.2.10");
        }
        // dnsZoneData that is not base64 JSON of records.
        let raw = base64::engine::general_purpose::STANDARD.encode(r#"{"not":"a list"}"#);
        let form = [
            ("serviceName", "example.com"),
            ("dnsZoneData", raw.as_str()),
        ];
        let before = account(&sandbox)?;
        let answer = post(&sandbox, "service/dnssetzone", &form).await?;
        assert!(answer.contains("\"errorCode\":105"), "{answer}");
        assert_eq!(account(&sandbox)?, before);
        refused(&sandbox, 4001, svc.dnsdeleteall("not-mine.com")).await?;
        Ok(())
    })
}

/// A raw form POST with the test account's credentials; the body as text.
async fn post(sandbox: &Sandbox, action: &str, form: &[(&str, &str)]) -> Result<String> {
    let mut all = vec![("apiuser", USER), ("apipasswd", "p")];
    all.extend_from_slice(form);
    let body = serde_urlencoded(&all);
    let text = reqwest::Client::new()
        .post(format!("{}/{action}/", sandbox.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await?
        .text()
        .await?;
    Ok(text)
}

fn serde_urlencoded(pairs: &[(&str, &str)]) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

#[test]
fn billing_of_create_renew_upgrade() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        let start_balance = account(&sandbox)?.balance;

        let made = svc
            .create("new-site.com", ServiceProductKey::Basic)
            .period(2)
            .await?;
        assert_eq!(made.billing.total, 120.0);
        assert_eq!(made.services[0].productkey, Some(ServiceProductKey::Basic));
        assert_eq!(made.services[0].status, ServiceStatus::Active);
        let a = account(&sandbox)?;
        assert_eq!(a.balance, start_balance - 120.0);
        let s = a.services.get("new-site.com").ok_or("not stored")?;
        assert_eq!(s.ts_expir, dondominio_sandbox::state::add_years(today(), 2));
        assert_eq!(
            svc.dns().list("new-site.com").await?.query_info.total,
            4,
            "a new hosting has the default zone"
        );

        refused(
            &sandbox,
            4007,
            svc.create("new-site.com", ServiceProductKey::Mini),
        )
        .await?;
        refused(
            &sandbox,
            4007,
            svc.create("not a name", ServiceProductKey::Mini),
        )
        .await?;

        // Hosting contracted for a DNS-only zone takes the zone over, records and all.
        let acme = svc
            .dns()
            .create(
                "example.org",
                "_acme-challenge",
                DnsRecordType::Txt,
                "keep-me",
            )
            .await?;
        let upgraded = svc.create("example.org", ServiceProductKey::Mini).await?;
        assert_eq!(upgraded.billing.total, 12.0);
        let a = account(&sandbox)?;
        assert!(a.services.get("example.org").is_some_and(|s| !s.dns_only));
        assert_eq!(
            svc.dns()
                .getinfo("example.org", &acme.items[0].entity_id)
                .await?
                .items,
            acme.items
        );
        assert!(svc
            .list()
            .await?
            .services
            .iter()
            .any(|s| s.name == "example.org"));
        // Two TXT records differing only in case are two records (ACME tokens are case-sensitive).
        svc.dns()
            .create(
                "example.org",
                "_acme-challenge",
                DnsRecordType::Txt,
                "KEEP-ME",
            )
            .await?;
        let start_balance = start_balance - 12.0;
        refused(
            &sandbox,
            105,
            svc.create("other.com", ServiceProductKey::Mini).period(11),
        )
        .await?;

        let renewed = svc.renew("new-site.com").await?;
        assert_eq!(renewed.billing.total, 60.0);
        assert_eq!(
            renewed.services[0].ts_expir,
            dondominio_sandbox::state::add_years(today(), 3)
        );
        assert_eq!(account(&sandbox)?.balance, start_balance - 180.0);

        let days_left =
            (dondominio_sandbox::state::add_years(today(), 3) - today()).num_days() as f64;
        let expected = ((120.0 - 60.0) * days_left / 365.0 * 100.0).round() / 100.0;
        let up = svc
            .upgrade("new-site.com", ServiceProductKey::Professional)
            .await?;
        assert_eq!(up.billing.total, expected);
        assert_eq!(
            up.services[0].productkey,
            Some(ServiceProductKey::Professional)
        );
        let balance = account(&sandbox)?.balance;
        assert!((balance - (start_balance - 180.0 - expected)).abs() < 0.005);
        refused(
            &sandbox,
            4008,
            svc.upgrade("new-site.com", ServiceProductKey::Mini),
        )
        .await?;
        refused(
            &sandbox,
            4008,
            svc.upgrade("new-site.com", ServiceProductKey::Professional),
        )
        .await?;
        refused(&sandbox, 4009, svc.renew("new-site.com").period(10)).await?;
        refused(
            &sandbox,
            4001,
            svc.upgrade("nothing.com", ServiceProductKey::Corporate),
        )
        .await?;

        // Short balance: 1100 and nothing changes.
        refused(
            &sandbox,
            1100,
            svc.create("big.com", ServiceProductKey::Corporate)
                .period(10),
        )
        .await?;
        refused(&sandbox, 1100, svc.renew("example.com").period(9)).await?;
        svc.create("spend.com", ServiceProductKey::Corporate)
            .period(2)
            .await?;
        let left = account(&sandbox)?.balance;
        assert!(left < 100.0, "balance {left}");
        refused(
            &sandbox,
            1100,
            svc.upgrade("new-site.com", ServiceProductKey::Corporate),
        )
        .await?;
        Ok(())
    })
}

#[test]
fn services_expire_and_renew() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        svc.create("short.com", ServiceProductKey::Basic).await?;
        // A DNS-only zone of a domain that will leave the account (example.org expires in a
        // month and is deleted after its grace periods).
        svc.dns()
            .create("example.org", "_acme-challenge", DnsRecordType::Txt, "x")
            .await?;
        assert!(account(&sandbox)?.services.contains_key("example.org"));

        sandbox.advance_clock(USER, 340)?;
        // Without `infoType` the answer is the default variant's own type.
        let st = svc.getinfo("short.com").await?;
        assert_eq!(st.status, ServiceStatus::Renewable);
        assert!(st.renewable);
        assert_eq!(svc.list().renewable(true).await?.services.len(), 1);

        sandbox.advance_clock(USER, 30)?;
        let a = account(&sandbox)?;
        assert_eq!(
            a.services.get("short.com").map(|s| s.status.as_str()),
            Some("inactive")
        );
        assert!(
            !a.services.contains_key("example.org"),
            "the zone went with its domain"
        );
        refused(
            &sandbox,
            4004,
            svc.ftp().create("short.com", "late", "/", "Ftp-pass-1"),
        )
        .await?;
        refused(&sandbox, 4006, svc.dnsdeleteall("short.com")).await?;
        refused(
            &sandbox,
            4008,
            svc.upgrade("short.com", ServiceProductKey::Advanced),
        )
        .await?;

        let renewed = svc.renew("short.com").await?;
        assert_eq!(renewed.services[0].status, ServiceStatus::Active);
        svc.ftp()
            .create("short.com", "late", "/", "Ftp-pass-1")
            .await?;
        // domain/getinfo still shows the linked hosting of example.com.
        let linked = linked_service(&client, "example.com").await?;
        assert_eq!(linked.productkey, "professional");
        assert_eq!(
            linked.status, "Inactive",
            "the demo hosting expired meanwhile"
        );
        Ok(())
    })
}

#[test]
fn every_service_action_decodes_strictly() -> Result {
    let (sandbox, client) = start()?;
    block_on(async {
        let svc = client.service();
        let s = "example.com";
        svc.list().await?;
        for t in [
            ServiceInfoType::Status,
            ServiceInfoType::Resources,
            ServiceInfoType::Serverinfo,
            ServiceInfoType::Php,
            ServiceInfoType::Logerror,
        ] {
            svc.getinfo(s).info_type(t).await?;
        }
        svc.create("every.com", ServiceProductKey::Mini)
            .period(1)
            .await?;
        svc.renew("every.com").period(1).await?;
        svc.upgrade("every.com", ServiceProductKey::Basic).await?;
        let u = svc
            .update(
                s,
                ServiceUpdateKind::RenewalMode {
                    renewal_mode: ServiceRenewalMode::Manual,
                },
            )
            .await?;
        assert!(u.php.is_none());
        let u = svc
            .update(
                s,
                ServiceUpdateKind::Phpversion {
                    phpversion: "8.0".into(),
                },
            )
            .await?;
        assert_eq!(u.php.map(|p| p.version), Some("8.0".into()));
        let st = svc.getinfo(s).await?;
        assert_eq!(st.renewal_mode, Some(ServiceRenewalMode::Manual));
        assert!(!svc.parkinggetinfo(s).await?.parking.enabled);
        assert!(svc.parkingupdate(s, true).await?.parking.enabled);
        assert!(svc.parkinggetinfo(s).await?.parking.enabled);
        let login = svc.webconstructorlogin(s, "www").loginlang("es").await?;
        assert!(login.webconstructor.login_url.contains("/es/"));

        let f = svc.ftp().create(s, "all", "/", "Pass-word-1").await?.items[0]
            .entity_id
            .clone();
        svc.ftp().list(s).await?;
        svc.ftp().getinfo(s, &f).await?;
        svc.ftp().update(s, &f, "/x", "Pass-word-2").await?;
        svc.ftp().delete(s, &f).await?;
        let d = svc.ddbb().create(s, "Pass-word-1").await?.items[0]
            .entity_id
            .clone();
        svc.ddbb().list(s).await?;
        svc.ddbb().getinfo(s, &d).await?;
        svc.ddbb()
            .update(s, &d, "Pass-word-2")
            .external_access(true)
            .await?;
        svc.ddbb().delete(s, &d).await?;
        let sd = svc.subdomain().create(s, "all", "/all").await?.items[0]
            .entity_id
            .clone();
        svc.subdomain().list(s).await?;
        svc.subdomain().getinfo(s, &sd).await?;
        svc.subdomain().update(s, &sd, "/all2").await?;
        svc.subdomain().delete(s, &sd).await?;
        let r = svc
            .redirect()
            .create(
                s,
                "all.example.com",
                "https://example.org/",
                RedirectType::Temporary,
            )
            .await?
            .items[0]
            .entity_id
            .clone();
        svc.redirect().list(s).await?;
        svc.redirect().getinfo(s, &r).await?;
        svc.redirect()
            .update(s, &r, "https://example.org/2", RedirectType::Permanent)
            .await?;
        svc.redirect().delete(s, &r).await?;
        let m = svc.mail().create(s, "all", "Pass-word-1").await?.items[0]
            .entity_id
            .clone();
        svc.mail().list(s).await?;
        svc.mail().getinfo(s, &m).await?;
        svc.mail().update(s, &m, "Pass-word-2").await?;
        svc.mail().delete(s, &m).await?;
        let al = svc
            .mailalias()
            .create(s, "allalias", ["info@example.com"])
            .await?
            .items[0]
            .entity_id
            .clone();
        svc.mailalias().list(s).await?;
        svc.mailalias().getinfo(s, &al).await?;
        svc.mailalias()
            .update(s, &al, ["a@example.org", "b@example.org"])
            .await?;
        svc.mailalias().delete(s, &al).await?;
        let dn = svc
            .dns()
            .create(s, "all", DnsRecordType::A, "192.0.2.7")
            .await?
            .items[0]
            .entity_id
            .clone();
        svc.dns().list(s).await?;
        svc.dns().getinfo(s, &dn).await?;
        svc.dns().update(s, &dn, "192.0.2.8").ttl(600).await?;
        svc.dns().delete(s, &dn).await?;
        svc.dnssetzone(
            s,
            vec![zone_record("@", DnsRecordType::A, None, None, "192.0.2.1")],
        )
        .await?;
        svc.dnsdeleteall(s).await?;
        svc.dnsrestore(s).await?;
        // The demo data is all there.
        let a = account(&sandbox)?;
        let demo = a.services.get("example.com").ok_or("no demo hosting")?;
        assert!(!demo.ftp.is_empty() && !demo.mailboxes.is_empty() && !demo.aliases.is_empty());
        Ok(())
    })
}
