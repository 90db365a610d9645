//! The control API's own behaviour: the call list a test counts dials with, and reset.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn calls_list_every_dial_with_its_exact_params_and_history() {
    let h = Harness::start().await;
    let extra = json!({
        "caller_id": "+14155550111",
        "custom_variables": { "contact": "Zoë \"Z\" ${envs.x}" },
        "send_digits": "1w2",
        "timeout": 7,
    });
    let call = h.dial("+12065550171", extra.clone()).await;
    let id = call["id"].as_str().unwrap();
    let record = h.wait_for_state(id, "ended").await;

    let sent = dial_body("+12065550171", extra)["params"].clone();
    assert_eq!(record["params"], sent, "params exactly as received");
    assert_eq!(record["command"], "dial");
    assert_eq!(record["outcome"], "no_answer");
    let states: Vec<String> = history(&record).into_iter().map(|(s, _)| s).collect();
    assert_eq!(states, ["queued", "created", "ringing", "ended"]);
    for entry in record["history"].as_array().unwrap() {
        assert!(is_rfc3339_utc(entry["at"].as_str().unwrap()));
    }
    let calls = h.control_get("/__practice/calls").await;
    assert_eq!(calls["dial_requests"], 1);
    assert_eq!(calls["calls"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn reset_forgets_calls_faults_and_webhook_settings() {
    let h = Harness::start().await;
    let call = h.dial("+12065550175", json!({})).await;
    h.add_fault(json!({ "kind": "status500", "count": 5 }))
        .await;
    h.control_post(
        "/__practice/webhooks",
        json!({ "duplicate": 2, "reorder": 1 }),
    )
    .await;

    let (status, body) = h.control_post("/__practice/reset", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({ "reset": true }));

    let calls = h.control_get("/__practice/calls").await;
    assert_eq!(calls["dial_requests"], 0);
    assert_eq!(calls["calls"], json!([]));
    assert_eq!(
        h.control_get("/__practice/faults").await["faults"],
        json!([])
    );
    let webhooks = h.control_get("/__practice/webhooks").await;
    assert_eq!(
        (webhooks["duplicate"].clone(), webhooks["reorder"].clone()),
        (json!(0), json!(0))
    );
    // The forgotten call has no log any more, and requests are answered normally.
    let (status, _) = h
        .get(&format!("/api/voice/logs/{}", call["id"].as_str().unwrap()))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_control_api_needs_no_credentials() {
    let h = Harness::start().await;
    assert_eq!(h.unauthed_status("/__practice/calls").await, StatusCode::OK);
    assert_eq!(
        h.unauthed_status("/__practice/nothing-here").await,
        StatusCode::NOT_FOUND
    );
}
