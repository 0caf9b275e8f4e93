//! One call from the command line: credentials or the embedded server, the billable guard,
//! dry runs, paging with `--all`, and printing the response.

use std::any::Any;
use std::io::IsTerminal;
use std::time::Duration;

use clap::ArgMatches;
use dondominio::meta::{ActionInfo, Kind};
use dondominio::{decode_response, Action, Client, Credentials, DecodeOptions};
use serde_json::Value;

use crate::out::{self, sanitize, Failure};
use crate::params;

/// The call options as given.
pub struct Options {
    strict: bool,
    base_url: Option<String>,
    timeout: Option<Duration>,
    dry_run: bool,
    yes: bool,
    all: bool,
    table: bool,
    json: bool,
}

impl Options {
    /// The options of a `call` or action subcommand.
    pub fn from_matches(m: &ArgMatches) -> Options {
        let output = m.get_one::<String>("output").map(String::as_str);
        Options {
            strict: m.get_flag("strict"),
            base_url: m.get_one::<String>("base-url").cloned(),
            timeout: m.get_one::<Duration>("timeout").copied(),
            dry_run: m.get_flag("dry-run"),
            yes: m.get_flag("yes"),
            all: m.get_flag("all"),
            table: output == Some("table"),
            json: output == Some("json"),
        }
    }
}

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
    let mut builder = Client::builder().strict(opts.strict);
    if let Some(c) = target.credentials.clone() {
        builder = builder.credentials(c);
    }
    if let Some(url) = &target.base_url {
        builder = builder.base_url(url.clone());
    }
    if let Some(t) = opts.timeout {
        builder = builder.timeout(t);
    }
    let client = builder
        .build()
        .map_err(|e| Failure::usage(sanitize(&e.to_string())))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start the async runtime: {e}")))?;
    let value = if opts.all {
        runtime.block_on(all_pages(&client, info, pairs, opts.strict))?
    } else {
        runtime.block_on(one(&client, info, &pairs, opts.strict))?
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
    if opts.json {
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
        pairs
            .iter()
            .find(|(k, _)| k == s.param)
            .map(|(_, v)| v.clone())
            .or(s.default.map(str::to_owned))
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

/// A bound on `--all`, against a server that never sends an empty page or a total.
const MAX_PAGES: usize = 100_000;

/// Every page of a listing, from the `page` given on: the first page's response with the items
/// of all pages. Stops on an empty page or once `queryInfo.total` items have come.
async fn all_pages(
    client: &Client,
    info: &ActionInfo,
    mut pairs: Vec<(String, String)>,
    strict: bool,
) -> Result<Value, Failure> {
    let items_key = info
        .paged_items
        .ok_or_else(|| Failure::usage(format!("--all: {} is not a paged listing", info.path)))?;
    let progress = std::io::stderr().is_terminal();
    let mut page: i64 = pairs
        .iter()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(1);
    let mut first: Option<Value> = None;
    let mut pages = 0;
    let mut items: Vec<Value> = Vec::new();
    loop {
        for (k, v) in pairs.iter_mut() {
            if k == "page" {
                *v = page.to_string();
            }
        }
        let value = one(client, info, &pairs, strict).await?;
        let got: Vec<Value> = value
            .get(items_key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let total = value
            .get("queryInfo")
            .and_then(|q| q.get("total"))
            .and_then(Value::as_i64);
        let empty = got.is_empty();
        items.extend(got);
        if progress {
            let of = total.map(|t| format!(" of {t}")).unwrap_or_default();
            out::stderr(&format!("page {page}: {} items{of}", items.len()));
        }
        first.get_or_insert(value);
        if empty || total.is_some_and(|t| items.len() as i64 >= t) {
            break;
        }
        pages += 1;
        if pages >= MAX_PAGES {
            return Err(Failure::failed(format!(
                "{}: stopped after {MAX_PAGES} pages without reaching the end",
                info.path
            )));
        }
        page += 1;
    }
    let mut merged = first.unwrap_or(Value::Null);
    if let Some(o) = merged.as_object_mut() {
        o.insert(items_key.to_owned(), Value::Array(items));
    }
    Ok(merged)
}

fn print(value: &Value, info: &ActionInfo, opts: &Options) -> Result<(), Failure> {
    if opts.table {
        out::stdout(&out::table(value, info.paged_items))
    } else {
        out::stdout(&out::json(value)?)
    }
}
