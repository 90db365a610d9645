//! `callpad call --wait` follows a call to its end by polling and by listening, printing each state
//! with its time; `callpad history` then shows every call as text, JSON and CSV.

use std::process::Output;

use practice_space::RunningSpace;
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_callpad");
const OWNED: &str = "+12065550100";

async fn callpad(space: &RunningSpace, data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("CALLPAD_DATA_DIR", data)
        .env("SIGNALWIRE_SPACE_URL", space.base_url())
        .env("SIGNALWIRE_PROJECT_ID", space.project_id())
        .env("SIGNALWIRE_API_TOKEN", space.api_token())
        .env("SIGNALWIRE_SIGNING_KEY", space.signing_key())
        .output()
        .await
        .unwrap()
}

/// A practice space whose clock runs `speed` times faster than real time.
async fn space(speed: f64) -> RunningSpace {
    practice_space::start(practice_space::Config {
        speed,
        ..Default::default()
    })
    .await
    .unwrap()
}

fn out(o: &Output) -> String {
    format!(
        "{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wait_follows_each_call_by_polling_and_by_listening() {
    // Polling asks every second or so: a clock 4× real time keeps each state long enough to see.
    let slow = space(4.0).await;
    let space = space(40.0).await;
    let data = tempfile::tempdir().unwrap();

    let polled = callpad(
        &slow,
        data.path(),
        &[
            "call",
            "--to",
            "+1 206 555 0174",
            "--from",
            OWNED,
            "--wait",
            "--status",
            "poll",
        ],
    )
    .await;
    let text = out(&polled);
    assert!(polled.status.success(), "{text}");
    assert!(text.contains("status: poll"), "{text}");
    // Polling may miss a state shorter than its pace (a 2 s ring here is 0.5 s); these last longer.
    for state in ["queued", "answered", "ended"] {
        assert!(
            text.contains(&format!("  {state}")),
            "{state} printed: {text}"
        );
    }
    assert!(text.contains("(poll)"), "{text}");
    assert!(text.contains("outcome: Hung up after"), "{text}");

    let listened = callpad(
        &space,
        data.path(),
        &[
            "call",
            "--to",
            "+12065550170",
            "--from",
            OWNED,
            "--wait",
            "--status",
            "listen",
        ],
    )
    .await;
    let text = out(&listened);
    assert!(listened.status.success(), "{text}");
    assert!(text.contains("status: listen"), "{text}");
    assert!(
        text.contains("(webhook)"),
        "states arrived as signed webhooks: {text}"
    );
    assert!(text.contains("  ringing"), "{text}");
    assert!(text.contains("outcome: The line was busy"), "{text}");

    let auto = callpad(
        &space,
        data.path(),
        &[
            "call",
            "--to",
            "+12065550172",
            "--from",
            OWNED,
            "--wait",
            "--json",
        ],
    )
    .await;
    assert!(auto.status.success(), "{}", out(&auto));
    let view: serde_json::Value = serde_json::from_slice(&auto.stdout).unwrap();
    assert_eq!(view["phase"], "ended");
    assert_eq!(view["cause"], "failed");

    // History holds all three, newest first, in every format.
    let history = callpad(&space, data.path(), &["history"]).await;
    let text = out(&history);
    let stdout = String::from_utf8_lossy(&history.stdout).into_owned();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].contains("The call could not be connected"),
        "{text}"
    );
    assert!(lines[2].contains("Hung up"), "{text}");
    let json = callpad(
        &space,
        data.path(),
        &["history", "--json", "--query", "555 0170"],
    )
    .await;
    let entries: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(entries.as_array().unwrap().len(), 1, "{}", out(&json));
    assert_eq!(entries[0]["endCause"], "busy");
    let csv = callpad(&space, data.path(), &["history", "--csv"]).await;
    let csv_text = String::from_utf8_lossy(&csv.stdout);
    assert!(
        csv_text.starts_with("started_utc,profile,mode"),
        "{csv_text}"
    );
    assert_eq!(csv_text.lines().count(), 4, "{csv_text}");
}

#[tokio::test]
async fn listening_without_a_public_url_says_what_to_do() {
    let space = practice_space::start(practice_space::Config::default())
        .await
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let output = Command::new(BIN)
        .args([
            "call",
            "--to",
            "+12065550174",
            "--from",
            OWNED,
            "--wait",
            "--status",
            "listen",
        ])
        .env("CALLPAD_DATA_DIR", data.path())
        .env("SIGNALWIRE_SPACE_URL", "example")
        .env("SIGNALWIRE_PROJECT_ID", "p")
        .env("SIGNALWIRE_API_TOKEN", "t")
        .output()
        .await
        .unwrap();
    let text = out(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("no public URL") && text.contains("--public-url") || text.contains("tunnel"),
        "{text}"
    );
    drop(space);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_call_mode_runs_from_the_cli() {
    let space = space(40.0).await;
    let data = tempfile::tempdir().unwrap();

    let test = callpad(
        &space,
        data.path(),
        &[
            "call",
            "--mode",
            "caller-id-test",
            "--to",
            "+12065550175",
            "--from",
            OWNED,
            "--wait",
            "--status",
            "listen",
        ],
    )
    .await;
    let text = out(&test);
    assert!(test.status.success(), "{text}");
    assert!(text.contains("outcome: Hung up"), "{text}");

    let me_first = callpad(
        &space,
        data.path(),
        &[
            "call",
            "--mode",
            "call-me-first",
            "--my-number",
            "+1 206 555 0179",
            "--to",
            "+12065550176",
            "--from",
            OWNED,
            "--wait",
            "--status",
            "listen",
        ],
    )
    .await;
    let text = out(&me_first);
    assert!(me_first.status.success(), "{text}");
    assert!(text.contains("outcome: Hung up"), "{text}");

    // The practice space saw the right legs: the test call to the test phone, and the first leg of
    // "call me first" ringing my own number with the contact in the SWML's connect step.
    let calls: serde_json::Value = reqwest::get(format!("{}/__practice/calls", space.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let dialled: Vec<String> = calls["calls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["parent_id"].is_null())
        .map(|c| c["to"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(dialled, ["+12065550175", "+12065550179"], "{calls}");
    // The connect step ran: the contact's leg is a call of its own under the first leg.
    let legs: Vec<&serde_json::Value> = calls["calls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["parent_id"].is_null())
        .collect();
    assert_eq!(legs.len(), 1, "{calls}");
    assert_eq!(legs[0]["to"], "+12065550176");
    assert_eq!(legs[0]["parent_id"], calls["calls"][1]["id"]);
    let swml = calls["calls"][1].to_string();
    assert!(
        swml.contains("connect") && swml.contains("+12065550176"),
        "{swml}"
    );

    let missing = callpad(
        &space,
        data.path(),
        &[
            "call",
            "--mode",
            "call-me-first",
            "--to",
            "+12065550176",
            "--from",
            OWNED,
        ],
    )
    .await;
    assert_eq!(missing.status.code(), Some(2), "{}", out(&missing));
    assert!(out(&missing).contains("my-number"), "{}", out(&missing));
}
