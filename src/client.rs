//! The HTTP client: credentials, configuration, sending, retries and the burst guard.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::decode::{Decoded, Mode, ResponseData};
use crate::envelope::Envelope;
use crate::meta::{ActionInfo, Kind};
use crate::wire::Form;
use crate::{Action, Error};

use tracing::Instrument;

/// Environment variable holding the API user name.
pub const ENV_USER: &str = "DONDOMINIO_API_USER";
/// Environment variable holding the API password.
pub const ENV_PASSWORD: &str = "DONDOMINIO_API_PASSWD";
/// Environment variable holding the API address, read by [`Client::from_env`] and
/// [`ClientBuilder::from_env`]: unset or empty means the production API. It follows the same
/// rules as [`ClientBuilder::base_url`] (plain `http` for loopback only, no user info...), so a
/// program under test is pointed at a sandbox with `DONDOMINIO_BASE_URL=http://127.0.0.1:PORT`.
pub const ENV_BASE_URL: &str = "DONDOMINIO_BASE_URL";

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

/// A call of one action being built: the client that will send it and the parameters set so
/// far. Each action's request type (`domain::ListRequest`, ...) is this type for its parameters,
/// with a setter per optional parameter; `.send().await` (or just `.await`) sends it.
///
/// One generic type rather than one struct per action: sending, the parameters accessor and
/// the `IntoFuture` impl are written and type-checked once, and compiled only for the actions a
/// program calls.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug, Clone)]
pub struct Call<'c, P> {
    pub(crate) client: &'c Client,
    pub(crate) params: P,
}

impl<'c, P: Request> Call<'c, P> {
    /// The parameters as set so far.
    pub fn params(&self) -> &P {
        &self.params
    }

    /// The request this call would send, without sending it: the URL, the action's kind and
    /// the form pairs, the password redacted. The parameter checks of sending run first, so a
    /// call with a missing or malformed parameter is refused here too, with the same error. The
    /// billable guard does not apply (a dry run sends nothing): a client built with
    /// `allow_billable(false)` previews the purchases it would refuse.
    pub fn preview(&self) -> Result<Preview, Error> {
        self.client.preview(&self.params)
    }

    /// Sends the request and decodes the response.
    #[inline]
    pub async fn send(self) -> Result<P::Response, Error> {
        self.client.execute(&self.params).await
    }
}

impl<'c, P> Call<'c, P>
where
    P: crate::paging::Paged + 'c,
    P::Item: 'c,
{
    /// Every item of every page from the current one on, collected: the
    /// [`items()`](crate::paging::items) stream walked to its end, or its first error.
    pub async fn all_items(self) -> Result<Vec<P::Item>, Error> {
        use futures_util::TryStreamExt;
        crate::paging::items(self.client, self.params)
            .try_collect()
            .await
    }
}

/// What a call would send ([`Call::preview`]): nothing in it holds the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The action.
    pub action: Action,
    /// Whether it reads, writes or costs money.
    pub kind: Kind,
    /// The URL the form is posted to.
    pub url: String,
    /// The form pairs in the order sent, `apipasswd` as `<redacted>`.
    pub form: Vec<(String, String)>,
}

impl std::fmt::Display for Preview {
    /// `POST URL` and the urlencoded body, password redacted.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut body = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.form {
            body.append_pair(k, v);
        }
        write!(f, "POST {}\n{}", self.url, body.finish())
    }
}

impl<'c, P> std::future::IntoFuture for Call<'c, P>
where
    P: Request + Send + Sync + 'c,
{
    type Output = Result<P::Response, Error>;
    type IntoFuture = crate::BoxFuture<'c, Self::Output>;

    #[inline]
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Parameters `P` of an action whose response depends on a selector parameter (`infoType`),
/// with the response type `R` chosen: the variant's own struct when the selector was set
/// with a typed setter (`.info_type_status()` gives `Selected<ListParams, ListStatus>`), or
/// the enum of every variant when it was set with a value only known at run time
/// (`.info_type(value)`).
///
/// It derefs to `P`, so the setters of the other parameters still work after the selector's.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected<P, R> {
    params: P,
    response: std::marker::PhantomData<fn() -> R>,
}

impl<P, R> Selected<P, R> {
    /// `params`, answered as `R`. The generated selector setters are the way to build one:
    /// they also set the selector's value that goes with `R`.
    // Unused when only modules without a variant response are built (`--features tool`).
    #[allow(dead_code)]
    pub(crate) fn new(params: P) -> Self {
        Selected {
            params,
            response: std::marker::PhantomData,
        }
    }

    /// The parameters.
    pub fn into_params(self) -> P {
        self.params
    }
}

impl<P, R> std::ops::Deref for Selected<P, R> {
    type Target = P;
    fn deref(&self) -> &P {
        &self.params
    }
}

impl<P, R> std::ops::DerefMut for Selected<P, R> {
    fn deref_mut(&mut self) -> &mut P {
        &mut self.params
    }
}

impl<P: Request, R: ResponseData> Request for Selected<P, R> {
    type Response = R;
    const ACTION: Action = P::ACTION;
    fn encode(&self, form: &mut Form) {
        self.params.encode(form);
    }
    fn variant(&self) -> Option<&str> {
        self.params.variant()
    }
}

/// The default overall deadline of one call ([`ClientBuilder::deadline`]).
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(30);
/// The default cap on the size of a response body ([`ClientBuilder::max_response_bytes`]):
/// 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;

/// Builds a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    credentials: Option<Credentials>,
    timeout: Duration,
    deadline: Duration,
    max_response_bytes: u64,
    user_agent: String,
    strict: bool,
    min_interval: Duration,
    read_retries: u32,
    allow_billable: bool,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: crate::DEFAULT_BASE_URL.to_owned(),
            credentials: None,
            timeout: Duration::from_secs(30),
            deadline: DEFAULT_DEADLINE,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            user_agent: concat!("dondominio-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
            strict: false,
            min_interval: Duration::from_millis(250),
            read_retries: 2,
            allow_billable: true,
        }
    }
}

impl ClientBuilder {
    /// A builder with the credentials of the environment ([`Credentials::from_env`]) and,
    /// when [`ENV_BASE_URL`] (`DONDOMINIO_BASE_URL`) is set and not empty, its base URL;
    /// checked by [`build`](Self::build) like any other. Other settings can follow.
    pub fn from_env() -> Result<ClientBuilder, Error> {
        let builder = Client::builder().credentials(Credentials::from_env()?);
        Ok(match std::env::var(ENV_BASE_URL) {
            Ok(url) if !url.trim().is_empty() => builder.base_url(url.trim()),
            _ => builder,
        })
    }

    /// The API address (default: the production API). Checked by [`build`](Self::build) on
    /// the parsed URL: `https://` is always accepted; plain `http://` only when the host is
    /// literally a loopback IP (127.0.0.0/8, `[::1]`) or `localhost`, so credentials never
    /// travel unencrypted; a user name or password (`user@host`), a query or a fragment are
    /// refused. See [`UrlRule`](crate::UrlRule).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into().trim_end_matches('/').to_owned();
        self
    }
    /// The credentials sent with every request (required: [`build`](Self::build) fails
    /// with [`Error::MissingCredentials`] without them).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }
    /// Timeout of one HTTP attempt, from sending to the end of the body (default 30 s). An
    /// attempt also ends at the call's [`deadline`](Self::deadline), whichever comes first; a
    /// timed-out attempt of a read action is retried while the deadline allows.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    /// Overall deadline of one call (default 30 s): every attempt, every wait between
    /// attempts (backoff, `Retry-After`, the burst guard) fits in it. When it passes the call
    /// fails with [`Error::Timeout`]. A silent server ends a call within this time, however
    /// many retries are allowed.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }
    /// Largest response body accepted, in bytes (default 32 MiB). A larger `Content-Length`
    /// is refused before reading; a body without one is read in chunks and dropped as soon as
    /// it passes the cap. Either way the call fails with [`Error::TooLarge`].
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = bytes;
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
    /// How often a read-only action ([`Kind::Read`]) is retried (default 2, so at most 3
    /// attempts), within the [`deadline`](Self::deadline). Retried: connection failures,
    /// timed-out attempts, and HTTP 429, 502, 503 and 504, after the server's `Retry-After`
    /// (seconds or an HTTP date, capped at 60 s) or else an exponential backoff with jitter
    /// (from 250 ms, doubling, at most 8 s). When the wait would pass the deadline, the call
    /// ends at once with the last error. Redirects, oversized bodies and other answers are
    /// not retried.
    /// Actions that change state or cost money are never retried, whatever the answer.
    pub fn read_retries(mut self, retries: u32) -> Self {
        self.read_retries = retries;
        self
    }
    /// Whether actions that cost money ([`Kind::Billable`]: registering, renewing,
    /// transferring...) may be sent (default `true`). With `false`, such a call is refused
    /// before anything is sent, with [`Error::BillableRefused`]; a single call can still be
    /// allowed through [`Client::allowing_billable`]. Reads and other writes are unaffected.
    pub fn allow_billable(mut self, allow: bool) -> Self {
        self.allow_billable = allow;
        self
    }

    /// Builds the client. Fails, before any request, on a base URL that breaks a rule
    /// ([`Error::BaseUrl`]) and without credentials ([`Error::MissingCredentials`]).
    pub fn build(self) -> Result<Client, Error> {
        let url = crate::url_rules::check(&self.base_url)?;
        let credentials = match self.credentials {
            Some(c) if !c.user.is_empty() && !c.password.is_empty() => c,
            _ => return Err(Error::MissingCredentials),
        };
        let mut http = reqwest::Client::builder()
            .user_agent(self.user_agent)
            // Never follow a redirect: the body holds the password, and a 307/308 would
            // re-send it to whatever host the server names.
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .https_only(url.scheme() == "https");
        if url.scheme() == "http" {
            // A plain-http body must reach the loopback host itself, not a proxy named by
            // the environment. (Over https a proxy only tunnels the encrypted stream.)
            http = http.no_proxy();
        }
        let http = http
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            allow_billable: self.allow_billable,
            inner: Arc::new(Inner {
                http,
                base_url: url.as_str().trim_end_matches('/').to_owned(),
                credentials,
                strict: self.strict,
                timeout: self.timeout,
                deadline: self.deadline,
                max_response_bytes: self.max_response_bytes,
                min_interval: self.min_interval,
                read_retries: self.read_retries,
                last_start: tokio::sync::Mutex::new(None),
            }),
        })
    }
}

/// An async client of the API. Cheap to clone; clones share the connection pool and the
/// burst guard.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// Whether billable actions may be sent by this handle (see
    /// [`ClientBuilder::allow_billable`]); the one setting a clone may change.
    allow_billable: bool,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
    strict: bool,
    timeout: Duration,
    deadline: Duration,
    max_response_bytes: u64,
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
            .field("timeout", &self.inner.timeout)
            .field("deadline", &self.inner.deadline)
            .field("allow_billable", &self.allow_billable)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client of the production API with these credentials and the default settings.
    pub fn new(credentials: Credentials) -> Result<Client, Error> {
        Client::builder().credentials(credentials).build()
    }

    /// A client with the credentials and the base URL of the environment
    /// (`DONDOMINIO_API_USER`, `DONDOMINIO_API_PASSWD`, and `DONDOMINIO_BASE_URL` when set;
    /// see [`ClientBuilder::from_env`]) and the default settings.
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env()?.build()
    }

    /// This client, allowed to send billable actions whatever its builder said: for the one
    /// call (or the few) a program has decided to pay for. It shares the connection pool and
    /// the burst guard with `self`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = dondominio_sandbox::Sandbox::start()?;
    /// let client = dondominio::Client::builder()
    ///     .base_url(sandbox.url())
    ///     .credentials(dondominio::Credentials::new("sandbox", "sandbox"))
    ///     .allow_billable(false)
    ///     .build()?;
    /// let info = client.domain().getinfo("example.org").await?; // reads go through
    /// let refused = client.domain().renew("example.org", info.ts_expir).await;
    /// assert!(matches!(refused, Err(dondominio::Error::BillableRefused { .. })));
    /// // Decided: this renewal is paid for.
    /// client.allowing_billable().domain().renew("example.org", info.ts_expir).await?;
    /// # Ok(()) }
    /// ```
    pub fn allowing_billable(&self) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            allow_billable: true,
        }
    }

    /// Whether this client sends billable actions ([`ClientBuilder::allow_billable`]).
    pub fn allows_billable(&self) -> bool {
        self.allow_billable
    }

    /// What sending `request` would post, password redacted, without sending it (see
    /// [`Call::preview`]).
    pub fn preview<R: Request>(&self, request: &R) -> Result<Preview, Error> {
        let info = R::ACTION.info();
        let mut form = Form::new();
        request.encode(&mut form);
        info.check(form.pairs())
            .map_err(|v| v.into_error(info.path))?;
        let mut pairs = vec![
            ("apiuser".to_owned(), self.inner.credentials.user.clone()),
            ("apipasswd".to_owned(), "<redacted>".to_owned()),
        ];
        pairs.extend(
            form.pairs()
                .iter()
                .filter(|(k, _)| k != "apiuser" && k != "apipasswd")
                .cloned(),
        );
        Ok(Preview {
            action: R::ACTION,
            kind: info.kind,
            url: self.url_of(info),
            form: pairs,
        })
    }

    /// The checks that refuse a call before sending: its parameters, and the billable guard.
    fn refuse(&self, info: &ActionInfo, params: &[(String, String)]) -> Result<(), Error> {
        info.check(params).map_err(|v| v.into_error(info.path))?;
        if info.kind == Kind::Billable && !self.allow_billable {
            return Err(Error::BillableRefused {
                action: info.path.to_owned(),
            });
        }
        Ok(())
    }

    fn url_of(&self, info: &ActionInfo) -> String {
        format!("{}/{}/", self.inner.base_url, info.path)
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

    /// Sends the request (retrying reads within the deadline); the HTTP status and the raw
    /// body of the final answer, left to the caller to decode once.
    async fn send_bytes(
        &self,
        info: &ActionInfo,
        params: &[(String, String)],
    ) -> Result<(u16, Vec<u8>), Error> {
        self.refuse(info, params)?;
        let body = {
            let mut body = form_urlencoded::Serializer::new(String::new());
            let c = &self.inner.credentials;
            body.append_pair("apiuser", &c.user);
            body.append_pair("apipasswd", &c.password);
            for (k, v) in params {
                if k != "apiuser" && k != "apipasswd" {
                    body.append_pair(k, v);
                }
            }
            body.finish()
        };
        let span = tracing::info_span!(
            "dondominio.call",
            action = info.path,
            kind = info.kind.as_str(),
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        self.attempts(info, body).instrument(span).await
    }

    /// Sends `body` until an answer, a final failure or the deadline; retries read actions only.
    async fn attempts(&self, info: &ActionInfo, body: String) -> Result<(u16, Vec<u8>), Error> {
        let inner = &self.inner;
        let url = self.url_of(info);
        let retries = if info.kind == Kind::Read {
            inner.read_retries
        } else {
            0
        };
        let started = tokio::time::Instant::now();
        let deadline = later(started, inner.deadline);
        let span = tracing::Span::current();
        let mut attempt: u32 = 0;
        let mut last_status = None;
        let result = loop {
            if tokio::time::Instant::now() >= deadline {
                // No time left to start an attempt (a zero deadline, or a slow burst guard).
                break Err(Error::Timeout {
                    action: info.path.to_owned(),
                    elapsed: started.elapsed(),
                    attempts: attempt,
                });
            }
            attempt += 1;
            let attempt_start = tokio::time::Instant::now();
            let attempt_end = later(attempt_start, inner.timeout).min(deadline);
            let attempt_span = tracing::debug_span!(
                "dondominio.attempt",
                attempt,
                status = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            );
            let outcome = tokio::time::timeout_at(
                attempt_end,
                self.attempt(info, &url, &body)
                    .instrument(attempt_span.clone()),
            )
            .await;
            attempt_span.record("duration_ms", millis(attempt_start.elapsed()));
            let timed_out = || Error::Timeout {
                action: info.path.to_owned(),
                elapsed: started.elapsed(),
                attempts: attempt,
            };
            // What the call returns if it stops here, whether it may be retried, and the
            // wait the server asked for.
            let (stop, retryable, asked_wait) = match outcome {
                Err(_) => (Err(timed_out()), true, None),
                Ok(Err(e)) => {
                    if let Error::Redirect { status, .. } = e {
                        last_status = Some(status);
                    }
                    let retryable = matches!(&e, Error::Transport { source, .. } if
                        source.is_connect() || source.is_timeout() || source.is_request() || source.is_body());
                    (Err(e), retryable, None)
                }
                Ok(Ok(answer)) => {
                    last_status = Some(answer.status);
                    let retryable = crate::retry::retryable_status(answer.status);
                    (
                        Ok((answer.status, answer.bytes)),
                        retryable,
                        answer.retry_after,
                    )
                }
            };
            if !retryable || attempt > retries {
                break stop;
            }
            let wait = asked_wait.unwrap_or_else(|| crate::retry::backoff(attempt));
            let now = tokio::time::Instant::now();
            if now + wait >= deadline {
                tracing::debug!(
                    wait_ms = millis(wait),
                    "not retrying: the wait would pass the deadline"
                );
                // An attempt cut short by the deadline itself is a timeout of the call.
                break if now >= deadline {
                    Err(timed_out())
                } else {
                    stop
                };
            }
            let reason = match (&stop, last_status) {
                (Err(e), _) => e.to_string(),
                (Ok(_), Some(status)) => format!("HTTP {status}"),
                (Ok(_), None) => String::new(),
            };
            tracing::info!(
                attempt,
                wait_ms = millis(wait),
                reason = %reason,
                "retrying a read action"
            );
            tokio::time::sleep(wait).await;
        };
        if let Some(status) = last_status {
            span.record("status", status);
        }
        span.record("attempts", attempt);
        span.record("duration_ms", millis(started.elapsed()));
        result
    }

    /// One HTTP exchange: waits for the burst guard, posts, reads the body under the cap.
    async fn attempt(&self, info: &ActionInfo, url: &str, body: &str) -> Result<Answer, Error> {
        let inner = &self.inner;
        let transport = |e: reqwest::Error| Error::Transport {
            action: info.path.to_owned(),
            source: e.without_url(),
        };
        self.wait_turn().await;
        let mut response = inner
            .http
            .post(url)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body.to_owned())
            .send()
            .await
            .map_err(transport)?;
        let status = response.status().as_u16();
        tracing::Span::current().record("status", status);
        tracing::debug!(status, "answer");
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|v| truncate(String::from_utf8_lossy(v.as_bytes()).into_owned(), 2048));
            return Err(Error::Redirect {
                action: info.path.to_owned(),
                status,
                location,
            });
        }
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| crate::retry::retry_after(v, std::time::SystemTime::now()));
        let limit = inner.max_response_bytes;
        let content_length = response.content_length();
        let too_large = || Error::TooLarge {
            action: info.path.to_owned(),
            limit,
            content_length,
        };
        if content_length.is_some_and(|len| len > limit) {
            return Err(too_large());
        }
        let capacity = content_length.unwrap_or(0).min(limit).min(1 << 20);
        let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if (bytes.len() + chunk.len()) as u64 > limit {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Answer {
            status,
            retry_after,
            bytes,
        })
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

/// What one attempt got back.
struct Answer {
    status: u16,
    retry_after: Option<Duration>,
    bytes: Vec<u8>,
}

/// `t + d`, or a time decades away when that does not fit (a "no limit" duration).
fn later(t: tokio::time::Instant, d: Duration) -> tokio::time::Instant {
    t.checked_add(d)
        .or_else(|| t.checked_add(Duration::from_secs(30 * 365 * 86_400)))
        .unwrap_or(t)
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// `s` cut to at most `max` bytes, on a character boundary.
fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}
