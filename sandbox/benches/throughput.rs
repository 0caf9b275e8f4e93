//! Throughput of the sandbox, and of the typed client against it, printed as numbers and
//! ratios (a benchmark, never a test: this machine is shared and noisy).
//!
//! `cargo bench -p dondominio-sandbox --bench throughput` (add `-- --quick` for a short run).
//!
//! - the scale table: one account of 10, 1,000 and 10,000 domains, in memory and durable
//!   (`--state`, a SQLite file): sequential writes (`domain/updatenameservers` of one domain),
//!   sequential reads (`domain/getinfo` of another), 16 concurrent writers, each size's rate
//!   as a ratio of the 10-domain one; and the memory an account of 10,000 domains takes
//!   against the size of its JSON;
//! - sandbox requests/s for a read (`domain/getinfo`) and a write (`domain/update` of the tags),
//!   sequential and with 64 concurrent clients (raw HTTP, so the client's cost is small);
//! - typed `dondominio::Client` calls/s against raw `reqwest` + `serde_json::Value` on the same
//!   sandbox and the same action, sequential and 16 concurrent (burst guard off).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dondominio::Client;
use dondominio_sandbox::seed::{SeedAccount, SeedFile};
use dondominio_sandbox::{Account, Sandbox};

/// Counts the bytes the process holds on the heap, to weigh an account in memory.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call goes to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: the caller's layout, as the system allocator requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: as for `realloc` itself.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const USER: &str = "bench";
const PASSWORD: &str = "bench-pw";

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let per_run = if quick { 300 } else { 3000 };
    scale(if quick { 200 } else { 1000 });
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

/// The demo account with `n` domains (copies of its `example.com` under other names).
fn account_with(n: usize) -> Account {
    let today = chrono::Utc::now().date_naive();
    let mut account = dondominio_sandbox::seed::demo(today);
    let model = account.domains["example.com"].clone();
    let mut i = 0;
    while account.domains.len() < n {
        i += 1;
        let mut d = model.clone();
        d.name = format!("domain-{i:05}.com");
        d.id = account.new_id();
        account.domains.insert(d.name.clone(), d);
    }
    account
}

/// The scale table: rates at 10, 1,000 and 10,000 domains, in memory and durable.
fn scale(count: usize) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = std::env::temp_dir().join(format!("dondominio-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    println!(
        "one account, raw HTTP on loopback, {count} requests a cell; x = rate / its 10-domain rate"
    );
    println!(
        "| domains | writes/s, memory | reads/s, memory | 16 writers, memory | writes/s, --state | reads/s, --state | 16 writers, --state |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let mut base: Option<[f64; 6]> = None;
    for n in [10, 1_000, 10_000] {
        let account = account_with(n);
        let mut rates = [0.0; 6];
        for (m, durable) in [false, true].into_iter().enumerate() {
            let seed = SeedFile {
                catalog: None,
                accounts: [(
                    USER.to_owned(),
                    SeedAccount {
                        password: PASSWORD.to_owned(),
                        data: account.clone(),
                    },
                )]
                .into_iter()
                .collect(),
            };
            let mut builder = Sandbox::builder().seed(seed);
            let file = dir.join(format!("state-{n}.sqlite"));
            if durable {
                let _ = std::fs::remove_file(&file);
                builder = builder.state_file(&file);
            }
            let sandbox = builder.start().expect("sandbox starts");
            let url = sandbox.url();
            let write: &[(&str, &str)] = &[
                ("domain", "example.net"),
                ("nameservers", "ns1.example.org,ns2.example.org"),
            ];
            let read: &[(&str, &str)] = &[("domain", "example.com")];
            runtime.block_on(async {
                rates[m * 3] = raw_rate(&url, "domain/updatenameservers", write, count, 1).await;
                rates[m * 3 + 1] = raw_rate(&url, "domain/getinfo", read, count, 1).await;
                rates[m * 3 + 2] =
                    raw_rate(&url, "domain/updatenameservers", write, count, 16).await;
            });
            drop(sandbox);
        }
        let base = *base.get_or_insert(rates);
        let cells: Vec<String> = rates
            .iter()
            .zip(base)
            .map(|(r, b)| format!("{r:.0} ({:.2}x)", r / b))
            .collect();
        println!("| {n} | {} |", cells.join(" | "));
    }
    let _ = std::fs::remove_dir_all(&dir);
    let before = LIVE.load(Ordering::Relaxed);
    let account = account_with(10_000);
    let held = LIVE.load(Ordering::Relaxed) - before;
    let json = serde_json::to_string(&account).expect("encodes").len();
    println!(
        "memory: an account of 10,000 domains holds {:.1} MiB on the heap; its JSON is {:.1} MiB ({:.2}x)",
        held as f64 / 1048576.0,
        json as f64 / 1048576.0,
        held as f64 / json as f64
    );
    drop(account);
}
