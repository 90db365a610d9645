//! The call center against the practice space over real HTTP: each outcome arrives by polling and
//! by listening, hang-up works while ringing, opt-outs are refused before dialling, and a dial
//! whose connection drops is recorded as "may have been placed" and never sent twice.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use callpad_core::calls::{
    CallCenter, CallMeta, CallMode, CallPlan, CallUpdate, MessageSource, Placement, StatusFeed,
    history,
};
use callpad_core::contacts::{ContactInput, ContactStore, NumberInput};
use callpad_core::signalwire::{Client, ClientConfig, Credentials, SpaceUrl};
use callpad_core::status::{CallPhase, EndCause, Listener, PollPace};
use callpad_core::{Error, db};
use tokio::sync::broadcast;

const FROM: &str = "+12065550100";

async fn space() -> practice_space::RunningSpace {
    practice_space::start(practice_space::Config {
        speed: 40.0,
        ..Default::default()
    })
    .await
    .unwrap()
}

fn client(space: &practice_space::RunningSpace) -> Client {
    let config = ClientConfig {
        request_timeout: Duration::from_secs(2),
        ..ClientConfig::default()
    };
    Client::with_config(
        SpaceUrl::parse(&space.base_url()).unwrap(),
        Credentials::new(space.project_id(), space.api_token()),
        config,
    )
    .unwrap()
}

fn fast_poll() -> PollPace {
    PollPace {
        first: Duration::from_millis(20),
        growth: 1.2,
        max: Duration::from_millis(60),
        log_grace: Duration::from_secs(5),
        give_up_after: Duration::from_secs(30),
    }
}

fn database() -> (tempfile::TempDir, Arc<Mutex<rusqlite::Connection>>) {
    let dir = tempfile::tempdir().unwrap();
    let conn = db::open_in(dir.path()).unwrap();
    (dir, Arc::new(Mutex::new(conn)))
}

/// A call center on `space` that follows calls by polling (fast).
fn polling_center(
    space: &practice_space::RunningSpace,
    db: Arc<Mutex<rusqlite::Connection>>,
) -> CallCenter {
    CallCenter::new(
        client(space),
        db,
        StatusFeed::Poll(fast_poll()),
        CallCenter::channel(),
    )
}

/// Places a message call to `to` through a polling center; the error it must fail with.
async fn place_failing(
    space: &practice_space::RunningSpace,
    db: Arc<Mutex<rusqlite::Connection>>,
    to: &str,
) -> Error {
    polling_center(space, db)
        .place(&message_plan(to), &meta())
        .await
        .unwrap_err()
}

/// What the practice space saw: its dial request count and the calls placed.
async fn practice_calls(space: &practice_space::RunningSpace) -> serde_json::Value {
    reqwest::get(format!("{}/__practice/calls", space.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn message_plan(to: &str) -> CallPlan {
    CallPlan {
        mode: CallMode::DeliverMessage {
            message: MessageSource::Text {
                text: "Your appointment is tomorrow at 9.".into(),
                voice: None,
                language: None,
            },
        },
        destination: to.into(),
        extension: None,
        caller_id: FROM.into(),
        from: None,
        profile_name: "Practice".into(),
        ring_timeout_s: 25,
        max_duration_s: Some(300),
    }
}

fn meta() -> CallMeta {
    CallMeta {
        profile: "Practice".into(),
        ..CallMeta::default()
    }
}

/// Waits for the call's end and returns every phase seen on the way.
async fn until_ended(
    rx: &mut broadcast::Receiver<CallUpdate>,
    call_id: &str,
) -> (Vec<CallPhase>, CallUpdate) {
    let mut phases = Vec::new();
    loop {
        let update = tokio::time::timeout(Duration::from_secs(20), rx.recv())
            .await
            .expect("the call never ended")
            .unwrap();
        if update.status.call_id != call_id {
            continue;
        }
        phases.push(update.status.phase);
        if update.status.phase == CallPhase::Ended {
            return (phases, update);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_outcome_arrives_by_polling() {
    let space = space().await;
    let (_dir, db) = database();
    let center = polling_center(&space, db.clone());
    let mut rx = center.subscribe();
    let cases = [
        ("+12065550174", EndCause::HungUp, true),
        ("+12065550170", EndCause::Busy, false),
        ("+12065550172", EndCause::Failed, false),
        // The voice log has no word for "declined": polling reports it as busy.
        ("+12065550173", EndCause::Busy, false),
    ];
    for (to, cause, answered) in cases {
        let placed = center.place(&message_plan(to), &meta()).await.unwrap();
        let (phases, end) = until_ended(&mut rx, &placed.call_id).await;
        assert_eq!(end.status.cause, Some(cause), "{to}: {phases:?}");
        assert_eq!(
            phases.contains(&CallPhase::Answered),
            answered,
            "{to}: {phases:?}"
        );
        assert!(
            phases.windows(2).all(|w| w[0] < w[1]),
            "{to}: phases only move forward: {phases:?}"
        );
        let entry = history::get(&db.lock().unwrap(), placed.history_id)
            .unwrap()
            .unwrap();
        assert_eq!(entry.placement, Placement::Placed);
        assert_eq!(entry.end_cause, Some(cause));
        assert_eq!(entry.call_id.as_deref(), Some(placed.call_id.as_str()));
        if answered {
            assert!(entry.duration_ms.unwrap() > 0);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_state_arrives_by_listening() {
    let space = space().await;
    let (_dir, db) = database();
    let channel = CallCenter::channel();
    let listener = Listener::start(Some(space.signing_key().to_owned()), channel.0.clone())
        .await
        .unwrap();
    let backstop = PollPace {
        first: Duration::from_secs(60),
        ..fast_poll()
    };
    let center = CallCenter::new(
        client(&space),
        db.clone(),
        StatusFeed::Listen { listener, backstop },
        channel,
    );
    assert_eq!(center.method_name(), "listen");
    let mut rx = center.subscribe();
    let placed = center
        .place(&message_plan("+12065550175"), &meta())
        .await
        .unwrap();
    let (phases, end) = until_ended(&mut rx, &placed.call_id).await;
    assert!(phases.contains(&CallPhase::Ringing), "{phases:?}");
    assert!(phases.contains(&CallPhase::Answered), "{phases:?}");
    assert_eq!(end.status.cause, Some(EndCause::HungUp));
    // Webhooks (not polling, whose first tick is a minute away) brought every state.
    assert!(
        end.status
            .timeline
            .iter()
            .skip(1)
            .all(|e| e.source == callpad_core::status::Source::Webhook)
    );

    // The no-answer case: ringing until the ring timeout.
    let mut plan = message_plan("+12065550171");
    plan.ring_timeout_s = 5;
    let placed = center.place(&plan, &meta()).await.unwrap();
    let (_, end) = until_ended(&mut rx, &placed.call_id).await;
    assert_eq!(end.status.cause, Some(EndCause::NoAnswer));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hanging_up_a_ringing_call_cancels_it() {
    let space = space().await;
    let (_dir, db) = database();
    let center = polling_center(&space, db);
    let mut rx = center.subscribe();
    let mut plan = message_plan("+12065550171"); // rings until the timeout
    plan.ring_timeout_s = 120;
    let placed = center.place(&plan, &meta()).await.unwrap();
    loop {
        let u = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .unwrap()
            .unwrap();
        if u.status.phase == CallPhase::Ringing {
            break;
        }
    }
    center.hang_up(&placed.call_id).await.unwrap();
    let (_, end) = until_ended(&mut rx, &placed.call_id).await;
    assert_eq!(end.status.cause, Some(EndCause::Cancelled));
    assert!(end.status.answered_at_ms.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contact_marked_do_not_call_is_never_dialled() {
    let space = space().await;
    let (dir, db) = database();
    let mut store = ContactStore::new(db::open_in(dir.path()).unwrap()).unwrap();
    store
        .add(
            &ContactInput {
                name: "Do Not Call".into(),
                company: None,
                numbers: vec![NumberInput {
                    label: "mobile".into(),
                    number: "+1 206-555-0176".into(),
                }],
                notes: String::new(),
                tags: vec![],
                favourite: false,
                opt_out: true,
            },
            Some("US"),
        )
        .unwrap();
    let err = place_failing(&space, db.clone(), "+12065550176").await;
    assert!(matches!(err, Error::OptedOut { .. }), "{err}");
    let calls = practice_calls(&space).await;
    assert_eq!(
        calls["dial_requests"], 0,
        "nothing reached SignalWire: {calls}"
    );
    assert!(
        history::list(&db.lock().unwrap(), "", 10)
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_dial_is_recorded_as_maybe_placed_and_not_resent() {
    let space = space().await;
    let (_dir, db) = database();
    let http = reqwest::Client::new();
    http.post(format!("{}/__practice/faults", space.base_url()))
        .json(&serde_json::json!({"kind": "drop_after_request", "count": 1}))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    let err = place_failing(&space, db.clone(), "+12065550177").await;
    assert!(err.call_may_have_been_placed(), "{err}");
    let calls = practice_calls(&space).await;
    assert_eq!(
        calls["dial_requests"], 1,
        "exactly one dial reached the space: {calls}"
    );
    let entries = history::list(&db.lock().unwrap(), "", 10).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].placement, Placement::Unknown);
    assert!(entries[0].outcome.contains("May have been placed"));
}
