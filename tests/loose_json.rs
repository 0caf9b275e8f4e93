//! The API's loose PHP output decodes into the typed responses, and a value that cannot be read
//! fails with the action, the field path and the raw body.
//!
//! Each test starts from the spec's own example of the action and changes one value the way
//! the real API sends it.
#![cfg(feature = "domain")]

use dondominio::{decode_response, Action, AnyResponse, DecodeOptions, Error};
use serde_json::{json, Value};

fn example(action: Action) -> Value {
    serde_json::from_str(action.info().examples[0].json).unwrap()
}

fn strict() -> DecodeOptions {
    DecodeOptions {
        strict: true,
        variant: None,
    }
}

fn decode(action: Action, env: &Value) -> Result<AnyResponse, Error> {
    decode_response(action, env.to_string().as_bytes(), &strict())
}

#[test]
fn numbers_and_booleans_sent_as_strings_decode_to_their_types() {
    let mut env = example(Action::DomainCheck);
    let item = &mut env["responseData"]["domains"][0];
    item["available"] = json!("1");
    item["premium"] = json!(0);
    item["price"] = json!("12.5");
    let Ok(AnyResponse::DomainCheck(r)) = decode(Action::DomainCheck, &env) else {
        panic!("domain/check did not decode");
    };
    assert!(r.domains[0].available);
    assert!(!r.domains[0].premium);
    assert_eq!(r.domains[0].price, 12.5);
}

#[test]
fn an_empty_string_is_an_absent_date() {
    // The manual's own example: a domain being registered has no expiry date yet.
    let env = example(Action::DomainCreate);
    assert_eq!(env["responseData"]["domains"][0]["tsExpir"], "");
    let Ok(AnyResponse::DomainCreate(r)) = decode(Action::DomainCreate, &env) else {
        panic!("domain/create did not decode");
    };
    assert_eq!(r.domains[0].ts_expir, None);

    let mut env = env;
    env["responseData"]["domains"][0]["tsExpir"] = json!("2031-05-14");
    let Ok(AnyResponse::DomainCreate(r)) = decode(Action::DomainCreate, &env) else {
        panic!("domain/create did not decode");
    };
    assert_eq!(
        r.domains[0].ts_expir,
        chrono::NaiveDate::from_ymd_opt(2031, 5, 14)
    );
}

#[test]
fn a_comma_separated_string_is_a_list() {
    let mut env = example(Action::DomainCheckfortransfer);
    env["responseData"]["domains"][0]["transfermsg"] = json!("locked, no authcode");
    let Ok(AnyResponse::DomainCheckfortransfer(r)) = decode(Action::DomainCheckfortransfer, &env)
    else {
        panic!("domain/checkfortransfer did not decode");
    };
    assert_eq!(r.domains[0].transfermsg, ["locked", "no authcode"]);
}

#[test]
fn an_empty_array_stands_for_an_empty_object() {
    // PHP's json_encode writes an empty associative array as `[]`.
    let mut tried = 0;
    for action in Action::all() {
        for ex in action.info().examples {
            let mut env: Value = serde_json::from_str(ex.json).unwrap();
            if env["responseData"] != json!({}) {
                continue;
            }
            env["responseData"] = json!([]);
            tried += 1;
            if let Err(e) = decode(action, &env) {
                panic!("{action}: `[]` as responseData refused: {e}");
            }
        }
    }
    assert!(
        tried > 0,
        "no action with an empty responseData in the spec"
    );
}

#[test]
fn an_unreadable_value_names_the_action_and_the_field_and_keeps_the_body() {
    let mut env = example(Action::DomainCheck);
    env["responseData"]["domains"][0]["available"] = json!("perhaps");
    let err = decode(Action::DomainCheck, &env).unwrap_err();
    let shown = err.to_string();
    match err {
        Error::Decode {
            action, path, body, ..
        } => {
            assert_eq!(action, "domain/check");
            assert_eq!(path, "domains/0/available");
            assert!(body.contains("perhaps"));
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(shown.contains("domain/check"), "{shown}");
    assert!(shown.contains("domains/0/available"), "{shown}");
}

#[test]
fn an_unknown_enum_value_is_kept_leniently_and_refused_strictly() {
    let mut env = example(Action::DomainCreate);
    env["responseData"]["domains"][0]["status"] = json!("pending-something-new");
    let body = env.to_string();
    let Ok(AnyResponse::DomainCreate(r)) = decode_response(
        Action::DomainCreate,
        body.as_bytes(),
        &DecodeOptions::default(),
    ) else {
        panic!("domain/create did not decode leniently");
    };
    assert_eq!(r.domains[0].status.as_str(), "pending-something-new");
    let err = decode(Action::DomainCreate, &env).unwrap_err();
    assert!(err.to_string().contains("pending-something-new"), "{err}");
}
