//! Importing contacts in two steps: `preview` reads a file (CSV or vCard), checks every row and
//! says what would happen; `commit` writes the good rows in one transaction, merging duplicates.
//! Reading each format is `import_csv.rs` / `import_vcard.rs`; this file owns what they share.

use std::collections::HashMap;
use std::fmt;

use rusqlite::{Connection, Transaction, params};
use serde::Serialize;
use ts_rs::TS;

use super::model::{
    Contact, ContactId, ContactInput, ContactNumber, ValidContact, push_number, push_tag,
};
use super::store::{
    ContactStore, Written, insert_contact, insert_numbers, insert_tags, load_contact,
};
use super::{import_csv, import_vcard};
use crate::{Error, Result};

/// How often (in contacts written) `commit` reports progress.
const PROGRESS_EVERY: usize = 500;

/// What kind of file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportFormat {
    /// Google Contacts' CSV export.
    GoogleCsv,
    /// Outlook's CSV export.
    OutlookCsv,
    /// Callpad's own CSV export.
    CallpadCsv,
    /// Any other CSV with a name and a phone column (or `name,phone` with no header).
    PlainCsv,
    /// vCard 2.1, 3.0 or 4.0.
    VCard,
}

impl fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImportFormat::GoogleCsv => "Google Contacts CSV",
            ImportFormat::OutlookCsv => "Outlook CSV",
            ImportFormat::CallpadCsv => "Callpad CSV",
            ImportFormat::PlainCsv => "CSV",
            ImportFormat::VCard => "vCard",
        })
    }
}

/// What one column (or vCard property) became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    /// The header as written in the file, `column 2` when there is none, or the vCard property.
    pub column: String,
    pub target: ColumnTarget,
}

/// The contact field a column fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ColumnTarget {
    Name,
    /// Part of the name (given, middle, family, suffix), joined in that order.
    NamePart,
    /// The name when the row has no other.
    NameFallback,
    Company,
    /// Phone numbers; the label is fixed, or read per row from `labelColumn`.
    #[serde(rename_all = "camelCase")]
    Number {
        label: Option<String>,
        label_column: Option<String>,
    },
    /// The label of the numbers in another column.
    NumberLabel,
    Notes,
    Tags,
    Favourite,
    OptOut,
    /// Not imported, and why.
    Ignored {
        reason: String,
    },
}

impl fmt::Display for ColumnTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnTarget::Name => f.write_str("name"),
            ColumnTarget::NamePart => f.write_str("part of the name"),
            ColumnTarget::NameFallback => f.write_str("name (when there is no other)"),
            ColumnTarget::Company => f.write_str("company"),
            ColumnTarget::Number {
                label_column: Some(column),
                ..
            } => write!(f, "number (label from \"{column}\")"),
            ColumnTarget::Number {
                label: Some(label), ..
            } => write!(f, "number ({label})"),
            ColumnTarget::Number { .. } => f.write_str("number"),
            ColumnTarget::NumberLabel => f.write_str("number label"),
            ColumnTarget::Notes => f.write_str("notes"),
            ColumnTarget::Tags => f.write_str("tags"),
            ColumnTarget::Favourite => f.write_str("favourite"),
            ColumnTarget::OptOut => f.write_str("do not call"),
            ColumnTarget::Ignored { reason } => write!(f, "ignored ({reason})"),
        }
    }
}

/// A row that will not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RejectedRow {
    /// The line in the file where the row (or the offending vCard line) is.
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for RejectedRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// What an import would do. Keep it and pass it to [`commit`] to do it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub format: ImportFormat,
    /// How the bytes were read, e.g. `UTF-8 with BOM`.
    pub encoding: String,
    /// The CSV delimiter found (`,` `;` or a tab); none for vCard.
    pub delimiter: Option<String>,
    pub mapping: Vec<ColumnMapping>,
    /// Rows (or cards) read, blank ones not counted.
    pub rows_read: usize,
    /// Rows that will be imported.
    pub rows_ok: usize,
    /// Every row that will not be, with its line and the reason.
    pub rejected: Vec<RejectedRow>,
    /// Rows that share a number with an earlier row or an existing contact and are merged into
    /// it instead of making a second contact.
    pub duplicates_merged: usize,
    /// Contacts the import would create.
    pub new_contacts: usize,
    /// Existing contacts it would add numbers or tags to.
    pub merged_into_existing: usize,
    #[serde(skip)]
    contacts: Vec<PlannedContact>,
}

/// What [`commit`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub created: usize,
    pub merged_into_existing: usize,
}

/// One contact the import will write: the good rows of the file that share numbers, merged.
#[derive(Debug, Clone)]
struct PlannedContact {
    contact: ValidContact,
}

/// A row as a format reader found it, before any checks.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawRow {
    pub line: usize,
    pub name: String,
    pub company: String,
    pub numbers: Vec<RawNumber>,
    pub notes: String,
    pub tags: Vec<String>,
    pub favourite: bool,
    pub opt_out: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct RawNumber {
    pub label: String,
    pub value: String,
    /// Where the value is (the vCard `TEL` line; the row's line for CSV).
    pub line: usize,
    /// The column or property it came from, for messages.
    pub column: String,
}

/// What a format reader hands back.
#[derive(Debug, Clone)]
pub(crate) struct ParsedFile {
    pub format: ImportFormat,
    pub delimiter: Option<char>,
    pub mapping: Vec<ColumnMapping>,
    pub rows: Vec<RawRow>,
    /// Rows the reader itself could not read.
    pub rejected: Vec<RejectedRow>,
}

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
    let contacts = merge_rows(good);
    let mut merged_into_existing = 0;
    let conn = store.connection();
    if has_numbers(conn)? {
        for planned in &contacts {
            if find_existing(conn, &planned.contact)?.is_some() {
                merged_into_existing += 1;
            }
        }
    }
    Ok(ImportPreview {
        format: parsed.format,
        encoding,
        delimiter: parsed.delimiter.map(|d| d.to_string()),
        mapping: parsed.mapping,
        rows_read,
        rows_ok,
        rejected,
        duplicates_merged: rows_ok - contacts.len() + merged_into_existing,
        new_contacts: contacts.len() - merged_into_existing,
        merged_into_existing,
        contacts,
    })
}

/// Writes every good row of `preview` in one transaction: a row sharing a number (same E.164 and
/// extension) with an existing contact adds its numbers and tags to that contact, keeping its
/// name; any other row becomes a new contact. `progress(done, total)` is called as it goes.
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
                true => find_existing(tx, &planned.contact)?,
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

fn has_numbers(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM contact_numbers)", [], |r| {
            r.get(0)
        })?,
    )
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

/// A column name as a message shows it: the header cell, cleaned like [`excerpt`], unquoted.
fn excerpt_column(column: &str) -> String {
    let quoted = excerpt(column);
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .map_or(quoted.clone(), str::to_owned)
}

/// Folds rows that share a number (directly or through other rows) into one contact each, in the
/// order of their first row. The first row's name wins; numbers and tags are joined.
fn merge_rows(rows: Vec<(usize, ValidContact)>) -> Vec<PlannedContact> {
    let mut parent: Vec<usize> = (0..rows.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut owner: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for (i, (_, contact)) in rows.iter().enumerate() {
        for number in &contact.numbers {
            let key = (number.dial.as_str(), number.extension.as_deref());
            match owner.get(&key) {
                Some(&other) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, other));
                    // The earlier row stays the root, so its name wins.
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    owner.insert(key, i);
                }
            }
        }
    }
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    let mut planned: Vec<PlannedContact> = Vec::new();
    let roots: Vec<usize> = (0..rows.len()).map(|i| root(&mut parent, i)).collect();
    for ((_, contact), root) in rows.into_iter().zip(roots) {
        match group_of.get(&root) {
            Some(&g) => merge_into(&mut planned[g].contact, contact),
            None => {
                group_of.insert(root, planned.len());
                planned.push(PlannedContact { contact });
            }
        }
    }
    planned
}

/// Adds what `extra` knows to `into`, keeping `into`'s name.
fn merge_into(into: &mut ValidContact, extra: ValidContact) {
    for number in extra.numbers {
        push_number(&mut into.numbers, number);
    }
    for tag in &extra.tags {
        push_tag(&mut into.tags, tag);
    }
    if into.company.is_none() {
        into.company = extra.company;
    }
    append_notes(&mut into.notes, &extra.notes);
    into.favourite |= extra.favourite;
    into.opt_out |= extra.opt_out;
}

fn append_notes(notes: &mut String, extra: &str) {
    let extra = extra.trim();
    if !extra.is_empty() && !notes.contains(extra) {
        if !notes.is_empty() {
            notes.push('\n');
        }
        notes.push_str(extra);
    }
}

/// The oldest existing contact holding any of `contact`'s numbers (same address and extension).
fn find_existing(conn: &Connection, contact: &ValidContact) -> Result<Option<ContactId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT min(contact_id) FROM contact_numbers WHERE dial = ?1 AND extension IS ?2",
    )?;
    let mut found: Option<ContactId> = None;
    for number in &contact.numbers {
        let id: Option<ContactId> =
            stmt.query_row(params![number.dial, number.extension], |r| r.get(0))?;
        if let Some(id) = id {
            found = Some(found.map_or(id, |f| f.min(id)));
        }
    }
    Ok(found)
}

/// Adds the new numbers and tags of `extra` to contact `id`; fills its company if it has none;
/// adds notes it does not have; favourite and do-not-call are kept if either side set them.
fn merge_into_existing(tx: &Transaction<'_>, id: ContactId, extra: &ValidContact) -> Result<()> {
    let existing = load_contact(tx, id)?.ok_or(Error::ContactNotFound { id })?;
    let mut merged = ValidContact {
        name: existing.name.clone(),
        company: existing.company.clone(),
        numbers: existing.numbers.clone(),
        notes: existing.notes.clone(),
        tags: existing.tags.clone(),
        favourite: existing.favourite,
        opt_out: existing.opt_out,
    };
    merge_into(&mut merged, extra.clone());
    insert_numbers(
        tx,
        id,
        existing.numbers.len(),
        &merged.numbers[existing.numbers.len()..],
    )?;
    insert_tags(
        tx,
        id,
        existing.tags.len(),
        &merged.tags[existing.tags.len()..],
    )?;
    tx.prepare_cached(
        "UPDATE contacts SET company = ?2, notes = ?3, favourite = ?4, opt_out = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id,
        merged.company,
        merged.notes,
        merged.favourite,
        merged.opt_out
    ])?;
    Ok(())
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

/// How many characters of a cell a message echoes at most.
pub const EXCERPT_CHARS: usize = 40;

/// Text from a file, made safe to show in a message: in double quotes, control characters
/// (escape sequences, line breaks) and bidi overrides shown as `�`/spaces rather than passed to
/// the terminal, and cut after [`EXCERPT_CHARS`] characters with `…` and the full length.
pub fn excerpt(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(EXCERPT_CHARS + 16);
    out.push('"');
    for (shown, c) in text.chars().enumerate() {
        if shown == EXCERPT_CHARS {
            out.push_str(&format!("…\" ({} characters)", text.chars().count()));
            return out;
        }
        out.push(match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() || is_invisible_format(c) => '\u{FFFD}',
            c => c,
        });
    }
    out.push('"');
    out
}

/// Bidi overrides and isolates, which can make a terminal show text in another order.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The file's text and how it was read: UTF-8 (BOM dropped), UTF-16 with a BOM or recognised
/// by its zero bytes, else UTF-8 line by line, where a line that is not UTF-8 is read as
/// Windows-1252 (what Outlook writes on many systems) and named in the description.
pub(crate) fn decode(bytes: &[u8]) -> (String, String) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (decode_lines(rest).0, "UTF-8 with BOM".to_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (utf16(rest, u16::from_le_bytes), "UTF-16".to_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (utf16(rest, u16::from_be_bytes), "UTF-16".to_owned());
    }
    match utf16_without_bom(bytes) {
        Some(Endian::Little) => {
            return (
                utf16(bytes, u16::from_le_bytes),
                "UTF-16 LE without a byte-order mark (recognised by its zero bytes)".to_owned(),
            );
        }
        Some(Endian::Big) => {
            return (
                utf16(bytes, u16::from_be_bytes),
                "UTF-16 BE without a byte-order mark (recognised by its zero bytes)".to_owned(),
            );
        }
        None => {}
    }
    let (text, not_utf8) = decode_lines(bytes);
    let description = match not_utf8.as_slice() {
        [] => "UTF-8".to_owned(),
        _ if !bytes.is_ascii() && not_utf8.len() == count_non_ascii_lines(bytes) => {
            "Windows-1252 (the file is not UTF-8)".to_owned()
        }
        lines => {
            const SHOWN: usize = 5;
            let mut named: Vec<String> = lines.iter().take(SHOWN).map(usize::to_string).collect();
            if lines.len() > SHOWN {
                named.push(format!("and {} more", lines.len() - SHOWN));
            }
            format!(
                "UTF-8; line{} {} {} not UTF-8 and {} read as Windows-1252, check {}",
                if lines.len() == 1 { "" } else { "s" },
                named.join(", "),
                if lines.len() == 1 { "is" } else { "are" },
                if lines.len() == 1 { "was" } else { "were" },
                if lines.len() == 1 { "it" } else { "them" },
            )
        }
    };
    (text, description)
}

#[derive(Debug, PartialEq, Eq)]
enum Endian {
    Little,
    Big,
}

/// UTF-16 text without a BOM has a zero byte in most pairs when it is mostly ASCII: at odd
/// offsets when little-endian, at even ones when big-endian. UTF-8 text has none.
fn utf16_without_bom(bytes: &[u8]) -> Option<Endian> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 6 && even * 10 < pairs {
        Some(Endian::Little)
    } else if even * 10 >= pairs * 6 && odd * 10 < pairs {
        Some(Endian::Big)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]])).collect();
    String::from_utf16_lossy(&units)
}

/// Each line as UTF-8 when it is, else as Windows-1252, and the (1-based) lines that were not.
fn decode_lines(bytes: &[u8]) -> (String, Vec<usize>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), Vec::new());
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut not_utf8 = Vec::new();
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(line) => text.push_str(line),
            Err(_) => {
                not_utf8.push(i + 1);
                text.extend(line.iter().map(|&b| windows_1252(b)));
            }
        }
    }
    (text, not_utf8)
}

fn count_non_ascii_lines(bytes: &[u8]) -> usize {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .filter(|line| !line.is_ascii())
        .count()
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reads_bom_utf16_and_windows_1252() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFName"),
            ("Name".into(), "UTF-8 with BOM".into())
        );
        assert_eq!(decode("Zoë".as_bytes()).0, "Zoë");
        assert_eq!(decode(b"\xFF\xFEN\x00o\x00").0, "No");
        let (text, encoding) = decode(b"Ren\xE9e \x80");
        assert_eq!(text, "Renée €");
        assert!(encoding.starts_with("Windows-1252"));
    }

    #[test]
    fn typescript_sees_numbers_not_bigints_and_no_rows() {
        use ts_rs::{Config, TS};
        let cfg = Config::default();
        let preview = ImportPreview::decl(&cfg);
        assert!(!preview.contains("contacts:"), "{preview}");
        assert!(preview.contains("rowsOk: number"), "{preview}");
        let contact = crate::contacts::Contact::decl(&cfg);
        assert!(contact.contains("id: number"), "{contact}");
        assert!(contact.contains("optOut: boolean"), "{contact}");
    }

    #[test]
    fn vcard_is_recognised_by_its_first_line() {
        assert!(is_vcard("\r\n  begin:vcard\r\nVERSION:3.0"));
        assert!(!is_vcard("Name,Phone\nBEGIN:VCARD"));
    }
}
