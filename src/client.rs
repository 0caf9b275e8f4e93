//! The HTTP client: credentials, configuration, sending, retries and the burst guard.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::decode::{Decoded, Mode, ResponseData};
use crate::envelope::Envelope;
use crate::meta::{ActionInfo, Kind, Violation};
use crate::wire::Form;
use crate::{Action, Error};

/// Environment variable holding the API user name.
pub const ENV_USER: &str = "DONDOMINIO_API_USER";
/// Environment variable holding the API password.
pub const ENV_PASSWORD: &str = "DONDOMINIO_API_PASSWD";

/// API credentials. The password is never shown by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    user: String,
    password: String,
}

impl Credentials {
    /// Credentials from a user name and a password.
    pub fn new(user: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials {
            user: user.into(),
            password: password.into(),
        }
    }

    /// Credentials from `DONDOMINIO_API_USER` and `DONDOMINIO_API_PASSWD`.
    pub fn from_env() -> Result<Self, Error> {
        let get = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        match (get(ENV_USER), get(ENV_PASSWORD)) {
            (Some(u), Some(p)) => Ok(Credentials::new(u, p)),
            _ => Err(Error::Config(format!(
                "set {ENV_USER} and {ENV_PASSWORD} to the API credentials"
            ))),
        }
    }

    /// The user name.
    pub fn user(&self) -> &str {
        &self.user
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// A request the client can send: the parameters of one action.
pub trait Request {
    /// The typed `responseData`.
    type Response: ResponseData;
    /// The action.
    const ACTION: Action;
    /// Writes the parameters as form pairs.
    fn encode(&self, form: &mut Form);
    /// The response variant the parameters ask for, for variant responses.
    fn variant(&self) -> Option<&str> {
        None
    }
}

/// Builds a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    credentials: Option<Credentials>,
    timeout: Duration,
    user_agent: String,
    strict: bool,
    min_interval: Duration,
    read_retries: u32,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: crate::DEFAULT_BASE_URL.to_owned(),
            credentials: None,
            timeout: Duration::from_secs(30),
            user_agent: concat!("dondominio-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
            strict: false,
            min_interval: Duration::from_millis(250),
            read_retries: 2,
        }
    }
}

impl ClientBuilder {
    /// The API address (default: the production API). Plain `http://` is only accepted for
    /// loopback addresses, so credentials never travel unencrypted.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into().trim_end_matches('/').to_owned();
        self
    }
    /// The credentials sent with every request.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }
    /// Timeout of one HTTP request (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    /// The `User-Agent` header.
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }
    /// Strict decoding: a field or enum value the spec does not know is an error.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }
    /// Smallest time between the starts of two requests (default 250 ms). The API blocks
    /// accounts that send bursts of queries; this spaces them out.
    pub fn min_interval(mut self, interval: Duration) -> Self {
        self.min_interval = interval;
        self
    }
    /// How often a read-only action is retried after a transport failure (default 2).
    /// Actions that change state or cost money are never retried.
    pub fn read_retries(mut self, retries: u32) -> Self {
        self.read_retries = retries;
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        check_base_url(&self.base_url)?;
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .user_agent(self.user_agent)
            .https_only(!self.base_url.starts_with("http://"))
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: self.base_url,
                credentials: self.credentials,
                strict: self.strict,
                min_interval: self.min_interval,
                read_retries: self.read_retries,
                last_start: tokio::sync::Mutex::new(None),
            }),
        })
    }
}

fn check_base_url(url: &str) -> Result<(), Error> {
    let rest = if let Some(r) = url.strip_prefix("https://") {
        r
    } else if let Some(r) = url.strip_prefix("http://") {
        let host = r.split(['/', ':']).next().unwrap_or("");
        let host = if r.starts_with('[') {
            r.split(']').next().unwrap_or("").trim_start_matches('[')
        } else {
            host
        };
        let loopback = host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        if !loopback {
            return Err(Error::Config(format!(
                "base URL `{url}`: plain http is only allowed for loopback addresses; use https"
            )));
        }
        r
    } else {
        return Err(Error::Config(format!(
            "base URL `{url}` must start with https://"
        )));
    };
    if rest.is_empty() {
        return Err(Error::Config(format!("base URL `{url}` has no host")));
    }
    Ok(())
}

/// An async client of the API. Cheap to clone; clones share the connection pool and the
/// burst guard.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    credentials: Option<Credentials>,
    strict: bool,
    min_interval: Duration,
    read_retries: u32,
    last_start: tokio::sync::Mutex<Option<Instant>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("strict", &self.inner.strict)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client of the production API with these credentials and the default settings.
    pub fn new(credentials: Credentials) -> Result<Client, Error> {
        Client::builder().credentials(credentials).build()
    }

    /// A client with the credentials of the environment (see [`Credentials::from_env`]).
    pub fn from_env() -> Result<Client, Error> {
        Client::new(Credentials::from_env()?)
    }

    /// A builder for other settings.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The API address in use.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends a typed request and decodes its response. Usually reached through the
    /// per-module methods (`client.domain().check(...)`).
    pub async fn execute<R: Request>(&self, request: &R) -> Result<R::Response, Error> {
        self.execute_with_report(request)
            .await
            .map(Decoded::into_value)
    }

    /// [`Client::execute`], with the [`Report`](crate::decode::Report) of the fields a lenient
    /// decode filled in (missing from the response) or kept aside (unknown to the spec).
    pub async fn execute_with_report<R: Request>(
        &self,
        request: &R,
    ) -> Result<Decoded<R::Response>, Error> {
        let info = R::ACTION.info();
        let mut form = Form::new();
        request.encode(&mut form);
        let (status, bytes) = self.send_bytes(info, form.pairs()).await?;
        crate::decode::decode_body(
            info.path,
            status,
            &bytes,
            Mode::strict(self.inner.strict),
            request.variant(),
        )
    }

    /// The raw escape hatch: calls any action with form pairs and returns the untyped envelope,
    /// whether `success` is true or not. Parameters are checked against the spec first.
    pub async fn call_raw(
        &self,
        action: Action,
        params: &[(String, String)],
    ) -> Result<Envelope, Error> {
        self.send(action.info(), params).await
    }

    async fn send(
        &self,
        info: &ActionInfo,
        params: &[(String, String)],
    ) -> Result<Envelope, Error> {
        let (status, bytes) = self.send_bytes(info, params).await?;
        Envelope::parse(info.path, status, &bytes)
    }

    /// Sends the request; the HTTP status and the raw body of the answer.
    async fn send_bytes(
        &self,
        info: &ActionInfo,
        params: &[(String, String)],
    ) -> Result<(u16, bytes::Bytes), Error> {
        info.check(params).map_err(|v| {
            let (param, reason) = match v {
                Violation::Missing { param } => (param, "missing required parameter".to_owned()),
                Violation::Invalid { param, reason } => (param, reason),
            };
            Error::Invalid {
                action: info.path.to_owned(),
                param,
                reason,
            }
        })?;
        let body = {
            let mut body = form_urlencoded::Serializer::new(String::new());
            if let Some(c) = &self.inner.credentials {
                body.append_pair("apiuser", &c.user);
                body.append_pair("apipasswd", &c.password);
            }
            for (k, v) in params {
                if k != "apiuser" && k != "apipasswd" {
                    body.append_pair(k, v);
                }
            }
            body.finish()
        };
        let url = format!("{}/{}/", self.inner.base_url, info.path);
        let retries = if info.kind == Kind::Read {
            self.inner.read_retries
        } else {
            0
        };
        let mut attempt = 0;
        loop {
            self.wait_turn().await;
            let result = self
                .inner
                .http
                .post(&url)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .header(reqwest::header::ACCEPT, "application/json")
                .body(body.clone())
                .send()
                .await;
            let response = match result {
                Ok(r) => r,
                Err(e) if attempt < retries && (e.is_connect() || e.is_timeout()) => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(200 << attempt)).await;
                    continue;
                }
                Err(e) => {
                    return Err(Error::Transport {
                        action: info.path.to_owned(),
                        source: e.without_url(),
                    })
                }
            };
            let status = response.status().as_u16();
            let bytes = response.bytes().await.map_err(|e| Error::Transport {
                action: info.path.to_owned(),
                source: e.without_url(),
            })?;
            return Ok((status, bytes));
        }
    }

    /// Waits until `min_interval` has passed since the previous request started.
    async fn wait_turn(&self) {
        let mut last = self.inner.last_start.lock().await;
        if let Some(prev) = *last {
            let next = prev + self.inner.min_interval;
            let now = Instant::now();
            if next > now {
                tokio::time::sleep(next - now).await;
            }
        }
        *last = Some(Instant::now());
    }
}
