//! Search as you type over call history too: numbers called but never saved come up as "recent
//! call" hits, a number a contact holds only ever as that contact, and contacts win ties.

mod common;

use callpad_core::calls::NewCall;
use callpad_core::calls::history;
use callpad_core::contacts::{
    ContactInput, ContactStore, HitSource, MatchedField, NumberInput, RECENT_CALL_LABEL,
};
use callpad_core::db;
use common::add_contact;
use rusqlite::Connection;

fn call(conn: &Connection, to: &str, contact_name: Option<&str>, at_ms: i64) {
    history::begin(
        conn,
        &NewCall {
            profile: "Practice".into(),
            mode: callpad_core::calls::ModeName::DeliverMessage,
            from: "+12065550100".into(),
            to: to.into(),
            caller_id: "+12065550100".into(),
            contact_id: None,
            contact_name: contact_name.map(str::to_owned),
            created_at_ms: at_ms,
        },
    )
    .unwrap();
}

/// Each hit as `contact <name>` or `call <number>`.
fn found(store: &ContactStore, query: &str) -> Vec<String> {
    store
        .search(query, 20)
        .into_iter()
        .map(|h| match h.source {
            HitSource::Contact { .. } => format!("contact {}", h.name),
            HitSource::Call { number } => format!("call {number}"),
        })
        .collect()
}

/// A database with history: Ann is a contact (and was called), two numbers were called but
/// never saved, one of them twice.
fn store_with_history() -> ContactStore {
    let conn = db::open_in_memory().unwrap();
    call(&conn, "+12015550101", Some("Ann Lee"), 1_000);
    call(&conn, "+12015550177", None, 2_000);
    call(&conn, "+442079460958", Some("London office"), 3_000);
    call(&conn, "+442079460958", None, 4_000);
    let mut store = ContactStore::new(conn).unwrap();
    add_contact(&mut store, "Ann Lee", None, &[], &["(201) 555-0101"]);
    store
}

#[test]
fn digits_of_a_called_number_find_it_as_a_recent_call() {
    let conn = db::open_in_memory().unwrap();
    call(&conn, "+12015550177", None, 2_000);
    let store = ContactStore::new(conn).unwrap();
    let hits = store.search("555 01", 10);
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(
        hit.source,
        HitSource::Call {
            number: "+12015550177".into()
        }
    );
    assert_eq!(hit.name, "+1 201-555-0177");
    assert_eq!(hit.matched, MatchedField::Number);
    assert!(!hit.favourite && !hit.opt_out && hit.company.is_none());
    let number = hit.number.as_ref().unwrap();
    assert_eq!(number.label, RECENT_CALL_LABEL);
    assert_eq!(number.dial, "+12015550177");
    assert_eq!(number.display, "+1 201-555-0177");
    // Any format: national, with the country code, punctuated.
    assert_eq!(found(&store, "(201) 555-0177"), ["call +12015550177"]);
    assert_eq!(found(&store, "+1 201 555"), ["call +12015550177"]);

    let json = serde_json::to_value(hit).unwrap();
    assert_eq!(json["source"]["kind"], "call");
    assert_eq!(json["source"]["number"], "+12015550177");
}

#[test]
fn the_name_recorded_with_a_call_finds_it() {
    let store = store_with_history();
    // The latest call had no name; the one before did, and it is kept.
    assert_eq!(found(&store, "london"), ["call +442079460958"]);
    assert_eq!(found(&store, "020 7946"), ["call +442079460958"]);
    assert_eq!(store.search("london", 1)[0].name, "London office");
}

#[test]
fn a_number_a_contact_holds_comes_up_only_as_the_contact() {
    let store = store_with_history();
    assert_eq!(found(&store, "0101"), ["contact Ann Lee"]);
    assert_eq!(found(&store, "ann"), ["contact Ann Lee"]);
}

#[test]
fn contacts_outrank_recent_calls_for_the_same_query() {
    let store = store_with_history();
    // All three match "201 555" as the start of their national number.
    assert_eq!(
        found(&store, "201 555"),
        ["contact Ann Lee", "call +12015550177"]
    );
    assert_eq!(
        found(&store, "555"),
        ["contact Ann Lee", "call +12015550177"]
    );
}

#[test]
fn the_empty_query_lists_contacts_only() {
    let store = store_with_history();
    assert_eq!(found(&store, ""), ["contact Ann Lee"]);
}

#[test]
fn note_call_makes_a_number_findable_at_once() {
    let mut store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    assert!(store.search("646", 10).is_empty());
    store.note_call("+16465550123", None, 10).unwrap();
    assert_eq!(found(&store, "646"), ["call +16465550123"]);
    // Calling again with a name names it; again without keeps the name; no duplicates.
    store
        .note_call("+16465550123", Some("Front desk"), 20)
        .unwrap();
    store.note_call("+16465550123", None, 30).unwrap();
    assert_eq!(found(&store, "front"), ["call +16465550123"]);
    assert_eq!(found(&store, "646"), ["call +16465550123"]);
    // Newer calls come first among equal matches.
    store.note_call("+16465550999", None, 40).unwrap();
    assert_eq!(
        found(&store, "646 555"),
        ["call +16465550999", "call +16465550123"]
    );
}

#[test]
fn note_call_does_not_duplicate_a_contacts_number() {
    let mut store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    add_contact(&mut store, "Jane", None, &[], &["+1 646 555 0123"]);
    store.note_call("+16465550123", Some("Jane"), 10).unwrap();
    assert_eq!(found(&store, "646"), ["contact Jane"]);
}

#[test]
fn saving_or_deleting_a_contact_moves_the_number_between_the_two() {
    let mut store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    store.note_call("+16465550123", None, 10).unwrap();
    let id = add_contact(&mut store, "Jane", None, &[], &["+1 646 555 0123"]);
    assert_eq!(found(&store, "646"), ["contact Jane"]);

    // A new number for Jane: the old one is a recent call again.
    let input = ContactInput {
        name: "Jane".into(),
        numbers: vec![NumberInput {
            label: "work".into(),
            number: "+1 212 555 0100".into(),
        }],
        ..ContactInput::default()
    };
    store.update(id, &input, None).unwrap();
    assert_eq!(found(&store, "646"), ["call +16465550123"]);

    store
        .update(
            id,
            &ContactInput {
                numbers: vec![NumberInput {
                    label: "mobile".into(),
                    number: "+1 646 555 0123".into(),
                }],
                ..input
            },
            None,
        )
        .unwrap();
    assert_eq!(found(&store, "646"), ["contact Jane"]);

    store.delete(id).unwrap();
    assert_eq!(found(&store, "646"), ["call +16465550123"]);
}

#[test]
fn reopening_reads_the_newest_numbers_from_history() {
    let conn = db::open_in_memory().unwrap();
    for i in 0..2_100 {
        call(&conn, &format!("+1201555{i:04}"), None, i64::from(i));
    }
    let store = ContactStore::new(conn).unwrap();
    assert_eq!(store.search("201 555", 5000).len(), 2_000);
    assert_eq!(found(&store, "2015552099"), ["call +12015552099"]);
    assert!(
        found(&store, "2015550099").is_empty(),
        "older than the newest 2,000"
    );
}

#[test]
fn a_database_without_history_opens_with_contacts_only() {
    let mut conn = Connection::open_in_memory().unwrap();
    db::migrate(&mut conn, &db::MIGRATIONS[..1]).unwrap();
    let mut store = ContactStore::new(conn).unwrap();
    add_contact(&mut store, "Jane", None, &[], &["+1 646 555 0123"]);
    assert_eq!(found(&store, "646"), ["contact Jane"]);
}
