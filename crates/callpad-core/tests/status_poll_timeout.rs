//! A voice-log request that hangs (the practice space's `hang` fault: the request is read and
//! never answered) costs the poller a couple of seconds, not the client's 30 s timeout: it gives
//! up on that request and asks again, and still sees the call end.

mod common;

use std::time::{Duration, Instant};

use callpad_core::signalwire::DialRequest;
use callpad_core::status::{PollEnd, PollPace, poll_call};
use callpad_core::swml::Document;
use common::client_for;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_voice_log_request_is_dropped_after_a_short_timeout() {
    let space = practice_space::start(practice_space::Config {
        speed: 50.0,
        ..Default::default()
    })
    .await
    .unwrap();
    // The default client: 30 s per request.
    let client = client_for(&space);
    // Ends in 0: rings briefly, then busy.
    let call = client
        .dial(&DialRequest::new(
            "+12065550100",
            "+15551234560",
            Document::say_and_hang_up("x"),
        ))
        .await
        .unwrap();
    let faults = reqwest::Client::new()
        .post(format!("{}/__practice/faults", space.base_url()))
        .json(&json!({ "kind": "hang", "count": 1, "path_prefix": "/api/voice/logs" }))
        .send()
        .await
        .unwrap();
    assert!(faults.status().is_success(), "{faults:?}");

    let pace = PollPace {
        first: Duration::from_millis(10),
        growth: 1.0,
        max: Duration::from_millis(50),
        log_grace: Duration::from_secs(20),
        give_up_after: Duration::from_secs(60),
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let started = Instant::now();
    let end = tokio::time::timeout(
        Duration::from_secs(40),
        poll_call(&client, &call.id, &pace, &tx),
    )
    .await
    .expect("polling never ended");
    let took = started.elapsed();
    assert_eq!(end, PollEnd::Ended);
    assert!(
        took < Duration::from_secs(10),
        "the hung request held the poll for {took:?}"
    );
    let mut seen = 0;
    while rx.try_recv().is_ok() {
        seen += 1;
    }
    assert!(seen >= 1);
}
