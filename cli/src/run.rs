//! One call from the command line: credentials or the embedded server, the billable guard,
//! dry runs, paging with `--all`, and printing the response.

use dondominio::meta::{ActionInfo, Kind};
use dondominio::{decode_response, Action, Client, Credentials, DecodeOptions};
use serde_json::Value;
use std::any::Any;
use std::io::IsTerminal;

use crate::options::{Options, Output};
use crate::out::{self, sanitize, Failure};
use crate::params;

/// The server used without credentials, running until `guard` is dropped.
struct Embedded {
    guard: Box<dyn Any>,
    url: String,
    credentials: Credentials,
    /// What to call it on stderr.
    name: &'static str,
}

/// Starts the embedded server: the sandbox with its default account and demo data set. The
/// only place that knows which server is embedded.
fn start_embedded() -> Result<Embedded, String> {
    let sandbox = dondominio_sandbox::Sandbox::start().map_err(|e| e.to_string())?;
    Ok(Embedded {
        url: sandbox.url(),
        guard: Box::new(sandbox),
        credentials: Credentials::new(
            dondominio_sandbox::DEFAULT_USER,
            dondominio_sandbox::DEFAULT_PASSWORD,
        ),
        name: "sandbox (demo data set)",
    })
}

/// Where requests go: credentials and address, and the embedded server if one was started.
struct Target {
    credentials: Option<Credentials>,
    base_url: Option<String>,
    _embedded: Option<Box<dyn Any>>,
}

/// Credentials from the environment, or the embedded server when there are none. A
/// `--base-url` without credentials is refused rather than silently replaced.
fn target(opts: &Options, start: bool) -> Result<Target, Failure> {
    match Credentials::from_env() {
        Ok(c) => Ok(Target {
            credentials: Some(c),
            base_url: opts.base_url.clone(),
            _embedded: None,
        }),
        Err(_) if opts.base_url.is_some() => Err(Failure::usage(format!(
            "--base-url needs credentials: set {} and {} (without them and without --base-url, \
             calls go to the embedded test server)",
            dondominio::ENV_USER,
            dondominio::ENV_PASSWORD
        ))),
        Err(_) if !start => Ok(Target {
            credentials: None,
            base_url: None,
            _embedded: None,
        }),
        Err(_) => {
            let e = start_embedded().map_err(Failure::failed)?;
            out::stderr(&format!(
                "note: {} / {} are not set: using the embedded {} at {} \
                 (nothing reaches the real API)",
                dondominio::ENV_USER,
                dondominio::ENV_PASSWORD,
                e.name,
                e.url
            ));
            Ok(Target {
                credentials: Some(e.credentials),
                base_url: Some(e.url),
                _embedded: Some(e.guard),
            })
        }
    }
}

/// Calls `action` with `pairs` as the options say, and prints the result.
pub fn call(action: Action, pairs: Vec<(String, String)>, opts: &Options) -> Result<(), Failure> {
    let info = action.info();
    let mut pairs = params::normalize(info, pairs)?;
    if opts.all && !info.paged {
        return Err(Failure::usage(format!(
            "--all: {} is not a paged listing",
            info.path
        )));
    }
    if opts.all && !pairs.iter().any(|(k, _)| k == "page") {
        pairs.push(("page".into(), "1".into()));
    }
    info.check(&pairs)
        .map_err(|v| Failure::failed(format!("{}: request refused: {v}", info.path)))?;
    if opts.dry_run {
        let target = target(opts, false)?;
        return dry_run(info, &pairs, &target, opts);
    }
    confirm_billable(info, opts)?;
    let target = target(opts, true)?;
    let strict = opts.strict.strict;
    let mut builder = Client::builder().strict(strict);
    if let Some(c) = target.credentials.clone() {
        builder = builder.credentials(c);
    }
    if let Some(url) = &target.base_url {
        builder = builder.base_url(url.clone());
    }
    // The limit of the whole call: each attempt (the client's per-attempt timeout) ends at
    // it at the latest, and no retry starts after it.
    if let Some(t) = opts.timeout {
        builder = builder.deadline(t);
    }
    let client = builder
        .build()
        .map_err(|e| Failure::usage(sanitize(&e.to_string())))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start the async runtime: {e}")))?;
    let value = if opts.all {
        runtime.block_on(all_pages(&client, info, pairs, strict))?
    } else {
        runtime.block_on(one(&client, info, &pairs, strict))?
    };
    print(&value, info, opts)
}

/// Billable actions need a yes: asked on a terminal, `--yes` otherwise.
fn confirm_billable(info: &ActionInfo, opts: &Options) -> Result<(), Failure> {
    if info.kind != Kind::Billable || opts.yes {
        return Ok(());
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Failure::usage(format!(
            "{} costs money: pass --yes to confirm (there is no terminal to ask on)",
            info.path
        )));
    }
    {
        use std::io::Write;
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{} costs money. Go ahead? [y/N] ", info.path);
        let _ = err.flush();
    }
    let mut answer = String::new();
    stdin
        .read_line(&mut answer)
        .map_err(|e| Failure::failed(format!("cannot read the answer: {e}")))?;
    if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(Failure::failed(format!(
            "{}: not confirmed; nothing sent",
            info.path
        )))
    }
}

/// The request as it would be sent, the password redacted.
fn dry_run(
    info: &ActionInfo,
    pairs: &[(String, String)],
    target: &Target,
    opts: &Options,
) -> Result<(), Failure> {
    let base = target
        .base_url
        .clone()
        .unwrap_or_else(|| match &target.credentials {
            Some(_) => dondominio::DEFAULT_BASE_URL.to_owned(),
            None => "<embedded server>".to_owned(),
        });
    let url = format!("{}/{}/", base.trim_end_matches('/'), info.path);
    let mut form: Vec<(String, String)> = Vec::new();
    match &target.credentials {
        Some(c) => {
            form.push(("apiuser".into(), c.user().to_owned()));
            form.push(("apipasswd".into(), "<redacted>".into()));
        }
        None => {
            form.push(("apiuser".into(), "<embedded server's>".into()));
            form.push(("apipasswd".into(), "<redacted>".into()));
        }
    }
    form.extend(pairs.iter().cloned());
    if opts.output == Some(Output::Json) {
        let value = serde_json::json!({
            "action": info.path,
            "kind": info.kind.as_str(),
            "url": url,
            "form": form.iter().map(|(k, v)| serde_json::json!([k, v])).collect::<Vec<_>>(),
        });
        return out::stdout(&out::json(&value)?);
    }
    let mut text = format!(
        "dry run: {} ({}), nothing sent\nPOST {}\n",
        info.path,
        info.kind.as_str(),
        sanitize(&url)
    );
    for (k, v) in &form {
        text.push_str(&format!("{}={}\n", sanitize(k), sanitize(v)));
    }
    out::stdout(&text)
}

/// One request: the typed response as JSON.
async fn one(
    client: &Client,
    info: &ActionInfo,
    pairs: &[(String, String)],
    strict: bool,
) -> Result<Value, Failure> {
    let envelope = client
        .call_raw(info.action, pairs)
        .await
        .map_err(|e| Failure::failed(sanitize(&e.to_string())))?;
    let variant = info.selector.and_then(|s| {
        dondominio::rules::form::last_value(pairs, s.param)
            .or(s.default)
            .map(str::to_owned)
    });
    let options = DecodeOptions {
        strict,
        variant: variant.filter(|v| info.variants.contains(&v.as_str())),
    };
    let response = decode_response(info.action, envelope.body.as_bytes(), &options)
        .map_err(|e| Failure::failed(sanitize(&e.to_string())))?;
    serde_json::to_value(&response)
        .map_err(|e| Failure::failed(format!("cannot print the response as JSON: {e}")))
}

/// Every page of a listing, from the `page` given on, walked by the client's
/// [`dondominio::paging::pages`] (empty page, `queryInfo.total` and the page cap as there):
/// the first page's response with the items of all pages.
async fn all_pages(
    client: &Client,
    info: &ActionInfo,
    pairs: Vec<(String, String)>,
    strict: bool,
) -> Result<Value, Failure> {
    use futures_util::StreamExt;

    let items_key = info
        .paged_items
        .ok_or_else(|| Failure::usage(format!("--all: {} is not a paged listing", info.path)))?;
    let items_of = |value: &Value| -> Vec<Value> {
        value
            .get(items_key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let total_of = |value: &Value| {
        value
            .get("queryInfo")
            .and_then(|q| q.get("total"))
            .and_then(Value::as_i64)
    };
    let progress = std::io::stderr().is_terminal();
    let first_page: i64 = dondominio::rules::form::last_value(&pairs, "page")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1);
    let pairs = &pairs;
    let fetch = |page: i64| {
        let mut pairs = pairs.clone();
        for (k, v) in pairs.iter_mut() {
            if k == "page" {
                *v = page.to_string();
            }
        }
        async move { one(client, info, &pairs, strict).await.map(|v| (page, v)) }
    };
    let size = |(_, value): &(i64, Value)| {
        let len = value
            .get(items_key)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        (total_of(value), len)
    };
    let too_many = |pages| {
        let e = dondominio::Error::TooManyPages {
            action: info.path.to_owned(),
            pages,
        };
        Failure::failed(sanitize(&e.to_string()))
    };
    let mut walk = dondominio::paging::pages(first_page, fetch, size, too_many);
    let mut first: Option<Value> = None;
    let mut items: Vec<Value> = Vec::new();
    while let Some(page) = walk.next().await {
        let (number, value) = page?;
        items.extend(items_of(&value));
        if progress {
            let of = total_of(&value)
                .map(|t| format!(" of {t}"))
                .unwrap_or_default();
            out::stderr(&format!("page {number}: {} items{of}", items.len()));
        }
        first.get_or_insert(value);
    }
    let mut merged = first.unwrap_or(Value::Null);
    if let Some(o) = merged.as_object_mut() {
        o.insert(items_key.to_owned(), Value::Array(items));
    }
    Ok(merged)
}

fn print(value: &Value, info: &ActionInfo, opts: &Options) -> Result<(), Failure> {
    if opts.output == Some(Output::Table) {
        out::stdout(&out::table(value, info.paged_items))
    } else {
        out::stdout(&out::json(value)?)
    }
}
