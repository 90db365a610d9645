//! Reading vCard files (2.1, 3.0, 4.0): the subset a contact list needs — FN, N, ORG, TEL, NOTE,
//! CATEGORIES and Apple's item labels — with line unfolding and quoted-printable values.
//! Checking numbers and writing are `import.rs`'s job.
//!
//! Why a parser of our own: on crates.io `vcard4` accepts only strict RFC 6350 and fails a whole
//! file on one odd line (it refuses `TEL;TYPE=CELL` in a 3.0 card with a `LABEL`), and `ical`'s
//! vCard reader loses every card after a malformed line and cannot read 2.1-style bare
//! parameters (`TEL;CELL:`); neither says on which line a card starts. An import must keep the
//! good cards and name the line of each bad one, so this reads the subset itself.

use std::collections::HashMap;

use super::excerpt::excerpt;
use super::import_types::{
    ColumnMapping, ColumnTarget, ImportFormat, ParsedFile, RawNumber, RawRow, RejectedRow,
};
use super::labels;

/// One logical line: a property with its parameters, and the physical line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ContentLine {
    line: usize,
    group: Option<String>,
    /// Upper case, e.g. `TEL`.
    name: String,
    /// Parameter names in upper case; values as written (quotes removed), split at commas.
    params: Vec<(String, Vec<String>)>,
    value: String,
}

impl ContentLine {
    fn param(&self, name: &str) -> impl Iterator<Item = &str> {
        self.params
            .iter()
            .filter(move |(n, _)| n == name)
            .flat_map(|(_, values)| values.iter().map(String::as_str))
    }
}

#[derive(Debug, Default)]
struct Card {
    line: usize,
    lines: Vec<ContentLine>,
    /// The first line that could not be read, for the rejection.
    unreadable: Option<(usize, String)>,
}

/// Reads a vCard file's text. Never fails as a whole: bad cards are rejected one by one.
pub(crate) fn parse(text: &str) -> ParsedFile {
    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    let mut card: Option<Card> = None;
    for (line, raw) in unfold(text) {
        let parsed = parse_line(line, &raw);
        let name = parsed.as_ref().map(|l| l.name.as_str());
        let value = parsed.as_ref().map(|l| l.value.trim().to_ascii_uppercase());
        match (name, value.as_deref()) {
            (Some("BEGIN"), Some("VCARD")) => {
                if let Some(open) = card.take() {
                    rejected.push(RejectedRow {
                        line: open.line,
                        reason: "the card has no END:VCARD before the next BEGIN:VCARD".to_owned(),
                    });
                }
                card = Some(Card {
                    line,
                    ..Card::default()
                });
            }
            (Some("END"), Some("VCARD")) => {
                if let Some(done) = card.take() {
                    match read_card(done) {
                        Ok(row) => rows.push(row),
                        Err(reject) => rejected.push(reject),
                    }
                }
            }
            _ => {
                let Some(open) = card.as_mut() else { continue };
                match parsed {
                    Some(content) => open.lines.push(content),
                    None => {
                        if open.unreadable.is_none() && !raw.trim().is_empty() {
                            open.unreadable = Some((line, raw));
                        }
                    }
                }
            }
        }
    }
    if let Some(open) = card {
        rejected.push(RejectedRow {
            line: open.line,
            reason: "the card has no END:VCARD (the file may be cut short)".to_owned(),
        });
    }
    ParsedFile {
        format: ImportFormat::VCard,
        delimiter: None,
        mapping: mapping(),
        rows,
        rejected,
    }
}

fn mapping() -> Vec<ColumnMapping> {
    let map = |column: &str, target| ColumnMapping {
        column: column.to_owned(),
        target,
    };
    vec![
        map("FN", ColumnTarget::Name),
        map("N", ColumnTarget::NameFallback),
        map("ORG", ColumnTarget::Company),
        map(
            "TEL",
            ColumnTarget::Number {
                label: None,
                label_column: Some("TYPE / X-ABLabel".to_owned()),
            },
        ),
        map("NOTE", ColumnTarget::Notes),
        map("CATEGORIES", ColumnTarget::Tags),
        map("X-CALLPAD-FAVOURITE", ColumnTarget::Favourite),
        map("X-CALLPAD-OPT-OUT", ColumnTarget::OptOut),
    ]
}

fn read_card(card: Card) -> Result<RawRow, RejectedRow> {
    if let Some((line, raw)) = &card.unreadable {
        let head = raw
            .split([';', ':'])
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_uppercase();
        let head = head.rsplit('.').next().unwrap_or("");
        if matches!(head, "TEL" | "FN" | "N") {
            return Err(RejectedRow {
                line: *line,
                reason: format!(
                    "cannot read {}: a vCard line needs a \":\" after the property name",
                    excerpt(raw)
                ),
            });
        }
    }
    let mut row = RawRow {
        line: card.line,
        ..RawRow::default()
    };
    let group_labels: HashMap<&str, &str> = card
        .lines
        .iter()
        .filter(|l| l.name == "X-ABLABEL")
        .filter_map(|l| Some((l.group.as_deref()?, l.value.as_str())))
        .collect();
    let mut structured_name = None;
    for content in &card.lines {
        let value = decoded_value(content);
        match content.name.as_str() {
            "FN" if row.name.is_empty() => row.name = unescape(&value),
            "N" => structured_name = Some(value),
            "ORG" if row.company.is_empty() => {
                row.company = split_unescaped(&value, ';')
                    .into_iter()
                    .find(|part| !part.is_empty())
                    .unwrap_or_default();
            }
            "TEL" => {
                let types: Vec<String> = content.param("TYPE").map(str::to_lowercase).collect();
                if types.iter().any(|t| t == "fax") {
                    continue;
                }
                let label = match content.group.as_deref().and_then(|g| group_labels.get(g)) {
                    Some(label) => unescape(label),
                    None => label_from_types(&types),
                };
                row.numbers.push(RawNumber {
                    label,
                    value: unescape(&value),
                    line: content.line,
                    column: "TEL".to_owned(),
                });
            }
            "NOTE" => {
                if !row.notes.is_empty() {
                    row.notes.push('\n');
                }
                row.notes.push_str(&unescape(&value));
            }
            "CATEGORIES" => row.tags.extend(split_unescaped(&value, ',')),
            "X-CALLPAD-FAVOURITE" => row.favourite = value.trim() == "1",
            "X-CALLPAD-OPT-OUT" => row.opt_out = value.trim() == "1",
            _ => {}
        }
    }
    if row.name.trim().is_empty()
        && let Some(n) = structured_name
    {
        // N is family;given;additional;prefix;suffix.
        let parts = split_unescaped(&n, ';');
        let part = |i: usize| parts.get(i).map_or("", String::as_str);
        row.name = [part(3), part(1), part(2), part(0), part(4)]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    Ok(row)
}

/// The label `TYPE=` parameters give: `cell` → mobile, `work`, `home`, `main`; anything else
/// but the technical ones (`voice`, `pref`, …) is kept as written.
fn label_from_types(types: &[String]) -> String {
    let meaningful: Vec<&str> = types
        .iter()
        .map(String::as_str)
        .filter(|t| {
            !matches!(
                *t,
                "voice" | "pref" | "internet" | "msg" | "text" | "video" | "x400"
            )
        })
        .collect();
    for (wanted, label) in [
        ("cell", labels::MOBILE),
        ("iphone", labels::MOBILE),
        ("mobile", labels::MOBILE),
        ("main", labels::MAIN),
        ("work", labels::WORK),
        ("home", labels::HOME),
    ] {
        if meaningful.contains(&wanted) {
            return label.to_owned();
        }
    }
    match meaningful.first() {
        Some(other) => labels::normalize(other.trim_start_matches("x-")),
        None => labels::OTHER.to_owned(),
    }
}

/// The logical lines of the file with the physical line each starts on: a line starting with a
/// space or tab continues the one before (RFC 6350 §3.2), and a quoted-printable value ending
/// in `=` continues on the next line (vCard 2.1).
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut qp_continues = false;
    for (i, physical) in text.split('\n').enumerate() {
        let physical = physical.strip_suffix('\r').unwrap_or(physical);
        match out.last_mut() {
            Some((_, current)) if qp_continues => current.push_str(physical),
            Some((_, current)) if physical.starts_with([' ', '\t']) => {
                current.push_str(&physical[1..]);
            }
            _ => out.push((i + 1, physical.to_owned())),
        }
        let current = &mut out.last_mut().expect("just pushed").1;
        qp_continues = is_quoted_printable(current) && current.ends_with('=');
        if qp_continues {
            current.pop();
        }
    }
    out
}

fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("");
    head.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
}

/// `[group.]NAME;PARAM=a,"b";BARE:value`, or `None` if there is no `:` outside quotes.
fn parse_line(line: usize, text: &str) -> Option<ContentLine> {
    let mut quoted = false;
    let colon = text.char_indices().find_map(|(i, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        ':' if !quoted => Some(i),
        _ => None,
    })?;
    let (head, value) = (&text[..colon], &text[colon + 1..]);
    let mut parts = split_outside_quotes(head, ';').into_iter();
    let full_name = parts.next()?.trim().to_owned();
    if full_name.is_empty() {
        return None;
    }
    let (group, name) = match full_name.rsplit_once('.') {
        Some((group, name)) => (Some(group.to_owned()), name.to_ascii_uppercase()),
        None => (None, full_name.to_ascii_uppercase()),
    };
    let params = parts
        .filter(|p| !p.trim().is_empty())
        .map(|param| match param.split_once('=') {
            Some((key, values)) => {
                let key = key.trim().to_ascii_uppercase();
                // `TYPE="work,voice"` (RFC 6350's own examples) lists types inside the quotes.
                let list = key == "TYPE";
                let values = split_outside_quotes(values, ',')
                    .into_iter()
                    .map(|v| v.trim().trim_matches('"'))
                    .flat_map(|v| {
                        if list {
                            v.split(',').collect()
                        } else {
                            vec![v]
                        }
                    })
                    .map(|v| v.trim().to_owned())
                    .collect();
                (key, values)
            }
            // vCard 2.1 writes bare parameters: `TEL;CELL;VOICE:` and `;QUOTED-PRINTABLE:`.
            None => {
                let bare = param.trim().to_owned();
                let key = match bare.to_ascii_uppercase().as_str() {
                    "QUOTED-PRINTABLE" | "BASE64" | "8BIT" | "7BIT" => "ENCODING",
                    _ => "TYPE",
                };
                (key.to_owned(), vec![bare])
            }
        })
        .collect();
    Some(ContentLine {
        line,
        group,
        name,
        params,
        value: value.to_owned(),
    })
}

fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == separator && !quoted {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The value with quoted-printable undone (charset UTF-8 unless it says ISO-8859-1).
fn decoded_value(content: &ContentLine) -> String {
    let qp = content
        .param("ENCODING")
        .any(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"));
    if !qp {
        return content.value.clone();
    }
    let bytes = content.value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let latin1 = content
        .param("CHARSET")
        .any(|c| c.eq_ignore_ascii_case("ISO-8859-1") || c.eq_ignore_ascii_case("WINDOWS-1252"));
    if latin1 {
        out.iter().map(|&b| char::from(b)).collect()
    } else {
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Splits at unescaped `separator`s and unescapes each part.
fn split_unescaped(value: &str, separator: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            current.push(c);
            if let Some(next) = chars.next() {
                current.push(next);
            }
        } else if c == separator {
            parts.push(unescape(current.trim()));
            current.clear();
        } else {
            current.push(c);
        }
    }
    parts.push(unescape(current.trim()));
    parts
}

/// Undoes vCard text escapes: `\n` `\,` `\;` `\\`.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_unfold_and_keep_their_first_line_number() {
        let lines = unfold("BEGIN:VCARD\r\nNOTE:one\r\n  two\r\n\t three\r\nEND:VCARD\r\n");
        assert_eq!(lines[1], (2, "NOTE:one two three".to_owned()));
        assert_eq!(lines[2], (5, "END:VCARD".to_owned()));
    }

    #[test]
    fn quoted_printable_soft_breaks_join_and_decode() {
        let lines = unfold(
            "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 =\r\nau lait\r\nEND:VCARD",
        );
        assert_eq!(lines.len(), 2);
        let content = parse_line(1, &lines[0].1).unwrap();
        assert_eq!(decoded_value(&content), "Café au lait");
    }

    #[test]
    fn parameters_quoted_bare_and_grouped() {
        let line = parse_line(
            7,
            "item1.TEL;TYPE=\"work,voice\";VALUE=uri:tel:+1-555-555-0100;ext=2",
        )
        .unwrap();
        assert_eq!(line.group.as_deref(), Some("item1"));
        assert_eq!(line.name, "TEL");
        assert_eq!(line.param("TYPE").collect::<Vec<_>>(), ["work", "voice"]);
        assert_eq!(line.value, "tel:+1-555-555-0100;ext=2");
        let bare = parse_line(1, "TEL;CELL;VOICE:555 0101").unwrap();
        assert_eq!(bare.param("TYPE").collect::<Vec<_>>(), ["CELL", "VOICE"]);
        assert!(parse_line(1, "TEL;TYPE=CELL 555").is_none());
    }

    #[test]
    fn escapes_and_structured_values() {
        assert_eq!(
            unescape(r"Acme\, Inc.\nSecond line"),
            "Acme, Inc.\nSecond line"
        );
        assert_eq!(
            split_unescaped(r"Doe;Jane\;Ann;;;", ';'),
            ["Doe", "Jane;Ann", "", "", ""]
        );
        assert_eq!(split_unescaped(r"a\,b,c", ','), ["a,b", "c"]);
    }

    #[test]
    fn type_parameters_become_labels() {
        let types = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            label_from_types(&types(&["cell", "voice", "pref"])),
            "mobile"
        );
        assert_eq!(label_from_types(&types(&["work", "voice"])), "work");
        assert_eq!(label_from_types(&types(&["voice"])), "other");
        assert_eq!(label_from_types(&types(&["x-lake house"])), "lake house");
    }
}
