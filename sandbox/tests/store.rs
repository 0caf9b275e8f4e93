//! The durable store (`--state FILE`, a SQLite database): a failed request writes nothing,
//! concurrent writers lose nothing, an old JSON state file migrates, and a damaged or held
//! file is refused with a message and left as it was.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::post;
use dondominio_sandbox::seed::{SeedAccount, SeedFile};
use dondominio_sandbox::{Sandbox, SandboxError};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "dondominio-sandbox-store-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Every row of every table, as text, in a stable order (the sandbox must be stopped: it
/// holds the file while it runs).
fn rows(path: &Path) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the database opens");
    let mut tables = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("tables");
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    let mut out = Vec::new();
    for table in names {
        let mut rows = conn
            .prepare(&format!("SELECT * FROM {table}"))
            .expect("select");
        let width = rows.column_count();
        let mut found: Vec<String> = rows
            .query_map([], |r| {
                let cells: Vec<String> = (0..width)
                    .map(|i| r.get_ref(i).map(|v| format!("{v:?}")).unwrap_or_default())
                    .collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows");
        found.sort();
        out.extend(found);
    }
    out
}

async fn call(
    sandbox: &Sandbox,
    user: &str,
    password: &str,
    path: &str,
    form: &[(&str, &str)],
) -> serde_json::Value {
    let mut all = vec![("apiuser", user), ("apipasswd", password)];
    all.extend_from_slice(form);
    post(&sandbox.url(), path, &all).await.json()
}

#[tokio::test]
async fn a_request_failing_halfway_leaves_the_database_unchanged() {
    let dir = temp_dir("halfway");
    let file = dir.join("state.sqlite");
    let start = || {
        Sandbox::builder()
            .account("hal", "hal-pw")
            .empty()
            .state_file(&file)
            .start()
            .expect("starts")
    };
    drop(start());
    let before = rows(&file);
    assert!(
        before.iter().any(|r| r.starts_with("accounts: ")),
        "{before:?}"
    );
    let sandbox = start();
    let next_id = sandbox.account("hal").map(|a| a.next_id);
    // The handler makes the owner contact (a new ID, a new row) and then finds that the
    // balance (0) does not cover the registration.
    let answer = call(
        &sandbox,
        "hal",
        "hal-pw",
        "domain/create",
        &[
            ("domain", "halfway.com"),
            ("ownerContactType", "individual"),
            ("ownerContactFirstName", "Hal"),
            ("ownerContactLastName", "Way"),
            ("ownerContactIdentNumber", "12345678Z"),
            ("ownerContactEmail", "hal@example.org"),
            ("ownerContactPhone", "+34.600000000"),
            ("ownerContactAddress", "Main St 1"),
            ("ownerContactPostalCode", "08001"),
            ("ownerContactCity", "Barcelona"),
            ("ownerContactState", "Barcelona"),
            ("ownerContactCountry", "ES"),
        ],
    )
    .await;
    assert_eq!(answer["errorCode"], 1100, "{answer}");
    let account = sandbox.account("hal").expect("the account");
    assert!(account.contacts.is_empty(), "no contact kept");
    assert_eq!(Some(account.next_id), next_id, "no ID spent");
    drop(sandbox);
    assert_eq!(rows(&file), before, "the database is as it was");
}

/// 64 writers at once, each registering its own domains: every acknowledged registration is
/// in the state, and again after a restart on the same file.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_concurrent_writers_lose_nothing() {
    let dir = temp_dir("writers");
    let file = dir.join("state.sqlite");
    let mut data = dondominio_sandbox::seed::demo(chrono::Utc::now().date_naive());
    data.balance = 1_000_000.0;
    let seed = SeedFile {
        catalog: None,
        accounts: [(
            "many".to_owned(),
            SeedAccount {
                password: "many-pw".into(),
                data,
            },
        )]
        .into_iter()
        .collect(),
    };
    let sandbox = Arc::new(
        Sandbox::builder()
            .seed(seed)
            .state_file(&file)
            .start()
            .expect("starts"),
    );
    let before = sandbox.account("many").expect("account");
    let (writers, each) = (64, 3);
    let mut tasks = Vec::new();
    for w in 0..writers {
        let sandbox = sandbox.clone();
        tasks.push(tokio::spawn(async move {
            let mut names = Vec::new();
            for i in 0..each {
                let name = format!("writer-{w}-{i}.com");
                let answer = call(
                    &sandbox,
                    "many",
                    "many-pw",
                    "domain/create",
                    &[("domain", &name), ("ownerContactID", "SBX-1001")],
                )
                .await;
                assert_eq!(answer["success"], true, "{answer}");
                names.push(name);
            }
            names
        }));
    }
    let mut created = Vec::new();
    for t in tasks {
        created.extend(t.await.expect("writer"));
    }
    assert_eq!(created.len(), writers * each);
    let check = |account: &dondominio_sandbox::Account| {
        for name in &created {
            assert!(account.domains.contains_key(name), "{name} is kept");
        }
        assert_eq!(account.domains.len(), before.domains.len() + created.len());
    };
    check(&sandbox.account("many").expect("account"));
    let charged = before.balance - sandbox.account("many").expect("account").balance;
    drop(Arc::into_inner(sandbox).expect("the last reference"));
    let again = Sandbox::builder()
        .state_file(&file)
        .start()
        .expect("restarts");
    let account = again.account("many").expect("account");
    check(&account);
    assert!(
        (before.balance - account.balance - charged).abs() < 1e-6,
        "every charge kept"
    );
}

/// The file an older sandbox wrote (JSON) becomes a database with the same content; the JSON
/// stays beside it; the next start opens the database.
#[test]
fn an_old_json_state_file_is_migrated() {
    let dir = temp_dir("migrate");
    let file = dir.join("state.json");
    let old = include_str!("data/state-with-string-enums.json");
    std::fs::write(&file, old).expect("write");
    let world: dondominio_sandbox::World = serde_json::from_str(old).expect("the old file reads");
    let started = Sandbox::builder()
        .state_file(&file)
        .open()
        .expect("migrates");
    let backup = started.migrated.clone().expect("says it migrated");
    assert_eq!(std::fs::read_to_string(&backup).expect("backup"), old);
    let now = started.engine.world();
    assert_eq!(
        serde_json::to_value(&now).expect("encodes"),
        serde_json::to_value(&world).expect("encodes"),
        "the same state"
    );
    drop(started);
    let bytes = std::fs::read(&file).expect("read");
    assert!(bytes.starts_with(b"SQLite format 3\0"), "a database now");
    let sandbox = Sandbox::builder().state_file(&file).start().expect("opens");
    let account = sandbox.account("sandbox").expect("the account");
    assert!(account.domains.contains_key("taken-x.com"));
}

fn refused(file: &Path) -> String {
    match Sandbox::builder().state_file(file).start() {
        Ok(_) => panic!("{} was accepted", file.display()),
        Err(SandboxError::Load(message)) => message,
        Err(other) => panic!("another error: {other}"),
    }
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = temp_dir("damaged");
    // A header and nothing sound after it.
    let header_only = dir.join("header.sqlite");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xA5u8, 8192));
    std::fs::write(&header_only, &bytes).expect("write");
    let message = refused(&header_only);
    assert!(
        message.contains("header.sqlite") && message.contains("damaged"),
        "{message}"
    );
    assert_eq!(std::fs::read(&header_only).expect("read"), bytes);

    // A real state file whose middle was overwritten.
    let file = dir.join("state.sqlite");
    drop(
        Sandbox::builder()
            .account("dee", "dee-pw")
            .state_file(&file)
            .start()
            .expect("starts"),
    );
    let mut bytes = std::fs::read(&file).expect("read");
    let (from, to) = (4096, bytes.len() - 4096);
    assert!(to > from, "the file has pages to damage");
    for b in &mut bytes[from..to] {
        *b = 0x5A;
    }
    std::fs::write(&file, &bytes).expect("write");
    let message = refused(&file);
    assert!(
        message.contains("state.sqlite") && message.contains("damaged"),
        "{message}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), bytes, "left as it was");

    // Neither a database nor JSON.
    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a state").expect("write");
    let message = refused(&text);
    assert!(message.contains("neither"), "{message}");
    assert_eq!(std::fs::read_to_string(&text).expect("read"), "not a state");
}

#[test]
fn a_database_held_by_another_sandbox_is_refused_and_left_untouched() {
    let dir = temp_dir("held");
    let file = dir.join("state.sqlite");
    let first = Sandbox::builder()
        .account("ola", "ola-pw")
        .state_file(&file)
        .start()
        .expect("starts");
    let bytes = std::fs::read(&file).expect("read");
    let message = refused(&file);
    assert!(message.contains("in use"), "{message}");
    assert_eq!(std::fs::read(&file).expect("read"), bytes, "left as it was");
    drop(first);

    // An open write transaction of another program (sqlite3) is refused the same way.
    let other = rusqlite::Connection::open(&file).expect("opens");
    other.execute_batch("BEGIN EXCLUSIVE").expect("locks");
    let message = refused(&file);
    assert!(message.contains("in use"), "{message}");
    other.execute_batch("ROLLBACK").expect("unlocks");
    drop(other);
    let again = Sandbox::builder()
        .state_file(&file)
        .start()
        .expect("starts once free");
    assert!(again.account("ola").is_some());
}
