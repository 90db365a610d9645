//! Search as you type: what a person types into the box and what should come up first.

mod common;

use callpad_core::contacts::{ContactStore, HitSource, MatchedField};
use callpad_core::db;
use common::{add_contact, contact_named};

fn names(store: &ContactStore, query: &str) -> Vec<String> {
    store
        .search(query, 10)
        .into_iter()
        .map(|h| h.name)
        .collect()
}

fn people() -> ContactStore {
    let mut store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    add_contact(&mut store, "Ann Marie Lee", None, &[], &["+1 201 555 0101"]);
    add_contact(
        &mut store,
        "Anna Karenina",
        Some("Railways Ltd"),
        &[],
        &["+1 201 555 0102"],
    );
    add_contact(&mut store, "Joanna Ann", None, &[], &["+1 201 555 0103"]);
    add_contact(&mut store, "Ann", None, &["golf"], &["+1 201 555 0104"]);
    add_contact(
        &mut store,
        "Brian Annesley",
        None,
        &[],
        &["+44 20 7946 0958"],
    );
    add_contact(
        &mut store,
        "Zed Banner",
        Some("Annex Storage"),
        &["annual"],
        &["+1 212 555 0199"],
    );
    add_contact(
        &mut store,
        "José Álvarez",
        None,
        &["Suppliers"],
        &["+34 912 345 678"],
    );
    store
}

#[test]
fn exact_then_prefix_then_word_prefix_then_substring() {
    let store = people();
    assert_eq!(
        names(&store, "ann"),
        [
            "Ann",            // exact name
            "Ann Marie Lee",  // name prefix
            "Anna Karenina",  // name prefix
            "Brian Annesley", // a word of the name starts with it
            "Joanna Ann",     // a word of the name starts with it
            "Zed Banner",     // company prefix ("Annex Storage")
        ],
    );
}

#[test]
fn company_and_tag_find_people() {
    let store = people();
    assert_eq!(names(&store, "railways"), ["Anna Karenina"]);
    let hits = store.search("suppl", 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].name, "José Álvarez");
    assert_eq!(hits[0].matched, MatchedField::Tag);
    assert_eq!(names(&store, "golf"), ["Ann"]);
}

#[test]
fn case_and_accents_are_ignored_both_ways() {
    let store = people();
    assert_eq!(names(&store, "jose alv"), ["José Álvarez"]);
    assert_eq!(names(&store, "ÁLVAREZ"), ["José Álvarez"]);
    assert_eq!(names(&store, "  JOSÉ  "), ["José Álvarez"]);
}

#[test]
fn one_letter_finds_word_starts_only() {
    let store = people();
    assert_eq!(names(&store, "j"), ["Joanna Ann", "José Álvarez"]);
    assert_eq!(names(&store, "k"), ["Anna Karenina"]);
    assert!(
        names(&store, "n").is_empty(),
        "n is only ever inside a word"
    );
}

#[test]
fn words_match_in_any_order() {
    let store = people();
    assert_eq!(names(&store, "lee ann"), ["Ann Marie Lee"]);
    assert_eq!(names(&store, "karenina railways"), ["Anna Karenina"]);
    assert!(names(&store, "ann nobody").is_empty());
}

#[test]
fn digits_match_any_part_of_a_number_in_any_format() {
    let store = people();
    // Typed the way people type: spaces, dashes, brackets, with or without the country code.
    assert_eq!(names(&store, "555 010").len(), 4);
    let hits = store.search("(201) 555-0103", 10);
    assert_eq!(hits[0].name, "Joanna Ann");
    assert_eq!(hits[0].matched, MatchedField::Number);
    assert_eq!(hits[0].number.as_ref().unwrap().dial, "+12015550103");
    assert_eq!(names(&store, "+1 201 555 0104"), ["Ann"]);
    assert_eq!(names(&store, "0199"), ["Zed Banner"]);
    // The national format's digits count too: UK numbers start with 0 at home.
    assert_eq!(names(&store, "020 7946"), ["Brian Annesley"]);
    assert_eq!(names(&store, "4420"), ["Brian Annesley"]);
    assert!(names(&store, "999 999").is_empty());
    // One digit: numbers that start with it (in E.164 or national form), not every number with a 4.
    assert_eq!(names(&store, "4"), ["Brian Annesley"]);
}

#[test]
fn a_digit_hit_shows_the_number_that_matched() {
    let mut store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    add_contact(
        &mut store,
        "Two Phones",
        None,
        &[],
        &["+1 201 555 0111", "+1 646 555 0122"],
    );
    let hit = &store.search("646", 5)[0];
    assert_eq!(hit.number.as_ref().unwrap().display, "+1 646-555-0122");
    let hit = &store.search("two", 5)[0];
    assert_eq!(
        hit.number.as_ref().unwrap().dial,
        "+12015550111",
        "text hits show the first number"
    );
}

#[test]
fn a_number_prefix_outranks_a_number_substring() {
    let mut store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    add_contact(&mut store, "Middle", None, &[], &["+1 212 555 2015"]);
    add_contact(&mut store, "Start", None, &[], &["+1 201 555 0100"]);
    assert_eq!(names(&store, "201"), ["Start", "Middle"]);
}

#[test]
fn favourites_rise_within_the_same_kind_of_match() {
    let mut store = people();
    let joanna = contact_named(&store, "Joanna Ann");
    store.set_favourite(joanna.id, true).unwrap();
    let got = names(&store, "ann");
    // Still below the exact and prefix matches, but first among the word-prefix ones.
    assert_eq!(
        &got[..4],
        ["Ann", "Ann Marie Lee", "Anna Karenina", "Joanna Ann"]
    );
    assert!(store.search("ann", 10)[3].favourite);
}

#[test]
fn the_limit_keeps_the_best() {
    let store = people();
    assert_eq!(names(&store, "ann").len(), 6);
    assert_eq!(
        store
            .search("ann", 2)
            .iter()
            .map(|h| h.name.as_str())
            .collect::<Vec<_>>(),
        ["Ann", "Ann Marie Lee"]
    );
    assert!(store.search("ann", 0).is_empty());
    assert_eq!(store.search("", 3).len(), 3);
}

#[test]
fn hits_say_where_they_come_from() {
    let mut store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    let id = add_contact(&mut store, "Jane", None, &[], &["+1 201 555 0123"]);
    let hit = &store.search("jane", 1)[0];
    assert_eq!(hit.source, HitSource::Contact { id });
    let json = serde_json::to_value(hit).unwrap();
    assert_eq!(json["source"]["kind"], "contact");
    assert_eq!(json["source"]["id"], id);
    assert_eq!(json["optOut"], false);
}

#[test]
fn many_changes_keep_search_exact() {
    // Enough adds and deletes to make the index compact itself a few times.
    let mut store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    let mut ids = Vec::new();
    for i in 0..600 {
        ids.push(add_contact(
            &mut store,
            &format!("Person {i:04}"),
            None,
            &[],
            &[&format!("+1 201 555 {i:04}")],
        ));
    }
    for (i, id) in ids.iter().enumerate() {
        if i % 3 != 0 {
            store.delete(*id).unwrap();
        }
    }
    assert_eq!(store.search("", 1000).len(), 200);
    assert_eq!(names(&store, "person 0300"), ["Person 0300"]);
    assert!(names(&store, "person 0301").is_empty());
    assert_eq!(names(&store, "555 0599"), Vec::<String>::new());
    assert_eq!(names(&store, "555 0597"), ["Person 0597"]);
}
