//! The reminder campaign store on a real SQLite file: attempts are written before the dial and
//! survive the process going away, they only move forward, recipients follow them in the same
//! transaction, and the frequency caps count only reminders that reached someone.

use callpad_core::Error;
use callpad_core::db;
use callpad_core::reminders::sqlite::SqliteCampaignStore;
use callpad_core::reminders::store::{AttemptState, CampaignState};
use callpad_core::reminders::{
    AttemptEnd, CampaignSettings, CampaignStore, NewCampaign, NewRecipient, Outcome, RecipientState,
};

fn recipient(line: usize, phone: Option<&str>, state: RecipientState) -> NewRecipient {
    NewRecipient {
        line,
        phone: phone.map(str::to_owned),
        typed: phone.unwrap_or("junk").to_owned(),
        name: format!("Person {line}"),
        cells: vec![
            format!("Person {line}"),
            phone.unwrap_or("junk").to_owned(),
            "keep me".into(),
        ],
        zone: Some("America/Los_Angeles".into()),
        appointment: None,
        message: Some("Hello".into()),
        exclusion: None,
        state,
        next_attempt_ms: Some(1_000),
        waiting_reason: None,
    }
}

fn campaign(store: &mut SqliteCampaignStore) -> i64 {
    store
        .create_campaign(
            &NewCampaign {
                name: "Tuesday".into(),
                profile: Some("clinic".into()),
                caller_id: Some("+12065550199".into()),
                template: "Hello {name}".into(),
                columns: vec!["name".into(), "phone".into(), "notes".into()],
                settings: CampaignSettings::default(),
                created_ms: 500,
            },
            &[
                recipient(2, Some("+12065550100"), RecipientState::Waiting),
                recipient(3, None, RecipientState::Excluded),
                recipient(4, Some("+12065550101"), RecipientState::Waiting),
            ],
        )
        .unwrap()
}

#[test]
fn an_attempt_is_on_disk_before_the_dial_and_survives_the_process() {
    let dir = tempfile::tempdir().unwrap();
    let (id, attempt) = {
        let mut store = SqliteCampaignStore::new(db::open_in(dir.path()).unwrap());
        let id = campaign(&mut store);
        let r = store.recipients(id).unwrap()[0].id;
        (id, store.begin_attempt(r, "tok-1", 2_000).unwrap())
        // The store is dropped here as if the process were killed before the dial went out.
    };
    let store = SqliteCampaignStore::new(db::open_in(dir.path()).unwrap());
    let attempts = store.attempts(id).unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0], attempt);
    assert_eq!(attempts[0].state, AttemptState::Dialling);
    assert_eq!(attempts[0].number, "+12065550100");
    let r = &store.recipients(id).unwrap()[0];
    assert_eq!(
        (r.state, r.attempts, r.next_attempt_ms),
        (RecipientState::Calling, 1, None)
    );
    assert_eq!(r.cells[2], "keep me", "every imported column is kept");
    let c = store.campaign(id).unwrap();
    assert_eq!(
        (c.name.as_str(), c.state, c.settings),
        ("Tuesday", CampaignState::Ready, CampaignSettings::default())
    );
}

#[test]
fn attempts_only_move_forward_and_recipients_follow_in_the_same_step() {
    let mut store = SqliteCampaignStore::new(db::open_in_memory().unwrap());
    let id = campaign(&mut store);
    let rs = store.recipients(id).unwrap();
    let (first, excluded, second) = (rs[0].id, rs[1].id, rs[2].id);

    assert_eq!(store.next_due_at(id).unwrap(), Some(1_000));
    assert!(store.due(id, 999, 10).unwrap().is_empty(), "not yet");
    let due: Vec<i64> = store
        .due(id, 1_000, 10)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(due, [first, second], "excluded recipients are never due");
    assert_eq!(store.due(id, 1_000, 1).unwrap().len(), 1);
    let a = store.begin_attempt(first, "tok-a", 10).unwrap();
    assert_eq!(
        store.due(id, 1_000, 10).unwrap()[0].id,
        second,
        "a calling recipient is not due"
    );
    let again = store.begin_attempt(first, "tok-b", 11).unwrap_err();
    assert!(matches!(again, Error::AttemptOutOfOrder { .. }), "{again}");
    assert!(
        store.begin_attempt(excluded, "tok-c", 11).is_err(),
        "excluded recipients are never called"
    );

    store.attempt_placed(a.id, "call-1").unwrap();
    assert!(matches!(
        store.attempt_placed(a.id, "call-2"),
        Err(Error::AttemptOutOfOrder { .. })
    ));
    store
        .end_attempt(
            a.id,
            &AttemptEnd {
                outcome: Outcome::Busy,
                ended_ms: 20,
                retry: Some((620, "retry 1 of 2 after busy".into())),
            },
        )
        .unwrap();
    let end_twice = store.end_attempt(
        a.id,
        &AttemptEnd {
            outcome: Outcome::Confirmed,
            ended_ms: 21,
            retry: None,
        },
    );
    assert!(matches!(end_twice, Err(Error::AttemptOutOfOrder { .. })));
    let r = &store.recipients(id).unwrap()[0];
    assert_eq!(
        (r.state, r.outcome, r.next_attempt_ms),
        (RecipientState::Waiting, Some(Outcome::Busy), Some(620))
    );
    assert_eq!(r.waiting_reason.as_deref(), Some("retry 1 of 2 after busy"));

    let b = store.begin_attempt(first, "tok-d", 700).unwrap();
    store
        .end_attempt(
            b.id,
            &AttemptEnd {
                outcome: Outcome::Confirmed,
                ended_ms: 710,
                retry: None,
            },
        )
        .unwrap();
    let c = store.begin_attempt(second, "tok-e", 800).unwrap();
    store
        .end_attempt(
            c.id,
            &AttemptEnd {
                outcome: Outcome::MayHaveBeenPlaced,
                ended_ms: 900,
                retry: None,
            },
        )
        .unwrap();
    assert_eq!(store.next_due_at(id).unwrap(), None, "nobody is waiting");
    let rs = store.recipients(id).unwrap();
    assert_eq!(
        (rs[0].state, rs[0].outcome, rs[0].attempts),
        (RecipientState::Done, Some(Outcome::Confirmed), 2)
    );
    assert_eq!(rs[2].state, RecipientState::NeedsDecision);
    assert!(
        rs[2]
            .waiting_reason
            .as_deref()
            .unwrap()
            .contains("may have been placed")
    );

    let attempts = store.attempts(id).unwrap();
    assert_eq!(
        attempts
            .iter()
            .map(|a| a.call_id.as_deref())
            .collect::<Vec<_>>(),
        [Some("call-1"), None, None]
    );
    assert!(attempts.iter().all(|a| a.state == AttemptState::Ended));
    // A unique token per attempt: reusing one is refused.
    assert!(store.begin_attempt(second, "tok-a", 1).is_err());
}

#[test]
fn the_caps_count_reminders_that_reached_someone_in_any_campaign() {
    let mut store = SqliteCampaignStore::new(db::open_in_memory().unwrap());
    let one = campaign(&mut store);
    let two = campaign(&mut store);
    let r1 = store.recipients(one).unwrap()[0].id;
    let r2 = store.recipients(two).unwrap()[0].id;
    let a = store.begin_attempt(r1, "t1", 100).unwrap();
    store
        .end_attempt(
            a.id,
            &AttemptEnd {
                outcome: Outcome::NoAnswer,
                ended_ms: 130,
                retry: Some((200, "r".into())),
            },
        )
        .unwrap();
    let b = store.begin_attempt(r1, "t2", 200).unwrap();
    store
        .end_attempt(
            b.id,
            &AttemptEnd {
                outcome: Outcome::Machine,
                ended_ms: 230,
                retry: None,
            },
        )
        .unwrap();
    let c = store.begin_attempt(r2, "t3", 300).unwrap();
    assert_eq!(
        store.delivered_to("+12065550100", 0).unwrap(),
        [200],
        "open and unanswered tries do not count"
    );
    store
        .end_attempt(
            c.id,
            &AttemptEnd {
                outcome: Outcome::Confirmed,
                ended_ms: 330,
                retry: None,
            },
        )
        .unwrap();
    assert_eq!(store.delivered_to("+12065550100", 0).unwrap(), [200, 300]);
    assert_eq!(store.delivered_to("+12065550100", 250).unwrap(), [300]);
    assert_eq!(
        store
            .campaigns()
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [two, one]
    );
    assert!(matches!(
        store.campaign(999),
        Err(Error::CampaignNotFound { id: 999 })
    ));
    store
        .set_campaign_state(one, CampaignState::Paused)
        .unwrap();
    assert_eq!(store.campaign(one).unwrap().state, CampaignState::Paused);
}
