//! `ddspec check` on a spec with thousands of actions does not slow down per action.
//!
//! Builds, in memory, the real spec (`spec/1.0.20`) plus a module of `BULK` generated actions
//! (parameters, a group use with `required_if` conditions, an enum, an inline response struct,
//! an example), then times load + validate of both and prints the time per action of each and
//! their ratio. A ratio near 1 means checking grows linearly with the number of actions.
//!
//! Run: `cargo bench -p dondominio-codegen --bench check_large` (`BULK=20000` for more).

use std::time::{Duration, Instant};

use dondominio_codegen::load::{load_sources, read_sources, Sources};

fn bulk_module(n: usize) -> String {
    let mut s = String::from("doc: Many generated actions.\nactions:\n");
    for i in 0..n {
        s.push_str(&format!(
            r#"  act{i}:
    doc: Generated action {i}.
    kind: read
    params:
      name: {{ type: string, required: true, doc: A name. }}
      status: {{ type: DomainStatus, default: active, doc: A status. }}
      owner: {{ group: Contact, doc: A contact. }}
    response:
      fields:
        items:
          type: list<object>
          doc: Items.
          fields:
            id: {{ type: integer, doc: Identifier. }}
            status: {{ type: DomainStatus, optional: true, doc: Status. }}
    examples:
      - json: '{{"success": true, "errorCode": 0, "action": "bulk/act{i}", "responseData": {{"items": [{{"id": 1, "status": "active"}}]}}}}'
"#
        ));
    }
    s
}

fn with_bulk(real: &Sources, n: usize) -> Sources {
    let mut s = real.clone();
    if let Some(api) = s.files.get_mut("api.yaml") {
        *api = api.replacen(
            "\nerrors:\n",
            "\n  bulk: Many generated actions.\nerrors:\n",
            1,
        );
    }
    s.files.insert("bulk.yaml".into(), bulk_module(n));
    s
}

/// The fastest of a few runs of load + validate, and the number of actions.
fn time_check(sources: &Sources, runs: usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut actions = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let model = load_sources(sources.clone()).unwrap_or_else(|e| panic!("{e}"));
        best = best.min(start.elapsed());
        actions = model.actions().count();
    }
    (best, actions)
}

fn main() {
    let bulk: usize = std::env::var("BULK")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/1.0.20");
    let real = read_sources(&dir).unwrap_or_else(|e| panic!("{e}"));
    let large = with_bulk(&real, bulk);
    let (t_real, n_real) = time_check(&real, 5);
    let (t_large, n_large) = time_check(&large, 2);
    let per = |t: Duration, n: usize| t.as_secs_f64() * 1e6 / n as f64;
    let (p_real, p_large) = (per(t_real, n_real), per(t_large, n_large));
    println!("real spec:  {n_real} actions in {t_real:?} ({p_real:.1} us per action)");
    println!("large spec: {n_large} actions in {t_large:?} ({p_large:.1} us per action)");
    println!(
        "ratio of time per action, large / real: {:.2}",
        p_large / p_real
    );
}
