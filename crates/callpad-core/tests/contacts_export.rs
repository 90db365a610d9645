//! Exporting contacts and importing the file into an empty list gives the same contacts back,
//! for Callpad CSV and for vCard 4.0.

use callpad_core::contacts::{
    Contact, ContactInput, ContactStore, ImportFormat, NumberInput, commit, preview, to_csv,
    to_vcard,
};
use callpad_core::db;

fn store() -> ContactStore {
    ContactStore::new(db::open_in_memory().unwrap()).unwrap()
}

fn awkward_contacts() -> ContactStore {
    let mut store = store();
    let people = [
        (
            "Jane \"JD\" Doe",
            Some("Acme, Inc.; Sales"),
            vec![
                ("mobile", "+1 201 555 0123"),
                ("work", "+1 201 555 0124 ext. 7"),
                ("Lake house", "+1 201 555 0125"),
            ],
            "Line one, with a comma\nline two; with a semicolon\\backslash",
            vec!["Clients", "VIP"],
            true,
            false,
        ),
        (
            "Zoë Ørsted-Ångström",
            None,
            vec![("home", "+44 20 7946 0958"), ("main", "+33 1 42 68 53 00")],
            "",
            vec![],
            false,
            true,
        ),
        (
            "PBX Desk",
            Some("Example"),
            vec![("other", "sip:desk@pbx.example.com")],
            "",
            vec!["Office"],
            false,
            false,
        ),
        (
            "A Rather Long Name That Will Certainly Need Folding When Written To A vCard Line",
            None,
            vec![("mobile", "+1 201 555 0126")],
            "",
            vec![],
            false,
            false,
        ),
    ];
    for (name, company, numbers, notes, tags, favourite, opt_out) in people {
        store
            .add(
                &ContactInput {
                    name: name.into(),
                    company: company.map(Into::into),
                    numbers: numbers
                        .into_iter()
                        .map(|(label, number)| NumberInput {
                            label: label.into(),
                            number: number.into(),
                        })
                        .collect(),
                    notes: notes.into(),
                    tags: tags.into_iter().map(Into::into).collect(),
                    favourite,
                    opt_out,
                },
                None,
            )
            .unwrap();
    }
    store
}

/// What must survive a round trip: everything but ids and the exact text typed.
fn essence(contacts: Vec<Contact>) -> Vec<String> {
    contacts
        .into_iter()
        .map(|c| {
            let numbers: Vec<String> = c
                .numbers
                .iter()
                .map(|n| format!("{}={}{:?}", n.label, n.dial, n.extension))
                .collect();
            format!(
                "{}|{:?}|{}|{:?}|{:?}|fav={}|dnc={}",
                c.name,
                c.company,
                numbers.join(","),
                c.notes,
                c.tags,
                c.favourite,
                c.opt_out
            )
        })
        .collect()
}

fn round_trip(bytes: &[u8], format: ImportFormat) -> Vec<String> {
    let mut fresh = store();
    // No region: every exported number is international, so none is needed to read it back.
    let preview = preview(&fresh, bytes, None).unwrap();
    assert_eq!(preview.format, format);
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    commit(&mut fresh, &preview, |_, _| {}).unwrap();
    essence(fresh.list().unwrap())
}

#[test]
fn csv_export_imports_back_to_the_same_contacts() {
    let store = awkward_contacts();
    let csv = to_csv(&store.list().unwrap());
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(
        text.starts_with("Name,Company,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Phone 3 - Label,Phone 3 - Value,Notes,Tags,Favourite,Opt Out\n"),
        "{text}"
    );
    assert!(text.contains("+12015550124 ext. 7"), "{text}");
    assert!(text.contains("Clients ::: VIP"), "{text}");
    assert_eq!(
        round_trip(&csv, ImportFormat::CallpadCsv),
        essence(store.list().unwrap())
    );
}

#[test]
fn vcard_export_imports_back_to_the_same_contacts() {
    let store = awkward_contacts();
    let vcard = to_vcard(&store.list().unwrap());
    assert!(
        vcard.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"),
        "{vcard}"
    );
    for line in [
        "TEL;VALUE=uri;TYPE=work:tel:+12015550124;ext=7\r\n",
        "ORG:Acme\\, Inc.\\; Sales\r\n",
    ] {
        assert!(vcard.contains(line), "{line} in {vcard}");
    }
    assert!(vcard.lines().all(|l| l.len() <= 75), "folded at 75 octets");
    assert_eq!(
        round_trip(vcard.as_bytes(), ImportFormat::VCard),
        essence(store.list().unwrap())
    );
}

#[test]
fn an_empty_list_exports_a_header_only() {
    let csv = to_csv(&[]);
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        "Name,Company,Phone 1 - Label,Phone 1 - Value,Notes,Tags,Favourite,Opt Out\n"
    );
    assert_eq!(to_vcard(&[]), "");
}
