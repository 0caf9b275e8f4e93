//! The `dondominio` binary as a user runs it.

use std::process::{Command, Output};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dondominio"));
    cmd.args(args)
        .env_remove("DONDOMINIO_API_USER")
        .env_remove("DONDOMINIO_API_PASSWD");
    match stdin {
        None => cmd.output().unwrap(),
        Some(input) => {
            use std::io::Write;
            let mut child = cmd
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
            child.wait_with_output().unwrap()
        }
    }
}

fn first_example() -> (dondominio::Action, &'static str) {
    let action = dondominio::Action::all()[0];
    (action, action.info().examples[0].json)
}

#[test]
fn call_without_credentials_uses_the_embedded_sandbox() {
    let (action, example) = first_example();
    let out = run(&["call", action.name()], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("using the embedded"), "{stderr}");
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected: serde_json::Value = serde_json::from_str(example).unwrap();
    assert_eq!(printed, expected["responseData"]);
}

#[test]
fn call_with_a_missing_parameter_fails_with_its_name() {
    let action = dondominio::Action::all()
        .into_iter()
        .find(|a| a.info().params.iter().any(|p| p.required))
        .expect("an action with a required parameter");
    let param = action
        .info()
        .params
        .iter()
        .find(|p| p.required)
        .unwrap()
        .name;
    let out = run(&["call", action.name()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(param), "{stderr}");
}

#[test]
fn decode_strict_prints_the_typed_response() {
    let (action, example) = first_example();
    let out = run(&["decode", "--strict", action.name(), "-"], Some(example));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected: serde_json::Value = serde_json::from_str(example).unwrap();
    assert_eq!(printed, expected["responseData"]);
}

#[test]
fn decode_names_the_failing_field_and_exits_1() {
    let (action, example) = first_example();
    let mut env: serde_json::Value = serde_json::from_str(example).unwrap();
    env["responseData"]["zzNotInSpec"] = serde_json::json!(true);
    let out = run(
        &["decode", "--strict", action.name(), "-"],
        Some(&env.to_string()),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("zzNotInSpec"), "{stderr}");
    // Without --strict the unknown field is kept.
    let out = run(&["decode", action.name(), "-"], Some(&env.to_string()));
    assert!(out.status.success());
}

#[test]
fn unknown_actions_are_usage_errors() {
    let out = run(&["call", "tool/nosuchthing"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_example_decodes_strictly_with_the_cli() {
    let mut failures = Vec::new();
    for action in dondominio::Action::all() {
        for example in action.info().examples {
            let mut args = vec!["decode", "--strict", action.name(), "-"];
            if let Some(v) = example.variant {
                args.extend(["--variant", v]);
            }
            let out = run(&args, Some(example.json));
            if !out.status.success() {
                failures.push(format!(
                    "{action} {:?}: {}",
                    example.variant,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
