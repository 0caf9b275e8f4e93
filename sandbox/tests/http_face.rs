//! The HTTP face as any client sees it: body encodings, methods, limits, slow clients,
//! control endpoints, scripted faults, random bodies and concurrent writers.

mod common;

use std::time::{Duration, Instant};

use common::{post, sandbox, send, PASSWORD, USER};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn multipart_and_urlencoded_bodies_get_the_same_answer() {
    let sandbox = sandbox();
    let url = sandbox.url();
    let form = reqwest::multipart::Form::new()
        .text("apiuser", USER)
        .text("apipasswd", PASSWORD)
        .text("output-format", "json")
        .text("domain", "example.com")
        .text("infoType", "nameservers");
    let multipart = send(
        reqwest::Client::new()
            .post(format!("{url}/domain/getinfo/"))
            .multipart(form),
    )
    .await;
    let urlencoded = post(
        &url,
        "domain/getinfo",
        &[
            ("output-format", "json"),
            ("domain", "example.com"),
            ("infoType", "nameservers"),
        ],
    )
    .await;
    assert_eq!(multipart.code(), 0, "{}", multipart.body);
    assert_eq!(multipart.json(), urlencoded.json());
    // Without the trailing slash too.
    let bare = send(
        reqwest::Client::new()
            .post(format!("{url}/domain/getinfo"))
            .form(&[
                ("apiuser", USER),
                ("apipasswd", PASSWORD),
                ("domain", "example.com"),
                ("infoType", "nameservers"),
            ]),
    )
    .await;
    assert_eq!(bare.json(), urlencoded.json());
}

#[tokio::test]
async fn curl_with_dash_f_works_unmodified() {
    let sandbox = sandbox();
    let out = std::process::Command::new("curl")
        .args(["-s", "-S", "--max-time", "10"])
        .args(["-F", &format!("apiuser={USER}")])
        .args(["-F", &format!("apipasswd={PASSWORD}")])
        .args(["-F", "domain=example.com,nobody-has-this.com"])
        .arg(format!("{}/domain/check/", sandbox.url()))
        .output()
        .expect("curl runs (it is on every machine of this project)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(body["success"], true, "{body}");
    assert_eq!(body["responseData"]["domains"][0]["available"], false);
    assert_eq!(body["responseData"]["domains"][1]["available"], true);
}

#[tokio::test]
async fn only_post_is_served_and_bodies_are_limited() {
    let sandbox = sandbox();
    let url = sandbox.url();
    let get = send(reqwest::Client::new().get(format!("{url}/tool/hello/"))).await;
    assert_eq!(get.status, 405);
    assert_eq!(get.json()["success"], false);
    let put = send(reqwest::Client::new().put(format!("{url}/_sandbox/reset/"))).await;
    assert_eq!(put.status, 405);

    // A body over the limit is refused as soon as its length is known; a raw socket reads the
    // answer without first trying to push all 2 MiB into a connection the server closes.
    let mut stream = tokio::net::TcpStream::connect(sandbox.addr())
        .await
        .expect("connect");
    stream
        .write_all(b"POST /tool/hello/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2097152\r\n\r\npadding=xxxx")
        .await
        .expect("write");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"success\":false"), "{answer}");

    let bad = send(
        reqwest::Client::new()
            .post(format!("{url}/tool/hello/"))
            .header("content-type", "multipart/form-data; boundary=XYZ")
            .body("--XYZ\r\nnot a part"),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["success"], false);

    let none = send(reqwest::Client::new().post(format!("{url}/tool/hello/"))).await;
    assert_eq!(none.code(), 200, "no credentials");
    let wrong = post(
        &url,
        "tool/hello",
        &[("apiuser", USER), ("apipasswd", "wrong")],
    )
    .await;
    assert_eq!(wrong.code(), 201);
    assert!(!wrong.body.contains("wrong"), "the password is not echoed");
}

#[tokio::test]
async fn a_stalled_client_blocks_nobody() {
    let sandbox = sandbox();
    // Announce a body and send a tenth of it, then hold the connection open.
    let mut stalled = tokio::net::TcpStream::connect(sandbox.addr())
        .await
        .expect("connect");
    stalled
        .write_all(
            b"POST /tool/hello/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\napiuser=al",
        )
        .await
        .expect("write");
    let started = Instant::now();
    for _ in 0..5 {
        let answer = post(&sandbox.url(), "tool/hello", &[]).await;
        assert_eq!(answer.code(), 0);
    }
    // Generous: the point is that nobody waits for the stalled client's 30 s timeout.
    assert!(started.elapsed() < Duration::from_secs(20));
    drop(stalled);
}

#[tokio::test]
async fn scripted_faults_over_http() {
    let sandbox = sandbox();
    let url = sandbox.url();
    let set = post(
        &url,
        "_sandbox/faults",
        &[
            ("action", "domain/check"),
            ("errorCode", "2004"),
            ("times", "2"),
        ],
    )
    .await;
    assert_eq!(set.code(), 0, "{}", set.body);
    for _ in 0..2 {
        let a = post(&url, "domain/check", &[("domain", "example.com")]).await;
        assert_eq!(a.code(), 2004);
    }
    let a = post(&url, "domain/check", &[("domain", "example.com")]).await;
    assert_eq!(a.code(), 0, "the fault is used up");

    post(
        &url,
        "_sandbox/faults",
        &[
            ("action", "tool/hello"),
            ("httpStatus", "503"),
            ("retryAfter", "7"),
        ],
    )
    .await;
    let a = post(&url, "tool/hello", &[]).await;
    assert_eq!(a.status, 503);
    assert_eq!(a.retry_after.as_deref(), Some("7"));

    post(
        &url,
        "_sandbox/faults",
        &[("action", "tool/hello"), ("body", "<html>gateway</html>")],
    )
    .await;
    let a = post(&url, "tool/hello", &[]).await;
    assert_eq!(a.body, "<html>gateway</html>");

    post(
        &url,
        "_sandbox/faults",
        &[("action", "tool/hello"), ("delayMs", "300")],
    )
    .await;
    let started = Instant::now();
    assert_eq!(post(&url, "tool/hello", &[]).await.code(), 0);
    assert!(started.elapsed() >= Duration::from_millis(300));

    // The typed client sees the injected API error with its code.
    sandbox
        .inject_fault(
            USER,
            "account/info",
            dondominio_sandbox::FaultKind::ErrorCode(1100),
            1,
        )
        .expect("inject");
    let client = sandbox.client(USER).expect("client");
    let err = client.account().info().await.expect_err("fault");
    assert_eq!(err.code().map(|c| c.code()), Some(1100));

    // Wrong credentials: 201, and nothing is scripted.
    let wrong = post(
        &url,
        "_sandbox/faults",
        &[
            ("apiuser", USER),
            ("apipasswd", "nope"),
            ("action", "tool/hello"),
            ("errorCode", "1"),
        ],
    )
    .await;
    assert_eq!(wrong.code(), 201);
    assert_eq!(post(&url, "tool/hello", &[]).await.code(), 0);
    // Two kinds at once, or none, are refused.
    for form in [
        &[
            ("action", "tool/hello"),
            ("errorCode", "1"),
            ("delayMs", "1"),
        ][..],
        &[("action", "tool/hello")][..],
        &[("action", "no/such"), ("errorCode", "1")][..],
    ] {
        assert_eq!(post(&url, "_sandbox/faults", form).await.code(), 105);
    }
}

#[tokio::test]
async fn reset_brings_the_account_back_to_its_seed() {
    let sandbox = sandbox();
    let url = sandbox.url();
    let seed = sandbox.account(USER).expect("account");
    let client = sandbox.client(USER).expect("client");
    client
        .domain()
        .create(
            "gone-after-reset.com",
            dondominio::types::Contact::Id("SBX-1001".into()),
        )
        .await
        .expect("create");
    post(&url, "_sandbox/clock", &[("days", "3")]).await;
    assert_ne!(sandbox.account(USER).expect("account"), seed);
    let reset = post(&url, "_sandbox/reset", &[]).await;
    assert_eq!(reset.code(), 0, "{}", reset.body);
    assert_eq!(sandbox.account(USER).expect("account"), seed);
    let state = post(&url, "_sandbox/state", &[]).await;
    assert_eq!(state.json()["responseData"]["balance"], 1000.0);
}

/// A small deterministic generator, so a failing case can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "",
            "x",
            "0",
            "-1",
            "99999999999999999999",
            "example.com",
            "SBX-1001",
            "true",
            "a,b,,c",
            "%",
            "&",
            "=",
            "\u{0}",
            "ñ",
            "2024-02-30",
            "+34.600",
            "[]",
            "{}",
            "W10=",
        ];
        let mut s = String::new();
        for _ in 0..self.below(4) {
            s.push_str(PIECES[self.below(PIECES.len())]);
        }
        s
    }
}

#[tokio::test]
async fn random_bodies_never_break_the_sandbox() {
    let sandbox = sandbox();
    let url = sandbox.url();
    let http = reqwest::Client::new();
    let actions: Vec<&str> = dondominio::Action::all()
        .iter()
        .map(|a| a.info().path)
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..400 {
        let action = actions[rng.below(actions.len())];
        let info = dondominio::Action::from_name(action)
            .expect("action")
            .info();
        let mut form = vec![
            ("apiuser".to_owned(), USER.to_owned()),
            ("apipasswd".to_owned(), PASSWORD.to_owned()),
        ];
        for _ in 0..rng.below(8) {
            let key = if rng.below(4) == 0 || info.params.is_empty() {
                rng.text()
            } else {
                info.params[rng.below(info.params.len())]
                    .name
                    .replace("{n}", &rng.below(3).to_string())
            };
            form.push((key, rng.text()));
        }
        let body = if rng.below(5) == 0 {
            // Raw bytes, not a form at all.
            (0..rng.below(200))
                .map(|_| (rng.next() & 0xff) as u8)
                .collect::<Vec<u8>>()
        } else {
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&form)
                .finish()
                .into_bytes()
        };
        let response = http
            .post(format!("{url}/{action}/"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("case {case} ({action}): no answer: {e}"));
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let json: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("case {case} ({action}): not JSON ({e}): {text}"));
        assert!(
            status == 200,
            "case {case} ({action}): HTTP {status}: {text}"
        );
        assert!(json["success"].is_boolean(), "case {case}: {text}");
    }
    assert_eq!(
        post(&url, "tool/hello", &[]).await.code(),
        0,
        "still serving"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_concurrent_writers_lose_no_update() {
    let sandbox = sandbox();
    let before = sandbox.account(USER).expect("account").contacts.len();
    let mut tasks = Vec::new();
    for i in 0..64 {
        let client = sandbox.client(USER).expect("client");
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for j in 0..4 {
                let created = client
                    .contact()
                    .create(dondominio::types::ContactData {
                        kind: dondominio::types::ContactType::Individual,
                        first_name: format!("Writer{i}"),
                        last_name: format!("Number{j}"),
                        org_name: None,
                        org_type: None,
                        ident_number: format!("ID{i}-{j}"),
                        email: format!("w{i}.{j}@example.org"),
                        phone: "+34.600000000".into(),
                        fax: None,
                        address: "Street 1".into(),
                        postal_code: "08001".into(),
                        city: "Barcelona".into(),
                        state: "Barcelona".into(),
                        country: "ES".into(),
                    })
                    .await
                    .expect("create");
                ids.push(created.contact_id);
            }
            ids
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.extend(t.await.expect("task"));
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 256, "every write got its own ID");
    let after = sandbox.account(USER).expect("account");
    assert_eq!(after.contacts.len(), before + 256, "every write was kept");
}

#[tokio::test]
async fn a_raw_socket_client_gets_an_envelope_for_garbage() {
    let sandbox = sandbox();
    let mut stream = tokio::net::TcpStream::connect(sandbox.addr())
        .await
        .expect("connect");
    stream
        .write_all(b"POST /domain/check HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n\xff\xfe\x00&=")
        .await
        .expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.contains("\"errorCode\":200"),
        "no credentials: {answer}"
    );
}
