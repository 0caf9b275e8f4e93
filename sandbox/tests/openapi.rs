//! `GET /_sandbox/openapi.json`: the OpenAPI document of the API, public, the same as the
//! committed `docs/openapi/<newest>.yaml`, and describing only actions the sandbox answers.

mod common;

use common::{post, sandbox, send};
use serde_json::Value;

fn committed() -> Value {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let newest = newest_version(&root.join("spec"));
    let path = root.join(format!("docs/openapi/{newest}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The newest version folder of `spec/`, by version number.
fn newest_version(specs: &std::path::Path) -> String {
    let key = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    std::fs::read_dir(specs)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("api.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .max_by_key(|v| key(v))
        .unwrap()
}

#[tokio::test]
async fn the_document_is_served_without_credentials() {
    let sandbox = sandbox();
    let answer =
        send(reqwest::Client::new().get(format!("{}/_sandbox/openapi.json", sandbox.url()))).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let doc = answer.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc,
        committed(),
        "the served document differs from the committed one"
    );
    // Any other method is refused, and the API's paths are unaffected.
    let posted =
        send(reqwest::Client::new().post(format!("{}/_sandbox/openapi.json", sandbox.url()))).await;
    assert_eq!(posted.status, 405, "{}", posted.body);
}

#[tokio::test]
async fn every_path_of_the_document_is_an_action_of_the_sandbox() {
    let sandbox = sandbox();
    let url = sandbox.url();
    let doc = send(reqwest::Client::new().get(format!("{url}/_sandbox/openapi.json")))
        .await
        .json();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() > 100, "{} paths", paths.len());
    for (path, item) in paths {
        assert!(item.get("post").is_some(), "{path} is not a POST");
        // With the credentials and no parameter, a known action answers (or refuses a missing
        // parameter): never "no such action".
        let answer = post(&url, path.trim_matches('/'), &[]).await;
        let code = answer.code();
        assert!(
            ![102, 104].contains(&code),
            "{path}: the sandbox does not know it ({code}): {}",
            answer.body
        );
    }
    // And an action the document does not list is unknown to it.
    let unknown = post(&url, "domain/nosuchaction", &[]).await;
    assert_eq!(unknown.code(), 102, "{}", unknown.body);
}
