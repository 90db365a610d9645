//! `calling.end` against the practice space: ends a live call, 404 for an unknown one, and is
//! retried like a read because ending twice is harmless.

use callpad_core::Error;
use callpad_core::signalwire::{CallStatus, EndReason};
use serde_json::json;

use crate::support::{NO_ANSWER, Practice, dial_message};

#[tokio::test]
async fn hanging_up_ends_a_ringing_call() {
    let practice = Practice::start().await;
    let client = practice.client();
    let call = dial_message(&client, NO_ANSWER).await;

    let ended = client.end(&call.id, EndReason::Hangup).await.unwrap();

    let ended = ended.expect("the space answers with the call");
    assert_eq!(ended.id, call.id);
    assert_eq!(ended.status, Some(CallStatus::Ended));
    let placed = practice.placed_calls().await;
    assert_eq!(placed[0]["status"], "ended");
    assert_eq!(placed[0]["end_reason"], "hangup");
}

#[tokio::test]
async fn ending_an_unknown_call_is_not_found() {
    let practice = Practice::start().await;
    let err = practice
        .client()
        .end("no-such-call", EndReason::Hangup)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains("call no-such-call"), "{err}");
    assert_eq!(err.code(), "not_found");
}

#[tokio::test]
async fn end_is_retried_after_a_server_error() {
    let practice = Practice::start().await;
    let client = practice.client();
    let call = dial_message(&client, NO_ANSWER).await;
    practice.fault(json!({"kind":"status500","count":2})).await;

    let ended = client.end(&call.id, EndReason::Cancel).await.unwrap();

    assert_eq!(ended.unwrap().status, Some(CallStatus::Ended));
    assert_eq!(practice.faults_left().await, 0);
    assert_eq!(practice.placed_calls().await[0]["end_reason"], "cancel");
}
