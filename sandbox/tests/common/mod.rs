//! Shared set-up of the sandbox tests: sandboxes, strict clients, raw HTTP posts.

#![allow(dead_code)]

pub mod calls;

use dondominio::meta::Rule;
use dondominio_sandbox::Sandbox;
use serde_json::Value;

pub const USER: &str = "alice";
/// Distinctive, so a search of captured output for it means something.
pub const PASSWORD: &str = "alice-Sandb0x-pw!";

/// A sandbox with the demo data set for `alice`.
pub fn sandbox() -> Sandbox {
    Sandbox::builder()
        .account(USER, PASSWORD)
        .start()
        .expect("sandbox starts")
}

/// An answer of the server as the wire shows it.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: String,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// `errorCode` of the envelope.
    pub fn code(&self) -> i64 {
        self.json()["errorCode"].as_i64().expect("errorCode")
    }
}

/// POSTs a urlencoded form to `path` with alice's credentials (unless the form has its own).
pub async fn post(url: &str, path: &str, form: &[(&str, &str)]) -> Answer {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    if !form.iter().any(|(k, _)| *k == "apiuser") {
        pairs.extend([("apiuser", USER), ("apipasswd", PASSWORD)]);
    }
    pairs.extend_from_slice(form);
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    send(
        reqwest::Client::new()
            .post(format!("{url}/{path}/"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body),
    )
    .await
}

/// Sends a request and reads the answer.
pub async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("the sandbox answers");
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.text().await.expect("body reads");
    Answer {
        status,
        retry_after,
        body,
    }
}

/// Two accounts, `u` (password `p`) and `v` (password `q`), each with the demo data set: for
/// tests that also check one account cannot reach the other's resources.
pub mod pair {
    use dondominio_sandbox::{Account, Sandbox};

    /// What the tests return, so `?` works on every step.
    pub type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// A sandbox with the accounts `u` and `v`.
    pub fn sandbox() -> Result<Sandbox, Box<dyn std::error::Error>> {
        Ok(Sandbox::builder()
            .account("u", "p")
            .account("v", "q")
            .start()?)
    }

    /// The account `u` as it is now.
    pub fn account(sb: &Sandbox) -> Account {
        sb.account("u").unwrap_or_default()
    }

    /// The API error code of an error, if it is an API error.
    pub fn code(e: &dondominio::Error) -> Option<i64> {
        e.code().map(|c| c.code())
    }
}

/// Whether a request without any parameter breaks the rules (some parameter is always needed).
pub fn has_required(rules: &[Rule]) -> bool {
    rules.iter().any(|r| match r {
        Rule::Required(_) => true,
        Rule::Group {
            required, rules, ..
        } => *required && has_required(rules),
        Rule::OneOf { required, .. } | Rule::Switch { required, .. } => *required,
        Rule::RequiredIf { .. } | Rule::Numbered { .. } => false,
    })
}
