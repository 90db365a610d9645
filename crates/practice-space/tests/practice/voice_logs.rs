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
    // The same fields as the call object, and no others.
    let keys = sorted_keys(&log);
    let call_keys = sorted_keys(&call);
    assert_eq!(keys, call_keys, "{log}");
    assert_eq!(log["id"], id);
    assert_eq!(log["from"], OWNED);
    assert_eq!(log["to"], "+12065550175");
    assert_eq!(log["created_at"], call["created_at"]);
    assert_eq!(log["charge_details"], json!([]));
    assert!(log["parent_id"].is_null());
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
    assert!(live["duration"].is_null(), "no duration while live: {live}");
    let done = h.wait_for_log_status(id, "completed").await;
    assert_eq!(done["duration"], 20);
    assert_eq!(done["duration_ms"], 20_000);
}

#[tokio::test]
async fn events_list_every_state_change_in_order() {
    let h = Harness::start().await;
    let call = h.dial("+12065550175", json!({})).await;
    let id = call["id"].as_str().unwrap();
    let record = h.wait_for_state(id, "ended").await;

    let (status, events) = h.get(&format!("/api/voice/logs/{id}/events")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(events.get("links").is_none(), "no links: {events}");
    let data = events["data"].as_array().unwrap();
    for event in data {
        let keys = sorted_keys(event);
        assert_eq!(
            keys,
            [
                "details",
                "event_at",
                "level",
                "log_id",
                "name",
                "project_id"
            ]
        );
        assert_eq!(event["log_id"], id);
        assert!(is_rfc3339_utc(event["event_at"].as_str().unwrap()));
        assert_eq!(event["level"], "info");
    }
    let names: Vec<&str> = data.iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "calling_call_queued",
            "calling_call_initiated",
            "calling_call_ringing",
            "calling_call_answered",
            "calling_call_ended",
        ]
    );
    assert_eq!(data.len(), history(&record).len());
    assert_eq!(data[4]["details"]["end_reason"], "hangup");
    assert!(data[0]["details"]["end_reason"].is_null());
}

#[tokio::test]
async fn the_log_list_pages_to_the_end_with_full_url_links_and_filters() {
    let h = Harness::start().await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        let call = h.dial("+12065550175", json!({})).await;
        ids.push(call["id"].as_str().unwrap().to_owned());
    }
    let (status, first) = h.get("/api/voice/logs?page_size=2").await;
    assert_eq!(status, StatusCode::OK);
    let mut seen: Vec<String> = Vec::new();
    let mut page = first;
    loop {
        for log in page["data"].as_array().unwrap() {
            seen.push(log["id"].as_str().unwrap().to_owned());
        }
        let Some(next) = page["links"]["next"].as_str() else {
            break;
        };
        assert!(next.starts_with(&h.url("/api/voice/logs?")), "{next}");
        let path = next.strip_prefix(&h.url("")).unwrap();
        let (status, body) = h.get(path).await;
        assert_eq!(status, StatusCode::OK);
        page = body;
    }
    let mut newest_first = ids.clone();
    newest_first.reverse();
    assert_eq!(seen, newest_first);

    let (_, none) = h
        .get("/api/voice/logs?created_after=2999-01-01T00:00:00Z")
        .await;
    assert_eq!(none["data"], json!([]));
    let (_, all) = h
        .get("/api/voice/logs?created_after=2000-01-01T00:00:00Z&page_size=1")
        .await;
    assert!(link(&all, "next").contains("created_after=2000-01-01T00%3A00%3A00Z"));
    let (status, _) = h.get("/api/voice/logs?page_size=0").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
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
