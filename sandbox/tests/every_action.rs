//! Every action of the spec against the sandbox with realistic parameters (the demo data
//! set), through the client, each answer decoded strictly; and the refusals every action
//! shares (credentials, missing parameters).

mod common;

use common::{post, sandbox, PASSWORD, USER};
use dondominio::meta::Rule;
use dondominio::{decode_response, Action, DecodeOptions};

/// The calls made for an action: each a form (and the response variant it asks for).
fn calls(action: Action) -> Vec<Vec<(&'static str, &'static str)>> {
    let info = action.info();
    let one = |form: &[(&'static str, &'static str)]| vec![form.to_vec()];
    // Variant responses: one call per variant, the selector set.
    if let Some(selector) = info.selector {
        let base: Vec<(&'static str, &'static str)> = match info.module {
            "domain" => vec![("domain", "example.com")],
            "service" => vec![("serviceName", "example.com")],
            "ssl" => vec![("certificateID", SSL_ID)],
            _ => vec![],
        };
        return info
            .variants
            .iter()
            .map(|v| {
                let mut form = base.clone();
                form.push((selector.param, v));
                if *v == "authcode" {
                    // The demo example.com has its transfer block on; example.net has not.
                    form[0] = ("domain", "example.net");
                }
                if *v == "service" && info.module == "domain" {
                    form[0] = ("domain", "example.com");
                }
                form
            })
            .collect();
    }
    let contact: &[(&str, &str)] = &[
        ("Type", "individual"),
        ("FirstName", "Ada"),
        ("LastName", "Byron"),
        ("IdentNumber", "12345678Z"),
        ("Email", "ada@example.org"),
        ("Phone", "+44.2071234567"),
        ("Address", "1 Example Street"),
        ("PostalCode", "EC1A 1AA"),
        ("City", "London"),
        ("State", "London"),
        ("Country", "GB"),
    ];
    match info.path {
        "tool/hello" | "account/info" | "account/promos" | "account/zones" | "domain/list"
        | "domain/listdeleted" | "contact/list" | "service/list" | "ssl/productlist"
        | "ssl/list" | "user/list" => one(&[]),
        "tool/idnconverter" => one(&[("query", "example.com")]),
        "tool/domainsuggests" => one(&[("query", "bakery"), ("tlds", "com,net")]),
        "tool/gettable" => vec![
            vec![("tableType", "countries")],
            vec![("tableType", "es_juridic")],
        ],
        "tool/dig" => one(&[
            ("query", "example.com"),
            ("type", "A"),
            ("nameserver", "192.0.2.53"),
        ]),
        "tool/zonecheck" => one(&[
            ("domain", "example.com"),
            ("nameservers", "ns1.example.com,ns2.example.com"),
        ]),
        "domain/check" => one(&[("domain", "example.com,free-name.org")]),
        "domain/checkfortransfer" => one(&[("domain", "taken-elsewhere.net")]),
        "domain/create" => one(&[
            ("domain", "every-action.com"),
            ("ownerContactID", "SBX-1001"),
        ]),
        "domain/transfer" => one(&[
            ("domain", "taken-by-someone.com"),
            ("authcode", "EPP"),
            ("ownerContactID", "SBX-1001"),
        ]),
        "domain/transferrestart" => {
            one(&[("domain", "taken-by-someone.com"), ("authcode", "EPP2")])
        }
        "domain/update" => one(&[
            ("domain", "example.net"),
            ("updateType", "whoisPrivacy"),
            ("whoisPrivacy", "true"),
        ]),
        "domain/updatenameservers" => one(&[
            ("domain", "example.net"),
            ("nameservers", "ns1.example.org,ns2.example.org"),
        ]),
        "domain/updatecontacts" => {
            one(&[("domain", "example.net"), ("adminContactID", "SBX-1001")])
        }
        "domain/gluerecordcreate" => one(&[
            ("domain", "example.net"),
            ("name", "ns9"),
            ("ipv4", "192.0.2.9"),
        ]),
        "domain/gluerecordupdate" => one(&[
            ("domain", "example.net"),
            ("name", "ns9"),
            ("ipv4", "192.0.2.10"),
        ]),
        "domain/gluerecorddelete" => one(&[("domain", "example.net"), ("name", "ns9")]),
        "domain/getauthcode" => one(&[("domain", "example.net")]),
        "domain/getnameservers"
        | "domain/getgluerecords"
        | "domain/getdnssec"
        | "domain/whois"
        | "domain/gethistory" => one(&[("domain", "example.com")]),
        "domain/resendverificationmail" => one(&[("domain", "example.com")]),
        "domain/dnsseccreate" | "domain/dnssecdelete" => one(&[
            ("domain", "example.org"),
            ("keytag", "2371"),
            ("algorithm", "13"),
            ("digesttype", "2"),
            ("digest", "1F987CC6583E92DF0890718C42"),
        ]),
        "domain/renew" => one(&[("domain", "example.org"), ("curExpDate", "CUR_EXP")]),
        "contact/create" => one(contact),
        "contact/resendverificationmail" => one(&[("contactID", "SBX-1002")]),
        "contact/getinfo" => one(&[("contactID", "SBX-1001"), ("infoType", "data")]),
        _ => module_calls(info.path),
    }
}

/// The ID of the demo SSL certificate.
const SSL_ID: &str = "1001";

/// Calls of the service, ssl and user modules (their handlers have their own tests too).
fn module_calls(path: &str) -> Vec<Vec<(&'static str, &'static str)>> {
    if path.starts_with("service/") || path.starts_with("ssl/") || path.starts_with("user/") {
        return Vec::new();
    }
    panic!("no call written for `{path}`: add one to tests/every_action.rs")
}

fn has_required(rules: &[Rule]) -> bool {
    rules.iter().any(|r| match r {
        Rule::Required(_) => true,
        Rule::Group {
            required, rules, ..
        } => *required && has_required(rules),
        Rule::OneOf { required, .. } | Rule::Switch { required, .. } => *required,
        Rule::RequiredIf { .. } | Rule::Numbered { .. } => false,
    })
}

#[tokio::test]
async fn every_action_answers_and_decodes_strictly() {
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    let mut failures = Vec::new();
    let mut calls_made = 0;
    for action in Action::all().iter().copied() {
        let info = action.info();
        let forms = calls(action);
        for (i, form) in forms.iter().enumerate() {
            let mut pairs: Vec<(String, String)> = Vec::new();
            for (k, v) in form {
                let v = if *v == "CUR_EXP" {
                    // The renewal guard needs the domain's current expiry date.
                    sandbox
                        .account(USER)
                        .and_then(|a| a.domains.get("example.org").map(|d| d.ts_expir.to_string()))
                        .unwrap_or_default()
                } else {
                    (*v).to_owned()
                };
                pairs.push(((*k).to_owned(), v));
            }
            let variant = info.selector.and_then(|s| {
                pairs
                    .iter()
                    .find(|(k, _)| k == s.param)
                    .map(|(_, v)| v.clone())
            });
            calls_made += 1;
            let envelope = match client.call_raw(action, &pairs).await {
                Ok(e) => e,
                Err(e) => {
                    failures.push(format!("{} #{i}: {e}", info.path));
                    continue;
                }
            };
            let options = DecodeOptions {
                strict: true,
                variant,
            };
            if let Err(e) = decode_response(action, envelope.body.as_bytes(), &options) {
                failures.push(format!("{} #{i}: {e}", info.path));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {calls_made} calls failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(calls_made >= Action::all().len());
}

#[tokio::test]
async fn every_action_refuses_missing_and_wrong_credentials() {
    let sandbox = sandbox();
    let url = sandbox.url();
    for action in Action::all() {
        let path = action.info().path;
        let none = post(&url, path, &[("apiuser", "")]).await;
        assert_eq!(none.code(), 200, "{path}: {}", none.body);
        let wrong = post(&url, path, &[("apiuser", USER), ("apipasswd", "wrong-pw")]).await;
        assert_eq!(wrong.code(), 201, "{path}: {}", wrong.body);
    }
    // The typed client with a wrong password: an API error that never shows the password.
    let client = dondominio::Client::builder()
        .base_url(sandbox.url())
        .credentials(dondominio::Credentials::new(USER, "s3cret-but-wrong"))
        .min_interval(std::time::Duration::ZERO)
        .build()
        .expect("client");
    let err = client.account().info().await.expect_err("wrong password");
    assert_eq!(err.code().map(|c| c.code()), Some(201));
    assert!(!err.to_string().contains("s3cret-but-wrong"), "{err}");
    assert!(!format!("{err:?}").contains("s3cret-but-wrong"), "{err:?}");
    assert!(!format!("{err:?}").contains(PASSWORD));
}

#[tokio::test]
async fn every_action_with_a_required_parameter_answers_101_without_it() {
    let sandbox = sandbox();
    let before = sandbox.account(USER).expect("account");
    let mut checked = 0;
    for action in Action::all() {
        if !has_required(action.info().rules) {
            continue;
        }
        let answer = post(&sandbox.url(), action.info().path, &[]).await;
        assert_eq!(
            answer.code(),
            101,
            "{}: {}",
            action.info().path,
            answer.body
        );
        checked += 1;
    }
    assert!(checked > 50);
    assert_eq!(sandbox.account(USER).expect("account"), before);
}
