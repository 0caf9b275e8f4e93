//! The generated subcommands and the call options, through the binary, against the embedded
//! server or a recording server on loopback written here.

use std::io::Read;
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use assert_cmd::Command;
use dondominio::meta::WireType;
use dondominio::Action;
use heck::ToKebabCase;
use predicates::prelude::*;
use serde_json::{json, Value};

const USER: &str = "test-user";
const PASSWORD: &str = "s3cret-Pa55word";

type Form = Vec<(String, String)>;

/// A loopback HTTP server that records every request (path and form) and answers with `answer`.
struct Recorder {
    url: String,
    requests: Arc<Mutex<Vec<(String, Form)>>>,
    server: Arc<tiny_http::Server>,
}

impl Recorder {
    fn start(answer: impl Fn(&str, &Form) -> String + Send + 'static) -> Recorder {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind loopback"));
        let addr = server.server_addr().to_ip().expect("an IP address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (srv, reqs) = (server.clone(), requests.clone());
        std::thread::spawn(move || {
            for mut request in srv.incoming_requests() {
                let path = request.url().trim_matches('/').to_owned();
                let mut body = Vec::new();
                let _ = request.as_reader().read_to_end(&mut body);
                let form: Form = form_urlencoded::parse(&body)
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                let text = answer(&path, &form);
                reqs.lock().expect("lock").push((path, form));
                let _ = request.respond(tiny_http::Response::from_string(text));
            }
        });
        Recorder {
            url: format!("http://{addr}"),
            requests,
            server,
        }
    }

    /// Answers every action with the first response example of the spec.
    fn with_examples() -> Recorder {
        Recorder::start(|path, _| {
            Action::from_name(path)
                .and_then(|a| a.info().example(None))
                .map_or_else(String::new, |e| e.json.to_owned())
        })
    }

    fn requests(&self) -> Vec<(String, Form)> {
        self.requests.lock().expect("lock").clone()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn get<'a>(form: &'a Form, key: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// The binary without credentials (so calls go to the embedded server).
fn bare() -> Command {
    let mut cmd = Command::cargo_bin("dondominio").expect("the binary");
    cmd.env_remove("DONDOMINIO_API_USER")
        .env_remove("DONDOMINIO_API_PASSWD")
        .write_stdin("");
    cmd
}

/// The binary with credentials, running `args` against `server`.
fn aimed<S: AsRef<std::ffi::OsStr>>(
    server: &Recorder,
    args: impl IntoIterator<Item = S>,
) -> Command {
    let mut cmd = bare();
    cmd.env("DONDOMINIO_API_USER", USER)
        .env("DONDOMINIO_API_PASSWD", PASSWORD)
        .args(args)
        .args(["--base-url", &server.url]);
    cmd
}

fn stdout_json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn help_of_every_action_lists_its_parameters_and_marks_the_required_ones() {
    for action in Action::all() {
        let info = action.info();
        let out = bare()
            .args([info.module, info.name, "--help"])
            .output()
            .expect("run");
        assert!(out.status.success(), "{action}");
        let help = String::from_utf8_lossy(&out.stdout);
        for p in info.params {
            assert!(
                help.contains(&format!("Wire key `{}`", p.name.replace("{n}", "<n>"))),
                "{action}: {} not in help:\n{help}",
                p.name
            );
        }
        let required = info.params.iter().filter(|p| p.required).count();
        assert_eq!(
            help.matches("[required]").count(),
            required,
            "{action}:\n{help}"
        );
    }
}

#[test]
fn help_shows_types_enum_values_descriptions_and_rust_names() {
    bare()
        .args(["domain", "create", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "--owner-contact-first-name <TEXT>",
        ))
        .stdout(predicate::str::contains(
            "[required] Domain name to register.",
        ))
        .stdout(predicate::str::contains(
            "[possible values: individual, organization]",
        ))
        .stdout(predicate::str::contains(
            "`owner_contact` → `Contact::Data` → `ContactData::first_name`",
        ))
        .stdout(predicate::str::contains("costs money"));
}

#[test]
fn an_unknown_parameter_is_refused_with_a_suggestion_and_nothing_is_sent() {
    let server = Recorder::with_examples();
    aimed(&server, ["call", "domain/check", "domian=example.com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown parameter `domian`"))
        .stderr(predicate::str::contains("did you mean `domain`?"));
    aimed(&server, ["domain", "check", "--domian", "example.com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--domain"));
    assert!(server.requests().is_empty());
}

#[test]
fn enum_values_are_matched_in_any_case_and_sent_in_the_spec_spelling() {
    let server = Recorder::with_examples();
    aimed(&server, ["domain", "list", "--status", "ACTIVE"])
        .assert()
        .success();
    aimed(&server, ["call", "domain/list", "status=Active"])
        .assert()
        .success();
    let sent: Vec<String> = server
        .requests()
        .iter()
        .filter_map(|(_, f)| get(f, "status").map(str::to_owned))
        .collect();
    assert_eq!(sent, ["active", "active"]);
    // A value that matches nothing lists the valid ones.
    aimed(&server, ["call", "domain/list", "status=alive"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`alive` is not a valid value"))
        .stderr(predicate::str::contains("register-init"));
    assert_eq!(server.requests().len(), 2);
}

/// Seven contacts, served `pageLength` at a time, each named after its position.
fn paging_server() -> Recorder {
    Recorder::start(|path, form| {
        let page: usize = get(form, "page").and_then(|p| p.parse().ok()).unwrap_or(1);
        let len: usize = get(form, "pageLength")
            .and_then(|p| p.parse().ok())
            .unwrap_or(3);
        let contacts: Vec<Value> = (1..=7)
            .skip((page - 1) * len)
            .take(len)
            .map(|i| {
                json!({"contactID": format!("C-{i}"), "contactType": "individual",
                    "contactName": format!("Person {i}"), "identNumber": "X", "email": "a@b.c",
                    "country": "ES", "verificationstatus": "verified", "daaccepted": true})
            })
            .collect();
        json!({"success": true, "errorCode": 0, "errorCodeMsg": "", "action": path,
            "version": dondominio::API_VERSION, "messages": [],
            "responseData": {"queryInfo": {"page": page, "pageLength": len,
                "results": contacts.len(), "total": 7}, "contacts": contacts}})
        .to_string()
    })
}

#[test]
fn all_walks_every_page_in_order() {
    let server = paging_server();
    let out = aimed(&server, ["contact", "list", "--all", "--page-length", "3"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = stdout_json(&out);
    let ids: Vec<&str> = v["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .filter_map(|c| c["contactID"].as_str())
        .collect();
    assert_eq!(ids, ["C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7"]);
    let pages: Vec<String> = server
        .requests()
        .iter()
        .map(|(_, f)| get(f, "page").unwrap_or("").to_owned())
        .collect();
    assert_eq!(pages, ["1", "2", "3"]);
    // Not a terminal: no progress lines.
    assert!(!String::from_utf8_lossy(&out.stderr).contains("page "));
}

#[test]
fn all_against_the_embedded_server_collects_as_many_items_as_the_total() {
    // The embedded sandbox's demo data set has two contacts: one per page, `--all` must ask
    // twice and hold both.
    let out = bare()
        .args(["contact", "list", "--all", "--page-length", "1"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = stdout_json(&out);
    let total = v["queryInfo"]["total"].as_u64().expect("total");
    assert!(total >= 2, "the demo data should need several pages");
    assert_eq!(v["contacts"].as_array().map(Vec::len), Some(total as usize));
}

#[test]
fn all_is_refused_for_an_action_that_is_not_paged() {
    bare()
        .args(["domain", "check", "--domain", "example.com", "--all"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a paged listing"));
}

#[test]
fn table_output_has_a_row_per_item_and_a_column_per_scalar_field() {
    let server = paging_server();
    let out = aimed(&server, ["contact", "list", "--all", "--output", "table"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + 7, "{text}");
    assert!(
        lines[0].contains("contactID") && lines[0].contains("daaccepted"),
        "{text}"
    );
    assert!(
        lines[2].contains("C-1") && lines[8].contains("C-7"),
        "{text}"
    );
}

#[test]
fn dry_run_prints_the_request_with_the_password_redacted_and_sends_nothing() {
    let server = Recorder::with_examples();
    let out = aimed(
        &server,
        ["domain", "check", "--domain", "example.com", "--dry-run"],
    )
    .output()
    .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("POST {}/domain/check/", server.url)),
        "{text}"
    );
    assert!(text.contains(&format!("apiuser={USER}")), "{text}");
    assert!(text.contains("apipasswd=<redacted>"), "{text}");
    assert!(text.contains("domain=example.com"), "{text}");
    let all = format!("{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains(PASSWORD), "{all}");
    // As JSON too.
    let out = aimed(
        &server,
        [
            "call",
            "domain/check",
            "domain=example.com",
            "--dry-run",
            "-o",
            "json",
        ],
    )
    .output()
    .expect("run");
    let v = stdout_json(&out);
    assert_eq!(v["form"][1], json!(["apipasswd", "<redacted>"]));
    assert!(!String::from_utf8_lossy(&out.stdout).contains(PASSWORD));
    assert!(server.requests().is_empty());
}

/// A value of this type that passes the client's checks; `i` varies text.
fn sample(ty: &WireType, i: usize) -> String {
    match ty {
        WireType::String => format!("v{i}.example.com"),
        WireType::Integer => i.to_string(),
        WireType::Float => "1.5".into(),
        WireType::Boolean => "true".into(),
        WireType::Date => "2024-01-31".into(),
        WireType::DateTime => "2024-01-31 10:00:00".into(),
        WireType::Json => "{}".into(),
        WireType::Base64Json => "e30=".into(),
        WireType::Enum(values) => values
            .get(i % values.len().max(1))
            .copied()
            .unwrap_or("")
            .into(),
        WireType::Csv(inner) => sample(inner, i),
    }
}

#[test]
fn numbered_keys_are_a_repeatable_flag() {
    // Every action with numbered keys (`alt_name_{n}`: ssl/create and its kin in 1.0.20; 1.0.4
    // has none): each flag given twice is sent as key 1 and key 2. Required keys, and the IDs
    // of contacts (which one-of rules ask for), get a value of their type.
    let server = Recorder::with_examples();
    let mut sent = 0;
    let mut expected = 0;
    for action in Action::all() {
        let info = action.info();
        let numbered: Vec<_> = info
            .params
            .iter()
            .filter(|p| p.name.contains("{n}"))
            .collect();
        if numbered.is_empty() {
            continue;
        }
        expected += 1;
        let mut args = vec![
            info.module.to_owned(),
            info.name.to_owned(),
            "--dry-run".into(),
        ];
        for p in info
            .params
            .iter()
            .filter(|p| p.required || p.name.ends_with("ContactID"))
        {
            args.push(format!("--{}", p.name.to_kebab_case()));
            args.push(sample(&p.ty, 0));
        }
        for p in &numbered {
            for i in 1..=2 {
                args.push(format!("--{}", p.name.replace("{n}", "").to_kebab_case()));
                args.push(sample(&p.ty, i));
            }
        }
        let out = aimed(&server, &args).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for p in &numbered {
            for i in 1..=2 {
                let line = format!(
                    "{}={}",
                    p.name.replace("{n}", &i.to_string()),
                    sample(&p.ty, i)
                );
                assert!(text.contains(&line), "{line} in {text}");
            }
        }
        sent += 1;
    }
    assert_eq!(sent, expected);
    assert!(server.requests().is_empty());
}

#[test]
fn a_billable_action_needs_yes_when_stdin_is_not_a_terminal() {
    let server = Recorder::with_examples();
    let args = [
        "domain",
        "create",
        "--domain",
        "example.com",
        "--owner-contact-id",
        "X-1",
    ];
    aimed(&server, args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("costs money"))
        .stderr(predicate::str::contains("--yes"));
    assert!(server.requests().is_empty());
    aimed(&server, args).arg("--yes").assert().success();
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn base_url_without_credentials_is_an_error() {
    let server = Recorder::with_examples();
    bare()
        .args(["call", "domain/check", "domain=example.com"])
        .args(["--base-url", &server.url])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--base-url needs credentials"))
        .stderr(predicate::str::contains("DONDOMINIO_API_USER"));
    assert!(server.requests().is_empty());
}

#[test]
fn without_credentials_the_embedded_server_is_used_and_announced() {
    bare()
        .args(["domain", "check", "--domain", "example.com"])
        .assert()
        .success()
        .stderr(predicate::str::contains("using the embedded"))
        .stdout(predicate::str::contains("\"domains\""));
}

#[test]
fn a_missing_parameter_names_the_wire_key_and_the_rust_item() {
    bare()
        .args([
            "domain",
            "create",
            "--domain",
            "example.com",
            "--owner-contact-type",
            "individual",
            "--yes",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`ownerContactFirstName`"))
        .stderr(predicate::str::contains("`ContactData::first_name`"));
}

#[test]
fn server_text_is_sanitized_before_it_reaches_the_terminal() {
    let server = Recorder::start(|path, _| {
        json!({"success": false, "errorCode": 1000, "errorCodeMsg": "bad\u{1b}]0;pwned\u{7}",
            "action": path, "version": "1.0.20",
            "messages": ["line\rover", "csi\u{9b}2J", "\u{1b}[31mred"], "responseData": []})
        .to_string()
    });
    let out = aimed(&server, ["tool", "hello"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.chars()
            .any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\r' | '\u{9b}')),
        "{err:?}"
    );
    assert!(
        err.contains("\\u{1b}]0;pwned\\u{7}") && err.contains("\\u{9b}"),
        "{err}"
    );
}

#[test]
fn timeout_gives_up_on_a_slow_server() {
    let server = Recorder::start(|_, _| {
        std::thread::sleep(std::time::Duration::from_secs(5));
        String::new()
    });
    // A write action: never retried, so one attempt.
    aimed(
        &server,
        [
            "contact",
            "resendverificationmail",
            "--contact-id",
            "X-1",
            "--timeout",
            "0.3",
        ],
    )
    .assert()
    .code(1)
    .stderr(predicate::str::contains("timed out"));
    bare()
        .args(["tool", "hello", "--timeout", "soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("seconds"));
}

/// A server on loopback that accepts every connection and never writes a byte, until dropped.
struct Silent {
    url: String,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl Silent {
    fn start() -> Silent {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("non-blocking");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => held.push(stream),
                    Err(_) => std::thread::sleep(std::time::Duration::from_millis(10)),
                }
            }
        });
        Silent { url, stop }
    }
}

impl Drop for Silent {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

#[test]
fn timeout_limits_the_whole_call_retries_included() {
    // tool/hello is a read action: a timed-out attempt would be retried (twice) if the limit
    // were per attempt; as the limit of the call, it ends the call.
    let server = Silent::start();
    let started = std::time::Instant::now();
    let out = bare()
        .env("DONDOMINIO_API_USER", USER)
        .env("DONDOMINIO_API_PASSWD", PASSWORD)
        .args([
            "call",
            "tool/hello",
            "--timeout",
            "2",
            "--base-url",
            &server.url,
        ])
        .output()
        .expect("run");
    let elapsed = started.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("tool/hello: timed out"), "{err}");
    // Generous slack for a loaded machine; three attempts of 2 s would pass 6 s.
    assert!(
        elapsed < std::time::Duration::from_secs(6),
        "{elapsed:?}: {err}"
    );
}

#[test]
fn timeout_help_says_it_limits_the_whole_call() {
    for args in [&["call", "--help"][..], &["tool", "hello", "--help"]] {
        bare()
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "Limit of the whole call in seconds",
            ));
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    // The reader goes away at once, before the list is written.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dondominio"))
        .arg("actions")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // The reader takes a little, then goes away (`| head -c 100`) in the middle of a long output.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dondominio"))
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut head = [0u8; 100];
    child
        .stdout
        .as_mut()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("the start of the script");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn completions_print_a_script_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef dondominio"),
        ("fish", "complete -c dondominio"),
    ] {
        bare()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker))
            .stdout(predicate::str::contains("owner-contact-first-name"));
    }
}

/// A pseudo-terminal: what the command sees as its terminal, and what a user would type and see.
#[cfg(unix)]
struct Pty {
    master: std::fs::File,
    slave_path: std::path::PathBuf,
}

#[cfg(unix)]
impl Pty {
    fn open() -> Pty {
        use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        Pty {
            master: std::fs::File::from(master),
            slave_path: std::path::PathBuf::from(name.to_string_lossy().into_owned()),
        }
    }

    fn slave(&self) -> Stdio {
        let f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.slave_path)
            .expect("open the terminal");
        Stdio::from(f)
    }

    /// Everything the command shows on the terminal until it closes it.
    fn read_all(self) -> std::thread::JoinHandle<String> {
        let mut master = self.master;
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            let mut buf = [0u8; 4096];
            // Ends with EIO once the last holder of the terminal exits.
            while let Ok(n) = master.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.extend_from_slice(&buf[..n]);
            }
            String::from_utf8_lossy(&seen).into_owned()
        })
    }
}

/// Runs `args` against `server` with stdin and stderr on a terminal that receives `typed`.
#[cfg(unix)]
fn on_a_terminal(server: &Recorder, args: &[&str], typed: &str) -> (Option<i32>, String, String) {
    use std::io::Write;
    let pty = Pty::open();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dondominio"))
        .args(args)
        .args(["--base-url", &server.url])
        .env("DONDOMINIO_API_USER", USER)
        .env("DONDOMINIO_API_PASSWD", PASSWORD)
        .stdin(pty.slave())
        .stderr(pty.slave())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    (&pty.master).write_all(typed.as_bytes()).expect("type");
    let screen = pty.read_all();
    let out = child.wait_with_output().expect("wait");
    let screen = screen.join().expect("reader");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        screen,
    )
}

#[cfg(unix)]
#[test]
fn a_billable_action_asks_on_a_terminal() {
    let server = Recorder::with_examples();
    let args = [
        "domain",
        "create",
        "--domain",
        "example.com",
        "--owner-contact-id",
        "X-1",
    ];
    let (code, _, screen) = on_a_terminal(&server, &args, "n\n");
    assert_eq!(code, Some(1), "{screen}");
    assert!(screen.contains("costs money. Go ahead? [y/N]"), "{screen}");
    assert!(screen.contains("not confirmed; nothing sent"), "{screen}");
    assert!(server.requests().is_empty());
    let (code, stdout, screen) = on_a_terminal(&server, &args, "y\n");
    assert_eq!(code, Some(0), "{screen}");
    assert!(stdout.contains("\"domains\""), "{stdout}");
    assert_eq!(server.requests().len(), 1);
}

#[cfg(unix)]
#[test]
fn all_shows_progress_when_stderr_is_a_terminal() {
    let server = paging_server();
    let (code, stdout, screen) = on_a_terminal(
        &server,
        &["contact", "list", "--all", "--page-length", "3"],
        "",
    );
    assert_eq!(code, Some(0), "{screen}");
    assert!(screen.contains("page 1: 3 items of 7"), "{screen}");
    assert!(screen.contains("page 3: 7 items of 7"), "{screen}");
    // Progress stays off stdout, which holds only the JSON.
    assert!(!stdout.contains("page 1"), "{stdout}");
    assert_eq!(
        stdout_json_text(&stdout)["contacts"]
            .as_array()
            .map(Vec::len),
        Some(7)
    );
}

#[cfg(unix)]
fn stdout_json_text(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}
