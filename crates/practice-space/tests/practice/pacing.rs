//! One call per (simulated) second starts progressing; the rest wait `queued`, in order.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn back_to_back_dials_start_a_pacing_interval_apart() {
    let h = Harness::start().await;
    let first = h.dial("+12065550175", json!({})).await;
    let second = h.dial("+12065550176", json!({})).await;
    assert_eq!(second["status"], "queued");
    let first = h
        .wait_for_state(first["id"].as_str().unwrap(), "ringing")
        .await;
    let second = h
        .wait_for_state(second["id"].as_str().unwrap(), "ringing")
        .await;
    let start = |r: &serde_json::Value| r["start_time"].as_u64().unwrap();
    assert!(
        start(&second) >= start(&first) + 1_000,
        "second started {} ms after the first",
        start(&second) - start(&first)
    );
}

#[tokio::test]
async fn pacing_holds_in_real_time_and_queued_calls_can_be_cancelled() {
    let h = Harness::with_speed(1.0).await;
    let began = Instant::now();
    let first = h.dial("+12065550171", json!({ "timeout": 600 })).await;
    let second = h.dial("+12065550171", json!({ "timeout": 600 })).await;
    let third = h.dial("+12065550171", json!({ "timeout": 600 })).await;
    let ids: Vec<&str> = [&first, &second, &third]
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();

    // The third has a slot 2 s out, so it is still queued, in the log too.
    h.wait_for_log_status(ids[2], "queued").await;
    let (status, ended) = h.end(ids[2], json!({})).await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert_eq!(ended["status"], "ended");
    let record = h.record(ids[2]).await;
    assert_eq!(record["end_reason"], "cancel");
    let states: Vec<String> = history(&record).into_iter().map(|(s, _)| s).collect();
    assert_eq!(states, ["queued", "ended"], "it never started");
    h.wait_for_log_status(ids[2], "canceled").await;

    // The second only starts a full second after the first did.
    h.wait_for_state(ids[1], "ringing").await;
    assert!(
        began.elapsed() >= Duration::from_millis(990),
        "second call started after {:?}",
        began.elapsed()
    );
    let first = h.record(ids[0]).await;
    let second = h.record(ids[1]).await;
    assert!(second["start_time"].as_u64() >= first["start_time"].as_u64().map(|t| t + 1_000));

    // A cancelled queued call never starts, even after its slot has passed: it keeps its slot
    // used, so a call dialled now gets the one after it, and once that one rings the cancelled
    // call's slot is behind us.
    let fourth = h.dial("+12065550171", json!({ "timeout": 600 })).await;
    h.wait_for_state(fourth["id"].as_str().unwrap(), "ringing")
        .await;
    let states: Vec<String> = history(&h.record(ids[2]).await)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(states, ["queued", "ended"]);
}
