//! The last-digit rule, played out on a fast clock: each outcome's states, exact simulated times,
//! end reason and voice-log status.

use practice_space::{Outcome, outcome_for};
use serde_json::{Value, json};

use crate::common::*;

/// Dials `to` (with `extra`), waits for the end and returns the control record.
async fn play(h: &Harness, to: &str, extra: Value) -> Value {
    let call = h.dial(to, extra).await;
    h.wait_for_state(call["id"].as_str().unwrap(), "ended")
        .await
}

/// [`play`], then checks the call's end reason and its timeline (see [`timeline`]).
async fn play_to_end(
    h: &Harness,
    to: &str,
    extra: Value,
    end_reason: &str,
    expected: &[(&str, u64)],
) -> Value {
    let record = play(h, to, extra).await;
    assert_eq!(record["end_reason"], end_reason, "{record}");
    assert_eq!(timeline(&record), steps(expected), "{record}");
    record
}

#[tokio::test]
async fn ending_in_0_is_busy_after_two_seconds_of_ringing() {
    let h = Harness::start().await;
    let record = play_to_end(
        &h,
        "+12065550170",
        json!({}),
        "busy",
        &[("created", 0), ("ringing", 0), ("ended", 2_000)],
    )
    .await;
    assert_eq!(record["outcome"], "busy");
    assert!(record["answer_time"].is_null());
    let log = h
        .wait_for_log_status(record["id"].as_str().unwrap(), "busy")
        .await;
    assert_eq!(log["duration"], 0);
}

#[tokio::test]
async fn ending_in_1_2_or_3_rings_out_fails_or_is_declined() {
    let h = Harness::start().await;
    // (to, extra params, end reason, timeline, voice-log status to wait for)
    let cases = [
        // 1 rings until the dial's timeout…
        (
            "+447700900121",
            json!({ "timeout": 5 }),
            "noAnswer",
            &[("created", 0), ("ringing", 0), ("ended", 5_000)][..],
            Some("no-answer"),
        ),
        // …or 30 seconds without one.
        (
            "+12065550171",
            json!({}),
            "noAnswer",
            &[("created", 0), ("ringing", 0), ("ended", 30_000)],
            None,
        ),
        // 2 fails at once without ringing.
        (
            "+12065550172",
            json!({}),
            "error",
            &[("created", 0), ("ended", 0)],
            Some("failed"),
        ),
        // 3 is declined after two seconds.
        (
            "+12065550173",
            json!({}),
            "decline",
            &[("created", 0), ("ringing", 0), ("ended", 2_000)],
            None,
        ),
    ];
    for (to, extra, end_reason, expected, log_status) in cases {
        let record = play_to_end(&h, to, extra, end_reason, expected).await;
        if let Some(status) = log_status {
            h.wait_for_log_status(record["id"].as_str().unwrap(), status)
                .await;
        }
    }
}

#[tokio::test]
async fn other_digits_and_sip_answer_talk_20_seconds_then_the_far_end_hangs_up() {
    let h = Harness::start().await;
    let mut ids = Vec::new();
    for to in [
        "+12065550174",
        "+12065550175",
        "+12065550176",
        "+12065550177",
        "+12065550178",
        "+12065550179",
        "sip:agent0@example.com",
    ] {
        let call = h.dial(to, json!({})).await;
        ids.push(call["id"].as_str().unwrap().to_owned());
    }
    for id in ids {
        let record = h.wait_for_state(&id, "ended").await;
        assert_eq!(record["outcome"], "answer", "{record}");
        assert_eq!(record["end_reason"], "hangup");
        assert_eq!(timeline(&record), steps(&ANSWERED_TIMELINE));
        let log = h.wait_for_log_status(&id, "completed").await;
        assert_eq!(log["duration"], 20);
        assert_eq!(log["duration_ms"], 20_000);
        assert_eq!(log["billing_ms"], 20_000);
    }
}

#[test]
fn outcome_for_is_public_and_matches_the_table() {
    let table = [
        ("+12065550100", Outcome::Busy),
        ("+12065550101", Outcome::NoAnswer),
        ("+12065550102", Outcome::Fail),
        ("+12065550103", Outcome::Decline),
        ("+12065550104", Outcome::Answer),
        ("+442079460959", Outcome::Answer),
        ("sip:user1@example.com", Outcome::Answer),
    ];
    for (to, outcome) in table {
        assert_eq!(outcome_for(to), outcome, "{to}");
    }
}
