//! Polling a call: its voice log (log-style statuses) and its event timeline, and 404 for a call
//! the space never saw.

use std::time::Duration;

use callpad_core::Error;
use callpad_core::signalwire::LogStatus;

use crate::support::{Practice, dial_message};

#[tokio::test]
async fn a_busy_call_shows_up_in_the_log_and_its_timeline() {
    let practice = Practice::start().await;
    let client = practice.client();
    // Ends in 0: rings 2 simulated seconds (40 ms at 50×), then busy.
    let call = dial_message(&client, "+15551234560").await;

    let mut log = client.voice_log(&call.id).await.unwrap();
    for _ in 0..100 {
        if log.status.as_ref().is_some_and(LogStatus::is_final) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        log = client.voice_log(&call.id).await.unwrap();
    }
    assert_eq!(log.id.as_deref(), Some(call.id.as_str()));
    assert_eq!(log.status, Some(LogStatus::Busy));
    assert_eq!(log.to.as_deref(), Some("+15551234560"));

    let events = client.voice_log_events(&call.id).await.unwrap();
    assert!(events.len() >= 3, "{events:?}");
    // The documented shape: {event_at, level, name, details, project_id, log_id}.
    for e in &events {
        assert!(e.event_at.is_some(), "{e:?}");
        assert!(e.level.is_some(), "{e:?}");
        assert!(
            e.name
                .as_deref()
                .is_some_and(|n| n.starts_with("calling_call_")),
            "{e:?}"
        );
        assert_eq!(e.log_id.as_deref(), Some(call.id.as_str()));
        assert_eq!(e.project_id.as_deref(), Some(practice.space.project_id()));
        assert!(
            e.raw.get("call_state").is_none(),
            "no fields beyond the documented ones"
        );
    }
    let states: Vec<&str> = events.iter().filter_map(|e| e.status.as_deref()).collect();
    assert_eq!(states.last(), Some(&"ended"), "{states:?}");
    assert_eq!(events.last().unwrap().details["end_reason"], "busy");
}

#[tokio::test]
async fn an_unknown_call_has_no_log() {
    let practice = Practice::start().await;
    let client = practice.client();
    let err = client.voice_log("nope").await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    let err = client.voice_log_events("nope").await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}
