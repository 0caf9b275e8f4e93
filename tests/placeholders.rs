//! Number fields with placeholders (`placeholders: ["-", ""]` in the spec): DNS `ttl` and
//! `priority` are `Option<i64>`, the API's `-` and `""` decode to `None` and `None` is written
//! back as `-`; anything that is neither a number nor a placeholder is an error naming the
//! action and the field, in lenient and strict mode alike.
#![cfg(feature = "service")]

use dondominio::service::dns::DnsEntry;
use dondominio::{decode_response, Action, AnyResponse, DecodeOptions, Error};
use serde_json::{json, Value};

fn example() -> Value {
    serde_json::from_str(Action::ServiceDnslist.info().examples[0].json).unwrap()
}

fn options(strict: bool) -> DecodeOptions {
    DecodeOptions {
        strict,
        variant: None,
    }
}

fn entries(env: &Value, strict: bool) -> Result<Vec<DnsEntry>, Error> {
    match decode_response(
        Action::ServiceDnslist,
        env.to_string().as_bytes(),
        &options(strict),
    )? {
        AnyResponse::ServiceDnslist(page) => Ok(page.items),
        other => panic!("not a dnslist answer: {other:?}"),
    }
}

#[test]
fn a_dash_decodes_to_none_and_serializes_back_to_a_dash() {
    let env = example();
    // The manual's own example: `"ttl": "-"`.
    assert_eq!(env["responseData"]["dns"][0]["ttl"], "-");
    for strict in [false, true] {
        let items = entries(&env, strict).unwrap();
        assert_eq!(items[0].ttl, None);
        let back = serde_json::to_value(&items[0]).unwrap();
        assert_eq!(back["ttl"], "-");
        assert_eq!(back["priority"], "-");
        // The serialized form decodes (strictly) to the same value.
        let again: DnsEntry = serde_json::from_value(back).unwrap();
        assert_eq!(again, items[0]);
    }
}

#[test]
fn numbers_numeric_strings_and_every_placeholder_are_accepted() {
    let cases = [
        (json!(3600), Some(3600)),
        (json!("300"), Some(300)),
        (json!(" 60 "), Some(60)),
        (json!("-"), None),
        (json!(""), None),
        (json!(null), None),
    ];
    for strict in [false, true] {
        for (sent, want) in &cases {
            let mut env = example();
            env["responseData"]["dns"][0]["ttl"] = sent.clone();
            env["responseData"]["dns"][0]["priority"] = sent.clone();
            let items = entries(&env, strict).unwrap();
            assert_eq!(items[0].ttl, *want, "ttl {sent} (strict: {strict})");
            assert_eq!(
                items[0].priority, *want,
                "priority {sent} (strict: {strict})"
            );
        }
    }
    // A number is written back as a number.
    let mut env = example();
    env["responseData"]["dns"][0]["priority"] = json!("10");
    let items = entries(&env, true).unwrap();
    assert_eq!(serde_json::to_value(&items[0]).unwrap()["priority"], 10);
}

#[test]
fn anything_else_is_an_error_naming_the_action_and_the_field() {
    for bad in [
        json!("abc"),
        json!("--"),
        json!(true),
        json!([1]),
        json!({"a": 1}),
    ] {
        for strict in [false, true] {
            let mut env = example();
            env["responseData"]["dns"][1]["priority"] = bad.clone();
            match entries(&env, strict) {
                Err(Error::Decode { action, path, .. }) => {
                    assert_eq!(action, "service/dnslist");
                    assert_eq!(path, "dns/1/priority", "{bad} (strict: {strict})");
                }
                other => panic!("{bad} (strict: {strict}): expected a decode error, got {other:?}"),
            }
        }
    }
}

#[test]
fn a_missing_field_is_none_leniently_and_an_error_strictly() {
    let mut env = example();
    let Some(entry) = env["responseData"]["dns"][0].as_object_mut() else {
        panic!("the example has no DNS entry");
    };
    entry.remove("ttl");
    assert_eq!(entries(&env, false).unwrap()[0].ttl, None);
    match entries(&env, true) {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "dns/0/ttl"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}
