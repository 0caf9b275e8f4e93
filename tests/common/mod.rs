//! Shared set-up of the integration tests: a mock server and clients pointed at it.

#![allow(dead_code)]

use dondominio::{Client, Credentials};
use dondominio_mock::{MockCredentials, MockServer};

pub const USER: &str = "test-user";
pub const PASSWORD: &str = "s3cret-Passw0rd";

pub fn mock() -> MockServer {
    MockServer::start(MockCredentials {
        user: USER.into(),
        password: PASSWORD.into(),
    })
    .expect("mock starts")
}

pub fn client(server: &MockServer, password: &str) -> Client {
    Client::builder()
        .base_url(server.url())
        .credentials(Credentials::new(USER, password))
        .strict(true)
        .min_interval(std::time::Duration::ZERO)
        .build()
        .expect("client builds")
}

/// POSTs a raw form to the mock, bypassing the client's checks; returns the parsed envelope.
pub async fn raw_post(server: &MockServer, path: &str, form: &[(&str, &str)]) -> serde_json::Value {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    let text = reqwest::Client::new()
        .post(format!("{}/{path}/", server.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("mock answers")
        .text()
        .await
        .expect("body reads");
    serde_json::from_str(&text).expect("mock answers JSON")
}

/// A sample value of a wire type.
pub fn sample_value(ty: &dondominio::meta::WireType) -> String {
    use dondominio::meta::WireType;
    match ty {
        WireType::Integer | WireType::Float => "1".into(),
        WireType::Boolean => "true".into(),
        WireType::Date => "2024-01-31".into(),
        WireType::DateTime => "2024-01-31 10:00:00".into(),
        WireType::Enum(values) => values[0].into(),
        WireType::Base64Json => "W10=".into(),
        WireType::Csv(inner) => sample_value(inner),
        WireType::String | WireType::Json => "x".into(),
    }
}

/// A form that satisfies an action's presence rules, built from its description alone.
pub fn valid_form(info: &dondominio::meta::ActionInfo) -> Vec<(String, String)> {
    use dondominio::meta::Rule;
    fn walk(info: &dondominio::meta::ActionInfo, rules: &[Rule], out: &mut Vec<(String, String)>) {
        let push = |name: &str, out: &mut Vec<(String, String)>| {
            if !out.iter().any(|(k, _)| k == name) {
                let v = info
                    .param(name)
                    .map_or_else(|| "x".to_owned(), |p| sample_value(&p.ty));
                out.push((name.to_owned(), v));
            }
        };
        for r in rules {
            match r {
                Rule::Required(n) | Rule::RequiredIf { name: n, .. } => push(n, out),
                Rule::Group {
                    required: true,
                    rules,
                    ..
                } => walk(info, rules, out),
                Rule::OneOf {
                    required: true,
                    alts,
                } => {
                    if let Some(a) = alts.first() {
                        if let Some(m) = a.members.first() {
                            push(m, out);
                        }
                        walk(info, a.rules, out);
                    }
                }
                Rule::Switch {
                    param,
                    required: true,
                    cases,
                } => {
                    if let Some(c) = cases.first() {
                        out.push((param.to_string(), c.value.to_owned()));
                        walk(info, c.rules, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(info, info.rules, &mut out);
    out
}
