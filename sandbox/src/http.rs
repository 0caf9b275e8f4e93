//! The HTTP face: axum routes, request bodies (urlencoded and multipart), the body limit, the
//! control endpoints under `/_sandbox/`, and scripted faults.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use serde_json::{json, Value};

use crate::engine::{envelope_text, error_body, ControlError, Engine, Fault, FaultKind, Reply};
use crate::error::ApiError;

/// Largest request body accepted (413 above it).
pub const MAX_BODY: usize = 1024 * 1024;
/// How long a client may take to send its body before it is dropped (408).
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// The router of the sandbox over a shared engine.
pub fn router(engine: Arc<Engine>) -> Router {
    // Control paths answer with and without the trailing slash, like the API's.
    let mut router = Router::new();
    for slash in ["", "/"] {
        router = router
            .route(&format!("/_sandbox/faults{slash}"), any(faults))
            .route(&format!("/_sandbox/reset{slash}"), any(reset))
            .route(&format!("/_sandbox/clock{slash}"), any(clock))
            .route(&format!("/_sandbox/state{slash}"), any(state));
    }
    router = router.route("/_sandbox/openapi.json", axum::routing::get(openapi));
    router.fallback(api).with_state(engine)
}

/// The OpenAPI document of the API served (the newest spec), written by the build script.
const OPENAPI_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/openapi.json"));

/// `GET /_sandbox/openapi.json`: the OpenAPI document, without credentials (it is public).
async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        OPENAPI_JSON,
    )
        .into_response()
}

/// `module/action` of a request path, slashes trimmed.
fn action_path(uri: &Uri) -> String {
    uri.path().trim_matches('/').to_owned()
}

fn reply(r: Reply) -> Response {
    let mut response = (
        StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        r.body,
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    if let Some(secs) = r.retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

fn envelope(status: StatusCode, path: &str, e: &ApiError) -> Response {
    reply(Reply {
        status: status.as_u16(),
        retry_after: None,
        body: error_body(path, e),
    })
}

/// Reads the form of a POST: urlencoded or multipart, within the size and time limits.
async fn read_form(
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<Vec<(String, String)>, Response> {
    if method != Method::POST {
        let mut r = envelope(
            StatusCode::METHOD_NOT_ALLOWED,
            path,
            &ApiError::new(
                100,
                format!("{method} is not allowed: the API takes POST only"),
            ),
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return Err(r);
    }
    let too_large = || {
        envelope(
            StatusCode::PAYLOAD_TOO_LARGE,
            path,
            &ApiError::new(100, format!("the body is larger than {MAX_BODY} bytes")),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_large());
    }
    let bytes = match tokio::time::timeout(BODY_TIMEOUT, axum::body::to_bytes(body, MAX_BODY)).await
    {
        Err(_) => {
            return Err(envelope(
                StatusCode::REQUEST_TIMEOUT,
                path,
                &ApiError::new(100, "the body did not arrive in time"),
            ))
        }
        Ok(Err(e)) => {
            let limit = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
                || e.to_string().contains("length limit");
            return Err(if limit {
                too_large()
            } else {
                envelope(
                    StatusCode::BAD_REQUEST,
                    path,
                    &ApiError::new(100, "the body could not be read"),
                )
            });
        }
        Ok(Ok(b)) => b,
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    match BodyKind::of(content_type) {
        BodyKind::Multipart => multipart(content_type, bytes).await.map_err(|why| {
            envelope(
                StatusCode::BAD_REQUEST,
                path,
                &ApiError::new(100, format!("the multipart body is malformed: {why}")),
            )
        }),
        BodyKind::UrlEncoded => Ok(form_urlencoded::parse(&bytes)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()),
        BodyKind::Other => Ok(Vec::new()),
    }
}

/// What a request body is to PHP, by its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// `application/x-www-form-urlencoded` (any parameters, such as a charset): a form.
    UrlEncoded,
    /// `multipart/form-data` with its boundary: a form.
    Multipart,
    /// Anything else, or no `Content-Type`: PHP fills `$_POST` only from the two form types,
    /// so the API sees no parameters at all (and answers as without credentials).
    Other,
}

impl BodyKind {
    /// The kind of a body sent with this `Content-Type` header value.
    pub fn of(content_type: &str) -> BodyKind {
        match content_type.parse::<mime::Mime>() {
            Ok(m) if m.essence_str() == "application/x-www-form-urlencoded" => BodyKind::UrlEncoded,
            Ok(m) if m.essence_str() == "multipart/form-data" => BodyKind::Multipart,
            _ => BodyKind::Other,
        }
    }
}

/// The text fields of a `multipart/form-data` body (file parts are read as text too).
async fn multipart(content_type: &str, bytes: Bytes) -> Result<Vec<(String, String)>, String> {
    let boundary = multer::parse_boundary(content_type).map_err(|e| e.to_string())?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, Infallible>(bytes) });
    let mut parts = multer::Multipart::new(stream, boundary);
    let mut out = Vec::new();
    while let Some(field) = parts.next_field().await.map_err(|e| e.to_string())? {
        let name = field.name().unwrap_or("").to_owned();
        let value = field.text().await.map_err(|e| e.to_string())?;
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    Ok(out)
}

/// An API call: `POST /{module}/{action}[/]`.
async fn api(
    State(engine): State<Arc<Engine>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let path = action_path(&uri);
    engine.count_hit(&path);
    let form = match read_form(&method, &path, &headers, body).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let user = match engine.authenticate(&form) {
        Ok(u) => u,
        Err(e) => return envelope(StatusCode::OK, &path, &e),
    };
    match engine.take_fault(&user, &path) {
        Some(FaultKind::ErrorCode(code)) => {
            return envelope(
                StatusCode::OK,
                &path,
                &ApiError::new(code, "fault injected by the sandbox"),
            )
        }
        Some(FaultKind::HttpStatus {
            status,
            retry_after,
        }) => {
            return reply(Reply {
                status,
                retry_after,
                body: error_body(
                    &path,
                    &ApiError::new(1, format!("HTTP {status} injected by the sandbox")),
                ),
            })
        }
        Some(FaultKind::Body(text)) => {
            return reply(Reply {
                status: 200,
                retry_after: None,
                body: text,
            })
        }
        Some(FaultKind::Delay(d)) => tokio::time::sleep(d).await,
        None => {}
    }
    // The engine works synchronously under one lock; keep it off the async workers.
    let answer = tokio::task::spawn_blocking(move || engine.call(&user, &path, &form)).await;
    match answer {
        Ok(r) => reply(r),
        Err(_) => envelope(
            StatusCode::INTERNAL_SERVER_ERROR,
            &action_path(&uri),
            &ApiError::new(1, "the sandbox failed on this request"),
        ),
    }
}

/// A control endpoint's answer: the envelope with `responseData`, or the error.
fn control_reply(path: &str, out: Result<Value, ControlError>) -> Response {
    match out {
        Ok(data) => reply(Reply {
            status: 200,
            retry_after: None,
            body: envelope_text(path, dondominio::ErrorCode::from_code(0), Vec::new(), data),
        }),
        Err(ControlError::Credentials | ControlError::NoAccount(_)) => envelope(
            StatusCode::OK,
            path,
            &ApiError::new(201, "invalid user or password"),
        ),
        Err(ControlError::Invalid(why)) => envelope(StatusCode::OK, path, &ApiError::new(105, why)),
        Err(ControlError::Persist(why)) => envelope(StatusCode::OK, path, &ApiError::new(1, why)),
    }
}

/// Runs a control call: reads the form, checks credentials, applies `f`.
async fn control(
    engine: Arc<Engine>,
    request: Request,
    f: impl FnOnce(&Engine, &str, &str, &[(String, String)]) -> Result<Value, ControlError>
        + Send
        + 'static,
) -> Response {
    let (parts, body) = request.into_parts();
    let path = action_path(&parts.uri);
    let form = match read_form(&parts.method, &path, &parts.headers, body).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let get = |k: &str| {
        form.iter()
            .rev()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (user, password) = (get("apiuser"), get("apipasswd"));
    let p = path.clone();
    let out = tokio::task::spawn_blocking(move || f(&engine, &user, &password, &form))
        .await
        .unwrap_or_else(|_| {
            Err(ControlError::Invalid(
                "the sandbox failed on this request".into(),
            ))
        });
    control_reply(&p, out)
}

fn field<'a>(form: &'a [(String, String)], key: &str) -> Option<&'a str> {
    form.iter()
        .rev()
        .find(|(k, v)| k == key && !v.is_empty())
        .map(|(_, v)| v.as_str())
}

fn number<T: std::str::FromStr>(
    form: &[(String, String)],
    key: &str,
) -> Result<Option<T>, ControlError> {
    field(form, key)
        .map(|v| {
            v.trim()
                .parse()
                .map_err(|_| ControlError::Invalid(format!("`{key}` must be a whole number")))
        })
        .transpose()
}

/// Parses the fault a `/_sandbox/faults` form describes.
pub fn parse_fault(form: &[(String, String)]) -> Result<(String, Fault), ControlError> {
    let action = field(form, "action")
        .ok_or_else(|| ControlError::Invalid("`action` (module/action) is required".into()))?
        .trim_matches('/')
        .to_owned();
    let times = number::<u32>(form, "times")?.unwrap_or(1);
    let retry_after = number::<u64>(form, "retryAfter")?;
    let mut kinds = Vec::new();
    if let Some(code) = number::<i64>(form, "errorCode")? {
        kinds.push(FaultKind::ErrorCode(code));
    }
    if let Some(status) = number::<u16>(form, "httpStatus")? {
        kinds.push(FaultKind::HttpStatus {
            status,
            retry_after,
        });
    }
    if let Some(ms) = number::<u64>(form, "delayMs")? {
        kinds.push(FaultKind::Delay(Duration::from_millis(ms.min(600_000))));
    }
    if let Some(text) = form.iter().rev().find(|(k, _)| k == "body") {
        kinds.push(FaultKind::Body(text.1.clone()));
    }
    match (kinds.pop(), kinds.is_empty()) {
        (Some(kind), true) => Ok((action, Fault { kind, times })),
        _ => Err(ControlError::Invalid(
            "give exactly one of errorCode, httpStatus, delayMs, body".into(),
        )),
    }
}

async fn faults(State(engine): State<Arc<Engine>>, request: Request) -> Response {
    control(engine, request, |engine, user, password, form| {
        engine.check_password(user, password)?;
        let (action, fault) = parse_fault(form)?;
        let times = fault.times;
        engine.inject_fault(user, &action, fault)?;
        Ok(json!({ "action": action, "times": times }))
    })
    .await
}

async fn reset(State(engine): State<Arc<Engine>>, request: Request) -> Response {
    control(engine, request, |engine, user, password, _| {
        engine.check_password(user, password)?;
        engine.reset(user)?;
        Ok(json!({}))
    })
    .await
}

async fn clock(State(engine): State<Arc<Engine>>, request: Request) -> Response {
    control(engine, request, |engine, user, password, form| {
        engine.check_password(user, password)?;
        let days = number::<i64>(form, "days")?
            .ok_or_else(|| ControlError::Invalid("`days` is required".into()))?;
        let (today, offset) = engine.advance_clock(user, days)?;
        Ok(json!({ "today": today.to_string(), "offsetDays": offset }))
    })
    .await
}

async fn state(State(engine): State<Arc<Engine>>, request: Request) -> Response {
    control(engine, request, |engine, user, password, _| {
        engine.check_password(user, password)?;
        let account = engine.account(user).ok_or(ControlError::Credentials)?;
        serde_json::to_value(account)
            .map_err(|e| ControlError::Invalid(format!("cannot encode the state: {e}")))
    })
    .await
}
