//! The wire as the PHP API reads it, for every action at once (its parameters come from
//! `dondominio::meta`, not from a list here): an empty value is an absent one (a required one
//! sent empty is still missing, an empty boolean is `false`), only form bodies carry
//! parameters, and messages name wire keys only.

mod common;

use common::{calls, post, send, PASSWORD, USER};
use dondominio::meta::WireType;
use dondominio::Action;
use dondominio_sandbox::Sandbox;

fn sandbox() -> Sandbox {
    common::sandbox()
}

/// POSTs `form` (urlencoded, with alice's credentials) and returns the code and the body with
/// every time of day masked: two sandboxes answer the same call a few milliseconds apart.
async fn answer(sandbox: &Sandbox, path: &str, form: &[(String, String)]) -> (i64, String) {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let a = post(&sandbox.url(), path, &pairs).await;
    (a.code(), mask_times(&a.body))
}

/// `body` with every `HH:MM:SS` replaced by `hh:mm:ss`.
fn mask_times(body: &str) -> String {
    let b = body.as_bytes();
    let shape = |i: usize| {
        i + 8 <= b.len()
            && [0, 1, 3, 4, 6, 7]
                .iter()
                .all(|&j| b[i + j].is_ascii_digit())
            && b[i + 2] == b':'
            && b[i + 5] == b':'
    };
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < b.len() {
        if shape(i) {
            out.push_str("hh:mm:ss");
            i += 8;
        } else {
            let c = body[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8().max(1);
        }
    }
    out
}

/// The account as JSON, times of day masked.
fn state(sandbox: &Sandbox) -> String {
    mask_times(&serde_json::to_string(&sandbox.account(USER)).expect("encodes"))
}

/// `form` with `key` set to `value` (replaced where sent, added otherwise).
fn with(form: &[(String, String)], key: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = form.iter().filter(|(k, _)| k != key).cloned().collect();
    out.push((key.to_owned(), value.to_owned()));
    out
}

/// `form` without `key`.
fn without(form: &[(String, String)], key: &str) -> Vec<(String, String)> {
    form.iter().filter(|(k, _)| k != key).cloned().collect()
}

/// Two sandboxes run in lockstep the realistic call of every action, once per parameter of
/// the action: one with the parameter sent empty, the other without it (or with `false` for a
/// boolean). Every answer must be the same, step by step (so the states stay the same too);
/// a required parameter sent empty answers 101 naming it, without any Rust name.
#[tokio::test]
async fn every_parameter_sent_empty_is_the_same_as_absent() {
    let (x, y) = (sandbox(), sandbox());
    let mut values = calls::setup(&x, &x.client(USER).expect("client")).await;
    let values_y = calls::setup(&y, &y.client(USER).expect("client")).await;
    assert_eq!(values, values_y, "the two sandboxes set up differently");
    let mut failures = Vec::new();
    let (mut compared, mut required) = (0, 0);
    for action in Action::all() {
        let info = action.info();
        let Some(call) = calls::calls(action).into_iter().next() else {
            failures.push(format!("{}: no realistic call", info.path));
            continue;
        };
        let keys: Vec<String> = info
            .params
            .iter()
            .map(|p| p.name.replace("{n}", "1"))
            .collect();
        for key in &keys {
            let Some(param) = info.param(key) else {
                failures.push(format!("{}: `{key}` is not in its metadata", info.path));
                continue;
            };
            let base = calls::resolve(&call, &values, &x);
            let empty = with(&base, key, "");
            let absent = match param.ty {
                WireType::Boolean => with(&base, key, "false"),
                _ => without(&base, key),
            };
            let (code, sent_empty) = answer(&x, info.path, &empty).await;
            let (_, not_sent) = answer(&y, info.path, &absent).await;
            compared += 1;
            if sent_empty != not_sent {
                failures.push(format!(
                    "{} `{key}=`:\n  empty:  {sent_empty}\n  absent: {not_sent}",
                    info.path
                ));
            }
            if sent_empty.contains("Rust") {
                failures.push(format!("{} `{key}=`: {sent_empty}", info.path));
            }
            if param.required && !matches!(param.ty, WireType::Boolean) {
                required += 1;
                let message = format!("missing required parameter `{key}`");
                if code != 101 || !sent_empty.contains(&message) {
                    failures.push(format!("{} `{key}=` (required): {sent_empty}", info.path));
                }
            }
            if action == Action::SslCreate && code == 0 {
                // The new certificate is the one the next calls act on, in both sandboxes.
                let data: serde_json::Value =
                    serde_json::from_str(&sent_empty).expect("JSON answer");
                let id = data["responseData"]["ssl"]["certificateID"].to_string();
                values.insert("NEW", id);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {compared} parameters:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every action has been walked, and so have the required keys of most.
    assert!(compared > 400, "{compared}");
    assert!(required > 80, "{required}");
    assert_eq!(state(&x), state(&y));
}

/// Every parameter of an action sent empty at once (what a PHP SDK posts for a call with every
/// optional argument left `null`) is the same as none of them sent.
#[tokio::test]
async fn all_parameters_empty_at_once_are_the_same_as_none() {
    let (x, y) = (sandbox(), sandbox());
    let mut failures = Vec::new();
    for action in Action::all() {
        let info = action.info();
        let mut empty = Vec::new();
        let mut none = Vec::new();
        for p in info.params {
            let key = p.name.replace("{n}", "1");
            empty.push((key.clone(), String::new()));
            if matches!(p.ty, WireType::Boolean) {
                none.push((key, "false".to_owned()));
            }
        }
        let (_, a) = answer(&x, info.path, &empty).await;
        let (_, b) = answer(&y, info.path, &none).await;
        if a != b {
            failures.push(format!("{}:\n  empty: {a}\n  none:  {b}", info.path));
        }
        if a.contains("Rust") {
            failures.push(format!("{}: {a}", info.path));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(state(&x), state(&y));
}

/// The cases real clients hit: a Laravel app's `dns_create(..., $ttl = null, $priority = null)`
/// through the PHP SDK, a billing plugin's `page=`, and PHP's `false` for a transfer unlock.
#[tokio::test]
async fn what_php_clients_send_works() {
    let sb = sandbox();
    let url = sb.url();
    let created = post(
        &url,
        "service/dnscreate",
        &[
            ("serviceName", "example.com"),
            ("name", "_acme-challenge"),
            ("type", "TXT"),
            ("value", "token-1"),
            ("ttl", ""),
            ("priority", ""),
        ],
    )
    .await;
    assert_eq!(created.code(), 0, "{}", created.body);
    let listed = post(&url, "domain/list", &[("page", ""), ("pageLength", "")]).await;
    assert_eq!(listed.code(), 0, "{}", listed.body);
    assert_eq!(listed.json()["responseData"]["queryInfo"]["page"], 1);
    assert!(sb
        .account(USER)
        .is_some_and(|a| a.domains["example.com"].transfer_block));
    let unlocked = post(
        &url,
        "domain/update",
        &[
            ("domain", "example.com"),
            ("updateType", "transferBlock"),
            ("transferBlock", ""),
        ],
    )
    .await;
    assert_eq!(unlocked.code(), 0, "{}", unlocked.body);
    assert!(sb
        .account(USER)
        .is_some_and(|a| !a.domains["example.com"].transfer_block));
    // A required key sent empty is still missing, and the message speaks the wire only.
    let missing = post(&url, "service/dnslist", &[("serviceName", "")]).await;
    assert_eq!(missing.code(), 101, "{}", missing.body);
    assert_eq!(
        missing.json()["messages"][0],
        "missing required parameter `serviceName`"
    );
    // A key sent twice counts with its last value, as in `$_POST`: here, empty.
    let twice = post(&url, "domain/list", &[("page", "2"), ("page", "")]).await;
    assert_eq!(twice.json()["responseData"]["queryInfo"]["page"], 1);
}

/// A body that is not a form (text, XML, JSON, no `Content-Type`) carries no parameters: the
/// answer is the one without credentials, even when its text holds valid ones. Both form types
/// work with their parameters (a charset, any case).
#[tokio::test]
async fn only_form_bodies_carry_parameters() {
    let sb = sandbox();
    let url = format!("{}/domain/getinfo/", sb.url());
    let text = format!("apiuser={USER}&apipasswd={PASSWORD}&domain=example.com");
    let no_credentials = post(&sb.url(), "domain/getinfo", &[("apiuser", "")]).await;
    assert_eq!(no_credentials.code(), 200, "{}", no_credentials.body);
    let client = reqwest::Client::new();
    for content_type in [
        Some("text/plain"),
        Some("application/xml"),
        Some("application/json"),
        Some("application/x-www-form-urlencoded-not"),
        Some("not a media type"),
        None,
    ] {
        let mut request = client.post(&url).body(text.clone());
        if let Some(t) = content_type {
            request = request.header("content-type", t);
        }
        let a = send(request).await;
        assert_eq!(a.status, 200, "{content_type:?}");
        assert_eq!(a.json(), no_credentials.json(), "{content_type:?}");
    }
    for content_type in [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=UTF-8",
        "Application/X-WWW-Form-Urlencoded;charset=utf-8",
    ] {
        let a = send(
            client
                .post(&url)
                .header("content-type", content_type)
                .body(text.clone()),
        )
        .await;
        assert_eq!(a.code(), 0, "{content_type}: {}", a.body);
    }
    let multipart = reqwest::multipart::Form::new()
        .text("apiuser", USER)
        .text("apipasswd", PASSWORD)
        .text("domain", "example.com")
        .text("infoType", "");
    let a = send(client.post(&url).multipart(multipart)).await;
    assert_eq!(a.code(), 0, "{}", a.body);
}

#[test]
fn the_times_of_day_are_masked() {
    let masked = mask_times(r#"{"ts":"2026-01-02 03:04:05","n":"12:3a:45","é":"x"}"#);
    assert_eq!(
        masked,
        r#"{"ts":"2026-01-02 hh:mm:ss","n":"12:3a:45","é":"x"}"#
    );
}
