//! `callpad call --wait` killed with SIGKILL — mid-call, and while its dial is in flight — leaves
//! history unfinished; `calls::reconcile` then settles it from the voice logs without dialling.

mod support;

use std::sync::{Arc, Mutex};

use callpad_core::calls::{Placement, history, reconcile};
use callpad_core::signalwire::{Client, Credentials, SpaceUrl};
use callpad_core::status::{CallPhase, EndCause};
use callpad_core::{clock, db};
use practice_space::RunningSpace;
use serde_json::{Value, json};
use support::{call_args, callpad, control, practice, temp_dir, until};
use tokio::process::Child;

/// The profile name `callpad` records when it runs on the SIGNALWIRE_* variables.
const PROFILE: &str = "environment";

fn spawn_call(space: &RunningSpace, data: &std::path::Path, to: &str) -> Child {
    let args = call_args(to, &["--wait", "--status", "poll"]);
    callpad(data, &args).on(space).spawn_quiet()
}

async fn practice_calls(space: &RunningSpace) -> Value {
    control(space, "GET", "calls", None).await
}

fn only_row(data: &std::path::Path) -> history::HistoryEntry {
    let conn = db::open_in(data).unwrap();
    let mut rows = history::list(&conn, "", 10).unwrap();
    assert_eq!(rows.len(), 1);
    rows.remove(0)
}

/// Runs `reconcile` as the next start would, checks it settled row `id`, and returns the row.
async fn settle(space: &RunningSpace, data: &std::path::Path, id: i64) -> history::HistoryEntry {
    let db = Arc::new(Mutex::new(db::open_in(data).unwrap()));
    let report = reconcile(&client(space), &db, PROFILE, clock::now_ms() + 120_000)
        .await
        .unwrap();
    assert_eq!(report.settled, [id], "{report:?}");
    only_row(data)
}

fn client(space: &RunningSpace) -> Client {
    Client::new(
        SpaceUrl::parse(&space.base_url()).unwrap(),
        Credentials::new(space.project_id(), space.api_token()),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_call_the_row_gets_its_final_state_on_the_next_start() {
    // At 4× a call rings 0.5 s and talks 5 s: long enough to kill it while it is up.
    let space = practice(4.0).await;
    let data = temp_dir();
    let mut child = spawn_call(&space, data.path(), "+12065550175");
    let path = data.path().to_owned();
    until(|| {
        let path = path.clone();
        async move {
            db::open_in(&path)
                .ok()
                .and_then(|c| history::list(&c, "", 1).ok())
                .is_some_and(|rows| rows.first().is_some_and(|r| r.call_id.is_some()))
        }
    })
    .await;
    child.start_kill().unwrap(); // SIGKILL
    child.wait().await.unwrap();
    let before = only_row(data.path());
    assert_eq!(before.placement, Placement::Placed);
    assert_ne!(
        before.phase,
        CallPhase::Ended,
        "killed while the call was up"
    );
    // The call goes on at the Space and ends there.
    until(|| async { practice_calls(&space).await["calls"][0]["status"] == "ended" }).await;

    let after = settle(&space, data.path(), before.id).await;
    assert_eq!(after.phase, CallPhase::Ended);
    assert_eq!(after.end_cause, Some(EndCause::HungUp));
    assert_eq!(after.outcome, "Hung up");
    assert_eq!(practice_calls(&space).await["dial_requests"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_while_the_dial_was_in_flight_the_call_is_found_in_the_voice_logs() {
    let space = practice(20.0).await;
    // The Space places the call but never answers the dial.
    let fault = json!({"kind": "hang", "path_prefix": "/api/calling/calls"});
    control(&space, "POST", "faults", Some(fault)).await;
    let data = temp_dir();
    let mut child = spawn_call(&space, data.path(), "+12065550175");
    until(|| async { practice_calls(&space).await["dial_requests"] == 1 }).await;
    child.start_kill().unwrap(); // SIGKILL
    child.wait().await.unwrap();
    let before = only_row(data.path());
    assert_eq!(before.placement, Placement::Sending);
    assert_eq!(before.outcome, "Dialling…");
    assert_eq!(before.call_id, None);

    let after = settle(&space, data.path(), before.id).await;
    let placed = practice_calls(&space).await;
    assert_eq!(after.placement, Placement::Placed);
    assert_eq!(after.call_id.as_deref(), placed["calls"][0]["id"].as_str());
    assert_eq!(placed["dial_requests"], 1, "never dialled again");
}
