//! Pacing: calls leave the queue at `calls_per_second` (1 by default) per simulated second, the rest
//! wait `queued`, in order; only a full backlog refuses a dial. Each dial reports its real arrival.

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

fn real_now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

#[tokio::test]
async fn the_rate_is_configurable_and_each_dial_reports_when_it_really_arrived() {
    let h = Harness::with_config(practice_space::Config {
        speed: 1.0,
        calls_per_second: 10.0,
        ..practice_space::Config::default()
    })
    .await;
    let mut windows = Vec::new();
    for _ in 0..5 {
        let before = real_now_ms();
        let call = h.dial("+12065550171", json!({ "timeout": 600 })).await;
        windows.push((
            call["id"].as_str().unwrap().to_owned(),
            before,
            real_now_ms(),
        ));
    }
    let dials = h.control_get("/__practice/dials").await;
    assert_eq!(dials["calls_per_second"], 10.0);
    assert_eq!(dials["backlog"], practice_space::DEFAULT_BACKLOG);
    let listed = dials["dials"].as_array().unwrap();
    assert_eq!(listed.len(), 5);
    let mut previous_slot: Option<u64> = None;
    for ((id, before, after), dial) in windows.iter().zip(listed) {
        assert_eq!(dial["call_id"], id.as_str());
        assert_eq!(dial["to"], "+12065550171");
        assert_eq!(dial["from"], OWNED);
        assert_eq!(dial["http_status"], 200);
        let arrived = dial["arrived_ms"].as_u64().unwrap();
        assert!(
            (*before..=*after).contains(&arrived),
            "{arrived} not within {before}..={after}"
        );
        let record = h.record(id).await;
        assert_eq!(record["arrived_ms"], arrived);
        // Each slot is the arrival, or 100 ms after the previous slot, whichever is later.
        let created = record["created_at_ms"].as_u64().unwrap();
        let slot = record["slot_ms"].as_u64().unwrap();
        let expected = previous_slot.map_or(created, |p| created.max(p + 100));
        assert_eq!(slot, expected, "{record}");
        previous_slot = Some(slot);
    }
}

#[tokio::test]
async fn dials_past_the_rate_are_queued_and_only_a_full_backlog_refuses_them() {
    let h = Harness::with_config(practice_space::Config {
        speed: 1.0,
        calls_per_second: 0.5,
        backlog: 2,
        ..practice_space::Config::default()
    })
    .await;
    let first = h.dial("+12065550171", json!({ "timeout": 600 })).await;
    h.wait_for_state(first["id"].as_str().unwrap(), "ringing")
        .await;
    // Faster than 0.5/s: accepted, and queued (2 s and 4 s out).
    for _ in 0..2 {
        let call = h.dial("+12065550171", json!({ "timeout": 600 })).await;
        assert_eq!(call["status"], "queued");
    }
    let (status, body) = h
        .post_calls(&dial_body("+12065550171", json!({ "timeout": 600 })))
        .await;
    assert_eq!(status, reqwest::StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["errors"][0]["code"], "max_queued_calls_exceeded");
    assert_eq!(body["errors"][0]["type"], "validation_error");

    let dials = h.control_get("/__practice/dials").await;
    assert_eq!(dials["queued"], 2);
    let statuses: Vec<u64> = dials["dials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["http_status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [200, 200, 200, 422]);
    assert!(dials["dials"][3]["call_id"].is_null());
    assert_eq!(dials["dials"][3]["to"], "+12065550171");
    assert_eq!(
        h.control_get("/__practice/calls").await["calls"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test]
async fn a_rate_or_backlog_that_cannot_work_is_refused_at_start() {
    for rate in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let err = practice_space::start(practice_space::Config {
            calls_per_second: rate,
            ..practice_space::Config::default()
        })
        .await
        .unwrap_err();
        assert!(
            matches!(err, practice_space::Error::InvalidRate(_)),
            "{err}"
        );
    }
    let err = practice_space::start(practice_space::Config {
        backlog: 0,
        ..practice_space::Config::default()
    })
    .await
    .unwrap_err();
    assert!(
        matches!(err, practice_space::Error::InvalidBacklog),
        "{err}"
    );
}
