//! Failure handling over real HTTP: 401, 429 with `Retry-After`, 5xx, hangs and dropped
//! connections on idempotent requests, each asserted through the practice control API.

use std::time::{Duration, Instant};

use callpad_core::Error;
use callpad_core::signalwire::{Client, Credentials, DialRequest, NetworkProblem};
use callpad_core::swml::Document;
use serde_json::json;

use crate::support::{ANSWERS, OWNED, Practice, dead_space};

#[tokio::test]
async fn a_wrong_token_is_401_with_advice_and_never_echoes_the_token() {
    let practice = Practice::start().await;
    let client = practice.client_with_token("PTwrong-token-123");

    let err = client.phone_numbers().await.unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("check the project ID and API token"), "{msg}");
    assert!(msg.contains("Voice scope"), "{msg}");
    assert!(!msg.contains("PTwrong-token-123"), "{msg}");
    assert!(!format!("{err:?} {client:?}").contains("PTwrong-token-123"));

    let dial = DialRequest::new(OWNED, ANSWERS, Document::say_and_hang_up("x"));
    let err = client.dial(&dial).await.unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
    assert_eq!(err.code(), "unauthorized");
    assert_eq!(practice.dial_requests().await, 0);
}

#[tokio::test]
async fn retry_after_is_waited_out_then_the_read_succeeds() {
    let practice =
        Practice::with_fault(json!({"kind":"status429","count":1,"retry_after":1})).await;
    let started = Instant::now();

    let numbers = practice.client().phone_numbers().await.unwrap();

    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(1), "waited only {waited:?}");
    assert!(waited < Duration::from_secs(4), "waited {waited:?}");
    assert!(!numbers.is_empty());
    assert_eq!(practice.faults_left().await, 0);
}

#[tokio::test]
async fn a_retry_after_too_long_to_wait_is_returned_at_once() {
    let practice =
        Practice::with_fault(json!({"kind":"status429","count":1,"retry_after":120})).await;
    let started = Instant::now();

    let err = practice.client().verified_caller_ids().await.unwrap_err();

    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(err, Error::RateLimited { retry_after: Some(d) } if d == Duration::from_secs(120)),
        "{err:?}"
    );
    assert!(err.to_string().contains("wait 120 s"), "{err}");
}

#[tokio::test]
async fn server_errors_are_retried_for_reads() {
    let practice = Practice::with_fault(json!({"kind":"status500","count":2})).await;

    let numbers = practice.client().phone_numbers().await.unwrap();

    assert!(!numbers.is_empty());
    assert_eq!(practice.faults_left().await, 0);
}

#[tokio::test]
async fn server_errors_that_outlast_the_retries_say_so() {
    let practice = Practice::with_fault(json!({"kind":"status500","count":4})).await;

    let err = practice.client().phone_numbers().await.unwrap_err();

    assert!(matches!(err, Error::Server { status: 500, .. }), "{err:?}");
    assert!(err.to_string().contains("try again in a minute"), "{err}");
    assert_eq!(practice.faults_left().await, 1, "three attempts, no more");
}

#[tokio::test]
async fn a_dropped_connection_on_a_read_is_retried() {
    let practice = Practice::with_fault(json!({"kind":"drop_after_request","count":1})).await;

    let found = practice.client().lookup(OWNED).await.unwrap();

    assert_eq!(found.e164.as_deref(), Some(OWNED));
    assert_eq!(practice.faults_left().await, 0);
}

#[tokio::test]
async fn a_hung_read_times_out() {
    let practice = Practice::with_fault(json!({"kind":"hang","count":1})).await;
    let mut config = Practice::config();
    config.request_timeout = Duration::from_millis(600);
    let started = Instant::now();

    let err = practice
        .client_with(config)
        .phone_numbers()
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(
        err.to_string().contains("did not answer within 0.6 s"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_space_nobody_listens_on_is_a_network_error_after_retries() {
    let client = Client::with_config(
        dead_space().await,
        Credentials::new("p", "t0ken-value"),
        Practice::config(),
    )
    .unwrap();
    let err = client.verified_caller_ids().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Network {
                problem: NetworkProblem::Refused,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("connection was refused"), "{err}");
    assert_eq!(err.code(), "network");
}
