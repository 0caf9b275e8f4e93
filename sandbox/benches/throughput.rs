//! Throughput of the sandbox, and of the typed client against it, printed as numbers and
//! ratios (a benchmark, never a test: this machine is shared and noisy).
//!
//! `cargo bench -p dondominio-sandbox --bench throughput` (add `-- --quick` for a short run).
//!
//! - sandbox requests/s for a read (`domain/getinfo`) and a write (`domain/update` of the tags),
//!   sequential and with 64 concurrent clients (raw HTTP, so the client's cost is small);
//! - typed `dondominio::Client` calls/s against raw `reqwest` + `serde_json::Value` on the same
//!   sandbox and the same action, sequential and 16 concurrent (burst guard off).

use std::sync::Arc;
use std::time::{Duration, Instant};

use dondominio::Client;
use dondominio_sandbox::Sandbox;

const USER: &str = "bench";
const PASSWORD: &str = "bench-pw";

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let per_run = if quick { 300 } else { 3000 };
    let sandbox = Sandbox::builder()
        .account(USER, PASSWORD)
        .start()
        .expect("sandbox starts");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let url = sandbox.url();
    runtime.block_on(async {
        let read: &[(&str, &str)] = &[("domain", "example.com"), ("infoType", "status")];
        let write: &[(&str, &str)] = &[
            ("domain", "example.net"),
            ("updateType", "tag"),
            ("tag", "bench"),
        ];
        println!("sandbox, raw HTTP ({per_run} requests a run)");
        for (name, path, form) in [
            ("read  domain/getinfo", "domain/getinfo", read),
            ("write domain/update ", "domain/update", write),
        ] {
            for concurrency in [1, 64] {
                let rate = raw_rate(&url, path, form, per_run, concurrency).await;
                println!("  {name}  {concurrency:>2} concurrent: {rate:>8.0} requests/s");
            }
        }
        println!("typed client vs raw reqwest + serde_json::Value, domain/getinfo");
        let client = Arc::new(sandbox.client(USER).expect("client"));
        for concurrency in [1, 16] {
            let raw = raw_rate(&url, "domain/getinfo", read, per_run, concurrency).await;
            let typed = typed_rate(&client, per_run, concurrency).await;
            println!(
                "  {concurrency:>2} concurrent: typed {typed:>8.0}/s, raw {raw:>8.0}/s, ratio {:.2}",
                typed / raw
            );
        }
    });
}

/// Requests/s of `count` raw POSTs with `concurrency` workers, each decoding into a `Value`.
async fn raw_rate(
    url: &str,
    path: &str,
    form: &[(&str, &str)],
    count: usize,
    concurrency: usize,
) -> f64 {
    let http = reqwest::Client::new();
    let mut pairs = vec![("apiuser", USER), ("apipasswd", PASSWORD)];
    pairs.extend_from_slice(form);
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let target = format!("{url}/{path}/");
    timed(count, concurrency, move || {
        let (http, target, body) = (http.clone(), target.clone(), body.clone());
        async move {
            let bytes = http
                .post(target)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .expect("answer")
                .bytes()
                .await
                .expect("body");
            let v: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
            assert_eq!(v["success"], true);
        }
    })
    .await
}

/// Calls/s of the typed `domain/getinfo`.
async fn typed_rate(client: &Arc<Client>, count: usize, concurrency: usize) -> f64 {
    let client = client.clone();
    timed(count, concurrency, move || {
        let client = client.clone();
        async move {
            client
                .domain()
                .getinfo("example.com")
                .await
                .expect("getinfo");
        }
    })
    .await
}

/// Runs `count` jobs from `make` on `concurrency` tasks; jobs per second.
async fn timed<F, Fut>(count: usize, concurrency: usize, make: F) -> f64
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let make = Arc::new(make);
    // Warm the connection pool first.
    make().await;
    let started = Instant::now();
    let per_task = count / concurrency;
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let make = make.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..per_task {
                make().await;
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let elapsed = started.elapsed().max(Duration::from_micros(1));
    (per_task * concurrency) as f64 / elapsed.as_secs_f64()
}
