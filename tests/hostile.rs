//! The client against hostile or unlucky servers on loopback: redirects, URL tricks, huge
//! bodies, terminal escapes, "try again later" answers, silence. Every server here is a raw
//! HTTP/1.1 responder written in the test, so it can lie in ways a well-behaved server cannot.
//!
//! Each test checks that the password shows in no error text or Debug output it produces.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use dondominio::meta::Kind;
use dondominio::{Action, Client, Credentials, Error, UrlRule};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const USER: &str = "hostile-user";
/// Distinctive, and the same once form-encoded, so a search finds it in any form.
const PASSWORD: &str = "Zq9xHostilePassw0rdK7";

/// One request a server received.
#[derive(Debug, Clone)]
struct Seen {
    at: Instant,
    head: String,
    body: String,
}

/// What a server does with a request.
enum Reply {
    /// Writes these bytes, then closes.
    Raw(Vec<u8>),
    /// Writes this head, then streams zeros until the client hangs up.
    Endless(String),
    /// Keeps the connection open and never answers.
    Silent,
    /// Closes the connection without answering.
    Hangup,
}

struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    connections: Arc<AtomicUsize>,
}

impl Server {
    fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// A loopback server answering request number `n` (0-based) with `reply(n)`.
async fn serve(reply: impl Fn(usize) -> Reply + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let connections = Arc::new(AtomicUsize::new(0));
    let reply = Arc::new(reply);
    let (s, c) = (seen.clone(), connections.clone());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            c.fetch_add(1, Ordering::SeqCst);
            let (seen, reply) = (s.clone(), reply.clone());
            tokio::spawn(async move { handle(stream, seen, &*reply).await });
        }
    });
    Server {
        url,
        seen,
        connections,
    }
}

async fn handle(
    mut stream: TcpStream,
    seen: Arc<Mutex<Vec<Seen>>>,
    reply: &(dyn Fn(usize) -> Reply + Send + Sync),
) {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while data.len() < head_end + length {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    }
    let body = String::from_utf8_lossy(&data[head_end..]).into_owned();
    let n = {
        let mut seen = seen.lock().unwrap();
        seen.push(Seen {
            at: Instant::now(),
            head,
            body,
        });
        seen.len() - 1
    };
    match reply(n) {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Endless(head) => {
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let chunk = vec![b' '; 64 * 1024];
            while stream.write_all(&chunk).await.is_ok() {}
        }
        Reply::Silent => tokio::time::sleep(Duration::from_secs(60)).await,
        Reply::Hangup => drop(stream),
    }
}

fn http(status: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut out = format!("HTTP/1.1 {status}\r\nconnection: close\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
    Reply::Raw(out.into_bytes())
}

const OK_ENVELOPE: &str = r#"{"success":true,"errorCode":0,"errorCodeMsg":"","action":"x","version":"1","messages":[],"responseData":{}}"#;

fn ok() -> Reply {
    http(
        "200 OK",
        &[("content-type", "application/json")],
        OK_ENVELOPE,
    )
}

fn builder(url: &str) -> dondominio::ClientBuilder {
    Client::builder()
        .base_url(url)
        .credentials(Credentials::new(USER, PASSWORD))
        .min_interval(Duration::ZERO)
}

fn action_of(kind: Kind) -> Action {
    Action::all()
        .into_iter()
        .find(|a| a.info().kind == kind)
        .expect("an action of this kind")
}

async fn call(client: &Client, action: Action) -> Result<dondominio::Envelope, Error> {
    let result = client
        .call_raw(action, &common::valid_form(action.info()))
        .await;
    if let Err(e) = &result {
        assert_no_password(&e.to_string());
        assert_no_password(&format!("{e:?}"));
    }
    assert_no_password(&format!("{client:?}"));
    result
}

fn assert_no_password(text: &str) {
    assert!(!text.contains(PASSWORD), "the password leaked: {text}");
}

#[tokio::test]
async fn redirects_are_never_followed_and_the_other_host_gets_nothing() {
    let elsewhere = serve(|_| ok()).await;
    for kind in [Kind::Read, Kind::Billable] {
        for status in [301u16, 302, 303, 307, 308] {
            let location = format!("{}/steal/", elsewhere.url);
            let to = location.clone();
            let api = serve(move |_| {
                http(
                    &format!("{status} Moved"),
                    &[("location", &to)],
                    "moved elsewhere",
                )
            })
            .await;
            let client = builder(&api.url).read_retries(2).build().unwrap();
            match call(&client, action_of(kind)).await {
                Err(
                    ref e @ Error::Redirect {
                        status: s,
                        location: Some(ref l),
                        ..
                    },
                ) => {
                    assert_eq!(s, status);
                    assert_eq!(l, &location);
                    let shown = e.to_string();
                    assert!(shown.contains(&status.to_string()), "{shown}");
                    assert!(shown.contains(&location), "{shown}");
                }
                other => panic!("{kind:?} {status}: expected a redirect error, got {other:?}"),
            }
            assert_eq!(api.requests().len(), 1, "{kind:?} {status}: never retried");
            assert!(api.requests()[0].body.contains(PASSWORD));
        }
    }
    assert_eq!(elsewhere.connections.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn userinfo_and_other_url_tricks_are_refused_before_any_request() {
    // Anything listening on all interfaces: the userinfo trick aims at it.
    let everywhere = TcpListener::bind("0.0.0.0:0").await.unwrap();
    let port = everywhere.local_addr().unwrap().port();
    let refused = [
        (
            format!("http://localhost:1@0.0.0.0:{port}/"),
            UrlRule::Userinfo,
        ),
        (
            format!("http://127.0.0.1:1@0.0.0.0:{port}/"),
            UrlRule::Userinfo,
        ),
        (
            format!("http://me:{PASSWORD}@127.0.0.1:{port}/"),
            UrlRule::Userinfo,
        ),
        ("https://me@api.example.com/".into(), UrlRule::Userinfo),
        (
            format!("http://0.0.0.0:{port}/"),
            UrlRule::PlainHttpNotLoopback,
        ),
        (
            "http://127.0.0.1.nip.io/".into(),
            UrlRule::PlainHttpNotLoopback,
        ),
        (
            "http://localhost.example.com/".into(),
            UrlRule::PlainHttpNotLoopback,
        ),
        ("http://10.0.0.1/".into(), UrlRule::PlainHttpNotLoopback),
        (
            "http://[::ffff:127.0.0.1]/".into(),
            UrlRule::PlainHttpNotLoopback,
        ),
        (
            "http://api.example.com/".into(),
            UrlRule::PlainHttpNotLoopback,
        ),
        ("ftp://127.0.0.1/".into(), UrlRule::Scheme),
        ("file:///etc/passwd".into(), UrlRule::Scheme),
        ("https://api.example.com/?x=1".into(), UrlRule::Query),
        ("https://api.example.com/#top".into(), UrlRule::Fragment),
        ("not a url".into(), UrlRule::Malformed),
        ("127.0.0.1:8080".into(), UrlRule::Malformed),
        ("localhost:8080".into(), UrlRule::Scheme),
        ("https://".into(), UrlRule::Malformed),
    ];
    for (url, rule) in refused {
        match builder(&url).build() {
            Err(ref e @ Error::BaseUrl { rule: r, .. }) => {
                assert_eq!(r, rule, "{url}: {e}");
                let shown = e.to_string();
                assert!(shown.contains(rule.describe()), "{shown}");
                assert_no_password(&shown);
                assert_no_password(&format!("{e:?}"));
            }
            other => panic!("{url}: expected {rule:?}, got {other:?}"),
        }
    }
    for url in [
        "https://simple-api.dondominio.net",
        "http://127.0.0.1:1",
        "http://127.3.2.1:1/api/",
        "http://[::1]:1",
        "HTTP://LOCALHOST:1/prefix",
    ] {
        assert!(builder(url).build().is_ok(), "{url}");
    }
    // Nothing reached the listener on all interfaces.
    let waited = tokio::time::timeout(Duration::from_millis(100), everywhere.accept()).await;
    assert!(waited.is_err(), "a connection reached 0.0.0.0:{port}");
}

#[tokio::test]
async fn a_backslash_in_the_authority_cannot_move_the_host() {
    // WHATWG parsing reads `\` as `/` for http: the host stays 127.0.0.1, and so does the request.
    let api = serve(|_| ok()).await;
    let url = format!("{}\\@evil.example/", api.url);
    let client = builder(&url).build().unwrap();
    assert!(
        client.base_url().starts_with(&api.url),
        "{}",
        client.base_url()
    );
    call(&client, action_of(Kind::Read)).await.unwrap();
    assert_eq!(api.requests().len(), 1);
}

#[tokio::test]
async fn building_without_credentials_is_refused() {
    let err = Client::builder()
        .base_url("http://127.0.0.1:1")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::MissingCredentials), "{err:?}");
    let err = Client::builder()
        .base_url("http://127.0.0.1:1")
        .credentials(Credentials::new(USER, ""))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::MissingCredentials), "{err:?}");
}

#[tokio::test]
async fn an_endless_body_is_cut_at_the_default_cap() {
    let api = serve(|_| {
        Reply::Endless(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n".into(),
        )
    })
    .await;
    let client = builder(&api.url).build().unwrap();
    match call(&client, action_of(Kind::Read)).await {
        Err(Error::TooLarge {
            limit,
            content_length: None,
            ..
        }) => assert_eq!(limit, 32 * 1024 * 1024),
        other => panic!("expected a size error, got {other:?}"),
    }
    assert_eq!(api.requests().len(), 1, "a size error is not retried");
}

#[tokio::test]
async fn the_cap_is_configurable_and_inclusive() {
    let api = serve(|_| ok()).await;
    let fits = builder(&api.url)
        .max_response_bytes(OK_ENVELOPE.len() as u64)
        .build()
        .unwrap();
    call(&fits, action_of(Kind::Read)).await.unwrap();
    let short = builder(&api.url)
        .max_response_bytes(OK_ENVELOPE.len() as u64 - 1)
        .build()
        .unwrap();
    let err = call(&short, action_of(Kind::Read)).await.unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("cap"), "{err}");
}

#[tokio::test]
async fn a_huge_content_length_is_refused_before_reading() {
    let api = serve(|_| {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000000000000\r\n\r\n{";
        Reply::Raw(head.as_bytes().to_vec())
    })
    .await;
    let client = builder(&api.url)
        .deadline(Duration::from_secs(15))
        .build()
        .unwrap();
    match call(&client, action_of(Kind::Read)).await {
        Err(Error::TooLarge {
            content_length: Some(1_000_000_000_000),
            ..
        }) => {}
        other => panic!("expected a size error, got {other:?}"),
    }
}

#[tokio::test]
async fn escape_sequences_from_the_server_are_escaped_in_display_and_kept_raw() {
    let envelope = r#"{"success":false,"errorCode":1000,"errorCodeMsg":"\u001b]0;pwned\u0007\u001b[2J\rAll good","action":"x","version":"1","messages":["\u009b31mred\u001b[0m","line\nforged"],"responseData":{}}"#;
    let api =
        serve(move |_| http("200 OK", &[("content-type", "application/json")], envelope)).await;
    let client = builder(&api.url).build().unwrap();
    let envelope = call(&client, action_of(Kind::Read)).await.unwrap();
    let err = envelope.into_success("x").unwrap_err();
    match &err {
        Error::Api {
            message, messages, ..
        } => {
            assert_eq!(message, "\u{1b}]0;pwned\u{7}\u{1b}[2J\rAll good");
            assert_eq!(messages[0], "\u{9b}31mred\u{1b}[0m");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    let shown = err.to_string();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    assert!(shown.contains("\\u{1b}]0;pwned\\u{7}"), "{shown}");
    assert!(shown.contains("line\\nforged"), "{shown}");
    let printed = dondominio::sanitize::for_terminal(messages_of(&err));
    assert!(!printed.chars().any(char::is_control), "{printed:?}");
}

#[tokio::test]
async fn a_redirect_target_with_an_8_bit_csi_is_escaped_in_display() {
    // Header values may carry bytes above 0x7f: C2 9B is U+009B, the 8-bit CSI.
    let api = serve(|_| {
        let raw = b"HTTP/1.1 302 Found\r\nconnection: close\r\nlocation: https://evil.example/\xc2\x9b2J\r\ncontent-length: 0\r\n\r\n".to_vec();
        Reply::Raw(raw)
    })
    .await;
    let client = builder(&api.url).build().unwrap();
    let err = call(&client, action_of(Kind::Read)).await.unwrap_err();
    match &err {
        Error::Redirect {
            location: Some(l), ..
        } => assert_eq!(l, "https://evil.example/\u{9b}2J"),
        other => panic!("expected a redirect error, got {other:?}"),
    }
    let shown = err.to_string();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    assert!(shown.contains("https://evil.example/\\u{9b}2J"), "{shown}");
}

fn messages_of(e: &Error) -> &str {
    match e {
        Error::Api { message, .. } => message,
        _ => "",
    }
}

#[tokio::test]
async fn read_actions_retry_429_and_503_honouring_retry_after() {
    let api = serve(|n| match n {
        0 => http(
            "429 Too Many Requests",
            &[("retry-after", "1")],
            "slow down",
        ),
        1 => http("503 Service Unavailable", &[("retry-after", "0")], "busy"),
        _ => ok(),
    })
    .await;
    let client = builder(&api.url)
        .read_retries(2)
        .deadline(Duration::from_secs(20))
        .build()
        .unwrap();
    let envelope = call(&client, action_of(Kind::Read)).await.unwrap();
    assert!(envelope.success);
    let seen = api.requests();
    assert_eq!(seen.len(), 3);
    let waited = seen[1].at - seen[0].at;
    assert!(waited >= Duration::from_millis(900), "{waited:?}");
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    let api = serve(|n| match n {
        0 => {
            let at = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
            http("503 Service Unavailable", &[("retry-after", &at)], "busy")
        }
        _ => ok(),
    })
    .await;
    let client = builder(&api.url)
        .deadline(Duration::from_secs(20))
        .build()
        .unwrap();
    call(&client, action_of(Kind::Read)).await.unwrap();
    let seen = api.requests();
    assert_eq!(seen.len(), 2);
    // The date has whole seconds: the wait is between one and two seconds.
    let waited = seen[1].at - seen[0].at;
    assert!(waited >= Duration::from_millis(500), "{waited:?}");
}

#[tokio::test]
async fn gateway_errors_are_retried_with_backoff_up_to_read_retries() {
    let api = serve(|n| match n {
        0 => http("502 Bad Gateway", &[], "bad gateway"),
        1 => http("504 Gateway Timeout", &[], "gateway timeout"),
        _ => http("503 Service Unavailable", &[], "still busy"),
    })
    .await;
    let client = builder(&api.url).read_retries(2).build().unwrap();
    match call(&client, action_of(Kind::Read)).await {
        Err(Error::Http { status: 503, .. }) => {}
        other => panic!("expected the last answer's HTTP error, got {other:?}"),
    }
    assert_eq!(api.requests().len(), 3, "one try and two retries");
    let none = builder(&api.url).read_retries(0).build().unwrap();
    call(&none, action_of(Kind::Read)).await.unwrap_err();
    assert_eq!(api.requests().len(), 4, "read_retries(0) sends once");
}

#[tokio::test]
async fn billable_and_write_actions_are_never_retried() {
    for kind in [Kind::Billable, Kind::Write] {
        for status in ["429 Too Many Requests", "503 Service Unavailable"] {
            let api = serve(move |_| http(status, &[("retry-after", "0")], "busy")).await;
            let client = builder(&api.url).read_retries(5).build().unwrap();
            match call(&client, action_of(kind)).await {
                Err(Error::Http { status: s, .. }) => {
                    assert_eq!(s.to_string(), status[..3], "{kind:?}")
                }
                other => panic!("{kind:?} {status}: expected an HTTP error, got {other:?}"),
            }
            assert_eq!(api.requests().len(), 1, "{kind:?} {status}");
        }
    }
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_ends_the_call_at_once() {
    let api = serve(|_| {
        http(
            "503 Service Unavailable",
            &[("retry-after", "3600")],
            "later",
        )
    })
    .await;
    let client = builder(&api.url)
        .deadline(Duration::from_secs(5))
        .build()
        .unwrap();
    let start = Instant::now();
    match call(&client, action_of(Kind::Read)).await {
        Err(Error::Http { status: 503, .. }) => {}
        other => panic!("expected the 503, got {other:?}"),
    }
    assert_eq!(api.requests().len(), 1);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn unbounded_durations_are_accepted_and_a_zero_deadline_times_out() {
    let api = serve(|_| ok()).await;
    let unbounded = builder(&api.url)
        .timeout(Duration::MAX)
        .deadline(Duration::MAX)
        .build()
        .unwrap();
    call(&unbounded, action_of(Kind::Read)).await.unwrap();
    let zero = builder(&api.url).deadline(Duration::ZERO).build().unwrap();
    match call(&zero, action_of(Kind::Read)).await {
        Err(e @ Error::Timeout { attempts: 0, .. }) => assert!(e.is_timeout()),
        other => panic!("expected a timeout before any attempt, got {other:?}"),
    }
    assert_eq!(
        api.requests().len(),
        1,
        "only the unbounded call reached the server"
    );
}

#[tokio::test]
async fn a_silent_server_ends_the_call_at_the_deadline() {
    let api = serve(|_| Reply::Silent).await;
    let client = builder(&api.url)
        .deadline(Duration::from_secs(1))
        .read_retries(2)
        .build()
        .unwrap();
    let start = Instant::now();
    match call(&client, action_of(Kind::Read)).await {
        Err(ref e @ Error::Timeout { attempts, .. }) => {
            assert!(e.is_timeout());
            assert_eq!(attempts, 1, "the one attempt used the whole deadline");
            assert!(e.to_string().contains("timed out"), "{e}");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn short_attempts_are_retried_within_the_deadline() {
    let api = serve(|_| Reply::Silent).await;
    let client = builder(&api.url)
        .timeout(Duration::from_millis(200))
        .deadline(Duration::from_secs(10))
        .read_retries(2)
        .build()
        .unwrap();
    match call(&client, action_of(Kind::Read)).await {
        Err(Error::Timeout { attempts: 3, .. }) => {}
        other => panic!("expected a timeout after 3 attempts, got {other:?}"),
    }
    assert_eq!(api.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_dropped_connection_is_retried_for_reads_only() {
    for (kind, requests) in [(Kind::Read, 2), (Kind::Billable, 1), (Kind::Write, 1)] {
        let api = serve(|n| if n == 0 { Reply::Hangup } else { ok() }).await;
        let client = builder(&api.url).read_retries(2).build().unwrap();
        let result = call(&client, action_of(kind)).await;
        assert_eq!(api.requests().len(), requests, "{kind:?}");
        match (kind, result) {
            (Kind::Read, Ok(_)) => {}
            (Kind::Billable | Kind::Write, Err(Error::Transport { .. })) => {}
            (_, other) => panic!("{kind:?}: unexpected {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_refused_connection_is_retried_for_reads() {
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_writer(captured.clone())
            .finish(),
    );
    // A port nobody listens on any more.
    let url = {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let client = builder(&url)
        .read_retries(2)
        .deadline(Duration::from_secs(15))
        .build()
        .unwrap();
    match call(&client, action_of(Kind::Read)).await {
        Err(Error::Transport { source, .. }) => assert!(source.is_connect(), "{source}"),
        other => panic!("expected a connection error, got {other:?}"),
    }
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert_eq!(text.matches("retrying a read action").count(), 2, "{text}");
    assert_no_password(&text);
}

#[test]
fn debug_output_of_builder_and_client_hides_the_password() {
    let b = builder("http://127.0.0.1:1");
    assert_no_password(&format!("{b:?}"));
    let c = b.build().unwrap();
    let shown = format!("{c:?}");
    assert_no_password(&shown);
    assert!(shown.contains(USER), "{shown}");
}

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn tracing_spans_name_action_attempt_and_status_never_the_password_or_body() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    // The test runs on one thread, so the thread's default subscriber sees every event.
    let _guard = tracing::subscriber::set_default(subscriber);
    let api = serve(|n| match n {
        0 => http("503 Service Unavailable", &[("retry-after", "0")], "busy"),
        1 => ok(),
        2 => http(
            "307 Temporary Redirect",
            &[("location", "http://127.0.0.1:9/")],
            "",
        ),
        _ => http(
            "200 OK",
            &[],
            r#"{"success":false,"errorCode":1000,"errorCodeMsg":"no","messages":[]}"#,
        ),
    })
    .await;
    let client = builder(&api.url).build().unwrap();
    // A read action with a free-text parameter, to carry a marker in the body.
    let marker = "bodymarkerq7w8e9";
    let (read, form) = Action::all()
        .into_iter()
        .filter(|a| a.info().kind == Kind::Read)
        .find_map(|a| {
            let mut form = common::valid_form(a.info());
            let (_, v) = form.iter_mut().find(|(_, v)| v == "x")?;
            *v = marker.into();
            Some((a, form))
        })
        .expect("a read action with a text parameter");
    client.call_raw(read, &form).await.unwrap();
    call(&client, action_of(Kind::Billable)).await.unwrap_err();
    call(&client, action_of(Kind::Write)).await.unwrap();
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    if std::env::var_os("SHOW_TRACE").is_some() {
        eprintln!("{text}");
    }
    assert!(text.contains("dondominio.call"), "{text}");
    assert!(text.contains(read.info().path), "{text}");
    assert!(text.contains("attempt=2"), "{text}");
    assert!(text.contains("status=503"), "{text}");
    assert!(text.contains("duration_ms="), "{text}");
    assert_no_password(&text);
    assert!(!text.contains("apipasswd"), "{text}");
    assert!(!text.contains(marker), "the request body leaked: {text}");
    // The server did get both: the search above could have found them.
    assert!(api.requests()[0].body.contains(PASSWORD));
    assert!(api.requests()[0].body.contains(marker));
    assert!(api.requests()[0].head.starts_with("POST /"));
}
