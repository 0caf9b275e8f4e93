//! A stateful sandbox of the DonDominio / MrDomain API, driven by the same spec as the
//! `dondominio` client: for your tests, and for any client in any language.
//!
//! It keeps accounts with balances, contacts, domains, hosting services and their entities,
//! users and SSL certificates; every action acts on that state as the real API would
//! (registration charges the balance at the prices `account/zones` shows, a DNS record made
//! with `service/dnscreate` shows in `service/dnslist`, listings page...), refuses what the
//! real API refuses with the manual's error codes, and answers with the generated response
//! types of `dondominio`, serialized, so every answer decodes strictly.
//!
//! The parts, each in its own module: [`state`] (plain data), [`actions`] (what each action
//! does to it), [`engine`] (credentials, faults, checks, atomic effects, persistence) and
//! [`http`] (axum: bodies, control endpoints).
//!
//! # A whole test
//!
//! ```
//! use dondominio_sandbox::Sandbox;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = Sandbox::builder().account("alice", "alice-secret").start()?;
//! let client = sandbox.client("alice")?;
//! let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
//! rt.block_on(async {
//!     // The demo data set has example.com; a new name is free, registering it costs money.
//!     let before = sandbox.account("alice").map(|a| a.balance).unwrap_or_default();
//!     let free = client.domain().check("my-new-name.com").await?;
//!     assert!(free.domains[0].available);
//!     let owner = dondominio::types::Contact::Id("SBX-1001".into());
//!     client.domain().create("my-new-name.com", owner).await?;
//!     let after = sandbox.account("alice").map(|a| a.balance).unwrap_or_default();
//!     assert!(after < before);
//!
//!     // Scripted faults: the next renewal fails with the API's "insufficient balance".
//!     sandbox.inject_fault("alice", "domain/renew", dondominio_sandbox::FaultKind::ErrorCode(1100), 1)?;
//!     Ok::<_, Box<dyn std::error::Error>>(())
//! })?;
//! # Ok(()) }
//! ```

//!
//! # Built for the newest API only
//!
//! The sandbox answers with the types `dondominio` generates from the newest spec version. When
//! `dondominio` is built from another one (`DONDOMINIO_SPEC_VERSION`, `DONDOMINIO_SPEC_DIR`),
//! the build script sets the cfg `dondominio_sandbox_off` and this library is empty, so that
//! `dondominio`'s own tests, which have the sandbox as a dev-dependency, still build.

// Everything below, when the client is built from an older spec (see above).
#![cfg(not(dondominio_sandbox_off))]
#![warn(missing_docs)]

pub mod actions;
pub mod engine;
pub mod error;
pub mod http;
pub mod params;
pub mod persist;
pub mod seed;
pub mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

pub use engine::{Engine, Fault, FaultKind};
pub use seed::{SeedFile, DEFAULT_PASSWORD, DEFAULT_USER};
pub use state::{Account, World};

/// Why the sandbox could not start, or a control call was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SandboxError {
    /// The address could not be bound.
    Bind(String),
    /// The seed or state file could not be read.
    Load(String),
    /// The runtime could not start.
    Runtime(String),
    /// No such account.
    NoAccount(String),
    /// A control call's value is wrong.
    Invalid(String),
    /// The state file could not be written.
    Persist(String),
}

impl std::fmt::Display for SandboxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SandboxError::Bind(e) => write!(f, "cannot listen: {e}"),
            SandboxError::Load(e) => f.write_str(e),
            SandboxError::Runtime(e) => write!(f, "cannot start the server: {e}"),
            SandboxError::NoAccount(u) => write!(f, "the sandbox has no account `{u}`"),
            SandboxError::Invalid(e) => f.write_str(e),
            SandboxError::Persist(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for SandboxError {}

/// How to start a [`Sandbox`].
#[derive(Debug, Clone, Default)]
pub struct SandboxBuilder {
    addr: Option<String>,
    accounts: Vec<(String, String)>,
    empty: bool,
    seed: Option<SeedFile>,
    seed_path: Option<PathBuf>,
    state_file: Option<PathBuf>,
}

impl SandboxBuilder {
    /// Listens on this address (default `127.0.0.1:0`, a free loopback port).
    pub fn addr(mut self, addr: impl Into<String>) -> Self {
        self.addr = Some(addr.into());
        self
    }

    /// Adds an account (repeatable). Without any, the sandbox has
    /// [`DEFAULT_USER`] / [`DEFAULT_PASSWORD`].
    pub fn account(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.accounts.push((user.into(), password.into()));
        self
    }

    /// Starts the accounts with no data instead of the demo data set.
    pub fn empty(mut self) -> Self {
        self.empty = true;
        self
    }

    /// Adds the accounts (and catalogue) of a seed.
    pub fn seed(mut self, seed: SeedFile) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Adds the accounts of a seed file (YAML or JSON), read at start.
    pub fn seed_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.seed_path = Some(path.into());
        self
    }

    /// Loads the state from this file when it exists, and writes every change to it.
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// The starting world and the engine, without a server (the binary and `start` use it).
    pub fn engine(&self) -> Result<Engine, SandboxError> {
        let mut seed = self.seed.clone();
        if let Some(path) = &self.seed_path {
            let file = SeedFile::load(path).map_err(SandboxError::Load)?;
            let merged = seed.get_or_insert_with(SeedFile::default);
            merged.accounts.extend(file.accounts);
            if file.catalog.is_some() {
                merged.catalog = file.catalog;
            }
        }
        let today = chrono::Utc::now().date_naive();
        let world = seed::load_or_build(self.state_file.as_deref(), || {
            seed::world(&self.accounts, self.empty, seed, today)
        })
        .map_err(SandboxError::Load)?;
        let engine = Engine::new(world, self.state_file.clone());
        if self.state_file.is_some() {
            let world = engine.lock().clone();
            engine.save(&world).map_err(SandboxError::Persist)?;
        }
        Ok(engine)
    }

    /// Starts the server on its own threads; it stops when the [`Sandbox`] is dropped.
    pub fn start(self) -> Result<Sandbox, SandboxError> {
        let engine = Arc::new(self.engine()?);
        let addr = self.addr.as_deref().unwrap_or("127.0.0.1:0");
        let listener = std::net::TcpListener::bind(addr)
            .map_err(|e| SandboxError::Bind(format!("{addr}: {e}")))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| SandboxError::Bind(e.to_string()))?;
        let local = listener
            .local_addr()
            .map_err(|e| SandboxError::Bind(e.to_string()))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .thread_name("dondominio-sandbox")
            .build()
            .map_err(|e| SandboxError::Runtime(e.to_string()))?;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let app = http::router(engine.clone());
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener)
                .map_err(|e| SandboxError::Bind(e.to_string()))?
        };
        let thread = std::thread::Builder::new()
            .name("dondominio-sandbox".into())
            .spawn(move || {
                runtime.block_on(serve(listener, app, stopped));
                runtime.shutdown_timeout(std::time::Duration::from_secs(1));
            })
            .map_err(|e| SandboxError::Runtime(e.to_string()))?;
        Ok(Sandbox {
            addr: local,
            engine,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// Serves until `stop` turns true (or its sender is gone): requests in flight get up to two
/// seconds to finish, then the server ends whatever is left (a stalled client included).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    stop: tokio::sync::watch::Receiver<bool>,
) {
    let (mut graceful, mut hard) = (stop.clone(), stop);
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        let _ = graceful.wait_for(|stop| *stop).await;
    });
    let deadline = async move {
        let _ = hard.wait_for(|stop| *stop).await;
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    };
    tokio::select! {
        _ = server => {}
        _ = deadline => {}
    }
}

/// A running sandbox; it stops when dropped.
pub struct Sandbox {
    addr: SocketAddr,
    engine: Arc<Engine>,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("url", &self.url())
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// How to start one.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// Starts one with the default account and the demo data set.
    pub fn start() -> Result<Sandbox, SandboxError> {
        Self::builder().start()
    }

    /// The base URL to give a client, such as `http://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The engine, for direct access to the state in tests.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// A ready client for `user` (strict decoding, burst guard off).
    pub fn client(&self, user: &str) -> Result<dondominio::Client, SandboxError> {
        let password = self
            .engine
            .lock()
            .accounts
            .get(user)
            .map(|s| s.password.clone())
            .ok_or_else(|| SandboxError::NoAccount(user.to_owned()))?;
        dondominio::Client::builder()
            .base_url(self.url())
            .credentials(dondominio::Credentials::new(user, password))
            .strict(true)
            .min_interval(std::time::Duration::ZERO)
            .build()
            .map_err(|e| SandboxError::Invalid(e.to_string()))
    }

    /// The account of `user` as it is now.
    pub fn account(&self, user: &str) -> Option<Account> {
        self.engine.account(user)
    }

    /// Makes the next `times` calls of `action` (`module/action`) by `user` fail with `kind`.
    pub fn inject_fault(
        &self,
        user: &str,
        action: &str,
        kind: FaultKind,
        times: u32,
    ) -> Result<(), SandboxError> {
        if !self.engine.lock().accounts.contains_key(user) {
            return Err(SandboxError::NoAccount(user.to_owned()));
        }
        if dondominio::Action::from_name(action).is_none() {
            return Err(SandboxError::Invalid(format!(
                "there is no action `{action}`"
            )));
        }
        self.engine.add_fault(user, action, Fault { kind, times });
        Ok(())
    }

    /// Moves the clock of `user`'s account `days` forward (pending operations complete,
    /// registrations expire).
    pub fn advance_clock(&self, user: &str, days: u32) -> Result<(), SandboxError> {
        self.with_slot(user, |slot| {
            slot.clock_offset_days += i64::from(days);
            let today = slot.today();
            actions::tick(&mut slot.state, today);
        })
    }

    /// Brings `user`'s account back to its seed (and its clock to today); drops its faults.
    pub fn reset(&self, user: &str) -> Result<(), SandboxError> {
        self.with_slot(user, http::reset_slot)?;
        self.engine.clear_faults(user);
        Ok(())
    }

    fn with_slot(
        &self,
        user: &str,
        f: impl FnOnce(&mut state::AccountSlot),
    ) -> Result<(), SandboxError> {
        let mut world = self.engine.lock();
        let slot = world
            .accounts
            .get_mut(user)
            .ok_or_else(|| SandboxError::NoAccount(user.to_owned()))?;
        f(slot);
        self.engine.save(&world).map_err(SandboxError::Persist)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The README's Rust examples (the client's and the sandbox's), compiled and run as doctests
/// here, where both crates are at hand, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
