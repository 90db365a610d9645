//! `callpad remind create|list|status` as a script uses them, on a real data folder, under a
//! machine time zone far from every callee's (the zones come from the numbers).

use std::path::Path;
use std::process::{Command, Output};

fn callpad(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callpad"))
        .args(args)
        .env("CALLPAD_DATA_DIR", data)
        .env("TZ", "Pacific/Kiritimati")
        .output()
        .unwrap()
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

const CSV: &str = "Name,Phone,Appointment,Doctor\n\
    Ada Lovelace,+1 206 555 0100,2099-12-03 14:30,Dr Byron\n\
    Bo,not a number,2099-12-03 15:00,Dr Byron\n\
    Ada again,(206) 555-0100,2099-12-03 16:00,Dr Byron\n";

#[test]
fn create_prints_the_review_and_status_the_recipients() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("tomorrow.csv");
    std::fs::write(&csv, CSV).unwrap();
    let csv = csv.to_str().unwrap();
    let out = ok(&callpad(
        dir.path(),
        &[
            "remind",
            "create",
            "Thursday",
            "--csv",
            csv,
            "--template",
            "Hi {first_name}, you see {with} on {date} at {time}.",
            "--before",
            "Appointment:24",
            "--caller-id",
            "+12125550199",
            "--region",
            "US",
            "--window",
            "09:00-20:00",
            "--days",
            "mon-fri",
            "--retry",
            "busy=1@5m",
            "--json",
        ],
    ));
    let review: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = review["id"].as_i64().unwrap();
    assert_eq!(review["call_later"], 1, "{review}");
    assert_eq!(
        (review["invalid"].as_u64(), review["duplicates"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(review["excluded"][0]["line"], 3);
    assert_eq!(review["excluded"][1]["line"], 4);

    let status: serde_json::Value = serde_json::from_str(&ok(&callpad(
        dir.path(),
        &["remind", "status", &id.to_string(), "--json"],
    )))
    .unwrap();
    let ada = &status["recipients"][0];
    assert_eq!(ada["phone"], "+12065550100");
    assert_eq!(ada["name"], "Ada Lovelace");
    assert_eq!(ada["state"], "waiting");
    assert_eq!(ada["attempts"], 0);
    assert_eq!(
        ada["message"],
        "Hi Ada, you see Dr Byron on Thursday the 3rd of December at 2:30 PM."
    );
    // 24 h before 14:30 Los Angeles time on Thursday 3 Dec 2099 = 22:30 UTC on the Wednesday.
    assert_eq!(ada["next_attempt_at"], "2099-12-02T22:30:00Z");
    assert!(ada["waiting_reason"].is_null());
    assert_eq!(status["counts"]["waiting"], 1);
    assert_eq!(status["counts"]["excluded"], 2);

    let id = id.to_string();
    assert!(ok(&callpad(dir.path(), &["remind", "pause", &id])).contains("is paused"));
    assert!(ok(&callpad(dir.path(), &["remind", "resume", &id])).contains("is ready"));
    assert!(ok(&callpad(dir.path(), &["remind", "cancel", &id])).contains("is cancelled"));
    let out = callpad(dir.path(), &["remind", "resume", &id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("it is cancelled, so there is nothing to resume")
    );
    let status: serde_json::Value = serde_json::from_str(&ok(&callpad(
        dir.path(),
        &["remind", "status", &id, "--json"],
    )))
    .unwrap();
    assert_eq!(status["state"], "cancelled");
    let text = ok(&callpad(dir.path(), &["remind", "list"]));
    assert!(
        text.contains("Thursday") && text.contains("3 recipients"),
        "{text}"
    );
    let text = ok(&callpad(
        dir.path(),
        &[
            "remind",
            "create",
            "Again",
            "--csv",
            csv,
            "--template",
            "Hello",
            "--caller-id",
            "+12125550199",
            "--region",
            "US",
        ],
    ));
    assert!(
        text.contains("line 3:") && text.contains("invalid number"),
        "{text}"
    );
    assert!(
        text.contains("line 4:") && text.contains("duplicate of line 2"),
        "{text}"
    );
}

#[test]
fn bad_input_is_a_usage_error_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("r.csv");
    std::fs::write(&csv, CSV).unwrap();
    let csv = csv.to_str().unwrap();
    let base = [
        "remind",
        "create",
        "X",
        "--csv",
        csv,
        "--caller-id",
        "+12125550199",
    ];
    for (extra, says) in [
        (
            &["--template", "Hi {nickname}"][..],
            "{nickname} is not a placeholder",
        ),
        (
            &["--template", "Hi", "--window", "21:00-08:00"][..],
            "HH:MM-HH:MM",
        ),
        (&["--template", "Hi", "--retry", "busy=x"][..], "busy=2@10m"),
        (&["--template", "Hi", "--at", "tomorrowish"][..], "ISO 8601"),
        (
            &["--template", "Hi", "--before", "Nope:24"][..],
            "no column \"Nope\"",
        ),
    ] {
        let args: Vec<&str> = base.iter().copied().chain(extra.iter().copied()).collect();
        let out = callpad(dir.path(), &args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{extra:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{extra:?}: {err}");
    }
    let out = callpad(dir.path(), &["remind", "status", "42"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no reminder campaign with id 42"));
    assert!(ok(&callpad(dir.path(), &["remind", "list"])).contains("no reminder campaigns yet"));
}
