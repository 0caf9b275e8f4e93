//! A mock of the DonDominio API, driven by the same spec as the client.
//!
//! It serves `POST /{module}/{action}/` on a loopback port and answers like the real API would:
//! the error envelope for missing credentials (code 200), wrong ones (201), an unknown action
//! (102), a missing required parameter (101) or a malformed value (105); otherwise the spec's
//! response example of the action (for variant responses, the example of the asked variant).
//! Nothing here is written per action: routes, checks and answers all come from
//! [`dondominio::meta::ActionInfo`].

#![warn(missing_docs)]

use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use dondominio::meta::{ActionInfo, Violation};
use dondominio::{Action, ErrorCode, API_VERSION};
use serde_json::{json, Value};

/// Credentials the mock accepts.
#[derive(Clone, PartialEq, Eq)]
pub struct MockCredentials {
    /// Expected `apiuser`.
    pub user: String,
    /// Expected `apipasswd`.
    pub password: String,
}

impl std::fmt::Debug for MockCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockCredentials")
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// A running mock server; it stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    targets: Arc<Mutex<BTreeSet<String>>>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// Why the mock could not start.
#[derive(Debug)]
pub struct StartError(pub String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot start the mock server: {}", self.0)
    }
}

impl std::error::Error for StartError {}

impl MockServer {
    /// Starts on a free loopback port, accepting `credentials`.
    pub fn start(credentials: MockCredentials) -> Result<MockServer, StartError> {
        Self::start_on("127.0.0.1:0", credentials)
    }

    /// Starts on `addr` (such as `127.0.0.1:8080`), accepting `credentials`.
    pub fn start_on(addr: &str, credentials: MockCredentials) -> Result<MockServer, StartError> {
        let server = tiny_http::Server::http(addr).map_err(|e| StartError(e.to_string()))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| StartError("the server has no IP address".into()))?;
        let server = Arc::new(server);
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let targets = Arc::new(Mutex::new(BTreeSet::new()));
        let (srv, h, t) = (server.clone(), hits.clone(), targets.clone());
        let thread = std::thread::Builder::new()
            .name("dondominio-mock".into())
            .spawn(move || serve(&srv, &credentials, &h, &t))
            .map_err(|e| StartError(e.to_string()))?;
        Ok(MockServer {
            addr,
            server,
            thread: Some(thread),
            hits,
            targets,
        })
    }

    /// The base URL to give the client, such as `http://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The distinct request targets (path and query) received so far, sorted: what a proxy log
    /// would show. Kept as a set so a long-running mock does not grow with every request.
    pub fn targets(&self) -> Vec<String> {
        self.targets
            .lock()
            .map(|t| t.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// How many requests reached `module/action` (valid or not).
    pub fn hits(&self, action: &str) -> usize {
        self.hits
            .lock()
            .map(|h| h.get(action).copied().unwrap_or(0))
            .unwrap_or(0)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(
    server: &tiny_http::Server,
    credentials: &MockCredentials,
    hits: &Mutex<HashMap<String, usize>>,
    targets: &Mutex<BTreeSet<String>>,
) {
    for mut request in server.incoming_requests() {
        if let Ok(mut t) = targets.lock() {
            t.insert(request.url().to_owned());
        }
        let path = request
            .url()
            .split('?')
            .next()
            .unwrap_or("")
            .trim_matches('/')
            .to_owned();
        if let Ok(mut h) = hits.lock() {
            *h.entry(path.clone()).or_default() += 1;
        }
        let mut body = Vec::new();
        let answer = match std::io::Read::read_to_end(request.as_reader(), &mut body) {
            Ok(_) => answer(&path, &body, credentials),
            Err(e) => error_envelope(
                &path,
                ErrorCode::from_code(1),
                &format!("cannot read the body: {e}"),
            ),
        };
        let mut response = tiny_http::Response::from_string(answer);
        if let Ok(header) = tiny_http::Header::from_bytes("Content-Type", "application/json") {
            response = response.with_header(header);
        }
        let _ = request.respond(response);
    }
}

/// The body the mock answers to a POST of `body` to `path` (`module/action`).
pub fn answer(path: &str, body: &[u8], credentials: &MockCredentials) -> String {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    match (get("apiuser"), get("apipasswd")) {
        (Some(u), Some(p)) if !u.is_empty() && !p.is_empty() => {
            if u != credentials.user || p != credentials.password {
                return error_envelope(path, ErrorCode::from_code(201), "invalid user or password");
            }
        }
        _ => return error_envelope(path, ErrorCode::from_code(200), "credentials are required"),
    }
    let Some(info) = Action::from_name(path).map(Action::info) else {
        return error_envelope(path, ErrorCode::from_code(102), "invalid object/action");
    };
    let params: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| k != "apiuser" && k != "apipasswd")
        .collect();
    if let Err(v) = info.check(&params) {
        let code = match v {
            Violation::Missing { .. } => 101,
            Violation::Invalid { .. } => 105,
        };
        return error_envelope(path, ErrorCode::from_code(code), &v.to_string());
    }
    success(info, &params)
}

fn success(info: &ActionInfo, params: &[(String, String)]) -> String {
    let variant = info.selector.and_then(|s| {
        params
            .iter()
            .find(|(k, _)| k == s.param)
            .map(|(_, v)| v.as_str())
            .or(s.default)
    });
    match info.example(variant) {
        Some(example) => example.json.to_owned(),
        None => json!({
            "success": true,
            "errorCode": 0,
            "errorCodeMsg": "",
            "action": info.path,
            "version": API_VERSION,
            "messages": [],
            "responseData": {},
        })
        .to_string(),
    }
}

fn error_envelope(path: &str, code: ErrorCode, message: &str) -> String {
    json!({
        "success": false,
        "errorCode": code.code(),
        "errorCodeMsg": code.description(),
        "action": path,
        "version": API_VERSION,
        "messages": [message],
        "responseData": Value::Array(Vec::new()),
    })
    .to_string()
}
