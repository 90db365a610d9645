//! After a crash: unfinished history rows are settled from the voice logs, never by dialling.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use callpad_core::calls::{Placement, history, reconcile};
use callpad_core::status::{CallPhase, EndCause};
use callpad_core::{clock, db};

use crate::support::{ANSWERS, OWNED, Practice, dial_message};

const MINUTE: i64 = 60_000;

fn row(conn: &rusqlite::Connection, to: &str, at: i64) -> i64 {
    history::begin(
        conn,
        &history::NewCall {
            profile: "Practice".into(),
            mode: callpad_core::calls::ModeName::DeliverMessage,
            from: OWNED.into(),
            to: to.into(),
            caller_id: OWNED.into(),
            contact_id: None,
            contact_name: None,
            created_at_ms: at,
        },
    )
    .unwrap()
}

#[tokio::test]
async fn a_lost_dial_is_found_in_the_voice_log_list_and_a_missing_one_is_not_placed() {
    let practice = Practice::start().await;
    let client = practice.client();
    let db = Arc::new(Mutex::new(db::open_in_memory().unwrap()));
    let now = clock::now_ms();
    let (placed_row, missing_row, other_profile) = {
        let conn = db.lock().unwrap();
        let a = row(&conn, ANSWERS, now - 1_000);
        let b = row(&conn, "+15551234569", now - 1_000);
        let c = history::begin(
            &conn,
            &history::NewCall {
                profile: "Other".into(),
                mode: callpad_core::calls::ModeName::DeliverMessage,
                from: OWNED.into(),
                to: ANSWERS.into(),
                caller_id: OWNED.into(),
                contact_id: None,
                contact_name: None,
                created_at_ms: now - 1_000,
            },
        )
        .unwrap();
        (a, b, c)
    };
    // The dial the crashed process sent: it reached the Space.
    let call = dial_message(&client, ANSWERS).await;

    // Right after the crash: found, attached; the other row stays "may have been placed".
    let report = reconcile(&client, &db, "Practice", now + MINUTE + 1)
        .await
        .unwrap();
    assert_eq!(report.checked, 2);
    assert_eq!(report.settled, [placed_row]);
    assert_eq!(report.still_unknown, [missing_row]);
    assert!(report.summary().unwrap().contains("may have been placed"));
    {
        let conn = db.lock().unwrap();
        let e = history::get(&conn, placed_row).unwrap().unwrap();
        assert_eq!(e.placement, Placement::Placed);
        assert_eq!(e.call_id.as_deref(), Some(call.id.as_str()));
        let e = history::get(&conn, missing_row).unwrap().unwrap();
        assert_eq!(e.placement, Placement::Unknown);
        assert!(e.outcome.contains("May have been placed"), "{}", e.outcome);
        let e = history::get(&conn, other_profile).unwrap().unwrap();
        assert_eq!(
            e.placement,
            Placement::Sending,
            "another profile's rows are left alone"
        );
    }
    // Long after: no log ever appeared for the second, so it was not placed; the call has ended.
    until_call_ended(&practice).await;
    let report = reconcile(&client, &db, "Practice", now + 10 * MINUTE)
        .await
        .unwrap();
    assert!(report.settled.contains(&missing_row), "{report:?}");
    {
        let conn = db.lock().unwrap();
        let e = history::get(&conn, missing_row).unwrap().unwrap();
        assert_eq!(e.placement, Placement::NotPlaced);
        let e = history::get(&conn, placed_row).unwrap().unwrap();
        assert_eq!(e.phase, CallPhase::Ended);
        assert_eq!(e.end_cause, Some(EndCause::HungUp));
    }
    assert_eq!(practice.dial_requests().await, 1, "reconciling never dials");
}

#[tokio::test]
async fn rows_just_written_may_be_another_process_and_are_left_alone() {
    let practice = Practice::start().await;
    let db = Arc::new(Mutex::new(db::open_in_memory().unwrap()));
    let now = clock::now_ms();
    let r = row(&db.lock().unwrap(), ANSWERS, now);
    let report = reconcile(&practice.client(), &db, "Practice", now + 1_000)
        .await
        .unwrap();
    assert_eq!(report.checked, 0);
    assert_eq!(report.summary(), None);
    let e = history::get(&db.lock().unwrap(), r).unwrap().unwrap();
    assert_eq!(e.placement, Placement::Sending);
}

/// Waits until the one call placed has ended at the Space.
async fn until_call_ended(practice: &Practice) {
    for _ in 0..2000 {
        if practice.placed_calls().await[0]["status"] == "ended" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the call never ended");
}

#[tokio::test]
async fn a_placed_call_is_settled_at_once_even_when_its_row_is_new() {
    let practice = Practice::start().await;
    let client = practice.client();
    let db = Arc::new(Mutex::new(db::open_in_memory().unwrap()));
    let now = clock::now_ms();
    // Ends in 2: fails at once, so its voice log is final straight away.
    let call = dial_message(&client, "+15551234562").await;
    until_call_ended(&practice).await;
    let r = {
        let conn = db.lock().unwrap();
        let r = row(&conn, "+15551234562", now);
        history::mark_placed(&conn, r, &call.id).unwrap();
        r
    };
    let report = reconcile(&client, &db, "Practice", now + 1_000)
        .await
        .unwrap();
    assert_eq!(report.settled, [r], "{report:?}");
    let e = history::get(&db.lock().unwrap(), r).unwrap().unwrap();
    assert_eq!(e.phase, CallPhase::Ended);
    assert_eq!(practice.dial_requests().await, 1, "reconciling never dials");
}
