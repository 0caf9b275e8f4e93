//! The sandbox behind the HTTP face: credentials, scripted faults, the spec's checks, the
//! action's effect on a copy of the account (kept only when the action succeeds, so a failing
//! call changes nothing), the store, the control calls and the answer envelope.
//!
//! Each account has its own lock: requests of one account run one after the other, requests
//! of different accounts in parallel (they meet only for the few microseconds of a commit to
//! the database). The copy a request works on costs O(1) (persistent maps), and what it
//! changed is written resource by resource, so the cost of a request follows what it touches,
//! not the size of the account.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, RwLock};
use std::time::Duration;

use chrono::NaiveDate;
use dondominio::meta::Kind;
use dondominio::{Action, Envelope, ErrorCode, API_VERSION};
use serde_json::Value;

use crate::actions::{self, Ctx};
use crate::error::ApiError;
use crate::params::Params;
use crate::state::{Account, AccountSlot, Catalog, Domain, Map, World};
use crate::store::Store;

/// How a scripted fault makes a call fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// Answer an error envelope with this `errorCode`.
    ErrorCode(i64),
    /// Answer this HTTP status (with an error envelope), and a `Retry-After` header if set.
    HttpStatus {
        /// The status.
        status: u16,
        /// Seconds for `Retry-After`.
        retry_after: Option<u64>,
    },
    /// Wait this long, then handle the call normally.
    Delay(Duration),
    /// Answer this text as the body, with status 200.
    Body(String),
}

/// A fault for the next `times` calls of one action by one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// What happens.
    pub kind: FaultKind,
    /// How many calls it still applies to.
    pub times: u32,
}

/// What the HTTP face sends back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// `Retry-After` seconds, if any.
    pub retry_after: Option<u64>,
    /// The body.
    pub body: String,
}

/// The state and what acts on it; shared by every connection.
#[derive(Debug)]
pub struct Engine {
    catalog: Catalog,
    accounts: BTreeMap<String, Cell>,
    faults: Mutex<HashMap<(String, String), VecDeque<Fault>>>,
    hits: Mutex<HashMap<String, u64>>,
    store: Store,
}

/// One account of the engine.
#[derive(Debug)]
struct Cell {
    /// The `apipasswd` it accepts (no call changes it), readable without waiting for the
    /// account's requests.
    password: String,
    /// The account as committed, and the day time last acted on it.
    live: Mutex<Live>,
    /// Its committed domains, for the other accounts' "is this name free" questions
    /// (replaced after each commit that changes them, in O(1)).
    published: RwLock<Map<String, Domain>>,
}

#[derive(Debug)]
struct Live {
    slot: AccountSlot,
    /// The account's day when time last acted on the whole account: every resource is
    /// up to date for that day (a request ticks what it changed, see [`settle`]).
    ticked_on: Option<NaiveDate>,
}

/// Why an account could not be reached through the control endpoints or the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ControlError {
    /// Missing or wrong credentials (answered with code 201, nothing changes).
    Credentials,
    /// No account has this user name.
    NoAccount(String),
    /// A parameter of the control call is wrong.
    Invalid(String),
    /// The state could not be saved.
    Persist(String),
}

impl std::fmt::Display for ControlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ControlError::Credentials => f.write_str("invalid user or password"),
            ControlError::NoAccount(u) => write!(f, "the sandbox has no account `{u}`"),
            ControlError::Invalid(e) | ControlError::Persist(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for ControlError {}

/// The names other accounts hold, asked by the actions that need to know whether a domain
/// name is free (they ask; nothing is gathered for the others).
pub struct Others<'a> {
    engine: &'a Engine,
    user: &'a str,
}

impl std::fmt::Debug for Others<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Others").field("user", &self.user).finish()
    }
}

impl Others<'_> {
    /// Whether another account holds the domain `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.engine
            .accounts
            .iter()
            .filter(|(user, _)| user.as_str() != self.user)
            .any(|(_, cell)| read(&cell.published).contains_key(name))
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

impl Cell {
    /// Locks the account (a poisoned lock is taken over: the account is only ever replaced
    /// whole, after its commit).
    fn lock(&self) -> MutexGuard<'_, Live> {
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Engine {
    /// An engine over `world`, writing every change to `store`.
    pub fn new(world: World, store: Store) -> Engine {
        let accounts = world
            .accounts
            .into_iter()
            .map(|(user, slot)| {
                let cell = Cell {
                    password: slot.password.clone(),
                    published: RwLock::new(slot.state.domains.clone()),
                    live: Mutex::new(Live {
                        slot,
                        ticked_on: None,
                    }),
                };
                (user, cell)
            })
            .collect();
        Engine {
            catalog: world.catalog,
            accounts,
            faults: Mutex::new(HashMap::new()),
            hits: Mutex::new(HashMap::new()),
            store,
        }
    }

    /// Whether changes outlive the process (`--state`).
    pub fn is_durable(&self) -> bool {
        self.store.is_durable()
    }

    /// The whole world as it is now (O(1) per account: the copies share their data).
    pub fn world(&self) -> World {
        World {
            catalog: self.catalog.clone(),
            accounts: self
                .accounts
                .iter()
                .map(|(user, cell)| (user.clone(), cell.lock().slot.clone()))
                .collect(),
        }
    }

    fn faults(&self) -> MutexGuard<'_, HashMap<(String, String), VecDeque<Fault>>> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts a request that reached `path` (any outcome), for tests that assert what was sent.
    pub fn count_hit(&self, path: &str) {
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        *hits.entry(path.to_owned()).or_default() += 1;
    }

    /// How many requests reached `path` (`module/action`) so far.
    pub fn hits(&self, path: &str) -> u64 {
        let hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        hits.get(path).copied().unwrap_or(0)
    }

    /// The password of `user`'s account, for a ready client.
    pub fn password(&self, user: &str) -> Option<String> {
        self.accounts.get(user).map(|c| c.password.clone())
    }

    /// Checks the credentials of a control call.
    pub fn check_password(&self, user: &str, password: &str) -> Result<(), ControlError> {
        match self.accounts.get(user) {
            Some(cell) if constant_time_eq(cell.password.as_bytes(), password.as_bytes()) => Ok(()),
            _ => Err(ControlError::Credentials),
        }
    }

    /// Checks `apiuser`/`apipasswd` of a form: the account's user name, or the error to answer.
    pub fn authenticate(&self, form: &[(String, String)]) -> Result<String, ApiError> {
        let get = |k: &str| {
            form.iter()
                .rev()
                .find(|(key, v)| key == k && !v.is_empty())
                .map(|(_, v)| v.as_str())
        };
        let (Some(user), Some(password)) = (get("apiuser"), get("apipasswd")) else {
            return Err(ApiError::new(200, "apiuser and apipasswd are required"));
        };
        self.check_password(user, password)
            .map(|()| user.to_owned())
            .map_err(|_| ApiError::new(201, "invalid user or password"))
    }

    fn cell(&self, user: &str) -> Result<&Cell, ControlError> {
        self.accounts
            .get(user)
            .ok_or_else(|| ControlError::NoAccount(user.to_owned()))
    }

    /// Makes the next `fault.times` calls of `action` (`module/action`) by `user` fail; the
    /// library and `/_sandbox/faults` both come here.
    pub fn inject_fault(&self, user: &str, action: &str, fault: Fault) -> Result<(), ControlError> {
        self.cell(user)?;
        let action = action.trim_matches('/');
        if Action::from_name(action).is_none() {
            return Err(ControlError::Invalid(format!(
                "there is no action `{action}`"
            )));
        }
        if let FaultKind::HttpStatus { status, .. } = fault.kind {
            if !(100..=599).contains(&status) {
                return Err(ControlError::Invalid(
                    "`httpStatus` must be 100 to 599".into(),
                ));
            }
        }
        if fault.times > 0 {
            self.faults()
                .entry((user.to_owned(), action.to_owned()))
                .or_default()
                .push_back(fault);
        }
        Ok(())
    }

    /// Takes the fault due for this call, if any.
    pub fn take_fault(&self, user: &str, action: &str) -> Option<FaultKind> {
        let mut faults = self.faults();
        let key = (user.to_owned(), action.to_owned());
        let queue = faults.get_mut(&key)?;
        let front = queue.front_mut()?;
        let kind = front.kind.clone();
        front.times -= 1;
        if front.times == 0 {
            queue.pop_front();
        }
        if queue.is_empty() {
            faults.remove(&key);
        }
        Some(kind)
    }

    /// Moves the clock of `user`'s account `days` forward (0 to 36,500): pending operations
    /// complete, registrations expire. The account's new today and its clock offset.
    pub fn advance_clock(&self, user: &str, days: i64) -> Result<(NaiveDate, i64), ControlError> {
        if !(0..=36_500).contains(&days) {
            return Err(ControlError::Invalid(
                "`days` must be 0 to 36500: the clock only moves forward".into(),
            ));
        }
        let cell = self.cell(user)?;
        let mut live = cell.lock();
        let mut after = live.slot.clone();
        after.clock_offset_days += days;
        let today = after.today();
        actions::tick(&mut after.state, today);
        let offset = after.clock_offset_days;
        self.commit(user, cell, &mut live, after)
            .map_err(ControlError::Persist)?;
        live.ticked_on = Some(today);
        Ok((today, offset))
    }

    /// Brings `user`'s account back to its seed and its clock to the real date, and drops
    /// its faults.
    pub fn reset(&self, user: &str) -> Result<(), ControlError> {
        let cell = self.cell(user)?;
        {
            let mut live = cell.lock();
            let mut after = live.slot.clone();
            after.state = after.seed.clone();
            after.clock_offset_days = 0;
            self.commit(user, cell, &mut live, after)
                .map_err(ControlError::Persist)?;
            live.ticked_on = None;
        }
        self.faults().retain(|(u, _), _| u != user);
        Ok(())
    }

    /// A copy of the account of `user` as it is now (time applied), in O(1).
    pub fn account(&self, user: &str) -> Option<Account> {
        let cell = self.accounts.get(user)?;
        let mut live = cell.lock();
        // Time's effect is written like any other change; if it cannot be, the copy still
        // shows it.
        match self.catch_up(user, cell, &mut live) {
            Ok(()) => Some(live.slot.state.clone()),
            Err(_) => {
                let mut account = live.slot.state.clone();
                actions::tick(&mut account, live.slot.today());
                Some(account)
            }
        }
    }

    /// Makes `after` the committed state of the account, once the store has it.
    fn commit(
        &self,
        user: &str,
        cell: &Cell,
        live: &mut Live,
        after: AccountSlot,
    ) -> Result<(), String> {
        self.store.commit(user, &live.slot, &after)?;
        if !live.slot.state.domains.ptr_eq(&after.state.domains) {
            *cell.published.write().unwrap_or_else(|e| e.into_inner()) =
                after.state.domains.clone();
        }
        live.slot = after;
        Ok(())
    }

    /// Lets time act on the whole account when its day changed since it last did (once a
    /// day, or after the clock moved): the only step whose cost follows the account's size.
    fn catch_up(&self, user: &str, cell: &Cell, live: &mut Live) -> Result<(), String> {
        let today = live.slot.today();
        if live.ticked_on == Some(today) {
            return Ok(());
        }
        let mut after = live.slot.clone();
        if actions::tick(&mut after.state, today) {
            self.commit(user, cell, live, after)?;
        }
        live.ticked_on = Some(today);
        Ok(())
    }

    /// Handles an API call to `path` (`module/action`) from an authenticated `user`, after
    /// any fault was applied.
    pub fn call(&self, user: &str, path: &str, form: &[(String, String)]) -> Reply {
        let Some(action) = Action::from_name(path) else {
            return error_reply(path, &ApiError::new(102, format!("no action `{path}`")));
        };
        let info = action.info();
        let pairs = match crate::params::prepare(info, form) {
            Ok(pairs) => pairs,
            Err(e) => return error_reply(info.path, &e),
        };
        let params = Params::new(&pairs, info);
        let Some(cell) = self.accounts.get(user) else {
            return error_reply(info.path, &ApiError::new(201, "invalid user or password"));
        };
        let mut live = cell.lock();
        // Time acts first: what it changes stands whatever the call does.
        if let Err(e) = self.catch_up(user, cell, &mut live) {
            return error_reply(info.path, &ApiError::new(1, e));
        }
        let (today, now) = (live.slot.today(), live.slot.now());
        let cx = Ctx {
            info,
            user,
            today,
            now,
            catalog: &self.catalog,
            others: Others { engine: self, user },
        };
        // The action runs on a copy (O(1)), kept only when the whole action succeeded.
        let mut next = live.slot.state.clone();
        let outcome = actions::run(action, &params, &mut next, &cx);
        if info.kind == Kind::Read {
            // Debug builds (the tests) prove that reads change nothing.
            if cfg!(debug_assertions) && !next.same_as(&live.slot.state) {
                let bug =
                    ApiError::new(1, format!("sandbox bug: the read {path} changed the state"));
                return error_reply(info.path, &bug);
            }
        } else if outcome.is_ok() {
            settle(&live.slot.state, &mut next, today);
            let mut after = live.slot.clone();
            after.state = next;
            if let Err(e) = self.commit(user, cell, &mut live, after) {
                return error_reply(info.path, &ApiError::new(1, e));
            }
        }
        match outcome {
            Ok(data) => Reply {
                status: 200,
                retry_after: None,
                body: envelope_text(info.path, ErrorCode::from_code(0), Vec::new(), data),
            },
            Err(e) => error_reply(info.path, &e),
        }
    }
}

/// Lets time act on what a request changed (the rest of the account is up to date for
/// `today` already), so that the committed state is always as a whole tick would leave it.
///
/// Time acts on each domain, service and certificate on its own, except that a DNS-only
/// service follows the domain of its name: the part ticked holds the changed domains and
/// services of either name, and the changed certificates.
fn settle(before: &Account, after: &mut Account, today: NaiveDate) {
    let mut names: BTreeSet<String> = before
        .domains
        .diff(&after.domains)
        .map(|d| diff_key(&d).clone())
        .collect();
    names.extend(
        before
            .services
            .diff(&after.services)
            .map(|d| diff_key(&d).clone()),
    );
    let certificates: BTreeSet<i64> = before
        .certificates
        .diff(&after.certificates)
        .map(|d| *diff_key(&d))
        .collect();
    if names.is_empty() && certificates.is_empty() {
        return;
    }
    let mut part = after.without_collections();
    part.domains = restrict(&after.domains, &names);
    part.services = restrict(&after.services, &names);
    part.certificates = restrict(&after.certificates, &certificates);
    if !actions::tick(&mut part, today) {
        return;
    }
    merge(&mut after.domains, &part.domains, &names);
    merge(&mut after.services, &part.services, &names);
    merge(&mut after.certificates, &part.certificates, &certificates);
    after.deleted_domains.append(part.deleted_domains);
}

fn diff_key<'a, K, V>(d: &imbl::ordmap::DiffItem<'a, 'a, K, V>) -> &'a K {
    match d {
        imbl::ordmap::DiffItem::Add(k, _)
        | imbl::ordmap::DiffItem::Remove(k, _)
        | imbl::ordmap::DiffItem::Update { new: (k, _), .. } => k,
    }
}

fn restrict<K: Ord + Clone, V: Clone>(map: &Map<K, V>, keys: &BTreeSet<K>) -> Map<K, V> {
    keys.iter()
        .filter_map(|k| map.get(k).map(|v| (k.clone(), v.clone())))
        .collect()
}

/// Writes back the entries of `part` for `keys` that differ from `into`'s.
fn merge<K: Ord + Clone, V: Clone + PartialEq>(
    into: &mut Map<K, V>,
    part: &Map<K, V>,
    keys: &BTreeSet<K>,
) {
    for k in keys {
        match part.get(k) {
            Some(v) if into.get(k) != Some(v) => {
                into.insert(k.clone(), v.clone());
            }
            Some(_) => {}
            None => {
                into.remove(k);
            }
        }
    }
}

/// The envelope of every answer, as text.
pub fn envelope_text(path: &str, code: ErrorCode, messages: Vec<String>, data: Value) -> String {
    let envelope = Envelope {
        success: code.code() == 0,
        error_code_msg: code.description().to_owned(),
        error_code: code,
        action: path.to_owned(),
        version: API_VERSION.to_owned(),
        messages,
        response_data: data,
        body: String::new(),
    };
    // An envelope of text and JSON values always encodes.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// The error envelope of the API for `path`.
pub fn error_reply(path: &str, e: &ApiError) -> Reply {
    Reply {
        status: 200,
        retry_after: None,
        body: error_body(path, e),
    }
}

/// The error envelope as text.
pub fn error_body(path: &str, e: &ApiError) -> String {
    envelope_text(
        path,
        e.code,
        vec![e.message.clone()],
        Value::Array(Vec::new()),
    )
}

/// Compares secrets without stopping at the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
