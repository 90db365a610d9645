//! A successful dial's call object, and ending calls with `calling.end` and `update`.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

/// Checks the documented call object field by field.
fn assert_call_object(call: &Value, from: &str, to: &str) {
    let object = call.as_object().expect("call object");
    for key in [
        "id",
        "from",
        "to",
        "direction",
        "status",
        "created_at",
        "charge",
        "charge_details",
        "duration",
        "duration_ms",
        "billing_ms",
        "type",
        "parent_id",
        "url",
        "source",
    ] {
        assert!(object.contains_key(key), "{key} missing from {call}");
    }
    assert!(is_uuid_v4(call["id"].as_str().unwrap()), "{call}");
    assert_eq!(call["from"], from);
    assert_eq!(call["to"], to);
    assert_eq!(call["direction"], "outbound-api");
    assert!(
        is_rfc3339_utc(call["created_at"].as_str().unwrap()),
        "{call}"
    );
    assert!(call["charge"].is_f64(), "charge is a float: {call}");
    assert_eq!(call["charge"], 0.0);
    assert_eq!(call["charge_details"], json!([]));
    assert!(call["duration_ms"].is_u64());
    assert!(call["billing_ms"].is_u64());
    assert!(call["parent_id"].is_null());
    assert_eq!(call["source"], "realtime_api");
}

/// Dials a number ending in 1 (it rings until its 600 s timeout); returns its id once it rings.
async fn ringing_call(h: &Harness) -> String {
    let call = h.dial("+12065550171", json!({ "timeout": 600 })).await;
    let id = call["id"].as_str().unwrap().to_owned();
    h.wait_for_state(&id, "ringing").await;
    id
}

#[tokio::test]
async fn a_dial_answers_with_a_queued_call_object() {
    let h = Harness::start().await;
    let call = h.dial("+12065550175", json!({})).await;
    assert_call_object(&call, OWNED, "+12065550175");
    assert_eq!(call["status"], "queued");
    assert_eq!(call["type"], "relay_pstn_call");
    assert!(call["duration"].is_null());
    assert_eq!(call["duration_ms"], 0);
    assert_eq!(call["billing_ms"], 0);
    assert!(call["url"].is_null(), "inline SWML has no url");
    // Each dial gets its own id.
    let other = h.dial("+12065550175", json!({})).await;
    assert_ne!(other["id"], call["id"]);
}

#[tokio::test]
async fn sip_dials_are_sip_calls_and_url_dials_echo_the_url() {
    let h = Harness::start().await;
    let call = h
        .dial(
            "sip:alice@example.com",
            json!({ "swml": Value::Null, "url": "https://example.com/swml?x=1" }),
        )
        .await;
    assert_call_object(&call, OWNED, "sip:alice@example.com");
    assert_eq!(call["type"], "relay_sip_call");
    assert_eq!(call["url"], "https://example.com/swml?x=1");
}

#[tokio::test]
async fn ending_a_ringing_call_without_a_reason_cancels_it() {
    let h = Harness::start().await;
    // Ends in 1: rings until the 600 s timeout (12 s real at this speed).
    let id = &ringing_call(&h).await;
    let (status, ended) = h.end(id, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{ended}");
    assert_call_object(&ended, OWNED, "+12065550171");
    assert_eq!(ended["id"], id.as_str());
    assert_eq!(ended["status"], "ended");
    assert_eq!(ended["duration"], 0);
    let record = h.record(id).await;
    assert_eq!(record["end_reason"], "cancel");
    h.wait_for_log_status(id, "canceled").await;
}

#[tokio::test]
async fn a_given_reason_is_kept() {
    let h = Harness::start().await;
    let id = &ringing_call(&h).await;
    let (status, _) = h.end(id, json!({ "reason": "busy" })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h.record(id).await["end_reason"], "busy");
    h.wait_for_log_status(id, "busy").await;
}

#[tokio::test]
async fn ending_an_answered_call_hangs_up_and_counts_its_duration() {
    // Slower clock: the call stays answered for 2 s of real time.
    let h = Harness::with_speed(10.0).await;
    let receiver = Receiver::start().await;
    let call = h
        .dial(
            "+12065550175",
            json!({ "status_url": receiver.url("/status"), "status_events": ["ended"] }),
        )
        .await;
    let id = call["id"].as_str().unwrap();
    h.wait_for_state(id, "answered").await;
    let (status, ended) = h.end(id, json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ended["status"], "ended");
    let record = h.record(id).await;
    assert_eq!(record["end_reason"], "hangup");
    let talk_ms = record["end_time"].as_u64().unwrap() - record["answer_time"].as_u64().unwrap();
    assert!(
        talk_ms < 20_000,
        "ended early, not by the far end: {record}"
    );
    assert_eq!(ended["duration_ms"], talk_ms);
    assert_eq!(
        ended["billing_ms"].as_u64().unwrap(),
        talk_ms.div_ceil(1000) * 1000
    );
    h.wait_for_log_status(id, "completed").await;

    // Ending it again changes nothing and sends no second webhook.
    let (status, again) = h.end(id, json!({ "reason": "error" })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again, ended);
    assert_eq!(h.record(id).await["end_reason"], "hangup");
    let hits = receiver.wait_for(1).await;
    h.drain_webhooks().await;
    assert_eq!(receiver.hits().len(), 1, "{hits:?}");
    assert_eq!(hits[0].json()["params"]["end_reason"], "hangup");
}

#[tokio::test]
async fn ending_unknown_calls_is_404() {
    let h = Harness::start().await;
    let (status, body) = h
        .end("7b0c9a4e-0000-4000-8000-000000000000", json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({ "error": "Not Found" }));
}

#[tokio::test]
async fn calling_end_needs_a_top_level_id_params_and_a_known_reason() {
    let h = Harness::start().await;
    let id = &ringing_call(&h).await;

    assert_eq!(
        h.calling_refused(&json!({ "command": "calling.end", "params": { "id": id } }))
            .await,
        pairs(&[("missing_required_parameter", "id")])
    );

    assert_eq!(
        h.calling_refused(&json!({ "command": "calling.end", "id": id }))
            .await,
        pairs(&[("missing_required_parameter", "params")])
    );

    for reason in ["no_answer", "declined", "completed", ""] {
        let (status, body) = h.end(id, json!({ "reason": reason })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reason}");
        assert_eq!(
            calling_errors(&body),
            pairs(&[("invalid_parameter", "reason")])
        );
    }
    // None of that ended the call.
    assert_ne!(h.record(id).await["status"], "ended");
    for reason in ["hangup", "cancel", "busy", "noAnswer", "decline", "error"] {
        let id = &ringing_call(&h).await;
        let (status, _) = h.end(id, json!({ "reason": reason })).await;
        assert_eq!(status, StatusCode::OK, "{reason}");
        assert_eq!(h.record(id).await["end_reason"], reason);
    }
}

#[tokio::test]
async fn update_cancels_unanswered_calls_and_completes_answered_ones() {
    let h = Harness::with_speed(10.0).await;
    let ringing_id = &ringing_call(&h).await;
    let (status, body) = h.update(ringing_id, "canceled").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "ended");
    assert_eq!(h.record(ringing_id).await["end_reason"], "cancel");

    let answered = h.dial("+12065550175", json!({})).await;
    let answered_id = answered["id"].as_str().unwrap();
    h.wait_for_state(answered_id, "answered").await;
    assert_eq!(
        h.calling_refused(&update_command(answered_id, "canceled"))
            .await,
        pairs(&[("cannot_cancel_in_progress", "status")])
    );
    let (status, body) = h.update(answered_id, "completed").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ended");
    assert_eq!(h.record(answered_id).await["end_reason"], "hangup");
    // A call in a final state cannot be updated.
    assert_eq!(
        h.calling_refused(&update_command(answered_id, "completed"))
            .await,
        pairs(&[("cannot_update_completed", "id")])
    );
    // `completed` is only for an answered call.
    let ringing_id = &ringing_call(&h).await;
    assert_eq!(
        h.calling_refused(&update_command(ringing_id, "completed"))
            .await,
        pairs(&[("invalid_state", "status")])
    );
}

#[tokio::test]
async fn calling_end_can_be_told_to_refuse_unanswered_calls_and_strict_reasons() {
    let h = Harness::start().await;
    let (status, _) = h
        .control_post(
            "/__practice/calling",
            json!({ "refuse_end_unanswered": 404 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let id = &ringing_call(&h).await;
    let (status, _) = h.end(id, json!({ "reason": "cancel" })).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_ne!(h.record(id).await["status"], "ended");
    let (status, _) = h.update(id, "canceled").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h.record(id).await["end_reason"], "cancel");

    let (status, _) = h
        .control_post(
            "/__practice/calling",
            json!({ "openrpc_end_reasons": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let answered = h.dial("+12065550175", json!({})).await;
    let id = answered["id"].as_str().unwrap();
    h.wait_for_state(id, "answered").await;
    let (status, body) = h.end(id, json!({ "reason": "cancel" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        calling_errors(&body),
        pairs(&[("invalid_parameter", "reason")])
    );
    let (status, _) = h.end(id, json!({ "reason": "hangup" })).await;
    assert_eq!(status, StatusCode::OK);
}
