//! Looking a number up from the caller-ID picker, against the practice space: the number is read
//! like a dialled one, the answer is summarised, and bad input is refused before any (billable) request.

mod common;

use callpad_core::caller_ids::look_up;
use callpad_core::signalwire::Client;
use common::client_for;

async fn client() -> (practice_space::RunningSpace, Client) {
    let space = practice_space::start(practice_space::Config::default())
        .await
        .unwrap();
    let client = client_for(&space);
    (space, client)
}

#[tokio::test]
async fn a_national_number_is_looked_up_in_e164() {
    let (_space, client) = client().await;
    let found = look_up(&client, "(206) 555-0148", Some("US"))
        .await
        .unwrap();
    assert_eq!(found.number, "+12065550148");
    let carrier = found.carrier.unwrap_or_default();
    assert!(
        carrier.to_lowercase().contains("practice"),
        "practice data is marked: {carrier}"
    );
    assert!(found.line_type.is_some());
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let (space, client) = client().await;
    let err = look_up(&client, "12", Some("US")).await.unwrap_err();
    assert_eq!(err.code(), "invalid_number", "{err}");
    let err = look_up(&client, "sip:alice@example.com", None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("SIP"), "{err}");
    drop(space);
}
