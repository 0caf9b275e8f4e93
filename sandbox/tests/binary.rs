//! The `dondominio-sandbox` binary as other tools start it: its contract, seeds, and a state
//! file that survives a kill, also one in the middle of concurrent writes.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::post;

const BIN: &str = env!("CARGO_BIN_EXE_dondominio-sandbox");

/// A running binary and its base URL (its first stdout line).
struct Running {
    child: Child,
    url: String,
}

impl Running {
    fn start(args: &[&str]) -> Running {
        let mut child = Command::new(BIN)
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("first line");
        let url = line.trim().to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "first line: {line:?}");
        Running { child, url }
    }

    /// SIGKILL: no chance to save anything more.
    fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then the exit status.
    fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -TERM");
        self.child.wait().expect("exits")
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("dondominio-sandbox-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

async fn post_as(
    url: &str,
    user: &str,
    password: &str,
    path: &str,
    form: &[(&str, &str)],
) -> serde_json::Value {
    let mut all = vec![("apiuser", user), ("apipasswd", password)];
    all.extend_from_slice(form);
    post(url, path, &all).await.json()
}

#[tokio::test]
async fn the_state_file_survives_a_kill() {
    let dir = temp_dir("state");
    let state = dir.join("state.json");
    let state_arg = state.to_str().expect("utf-8 path");
    let first = Running::start(&["--account", "kim:kim-pw", "--state", state_arg]);
    let created = post_as(
        &first.url,
        "kim",
        "kim-pw",
        "domain/create",
        &[("domain", "survivor.com"), ("ownerContactID", "SBX-1001")],
    )
    .await;
    assert_eq!(created["success"], true, "{created}");
    // Acknowledged, then killed at once: the registration must be on disk.
    first.kill();
    let second = Running::start(&["--state", state_arg]);
    let info = post_as(
        &second.url,
        "kim",
        "kim-pw",
        "domain/getinfo",
        &[("domain", "survivor.com")],
    )
    .await;
    assert_eq!(info["success"], true, "{info}");
    let status = second.terminate();
    assert!(status.success(), "SIGTERM stops cleanly: {status:?}");
    assert!(
        !Path::new(&format!("{state_arg}.tmp")).exists(),
        "no temporary file left"
    );
}

/// SIGKILL while 16 clients register domains: after a restart, every registration that was
/// answered is there, and none is there half (each charged once: balance and domains agree).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_kill_under_concurrent_writers_loses_no_acknowledged_write() {
    let dir = temp_dir("kill-writers");
    let seed = dir.join("seed.yaml");
    std::fs::write(
        &seed,
        "accounts:\n  kw:\n    password: kw-pw\n    data:\n      balance: 1000000\n      contacts:\n        C-1: { type: individual, firstName: Kim, lastName: Woo, identNumber: \"X1\", email: kim@example.org, phone: \"+82.212345678\", address: Road 1, postalCode: \"04524\", city: Seoul, state: Seoul, country: KR }\n",
    )
    .expect("seed");
    let state = dir.join("state.sqlite");
    let (seed_arg, state_arg) = (
        seed.to_str().expect("utf-8 path"),
        state.to_str().expect("utf-8 path"),
    );
    let first = Running::start(&["--seed", seed_arg, "--state", state_arg]);
    let acked = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let http = reqwest::Client::new();
    let mut writers = Vec::new();
    for w in 0..16 {
        let (acked, http, url) = (acked.clone(), http.clone(), first.url.clone());
        writers.push(tokio::spawn(async move {
            for i in 0..400 {
                let name = format!("kill-{w}-{i}.com");
                let form = [
                    ("apiuser", "kw"),
                    ("apipasswd", "kw-pw"),
                    ("domain", name.as_str()),
                    ("ownerContactID", "C-1"),
                ];
                let body = form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(form)
                    .finish();
                let sent = http
                    .post(format!("{url}/domain/create/"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await;
                // The server is gone: this writer stops.
                let Ok(answer) = sent else { return };
                let Ok(bytes) = answer.bytes().await else {
                    return;
                };
                let body: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
                assert_eq!(body["success"], true, "{body}");
                acked.lock().expect("lock").push(name);
            }
        }));
    }
    // Killed in the middle of the writes (bounded: the writers stop by themselves).
    for _ in 0..2000 {
        if acked.lock().expect("lock").len() >= 150 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    first.kill();
    for w in writers {
        w.await.expect("writer");
    }
    let acked = acked.lock().expect("lock").clone();
    assert!(acked.len() >= 150, "the kill came during the writes");
    let second = Running::start(&["--state", state_arg]);
    let account = post_as(&second.url, "kw", "kw-pw", "_sandbox/state", &[]).await;
    let data = &account["responseData"];
    let domains = data["domains"].as_object().expect("domains");
    for name in &acked {
        assert!(
            domains.contains_key(name),
            "{name} was answered, and is kept"
        );
    }
    let price = dondominio_sandbox::seed::catalog().zones["com"].create;
    let balance = data["balance"].as_f64().expect("balance");
    let charged = 1_000_000.0 - balance;
    assert!(
        (charged - price * domains.len() as f64).abs() < 1e-6,
        "each kept domain charged once, and nothing charged for one not kept: {charged} for {}",
        domains.len()
    );
}

#[test]
fn an_unreadable_state_file_is_an_error_and_is_left_untouched() {
    let dir = temp_dir("bad-state");
    let state = dir.join("state.json");
    std::fs::write(&state, "{ not json").expect("write");
    let out = Command::new(BIN)
        .args(["--state", state.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("state.json"), "names the file: {stderr}");
    assert_eq!(std::fs::read_to_string(&state).expect("read"), "{ not json");
}

#[tokio::test]
async fn seed_files_in_yaml_and_json() {
    let dir = temp_dir("seed");
    let yaml = dir.join("seed.yaml");
    std::fs::write(
        &yaml,
        "accounts:\n  lee:\n    password: lee-pw\n    data:\n      balance: 42.5\n      contacts:\n        C-1: { type: individual, firstName: Lee, lastName: Park, identNumber: \"X1\", email: lee@example.org, phone: \"+82.212345678\", address: Road 1, postalCode: \"04524\", city: Seoul, state: Seoul, country: KR }\n",
    )
    .expect("write");
    let running = Running::start(&["--seed", yaml.to_str().expect("utf-8")]);
    let info = post_as(&running.url, "lee", "lee-pw", "account/info", &[]).await;
    assert_eq!(info["responseData"]["balance"], 42.5, "{info}");
    let contact = post_as(
        &running.url,
        "lee",
        "lee-pw",
        "contact/getinfo",
        &[("contactID", "C-1")],
    )
    .await;
    assert_eq!(contact["responseData"]["firstName"], "Lee", "{contact}");
    drop(running);

    let json = dir.join("seed.json");
    std::fs::write(&json, r#"{"accounts": {"max": {"password": "max-pw"}}}"#).expect("write");
    let running = Running::start(&["--seed", json.to_str().expect("utf-8"), "--empty"]);
    let list = post_as(&running.url, "max", "max-pw", "domain/list", &[]).await;
    assert_eq!(list["responseData"]["queryInfo"]["total"], 0, "{list}");
    drop(running);

    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, "accounts:\n  x:\n    pasword: typo\n").expect("write");
    let out = Command::new(BIN)
        .args(["--seed", broken.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.yaml:3"),
        "names file and line: {stderr}"
    );
    assert!(stderr.contains("pasword"), "names the bad key: {stderr}");
}

#[tokio::test]
async fn accounts_from_the_command_line_and_the_default_one() {
    let running = Running::start(&["--account", "a:pw-a", "--account", "b:pw-b", "--empty"]);
    for (user, pw) in [("a", "pw-a"), ("b", "pw-b")] {
        let hello = post_as(&running.url, user, pw, "tool/hello", &[]).await;
        assert_eq!(hello["success"], true);
    }
    let default = post_as(&running.url, "sandbox", "sandbox", "tool/hello", &[]).await;
    assert_eq!(
        default["errorCode"], 201,
        "no default account when accounts are given"
    );
    drop(running);

    let running = Running::start(&[]);
    let default = post_as(
        &running.url,
        "sandbox",
        "sandbox",
        "domain/getinfo",
        &[("domain", "example.com")],
    )
    .await;
    assert_eq!(
        default["success"], true,
        "the demo data set has example.com: {default}"
    );

    let bad = Command::new(BIN)
        .args(["--account", "nocolon"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}
