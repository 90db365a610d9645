//! Importing contacts in two steps: `preview` reads a file (CSV or vCard), checks every row and
//! says what would happen; `commit` writes the good rows in one transaction, merging duplicates.
//! Decoding the bytes is `decode.rs`; reading each format is `import_csv.rs` / `import_vcard.rs`;
//! what they produce and report is `import_types.rs`; folding duplicates is `import_merge.rs`.
//! This file checks each row and runs the two steps.

use super::decode::decode;
use super::excerpt::{excerpt, excerpt_column};
use super::import_merge::{find_existing, has_numbers, merge_into_existing, merge_rows};
use super::import_types::{ImportNotice, ImportPreview, ImportSummary, RawRow, RejectedRow};
use super::model::{Contact, ContactId, ContactInput, ContactNumber, ValidContact, push_number};
use super::store::{ContactStore, Written, insert_contact};
use super::{import_csv, import_vcard};
use crate::{Error, Result};

/// How often (in contacts written) `commit` reports progress.
const PROGRESS_EVERY: usize = 500;

/// Reads `bytes` (CSV or vCard, UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252) and
/// checks every row; `region` reads numbers written without `+`. Writes nothing.
pub fn preview(store: &ContactStore, bytes: &[u8], region: Option<&str>) -> Result<ImportPreview> {
    let (text, encoding) = decode(bytes);
    let parsed = if is_vcard(&text) {
        import_vcard::parse(&text)
    } else {
        import_csv::parse(&text)?
    };
    let rows_read = parsed.rows.len() + parsed.rejected.len();
    let mut rejected = parsed.rejected;
    let mut good: Vec<(usize, ValidContact)> = Vec::with_capacity(parsed.rows.len());
    for (row, result) in parsed.rows.iter().zip(validate_all(&parsed.rows, region)) {
        match result {
            Ok(contact) => good.push((row.line, contact)),
            Err(reject) => rejected.push(reject),
        }
    }
    rejected.sort_by_key(|r| r.line);
    let rows_ok = good.len();
    let (contacts, mut notices) = merge_rows(good);
    let mut merged_into_existing = 0;
    let conn = store.connection();
    if has_numbers(conn)? {
        for planned in &contacts {
            let existing = find_existing(conn, &planned.contact)?;
            if existing.same.is_some() {
                merged_into_existing += 1;
            }
            if let Some((other, number, alike)) = existing.other {
                let name = &planned.contact.name;
                let notice =
                    ImportNotice::shared(planned.line, name, &number, (&other, None), alike);
                notices.push(notice);
            }
        }
    }
    notices.sort_by_key(|n| n.line);
    Ok(ImportPreview {
        format: parsed.format,
        encoding,
        delimiter: parsed.delimiter.map(|d| d.to_string()),
        mapping: parsed.mapping,
        rows_read,
        rows_ok,
        rejected,
        duplicates_merged: rows_ok - contacts.len() + merged_into_existing,
        notices,
        new_contacts: contacts.len() - merged_into_existing,
        merged_into_existing,
        contacts,
    })
}

/// Writes every good row of `preview` in one transaction: a row sharing a number (same E.164 and
/// extension) and a name with an existing contact adds its numbers and tags to that contact; any
/// other row becomes a new contact. `progress(done, total)` is called as it goes.
/// Either all of it is written or, on any error (or if the process dies), none of it.
pub fn commit(
    store: &mut ContactStore,
    preview: &ImportPreview,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportSummary> {
    let total = preview.contacts.len();
    store.write_batch(|tx| {
        let mut summary = ImportSummary {
            created: 0,
            merged_into_existing: 0,
        };
        let mut written = Vec::with_capacity(total);
        // Into an empty list nothing can be a duplicate of an existing contact.
        let look_up = has_numbers(tx)?;
        progress(0, total);
        for (done, planned) in preview.contacts.iter().enumerate() {
            let existing = match look_up {
                true => find_existing(tx, &planned.contact)?.same,
                false => None,
            };
            match existing {
                Some(id) => {
                    merge_into_existing(tx, id, &planned.contact)?;
                    summary.merged_into_existing += 1;
                    written.push(Written::Changed(id));
                }
                None => {
                    summary.created += 1;
                    let id = insert_contact(tx, &planned.contact)?;
                    written.push(Written::New(stored(id, &planned.contact)));
                }
            }
            if (done + 1) % PROGRESS_EVERY == 0 {
                progress(done + 1, total);
            }
        }
        progress(total, total);
        Ok((summary, written))
    })
}

/// [`validate_row`] for every row, on every core for big files (reading numbers is most of an
/// import's time), in row order.
fn validate_all(rows: &[RawRow], region: Option<&str>) -> Vec<Result<ValidContact, RejectedRow>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || rows.len() < 2_000 {
        return rows.iter().map(|row| validate_row(row, region)).collect();
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = rows
            .chunks(rows.len().div_ceil(threads))
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|row| validate_row(row, region))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| {
                part.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The contact as stored under `id`.
fn stored(id: ContactId, contact: &ValidContact) -> Contact {
    Contact {
        id,
        name: contact.name.clone(),
        company: contact.company.clone(),
        numbers: contact.numbers.clone(),
        notes: contact.notes.clone(),
        tags: contact.tags.clone(),
        favourite: contact.favourite,
        opt_out: contact.opt_out,
    }
}

/// The checks a row must pass, and the contact it makes. Every bad number is named.
fn validate_row(row: &RawRow, region: Option<&str>) -> Result<ValidContact, RejectedRow> {
    let mut numbers: Vec<ContactNumber> = Vec::with_capacity(row.numbers.len());
    let mut problems: Vec<(usize, String)> = Vec::new();
    for raw in &row.numbers {
        let value = raw.value.trim();
        if value.is_empty() {
            continue;
        }
        match ContactNumber::parse(&raw.label, value, region) {
            Ok(number) => {
                push_number(&mut numbers, number);
            }
            Err(err) => problems.push((
                raw.line,
                format!(
                    "{} ({}): {err}",
                    excerpt(value),
                    excerpt_column(&raw.column)
                ),
            )),
        }
    }
    if let Some((line, _)) = problems.first() {
        let reason = problems
            .iter()
            .map(|(_, p)| p.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(RejectedRow {
            line: *line,
            reason,
        });
    }
    let Some(first) = numbers.first() else {
        let who = [row.name.trim(), row.company.trim()]
            .into_iter()
            .find(|s| !s.is_empty())
            .map(|s| format!("{} has", excerpt(s)))
            .unwrap_or_else(|| "the row has".to_owned());
        return Err(RejectedRow {
            line: row.line,
            reason: format!("{who} no phone number"),
        });
    };
    let name = [row.name.trim(), row.company.trim()]
        .into_iter()
        .find(|s| !s.is_empty())
        .map_or_else(|| first.display(), str::to_owned);
    let input = ContactInput {
        name,
        company: Some(row.company.clone()),
        numbers: Vec::new(),
        notes: row.notes.clone(),
        tags: row.tags.clone(),
        favourite: row.favourite,
        opt_out: row.opt_out,
    };
    let mut contact = input.validate(None).map_err(|err| RejectedRow {
        line: row.line,
        reason: match err {
            Error::InvalidContact { field, reason } => format!("the {field} {reason}"),
            other => other.to_string(),
        },
    })?;
    contact.numbers = numbers;
    Ok(contact)
}

/// True when the text is a vCard file (its first non-blank line opens a card).
fn is_vcard(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .is_some_and(|l| {
            l.as_bytes()
                .get(..11)
                .is_some_and(|head| head.eq_ignore_ascii_case(b"BEGIN:VCARD"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcard_is_recognised_by_its_first_line() {
        assert!(is_vcard("\r\n  begin:vcard\r\nVERSION:3.0"));
        assert!(!is_vcard("Name,Phone\nBEGIN:VCARD"));
    }
}
