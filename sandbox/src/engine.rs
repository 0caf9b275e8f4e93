//! The sandbox behind the HTTP face: credentials, scripted faults, the spec's checks, the
//! action's effect on a copy of the account (kept only when the action succeeds, so a failing
//! call changes nothing), persistence, and the answer envelope.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use dondominio::meta::Kind;
use dondominio::{Action, ErrorCode, API_VERSION};
use serde_json::{json, Value};

use crate::actions::{self, Ctx};
use crate::error::ApiError;
use crate::params::Params;
use crate::persist;
use crate::state::{Account, World};

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

impl Reply {
    fn json(status: u16, body: &Value) -> Reply {
        Reply {
            status,
            retry_after: None,
            body: body.to_string(),
        }
    }
}

/// The state and what acts on it; shared by every connection.
#[derive(Debug)]
pub struct Engine {
    world: Mutex<World>,
    faults: Mutex<HashMap<(String, String), VecDeque<Fault>>>,
    hits: Mutex<HashMap<String, u64>>,
    state_file: Option<PathBuf>,
}

/// Why an account could not be reached through the control endpoints or the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ControlError {
    /// Missing or wrong credentials (answered with code 201, nothing changes).
    Credentials,
    /// A parameter of the control call is wrong.
    Invalid(String),
    /// The state could not be saved.
    Persist(String),
}

impl Engine {
    /// An engine over `world`, saving to `state_file` after every change when set.
    pub fn new(world: World, state_file: Option<PathBuf>) -> Engine {
        Engine {
            world: Mutex::new(world),
            faults: Mutex::new(HashMap::new()),
            hits: Mutex::new(HashMap::new()),
            state_file,
        }
    }

    /// Locks the world (a poisoned lock is taken over: the world is only replaced whole).
    pub fn lock(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
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

    /// Checks `apiuser`/`apipasswd` of a form: the account's user name, or the error to answer.
    pub fn authenticate(&self, form: &[(String, String)]) -> Result<String, ApiError> {
        let get = |k: &str| {
            form.iter()
                .rev()
                .find(|(key, v)| key == k && !v.is_empty())
                .map(|(_, v)| v.as_str())
        };
        let (Some(user), Some(password)) = (get("apiuser"), get("apipasswd")) else {
            return Err(ApiError::new(
                ErrorCode::LoginRequired,
                "apiuser and apipasswd are required",
            ));
        };
        let world = self.lock();
        match world.accounts.get(user) {
            Some(slot) if constant_time_eq(slot.password.as_bytes(), password.as_bytes()) => {
                Ok(user.to_owned())
            }
            _ => Err(ApiError::new(
                ErrorCode::LoginInvalid,
                "invalid user or password",
            )),
        }
    }

    /// Adds a fault for the next calls of `action` (`module/action`) by `user`.
    pub fn add_fault(&self, user: &str, action: &str, fault: Fault) {
        if fault.times == 0 {
            return;
        }
        self.faults()
            .entry((user.to_owned(), action.to_owned()))
            .or_default()
            .push_back(fault);
    }

    /// Drops every fault scripted for `user`.
    pub fn clear_faults(&self, user: &str) {
        self.faults().retain(|(u, _), _| u != user);
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

    /// Handles an API call to `path` (`module/action`) from an authenticated `user`, after
    /// any fault was applied.
    pub fn call(&self, user: &str, path: &str, form: &[(String, String)]) -> Reply {
        let Some(action) = Action::from_name(path) else {
            return error_reply(
                path,
                &ApiError::new(
                    ErrorCode::InvalidObjectAction,
                    format!("no action `{path}`"),
                ),
            );
        };
        let info = action.info();
        let pairs = match crate::params::prepare(info, form) {
            Ok(pairs) => pairs,
            Err(e) => return error_reply(info.path, &e),
        };
        let params = Params::new(&pairs, info);
        let mut world = self.lock();
        let others = if matches!(
            action,
            Action::DomainCheck
                | Action::DomainCheckfortransfer
                | Action::DomainCreate
                | Action::DomainTransfer
        ) {
            world
                .accounts
                .iter()
                .filter(|(name, _)| name.as_str() != user)
                .flat_map(|(_, slot)| slot.state.domains.keys().cloned())
                .collect()
        } else {
            Default::default()
        };
        let World {
            catalog, accounts, ..
        } = &mut *world;
        let Some(slot) = accounts.get_mut(user) else {
            return error_reply(
                info.path,
                &ApiError::new(ErrorCode::LoginInvalid, "invalid user or password"),
            );
        };
        let (today, now) = (slot.today(), slot.now());
        let cx = Ctx {
            info,
            user,
            today,
            now,
            catalog,
            others,
        };
        // Time acts first, in place: what it changes stands whatever the call does.
        let ticked = actions::tick(&mut slot.state, today);
        let (outcome, old) = if info.kind == Kind::Read {
            // Reads run on the state itself, without a copy; debug builds (the tests) prove
            // that they changed nothing.
            #[cfg(debug_assertions)]
            let before = slot.state.clone();
            let outcome = actions::run(action, &params, &mut slot.state, &cx);
            #[cfg(debug_assertions)]
            if slot.state != before {
                slot.state = before;
                let bug = ApiError::new(
                    ErrorCode::UndefinedError,
                    format!("sandbox bug: the read {path} changed the state"),
                );
                return error_reply(info.path, &bug);
            }
            (outcome, None)
        } else {
            // Writes run on a copy, kept only when the whole action succeeded.
            let mut copy = slot.state.clone();
            let outcome = actions::run(action, &params, &mut copy, &cx);
            let old = outcome
                .is_ok()
                .then(|| std::mem::replace(&mut slot.state, copy));
            (outcome, old)
        };
        if ticked || old.is_some() {
            if let Err(e) = self.save(&world) {
                if let (Some(slot), Some(old)) = (world.accounts.get_mut(user), old) {
                    slot.state = old;
                }
                return error_reply(info.path, &ApiError::new(ErrorCode::UndefinedError, e));
            }
        }
        match outcome {
            Ok(data) => Reply::json(
                200,
                &json!({
                    "success": true,
                    "errorCode": 0,
                    "errorCodeMsg": ErrorCode::from_code(0).description(),
                    "action": info.path,
                    "version": API_VERSION,
                    "messages": [],
                    "responseData": data,
                }),
            ),
            Err(e) => error_reply(info.path, &e),
        }
    }

    /// Writes the world to the state file, if there is one.
    pub fn save(&self, world: &World) -> Result<(), String> {
        match &self.state_file {
            Some(path) => persist::save(path, world),
            None => Ok(()),
        }
    }

    /// Runs `f` on the account of `user` after checking its password, then saves.
    pub fn control<T>(
        &self,
        user: &str,
        password: &str,
        f: impl FnOnce(&mut World, &str) -> Result<T, ControlError>,
    ) -> Result<T, ControlError> {
        let mut world = self.lock();
        match world.accounts.get(user) {
            Some(slot) if constant_time_eq(slot.password.as_bytes(), password.as_bytes()) => {}
            _ => return Err(ControlError::Credentials),
        }
        let before = world.clone();
        let out = f(&mut world, user)?;
        if *world != before {
            if let Err(e) = self.save(&world) {
                *world = before;
                return Err(ControlError::Persist(e));
            }
        }
        Ok(out)
    }

    /// A copy of the account of `user` as it is now (time applied).
    pub fn account(&self, user: &str) -> Option<Account> {
        let world = self.lock();
        let slot = world.accounts.get(user)?;
        let mut account = slot.state.clone();
        actions::tick(&mut account, slot.today());
        Some(account)
    }
}

/// The error envelope of the API for `path`.
pub fn error_reply(path: &str, e: &ApiError) -> Reply {
    Reply::json(200, &error_envelope(path, e))
}

/// The error envelope as JSON.
pub fn error_envelope(path: &str, e: &ApiError) -> Value {
    json!({
        "success": false,
        "errorCode": e.code.code(),
        "errorCodeMsg": e.code.description(),
        "action": path,
        "version": API_VERSION,
        "messages": [e.message],
        "responseData": [],
    })
}

/// Compares secrets without stopping at the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
