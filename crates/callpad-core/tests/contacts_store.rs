//! The contact store as the app uses it: add, edit, delete, list, favourites, do-not-call, and
//! the errors a person sees when a contact cannot be saved.

mod common;

use callpad_core::contacts::{ContactInput, ContactStore, NumberInput, is_opted_out};
use callpad_core::{Error, db};
use common::contact_named;

fn store() -> ContactStore {
    ContactStore::new(db::open_in_memory().unwrap()).unwrap()
}

fn input(name: &str, numbers: &[(&str, &str)]) -> ContactInput {
    ContactInput {
        name: name.into(),
        numbers: numbers
            .iter()
            .map(|(label, number)| NumberInput {
                label: (*label).into(),
                number: (*number).into(),
            })
            .collect(),
        ..ContactInput::default()
    }
}

#[test]
fn add_reads_numbers_and_keeps_what_was_typed() {
    let mut store = store();
    let mut jane = input(
        "  Jane   Doe ",
        &[
            ("Cell", "(201) 555-0123"),
            ("work", "+1 201 555 0124 x 12"),
            ("PBX", "sip:jane@pbx.example.com"),
        ],
    );
    jane.company = Some(" Acme ".into());
    jane.tags = vec!["Clients".into(), " clients ".into(), "VIP".into()];
    let saved = store.add(&jane, Some("US")).unwrap();

    assert_eq!(saved.name, "Jane Doe");
    assert_eq!(saved.company.as_deref(), Some("Acme"));
    assert_eq!(
        saved.tags,
        ["Clients", "VIP"],
        "duplicate tags dropped, ignoring case"
    );
    let n = &saved.numbers;
    assert_eq!(
        (n[0].label.as_str(), n[0].dial.as_str()),
        ("mobile", "+12015550123")
    );
    assert_eq!(n[0].typed, "(201) 555-0123");
    assert_eq!(n[0].national, "(201) 555-0123");
    assert_eq!(
        (n[1].dial.as_str(), n[1].extension.as_deref()),
        ("+12015550124", Some("12"))
    );
    assert_eq!(n[1].display(), "+1 201-555-0124 ext. 12");
    assert_eq!(
        (n[2].label.as_str(), n[2].dial.as_str()),
        ("PBX", "sip:jane@pbx.example.com")
    );
    assert_eq!(store.get(saved.id).unwrap(), saved);
}

#[test]
fn a_contact_without_a_name_is_refused_saying_so() {
    let mut store = store();
    let err = store
        .add(&input("   ", &[("mobile", "+12015550123")]), None)
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidContact { field, .. } if field == "name"),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "name: a contact needs a name");
    assert_eq!(err.code(), "invalid_contact");
    assert_eq!(store.count().unwrap(), 0);
}

#[test]
fn an_invalid_number_is_refused_with_the_number_modules_reason() {
    let mut store = store();
    let bad = input("Bob", &[("mobile", "+12015550123"), ("work", "555-01")]);
    let err = store.add(&bad, Some("US")).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("number 2: \"555-01\": "), "{msg}");
    assert!(msg.contains("too short"), "{msg}");
    // A national number with no region to read it in says to add the country code.
    let err = store
        .add(&input("Bob", &[("mobile", "201 555 0123")]), None)
        .unwrap_err();
    assert!(err.to_string().contains("no country code"), "{err}");
    assert_eq!(store.count().unwrap(), 0, "nothing half-saved");
}

#[test]
fn update_replaces_every_field_and_search_follows() {
    let mut store = store();
    let id = store
        .add(&input("Jane Doe", &[("mobile", "+12015550123")]), None)
        .unwrap()
        .id;
    let mut changed = input("Janet Roe", &[("home", "+442079460958")]);
    changed.notes = "moved to London".into();
    let saved = store.update(id, &changed, None).unwrap();
    assert_eq!(saved.id, id);
    assert_eq!(saved.numbers.len(), 1);
    assert_eq!(saved.numbers[0].dial, "+442079460958");
    assert_eq!(saved.notes, "moved to London");
    assert!(store.search("jane doe", 5).is_empty());
    assert!(store.search("2015550123", 5).is_empty());
    assert_eq!(store.search("roe", 5)[0].name, "Janet Roe");
    assert_eq!(store.search("020 7946", 5)[0].name, "Janet Roe");
}

#[test]
fn a_failed_update_leaves_the_contact_as_it_was() {
    let mut store = store();
    let before = store
        .add(&input("Jane Doe", &[("mobile", "+12015550123")]), None)
        .unwrap();
    assert!(
        store
            .update(before.id, &input("Jane", &[("mobile", "nope")]), None)
            .is_err()
    );
    assert_eq!(store.get(before.id).unwrap(), before);
    assert!(matches!(
        store.update(9999, &input("Ghost", &[]), None),
        Err(Error::ContactNotFound { id: 9999 })
    ));
}

#[test]
fn delete_removes_numbers_tags_and_search_entries() {
    let mut store = store();
    let mut jane = input("Jane Doe", &[("mobile", "+12015550123")]);
    jane.tags = vec!["golf".into()];
    let id = store.add(&jane, None).unwrap().id;
    store.delete(id).unwrap();
    assert!(matches!(store.get(id), Err(Error::ContactNotFound { .. })));
    assert!(store.search("jane", 5).is_empty());
    let orphans: i64 = store
        .connection()
        .query_row(
            "SELECT (SELECT count(*) FROM contact_numbers) + (SELECT count(*) FROM contact_tags)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    assert!(matches!(
        store.delete(id),
        Err(Error::ContactNotFound { .. })
    ));
}

#[test]
fn list_puts_favourites_first_then_names_ignoring_case_and_accents() {
    let mut store = store();
    for name in ["zoë", "Émile", "bob", "Anna", "Yann"] {
        store.add(&input(name, &[]), None).unwrap();
    }
    let yann = contact_named(&store, "Yann");
    let zoe = contact_named(&store, "zoë");
    store.set_favourite(zoe.id, true).unwrap();
    store.set_favourite(yann.id, true).unwrap();
    let names: Vec<String> = store.list().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["Yann", "zoë", "Anna", "bob", "Émile"]);
    // The empty search shows the same order.
    let shown: Vec<String> = store.search("", 10).into_iter().map(|h| h.name).collect();
    assert_eq!(shown, names);
    store.set_favourite(zoe.id, false).unwrap();
    assert_eq!(store.search("", 1)[0].name, "Yann");
}

#[test]
fn opt_out_is_honoured_for_every_contact_holding_the_number() {
    let mut store = store();
    let office = store
        .add(&input("Front desk", &[("main", "+12015550100")]), None)
        .unwrap();
    let ext = store
        .add(
            &input("Ann at the office", &[("work", "+1 201 555 0100 ext. 7")]),
            None,
        )
        .unwrap();
    assert!(!store.is_opted_out("+12015550100").unwrap());
    store.set_opt_out(ext.id, true).unwrap();
    // Conservative: any contact on that line asking not to be called blocks the line.
    assert!(store.is_opted_out("+12015550100").unwrap());
    assert!(is_opted_out(store.connection(), "+12015550100").unwrap());
    assert!(!store.is_opted_out("+12015550199").unwrap());
    assert!(!store.search("front", 1)[0].opt_out);
    assert!(store.search("ann", 1)[0].opt_out);
    store.set_opt_out(ext.id, false).unwrap();
    assert!(!store.is_opted_out("+12015550100").unwrap());
    assert!(matches!(
        store.set_opt_out(office.id + 100, true),
        Err(Error::ContactNotFound { .. })
    ));
}

#[test]
fn contacts_survive_reopening_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut store = ContactStore::new(db::open_in(dir.path()).unwrap()).unwrap();
        store
            .add(&input("Jane Doe", &[("mobile", "+12015550123")]), None)
            .unwrap()
            .id
    };
    let store = ContactStore::new(db::open_in(dir.path()).unwrap()).unwrap();
    assert_eq!(store.get(id).unwrap().name, "Jane Doe");
    assert_eq!(
        store.search("555 0123", 5).len(),
        1,
        "index rebuilt on open"
    );
}

#[test]
fn contact_input_crosses_ipc_in_camel_case() {
    let json =
        r#"{"name":"Jane","numbers":[{"label":"mobile","number":"+12015550123"}],"optOut":true}"#;
    let parsed: ContactInput = serde_json::from_str(json).unwrap();
    assert!(parsed.opt_out);
    assert_eq!(parsed.numbers[0].number, "+12015550123");
    let mut store = store();
    let saved = store.add(&parsed, None).unwrap();
    let out = serde_json::to_value(&saved).unwrap();
    assert_eq!(out["optOut"], true);
    assert_eq!(out["numbers"][0]["dial"], "+12015550123");
}
