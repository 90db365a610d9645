//! What the window's Reminders tab asks of the use-case layer, on a real data folder with the
//! clock driven: the live preview of a draft (columns, what the first recipients hear, the review,
//! message-only without a listener) stores nothing; an unknown placeholder is a problem, not a
//! blank; the report after attempts (outcomes in chart order, next call, every attempt); and the
//! CSV export written where the person chose, with the imported columns, formulas neutralised.

use std::sync::Arc;

use base64::Engine;
use callpad_core::Error;
use callpad_core::app::reminder_window::ReminderDraft;
use callpad_core::app::{Callpad, Host, OpenOptions};
use callpad_core::clock::Clock;
use callpad_core::db;
use callpad_core::reminders::sqlite::SqliteCampaignStore;
use callpad_core::reminders::{AttemptEnd, CampaignSettings, CampaignStore, Outcome};

struct Fixed(i64);
impl Clock for Fixed {
    fn now_ms(&self) -> i64 {
        self.0
    }
}

fn ms(text: &str) -> i64 {
    text.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

/// Tuesday 1 December 2026, 10:00 in Los Angeles.
const NOW: &str = "2026-12-01T18:00:00Z";

fn callpad(dir: &std::path::Path) -> Callpad {
    let host = Host {
        clock: Arc::new(Fixed(ms(NOW))),
        ..Host::default()
    };
    Callpad::open(dir, host, OpenOptions::default()).unwrap()
}

const CSV: &str = "Patient,Phone,Appointment,Doctor,Notes\n\
    Ada Lovelace,+12065550115,2026-12-03 14:30,Dr Byron,=HYPERLINK(\"x\")\n\
    Ben Okafor,+12065550125,2026-12-03 15:00,Dr Byron,\n\
    Eve,12,2026-12-03 15:00,Dr Byron,\n";

fn draft(template: &str) -> ReminderDraft {
    ReminderDraft {
        name: "Thursday".into(),
        csv_base64: base64::engine::general_purpose::STANDARD.encode(CSV),
        template: template.into(),
        settings: CampaignSettings::default(),
        appointment_column: Some("Appointment".into()),
        appointment_format: None,
        caller_id: Some("+1 206 555 0100".into()),
    }
}

#[tokio::test]
async fn the_preview_says_what_the_first_recipients_hear_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path());
    let p = core
        .preview_reminder_draft(&draft("Hi {first_name}, {with} on {date} at {time}."))
        .await
        .unwrap();
    let becomes: Vec<_> = p.columns.iter().map(|c| c.becomes.as_str()).collect();
    assert_eq!(
        becomes,
        [
            "Name ({name})",
            "Phone number",
            "Appointment ({date}, {time})",
            "With ({with})",
            "{notes}"
        ]
    );
    assert_eq!(p.suggested_appointment.as_deref(), Some("Appointment"));
    assert_eq!(p.problem, None);
    let review = p.review.as_ref().unwrap();
    assert_eq!(
        (
            review.call_now,
            review.call_later,
            review.never,
            review.invalid
        ),
        (2, 0, 1, 1)
    );
    assert_eq!(review.excluded[0].line, 4);
    assert_eq!(p.heard.len(), 2);
    // No profile, so no session and no listener: message-only, said before anything starts.
    assert!(p.keypresses.message_only, "{:?}", p.keypresses);
    assert!(p.keypresses.reason.starts_with("Message-only"));
    assert_eq!(
        p.heard[0].words,
        "Hi Ada, Dr Byron on Thursday the 3rd of December at 2:30 PM."
    );
    assert_eq!(p.caller_id.as_deref(), Some("+12065550100"));
    assert!(
        core.reminder_campaigns().unwrap().is_empty(),
        "a preview stores nothing"
    );
}

#[tokio::test]
async fn an_unknown_placeholder_is_the_drafts_problem_and_a_bad_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path());
    let p = core
        .preview_reminder_draft(&draft("Hi {frist_name}"))
        .await
        .unwrap();
    let problem = p.problem.unwrap();
    assert_eq!(problem.field, "template");
    assert!(
        problem
            .message
            .contains("{frist_name} is not a placeholder"),
        "{}",
        problem.message
    );
    assert!(p.review.is_none() && p.heard.is_empty());
    assert_eq!(p.columns.len(), 5, "the file's columns are still shown");

    let mut no_phone = draft("Hi");
    no_phone.csv_base64 = base64::engine::general_purpose::STANDARD.encode("name,email\nA,a@b\n");
    let err = core.preview_reminder_draft(&no_phone).await.unwrap_err();
    assert!(matches!(err, Error::ImportUnreadable { .. }), "{err}");
    let mut garbled = draft("Hi");
    garbled.csv_base64 = "%%%".into();
    assert!(matches!(
        core.preview_reminder_draft(&garbled).await.unwrap_err(),
        Error::BadPayload { .. }
    ));
}

#[tokio::test]
async fn the_report_and_the_export_hold_every_attempt_with_the_imported_columns() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path());
    let created = core
        .create_reminder_draft(&draft("Hello {name}"))
        .await
        .unwrap();
    let now = ms(NOW);
    let mut store = SqliteCampaignStore::new(db::open_in(dir.path()).unwrap());
    let recipients = store.recipients(created.id).unwrap();
    let (ada, ben) = (recipients[0].id, recipients[1].id);
    let a = store.begin_attempt(ada, "tok-a", now).unwrap();
    store.attempt_placed(a.id, "call-a").unwrap();
    store
        .end_attempt(
            a.id,
            &AttemptEnd {
                outcome: Outcome::Confirmed,
                ended_ms: now + 20_000,
                retry: None,
            },
        )
        .unwrap();
    let b = store.begin_attempt(ben, "tok-b", now + 1_000).unwrap();
    store
        .end_attempt(
            b.id,
            &AttemptEnd {
                outcome: Outcome::Busy,
                ended_ms: now + 5_000,
                retry: Some((now + 605_000, "busy: tried again in 10 min".into())),
            },
        )
        .unwrap();

    let report = core.reminder_report(created.id).unwrap();
    assert_eq!((report.to_call, report.finished), (2, 1));
    let outcomes: Vec<_> = report
        .outcomes
        .iter()
        .map(|o| (o.outcome, o.count))
        .collect();
    assert_eq!(
        outcomes,
        [(Outcome::Confirmed, 1)],
        "a busy recipient waiting for its retry is not final"
    );
    let next = report.next_call.unwrap();
    assert_eq!(
        (next.name.as_str(), next.at.as_str()),
        ("Ben Okafor", "2026-12-01T18:10:05Z")
    );
    assert_eq!(report.attempts.len(), 2);
    assert_eq!(report.attempts[0].outcome, Some(Outcome::Confirmed));
    assert_eq!(report.attempts[1].line, 3);
    assert!(report.in_progress.is_empty());

    // The window's export is the CLI's: every attempt with the imported columns first.
    let csv = core.export_reminder_attempts(created.id).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("Patient,Phone,Appointment,Doctor,Notes,callpad_line,"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines.len(),
        4,
        "one row per attempt, one for the recipient never called: {csv}"
    );
    assert!(
        lines[1].starts_with(
            "Ada Lovelace,+12065550115,2026-12-03 14:30,Dr Byron,\"'=HYPERLINK(\"\"x\"\")\",2,"
        ),
        "{}",
        lines[1]
    );
    let out = dir.path().join("report.csv");
    assert_eq!(core.export_reminder_csv_to(created.id, &out).unwrap(), out);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), csv);
}
