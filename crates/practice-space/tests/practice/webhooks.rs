//! Status webhooks: envelope, signature, subscriptions (default only `ended`), and the duplicate,
//! reorder and drop controls. Signatures are checked with an HMAC computed here.

use std::time::Duration;

use serde_json::{Value, json};

use crate::common::*;

/// Sets the webhook controls to `settings`, then plays out a busy call that reports `events`
/// to `receiver` at `/s`, to its end.
async fn busy_call_under(h: &Harness, receiver: &Receiver, settings: Value, events: Value) {
    h.control_post("/__practice/webhooks", settings).await;
    let call = h
        .dial(
            "+12065550170",
            json!({ "status_url": receiver.url("/s"), "status_events": events }),
        )
        .await;
    h.wait_for_state(call["id"].as_str().unwrap(), "ended")
        .await;
}

/// The states a receiver got, in order, from a busy call reporting `events` under `settings`,
/// once `arrive` of them are in and nothing more is on its way.
async fn states_delivered_under(settings: Value, events: Value, arrive: usize) -> Vec<String> {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    busy_call_under(&h, &receiver, settings, events).await;
    receiver.wait_for(arrive).await;
    h.drain_webhooks().await;
    states(&receiver.hits())
}

/// Dials `to` with `extra`, plays the call to its end and returns what `receiver` got once its
/// first webhook is in and nothing more is on its way.
async fn one_webhook_from(h: &Harness, receiver: &Receiver, to: &str, extra: Value) -> Vec<Hit> {
    let call = h.dial(to, extra).await;
    h.wait_for_state(call["id"].as_str().unwrap(), "ended")
        .await;
    receiver.wait_for(1).await;
    h.drain_webhooks().await;
    receiver.hits()
}

fn states(hits: &[Hit]) -> Vec<String> {
    hits.iter().map(Hit::call_state).collect()
}

#[tokio::test]
async fn by_default_only_the_end_is_reported() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    let extra = json!({ "status_url": receiver.url("/status") });
    let hits = one_webhook_from(&h, &receiver, "+12065550175", extra).await;
    assert_eq!(states(&hits), ["ended"]);
    assert_eq!(hits[0].json()["params"]["end_reason"], "hangup");
}

#[tokio::test]
async fn subscribed_states_arrive_in_order_in_the_documented_envelope() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    let status_url = receiver.url("/hooks/status?contact=42&tag=a%20b");
    let call = h
        .dial(
            "+12065550175",
            json!({ "status_url": status_url, "status_events": ["created", "ringing", "answered", "ended"] }),
        )
        .await;
    let id = call["id"].as_str().unwrap();
    let hits = receiver.wait_for(4).await;
    h.drain_webhooks().await;
    assert_eq!(receiver.hits().len(), 4);
    assert_eq!(states(&hits), ["created", "ringing", "answered", "ended"]);
    let record = h.record(id).await;

    let bodies: Vec<Value> = hits.iter().map(Hit::json).collect();
    let mut space_id = None;
    let mut node_id = None;
    for (hit, body) in hits.iter().zip(&bodies) {
        assert_eq!(hit.path_and_query, "/hooks/status?contact=42&tag=a%20b");
        assert_eq!(hit.content_type.as_deref(), Some("application/json"));
        assert_eq!(body["event_type"], "calling.call.state");
        assert!(body["timestamp"].is_f64(), "{body}");
        assert_eq!(body["project_id"], h.space.project_id());
        assert!(body["space_id"].is_string());
        space_id.get_or_insert_with(|| body["space_id"].clone());
        assert_eq!(Some(&body["space_id"]), space_id.as_ref());
        let params = &body["params"];
        assert_eq!(params["call_id"], id);
        assert!(params["node_id"].is_string());
        node_id.get_or_insert_with(|| params["node_id"].clone());
        assert_eq!(Some(&params["node_id"]), node_id.as_ref());
        assert_eq!(params["direction"], "outbound");
        assert_eq!(
            params["device"],
            json!({ "type": "phone", "params": { "from_number": OWNED, "to_number": "+12065550175" } })
        );
        assert_eq!(params["start_time"], record["start_time"]);
        assert!(params["start_time"].is_u64());
    }
    let at = |i: usize| (bodies[i]["timestamp"].as_f64().unwrap() * 1000.0).round() as u64;
    let start = record["start_time"].as_u64().unwrap();
    assert_eq!(
        (0..4).map(at).collect::<Vec<_>>(),
        [start, start, start + 2_000, start + 22_000],
        "timestamps are the simulated moments of each change"
    );
    for (i, body) in bodies.iter().enumerate() {
        let p = &body["params"];
        assert_eq!(
            p["end_reason"],
            if i == 3 { json!("hangup") } else { Value::Null }
        );
        assert_eq!(
            p["answer_time"],
            if i >= 2 {
                json!(start + 2_000)
            } else {
                Value::Null
            }
        );
        assert_eq!(
            p["end_time"],
            if i == 3 {
                json!(start + 22_000)
            } else {
                Value::Null
            }
        );
    }
}

#[tokio::test]
async fn signatures_are_hmac_sha1_of_the_url_as_posted_then_the_body() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    let status_url = receiver.url("/status?call=1&x=%2B1");
    h.dial(
        "+12065550172",
        json!({ "status_url": status_url, "status_events": ["created", "ended"] }),
    )
    .await;
    let hits = receiver.wait_for(2).await;
    for hit in &hits {
        let signature = hit
            .signature
            .as_deref()
            .expect("X-SignalWire-Signature header");
        let mut message = status_url.as_bytes().to_vec();
        message.extend_from_slice(&hit.body);
        assert_eq!(signature, hmac_sha1_hex(h.space.signing_key(), &message));
        assert_eq!(signature, signature.to_lowercase());
        assert_eq!(signature.len(), 40);
        // Neither the API token, nor the URL without its query, nor the body alone sign it.
        assert_ne!(signature, hmac_sha1_hex(h.space.api_token(), &message));
        let mut no_query = receiver.url("/status").into_bytes();
        no_query.extend_from_slice(&hit.body);
        assert_ne!(signature, hmac_sha1_hex(h.space.signing_key(), &no_query));
        assert_ne!(signature, hmac_sha1_hex(h.space.signing_key(), &hit.body));
    }
}

#[tokio::test]
async fn webhooks_carry_sha256_too_and_can_be_sent_with_either_or_no_signature() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    // A URL whose text differs from what the HTTP client requests: no path, `..`, a fragment.
    let raw = format!("{}/a/../status/t?q=a%20b#frag", receiver.url(""));
    let requested = format!("{}/status/t?q=a%20b", receiver.url(""));
    let mut expected_hits = 0;
    for (mode, sha1, sha256) in [
        ("both", true, true),
        ("sha1", true, false),
        ("sha256", false, true),
        ("none", false, false),
    ] {
        let (status, _) = h
            .control_post("/__practice/webhooks", json!({ "signatures": mode }))
            .await;
        assert_eq!(status, reqwest::StatusCode::OK);
        let call = h.dial("+12065550172", json!({ "status_url": raw })).await; // fails at once
        h.wait_for_state(call["id"].as_str().unwrap(), "ended")
            .await;
        expected_hits += 1;
        let hit = receiver.wait_for(expected_hits).await[expected_hits - 1].clone();
        assert_eq!(hit.path_and_query, "/status/t?q=a%20b");
        let message = [requested.as_bytes(), &hit.body].concat();
        let key = h.space.signing_key();
        assert_eq!(hit.signature.is_some(), sha1, "{mode}");
        assert_eq!(hit.sha256.is_some(), sha256, "{mode}");
        if let Some(sig) = &hit.signature {
            assert_eq!(
                *sig,
                hmac_sha1_hex(key, &message),
                "{mode}: signed as requested"
            );
        }
        if let Some(sig) = &hit.sha256 {
            assert_eq!(*sig, hmac_sha256_hex(key, &message), "{mode}");
            assert_eq!(sig.len(), 64);
        }
    }
    // A bare origin is requested as `/`.
    let bare = receiver.url("");
    h.control_post("/__practice/webhooks", json!({ "signatures": "sha1" }))
        .await;
    let call = h.dial("+12065550172", json!({ "status_url": bare })).await;
    h.wait_for_state(call["id"].as_str().unwrap(), "ended")
        .await;
    let hit = receiver.wait_for(expected_hits + 1).await[expected_hits].clone();
    assert_eq!(hit.path_and_query, "/");
    let message = [format!("{bare}/").as_bytes(), &hit.body[..]].concat();
    assert_eq!(
        hit.signature.unwrap(),
        hmac_sha1_hex(h.space.signing_key(), &message)
    );
}

#[tokio::test]
async fn a_connect_step_runs_a_second_leg_that_reports_to_its_own_url() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    let swml = json!({"version": "1.0.0", "sections": {"main": [
        {"answer": {}},
        {"connect": {"to": "+12065550170", "from": OWNED, "timeout": 20,
                     "call_state_url": receiver.url("/leg"),
                     "call_state_events": ["ringing", "answered", "ended"]}},
        {"hangup": {}}
    ]}});
    let call = h
        .dial(
            "+12065550175",
            json!({ "swml": swml, "status_url": receiver.url("/first"),
                                      "status_events": ["ringing", "answered", "ended"] }),
        )
        .await;
    let id = call["id"].as_str().unwrap();
    h.wait_for_state(id, "ended").await;
    let hits = receiver.wait_for(5).await;
    h.drain_webhooks().await;
    let hits_now = receiver.hits();
    let leg: Vec<Value> = hits_now
        .iter()
        .filter(|h| h.path_and_query == "/leg")
        .map(Hit::json)
        .collect();
    let first: Vec<String> = hits_now
        .iter()
        .filter(|h| h.path_and_query == "/first")
        .map(Hit::call_state)
        .collect();
    assert!(hits.len() >= 5);
    assert_eq!(first, ["ringing", "answered", "ended"]);
    let leg_states: Vec<&str> = leg
        .iter()
        .map(|b| b["params"]["call_state"].as_str().unwrap())
        .collect();
    assert_eq!(
        leg_states,
        ["ringing", "ended"],
        "busy: it rang, then ended"
    );
    assert_eq!(leg[1]["params"]["end_reason"], "busy");
    assert_ne!(
        leg[0]["params"]["call_id"], id,
        "the leg is a call of its own"
    );
    assert_eq!(
        leg[0]["params"]["device"]["params"]["to_number"],
        "+12065550170"
    );
    let record = h.record(id).await;
    assert_eq!(
        record["end_reason"], "hangup",
        "the first leg hangs up after connect"
    );
    let calls = h.control_get("/__practice/calls").await;
    let leg_record = calls["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["parent_id"] == id)
        .unwrap()
        .clone();
    assert_eq!(leg_record["end_reason"], "busy");
    let (_, log) = h
        .get(&format!(
            "/api/voice/logs/{}",
            leg_record["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(log["parent_id"], id);
    assert_eq!(
        calls["dial_requests"], 2,
        "the first call and the drain marker: the leg is no dial request"
    );
}

#[tokio::test]
async fn only_subscribed_states_are_sent() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    let extra = json!({ "status_url": receiver.url("/s"), "status_events": ["ringing"] });
    let hits = one_webhook_from(&h, &receiver, "+12065550173", extra).await;
    assert_eq!(states(&hits), ["ringing"]);

    // No status_url: nothing is sent anywhere, the call still plays out.
    let quiet = h
        .dial("+12065550170", json!({ "status_events": ["created"] }))
        .await;
    h.wait_for_state(quiet["id"].as_str().unwrap(), "ended")
        .await;
    h.drain_webhooks().await;
    // The ringing report and the two drain markers: none for the quiet call.
    assert_eq!(h.control_get("/__practice/webhooks").await["attempted"], 3);
}

#[tokio::test]
async fn sip_calls_report_a_sip_device() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    h.dial(
        "sip:bob@example.com",
        json!({ "status_url": receiver.url("/s"), "status_events": ["created"] }),
    )
    .await;
    let hits = receiver.wait_for(1).await;
    let device = &hits[0].json()["params"]["device"];
    assert_eq!(device["type"], "sip");
    assert_eq!(device["params"]["to_number"], "sip:bob@example.com");
}

#[tokio::test]
async fn duplicate_sends_each_of_the_next_webhooks_twice() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    let (status, settings) = h
        .control_post("/__practice/webhooks", json!({ "duplicate": 1 }))
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert_eq!(settings["duplicate"], 1);
    h.dial(
        "+12065550170",
        json!({ "status_url": receiver.url("/s"), "status_events": ["created", "ringing"] }),
    )
    .await;
    receiver.wait_for(3).await;
    h.drain_webhooks().await;
    let hits = receiver.hits();
    assert_eq!(states(&hits), ["created", "created", "ringing"]);
    assert_eq!(hits[0].body, hits[1].body);
    assert_eq!(hits[0].signature, hits[1].signature);
    assert_eq!(h.control_get("/__practice/webhooks").await["duplicate"], 0);
}

#[tokio::test]
async fn reorder_delivers_the_next_webhooks_newest_first() {
    let events = json!(["created", "ringing", "ended"]);
    let got = states_delivered_under(json!({ "reorder": 3 }), events, 3).await;
    assert_eq!(got, ["ended", "ringing", "created"]);
}

#[tokio::test]
async fn held_webhooks_can_be_flushed_before_the_count_is_reached() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    let settings = json!({ "reorder": 5 });
    busy_call_under(&h, &receiver, settings, json!(["created", "ended"])).await;
    // Both were routed to the hold, so neither was sent.
    h.wait_for_held(2).await;
    assert!(receiver.hits().is_empty(), "held until flushed");
    assert_eq!(h.control_get("/__practice/webhooks").await["held"], 2);
    h.control_post(
        "/__practice/webhooks",
        json!({ "reorder": 0, "flush": true }),
    )
    .await;
    receiver.wait_for(2).await;
    assert_eq!(states(&receiver.hits()), ["ended", "created"]);
}

#[tokio::test]
async fn drop_loses_the_next_webhooks() {
    let events = json!(["created", "ringing", "ended"]);
    let got = states_delivered_under(json!({ "drop": 1 }), events, 2).await;
    assert_eq!(got, ["ringing", "ended"]);
}

#[tokio::test]
async fn an_unreachable_receiver_does_not_hold_the_call_back() {
    let h = Harness::start().await;
    let call = h
        .dial(
            "+12065550175",
            json!({ "status_url": closed_port_url().await, "status_events": ["created", "ringing", "answered", "ended"] }),
        )
        .await;
    let record = h
        .wait_for_state(call["id"].as_str().unwrap(), "ended")
        .await;
    assert_eq!(timeline(&record), steps(&ANSWERED_TIMELINE));
    let started = std::time::Instant::now();
    loop {
        let status = h.control_get("/__practice/webhooks").await;
        if status["failed"] == 4 {
            assert_eq!(status["attempted"], 4);
            break;
        }
        assert!(started.elapsed() < DEADLINE, "{status}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn bad_webhook_settings_are_refused() {
    let h = Harness::start().await;
    for body in [
        json!({ "duplicate": -1 }),
        json!({ "twice": 1 }),
        json!("x"),
    ] {
        let (status, reply) = h.control_post("/__practice/webhooks", body.clone()).await;
        assert_eq!(status, reqwest::StatusCode::BAD_REQUEST, "{body}");
        assert!(reply["error"].is_string());
    }
}
