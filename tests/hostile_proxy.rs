//! A plain-http (loopback) base URL is reached directly, never through a proxy named by the
//! environment: the proxy would get the password in clear.
//!
//! Its own test binary: it sets proxy variables, which would leak into other tests of a process.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use dondominio::{Action, Client, Credentials};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const PASSWORD: &str = "Zq9xProxyPassw0rdK7";

/// A server that answers every request with `body` and counts the requests.
async fn answering(body: &'static str) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let c = count.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            c.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = vec![0u8; 65536];
                // Enough to see the request start; the answer does not depend on it.
                let _ = stream.read(&mut buf).await;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    (format!("http://{addr}"), count)
}

const OK: &str = r#"{"success":true,"errorCode":0,"errorCodeMsg":"","action":"x","version":"1","messages":[],"responseData":{}}"#;

#[tokio::test]
async fn proxy_variables_are_ignored_for_plain_http() {
    let (api, api_hits) = answering(OK).await;
    let (proxy, proxy_hits) = answering(OK).await;
    for var in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
        std::env::set_var(var, &proxy);
    }
    for var in ["NO_PROXY", "no_proxy"] {
        std::env::remove_var(var);
    }
    let client = Client::builder()
        .base_url(&api)
        .credentials(Credentials::new("u", PASSWORD))
        .min_interval(Duration::ZERO)
        .build()
        .unwrap();
    let action = Action::all()
        .into_iter()
        .find(|a| a.info().params.iter().all(|p| !p.required))
        .expect("an action without required parameters");
    client.call_raw(action, &[]).await.unwrap();
    assert_eq!(api_hits.load(Ordering::SeqCst), 1);
    assert_eq!(
        proxy_hits.load(Ordering::SeqCst),
        0,
        "the proxy got the request"
    );
}
