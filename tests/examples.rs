//! Every response example of the spec decodes strictly into its typed response.

use dondominio::{decode_response, Action, DecodeOptions};

#[test]
fn every_example_decodes_strictly() {
    let mut failures = Vec::new();
    let mut count = 0;
    for action in Action::all() {
        for example in action.info().examples {
            count += 1;
            let options = DecodeOptions {
                strict: true,
                variant: example.variant.map(str::to_owned),
            };
            if let Err(e) = decode_response(action, example.json.as_bytes(), &options) {
                failures.push(format!("{action} {:?}: {e}", example.variant));
            }
        }
    }
    assert!(count > 0);
    assert!(
        failures.is_empty(),
        "{} of {count} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_action_has_an_example_of_each_response_variant() {
    for action in Action::all() {
        let info = action.info();
        assert!(!info.examples.is_empty(), "{action} has no example");
        for v in info.variants {
            assert!(
                info.examples.iter().any(|e| e.variant == Some(*v)),
                "{action}: no example of variant {v}"
            );
        }
    }
}

#[test]
fn a_field_outside_the_spec_is_kept_leniently_and_refused_strictly() {
    let action = Action::all()[0];
    let example = action.info().examples[0].json;
    let mut env: serde_json::Value = serde_json::from_str(example).unwrap();
    env["responseData"]["zzUnknownField"] = serde_json::json!(42);
    let body = env.to_string();
    let lenient = decode_response(action, body.as_bytes(), &DecodeOptions::default()).unwrap();
    let shown = serde_json::to_value(&lenient).unwrap();
    assert_eq!(shown["zzUnknownField"], 42, "kept and shown again");
    let err = decode_response(
        action,
        body.as_bytes(),
        &DecodeOptions {
            strict: true,
            variant: None,
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("zzUnknownField"), "{err}");
}
