//! The use-case layer (`callpad_core::app::Callpad`) as the window and the CLI drive it, against
//! the practice space over real HTTP: the practice profile, placing and following a call, the
//! sticky caller ID (and that saving settings never writes it back stale), the recent-call note in
//! search, one live call at a time, hang-up in the call's own session after a switch, and what
//! happens when the active profile is removed.

use std::sync::Arc;
use std::time::Duration;

use callpad_core::app::{
    Callpad, Host, InProcessPractice, OpenOptions, SessionOverrides, SessionTarget,
};
use callpad_core::calls::{CallMode, CallRequest, CallTarget, MessageSource};
use callpad_core::profiles::{Profile, ProfileSettingsPatch};
use callpad_core::status::CallPhase;
use callpad_core::vault::Secret;

/// A Callpad on a fresh data folder whose practice space runs 20× real time.
fn callpad(dir: &std::path::Path) -> Callpad {
    let host = Host {
        practice: Arc::new(InProcessPractice { speed: 20.0 }),
        ..Host::default()
    };
    Callpad::open(dir, host, OpenOptions::default()).unwrap()
}

fn typed(text: &str, caller_id: Option<&str>) -> CallRequest {
    CallRequest {
        mode: CallMode::DeliverMessage {
            message: MessageSource::Text {
                text: "Reminder".into(),
                voice: None,
                language: None,
            },
        },
        target: CallTarget::Typed { text: text.into() },
        caller_id: caller_id.map(str::to_owned),
        from: None,
        ring_timeout_s: None,
        region: None,
    }
}

/// Waits until the call's state is `phase`, from the updates the layer broadcasts.
async fn wait_for(core: &Callpad, call_id: &str, phase: CallPhase) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        if core
            .call_status(call_id)
            .await
            .is_some_and(|v| v.phase == phase)
        {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "call {call_id} never reached {phase:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_practice_profile_places_a_call_that_reaches_history_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path());
    assert!(core.profiles_overview().await.profiles.is_empty());
    core.start_practice().await.unwrap();
    let choice = core.connect().await.unwrap();
    assert_eq!(choice.method, "listen", "{}", choice.reason);

    // National text is read at the press in the profile's region (US).
    let started = core
        .place_call(&typed("(206) 555-0174", None))
        .await
        .unwrap();
    assert_eq!(started.to, "+12065550174");
    assert_eq!(started.profile, "Practice");
    let call_id = started.placed.call_id.clone();
    assert_eq!(core.live_call().map(|c| c.0), Some(call_id.clone()));
    wait_for(&core, &call_id, CallPhase::Ended).await;
    // The far end hangs up (last digit 4): the slot is free again.
    for _ in 0..100 {
        if core.live_call().is_none() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(core.live_call(), None);

    let history = core.history("", 10).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].to, "+12065550174");
    let hits = core.search_contacts("555 0174", 5).unwrap();
    assert!(
        hits.iter()
            .any(|h| h.number.as_ref().is_some_and(|n| n.dial == "+12065550174")),
        "the number comes up in search as a recent call: {hits:?}"
    );
    // Redial by history row: the same number, no display string parsed again.
    let again = CallRequest {
        target: CallTarget::History {
            history_id: history[0].id,
        },
        ..typed("", None)
    };
    let redialled = core.place_call(&again).await.unwrap();
    assert_eq!(redialled.to, "+12065550174");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_caller_id_sticks_and_saving_settings_never_writes_it_back_stale() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path());
    core.start_practice().await.unwrap();
    let picker = core.caller_id_picker(false).await.unwrap();
    assert_eq!(picker.preselected.as_deref(), Some("+12065550100"));

    // The settings sheet was opened before the call (it holds the old profile)...
    let before_call = core.profile("Practice").unwrap();
    assert_eq!(before_call.last_caller_id, None);
    let started = core
        .place_call(&typed("+12065550176", Some("+13125550142")))
        .await
        .unwrap();
    assert_eq!(started.placed.caller_id, "+13125550142");
    wait_for(&core, &started.placed.call_id, CallPhase::Answered).await;
    core.hang_up(&started.placed.call_id).await.unwrap();
    wait_for(&core, &started.placed.call_id, CallPhase::Ended).await;

    // ...and is saved after it: only its fields change, the remembered caller ID stays.
    let patch = ProfileSettingsPatch {
        default_region: Some("GB".into()),
        ..Default::default()
    };
    let saved = core
        .update_profile_settings("Practice", &patch)
        .await
        .unwrap();
    assert_eq!(saved.default_region, "GB");
    assert_eq!(saved.last_caller_id.as_deref(), Some("+13125550142"));
    let reloaded = callpad(dir.path());
    assert_eq!(
        reloaded
            .profile("Practice")
            .unwrap()
            .last_caller_id
            .as_deref(),
        Some("+13125550142"),
        "kept on disk too"
    );
    let picker = core.caller_id_picker(false).await.unwrap();
    assert_eq!(picker.preselected.as_deref(), Some("+13125550142"));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_call_at_a_time_and_bad_input_is_refused_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path());
    core.start_practice().await.unwrap();
    // Last digit 1: rings until the ring timeout, so it stays live.
    let first = core.place_call(&typed("+12065550171", None)).await.unwrap();
    let second = core
        .place_call(&typed("+12065550174", None))
        .await
        .unwrap_err();
    assert_eq!(second.code(), "call_in_progress", "{second}");
    core.hang_up(&first.placed.call_id).await.unwrap();
    wait_for(&core, &first.placed.call_id, CallPhase::Ended).await;

    for (request, code) in [
        (typed("12", None), "invalid_number"),
        (
            typed("+12065550174", Some("+13035550177")),
            "caller_id_not_allowed",
        ),
        (
            typed("+12065550174", Some("+12025550143")),
            "caller_id_not_allowed",
        ),
    ] {
        let err = core.place_call(&request).await.unwrap_err();
        assert_eq!(err.code(), code, "{err}");
    }
    assert_eq!(
        core.history("", 10).unwrap().len(),
        1,
        "refused requests leave no history row"
    );
    let err = core.hang_up("not-a-uuid").await.unwrap_err();
    assert_eq!(err.code(), "invalid_request", "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_live_call_is_hung_up_in_its_own_session_after_switching() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path());
    core.start_practice().await.unwrap();
    let call = core.place_call(&typed("+12065550171", None)).await.unwrap();
    let call_id = call.placed.call_id.clone();
    wait_for(&core, &call_id, CallPhase::Ringing).await;

    // Switch to another Space (a second practice space reached with plain credentials).
    let other = practice_space::start(practice_space::Config::default())
        .await
        .unwrap();
    let profile = Profile::new("Other", other.base_url(), other.project_id())
        .normalised()
        .unwrap();
    let target = SessionTarget::Direct {
        profile: Box::new(profile),
        api_token: Secret::new(other.api_token()),
        signing_key: None,
        ngrok_authtoken: None,
    };
    core.connect_to(target, SessionOverrides::default())
        .await
        .unwrap();
    assert_eq!(core.live_call_profile().as_deref(), Some("Practice"));

    core.hang_up(&call_id).await.unwrap();
    wait_for(&core, &call_id, CallPhase::Ended).await;
    let entry = core.history("", 1).unwrap().remove(0);
    assert_eq!(entry.phase, CallPhase::Ended);
}

#[tokio::test(flavor = "multi_thread")]
async fn removing_the_active_profile_hands_over_to_practice_and_none_left_means_onboarding() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path());
    core.start_practice().await.unwrap();
    assert_eq!(core.active_profile().unwrap().name, "Practice");
    core.remove_profile("Practice").await.unwrap();
    let overview = core.profiles_overview().await;
    assert!(overview.profiles.is_empty());
    assert_eq!(
        overview.active, None,
        "nothing left: the window shows onboarding"
    );
    let err = core.connect().await.unwrap_err();
    assert_eq!(err.code(), "no_active_profile");
}
