//! What a program runs into (issue 21), against the sandbox: the billable guard, the request
//! preview, the base URL from the environment, `tool/dig` answering from the account's zones,
//! collecting every item of a listing, and an error's `Debug`.

use dondominio::service::DnsRecordType;
use dondominio::tool::DigType;
use dondominio::{Client, Credentials, Error};
use dondominio_sandbox::{FaultKind, Sandbox};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn guarded(sandbox: &Sandbox) -> Result<Client> {
    Ok(Client::builder()
        .base_url(sandbox.url())
        .credentials(Credentials::new("sandbox", "sandbox"))
        .min_interval(std::time::Duration::ZERO)
        .allow_billable(false)
        .build()?)
}

#[tokio::test]
async fn a_billable_action_is_refused_before_sending_unless_allowed() -> Result {
    let sandbox = Sandbox::start()?;
    let client = guarded(&sandbox)?;
    assert!(!client.allows_billable());
    let info = client.domain().getinfo("example.org").await?;
    let before = sandbox.engine().hits("domain/renew");
    let err = client
        .domain()
        .renew("example.org", info.ts_expir)
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::BillableRefused { action } if action == "domain/renew"));
    assert!(err.to_string().contains("costs money"), "{err}");
    assert_eq!(
        sandbox.engine().hits("domain/renew"),
        before,
        "nothing was sent"
    );
    // The raw escape hatch is guarded too.
    let raw = client
        .call_raw(
            dondominio::Action::DomainRenew,
            &[
                ("domain".into(), "example.org".into()),
                ("curExpDate".into(), info.ts_expir.to_string()),
            ],
        )
        .await;
    assert!(matches!(raw, Err(Error::BillableRefused { .. })));
    // Writes that cost nothing still go through.
    client
        .service()
        .dns()
        .create("example.com", "home", DnsRecordType::A, "192.0.2.7")
        .await?;
    // Allowed for one call: sent and paid.
    let balance = sandbox
        .account("sandbox")
        .map(|a| a.balance)
        .unwrap_or_default();
    client
        .allowing_billable()
        .domain()
        .renew("example.org", info.ts_expir)
        .await?;
    assert_eq!(sandbox.engine().hits("domain/renew"), before + 1);
    assert!(
        sandbox
            .account("sandbox")
            .map(|a| a.balance)
            .unwrap_or_default()
            < balance
    );
    // The guarded client itself is unchanged.
    assert!(!client.allows_billable());
    Ok(())
}

#[tokio::test]
async fn a_preview_shows_the_form_without_the_password_and_sends_nothing() -> Result {
    let sandbox = Sandbox::builder().account("alice", "s3cret-pass").start()?;
    let client = sandbox.client("alice")?;
    let call = client
        .domain()
        .renew("example.org", "2030-01-01".parse()?)
        .period(2);
    let preview = call.preview()?;
    assert_eq!(preview.kind, dondominio::meta::Kind::Billable);
    assert_eq!(preview.url, format!("{}/domain/renew/", sandbox.url()));
    let form: Vec<(&str, &str)> = preview
        .form
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert!(form.contains(&("apiuser", "alice")));
    assert!(form.contains(&("apipasswd", "<redacted>")));
    assert!(form.contains(&("domain", "example.org")));
    assert!(form.contains(&("curExpDate", "2030-01-01")));
    assert!(form.contains(&("period", "2")));
    let shown = format!("{preview} {preview:?}");
    assert!(!shown.contains("s3cret-pass"), "{shown}");
    assert!(shown.starts_with(&format!("POST {}/domain/renew/\n", sandbox.url())));
    assert_eq!(
        sandbox.engine().hits("domain/renew"),
        0,
        "a preview sends nothing"
    );
    // A guarded client previews the purchase it would refuse: a dry run sends nothing.
    let guarded = guarded(&sandbox)?;
    let dry = guarded.domain().renew("example.org", "2030-01-01".parse()?);
    assert_eq!(dry.preview()?.kind, dondominio::meta::Kind::Billable);
    assert!(matches!(dry.await, Err(Error::BillableRefused { .. })));
    assert_eq!(sandbox.engine().hits("domain/renew"), 0);
    Ok(())
}

#[tokio::test]
async fn from_env_reads_the_base_url_with_the_same_rules() -> Result {
    let sandbox = Sandbox::start()?;
    // One test sets the environment (the process's), so no other test reads it meanwhile.
    std::env::set_var(dondominio::ENV_USER, "sandbox");
    std::env::set_var(dondominio::ENV_PASSWORD, "sandbox");
    std::env::set_var(dondominio::ENV_BASE_URL, sandbox.url());
    let client = Client::from_env()?;
    assert_eq!(client.base_url(), sandbox.url().trim_end_matches('/'));
    client.tool().hello().await?;
    // The builder form keeps other settings open.
    let strict = dondominio::ClientBuilder::from_env()?
        .strict(true)
        .build()?;
    strict.domain().list().await?;
    // Plain http to another host is refused, as with `base_url`.
    std::env::set_var(dondominio::ENV_BASE_URL, "http://example.com");
    let err = Client::from_env().unwrap_err();
    assert!(matches!(err, Error::BaseUrl { .. }), "{err}");
    std::env::set_var(dondominio::ENV_BASE_URL, "https://user:pw@example.com");
    assert!(matches!(Client::from_env(), Err(Error::BaseUrl { .. })));
    // Unset: the production API.
    std::env::remove_var(dondominio::ENV_BASE_URL);
    assert_eq!(Client::from_env()?.base_url(), dondominio::DEFAULT_BASE_URL);
    Ok(())
}

#[tokio::test]
async fn dig_answers_names_of_the_accounts_zones_from_the_zone() -> Result {
    let sandbox = Sandbox::start()?;
    let client = sandbox.client("sandbox")?;
    let name = "_acme-challenge.www.example.com";
    let before = client.tool().dig(name, DigType::Txt, "8.8.8.8").await?;
    assert!(
        before.result.contains("status: NXDOMAIN"),
        "{}",
        before.result
    );
    client
        .service()
        .dns()
        .create(
            "example.com",
            "_acme-challenge.www",
            DnsRecordType::Txt,
            "token-1",
        )
        .await?;
    let after = client.tool().dig(name, DigType::Txt, "8.8.8.8").await?;
    assert_eq!(after.query, name);
    assert!(after.result.contains("status: NOERROR"), "{}", after.result);
    assert!(after.result.contains("\"token-1\""), "{}", after.result);
    // Another type at that name: no answer, but the name exists.
    let a = client.tool().dig(name, DigType::A, "8.8.8.8").await?;
    assert!(a.result.contains("ANSWER: 0"), "{}", a.result);
    // A domain of the account without a stored zone answers from its default zone.
    let apex = client
        .tool()
        .dig("example.net", DigType::A, "1.1.1.1")
        .await?;
    assert!(
        apex.result.contains("example.net.\t\t3600\tIN\tA\t"),
        "{}",
        apex.result
    );
    // Outside the account's zones: the canned answer of the outside world.
    let other = client
        .tool()
        .dig("microsoft.com", DigType::Soa, "8.8.8.8")
        .await?;
    assert!(!other.result.contains("NXDOMAIN"));
    Ok(())
}

#[tokio::test]
async fn all_items_collects_every_page_or_stops_at_the_first_error() -> Result {
    let sandbox = Sandbox::start()?;
    let client = sandbox.client("sandbox")?;
    let all = client.domain().list().page_length(2).all_items().await?;
    let total = client.domain().list().await?.query_info.total;
    assert_eq!(all.len() as i64, total);
    sandbox.inject_fault("sandbox", "domain/list", FaultKind::ErrorCode(1000), 1)?;
    let err = client
        .domain()
        .list()
        .page_length(2)
        .all_items()
        .await
        .unwrap_err();
    assert!(err.code().is_some(), "{err}");
    Ok(())
}

#[tokio::test]
async fn an_api_errors_debug_is_one_line_without_the_raw_body() -> Result {
    let sandbox = Sandbox::start()?;
    let client = sandbox.client("sandbox")?;
    sandbox.inject_fault("sandbox", "tool/hello", FaultKind::ErrorCode(1000), 1)?;
    let err = client.tool().hello().await.unwrap_err();
    let debug = format!("{err:?}");
    assert!(
        debug.starts_with("Api(\"tool/hello: API error 1000"),
        "{debug}"
    );
    assert!(!debug.contains("responseData"), "{debug}");
    assert!(err.body().is_some_and(|b| b.contains("errorCode")));
    Ok(())
}

#[tokio::test]
async fn dns_names_are_taken_relative_full_or_at_and_listed_in_full() -> Result {
    let sandbox = Sandbox::start()?;
    let client = sandbox.client("sandbox")?;
    let dns = client.service().dns();
    for (given, value) in [
        ("home", "192.0.2.1"),
        ("office.example.net", "192.0.2.2"),
        ("@", "192.0.2.3"),
    ] {
        dns.create("example.net", given, DnsRecordType::A, value)
            .await?;
    }
    let listed = dns.list("example.net").await?;
    let names: Vec<(&str, &str)> = listed
        .items
        .iter()
        .filter(|r| r.value.starts_with("192.0.2.") && r.value != "192.0.2.10")
        .map(|r| (r.name.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("home.example.net", "192.0.2.1"),
            ("office.example.net", "192.0.2.2"),
            ("example.net", "192.0.2.3"),
        ]
    );
    Ok(())
}
