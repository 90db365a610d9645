//! Importing the files people really have: Google and Outlook CSV exports, plain name,phone
//! lists and vCards from phones, each with broken rows that must be named, not fatal.

mod common;

use callpad_core::contacts::{
    ColumnTarget, Contact, ContactStore, ImportFormat, ImportPreview, commit, preview,
};
use callpad_core::{Error, db};
use common::contact_named;

fn store() -> ContactStore {
    ContactStore::new(db::open_in_memory().unwrap()).unwrap()
}

fn import(store: &mut ContactStore, bytes: &[u8], region: &str) -> ImportPreview {
    let preview = preview(store, bytes, Some(region)).unwrap();
    commit(store, &preview, |_, _| {}).unwrap();
    preview
}

fn numbers(contact: &Contact) -> Vec<(String, String, Option<String>)> {
    contact
        .numbers
        .iter()
        .map(|n| (n.label.clone(), n.dial.clone(), n.extension.clone()))
        .collect()
}

fn n(label: &str, dial: &str) -> (String, String, Option<String>) {
    (label.into(), dial.into(), None)
}

fn rejected_lines(preview: &ImportPreview) -> Vec<usize> {
    preview.rejected.iter().map(|r| r.line).collect()
}

fn target<'a>(preview: &'a ImportPreview, column: &str) -> &'a ColumnTarget {
    &preview
        .mapping
        .iter()
        .find(|m| m.column == column)
        .unwrap_or_else(|| panic!("no column {column}"))
        .target
}

#[test]
fn google_csv_with_bom_multi_values_and_broken_rows() {
    let mut store = store();
    let bytes = include_bytes!("data/contacts/google.csv");
    let preview = preview(&store, bytes, Some("US")).unwrap();

    assert_eq!(preview.format, ImportFormat::GoogleCsv);
    assert_eq!(preview.encoding, "UTF-8 with BOM");
    assert_eq!(preview.delimiter.as_deref(), Some(","));
    assert_eq!(target(&preview, "Name"), &ColumnTarget::Name);
    assert_eq!(
        target(&preview, "Organization 1 - Name"),
        &ColumnTarget::Company
    );
    assert_eq!(target(&preview, "Group Membership"), &ColumnTarget::Tags);
    assert_eq!(
        target(&preview, "Phone 2 - Value"),
        &ColumnTarget::Number {
            label: None,
            label_column: Some("Phone 2 - Type".into())
        }
    );
    assert!(matches!(
        target(&preview, "E-mail 1 - Value"),
        ColumnTarget::Ignored { .. }
    ));

    assert_eq!(preview.rows_read, 8, "the blank row is not counted");
    assert_eq!(preview.rows_ok, 5);
    assert_eq!(rejected_lines(&preview), [3, 4, 11]);
    let reasons: Vec<String> = preview.rejected.iter().map(ToString::to_string).collect();
    assert_eq!(
        reasons[0],
        "line 3: \"555-01\" (Phone 2 - Value): the number is too short for US; check for missing digits"
    );
    assert_eq!(reasons[1], "line 4: \"Carol White\" has no phone number");
    assert!(
        reasons[2].starts_with("line 11: \"07700 900123\" (Phone 1 - Value): "),
        "{}",
        reasons[2]
    );
    assert_eq!(
        preview.duplicates_merged, 1,
        "J. Doe shares a number with Jane Doe"
    );
    assert_eq!(preview.new_contacts, 4);
    assert_eq!(store.count().unwrap(), 0, "a preview writes nothing");

    let mut calls = Vec::new();
    let summary = commit(&mut store, &preview, |done, total| {
        calls.push((done, total))
    })
    .unwrap();
    assert_eq!((summary.created, summary.merged_into_existing), (4, 0));
    assert_eq!(calls.first(), Some(&(0, 4)));
    assert_eq!(calls.last(), Some(&(4, 4)));

    let jane = contact_named(&store, "Jane Doe");
    assert_eq!(
        numbers(&jane),
        [
            n("mobile", "+12015550123"),
            n("mobile", "+12015550199"),
            ("work".into(), "+12015550124".into(), Some("7".into())),
        ]
    );
    assert!(jane.favourite, "Google's * starred group");
    assert_eq!(
        jane.tags,
        ["Clients", "Golf"],
        "* myContacts dropped; Golf merged from J. Doe"
    );
    assert_eq!(jane.company.as_deref(), Some("Acme Corp"));
    assert_eq!(jane.notes, "Met at the \"Lisbon\" conference, 2023");

    let dan = contact_named(&store, "Dan Brown");
    assert_eq!(dan.notes, "Call after 5pm.\nAsk for the warehouse.");
    assert_eq!(numbers(&dan), [n("work", "+12015550160")]);
    assert_eq!(
        numbers(&contact_named(&store, "Émile Zola")),
        [n("work", "+33142685300")]
    );
    assert_eq!(
        numbers(&contact_named(&store, "Dr. Wu")),
        [n("other", "sip:wu@pbx.example.com")]
    );
}

#[test]
fn outlook_csv_with_semicolons() {
    let mut store = store();
    let preview = import(
        &mut store,
        include_bytes!("data/contacts/outlook.csv"),
        "GB",
    );
    assert_eq!(preview.format, ImportFormat::OutlookCsv);
    assert_eq!(preview.delimiter.as_deref(), Some(";"));
    assert_eq!(target(&preview, "First Name"), &ColumnTarget::NamePart);
    assert!(
        matches!(target(&preview, "Business Fax"), ColumnTarget::Ignored { reason } if reason.contains("fax"))
    );
    assert_eq!(
        target(&preview, "Mobile Phone"),
        &ColumnTarget::Number {
            label: Some("mobile".into()),
            label_column: None
        }
    );
    assert_eq!(rejected_lines(&preview), [4]);
    assert!(
        preview.rejected[0]
            .reason
            .starts_with("\"0770\" (Mobile Phone): ")
    );
    assert_eq!((preview.rows_ok, preview.duplicates_merged), (5, 1));

    let oliver = contact_named(&store, "Oliver Twist");
    assert_eq!(
        numbers(&oliver),
        [n("work", "+442079460958"), n("mobile", "+447911123456")],
        "the fax number is not imported"
    );
    assert_eq!(
        oliver.tags,
        ["Clients", "VIP", "Family"],
        "Olive Twist shares the mobile"
    );
    assert_eq!(oliver.company.as_deref(), Some("Fagin & Co"));
    assert_eq!(
        numbers(&contact_named(&store, "Harriet Anne Smith")),
        [n("home", "+441614960000")]
    );
    let jack = contact_named(&store, "Jack Dawkins");
    assert_eq!(numbers(&jack), [n("work", "+12015550170")]);
    assert_eq!(jack.notes, "Based in New Jersey; call after 2pm UK time");
    let northwind = contact_named(&store, "Northwind Traders");
    assert_eq!(northwind.company.as_deref(), Some("Northwind Traders"));
    assert_eq!(store.count().unwrap(), 4);
}

#[test]
fn plain_name_phone_with_a_header() {
    let mut store = store();
    let preview = import(&mut store, include_bytes!("data/contacts/plain.csv"), "US");
    assert_eq!(preview.format, ImportFormat::PlainCsv);
    assert_eq!(rejected_lines(&preview), [4]);
    assert!(preview.rejected[0].reason.contains("\"12\""));
    assert_eq!(
        numbers(&contact_named(&store, "Lee, Bruce")),
        [n("other", "+12015550112")]
    );
    // No name at all: the number names the contact.
    assert_eq!(
        numbers(&contact_named(&store, "+1 201-555-0113")),
        [n("other", "+12015550113")]
    );
}

#[test]
fn plain_name_phone_without_a_header() {
    let mut store = store();
    let preview = import(
        &mut store,
        include_bytes!("data/contacts/plain_noheader.csv"),
        "US",
    );
    assert_eq!(preview.mapping[0].column, "column 1");
    assert_eq!(preview.mapping[0].target, ColumnTarget::Name);
    assert!(matches!(
        preview.mapping[1].target,
        ColumnTarget::Number { .. }
    ));
    assert_eq!(preview.rows_ok, 3, "the first row is data, not a header");
    assert_eq!(
        numbers(&contact_named(&store, "Cy Twombly")),
        [n("other", "+12015550115")]
    );
}

#[test]
fn vcard_3_from_a_phone_with_labels_folding_and_quoted_printable() {
    let mut store = store();
    let preview = import(&mut store, include_bytes!("data/contacts/apple.vcf"), "US");
    assert_eq!(preview.format, ImportFormat::VCard);
    assert_eq!(rejected_lines(&preview), [20, 38]);
    assert!(
        preview.rejected[0]
            .reason
            .contains("\"+1 201 555 01\" (TEL)")
    );
    assert!(preview.rejected[1].reason.contains("no END:VCARD"));
    assert_eq!(preview.rows_ok, 4);

    let johnny = contact_named(&store, "Johnny Appleseed");
    assert_eq!(
        numbers(&johnny),
        [
            n("mobile", "+12015550131"),
            n("Lake house", "+12015550132"),
            n("work", "+12015550133"),
        ],
        "Apple's item labels; the fax is not imported"
    );
    assert_eq!(johnny.company.as_deref(), Some("Apple Orchard Co."));
    assert_eq!(johnny.notes, "Likes apples, pears\nand plums");
    assert_eq!(johnny.tags, ["Family", "Orchard"]);

    let jurgen = contact_named(&store, "Jürgen Müller");
    assert_eq!(
        numbers(&jurgen),
        [n("mobile", "+4930901820"), n("home", "+493012345678")]
    );
    assert_eq!(jurgen.notes, "Spricht Deutsch und Englisch");
    let long = "Maximilian Alexander von Hohenberg-Wittelsbach zu Lauenstein und Rotenburg";
    assert_eq!(
        numbers(&contact_named(&store, long)),
        [n("home", "+12015550135")]
    );
    assert_eq!(
        numbers(&contact_named(&store, "Peter Quill")),
        [n("mobile", "+12015550137")]
    );
}

#[test]
fn vcard_4_with_tel_uris_extensions_and_sip() {
    let mut store = store();
    let preview = import(
        &mut store,
        include_bytes!("data/contacts/rfc6350.vcf"),
        "US",
    );
    assert_eq!(rejected_lines(&preview), [18, 23, 25]);
    assert!(
        preview.rejected[1].reason.contains("needs a \":\""),
        "{}",
        preview.rejected[1]
    );
    assert_eq!(
        preview.rejected[2].reason,
        "\"Email Only\" has no phone number"
    );
    let simon = contact_named(&store, "Simon Perreault");
    assert_eq!(
        numbers(&simon),
        [
            ("home".into(), "+14186569254".into(), Some("102".into())),
            n("mobile", "+14182626501"),
        ]
    );
    assert_eq!(simon.company.as_deref(), Some("Viagenie"));
    assert_eq!(
        numbers(&contact_named(&store, "Alice PBX")),
        [n("work", "sip:alice@pbx.example.com")]
    );
}

#[test]
fn one_bad_number_in_5000_rows_rejects_that_row_only() {
    let mut csv = String::from("Name,Phone\n");
    for i in 0..5000 {
        let line = i + 2;
        if line == 4812 {
            csv.push_str("Broken Row,555-01\n");
        } else {
            csv.push_str(&format!("Person {i},+1 201 555 {i:04}\n"));
        }
    }
    let mut store = store();
    let preview = import(&mut store, csv.as_bytes(), "US");
    assert_eq!(preview.rows_ok, 4999);
    assert_eq!(preview.rejected.len(), 1);
    let rejected = preview.rejected[0].to_string();
    assert!(
        rejected.starts_with("line 4812: \"555-01\" (Phone): "),
        "{rejected}"
    );
    assert!(rejected.contains("too short"), "{rejected}");
    assert_eq!(store.count().unwrap(), 4999);
}

#[test]
fn other_encodings_are_read() {
    // Outlook's "Unicode" CSV is UTF-16 with a BOM; older exports are Windows-1252.
    let text = "Name,Phone\r\nRenée Dupont,+33 1 42 68 53 00\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut store = store();
    let preview = import(&mut store, &utf16, "FR");
    assert_eq!(preview.encoding, "UTF-16");
    assert_eq!(
        contact_named(&store, "Renée Dupont").numbers[0].dial,
        "+33142685300"
    );

    let cp1252 = b"Name;Phone\r\nJos\xe9 Mar\xeda;+34 912 345 678\r\n";
    let preview = import(&mut store, cp1252, "ES");
    assert!(preview.encoding.starts_with("Windows-1252"));
    assert_eq!(preview.delimiter.as_deref(), Some(";"));
    assert_eq!(
        contact_named(&store, "José María").numbers[0].dial,
        "+34912345678"
    );
}

#[test]
fn a_file_without_numbers_is_refused_as_a_whole_saying_why() {
    let store = store();
    let err = preview(&store, b"Name,E-mail\nJane,jane@example.org\n", None).unwrap_err();
    assert!(matches!(err, Error::ImportUnreadable { .. }));
    let msg = err.to_string();
    assert!(msg.contains("no column holds phone numbers"), "{msg}");
    assert!(msg.contains("\"E-mail\""), "{msg}");
    assert!(matches!(
        preview(&store, b"", None),
        Err(Error::ImportUnreadable { .. })
    ));
    assert!(matches!(
        preview(&store, b"\xEF\xBB\xBF\r\n", None),
        Err(Error::ImportUnreadable { .. })
    ));
}

#[test]
fn the_preview_crosses_ipc_without_its_rows() {
    let store = store();
    let preview = preview(
        &store,
        include_bytes!("data/contacts/plain.csv"),
        Some("US"),
    )
    .unwrap();
    let json = serde_json::to_value(&preview).unwrap();
    assert_eq!(json["rowsOk"], 3);
    assert_eq!(json["rejected"][0]["line"], 4);
    assert_eq!(json["mapping"][1]["target"]["kind"], "number");
    assert!(json.get("contacts").is_none());
}
