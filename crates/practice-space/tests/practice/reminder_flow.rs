//! The reminder call flow exactly as Callpad builds it (`callpad_core::reminders::script`), run on
//! the practice space: the key each number presses (its second-to-last digit) reaches a real HTTP
//! server through the flow's `request` step, silence reports no input, a machine gets the
//! voicemail branch, and "speak to us" connects the front desk as a second leg.

use callpad_core::reminders::campaign::MenuKey;
use callpad_core::reminders::outcome::Outcome;
use callpad_core::reminders::script::{self, ScriptInput};
use serde_json::{Value, json};

use crate::common::*;

const FRONT_DESK: &str = "+12065550176";

/// Dials `to` with the flow Callpad sends, reporting to `report_url`.
async fn dial_reminder(h: &Harness, to: &str, report_url: &str) -> String {
    let menu = MenuKey::defaults();
    let document = script::build(&ScriptInput {
        message: "Hi Sam, this is Elm Street Dental reminding you of your visit on Tuesday the 3rd of December at 2:30 PM.",
        menu: &menu,
        front_desk: Some(FRONT_DESK),
        caller_id: OWNED,
        report_url: Some(report_url),
        voicemail: Some("This is Elm Street Dental with a reminder. Please call us back."),
        front_desk_leg_url: None,
    });
    let swml = serde_json::to_value(&document).unwrap();
    let call = h.dial(to, json!({ "swml": swml })).await;
    call["id"].as_str().unwrap().to_owned()
}

/// The outcome Callpad's default menu records for `key`.
fn menu_outcome(key: &str) -> &'static str {
    MenuKey::defaults()
        .into_iter()
        .find(|k| k.key == key)
        .map(|k| k.outcome.as_str())
        .unwrap_or_else(|| panic!("no menu key {key}"))
}

fn event_names(log_events: &Value) -> Vec<String> {
    log_events["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn each_number_reports_the_key_its_second_to_last_digit_presses() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    // Last digit 5: answered. Second-to-last digit: the callee.
    let cases: [(char, Value); 7] = [
        ('1', json!({ "key": "1", "outcome": menu_outcome("1") })),
        ('2', json!({ "key": "2", "outcome": menu_outcome("2") })),
        ('3', json!({ "key": "3", "outcome": menu_outcome("3") })),
        ('9', json!({ "key": "9", "outcome": menu_outcome("9") })),
        ('5', json!({ "key": "1", "outcome": menu_outcome("1") })),
        (
            '0',
            json!({ "key": "", "outcome": Outcome::NoInput.as_str() }),
        ),
        (
            '8',
            json!({ "key": "", "outcome": Outcome::Machine.as_str() }),
        ),
    ];
    let mut calls = Vec::new();
    for (digit, _) in &cases {
        let to = format!("+120655501{digit}5");
        let token = script::new_attempt_token();
        let url = receiver.url(&script::report_path(&token));
        calls.push((dial_reminder(&h, &to, &url).await, token));
    }
    for ((digit, expected), (id, token)) in cases.iter().zip(&calls) {
        let record = h.wait_for_state(id, "ended").await;
        assert!(record["answer_time"].is_u64(), "{record}");
        let path = script::report_path(token);
        let reports: Vec<Value> = receiver
            .hits()
            .into_iter()
            .filter(|hit| hit.path_and_query == path)
            .map(|hit| {
                assert_eq!(hit.method, "POST");
                assert_eq!(hit.content_type.as_deref(), Some("application/json"));
                hit.json()
            })
            .collect();
        assert_eq!(
            reports,
            std::slice::from_ref(expected),
            "…{digit}5 reported"
        );

        let (_, events) = h.get(&format!("/api/voice/logs/{id}/events")).await;
        let names = event_names(&events);
        assert!(
            names.contains(&"swml_detect_machine".to_owned()),
            "{names:?}"
        );
        assert_eq!(
            names.contains(&"swml_prompt".to_owned()),
            *digit != '8',
            "a machine gets the voicemail and never the menu: {names:?}"
        );
        let log = h.wait_for_log_status(id, "completed").await;
        assert!(log["duration"].as_u64().is_some(), "{log}");
    }

    // "Speak to us" bridged the front desk as a second leg of the …35 call.
    let calls_now = h.control_get("/__practice/calls").await;
    let legs: Vec<&Value> = calls_now["calls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["parent_id"].is_null())
        .collect();
    assert_eq!(legs.len(), 1, "{calls_now}");
    assert_eq!(legs[0]["to"], FRONT_DESK);
    assert_eq!(legs[0]["parent_id"].as_str(), Some(calls[2].0.as_str()));
    let parent = h.record(&calls[2].0).await;
    assert_eq!(parent["swml_vars"]["connect_result"], "connected");
    assert!(parent["end_time"].as_u64() >= legs[0]["end_time"].as_u64());
}

#[tokio::test]
async fn a_machine_hears_the_voicemail_after_the_beep_and_nobody_presses_for_it() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    let id = dial_reminder(&h, "+12065550185", &receiver.url("/r/m")).await;
    let record = h.wait_for_state(&id, "ended").await;
    assert_eq!(record["callee"], "machine");
    assert_eq!(record["swml_vars"]["detect_result"], "machine");
    assert_eq!(record["swml_vars"]["detect_machine_beep"], true);
    assert!(
        record["swml_vars"].get("prompt_value").is_none(),
        "{record}"
    );
    let answered = record["answer_time"].as_u64().unwrap();
    let detected = record["swml_events"][0]["at_ms"].as_u64().unwrap();
    assert_eq!(detected - answered, practice_space::MACHINE_BEEP_MS);
}

#[tokio::test]
async fn numbers_that_are_not_answered_run_no_flow() {
    let h = Harness::start().await;
    let receiver = Receiver::start().await;
    // …10 busy, …11 no answer, …12 fails, …13 declined: the last digit rules, whatever the
    // second-to-last digit would press.
    let mut ids = Vec::new();
    for to in [
        "+12065550110",
        "+12065550111",
        "+12065550112",
        "+12065550113",
    ] {
        ids.push(dial_reminder(&h, to, &receiver.url("/r/x")).await);
    }
    for (id, status) in ids.iter().zip(["busy", "no-answer", "failed", "busy"]) {
        h.wait_for_log_status(id, status).await;
        assert_eq!(h.record(id).await["swml_events"], json!([]));
    }
    assert!(receiver.hits().is_empty());
}
