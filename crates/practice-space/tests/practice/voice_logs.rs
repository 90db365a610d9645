//! Polling: the voice log follows the call (log-style statuses) and the events list its timeline.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn the_log_follows_an_answered_call_to_completed() {
    let h = Harness::with_speed(25.0).await;
    let call = h.dial("+12065550175", json!({})).await;
    let id = call["id"].as_str().unwrap();

    let (status, log) = h.get(&format!("/api/voice/logs/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    for key in [
        "id",
        "from",
        "to",
        "direction",
        "status",
        "duration",
        "duration_ms",
        "created_at",
        "updated_at",
    ] {
        assert!(log.get(key).is_some(), "{key} missing from {log}");
    }
    assert_eq!(log["id"], id);
    assert_eq!(log["from"], OWNED);
    assert_eq!(log["to"], "+12065550175");
    assert_eq!(log["direction"], "outbound");
    assert_eq!(log["created_at"], call["created_at"]);
    assert!(is_rfc3339_utc(log["updated_at"].as_str().unwrap()));
    let documented = [
        "queued",
        "initiated",
        "ringing",
        "in-progress",
        "busy",
        "failed",
        "no-answer",
        "canceled",
        "completed",
        "ended",
        "answered",
        "created",
        "ending",
        "joined",
    ];
    assert!(
        documented.contains(&log["status"].as_str().unwrap()),
        "{log}"
    );

    let live = h.wait_for_log_status(id, "in-progress").await;
    assert_eq!(live["call_state"], "answered");
    assert!(live["duration"].is_u64());
    let done = h.wait_for_log_status(id, "completed").await;
    assert_eq!(done["call_state"], "ended");
    assert_eq!(done["end_reason"], "hangup");
    assert_eq!(done["duration"], 20);
    assert_eq!(done["duration_ms"], 20_000);
    assert!(is_rfc3339_utc(done["answered_at"].as_str().unwrap()));
    assert!(is_rfc3339_utc(done["ended_at"].as_str().unwrap()));
}

#[tokio::test]
async fn events_list_every_state_change_in_order() {
    let h = Harness::start().await;
    let call = h.dial("+12065550175", json!({})).await;
    let id = call["id"].as_str().unwrap();
    let record = h.wait_for_state(id, "ended").await;

    let (status, events) = h.get(&format!("/api/voice/logs/{id}/events")).await;
    assert_eq!(status, StatusCode::OK);
    let path = format!("/api/voice/logs/{id}/events");
    assert_eq!(events["links"]["self"], path);
    assert_eq!(events["links"]["first"], path);
    let data = events["data"].as_array().unwrap();
    let seen: Vec<(&str, &str)> = data
        .iter()
        .map(|e| {
            (
                e["call_state"].as_str().unwrap(),
                e["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("queued", "queued"),
            ("created", "initiated"),
            ("ringing", "ringing"),
            ("answered", "in-progress"),
            ("ended", "completed"),
        ]
    );
    let times: Vec<u64> = data
        .iter()
        .map(|e| (e["timestamp"].as_f64().unwrap() * 1000.0).round() as u64)
        .collect();
    let expected: Vec<u64> = history(&record).into_iter().map(|(_, at)| at).collect();
    assert_eq!(times, expected);
    for event in data {
        assert_eq!(event["call_id"], id);
        assert!(is_uuid_v4(event["id"].as_str().unwrap()));
        assert!(is_rfc3339_utc(event["created_at"].as_str().unwrap()));
    }
    assert_eq!(data[4]["end_reason"], "hangup");
    assert!(data[0]["end_reason"].is_null());
}

#[tokio::test]
async fn unknown_calls_have_no_log() {
    let h = Harness::start().await;
    for path in ["/api/voice/logs/nope", "/api/voice/logs/nope/events"] {
        let (status, body) = h.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body, json!({ "error": "Not Found" }));
    }
}
