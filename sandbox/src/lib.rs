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
//! does to it), [`engine`] (credentials, faults, checks, atomic effects, control calls),
//! [`store`] (in memory, or a SQLite database with `--state`) and [`http`] (axum: bodies,
//! control endpoints).
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
pub mod seed;
pub mod state;
pub mod store;

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

/// An engine ready to serve, from [`SandboxBuilder::open`].
#[derive(Debug)]
pub struct Started {
    /// The engine.
    pub engine: Engine,
    /// Where the JSON state file of an older sandbox was kept, when `open` migrated it into
    /// a database.
    pub migrated: Option<PathBuf>,
}

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

    /// Keeps the state in this SQLite database file: loaded when it exists (a JSON state
    /// file of an older sandbox is migrated), created from the accounts and seed otherwise,
    /// and every change committed to it before its answer is sent.
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// The engine over the starting world, and whether an old JSON state file was migrated
    /// (the binary says so).
    pub fn open(&self) -> Result<Started, SandboxError> {
        let mut seed = self.seed.clone();
        if let Some(path) = &self.seed_path {
            let file = SeedFile::load(path).map_err(SandboxError::Load)?;
            let merged = seed.get_or_insert_with(SeedFile::default);
            merged.accounts.extend(file.accounts);
            if file.catalog.is_some() {
                merged.catalog = file.catalog;
            }
        }
        let opened = store::open(self.state_file.as_deref()).map_err(SandboxError::Load)?;
        let world = match opened.world {
            Some(world) => world,
            None => {
                let today = chrono::Utc::now().date_naive();
                let world = seed::world(&self.accounts, self.empty, seed, today);
                opened
                    .store
                    .put_world(&world)
                    .map_err(SandboxError::Persist)?;
                world
            }
        };
        Ok(Started {
            engine: Engine::new(world, opened.store),
            migrated: opened.migrated,
        })
    }

    /// The starting world and the engine, without a server (the binary and `start` use it).
    pub fn engine(&self) -> Result<Engine, SandboxError> {
        self.open().map(|s| s.engine)
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
            .password(user)
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

    /// Makes the next `times` calls of `action` (`module/action`) by `user` fail with `kind`
    /// (the same call and checks as `/_sandbox/faults`).
    pub fn inject_fault(
        &self,
        user: &str,
        action: &str,
        kind: FaultKind,
        times: u32,
    ) -> Result<(), SandboxError> {
        self.engine
            .inject_fault(user, action, Fault { kind, times })
            .map_err(SandboxError::from)
    }

    /// Moves the clock of `user`'s account `days` forward, up to 36,500 (pending operations
    /// complete, registrations expire); the same call and checks as `/_sandbox/clock`.
    pub fn advance_clock(&self, user: &str, days: u32) -> Result<(), SandboxError> {
        self.engine
            .advance_clock(user, i64::from(days))
            .map(|_| ())
            .map_err(SandboxError::from)
    }

    /// Brings `user`'s account back to its seed (and its clock to today); drops its faults.
    /// The same call as `/_sandbox/reset`.
    pub fn reset(&self, user: &str) -> Result<(), SandboxError> {
        self.engine.reset(user).map_err(SandboxError::from)
    }
}

impl From<engine::ControlError> for SandboxError {
    fn from(e: engine::ControlError) -> Self {
        match e {
            engine::ControlError::Credentials => SandboxError::Invalid(e.to_string()),
            engine::ControlError::NoAccount(user) => SandboxError::NoAccount(user),
            engine::ControlError::Invalid(why) => SandboxError::Invalid(why),
            engine::ControlError::Persist(why) => SandboxError::Persist(why),
        }
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
