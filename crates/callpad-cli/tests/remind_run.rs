//! `callpad remind run` as a front desk relies on it: a 200-recipient campaign on the practice
//! space, the runner killed with SIGKILL at random moments ten times and started again, then run
//! to the end. Every recipient ends with exactly one final outcome, and the practice space saw no
//! number dialled more often than its retries allow — answered numbers (those that confirm
//! among them) exactly once. Then the export and a second runner's refusal.

mod support;

use std::collections::HashMap;
use std::time::Duration;

use practice_space::RunningSpace;
use serde_json::Value;
use support::{both, callpad, control, practice_with, success_stdout, temp_dir, write_file};

const RECIPIENTS: usize = 200;
/// What the runner waits before deciding a lost dial was not placed (the practice space's logs
/// exist from the moment of the dial).
const SETTLE_MS: &str = "1000";

/// 200 numbers whose last two digits run through 00-99 twice: the last digit picks the call's
/// outcome (0 busy, 1 no answer, 2 failed, 3 declined, else answered), the one before it the key.
fn csv() -> String {
    let mut csv = String::from("Name,Phone,Appointment,Room\n");
    for i in 0..RECIPIENTS {
        csv.push_str(&format!(
            "Person {i},+1 206 555 {:04},2099-12-03 14:30,Room {}\n",
            i,
            i % 7
        ));
    }
    csv
}

/// Dials the practice space received, by number.
async fn dials_by_number(space: &RunningSpace) -> HashMap<String, usize> {
    let mut by = HashMap::new();
    for d in control(space, "GET", "dials", None).await["dials"]
        .as_array()
        .unwrap()
    {
        *by.entry(d["to"].as_str().unwrap().to_owned()).or_insert(0) += 1;
    }
    by
}

/// A random-enough number from the clock (no RNG crate needed for kill timing).
fn jitter(max_ms: u64) -> u64 {
    let nanos = std::time::UNIX_EPOCH.elapsed().unwrap().subsec_nanos() as u64;
    (nanos / 1000) % max_ms
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_ten_times_at_random_every_recipient_ends_once_and_nobody_is_dialled_twice() {
    let space = practice_with(practice_space::Config {
        speed: 50.0,
        calls_per_second: 50.0,
        ..Default::default()
    })
    .await;
    let data = temp_dir();
    let file = write_file(data.path(), "tomorrow.csv", &csv());
    let out = callpad(
        data.path(),
        &[
            "remind",
            "create",
            "Thursday",
            "--csv",
            &file,
            "--template",
            "Hi {first_name}, see you in {Room}.",
            "--appointment",
            "Appointment",
            "--caller-id",
            "+12065550100",
            "--window",
            "00:00-24:00",
            "--days",
            "mon-sun",
            "--rate",
            "20",
            "--max-live",
            "20",
            "--retry",
            "busy=1@0m,no-answer=1@0m,failed=1@0m,machine=0,no-input=0",
            "--front-desk",
            "+12065550199",
            "--json",
        ],
    )
    .output_async()
    .await;
    let review: Value = serde_json::from_str(&success_stdout(&out)).unwrap();
    assert_eq!(review["call_now"], RECIPIENTS, "{review}");
    let id = review["id"].to_string();

    for round in 0..10 {
        let mut child = callpad(data.path(), &["remind", "run", &id])
            .on(&space)
            .env("CALLPAD_REMINDER_SETTLE_MS", SETTLE_MS)
            .spawn_quiet();
        tokio::time::sleep(Duration::from_millis(150 + jitter(1_200))).await;
        child.start_kill().unwrap(); // SIGKILL
        child.wait().await.unwrap();
        eprintln!("round {round}: killed");
    }
    let out = tokio::time::timeout(
        Duration::from_secs(240),
        callpad(data.path(), &["remind", "run", &id])
            .on(&space)
            .env("CALLPAD_REMINDER_SETTLE_MS", SETTLE_MS)
            .output_async(),
    )
    .await
    .expect("the last run finishes");
    let text = success_stdout(&out);
    assert!(text.contains("finished"), "{}", both(&out));

    let status: Value = serde_json::from_str(&success_stdout(
        &callpad(data.path(), &["remind", "status", &id, "--json"])
            .output_async()
            .await,
    ))
    .unwrap();
    let recipients = status["recipients"].as_array().unwrap();
    assert_eq!(recipients.len(), RECIPIENTS);
    let dialled = dials_by_number(&space).await;
    for r in recipients {
        let phone = r["phone"].as_str().unwrap();
        let last = phone.as_bytes()[phone.len() - 1] - b'0';
        let n = dialled.get(phone).copied().unwrap_or(0);
        assert_eq!(r["state"], "done", "{r}");
        let outcome = r["outcome"].as_str().unwrap_or_else(|| panic!("{r}"));
        assert_ne!(
            outcome, "may_have_been_placed",
            "the logs settle every dial: {r}"
        );
        assert!(r["next_attempt_at"].is_null(), "{r}");
        assert!(n >= 1, "nobody is skipped: {r}");
        let allowed = if last <= 3 { 2 } else { 1 };
        assert!(
            n <= allowed,
            "{phone} dialled {n} times (at most {allowed}): {r}"
        );
        assert!(r["attempts"].as_u64().unwrap() as usize >= n, "{r}");
        if last >= 4 {
            assert!(
                [
                    "confirmed",
                    "reschedule",
                    "asked_for_call",
                    "stop_calls",
                    "no_input",
                    "answered"
                ]
                .contains(&outcome),
                "{r}"
            );
        }
    }
    let export = success_stdout(
        &callpad(data.path(), &["remind", "export", &id, "--csv"])
            .output_async()
            .await,
    );
    let mut lines = export.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("Name,Phone,Appointment,Room,callpad_line,callpad_phone,callpad_state,callpad_outcome,callpad_attempt"),
        "{export}"
    );
    // One row per attempt; every attempt but those whose dial never left (killed between
    // writing the attempt and sending it, settled "not_placed") is one dial the space saw.
    let mut sent: HashMap<String, usize> = HashMap::new();
    let mut rows = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        rows += 1;
        if cells[9] != "not_placed" {
            *sent.entry(cells[5].to_owned()).or_insert(0) += 1;
        }
    }
    let attempts: u64 = recipients
        .iter()
        .map(|r| r["attempts"].as_u64().unwrap())
        .sum();
    assert_eq!(rows as u64, attempts, "one row per attempt");
    assert_eq!(sent, dialled, "every dial sent is one recorded attempt");
    space.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_runner_is_refused_with_a_clear_message_and_a_killed_ones_lock_is_taken_over() {
    let space = practice_with(practice_space::Config::default()).await;
    let data = temp_dir();
    let file = write_file(data.path(), "r.csv", "Name,Phone\nAda,+1 206 555 0114\n");
    let out = callpad(
        data.path(),
        &[
            "remind",
            "create",
            "Later",
            "--csv",
            &file,
            "--template",
            "Hi",
            "--caller-id",
            "+12065550100",
            "--at",
            "2099-12-02T09:00:00-08:00",
            "--json",
        ],
    )
    .output_async()
    .await;
    let id = serde_json::from_str::<Value>(&success_stdout(&out)).unwrap()["id"].to_string();
    let mut first = callpad(data.path(), &["remind", "run", &id])
        .on(&space)
        .spawn_quiet();
    let lock = data.path().join("reminders.lock");
    support::until(|| {
        let lock = lock.clone();
        async move { std::fs::read_to_string(&lock).is_ok_and(|t| t.contains("pid=")) }
    })
    .await;
    let second = callpad(data.path(), &["remind", "run", &id])
        .on(&space)
        .output_async()
        .await;
    assert_eq!(second.status.code(), Some(1), "{}", both(&second));
    let err = support::stderr(&second);
    assert!(
        err.contains("another reminder runner") && err.contains("already running"),
        "{err}"
    );
    first.start_kill().unwrap(); // SIGKILL: the lock file stays, the OS lock goes
    first.wait().await.unwrap();
    assert!(lock.exists());
    let mut third = callpad(data.path(), &["remind", "run", &id])
        .on(&space)
        .spawn_quiet();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        third.try_wait().unwrap().is_none(),
        "the stale lock was taken over and the runner waits for 2099"
    );
    third.start_kill().unwrap();
    third.wait().await.unwrap();
    assert!(dials_by_number(&space).await.is_empty());
    space.shutdown().await;
}
