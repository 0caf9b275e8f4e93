//! Every action of the spec against the sandbox with realistic parameters (the demo data
//! set), through the client, each answer decoded strictly; and the refusals every action
//! shares (credentials, missing parameters).

mod common;

use common::{calls, has_required, post, sandbox, PASSWORD, USER};
use dondominio::{decode_response, Action, DecodeOptions};

#[tokio::test]
async fn every_action_answers_and_decodes_strictly() {
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    // What some calls need besides the demo data: CSRs, and two multi-domain certificates
    // issued (a day on the clock) for the reissue and the extra names.
    let mut values = calls::setup(&sandbox, &client).await;
    let mut failures = Vec::new();
    let mut calls_made = 0;
    for action in Action::all().iter().copied() {
        let info = action.info();
        let forms = calls::calls(action);
        for (i, form) in forms.iter().enumerate() {
            let pairs = calls::resolve(form, &values, &sandbox);
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
            if action == Action::SslCreate {
                // The new certificate is the one whose validation the next calls change.
                let id = envelope.response_data["ssl"]["certificateID"].to_string();
                values.insert("NEW", id);
            }
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
