//! Files that used to import wrongly without saying so: an unterminated quote that swallowed
//! every later row, UTF-16 without a byte-order mark, UTF-8 with one stray Windows-1252 byte,
//! and hostile cells echoed whole (10 MB, escape sequences) into rejection messages. Also the
//! do-not-call check for a number written as a `sip:` address, and vCard line folding.

mod common;

use callpad_core::contacts::{
    ContactInput, ContactStore, EXCERPT_CHARS, ImportPreview, NumberInput, commit, is_opted_out,
    preview, to_vcard,
};
use callpad_core::db;
use common::contact_named;

fn store() -> ContactStore {
    ContactStore::new(db::open_in_memory().unwrap()).unwrap()
}

fn names(store: &ContactStore) -> Vec<String> {
    let mut names: Vec<String> = store.list().unwrap().into_iter().map(|c| c.name).collect();
    names.sort();
    names
}

fn ten_rows_with_an_open_quote_on_row(broken: usize) -> String {
    let mut file = String::from("Name,Phone,Notes\n");
    for i in 1..=10 {
        if i == broken {
            file.push_str(&format!("Row {i},+1 201 555 01{i:02},\"never closed\n"));
        } else {
            file.push_str(&format!("Row {i},+1 201 555 01{i:02},fine\n"));
        }
    }
    file
}

#[test]
fn an_unterminated_quote_is_reported_with_its_line_and_the_rows_after_it_still_import() {
    let mut store = store();
    let file = ten_rows_with_an_open_quote_on_row(3);
    let preview = preview(&store, file.as_bytes(), Some("US")).unwrap();
    assert_eq!(preview.rows_read, 10, "{preview:?}");
    assert_eq!(preview.rows_ok, 9, "{preview:?}");
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    let rejected = &preview.rejected[0];
    // Row 3 is on line 4 (the header is line 1).
    assert_eq!(rejected.line, 4);
    assert!(
        rejected.reason.contains("opens on line 4") && rejected.reason.contains("never closed"),
        "{}",
        rejected.reason
    );
    commit(&mut store, &preview, |_, _| {}).unwrap();
    let mut expected: Vec<String> = (1..=10)
        .filter(|i| *i != 3)
        .map(|i| format!("Row {i}"))
        .collect();
    expected.sort();
    assert_eq!(names(&store), expected);
}

#[test]
fn a_quote_that_closes_only_far_later_is_reported_too() {
    let store = store();
    // The quote on row 2 is "closed" by a stray quote 30 lines on: everything between would be
    // one cell.
    let mut file = String::from("Name,Phone,Notes\nAnn,+1 201 555 0101,\"oops\n");
    for i in 0..30 {
        file.push_str(&format!("Person {i},+1 201 555 02{i:02},ok\n"));
    }
    file.push_str("Zed,+1 201 555 0199,\"closing\"\n");
    let preview = preview(&store, file.as_bytes(), Some("US")).unwrap();
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    assert_eq!(preview.rejected[0].line, 2);
    assert!(
        preview.rejected[0].reason.contains("lines"),
        "{:?}",
        preview.rejected
    );
    assert_eq!(preview.rows_ok, 31);
}

#[test]
fn a_real_multi_line_cell_still_imports_whole() {
    let mut store = store();
    let file = "Name,Phone,Notes\nAnn,+1 201 555 0101,\"line one\nline two\nline three\"\nBob,+1 201 555 0102,x\n";
    let preview = preview(&store, file.as_bytes(), Some("US")).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    commit(&mut store, &preview, |_, _| {}).unwrap();
    let ann = contact_named(&store, "Ann");
    assert_eq!(ann.notes, "line one\nline two\nline three");
    assert_eq!(names(&store), ["Ann", "Bob"]);
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn utf16_without_a_byte_order_mark_is_recognised_and_said() {
    let mut store = store();
    let text = "Name,Phone\nZoë,+1 201 555 0101\n";
    let preview_le = preview(&store, &utf16le(text), Some("US")).unwrap();
    assert!(
        preview_le.encoding.contains("UTF-16") && preview_le.encoding.contains("without"),
        "{}",
        preview_le.encoding
    );
    assert_eq!(preview_le.rows_ok, 1, "{preview_le:?}");
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let preview_be = preview(&store, &be, Some("US")).unwrap();
    assert!(
        preview_be.encoding.contains("UTF-16 BE"),
        "{}",
        preview_be.encoding
    );
    commit(&mut store, &preview_le, |_, _| {}).unwrap();
    assert_eq!(names(&store), ["Zoë"]);
}

#[test]
fn one_stray_windows_1252_byte_garbles_only_its_own_line_and_is_named() {
    let mut store = store();
    let mut file = "Name,Phone\nZoë Brontë,+1 201 555 0101\nRenée,+1 201 555 0102\n"
        .as_bytes()
        .to_vec();
    // Line 4: "José" written by something that used Windows-1252 (é = 0xE9).
    file.extend_from_slice(b"Jos\xE9,+1 201 555 0103\n");
    let preview = preview(&store, &file, Some("US")).unwrap();
    assert!(
        preview.encoding.starts_with("UTF-8") && preview.encoding.contains("line 4"),
        "{}",
        preview.encoding
    );
    commit(&mut store, &preview, |_, _| {}).unwrap();
    assert_eq!(names(&store), ["José", "Renée", "Zoë Brontë"]);
}

#[test]
fn a_file_that_is_all_windows_1252_is_still_read_as_that() {
    let store = store();
    let preview = preview(
        &store,
        b"Name,Phone\nRen\xE9e,+1 201 555 0102\n",
        Some("US"),
    )
    .unwrap();
    assert!(
        preview.encoding.starts_with("Windows-1252"),
        "{}",
        preview.encoding
    );
}

fn only_rejection(preview: &ImportPreview) -> &str {
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    &preview.rejected[0].reason
}

#[test]
fn rejected_cells_are_quoted_cut_and_cleaned_of_control_characters() {
    let store = store();
    let huge = "9".repeat(10 * 1024 * 1024);
    let file = format!("Name,Phone\nBig,x{huge}\n");
    let preview_big = preview(&store, file.as_bytes(), Some("US")).unwrap();
    let reason = only_rejection(&preview_big);
    assert!(reason.len() < 1_000, "{} bytes echoed", reason.len());
    assert!(
        reason.contains('…') && reason.contains("characters)"),
        "{reason}"
    );
    let echoed = reason.chars().filter(|c| *c == '9').count();
    assert!(
        echoed < EXCERPT_CHARS + 10,
        "{echoed} digits echoed: {reason}"
    );

    let hostile = "Name,Phone\nEvil,\"\u{1b}]0;pwned\u{7}\u{1b}[2J12\u{202E}34\"\n";
    let preview_hostile = preview(&store, hostile.as_bytes(), Some("US")).unwrap();
    let reason = only_rejection(&preview_hostile);
    assert!(
        !reason.chars().any(|c| c.is_control() || c == '\u{202E}'),
        "{reason:?}"
    );
    assert!(reason.starts_with('"'), "{reason}");

    let vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nTEL\u{1b}[31m no colon\r\nEND:VCARD\r\n";
    let preview_vcard = preview(&store, vcard.as_bytes(), Some("US")).unwrap();
    let reason = only_rejection(&preview_vcard);
    assert!(!reason.chars().any(char::is_control), "{reason:?}");
}

#[test]
fn an_empty_file_is_unreadable_input() {
    let store = store();
    for bytes in [&b""[..], b"\n\n", b"\xEF\xBB\xBF"] {
        let err = preview(&store, bytes, Some("US")).unwrap_err();
        assert_eq!(err.code(), "import_unreadable", "{bytes:?}: {err}");
        assert!(err.to_string().contains("empty"), "{err}");
    }
}

fn opted_out(store: &mut ContactStore, number: &str) {
    let contact = store
        .add(
            &ContactInput {
                name: format!("DNC {number}"),
                numbers: vec![NumberInput {
                    label: "mobile".into(),
                    number: number.into(),
                }],
                opt_out: true,
                ..ContactInput::default()
            },
            Some("US"),
        )
        .unwrap();
    assert!(contact.opt_out);
}

#[test]
fn a_do_not_call_number_is_refused_inside_a_sip_address_too() {
    let mut store = store();
    opted_out(&mut store, "(201) 555-0100");
    let conn = store.connection();
    for form in [
        "+12015550100",
        "sip:+12015550100@pbx.example.com",
        "sips:+12015550100@pbx.example.com:5061",
        "sip:12015550100@pbx.example.com",
        "sip:+1-201-555-0100@pbx.example.com",
        "sip:+12015550100;user=phone@pbx.example.com",
        "sip:%2B12015550100@pbx.example.com",
        "SIP:+12015550100@PBX.example.com",
    ] {
        assert!(is_opted_out(conn, form).unwrap(), "{form} was not refused");
    }
    for other in [
        "+12015550101",
        "sip:+120155501000@pbx.example.com",
        "sip:alice@pbx.example.com",
        "sip:+1201555010@pbx.example.com",
    ] {
        assert!(!is_opted_out(conn, other).unwrap(), "{other} was refused");
    }
}

#[test]
fn a_do_not_call_sip_address_with_a_number_in_it_refuses_that_number() {
    let mut store = store();
    opted_out(&mut store, "sip:+12015550177@pbx.example.com");
    let conn = store.connection();
    assert!(is_opted_out(conn, "+12015550177").unwrap());
    assert!(is_opted_out(conn, "sip:+12015550177@other.example.com").unwrap());
    assert!(!is_opted_out(conn, "+12015550178").unwrap());
}

#[test]
fn vcard_lines_are_folded_at_75_octets_without_splitting_characters() {
    let mut store = store();
    let long_name = "Zoë 😀 Brontë-Ångström ".repeat(8);
    let contact = store
        .add(
            &ContactInput {
                name: long_name.trim().to_owned(),
                numbers: vec![NumberInput {
                    label: "a label that is long enough to need folding on its own line".into(),
                    number: "+1 201 555 0101".into(),
                }],
                notes: "é".repeat(100),
                ..ContactInput::default()
            },
            Some("US"),
        )
        .unwrap();
    let card = to_vcard(&[contact]);
    for line in card.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let unfolded = card.replace("\r\n ", "");
    assert!(
        unfolded.contains(&format!("FN:{}", long_name.trim())),
        "{unfolded}"
    );
    // And it reads back to the same contact.
    let mut again = self::store();
    let preview = preview(&again, card.as_bytes(), None).unwrap();
    commit(&mut again, &preview, |_, _| {}).unwrap();
    assert_eq!(names(&again), [long_name.trim().to_owned()]);
}

#[test]
fn many_stray_quotes_each_cost_one_row_and_the_rest_import() {
    let store = store();
    let mut file = String::from("Name,Phone\n");
    let mut line = 1;
    let mut stray_lines = Vec::new();
    for block in 0..200 {
        line += 1;
        stray_lines.push(line);
        file.push_str(&format!("\"Stray {block},+1 201 555 0100\n"));
        for row in 0..25 {
            line += 1;
            file.push_str(&format!(
                "Person {block} {row},+1 201 555 {:04}\n",
                (block * 25 + row) % 10_000
            ));
        }
    }
    let started = std::time::Instant::now();
    let preview = preview(&store, file.as_bytes(), Some("US")).unwrap();
    let took = started.elapsed();
    // The last stray quote runs to the end of the file; all the others run over 20 lines.
    let rejected: Vec<usize> = preview.rejected.iter().map(|r| r.line).collect();
    assert_eq!(rejected, stray_lines);
    assert_eq!(preview.rows_ok, 200 * 25);
    assert_eq!(preview.rows_read, 200 * 26);
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");
}
