//! `callpad call --wait` follows a call to its end by polling and by listening, printing each state
//! with its time; `callpad history` then shows every call as text, JSON and CSV.

mod support;

use std::path::Path;
use std::process::Output;

use practice_space::RunningSpace;
use support::{OWNED, both as out, call_args, callpad, practice, stdout};

/// `callpad ARGS` against `space`, its signing key given too so webhooks can be checked.
async fn run(space: &RunningSpace, data: &Path, args: &[&str]) -> Output {
    callpad(data, args)
        .on(space)
        .env("SIGNALWIRE_SIGNING_KEY", space.signing_key())
        .output_async()
        .await
}

/// `callpad call --to TO --from OWNED --wait FLAGS…` against `space`.
async fn call_wait(space: &RunningSpace, data: &Path, to: &str, flags: &[&str]) -> Output {
    let mut args = call_args(to, &["--wait"]);
    args.extend_from_slice(flags);
    run(space, data, &args).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wait_follows_each_call_by_polling_and_by_listening() {
    // Polling asks every second or so: a clock 4× real time keeps each state long enough to see.
    let slow = practice(4.0).await;
    let space = practice(40.0).await;
    let data = support::temp_dir();

    let polled = call_wait(&slow, data.path(), "+1 206 555 0174", &["--status", "poll"]).await;
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

    let listened = call_wait(&space, data.path(), "+12065550170", &["--status", "listen"]).await;
    let text = out(&listened);
    assert!(listened.status.success(), "{text}");
    // The states arrived as signed webhooks.
    for part in [
        "status: listen",
        "(webhook)",
        "  ringing",
        "outcome: The line was busy",
    ] {
        assert!(text.contains(part), "{part} printed: {text}");
    }

    let auto = call_wait(&space, data.path(), "+12065550172", &["--json"]).await;
    assert!(auto.status.success(), "{}", out(&auto));
    let view: serde_json::Value = serde_json::from_slice(&auto.stdout).unwrap();
    assert_eq!(view["phase"], "ended");
    assert_eq!(view["cause"], "failed");

    // History holds all three, newest first, in every format.
    let history = run(&space, data.path(), &["history"]).await;
    let text = out(&history);
    let listed = stdout(&history);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].contains("The call could not be connected"),
        "{text}"
    );
    assert!(lines[2].contains("Hung up"), "{text}");
    let json = run(
        &space,
        data.path(),
        &["history", "--json", "--query", "555 0170"],
    )
    .await;
    let entries: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(entries.as_array().unwrap().len(), 1, "{}", out(&json));
    assert_eq!(entries[0]["endCause"], "busy");
    let csv = run(&space, data.path(), &["history", "--csv"]).await;
    let csv_text = stdout(&csv);
    assert!(
        csv_text.starts_with("started_utc,profile,mode"),
        "{csv_text}"
    );
    assert_eq!(csv_text.lines().count(), 4, "{csv_text}");
}

#[tokio::test]
async fn listening_without_a_public_url_says_what_to_do() {
    let space = support::practice_with(practice_space::Config::default()).await;
    let data = support::temp_dir();
    let output = callpad(
        data.path(),
        &[
            "call",
            "--to",
            "+12065550174",
            "--from",
            OWNED,
            "--wait",
            "--status",
            "listen",
        ],
    )
    .env("SIGNALWIRE_SPACE_URL", "example")
    .env("SIGNALWIRE_PROJECT_ID", "p")
    .env("SIGNALWIRE_API_TOKEN", "t")
    .output_async()
    .await;
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
    let space = practice(40.0).await;
    let data = support::temp_dir();

    let test = call_wait(
        &space,
        data.path(),
        "+12065550175",
        &["--mode", "caller-id-test", "--status", "listen"],
    )
    .await;
    let text = out(&test);
    assert!(test.status.success(), "{text}");
    assert!(text.contains("outcome: Hung up"), "{text}");

    let me_first = call_wait(
        &space,
        data.path(),
        "+12065550176",
        &[
            "--mode",
            "call-me-first",
            "--my-number",
            "+1 206 555 0179",
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
    let calls = support::control(&space, "GET", "calls", None).await;
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

    let missing = run(
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
