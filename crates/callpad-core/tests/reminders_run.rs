//! Running reminder campaigns through the use-case layer on the practice space, with the clock
//! driven: a Los Angeles number is not called at 21:30 Los Angeles time (whatever the machine's
//! zone) and is called once the window opens; one runner per data folder; a key report on a
//! wrong or guessed path is a 404 that changes nothing; a keypress "9" puts the number on the
//! do-not-call list.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use callpad_core::Error;
use callpad_core::app::reminders::NewReminderCampaign;
use callpad_core::app::{Callpad, Host, OpenOptions, SessionTarget};
use callpad_core::clock::Clock;
use callpad_core::profiles::Profile;
use callpad_core::reminders::progress::{RunControl, RunEnd, RunProgress};
use callpad_core::reminders::recipients::CsvOptions;
use callpad_core::reminders::{CampaignSettings, RecipientState};
use callpad_core::status::{KeyReport, Listener};
use callpad_core::vault::Secret;
use practice_space::RunningSpace;

struct Driven(AtomicI64);
impl Clock for Driven {
    fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

fn ms(text: &str) -> i64 {
    text.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

fn target(space: &RunningSpace) -> SessionTarget {
    SessionTarget::Direct {
        profile: Box::new(
            Profile::new("environment", space.base_url(), space.project_id())
                .normalised()
                .unwrap(),
        ),
        api_token: Secret::new(space.api_token()),
        signing_key: Some(Secret::new(space.signing_key())),
        ngrok_authtoken: None,
    }
}

async fn dials(space: &RunningSpace) -> Vec<serde_json::Value> {
    let url = format!("{}/__practice/dials", space.base_url());
    let body: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    body["dials"].as_array().cloned().unwrap_or_default()
}

fn campaign(csv: &str, settings: CampaignSettings) -> NewReminderCampaign {
    NewReminderCampaign {
        name: "Tomorrow".into(),
        csv: csv.as_bytes().to_vec(),
        template: "Hi {first_name}, this is your reminder.".into(),
        settings,
        csv_options: CsvOptions {
            region: Some("US".into()),
            ..CsvOptions::default()
        },
        caller_id: Some("+12065550100".into()),
        profile: None,
    }
}

/// Runs campaign `id` on its own task; progress goes to the returned receiver.
fn start_run(
    core: Arc<Callpad>,
    id: i64,
    target: SessionTarget,
    control: Arc<RunControl>,
) -> (
    tokio::task::JoinHandle<callpad_core::Result<callpad_core::app::RunSummary>>,
    tokio::sync::mpsc::UnboundedReceiver<RunProgress>,
) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn(async move {
        let send = move |p: &RunProgress| {
            let _ = tx.send(p.clone());
        };
        core.run_reminder_campaign(id, target, &control, &send)
            .await
    });
    (task, rx)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_los_angeles_number_waits_at_half_past_nine_there_and_is_called_when_the_window_opens() {
    let space = practice_space::start(practice_space::Config {
        speed: 50.0,
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Tuesday 1 December 2026, 21:30 in Los Angeles (05:30 UTC on the Wednesday).
    let clock = Arc::new(Driven(AtomicI64::new(ms("2026-12-02T05:30:00Z"))));
    let host = Host {
        clock: clock.clone(),
        ..Host::default()
    };
    let core = Arc::new(Callpad::open(dir.path(), host, OpenOptions::default()).unwrap());
    let review = core
        .create_reminder_campaign(campaign(
            "name,phone\nAda,+1 206 555 0114\n",
            CampaignSettings::default(),
        ))
        .unwrap();
    assert_eq!((review.call_now, review.call_later), (0, 1));

    let control = Arc::new(RunControl::new());
    let (task, mut progress) = start_run(core.clone(), review.id, target(&space), control.clone());
    let first = tokio::time::timeout(Duration::from_secs(10), progress.recv())
        .await
        .unwrap()
        .unwrap();
    let next = first.next_call.clone().expect("a next call");
    assert_eq!(next.at, "2026-12-02T16:00:00Z", "08:00 in Los Angeles");
    assert!(
        !first.message_only,
        "the practice space reaches the listener"
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(dials(&space).await.is_empty(), "not called at 21:30 there");

    // 07:59:59 there: still closed. Then 08:00: called.
    clock.0.store(ms("2026-12-02T15:59:59Z"), Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(
        dials(&space).await.is_empty(),
        "not called at 07:59:59 there"
    );
    clock.0.store(ms("2026-12-02T16:00:00Z"), Ordering::SeqCst);
    let summary = tokio::time::timeout(Duration::from_secs(60), task)
        .await
        .expect("the run finishes")
        .unwrap()
        .unwrap();
    assert_eq!(summary.end, RunEnd::Finished);
    let dialled = dials(&space).await;
    assert_eq!(dialled.len(), 1, "{dialled:?}");
    assert_eq!(dialled[0]["to"], "+12065550114");
    let status = core.reminder_status(review.id).unwrap();
    let ada = &status.recipients[0];
    assert_eq!(ada.state, RecipientState::Done);
    // Second-to-last digit 1: the practice callee presses 1.
    assert_eq!(ada.outcome.map(|o| o.as_str()), Some("confirmed"));
    assert_eq!(ada.attempts, 1);
    space.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_runner_in_the_same_data_folder_is_refused_and_stop_returns_promptly() {
    let space = practice_space::start(practice_space::Config::default())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(Driven(AtomicI64::new(ms("2026-12-02T05:30:00Z"))));
    let host = Host {
        clock,
        ..Host::default()
    };
    let core = Arc::new(Callpad::open(dir.path(), host, OpenOptions::default()).unwrap());
    let id = core
        .create_reminder_campaign(campaign(
            "name,phone\nAda,+1 206 555 0114\n",
            CampaignSettings::default(),
        ))
        .unwrap()
        .id;
    let control = Arc::new(RunControl::new());
    let (task, mut progress) = start_run(core.clone(), id, target(&space), control.clone());
    progress.recv().await.unwrap();
    let err = core
        .run_reminder_campaign(id, target(&space), &RunControl::new(), &|_| {})
        .await
        .unwrap_err();
    assert!(matches!(err, Error::RunnerBusy { .. }), "{err}");
    assert!(err.to_string().contains("already running"), "{err}");
    control.stop();
    let summary = tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("stop returns promptly")
        .unwrap()
        .unwrap();
    assert_eq!(summary.end, RunEnd::Stopped);
    // The lock is free again.
    let control = RunControl::new();
    control.stop();
    let again = core
        .run_reminder_campaign(id, target(&space), &control, &|_| {})
        .await
        .unwrap();
    assert_eq!(again.end, RunEnd::Stopped);
    space.shutdown().await;
}

#[tokio::test]
async fn a_key_report_on_a_wrong_or_guessed_path_is_a_404_and_changes_nothing() {
    let (tx, _obs) = tokio::sync::mpsc::unbounded_channel();
    let listener = Listener::start(None, tx).await.unwrap();
    let (keys, mut reports) = tokio::sync::mpsc::unbounded_channel::<KeyReport>();
    listener.set_report_sink(keys);
    let token = callpad_core::reminders::script::new_attempt_token();
    let url = listener.open_report(&token);
    let base = format!("http://{}", listener.local_addr());
    let http = reqwest::Client::new();
    let post = |url: String| {
        let http = http.clone();
        async move {
            http.post(url)
                .body(r#"{"key":"1","outcome":"confirmed"}"#)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let guessed = callpad_core::reminders::script::new_attempt_token();
    for wrong in [
        format!("{base}/reminders/{guessed}/key"),
        format!("{base}/reminders/{}/key", &token[..31]),
        format!("{base}/reminders//key"),
        format!("{base}/reminders/{token}/keys"),
        format!("{base}/status/{token}"),
    ] {
        assert_eq!(post(wrong.clone()).await, 404, "{wrong}");
    }
    assert!(reports.try_recv().is_err(), "nothing reached the runner");
    assert_eq!(post(url.clone()).await, 204);
    let got = reports.try_recv().unwrap();
    assert_eq!(
        (got.token.as_str(), &got.body["key"]),
        (token.as_str(), &serde_json::json!("1"))
    );
    listener.close_report(&token);
    assert_eq!(post(url).await, 404, "closed with its attempt");
    assert!(reports.try_recv().is_err());
    assert_eq!(listener.tally().refused, 6);
}
