//! Importing the same people twice, or people already in the list: duplicates (same E.164 and
//! extension, and the same name or one written another way) become one contact, the existing
//! name stays, numbers and tags are joined. Two different names on one number stay two contacts,
//! and the preview says so.

use callpad_core::contacts::{Contact, ContactInput, ContactStore, NumberInput, commit, preview};
use callpad_core::db;

fn store() -> ContactStore {
    ContactStore::new(db::open_in_memory().unwrap()).unwrap()
}

fn import(store: &mut ContactStore, csv: &str) -> callpad_core::contacts::ImportPreview {
    let preview = preview(store, csv.as_bytes(), Some("US")).unwrap();
    commit(store, &preview, |_, _| {}).unwrap();
    preview
}

/// A new store with `csv` imported into it, and the import's preview.
fn imported(csv: &str) -> (ContactStore, callpad_core::contacts::ImportPreview) {
    let mut store = store();
    let preview = import(&mut store, csv);
    (store, preview)
}

fn only(store: &ContactStore) -> Contact {
    let all = store.list().unwrap();
    assert_eq!(all.len(), 1, "{all:#?}");
    all.into_iter().next().unwrap()
}

fn dials(contact: &Contact) -> Vec<&str> {
    contact.numbers.iter().map(|n| n.dial.as_str()).collect()
}

#[test]
fn the_same_number_in_two_formats_is_one_contact() {
    let (store, preview) = imported(
        "Name,Phone,Tags\nJane Doe,(201) 555-0123,clients\nJane D.,+1 201 555 0123,golf\nJANE,2015550123,\n",
    );
    assert_eq!(
        (
            preview.rows_ok,
            preview.duplicates_merged,
            preview.new_contacts
        ),
        (3, 2, 1)
    );
    let jane = only(&store);
    assert_eq!(jane.name, "Jane Doe", "the first row's name");
    assert_eq!(dials(&jane), ["+12015550123"]);
    assert_eq!(jane.tags, ["clients", "golf"]);
    let said: Vec<&str> = preview.notices.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        said,
        [
            "\"Jane D.\" has +1 201-555-0123, which \"Jane Doe\" (line 2) also has: the names look like one person's, so they are merged into one contact",
            "\"JANE\" has +1 201-555-0123, which \"Jane Doe\" (line 2) also has: the names look like one person's, so they are merged into one contact"
        ]
    );
}

#[test]
fn two_names_on_one_number_stay_two_contacts_and_are_said() {
    let mut store = store();
    store
        .add(
            &ContactInput {
                name: "Front Desk".into(),
                numbers: vec![NumberInput {
                    label: "work".into(),
                    number: "+12015550190".into(),
                }],
                ..ContactInput::default()
            },
            None,
        )
        .unwrap();
    let preview = import(
        &mut store,
        "Name,Phone\nJohn Smith,(201) 555-0174\nMary Smith,201 555 0174\nDr. Patel,201-555-0190\n",
    );
    assert_eq!(
        (
            preview.rows_ok,
            preview.duplicates_merged,
            preview.new_contacts
        ),
        (3, 0, 3)
    );
    let said: Vec<(usize, &str)> = preview
        .notices
        .iter()
        .map(|n| (n.line, n.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (
                3,
                "\"Mary Smith\" has +1 201-555-0174, which \"John Smith\" (line 2) also has: both are kept, as separate contacts"
            ),
            (
                4,
                "\"Dr. Patel\" has +1 201-555-0190, which your contact \"Front Desk\" also has: both are kept, as separate contacts"
            ),
        ]
    );
    let mut names: Vec<String> = store.list().unwrap().into_iter().map(|c| c.name).collect();
    names.sort();
    assert_eq!(
        names,
        ["Dr. Patel", "Front Desk", "John Smith", "Mary Smith"]
    );
}

#[test]
fn rows_linked_through_a_third_row_all_merge() {
    // Row 1 and row 2 share nothing, but row 3 has a number of each.
    let (store, preview) = imported(
        "Name,Mobile Phone,Business Phone\nAnn,+1 201 555 0101,\nA. Lee,,+1 201 555 0102\nAnn Lee,+1 201 555 0101,+1 201 555 0102\n",
    );
    assert_eq!(preview.duplicates_merged, 2);
    let lines: Vec<usize> = preview.notices.iter().map(|n| n.line).collect();
    assert_eq!(
        lines,
        [4],
        "Ann Lee is said to be merged: {:?}",
        preview.notices
    );
    let ann = only(&store);
    assert_eq!(ann.name, "Ann");
    assert_eq!(dials(&ann), ["+12015550101", "+12015550102"]);
}

#[test]
fn importing_into_a_list_merges_into_the_existing_contact_and_keeps_its_name() {
    let mut store = store();
    let existing = store
        .add(
            &ContactInput {
                name: "Jane Doe".into(),
                numbers: vec![NumberInput {
                    label: "mobile".into(),
                    number: "+12015550123".into(),
                }],
                tags: vec!["clients".into()],
                notes: "met in Lisbon".into(),
                ..ContactInput::default()
            },
            None,
        )
        .unwrap();
    let preview = import(
        &mut store,
        "Name,Company,Mobile Phone,Business Phone,Tags,Notes\n\
         Janey,Acme,201-555-0123,201-555-0124,Golf;clients,met in Lisbon\n",
    );
    assert_eq!(
        (
            preview.duplicates_merged,
            preview.merged_into_existing,
            preview.new_contacts
        ),
        (1, 1, 0)
    );
    let jane = only(&store);
    assert_eq!(jane.id, existing.id);
    assert_eq!(jane.name, "Jane Doe", "the existing name stays");
    assert_eq!(
        jane.company.as_deref(),
        Some("Acme"),
        "a missing company is filled in"
    );
    assert_eq!(dials(&jane), ["+12015550123", "+12015550124"]);
    assert_eq!(jane.tags, ["clients", "Golf"]);
    assert_eq!(
        jane.notes, "met in Lisbon",
        "the same note is not added twice"
    );
    // The index follows the merge.
    assert_eq!(store.search("555 0124", 5)[0].name, "Jane Doe");
}

#[test]
fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let mut store = store();
    let csv = "Name,Phone\nAnn,+1 201 555 0101\nBob,+1 201 555 0102\n";
    import(&mut store, csv);
    let before = store.list().unwrap();
    let again = import(&mut store, csv);
    assert_eq!((again.new_contacts, again.merged_into_existing), (0, 2));
    assert_eq!(store.list().unwrap(), before);
}

#[test]
fn different_extensions_of_one_switchboard_are_different_people() {
    let (store, preview) = imported(
        "Name,Phone\nAnn,+1 201 555 0100 ext. 11\nBob,+1 201 555 0100 ext. 12\nFront desk,+1 201 555 0100\n",
    );
    assert_eq!((preview.new_contacts, preview.duplicates_merged), (3, 0));
    assert_eq!(store.count().unwrap(), 3);
}

#[test]
fn favourite_and_do_not_call_are_kept_if_either_side_set_them() {
    let mut store = store();
    import(
        &mut store,
        "Name,Phone,Opt Out,Favourite\nAnn,+1 201 555 0101,no,yes\n",
    );
    import(
        &mut store,
        "Name,Phone,Opt Out,Favourite\nAnn,+1 201 555 0101,yes,no\n",
    );
    let ann = only(&store);
    assert!(ann.favourite);
    assert!(
        ann.opt_out,
        "a do-not-call request is never lost by a merge"
    );
    assert!(store.is_opted_out("+12015550101").unwrap());
}
