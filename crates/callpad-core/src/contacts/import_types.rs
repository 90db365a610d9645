//! What an import reads and reports: the format and column mapping found, rejected rows, the
//! preview a person confirms and the summary of what was written; and the raw rows the format
//! readers (`import_csv.rs`, `import_vcard.rs`) hand to `import.rs`.

use std::fmt;

use serde::Serialize;
use ts_rs::TS;

use super::excerpt::excerpt;
use super::model::ValidContact;

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

/// The words for a column's target, shown by the window's import preview and `callpad contacts
/// import` alike.
impl fmt::Display for ColumnTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnTarget::Name => f.write_str("Name"),
            ColumnTarget::NamePart => f.write_str("Part of the name"),
            ColumnTarget::NameFallback => f.write_str("Name, when the row has none"),
            ColumnTarget::Company => f.write_str("Company"),
            ColumnTarget::Number {
                label_column: Some(column),
                ..
            } => write!(f, "Number (label from “{column}”)"),
            ColumnTarget::Number {
                label: Some(label), ..
            } => write!(f, "Number ({label})"),
            ColumnTarget::Number { .. } => f.write_str("Number"),
            ColumnTarget::NumberLabel => f.write_str("Label of a number"),
            ColumnTarget::Notes => f.write_str("Notes"),
            ColumnTarget::Tags => f.write_str("Tags"),
            ColumnTarget::Favourite => f.write_str("Favourite"),
            ColumnTarget::OptOut => f.write_str("Do not call"),
            ColumnTarget::Ignored { reason } if reason.is_empty() => f.write_str("Not imported"),
            ColumnTarget::Ignored { reason } => write!(f, "Not imported — {reason}"),
        }
    }
}

/// The words for a CSV delimiter: `comma (,)`, `tab`, … (`none` for vCard).
pub fn delimiter_words(delimiter: Option<&str>) -> String {
    match delimiter {
        None => "none".to_owned(),
        Some(",") => "comma (,)".to_owned(),
        Some(";") => "semicolon (;)".to_owned(),
        Some("\t") => "tab".to_owned(),
        Some("|") => "pipe (|)".to_owned(),
        Some(other) => format!("“{other}”"),
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

/// What an import would do. Keep it and pass it to [`commit`](super::commit) to do it.
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
    /// Rows that share a number and a name with an earlier row or an existing contact and are
    /// merged into it instead of making a second contact.
    pub duplicates_merged: usize,
    /// What a person should know first: numbers that different names share (kept apart).
    pub notices: Vec<ImportNotice>,
    /// Contacts the import would create.
    pub new_contacts: usize,
    /// Existing contacts it would add numbers or tags to.
    pub merged_into_existing: usize,
    #[serde(skip)]
    pub(super) contacts: Vec<PlannedContact>,
}

impl ImportPreview {
    /// The counts in one line, as the CLI prints them and the window shows them first:
    /// `3 rows: 2 ok, 1 rejected, 0 duplicates merged`.
    pub fn summary(&self) -> String {
        format!(
            "{} rows: {} ok, {} rejected, {} duplicates merged",
            self.rows_read,
            self.rows_ok,
            self.rejected.len(),
            self.duplicates_merged
        )
    }
}

/// What [`commit`](super::commit) did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub created: usize,
    pub merged_into_existing: usize,
}

/// One contact the import will write: the good rows of the file that share numbers, merged.
#[derive(Debug, Clone)]
pub(super) struct PlannedContact {
    /// The line of its first row.
    pub(super) line: usize,
    pub(super) contact: ValidContact,
}

/// Something the import will do that a person should know before saying yes: a number two names
/// share, merged into one contact when the names are alike (`J. Doe`, `Jane Doe`), else both kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportNotice {
    /// The line of the row it is about.
    pub line: usize,
    /// What happens, in words, e.g. `"Mary Smith" has +1 206-555-0174, which "John Smith" (line
    /// 3) also has: both are kept, as separate contacts`.
    pub message: String,
}

impl ImportNotice {
    /// Row `line` (`name`) shares `number` with `other` — a row of the file at that line, or a
    /// stored contact when the line is `None`; `merged` when the names are alike.
    pub(super) fn shared(
        line: usize,
        name: &str,
        number: &str,
        (other, other_line): (&str, Option<usize>),
        merged: bool,
    ) -> ImportNotice {
        let whose = match other_line {
            Some(l) => format!("{} (line {l})", excerpt(other)),
            None => format!("your contact {}", excerpt(other)),
        };
        let outcome = match merged {
            true => "the names look like one person's, so they are merged into one contact",
            false => "both are kept, as separate contacts",
        };
        ImportNotice {
            line,
            message: format!(
                "{} has {number}, which {whose} also has: {outcome}",
                excerpt(name)
            ),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
