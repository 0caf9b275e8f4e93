//! The client against the mock server over real HTTP, for every action of the spec.

mod common;

use common::{client, mock, raw_post, PASSWORD, USER};
use dondominio::meta::Rule;
use dondominio::{Action, Error};

mod samples {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));
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
async fn every_action_succeeds_through_its_typed_method() {
    let server = mock();
    let client = client(&server, PASSWORD);
    let outcomes = samples::call_every_action(&client).await;
    let mut failures = Vec::new();
    for o in &outcomes {
        if let Err(e) = &o.result {
            failures.push(format!("{} {:?}: {e}", o.action, o.variant));
        }
    }
    assert!(
        failures.is_empty(),
        "{} calls failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    for action in Action::all() {
        let calls = outcomes.iter().filter(|o| o.action == action).count();
        let expected = action.info().variants.len().max(1);
        assert_eq!(calls, expected, "{action}: one call per response variant");
        assert_eq!(
            server.hits(action.name()),
            expected,
            "{action}: each call reached the mock once"
        );
    }
    let targets = server.targets();
    assert!(!targets.is_empty());
    for t in &targets {
        assert!(
            !t.contains('?'),
            "credentials travel in the body, not the URL: {t}"
        );
        assert!(!t.contains(PASSWORD), "{t}");
    }
}

#[tokio::test]
async fn the_password_never_shows_in_an_error() {
    let server = mock();
    let wrong = "s3cret-but-wrong";
    let c = client(&server, wrong);
    let err = c.account().info().await.unwrap_err();
    assert!(matches!(err, dondominio::Error::Api { .. }), "{err:?}");
    assert!(!err.to_string().contains(wrong), "{err}");
    assert!(!format!("{err:?}").contains(wrong), "{err:?}");
    for t in server.targets() {
        assert!(!t.contains(wrong), "{t}");
    }
}

#[tokio::test]
async fn a_missing_required_parameter_is_refused_before_sending() {
    let server = mock();
    let client = client(&server, PASSWORD);
    let mut checked = 0;
    for action in Action::all() {
        if !has_required(action.info().rules) {
            continue;
        }
        match client.call_raw(action, &[]).await {
            Err(Error::Invalid {
                action: a, param, ..
            }) => {
                assert_eq!(a, action.name());
                assert!(!param.is_empty());
            }
            other => panic!("{action}: expected a refusal before sending, got {other:?}"),
        }
        assert_eq!(server.hits(action.name()), 0, "{action}: nothing was sent");
        checked += 1;
    }
    assert!(checked > 0);
}

#[tokio::test]
async fn the_mock_answers_101_when_a_required_parameter_is_missing() {
    let server = mock();
    for action in Action::all() {
        if !has_required(action.info().rules) {
            continue;
        }
        let env = raw_post(
            &server,
            action.name(),
            &[("apiuser", USER), ("apipasswd", PASSWORD)],
        )
        .await;
        assert_eq!(env["success"], false, "{action}");
        assert_eq!(env["errorCode"], 101, "{action}: {env}");
    }
}

#[tokio::test]
async fn wrong_or_missing_credentials_are_api_errors_200_and_201() {
    let server = mock();
    let wrong = client(&server, "not-the-password");
    for action in Action::all() {
        let env = raw_post(&server, action.name(), &[]).await;
        assert_eq!(
            env["errorCode"], 200,
            "{action}: no credentials means login required"
        );
        // The typed client with a wrong password: an API error carrying code 201.
        let sample = action.info().examples.first();
        if sample.is_none() {
            continue;
        }
        let env = raw_post(
            &server,
            action.name(),
            &[("apiuser", USER), ("apipasswd", "nope")],
        )
        .await;
        assert_eq!(env["errorCode"], 201, "{action}");
    }
    let outcomes = samples::call_every_action(&wrong).await;
    assert!(!outcomes.is_empty());
    for o in outcomes {
        match o.result {
            Err(e @ Error::Api { .. }) => {
                assert_eq!(e.code().map(|c| c.code()), Some(201), "{}", o.action);
                assert!(
                    !e.to_string().contains("not-the-password"),
                    "the password never shows in errors"
                );
            }
            other => panic!("{}: expected API error 201, got {other:?}", o.action),
        }
    }
}

#[tokio::test]
async fn an_unknown_action_is_error_102() {
    let server = mock();
    let env = raw_post(
        &server,
        "tool/requestinvalid",
        &[("apiuser", USER), ("apipasswd", PASSWORD)],
    )
    .await;
    assert_eq!(env["success"], false);
    assert_eq!(env["errorCode"], 102);
    assert_eq!(env["action"], "tool/requestinvalid");
}

#[tokio::test]
async fn a_malformed_value_is_refused_by_client_and_mock() {
    use dondominio::meta::WireType;
    let server = mock();
    let client = client(&server, PASSWORD);
    let mut checked = 0;
    for action in Action::all() {
        let Some(p) = action.info().params.iter().find(|p| {
            matches!(
                p.ty,
                WireType::Integer | WireType::Enum(_) | WireType::Boolean
            ) && !p.name.contains("{n}")
        }) else {
            continue;
        };
        let bad = [(p.name.to_owned(), "not a valid value".to_owned())];
        match client.call_raw(action, &bad).await {
            Err(Error::Invalid { param, .. }) => assert_eq!(param, p.name),
            other => panic!(
                "{action}: expected a refusal of `{}`, got {other:?}",
                p.name
            ),
        }
        let env = raw_post(
            &server,
            action.name(),
            &[
                ("apiuser", USER),
                ("apipasswd", PASSWORD),
                (p.name, "not a valid value"),
            ],
        )
        .await;
        assert_eq!(env["errorCode"], 105, "{action}: {env}");
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn the_password_never_shows_in_debug_output() {
    let server = mock();
    let c = client(&server, PASSWORD);
    let shown = format!("{c:?}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(shown.contains(USER));
    let creds = dondominio::Credentials::new(USER, PASSWORD);
    assert!(!format!("{creds:?}").contains(PASSWORD));
}

#[test]
fn plain_http_is_refused_for_remote_hosts() {
    let err = dondominio::Client::builder()
        .base_url("http://api.example.com")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("https"), "{err}");
    assert!(dondominio::Client::builder()
        .base_url("http://127.0.0.1:1")
        .credentials(dondominio::Credentials::new(USER, PASSWORD))
        .build()
        .is_ok());
}
