//! The SWML interpreter step by step over real HTTP: `${…}` expansion in a `request`'s URL,
//! headers and body (call, envs, script and method variables), `save_variables`, string bodies,
//! failed requests that do not end the call, the time `say:` takes per word, `set`/`sleep`, and
//! an unknown method stopping the script with an error event.

use practice_space::Config;
use serde_json::{Value, json};

use crate::common::*;

fn doc(steps: Value) -> Value {
    json!({ "version": "1.0.0", "sections": { "main": steps } })
}

async fn run(h: &Harness, to: &str, steps: Value, extra: Value) -> (String, Value) {
    let mut params = json!({ "swml": doc(steps) });
    if let Value::Object(extra) = extra {
        for (k, v) in extra {
            params[k] = v;
        }
    }
    let id = h.dial(to, params).await["id"].as_str().unwrap().to_owned();
    let record = h.wait_for_state(&id, "ended").await;
    (id, record)
}

#[tokio::test]
async fn request_expands_variables_in_url_headers_and_body() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    let to = "+12065550195"; // presses 9
    let steps = json!([
        {"answer": {}},
        {"set": {"greeting": "hi ${call.to}"}},
        {"prompt": {"play": "say:Press a key", "max_digits": 1}},
        {"request": {
            "url": receiver.url("/r/${call.call_id}?k=${prompt_value}"),
            "method": "POST",
            "headers": {"X-Key": "${prompt_value}", "Content-Type": "application/json"},
            "body": {"id": "${call.call_id}", "to": "${call.to}", "from": "${call.from}",
                     "dir": "${call.direction}", "type": "${call.type}", "env": "${envs.clinic}",
                     "greeting": "${greeting}", "result": "${prompt_result}",
                     "kept": "$ {prompt_value}", "n": 5, "nested": ["%{prompt_value}"]}
        }},
        {"hangup": {}}
    ]);
    let (id, record) = run(
        &h,
        to,
        steps,
        json!({"custom_variables": {"clinic": "Elm"}}),
    )
    .await;
    let hits = receiver.hits();
    assert_eq!(hits.len(), 1, "{record}");
    let hit = &hits[0];
    assert_eq!(hit.path_and_query, format!("/r/{id}?k=9"));
    assert_eq!(hit.header("x-key"), Some("9"));
    assert_eq!(
        hit.json(),
        json!({"id": id, "to": to, "from": OWNED, "dir": "outbound", "type": "phone",
               "env": "Elm", "greeting": format!("hi {to}"), "result": "match_digits",
               "kept": "$ {prompt_value}", "n": 5, "nested": ["9"]})
    );
    assert_eq!(record["swml_vars"]["request_result"], "success");
    assert_eq!(record["swml_vars"]["request_response_code"], 200);
    assert_eq!(record["end_reason"], "hangup");
}

#[tokio::test]
async fn saved_response_variables_feed_the_next_request_and_string_bodies_are_sent_as_text() {
    let h = Harness::start().await;
    let api = Receiver::answering(201, json!({"code": "A7", "who": {"name": "Sam"}})).await;
    let sink = Receiver::start().await;
    let steps = json!([
        {"answer": {}},
        {"request": {"url": api.url("/lookup"), "method": "GET", "save_variables": true}},
        {"request": {"url": sink.url("/next"), "method": "PUT",
                     "body": "code=${request_response.code} name=${request_response.who.name} status=${request_response_code} ${request_response_headers.content-type}"}},
        {"request": {"url": sink.url("/gone"), "method": "DELETE"}},
    ]);
    let (_, record) = run(&h, "+12065550175", steps, json!({})).await;
    assert_eq!(api.hits()[0].method, "GET");
    let hits = sink.hits();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].method, "PUT");
    assert_eq!(hits[0].content_type.as_deref(), Some("text/plain"));
    assert_eq!(
        hits[0].text(),
        "code=A7 name=Sam status=201 application/json"
    );
    assert_eq!(hits[1].method, "DELETE");
    assert!(hits[1].body.is_empty());
    assert_eq!(record["end_reason"], "hangup", "the end of main hangs up");
}

#[tokio::test]
async fn a_failed_request_sets_failed_and_the_call_goes_on() {
    let h = Harness::start().await;
    // A port nothing listens on any more.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let refusing = Receiver::answering(500, json!({"error": "down"})).await;
    let sink = Receiver::start().await;
    let steps = json!([
        {"answer": {}},
        {"request": {"url": format!("http://{closed}/x"), "method": "POST", "body": {"a": 1}}},
        {"request": {"url": sink.url("/after-refused"), "method": "POST", "body": "${request_result}/${return_value}"}},
        {"request": {"url": refusing.url("/err"), "method": "POST", "body": {}}},
        {"request": {"url": sink.url("/after-500"), "method": "POST", "body": "${request_result} ${request_response_code}"}},
        {"request": {"url": "not a url", "method": "POST"}},
        {"request": {"url": sink.url("/bad-method"), "method": "PATCH"}},
        {"play": {"url": "say:Still here"}},
        {"request": {"url": sink.url("/end"), "method": "POST", "body": "${request_result}"}},
    ]);
    let (id, record) = run(&h, "+12065550175", steps, json!({})).await;
    let bodies: Vec<(String, String)> = sink
        .hits()
        .iter()
        .map(|h| (h.path_and_query.clone(), h.text()))
        .collect();
    assert_eq!(
        bodies,
        [
            ("/after-refused".to_owned(), "failed/failed".to_owned()),
            ("/after-500".to_owned(), "failed 500".to_owned()),
            ("/end".to_owned(), "failed".to_owned()),
        ],
        "PATCH is not a request method, so /bad-method is never sent"
    );
    assert_eq!(record["end_reason"], "hangup");
    let log = h.wait_for_log_status(&id, "completed").await;
    assert_eq!(log["id"], id.as_str());
    let failed = record["swml_events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["name"] == "swml_request" && e["details"]["request_result"] == "failed")
        .count();
    assert_eq!(failed, 4, "refused, 500, bad URL, PATCH: {record}");
}

#[tokio::test]
async fn say_takes_the_configured_time_per_word_and_the_key_comes_a_second_later() {
    let h = Harness::with_config(Config {
        speed: FAST,
        ms_per_word: 100,
        ..Config::default()
    })
    .await;
    let steps = json!([
        {"answer": {}},
        {"play": {"urls": ["say:one two three", "silence:0.5"]}},
        {"prompt": {"play": ["say:four five six seven eight"], "initial_timeout": 3}},
        {"sleep": 250},
        {"set": {"after": "${prompt_value}"}},
        {"prompt": {"play": "say:again", "initial_timeout": 3}},
    ]);
    // …05 presses nothing; …25 presses 2.
    for (to, key, waited) in [("+12065550125", "2", 1_000), ("+12065550105", "", 3_000)] {
        let (_, record) = run(&h, to, steps.clone(), json!({})).await;
        let answered = record["answer_time"].as_u64().unwrap();
        let prompts: Vec<u64> = record["swml_events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["name"] == "swml_prompt")
            .map(|e| e["at_ms"].as_u64().unwrap() - answered)
            .collect();
        let first = 300 + 500 + 500 + waited;
        assert_eq!(prompts, [first, first + 250 + 100 + waited], "{to}");
        assert_eq!(record["swml_vars"]["after"], key);
        assert_eq!(
            record["end_time"].as_u64().unwrap() - answered,
            prompts[1],
            "the script ends the call when it runs out"
        );
    }
}

#[tokio::test]
async fn an_unknown_method_stops_the_script_with_an_error_and_hangs_up() {
    let h = Harness::start().await;
    let sink = Receiver::start().await;
    let steps = json!([
        {"answer": {}},
        {"frobnicate": {}},
        {"request": {"url": sink.url("/never"), "method": "POST"}},
    ]);
    let (id, record) = run(&h, "+12065550175", steps, json!({})).await;
    assert_eq!(record["end_reason"], "hangup");
    let (_, events) = h.get(&format!("/api/voice/logs/{id}/events")).await;
    let error = events["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "swml_error")
        .cloned()
        .unwrap_or_else(|| panic!("no error event in {events}"));
    assert_eq!(error["level"], "error");
    assert_eq!(error["details"]["method"], "frobnicate");
    h.drain_webhooks().await;
    assert!(sink.hits().is_empty());
}

#[tokio::test]
async fn a_switch_case_runs_then_the_steps_after_it_and_a_json_string_document_runs_too() {
    let h = Harness::start().await;
    let sink = Receiver::start().await;
    let steps = json!([
        {"answer": {}},
        {"prompt": {"play": "say:Press"}},
        {"switch": {"variable": "prompt_value",
                    "case": {"3": [{"set": {"picked": "three"}}], "1": [{"set": {"picked": "one"}}]},
                    "default": [{"set": {"picked": "none"}}]}},
        {"switch": {"variable": "call.type", "case": {"sip": [{"hangup": {}}]}}},
        {"request": {"url": sink.url("/picked"), "method": "POST", "body": "${picked}"}},
    ]);
    let swml_text = doc(steps).to_string();
    for (to, picked) in [
        ("+12065550135", "three"),
        ("+12065550175", "one"),
        ("+12065550105", "none"),
    ] {
        let id = h.dial(to, json!({ "swml": swml_text })).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        h.wait_for_state(&id, "ended").await;
        let last = sink.hits().last().map(Hit::text);
        assert_eq!(last.as_deref(), Some(picked), "{to}");
    }
    // sip: presses 1, and takes the hang-up case before the request.
    let before = sink.hits().len();
    let id = h
        .dial("sip:desk@example.com", json!({ "swml": swml_text }))
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let record = h.wait_for_state(&id, "ended").await;
    assert_eq!(record["swml_vars"]["picked"], "one");
    assert_eq!(sink.hits().len(), before);
}
