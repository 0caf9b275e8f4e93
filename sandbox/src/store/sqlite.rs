//! The durable store: one SQLite database file, one row per resource.
//!
//! Tables (open the file with `sqlite3` while no sandbox runs on it; `data`, `profile` and
//! `seed` are JSON, readable with `json_extract`):
//!
//! | table | key | row |
//! | --- | --- | --- |
//! | `meta` | `key` | `format` (what the file is), `catalog` (prices and products) |
//! | `accounts` | `user` | `password`, `clock_offset_days`, `profile` (balance, name, currency, next ID...), `seed` (what reset brings back) |
//! | `domains`, `services`, `users` | `account`, `name` | `data` |
//! | `contacts` | `account`, `id` | `data` |
//! | `certificates` | `account`, `id` (integer) | `data` |
//! | `deleted_domains` | `account`, `seq` | `data` |
//! | `domain_history` | `account`, `domain`, `seq` | `data` (a domain's history, apart from its row, since it only grows) |
//!
//! The database runs in WAL mode with `synchronous=NORMAL`: a commit is appended to the
//! write-ahead log with a plain write, without waiting for the disk, so it survives the
//! process being killed (the log is in the operating system's hands as soon as the write
//! returns; the next open replays it) but not a power cut of the machine, which a sandbox
//! for tests need not survive. The connection holds the file exclusively while the sandbox
//! runs (`locking_mode=EXCLUSIVE`), so a second sandbox started on the same file is refused
//! instead of working on a copy of the state that the first one would overwrite.

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::types::{FromSql, ToSql};
use rusqlite::{Connection, ErrorCode, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::state::{
    Account, AccountSlot, Catalog, Certificate, Contact, Domain, List, Map, Service, User, World,
};

/// What `meta.format` holds in a sandbox database.
const FORMAT: &str = "dondominio-sandbox state, schema 1";

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE accounts (user TEXT PRIMARY KEY, password TEXT NOT NULL,
    clock_offset_days INTEGER NOT NULL, profile TEXT NOT NULL, seed TEXT NOT NULL);
CREATE TABLE contacts (account TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (account, id));
CREATE TABLE domains (account TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (account, name));
CREATE TABLE services (account TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (account, name));
CREATE TABLE users (account TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (account, name));
CREATE TABLE certificates (account TEXT NOT NULL, id INTEGER NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (account, id));
CREATE TABLE deleted_domains (account TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (account, seq));
CREATE TABLE domain_history (account TEXT NOT NULL, domain TEXT NOT NULL, seq INTEGER NOT NULL,
    data TEXT NOT NULL, PRIMARY KEY (account, domain, seq));
";

/// Every table that holds rows of an account.
const ACCOUNT_TABLES: [&str; 8] = [
    "accounts",
    "domain_history",
    "contacts",
    "domains",
    "services",
    "users",
    "certificates",
    "deleted_domains",
];

/// The keys of the account's JSON that live in tables of their own, not in `profile`.
const COLLECTIONS: [&str; 6] = [
    "contacts",
    "domains",
    "deletedDomains",
    "services",
    "users",
    "certificates",
];

/// A sandbox database, open and held.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (or creates) the database at `path` and takes it for this process; the world
    /// it holds, `None` for a new file.
    pub fn open(path: &Path) -> Result<(SqliteStore, Option<World>), String> {
        let fail = |e: rusqlite::Error| explain(path, e);
        let conn = Connection::open(path).map_err(fail)?;
        conn.busy_timeout(Duration::from_millis(250))
            .map_err(fail)?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(fail)?;
        // Reads first: a damaged file, or one another program holds, is refused before
        // anything is written to it.
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(fail)?;
        if tables > 0 {
            let check: String = conn
                .query_row("PRAGMA quick_check", [], |r| r.get(0))
                .map_err(fail)?;
            if check != "ok" {
                return Err(damaged(path, &check));
            }
            let format: Option<String> = conn
                .query_row("SELECT value FROM meta WHERE key = 'format'", [], |r| {
                    r.get(0)
                })
                .optional()
                .unwrap_or(None);
            if format.as_deref() != Some(FORMAT) {
                return Err(format!(
                    "the state file {} is a SQLite database but not a sandbox's (no `meta` row \
                     `format` = `{FORMAT}`); it was left as it is: give --state another file",
                    path.display()
                ));
            }
        }
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(fail)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(format!(
                "the state file {} cannot be put in WAL mode (it stays `{mode}`)",
                path.display()
            ));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(fail)?;
        // Takes the exclusive lock now (kept until the sandbox ends), and makes the schema
        // of a new file.
        conn.execute_batch("BEGIN EXCLUSIVE").map_err(fail)?;
        if tables == 0 {
            let made = conn.execute_batch(SCHEMA).and_then(|()| {
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('format', ?1)",
                    [FORMAT],
                )
            });
            if let Err(e) = made {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(fail(e));
            }
        }
        conn.execute_batch("COMMIT").map_err(fail)?;
        let world = if tables > 0 {
            Some(load(&conn, path)?)
        } else {
            None
        };
        let store = SqliteStore {
            conn: Mutex::new(conn),
            path: path.to_owned(),
        };
        Ok((store, world))
    }

    /// Writes `world` into a new database at `path` (which must not exist), then closes it.
    pub fn write_new(path: &Path, world: &World) -> Result<(), String> {
        let fail = |e: rusqlite::Error| explain(path, e);
        let mut conn = Connection::open(path).map_err(fail)?;
        let tx = conn.transaction().map_err(fail)?;
        tx.execute_batch(SCHEMA).map_err(fail)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('format', ?1)",
            [FORMAT],
        )
        .map_err(fail)?;
        put_world(&tx, world).map_err(|e| e.message(path))?;
        tx.commit().map_err(fail)?;
        conn.close().map_err(|(_, e)| fail(e))
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held rolled its transaction back (the transaction is
        // dropped unfinished): the connection is consistent.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces everything the database holds by `world`, in one transaction.
    pub fn put_world(&self, world: &World) -> Result<(), String> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| self.write_error(e))?;
        for table in ACCOUNT_TABLES {
            tx.execute(&format!("DELETE FROM {table}"), [])
                .map_err(|e| self.write_error(e))?;
        }
        put_world(&tx, world).map_err(|e| e.message(&self.path))?;
        tx.commit().map_err(|e| self.write_error(e))
    }

    /// Writes what differs between `before` and `after` of `user`'s account, in one
    /// transaction: the cost follows the size of the change, not of the account.
    pub fn commit(
        &self,
        user: &str,
        before: &AccountSlot,
        after: &AccountSlot,
    ) -> Result<(), String> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| self.write_error(e))?;
        write_changes(&tx, user, before, after).map_err(|e| e.message(&self.path))?;
        tx.commit().map_err(|e| self.write_error(e))
    }

    fn write_error(&self, e: rusqlite::Error) -> String {
        format!("cannot write the state file {}: {e}", self.path.display())
    }
}

/// An error while reading or writing rows.
enum RowError {
    Sql(rusqlite::Error),
    Json(String),
}

impl RowError {
    fn message(self, path: &Path) -> String {
        match self {
            RowError::Sql(e) => format!("the state file {}: {e}", path.display()),
            RowError::Json(e) => format!("the state file {}: {e}", path.display()),
        }
    }
}

impl From<rusqlite::Error> for RowError {
    fn from(e: rusqlite::Error) -> Self {
        RowError::Sql(e)
    }
}

/// Why the database at `path` could not be opened, as a user can act on it.
fn explain(path: &Path, e: rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => format!(
            "the state file {} is in use by another program (another sandbox with the same \
             --state, or an open transaction in sqlite3); it was left as it is: stop that \
             program, or give --state another file",
            path.display()
        ),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => damaged(path, &e.to_string()),
        _ => format!("cannot open the state file {}: {e}", path.display()),
    }
}

fn damaged(path: &Path, why: &str) -> String {
    format!(
        "the state file {} is damaged ({why}); it was left as it is: restore a copy of it, or \
         move it away to start afresh",
        path.display()
    )
}

fn to_json<T: Serialize>(what: &str, value: &T) -> Result<String, RowError> {
    serde_json::to_string(value).map_err(|e| RowError::Json(format!("cannot encode {what}: {e}")))
}

fn from_json<T: DeserializeOwned>(what: &dyn Display, text: &str) -> Result<T, RowError> {
    serde_json::from_str(text).map_err(|e| {
        RowError::Json(format!(
            "{what} does not decode (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })
}

/// The account's fields that are not collections, as JSON (the `profile` column).
fn profile(a: &Account) -> Result<String, RowError> {
    // O(1), and the emptied maps cost nothing to encode.
    let mut value = serde_json::to_value(a.without_collections())
        .map_err(|e| RowError::Json(format!("cannot encode an account: {e}")))?;
    if let Some(o) = value.as_object_mut() {
        for key in COLLECTIONS {
            o.remove(key);
        }
    }
    Ok(value.to_string())
}

fn put_world(tx: &Transaction<'_>, world: &World) -> Result<(), RowError> {
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('catalog', ?1)",
        [to_json("the catalogue", &world.catalog)?],
    )?;
    for (user, slot) in &world.accounts {
        insert_account(tx, user, slot)?;
    }
    Ok(())
}

fn insert_account(tx: &Transaction<'_>, user: &str, slot: &AccountSlot) -> Result<(), RowError> {
    tx.execute(
        "INSERT OR REPLACE INTO accounts (user, password, clock_offset_days, profile, seed)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![
            user,
            slot.password,
            slot.clock_offset_days,
            profile(&slot.state)?,
            to_json("a seed", &slot.seed)?
        ],
    )?;
    sync_collections(tx, user, &Account::default(), &slot.state)
}

fn write_changes(
    tx: &Transaction<'_>,
    user: &str,
    before: &AccountSlot,
    after: &AccountSlot,
) -> Result<(), RowError> {
    let (b, a) = (&before.state, &after.state);
    let new_profile = profile(a)?;
    let row_changed = before.password != after.password
        || before.clock_offset_days != after.clock_offset_days
        || profile(b)? != new_profile;
    if row_changed {
        tx.prepare_cached(
            "UPDATE accounts SET password = ?2, clock_offset_days = ?3, profile = ?4
             WHERE user = ?1",
        )?
        .execute(rusqlite::params![
            user,
            after.password,
            after.clock_offset_days,
            new_profile
        ])?;
    }
    if !before.seed.same_as(&after.seed) {
        tx.prepare_cached("UPDATE accounts SET seed = ?2 WHERE user = ?1")?
            .execute(rusqlite::params![user, to_json("a seed", &after.seed)?])?;
    }
    sync_collections(tx, user, b, a)
}

/// Writes the rows of every collection that differ between two versions of an account.
fn sync_collections(
    tx: &Transaction<'_>,
    user: &str,
    b: &Account,
    a: &Account,
) -> Result<(), RowError> {
    sync_map(tx, "contacts", "id", user, &b.contacts, &a.contacts)?;
    sync_map(tx, "domains", "name", user, &b.domains, &a.domains)?;
    sync_map(tx, "services", "name", user, &b.services, &a.services)?;
    sync_map(tx, "users", "name", user, &b.users, &a.users)?;
    sync_map(
        tx,
        "certificates",
        "id",
        user,
        &b.certificates,
        &a.certificates,
    )?;
    let rows = ListRows {
        table: "deleted_domains",
        scope: "account = ?1",
        columns: "account",
        keys: &[&user],
    };
    sync_list(tx, &rows, &b.deleted_domains, &a.deleted_domains)
}

/// A value stored as a row of its own; its row may leave out lists that have rows of their
/// own (a domain's history).
trait Resource: Clone + PartialEq + Serialize {
    /// The JSON of the `data` column.
    fn row(&self, what: &str) -> Result<String, RowError> {
        to_json(what, self)
    }

    /// Writes the rows of the lists that `row` left out, from `before` (`None`: nothing was
    /// stored) to `after` (`None`: the value is gone).
    fn sync_parts(
        _tx: &Transaction<'_>,
        _user: &str,
        _key: &dyn ToSql,
        _before: Option<&Self>,
        _after: Option<&Self>,
    ) -> Result<(), RowError> {
        Ok(())
    }
}

impl Resource for Contact {}
impl Resource for Service {}
impl Resource for User {}
impl Resource for Certificate {}

impl Resource for Domain {
    fn row(&self, what: &str) -> Result<String, RowError> {
        let bare = Domain {
            history: List::new(),
            ..self.clone()
        };
        to_json(what, &bare)
    }

    fn sync_parts(
        tx: &Transaction<'_>,
        user: &str,
        key: &dyn ToSql,
        before: Option<&Self>,
        after: Option<&Self>,
    ) -> Result<(), RowError> {
        let empty = List::new();
        let rows = ListRows {
            table: "domain_history",
            scope: "account = ?1 AND domain = ?2",
            columns: "account, domain",
            keys: &[&user, key],
        };
        sync_list(
            tx,
            &rows,
            before.map_or(&empty, |d| &d.history),
            after.map_or(&empty, |d| &d.history),
        )
    }
}

/// Writes the rows of `table` that differ between two versions of a map (the maps' diff
/// skips the subtrees both versions share, so this follows the size of the change).
fn sync_map<K, V>(
    tx: &Transaction<'_>,
    table: &str,
    key: &str,
    user: &str,
    before: &Map<K, V>,
    after: &Map<K, V>,
) -> Result<(), RowError>
where
    K: Ord + Clone + ToSql,
    V: Resource,
{
    if before.ptr_eq(after) {
        return Ok(());
    }
    for change in before.diff(after) {
        let (k, old, new) = match change {
            imbl::ordmap::DiffItem::Add(k, v) => (k, None, Some(v)),
            imbl::ordmap::DiffItem::Update {
                old: (_, o),
                new: (k, v),
            } => (k, Some(o), Some(v)),
            imbl::ordmap::DiffItem::Remove(k, o) => (k, Some(o), None),
        };
        match new {
            Some(v) => tx
                .prepare_cached(&format!(
                    "INSERT OR REPLACE INTO {table} (account, {key}, data) VALUES (?1, ?2, ?3)"
                ))?
                .execute(rusqlite::params![user, k, v.row(table)?])?,
            None => tx
                .prepare_cached(&format!(
                    "DELETE FROM {table} WHERE account = ?1 AND {key} = ?2"
                ))?
                .execute(rusqlite::params![user, k])?,
        };
        V::sync_parts(tx, user, k, old, new)?;
    }
    Ok(())
}

/// Where the rows of one list live: `table`, the rows matching `scope` (`?1`, `?2`... are
/// `keys`, which fill `columns`), then `seq` and `data`.
struct ListRows<'a> {
    table: &'static str,
    scope: &'static str,
    columns: &'static str,
    keys: &'a [&'a dyn ToSql],
}

/// Writes the rows of a list that only grows: the new items at its end. A list that got
/// shorter, or whose last stored item changed, is written again whole.
fn sync_list<T: Clone + PartialEq + Serialize>(
    tx: &Transaction<'_>,
    rows: &ListRows<'_>,
    before: &List<T>,
    after: &List<T>,
) -> Result<(), RowError> {
    if before.ptr_eq(after) {
        return Ok(());
    }
    let kept = before.len();
    let appended = after.len() >= kept && (kept == 0 || before.back() == after.get(kept - 1));
    let start = if appended {
        kept
    } else {
        tx.prepare_cached(&format!("DELETE FROM {} WHERE {}", rows.table, rows.scope))?
            .execute(rows.keys)?;
        0
    };
    let n = rows.keys.len();
    let sql = format!(
        "INSERT OR REPLACE INTO {} ({}, seq, data) VALUES ({}, ?{}, ?{})",
        rows.table,
        rows.columns,
        (1..=n)
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", "),
        n + 1,
        n + 2
    );
    for (seq, item) in after.iter().enumerate().skip(start) {
        let seq = i64::try_from(seq).unwrap_or(i64::MAX);
        let data = to_json(rows.table, item)?;
        let mut params: Vec<&dyn ToSql> = rows.keys.to_vec();
        params.push(&seq);
        params.push(&data);
        tx.prepare_cached(&sql)?.execute(params.as_slice())?;
    }
    Ok(())
}

fn load(conn: &Connection, path: &Path) -> Result<World, String> {
    load_world(conn).map_err(|e| e.message(path))
}

fn load_world(conn: &Connection) -> Result<World, RowError> {
    let catalog: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'catalog'", [], |r| {
            r.get(0)
        })
        .optional()?;
    let catalog: Catalog = match catalog {
        Some(text) => from_json(&"the `meta` row `catalog`", &text)?,
        None => crate::seed::catalog(),
    };
    let mut world = World {
        catalog,
        accounts: Default::default(),
    };
    let mut rows = conn.prepare(
        "SELECT user, password, clock_offset_days, profile, seed FROM accounts ORDER BY user",
    )?;
    let accounts = rows
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (user, password, clock_offset_days, profile, seed) in accounts {
        let mut state: Account =
            from_json(&format_args!("the `profile` of account `{user}`"), &profile)?;
        let seed: Account = from_json(&format_args!("the `seed` of account `{user}`"), &seed)?;
        state.contacts = load_map(conn, "contacts", "id", &user)?;
        state.domains = load_map(conn, "domains", "name", &user)?;
        let mut history = conn.prepare(
            "SELECT domain, seq, data FROM domain_history WHERE account = ?1 ORDER BY domain, seq",
        )?;
        let entries = history
            .query_map([&user], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (domain, seq, data) in entries {
            let what =
                format_args!("the `domain_history` row {seq} of `{domain}` (account `{user}`)");
            let entry = from_json(&what, &data)?;
            if let Some(d) = state.domains.get_mut(&domain) {
                d.history.push_back(entry);
            }
        }
        state.services = load_map(conn, "services", "name", &user)?;
        state.users = load_map(conn, "users", "name", &user)?;
        state.certificates = load_map(conn, "certificates", "id", &user)?;
        let mut deleted =
            conn.prepare("SELECT seq, data FROM deleted_domains WHERE account = ?1 ORDER BY seq")?;
        let items = deleted
            .query_map([&user], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (seq, data) in items {
            let what = format_args!("the `deleted_domains` row {seq} of account `{user}`");
            state.deleted_domains.push_back(from_json(&what, &data)?);
        }
        world.accounts.insert(
            user,
            AccountSlot {
                password,
                clock_offset_days,
                seed,
                state,
            },
        );
    }
    Ok(world)
}

fn load_map<K, V>(
    conn: &Connection,
    table: &str,
    key: &str,
    user: &str,
) -> Result<Map<K, V>, RowError>
where
    K: Ord + Clone + FromSql + Display,
    V: Clone + DeserializeOwned,
{
    let mut rows = conn.prepare(&format!(
        "SELECT {key}, data FROM {table} WHERE account = ?1"
    ))?;
    let items = rows
        .query_map([user], |r| Ok((r.get::<_, K>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut map = Map::new();
    for (k, data) in items {
        let what = format_args!("the `{table}` row `{k}` of account `{user}`");
        let v: V = from_json(&what, &data)?;
        map.insert(k, v);
    }
    Ok(map)
}
