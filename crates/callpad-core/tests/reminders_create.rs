//! Creating reminder campaigns through the use-case layer on a real data folder, with the clock
//! driven: the review (now / later / never, with lines), the do-not-call list, the callee's
//! calling window whatever the machine's zone, the per-number caps, and the status.

use std::sync::Arc;

use callpad_core::Error;
use callpad_core::app::reminders::NewReminderCampaign;
use callpad_core::app::{Callpad, Host, OpenOptions};
use callpad_core::clock::Clock;
use callpad_core::contacts::{ContactInput, ContactStore, NumberInput};
use callpad_core::db;
use callpad_core::reminders::recipients::CsvOptions;
use callpad_core::reminders::sqlite::SqliteCampaignStore;
use callpad_core::reminders::{
    AttemptEnd, CampaignSettings, CampaignStore, Outcome, RecipientState,
};

struct Fixed(i64);
impl Clock for Fixed {
    fn now_ms(&self) -> i64 {
        self.0
    }
}

fn ms(text: &str) -> i64 {
    text.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

fn callpad(dir: &std::path::Path, now: i64) -> Callpad {
    let host = Host {
        clock: Arc::new(Fixed(now)),
        ..Host::default()
    };
    Callpad::open(dir, host, OpenOptions::default()).unwrap()
}

fn new(csv: &str, template: &str) -> NewReminderCampaign {
    NewReminderCampaign {
        name: "Tomorrow".into(),
        csv: csv.as_bytes().to_vec(),
        template: template.into(),
        settings: CampaignSettings::default(),
        csv_options: CsvOptions {
            region: Some("US".into()),
            ..CsvOptions::default()
        },
        caller_id: Some("+1 212 555 0199".into()),
        profile: None,
    }
}

const CSV: &str = "name,phone,notes\n\
    Ada,+1 206 555 0100,LA\n\
    Bo,+1 212 555 0123,NY\n\
    Cy,(206) 555-0100,again\n\
    Di,12,bad\n\
    Ed,+1 212 555 0124,opted out\n";

#[test]
fn a_los_angeles_number_waits_at_half_past_nine_there_while_new_york_is_called_later_too() {
    // Callpad is built without access to the machine's zone (jiff without `tz-system`): only the
    // numbers' zones count. The CLI test runs the binary under a far-off TZ as well.
    let dir = tempfile::tempdir().unwrap();
    {
        let mut contacts = ContactStore::new(db::open_in(dir.path()).unwrap()).unwrap();
        contacts
            .add(
                &ContactInput {
                    name: "Ed".into(),
                    numbers: vec![NumberInput {
                        label: "mobile".into(),
                        number: "+12125550124".into(),
                    }],
                    opt_out: true,
                    ..ContactInput::default()
                },
                Some("US"),
            )
            .unwrap();
    }
    // Tuesday 1 Dec 2026, 21:30 in Los Angeles = 00:30 Wednesday in New York.
    let now = ms("2026-12-02T05:30:00Z");
    let core = callpad(dir.path(), now);
    let review = core
        .create_reminder_campaign(new(CSV, "Hello {name}, {notes}"))
        .unwrap();
    assert_eq!(
        (review.call_now, review.call_later, review.never),
        (0, 2, 3),
        "{review:?}"
    );
    assert_eq!(
        (review.invalid, review.do_not_call, review.duplicates),
        (1, 1, 1)
    );
    let lines: Vec<usize> = review.excluded.iter().map(|x| x.line).collect();
    assert_eq!(lines, [4, 5, 6]);

    let status = core.reminder_status(review.id).unwrap();
    let json = serde_json::to_value(&status).unwrap();
    let ada = &json["recipients"][0];
    assert_eq!(ada["phone"], "+12065550100");
    assert_eq!(ada["name"], "Ada");
    assert_eq!(ada["state"], "waiting");
    assert_eq!(ada["outcome"], serde_json::Value::Null);
    assert_eq!(ada["attempts"], 0);
    assert_eq!(
        ada["next_attempt_at"], "2026-12-02T16:00:00Z",
        "08:00 in Los Angeles"
    );
    assert!(
        ada["waiting_reason"]
            .as_str()
            .unwrap()
            .contains("outside the calling window")
    );
    assert_eq!(
        json["recipients"][1]["next_attempt_at"], "2026-12-02T13:00:00Z",
        "08:00 in New York"
    );
    assert_eq!(json["recipients"][3]["state"], "excluded");
    let kinds: Vec<&str> = (2..5)
        .map(|i| json["recipients"][i]["exclusion"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["duplicate", "invalid_number", "do_not_call"]);
    assert_eq!(ada["exclusion"], serde_json::Value::Null);
    assert_eq!(json["counts"]["waiting"], 2);
    assert_eq!(json["counts"]["excluded"], 3);

    let list = core.reminder_campaigns().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].id, list[0].recipients), (review.id, 5));
}

#[test]
fn inside_the_window_it_is_due_now_unless_the_number_had_its_reminder_today() {
    let dir = tempfile::tempdir().unwrap();
    let now = ms("2026-12-01T18:00:00Z"); // Tuesday 10:00 in Los Angeles
    let core = callpad(dir.path(), now);
    let first = core
        .create_reminder_campaign(new("name,phone\nAda,+12065550100\n", "Hello"))
        .unwrap();
    assert_eq!(first.call_now, 1);
    // A reminder reaches Ada (as the runner will record it).
    let mut store = SqliteCampaignStore::new(db::open_in(dir.path()).unwrap());
    let r = store.recipients(first.id).unwrap()[0].id;
    let a = store.begin_attempt(r, "tok", now - 60_000).unwrap();
    store
        .end_attempt(
            a.id,
            &AttemptEnd {
                outcome: Outcome::Confirmed,
                ended_ms: now,
                retry: None,
            },
        )
        .unwrap();
    let second = core
        .create_reminder_campaign(new("name,phone\nAda,+12065550100\n", "Hello again"))
        .unwrap();
    assert_eq!((second.call_now, second.call_later), (0, 1));
    let status = core.reminder_status(second.id).unwrap();
    let ada = &status.recipients[0];
    assert_eq!(ada.state, RecipientState::Waiting);
    assert_eq!(
        ada.next_attempt_at.as_deref(),
        Some("2026-12-02T16:00:00Z"),
        "the next day's window"
    );
    assert!(
        ada.waiting_reason
            .as_deref()
            .unwrap()
            .contains("limit of reminders")
    );
    let done = core.reminder_status(first.id).unwrap();
    assert_eq!(done.counts.get("confirmed"), Some(&1));
}

#[test]
fn bad_settings_and_files_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path(), ms("2026-12-01T18:00:00Z"));
    let err = core
        .create_reminder_campaign(new(CSV, "Hi {nickname}"))
        .unwrap_err();
    assert!(matches!(err, Error::InvalidCampaign { .. }), "{err}");
    assert!(err.is_usage());
    let mut no_caller = new(CSV, "Hi");
    no_caller.caller_id = None;
    assert!(
        core.create_reminder_campaign(no_caller)
            .unwrap_err()
            .to_string()
            .contains("--caller-id")
    );
    let mut bad_days = new(CSV, "Hi");
    bad_days.settings.safeguards.days.clear();
    assert!(
        core.create_reminder_campaign(bad_days)
            .unwrap_err()
            .to_string()
            .contains("mon-sat")
    );
    assert!(
        core.create_reminder_campaign(new("a,b\n1,2\n", "Hi"))
            .is_err()
    );
    assert!(core.reminder_campaigns().unwrap().is_empty());
    assert!(matches!(
        core.reminder_status(7),
        Err(Error::CampaignNotFound { id: 7 })
    ));
}
