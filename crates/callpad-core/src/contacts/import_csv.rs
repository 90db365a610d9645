//! Reading contact CSV files: Google Contacts, Outlook, Callpad's own export, and plain
//! `name,phone` lists (with or without a header). Finds the delimiter and what each column holds;
//! checking numbers and writing are `import.rs`'s job. Parsing itself is the `csv` crate's.

use csv::{ReaderBuilder, StringRecord};

use super::excerpt::excerpt;
use super::import_types::{
    ColumnMapping, ColumnTarget, ImportFormat, ParsedFile, RawNumber, RawRow, RejectedRow,
};
use super::labels;
use crate::{Error, Result};

/// How many rows a headerless file is sampled on to tell its number columns from its name column.
const SNIFF_ROWS: usize = 50;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    Name,
    Given,
    Middle,
    Family,
    Suffix,
    Nickname,
    Company,
    /// Numbers with a fixed label.
    Number(String),
    /// Numbers whose label is in column `.0` (Google's `Phone 1 - Type`).
    NumberWithLabelColumn(Option<usize>),
    NumberLabel,
    Notes,
    Tags,
    Favourite,
    OptOut,
    Ignored(&'static str),
}

/// Reads a CSV file's text.
pub(crate) fn parse(text: &str) -> Result<ParsedFile> {
    // Excel writes `sep=;` as a first line to say which delimiter it used.
    let (delimiter, text, skipped_lines) = match excel_separator(text) {
        Some((delimiter, rest)) => (delimiter, rest, 1),
        None => (sniff_delimiter(text), text, 0),
    };
    let mut records: Vec<(usize, StringRecord)> = Vec::new();
    let mut rejected = Vec::new();
    // A quoted field that never closes (or runs on too long) would swallow every later row into
    // one cell: reject its row, naming the line the quote opens on, and read on from the next line.
    let mut start = 0;
    let mut first_line = 1 + skipped_lines;
    loop {
        let rest = &text[start..];
        let runaway = find_runaway_quote(rest.as_bytes(), delimiter);
        let good = runaway.as_ref().map_or(rest, |r| &rest[..r.record_start]);
        read_records(good, first_line, delimiter, &mut records, &mut rejected);
        let Some(runaway) = runaway else { break };
        let mut counter = LineCounter::new(rest, first_line - 1);
        let line = counter.line_at(runaway.quote as u64);
        rejected.push(RejectedRow {
            line,
            reason: runaway.problem.describe(line),
        });
        // Read on from the line after the one the quote opened on.
        let resume = memchr::memchr(b'\n', &rest.as_bytes()[runaway.quote..])
            .map_or(rest.len(), |i| runaway.quote + i + 1);
        first_line = line + 1;
        start += resume;
        if start >= text.len() {
            break;
        }
    }
    let Some((_, first)) = records.first() else {
        return Err(Error::ImportUnreadable {
            reason: "the file is empty".to_owned(),
        });
    };

    let headers: Vec<String> = first.iter().map(normalize_header).collect();
    let mut roles: Vec<Role> = headers.iter().map(|h| role_of(h)).collect();
    let has_header = roles.iter().any(|r| !matches!(r, Role::Ignored(_)));
    let mapping_names: Vec<String>;
    let data: &[(usize, StringRecord)];
    let format;
    if has_header {
        link_label_columns(&headers, &mut roles);
        if !roles
            .iter()
            .any(|r| matches!(r, Role::Number(_) | Role::NumberWithLabelColumn(_)))
        {
            return Err(Error::ImportUnreadable {
                reason: format!(
                    "no column holds phone numbers (the columns are {}); name one Phone, Mobile Phone or Phone 1 - Value",
                    first
                        .iter()
                        .take(20)
                        .map(excerpt)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        format = detect_format(&headers);
        mapping_names = first.iter().map(|h| h.trim().to_owned()).collect();
        data = &records[1..];
    } else {
        roles = sniff_roles(&records);
        if !roles.iter().any(|r| matches!(r, Role::Number(_))) {
            return Err(Error::ImportUnreadable {
                reason: "no column has phone numbers in it, and there is no header row naming one (such as Name,Phone)".to_owned(),
            });
        }
        format = ImportFormat::PlainCsv;
        mapping_names = (1..=roles.len()).map(|i| format!("column {i}")).collect();
        data = &records[..];
    }

    let mapping = roles
        .iter()
        .zip(&mapping_names)
        .map(|(role, column)| ColumnMapping {
            column: column.clone(),
            target: target_of(role, &mapping_names),
        })
        .collect();
    let rows = data
        .iter()
        .map(|(line, record)| read_row(*line, record, &roles, &mapping_names))
        .collect();
    Ok(ParsedFile {
        format,
        delimiter: Some(char::from(delimiter)),
        mapping,
        rows,
        rejected,
    })
}

/// A quoted field longer than this many lines is taken for a quote left open by mistake.
pub(crate) const MAX_QUOTED_LINES: usize = 20;
/// A quoted field bigger than this is taken for a quote left open by mistake.
pub(crate) const MAX_QUOTED_BYTES: usize = 64 * 1024;

/// Reads `text` (which starts on line `first_line` of the file) as CSV records.
fn read_records(
    text: &str,
    first_line: usize,
    delimiter: u8,
    records: &mut Vec<(usize, StringRecord)>,
    rejected: &mut Vec<RejectedRow>,
) {
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text, first_line - 1);
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
                if record.iter().any(|cell| !cell.trim().is_empty()) {
                    records.push((line, record));
                }
            }
            Err(err) => rejected.push(RejectedRow {
                line: err.position().map_or(0, |p| lines.line_at(p.byte())),
                reason: format!("the row cannot be read as CSV ({err})"),
            }),
        }
    }
}

/// A quoted field that runs away, found by [`find_runaway_quote`].
#[derive(Debug, PartialEq, Eq)]
struct Runaway {
    /// Where the record holding it starts.
    record_start: usize,
    /// Where its opening quote is.
    quote: usize,
    problem: RunawayProblem,
}

#[derive(Debug, PartialEq, Eq)]
enum RunawayProblem {
    /// The quote is never closed.
    NeverClosed,
    /// It runs on over more than [`MAX_QUOTED_LINES`] lines (closed or not).
    TooManyLines,
    /// It holds more than [`MAX_QUOTED_BYTES`] (closed or not).
    TooBig,
}

impl RunawayProblem {
    fn describe(&self, line: usize) -> String {
        let what = match self {
            RunawayProblem::NeverClosed => {
                "is never closed, so it would swallow every later row".to_owned()
            }
            RunawayProblem::TooManyLines => format!(
                "runs on over more than {MAX_QUOTED_LINES} lines, so its closing quote is probably missing"
            ),
            RunawayProblem::TooBig => format!(
                "is bigger than {} KiB, so its closing quote is probably missing",
                MAX_QUOTED_BYTES / 1024
            ),
        };
        format!(
            "the quoted field that opens on line {line} {what}; this row is skipped and reading goes on from line {}; close the quote (\") and import again",
            line + 1
        )
    }
}

/// The first quoted field in `text` that is never closed, spans more than [`MAX_QUOTED_LINES`]
/// lines or holds more than [`MAX_QUOTED_BYTES`], read with the `csv` crate's rules: a quote
/// opens a quoted field only at the start of a field, `""` inside one is a quote, and a record
/// ends at `\n` or `\r` outside quotes.
fn find_runaway_quote(text: &[u8], delimiter: u8) -> Option<Runaway> {
    let mut record_start = 0;
    let mut field_start = true;
    let mut i = 0;
    while i < text.len() {
        let byte = text[i];
        if field_start && byte == b'"' {
            let quote = i;
            let mut newlines = 0;
            i += 1;
            // Scanning stops at the limits, so a file of unclosed quotes costs O(n), not O(n²).
            let end = text.len().min(quote + MAX_QUOTED_BYTES + 2);
            let problem = loop {
                match memchr::memchr2(b'"', b'\n', &text[i.min(end)..end]) {
                    None if end == text.len() => break Some(RunawayProblem::NeverClosed),
                    None => break Some(RunawayProblem::TooBig),
                    Some(at) => {
                        i += at;
                        if text[i] == b'\n' {
                            newlines += 1;
                            i += 1;
                            if newlines + 1 > MAX_QUOTED_LINES {
                                break Some(RunawayProblem::TooManyLines);
                            }
                        } else if text.get(i + 1) == Some(&b'"') {
                            i += 2;
                        } else {
                            i += 1;
                            break None;
                        }
                    }
                }
            };
            if let Some(problem) = problem {
                return Some(Runaway {
                    record_start,
                    quote,
                    problem,
                });
            }
            field_start = false;
            continue;
        }
        match byte {
            b'\n' | b'\r' => {
                record_start = i + 1;
                field_start = true;
            }
            b if b == delimiter => field_start = true,
            _ => field_start = false,
        }
        i += 1;
    }
    None
}

/// Line numbers from byte offsets. (`csv`'s own line count lags by one after a `\r\n` ending, and
/// Windows exports all end lines that way.) Offsets must come in increasing order.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    /// `skipped` lines came before `text` in the file.
    fn new(text: &'a str, skipped: usize) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1 + skipped,
        }
    }

    /// The line of the first character at or after `byte` that is not a line ending.
    fn line_at(&mut self, byte: u64) -> usize {
        let mut at = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while at < self.text.len() && matches!(self.text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at > self.offset {
            self.line += memchr::memchr_iter(b'\n', &self.text[self.offset..at]).count();
            self.offset = at;
        }
        self.line
    }
}

/// The delimiter named by an Excel `sep=X` first line, and the text after that line.
fn excel_separator(text: &str) -> Option<(u8, &str)> {
    let (first, rest) = text.split_once('\n')?;
    let first = first.trim_end_matches('\r');
    let sep = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))?;
    match sep.as_bytes() {
        [b] if b.is_ascii_punctuation() || *b == b'\t' => Some((*b, rest)),
        _ => None,
    }
}

/// `,`, `;` or tab: whichever the header line (outside quotes) has most of.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    candidates[best]
}

fn normalize_header(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{FEFF}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn role_of(header: &str) -> Role {
    match header {
        "name" | "full name" | "display name" | "contact name" | "contact" => return Role::Name,
        "given name" | "first name" => return Role::Given,
        "additional name" | "middle name" => return Role::Middle,
        "family name" | "last name" | "surname" => return Role::Family,
        "name suffix" | "suffix" => return Role::Suffix,
        "nickname" | "file as" => return Role::Nickname,
        "company"
        | "company name"
        | "organization"
        | "organisation"
        | "organization name"
        | "organization 1 - name"
        | "org" => return Role::Company,
        "notes" | "note" | "comments" => return Role::Notes,
        "tags" | "labels" | "group membership" | "categories" | "groups" => return Role::Tags,
        "favourite" | "favorite" | "starred" => return Role::Favourite,
        "opt out" | "opt-out" | "opt_out" | "do not call" | "dnc" => return Role::OptOut,
        "number" | "phone number" | "telephone number" | "mobile number" | "cell number" => {
            return Role::Number(labels::normalize(header));
        }
        _ => {}
    }
    let words: Vec<&str> = header
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    // Google: `Phone 1 - Value` / `Phone 1 - Type` (or `- Label` in its newer export).
    if let ["phone", n, part] = words.as_slice()
        && n.chars().all(|c| c.is_ascii_digit())
    {
        return match *part {
            "value" => Role::NumberWithLabelColumn(None),
            "type" | "label" => Role::NumberLabel,
            _ => Role::Ignored("not a phone number"),
        };
    }
    if words.contains(&"fax") {
        return Role::Ignored("fax numbers are not dialled");
    }
    if words
        .iter()
        .any(|w| matches!(*w, "phone" | "mobile" | "cell" | "telephone" | "tel"))
    {
        return Role::Number(number_label(header));
    }
    Role::Ignored("not a contact field Callpad keeps")
}

/// The label a number column's header gives its numbers: `Business Phone 2` → `work`,
/// `Car Phone` → `car`.
fn number_label(header: &str) -> String {
    match labels::known(header) {
        Some(label) => label.to_owned(),
        None => {
            let words: Vec<&str> = header
                .split_whitespace()
                .filter(|w| !matches!(*w, "phone" | "tel" | "telephone"))
                .collect();
            labels::normalize(&words.join(" "))
        }
    }
}

/// Pairs each `Phone N - Value` with its `Phone N - Type`.
fn link_label_columns(headers: &[String], roles: &mut [Role]) {
    for i in 0..roles.len() {
        if roles[i] == Role::NumberWithLabelColumn(None) {
            let prefix = headers[i].trim_end_matches("value");
            let label = headers
                .iter()
                .position(|h| *h == format!("{prefix}type") || *h == format!("{prefix}label"));
            roles[i] = Role::NumberWithLabelColumn(label);
        }
    }
}

fn detect_format(headers: &[String]) -> ImportFormat {
    let has = |name: &str| headers.iter().any(|h| h == name);
    if has("opt out") {
        ImportFormat::CallpadCsv
    } else if has("phone 1 - value") || has("group membership") || has("organization 1 - name") {
        ImportFormat::GoogleCsv
    } else if has("business phone") || has("mobile phone") || has("home phone") {
        ImportFormat::OutlookCsv
    } else {
        ImportFormat::PlainCsv
    }
}

/// For a file without a header: columns that mostly hold phone numbers are numbers; the first
/// other column with text in it is the name.
fn sniff_roles(records: &[(usize, StringRecord)]) -> Vec<Role> {
    let width = records.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    let sample = &records[..records.len().min(SNIFF_ROWS)];
    let mut roles = Vec::with_capacity(width);
    let mut have_name = false;
    for column in 0..width {
        let cells: Vec<&str> = sample
            .iter()
            .filter_map(|(_, r)| r.get(column))
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let numberish = cells.iter().filter(|c| looks_like_number(c)).count();
        if !cells.is_empty() && numberish * 2 >= cells.len() {
            roles.push(Role::Number(labels::OTHER.to_owned()));
        } else if !cells.is_empty() && !have_name {
            have_name = true;
            roles.push(Role::Name);
        } else {
            roles.push(Role::Ignored("no header says what it holds"));
        }
    }
    roles
}

/// Mostly digits and the punctuation numbers are written with; a sniffing aid, not a parser
/// (the number module decides whether it is a number).
fn looks_like_number(cell: &str) -> bool {
    let digits = cell.chars().filter(char::is_ascii_digit).count();
    let others = cell
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/'))
        .count();
    digits >= 3 && others <= 4
}

fn target_of(role: &Role, columns: &[String]) -> ColumnTarget {
    match role {
        Role::Name => ColumnTarget::Name,
        Role::Given | Role::Middle | Role::Family | Role::Suffix => ColumnTarget::NamePart,
        Role::Nickname => ColumnTarget::NameFallback,
        Role::Company => ColumnTarget::Company,
        Role::Number(label) => ColumnTarget::Number {
            label: Some(label.clone()),
            label_column: None,
        },
        Role::NumberWithLabelColumn(label) => ColumnTarget::Number {
            label: None,
            label_column: label.map(|i| columns[i].clone()),
        },
        Role::NumberLabel => ColumnTarget::NumberLabel,
        Role::Notes => ColumnTarget::Notes,
        Role::Tags => ColumnTarget::Tags,
        Role::Favourite => ColumnTarget::Favourite,
        Role::OptOut => ColumnTarget::OptOut,
        Role::Ignored(reason) => ColumnTarget::Ignored {
            reason: (*reason).to_owned(),
        },
    }
}

fn read_row(line: usize, record: &StringRecord, roles: &[Role], columns: &[String]) -> RawRow {
    // Callpad's export marks cells a spreadsheet would run as formulas with a leading `'`.
    let cell = |i: usize| {
        record.get(i).map_or("", |c| {
            super::export::from_spreadsheet_safe(c.trim()).trim()
        })
    };
    let mut row = RawRow {
        line,
        ..RawRow::default()
    };
    let (mut given, mut middle, mut family, mut suffix, mut nickname) = ("", "", "", "", "");
    for (i, role) in roles.iter().enumerate() {
        let value = cell(i);
        if value.is_empty() {
            continue;
        }
        match role {
            Role::Name if row.name.is_empty() => row.name = value.to_owned(),
            Role::Given => given = value,
            Role::Middle => middle = value,
            Role::Family => family = value,
            Role::Suffix => suffix = value,
            Role::Nickname => nickname = value,
            Role::Company if row.company.is_empty() => row.company = value.to_owned(),
            Role::Number(label) => push_numbers(&mut row, label, value, &columns[i]),
            Role::NumberWithLabelColumn(label_column) => {
                let label = label_column.map_or("", &cell);
                push_numbers(&mut row, label, value, &columns[i]);
            }
            Role::Notes => {
                if !row.notes.is_empty() {
                    row.notes.push('\n');
                }
                row.notes.push_str(value);
            }
            Role::Tags => read_tags(&mut row, value),
            Role::Favourite => row.favourite |= truthy(value),
            Role::OptOut => row.opt_out |= truthy(value),
            _ => {}
        }
    }
    if row.name.is_empty() {
        row.name = [given, middle, family, suffix]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    if row.name.is_empty() {
        row.name = nickname.to_owned();
    }
    row
}

/// One cell may hold several numbers: Google separates them with ` ::: `.
fn push_numbers(row: &mut RawRow, label: &str, value: &str, column: &str) {
    for part in value.split(":::") {
        let part = part.trim();
        if !part.is_empty() {
            row.numbers.push(RawNumber {
                label: label.to_owned(),
                value: part.to_owned(),
                line: row.line,
                column: column.to_owned(),
            });
        }
    }
}

/// Tags separated by ` ::: ` (Google, Callpad) or `;` (Outlook). Google's system groups are not
/// tags: `* starred` marks a favourite and `* myContacts` means nothing.
fn read_tags(row: &mut RawRow, value: &str) {
    for tag in value.split(":::").flat_map(|t| t.split(';')) {
        let tag = tag.trim();
        let bare = tag.trim_start_matches('*').trim();
        match bare.to_lowercase().as_str() {
            "" | "mycontacts" => {}
            "starred" if tag.starts_with('*') => row.favourite = true,
            _ => row.tags.push(bare.to_owned()),
        }
    }
}

fn truthy(value: &str) -> bool {
    matches!(
        value.trim().to_lowercase().as_str(),
        "1" | "true" | "yes" | "y" | "x" | "*" | "on"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_sniffed_from_the_header_outside_quotes() {
        assert_eq!(sniff_delimiter("Name,Phone\n\"a;b;c\",1"), b',');
        assert_eq!(sniff_delimiter("\"Last, First\";Phone;Notes\n"), b';');
        assert_eq!(sniff_delimiter("Name\tPhone\n"), b'\t');
        assert_eq!(sniff_delimiter("Name\n"), b',');
    }

    #[test]
    fn an_excel_sep_line_names_the_delimiter_and_keeps_line_numbers() {
        let parsed = parse("sep=;\r\nName;Phone\r\nAnn, Lee;+1 201 555 0111\r\n").unwrap();
        assert_eq!(parsed.delimiter, Some(';'));
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(parsed.rows[0].name, "Ann, Lee");
        assert_eq!(parsed.rows[0].line, 3);
    }

    #[test]
    fn runaway_quotes_are_found_with_the_csv_crates_rules() {
        assert_eq!(find_runaway_quote(b"a,\"b\nc\",d\ne,f\n", b','), None);
        assert_eq!(
            find_runaway_quote(b"a,b\"c\ne\n", b','),
            None,
            "a quote inside a field is text"
        );
        assert_eq!(
            find_runaway_quote(b"a,\"b\"\"c\"\n", b','),
            None,
            "an escaped quote"
        );
        let found = find_runaway_quote(b"x,y\nAnn,\"+1 201\nBob,+1\n", b',').unwrap();
        assert_eq!(
            (found.record_start, found.quote, found.problem),
            (4, 8, RunawayProblem::NeverClosed)
        );
        let long = format!("a;\"{}\";b\n", "line\n".repeat(MAX_QUOTED_LINES));
        assert_eq!(
            find_runaway_quote(long.as_bytes(), b';').unwrap().problem,
            RunawayProblem::TooManyLines
        );
        let big = format!("a,\"{}\"\n", "x".repeat(MAX_QUOTED_BYTES + 1));
        assert_eq!(
            find_runaway_quote(big.as_bytes(), b',').unwrap().problem,
            RunawayProblem::TooBig
        );
    }

    #[test]
    fn headers_map_to_roles() {
        assert_eq!(role_of("mobile phone"), Role::Number("mobile".into()));
        assert_eq!(role_of("business phone 2"), Role::Number("work".into()));
        assert_eq!(role_of("car phone"), Role::Number("car".into()));
        assert_eq!(
            role_of("phone 3 - value"),
            Role::NumberWithLabelColumn(None)
        );
        assert_eq!(role_of("phone 3 - type"), Role::NumberLabel);
        assert!(matches!(role_of("business fax"), Role::Ignored(_)));
        assert!(matches!(role_of("phonetic first name"), Role::Ignored(_)));
        assert!(matches!(role_of("government id number"), Role::Ignored(_)));
        assert_eq!(role_of("organization 1 - name"), Role::Company);
    }
}
