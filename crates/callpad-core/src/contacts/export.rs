//! Writing contacts out as Callpad CSV or vCard 4.0, in forms the importers read back to the same
//! contacts. Reading files is `import*.rs`.

use std::fmt::Write as _;

use super::labels;
use super::model::{Contact, ContactNumber};

/// Callpad's CSV: `Name, Company, Phone N - Label, Phone N - Value…, Notes, Tags, Favourite,
/// Opt Out`, one row per contact, tags joined with ` ::: ` as Google does.
pub fn to_csv(contacts: &[Contact]) -> Vec<u8> {
    let width = contacts
        .iter()
        .map(|c| c.numbers.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["Name".to_owned(), "Company".to_owned()];
    for i in 1..=width {
        header.push(format!("Phone {i} - Label"));
        header.push(format!("Phone {i} - Value"));
    }
    header.extend(["Notes", "Tags", "Favourite", "Opt Out"].map(str::to_owned));
    writer.write_record(&header).expect(IN_MEMORY);
    for contact in contacts {
        let mut record = vec![
            contact.name.clone(),
            contact.company.clone().unwrap_or_default(),
        ];
        for i in 0..width {
            match contact.numbers.get(i) {
                Some(number) => {
                    record.push(number.label.clone());
                    record.push(dial_text(number));
                }
                None => record.extend([String::new(), String::new()]),
            }
        }
        record.push(contact.notes.clone());
        record.push(contact.tags.join(" ::: "));
        record.push(yes_no(contact.favourite).to_owned());
        record.push(yes_no(contact.opt_out).to_owned());
        writer
            .write_record(
                record
                    .iter()
                    .map(|cell| spreadsheet_safe(cell).into_owned()),
            )
            .expect(IN_MEMORY);
    }
    writer.into_inner().expect(IN_MEMORY)
}

/// A CSV cell as a spreadsheet may safely open it: a cell starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be run as a formula (CSV injection), so it gets a leading `'`,
/// which spreadsheets read as "this is text" and hide. A phone number as Callpad writes it
/// (`+12015550100`, `+12015550100 ext. 12`) is left alone: it cannot be a formula, and other
/// programs importing the file need it as it is. The importer drops the `'` again.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if risky && !is_written_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// `+` and up to 15 digits, with an optional ` ext. ` and digits: E.164 as the export writes it.
fn is_written_number(cell: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let Some(rest) = cell.strip_prefix('+') else {
        return false;
    };
    let (number, ext) = match rest.split_once(" ext. ") {
        Some((number, ext)) => (number, Some(ext)),
        None => (rest, None),
    };
    digits(number) && number.len() <= 15 && ext.is_none_or(digits)
}

/// Undoes [`spreadsheet_safe`] when reading a cell back.
pub(crate) fn from_spreadsheet_safe(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.as_bytes().first(),
                Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}

/// Every record has the header's width and the writer is a `Vec`, so writing cannot fail.
const IN_MEMORY: &str = "writing equal-width CSV records to memory cannot fail";

/// vCard 4.0 (RFC 6350), lines folded at 75 octets. Labels other than mobile/work/home/main/other
/// are written the way Apple does (`item1.TEL` + `item1.X-ABLabel`); favourite and do-not-call
/// as `X-CALLPAD-FAVOURITE` / `X-CALLPAD-OPT-OUT`.
pub fn to_vcard(contacts: &[Contact]) -> String {
    let mut out = String::new();
    for contact in contacts {
        let mut lines: Vec<String> = vec![
            "BEGIN:VCARD".into(),
            "VERSION:4.0".into(),
            format!("FN:{}", escape(&contact.name)),
        ];
        if let Some(company) = &contact.company {
            lines.push(format!("ORG:{}", escape(company).replace(';', "\\;")));
        }
        let mut item = 0;
        for number in &contact.numbers {
            let value = if number.dial.starts_with('+') {
                match &number.extension {
                    Some(ext) => format!("tel:{};ext={ext}", number.dial),
                    None => format!("tel:{}", number.dial),
                }
            } else {
                number.dial.clone()
            };
            let vcard_type = match number.label.as_str() {
                labels::MOBILE => Some("cell"),
                labels::WORK => Some("work"),
                labels::HOME => Some("home"),
                labels::MAIN => Some("main"),
                labels::OTHER => None,
                _ => {
                    item += 1;
                    lines.push(format!("item{item}.TEL;VALUE=uri:{value}"));
                    lines.push(format!("item{item}.X-ABLabel:{}", escape(&number.label)));
                    continue;
                }
            };
            match vcard_type {
                Some(t) => lines.push(format!("TEL;VALUE=uri;TYPE={t}:{value}")),
                None => lines.push(format!("TEL;VALUE=uri:{value}")),
            }
        }
        if !contact.notes.is_empty() {
            lines.push(format!("NOTE:{}", escape(&contact.notes)));
        }
        if !contact.tags.is_empty() {
            let tags: Vec<String> = contact.tags.iter().map(|t| escape(t)).collect();
            lines.push(format!("CATEGORIES:{}", tags.join(",")));
        }
        if contact.favourite {
            lines.push("X-CALLPAD-FAVOURITE:1".into());
        }
        if contact.opt_out {
            lines.push("X-CALLPAD-OPT-OUT:1".into());
        }
        lines.push("END:VCARD".into());
        for line in lines {
            fold_into(&mut out, &line);
        }
    }
    out
}

/// What the importer reads back to the same number: E.164 with ` ext. N`, or the SIP URI.
fn dial_text(number: &ContactNumber) -> String {
    match &number.extension {
        Some(ext) => format!("{} ext. {ext}", number.dial),
        None => number.dial.clone(),
    }
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

/// Escapes a text value: backslash, comma, newline (`;` only where it separates components).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` with CRLF, folded so no physical line exceeds 75 octets (never inside a
/// character).
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let note = format!("NOTE:{}", "é".repeat(60));
        fold_into(&mut out, &note);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), note);
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        for risky in [
            "=1+1",
            "+1+cmd|' /C calc'!A0",
            "-2-3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "+1 201",
        ] {
            assert_eq!(spreadsheet_safe(risky), format!("'{risky}"), "{risky:?}");
            assert_eq!(from_spreadsheet_safe(&spreadsheet_safe(risky)), risky);
        }
        for safe in [
            "+12015550100",
            "+12015550100 ext. 12",
            "Ann",
            "",
            "'quoted",
            "sip:a@b.c",
        ] {
            assert_eq!(spreadsheet_safe(safe), safe, "{safe:?}");
            assert_eq!(from_spreadsheet_safe(safe), safe);
        }
    }

    #[test]
    fn text_escapes() {
        assert_eq!(escape("a,b\nc\\d"), "a\\,b\\nc\\\\d");
    }
}
