//! A whole session against the practice space: webhooks trusted by the path token and counted
//! (signed SHA256 / SHA1 / unsigned / wrong / wrong path), hang-up through the `update` fallback,
//! call me first following the contact's leg, the voice-log list, and history writes that fail.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use callpad_core::calls::{
    CallMeta, CallMode, CallPlan, CallUpdate, MessageSource, Session, SessionOptions, history,
};
use callpad_core::db;
use callpad_core::profiles::StatusMethod;
use callpad_core::signalwire::VoiceLogQuery;
use callpad_core::status::{CallPhase, CallStatusView, EndCause, WebhookTally};
use serde_json::json;
use tokio::sync::broadcast;

use crate::support::{ANSWERS, NO_ANSWER, OWNED, Practice, dial_message};

/// Ends in 0: busy.
const BUSY: &str = "+15551234560";

fn database() -> Arc<Mutex<rusqlite::Connection>> {
    Arc::new(Mutex::new(db::open_in_memory().unwrap()))
}

fn plan(mode: CallMode, to: &str) -> CallPlan {
    CallPlan {
        mode,
        destination: to.into(),
        extension: None,
        caller_id: OWNED.into(),
        from: None,
        profile_name: "Practice".into(),
        ring_timeout_s: 25,
        max_duration_s: Some(300),
    }
}

fn message(to: &str) -> CallPlan {
    plan(
        CallMode::DeliverMessage {
            message: MessageSource::Text {
                text: "Hi".into(),
                voice: Some("polly.Joanna".into()),
                language: None,
            },
        },
        to,
    )
}

fn meta() -> CallMeta {
    CallMeta {
        profile: "Practice".into(),
        ..CallMeta::default()
    }
}

async fn session(
    practice: &Practice,
    key: Option<&str>,
    require_signed: bool,
    db: Arc<Mutex<rusqlite::Connection>>,
) -> Session {
    let options = SessionOptions {
        method: StatusMethod::Listen,
        require_signed_webhooks: require_signed,
        ..SessionOptions::default()
    };
    Session::open(practice.client(), key.map(str::to_owned), db, options)
        .await
        .unwrap()
}

/// Waits for the call's end and returns its last view and every warning seen.
async fn until_ended(
    rx: &mut broadcast::Receiver<CallUpdate>,
    call_id: &str,
) -> (CallStatusView, Vec<String>) {
    let mut warnings = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let update = tokio::time::timeout_at(deadline, rx.recv())
            .await
            .expect("the call ends in time")
            .unwrap();
        warnings.extend(update.warning.clone());
        if update.status.call_id == call_id && update.status.phase == CallPhase::Ended {
            return (update.status, warnings);
        }
    }
}

/// Places an answered message call under the given webhook signature mode; returns the tally.
async fn tally_for(
    mode: &str,
    key: Option<&str>,
    require_signed: bool,
) -> (WebhookTally, CallStatusView) {
    let practice = Practice::start().await;
    practice
        .control("webhooks", json!({ "signatures": mode }))
        .await;
    let s = session(&practice, key, require_signed, database()).await;
    assert_eq!(s.choice.method, "listen");
    let mut rx = s.center.subscribe();
    let placed = s.center.place(&message(ANSWERS), &meta()).await.unwrap();
    let (view, _) = until_ended(&mut rx, &placed.call_id).await;
    practice.until_webhooks_delivered().await;
    (s.webhook_tally().unwrap(), view)
}

#[tokio::test]
async fn signed_webhooks_count_as_signed_whichever_header_carries_the_signature() {
    let key = practice_space::DEFAULT_SIGNING_KEY;
    for mode in ["both", "sha256", "sha1"] {
        let (tally, view) = tally_for(mode, Some(key), false).await;
        assert_eq!(view.cause, Some(EndCause::HungUp), "{mode}");
        // ringing, answered, ended
        assert_eq!(
            (tally.signed, tally.unsigned, tally.refused),
            (3, 0, 0),
            "{mode}: {tally:?}"
        );
        assert_eq!(tally.sentence(), "3 webhooks, 3 signed", "{mode}");
    }
}

#[tokio::test]
async fn unsigned_webhooks_on_the_right_path_are_accepted_and_counted() {
    let (tally, view) = tally_for("none", Some(practice_space::DEFAULT_SIGNING_KEY), false).await;
    assert_eq!(view.phase, CallPhase::Ended);
    assert_eq!(
        (tally.signed, tally.unsigned, tally.refused),
        (0, 3, 0),
        "{tally:?}"
    );
    assert_eq!(tally.sentence(), "3 webhooks, 0 signed");
    assert!(tally.warning().is_none());
    // Without a signing key nothing can be checked: accepted, unsigned.
    let (tally, _) = tally_for("both", None, false).await;
    assert_eq!((tally.signed, tally.unsigned), (0, 3), "{tally:?}");
}

#[tokio::test]
async fn a_wrong_signature_is_refused_and_said_but_status_still_arrives() {
    let (tally, view) = tally_for("both", Some("PSK_not_the_key"), false).await;
    assert_eq!(tally.refused, 3, "{tally:?}");
    assert_eq!(tally.signed + tally.unsigned, 0);
    let warning = tally.warning().unwrap();
    assert!(warning.contains("did not match"), "{warning}");
    assert!(!warning.contains("PSK_not_the_key"), "{warning}");
    // The backstop poll still follows the call to its end.
    assert_eq!(view.phase, CallPhase::Ended);
}

#[tokio::test]
async fn requiring_signatures_refuses_unsigned_webhooks() {
    let (tally, view) = tally_for("none", Some(practice_space::DEFAULT_SIGNING_KEY), true).await;
    assert_eq!((tally.unsigned, tally.refused), (0, 3), "{tally:?}");
    assert!(
        tally
            .warning()
            .unwrap()
            .contains("requires signed webhooks")
    );
    assert_eq!(view.phase, CallPhase::Ended);
    let (tally, _) = tally_for("sha256", Some(practice_space::DEFAULT_SIGNING_KEY), true).await;
    assert_eq!((tally.signed, tally.refused), (3, 0), "{tally:?}");
}

#[tokio::test]
async fn a_wrong_path_is_refused_and_counted() {
    let practice = Practice::start().await;
    let s = session(&practice, None, false, database()).await;
    let status_url = s.choice.status_url.clone().unwrap();
    let base = status_url.rsplit_once("/status/").unwrap().0.to_owned();
    let body =
        json!({"event_type":"calling.call.state","params":{"call_id":"x","call_state":"ended"}});
    let http = reqwest::Client::new();
    for path in ["/status/not-the-token", "/status", "/leg/nope/1", "/"] {
        let response = http
            .post(format!("{base}{path}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{path}");
    }
    let tally = s.webhook_tally().unwrap();
    assert_eq!(
        (tally.received, tally.refused, tally.unsigned),
        (4, 4, 0),
        "{tally:?}"
    );
    // The right path with a wrong signature is 403; unsigned is accepted.
    let response = http
        .post(&status_url)
        .header("X-SignalWire-SHA256-Signature", "00")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204, "no key here, so nothing to check");
}

#[tokio::test]
async fn status_events_are_the_three_valid_under_both_specs() {
    let practice = Practice::start().await;
    let s = session(&practice, None, false, database()).await;
    s.center.place(&message(ANSWERS), &meta()).await.unwrap();
    let params = &practice.placed_calls().await[0]["params"];
    assert_eq!(
        params["status_events"],
        json!(["ringing", "answered", "ended"])
    );
    assert!(params["status_url"].as_str().unwrap().contains("/status/"));
    assert_eq!(
        params["swml"]["sections"]["main"][1]["play"]["say_voice"],
        "polly.Joanna"
    );
}

#[tokio::test]
async fn a_queued_or_ringing_call_is_cancelled_through_update_when_calling_end_is_refused() {
    for status in [404, 422] {
        let practice = Practice::start().await;
        practice
            .control(
                "calling",
                json!({ "refuse_end_unanswered": status, "openrpc_end_reasons": true }),
            )
            .await;
        let db = database();
        let s = session(&practice, None, false, db.clone()).await;
        let mut rx = s.center.subscribe();
        let placed = s.center.place(&message(NO_ANSWER), &meta()).await.unwrap();
        s.center.hang_up(&placed.call_id).await.unwrap();
        let (view, _) = until_ended(&mut rx, &placed.call_id).await;
        assert_eq!(view.cause, Some(EndCause::Cancelled), "{status}");
        let record = &practice.placed_calls().await[0];
        assert_eq!(record["end_reason"], "cancel", "{status}");
        assert_eq!(practice.dial_requests().await, 1, "the dial is sent once");
    }
}

#[tokio::test]
async fn a_refused_end_reason_is_sent_again_as_hangup() {
    let practice = Practice::start().await;
    practice
        .control("calling", json!({ "openrpc_end_reasons": true }))
        .await;
    let s = session(&practice, None, false, database()).await;
    let mut rx = s.center.subscribe();
    let placed = s.center.place(&message(NO_ANSWER), &meta()).await.unwrap();
    s.center.hang_up(&placed.call_id).await.unwrap();
    let (view, _) = until_ended(&mut rx, &placed.call_id).await;
    assert_eq!(view.phase, CallPhase::Ended);
    assert_eq!(practice.placed_calls().await[0]["end_reason"], "hangup");
}

#[tokio::test]
async fn call_me_first_reports_a_busy_contact_as_busy() {
    let practice = Practice::start().await;
    let db = database();
    let s = session(&practice, None, false, db.clone()).await;
    let mut rx = s.center.subscribe();
    let mode = CallMode::CallMeFirst {
        my_number: ANSWERS.into(),
    };
    let placed = s.center.place(&plan(mode, BUSY), &meta()).await.unwrap();
    let (view, _) = until_ended(&mut rx, &placed.call_id).await;
    // The contact's leg may report just after the first leg's end.
    let mut leg = view.contact_leg.clone();
    for _ in 0..50 {
        if leg.as_ref().is_some_and(|l| l.phase == CallPhase::Ended) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        leg = s.center.status(&placed.call_id).unwrap().contact_leg;
    }
    let leg = leg.expect("the contact's leg was reported");
    assert_eq!(leg.cause, Some(EndCause::Busy));
    assert_eq!(leg.describe(), "Contact: The line was busy");
    let connect =
        &practice.placed_calls().await[0]["params"]["swml"]["sections"]["main"][2]["connect"];
    assert!(
        connect["call_state_url"]
            .as_str()
            .unwrap()
            .contains("/leg/")
    );
    assert_eq!(
        connect["call_state_events"],
        json!(["ringing", "answered", "ended"])
    );
    // History records the leg's end just after the center reports it.
    let mut entry = None;
    for _ in 0..500 {
        let now = history::get(&db.lock().unwrap(), placed.history_id)
            .unwrap()
            .unwrap();
        if now.contact_leg_cause.is_some() {
            entry = Some(now);
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let entry = entry.expect("the contact's leg reached history");
    assert_eq!(entry.contact_leg_cause, Some(EndCause::Busy));
    assert_eq!(
        entry.contact_outcome.as_deref(),
        Some("Contact: The line was busy")
    );
}

#[tokio::test]
async fn the_voice_log_list_is_paged_to_the_end() {
    let practice = Practice::start().await;
    let client = practice.client(); // 2 a page
    let mut ids = Vec::new();
    for _ in 0..5 {
        let call = dial_message(&client, ANSWERS).await;
        ids.push(call.id);
    }
    let logs = client.voice_logs(&VoiceLogQuery::default()).await.unwrap();
    let mut got: Vec<String> = logs.iter().filter_map(|l| l.id.clone()).collect();
    got.reverse();
    assert_eq!(got, ids);
    let later = client
        .voice_logs(&VoiceLogQuery {
            created_after: Some("2999-01-01T00:00:00Z".into()),
            ..VoiceLogQuery::default()
        })
        .await
        .unwrap();
    assert!(later.is_empty());
}

#[tokio::test]
async fn a_history_write_that_fails_mid_call_reaches_the_person() {
    let practice = Practice::start().await;
    let db = database();
    let s = session(&practice, None, false, db.clone()).await;
    let mut rx = s.center.subscribe();
    let placed = s.center.place(&message(ANSWERS), &meta()).await.unwrap();
    assert_eq!(placed.warning, None);
    // The disk "fills": every later write fails.
    db.lock()
        .unwrap()
        .pragma_update(None, "query_only", true)
        .unwrap();
    let (_, warnings) = until_ended(&mut rx, &placed.call_id).await;
    assert!(!warnings.is_empty());
    assert!(
        warnings[0].contains("history could not record"),
        "{warnings:?}"
    );
    assert_eq!(s.center.write_failures().len(), warnings.len());
}
