//! Where the state lives between requests: in memory only, or durably in a SQLite database
//! (`--state FILE`), behind one interface ([`Store`]).
//!
//! The engine keeps the live state in memory either way, in persistent maps whose clones are
//! O(1) (see [`crate::state::Map`]). A request works on such a clone; when it succeeds, the
//! engine hands the store the account before and after, and the durable store writes what
//! differs, resource by resource (one row per domain, contact, service, user, certificate),
//! in one transaction, before the answer is sent. A failed request drops its clone: nothing
//! was written, nothing was copied.
//!
//! A state file written by an older sandbox (one JSON document) is migrated on first start:
//! its content moves into a new database at the same path, and the JSON stays beside it as
//! `FILE.pre-sqlite.json`.

pub mod sqlite;

use std::path::{Path, PathBuf};

use crate::state::{AccountSlot, World};

/// The storage behind the state.
#[derive(Debug)]
pub enum Store {
    /// Nothing outlives the process.
    Memory,
    /// Every change is committed to a SQLite database before its answer is sent.
    Sqlite(sqlite::SqliteStore),
}

/// What [`open`] found.
#[derive(Debug)]
pub struct Opened {
    /// The store to write to.
    pub store: Store,
    /// The state the store holds, if it holds one (a new file holds none).
    pub world: Option<World>,
    /// Where the JSON state file of an older sandbox was kept, when it was migrated now.
    pub migrated: Option<PathBuf>,
}

/// The first bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// Opens the store: in memory without a path; else the database at `path`, created when
/// the file does not exist, migrated when it holds an older sandbox's JSON state.
///
/// A file that is neither, a damaged database or one another program holds is refused with
/// a message that says what to do, and is left as it was.
pub fn open(path: Option<&Path>) -> Result<Opened, String> {
    let Some(path) = path else {
        return Ok(Opened {
            store: Store::Memory,
            world: None,
            migrated: None,
        });
    };
    match file_kind(path)? {
        Kind::Missing | Kind::Sqlite => {
            let (store, world) = sqlite::SqliteStore::open(path)?;
            Ok(Opened {
                store: Store::Sqlite(store),
                world,
                migrated: None,
            })
        }
        Kind::Other(bytes) => {
            let world = old_json_state(path, &bytes)?;
            let backup = migrate(path, &world)?;
            let (store, world) = sqlite::SqliteStore::open(path)?;
            Ok(Opened {
                store: Store::Sqlite(store),
                world,
                migrated: Some(backup),
            })
        }
    }
}

enum Kind {
    Missing,
    Sqlite,
    Other(Vec<u8>),
}

fn file_kind(path: &Path) -> Result<Kind, String> {
    match std::fs::read(path) {
        Ok(bytes) if bytes.is_empty() || bytes.starts_with(SQLITE_MAGIC) => Ok(Kind::Sqlite),
        Ok(bytes) => Ok(Kind::Other(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Kind::Missing),
        Err(e) => Err(format!(
            "cannot read the state file {}: {e}",
            path.display()
        )),
    }
}

/// The world of a JSON state file of an older sandbox, or why the file is neither that nor
/// a database.
fn old_json_state(path: &Path, bytes: &[u8]) -> Result<World, String> {
    serde_json::from_slice(bytes).map_err(|e| {
        format!(
            "the state file {} is neither a sandbox database (SQLite) nor the JSON state of an \
             older sandbox (line {}, column {}: {e}); it was left as it is: move it away or give \
             --state another file",
            path.display(),
            e.line(),
            e.column()
        )
    })
}

/// Moves the JSON state at `path` into a new database at the same path; the JSON is kept as
/// `FILE.pre-sqlite.json` (returned). A process killed half-way leaves the JSON file in
/// place, so the next start migrates again.
fn migrate(path: &Path, world: &World) -> Result<PathBuf, String> {
    let beside = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    let (tmp, backup) = (beside(".migrating"), beside(".pre-sqlite.json"));
    let fail = |what: &str, p: &Path, e: std::io::Error| {
        format!(
            "cannot migrate the JSON state file {}: cannot {what} {}: {e}",
            path.display(),
            p.display()
        )
    };
    for stale in [tmp.clone(), beside(".migrating-journal")] {
        match std::fs::remove_file(&stale) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(fail("remove", &stale, e))
            }
            _ => {}
        }
    }
    sqlite::SqliteStore::write_new(&tmp, world)?;
    std::fs::copy(path, &backup).map_err(|e| fail("write", &backup, e))?;
    std::fs::File::open(&backup)
        .and_then(|f| f.sync_all())
        .map_err(|e| fail("flush", &backup, e))?;
    std::fs::rename(&tmp, path).map_err(|e| fail("replace it with", &tmp, e))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(backup)
}

impl Store {
    /// Whether changes outlive the process.
    pub fn is_durable(&self) -> bool {
        matches!(self, Store::Sqlite(_))
    }

    /// Writes a whole world (a new state file).
    pub fn put_world(&self, world: &World) -> Result<(), String> {
        match self {
            Store::Memory => Ok(()),
            Store::Sqlite(s) => s.put_world(world),
        }
    }

    /// Makes the change of `user`'s account from `before` to `after` durable, in one
    /// transaction; only what differs is written.
    pub fn commit(
        &self,
        user: &str,
        before: &AccountSlot,
        after: &AccountSlot,
    ) -> Result<(), String> {
        match self {
            Store::Memory => Ok(()),
            Store::Sqlite(s) => s.commit(user, before, after),
        }
    }
}
