//! External users over HTTP through the strict typed client: create / list / getinfo /
//! status / password / delete, permissions per domain, the rules on names and passwords,
//! unknown users and domains, refusals that change nothing, and every `user/*` action
//! decoded strictly.

mod common;

use dondominio::user::{UserPermissionGrants, UserPermissionLevel, UserStatus};
use dondominio_sandbox::Sandbox;

use common::pair::{account, code, sandbox, TestResult};

/// The `errorCode` of a call sent as a plain form (for values the typed client refuses to
/// send).
async fn raw_code(sb: &Sandbox, action: &str, pairs: &[(&str, &str)]) -> Option<i64> {
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("apiuser", "u")
        .append_pair("apipasswd", "p")
        .extend_pairs(pairs)
        .finish();
    let text = reqwest::Client::new()
        .post(format!("{}/{action}/", sb.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()?
        .get("errorCode")?
        .as_i64()
}

#[tokio::test]
async fn users_are_created_listed_changed_and_deleted() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let users = client.user();
    let made = users.create("alice", "Secret123").await?;
    assert_eq!(made.username, "alice");
    assert_eq!(made.status, UserStatus::Enabled);
    assert_eq!((made.num_domains, made.last_login), (0, None));
    assert_eq!(account(&sb).users["alice"].password, "Secret123");

    let list = users.list().await?;
    let names: Vec<&str> = list.users.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["alice", "webmaster"]);
    assert_eq!(list.query_info.total, 2);

    let info = users.getinfo("alice").await?;
    assert_eq!(info.num_domains, 0);
    assert!(info.domains.is_empty());

    let off = users.updatestatus("alice", UserStatus::Disabled).await?;
    assert_eq!(off.status, UserStatus::Disabled);
    assert_eq!(account(&sb).users["alice"].status, UserStatus::Disabled);
    let disabled = users.list().status(UserStatus::Disabled).await?;
    assert_eq!(disabled.users.len(), 1);
    assert_eq!(disabled.users[0].username, "alice");

    users.updatepassword("alice", "Another456").await?;
    assert_eq!(account(&sb).users["alice"].password, "Another456");

    users.delete("alice").await?;
    assert!(!account(&sb).users.contains_key("alice"));
    let e = users.getinfo("alice").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(3500));
    Ok(())
}

#[tokio::test]
async fn names_passwords_and_duplicates_are_refused_with_no_change() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let users = client.user();
    let before = account(&sb);
    for (name, password) in [
        ("webmaster", "Secret123"), // taken
        ("ab", "Secret123"),        // too short
        ("Alice", "Secret123"),     // upper case
        ("9lives", "Secret123"),    // starts with a digit
        ("al ice", "Secret123"),    // space
        ("u", "Secret123"),         // too short, and the account's own user
        ("alice", "short1A"),       // too short a password
        ("alice", "alllowercase1"), // no upper case
        ("alice", "NoDigitsHere"),  // no digit
        ("alice", "With Space1"),   // space
    ] {
        let e = users.create(name, password).await.err();
        assert_eq!(e.as_ref().and_then(code), Some(3501), "{name}: {e:?}");
        // The password never shows in the error.
        let text = e.map(|e| e.to_string()).unwrap_or_default();
        assert!(!text.contains(password), "{text}");
    }
    assert_eq!(account(&sb), before);
    let e = users.updatepassword("webmaster", "weak").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(3502));
    assert_eq!(account(&sb), before);
    Ok(())
}

#[tokio::test]
async fn permissions_are_granted_changed_and_taken_per_domain() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let users = client.user();
    users.create("editor", "Editor123").await?;

    let mut grants = UserPermissionGrants::new();
    grants.domain_dns = Some(UserPermissionLevel::Read);
    grants.service_ftp = Some(UserPermissionLevel::Disabled);
    let info = users
        .adddomain("editor", "example.net")
        .permissions(grants)
        .await?;
    assert_eq!(info.num_domains, 1);
    let p = &info.domains["example.net"];
    assert_eq!(p.domain_dns, UserPermissionLevel::Read);
    assert_eq!(p.service_ftp, UserPermissionLevel::Disabled);
    // The others take the defaults.
    assert_eq!(p.domain_contacts, UserPermissionLevel::Write);
    assert_eq!(p.domain_transferblock, UserPermissionLevel::Disabled);
    assert_eq!(p.domain_authcode, UserPermissionLevel::Read);

    // A second domain, with the defaults.
    let info = users.adddomain("editor", "EXAMPLE.ORG").await?;
    assert_eq!(info.num_domains, 2);
    let by_domain = users.list().domain_name("example.org").await?;
    assert_eq!(by_domain.users.len(), 1);
    assert_eq!(by_domain.users[0].username, "editor");

    // updatedomain changes only what is sent.
    let mut grants = UserPermissionGrants::new();
    grants.domain_dns = Some(UserPermissionLevel::Write);
    grants.domain_authcode = Some(UserPermissionLevel::Disabled);
    let info = users
        .updatedomain("editor", "example.net")
        .permissions(grants)
        .await?;
    let p = &info.domains["example.net"];
    assert_eq!(p.domain_dns, UserPermissionLevel::Write);
    assert_eq!(p.domain_authcode, UserPermissionLevel::Disabled);
    assert_eq!(p.service_ftp, UserPermissionLevel::Disabled);
    assert_eq!(
        account(&sb).users["editor"].domains["example.net"]["domain_dns"],
        UserPermissionLevel::Write
    );

    let info = users.deletedomain("editor", "example.net").await?;
    assert_eq!(info.num_domains, 1);
    assert!(!info.domains.contains_key("example.net"));
    assert!(info.domains.contains_key("example.org"));
    Ok(())
}

#[tokio::test]
async fn permission_refusals_change_nothing() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let users = client.user();
    let before = account(&sb);
    // Not a domain of the account.
    let e = users.adddomain("webmaster", "nowhere.com").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(2008));
    // Already granted.
    let e = users.adddomain("webmaster", "example.com").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(3502));
    // Not granted.
    let e = users.updatedomain("webmaster", "example.net").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(3502));
    let e = users.deletedomain("webmaster", "example.net").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(3502));
    // The transfer code can never be written.
    let mut grants = UserPermissionGrants::new();
    grants.domain_authcode = Some(UserPermissionLevel::Write);
    let e = users
        .updatedomain("webmaster", "example.com")
        .permissions(grants)
        .await
        .err();
    assert_eq!(e.as_ref().and_then(code), Some(105));
    // A level the manual does not list.
    let pairs = [
        ("username", "webmaster"),
        ("domainName", "example.net"),
        ("domain_dns", "admin"),
    ];
    assert_eq!(raw_code(&sb, "user/adddomain", &pairs).await, Some(105));
    // Another account's domain is not in this one: v registers one of its own.
    let other = sb.client("v")?;
    other
        .domain()
        .create(
            "only-v-has-it.com",
            dondominio::types::Contact::Id("SBX-1001".into()),
        )
        .await?;
    let e = users
        .adddomain("webmaster", "only-v-has-it.com")
        .await
        .err();
    assert_eq!(e.as_ref().and_then(code), Some(2008));
    assert_eq!(account(&sb), before);
    Ok(())
}

#[tokio::test]
async fn unknown_users_are_3500_and_accounts_do_not_share_users() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let users = client.user();
    let before = account(&sb);
    let errors = [
        users.getinfo("ghost").await.err(),
        users.updatestatus("ghost", UserStatus::Enabled).await.err(),
        users.updatepassword("ghost", "Secret123").await.err(),
        users.adddomain("ghost", "example.com").await.err(),
        users.updatedomain("ghost", "example.com").await.err(),
        users.deletedomain("ghost", "example.com").await.err(),
        users.delete("ghost").await.err(),
    ];
    for e in &errors {
        assert_eq!(e.as_ref().and_then(code), Some(3500), "{e:?}");
    }
    assert_eq!(account(&sb), before);

    users.create("only-u", "Secret123").await?;
    let other = sb.client("v")?;
    let e = other.user().getinfo("only-u").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(3500));
    let e = other.user().delete("only-u").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(3500));
    assert!(account(&sb).users.contains_key("only-u"));
    // Missing parameters are 101.
    let pairs = [("username", "nopassword")];
    assert_eq!(raw_code(&sb, "user/create", &pairs).await, Some(101));
    assert!(!account(&sb).users.contains_key("nopassword"));
    Ok(())
}

#[tokio::test]
async fn the_listing_filters_and_pages() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let users = client.user();
    for name in ["dev-anna", "dev-bob", "ops-carl"] {
        users.create(name, "Secret123").await?;
    }
    users.updatestatus("dev-bob", UserStatus::Disabled).await?;
    let dev = users.list().username("dev").await?;
    assert_eq!(dev.query_info.total, 2);
    let dev_on = users
        .list()
        .username("dev")
        .status(UserStatus::Enabled)
        .await?;
    assert_eq!(dev_on.users.len(), 1);
    assert_eq!(dev_on.users[0].username, "dev-anna");
    let page = users.list().page_length(3).page(2).await?;
    assert_eq!((page.query_info.total, page.users.len()), (4, 1));
    assert_eq!(page.users[0].username, "webmaster");
    let on_com = users.list().domain_name("example.com").await?;
    assert_eq!(on_com.users.len(), 1);
    assert_eq!(on_com.users[0].num_domains, 1);
    let e = users.list().page(0).await.err();
    assert_eq!(e.as_ref().and_then(code), Some(105));
    Ok(())
}

#[tokio::test]
async fn the_demo_user_has_permissions_on_example_com() -> TestResult {
    let sb = Sandbox::start()?;
    let client = sb.client(dondominio_sandbox::DEFAULT_USER)?;
    let info = client.user().getinfo("webmaster").await?;
    assert_eq!(info.status, UserStatus::Enabled);
    assert!(info.last_login.is_some());
    let p = &info.domains["example.com"];
    assert_eq!(p.domain_dns, UserPermissionLevel::Write);
    assert_eq!(p.domain_ownercontacts, UserPermissionLevel::Read);
    assert_eq!(p.domain_authcode, UserPermissionLevel::Disabled);
    // A domain that leaves the account leaves the user's answers too.
    let mut seed = sb
        .account(dondominio_sandbox::DEFAULT_USER)
        .unwrap_or_default();
    seed.domains.remove("example.com");
    let file = dondominio_sandbox::SeedFile {
        catalog: None,
        accounts: [(
            "s".to_owned(),
            dondominio_sandbox::seed::SeedAccount {
                password: "s".into(),
                data: seed,
            },
        )]
        .into_iter()
        .collect(),
    };
    let sb2 = Sandbox::builder().seed(file).start()?;
    let info = sb2.client("s")?.user().getinfo("webmaster").await?;
    assert_eq!(info.num_domains, 0);
    assert!(info.domains.is_empty());
    Ok(())
}

#[tokio::test]
async fn every_user_action_answers_and_decodes_strictly() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let users = client.user();
    users.create("all-actions", "Secret123").await?;
    users.list().await?;
    users.getinfo("all-actions").await?;
    users
        .updatestatus("all-actions", UserStatus::Disabled)
        .await?;
    users.updatepassword("all-actions", "Secret456").await?;
    let mut grants = UserPermissionGrants::new();
    grants.domain_ownercontacts = Some(UserPermissionLevel::Read);
    users
        .adddomain("all-actions", "example.com")
        .permissions(grants.clone())
        .await?;
    users
        .updatedomain("all-actions", "example.com")
        .permissions(grants)
        .await?;
    users.deletedomain("all-actions", "example.com").await?;
    users.delete("all-actions").await?;
    assert!(!account(&sb).users.contains_key("all-actions"));
    Ok(())
}
