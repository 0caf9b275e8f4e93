//! What the client refuses before sending, and what the sandbox refuses when a client that
//! does not check (any other language) sends it anyway: the same requests, with the API's codes.

mod common;

use common::{has_required, post, sandbox, USER};
use dondominio::meta::WireType;
use dondominio::{Action, Error};

#[tokio::test]
async fn a_missing_required_parameter_never_leaves_the_machine() {
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    let mut checked = 0;
    for action in Action::all() {
        let info = action.info();
        if !has_required(info.rules) {
            continue;
        }
        match client.call_raw(action, &[]).await {
            Err(Error::Invalid {
                action: a, param, ..
            }) => {
                assert_eq!(a, info.path);
                assert!(!param.is_empty());
            }
            other => panic!(
                "{}: expected a refusal before sending, got {other:?}",
                info.path
            ),
        }
        assert_eq!(
            sandbox.engine().hits(info.path),
            0,
            "{}: nothing was sent",
            info.path
        );
        checked += 1;
    }
    assert!(checked > 50);
}

#[tokio::test]
async fn a_malformed_value_is_refused_by_client_and_sandbox() {
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    let mut checked = 0;
    for action in Action::all() {
        let info = action.info();
        let Some(p) = info.params.iter().find(|p| {
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
                "{}: expected a refusal of `{}`, got {other:?}",
                info.path, p.name
            ),
        }
        let answer = post(&sandbox.url(), info.path, &[(p.name, "not a valid value")]).await;
        assert_eq!(answer.code(), 105, "{}: {}", info.path, answer.body);
        checked += 1;
    }
    assert!(checked > 20);
}

#[tokio::test]
async fn an_unknown_action_is_error_102() {
    let sandbox = sandbox();
    let answer = post(&sandbox.url(), "tool/requestinvalid", &[]).await;
    let body = answer.json();
    assert_eq!(body["success"], false);
    assert_eq!(body["errorCode"], 102);
    assert_eq!(body["action"], "tool/requestinvalid");
}

#[tokio::test]
async fn the_burst_guard_spaces_requests() {
    let sandbox = sandbox();
    let client = dondominio::Client::builder()
        .base_url(sandbox.url())
        .credentials(dondominio::Credentials::new(USER, common::PASSWORD))
        .min_interval(std::time::Duration::from_millis(100))
        .build()
        .expect("client");
    let start = std::time::Instant::now();
    for _ in 0..3 {
        client.tool().hello().await.expect("hello");
    }
    // Three requests need at least two full intervals between their starts.
    assert!(
        start.elapsed() >= std::time::Duration::from_millis(200),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn paged_listings_fetch_pages_only_when_needed() {
    use futures_util::StreamExt;
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    // The demo data set has 5 domains: 2 per page makes pages of 2, 2 and 1.
    let all: Vec<_> = client
        .domain()
        .list()
        .page_length(2)
        .items()
        .collect()
        .await;
    assert_eq!(all.len(), 5);
    assert!(all.iter().all(Result::is_ok));
    assert_eq!(sandbox.engine().hits("domain/list"), 3);
    let first_three: Vec<_> = client
        .domain()
        .list()
        .page_length(2)
        .items()
        .take(3)
        .collect()
        .await;
    assert_eq!(first_three.len(), 3);
    assert_eq!(
        sandbox.engine().hits("domain/list"),
        5,
        "three items need two pages, no more"
    );
}

#[tokio::test]
async fn the_items_stream_needs_no_pin() {
    use futures_util::StreamExt;
    let sandbox = sandbox();
    let client = sandbox.client(USER).expect("client");
    // No `pin!`: the stream is `Unpin`, so `next()` works on it as it is.
    let mut items = client.domain().list().page_length(2).items();
    let mut names = Vec::new();
    while let Some(item) = items.next().await {
        names.push(item.expect("item").name);
    }
    assert_eq!(names.len(), 5, "the demo data set's domains: {names:?}");
}
