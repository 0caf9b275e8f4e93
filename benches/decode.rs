//! Decoding a `domain/list` response of 1,000 and 10,000 domains: the typed lenient and strict
//! decoders against `serde_json::Value` and a plain `#[derive(Deserialize)]` struct of the same
//! fields, over the same generated body. After criterion's runs, prints the ratios side by side
//! (interleaved runs, median) and the heap each decoded 10k listing holds.
//!
//! `cargo bench -p dondominio --bench decode` (see `bench/README.md`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use dondominio::decode::{decode_body, Mode};
use dondominio::domain::ListResponse;
use serde::Deserialize;

/// Counts the bytes currently allocated, to measure what a decoded value holds.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size() as isize, Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size() as isize, Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        LIVE.fetch_add(new as isize - l.size() as isize, Ordering::Relaxed);
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The same fields as the generated `ListedDomain` (those the body carries), plainly derived.
#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct PlainDomain {
    name: String,
    status: String,
    tld: String,
    ts_expir: chrono::NaiveDate,
    #[serde(rename = "domainID")]
    domain_id: i64,
    ts_create: Option<chrono::NaiveDate>,
    renewable: Option<bool>,
    renewal_mode: Option<String>,
    modify_block: Option<bool>,
    transfer_block: Option<bool>,
    whois_privacy: Option<bool>,
    authcode_check: Option<bool>,
    service_associated: Option<bool>,
    ownerverification: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct PlainQueryInfo {
    page: i64,
    page_length: i64,
    results: i64,
    total: i64,
}

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct PlainData {
    query_info: PlainQueryInfo,
    domains: Vec<PlainDomain>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct PlainEnvelope {
    success: bool,
    error_code: i64,
    error_code_msg: String,
    action: String,
    version: String,
    response_data: PlainData,
}

/// A `domain/list` body with `infoType=status`, as the API sends it.
fn listing(n: usize) -> Vec<u8> {
    let statuses = ["active", "renewed", "expired-renewgrace", "transfer-init"];
    let modes = ["autorenew", "manual", "letexpire"];
    let mut out = format!(
        r#"{{"success":true,"errorCode":0,"errorCodeMsg":"","action":"domain/list","version":"1.0.20","responseData":{{"queryInfo":{{"page":1,"pageLength":{n},"results":{n},"total":{n}}},"domains":["#
    );
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"name":"example-domain-{i}.com","status":"{}","tld":"com","tsExpir":"20{:02}-{:02}-{:02}","domainID":{},"tsCreate":"2005-05-14","renewable":{},"renewalMode":"{}","modifyBlock":false,"transferBlock":true,"whoisPrivacy":{},"authcodeCheck":true,"serviceAssociated":false,"ownerverification":"verified"}}"#,
            statuses[i % statuses.len()],
            20 + i % 10,
            1 + i % 12,
            1 + i % 28,
            100_000 + i,
            i % 2 == 0,
            modes[i % modes.len()],
            i % 3 == 0,
        ));
    }
    out.push_str("]}}");
    out.into_bytes()
}

fn typed(body: &[u8], mode: Mode) -> ListResponse {
    match decode_body::<ListResponse>("domain/list", 200, body, mode, None) {
        Ok(d) => d.value,
        Err(e) => panic!("the generated body does not decode: {e}"),
    }
}

fn value(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).expect("JSON")
}

fn plain(body: &[u8]) -> PlainEnvelope {
    serde_json::from_slice(body).expect("plain struct")
}

fn criterion_runs(c: &mut Criterion, bodies: &[(usize, Vec<u8>)]) {
    let mut g = c.benchmark_group("domain_list");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    for (n, body) in bodies {
        g.throughput(Throughput::Elements(*n as u64));
        g.bench_with_input(BenchmarkId::new("typed_lenient", n), body, |b, body| {
            b.iter(|| typed(black_box(body), Mode::Lenient))
        });
        g.bench_with_input(BenchmarkId::new("typed_strict", n), body, |b, body| {
            b.iter(|| typed(black_box(body), Mode::Strict))
        });
        g.bench_with_input(BenchmarkId::new("serde_json_value", n), body, |b, body| {
            b.iter(|| value(black_box(body)))
        });
        g.bench_with_input(BenchmarkId::new("plain_struct", n), body, |b, body| {
            b.iter(|| plain(black_box(body)))
        });
    }
    g.finish();
}

/// Median time of `f` over `rounds` rounds, the contenders interleaved round by round so that
/// the machine's load hits them alike.
fn medians(body: &[u8], rounds: usize) -> [Duration; 4] {
    let mut times: [Vec<Duration>; 4] = Default::default();
    for _ in 0..rounds {
        let t = Instant::now();
        black_box(typed(body, Mode::Lenient));
        times[0].push(t.elapsed());
        let t = Instant::now();
        black_box(typed(body, Mode::Strict));
        times[1].push(t.elapsed());
        let t = Instant::now();
        black_box(value(body));
        times[2].push(t.elapsed());
        let t = Instant::now();
        black_box(plain(body));
        times[3].push(t.elapsed());
    }
    times.map(|mut v| {
        v.sort();
        v[v.len() / 2]
    })
}

/// Bytes a value holds on the heap: live bytes with it minus without it.
fn heap_of<T>(make: impl FnOnce() -> T) -> isize {
    let before = LIVE.load(Ordering::Relaxed);
    let v = make();
    let held = LIVE.load(Ordering::Relaxed) - before;
    drop(black_box(v));
    held
}

fn summary(bodies: &[(usize, Vec<u8>)]) {
    println!("\nratios (median of interleaved runs; lower is faster):");
    println!(
        "{:>6} {:>12} {:>12} {:>12} {:>12} {:>14} {:>14} {:>14}",
        "n",
        "lenient",
        "strict",
        "Value",
        "plain",
        "lenient/Value",
        "lenient/plain",
        "strict/plain"
    );
    let mut per_domain = Vec::new();
    for (n, body) in bodies {
        let rounds = if *n >= 10_000 { 15 } else { 60 };
        let [l, s, v, p] = medians(body, rounds);
        let r = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        println!(
            "{n:>6} {l:>12.2?} {s:>12.2?} {v:>12.2?} {p:>12.2?} {:>14.2} {:>14.2} {:>14.2}",
            r(l, v),
            r(l, p),
            r(s, p)
        );
        per_domain.push((l.as_secs_f64() / *n as f64, p.as_secs_f64() / *n as f64));
    }
    if let [small, big] = per_domain[..] {
        println!(
            "time per domain, 10k vs 1k: lenient {:.2}x, plain struct {:.2}x",
            big.0 / small.0,
            big.1 / small.1
        );
    }
    if let Some((n, body)) = bodies.last() {
        let t = heap_of(|| typed(body, Mode::Lenient));
        let p = heap_of(|| plain(body));
        let v = heap_of(|| value(body));
        println!(
            "heap of a decoded {n} listing: typed {t} B, plain {p} B ({:.2}x), Value {v} B; \
             size_of ListedDomain {} B",
            t as f64 / p as f64,
            std::mem::size_of::<dondominio::domain::ListedDomain>()
        );
    }
}

fn main() {
    let bodies: Vec<(usize, Vec<u8>)> = [1_000, 10_000].map(|n| (n, listing(n))).into();
    // The typed decode must see a clean body: nothing missing, nothing unknown.
    for (_, body) in &bodies {
        let d = decode_body::<ListResponse>("domain/list", 200, body, Mode::Strict, None)
            .expect("strict decode");
        assert!(d.report.is_clean());
    }
    let quick = std::env::args().any(|a| a == "--ratios");
    if !quick {
        let mut c = Criterion::default().configure_from_args();
        criterion_runs(&mut c, &bodies);
        c.final_summary();
    }
    summary(&bodies);
}
