//! The `callpad` binary end to end, as a person would run it: against a practice space started in
//! this process, with the SIGNALWIRE_* variables set (or not), checking output and exit codes.

mod support;

use std::process::Output;
use std::time::Duration;

use practice_space::RunningSpace;
use serde_json::{Value, json};
use support::{
    BIN, OWNED, call_args, callpad, control, dial_requests, placed_calls, practice, stderr, stdout,
};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

/// `callpad ARGS` on this file's data folder, pointed at `space` (`None`: no SIGNALWIRE_* at all).
async fn run(space: Option<&RunningSpace>, args: &[&str]) -> Output {
    let run = callpad(data_dir(), args);
    match space {
        Some(space) => run.on(space),
        None => run,
    }
    .output_async()
    .await
}

/// `callpad call --to TO --from OWNED FLAGS… --json` on `space`, which must succeed: the call.
async fn call_json(space: &RunningSpace, to: &str, flags: &[&str]) -> Value {
    let mut args = call_args(to, flags);
    args.push("--json");
    let output = run(Some(space), &args).await;
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

/// A data folder of this test run's own, so no real profile or history is touched.
fn data_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(support::temp_dir).path()
}

/// Asserts the command exited with `code` and its stderr says `says`; returns that stderr.
fn failed_with(output: &Output, code: i32, says: &str) -> String {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(code), "{err}");
    assert!(err.contains(says), "{err}");
    err
}

#[tokio::test]
async fn call_prints_the_call_id_and_status() {
    let space = practice(50.0).await;
    let output = run(
        Some(&space),
        &call_args("+12065550174", &["--say", "Hi \"you\" ${x}"]),
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    let calls = placed_calls(&space).await;
    assert_eq!(calls.len(), 1);
    let id = calls[0]["id"].as_str().unwrap();
    let out = stdout(&output);
    assert!(out.contains(&format!("call id: {id}")), "{out}");
    assert!(out.contains("status: "), "{out}");
    assert_eq!(
        calls[0]["params"]["swml"]["sections"]["main"][1]["play"]["url"], "say:Hi \"you\" $ {x}",
        "spoken text cannot expand a SWML variable"
    );
}

#[tokio::test]
async fn call_json_prints_the_call_object_and_defaults_to_a_spoken_message() {
    let space = practice(50.0).await;
    let call = call_json(&space, "+12065550174", &["--timeout", "20"]).await;
    let calls = placed_calls(&space).await;
    assert_eq!(call["id"], calls[0]["id"]);
    assert_eq!(call["to"], "+12065550174");
    let params = &calls[0]["params"];
    assert_eq!(params["timeout"], 20);
    let spoken = params["swml"]["sections"]["main"][1]["play"]["url"]
        .as_str()
        .unwrap();
    assert!(spoken.starts_with("say:") && spoken.len() > 10, "{spoken}");
}

#[tokio::test]
async fn hangup_ends_the_call() {
    let space = practice(50.0).await;
    // Ends in 1: rings until hung up, or for the longest ring timeout (12 s here), however
    // slowly the next process starts on a busy machine.
    let call = call_json(&space, "+12065550171", &["--timeout", "600"]).await;
    let id = call["id"].as_str().unwrap();

    let output = run(Some(&space), &["hangup", id]).await;

    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(&format!("ended call {id}")),
        "{}",
        stdout(&output)
    );
    let calls = placed_calls(&space).await;
    assert_eq!(calls[0]["status"], "ended");
    assert_eq!(calls[0]["end_reason"], "hangup");
}

#[tokio::test]
async fn hangup_of_an_unknown_call_fails_with_exit_1() {
    let space = practice(50.0).await;
    // Well-formed (a malformed ID is refused before sending: see defects.rs), but unknown.
    let unknown = "7b0c9a4e-0000-4000-8000-000000000000";
    let output = run(Some(&space), &["hangup", unknown]).await;
    failed_with(&output, 1, unknown);
}

#[tokio::test]
async fn a_missing_variable_is_named_and_exits_2() {
    let output = run(None, &call_args("+12065550174", &[])).await;
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    for name in [
        "SIGNALWIRE_SPACE_URL",
        "SIGNALWIRE_PROJECT_ID",
        "SIGNALWIRE_API_TOKEN",
    ] {
        assert!(err.contains(name), "{err}");
    }

    let space = practice(50.0).await;
    let output = callpad(
        data_dir(),
        &["hangup", "7b0c9a4e-0000-4000-8000-000000000000"],
    )
    .env("SIGNALWIRE_SPACE_URL", &space.base_url())
    .env("SIGNALWIRE_PROJECT_ID", space.project_id())
    .output_async()
    .await;
    let err = failed_with(&output, 2, "SIGNALWIRE_API_TOKEN not set");
    assert!(!err.contains("SIGNALWIRE_PROJECT_ID"), "{err}");
}

#[tokio::test]
async fn a_caller_id_the_project_cannot_use_is_refused_before_sending_with_exit_2() {
    let space = practice(50.0).await;
    // Pending verification, neither owned nor verified, text-only, and a SIP address: the same
    // listing `callpad numbers` shows decides, and nothing is dialled.
    let cases: [(&[&str], &str); 4] = [
        (
            &["--from", OWNED, "--caller-id", "+13035550177"],
            "verification is not finished",
        ),
        (
            &["--caller-id", "+12065550199"],
            "neither a number this project owns",
        ),
        (&["--from", "+12025550143"], "cannot make calls"),
        (
            &["--from", "sip:desk@example.com"],
            "neither a number this project owns",
        ),
    ];
    for (flags, why) in cases {
        let mut args = vec!["call", "--to", "+12065550174"];
        args.extend_from_slice(flags);
        let output = run(Some(&space), &args).await;
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{flags:?}: {err}");
        assert!(
            err.contains("cannot be used as caller ID"),
            "{flags:?}: {err}"
        );
        assert!(err.contains(why), "{flags:?}: {err}");
        assert!(stdout(&output).is_empty());
    }
    assert_eq!(dial_requests(&space).await, 0, "no dial was sent");
}

#[tokio::test]
async fn a_lost_answer_exits_3_and_says_the_call_may_have_been_placed() {
    let space = practice(50.0).await;
    control(
        &space,
        "POST",
        "faults",
        Some(json!({"kind":"drop_after_request","count":1,"path_prefix":"/api/calling/calls"})),
    )
    .await;
    let output = run(Some(&space), &call_args("+12065550174", &[])).await;
    failed_with(&output, 3, "may have been placed");
    assert_eq!(placed_calls(&space).await.len(), 1);
}

#[tokio::test]
async fn an_invalid_number_exits_2_before_sending() {
    let space = practice(50.0).await;
    let output = run(Some(&space), &call_args("555-1234", &[])).await;
    failed_with(&output, 2, "not a valid US (+1) number");
    assert_eq!(dial_requests(&space).await, 0);
}

/// The next stdout line of a child, within 30 s.
async fn next_line<R: tokio::io::AsyncBufRead + Unpin>(lines: &mut tokio::io::Lines<R>) -> String {
    tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .expect("a line in time")
        .unwrap()
        .expect("a line before EOF")
}

#[tokio::test]
async fn practice_space_prints_the_listening_line_first_and_stops_on_ctrl_c() {
    let mut child = Command::new(BIN)
        .args([
            "practice-space",
            "--bind",
            "127.0.0.1:0",
            "--speed",
            "10",
            "--calls-per-second",
            "5",
            "--backlog",
            "3",
            "--ms-per-word",
            "10",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();

    let first: String = next_line(&mut lines).await;
    let base = first
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {first}"));
    let port = base.strip_prefix("http://127.0.0.1:").unwrap();
    assert!(port.parse::<u16>().unwrap() > 0, "{first}");
    let mut exports = Vec::new();
    for _ in 0..3 {
        exports.push(next_line(&mut lines).await);
    }
    assert_eq!(exports[0], format!("export SIGNALWIRE_SPACE_URL={base}"));
    assert_eq!(exports[1], "export SIGNALWIRE_PROJECT_ID=practice-project");
    assert_eq!(exports[2], "export SIGNALWIRE_API_TOKEN=PTpractice-token");

    // It answers like a Space with the printed credentials.
    let listing = reqwest::Client::new()
        .get(format!("{base}/api/relay/rest/phone_numbers"))
        .basic_auth("practice-project", Some("PTpractice-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(listing.status(), 200);
    // The pacing flags reached the space.
    let dials: serde_json::Value = reqwest::get(format!("{base}/__practice/dials"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(dials["calls_per_second"], 5.0, "{dials}");
    assert_eq!(dials["backlog"], 3, "{dials}");

    let pid = child.id().unwrap().to_string();
    let signalled = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .await
        .unwrap();
    assert!(signalled.success());
    let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .expect("it stops after Ctrl-C")
        .unwrap();
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn practice_space_refuses_a_non_loopback_bind() {
    let output = run(None, &["practice-space", "--bind", "0.0.0.0:0"]).await;
    failed_with(&output, 2, "127.0.0.1");
    for (flag, value) in [("--calls-per-second", "0"), ("--backlog", "0")] {
        let output = run(None, &["practice-space", flag, value]).await;
        failed_with(&output, 2, flag);
    }
}

/// `--profile Practice` means what it means in the window: the practice space runs inside the
/// command, no account or token needed, and the call lands in history.
#[tokio::test]
async fn the_practice_profile_calls_from_the_cli_as_in_the_window() {
    let data = support::temp_dir();
    let run = |args: &[&str]| {
        callpad(data.path(), args)
            .env("CALLPAD_PRACTICE_SPEED", "20")
            .output_async()
    };
    let call_with = |options: &[&str]| {
        let to = ["call", "--profile", "Practice", "--to", "+12065550176"];
        run(&[&to[..], options].concat())
    };
    let added = run(&["profile", "practice"]).await;
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(
        stdout(&added).contains("active profile: Practice"),
        "{}",
        stdout(&added)
    );
    let call = call_with(&["--wait", "--timeout", "25"]).await;
    let out = stdout(&call);
    assert!(call.status.success(), "{out}\n{}", stderr(&call));
    assert!(out.contains("status: listen"), "{out}");
    assert!(out.contains("answered"), "{out}");
    assert!(out.contains("outcome: Hung up"), "{out}");
    let history = run(&["history"]).await;
    assert!(
        stdout(&history).contains("+12065550176"),
        "{}",
        stdout(&history)
    );
    let bad = call_with(&["--timeout", "-5"]).await;
    failed_with(&bad, 2, "-5 s is outside 1–600 s");
}
