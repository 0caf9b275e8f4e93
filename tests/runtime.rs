//! Runtime behaviour: retries and deadlines against a silent server (the burst guard and paging
//! are tested against the sandbox, in `sandbox/tests/client.rs`).

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::PASSWORD;
use dondominio::meta::Kind;
use dondominio::{Action, Client, Credentials, Error};

/// A loopback server that accepts connections and never answers; counts the connections.
fn silent_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let c = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            c.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
                let _ = stream.read(&mut buf);
                std::thread::sleep(Duration::from_secs(3));
            });
        }
    });
    (url, count)
}

async fn attempts_for(kind: Kind) -> usize {
    let action = Action::all()
        .into_iter()
        .find(|a| a.info().kind == kind)
        .expect("an action of this kind");
    let (url, count) = silent_server();
    let client = Client::builder()
        .base_url(url)
        .credentials(Credentials::new("u", PASSWORD))
        .timeout(Duration::from_millis(300))
        .read_retries(2)
        .min_interval(Duration::ZERO)
        .build()
        .unwrap();
    let form = common::valid_form(action.info());
    match client.call_raw(action, &form).await {
        Err(e @ Error::Timeout { attempts, .. }) => {
            assert!(e.is_timeout());
            assert_eq!(attempts as usize, count.load(Ordering::SeqCst), "{e}");
        }
        other => panic!("{action}: expected a timeout, got {other:?}"),
    }
    assert!(!format!("{:?}", client).contains(PASSWORD));
    count.load(Ordering::SeqCst)
}

#[tokio::test]
async fn read_actions_are_retried_after_a_timeout() {
    assert_eq!(attempts_for(Kind::Read).await, 3, "one try and two retries");
}

#[tokio::test]
async fn billable_actions_are_never_retried() {
    assert_eq!(attempts_for(Kind::Billable).await, 1);
}
